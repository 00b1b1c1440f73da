import { describe, expect, it } from '@jest/globals';
import type { CountCondition } from '../../src/rules/model.js';
import { evaluateGroup, type Occurrence, type WindowSpec } from '../../src/correlate/windows.js';
import { mulberry32 } from '../helpers/random.js';
import { evaluateByDefinition } from './windows-reference.js';

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

describe('value_count with event-count (the extension)', () => {
  const spec: WindowSpec = {
    type: 'value_count',
    condition: { gte: 3 },
    eventCount: { gte: 5 },
    memberCount: 1,
    timespanMs: 10 * M,
  };

  it('needs both: enough distinct values and enough events in one run', () => {
    const enough = [
      at(0, [0], ['a']),
      at(1, [0], ['b']),
      at(2, [0], ['c']),
      at(3, [0], ['a']),
      at(9, [0], ['a']),
    ];
    expect(ids(evaluateGroup(enough, spec, Infinity).instances)).toEqual([enough.map((e) => e.id)]);
    // Five events but two values; three values but four events; five events and three values over 11 minutes.
    const twoValues = [0, 1, 2, 3, 4].map((m) => at(m, [0], [m % 2 ? 'a' : 'b']));
    expect(evaluateGroup(twoValues, spec, Infinity).instances).toEqual([]);
    expect(evaluateGroup(enough.slice(0, 4), spec, Infinity).instances).toEqual([]);
    const slow = [
      at(0, [0], ['a']),
      at(1, [0], ['b']),
      at(2, [0], ['c']),
      at(3, [0], ['a']),
      at(11, [0], ['a']),
    ];
    expect(evaluateGroup(slow, spec, Infinity).instances).toEqual([]);
  });

  it('both lower bounds: fires before the horizon and stays open; an upper bound waits for it', () => {
    const events = [0, 1, 2, 3, 4].map((m) => at(50 + m, [0], [`v${m % 3}`]));
    expect(evaluateGroup(events, spec, 55 * M)).toMatchObject({ openUntil: 60 * M });
    const bounded = { ...spec, eventCount: { gte: 5, lte: 6 } };
    expect(evaluateGroup(events, bounded, 55 * M).instances).toEqual([]);
    expect(evaluateGroup(events, bounded, 60 * M).instances).toHaveLength(1);
  });
});

describe('evaluateGroup gives the instances of the definition (each run judged afresh)', () => {
  const conditions: CountCondition[] = [{ gte: 1 }, { gte: 3 }, { gt: 4 }, { eq: 2 }, { gte: 2, lte: 4 }];
  function generated(seed: number, memberCount: number) {
    const random = mulberry32(seed);
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    const events: Occurrence[] = [];
    let t = 0;
    const length = 3 + Math.floor(random() * 50);
    for (let k = 0; k < length; k++) {
      t += pick([0, 0, 1, 2, 3, 7, 15, 40]) * M; // bursts (several events in the same minute) and gaps
      const rules = [...new Set([pick([0, 0, 0, 1, 1, 2]), pick([0, 0, 1, 2])])]
        .filter((r) => r < memberCount)
        .sort((a, b) => a - b);
      const values = [...new Set([pick(['a', 'b', 'c', 'd', 'e']), pick(['a', 'b', 'f', 'g'])])].slice(
        0,
        1 + Math.floor(random() * 2),
      );
      events.push({
        id: `e${String(k).padStart(3, '0')}`,
        time: t,
        rules: rules.length ? rules : [0],
        values,
      });
    }
    const horizon = pick([Infinity, t, t - 5 * M, t / 2]);
    const openUntil = pick([undefined, undefined, 4 * M]);
    return { events, horizon, openUntil, pick };
  }

  for (const type of ['event_count', 'value_count', 'temporal', 'temporal_ordered'] as const) {
    it(type, () => {
      const outcomes = { fired: 0, quiet: 0, open: 0 };
      for (let seed = 1; seed <= 300; seed++) {
        const memberCount = type.startsWith('temporal') ? 1 + (seed % 3) : 1;
        const { events, horizon, openUntil, pick } = generated(seed, memberCount);
        const spec: WindowSpec = { type, memberCount, timespanMs: pick([5, 10, 30]) * M };
        if (type === 'event_count' || type === 'value_count') spec.condition = pick(conditions);
        if (type === 'value_count' && seed % 2 === 0) spec.eventCount = pick(conditions);
        if (type === 'temporal' && seed % 2 === 0) spec.condition = { gte: Math.min(2, memberCount) };
        const expected = evaluateByDefinition(events, spec, horizon, openUntil);
        const actual = evaluateGroup(events, spec, horizon, openUntil);
        expect({ seed, instances: ids(actual.instances), openUntil: actual.openUntil }).toEqual({
          seed,
          instances: ids(expected.instances),
          openUntil: expected.openUntil,
        });
        outcomes[actual.openUntil !== undefined ? 'open' : actual.instances.length > 0 ? 'fired' : 'quiet']++;
      }
      // The generated cases are varied enough for the comparison to mean something.
      expect(outcomes.fired).toBeGreaterThan(30);
      expect(outcomes.quiet).toBeGreaterThan(3);
      expect(outcomes.open).toBeGreaterThan(3);
    });
  }
});

