/**
 * The bundled action with `source: athena`, run as a runner runs it, through the real SDK against loopback
 * Athena and S3 servers (static credentials from the environment). The S3 server holds Stratus Red Team's
 * sample logs (samples/, Apache-2.0) and records generated from the built-in rules (test/sql/corpus.ts: with `İ`
 * mutations, JSON-null and plain-string requestParameters / responseElements) in the trail layout; the Athena
 * server keeps the catalog and runs each query in DuckDB over the objects Athena would read
 * (test/sql/athena-engine.ts). The findings must be those of `source: s3` over the same bucket.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { builtinRulesDir, loadRules } from '../../src/rules/load.js';
import { athenaCreateTableSql } from '../../src/sql/index.js';
import { AthenaTestServer } from '../helpers/athena-server.js';
import {
  actionEnv,
  readOutputs,
  ROOT,
  runNode,
  tempDir,
  type ProcessResult,
} from '../helpers/run-process.js';
import { S3TestServer } from '../helpers/s3-server.js';
import { athenaEngine } from '../sql/athena-engine.js';
import { generatedRecords } from '../sql/corpus.js';

const BUCKET = 'org-trail';
const START = '2024-07-30T00:00:00Z';
const END = '2024-08-04T00:00:00Z';
const SAMPLES = join(ROOT, 'samples');
/** The generated records' accounts: the second one joined after the table was made. */
const GENERATED = ['111122223333', '444455556666'];
let athena: AthenaTestServer;
let s3: S3TestServer;
let objects: Record<string, Buffer>;
let accounts: string[];
let regions: string[];
let corpus: Record<string, unknown>[];

interface FindingsDoc {
  stats: { bytesScanned?: number; estimatedCostUsd?: number; eventsScanned: number };
  findings: { ruleId: string; fingerprint: string; events: { eventID: string }[] }[];
}

/** Records as CloudTrail delivers them: one file per account, Region and 5 minutes, in its delivery day's folder. */
function logFiles(records: Record<string, unknown>[]): Record<string, Buffer> {
  const files = new Map<string, Record<string, unknown>[]>();
  for (const record of records) {
    const delivered = new Date(
      Math.ceil((Date.parse(record.eventTime as string) + 60_000) / 300_000) * 300_000,
    );
    const [date, time] = delivered.toISOString().split('T') as [string, string];
    const [yyyy, mm, dd] = date.split('-');
    const account = record.recipientAccountId as string;
    const region = record.awsRegion as string;
    const stamp = `${yyyy}${mm}${dd}T${time.slice(0, 5).replace(':', '')}Z`;
    const key = `AWSLogs/${account}/CloudTrail/${region}/${yyyy}/${mm}/${dd}/${account}_CloudTrail_${region}_${stamp}_gen.json.gz`;
    files.set(key, [...(files.get(key) ?? []), record]);
  }
  return Object.fromEntries(
    [...files].map(([key, list]) => [key, gzipSync(JSON.stringify({ Records: list }))]),
  );
}

beforeAll(async () => {
  objects = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else objects[relative(SAMPLES, full)] = readFileSync(full);
    }
  };
  walk(join(SAMPLES, 'AWSLogs'));
  const builtin = (await loadRules([builtinRulesDir()], { builtin: true })).rules.map((r) => r.rule);
  // Records CloudTrail could write: times, accounts and Regions as CloudTrail writes them.
  corpus = generatedRecords(builtin, 20261129, 1).filter(
    (r) =>
      typeof r.eventTime === 'string' &&
      /^2024-08-0[1-3]T\d\d:\d\d:\d\d(\.\d+)?Z$/.test(r.eventTime) &&
      GENERATED.includes(r.recipientAccountId as string) &&
      ['us-east-1', 'eu-west-1'].includes(r.awsRegion as string),
  );
  Object.assign(objects, logFiles(corpus));
  const keys = Object.keys(objects).filter((key) => key.endsWith('.json.gz'));
  accounts = [...new Set(keys.map((key) => key.split('/')[1]!))].sort();
  regions = [...new Set(keys.map((key) => key.split('/')[3]!))].sort();
  s3 = await S3TestServer.start({ bucket: BUCKET, objects });
  athena = await AthenaTestServer.start();
  athena.pageSize = 7; // several pages
  athena.answer = athenaEngine(athena, { bucket: BUCKET, objects });
});

