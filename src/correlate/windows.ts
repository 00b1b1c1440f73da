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
 *
 * The run slides: its end only moves forward and each event enters and leaves it once, with counts kept per
 * value (value_count) or per rule (temporal), so the walk is linear in the events whatever their density. Beyond
 * the events it holds the distinct values of one run (value_count), a count per rule (temporal), or one index per
 * event and later step (temporal_ordered).
 */
import { conditionHolds, isMonotone } from '../rules/correlation.js';
import { type CorrelationType, type CountCondition } from '../rules/model.js';

export interface Occurrence {
  id: string;
  time: number;
  /** Indexes (into the correlation's members) of the referenced rules this event matched. */
  rules: readonly number[];
  /** value_count: the values of the counted field (several when it holds an array). */
  values: readonly string[];
}

export interface WindowSpec {
  type: CorrelationType;
  condition?: CountCondition;
  /** value_count: a condition on the number of events of the run too (the `event-count` extension). */
  eventCount?: CountCondition;
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
    while (i < events.length && events[i]!.time <= openUntil) i++;
    if (i > 0) instances.push(events.slice(0, i));
    if (openUntil > horizon) open = openUntil;
  }
  const monotone = [spec.condition, spec.eventCount].every((c) => c === undefined || isMonotone(c));
  const run = runTracker(events, spec);
  let end = i; // the run is events[i, end)
  while (i < events.length) {
    const anchor = events[i]!;
    const until = anchor.time + spec.timespanMs;
    while (end < events.length && events[end]!.time <= until) run.add(events[end++]!);
    if (spec.type === 'temporal_ordered' && !anchor.rules.includes(0)) {
      run.remove(anchor); // a sequence starts with the first rule's event
      i++;
      continue;
    }
    const complete = until <= horizon;
    if (run.holds(i, end) && (complete || monotone)) {
      instances.push(events.slice(i, end));
      if (!complete) open = until;
      run.clear();
      i = end;
      continue;
    }
    if (!complete) break; // undecided until the events after the horizon are known
    run.remove(anchor);
    i++;
  }
  const outcome: GroupOutcome<T> = { instances };
  if (open !== undefined) outcome.openUntil = open;
  return outcome;
}

/** What the current run holds, updated as events enter and leave it; `holds` judges events[start, end). */
interface RunTracker {
  add(event: Occurrence): void;
  remove(event: Occurrence): void;
  clear(): void;
  holds(start: number, end: number): boolean;
}

function runTracker(events: readonly Occurrence[], spec: WindowSpec): RunTracker {
  switch (spec.type) {
    case 'event_count':
      return {
        add() {},
        remove() {},
        clear() {},
        holds: (start, end) => conditionHolds(spec.condition!, end - start),
      };
    case 'value_count': {
      // Occurrences of each value in the run: a value counts while its count is above zero.
      const counts = new Map<string, number>();
      return {
        add(event) {
          for (const value of event.values) counts.set(value, (counts.get(value) ?? 0) + 1);
        },
        remove(event) {
          for (const value of event.values) {
            const left = counts.get(value)! - 1;
            if (left === 0) counts.delete(value);
            else counts.set(value, left);
          }
        },
        clear: () => counts.clear(),
        holds: (start, end) =>
          conditionHolds(spec.condition!, counts.size) &&
          (spec.eventCount === undefined || conditionHolds(spec.eventCount, end - start)),
      };
    }
    case 'temporal': {
      const counts = new Array<number>(spec.memberCount).fill(0);
      let distinct = 0;
      return {
        add(event) {
          for (const rule of event.rules) if (counts[rule]!++ === 0) distinct++;
        },
        remove(event) {
          for (const rule of event.rules) if (--counts[rule]! === 0) distinct--;
        },
        clear() {
          counts.fill(0);
          distinct = 0;
        },
        holds: () =>
          spec.condition ? conditionHolds(spec.condition, distinct) : distinct === spec.memberCount,
      };
    }
    case 'temporal_ordered': {
      // next[s][p]: the first event at or after p that matched rule s (events.length if none). From an anchor
      // (rule 0), each later step is the first event after the previous step's that matched it: as a scan of the
      // run would find them, in one lookup per step.
      const n = events.length;
      const next: Int32Array[] = [];
      for (let step = 1; step < spec.memberCount; step++) {
        const table = new Int32Array(n + 1).fill(n);
        for (let p = n - 1; p >= 0; p--) table[p] = events[p]!.rules.includes(step) ? p : table[p + 1]!;
        next[step] = table;
      }
      return {
        add() {},
        remove() {},
        clear() {},
        holds(start, end) {
          let at = start;
          for (let step = 1; step < spec.memberCount; step++) {
            at = next[step]![at + 1]!;
            if (at >= end) return false;
          }
          return true;
        },
      };
    }
  }
}
