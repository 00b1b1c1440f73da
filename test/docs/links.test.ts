/**
 * Every relative link of the README and of the docs leads to a file that exists, and a link to a heading
 * (`file.md#heading`, `#heading`) to a heading of that file, as GitHub makes its anchors: the docs moved around
 * (README → docs/cli.md, docs/recipes.md, docs/reports.md; contributor material → docs/development/), and a
 * broken link is the first thing a reader trips on.
 */
import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { ROOT } from '../helpers/run-process.js';

/** Pages other changes write at the same time as this one; a link to them is checked once they exist. */
const WRITTEN_ELSEWHERE = new Set(['docs/lookup-events.md', 'docs/performance.md']);

const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.md') ? [join(dir, e.name)] : [],
  );
const pages = [
  ...['README.md', 'CONTRIBUTING.md', 'SECURITY.md', 'CHANGELOG.md', 'rules/README.md'].map((f) =>
    join(ROOT, f),
  ),
  ...walk(join(ROOT, 'docs')),
];

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .replace(/`/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchors(file: string): Set<string> {
  const text = readFileSync(file, 'utf8').replace(/^```[\s\S]*?^```$/gm, '');
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1]!)));
}

function links(file: string): string[] {
  const text = readFileSync(file, 'utf8').replace(/^```[\s\S]*?^```$/gm, '');
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1]!)
    .filter((target) => !/^[a-z]+:/i.test(target));
}

describe('links in the README and the docs', () => {
  it.each(pages.map((p) => [relative(ROOT, p), p]))('%s: every relative link resolves', (_name, page) => {
    const broken: string[] = [];
    for (const link of links(page)) {
      const [path, anchor] = link.split('#') as [string, string | undefined];
      const target = path === '' ? page : join(dirname(page), decodeURIComponent(path));
      if (!existsSync(target)) {
        if (!WRITTEN_ELSEWHERE.has(relative(ROOT, target))) broken.push(`${link}: no such file`);
        continue;
      }
      if (anchor && target.endsWith('.md') && statSync(target).isFile() && !anchors(target).has(anchor)) {
        broken.push(`${link}: no heading '${anchor}' in ${relative(ROOT, target)}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
