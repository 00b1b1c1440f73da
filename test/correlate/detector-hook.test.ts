/** The engine behind the Detector's observe hook (notes/analyzers contract), as the scan will wire it. */
import { describe, expect, it } from '@jest/globals';
import { CorrelationEngine } from '../../src/correlate/engine.js';
import { Detector } from '../../src/detect/detector.js';
import { loadRuleSet, loginFailure, MINUTE } from './helpers.js';

describe('CorrelationEngine as the Detector observer', () => {
  it('gets the matches of generate:false rules, which make no finding of their own', async () => {
    const set = await loadRuleSet();
    const window = { start: Date.parse('2026-03-02T00:00:00Z'), end: Date.parse('2026-03-03T00:00:00Z') };
    const engine = new CorrelationEngine(set.correlations, { window });
    const detector = new Detector(set.index, window, undefined, {
      observe: (rule, timed, inWindow) => engine.observe(rule, timed, inWindow),
    });
    const t0 = Date.parse('2026-03-02T10:00:00Z');
    const records = Array.from({ length: 6 }, (_, i) => loginFailure(t0 + i * MINUTE, 'alice'));
    for (const record of records) detector.consume({ record, time: Date.parse(record.eventTime) });
    expect(detector.findings().map((f) => f.ruleId)).not.toContain('console-login-failed');
    expect(engine.findings().map((f) => [f.ruleId, f.count])).toEqual([['console-login-failures', 6]]);
  });
});
