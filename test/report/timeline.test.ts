import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { silentLogger } from '../../src/core/logger.js';
import { runScan, type ScanOptions } from '../../src/pipeline/scan.js';
import { type ScanResult } from '../../src/core/result.js';
import { actorOf } from '../../src/records/actor.js';
import { makesFindings } from '../../src/rules/model.js';
import type { CloudTrailRecord } from '../../src/core/record.js';
import {
  DEFAULT_MAX_FIELDS,
  findingTags,
  TimelineFormatter,
  TimelineWriter,
  type TimelineMode,
  type TimelineOptions,
} from '../../src/report/timeline.js';
import { ROOT, tempDir } from '../helpers/run-process.js';
import { sigmaRule } from './scan-result.js';

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?[+-]\d{2}:\d{2}$/;

type Line = Record<string, unknown>;

interface Run {
  result: ScanResult;
  lines: Line[];
  raw: string;
  writer: TimelineWriter;
  /** eventID → record, for every event the pipeline passed on, with the number of rules it matched. */
  events: Map<string, { record: CloudTrailRecord; matched: number }>;
}

async function scanWithTimeline(
  mode: TimelineMode,
  paths: string[],
  extra: Partial<ScanOptions> = {},
  options: TimelineOptions = {},
): Promise<Run> {
  const path = join(tempDir(), 'deep', 'er', 'timeline.jsonl');
  const writer = new TimelineWriter(path, mode, options);
  const events = new Map<string, { record: CloudTrailRecord; matched: number }>();
  const result = await runScan(
    {
      paths,
      rulesPaths: [],
      excludeRules: [],
      minSeverity: 'low',
      window: {},
      ...extra,
      // As the audit wires it: tagged with the rules that report findings, kept if it matched any rule.
      onEvent: (record, matched) => {
        const reporting = matched.filter(makesFindings);
        events.set(String(record.eventID), { record, matched: reporting.length });
        writer.add(record, reporting, matched.length > 0);
      },
    },
    silentLogger,
  );
  await writer.close(findingTags(result));
  const raw = readFileSync(path, 'utf8');
  return { result, raw, lines: parseLines(raw), writer, events };
}

/** Every line: JSON, flat, Timesketch's mandatory fields, a datetime with an offset. */
function parseLines(raw: string): Line[] {
  expect(raw === '' || raw.endsWith('\n')).toBe(true);
  const texts = raw === '' ? [] : raw.slice(0, -1).split('\n');
  return texts.map((text) => {
    expect(text).not.toMatch(/[\r\u2028\u2029\u0085]/); // one physical line, whatever splits lines
    const line = JSON.parse(text) as Line;
    expect(typeof line).toBe('object');
    for (const [key, value] of Object.entries(line)) {
      if (key === 'tag') {
        expect(Array.isArray(value)).toBe(true);
        for (const t of value as unknown[]) expect(typeof t).toBe('string');
      } else if (key === 'timestamp') {
        expect(Number.isSafeInteger(value)).toBe(true);
      } else {
        expect([key, typeof value]).toEqual([key, 'string']); // flat: no objects, no arrays, no nulls
      }
      expect(key).not.toMatch(/(^|\.)\.|\.$|^$/);
    }
    expect(typeof line.message).toBe('string');
    expect(line.message).not.toBe('');
    expect(line.timestamp_desc).toBe('Event Time');
    expect(line.datetime).toMatch(ISO_WITH_OFFSET);
    expect(line.timestamp).toBe(Date.parse(line.datetime as string) * 1000);
    expect(line.data_type).toBe('aws:cloudtrail:event');
    return line;
  });
}

