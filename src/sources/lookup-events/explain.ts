/** The LookupEvents plan as text, for the CLI's `--explain` and the action's log. */
import type { PartialRule, SourceCoverage } from '../../core/stats.js';
import { hasCover, type RuleCover } from './coverage.js';
import type { Period, RegionPlan } from './planner.js';

function duration(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${(seconds / 60).toFixed(1)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

const WINDOW_PLAN: Record<RegionReport['plan'], string> = {
  read: 'the first page held the whole window',
  full: 'full scan',
  lookups: 'lookups',
};

const WHY: Record<PartialRule['reason'], string> = {
  'needs-every-event': 'needs every event (no lookup attribute selects its events)',
  budget: 'its lookups did not fit the budget',
  'data-events': 'matches data events, which LookupEvents does not return',
  errors: 'a read it needed failed',
};

function ruleList(ids: readonly string[]): string {
  return ids.length > 6 ? `${ids.slice(0, 6).join(', ')}, ... (${ids.length})` : ids.join(', ');
}

/** How the rules can be fetched, and the budget (before any request: the plan needs each Region's first page). */
export function describeCoverage(covers: readonly RuleCover[], maxCalls: number, option?: string): string {
  const byName = covers.filter((c) => c.names !== null && c.names.length > 0);
  const bySource = covers.filter((c) => c.names === null && c.sources !== null && !c.writeOnly);
  const writes = covers.filter((c) => c.names === null && c.writeOnly);
  const everyEvent = covers.filter((c) => !hasCover(c) && c.dataNames.length === 0);
  const data = covers.filter((c) => c.dataNames.length > 0 && (c.names === null || c.names.length === 0));
  const lines = [
    `LookupEvents: at most ${maxCalls} calls in all${option ? ` (${option})` : ''}; ${covers.length} ` +
      `single-event and first-seen rule${covers.length === 1 ? '' : 's'} (correlations follow their members), fetched:`,
    `  by their event names (EventName, or ReadOnly=false for write calls): ${byName.length}`,
    ...(bySource.length > 0 ? [`  by EventSource: ${ruleList(bySource.map((c) => c.ruleId))}`] : []),
    ...(writes.length > 0 ? [`  by ReadOnly=false: ${ruleList(writes.map((c) => c.ruleId))}`] : []),
    ...(everyEvent.length > 0
      ? [
          `  need every event (served whole only when a full scan fits the budget, else partial on this source): ` +
            ruleList(everyEvent.map((c) => c.ruleId)),
        ]
      : []),
    ...(data.length > 0
      ? [`  data events, never in LookupEvents (partial): ${ruleList(data.map((c) => c.ruleId))}`]
      : []),
    'Each Region reads its first page of the window in full; the plan, made from those pages, is printed after the ' +
      'scan.',
  ];
  return lines.join('\n');
}

/** The budget, each Region's plan and what it cost, the rules served in part, the history read. */
export function explainLookupPlans(
  coverage: SourceCoverage | undefined,
  reports: readonly RegionReport[],
): string {
  const lines: string[] = [];
  if (coverage) {
    const b = coverage.budget;
    lines.push(
      `LookupEvents: ${b.spent} of at most ${b.limit} calls (${b.option ?? 'fixed'}); the plan estimated ${b.estimated}` +
        (b.throttled ? `; ${b.throttled} throttled requests made again (not counted).` : '.'),
    );
  }
  for (const r of [...reports].sort((a, b) => a.region.localeCompare(b.region))) {
    const history =
      r.history && r.history !== 'none' ? `; history: ${r.history === 'full' ? 'full scan' : 'lookups'}` : '';
    lines.push(`${r.region}: window: ${WINDOW_PLAN[r.plan]}${history}`);
    if (r.probe) {
      lines.push(
        `  probe: 1 page, ${r.probe.events} events over ${duration(r.probe.coveredSeconds)}` +
          (r.estimates ? ` (~${count(r.estimates.eventsPerHour)} events/hour)` : ''),
      );
    }
    if (r.estimates && r.plan !== 'read') {
      lines.push(
        `  rest of the window: full scan ~${count(r.estimates.full)} calls, lookups for every rule a lookup can ` +
          `serve ~${count(r.estimates.lookups)}`,
      );
    }
    if (r.estimates?.historyFull !== undefined) {
      lines.push(
        `  history: full scan ~${count(r.estimates.historyFull)} calls, lookups for the first-seen rules ` +
          `~${count(r.estimates.historyLookups ?? 0)}`,
      );
    }
    for (const l of r.lookups) {
      const state =
        (l.spare ? ', with what the plan left' : '') +
        (l.complete ? '' : l.cut ? ', CUT by the budget' : ', INCOMPLETE');
      lines.push(
        `  ${l.period === 'history' ? 'history' : 'window '} ${l.lookup}: ~${l.estimate} estimated, ${l.calls} ` +
          `call${l.calls === 1 ? '' : 's'}, ${l.events} events${state}`,
      );
    }
    lines.push(
      `  ${r.calls} request${r.calls === 1 ? '' : 's'} (${r.throttled} throttled), ${r.events} events` +
        `${r.duplicates ? ` (+${r.duplicates} duplicates dropped)` : ''} in ${(r.durationMs / 1000).toFixed(1)} s`,
    );
    for (const error of r.errors.slice(0, 3)) lines.push(`  error: ${error}`);
  }
  if (coverage && coverage.partial.length > 0) {
    lines.push('Rules served in part (they ran on the events fetched for the others):');
    for (const p of coverage.partial) {
      const where = p.regions.length > 0 ? ` in ${p.regions.join(', ')}` : '';
      const via = p.via ? ` (through ${p.via})` : '';
      lines.push(`  ${p.ruleId}${via}${where}: ${WHY[p.reason]}`);
    }
    if (coverage.remedy) lines.push(`  To serve them: ${coverage.remedy}.`);
  }
  if (coverage?.history) {
    const h = coverage.history;
    lines.push(
      `History ${h.since} to ${h.until} (first run, no saved state): ${h.spent} calls; ` +
        `${h.served.length} first-seen rule${h.served.length === 1 ? ' judges' : 's judge'} the window now` +
        (h.notServed.length > 0 ? `; still learning: ${h.notServed.join(', ')}` : ''),
    );
  }
  return lines.join('\n');
}

/** One lookup of a Region's plan and what it cost. */
export interface LookupReport {
  period: Period;
  /** `all events`, `EventName=CreateUser`, `ReadOnly=false`. */
  lookup: string;
  /** Calls the plan expected. */
  estimate: number;
  /** Calls counted against the budget (throttled requests made again are not). */
  calls: number;
  pages: number;
  events: number;
  /** Read to its end. */
  complete: boolean;
  /** Stopped because the run's budget ran out. */
  cut?: boolean;
  /** Not in the plan (the budget cut it); run after it with what was left. */
  spare?: boolean;
}

/** What one Region did: the plan, the lookups and what they cost. */
export interface RegionReport {
  region: string;
  /** The window: its first page held it all (`read`), the full scan, or lookups. */
  plan: RegionPlan['window'];
  history?: RegionPlan['history'];
  /** The probe (the full scan's first page) and what it showed. */
  probe?: { events: number; coveredSeconds: number };
  estimates?: RegionPlan['estimates'];
  lookups: LookupReport[];
  /** Requests made (every attempt). */
  calls: number;
  throttled: number;
  retried: number;
  pages: number;
  /** Events yielded (after de-duplication). */
  events: number;
  /** Events dropped because their EventId was already yielded (another Region or lookup). */
  duplicates: number;
  errors: string[];
  /** True when every lookup read to its end. */
  complete: boolean;
  durationMs: number;
}
