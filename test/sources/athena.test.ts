/**
 * The athena source in-process, through the real AthenaClient and S3Client, against the loopback Athena server
 * (and the loopback S3 server for the scan estimate and table creation).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { AthenaClient } from '@aws-sdk/client-athena';
import type { S3Client } from '@aws-sdk/client-s3';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ScanStats } from '../../src/core/stats.js';
import type { CompiledRule } from '../../src/rules/compile.js';
import { builtinRulesDir, loadRules } from '../../src/rules/load.js';
import {
  AthenaSourceError,
  createAthenaClient,
  explainAthena,
  newAthenaReport,
  queryCostUsd,
  readAthena,
  type AthenaReport,
  type AthenaSourceOptions,
} from '../../src/sources/athena/index.js';
import { createS3Client } from '../../src/sources/s3/index.js';
import { athenaCreateTableSql } from '../../src/sql/index.js';
import type { RawRecord } from '../../src/core/source.js';
import { AthenaTestServer } from '../helpers/athena-server.js';
import { resultOf } from '../helpers/athena-rows.js';
import { ROOT } from '../helpers/run-process.js';
import { S3TestServer } from '../helpers/s3-server.js';
import { ACCOUNT_1, ACCOUNT_2, BUCKET, buildTrailBucket, ORG, PREFIX, WINDOW } from './s3/trail-layout.js';

const CREDENTIALS = { accessKeyId: 'AKIDTESTTESTTESTTEST', secretAccessKey: 'test-secret' };
const FAST_POLL = { initialMs: 1, factor: 2, maxMs: 4 };
let athena: AthenaTestServer;
let s3: S3TestServer;
let client: AthenaClient;
let s3Client: S3Client;
let rules: CompiledRule[];
let records: Record<string, unknown>[];

/** Stratus Red Team's sample records (samples/, Apache-2.0). */
function sampleRecords(): Record<string, unknown>[] {
  const dir = join(ROOT, 'samples/AWSLogs');
  const found: Record<string, unknown>[] = [];
  const walk = (path: string) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.json.gz'))
        found.push(...(JSON.parse(gunzipSync(readFileSync(full)).toString()) as { Records: [] }).Records);
    }
  };
  walk(dir);
  return found;
}

beforeAll(async () => {
  athena = await AthenaTestServer.start();
  s3 = await S3TestServer.start({ bucket: BUCKET, objects: buildTrailBucket().objects, pageSize: 4 });
  client = createAthenaClient({ region: 'us-east-1', endpoint: athena.url, credentials: CREDENTIALS });
  s3Client = createS3Client({
    region: 'us-east-1',
    endpoint: s3.url,
    forcePathStyle: true,
    credentials: CREDENTIALS,
  });
  rules = (await loadRules([builtinRulesDir()], { builtin: true })).rules;
  records = sampleRecords();
});

afterAll(async () => {
  client?.destroy();
  s3Client?.destroy();
  await athena?.close();
  await s3?.close();
});

/** The table athena-create-table makes for the trail bucket's organization trail. */
function defineTable(extra: Partial<Parameters<typeof athenaCreateTableSql>[0]> = {}): void {
  athena.tables.clear();
  athena.define(
    athenaCreateTableSql({
      database: 'security',
      table: 'cloudtrail_logs',
      bucket: BUCKET,
      prefix: PREFIX,
      organizationId: ORG,
      accounts: [ACCOUNT_1, ACCOUNT_2],
      regions: ['eu-west-1', 'us-east-1'],
      projectionStartDate: '2013/11/01',
      ...extra,
    }),
  );
}

beforeEach(() => {
  defineTable();
  athena.queries.length = 0;
  athena.requests.length = 0;
  athena.pageSize = 1000;
  athena.pollsQueued = 1;
  athena.pollsRunning = 1;
  athena.throttleNext = 0;
  athena.onPoll = () => {};
  athena.failResultsWith = undefined;
  athena.answer = () => ({ state: 'SUCCEEDED', ...resultOf(records), dataScannedInBytes: 123_456_789 });
});

function options(extra: Partial<AthenaSourceOptions> = {}): AthenaSourceOptions {
  return {
    client,
    database: 'security',
    table: 'cloudtrail_logs',
    window: WINDOW,
    rules,
    poll: FAST_POLL,
    ...extra,
  };
}

async function read(
  extra: Partial<AthenaSourceOptions> = {},
): Promise<{ raw: RawRecord[]; stats: ScanStats; report: AthenaReport }> {
  const stats = new ScanStats();
  const report = newAthenaReport();
  const raw: RawRecord[] = [];
  for await (const record of readAthena(options(extra), stats, stats, report)) raw.push(record);
  return { raw, stats, report };
}

