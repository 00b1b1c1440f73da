/**
 * The "Done when" for the LookupEvents source: on a generated busy account (20,000 events in 24 h in
 * one Region, ~3 % writes, the seven seed events inside), the planner finds all seven seed events with at most
 * 10 % of the 400 calls a full scan needs; with 30 % of the calls throttled, no event is lost. The benchmark
 * prints calls and wall time of each plan (bench/lookup-plans-core.ts; `node bench/lookup-plans.mjs`).
 */
import { formatBench, runLookupPlansBench } from '../../../bench/lookup-plans-core.js';
import { SEED_RULE_IDS } from '../../helpers/busy-account.js';

const env = process.env;

describe('a busy account through LookupEvents', () => {
  it('benchmark: every plan finds the seven seed events; the planner needs at most 10 % of the full scan', async () => {
    const result = await runLookupPlansBench({
      events: Number(env.LOOKUP_BENCH_EVENTS ?? 20_000),
      randomThrottle: Number(env.LOOKUP_BENCH_THROTTLE ?? 0),
      latencyMs: Number(env.LOOKUP_BENCH_LATENCY ?? 0),
    });
    process.stdout.write(`\n${formatBench(result)}\n\n`);
    if (env.LOOKUP_BENCH_EVENTS !== undefined) return; // a benchmark run with other sizes: printed only
    const row = (plan: string) => result.rows.find((r) => r.plan === plan)!;
    expect(result.totalEvents).toBe(20_000);
    expect(row('full')).toMatchObject({ calls: 400, events: 20_000, seedsFound: 7 });
    for (const plan of ['full', 'event-names', 'write-only', 'auto']) {
      expect(row(plan).seedsFound).toBe(7);
      expect(row(plan).rulesMatched).toEqual(expect.arrayContaining([...SEED_RULE_IDS]));
    }
    expect(row('auto').chosen).toBe('event-names');
    expect(row('auto').calls).toBeLessThanOrEqual(40);
    expect(row('event-names').calls).toBeLessThanOrEqual(40);
    expect(row('write-only').calls).toBeLessThanOrEqual(40);
    // The planner: its probe page, then the per-name lookups; never more than the probe above per-name alone.
    expect(row('auto').calls).toBeLessThanOrEqual(row('event-names').calls + 1);
  });

  it('with 30 % of the calls throttled, the planner still reads every event it read without throttling', async () => {
    const result = await runLookupPlansBench({
      randomThrottle: 0.3,
      plans: ['auto'],
      requestsPerSecond: 200,
    });
    const [auto] = result.rows;
    expect(auto!.seedsFound).toBe(7);
    expect(auto!.rulesMatched).toEqual([...SEED_RULE_IDS].sort());
    expect(auto!.throttled).toBeGreaterThan(0);
    expect(auto!.report!.complete).toBe(true);
    const calm = await runLookupPlansBench({ plans: ['auto'], requestsPerSecond: 200 });
    expect(auto!.events).toBe(calm.rows[0]!.events);
    expect(auto!.calls).toBe(calm.rows[0]!.calls + auto!.throttled);
  });
});
