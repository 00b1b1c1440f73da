/**
 * The s3 source's history on a first run (#16): the day folders before the window are listed with the window's,
 * the history's files are read when their size (from the listing) fits the budget, or the newest of them that fit,
 * and the scan's first-seen rules judge the window with them. Against the loopback S3 server, through the real SDK.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { gzipSync } from 'node:zlib';
import { silentLogger } from '../../../src/core/logger.js';
import type { SourceCoverage } from '../../../src/core/stats.js';
import { runScan } from '../../../src/pipeline/scan.js';
import { awsSource } from '../../../src/pipeline/aws-sources.js';
import { createS3Client, readS3, type S3Plan } from '../../../src/sources/s3/index.js';
import { generateBusyAccount, sendCommandBy } from '../../helpers/busy-account.js';
import { S3TestServer } from '../../helpers/s3-server.js';
import { RecordingReporter } from '../helpers.js';

const BUCKET = 'trail-with-history';
const ACCOUNT = '123456789012';
const REGION = 'us-east-1';
const DAY = 86_400_000;
const END = Date.parse('2026-03-13T00:00:00Z');
const WINDOW = { start: END - DAY, end: END };

/** Twelve days of events: benign ones, alice's daily SendCommand, mallory's on the last day. */
function events(): Record<string, unknown>[] {
  return [
    ...generateBusyAccount({ events: 2_400, end: new Date(END), hours: 12 * 24, region: REGION, seed: 21 }),
    ...Array.from({ length: 12 }, (_, d) =>
      sendCommandBy('alice', new Date(END - d * DAY - 5 * 3_600_000), `alice-${d}`, REGION),
    ),
    sendCommandBy('mallory', new Date(END - 2 * 3_600_000), 'mallory-0', REGION),
  ];
}

