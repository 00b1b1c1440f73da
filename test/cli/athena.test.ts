/** `cloudtrail-audit scan --source athena` in-process, against the loopback Athena server. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { athenaCreateTableSql } from '../../src/sql/index.js';
import { AthenaTestServer } from '../helpers/athena-server.js';
import { resultOf } from '../helpers/athena-rows.js';
import { tempDir } from '../helpers/run-process.js';
import { makeRecord, TRAILS } from '../sources/s3/trail-layout.js';

const ENV = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION', 'AWS_ENDPOINT_URL_ATHENA'] as const;
let athena: AthenaTestServer;
const saved: Record<string, string | undefined> = {};

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

beforeAll(async () => {
  athena = await AthenaTestServer.start();
  athena.pollsQueued = 0;
  athena.pollsRunning = 0;
  const records = [
    makeRecord(TRAILS[0]!, '2024-06-03T21:00:00Z', {
      eventSource: 'guardduty.amazonaws.com',
      eventName: 'DeleteDetector',
    }),
    makeRecord(TRAILS[1]!, '2024-06-03T22:00:00Z'),
  ];
  athena.answer = () => ({ state: 'SUCCEEDED', ...resultOf(records), dataScannedInBytes: 52_428_800 });
  athena.define(
    athenaCreateTableSql({
      database: 'security',
      table: 'cloudtrail_logs',
      bucket: 'org-trail-bucket',
      accounts: [TRAILS[0]!.account, TRAILS[1]!.account],
      regions: ['eu-west-1', 'us-east-1'],
      projectionStartDate: '2013/11/01',
    }),
  );
  for (const name of ENV) saved[name] = process.env[name];
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: 'AKIDTESTTESTTESTTEST',
    AWS_SECRET_ACCESS_KEY: 'test-secret',
    AWS_REGION: 'us-east-1',
    AWS_ENDPOINT_URL_ATHENA: athena.url,
  });
});

afterAll(async () => {
  for (const name of ENV) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  await athena?.close();
});

describe('scan --source athena', () => {
  it('runs the query, finds the events and explains the plan and its cost', async () => {
    const dir = tempDir();
    const cli = io();
    const code = await main(
      [
        'scan',
        '--source',
        'athena',
        '--athena-database',
        'security',
        '--athena-table',
        'cloudtrail_logs',
        '--athena-workgroup',
        'audit',
        '--start',
        '2024-06-03T20:00:00Z',
        '--end',
        '2024-06-04T00:00:00Z',
        '--findings-file',
        join(dir, 'findings.json'),
        '--summary-file',
        join(dir, 'summary.md'),
        '--explain',
      ],
      cli.io,
    );
    expect(cli.out.err).toBe('');
    expect(code).toBe(0);
    expect(athena.queries.at(-1)).toMatchObject({ database: 'security', workGroup: 'audit' });
    const doc = JSON.parse(readFileSync(join(dir, 'findings.json'), 'utf8')) as {
      findings: { ruleId: string }[];
      stats: { eventsScanned: number; bytesScanned: number };
    };
    expect(doc.findings.map((f) => f.ruleId)).toContain('guardduty-detector-deleted');
    expect(doc.stats).toMatchObject({ eventsScanned: 2, bytesScanned: 52_428_800 });
    expect(cli.out.text).toMatch(
      /Athena query: \d+ rules in one query; \d+ compiled exactly, \d+ pushed down/,
    );
    expect(cli.out.text).toMatch(/exact: .*guardduty-detector-deleted/);
    expect(cli.out.text).toMatch(
      /query q-\S+: 50\.0 MB scanned, ~\$0\.00026 \(engine 0\.0 s\); 2 rows in 1 pages/,
    );
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toMatch(
      /\| Data scanned \| 50\.0 MB, estimated cost \$0\.00026/,
    );
  });

  it.each([
    [['--athena-table', 't'], /the athena source needs the Glue database and the CloudTrail table/],
    [
      ['--athena-database', 'db', '--athena-table', 't', '--max-scan-gb', '5'],
      /max-scan-gb needs the trail bucket/,
    ],
    [
      ['--athena-database', 'db', '--athena-table', 't', '--max-scan-gb', 'lots'],
      /--max-scan-gb: 'lots' is not/,
    ],
    [
      ['--athena-database', 'db', '--athena-table', 't', '--athena-create-table'],
      /athena-create-table needs the trail bucket/,
    ],
    [['--athena-database', 'my-db', '--athena-table', 't'], /athena-database: 'my-db' is not a Glue name/],
  ])('refuses bad usage %j with exit 2', async (flags, message) => {
    const cli = io();
    expect(await main(['scan', '--source', 'athena', ...flags], cli.io)).toBe(2);
    expect(cli.out.err).toMatch(message);
  });

  it('refuses Athena flags with another source', async () => {
    const cli = io();
    expect(await main(['scan', 'x', '--athena-table', 't'], cli.io)).toBe(2);
    expect(cli.out.err).toMatch(/--athena-table: only for --source athena/);
  });
});
