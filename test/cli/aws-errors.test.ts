/**
 * AWS sources when the credentials are missing or refused, as a new user first meets them (issue #18): each error
 * is said once, names the fix, and shows no stack trace; `--explain` prints the plan first, made without calling
 * AWS (the LookupEvents pushdown, the Athena SQL), so it is there even then. Real SDK clients against loopback
 * servers that answer as AWS does when it refuses a key.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { main } from '../../src/cli/main.js';
import { CloudTrailTestServer } from '../helpers/cloudtrail-server.js';
import { tempDir } from '../helpers/run-process.js';

const KEY = { AWS_ACCESS_KEY_ID: 'AKIDTESTTESTTESTTEST', AWS_SECRET_ACCESS_KEY: 'test-secret' };
const ATHENA = ['--source', 'athena', '--athena-database', 'security', '--athena-table', 'cloudtrail_logs'];
let saved: NodeJS.ProcessEnv;

beforeEach(() => {
  saved = { ...process.env };
  // Nothing of the machine's own AWS set-up may leak in: no profile, no instance metadata.
  for (const name of Object.keys(process.env)) if (name.startsWith('AWS_')) delete process.env[name];
  const nowhere = tempDir('cta-no-aws-');
  Object.assign(process.env, {
    AWS_REGION: 'us-east-1',
    AWS_CONFIG_FILE: `${nowhere}/config`,
    AWS_SHARED_CREDENTIALS_FILE: `${nowhere}/credentials`,
    AWS_EC2_METADATA_DISABLED: 'true',
  });
});
afterEach(() => {
  process.env = saved;
});

async function scan(args: string[]) {
  const out = { stdout: '', stderr: '' };
  const code = await main(['scan', ...args], {
    stdout: (t) => (out.stdout += t),
    stderr: (t) => (out.stderr += t),
    isTTY: false,
    now: () => Date.parse('2024-06-04T00:00:00Z'),
  });
  return { code, ...out };
}

const count = (text: string, part: string) => text.split(part).length - 1;

/** A server that refuses every request as AWS refuses an unknown access key, in the protocol of `service`. */
function refusing(service: 's3' | 'json'): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (service === 's3') {
        res.writeHead(403, { 'content-type': 'application/xml' });
        res.end(
          '<?xml version="1.0" encoding="UTF-8"?><Error><Code>InvalidAccessKeyId</Code><Message>The AWS Access ' +
            'Key Id you provided does not exist in our records.</Message></Error>',
        );
      } else {
        res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(
          JSON.stringify({
            __type: 'UnrecognizedClientException',
            message: 'The security token included in the request is invalid.',
          }),
        );
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server }),
    ),
  );
}

describe('without any AWS credentials', () => {
  it.each([
    ['lookup-events', ['--source', 'lookup-events']],
    ['s3', ['--source', 's3', '--s3-bucket', 'trail-bucket']],
    ['athena', ATHENA],
  ])('%s: one message, naming the fix', async (_name, args) => {
    const result = await scan(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^cloudtrail-audit: no AWS credentials found .*locally, set AWS_PROFILE \(or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY\)\n$/,
    );
  });

  it('--explain still prints the LookupEvents plan, made without calling AWS', async () => {
    const result = await scan(['--source', 'lookup-events', '--regions', 'eu-west-1', '--explain']);
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(
      /^Plan \(made before any AWS call\):\nLookupEvents in eu-west-1, us-east-1 over /,
    );
    expect(result.stdout).toMatch(/LookupEvents pushdown: \d+ rules; /);
    expect(count(result.stderr, 'no AWS credentials found')).toBe(1);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('--explain still prints the Athena SQL', async () => {
    const result = await scan([...ATHENA, '--explain']);
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/Athena over security\.cloudtrail_logs, .*: \d+ rules in one query/);
    expect(result.stdout).toMatch(/^SELECT /m);
    expect(result.stdout).toMatch(/FROM "security"\."cloudtrail_logs"/);
    expect(result.stderr).toMatch(/no AWS credentials found/);
  });
});

describe('with credentials AWS refuses', () => {
  let cloudtrail: CloudTrailTestServer;
  beforeAll(async () => {
    cloudtrail = await CloudTrailTestServer.start();
    cloudtrail.failWith.set('us-east-1', {
      type: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
    });
  });
  afterAll(async () => {
    await cloudtrail?.close();
  });

  it('lookup-events: said once, the Region named once, no stack', async () => {
    Object.assign(process.env, KEY, { AWS_ENDPOINT_URL_CLOUDTRAIL: cloudtrail.url });
    const result = await scan(['--source', 'lookup-events', '--explain']);
    expect(result.code).toBe(2);
    expect(count(result.stderr, 'the AWS credentials were not accepted')).toBe(1);
    expect(result.stderr).toMatch(
      /^cloudtrail-audit: cannot read CloudTrail with LookupEvents: us-east-1: the AWS credentials were not accepted \(UnrecognizedClientException: .*\): the access key does not exist/m,
    );
    expect(result.stderr).not.toMatch(/us-east-1: us-east-1/);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it.each([
    ['s3', 's3' as const, ['--source', 's3', '--s3-bucket', 'trail-bucket'], 'AWS_ENDPOINT_URL_S3'],
    ['athena', 'json' as const, ATHENA, 'AWS_ENDPOINT_URL_ATHENA'],
  ])('%s: the error names the fix, as lookup-events does', async (_name, protocol, args, endpoint) => {
    const { url, server } = await refusing(protocol);
    try {
      Object.assign(process.env, KEY, { [endpoint]: url });
      const result = await scan(args);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(
        /the AWS credentials were not accepted \((InvalidAccessKeyId|UnrecognizedClientException): .*\): the access key does not exist, was deleted or does not match its secret/,
      );
      expect(result.stderr).not.toMatch(/^\s+at /m);
    } finally {
      server.close();
    }
  });
});
