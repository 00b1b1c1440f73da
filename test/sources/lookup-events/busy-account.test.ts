/**
 * The "Done when" for the LookupEvents source (#16): on a generated busy account (20,000 events in 24 h in
 * one Region, ~3 % writes, the seven seed events inside), the default rule set at the default budget reads all seven
 * seed events with at most 10 % of the 400 calls a full scan needs, and says which rules it served only in part; with
 * 30 % of the calls throttled, no event is lost and the budget holds. The benchmark prints calls and wall time of
 * each plan (bench/lookup-plans-core.ts; `node bench/lookup-plans.mjs`).
 */
import { BENCH_PLANS, formatBench, runLookupPlansBench } from '../../../bench/lookup-plans-core.js';
import { DEFAULT_MAX_LOOKUP_CALLS } from '../../../src/core/options.js';
import { SEED_RULE_IDS } from '../../helpers/busy-account.js';

const env = process.env;

describe('a busy account through LookupEvents, default rule set', () => {
  it('benchmark: the planner finds the seven seed events with at most 10 % of the full scan, and names what it left', async () => {
    const result = await runLookupPlansBench({
      events: Number(env.LOOKUP_BENCH_EVENTS ?? 20_000),
      hours: Number(env.LOOKUP_BENCH_HOURS ?? 24),
      randomThrottle: Number(env.LOOKUP_BENCH_THROTTLE ?? 0),
      latencyMs: Number(env.LOOKUP_BENCH_LATENCY ?? 0),
    });
    process.stdout.write(`\n${formatBench(result)}\n\n`);
    if (env.LOOKUP_BENCH_EVENTS !== undefined) return; // a benchmark run with other sizes: printed only
    const row = (label: string) => result.rows.find((r) => r.label === label)!;
    const [full, planner, hundred, fits] = BENCH_PLANS.map((p) => row(p.label));
    expect(result.totalEvents).toBe(20_000);
    expect(full).toMatchObject({ calls: 400, events: 20_000, seedsFound: 7, chosen: 'full' });
    expect(full!.coverage!.partial.filter((p) => p.reason !== 'data-events')).toEqual([]);
    for (const r of [full, planner, hundred, fits]) {
      expect(r!.seedsFound).toBe(7);
      expect(r!.rulesMatched).toEqual([...SEED_RULE_IDS].sort());
      expect(r!.serverCalls).toBe(r!.calls);
    }
    // The default budget: at most 10 % of the full scan, within the budget, lookups rather than the full scan.
    expect(planner!.chosen).toBe('lookups');
    expect(planner!.calls).toBeLessThanOrEqual(DEFAULT_MAX_LOOKUP_CALLS);
    expect(planner!.calls).toBeLessThanOrEqual(full!.calls / 10);
    const partial = planner!.coverage!.partial;
    const reasons = new Map(partial.map((p) => [p.ruleId, p.reason]));
    // Rules no lookup serves are named as such; the correlation on denied calls through its member rule.
    expect(reasons.get('api-call-denied')).toBe('needs-every-event');
    expect(partial.find((p) => p.ruleId === 'access-denied-burst')).toMatchObject({
      via: 'api-call-denied',
      regions: ['us-east-1'],
    });
    expect(reasons.get('first-seen-access-key-source-ip')).toBe('needs-every-event');
    // Data events are never in LookupEvents.
    expect(reasons.get('s3-object-deleted')).toBe('data-events');
    // No seed rule is partial: they are served whole.
    for (const id of SEED_RULE_IDS) expect(reasons.has(id)).toBe(false);
    expect(planner!.coverage!.remedy).toMatch(/full scan of the window would need about \d{3} calls/);
    expect(planner!.coverage!.budget).toMatchObject({
      limit: DEFAULT_MAX_LOOKUP_CALLS,
      spent: planner!.calls,
    });
    // A larger budget serves more rules by lookups; one that holds the full scan reads it all, every rule served.
    expect(hundred!.chosen).toBe('lookups');
    expect(hundred!.calls).toBeLessThanOrEqual(100);
    expect(new Set(hundred!.coverage!.partial.map((p) => p.ruleId)).size).toBeLessThan(
      new Set(partial.map((p) => p.ruleId)).size,
    );
    expect(fits!.chosen).toBe('full');
    expect(fits!.calls).toBe(400);
    expect(fits!.coverage!.partial.filter((p) => p.reason !== 'data-events')).toEqual([]);
  });

  it('with 30 % of the calls throttled, the planner reads the same events and keeps to the budget', async () => {
    const plans = [
      BENCH_PLANS[1]!,
      BENCH_PLANS[3]!, // the full scan fits the budget exactly: throttling must not cut it
      { label: 'enough', plan: 'auto' as const, maxCalls: 100_000 },
    ];
    const calm = (await runLookupPlansBench({ plans, requestsPerSecond: 200 })).rows;
    const throttled = (await runLookupPlansBench({ randomThrottle: 0.3, plans, requestsPerSecond: 200 }))
      .rows;
    for (const [i, row] of throttled.entries()) {
      const before = calm[i]!;
      expect(row.throttled).toBeGreaterThan(0);
      // Every event the calm run read is read, each throttled request made again, the same plan chosen.
      expect(row.events).toBe(before.events);
      expect(row.seedsFound).toBe(7);
      expect(row.chosen).toBe(before.chosen);
      expect(row.coverage!.partial).toEqual(before.coverage!.partial);
      // The budget counts the calls that were answered: the same as the calm run's, within the budget; the
      // throttled requests are counted apart, and AWS received both.
      expect(row.coverage!.budget.spent).toBe(before.coverage!.budget.spent);
      expect(row.coverage!.budget.spent).toBeLessThanOrEqual(plans[i]!.maxCalls);
      expect(row.coverage!.budget.throttled).toBe(row.throttled);
      expect(row.serverCalls).toBe(row.coverage!.budget.spent + row.throttled);
      expect(row.calls).toBe(row.serverCalls);
      for (const lookup of row.report!.lookups) expect(lookup.complete).toBe(true);
    }
  });

  it('throttled requests are bounded too: past as many again as the budget, the run stops and says what it cut', async () => {
    const plans = [BENCH_PLANS[1]!];
    const [row] = (
      await runLookupPlansBench({
        randomThrottle: 0.6,
        // Enough attempts that no request runs out of them before the budget does (15 in a row, 0.6^15, happens
        // once in a few runs when the lookups' requests interleave differently).
        maxAttempts: 60,
        plans,
        requestsPerSecond: 200,
      })
    ).rows;
    expect(row!.throttled).toBe(DEFAULT_MAX_LOOKUP_CALLS);
    expect(row!.coverage!.budget.throttled).toBe(DEFAULT_MAX_LOOKUP_CALLS);
    expect(row!.serverCalls).toBeLessThanOrEqual(2 * DEFAULT_MAX_LOOKUP_CALLS);
    expect(row!.coverage!.partial.some((p) => p.reason === 'budget')).toBe(true);
  });
});
