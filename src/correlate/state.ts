/**
 * The `correlation` section of the state document: per correlation, the horizon of the run that wrote it and, per
 * group, the events of the last timespan that no instance has taken yet (`pending`), the ids of events already
 * reported (`reported`, for the same span) and the end of an instance still open. Bounded: at most
 * MAX_PENDING_PER_GROUP / MAX_REPORTED_PER_GROUP per group and MAX_PENDING_TOTAL overall (the oldest go first).
 */
import type { FindingEvent } from '../core/finding.js';

export const STATE_VERSION = 1;
export const MAX_PENDING_PER_GROUP = 2_000;
export const MAX_REPORTED_PER_GROUP = 5_000;
export const MAX_PENDING_TOTAL = 50_000;

export interface CarriedEvent {
  id: string;
  time: number;
  /** Rule ids (the correlation's members) the event matched. */
  rules: string[];
  values: readonly string[];
  event: FindingEvent;
}

export interface CarriedGroup {
  key: string[];
  openUntil?: number;
  reported: [string, number][];
  pending: CarriedEvent[];
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
      if (group.pending.length > MAX_PENDING_PER_GROUP)
        group.pending = group.pending.slice(-MAX_PENDING_PER_GROUP);
      if (group.reported.length > MAX_REPORTED_PER_GROUP)
        group.reported = [...group.reported].sort((a, b) => a[1] - b[1]).slice(-MAX_REPORTED_PER_GROUP);
    }
  }
  const all = correlations.flatMap((c) => c.groups.flatMap((g) => g.pending.map((e) => e.time)));
  if (all.length > MAX_PENDING_TOTAL) {
    const cutoff = all.sort((a, b) => b - a)[MAX_PENDING_TOTAL - 1]!;
    for (const c of correlations)
      for (const g of c.groups) g.pending = g.pending.filter((e) => e.time >= cutoff);
  }
  return { version: STATE_VERSION, correlations };
}

/** The carried correlations, or a warning saying why the section cannot be used (the run then starts afresh). */
export function decodeCorrelationState(section: unknown): CarriedCorrelation[] | string {
  if (section === undefined || section === null) return [];
  const bad = (why: string) => `correlation state ignored (${why}); correlation windows start afresh`;
  if (!isObject(section)) return bad('not an object');
  if (section.version !== STATE_VERSION) return bad(`unknown version ${JSON.stringify(section.version)}`);
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
      if (!isObject(g) || !isStringList(g.key) || !Array.isArray(g.reported) || !Array.isArray(g.pending))
        return bad(`a group of ${c.ruleId} is malformed`);
      if (g.openUntil !== undefined && !isNumber(g.openUntil))
        return bad(`a group of ${c.ruleId} is malformed`);
      if (!g.reported.every((r) => Array.isArray(r) && typeof r[0] === 'string' && isNumber(r[1])))
        return bad(`reported events of ${c.ruleId} are malformed`);
      if (!g.pending.every(isCarriedEvent)) return bad(`pending events of ${c.ruleId} are malformed`);
      const group: CarriedGroup = {
        key: g.key,
        reported: g.reported as [string, number][],
        pending: g.pending as CarriedEvent[],
      };
      if (g.openUntil !== undefined) group.openUntil = g.openUntil as number;
      groups.push(group);
    }
    out.push({ ruleId: c.ruleId, timespanMs: c.timespanMs, rules: c.rules, horizon: c.horizon, groups });
  }
  return out;
}

function isCarriedEvent(value: unknown): value is CarriedEvent {
  if (!isObject(value)) return false;
  const e = value.event;
  return (
    typeof value.id === 'string' &&
    isNumber(value.time) &&
    isStringList(value.rules) &&
    isStringList(value.values) &&
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
