import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { ROOT } from '../helpers/run-process.js';

describe('docs/rules.md', () => {
  it('is what `npm run docs:rules` generates from the rule files now', async () => {
    let out = '';
    const code = await main(['rules', 'list', '--markdown'], {
      stdout: (t) => (out += t),
      stderr: () => {},
      isTTY: false,
      now: () => 0,
    });
    expect(code).toBe(0);
    const committed = readFileSync(join(ROOT, 'docs/rules.md'), 'utf8');
    if (committed !== out) {
      throw new Error('docs/rules.md is stale: run `npm run package && npm run docs:rules` and commit it');
    }
    expect(out).toMatch(/\| `guardduty-detector-deleted` \| GuardDuty detector deleted \| high \|/);
  });
});
