/**
 * The s3 source against a real S3-protocol server on loopback (test/helpers/s3-server.ts), through the real
 * SDK client configured from AWS_ENDPOINT_URL_S3, with a generated organization trail's bucket.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { Finding } from '../../../src/core/finding.js';
import { silentLogger } from '../../../src/core/logger.js';
import { runScan } from '../../../src/pipeline/scan.js';
import { readFiles } from '../../../src/sources/files/index.js';
import {
  S3SourceError,
  createS3Client,
  readS3,
  type S3Plan,
  type S3SourceOptions,
} from '../../../src/sources/s3/index.js';
import type { RawRecord } from '../../../src/core/source.js';
import { S3TestServer } from '../../helpers/s3-server.js';
import { RecordingReporter, tempTree } from '../helpers.js';
import {
  ACCOUNT_1,
  ACCOUNT_2,
  ACCOUNT_3,
  BUCKET,
  ORG,
  PREFIX,
  TRAILS,
  WINDOW,
  accountFolder,
  buildTrailBucket,
  deliveredWithinMargin,
  inWindow,
  trailFolder,
  type TrailBucket,
} from './trail-layout.js';

const ENV = [
  'AWS_ENDPOINT_URL_S3',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
] as const;
const savedEnv = Object.fromEntries(ENV.map((name) => [name, process.env[name]]));

let bucket: TrailBucket;
let server: S3TestServer;
let client: S3Client;

beforeAll(async () => {
  bucket = buildTrailBucket();
  server = await S3TestServer.start({ bucket: BUCKET, objects: bucket.objects, pageSize: 3 });
  process.env.AWS_ENDPOINT_URL_S3 = server.url;
  process.env.AWS_ACCESS_KEY_ID = 'AKIDTESTTESTTESTTEST';
  process.env.AWS_SECRET_ACCESS_KEY = 'test-secret';
  delete process.env.AWS_SESSION_TOKEN;
  client = createS3Client({ region: 'us-east-1', forcePathStyle: true, maxAttempts: 3 });
});

afterAll(async () => {
  client?.destroy();
  await server?.close();
  for (const name of ENV) {
    if (savedEnv[name] === undefined) delete process.env[name];
    else process.env[name] = savedEnv[name];
  }
});

beforeEach(() => {
  server.resetLog();
  server.pageSize = 3;
  server.getDelayMs = 0;
  server.denyList = false;
  for (const set of [
    server.failOnce,
    server.failAlways,
    server.resetBodyOnce,
    server.stallBodyOnce,
    server.denyGet,
  ]) {
    set.clear();
  }
  server.failOnce.add(bucket.flakyKey);
});

interface ScanOutput {
  records: RawRecord[];
  reporter: RecordingReporter;
  stats: { apiCalls: number };
  plan: S3Plan | undefined;
}

async function scan(options: Partial<S3SourceOptions> = {}): Promise<ScanOutput> {
  const reporter = new RecordingReporter();
  const stats = { apiCalls: 0 };
  let plan: S3Plan | undefined;
  const records: RawRecord[] = [];
  const source = readS3(
    {
      client,
      bucket: BUCKET,
      prefix: PREFIX,
      window: WINDOW,
      retryBaseDelayMs: 5,
      onPlan: (p) => (plan = p),
      ...options,
    },
    reporter,
    stats,
  );
  for await (const record of source) records.push(record);
  return { records, reporter, stats, plan };
}

const uri = (key: string) => `s3://${BUCKET}/${key}`;
const idsOf = (records: RawRecord[]) =>
  records.map(({ text }) => JSON.parse(text) as { eventID: string; eventTime: string });
const unique = <T>(values: T[]) => [...new Set(values)];

/** The log files the window needs: delivered from the start's minute to the end plus 60 minutes. */
function expectedKeys(filter: (key: string) => boolean = () => true): string[] {
  return bucket.logFiles
    .filter((f) => deliveredWithinMargin(f.delivered) && filter(f.key))
    .map((f) => f.key)
    .sort();
}

/** Records through the scan's record path and the built-in rules: event ids in the window, and findings. */
async function detect(raw: AsyncIterable<RawRecord>): Promise<{ ids: string[]; findings: Finding[] }> {
  const ids: string[] = [];
  const result = await runScan(
    {
      paths: [],
      source: () => raw,
      rulesPaths: [],
      excludeRules: [],
      minSeverity: 'informational',
      window: WINDOW,
      onEvent: (record) => ids.push(String(record.eventID)),
      onEventFor: 'all',
    },
    silentLogger,
  );
  const findings = result.findings
    .map((f) => ({ ...f, events: [...f.events].sort((a, b) => a.eventID.localeCompare(b.eventID)) }))
    .sort((a, b) => a.fingerprint.localeCompare(b.fingerprint));
  return { ids: ids.sort(), findings };
}

