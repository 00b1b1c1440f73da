/**
 * LookupEvents plans on a generated busy account with the default rule set: calls, events read, seed events found
 * and rules served in part, for the full scan and for the planner at several budgets, against the loopback
 * CloudTrail server.
 *
 * Run: `node bench/lookup-plans.mjs` (it runs test/sources/lookup-events/busy-account.test.ts, which calls
 * runLookupPlansBench and prints the table). "calls" are those counted against the budget; throttled requests are
 * made again and counted apart. Wall times here are the loopback's; the column "at 2/s" is what every request
 * (throttled ones included) costs at the service's 2 requests per second per account and Region.
 */
import { silentLogger } from '../src/core/logger.js';
import type { SourceCoverage } from '../src/core/stats.js';
import type { CompiledRule } from '../src/rules/compile.js';
import { loadRuleSet } from '../src/rules/rule-set.js';
import {
  explainLookupPlans,
  readLookupEvents,
  type LookupEventsOptions,
  type RegionReport,
} from '../src/sources/lookup-events/index.js';
import { generateBusyAccount, seedSet } from '../test/helpers/busy-account.js';
import { CloudTrailTestServer } from '../test/helpers/cloudtrail-server.js';
import { DEFAULT_MAX_LOOKUP_CALLS } from '../src/core/options.js';

export interface BenchPlan {
  label: string;
  plan: 'auto' | 'full';
  maxCalls: number;
}

/**
 * The full scan, and the planner at the default budget, at 100 calls, and at 400 (where the full scan fits, and so is
 * chosen: it serves the rules no lookup can).
 */
export const BENCH_PLANS: BenchPlan[] = [
  { label: 'full scan', plan: 'full', maxCalls: 100_000 },
  {
    label: `planner, ${DEFAULT_MAX_LOOKUP_CALLS} calls (default)`,
    plan: 'auto',
    maxCalls: DEFAULT_MAX_LOOKUP_CALLS,
  },
  { label: 'planner, 100 calls', plan: 'auto', maxCalls: 100 },
  { label: 'planner, 400 calls', plan: 'auto', maxCalls: 400 },
];

export interface BenchOptions {
  /** Events in the account, the seven seed events included; default 20,000. */
  events?: number;
  hours?: number;
  writeShare?: number;
  region?: string;
  /** Client pace (requests per second); the server allows twice as many. Default 2,000. */
  requestsPerSecond?: number;
  /** Share of requests the server throttles at random; default 0. */
  randomThrottle?: number;
  /** Attempts per request before the lookup gives up; default 15. */
  maxAttempts?: number;
  /** Server latency per request in milliseconds; default 0. */
  latencyMs?: number;
  plans?: BenchPlan[];
}

export interface BenchRow {
  label: string;
  chosen: string;
  calls: number;
  throttled: number;
  events: number;
  seedsFound: number;
  /** Seed rules that matched a record read (by ruleId). */
  rulesMatched: string[];
  wallMs: number;
  report: RegionReport | undefined;
  coverage: SourceCoverage | undefined;
  /** Requests the server received (every attempt). */
  serverCalls: number;
}

export interface BenchResult {
  rows: BenchRow[];
  seedIds: string[];
  seedRules: CompiledRule[];
  totalEvents: number;
  hours: number;
}

