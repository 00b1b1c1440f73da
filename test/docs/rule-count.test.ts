/**
 * One rule count everywhere a user reads one: the scan's "with N rules", `rules list`, docs/rules.md, the README
 * and the CHANGELOG's unreleased section all say the number of rules that can make findings (single-event,
 * first-seen and correlation rules; the helper rules that only feed correlations are counted apart).
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { ROOT } from '../helpers/run-process.js';

async function cli(argv: string[]): Promise<string> {
  let out = '';
  const code = await main(argv, {
    stdout: (t) => (out += t),
    stderr: () => {},
    isTTY: false,
    now: () => Date.now(),
  });
  expect(code).toBe(0);
  return out;
}

const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

describe('the rule count', () => {
  it('is the same in the scan, rules list, docs/rules.md, the README and the CHANGELOG', async () => {
    const scanned = Number(
      / with (\d+) rules\./.exec(await cli(['scan', join(ROOT, 'samples'), '--quiet']))![1],
    );
    const list =
      /^(\d+) rules \((\d+) single-event and first-seen, (\d+) correlation\); (\d+) helper rules/m.exec(
        await cli(['rules', 'list']),
      )!;
    const [, listed, single, correlation, helpers] = list.map(Number);
    expect(listed).toBe(scanned);
    expect(single! + correlation!).toBe(listed);
    expect(read('docs/rules.md')).toContain(
      `${listed} rules (${single} single-event and first-seen, ${correlation} correlation); ${helpers} helper rules`,
    );
    expect(read('README.md')).toMatch(new RegExp(`runs ${listed} built-in detections`));
    const changelog = read('CHANGELOG.md');
    const start = changelog.indexOf('## [Unreleased]');
    const unreleased = changelog.slice(start, changelog.indexOf('\n## [', start));
    expect(unreleased).toMatch(
      new RegExp(
        `\\b${listed} built-in rules \\(${single} single-event and first-seen, ${correlation} correlation`,
      ),
    );
  });
});