/**
 * Occurrences that count every read of their fields and throw once the reads pass `perEvent` per event: a walk
 * that re-examines the run from each anchor (quadratic in the events of one timespan) fails at once.
 */
function budgeted(events: readonly Occurrence[], perEvent: number) {
  let reads = 0;
  const budget = perEvent * events.length;
  const read = <T>(value: T): T => {
    if (++reads > budget)
      throw new Error(`more than ${perEvent} field reads per event over ${events.length} events: not linear`);
    return value;
  };
  const counted = events.map((e): Occurrence => ({
    get id() {
      return read(e.id);
    },
    get time() {
      return read(e.time);
    },
    get rules() {
      return read(e.rules);
    },
    get values() {
      return read(e.values);
    },
  }));
  return { events: counted, reads: () => reads };
}

describe('the work of evaluateGroup is linear in the events, however dense', () => {
  const N = 200_000;
  /** N events, all in one timespan (one group of one application, 2 s apart at most): the worst case. */
  const dense = (make: (i: number) => Pick<Occurrence, 'rules' | 'values'>): Occurrence[] =>
    Array.from({ length: N }, (_, i) => ({ id: `e${i}`, time: Math.floor(i / 100) * 1000, ...make(i) }));
  const HOUR = 60 * M;
  const RULE_0 = [0];
  const A = ['secret-a'];
  const B = ['secret-b'];

  it.each<[string, WindowSpec, (i: number) => Pick<Occurrence, 'rules' | 'values'>, number]>([
    [
      'value_count: one value repeated',
      { type: 'value_count', condition: { gte: 5 }, memberCount: 1, timespanMs: 24 * HOUR },
      () => ({ rules: RULE_0, values: A }),
      0,
    ],
    [
      'value_count: two values repeated, with event-count',
      {
        type: 'value_count',
        condition: { gte: 5 },
        eventCount: { gte: 20 },
        memberCount: 1,
        timespanMs: 24 * HOUR,
      },
      (i) => ({ rules: RULE_0, values: i % 3 ? A : B }),
      0,
    ],
    [
      'value_count: every value distinct, fewer than asked for in any run',
      { type: 'value_count', condition: { gte: 1_000 }, memberCount: 1, timespanMs: 5_000 },
      (i) => ({ rules: RULE_0, values: [`v${i}`] }),
      0,
    ],
    [
      'value_count: every value distinct, one instance after another',
      { type: 'value_count', condition: { gte: 50 }, memberCount: 1, timespanMs: 2_000 },
      (i) => ({ rules: RULE_0, values: [`v${i}`] }),
      Math.ceil(N / 300),
    ],
    [
      'event_count: below the threshold in every run',
      { type: 'event_count', condition: { gte: 300 }, memberCount: 1, timespanMs: 1_000 },
      () => ({ rules: RULE_0, values: [] }),
      0,
    ],
    [
      'event_count: eq, never exactly',
      { type: 'event_count', condition: { eq: N + 1 }, memberCount: 1, timespanMs: HOUR },
      () => ({ rules: RULE_0, values: [] }),
      0,
    ],
    [
      'temporal: one of two rules only',
      { type: 'temporal', memberCount: 2, timespanMs: HOUR },
      () => ({ rules: RULE_0, values: [] }),
      0,
    ],
    [
      'temporal_ordered: first steps repeated, the last never comes',
      { type: 'temporal_ordered', memberCount: 3, timespanMs: HOUR },
      (i) => ({ rules: [i % 2], values: [] }),
      0,
    ],
  ])('%s', (_label, spec, make, instances) => {
    const { events, reads } = budgeted(dense(make), 12);
    const outcome = evaluateGroup(events, spec, Infinity);
    expect(outcome.instances).toHaveLength(instances);
    expect(reads()).toBeGreaterThan(N); // it did look at every event
  });

  it('also when the horizon leaves the last run undecided', () => {
    // Runs of 10 s (1,000 events each) judged up to the horizon at 1,500 s, then the walk stops.
    const spec: WindowSpec = {
      type: 'value_count',
      condition: { gte: 5 },
      memberCount: 1,
      timespanMs: 10_000,
    };
    const { events } = budgeted(
      dense(() => ({ rules: RULE_0, values: A })),
      12,
    );
    expect(evaluateGroup(events, spec, 1_500_000).instances).toEqual([]);
  });
});