/** The trail's files: one an hour, delivered five minutes after the hour it holds. */
function trail(): Record<string, Buffer> {
  const records = events();
  const byHour = new Map<number, Record<string, unknown>[]>();
  for (const record of records) {
    const hour = Math.floor(Date.parse(record.eventTime as string) / 3_600_000);
    byHour.set(hour, [...(byHour.get(hour) ?? []), record]);
  }
  const objects: Record<string, Buffer> = {};
  for (const [hour, list] of byHour) {
    // Delivered five minutes after the hour it holds.
    const delivered = new Date((hour + 1) * 3_600_000 + 5 * 60_000);
    const iso = delivered.toISOString();
    const day = iso.slice(0, 10).replace(/-/g, '/');
    const stamp = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}Z`;
    const key = `AWSLogs/${ACCOUNT}/CloudTrail/${REGION}/${day}/${ACCOUNT}_CloudTrail_${REGION}_${stamp}_h${hour}.json.gz`;
    objects[key] = gzipSync(JSON.stringify({ Records: list }));
  }
  return objects;
}

let server: S3TestServer;
let client: S3Client;
const saved = { ...process.env };

beforeAll(async () => {
  server = await S3TestServer.start({ bucket: BUCKET, objects: trail() });
  process.env.AWS_ENDPOINT_URL_S3 = server.url;
  process.env.AWS_ACCESS_KEY_ID = 'AKIDTESTTESTTESTTEST';
  process.env.AWS_SECRET_ACCESS_KEY = 'test-secret';
  delete process.env.AWS_SESSION_TOKEN;
  client = createS3Client({ region: REGION, forcePathStyle: true, maxAttempts: 3 });
});

afterAll(async () => {
  client?.destroy();
  await server?.close();
  process.env = saved;
});

describe('s3 source: the history of a first run', () => {
  it('a first scan with no state reports the new principal and not the one its history knows', async () => {
    const source = awsSource({
      kind: 's3',
      window: WINDOW,
      region: REGION,
      bucket: BUCKET,
      accounts: [],
      regions: [],
      everyEvent: false,
    });
    const result = await runScan(
      {
        paths: [],
        source: source.source,
        window: WINDOW,
        rulesPaths: [],
        excludeRules: [],
        minSeverity: 'low',
      },
      silentLogger,
    );
    source.close();
    // Raised by the rule, reported or folded into the ssm-send-command finding of the same event.
    const principals = [...result.findings, ...result.folded]
      .filter((f) => f.ruleId === 'first-seen-ssm-command-actor')
      .map((f) => f.group.principal);
    expect(principals).toEqual([`arn:aws:iam::${ACCOUNT}:user/mallory`]);
    expect(result.analysis.learning.map((l) => l.ruleId)).toEqual([]);
    const coverage = result.stats.coverage!;
    expect(coverage.budget).toMatchObject({
      of: 'S3 bytes read for the history',
      unit: 'bytes',
      limit: 2 ** 30,
    });
    expect(coverage.budget.spent).toBe(coverage.budget.estimated);
    expect(coverage.history).toMatchObject({
      since: new Date(WINDOW.start - 10 * DAY).toISOString(),
      until: new Date(WINDOW.start).toISOString(),
      notServed: [],
    });
    expect(coverage.history!.served).toContain('first-seen-ssm-command-actor');
  });

  it('without the history the same scan reports nothing new (learning) — the history is what makes the difference', async () => {
    const result = await runScan(
      {
        paths: [],
        source: (stats, rules, signal) =>
          readS3({ client, bucket: BUCKET, window: WINDOW, ...(signal ? { signal } : {}) }, stats, stats),
        window: WINDOW,
        rulesPaths: [],
        excludeRules: [],
        minSeverity: 'low',
      },
      silentLogger,
    );
    expect(
      [...result.findings, ...result.folded].filter((f) => f.ruleId === 'first-seen-ssm-command-actor'),
    ).toEqual([]);
    expect(result.analysis.learning.map((l) => l.ruleId)).toContain('first-seen-ssm-command-actor');
  });

  it('a history larger than its budget: the newest files that fit, from a whole minute on, and no more', async () => {
    const delivered: number[] = [];
    let coverage: SourceCoverage | undefined;
    let plan: S3Plan | undefined;
    const since = WINDOW.start - 10 * DAY;
    const reporter = new RecordingReporter();
    const stats = { apiCalls: 0 };
    const times: number[] = [];
    for await (const record of readS3(
      {
        client,
        bucket: BUCKET,
        window: WINDOW,
        history: {
          since,
          ruleIds: ['five-days', 'ten-days'],
          spans: new Map([
            ['five-days', 5 * DAY],
            ['ten-days', 10 * DAY],
          ]),
          delivered: (s) => delivered.push(s),
        },
        historyMaxBytes: 0, // set below from the listing
        onPlan: (p) => (plan = p),
        onCoverage: (c) => (coverage = c),
      },
      reporter,
      stats,
    )) {
      times.push(Date.parse((JSON.parse(record.text) as { eventTime: string }).eventTime));
    }
    // Nothing fits a budget of 0: no history file read, nothing delivered, the rules learn.
    expect(plan!.history).toMatchObject({ objectsSelected: 0, bytesSelected: 0 });
    expect(plan!.history!.objectsListed).toBeGreaterThan(200);
    expect(delivered).toEqual([]);
    expect(coverage!.history).toMatchObject({ served: [], notServed: ['five-days', 'ten-days'] });

    // A budget of about six days of files: the newest six days are read; the five-day rule is served.
    const perFile = plan!.history!.bytesListed / plan!.history!.objectsListed;
    const budget = Math.round(perFile * 6 * 24);
    times.length = 0;
    const ids: string[] = [];
    for await (const record of readS3(
      {
        client,
        bucket: BUCKET,
        window: WINDOW,
        history: {
          since,
          ruleIds: ['five-days', 'ten-days'],
          spans: new Map([
            ['five-days', 5 * DAY],
            ['ten-days', 10 * DAY],
          ]),
          delivered: (s) => delivered.push(s),
        },
        historyMaxBytes: budget,
        onPlan: (p) => (plan = p),
        onCoverage: (c) => (coverage = c),
      },
      reporter,
      stats,
    )) {
      const parsed = JSON.parse(record.text) as { eventTime: string; eventID: string };
      times.push(Date.parse(parsed.eventTime));
      ids.push(parsed.eventID);
    }
    expect(plan!.history!.bytesSelected).toBeLessThanOrEqual(budget);
    expect(delivered).toHaveLength(1);
    const from = delivered[0]!;
    expect(from).toBeGreaterThan(WINDOW.start - 6.5 * DAY);
    expect(from).toBeLessThan(WINDOW.start - 5 * DAY);
    // Every event from `from` on was read; none before the hour its file holds.
    const read = new Set(ids);
    const missing = events().filter(
      (e) => Date.parse(e.eventTime as string) >= from && !read.has(e.eventID as string),
    );
    expect(missing).toEqual([]);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(from - 65 * 60_000);
    expect(coverage!.history).toMatchObject({ served: ['five-days'], notServed: ['ten-days'] });
    expect(coverage!.budget.spent).toBe(plan!.history!.bytesSelected);
    expect(reporter.reports.filter((r) => r.kind === 'error')).toEqual([]);
  });
});