describe('the athena source', () => {
  it('runs one query through QUEUED and RUNNING and yields its rows as the records', async () => {
    athena.pollsQueued = 2;
    athena.pollsRunning = 3;
    const { raw, stats, report } = await read({
      workGroup: 'audit',
      outputLocation: 's3://athena-results/cloudtrail-audit/',
      accounts: [ACCOUNT_1],
      regions: ['us-east-1'],
    });
    expect(athena.queries).toHaveLength(1);
    const query = athena.queries[0]!;
    expect(query).toMatchObject({
      database: 'security',
      workGroup: 'audit',
      outputLocation: 's3://athena-results/cloudtrail-audit/',
      state: 'SUCCEEDED',
      polls: 6, // 2 × QUEUED, 3 × RUNNING, SUCCEEDED
    });
    expect(query.sql).toMatch(/FROM "security"\."cloudtrail_logs"/);
    expect(query.sql).toMatch(/"timestamp" >= '2024\/06\/03'/);
    expect(query.sql).toMatch(/"timestamp" <= '2024\/06\/04'/);
    expect(query.sql).toMatch(/"account" IN \('111122223333'\)/);
    expect(query.sql).toMatch(/"region" IN \('us-east-1'\)/);

    expect(raw.map((r) => (JSON.parse(r.text) as { eventID: string }).eventID)).toEqual(
      records.map((r) => r.eventID),
    );
    expect(raw[0]!.origin).toEqual({ file: `athena query ${query.id}`, index: 1 });
    // The record comes back with CloudTrail's keys and values (struct columns included).
    const back = JSON.parse(raw[0]!.text) as Record<string, unknown>;
    expect(back.userIdentity).toEqual(records[0]!.userIdentity);
    expect(back.eventName).toBe(records[0]!.eventName);

    expect(report).toMatchObject({
      state: 'succeeded',
      queryId: query.id,
      bytesScanned: 123_456_789,
      rows: records.length,
      pages: 1,
    });
    expect(report.costUsd).toBeCloseTo((124 * 1e6 * 5) / 1e12, 12); // 123.5 MB (decimal) rounded up to 124 MB
    expect(
      report.plan!.exact.length + report.plan!.pushedDown.length + report.plan!.unconstrained.length,
    ).toBe(rules.length);
    expect(stats.apiCalls).toBe(athena.calls());
    expect(athena.calls('GetQueryExecution')).toBe(6);
    expect(explainAthena(report)).toMatch(/117\.7 MB scanned, ~\$0\.00062/);
  });

  it('reads every page of the results, the header row only once', async () => {
    athena.pageSize = 4; // the header and 3 rows, then 4 rows a page
    const { raw, report } = await read({ pageSize: 4 });
    const pages = Math.ceil((records.length + 1) / 4);
    expect(athena.calls('GetQueryResults')).toBe(pages);
    expect(athena.requests.filter((r) => r.op === 'GetQueryResults' && r.withToken)).toHaveLength(pages - 1);
    expect(athena.requests.find((r) => r.op === 'GetQueryResults')!.maxResults).toBe(4);
    expect(raw).toHaveLength(records.length);
    expect(raw.map((r) => r.origin.index)).toEqual(records.map((_, i) => i + 1));
    expect(new Set(raw.map((r) => (JSON.parse(r.text) as { eventID: string }).eventID)).size).toBe(
      records.length,
    );
    expect(report.pages).toBe(pages);
  });

  it("surfaces Athena's reason when the query fails", async () => {
    athena.answer = () => ({
      state: 'FAILED',
      reason:
        "HIVE_CURSOR_ERROR: Row is not a valid JSON Object - JSONException: A JSONObject text must end with '}'",
    });
    await expect(read()).rejects.toThrow(
      /the CloudTrail query failed \(query q-\S+\): HIVE_CURSOR_ERROR: Row is not a valid JSON Object/,
    );
    expect(athena.calls('GetQueryResults')).toBe(0);
  });

  it('fails when someone else cancels the query', async () => {
    athena.answer = () => ({ state: 'CANCELLED', reason: 'Query cancelled by the workgroup administrator' });
    const error = await read().catch((err: unknown) => err);
    expect(error).toBeInstanceOf(AthenaSourceError);
    expect((error as Error).message).toMatch(/cancelled outside this run .*workgroup administrator/);
  });

  it('stops the query when the run is cancelled', async () => {
    athena.pollsRunning = 1_000_000;
    const controller = new AbortController();
    athena.onPoll = (query) => {
      if (query.state === 'RUNNING' && query.polls === 3) controller.abort();
    };
    const { raw, report } = await read({ signal: controller.signal });
    expect(raw).toEqual([]);
    expect(report.state).toBe('stopped');
    const stops = athena.requests.filter((r) => r.op === 'StopQueryExecution');
    expect(stops).toEqual([expect.objectContaining({ queryId: athena.queries[0]!.id, status: 200 })]);
    expect(athena.queries[0]).toMatchObject({ stopped: true, state: 'CANCELLED' });
    expect(athena.calls('GetQueryResults')).toBe(0);
  });

  it('retries throttled requests (the SDK retry strategy) and counts every attempt', async () => {
    athena.throttleNext = 1;
    const { raw, stats } = await read();
    expect(raw).toHaveLength(records.length);
    expect(athena.requests.filter((r) => r.error === 'TooManyRequestsException')).toHaveLength(1);
    expect(stats.apiCalls).toBe(athena.calls());
  });

  it('splits a rule set too long for one query into parts, and yields each record once', async () => {
    athena.answer = () => ({ state: 'SUCCEEDED', ...resultOf(records), dataScannedInBytes: 20 * 2 ** 20 });
    const whole = Buffer.byteLength((await read()).report.plan!.sql);
    athena.queries.length = 0;
    const limit = Math.ceil(whole / 3);
    const { raw, report } = await read({ maxQueryBytes: limit });
    const parts = athena.queries.length;
    expect(parts).toBeGreaterThanOrEqual(3);
    expect(report.queries).toBe(parts);
    for (const query of athena.queries) expect(Buffer.byteLength(query.sql)).toBeLessThanOrEqual(limit);
    expect(raw.map((r) => (JSON.parse(r.text) as { eventID: string }).eventID)).toEqual(
      records.map((r) => r.eventID),
    );
    expect(
      report.plan!.exact.length + report.plan!.pushedDown.length + report.plan!.unconstrained.length,
    ).toBe(rules.length);
    expect(report.bytesScanned).toBe(parts * 20 * 2 ** 20);
    expect(report.costUsd).toBeCloseTo(parts * queryCostUsd(20 * 2 ** 20), 12);
    expect(report.queryId).toBe(athena.queries.map((q) => q.id).join(', '));
    expect(explainAthena(report)).toMatch(
      new RegExp(`in ${parts} queries \\(over Athena's limits on one query\\)`),
    );
  });

  it('names the query and the permissions when its results cannot be read', async () => {
    athena.failResultsWith = {
      type: 'AccessDeniedException',
      message: 'Access denied when reading the query results from s3://athena-results/audit/',
    };
    const error = await read().catch((err: unknown) => err);
    expect(error).toBeInstanceOf(AthenaSourceError);
    expect((error as Error).message).toMatch(
      /cannot read the results of query q-\S+ \(GetQueryResults\): AccessDeniedException.*Access denied when reading.*The credentials need athena:StartQueryExecution.*query result location/,
    );
  });

  it('reports a row that is not a record and goes on', async () => {
    const result = resultOf(records.slice(0, 3));
    result.rows[1]![result.columns.indexOf('useridentity')] = '{broken';
    athena.answer = () => ({ state: 'SUCCEEDED', ...result });
    const { raw, stats, report } = await read();
    expect(raw).toHaveLength(2);
    expect(stats.recordsSkipped).toBe(1);
    expect(stats.errors[0]!.location).toMatch(/^athena query q-\S+ \(record 2\)$/);
    expect(stats.errors[0]!.message).toMatch(/column useridentity does not hold JSON/);
    expect(report.rowsSkipped).toBe(1);
  });
});

