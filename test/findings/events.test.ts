/**
 * A finding's events (src/findings/events.ts): every one counted and given back in order, the oldest and newest kept
 * in memory, the others spilled; those waiting to be spilled are held outside the JavaScript heap.
 */
import { describe, expect, it } from '@jest/globals';
import type { FindingEvent } from '../../src/core/finding.js';
import { compareEvents } from '../../src/findings/order.js';
import { EventSpill, FindingEventList } from '../../src/findings/events.js';
import { heapHeldBy } from '../helpers/heap.js';
import { mulberry32 } from '../helpers/random.js';

function event(id: string, second: number, detail: string): FindingEvent {
  return {
    eventID: id,
    eventTime: new Date(Date.UTC(2026, 0, 1) + second * 1000).toISOString().replace('.000', ''),
    eventSource: 'secretsmanager.amazonaws.com',
    eventName: 'GetSecretValue',
    awsRegion: 'eu-west-1',
    recipientAccountId: '111122223333',
    actor: 'arn:aws:iam::111122223333:role/app',
    sourceIPAddress: '203.0.113.10',
    userAgent: 'app/1.0',
    details: { 'requestParameters.secretId': detail },
  };
}

/** The order a list gives: by eventTime, then eventID, then arrival. */
function sorted(events: readonly FindingEvent[]): FindingEvent[] {
  return events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => compareEvents(a.e, b.e) || a.i - b.i)
    .map(({ e }) => e);
}

describe('FindingEventList', () => {
  it('gives back every event and eventID in order, whatever their size and text, with the oldest and newest kept', () => {
    const spill = new EventSpill({ kept: 3, batch: 50, total: 120 });
    const random = mulberry32(11);
    const lists = [0, 1, 2].map(() => new FindingEventList(spill));
    const added: FindingEvent[][] = [[], [], []];
    for (let i = 0; i < 3000; i++) {
      const l = Math.floor(random() * 3);
      // Lines of a few hundred bytes, some several kB (a buffer of waiting lines is 16 kB), some longer than that;
      // ties of eventTime and of eventID.
      const size = i % 211 === 5 ? 40_000 : i % 17 === 0 ? 6000 + Math.floor(random() * 6000) : 100;
      // Some ids hold what JSON escapes (a spill line keeps the id apart from the event, as JSON text).
      const n = Math.floor(random() * 500);
      const id = n % 7 === 0 ? `id-${n}\t"\\\n\u0001é` : `id-${n}`;
      const e = event(id, Math.floor(random() * 400), 'é'.repeat(size));
      lists[l]!.add(e);
      added[l]!.push(e);
    }
    lists.forEach((list, l) => {
      const expected = sorted(added[l]!);
      expect(list.count).toBe(expected.length);
      expect([...list.all()]).toEqual(expected);
      expect([...list.ids()]).toEqual(expected.map((e) => e.eventID));
      expect(list.kept()).toEqual([...expected.slice(0, 3), ...expected.slice(-3)]);
    });
    spill.release();
  });

  it('reads the same events again, in order, after merging more runs than are merged at once', () => {
    const spill = new EventSpill({ kept: 2, batch: 10, total: 1e9 });
    const list = new FindingEventList(spill);
    const random = mulberry32(5);
    const added: FindingEvent[] = [];
    // 2,000 events in runs of about 10: more than MAX_MERGE_WIDTH runs, merged into fewer the first time they are read.
    for (let i = 0; i < 2000; i++) {
      const e = event(`id-${Math.floor(random() * 900)}`, Math.floor(random() * 300), `s-${i}`);
      list.add(e);
      added.push(e);
    }
    const expected = sorted(added);
    const firstRead = [...list.ids()];
    const spilled = spill.file.size;
    expect(firstRead).toEqual(expected.map((e) => e.eventID));
    expect([...list.all()]).toEqual(expected);
    expect([...list.ids()]).toEqual(firstRead);
    // The merged runs were written once, by the first read.
    expect(spill.file.size).toBe(spilled);
    expect(spilled).toBeGreaterThan(0);
    spill.release();
  });

  it('holds the events waiting to be spilled outside the JavaScript heap', () => {
    // Nothing spills: 16 000 events of about 1 kB wait.
    const spill = new EventSpill({ kept: 50, batch: 1e9, total: 1e9 });
    const events = Array.from({ length: 16_000 }, (_, i) =>
      event(`id-${i}`, i, `secret-${i}-${'x'.repeat(800)}`),
    );
    // Events as a worker's batch brings them: parsed from text.
    const texts = events.map((e) => JSON.stringify(e));
    const fill = (n: number) => {
      const list = new FindingEventList(spill);
      for (let i = 0; i < n; i++) list.add(JSON.parse(texts[i]!) as FindingEvent);
      return list;
    };
    fill(2000); // the code compiled and optimized first: it is not what is measured
    let list: FindingEventList | undefined;
    const held = heapHeldBy(() => (list = fill(events.length)));
    // As objects, 16 000 events of this size take 20 MB and more; here, an offset each.
    expect(held).toBeLessThan(1_500_000);
    expect([...list!.all()]).toEqual(events);
    spill.release();
  });
});
