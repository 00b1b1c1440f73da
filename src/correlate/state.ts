/**
 * The `correlation` section of the state document: per correlation, the horizon of the latest run that wrote it and,
 * per group, the events near the edges of the windows scanned and the instances still open.
 *
 * The state is history: what a run carries is read by the next run only for the time before its own window (its
 * own events decide the rest), so a window scanned again gives the same findings. An event that a run put into a
 * reported instance carries that run's window start (`reportedBy`): a later run (one whose window starts after it)
 * does not take it again, while a run over the same window, which made that decision itself, does. Two bands are
 * kept per group: the events of the last timespan before the horizon (what the next run continues from) and the
 * carried events of the last timespan before the latest window's start (what a run over that window again needs).
 *
 * Version 2. A version 1 section (pending events, reported ids, one open end) is read as the same history decided
 * by an earlier run. Bounded: at most MAX_CARRIED_PER_GROUP events per group and MAX_CARRIED_TOTAL overall (the
 * oldest go first).
 */
import type { FindingEvent } from '../core/finding.js';

export const STATE_VERSION = 2;
export const MAX_CARRIED_PER_GROUP = 2_000;
export const MAX_CARRIED_TOTAL = 50_000;

export interface CarriedEvent {
  id: string;
  time: number;
  /** Rule ids (the correlation's members) the event matched. */
  rules: string[];
  values: readonly string[];
  /**
   * The event's projection; left out for events of the tail that their run reported (no later run can take them
   * again, and a run over the same window reads them itself).
   */
  event?: FindingEvent;
  /** The window start (epoch ms) of the run that reported the event in an instance; absent while undecided. */
  reportedBy?: number;
}

/** An instance that fired before its timespan ended: events up to `until` join it. `by`: the window start of its run. */
export interface CarriedOpen {
  until: number;
  by: number;
}

export interface CarriedGroup {
  key: string[];
  events: CarriedEvent[];
  open: CarriedOpen[];
}

export interface CarriedCorrelation {
  ruleId: string;
  timespanMs: number;
  rules: string[];
  horizon: number;
  groups: CarriedGroup[];
}

export interface CorrelationStateSection {
  version: number;
  correlations: CarriedCorrelation[];
}

export function encodeCorrelationState(correlations: CarriedCorrelation[]): CorrelationStateSection {
  for (const correlation of correlations) {
    for (const group of correlation.groups) {
      // Newest kept: they are the ones later windows can still complete.
      if (group.events.length > MAX_CARRIED_PER_GROUP)
        group.events = [...group.events].sort((a, b) => a.time - b.time).slice(-MAX_CARRIED_PER_GROUP);
    }
  }
  const all = correlations.flatMap((c) => c.groups.flatMap((g) => g.events.map((e) => e.time)));
  if (all.length > MAX_CARRIED_TOTAL) {
    const cutoff = all.sort((a, b) => b - a)[MAX_CARRIED_TOTAL - 1]!;
    for (const c of correlations)
      for (const g of c.groups) g.events = g.events.filter((e) => e.time >= cutoff);
  }
  return { version: STATE_VERSION, correlations };
}

/** The carried correlations, or a warning saying why the section cannot be used (the run then starts afresh). */
export function decodeCorrelationState(section: unknown): CarriedCorrelation[] | string {
  if (section === undefined || section === null) return [];
  const bad = (why: string) => `correlation state ignored (${why}); correlation windows start afresh`;
  if (!isObject(section)) return bad('not an object');
  if (section.version !== STATE_VERSION && section.version !== 1)
    return bad(`unknown version ${JSON.stringify(section.version)}`);
  if (!Array.isArray(section.correlations)) return bad('no list of correlations');
  const out: CarriedCorrelation[] = [];
  for (const [i, c] of section.correlations.entries()) {
    const where = `correlation ${i + 1}`;
    if (
      !isObject(c) ||
      typeof c.ruleId !== 'string' ||
      !isNumber(c.timespanMs) ||
      !isNumber(c.horizon) ||
      !isStringList(c.rules) ||
      !Array.isArray(c.groups)
    )
      return bad(`${where} is malformed`);
    const groups: CarriedGroup[] = [];
    for (const g of c.groups) {
      const group = section.version === 1 ? versionOneGroup(g) : versionTwoGroup(g);
      if (typeof group === 'string') return bad(`${group} of ${c.ruleId}`);
      groups.push(group);
    }
    out.push({ ruleId: c.ruleId, timespanMs: c.timespanMs, rules: c.rules, horizon: c.horizon, groups });
  }
  return out;
}

function versionTwoGroup(g: unknown): CarriedGroup | string {
  if (!isObject(g) || !isStringList(g.key) || !Array.isArray(g.events) || !Array.isArray(g.open))
    return 'a group';
  if (!g.events.every(isCarriedEvent)) return 'carried events';
  if (!g.open.every((o) => isObject(o) && isNumber(o.until) && isNumber(o.by))) return 'open instances';
  return { key: g.key, events: g.events as CarriedEvent[], open: g.open as CarriedOpen[] };
}

/**
 * Version 1: `pending` events (undecided), `reported` [id, time] pairs and an `openUntil`, all decided by the run
 * that wrote it: as version 2, decided by a run before any later window (`reportedBy`, `by`: 0).
 */
function versionOneGroup(g: unknown): CarriedGroup | string {
  if (!isObject(g) || !isStringList(g.key) || !Array.isArray(g.reported) || !Array.isArray(g.pending))
    return 'a group';
  if (g.openUntil !== undefined && !isNumber(g.openUntil)) return 'a group';
  if (!g.reported.every((r) => Array.isArray(r) && typeof r[0] === 'string' && isNumber(r[1])))
    return 'reported events';
  if (!g.pending.every(isCarriedEvent)) return 'pending events';
  const reported = (g.reported as [string, number][]).map(([id, time]): CarriedEvent => ({
    id,
    time,
    rules: [],
    values: [],
    reportedBy: 0,
  }));
  return {
    key: g.key,
    events: [...(g.pending as CarriedEvent[]), ...reported],
    open: g.openUntil !== undefined ? [{ until: g.openUntil as number, by: 0 }] : [],
  };
}

function isCarriedEvent(value: unknown): value is CarriedEvent {
  if (!isObject(value)) return false;
  const e = value.event;
  if (
    typeof value.id !== 'string' ||
    !isNumber(value.time) ||
    !isStringList(value.rules) ||
    !isStringList(value.values) ||
    (value.reportedBy !== undefined && !isNumber(value.reportedBy))
  )
    return false;
  if (e === undefined) return value.reportedBy !== undefined;
  return (
    isObject(e) &&
    typeof e.eventID === 'string' &&
    typeof e.eventTime === 'string' &&
    typeof e.eventName === 'string'
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
