/**
 * The state carries history and never hides a finding (issue #18, "Reruns with state change the answer"): the same
 * files or window scanned again with the state it saved give the same findings, through the CLI as a user runs it.
 * And the files source's records before the window are the first-seen rules' history (issue #16, the bug of
 * `scan hist/ last.json --start ... --end ...`): a principal seen in them is not new.
 *
 * The worker-thread runs use the bundled worker (dist/scan-worker.js): run `npm run package` first.
 */
import { describe, expect, it } from '@jest/globals';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { captureIo } from '../helpers/cli-io.js';
import { ROOT, runNode, tempDir } from '../helpers/run-process.js';

const SAMPLES = join(ROOT, 'samples');
const CLI = join(ROOT, 'dist/cli/index.js');

const io = () => captureIo('2026-03-13T00:00:00Z');

interface RaisedFinding {
  ruleId: string;
  fingerprint: string;
  events: { eventID: string }[];
  group: Record<string, string>;
}

/** The findings file: the findings reported and those folded into them (both raised by their rules). */
interface Doc {
  findings: RaisedFinding[];
  folded: RaisedFinding[];
}

const raised = (file: string) => {
  const doc = JSON.parse(readFileSync(file, 'utf8')) as Doc;
  return [...doc.findings, ...doc.folded];
};

const findingsOf = (file: string) =>
  raised(file).map((f) => ({
    ruleId: f.ruleId,
    fingerprint: f.fingerprint,
    events: f.events.map((e) => e.eventID),
  }));

describe('a rerun with the state it saved', () => {
  it('scan samples/ --state-file twice (and a third time): the same findings, correlations and first-seen included', async () => {
    const dir = tempDir();
    const state = join(dir, 's.json.gz');
    const runs: ReturnType<typeof findingsOf>[] = [];
    for (let i = 0; i < 3; i++) {
      const file = join(dir, `f${i}.json`);
      const cli = io();
      expect(
        await main(['scan', SAMPLES, '--state-file', state, '--findings-file', file, '--workers', '1'], cli),
      ).toBe(0);
      runs.push(findingsOf(file));
    }
    const kinds = new Set(runs[0]!.map((f) => f.ruleId));
    // The samples hold correlation and first-seen findings: the comparison covers both analyzers.
    for (const id of [
      'ec2-instance-connect-multi-instance',
      'bulk-secret-retrieval',
      'first-seen-ssm-command-actor',
    ])
      expect(kinds).toContain(id);
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).toEqual(runs[0]);
  });

  it('the same as the bundled CLI with worker threads, over a window', async () => {
    const dir = tempDir();
    const state = join(dir, 's.json.gz');
    const args = (i: number) => [
      'scan',
      SAMPLES,
      '--start',
      '2024-07-01T00:00:00Z',
      '--end',
      '2024-12-01T00:00:00Z',
      '--state-file',
      state,
      '--findings-file',
      join(dir, `f${i}.json`),
      '--workers',
      '2',
    ];
    for (let i = 0; i < 2; i++) {
      const result = await runNode(CLI, args(i));
      expect(result.stderr).not.toMatch(/state.*unusable|ignored/);
      expect(result.code).toBe(0);
    }
    const [first, second] = [findingsOf(join(dir, 'f0.json')), findingsOf(join(dir, 'f1.json'))];
    expect(first.length).toBeGreaterThan(10);
    expect(second).toEqual(first);
  });
});

/** SendCommand by an IAM user, as CloudTrail records it. */
function sendCommand(time: number, user: string, n: number): Record<string, unknown> {
  return {
    eventVersion: '1.09',
    userIdentity: {
      type: 'IAMUser',
      principalId: `AIDA${user.toUpperCase()}EXAMPLE`,
      arn: `arn:aws:iam::123456789012:user/${user}`,
      accountId: '123456789012',
      accessKeyId: `AKIA${user.toUpperCase().padEnd(16, 'X')}`,
      userName: user,
    },
    eventTime: new Date(time).toISOString().replace('.000', ''),
    eventSource: 'ssm.amazonaws.com',
    eventName: 'SendCommand',
    awsRegion: 'eu-west-1',
    sourceIPAddress: '198.51.100.7',
    userAgent: 'aws-cli/2.17.20 md/awscrt#0.20.11 ua/2.0 os/linux#6.5.0',
    requestParameters: { documentName: 'AWS-RunShellScript', instanceIds: ['i-0123456789abcdef0'] },
    responseElements: null,
    requestID: `req-${n}`,
    eventID: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    readOnly: false,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: '123456789012',
    eventCategory: 'Management',
  };
}

describe('files source: the records before the window are history (#16 bug)', () => {
  const END = Date.parse('2026-03-13T00:00:00Z');
  const DAY = 86_400_000;

  /** hist/ holds twelve days of alice's daily SendCommand; last.json alice's and bob's of the last day. */
  function layout(): string {
    const dir = tempDir();
    mkdirSync(join(dir, 'hist'));
    for (let d = 12; d >= 1; d--) {
      const records = [sendCommand(END - d * DAY - 3 * 3_600_000, 'alice', 100 + d)];
      writeFileSync(join(dir, 'hist', `day-${d}.json`), JSON.stringify({ Records: records }));
    }
    const last = [sendCommand(END - 5 * 3_600_000, 'alice', 1), sendCommand(END - 2 * 3_600_000, 'bob', 2)];
    writeFileSync(join(dir, 'last.json'), JSON.stringify({ Records: last }));
    return dir;
  }

  const actorsNew = (file: string) =>
    raised(file)
      .filter((f) => f.ruleId === 'first-seen-ssm-command-actor')
      .map((f) => f.group.principal ?? Object.values(f.group).find((v) => v.includes(':user/')));

  const window = ['--start', new Date(END - DAY).toISOString(), '--end', new Date(END).toISOString()];

  it('in one thread: only the new principal is reported', async () => {
    const dir = layout();
    const file = join(dir, 'f.json');
    const cli = io();
    const code = await main(
      [
        'scan',
        join(dir, 'hist'),
        join(dir, 'last.json'),
        ...window,
        '--findings-file',
        file,
        '--workers',
        '1',
      ],
      cli,
    );
    expect(code).toBe(0);
    expect(actorsNew(file)).toEqual(['arn:aws:iam::123456789012:user/bob']);
  });

  it('as the bundled CLI with worker threads: the same', async () => {
    const dir = layout();
    const file = join(dir, 'f.json');
    const result = await runNode(
      CLI,
      ['scan', 'hist/', 'last.json', ...window, '--findings-file', file, '--workers', '2'],
      {},
      dir,
    );
    expect(result.code).toBe(0);
    expect(actorsNew(file)).toEqual(['arn:aws:iam::123456789012:user/bob']);
  });
});
