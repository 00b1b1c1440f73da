/**
 * The analyzers keep the events that may make a finding on disk (src/findings/disk-store.ts) and only where each one
 * starts in memory: what is read back must be what was stored, whatever the length of a value, the order of reads
 * and writes, or how the writes were buffered.
 */
import { describe, expect, it } from '@jest/globals';
import { DiskStore } from '../../src/findings/disk-store.js';
import type { FindingEvent } from '../../src/core/finding.js';
import { heapHeldBy } from '../helpers/heap.js';
import { mulberry32 } from '../helpers/random.js';

function event(i: number, detail = ''): FindingEvent {
  return {
    eventID: `id-${i}`,
    eventTime: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
    eventSource: 'secretsmanager.amazonaws.com',
    eventName: 'GetSecretValue',
    awsRegion: 'eu-west-1',
    recipientAccountId: '111122223333',
    actor: `arn:aws:iam::111122223333:role/app-${i % 7}`,
    sourceIPAddress: '203.0.113.10',
    userAgent: 'app/1.0',
    ...(detail ? { details: { 'requestParameters.secretId': detail } } : {}),
  };
}

describe('DiskStore', () => {
  it('reads back every value as stored, in any order, before and after its lines are written', () => {
    const store = new DiskStore<FindingEvent>();
    const random = mulberry32(3);
    const stored: { ref: number; value: FindingEvent }[] = [];
    for (let i = 0; i < 3000; i++) {
      // Values of every length: short ones, several times the read guess (2 KiB), beyond the write buffer (256 KiB),
      // with characters of 2, 3 and 4 bytes in UTF-8.
      const size = i % 500 === 7 ? 300_000 : i % 50 === 3 ? 5000 : Math.floor(random() * 300);
      const value = event(i, 'é€😀x'.repeat(Math.ceil(size / 4)).slice(0, size));
      stored.push({ ref: store.add(value), value });
      // Reads while lines still wait to be written.
      if (i % 997 === 0) expect(store.get(stored[i]!.ref)).toEqual(value);
    }
    expect(store.count).toBe(3000);
    const shuffled = [...stored].sort(() => random() - 0.5);
    expect(store.read(shuffled.map((s) => s.ref))).toEqual(shuffled.map((s) => s.value));
    // And again, after more values were added behind them.
    store.add(event(-1));
    expect(store.get(stored[0]!.ref)).toEqual(stored[0]!.value);
    expect(store.get(stored[2999]!.ref)).toEqual(stored[2999]!.value);
    store.release();
  });

  it('keeps the values themselves out of the heap', () => {
    const detail = 'x'.repeat(1000);
    let store: DiskStore<FindingEvent> | undefined;
    const held = heapHeldBy(() => {
      store = new DiskStore<FindingEvent>();
      const refs: number[] = [];
      for (let i = 0; i < 20_000; i++) refs.push(store.add(event(i, `${detail}${i}`)));
      return refs;
    });
    // 20 000 events of about 1.3 kB: 26 MB as objects; their references are 8 bytes each.
    expect(held).toBeLessThan(2_000_000);
    expect(store!.get(0).details!['requestParameters.secretId']).toBe(`${detail}0`);
    store!.release();
  });

  it('cannot be read once released', () => {
    const store = new DiskStore<string[]>();
    const ref = store.add(['a', 'b']);
    expect(store.get(ref)).toEqual(['a', 'b']);
    store.release();
    expect(() => store.get(ref)).toThrow(/nothing stored/);
  });
});