/** The table made before the second generated account joined: that account is outside its projection. */
function defineTable(): void {
  athena.tables.clear();
  athena.define(
    athenaCreateTableSql({
      database: 'security',
      table: 'cloudtrail_logs',
      bucket: BUCKET,
      accounts: accounts.filter((a) => a !== GENERATED[1]),
      regions,
      projectionStartDate: '2024/01/01',
    }),
    'security',
  );
}

afterAll(async () => {
  await athena?.close();
  await s3?.close();
});

function env(inputs: Record<string, string>, dir: string): Record<string, string> {
  return {
    ...actionEnv({ 'start-time': START, 'end-time': END, 's3-bucket': BUCKET, ...inputs }, dir),
    AWS_ACCESS_KEY_ID: 'AKIDTESTTESTTESTTEST',
    AWS_SECRET_ACCESS_KEY: 'test-secret',
    AWS_REGION: 'us-east-1',
    AWS_ENDPOINT_URL_S3: s3.url,
    AWS_ENDPOINT_URL_ATHENA: athena.url,
  };
}

const ATHENA_INPUTS = {
  source: 'athena',
  'athena-database': 'security',
  'athena-table': 'cloudtrail_logs',
  'athena-workgroup': 'audit',
  'athena-output-location': 's3://athena-results/audit/',
};

/** Rule id → fingerprint → sorted event ids. */
function findingsOf(file: string): Record<string, string[]> {
  const doc = JSON.parse(readFileSync(file, 'utf8')) as FindingsDoc;
  return Object.fromEntries(
    doc.findings.map((f) => [`${f.ruleId} ${f.fingerprint}`, f.events.map((e) => e.eventID).sort()]),
  );
}

