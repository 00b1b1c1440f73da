/** The correlation engine as the scan feeds it: the matches of rules that make no finding of their own. */
import { describe, expect, it } from '@jest/globals';
import { ruleSetOf, scanRecords } from '../helpers/scan-records.js';
import { loginFailure, MINUTE, loadRuleSet } from './helpers.js';

describe('CorrelationEngine in a scan', () => {
  it('gets the matches of generate:false rules, which make no finding of their own', async () => {
    const set = await loadRuleSet();
    const window = { start: Date.parse('2026-03-02T00:00:00Z'), end: Date.parse('2026-03-03T00:00:00Z') };
    const t0 = Date.parse('2026-03-02T10:00:00Z');
    const records = Array.from({ length: 6 }, (_, i) => loginFailure(t0 + i * MINUTE, 'alice'));
    const result = await scanRecords(ruleSetOf(set.rules, set.correlations), records, { window });
    expect(result.findings.map((f) => f.ruleId)).not.toContain('console-login-failed');
    expect(result.findings.filter((f) => f.ruleId === 'console-login-failures').map((f) => f.count)).toEqual([
      6,
    ]);
  });
});
