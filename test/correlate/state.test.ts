import { describe, expect, it } from '@jest/globals';
import {
  decodeCorrelationState,
  encodeCorrelationState,
  MAX_PENDING_PER_GROUP,
  MAX_PENDING_TOTAL,
  MAX_REPORTED_PER_GROUP,
  type CarriedGroup,
} from '../../src/correlate/state.js';

function group(key: string, pending: number, reported: number, offset = 0): CarriedGroup {
  return {
    key: [key],
    reported: Array.from({ length: reported }, (_, i) => [`r${i}`, i] as [string, number]),
    pending: Array.from({ length: pending }, (_, i) => ({
      id: `${key}-${i}`,
      time: offset + i,
      rules: ['base'],
      values: [],
      event: { eventID: `${key}-${i}`, eventTime: '2026-03-01T00:00:00Z', eventName: 'X' } as never,
    })),
  };
}

describe('correlation state section', () => {
  it('keeps the newest events within the per-group and total bounds, and decodes what it encodes', () => {
    const groups = [group('big', MAX_PENDING_PER_GROUP + 10, MAX_REPORTED_PER_GROUP + 5)];
    for (let g = 0; g < 30; g++) groups.push(group(`g${g}`, 2_000, 0, 10_000 + g * 2_000));
    const section = encodeCorrelationState([
      { ruleId: 'c', timespanMs: 1, rules: ['base'], horizon: 5, groups },
    ]);
    const big = section.correlations[0]!.groups[0]!;
    expect(big.reported).toHaveLength(MAX_REPORTED_PER_GROUP);
    expect(big.reported[0]![1]).toBe(5); // the oldest went first
    const pending = section.correlations[0]!.groups.flatMap((g) => g.pending);
    expect(pending.length).toBeLessThanOrEqual(MAX_PENDING_TOTAL);
    expect(Math.min(...pending.map((e) => e.time))).toBeGreaterThan(10_000);
    const decoded = decodeCorrelationState(JSON.parse(JSON.stringify(section)));
    expect(decoded).toEqual(section.correlations);
  });
});
