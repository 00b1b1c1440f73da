import { describe, expect, it } from '@jest/globals';
import type { CloudTrailRecord } from '../../src/core/record.js';
import type { ScanStats } from '../../src/core/stats.js';
import { parseRecord } from '../../src/records/parse.js';
import { FirstNumberById, SeenIds } from '../../src/records/seen-ids.js';
import { recordsSource, ruleSetOf, scanRecords } from '../helpers/scan-records.js';

/** The records a scan admits (every event, in order) and its stats. */
async function collect(texts: string[]): Promise<{ records: CloudTrailRecord[]; stats: ScanStats }> {
  const records: CloudTrailRecord[] = [];
  const { stats } = await scanRecords(ruleSetOf([]), [], {
    source: recordsSource(texts, 'f.json'),
    onEvent: (record) => records.push(record),
    onEventFor: 'all',
  });
  return { records, stats };
}

const rec = (id: string, extra: object = {}) =>
  JSON.stringify({ eventID: id, eventTime: '2024-06-03T10:00:00Z', eventName: 'CreateUser', ...extra });

describe('records stage', () => {
  it('parses records and gives their time in milliseconds', async () => {
    expect(parseRecord(rec('a'))).toMatchObject({ kind: 'event', time: Date.parse('2024-06-03T10:00:00Z') });
    const { records, stats } = await collect([rec('a')]);
    expect(records).toHaveLength(1);
    expect(stats.eventsScanned).toBe(1);
  });

  it('drops duplicate deliveries by eventID and counts them', async () => {
    const { records, stats } = await collect([rec('a'), rec('b'), rec('a'), rec('a')]);
    expect(records.map((r) => r.eventID)).toEqual(['a', 'b']);
    expect(stats.eventsScanned).toBe(2);
    expect(stats.duplicatesDropped).toBe(2);
  });

  it('names the file and record of every unusable record and goes on', async () => {
    const { records, stats } = await collect([
      '{"eventID": "x", "eventTime": ',
      '42',
      '["a"]',
      'null',
      JSON.stringify({ eventID: 'n', eventTime: '2024-06-03T10:00:00Z' }),
      JSON.stringify({ eventID: 't', eventName: 'X' }),
      JSON.stringify({ eventID: 'u', eventName: 'X', eventTime: 'yesterday' }),
      rec('ok'),
    ]);
    expect(records.map((r) => r.eventID)).toEqual(['ok']);
    expect(stats.recordsSkipped).toBe(7);
    expect(stats.errors.map((e) => e.location)).toEqual(
      [0, 1, 2, 3, 4, 5, 6].map((i) => `f.json (record ${i})`),
    );
    expect(stats.errors[0]!.message).toMatch(/invalid JSON/);
    expect(stats.errors[1]!.message).toMatch(/a JSON number, not an object/);
    expect(stats.errors[4]!.message).toMatch(/no eventName/);
    expect(stats.errors[5]!.message).toMatch(/no eventTime/);
    expect(stats.errors[6]!.message).toMatch(/invalid eventTime "yesterday"/);
  });

  it('skips CloudTrail Insights records without calling them errors', async () => {
    const { records, stats } = await collect([rec('i', { eventType: 'AwsCloudTrailInsight' }), rec('a')]);
    expect(records).toHaveLength(1);
    expect(stats.recordsSkipped).toBe(1);
    expect(stats.errors).toHaveLength(0);
  });

  it('keeps records without an eventID (they cannot be de-duplicated)', async () => {
    const noId = JSON.stringify({ eventTime: '2024-06-03T10:00:00Z', eventName: 'X' });
    const { records } = await collect([noId, noId]);
    expect(records).toHaveLength(2);
  });

  it('lists at most 200 problems and counts the rest', async () => {
    const { stats } = await collect(Array.from({ length: 250 }, () => '7'));
    expect(stats.errors).toHaveLength(200);
    expect(stats.errorsNotListed).toBe(50);
    expect(stats.errorCount).toBe(250);
  });
});

describe('SeenIds', () => {
  it('remembers many ids through growth without false duplicates', () => {
    const seen = new SeenIds();
    for (let i = 0; i < 50_000; i++) expect(seen.add(`id-${i}`)).toBe(true);
    for (let i = 0; i < 50_000; i++) expect(seen.add(`id-${i}`)).toBe(false);
    expect(seen.add('id-50000')).toBe(true);
  });

  it('forgets every id when released, and takes new ones after', () => {
    const seen = new SeenIds();
    for (let i = 0; i < 5000; i++) seen.add(`id-${i}`);
    seen.release();
    for (let i = 0; i < 5000; i++) expect(seen.add(`id-${i}`)).toBe(true);
    expect(seen.add('id-1')).toBe(false);
  });
});

describe('FirstNumberById', () => {
  it('keeps the first number given for each id, made big enough at once or grown', () => {
    for (const expected of [0, 20_000]) {
      const ids = new FirstNumberById(expected);
      for (let i = 0; i < 20_000; i++) expect(ids.firstOrSet(`id-${i}`, i)).toBe(i);
      for (let i = 0; i < 20_000; i++) expect(ids.firstOrSet(`id-${i}`, 7)).toBe(i);
      expect(ids.get('id-19999')).toBe(19_999);
      expect(ids.get('id-20000')).toBeUndefined();
    }
  });
});