export async function runLookupPlansBench(options: BenchOptions = {}): Promise<BenchResult> {
  const region = options.region ?? 'us-east-1';
  const hours = options.hours ?? 24;
  const end = new Date(Math.floor(Date.now() / 3600_000) * 3600_000);
  const start = new Date(end.getTime() - hours * 3600_000);
  const seeds = await seedSet(end, region, hours);
  const ruleSet = await loadRuleSet({ rulesPaths: [], excludeRules: [], minSeverity: 'low' }, silentLogger);
  const filler = generateBusyAccount({
    events: (options.events ?? 20_000) - seeds.events.size,
    end,
    hours,
    region,
    writeShare: options.writeShare ?? 0.03,
  });
  const all = [...filler, ...seeds.events.values()];
  const seedIds = [...seeds.events.values()].map((e) => e.eventID as string);
  const rps = options.requestsPerSecond ?? 2000;
  const server = await CloudTrailTestServer.start({
    requestsPerSecond: rps * 2,
    randomThrottle: options.randomThrottle ?? 0,
    delayMs: options.latencyMs ?? 0,
  });
  server.setEvents(region, all);
  const rows: BenchRow[] = [];
  try {
    for (const bench of options.plans ?? BENCH_PLANS) {
      server.requests.length = 0;
      const stats: { apiCalls: number; coverage?: SourceCoverage } = { apiCalls: 0 };
      let report: RegionReport | undefined;
      const found = new Set<string>();
      const matched = new Set<string>();
      let events = 0;
      const started = performance.now();
      const lookupOptions: LookupEventsOptions = {
        regions: [region],
        includeGlobalRegion: false,
        start,
        end,
        rules: ruleSet.rules,
        context: { correlations: ruleSet.correlations },
        plan: bench.plan,
        maxCalls: bench.maxCalls,
        requestsPerSecond: rps,
        retry: { baseDelayMs: 5, maxDelayMs: 100, maxAttempts: options.maxAttempts ?? 15 },
        endpoint: server.url,
        credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' },
        onRegionDone: (r) => (report = r),
      };
      for await (const record of readLookupEvents(
        lookupOptions,
        {
          fileRead() {},
          fileSkipped() {},
          error(origin, message) {
            throw new Error(`${origin.file}: ${message}`);
          },
        },
        stats,
      )) {
        events++;
        const parsed = JSON.parse(record.text) as Record<string, unknown>;
        if (seedIds.includes(parsed.eventID as string)) found.add(parsed.eventID as string);
        for (const rule of seeds.rules) if (rule.matches(parsed)) matched.add(rule.rule.ruleId);
      }
      rows.push({
        label: bench.label,
        chosen: report?.plan ?? '?',
        calls: stats.apiCalls,
        throttled: report?.throttled ?? 0,
        events,
        seedsFound: found.size,
        rulesMatched: [...matched].sort(),
        wallMs: Math.round(performance.now() - started),
        report,
        coverage: stats.coverage,
        serverCalls: server.calls(),
      });
    }
  } finally {
    await server.close();
  }
  return { rows, seedIds, seedRules: seeds.rules, totalEvents: all.length, hours };
}

export function formatBench(result: BenchResult): string {
  const header = [
    'plan',
    'window read by',
    'calls',
    'throttled (made again)',
    'events read',
    'seeds found',
    'rules in part',
    'wall (loopback)',
    'at 2/s',
  ];
  const lines = result.rows.map((r) => [
    r.label,
    r.chosen === 'lookups'
      ? `${(r.report?.lookups.length ?? 1) - 1} lookups`
      : r.chosen === 'full'
        ? 'full scan'
        : r.chosen,
    String(r.coverage?.budget.spent ?? r.calls),
    String(r.throttled),
    String(r.events),
    `${r.seedsFound}/${result.seedIds.length}`,
    String(new Set(r.coverage?.partial.map((p) => p.ruleId)).size),
    `${(r.wallMs / 1000).toFixed(2)} s`,
    `${Math.round(r.calls / 2)} s`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const row = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  const planner = result.rows.find((r) => r.label === BENCH_PLANS[1]!.label);
  return [
    `LookupEvents plans with the default rule set on a busy account: ${result.totalEvents} events over ${result.hours} ` +
      `hour${result.hours === 1 ? '' : 's'} in one Region, seven seed attacks inside`,
    row(header),
    row(widths.map((w) => '-'.repeat(w))),
    ...lines.map(row),
    ...(planner?.report
      ? [
          '',
          `The planner at the default budget (--explain):`,
          explainLookupPlans(planner.coverage, [planner.report]),
        ]
      : []),
  ].join('\n');
}
