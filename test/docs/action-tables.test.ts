import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/run-process.js';
// @ts-expect-error -- a plain ESM script, shared by `npm run docs:action` and this test
import { withActionTables } from '../../scripts/action-tables.mjs';

describe("the README's inputs and outputs tables", () => {
  it('are what action.yml generates (`npm run docs:action`)', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const generated = (withActionTables as (r: string, a: string) => string)(
      readme,
      readFileSync(join(ROOT, 'action.yml'), 'utf8'),
    );
    if (generated !== readme)
      throw new Error('README.md tables are stale: run `npm run docs:action` and commit it');
    expect(readme).toMatch(/\| `fail-on-severity` \| Fail the job when a finding is at or above this level/);
  });
});
