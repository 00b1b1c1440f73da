/**
 * The bundled action run as a runner runs it, reading AWS through the real SDK against loopback servers:
 * GitHub's OIDC token endpoint, STS (AssumeRoleWithWebIdentity) and CloudTrail (LookupEvents).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateBusyAccount, seedSet } from '../helpers/busy-account.js';
import { CloudTrailTestServer } from '../helpers/cloudtrail-server.js';
import { actionEnv, readOutputs, ROOT, runNode, tempDir } from '../helpers/run-process.js';
import { OidcTestServer, StsTestServer } from '../helpers/sts-server.js';

const ROLE = 'arn:aws:iam::123456789012:role/cloudtrail-audit';
const END = new Date('2024-06-04T00:00:00Z');
let cloudtrail: CloudTrailTestServer;
let sts: StsTestServer;
let oidc: OidcTestServer;

beforeAll(async () => {
  cloudtrail = await CloudTrailTestServer.start();
  const { events } = await seedSet(END, 'us-east-1');
  cloudtrail.setEvents('us-east-1', [
    ...generateBusyAccount({ events: 150, end: END, region: 'us-east-1', seed: 9 }),
    ...events.values(),
  ]);
  oidc = await OidcTestServer.start('octo-org/audit');
  sts = await StsTestServer.start({
    roleArn: ROLE,
    sub: 'repo:octo-org/audit:*',
    audience: 'sts.amazonaws.com',
  });
});

afterAll(async () => {
  await cloudtrail?.close();
  await sts?.close();
  await oidc?.close();
});

function env(inputs: Record<string, string>, dir: string): Record<string, string> {
  return {
    ...actionEnv(
      { 'start-time': '2024-06-03T00:00:00Z', 'end-time': '2024-06-04T00:00:00Z', ...inputs },
      dir,
    ),
    ...(oidc.env() as Record<string, string>),
    AWS_ENDPOINT_URL_STS: sts.url,
    AWS_ENDPOINT_URL_CLOUDTRAIL: cloudtrail.url,
    AWS_REGION: 'us-east-1',
  };
}

describe('the bundled action with source: lookup-events', () => {
  it('assumes the role with the OIDC token and finds the seed events', async () => {
    const dir = tempDir();
    const result = await runNode(
      join(ROOT, 'dist/index.js'),
      [],
      env({ source: 'lookup-events', 'role-to-assume': ROLE, regions: 'us-east-1' }, dir),
    );
    expect(result.stdout).not.toMatch(/::error::/);
    expect(result.code).toBe(0);
    const outputs = readOutputs(join(dir, 'output.txt'));
    const doc = JSON.parse(readFileSync(outputs['findings-file']!, 'utf8'));
    // Reported on their own or folded into the finding that carries their events.
    const ruleIds = new Set([...doc.findings, ...doc.folded].map((f: { ruleId: string }) => f.ruleId));
    for (const id of ['guardduty-detector-deleted', 'iam-user-created', 'ssm-send-command'])
      expect(ruleIds).toContain(id);
    expect(doc.stats.apiCalls).toBe(cloudtrail.calls());
    // The secret key and session token are masked in the log.
    expect(result.stdout).toMatch(/::add-mask::/);
  });

  it('names the fix when the role does not trust this repository', async () => {
    const dir = tempDir();
    const result = await runNode(
      join(ROOT, 'dist/index.js'),
      [],
      env({ source: 'lookup-events', 'role-to-assume': 'arn:aws:iam::123456789012:role/other' }, dir),
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/::error::.*arn:aws:iam::123456789012:role\/other.*trust/i);
  });
});
