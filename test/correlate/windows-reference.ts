/**
 * The definition of which events make a firing instance (docs/correlation.md, "Which events make a finding"),
 * written as directly as it reads: from each anchor, the run up to anchor time + timespan is collected and judged
 * afresh. Quadratic in the events of a timespan, so only for tests: src/correlate/windows.ts must give the same
 * instances in linear time.
 */
import { conditionHolds, isMonotone } from '../../src/rules/correlation.js';
import type { GroupOutcome, Occurrence, WindowSpec } from '../../src/correlate/windows.js';

export function evaluateByDefinition<T extends Occurrence>(
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
  const monotone = [spec.condition, spec.eventCount].every((c) => c === undefined || isMonotone(c));
  while (i < events.length) {
    const anchor = events[i]!;
    if (spec.type === 'temporal_ordered' && !anchor.rules.includes(0)) {
      i++;
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
    if (!complete) break;
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
      return (
        conditionHolds(spec.condition!, distinct.size) &&
        (spec.eventCount === undefined || conditionHolds(spec.eventCount, run.length))
      );
    }
    case 'temporal': {
      const seen = new Set<number>();
      for (const event of run) for (const rule of event.rules) seen.add(rule);
      return spec.condition ? conditionHolds(spec.condition, seen.size) : seen.size === spec.memberCount;
    }
    case 'temporal_ordered': {
      let next = 0;
      for (const event of run) {
        if (event.rules.includes(next)) next++;
        if (next === spec.memberCount) return true;
      }
      return false;
    }
  }
}
