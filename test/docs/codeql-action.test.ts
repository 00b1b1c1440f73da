/**
 * GitHub retires github/codeql-action v3 (node20); v4 (node24) is current. Every workflow and example this repository
 * ships or documents uses v4.
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/run-process.js';

const files = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
  ...readdirSync(join(ROOT, 'docs/examples')).map((f) => `docs/examples/${f}`),
  ...readdirSync(join(ROOT, '.github/workflows')).map((f) => `.github/workflows/${f}`),
];

describe('github/codeql-action', () => {
  it('is used at v4 everywhere', () => {
    const uses = files.flatMap((file) =>
      [...readFileSync(join(ROOT, file), 'utf8').matchAll(/github\/codeql-action\/([a-z-]+)@(\S+)/g)].map(
        (m) => `${file}: ${m[1]}@${m[2]}`,
      ),
    );
    expect(uses.length).toBeGreaterThanOrEqual(5);
    expect(uses.filter((u) => !u.endsWith('@v4'))).toEqual([]);
  });
});
