/** The LookupEvents plans as text, for the CLI's `--explain` and the action's log. */
import type { PlanEstimates, PlanKind, PushdownTargets } from './planner.js';

function duration(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${(seconds / 60).toFixed(1)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** What the rules allow to push down (before any request). */
export function describePushdown(targets: PushdownTargets): string {
  const rules = `${targets.ruleCount} rule${targets.ruleCount === 1 ? '' : 's'}`;
  let names: string;
  if (targets.eventNames === null) {
    names =
      targets.ruleCount === 0
        ? 'no per-eventName lookups (no rules)'
        : `no per-eventName lookups (${targets.unconstrained.length} rule${targets.unconstrained.length === 1 ? ' does' : 's do'} not name eventNames: ${targets.unconstrained.slice(0, 5).join(', ')}${targets.unconstrained.length > 5 ? ', ...' : ''})`;
  } else {
    const list = targets.eventNames.slice(0, 12).join(', ') + (targets.eventNames.length > 12 ? ', ...' : '');
    names = `per-eventName lookups possible: ${targets.eventNames.length} name${targets.eventNames.length === 1 ? '' : 's'} (${list})`;
  }
  const write = targets.writeOnly
    ? 'ReadOnly=false possible'
    : 'ReadOnly=false not offered (read events may be needed)';
  return `LookupEvents pushdown: ${rules}; ${names}; ${write}`;
}

/** The plan of each Region, the estimates it was chosen on, and what it cost. */
export function explainLookupPlans(targets: PushdownTargets, reports: readonly RegionReport[]): string {
  const lines = [describePushdown(targets)];
  for (const r of [...reports].sort((a, b) => a.region.localeCompare(b.region))) {
    lines.push(`${r.region}: ${r.plan}${r.forced ? ' (forced)' : ''} — ${r.reason}`);
    if (r.probe) {
      const left = r.estimates ? `, ~${count(r.estimates.remainingEvents)} left in the window` : '';
      lines.push(
        `  probe: ${r.probe.pages} full-scan page${r.probe.pages === 1 ? '' : 's'}, ${r.probe.events} events over ` +
          `${duration(r.probe.coveredSeconds)} (~${count(r.probe.eventsPerHour)} events/hour${left})`,
      );
    }
    if (r.estimates) {
      const e = r.estimates;
      const parts = [`full ${count(e.full)}`];
      if (e['event-names'] !== undefined) parts.push(`event-names ${count(e['event-names'])}`);
      if (e['write-only'] !== undefined) parts.push(`write-only ${count(e['write-only'])}`);
      lines.push(`  estimated remaining calls: ${parts.join(', ')}`);
    }
    const lookups =
      r.lookups.length > 6
        ? `${r.lookups.slice(0, 6).join(', ')}, ... (${r.lookups.length})`
        : r.lookups.join(', ');
    lines.push(
      `  ${r.calls} request${r.calls === 1 ? '' : 's'} (${r.throttled} throttled), ${r.pages} pages, ${r.events} events` +
        `${r.duplicates ? ` (+${r.duplicates} duplicates dropped)` : ''} in ${(r.durationMs / 1000).toFixed(1)} s; ` +
        `lookups: ${lookups}${r.complete ? '' : '; INCOMPLETE'}`,
    );
    for (const error of r.errors.slice(0, 3)) lines.push(`  error: ${error}`);
  }
  return lines.join('\n');
}

/** What one Region did: the plan, why, and what it cost. */
export interface RegionReport {
  region: string;
  /** The plan that read (the rest of) the window. */
  plan: PlanKind;
  /** Whether the plan was forced (`plan` option) rather than chosen. */
  forced: boolean;
  reason: string;
  /** The full-scan pages read before the choice (the probe), and what they showed. */
  probe?: { pages: number; events: number; coveredSeconds: number; eventsPerHour: number };
  /** The estimates the choice was made on (remaining calls per plan). */
  estimates?: PlanEstimates;
  /** The lookups made, e.g. `all events`, `EventName=CreateUser`. */
  lookups: string[];
  /** Requests made (every attempt). */
  calls: number;
  throttled: number;
  retried: number;
  pages: number;
  /** Events yielded (after de-duplication). */
  events: number;
  /** Events dropped because their EventId was already yielded (another Region or plan). */
  duplicates: number;
  errors: string[];
  /** True when every lookup read to its end. */
  complete: boolean;
  durationMs: number;
}
