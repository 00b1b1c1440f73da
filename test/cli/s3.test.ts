/** `cloudtrail-audit scan --source s3` against a loopback S3 server, in-process and as the bundled CLI. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { S3TestServer } from '../helpers/s3-server.js';
import { ROOT, runNode, tempDir } from '../helpers/run-process.js';
import { BUCKET, buildTrailBucket, PREFIX } from '../sources/s3/trail-layout.js';

const AWS_ENV = {
  AWS_ACCESS_KEY_ID: 'AKIDTESTTESTTESTTEST',
  AWS_SECRET_ACCESS_KEY: 'test-secret',
  AWS_REGION: 'us-east-1',
};
const WINDOW = ['--start', '2024-06-03T20:00:10Z', '--end', '2024-06-03T23:59:59Z'];
let server: S3TestServer;
let saved: NodeJS.ProcessEnv;
let copy: string;

beforeAll(async () => {
  const bucket = buildTrailBucket();
  server = await S3TestServer.start({ bucket: BUCKET, objects: bucket.objects, pageSize: 3 });
  saved = { ...process.env };
  Object.assign(process.env, AWS_ENV, { AWS_ENDPOINT_URL_S3: server.url });
  // The same objects on disk, for the files source.
  copy = tempDir();
  for (const [key, bytes] of Object.entries(bucket.objects)) {
    mkdirSync(dirname(join(copy, key)), { recursive: true });
    writeFileSync(join(copy, key), bytes);
  }
});

afterAll(async () => {
  process.env = saved;
  await server?.close();
});

const io = () => {
  const out = { text: '', err: '' };
  return {
    out,
    io: {
      stdout: (t: string) => (out.text += t),
      stderr: (t: string) => (out.err += t),
      isTTY: false,
      now: () => Date.parse('2024-06-04T12:00:00Z'),
    },
  };
};

const findingsOf = (file: string) =>
  (JSON.parse(readFileSync(file, 'utf8')) as { findings: { fingerprint: string; count: number }[] }).findings;

describe('scan --source s3', () => {
  it('finds what the files source finds over the same objects', async () => {
    const dir = tempDir();
    const s3 = io();
    const args = ['scan', '--source', 's3', '--s3-bucket', BUCKET, '--s3-prefix', PREFIX, ...WINDOW];
    expect(await main([...args, '--findings-file', join(dir, 's3.json')], s3.io)).toBe(0);
    const files = io();
    expect(await main(['scan', copy, ...WINDOW, '--findings-file', join(dir, 'files.json')], files.io)).toBe(
      0,
    );
    expect(findingsOf(join(dir, 's3.json')).length).toBeGreaterThan(0);
    expect(findingsOf(join(dir, 's3.json'))).toEqual(findingsOf(join(dir, 'files.json')));
    expect(s3.out.err).toMatch(/s3:\/\/org-trail-bucket\/.*truncated|corrupt/); // the corrupt object, by key
  });

  it('runs from the bundle with the SDK endpoint variable', async () => {
    const dir = tempDir();
    const result = await runNode(
      join(ROOT, 'dist/cli/index.js'),
      [
        'scan',
        '--source',
        's3',
        '--s3-bucket',
        BUCKET,
        '--s3-prefix',
        PREFIX,
        ...WINDOW,
        '--findings-file',
        join(dir, 'f.json'),
      ],
      { ...AWS_ENV, AWS_ENDPOINT_URL_S3: server.url },
    );
    expect(result.code).toBe(0);
    expect(findingsOf(join(dir, 'f.json')).length).toBeGreaterThan(0);
  });

  it('names the bucket and the permissions when listing is denied', async () => {
    server.denyList = true;
    try {
      const run = io();
      expect(await main(['scan', '--source', 's3', '--s3-bucket', BUCKET, ...WINDOW], run.io)).toBe(2);
      expect(run.out.err).toMatch(/org-trail-bucket[\s\S]*s3:ListBucket/);
    } finally {
      server.denyList = false;
    }
  });
});
