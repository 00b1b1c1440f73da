/**
 * Investigations on sources without an index: S3 (loopback S3 server, real SDK) and files. What a scoped S3 run
 * would read is estimated from the listing and refused past the read budget before any object is fetched; within
 * it, the credential's events are kept, and following reads again only from when the new credentials were created.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { S3TestServer } from '../helpers/s3-server.js';
import { tempDir } from '../helpers/run-process.js';
import {
  LEAKED_KEY,
  compromisedAccount,
  trailObjects,
  type CompromisedAccount,
} from './compromised-account.js';

const NOW = Date.now();
const BUCKET = 'trail-bucket';
let server: S3TestServer;
let account: CompromisedAccount;
let saved: NodeJS.ProcessEnv;
let filesDir: string;

beforeAll(async () => {
  account = compromisedAccount({ events: 6_000, end: new Date(NOW) });
  const objects = trailObjects(account.byRegion);
  server = await S3TestServer.start({ bucket: BUCKET, objects });
  saved = { ...process.env };
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: 'AKIDLOOPBACKTESTKEY1',
    AWS_SECRET_ACCESS_KEY: 'loopback-secret',
    AWS_REGION: 'us-east-1',
    AWS_ENDPOINT_URL_S3: server.url,
  });
  filesDir = tempDir('cta-investigate-files-');
  for (const [key, bytes] of Object.entries(objects)) {
    mkdirSync(dirname(join(filesDir, key)), { recursive: true });
    writeFileSync(join(filesDir, key), bytes);
  }
});

afterAll(async () => {
  process.env = saved;
  await server?.close();
});

async function run(args: string[]) {
  const dir = tempDir('cta-investigate-s3-');
  const out = { stdout: '', stderr: '' };
  const timeline = join(dir, 'timeline.jsonl');
  const code = await main(
    [...args, '--timeline-file', timeline, '--summary-file', join(dir, 's.md'), '--explain'],
    {
      stdout: (t) => (out.stdout += t),
      stderr: (t) => (out.stderr += t),
      isTTY: false,
      now: () => NOW,
    },
  );
  const events =
    code === 2
      ? []
      : readFileSync(timeline, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as Record<string, string>);
  return {
    code,
    ...out,
    ids: events.map((e) => e.eventID!).sort(),
    summary: code === 2 ? '' : readFileSync(join(dir, 's.md'), 'utf8'),
  };
}

const ids = (records: Record<string, unknown>[]) => records.map((r) => r.eventID as string).sort();

describe('an investigation on S3', () => {
  it('estimates the read from the listing and refuses past the budget, fetching nothing', async () => {
    server.requests.length = 0;
    const result = await run([
      'scan',
      '--source',
      's3',
      '--s3-bucket',
      BUCKET,
      '--access-key-id',
      LEAKED_KEY,
      '--s3-max-read-gb',
      '0.0001',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /an investigation on s3 reads every log file of the window .*: \d+ objects, [\d.]+ MiB compressed/,
    );
    expect(result.stderr).toContain('more than --s3-max-read-gb (0.1 MiB)');
    expect(result.stderr).toMatch(/Raise --s3-max-read-gb.*--source lookup-events.*Athena/);
    expect(server.fetchedKeys).toEqual([]);
  });

  it('keeps the key’s events, and follows with a second pass from the first new credential on', async () => {
    server.requests.length = 0;
    const result = await run([
      'scan',
      '--source',
      's3',
      '--s3-bucket',
      BUCKET,
      '--access-key-id',
      LEAKED_KEY,
      '--follow',
      '1',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const { leaked, backdoor, console, session } = account.attack;
    expect(result.ids).toEqual(ids([...leaked, ...backdoor, ...console, ...session]));
    const objects = Object.keys(
      server.objects instanceof Map ? Object.fromEntries(server.objects) : server.objects,
    ).length;
    const fetched = server.fetchedKeys;
    // Pass 1: every object of the window; pass 2: only those delivered since the new key was created.
    expect(fetched.length).toBeGreaterThan(objects);
    expect(fetched.length).toBeLessThan(objects + objects / 4);
    expect(result.stdout).toMatch(
      /Investigation: 2 passes over the source, [\d,]+ records read, \d+ in scope/,
    );
    expect(result.stdout).toMatch(/pass 1: \d+ objects, [\d.]+ MiB/);
    expect(result.summary).toMatch(/\| Source \| 2 passes/);
  });
});

describe('an investigation on files', () => {
  it('keeps the key’s events and nothing else', async () => {
    const result = await run(['scan', filesDir, '--access-key-id', LEAKED_KEY]);
    expect(result.code).toBe(0);
    expect(result.ids).toEqual(ids(account.attack.leaked));
  });
});