describe('timeline from the samples', () => {
  it('writes every event in the window in mode all, one valid flat line each', async () => {
    const run = await scanWithTimeline('all', [join(ROOT, 'samples')]);
    expect(run.lines).toHaveLength(run.result.stats.eventsInWindow);
    expect(run.writer.lines).toBe(run.result.stats.eventsInWindow);
    expect(run.lines.length).toBeGreaterThan(100);
    const ids = new Set<string>();
    const late = findingTags(run.result);
    for (const line of run.lines) {
      const event = run.events.get(line.eventID as string)!;
      expect(event).toBeDefined();
      ids.add(line.eventID as string);
      expect(Date.parse(line.datetime as string)).toBe(Date.parse(event.record.eventTime));
      expect(line.eventTime).toBe(event.record.eventTime);
      expect(line.eventName).toBe(event.record.eventName);
      expect(line.message).toMatch(new RegExp(`^${event.record.eventName} by `));
      expect((line.tag as string[]).length > 0).toBe(event.matched > 0 || late.has(line.eventID as string));
    }
    expect(ids.size).toBe(run.lines.length);
  });

  it('writes the events of every finding in mode findings, correlation and first-seen ones too, tagged with their rules', async () => {
    const run = await scanWithTimeline('findings', [join(ROOT, 'samples')]);
    const all = [...run.result.findings, ...run.result.folded, ...run.result.suppressed];
    const inFindings = new Set(all.flatMap((f) => f.events.map((e) => e.eventID)));
    expect(inFindings.size).toBeGreaterThan(30);
    expect(new Set(run.lines.map((l) => l.eventID))).toEqual(inFindings);
    expect(run.lines).toHaveLength(inFindings.size);
    const kinds = new Map(run.result.rules.catalogue.map((r) => [r.ruleId, r.kind]));
    expect(new Set(all.map((f) => kinds.get(f.ruleId)))).toEqual(
      new Set(['event', 'correlation', 'first-seen']),
    );
    for (const line of run.lines) {
      const tags = line.tag as string[];
      expect(tags.some((t) => /^severity:(informational|low|medium|high|critical)$/.test(t))).toBe(true);
      for (const f of all.filter((x) => x.events.some((e) => e.eventID === line.eventID))) {
        expect(tags).toContain(f.ruleId);
      }
    }
    const key = run.lines.find((l) => l.eventID === 'a4d5e0f1-4b83-4ba4-a00c-d5fdc0e0cf9e') ?? run.lines[0]!;
    expect(key.message).toBe(
      `${key.eventName as string} by ${actorOf(run.events.get(key.eventID as string)!.record)} from ${key.sourceIPAddress as string}`,
    );
  });

  it('writes lines in time order, and tags events of correlation findings in mode all', async () => {
    const run = await scanWithTimeline('all', [join(ROOT, 'samples')]);
    const times = run.lines.map((l) => l.timestamp as number);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const correlation = run.result.findings.find((f) => f.ruleId === 'ec2-instance-connect-key-reused')!;
    expect(correlation).toBeDefined();
    for (const e of correlation.events) {
      expect(run.lines.find((l) => l.eventID === e.eventID)!.tag).toContain(
        'ec2-instance-connect-key-reused',
      );
    }
  });

  it('gives the same file when the lines are sorted in runs on disk', async () => {
    const inMemory = await scanWithTimeline('all', [join(ROOT, 'samples')]);
    const spilled = await scanWithTimeline('all', [join(ROOT, 'samples')], {}, { runBytes: 20_000 });
    expect(spilled.writer.spilledRuns).toBeGreaterThan(5);
    expect(inMemory.writer.spilledRuns).toBe(0);
    expect(spilled.raw).toBe(inMemory.raw);
  });

  it('flattens the record to dotted keys (userIdentity.arn, requestParameters.userName)', async () => {
    const run = await scanWithTimeline('findings', [join(ROOT, 'samples')]);
    const created = run.lines.find(
      (l) => l.eventName === 'CreateAccessKey' && l['requestParameters.userName'],
    );
    expect(created).toBeDefined();
    const record = run.events.get(created!.eventID as string)!.record as Record<
      string,
      Record<string, unknown>
    >;
    expect(created!['userIdentity.arn']).toBe(record.userIdentity!.arn);
    expect(created!['requestParameters.userName']).toBe(record.requestParameters!.userName);
    expect(created!['userIdentity.type']).toBe('IAMUser');
    expect(created!.message).toBe(
      `CreateAccessKey by ${record.userIdentity!.arn as string} from ${created!.sourceIPAddress as string}`,
    );
  });

  it('counts only the events inside the window', async () => {
    const window = { start: Date.parse('2024-08-01T00:00:00Z'), end: Date.parse('2024-08-01T23:59:59Z') };
    const run = await scanWithTimeline('all', [join(ROOT, 'samples')], { window });
    expect(run.result.stats.eventsInWindow).toBeLessThan(run.result.stats.eventsScanned);
    expect(run.lines).toHaveLength(run.result.stats.eventsInWindow);
    for (const line of run.lines) {
      const t = Date.parse(line.datetime as string);
      expect(t >= window.start && t <= window.end).toBe(true);
    }
  });

  it('is deterministic', async () => {
    const a = await scanWithTimeline('all', [join(ROOT, 'samples')]);
    const b = await scanWithTimeline('all', [join(ROOT, 'samples')]);
    expect(a.raw).toBe(b.raw);
  });
});

