/**
 * The built-in rules' cache (dist/rules/builtin.json, written by npm run package through scripts/rules-cache.ts):
 * the rule set loaded from it is the one parsed from the YAML files, problems and all.
 */
import { describe, expect, it } from '@jest/globals';
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadRules, rulesCacheOf, type LoadedRules } from '../../src/rules/load.js';
import { ROOT, tempDir } from '../helpers/run-process.js';

/** What a load yields, without the compiled matchers (functions). */
function loaded(result: LoadedRules) {
  return {
    rules: result.rules.map((r) => r.rule),
    correlations: result.correlations,
    problems: result.problems,
    skipped: result.skipped,
  };
}

describe('the built-in rules cache', () => {
  it('loads the same rules, correlations and first-seen rules as the YAML files', async () => {
    const dir = join(tempDir(), 'builtin');
    cpSync(join(ROOT, 'rules/builtin'), dir, { recursive: true });
    const parsed = await loadRules([dir], { builtin: true });
    writeFileSync(`${dir}.json`, JSON.stringify(await rulesCacheOf(dir)));
    const cached = await loadRules([dir], { builtin: true });
    expect(cached.rules.length).toBeGreaterThan(50);
    expect(loaded(cached)).toEqual(loaded(parsed));
  });

  it('keeps a problem of a rule file (the same message, from the cache)', async () => {
    const dir = join(tempDir(), 'builtin');
    cpSync(join(ROOT, 'rules/builtin'), dir, { recursive: true });
    writeFileSync(join(dir, 'zz-broken.yml'), 'title: [unclosed\n');
    const parsed = await loadRules([dir], { builtin: true });
    writeFileSync(`${dir}.json`, JSON.stringify(await rulesCacheOf(dir)));
    const cached = await loadRules([dir], { builtin: true });
    expect(parsed.problems.map((p) => p.file)).toEqual([join(dir, 'zz-broken.yml')]);
    expect(loaded(cached)).toEqual(loaded(parsed));
  });

  it('is not read for a folder of user rules', async () => {
    const dir = join(tempDir(), 'own');
    cpSync(join(ROOT, 'rules/builtin/ami-shared-externally.yml'), join(dir, 'ami-shared-externally.yml'));
    writeFileSync(`${dir}.json`, JSON.stringify({ files: [] }));
    const own = await loadRules([dir], { builtin: false });
    expect(own.rules.map((r) => r.rule.ruleId)).toEqual(['ami-shared-externally']);
  });
});
