/**
 * A problem the user can fix reaches them as one line that names it, from the CLI (exit 2) and from the action
 * (`::error::`), never as a JavaScript stack: here, LookupEvents refused in every Region.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { CloudTrailTestServer } from '../helpers/cloudtrail-server.js';
import { actionEnv, ROOT, runNode, tempDir } from '../helpers/run-process.js';

const AWS_ENV = {
  AWS_ACCESS_KEY_ID: 'AKIDTESTTESTTESTTEST',
  AWS_SECRET_ACCESS_KEY: 'test-secret',
  AWS_REGION: 'us-east-1',
};
let server: CloudTrailTestServer;

beforeAll(async () => {
  server = await CloudTrailTestServer.start();
  server.denyRegions.add('us-east-1');
  server.denyRegions.add('eu-west-1');
});

afterAll(async () => {
  await server?.close();
});

const NOT_A_STACK = /\n\s+at |\.js:\d+:\d+/;

describe('a LookupEvents refusal', () => {
  it('is one line naming the permission from the CLI, exit 2', async () => {
    const result = await runNode(
      join(ROOT, 'dist/cli/index.js'),
      ['scan', '--source', 'lookup-events', '--regions', 'eu-west-1', '--since', '1h'],
      { ...AWS_ENV, AWS_ENDPOINT_URL_CLOUDTRAIL: server.url },
    );
    expect(result.code).toBe(2);
    const lines = result.stderr.split('\n').filter((line) => line.startsWith('cloudtrail-audit:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^cloudtrail-audit: cannot read CloudTrail with LookupEvents .*cloudtrail:LookupEvents/,
    );
    expect(result.stderr).not.toMatch(NOT_A_STACK);
  });

  it('is one ::error:: line naming the permission from the action', async () => {
    const dir = tempDir();
    const result = await runNode(join(ROOT, 'dist/index.js'), [], {
      ...actionEnv({ source: 'lookup-events', regions: 'eu-west-1', state: 'none' }, dir),
      ...AWS_ENV,
      AWS_ENDPOINT_URL_CLOUDTRAIL: server.url,
    });
    expect(result.code).toBe(1);
    const errors = result.stdout.split('\n').filter((line) => line.startsWith('::error::'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/cannot read CloudTrail with LookupEvents .*cloudtrail:LookupEvents/);
    expect(result.stdout).not.toMatch(NOT_A_STACK);
  });
});