describe('s3 source: a generated organization trail', () => {
  test('finds the same events and findings as the files source over the same objects', async () => {
    const tree = tempTree(bucket.objects);
    try {
      const fromFiles = await detect(readFiles([tree.dir], new RecordingReporter()));
      const reporter = new RecordingReporter();
      const fromS3 = await detect(
        readS3({ client, bucket: BUCKET, prefix: PREFIX, window: WINDOW, retryBaseDelayMs: 5 }, reporter, {
          apiCalls: 0,
        }),
      );
      expect(fromS3.ids).toEqual(fromFiles.ids);
      expect(fromS3.findings).toEqual(fromFiles.findings);

      // Every in-window event of the intact files, across midnight and late deliveries; none from outside.
      const intact = bucket.logFiles.filter((f) => f.key !== bucket.corruptKey);
      const expected = intact.flatMap((f) => f.records.filter((r) => inWindow(String(r.eventTime))));
      expect(fromS3.ids).toEqual(expect.arrayContaining(expected.map((r) => String(r.eventID))));
      const all = bucket.logFiles.flatMap((f) => f.records);
      for (const id of fromS3.ids)
        expect(inWindow(String(all.find((r) => r.eventID === id)?.eventTime))).toBe(true);
      expect(expected.map((r) => r.eventTime)).toEqual(
        expect.arrayContaining(['2024-06-03T20:00:30Z', '2024-06-03T23:58:00Z', '2024-06-03T23:59:59Z']),
      );

      expect(fromS3.findings.map((f) => f.ruleId).sort()).toEqual([
        'cloudtrail-logging-stopped',
        'iam-access-key-created',
      ]);
    } finally {
      tree.cleanup();
    }
  });

  test('lists the discovery folders and only the day folders the window touches (and the next day)', async () => {
    const { plan } = await scan();
    const listed = unique(server.listedPrefixes).sort();
    const accounts = [
      { org: ORG, account: ACCOUNT_1 },
      { org: ORG, account: ACCOUNT_2 },
      { account: ACCOUNT_3 },
    ];
    expect(listed).toEqual(
      [
        `${PREFIX}/AWSLogs/`,
        `${PREFIX}/AWSLogs/${ORG}/`,
        ...accounts.map((a) => `${accountFolder(a)}CloudTrail/`),
        ...TRAILS.flatMap((t) => [`${trailFolder(t)}2024/06/03/`, `${trailFolder(t)}2024/06/04/`]),
      ].sort(),
    );
    expect(listed.some((p) => /CloudTrail-(Digest|Insight)/.test(p))).toBe(false);
    // Pages of 3: continuation tokens were followed.
    expect(server.requests.some((r) => r.op === 'ListObjectsV2' && r.continuationToken)).toBe(true);
    expect(plan?.days).toEqual(['2024/06/03/', '2024/06/04/']);
    // Sorted by key: account folders (digits) before organization folders (o-...).
    expect(plan?.folders.map((f) => [f.organizationId ?? null, f.account, f.region])).toEqual([
      [null, ACCOUNT_3, 'us-east-1'],
      [ORG, ACCOUNT_1, 'eu-west-1'],
      [ORG, ACCOUNT_1, 'us-east-1'],
      [ORG, ACCOUNT_2, 'eu-west-1'],
      [ORG, ACCOUNT_2, 'us-east-1'],
    ]);
    expect(plan?.delivery).toEqual({ from: '2024-06-03T20:00:00.000Z', to: '2024-06-04T00:59:59.999Z' });
  });

  test('lists only the window day when the margin does not reach midnight', async () => {
    const window = { start: Date.parse('2024-06-03T20:00:00Z'), end: Date.parse('2024-06-03T22:00:00Z') };
    const { plan } = await scan({ window });
    expect(plan?.days).toEqual(['2024/06/03/']);
    expect(server.listedPrefixes.some((p) => p.includes('2024/06/04'))).toBe(false);
  });

  test('fetches only the files delivered from the start minute to the end plus the margin', async () => {
    const { plan, reporter } = await scan();
    const expected = expectedKeys();
    // 5 trails × 5 files (20:00, 21:05, 23:05, 00:03, 00:55).
    expect(expected).toHaveLength(TRAILS.length * 5);
    expect(unique(server.fetchedKeys).sort()).toEqual(expected);
    // One GET per file, plus the retry of the one that failed with a 500 once.
    expect(server.count('GetObject')).toBe(expected.length + 1);
    expect(server.fetchedKeys.filter((k) => k === bucket.flakyKey)).toHaveLength(2);
    for (const key of [...bucket.digestKeys, ...bucket.insightKeys])
      expect(server.fetchedKeys).not.toContain(key);
    const far = bucket.logFiles.filter((f) => /^2024-06-0[26]/.test(f.delivered)).map((f) => f.key);
    expect(far).toHaveLength(2 * TRAILS.length);
    for (const key of far) expect(server.fetchedKeys).not.toContain(key);
    expect(plan?.objectsSelected).toBe(expected.length);
    // Every fetched object was read (the corrupt one too, up to its error), each once.
    expect([...reporter.read].sort()).toEqual(expected.map(uri));
    // Digest and Insights files were never listed: nothing to skip or report.
    expect(reporter.skipped).toEqual([]);
  });

  test('reports the corrupt object by key, and the scan goes on after it', async () => {
    const { records, reporter } = await scan();
    expect(reporter.errors).toEqual([
      {
        origin: { file: uri(bucket.corruptKey) },
        message: expect.stringMatching(/gzip data truncated or corrupt/),
      },
    ]);
    const files = records.map((r) => r.origin.file);
    const after = files.filter((f) => f > uri(bucket.corruptKey));
    expect(after.length).toBeGreaterThan(0);
  });

  test('yields records in key order, the same for any concurrency', async () => {
    const one = await scan({ concurrency: 1 });
    server.resetLog();
    const eight = await scan({ concurrency: 8 });
    const files = eight.records.map((r) => r.origin.file);
    expect(files).toEqual([...files].sort());
    expect(eight.records).toEqual(one.records);
  });

  test('counts every List and Get request in apiCalls, retries included', async () => {
    const { stats } = await scan();
    expect(stats.apiCalls).toBe(server.requests.length);
    expect(stats.apiCalls).toBe(server.count('ListObjectsV2') + server.count('GetObject'));
  });

  test('keeps at most `concurrency` GetObject requests in flight', async () => {
    server.getDelayMs = 10;
    await scan({ concurrency: 3 });
    expect(server.maxInFlightGets).toBe(3);
    server.resetLog();
    await scan({ concurrency: 1 });
    expect(server.maxInFlightGets).toBe(1);
  });

  test('streams objects larger than the read-ahead budget straight from the response', async () => {
    const held = await scan();
    server.resetLog();
    const streamed = await scan({ readAheadBytes: 64 });
    expect(streamed.records).toEqual(held.records);
    expect(streamed.reporter.errors).toEqual(held.reporter.errors);
    expect(server.maxInFlightGets).toBe(1);
  });
});

