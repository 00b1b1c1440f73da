import { describe, expect, it } from '@jest/globals';
import {
  decodeCorrelationState,
  encodeCorrelationState,
  MAX_CARRIED_PER_GROUP,
  MAX_CARRIED_TOTAL,
  type CarriedGroup,
} from '../../src/correlate/state.js';

function group(key: string, pending: number, reported: number, offset = 0): CarriedGroup {
  return {
    key: [key],
    events: [
      ...Array.from({ length: reported }, (_, i) => ({
        id: `r${i}`,
        time: offset + i,
        rules: ['base'],
        values: [],
        reportedBy: 0,
      })),
      ...Array.from({ length: pending }, (_, i) => ({
        id: `${key}-${i}`,
        time: offset + reported + i,
        rules: ['base'],
        values: [],
        event: { eventID: `${key}-${i}`, eventTime: '2026-03-01T00:00:00Z', eventName: 'X' } as never,
      })),
    ],
    open: [],
  };
}

describe('correlation state section', () => {
  it('keeps the newest events within the per-group and total bounds, and decodes what it encodes', () => {
    const groups = [group('big', MAX_CARRIED_PER_GROUP, 15, 100_000)];
    for (let g = 0; g < 30; g++) groups.push(group(`g${g}`, 2_000, 0, 10_000 + g * 2_000));
    const section = encodeCorrelationState([
      { ruleId: 'c', timespanMs: 1, rules: ['base'], horizon: 5, groups },
    ]);
    const big = section.correlations[0]!.groups[0]!;
    expect(big.events).toHaveLength(MAX_CARRIED_PER_GROUP);
    expect(big.events[0]!.time).toBe(100_015); // the oldest went first
    const events = section.correlations[0]!.groups.flatMap((g) => g.events);
    expect(events.length).toBeLessThanOrEqual(MAX_CARRIED_TOTAL);
    expect(Math.min(...events.map((e) => e.time))).toBeGreaterThan(10_000);
    const decoded = decodeCorrelationState(JSON.parse(JSON.stringify(section)));
    expect(decoded).toEqual(section.correlations);
  });

  it('reads a version 1 section as history decided by an earlier run', () => {
    const event = { eventID: 'p1', eventTime: '2026-03-01T00:00:00Z', eventName: 'X' };
    const decoded = decodeCorrelationState({
      version: 1,
      correlations: [
        {
          ruleId: 'c',
          timespanMs: 60_000,
          rules: ['base'],
          horizon: 100,
          groups: [
            {
              key: ['k'],
              openUntil: 120,
              reported: [['r1', 50]],
              pending: [{ id: 'p1', time: 90, rules: ['base'], values: [], event }],
            },
          ],
        },
      ],
    });
    expect(decoded).toEqual([
      {
        ruleId: 'c',
        timespanMs: 60_000,
        rules: ['base'],
        horizon: 100,
        groups: [
          {
            key: ['k'],
            events: [
              { id: 'p1', time: 90, rules: ['base'], values: [], event },
              { id: 'r1', time: 50, rules: [], values: [], reportedBy: 0 },
            ],
            open: [{ until: 120, by: 0 }],
          },
        ],
      },
    ]);
  });

  it('refuses an event with neither its projection nor a decision', () => {
    const section = {
      version: 2,
      correlations: [
        {
          ruleId: 'c',
          timespanMs: 1,
          rules: ['base'],
          horizon: 1,
          groups: [{ key: ['k'], open: [], events: [{ id: 'x', time: 1, rules: ['base'], values: [] }] }],
        },
      ],
    };
    expect(decodeCorrelationState(section)).toMatch(/correlation state ignored \(carried events of c\)/);
  });
});
