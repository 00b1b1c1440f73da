/** `cloudtrail-audit scan --source lookup-events` against the loopback CloudTrail server, as the bundled CLI. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateBusyAccount, SEED_RULE_IDS, seedSet } from '../helpers/busy-account.js';
import { CloudTrailTestServer } from '../helpers/cloudtrail-server.js';
import { ROOT, runNode, tempDir } from '../helpers/run-process.js';

const END = new Date('2024-06-04T00:00:00Z');
const AWS_ENV = {
  AWS_ACCESS_KEY_ID: 'AKIDTESTTESTTESTTEST',
  AWS_SECRET_ACCESS_KEY: 'test-secret',
  AWS_REGION: 'us-east-1',
};
let server: CloudTrailTestServer;

beforeAll(async () => {
  server = await CloudTrailTestServer.start();
  const { events } = await seedSet(END, 'us-east-1');
  server.setEvents('us-east-1', [
    ...generateBusyAccount({ events: 400, end: END, region: 'us-east-1', seed: 5 }),
    ...events.values(),
  ]);
});

afterAll(async () => {
  await server?.close();
});

describe('scan --source lookup-events', () => {
  it('asks only for the seed rules event names, finds every seed event and explains the plan', async () => {
    const dir = tempDir();
    const rules = SEED_RULE_IDS.flatMap((id) => ['--rules-path', join(ROOT, 'rules/builtin', `${id}.yml`)]);
    const result = await runNode(
      join(ROOT, 'dist/cli/index.js'),
      [
        'scan',
        '--source',
        'lookup-events',
        '--no-builtin-rules',
        ...rules,
        '--start',
        '2024-06-03T00:00:00Z',
        '--end',
        '2024-06-04T00:00:00Z',
        '--explain',
        '--findings-file',
        join(dir, 'f.json'),
      ],
      { ...AWS_ENV, AWS_ENDPOINT_URL_CLOUDTRAIL: server.url },
    );
    expect(result.code).toBe(0);
    const doc = JSON.parse(readFileSync(join(dir, 'f.json'), 'utf8'));
    expect([...new Set(doc.findings.map((f: { ruleId: string }) => f.ruleId))].sort()).toEqual(
      [...SEED_RULE_IDS].sort(),
    );
    expect(doc.stats.apiCalls).toBe(server.calls());
    expect(doc.stats.apiCalls).toBeLessThan(9); // a full scan of 407 events is 9 pages
    expect(result.stdout).toMatch(/us-east-1: /);
  });
});