describe('s3 source: restrictions', () => {
  test('accounts and regions restrict what is listed and fetched', async () => {
    const { records, plan } = await scan({ accounts: [ACCOUNT_2], regions: ['us-east-1'] });
    const trail = trailFolder({ org: ORG, account: ACCOUNT_2, region: 'us-east-1' });
    expect(unique(server.listedPrefixes).sort()).toEqual(
      [
        `${PREFIX}/AWSLogs/`,
        `${PREFIX}/AWSLogs/${ORG}/`,
        `${accountFolder({ org: ORG, account: ACCOUNT_2 })}CloudTrail/`,
        `${trail}2024/06/03/`,
        `${trail}2024/06/04/`,
      ].sort(),
    );
    expect(unique(server.fetchedKeys).sort()).toEqual(expectedKeys((key) => key.startsWith(trail)));
    expect(plan?.folders).toHaveLength(1);
    expect(records.every((r) => r.origin.file.startsWith(uri(trail)))).toBe(true);
  });

  test('the account outside the organization is read when asked for', async () => {
    const { records } = await scan({ accounts: [ACCOUNT_3] });
    expect(records.length).toBeGreaterThan(0);
    expect(unique(server.fetchedKeys).sort()).toEqual(
      expectedKeys((key) => key.startsWith(accountFolder({ account: ACCOUNT_3 }))),
    );
  });

  test('organization ids: discovery starts at the organization folder', async () => {
    const { plan } = await scan({ organizationIds: [ORG] });
    expect(server.listedPrefixes).not.toContain(`${PREFIX}/AWSLogs/`);
    expect(server.listedPrefixes).toContain(`${PREFIX}/AWSLogs/${ORG}/`);
    expect(unique(plan!.folders.map((f) => f.account))).toEqual([ACCOUNT_1, ACCOUNT_2]);
    expect(server.fetchedKeys.some((k) => k.includes(ACCOUNT_3))).toBe(false);
  });

  test('a requested account without logs is reported; the others are read', async () => {
    const { reporter, records } = await scan({
      accounts: [ACCOUNT_1, '000000000000'],
      regions: ['eu-west-1'],
    });
    expect(records.length).toBeGreaterThan(0);
    expect(reporter.errors).toEqual([
      { origin: { file: uri(`${PREFIX}/AWSLogs/`) }, message: 'no CloudTrail logs for account 000000000000' },
    ]);
  });

  test('the prefix may be given with slashes or with its AWSLogs segment', async () => {
    const plain = await scan({ accounts: [ACCOUNT_3] });
    for (const prefix of [`/${PREFIX}/`, `${PREFIX}/AWSLogs`, `${PREFIX}/AWSLogs/`]) {
      server.resetLog();
      const { records } = await scan({ prefix, accounts: [ACCOUNT_3] });
      expect(records).toEqual(plain.records);
    }
  });
});

