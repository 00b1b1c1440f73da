import { describe, expect, it } from '@jest/globals';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BAD, REAL, eventNames, gzip, lookupPage, readAll, record, records, tempTree } from './helpers.js';

const bad = (name: string) => join(BAD, name);
/** A good file that sorts after every bad one: the scan must reach it. */
const GOOD_LAST = 'zz-good.json';
const goodLast = JSON.stringify({ Records: records(100, 2) });

describe('files source: bad input is reported with its file, and the scan goes on', () => {
  it('truncated gzip: the records before the cut, then an error naming the file', async () => {
    const { records: got, reporter } = await readAll([bad('truncated.json.gz')]);
    expect(got.length).toBe(14);
    expect(eventNames(got)).toHaveLength(14); // each one complete and valid
    expect(got.map((r) => r.origin.index)).toEqual([...Array(14).keys()]);
    expect(reporter.reports).toEqual([
      {
        kind: 'error',
        origin: { file: bad('truncated.json.gz') },
        message: 'gzip data truncated or corrupt: unexpected end of file',
      },
      { kind: 'read', file: bad('truncated.json.gz') },
    ]);
  });

  it('truncated gzip at every length: a prefix of the records, never a partial one, and one error', async () => {
    const full = gzip(JSON.stringify({ Records: records(0, 30) }));
    const cuts = [
      0,
      1,
      2,
      10,
      11,
      20,
      ...Array.from({ length: 12 }, (_, i) => Math.floor((full.length * (i + 1)) / 13)),
      full.length - 8,
      full.length - 1,
    ];
    const files: Record<string, Buffer> = {};
    for (const cut of cuts) files[`cut-${String(cut).padStart(6, '0')}.json.gz`] = full.subarray(0, cut);
    const tree = tempTree({ ...files, [GOOD_LAST]: goodLast });
    try {
      const { records: got, reporter } = await readAll([tree.dir]);
      for (const cut of cuts) {
        const file = tree.path(`cut-${String(cut).padStart(6, '0')}.json.gz`);
        const mine = got.filter((r) => r.origin.file === file).map((r) => JSON.parse(r.text) as unknown);
        expect(mine).toEqual(records(0, mine.length));
        const errors = reporter.errors.filter((e) => e.origin.file === file).map((e) => e.message);
        expect(errors).toHaveLength(1);
        // Below 2 bytes there is no gzip magic yet: that is read as text (not JSON, or empty).
        expect(errors[0]).toMatch(
          cut === 0 ? /empty file/ : cut === 1 ? /^not JSON/ : /^gzip data truncated or corrupt: /,
        );
      }
      expect(got.filter((r) => r.origin.file.endsWith(GOOD_LAST))).toHaveLength(2);
    } finally {
      tree.cleanup();
    }
  });

  it('corrupt gzip data: an error naming the file', async () => {
    const full = gzip(JSON.stringify({ Records: records(0, 5) }));
    const corrupt = Buffer.from(full);
    corrupt.fill(0xff, 12, 40);
    const tree = tempTree({ 'corrupt.json.gz': corrupt, [GOOD_LAST]: goodLast });
    try {
      const { records: got, reporter } = await readAll([tree.dir]);
      expect(reporter.errors).toEqual([
        {
          origin: { file: tree.path('corrupt.json.gz') },
          message: expect.stringMatching(/^gzip data truncated or corrupt: /),
        },
      ]);
      expect(got.map((r) => r.origin.file)).toEqual([tree.path(GOOD_LAST), tree.path(GOOD_LAST)]);
    } finally {
      tree.cleanup();
    }
  });

  it('truncated JSON: the complete records, then the record it ends in, counted lost', async () => {
    const { records: got, reporter } = await readAll([bad('truncated.json')]);
    expect(eventNames(got)).toHaveLength(3);
    expect(reporter.reports).toEqual([
      {
        kind: 'error',
        origin: { file: bad('truncated.json'), index: 3 },
        message: 'truncated JSON after record 2: the file ends inside record 3',
        recordsLost: 1,
      },
      { kind: 'read', file: bad('truncated.json') },
    ]);
  });

  it('the real malformed file (a "}," missing between records): what was readable before it, and the line', async () => {
    const file = join(REAL, 'zmallen-cloudtrail2sightings/aws.execution.ec2-user-data.json');
    const { records: got, reporter } = await readAll([file]);
    expect(got.map((r) => r.origin)).toEqual([{ file, index: 0 }]);
    expect(eventNames(got)).toEqual(['StopInstances']);
    expect(reporter.errors).toEqual([
      {
        origin: { file },
        message:
          "invalid JSON at line 112 column 1 (after record 0): expected ',' or ']' between records in the Records array, found '{'",
      },
    ]);
    expect(reporter.read).toEqual([file]);
  });

  it.each([
    [
      'not-cloudtrail.json',
      'not CloudTrail: top-level object has neither Records nor Events nor eventName (keys: foo, bar, baz)',
    ],
    ['just-a-string.json', 'not CloudTrail: the file holds a JSON string, not an object or array'],
    ['empty.json', 'not CloudTrail: no JSON value (empty file)'],
    ['binary.json', 'not JSON: unexpected non-UTF-8 byte (binary data?) at line 1 column 1'],
  ])('%s: not CloudTrail, one error naming the file', async (name, message) => {
    const { records: got, reporter } = await readAll([bad(name)]);
    expect(got).toEqual([]);
    expect(reporter.reports).toEqual([
      { kind: 'error', origin: { file: bad(name) }, message },
      { kind: 'read', file: bad(name) },
    ]);
  });

  it('other values that are not CloudTrail', async () => {
    const tree = tempTree({
      'a-number.json': '42\n',
      'b-null.json': 'null',
      'c-whitespace.json': ' \n\n\t ',
      'd-records-not-array.json': '{"Records": {"eventName": "x"}}',
      'e-events-not-array.json': '{"Events": "none"}',
      'f-gzipped-text.json.gz': gzip('hello, world'),
      'g-many-keys.json': JSON.stringify(
        Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`key${i}`, i])),
      ),
      'h-no-keys.json': '{}',
      'i-array-of-arrays.json': '[[1, 2], [3]]',
      [GOOD_LAST]: goodLast,
    });
    try {
      const { records: got, reporter } = await readAll([tree.dir]);
      expect(reporter.errors.map((e) => [e.origin.file.slice(tree.dir.length + 1), e.message])).toEqual([
        ['a-number.json', 'not CloudTrail: the file holds a JSON number, not an object or array'],
        ['b-null.json', 'not CloudTrail: the file holds the JSON literal null, not an object or array'],
        ['c-whitespace.json', 'not CloudTrail: no JSON value (empty file)'],
        ['d-records-not-array.json', 'not CloudTrail: top-level "Records" is not an array'],
        ['e-events-not-array.json', 'not CloudTrail: top-level "Events" is not an array'],
        ['f-gzipped-text.json.gz', "not JSON: unexpected 'h' at line 1 column 1"],
        [
          'g-many-keys.json',
          'not CloudTrail: top-level object has neither Records nor Events nor eventName (keys: key0, key1, key2, key3, key4, key5, key6, key7, …)',
        ],
        [
          'h-no-keys.json',
          'not CloudTrail: top-level object has neither Records nor Events nor eventName (no keys)',
        ],
      ]);
      // A bare array's elements go downstream whatever they are (the records stage names them).
      expect(got.map((r) => [r.origin.file.slice(tree.dir.length + 1), r.origin.index, r.text])).toEqual([
        ['i-array-of-arrays.json', 0, '[1, 2]'],
        ['i-array-of-arrays.json', 1, '[3]'],
        [GOOD_LAST, 0, JSON.stringify(record(100))],
        [GOOD_LAST, 1, JSON.stringify(record(101))],
      ]);
      expect(reporter.read).toHaveLength(10);
    } finally {
      tree.cleanup();
    }
  });

  it('non-object elements inside Records are yielded with their index, for the records stage to name', async () => {
    const { records: got, reporter } = await readAll([bad('non-object-records.json')]);
    expect(reporter.errors).toEqual([]);
    expect(got.map((r) => [r.origin.index, r.text.slice(0, 20)])).toEqual([
      [0, '{"eventVersion":"1.0'],
      [1, '42'],
      [2, '"a string"'],
      [3, 'null'],
      [4, '[{"eventVersion":"1.'],
      [5, '{"eventVersion":"1.0'],
    ]);
  });

  it('JSON Lines with a line that is not JSON: the lines before it, then the line and column', async () => {
    const { records: got, reporter } = await readAll([bad('garbage-between-lines.jsonl')]);
    expect(eventNames(got)).toHaveLength(2);
    expect(reporter.errors).toEqual([
      {
        origin: { file: bad('garbage-between-lines.jsonl') },
        message:
          "invalid JSON at line 3 column 1 (after record 1): unexpected 't' after the last top-level value",
      },
    ]);
  });

  it('JSON Lines with a valid line that is not a record, among records: that line named, the rest read', async () => {
    const file = bad('bad-line-among-records.jsonl');
    const { records: got, reporter } = await readAll([file]);
    expect(got.map((r) => r.origin.index)).toEqual([0, 2]);
    expect(reporter.errors).toEqual([
      {
        origin: { file, index: 1 },
        message:
          'not CloudTrail: top-level object has neither Records nor Events nor eventName (keys: message, level)',
        recordsLost: 1,
      },
    ]);
  });

  it('JSON Lines whose first value is not a record: one error, the rest of the file not read', async () => {
    const tree = tempTree({
      'other-logs.jsonl': Array.from({ length: 1000 }, (_, i) =>
        JSON.stringify({ level: 'info', msg: `line ${i}` }),
      ).join('\n'),
    });
    try {
      const { records: got, reporter } = await readAll([tree.dir]);
      expect(got).toEqual([]);
      expect(reporter.errors).toEqual([
        {
          origin: { file: tree.path('other-logs.jsonl') },
          message:
            'not CloudTrail: top-level object has neither Records nor Events nor eventName (keys: level, msg)',
        },
      ]);
    } finally {
      tree.cleanup();
    }
  });

  it('lookup-events elements without a CloudTrailEvent string are named by index', async () => {
    const file = bad('lookup-bad-elements.json');
    const { records: got, reporter } = await readAll([file]);
    expect(got.map((r) => r.origin.index)).toEqual([0, 3]);
    expect(eventNames(got)).toEqual(['ListUsers', 'CreateUser']);
    expect(reporter.errors).toEqual([
      {
        origin: { file, index: 1 },
        message: 'not a lookup-events element: no CloudTrailEvent',
        recordsLost: 1,
      },
      {
        origin: { file, index: 2 },
        message: 'not a lookup-events element: CloudTrailEvent is not a string',
        recordsLost: 1,
      },
    ]);
  });

  it('a lookup-events element that is invalid JSON is named by index, and the next one is read', async () => {
    const file = bad('lookup-invalid-element.json');
    const { records: got, reporter } = await readAll([file]);
    expect(eventNames(got)).toEqual(['ListUsers']);
    expect(got[0]!.origin).toEqual({ file, index: 1 });
    expect(reporter.errors).toEqual([
      {
        origin: { file, index: 0 },
        message: expect.stringMatching(/^invalid JSON in a lookup-events element: /),
        recordsLost: 1,
      },
    ]);
  });

  it('an invalid record that is still delimited is yielded: the records stage reports it', async () => {
    const tree = tempTree({ 'r.json': '{"Records":[{"eventName": "A", oops},{"eventName":"B"}]}' });
    try {
      const { records: got, reporter } = await readAll([tree.dir]);
      expect(reporter.errors).toEqual([]);
      expect(got.map((r) => r.text)).toEqual(['{"eventName": "A", oops}', '{"eventName":"B"}']);
    } finally {
      tree.cleanup();
    }
  });

  it('a record longer than the limit is named, counted lost and skipped; the next is read', async () => {
    const tree = tempTree({
      'r.json': JSON.stringify({ Records: [record(0), record(1, { big: 'x'.repeat(5000) }), record(2)] }),
    });
    try {
      const { records: got, reporter } = await readAll([tree.dir], { maxRecordChars: 4096 });
      expect(got.map((r) => r.origin.index)).toEqual([0, 2]);
      expect(reporter.errors).toEqual([
        {
          origin: { file: tree.path('r.json'), index: 1 },
          message: expect.stringMatching(
            /^record of \d+ characters is longer than the limit of 4096: skipped$/,
          ),
          recordsLost: 1,
        },
      ]);
    } finally {
      tree.cleanup();
    }
  });

  it('a path that does not exist: "cannot read", not counted as read, and the next path is read', async () => {
    const missing = join(BAD, 'does-not-exist.json');
    const { records: got, reporter } = await readAll([
      missing,
      join(BAD, 'no-such-folder'),
      bad('truncated.json'),
    ]);
    expect(reporter.reports.slice(0, 2)).toEqual([
      {
        kind: 'error',
        origin: { file: missing },
        message: 'cannot read: no such file or directory (ENOENT)',
      },
      {
        kind: 'error',
        origin: { file: join(BAD, 'no-such-folder') },
        message: 'cannot read: no such file or directory (ENOENT)',
      },
    ]);
    expect(got).toHaveLength(3);
  });

  it('a whole folder of bad files: every one reported, every readable record kept, the good file read', async () => {
    const tree = tempTree({ [GOOD_LAST]: goodLast, 'lookup.json': lookupPage(records(0, 1)) });
    try {
      for (const name of [
        'truncated.json.gz',
        'truncated.json',
        'binary.json',
        'empty.json',
        'not-cloudtrail.json',
      ]) {
        copyFileSync(bad(name), tree.path(name));
      }
      const { records: got, reporter } = await readAll([tree.dir]);
      expect(reporter.errors).toHaveLength(5);
      expect(reporter.read).toHaveLength(7);
      expect(got).toHaveLength(14 + 3 + 1 + 2);
      expect(got.at(-1)!.origin.file).toBe(tree.path(GOOD_LAST));
    } finally {
      tree.cleanup();
    }
  });

  it('the README of the bad-input fixtures lists every fixture', () => {
    const readme = readFileSync(bad('README.md'), 'utf8');
    for (const name of [
      'truncated.json.gz',
      'truncated.json',
      'not-cloudtrail.json',
      'just-a-string.json',
      'empty.json',
      'binary.json',
      'non-object-records.json',
      'garbage-between-lines.jsonl',
      'bad-line-among-records.jsonl',
      'lookup-bad-elements.json',
      'lookup-invalid-element.json',
    ]) {
      expect(readme).toContain(`\`${name}\``);
    }
  });
});
