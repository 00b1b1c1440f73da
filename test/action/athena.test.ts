/**
 * The bundled action with `source: athena`, run as a runner runs it, through the real SDK against loopback
 * Athena and S3 servers (static credentials from the environment). The S3 server holds Stratus Red Team's
 * sample logs (samples/, Apache-2.0) in the trail layout; the Athena server answers the query with the same
 * records as rows of the CloudTrail table. The findings must be those of `source: s3` over the same bucket.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { AthenaTestServer } from '../helpers/athena-server.js';
import { resultOf } from '../helpers/athena-rows.js';
import {
  actionEnv,
  readOutputs,
  ROOT,
  runNode,
  tempDir,
  type ProcessResult,
} from '../helpers/run-process.js';
import { S3TestServer } from '../helpers/s3-server.js';

const BUCKET = 'org-trail';
const START = '2024-07-30T00:00:00Z';
const END = '2024-08-03T00:00:00Z';
const SAMPLES = join(ROOT, 'samples');
let athena: AthenaTestServer;
let s3: S3TestServer;
let accounts: string[];
let regions: string[];
let records: Record<string, unknown>[];

interface FindingsDoc {
  stats: { bytesScanned?: number; estimatedCostUsd?: number; eventsScanned: number };
  findings: { ruleId: string; fingerprint: string; events: { eventID: string }[] }[];
}

beforeAll(async () => {
  const objects: Record<string, Buffer> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else objects[relative(SAMPLES, full)] = readFileSync(full);
    }
  };
  walk(join(SAMPLES, 'AWSLogs'));
  const keys = Object.keys(objects).filter((key) => key.endsWith('.json.gz'));
  accounts = [...new Set(keys.map((key) => key.split('/')[1]!))].sort();
  regions = [...new Set(keys.map((key) => key.split('/')[3]!))].sort();
  // The records of the partitions the window selects (what Athena reads), out of order as Athena returns them.
  records = keys
    .filter((key) => {
      const day = key.split('/').slice(4, 7).join('-');
      return day >= START.slice(0, 10) && day <= END.slice(0, 10);
    })
    .flatMap((key) => (JSON.parse(gunzipSync(objects[key]!).toString()) as { Records: [] }).Records)
    .reverse();
  s3 = await S3TestServer.start({ bucket: BUCKET, objects });
  athena = await AthenaTestServer.start();
  athena.pageSize = 7; // several pages
  athena.answer = (sql) =>
    /^SELECT/.test(sql)
      ? {
          state: 'SUCCEEDED',
          ...resultOf(records),
          dataScannedInBytes: 3_500_000_000,
          engineExecutionTimeInMillis: 4200,
        }
      : { state: 'SUCCEEDED' };
});

afterAll(async () => {
  await athena?.close();
  await s3?.close();
});

function env(inputs: Record<string, string>, dir: string): Record<string, string> {
  return {
    ...actionEnv(
      {
        'start-time': START,
        'end-time': END,
        's3-bucket': BUCKET,
        accounts: accounts.join(','),
        regions: regions.join(','),
        ...inputs,
      },
      dir,
    ),
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
  it('finds what source: s3 finds over the same records, and shows what the query scanned and cost', async () => {
    const s3Dir = tempDir();
    const s3Run = await runNode(join(ROOT, 'dist/index.js'), [], env({ source: 's3' }, s3Dir));
    expect(s3Run.stdout).not.toMatch(/::error::/);
    expect(s3Run.code).toBe(0);

    const dir = tempDir();
    const result = await runNode(
      join(ROOT, 'dist/index.js'),
      [],
      env({ ...ATHENA_INPUTS, 'max-scan-gb': '1' }, dir),
    );
    expect(result.stdout).not.toMatch(/::error::/);
    expect(result.code).toBe(0);

    const expected = findingsOf(readOutputs(join(s3Dir, 'output.txt'))['findings-file']!);
    expect(Object.keys(expected).length).toBeGreaterThan(3);
    const outputs = readOutputs(join(dir, 'output.txt'));
    expect(findingsOf(outputs['findings-file']!)).toEqual(expected);

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
    expect(query.sql).toContain(`"timestamp" <= '2024/08/03'`);
    expect(query.sql).toContain(`account IN (${accounts.map((a) => `'${a}'`).join(', ')})`);
    expect(query.sql).toContain(`region IN (${regions.map((r) => `'${r}'`).join(', ')})`);
    expect(athena.calls('GetQueryResults')).toBe(Math.ceil((records.length + 1) / 7));

    const doc = JSON.parse(readFileSync(outputs['findings-file']!, 'utf8')) as FindingsDoc;
    expect(doc.stats.bytesScanned).toBe(3_500_000_000);
    expect(doc.stats.estimatedCostUsd).toBeCloseTo((Math.ceil(3_500_000_000 / 2 ** 20) * 5) / 2 ** 20, 10);
    const summary = readFileSync(join(dir, 'summary.md'), 'utf8');
    expect(summary).toMatch(
      /\| Data scanned \| 3\.26 GB, estimated cost \$0\.016 \(Athena query `q-\S+`\) \|/,
    );
    expect(summary).toContain('| Source | athena\\: security\\.cloudtrail\\_logs \\(workgroup audit\\) |');
    // The plan and the scan estimate are in the log.
    expect(result.stdout).toMatch(
      /Athena query: \d+ rules in one query; \d+ compiled exactly, \d+ pushed down/,
    );
    expect(result.stdout).toMatch(
      /scan estimate: [\d.]+ KB in \d+ objects, \d+ partitions .*max-scan-gb: 1\.00 GB/,
    );
  });

  it('stops before the query when the scan estimate is over max-scan-gb', async () => {
    const before = athena.calls('StartQueryExecution');
    const dir = tempDir();
    const result = await runNode(
      join(ROOT, 'dist/index.js'),
      [],
      env({ ...ATHENA_INPUTS, 'max-scan-gb': '0.00001' }, dir),
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /::error::the Athena query would scan about [\d.]+ KB \(\d+ objects in \d+ partitions.*over max-scan-gb \(10\.5 KB\); the query was not run/,
    );
    expect(athena.calls('StartQueryExecution')).toBe(before);
  });

  it('stops the query when the workflow run is cancelled (SIGTERM)', async () => {
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
