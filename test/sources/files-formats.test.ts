import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readFiles } from '../../src/sources/files/index.js';
import {
  REAL,
  RecordingReporter,
  eventNames,
  gzip,
  lookupPage,
  readAll,
  record,
  records,
  tempTree,
} from './helpers.js';

/** Expected record counts per fixture file, from the tables in PROVENANCE.md (derived copies included). */
function provenanceCounts(): Map<string, { format: string; events: number | undefined }> {
  const counts = new Map<string, { format: string; events: number | undefined }>();
  for (const line of readFileSync(join(REAL, 'PROVENANCE.md'), 'utf8').split('\n')) {
    if (!line.startsWith('| `')) continue;
    const cells = line.split(' | ');
    const [fileCell, , format, events] = cells;
    if (fileCell === undefined || format === undefined || events === undefined) continue;
    const count = /^\d+$/.test(events) ? Number(events) : undefined;
    for (const [, path] of fileCell.matchAll(/`([^`]+)`/g)) counts.set(path!, { format, events: count });
  }
  return counts;
}

const MALFORMED = 'zmallen-cloudtrail2sightings/aws.execution.ec2-user-data.json';

describe('files source: the real CloudTrail fixtures', () => {
  const expected = provenanceCounts();

  it('finds every fixture listed in PROVENANCE.md', () => {
    expect(expected.size).toBe(77); // 42 rows, 35 of them with a derived S3-layout copy
    for (const path of expected.keys()) expect(existsSync(join(REAL, path))).toBe(true);
  });

  it('reads each file (every format) with the record count PROVENANCE.md gives', async () => {
    const formats = new Set<string>();
    for (const [path, { format, events }] of expected) {
      if (events === undefined) continue;
      const { records: got, reporter } = await readAll([join(REAL, path)]);
      expect({ path, count: got.length, errors: reporter.errors }).toEqual({
        path,
        count: events,
        errors: [],
      });
      expect(reporter.read).toEqual([join(REAL, path)]);
      // Every record text is one JSON object with an eventName; indexes run 0..n-1 in the file.
      expect(eventNames(got).every((name) => typeof name === 'string' && name.length > 0)).toBe(true);
      expect(got.map((r) => r.origin)).toEqual(got.map((_, index) => ({ file: join(REAL, path), index })));
      formats.add(`${format} ${path.endsWith('.gz') ? 'gz' : 'plain'}`);
    }
    expect([...formats].sort()).toEqual([
      'cloudtrail-records gz',
      'cloudtrail-records plain',
      'json-array gz', // the derived S3-layout copies: {"Records": [...]} gzipped
      'json-array plain',
      'lookup-events plain',
    ]);
  });

  it('reads the whole folder: every count, one error for the malformed file, licences and notes ignored', async () => {
    const { records: got, reporter } = await readAll([REAL]);
    const total = [...expected.values()].reduce((sum, { events }) => sum + (events ?? 0), 0);
    // The malformed zmallen file gives the one record before its missing comma.
    expect(got).toHaveLength(total + 1);
    expect(reporter.read).toHaveLength(77);
    expect(reporter.skipped).toEqual([]);
    expect(reporter.errors).toEqual([
      {
        origin: { file: join(REAL, MALFORMED) },
        message:
          "invalid JSON at line 112 column 1 (after record 0): expected ',' or ']' between records in the Records array, found '{'",
      },
    ]);
    // Walked in sorted order, each file's records together.
    const files = reporter.read.map((file) => relative(REAL, file));
    expect(files).toEqual([...files].sort());
    expect(eventNames(got)).toContain('ConsoleLogin');
  });

  it('yields the lookup-events CloudTrailEvent string itself as the record text', async () => {
    const file = join(REAL, 'aws-cli/lookup-events-ConsoleLogin.json');
    const { records: got } = await readAll([file]);
    const page = JSON.parse(readFileSync(file, 'utf8')) as { Events: { CloudTrailEvent: string }[] };
    expect(got).toEqual([{ text: page.Events[0]!.CloudTrailEvent, origin: { file, index: 0 } }]);
  });

  it('yields the same records from a Stratus array and its S3-layout copy', async () => {
    const name = 'aws.persistence.iam-create-admin-user.json';
    const original = await readAll([join(REAL, 'datadog-stratus-red-team/original', name)]);
    const derivedPath = [...expected.keys()].find(
      (path) => path.includes('derived-s3-layout') && path.includes('_d5c04e666d3d550a.json.gz'),
    )!;
    const derived = await readAll([join(REAL, derivedPath)]);
    expect(derived.records.map((r) => JSON.parse(r.text) as unknown)).toEqual(
      original.records.map((r) => JSON.parse(r.text) as unknown),
    );
    expect(eventNames(original.records).sort()).toEqual([
      'AttachUserPolicy',
      'CreateAccessKey',
      'CreateUser',
    ]);
  });
});

describe('files source: formats recognised from the content', () => {
  const tree = tempTree({
    'jsonl/events.jsonl':
      records(0, 3)
        .map((r) => JSON.stringify(r))
        .join('\n') + '\n',
    'jsonl/events.ndjson': records(3, 2)
      .map((r) => JSON.stringify(r))
      .join('\r\n'),
    'jsonl/events.jsonl.gz': gzip(
      records(5, 2)
        .map((r) => JSON.stringify(r))
        .join('\n'),
    ),
    'jsonl/concatenated.json': records(7, 2)
      .map((r) => JSON.stringify(r, null, 2))
      .join(''),
    'names/gzipped-with-json-name.json': gzip(JSON.stringify({ Records: records(0, 4) })),
    'names/plain-with-gz-name.json.gz': JSON.stringify({ Records: records(4, 2) }),
    'names/plain-with-gz-name.gz': JSON.stringify(records(6, 1)),
    'lookup/pages.json': [
      lookupPage(records(0, 3), 'token-1'),
      lookupPage(records(3, 2), 'token-2'),
      lookupPage(records(5, 1)),
    ].join(''),
    'lookup/pages-one-per-line.json': [lookupPage(records(0, 2), 't'), lookupPage(records(2, 2))]
      .map((page) => JSON.stringify(JSON.parse(page)))
      .join('\n'),
    'lookup/folder/page-0001.json': lookupPage(records(10, 2), 'a'),
    'lookup/folder/page-0002.json': lookupPage(records(12, 2), 'b'),
    'lookup/folder/page-0003.json': lookupPage(records(14, 1)),
    'lookup/empty-page.json': lookupPage([]),
    'records/extra-keys.json': JSON.stringify({
      Version: 1,
      Records: records(0, 2),
      Trailer: { Records: 'x' },
    }),
    'records/concatenated-files.json':
      JSON.stringify({ Records: records(0, 2) }) + '\n' + JSON.stringify({ Records: records(2, 1) }),
    'records/empty-records.json': '{"Records":[]}',
    'records/with-bom.json': '\uFEFF' + JSON.stringify({ Records: records(0, 1) }),
    'records/unicode.json': JSON.stringify({ Records: [record(0, { userAgent: 'été ☃ 😀 \u2028' })] }),
  });
  afterAll(tree.cleanup);

  it('reads JSON Lines (.jsonl, .ndjson, gzipped) and concatenated record objects', async () => {
    const { records: got, reporter } = await readAll([tree.path('jsonl')]);
    expect(reporter.errors).toEqual([]);
    expect(reporter.read.map((f) => relative(tree.dir, f))).toEqual([
      'jsonl/concatenated.json',
      'jsonl/events.jsonl',
      'jsonl/events.jsonl.gz',
      'jsonl/events.ndjson',
    ]);
    expect(got.map((r) => JSON.parse(r.text) as unknown)).toEqual([
      ...records(7, 2),
      ...records(0, 3),
      ...records(5, 2),
      ...records(3, 2),
    ]);
    expect(got.filter((r) => r.origin.file.endsWith('events.jsonl')).map((r) => r.origin.index)).toEqual([
      0, 1, 2,
    ]);
  });

  it('recognises gzip by its magic bytes, not by the name', async () => {
    const { records: got, reporter } = await readAll([tree.path('names')]);
    expect(reporter.errors).toEqual([]);
    // Sorted names: gzipped-with-json-name.json, plain-with-gz-name.gz, plain-with-gz-name.json.gz.
    expect(got.map((r) => JSON.parse(r.text) as unknown)).toEqual([
      ...records(0, 4),
      record(6),
      ...records(4, 2),
    ]);
    expect(reporter.read).toHaveLength(3);
  });

  it("reads a gzip file of several members whole, though its trailer gives the last member's size only", async () => {
    const text = JSON.stringify({ Records: records(0, 300) });
    const cut = text.length - 200;
    const local = tempTree({
      'multi.json.gz': Buffer.concat([gzip(text.slice(0, cut)), gzip(text.slice(cut))]),
    });
    try {
      const { records: got, reporter } = await readAll([local.dir]);
      expect(reporter.errors).toEqual([]);
      expect(got.map((r) => JSON.parse(r.text) as unknown)).toEqual(records(0, 300));
    } finally {
      local.cleanup();
    }
  });

  it('reads concatenated lookup-events pages with a running index, in one file and one per line', async () => {
    for (const [name, count] of [
      ['lookup/pages.json', 6],
      ['lookup/pages-one-per-line.json', 4],
    ] as const) {
      const { records: got, reporter } = await readAll([tree.path(name)]);
      expect(reporter.errors).toEqual([]);
      expect(got.map((r) => JSON.parse(r.text) as unknown)).toEqual(records(0, count));
      expect(got.map((r) => r.origin.index)).toEqual([...Array(count).keys()]);
    }
  });

  it('reads a folder of lookup-events pages in order, each file indexed from 0', async () => {
    const { records: got, reporter } = await readAll([tree.path('lookup/folder')]);
    expect(reporter.errors).toEqual([]);
    expect(got.map((r) => JSON.parse(r.text) as unknown)).toEqual(records(10, 5));
    expect(got.map((r) => [relative(tree.dir, r.origin.file), r.origin.index])).toEqual([
      ['lookup/folder/page-0001.json', 0],
      ['lookup/folder/page-0001.json', 1],
      ['lookup/folder/page-0002.json', 0],
      ['lookup/folder/page-0002.json', 1],
      ['lookup/folder/page-0003.json', 0],
    ]);
  });

  it('reads an empty page or an empty Records array as a file with no records, not an error', async () => {
    const { records: got, reporter } = await readAll([
      tree.path('lookup/empty-page.json'),
      tree.path('records/empty-records.json'),
    ]);
    expect(got).toEqual([]);
    expect(reporter.errors).toEqual([]);
    expect(reporter.read).toHaveLength(2);
  });

  it('ignores other top-level keys, reads concatenated Records objects, a BOM and any unicode', async () => {
    const read = async (name: string) =>
      (await readAll([tree.path(`records/${name}`)])).records.map((r) => JSON.parse(r.text) as unknown);
    expect(await read('extra-keys.json')).toEqual(records(0, 2));
    expect(await read('concatenated-files.json')).toEqual(records(0, 3));
    expect(await read('with-bom.json')).toEqual(records(0, 1));
    expect(await read('unicode.json')).toEqual([record(0, { userAgent: 'été ☃ 😀 \u2028' })]);
  });

  it('decodes UTF-8 split across read chunks, in large files', async () => {
    // Records of about 300 KB each: longer than a read chunk, so multibyte characters and records straddle chunks.
    const big = Array.from({ length: 6 }, (_, i) =>
      record(i, { requestParameters: { doc: '€😀é'.repeat(60_000 + i) } }),
    );
    const local = tempTree({
      'big.json': JSON.stringify({ Records: big }),
      'big.json.gz': gzip(big.map((r) => JSON.stringify(r)).join('\n')),
    });
    try {
      const { records: got, reporter } = await readAll([local.dir]);
      expect(reporter.errors).toEqual([]);
      expect(got.map((r) => JSON.parse(r.text) as unknown)).toEqual([...big, ...big]);
    } finally {
      local.cleanup();
    }
  });
});

describe('files source: digest and Insights files', () => {
  const digest = {
    awsAccountId: '111122223333',
    digestStartTime: '2024-06-03T10:00:00Z',
    digestEndTime: '2024-06-03T11:00:00Z',
    digestS3Bucket: 'trail-bucket',
    digestS3Object: 'AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2024/06/03/x.json.gz',
    newestEventTime: '2024-06-03T10:59:00Z',
    oldestEventTime: '2024-06-03T10:00:00Z',
    previousDigestS3Bucket: null,
    logFiles: [
      { s3Bucket: 'trail-bucket', s3Object: 'AWSLogs/...json.gz', hashValue: 'ab', hashAlgorithm: 'SHA-256' },
    ],
  };
  const insight = {
    Records: [
      {
        eventVersion: '1.08',
        eventTime: '2024-06-03T10:00:00Z',
        awsRegion: 'us-east-1',
        eventID: 'insight-1',
        eventType: 'AwsCloudTrailInsight',
        recipientAccountId: '111122223333',
        sharedEventID: 'shared-1',
        insightDetails: { state: 'Start', eventSource: 'iam.amazonaws.com', eventName: 'CreateUser' },
        eventCategory: 'Insight',
      },
    ],
  };
  const logs = 'AWSLogs/111122223333';
  const tree = tempTree({
    [`${logs}/CloudTrail/us-east-1/2024/06/03/111122223333_CloudTrail_us-east-1_20240603T1005Z_a.json.gz`]:
      gzip(JSON.stringify({ Records: records(0, 3) })),
    [`${logs}/CloudTrail-Digest/us-east-1/2024/06/03/111122223333_CloudTrail-Digest_us-east-1_t_us-east-1_20240603T110000Z.json.gz`]:
      gzip(JSON.stringify(digest)),
    [`${logs}/CloudTrail-Digest/us-east-1/2024/06/03/notes.txt`]: 'not counted: not a log file name',
    [`${logs}/CloudTrail-Insight/us-east-1/2024/06/03/111122223333_CloudTrail-Insight_us-east-1_20240603T1005Z_b.json.gz`]:
      gzip(JSON.stringify(insight)),
    'AWSLogs/o-abc123/444455556666/CloudTrail-Digest/eu-west-1/2024/06/03/d.json.gz': gzip(
      JSON.stringify(digest),
    ),
    'AWSLogs/o-abc123/444455556666/CloudTrail/eu-west-1/2024/06/03/r.json.gz': gzip(
      JSON.stringify({ Records: records(3, 1) }),
    ),
    'elsewhere/digest-copy.json': JSON.stringify(digest, null, 2),
    'elsewhere/insight-copy.json': JSON.stringify(insight),
  });
  afterAll(tree.cleanup);

  it('skips and counts the files under CloudTrail-Digest and CloudTrail-Insight folders without opening them', async () => {
    const { records: got, reporter } = await readAll([tree.path('AWSLogs')]);
    expect(reporter.errors).toEqual([]);
    expect(got.map((r) => JSON.parse(r.text) as unknown)).toEqual(records(0, 4));
    expect(
      reporter.skipped.map(({ file, reason }) => [
        relative(tree.dir, file).split('/').slice(0, 4).join('/'),
        reason,
      ]),
    ).toEqual([
      ['AWSLogs/111122223333/CloudTrail-Digest/us-east-1', 'CloudTrail digest file'],
      ['AWSLogs/111122223333/CloudTrail-Insight/us-east-1', 'CloudTrail Insights file'],
      ['AWSLogs/o-abc123/444455556666/CloudTrail-Digest', 'CloudTrail digest file'],
    ]);
    expect(reporter.read).toHaveLength(2);
  });

  it('skips a digest folder given as the path, or a folder inside one', async () => {
    for (const path of [`${logs}/CloudTrail-Digest`, `${logs}/CloudTrail-Digest/us-east-1/2024`]) {
      const { records: got, reporter } = await readAll([tree.path(path)]);
      expect(got).toEqual([]);
      expect(reporter.reports.map((r) => r.kind)).toEqual(['skipped']);
    }
  });

  it('recognises a digest file by its content, outside a digest folder', async () => {
    const { records: got, reporter } = await readAll([tree.path('elsewhere/digest-copy.json')]);
    expect(got).toEqual([]);
    expect(reporter.reports).toEqual([
      { kind: 'skipped', file: tree.path('elsewhere/digest-copy.json'), reason: 'CloudTrail digest file' },
    ]);
  });

  it('yields Insights records found outside an Insights folder (the records stage skips them)', async () => {
    const { records: got, reporter } = await readAll([tree.path('elsewhere/insight-copy.json')]);
    expect(reporter.errors).toEqual([]);
    expect(got.map((r) => (JSON.parse(r.text) as { eventType: string }).eventType)).toEqual([
      'AwsCloudTrailInsight',
    ]);
  });
});

describe('files source: walking folders', () => {
  const tree = tempTree({
    'b/2.json': JSON.stringify({ Records: records(2, 1) }),
    'b/10.json': JSON.stringify({ Records: records(10, 1) }),
    'a.json': JSON.stringify({ Records: records(0, 1) }),
    'B.json': JSON.stringify({ Records: records(1, 1) }),
    'c/README': 'ignored',
    'c/NOTICE.txt': 'ignored',
    'c/.DS_Store': 'ignored',
    'c/.hidden.json': JSON.stringify({ Records: records(90, 1) }),
    '.git/objects/x.json': JSON.stringify({ Records: records(91, 1) }),
    'c/UPPER.JSON': JSON.stringify({ Records: records(3, 1) }),
    'c/x.Json.GZ': gzip(JSON.stringify({ Records: records(4, 1) })),
    'odd-name.log': JSON.stringify({ Records: records(5, 1) }),
  });
  afterAll(tree.cleanup);

  it('walks recursively in code-unit order, reading only log-file names and skipping hidden entries', async () => {
    const { records: got, reporter } = await readAll([tree.dir]);
    expect(reporter.errors).toEqual([]);
    expect(reporter.skipped).toEqual([]);
    expect(reporter.read.map((f) => relative(tree.dir, f))).toEqual([
      'B.json',
      'a.json',
      'b/10.json',
      'b/2.json',
      'c/UPPER.JSON',
      'c/x.Json.GZ',
    ]);
    expect(got).toHaveLength(6);
  });

  it('always reads a file given explicitly, whatever its name, and in the order given', async () => {
    const { records: got, reporter } = await readAll([
      tree.path('odd-name.log'),
      tree.path('c/.hidden.json'),
      tree.path('a.json'),
    ]);
    expect(reporter.errors).toEqual([]);
    expect(got.map((r) => JSON.parse(r.text) as unknown)).toEqual([record(5), record(90), record(0)]);
  });

  it('gives the same order every time', async () => {
    const first = (await readAll([tree.dir])).records.map((r) => r.origin.file);
    const second = (await readAll([tree.dir])).records.map((r) => r.origin.file);
    expect(second).toEqual(first);
  });

  it('follows symbolic links but not loops back up the tree', async () => {
    const { symlinkSync } = await import('node:fs');
    const local = tempTree({ 'logs/a.json': JSON.stringify({ Records: records(0, 1) }) });
    try {
      symlinkSync(local.path('logs'), local.path('logs/loop'));
      symlinkSync(local.path('logs/a.json'), local.path('logs/link.json'));
      symlinkSync(local.path('missing.json'), local.path('logs/dangling.json'));
      symlinkSync(local.path('missing'), local.path('logs/dangling-dir'));
      const { records: got, reporter } = await readAll([local.path('logs')]);
      expect(got.map((r) => relative(local.dir, r.origin.file))).toEqual(['logs/a.json', 'logs/link.json']);
      // A dangling link with a log-file name is an error; one with another name is ignored like any other file.
      expect(reporter.errors).toEqual([
        {
          origin: { file: local.path('logs/dangling.json') },
          message: 'cannot read: no such file or directory (ENOENT)',
        },
      ]);
    } finally {
      local.cleanup();
    }
  });

  it('stops when the signal aborts, and when the consumer stops', async () => {
    const controller = new AbortController();
    const reporter = new RecordingReporter();
    const got: string[] = [];
    for await (const r of readFiles([tree.dir], reporter, { signal: controller.signal })) {
      got.push(r.origin.file);
      controller.abort();
    }
    expect(got).toHaveLength(1);
    expect(reporter.reports).toEqual([]);

    const early = new RecordingReporter();
    for await (const r of readFiles([tree.dir], early)) {
      expect(r.origin.index).toBe(0);
      break;
    }
    expect(early.reports).toEqual([]);
  });

  it('does not start when the signal is already aborted', async () => {
    const { records: got, reporter } = await readAll([tree.dir], { signal: AbortSignal.abort() });
    expect(got).toEqual([]);
    expect(reporter.reports).toEqual([]);
  });
});
