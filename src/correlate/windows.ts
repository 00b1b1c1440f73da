/**
 * The windows of one correlation group: which events make a firing instance. Deterministic and independent of
 * the order events arrived in (the caller sorts by time, then eventID).
 *
 * Greedy, from the earliest event not yet in an instance (the anchor): the run is every event from the anchor up
 * to anchor time + timespan. If the run satisfies the correlation it is one instance, its events are consumed and
 * the next anchor is the first event after the run; otherwise the next event becomes the anchor.
 *
 * The scan's horizon (its window's end) limits what is known: a run whose timespan reaches past the horizon is
 * incomplete. An incomplete run that satisfies a condition with lower bounds only (gt, gte, temporal) fires now,
 * since more events cannot undo it, and stays open: later events up to its end join it. Any other incomplete run
 * is undecided: the walk stops there and its events wait for the next scheduled run (state.ts carries them).
 */
import { conditionHolds, isMonotone } from '../rules/correlation.js';
import { type CorrelationType, type CountCondition } from '../rules/model.js';

export interface Occurrence {
  id: string;
  time: number;
  /** Indexes (into the correlation's members) of the referenced rules this event matched. */
  rules: number[];
  /** value_count: the values of the counted field (several when it holds an array). */
  values: string[];
}

export interface WindowSpec {
  type: CorrelationType;
  condition?: CountCondition;
  memberCount: number;
  timespanMs: number;
}

export interface GroupOutcome<T extends Occurrence> {
  /** Instances in time order; the first continues the open instance of an earlier run when `openUntil` was given. */
  instances: T[][];
  /** End of an instance that fired before the horizon and is still open, if any. */
  openUntil?: number;
}

/** `events` sorted by (time, id) and free of events already in an instance. */
export function evaluateGroup<T extends Occurrence>(
  events: readonly T[],
  spec: WindowSpec,
  horizon: number,
  openUntil?: number,
): GroupOutcome<T> {
  const instances: T[][] = [];
  let open: number | undefined;
  let i = 0;
  if (openUntil !== undefined) {
    const joined: T[] = [];
    while (i < events.length && events[i]!.time <= openUntil) joined.push(events[i++]!);
    if (joined.length > 0) instances.push(joined);
    if (openUntil > horizon) open = openUntil;
  }
  const monotone = spec.condition === undefined || isMonotone(spec.condition);
  while (i < events.length) {
    const anchor = events[i]!;
    if (spec.type === 'temporal_ordered' && !anchor.rules.includes(0)) {
      i++; // a sequence starts with the first rule's event
      continue;
    }
    const until = anchor.time + spec.timespanMs;
    let j = i;
    while (j + 1 < events.length && events[j + 1]!.time <= until) j++;
    const run = events.slice(i, j + 1);
    const complete = until <= horizon;
    if (satisfied(run, spec) && (complete || monotone)) {
      instances.push(run);
      if (!complete) open = until;
      i = j + 1;
      continue;
    }
    if (!complete) break; // undecided until the events after the horizon are known
    i++;
  }
  const outcome: GroupOutcome<T> = { instances };
  if (open !== undefined) outcome.openUntil = open;
  return outcome;
}

function satisfied(run: readonly Occurrence[], spec: WindowSpec): boolean {
  switch (spec.type) {
    case 'event_count':
      return conditionHolds(spec.condition!, run.length);
    case 'value_count': {
      const distinct = new Set<string>();
      for (const event of run) for (const value of event.values) distinct.add(value);
      return conditionHolds(spec.condition!, distinct.size);
    }
    case 'temporal': {
      const seen = new Set<number>();
      for (const event of run) for (const rule of event.rules) seen.add(rule);
      return spec.condition ? conditionHolds(spec.condition, seen.size) : seen.size === spec.memberCount;
    }
    case 'temporal_ordered': {
      // Each step needs its own event, later in (time, id) order than the previous step's.
      let next = 0;
      for (const event of run) {
        if (event.rules.includes(next)) next++;
        if (next === spec.memberCount) return true;
      }
      return false;
    }
  }
}
