/**
 * LookupEvents plans on a generated busy account: calls and wall time of each plan (full scan, per-eventName
 * lookups, ReadOnly=false, and the planner's own choice), against the loopback CloudTrail server.
 *
 * Run: `node bench/lookup-plans.mjs` (it runs test/sources/lookup-events/busy-account.test.ts, which calls
 * runLookupPlansBench and prints the table). Wall times here are the loopback's; the column "at 2/s" is what
 * the calls cost at the service's 2 requests per second per account and Region.
 */
import type { CompiledRule } from '../src/rules/compile.js';
import {
  readLookupEvents,
  type LookupEventsOptions,
  type RegionReport,
} from '../src/sources/lookup-events/index.js';
import { generateBusyAccount, seedSet } from '../test/helpers/busy-account.js';
import { CloudTrailTestServer } from '../test/helpers/cloudtrail-server.js';

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
  /** Server latency per request in milliseconds; default 0. */
  latencyMs?: number;
  plans?: LookupEventsOptions['plan'][];
}

export interface BenchRow {
  plan: string;
  chosen: string;
  calls: number;
  throttled: number;
  events: number;
  seedsFound: number;
  /** Seed rules that matched a record read (by ruleId). */
  rulesMatched: string[];
  wallMs: number;
  report: RegionReport | undefined;
}

export interface BenchResult {
  rows: BenchRow[];
  seedIds: string[];
  rules: CompiledRule[];
  totalEvents: number;
}

export async function runLookupPlansBench(options: BenchOptions = {}): Promise<BenchResult> {
  const region = options.region ?? 'us-east-1';
  const hours = options.hours ?? 24;
  const end = new Date(Math.floor(Date.now() / 3600_000) * 3600_000);
  const start = new Date(end.getTime() - hours * 3600_000);
  const seeds = await seedSet(end, region, hours);
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
    for (const plan of options.plans ?? ['full', 'event-names', 'write-only', 'auto']) {
      server.requests.length = 0;
      const stats = { apiCalls: 0 };
      let report: RegionReport | undefined;
      const found = new Set<string>();
      const matched = new Set<string>();
      let events = 0;
      const started = performance.now();
      for await (const record of readLookupEvents(
        {
          regions: [region],
          includeGlobalRegion: false,
          start,
          end,
          rules: seeds.rules,
          plan,
          writeOnly: plan === 'write-only',
          requestsPerSecond: rps,
          retry: { baseDelayMs: 5, maxDelayMs: 100, maxAttempts: 15 },
          endpoint: server.url,
          credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' },
          onRegionDone: (r) => (report = r),
        },
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
      const row: BenchRow = {
        plan: plan ?? 'auto',
        chosen: report?.plan ?? '?',
        calls: stats.apiCalls,
        throttled: report?.throttled ?? 0,
        events,
        seedsFound: found.size,
        rulesMatched: [...matched].sort(),
        wallMs: Math.round(performance.now() - started),
        report,
      };
      rows.push(row);
    }
  } finally {
    await server.close();
  }
  return { rows, seedIds, rules: seeds.rules, totalEvents: all.length };
}

export function formatBench(result: BenchResult): string {
  const header = [
    'plan',
    'chosen',
    'calls',
    'throttled',
    'events read',
    'seeds found',
    'wall (loopback)',
    'at 2/s',
  ];
  const lines = result.rows.map((r) => [
    r.plan,
    r.chosen,
    String(r.calls),
    String(r.throttled),
    String(r.events),
    `${r.seedsFound}/${result.seedIds.length}`,
    `${(r.wallMs / 1000).toFixed(2)} s`,
    `${Math.round(r.calls / 2)} s`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const row = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [
    `LookupEvents plans on a busy account: ${result.totalEvents} events in one Region, seven seed events inside`,
    row(header),
    row(widths.map((w) => '-'.repeat(w))),
    ...lines.map(row),
  ].join('\n');
}
