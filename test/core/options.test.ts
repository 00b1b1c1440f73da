import { describe, expect, it } from '@jest/globals';
import {
  parseDuration,
  parseFailOn,
  parseList,
  parseSeverity,
  resolveWindow,
} from '../../src/core/options.js';
import { UsageError } from '../../src/core/errors.js';

const NOW = Date.parse('2024-06-04T00:00:00Z');

describe('options', () => {
  it('parses durations', () => {
    expect(parseDuration('90m', 'x')).toBe(90 * 60_000);
    expect(parseDuration('24h', 'x')).toBe(86_400_000);
    expect(parseDuration('7d', 'x')).toBe(7 * 86_400_000);
    expect(() => parseDuration('24', 'look-back')).toThrow(/look-back: '24' is not a duration/);
    expect(() => parseDuration('0h', 'x')).toThrow(UsageError);
  });

  it('builds windows from a look-back or from bounds', () => {
    expect(resolveWindow({ since: '24h' }, NOW)).toEqual({ start: NOW - 86_400_000, end: NOW });
    expect(resolveWindow({ start: '2024-06-03T00:00:00Z' }, NOW)).toEqual({
      start: Date.parse('2024-06-03T00:00:00Z'),
    });
    expect(resolveWindow({}, NOW)).toEqual({});
    expect(() => resolveWindow({ since: '1h', start: '2024-06-03T00:00:00Z' }, NOW)).toThrow(/not both/);
    expect(() => resolveWindow({ start: '2024-06-05T00:00:00Z', end: '2024-06-03T00:00:00Z' }, NOW)).toThrow(
      /is after the end time/,
    );
    expect(() => resolveWindow({ start: 'last tuesday' }, NOW)).toThrow(/not an ISO 8601 time/);
  });

  it('parses severities, the gate and lists', () => {
    expect(parseSeverity('HIGH', 'x')).toBe('high');
    expect(() => parseSeverity('severe', 'min-severity')).toThrow(/min-severity: 'severe' is not one of/);
    expect(() => parseSeverity('hgih', 'min-severity')).toThrow(/; did you mean 'high'\?$/);
    expect(parseFailOn('none', 'x')).toBeUndefined();
    expect(parseFailOn('medium', 'x')).toBe('medium');
    expect(parseList('a, b\nc,,')).toEqual(['a', 'b', 'c']);
  });
});