const HOSTILE = [
  '{"message":"forged","datetime":"1970-01-01T00:00:00+00:00"}',
  '"}\n{"message":"injected line","datetime":"2000-01-01T00:00:00+00:00","timestamp_desc":"x"}',
  'line\u2028separator\u2029paragraph\u0085nel',
  'nul\u0000byte\r\n',
  'right\u202Eleft',
  '<img src=x onerror=alert(1)>',
  '\ud800 lone surrogate',
  '\\"backslash quote',
];

function record(i: number, extra: Record<string, unknown> = {}): CloudTrailRecord {
  return {
    eventVersion: '1.09',
    eventID: `e${i}`,
    eventTime: `2024-06-03T10:${String(i % 60).padStart(2, '0')}:00Z`,
    eventSource: 'iam.amazonaws.com',
    eventName: 'CreateUser',
    awsRegion: 'us-east-1',
    recipientAccountId: '111122223333',
    sourceIPAddress: '198.51.100.7',
    userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/alice' },
    ...extra,
  };
}

describe('timeline lines', () => {
  it('keeps hostile strings as plain JSON strings, whole, on one line each', async () => {
    const dir = tempDir();
    const records = HOSTILE.map((value, i) =>
      record(i, {
        userAgent: value,
        userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::111122223333:user/${value}` },
        requestParameters: { userName: value, [value]: value },
      }),
    );
    writeFileSync(join(dir, 'hostile.jsonl'), records.map((r) => JSON.stringify(r)).join('\n'));
    const run = await scanWithTimeline('all', [dir]);
    expect(run.lines).toHaveLength(HOSTILE.length);
    for (const [i, value] of HOSTILE.entries()) {
      const line = run.lines.find((l) => l.eventID === `e${i}`)!;
      expect(line.userAgent).toBe(value);
      expect(line['requestParameters.userName']).toBe(value);
      expect(line['userIdentity.arn']).toBe(`arn:aws:iam::111122223333:user/${value}`);
      expect(line.datetime).toBe(`2024-06-03T10:0${i}:00+00:00`);
      // eslint-disable-next-line no-control-regex
      expect(line.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202e]/);
      expect(line.message).toMatch(/^CreateUser by arn:aws:iam::111122223333:user\//);
    }
  });

  it('turns arrays into JSON text, numbers and booleans into strings, and leaves out nulls and {}', () => {
    const line = JSON.parse(
      new TimelineFormatter().format(
        record(1, {
          readOnly: false,
          resources: [{ ARN: 'arn:aws:iam::111122223333:user/bob', type: 'AWS::IAM::User' }],
          requestParameters: { maxItems: 100, tags: ['a', 'b'], nothing: null, empty: {} },
          responseElements: null,
          userIdentity: { type: 'IAMUser', arn: 'arn:x', sessionContext: { webIdFederationData: {} } },
        }),
        [],
      )!,
    ) as Line;
    expect(line).toMatchObject({
      readOnly: 'false',
      resources: '[{"ARN":"arn:aws:iam::111122223333:user/bob","type":"AWS::IAM::User"}]',
      'requestParameters.maxItems': '100',
      'requestParameters.tags': '["a","b"]',
      tag: [],
    });
    expect(
      Object.keys(line).filter((k) => /nothing|empty|responseElements|webIdFederationData/.test(k)),
    ).toEqual([]);
  });

  it('renames record fields that would collide with ours or with OpenSearch metadata', () => {
    const line = JSON.parse(
      new TimelineFormatter().format(
        record(1, { message: 'forged', datetime: 'x', tag: ['y'], _id: 'z', '': 'blank', 'a..b': 'dots' }),
        [sigmaRule({ ruleId: 'r1', level: 'high' }), sigmaRule({ ruleId: 'r0', level: 'low' })],
      )!,
    ) as Line;
    expect(line.message).toBe('CreateUser by arn:aws:iam::111122223333:user/alice from 198.51.100.7');
    expect(line.datetime).toBe('2024-06-03T10:01:00+00:00');
    expect(line.tag).toEqual(['r0', 'r1', 'severity:high', 'severity:low']);
    expect(line).toMatchObject({
      'record.message': 'forged',
      'record.datetime': 'x',
      'record.tag': '["y"]',
      'record._id': 'z',
      'record._': 'blank',
      'a._.b': 'dots',
    });
    expect(line._id).toBeUndefined();
  });

  it('keeps the time instant: offsets, milliseconds, other formats', () => {
    const f = new TimelineFormatter();
    const at = (eventTime: string) =>
      (JSON.parse(f.format({ ...record(1), eventTime }, [])!) as Line).datetime as string;
    expect(at('2024-06-03T10:00:00Z')).toBe('2024-06-03T10:00:00+00:00');
    expect(at('2024-06-03T10:00:00.123Z')).toBe('2024-06-03T10:00:00.123+00:00');
    expect(at('2024-06-03T12:00:00+02:00')).toBe('2024-06-03T10:00:00+00:00');
    expect(f.format({ ...record(1), eventTime: 'yesterday' }, [])).toBeUndefined();
  });

  it('gives a field name one kind: a value first, an object later becomes JSON text, and the other way round', () => {
    const f = new TimelineFormatter();
    const line = (filter: unknown) =>
      JSON.parse(f.format(record(1, { requestParameters: { filter } }), [])!) as Line;
    expect(line('running')['requestParameters.filter']).toBe('running');
    expect(line({ name: 'state', values: ['a'] })['requestParameters.filter']).toBe(
      '{"name":"state","values":["a"]}',
    );

    const g = new TimelineFormatter();
    const other = (value: unknown) =>
      JSON.parse(g.format(record(1, { requestParameters: { disableApiTermination: value } }), [])!) as Line;
    expect(other({ value: true })['requestParameters.disableApiTermination.value']).toBe('true');
    const later = other(false);
    expect(later['requestParameters.disableApiTermination']).toBeUndefined();
    expect(JSON.parse(later.other_fields as string)).toEqual({
      'requestParameters.disableApiTermination': 'false',
    });
  });

  it('stays within its field budget, keeps the core CloudTrail fields, and loses no value', () => {
    const f = new TimelineFormatter({ maxFields: 80 });
    const keys = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const params = Object.fromEntries(Array.from({ length: 5 }, (_, j) => [`p${i}_${j}`, `v${i}_${j}`]));
      const line = JSON.parse(f.format(record(i, { requestParameters: params }), [])!) as Line;
      for (const k of Object.keys(line)) keys.add(k);
      const other = line.other_fields
        ? (JSON.parse(line.other_fields as string) as Record<string, string>)
        : {};
      for (const [k, v] of Object.entries(params)) {
        expect(line[`requestParameters.${k}`] ?? other[`requestParameters.${k}`]).toBe(v);
      }
      expect(line['userIdentity.arn']).toBe('arn:aws:iam::111122223333:user/alice');
    }
    expect(keys.size).toBeLessThanOrEqual(80);
    expect(f.fieldCount).toBeLessThanOrEqual(80);
    expect(keys.has('other_fields')).toBe(true);
    expect(DEFAULT_MAX_FIELDS).toBe(250);
  });
});

describe('TimelineWriter', () => {
  it('creates the folders and an empty file when nothing matched', async () => {
    const path = join(tempDir(), 'a', 'b', 'empty.jsonl');
    const w = new TimelineWriter(path, 'findings');
    w.add(record(1), []);
    await w.close();
    expect(existsSync(path)).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe('');
    expect(w.lines).toBe(0);
  });

  it('holds at most one run of lines in memory, the rest sorted on disk, and writes them in time order', async () => {
    const path = join(tempDir(), 'big.jsonl');
    const w = new TimelineWriter(path, 'all', { runBytes: 200_000 });
    const padding = 'x'.repeat(1000);
    // Times out of order: minute i % 60, so each run holds a mix.
    for (let i = 0; i < 2000; i++) w.add(record(i, { userAgent: padding }), []);
    // About 2 MB added in runs of 200 kB.
    expect(w.spilledRuns).toBeGreaterThanOrEqual(9);
    expect(readFileSync(path, 'utf8')).toBe('');
    await w.close();
    const lines = parseLines(readFileSync(path, 'utf8'));
    expect(lines).toHaveLength(2000);
    expect(w.lines).toBe(2000);
    const order = lines.map((l) => `${l.datetime as string} ${l.eventID as string}`);
    expect(order).toEqual([...order].sort());
  });

  it('writes the same file from runs on disk as from memory, whatever characters the records hold', async () => {
    // Tabs, line feeds, quotes, backslashes, line separators and non-ASCII text in values, keys and ids: a run's line
    // separates its parts with tabs and leaves out the line's closing line feed.
    const awkward = 'a\tb\nc"d\\e\u2028f\u0085g\u00e9h\u{1F600}\u0001';
    const write = async (runBytes: number) => {
      const path = join(tempDir(), `awkward-${runBytes}.jsonl`);
      const w = new TimelineWriter(path, 'all', { runBytes });
      for (let i = 0; i < 300; i++) {
        const r = record(i, {
          userAgent: `${awkward}${i}`,
          requestParameters: { [`k${awkward}`]: awkward, list: [awkward, i] },
        });
        w.add({ ...r, eventID: i % 3 === 0 ? `${awkward}${i}` : r.eventID }, [
          { ruleId: `rule${awkward}`, level: 'high' } as never,
        ]);
      }
      await w.close();
      return { raw: readFileSync(path, 'utf8'), runs: w.spilledRuns };
    };
    const spilled = await write(3_000);
    const inMemory = await write(1e9);
    expect(spilled.runs).toBeGreaterThan(64); // merged in two passes (MAX_MERGE_WIDTH)
    expect(inMemory.runs).toBe(0);
    expect(spilled.raw).toBe(inMemory.raw);
    const lines = parseLines(spilled.raw);
    expect(lines).toHaveLength(300);
    expect(lines.filter((l) => l.userAgent === `${awkward}7`)).toHaveLength(1);
    expect(lines.filter((l) => l.eventID === `${awkward}9`)).toHaveLength(1);
  });

  it('tags an event with the rules of findings known only at the end, and keeps only those in mode findings', async () => {
    const path = join(tempDir(), 'tags.jsonl');
    const w = new TimelineWriter(path, 'findings');
    w.add(record(1), [], true);
    w.add(record(2), [], true);
    w.add(record(3), [{ ruleId: 'iam-user-created', level: 'medium' } as never]);
    await w.close(new Map([['e1', [{ ruleId: 'burst', level: 'high' as const }]]]));
    const lines = parseLines(readFileSync(path, 'utf8'));
    expect(lines.map((l) => [l.eventID, l.tag])).toEqual([
      ['e1', ['burst', 'severity:high']],
      ['e3', ['iam-user-created', 'severity:medium']],
    ]);
  });

  it('skips records without a usable time and counts them', async () => {
    const path = join(tempDir(), 't.jsonl');
    const w = new TimelineWriter(path, 'all');
    w.add({ ...record(1), eventTime: 'not a time' }, []);
    w.add(record(2), []);
    await w.close();
    expect(w.lines).toBe(1);
    expect(w.skipped).toBe(1);
  });

  if (existsSync('/dev/full')) {
    it('never throws from add on a write error; close reports it', async () => {
      const w = new TimelineWriter('/dev/full', 'all');
      const big = 'y'.repeat(300_000);
      expect(() => {
        for (let i = 0; i < 5; i++) w.add(record(i, { userAgent: big }), []);
      }).not.toThrow();
      await expect(w.close()).rejects.toThrow(/timeline \/dev\/full: .*ENOSPC/);
    });
  }
});
