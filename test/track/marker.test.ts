import { describe, expect, it } from '@jest/globals';
import {
  commentLine,
  digestOf,
  fingerprintLine,
  IssueState,
  MAX_SEEN,
  parseBody,
  parseCommentLine,
} from '../../src/track/marker.js';

const FP = '0123456789abcdef0123456789abcdef';

function occurrence(i: number) {
  return {
    eventID: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    eventTime: new Date(Date.UTC(2024, 5, 3) + i * 1000).toISOString().replace('.000', ''),
  };
}

describe('the issue marker', () => {
  it('round-trips the fingerprint and the record of occurrences', () => {
    const state = IssueState.empty();
    state.record([occurrence(2), occurrence(1), occurrence(3)]);
    const body = `${fingerprintLine(FP)}\n${state.toLine()}\n### rest of the body`;
    const parsed = parseBody(body)!;
    expect(parsed.fingerprint).toBe(FP);
    expect(parsed.state).toMatchObject({
      count: 3,
      firstSeen: occurrence(1).eventTime,
      lastSeen: occurrence(3).eventTime,
      floor: undefined,
    });
    expect(parsed.state!.has(occurrence(2))).toBe(true);
    expect(parsed.state!.has(occurrence(4))).toBe(false);
    expect(parsed.state!.unrecorded([occurrence(3), occurrence(4), occurrence(5)])).toEqual([
      occurrence(4),
      occurrence(5),
    ]);
  });

  it('is ours only as the first line of the body', () => {
    const forged = `${fingerprintLine(FP)}`;
    expect(parseBody(`Hello\n${forged}`)).toBeUndefined();
    expect(parseBody(` ${forged}`)).toBeUndefined();
    expect(parseBody(`\`${forged}\``)).toBeUndefined();
    expect(parseBody(`| \`${forged}\` |`)).toBeUndefined();
    expect(parseBody(`<!-- cloudtrail-audit:fingerprint=${FP} --> trailing`)).toBeUndefined();
    expect(parseBody(`<!-- cloudtrail-audit:fingerprint=XYZ -->`)).toBeUndefined();
    expect(parseBody(null)).toBeUndefined();
    // A readable fingerprint with an unreadable state: the issue is found, every occurrence counts as new.
    expect(parseBody(`${forged}\n<!-- cloudtrail-audit:state v1 count=x -->`)).toEqual({
      fingerprint: FP,
      state: undefined,
    });
  });

  it('keeps a bounded record: the newest occurrences exactly, older ones under a floor', () => {
    const state = IssueState.empty();
    const all = Array.from({ length: 5000 }, (_, i) => occurrence(i));
    state.record(all);
    expect(state.count).toBe(5000);
    expect(state.size).toBe(MAX_SEEN);
    const line = state.toLine();
    expect(line.length).toBeLessThan(20_200);
    const parsed = parseBody(`${fingerprintLine(FP)}\n${line}`)!.state!;
    expect(parsed.count).toBe(5000);
    // Everything recorded is known; the oldest through the floor.
    expect(parsed.unrecorded(all)).toEqual([]);
    expect(parsed.floor).toBe(Math.floor(Date.parse(occurrence(5000 - MAX_SEEN - 1).eventTime) / 1000));
    // A late event newer than the floor is new; one older than the floor counts as recorded (documented).
    expect(parsed.has({ eventID: 'late', eventTime: occurrence(4000).eventTime })).toBe(false);
    expect(parsed.has({ eventID: 'very-late', eventTime: occurrence(10).eventTime })).toBe(true);
  });

  it('writes nothing that could end its HTML comment early', () => {
    const state = IssueState.empty();
    state.record(Array.from({ length: 3000 }, (_, i) => occurrence(i)));
    const line = state.toLine();
    expect(line.slice(4, -3)).not.toMatch(/--|>/);
    expect(line.startsWith('<!-- cloudtrail-audit:state v1 ')).toBe(true);
  });

  it('marks comments with a digest of the occurrences they list, whatever their order', () => {
    const line = commentLine(FP, [occurrence(1), occurrence(2)]);
    expect(parseCommentLine(`${line}\n**2 new occurrences**`)).toEqual({
      fingerprint: FP,
      digest: digestOf([occurrence(2), occurrence(1)]),
    });
    expect(parseCommentLine(`text\n${line}`)).toBeUndefined();
  });
});