describe('s3 source: failures', () => {
  test('AccessDenied on listing stops with the bucket, the prefix and the permissions needed', async () => {
    server.denyList = true;
    const err = await scan().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(S3SourceError);
    const message = (err as Error).message;
    expect(message).toContain(`access denied listing s3://${BUCKET}/${PREFIX}/AWSLogs/`);
    expect(message).toContain(`s3:ListBucket on arn:aws:s3:::${BUCKET}`);
    expect(message).toContain(`s3:GetObject on arn:aws:s3:::${BUCKET}/${PREFIX}/*`);
    expect(message).toContain('kms:Decrypt');
    // Access denied is not retried.
    expect(server.count('ListObjectsV2')).toBe(1);
    expect(server.count('GetObject')).toBe(0);
  });

  test('AccessDenied below the first level is reported by prefix, and the scan goes on', async () => {
    server.denyList = (prefix) => prefix.includes(`/${ACCOUNT_2}/`);
    const { reporter, records } = await scan();
    const denied = `${accountFolder({ org: ORG, account: ACCOUNT_2 })}CloudTrail/`;
    expect(reporter.errors).toEqual([
      { origin: { file: uri(denied) }, message: expect.stringContaining('access denied listing') },
    ]);
    expect(unique(server.fetchedKeys).sort()).toEqual(expectedKeys((key) => !key.includes(`/${ACCOUNT_2}/`)));
    expect(records.length).toBeGreaterThan(0);
  });

  test('AccessDenied on an object is reported by key with the permissions needed', async () => {
    const key = expectedKeys()[0]!;
    server.denyGet.add(key);
    const { reporter } = await scan();
    expect(reporter.errors).toContainEqual({
      origin: { file: uri(key) },
      message: expect.stringMatching(/^access denied \(GetObject: AccessDenied.*s3:GetObject.*kms:Decrypt/),
    });
    expect(server.fetchedKeys.filter((k) => k === key)).toHaveLength(1);
  });

  test('an object that keeps failing is reported after the retries, and the scan goes on', async () => {
    const key = expectedKeys()[1]!;
    server.failAlways.add(key);
    const { reporter, records, stats } = await scan();
    expect(server.fetchedKeys.filter((k) => k === key)).toHaveLength(3); // maxAttempts
    expect(reporter.errors).toContainEqual({
      origin: { file: uri(key) },
      message:
        'cannot fetch after 3 attempts: InternalError (HTTP 500): We encountered an internal error. Please try again.',
    });
    expect(records.some((r) => r.origin.file > uri(key))).toBe(true);
    expect(stats.apiCalls).toBe(server.requests.length);
  });

  test('a body that breaks off or stalls is fetched again, without a record twice', async () => {
    const clean = await scan();
    const [reset, stall] = expectedKeys().slice(2, 4) as [string, string];
    server.resetLog();
    server.resetBodyOnce.add(reset);
    server.stallBodyOnce.add(stall);
    const { records, reporter, stats } = await scan({ bodyIdleTimeoutMs: 300 });
    expect(records).toEqual(clean.records);
    expect(reporter.errors).toEqual(clean.reporter.errors);
    expect(server.fetchedKeys.filter((k) => k === reset)).toHaveLength(2);
    expect(server.fetchedKeys.filter((k) => k === stall)).toHaveLength(2);
    expect(stats.apiCalls).toBe(server.requests.length);
  });

  test('a body that breaks off every time is reported by key', async () => {
    const key = expectedKeys()[0]!;
    server.resetBodyOnce.add(key);
    const { reporter } = await scan({ bodyAttempts: 1 });
    expect(reporter.errors).toContainEqual({
      origin: { file: uri(key) },
      message: expect.stringMatching(/^cannot fetch: the transfer broke off 1 time \(last: /),
    });
  });

  test('a prefix without logs stops with a message naming s3-prefix', async () => {
    const err = await scan({ prefix: 'nothing-here' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(S3SourceError);
    expect((err as Error).message).toBe(
      `no CloudTrail logs under s3://${BUCKET}/nothing-here/AWSLogs/: check the bucket (s3-bucket) and the ` +
        `trail's key prefix (s3-prefix: the part of the key before AWSLogs/)`,
    );
  });

  test('a bucket that does not exist stops with a message naming it', async () => {
    const err = await scan({ bucket: 'no-such-bucket' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(S3SourceError);
    expect((err as Error).message).toMatch(/^bucket "no-such-bucket" does not exist/);
  });

  test('none of the requested accounts: the message lists what was found', async () => {
    const err = await scan({ accounts: ['000000000000'] }).catch((e: unknown) => e);
    expect((err as Error).message).toBe(
      `none of the accounts 000000000000 has CloudTrail logs under s3://${BUCKET}/${PREFIX}/AWSLogs/ ` +
        `(found: ${ACCOUNT_3}, ${ACCOUNT_1}, ${ACCOUNT_2})`,
    );
  });

  test('bad options are refused before any request', async () => {
    await expect(scan({ accounts: ['12345'] })).rejects.toThrow('"12345" is not an AWS account id');
    await expect(scan({ organizationIds: ['org-1'] })).rejects.toThrow(
      '"org-1" is not an AWS organization id',
    );
    await expect(scan({ window: { start: WINDOW.end, end: WINDOW.start } })).rejects.toThrow('ends before');
    await expect(scan({ deliveryMarginMinutes: 10 })).rejects.toThrow('at least 30');
    await expect(scan({ window: { start: 0, end: WINDOW.end } })).rejects.toThrow('more than 400 days');
    await expect(scan({ expectedBucketOwner: 'me' })).rejects.toThrow('"me" is not an AWS account id');
    expect(server.requests).toEqual([]);
  });

  test('stopping early abandons the downloads in flight', async () => {
    server.getDelayMs = 20;
    const reporter = new RecordingReporter();
    const source = readS3(
      { client, bucket: BUCKET, prefix: PREFIX, window: WINDOW, concurrency: 2, readAhead: 2 },
      reporter,
      { apiCalls: 0 },
    );
    for await (const _record of source) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.count('GetObject')).toBeLessThanOrEqual(4);
    expect(server.inFlightGets).toBe(0);
  });

  test('a file in a day folder without a delivery time in its name is reported as skipped', async () => {
    const key = `${trailFolder(TRAILS[4]!)}2024/06/03/uploaded-by-hand.json.gz`;
    server.put(key, bucket.objects[bucket.logFiles[0]!.key]!);
    try {
      const { reporter } = await scan({ accounts: [ACCOUNT_3] });
      expect(reporter.skipped).toEqual([
        { file: uri(key), reason: 'no delivery time in the file name (not a CloudTrail log file)' },
      ]);
      expect(server.fetchedKeys).not.toContain(key);
    } finally {
      server.remove(key);
    }
  });
});

describe('s3 source: records', () => {
  test('the expected bucket owner is sent with every request', async () => {
    await scan({ accounts: [ACCOUNT_3], expectedBucketOwner: '999988887777' });
    expect(server.requests.length).toBeGreaterThan(0);
    expect(server.requests.every((r) => r.expectedBucketOwner === '999988887777')).toBe(true);
  });

  test('every record of a selected file is yielded, by object key and index', async () => {
    const { records } = await scan({ accounts: [ACCOUNT_3] });
    const file = bucket.logFiles.find(
      (f) => f.trail.account === ACCOUNT_3 && f.delivered === '2024-06-04T00:55Z',
    )!;
    const mine = records.filter((r) => r.origin.file === uri(file.key));
    expect(mine.map((r) => r.origin.index)).toEqual([0, 1]);
    expect(idsOf(mine).map((r) => r.eventID)).toEqual(file.records.map((r) => r.eventID));
  });
});