describe('the bundled action with source: athena', () => {
  it('finds what source: s3 finds over the same objects; an account outside the projection is warned about, then added', async () => {
    defineTable();
    const s3Dir = tempDir();
    const s3Run = await runNode(join(ROOT, 'dist/index.js'), [], env({ source: 's3' }, s3Dir));
    expect(s3Run.stdout).not.toMatch(/::error::/);
    expect(s3Run.code).toBe(0);
    const expected = findingsOf(readOutputs(join(s3Dir, 'output.txt'))['findings-file']!);
    expect(Object.keys(expected).length).toBeGreaterThan(20);
    const eventsOf = (findings: Record<string, string[]>) => new Set(Object.values(findings).flat());
    // The corpus reaches the cases of issue #20: İ, JSON nulls, plain-string JSON columns, the second account.
    const found = eventsOf(expected);
    const hit = (test: (r: Record<string, unknown>) => boolean) =>
      corpus.filter((r) => found.has(r.eventID as string) && test(r)).length;
    expect(hit((r) => JSON.stringify(r).includes('\u0130'))).toBeGreaterThan(10);
    expect(hit((r) => r.responseElements === null)).toBeGreaterThan(10);
    expect(hit((r) => typeof r.responseElements === 'string')).toBeGreaterThan(2);
    expect(hit((r) => r.recipientAccountId === GENERATED[1])).toBeGreaterThan(10);

    // (1) The table lacks the second account: warned about, its events not read; everything else is found.
    const dir = tempDir();
    const result = await runNode(
      join(ROOT, 'dist/index.js'),
      [],
      env({ ...ATHENA_INPUTS, 'max-scan-gb': '1' }, dir),
    );
    expect(result.stdout).not.toMatch(/::error::/);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      new RegExp(
        `::warning::athena table security\\.cloudtrail_logs: account ${GENERATED[1]} found in the trail bucket ` +
          "is not in the table's partition projection \\(projection\\.account\\.values\\): their events are not read",
      ),
    );
    const outputs = readOutputs(join(dir, 'output.txt'));
    const s3Partial = tempDir();
    const others = accounts.filter((a) => a !== GENERATED[1]).join(',');
    expect(
      (await runNode(join(ROOT, 'dist/index.js'), [], env({ source: 's3', accounts: others }, s3Partial)))
        .code,
    ).toBe(0);
    expect(findingsOf(outputs['findings-file']!)).toEqual(
      findingsOf(readOutputs(join(s3Partial, 'output.txt'))['findings-file']!),
    );

    // One query, in the workgroup, database and result location given, pruned to the window's partitions.
    const selects = athena.queries.filter((q) => /^SELECT/.test(q.sql));
    expect(selects).toHaveLength(1);
    const query = selects[0]!;
    expect(query).toMatchObject({
      database: 'security',
      workGroup: 'audit',
      outputLocation: 's3://athena-results/audit/',
    });
    expect(query.sql).toContain(`"timestamp" >= '2024/07/30'`);
    expect(query.sql).toContain(`"timestamp" <= '2024/08/04'`);
    const rows = query.answer.rows!.length;
    expect(athena.calls('GetQueryResults')).toBe(Math.ceil((rows + 1) / 7));

    const doc = JSON.parse(readFileSync(outputs['findings-file']!, 'utf8')) as FindingsDoc;
    expect(doc.stats.bytesScanned).toBe(query.answer.dataScannedInBytes);
    expect(doc.stats.estimatedCostUsd).toBeCloseTo(0.00005, 10); // 10 MB at least
    const summary = readFileSync(join(dir, 'summary.md'), 'utf8');
    expect(summary).toMatch(
      /\| Data scanned \| [\d.]+ KB, estimated cost \$0\.00005 \(Athena query `q-\S+`\) \|/,
    );
    expect(summary).toContain('| Source | athena\\: security\\.cloudtrail\\_logs \\(workgroup audit\\) |');
    // The plan and the scan estimate are in the log.
    expect(result.stdout).toMatch(
      /Athena query: \d+ rules in one query; \d+ compiled exactly, \d+ pushed down/,
    );
    expect(result.stdout).toMatch(
      /scan estimate: [\d.]+ KB in \d+ objects, \d+ partitions .*max-scan-gb: 1\.00 GB/,
    );

    // (2) athena-create-table adds the account to the projection: now the findings are those of source: s3.
    const dir2 = tempDir();
    const created = await runNode(
      join(ROOT, 'dist/index.js'),
      [],
      env({ ...ATHENA_INPUTS, 'athena-create-table': 'true' }, dir2),
    );
    expect(created.stdout).not.toMatch(/::error::|::warning::athena table/);
    expect(created.code).toBe(0);
    expect(
      athena.queries.some((q) => /^ALTER TABLE `security`\.`cloudtrail_logs` SET TBLPROPERTIES/.test(q.sql)),
    ).toBe(true);
    expect(created.stdout).toMatch(
      new RegExp(`table updated \\(query q-\\S+\\): accounts added: ${GENERATED[1]}`),
    );
    expect(findingsOf(readOutputs(join(dir2, 'output.txt'))['findings-file']!)).toEqual(expected);
  });

  it('stops before the query when the scan estimate is over max-scan-gb', async () => {
    defineTable();
    const before = athena.calls('StartQueryExecution');
    const dir = tempDir();
    const result = await runNode(
      join(ROOT, 'dist/index.js'),
      [],
      env({ ...ATHENA_INPUTS, 'max-scan-gb': '0.00001' }, dir),
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /::error::the Athena query would scan (about|more than) [\d.]+ KB \(\d+ objects in \d+ partitions.*over max-scan-gb \(10\.5 KB\); the query was not run/,
    );
    expect(athena.calls('StartQueryExecution')).toBe(before);
  });

  it('stops the query when the workflow run is cancelled (SIGTERM)', async () => {
    defineTable();
    const dir = tempDir();
    const child = spawn(process.execPath, [join(ROOT, 'dist/index.js')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env(ATHENA_INPUTS, dir) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const done = new Promise<ProcessResult>((resolve, reject) => {
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    const saved = { running: athena.pollsRunning, onPoll: athena.onPoll };
    athena.pollsRunning = 1_000_000;
    athena.onPoll = (query) => {
      if (query.state === 'RUNNING' && query.polls === 2) child.kill('SIGTERM');
    };
    try {
      const result = await done;
      const query = athena.queries[athena.queries.length - 1]!;
      expect(query).toMatchObject({ stopped: true, state: 'CANCELLED' });
      expect(
        athena.requests.filter((r) => r.op === 'StopQueryExecution' && r.queryId === query.id),
      ).toHaveLength(1);
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/::error::The run was cancelled: the scan stopped early/);
      expect(readOutputs(join(dir, 'output.txt'))).toEqual({});
      expect(JSON.parse(readFileSync(join(dir, 'cloudtrail-audit-findings.json'), 'utf8')).findings).toEqual(
        [],
      );
    } finally {
      athena.pollsRunning = saved.running;
      athena.onPoll = saved.onPoll;
    }
  });
});
