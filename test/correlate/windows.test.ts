import { describe, expect, it } from '@jest/globals';
import { evaluateGroup, type Occurrence, type WindowSpec } from '../../src/correlate/windows.js';

const M = 60_000;
let n = 0;
function at(minute: number, rules: number[] = [0], values: string[] = []): Occurrence {
  n++;
  return { id: `e${String(n).padStart(4, '0')}`, time: minute * M, rules, values };
}
const ids = (instances: Occurrence[][]) => instances.map((i) => i.map((e) => e.id));
const count = (condition: WindowSpec['condition']): WindowSpec => ({
  type: 'event_count',
  condition,
  memberCount: 1,
  timespanMs: 10 * M,
});

describe('evaluateGroup', () => {
  it('event_count: greedy maximal runs from the earliest unconsumed event', () => {
    // minutes 0,1,2 (3 in 10 min) then 20..24 (5) then 40,41 (2)
    const events = [0, 1, 2, 20, 21, 22, 23, 24, 40, 41].map((m) => at(m));
    const out = evaluateGroup(events, count({ gte: 3 }), Infinity);
    expect(ids(out.instances)).toEqual(
      [events.slice(0, 3), events.slice(3, 8)].map((r) => r.map((e) => e.id)),
    );
    expect(out.openUntil).toBeUndefined();
  });

  it('a run is anchor time + timespan, bounds included; a failing anchor advances by one event', () => {
    const events = [0, 9, 11, 20].map((m) => at(m));
    // from 0: {0, 9} (11 is past 10) → no; from 9: {9, 11} → no; from 11: {11, 20} → no (gte 3)
    expect(evaluateGroup(events, count({ gte: 3 }), Infinity).instances).toEqual([]);
    // From 9 the run is {9, 11} … from 10 exactly: {10, 20} holds both ends.
    const edge = [10, 20].map((m) => at(m));
    expect(ids(evaluateGroup(edge, count({ gte: 2 }), Infinity).instances)).toEqual([edge.map((e) => e.id)]);
  });

  it('before the horizon a monotone condition fires and stays open; other runs wait', () => {
    const events = [50, 52, 54].map((m) => at(m));
    const fired = evaluateGroup(events, count({ gte: 3 }), 55 * M);
    expect(fired.instances).toHaveLength(1);
    expect(fired.openUntil).toBe(60 * M);
    const waiting = evaluateGroup(events, count({ gte: 4 }), 55 * M);
    expect(waiting.instances).toEqual([]);
    expect(waiting.openUntil).toBeUndefined();
    // eq can still be broken by a later event: undecided until the window has passed.
    expect(evaluateGroup(events, count({ eq: 3 }), 55 * M).instances).toEqual([]);
    expect(evaluateGroup(events, count({ eq: 3 }), 60 * M).instances).toHaveLength(1);
    expect(evaluateGroup([...events, at(59)], count({ eq: 3 }), 60 * M).instances).toEqual([]);
  });

  it('events up to the end of an open instance join it', () => {
    const events = [1, 3, 12].map((m) => at(m));
    const out = evaluateGroup(events, count({ gte: 5 }), Infinity, 5 * M);
    expect(ids(out.instances)).toEqual([[events[0]!.id, events[1]!.id]]);
  });

  it('value_count counts distinct values, several per event', () => {
    const spec: WindowSpec = {
      type: 'value_count',
      condition: { gte: 3 },
      memberCount: 1,
      timespanMs: 10 * M,
    };
    expect(
      evaluateGroup([at(0, [0], ['a']), at(1, [0], ['a']), at(2, [0], ['b'])], spec, Infinity).instances,
    ).toEqual([]);
    expect(evaluateGroup([at(0, [0], ['a', 'b']), at(1, [0], ['c'])], spec, Infinity).instances).toHaveLength(
      1,
    );
  });

  it('temporal needs every rule (or the condition) within the timespan, in any order', () => {
    const spec: WindowSpec = { type: 'temporal', memberCount: 2, timespanMs: 10 * M };
    expect(evaluateGroup([at(0, [1]), at(5, [0])], spec, Infinity).instances).toHaveLength(1);
    expect(evaluateGroup([at(0, [1]), at(11, [0])], spec, Infinity).instances).toEqual([]);
    expect(evaluateGroup([at(0, [1]), at(5, [1])], spec, Infinity).instances).toEqual([]);
  });

  it('temporal_ordered needs the rules in order, each on its own event, starting with the first rule', () => {
    const spec: WindowSpec = { type: 'temporal_ordered', memberCount: 3, timespanMs: 10 * M };
    const ordered = [at(0, [0]), at(2, [1]), at(4, [2])];
    expect(ids(evaluateGroup(ordered, spec, Infinity).instances)).toEqual([ordered.map((e) => e.id)]);
    expect(evaluateGroup([at(0, [1]), at(2, [0]), at(4, [2])], spec, Infinity).instances).toEqual([]);
    expect(evaluateGroup([at(0, [0, 1, 2])], spec, Infinity).instances).toEqual([]);
    // A stray later-step event before the first step is not part of the instance.
    const stray = [at(0, [2]), at(1, [0]), at(2, [1]), at(3, [2])];
    expect(ids(evaluateGroup(stray, spec, Infinity).instances)).toEqual([stray.slice(1).map((e) => e.id)]);
  });
});
