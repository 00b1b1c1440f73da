/**
 * A worker's batch in columns (src/pipeline/parallel/event-columns.ts): the events come back as they went in, and
 * what they carry travels in texts below V8's large-object size, whatever the number of events.
 */
import { describe, expect, it } from '@jest/globals';
import type { EventColumns, EventEntry } from '../../../src/pipeline/parallel/entries.js';
import {
  ColumnsCursor,
  EventColumnsBuilder,
  EXTRAS_CHARS,
} from '../../../src/pipeline/parallel/event-columns.js';
import { pushIdHashes } from '../../../src/records/seen-ids.js';
import { mulberry32 } from '../../helpers/random.js';

function entries(n: number): EventEntry[] {
  const random = mulberry32(7);
  return Array.from({ length: n }, (_, i): EventEntry => {
    const entry: EventEntry = {
      kind: 'event',
      id: i % 97 === 0 ? undefined : `id-${i}`,
      time: Date.UTC(2026, 0, 1) + i * 1000,
      eventTime: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
      account: i % 5 === 0 ? undefined : `11112222333${i % 3}`,
      region: 'eu-west-1',
      matches: [],
    };
    if (i % 11 === 0) entry.unparsed = true;
    const r = random();
    if (r < 0.6) {
      // A matched event described for the Detector: some descriptions far longer than others.
      const size = r < 0.01 ? 60_000 : 200 + Math.floor(random() * 2000);
      entry.matches = [i % 4, 7];
      entry.described = [
        { group: { actor: `arn:${i}` }, event: { detail: 'x'.repeat(size) } } as never,
        null,
      ];
      if (r < 0.3) entry.analyzed = [[{ hash: `h${i}` }], undefined];
    }
    if (r > 0.97) entry.text = JSON.stringify({ eventID: `id-${i}`, note: 'carried' });
    return entry;
  });
}

/** What a batch is once posted: cloned between threads. */
function posted(columns: EventColumns): EventColumns {
  return structuredClone(columns);
}

describe('EventColumns', () => {
  it('give the events back as they went in, their ids as hashes', () => {
    const input = entries(4000);
    const builder = new EventColumnsBuilder();
    for (const entry of input) builder.add(entry);
    const columns = posted(builder.build());
    const cursor = new ColumnsCursor(columns);
    const carriedAt: number[] = [];
    const output = input.map((_, i) => {
      const carried = cursor.carried(i);
      if (carried) carriedAt.push(i);
      const account = columns.accounts[i]!;
      const region = columns.regions[i]!;
      return {
        ...carried,
        kind: 'event',
        id: [columns.idHashes[2 * i], columns.idHashes[2 * i + 1]],
        time: columns.times[i],
        eventTime: cursor.eventTime(i),
        account: account < 0 ? undefined : columns.accountNames[account],
        region: region < 0 ? undefined : columns.regionNames[region],
        matches: carried?.matches ?? [],
        ...(columns.unparsed[i] ? { unparsed: true } : {}),
      };
    });
    const expected = input.map((entry) => {
      const hashes: number[] = [];
      pushIdHashes(entry.id, hashes);
      return { ...entry, id: hashes };
    });
    // Only events with matches or a record are carried as entries.
    const carrying = input.flatMap((e, i) => (e.matches.length > 0 || e.text !== undefined ? [i] : []));
    expect(carriedAt).toEqual(carrying);
    expect(carrying.length).toBeGreaterThan(1000);
    expect(expected.filter((e) => e.id[0] === 0)).toHaveLength(
      input.filter((e) => e.id === undefined).length,
    );
    // Through JSON as through the columns: undefined entries of arrays become null.
    expect(JSON.parse(JSON.stringify(output))).toEqual(JSON.parse(JSON.stringify(expected)));
  });

  it('carry the matches in texts below the large-object size, one after the other', () => {
    const builder = new EventColumnsBuilder();
    for (const entry of entries(4000)) builder.add(entry);
    const { extras } = builder.build();
    expect(extras.length).toBeGreaterThan(20);
    for (const text of extras) {
      const items = JSON.parse(text) as unknown[];
      // An extra longer than the bound makes a text of its own.
      if (items.length > 1) expect(text.length).toBeLessThanOrEqual(EXTRAS_CHARS + 2);
    }
    expect(extras.filter((text) => text.length > 128 * 1024)).toEqual([]);
  });
});
