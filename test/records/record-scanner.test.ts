import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { COMPLEX, LITERAL, NUMBER, STRING } from '../../src/records/raw-fields.js';
import { RecordScanner } from '../../src/records/record-scanner.js';

const PATHS = [
  'eventName',
  'eventTime',
  'eventID',
  'readOnly',
  'errorCode',
  'userIdentity.type',
  'userIdentity.arn',
  'userIdentity.accessKeyId',
  'userIdentity.sessionContext.sessionIssuer.arn',
  'requestParameters.instancesSet.items.instanceId',
  'requestParameters.bucketName',
  'responseElements',
];
const lastPart = (path: string) => path.slice(path.lastIndexOf('.') + 1);
const KEYS = [...new Set(PATHS.map(lastPart))];

/** What the scanner read of record r: path → [kind, value] for every occurrence. */
function read(scanner: RecordScanner, r: number): Map<string, [number, string][]> {
  const fields = scanner.fields(r);
  const out = new Map<string, [number, string][]>();
  for (let i = 0; i < fields.count; i++) {
    const key = KEYS[fields.key(i)]!;
    out.set(key, [...(out.get(key) ?? []), [fields.kind(i), fields.value(i)]]);
  }
  return out;
}

/** What a field path gives on a parsed record, as the scanner would report it (undefined: absent). */
function expected(record: unknown, path: string): [number, string] | undefined {
  let value: unknown = record;
  for (const part of path.split('.')) {
    if (Array.isArray(value)) return [COMPLEX, ''];
    if (value === null || typeof value !== 'object') return undefined;
    if (!(part in value)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  if (typeof value === 'string')
    return /^[\x20-\x7e]*$/.test(value) && !/["\\]/.test(value) ? [STRING, value] : [COMPLEX, ''];
  if (typeof value === 'boolean' || value === null) return [LITERAL, String(value)];
  if (typeof value === 'number') return [NUMBER, String(value)];
  return [COMPLEX, ''];
}

function scanned(text: string): RecordScanner {
  const scanner = new RecordScanner(PATHS, KEYS);
  expect(scanner.scan(Buffer.from(text, 'utf8'))).toBe(true);
  return scanner;
}

function logFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.json(\.gz)?$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

describe('RecordScanner', () => {
  it('splits real CloudTrail files exactly as JSON.parse does and reads each path as the parsed record has it', () => {
    const files = [...logFiles('test/fixtures/real-cloudtrail'), ...logFiles('samples/AWSLogs')];
    let scannedFiles = 0;
    let records = 0;
    for (const file of files) {
      const raw = readFileSync(file);
      const bytes = file.endsWith('.gz') ? gunzipSync(raw) : raw;
      let doc: unknown;
      try {
        doc = JSON.parse(bytes.toString('utf8'));
      } catch {
        continue;
      }
      const scanner = new RecordScanner(PATHS, KEYS);
      const isRecordsFile =
        doc !== null &&
        typeof doc === 'object' &&
        !Array.isArray(doc) &&
        Object.keys(doc).length === 1 &&
        Array.isArray((doc as { Records?: unknown }).Records) &&
        (doc as { Records: unknown[] }).Records.every(
          (r) => r !== null && typeof r === 'object' && !Array.isArray(r),
        );
      expect([file, scanner.scan(bytes)]).toEqual([file, isRecordsFile]);
      if (!isRecordsFile) continue;
      scannedFiles++;
      const parsed = (doc as { Records: Record<string, unknown>[] }).Records;
      expect(scanner.count).toBe(parsed.length);
      parsed.forEach((record, r) => {
        records++;
        expect(JSON.parse(scanner.recordText(r))).toEqual(record);
        expect(scanner.unsure(r)).toBe(false);
        const got = read(scanner, r);
        for (const path of PATHS) {
          const want = expected(record, path);
          const occurrences = got.get(lastPart(path)) ?? [];
          if (want === undefined) continue;
          if (!occurrences.some(([kind, value]) => kind === want[0] && value === want[1]))
            throw new Error(`${file} record ${r} ${path}: read ${JSON.stringify(occurrences)}, not ${want}`);
        }
      });
    }
    expect(scannedFiles).toBeGreaterThan(20);
    expect(records).toBeGreaterThan(400);
  });

  it('reads strings with escaped quotes and backslashes wherever they fall in the 64-byte blocks', () => {
    for (let pad = 0; pad < 70; pad++) {
      const filler = 'x'.repeat(pad);
      const records = [
        { eventName: 'A', userAgent: `${filler}\\"}{[`, userIdentity: { type: 'IAMUser', arn: 'arn:1' } },
        { eventName: 'B', errorCode: `${filler}\\\\`, readOnly: true },
        { eventName: `C${filler}`, readOnly: false, userIdentity: { arn: 'a"b' } },
      ];
      const scanner = scanned(JSON.stringify({ Records: records }));
      expect(scanner.count).toBe(3);
      records.forEach((record, r) => expect(JSON.parse(scanner.recordText(r))).toEqual(record));
      expect(read(scanner, 0).get('eventName')).toEqual([[STRING, 'A']]);
      expect(read(scanner, 0).get('arn')).toEqual([[STRING, 'arn:1']]);
      expect(read(scanner, 1).get('errorCode')).toEqual([[COMPLEX, '']]); // escapes: left to the parser
      expect(read(scanner, 1).get('readOnly')).toEqual([[LITERAL, 'true']]);
      expect(read(scanner, 2).get('eventName')).toEqual([[STRING, `C${filler}`]]);
      expect(read(scanner, 2).get('arn')).toEqual([[COMPLEX, '']]);
    }
  });

  it('reads a field only at its path, and a path through an array as complex', () => {
    const scanner = scanned(
      JSON.stringify({
        Records: [
          {
            eventName: 'RunInstances',
            requestParameters: {
              eventName: 'Decoy',
              instancesSet: { items: [{ instanceId: 'i-1' }] },
              bucketName: 7,
              userIdentity: { arn: 'decoy' },
            },
            responseElements: { type: 'Root' },
            userIdentity: { type: 'AssumedRole', sessionContext: { sessionIssuer: { arn: 'arn:role' } } },
          },
        ],
      }),
    );
    const got = read(scanner, 0);
    expect(got.get('eventName')).toEqual([[STRING, 'RunInstances']]);
    expect(got.get('instanceId')).toEqual([[COMPLEX, '']]);
    expect(got.get('bucketName')).toEqual([[NUMBER, '7']]);
    expect(got.get('arn')).toEqual([[STRING, 'arn:role']]);
    expect(got.get('type')).toEqual([[STRING, 'AssumedRole']]);
    expect(got.get('responseElements')).toEqual([[COMPLEX, '']]);
  });

  it('marks unsure what only parsing can tell: a key twice, a key with escapes or dots on a path', () => {
    const texts = [
      '{"Records":[{"eventName":"A","eventName":"B"}]}',
      '{"Records":[{"event\\u004eame":"CreateUser","eventName":"Benign"}]}',
      '{"Records":[{"eventName":"A","userIdentity.arn":"arn:x"}]}',
      '{"Records":[{"eventName":"A","userIdentity":{"type":"Root"},"userIdentity":{"type":"IAMUser"}}]}',
    ];
    for (const text of texts) expect([text, scanned(text).unsure(0)]).toEqual([text, true]);
    // Not on a path: what it holds is not read.
    const fine = '{"Records":[{"eventName":"A","additionalEventData":{"a.b":1,"x\\"y":2,"eventName":"B"}}]}';
    expect(scanned(fine).unsure(0)).toBe(false);
  });

  it('reads non-ASCII text: values as complex, record text decoded as UTF-8', () => {
    const records = [
      { eventName: 'Über', userIdentity: { arn: 'arn:aws:iam::1:user/jörg' } },
      { eventName: 'A' },
    ];
    const scanner = scanned(JSON.stringify({ Records: records }));
    expect(JSON.parse(scanner.recordText(0))).toEqual(records[0]);
    expect(read(scanner, 0).get('eventName')).toEqual([[COMPLEX, '']]);
    expect(read(scanner, 1).get('eventName')).toEqual([[STRING, 'A']]);
  });

  it('keeps up with files of many records and with whitespace around everything', () => {
    const records = Array.from({ length: 3000 }, (_, i) => ({ eventName: `E${i}`, eventID: String(i) }));
    const pretty = `\ufeff${JSON.stringify({ Records: records }, null, 2)}\n`;
    const scanner = scanned(pretty);
    expect(scanner.count).toBe(3000);
    expect(read(scanner, 2999).get('eventName')).toEqual([[STRING, 'E2999']]);
    expect(JSON.parse(scanner.recordText(1234))).toEqual(records[1234]);
    expect(scanned('{"Records":[]}').count).toBe(0);
    expect(scanned('{"Records":[{"eventName":"A"},]}').count).toBe(1); // a trailing comma, as the splitter allows
  });

  it('refuses, keeping nothing, what is not a Records file it can read exactly (the splitter reads it then)', () => {
    const refused = [
      '',
      '[{"eventName":"A"}]',
      '{"eventName":"A"}\n{"eventName":"B"}\n',
      '{"Records":[{"eventName":"A"}',
      '{"Records":[{"eventName":"A"]}]}',
      '{"Records":[{"eventName":"A"},1]}',
      '{"Records":[{"eventName":"A"} {"eventName":"B"}]}',
      '{"Records":[{"eventName":"A"},,{"eventName":"B"}]}',
      '{"Records":[{"eventName":"A"}],"NextToken":"x"}',
      '{"Records":[{"eventName":"A"}]} trailing',
      '{"Records":[{"eventName":"A}]}',
      '{"Records":[{"eventName":tru}]}',
      '{"Records":"none"}',
    ];
    for (const text of refused) {
      const scanner = new RecordScanner(PATHS, KEYS);
      expect([text, scanner.scan(Buffer.from(text))]).toEqual([text, false]);
      expect(scanner.count).toBe(0);
    }
  });
});

describe('RecordScanner on generated text', () => {
  // A small deterministic generator (mulberry32): the same cases on every run.
  function random(seed: number): () => number {
    return () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  const ALPHABET = [
    'a',
    'Z',
    '0',
    ' ',
    '.',
    '"',
    '\\',
    '{',
    '}',
    '[',
    ']',
    ':',
    ',',
    '/',
    'é',
    '€',
    '\u2028',
    '\t',
    '😀',
  ];
  const NAMES = [
    'eventName',
    'eventTime',
    'eventID',
    'readOnly',
    'errorCode',
    'userIdentity',
    'type',
    'arn',
    'accessKeyId',
  ];
  const NAMES_ELSEWHERE = [
    ...NAMES,
    'requestParameters',
    'instancesSet',
    'items',
    'instanceId',
    'bucketName',
    'x.y',
    'a"b',
  ];

  function value(next: () => number, depth: number): unknown {
    const pick = next();
    if (depth > 3 || pick < 0.45) {
      const length = Math.floor(next() * 12);
      return Array.from({ length }, () => ALPHABET[Math.floor(next() * ALPHABET.length)]).join('');
    }
    if (pick < 0.55) return next() < 0.5 ? next() < 0.5 : null;
    if (pick < 0.65) return Math.round((next() - 0.5) * 1e6) / 100;
    if (pick < 0.8) return Array.from({ length: Math.floor(next() * 4) }, () => value(next, depth + 1));
    return object(next, depth + 1);
  }

  function object(next: () => number, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const members = Math.floor(next() * 6);
    for (let i = 0; i < members; i++)
      out[NAMES_ELSEWHERE[Math.floor(next() * NAMES_ELSEWHERE.length)]!] = value(next, depth);
    return out;
  }

  /** JSON text with random whitespace between tokens (JSON.stringify's own output, re-spaced outside strings). */
  function spaced(text: string, next: () => number): string {
    let out = '';
    let inString = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      out += c;
      if (inString) {
        if (c === '\\') out += text[++i]!;
        else if (c === '"') inString = false;
      } else if (c === '"') {
        inString = true;
      } else if ('{}[],:'.includes(c) && next() < 0.2) {
        out += [' ', '\n', '\r\n', '\t  '][Math.floor(next() * 4)]!;
      }
    }
    return out;
  }

  it('agrees with JSON.parse on 2,000 generated files: records, their texts and every path read', () => {
    const next = random(17);
    for (let n = 0; n < 2000; n++) {
      const records = Array.from({ length: 1 + Math.floor(next() * 5) }, () => {
        const record = object(next, 0);
        if (next() < 0.7) record.eventName = value(next, 3);
        if (next() < 0.5) record.userIdentity = next() < 0.8 ? object(next, 1) : value(next, 2);
        return record;
      });
      const text = spaced(JSON.stringify({ Records: records }), next);
      const scanner = new RecordScanner(PATHS, KEYS);
      expect([n, scanner.scan(Buffer.from(text, 'utf8'))]).toEqual([n, true]);
      expect(scanner.count).toBe(records.length);
      records.forEach((record, r) => {
        expect(JSON.parse(scanner.recordText(r))).toEqual(record);
        // A record the scanner is sure of: each path reads as the parsed record has it, and nothing else.
        if (scanner.unsure(r)) return;
        const got = read(scanner, r);
        for (const path of PATHS) {
          const want = expected(record, path);
          const occurrences = got.get(lastPart(path)) ?? [];
          const others = PATHS.filter((p) => p !== path && lastPart(p) === lastPart(path));
          if (want === undefined) {
            if (others.every((p) => expected(record, p) === undefined))
              expect([n, r, path, occurrences]).toEqual([n, r, path, []]);
            continue;
          }
          if (!occurrences.some(([kind, v]) => kind === want[0] && v === want[1]))
            throw new Error(
              `case ${n} record ${r} ${path}: read ${JSON.stringify(occurrences)}, not ${JSON.stringify(want)}`,
            );
        }
      });
    }
  });

  it('refuses every truncation of a valid file, or reads it exactly', () => {
    const next = random(5);
    const records = Array.from({ length: 3 }, () => ({ ...object(next, 0), eventName: 'E"\\x' }));
    const text = JSON.stringify({ Records: records });
    for (let cut = 0; cut < text.length; cut++) {
      const scanner = new RecordScanner(PATHS, KEYS);
      expect([cut, scanner.scan(Buffer.from(text.slice(0, cut)))]).toEqual([cut, false]);
    }
  });
});
