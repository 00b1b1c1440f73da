/**
 * An investigation on Athena: the scope becomes the query's condition (the suspect's events, every column), and
 * following a trail one more query for the credentials found. Through the CLI, the real SDK and the loopback
 * Athena server, whose queries run in DuckDB over the objects of a loopback S3 bucket (test/sql/athena-engine.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { athenaCreateTableSql } from '../../src/sql/index.js';
import { AthenaTestServer } from '../helpers/athena-server.js';
import { tempDir } from '../helpers/run-process.js';
import { S3TestServer } from '../helpers/s3-server.js';
import { athenaEngine } from '../sql/athena-engine.js';
import {
  ACCOUNT,
  BACKDOOR_KEY,
  LEAKED_KEY,
  REGIONS,
  compromisedAccount,
  trailObjects,
  type CompromisedAccount,
} from './compromised-account.js';

const NOW = Date.now();
const BUCKET = 'trail-bucket';
let s3: S3TestServer;
let athena: AthenaTestServer;
let account: CompromisedAccount;
let saved: NodeJS.ProcessEnv;

beforeAll(async () => {
  account = compromisedAccount({ events: 6_000, end: new Date(NOW) });
  const objects = trailObjects(account.byRegion);
  s3 = await S3TestServer.start({ bucket: BUCKET, objects });
  athena = await AthenaTestServer.start();
  athena.answer = athenaEngine(athena, { bucket: BUCKET, objects });
  const start = new Date(NOW - 100 * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '/');
  athena.define(
    athenaCreateTableSql({
      database: 'security',
      table: 'cloudtrail_logs',
      bucket: BUCKET,
      accounts: [ACCOUNT],
      regions: [...REGIONS],
      projectionStartDate: start,
    }),
    'security',
  );
  saved = { ...process.env };
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: 'AKIDLOOPBACKTESTKEY1',
    AWS_SECRET_ACCESS_KEY: 'loopback-secret',
    AWS_REGION: 'us-east-1',
    AWS_ENDPOINT_URL_S3: s3.url,
    AWS_ENDPOINT_URL_ATHENA: athena.url,
  });
});

afterAll(async () => {
  process.env = saved;
  await athena?.close();
  await s3?.close();
});

async function investigate(args: string[]) {
  const dir = tempDir('cta-investigate-athena-');
  const out = { stdout: '', stderr: '' };
  const timeline = join(dir, 'timeline.jsonl');
  const code = await main(
    [
      'scan',
      '--source',
      'athena',
      '--athena-database',
      'security',
      '--athena-table',
      'cloudtrail_logs',
      '--athena-output-location',
      's3://results/athena/',
      ...args,
      '--timeline-file',
      timeline,
      '--explain',
    ],
    {
      stdout: (t) => (out.stdout += t),
      stderr: (t) => (out.stderr += t),
      isTTY: false,
      now: () => NOW,
    },
  );
  const ids = readFileSync(timeline, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { eventID: string }).eventID)
    .sort();
  return { code, ...out, ids };
}

const ids = (records: Record<string, unknown>[]) => records.map((r) => r.eventID as string).sort();

describe('an investigation on Athena', () => {
  it('queries the key’s events only, and nothing of anyone else’s', async () => {
    athena.queries.length = 0;
    const result = await investigate(['--access-key-id', LEAKED_KEY]);
    expect(result.code).toBe(0);
    expect(result.ids).toEqual(ids(account.attack.leaked));
    const selects = athena.queries.filter((q) => /^\s*SELECT/i.test(q.sql));
    expect(selects).toHaveLength(1);
    expect(selects[0]!.sql).toContain(LEAKED_KEY.toLowerCase());
    expect(selects[0]!.sql).toContain('investigation-scope');
    expect(result.stdout).toMatch(/Investigation: 1 pass over the source/);
  });

  it('follows with one more query for the credentials the suspect created', async () => {
    athena.queries.length = 0;
    const result = await investigate(['--access-key-id', LEAKED_KEY, '--follow', '1']);
    expect(result.code).toBe(0);
    const { leaked, backdoor, console, session } = account.attack;
    expect(result.ids).toEqual(ids([...leaked, ...backdoor, ...console, ...session]));
    const selects = athena.queries.filter((q) => /^\s*SELECT/i.test(q.sql));
    expect(selects).toHaveLength(2);
    expect(selects[1]!.sql).toContain(BACKDOOR_KEY.toLowerCase());
    expect(selects[1]!.sql).not.toContain(LEAKED_KEY.toLowerCase());
  });
});