it('keeps a record whose JSON column holds a plain string, and one with camelCase struct fields', async () => {
  const result = resultOf(records.slice(0, 2));
  const column = (name: string) => result.columns.indexOf(name);
  result.rows[0]![column('responseelements')] = 'Success'; // "responseElements": "Success" in the log file
  result.rows[1]![column('useridentity')] = JSON.stringify({
    type: 'IAMUser',
    userName: 'alice',
    accountId: '1',
  });
  athena.answer = () => ({ state: 'SUCCEEDED', ...result });
  const { raw, stats } = await read();
  expect(stats.recordsSkipped).toBe(0);
  expect(raw).toHaveLength(2);
  expect((JSON.parse(raw[0]!.text) as { responseElements: unknown }).responseElements).toBe('Success');
  expect((JSON.parse(raw[1]!.text) as { userIdentity: unknown }).userIdentity).toEqual({
    type: 'IAMUser',
    userName: 'alice',
    accountId: '1',
  });
});

describe('max-scan-gb', () => {
  const trail = () => ({ client: s3Client, bucket: BUCKET, prefix: PREFIX });
  /** What the partitions of the window (2024/06/03 and /04, 60-minute margin) hold for account 1. */
  const account1Bytes = () =>
    Object.entries(buildTrailBucket().objects)
      .filter(([key]) =>
        new RegExp(`^${PREFIX}/AWSLogs/${ORG}/${ACCOUNT_1}/CloudTrail/[a-z0-9-]+/2024/06/0[34]/`).test(key),
      )
      .reduce((sum, [, bytes]) => sum + bytes.length, 0);

  it('stops before the query when the estimate is over the limit, naming both and how to narrow it', async () => {
    const expected = account1Bytes();
    expect(expected).toBeGreaterThan(1000);
    const error = await read({ accounts: [ACCOUNT_1], trail: trail(), maxScanBytes: expected - 1 }).catch(
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(AthenaSourceError);
    const message = (error as Error).message;
    expect(message).toMatch(
      /would scan more than [\d.]+ KB \(\d+ objects in 4 partitions: 2 account\/region folders × 2 days/,
    );
    expect(message).toMatch(/over max-scan-gb/);
    expect(message).toMatch(/shorter window .*fewer accounts or regions/);
    expect(athena.calls('StartQueryExecution')).toBe(0);
  });

  it('runs the query when the estimate is within the limit, and reports it', async () => {
    const { report } = await read({ accounts: [ACCOUNT_1], trail: trail(), maxScanBytes: 10 * 2 ** 30 });
    expect(report.estimate).toMatchObject({ bytes: account1Bytes(), partitions: 4, folders: 2, unlisted: 0 });
    expect(report.estimate!.days).toEqual(['2024/06/03/', '2024/06/04/']);
    expect(athena.calls('StartQueryExecution')).toBe(1);
    expect(explainAthena(report)).toMatch(
      /scan estimate: [\d.]+ KB in \d+ objects, 4 partitions .*max-scan-gb: 10\.0 GB/,
    );
  });

  it('needs the trail bucket', async () => {
    await expect(read({ maxScanBytes: 2 ** 30 })).rejects.toThrow(
      /max-scan-gb needs the trail bucket \(s3-bucket/,
    );
  });
});

describe('athena-create-table', () => {
  beforeEach(() => athena.tables.clear());

  it('creates the table over the organization trail found in the bucket, then queries it', async () => {
    const { raw } = await read({
      trail: { client: s3Client, bucket: BUCKET, prefix: PREFIX },
      createTable: {},
    });
    expect(raw).toHaveLength(records.length);
    expect(athena.queries).toHaveLength(2);
    const ddl = athena.queries[0]!.sql;
    expect(ddl).toMatch(/^CREATE EXTERNAL TABLE IF NOT EXISTS `security`\.`cloudtrail_logs`/);
    expect(ddl).toContain(`LOCATION 's3://${BUCKET}/${PREFIX}/AWSLogs/${ORG}/'`);
    expect(ddl).toContain(`'projection.account.values'='111122223333,444455556666'`);
    expect(ddl).toContain(`'projection.region.values'='eu-west-1,us-east-1'`);
    expect(athena.queries[1]!.sql).toMatch(/^SELECT/);
  });

  it('stops when the DDL fails, with the reason', async () => {
    athena.answer = (sql) =>
      /^CREATE/.test(sql)
        ? {
            state: 'FAILED',
            reason: 'FAILED: SemanticException [Error 10072]: Database does not exist: security',
          }
        : { state: 'SUCCEEDED' };
    await expect(
      read({ trail: { client: s3Client, bucket: BUCKET, prefix: PREFIX }, createTable: {} }),
    ).rejects.toThrow(
      /CREATE TABLE statement \(athena-create-table\) failed .*Database does not exist: security/,
    );
    expect(athena.queries).toHaveLength(1);
  });
});

it('prices a query as AWS does: $5 per decimal TB, per decimal MB rounded up, 10 MB at least', () => {
  expect(queryCostUsd(0)).toBeCloseTo((10 * 5) / 1e6, 15);
  expect(queryCostUsd(1e12)).toBeCloseTo(5, 10);
  expect(queryCostUsd(2 ** 40)).toBeCloseTo(5.49756, 8); // 1,099,512 MB
  expect(queryCostUsd(10e6 + 1)).toBeCloseTo((11 * 5) / 1e6, 15);
  expect(queryCostUsd(3.5e9)).toBeCloseTo(0.0175, 10);
});
