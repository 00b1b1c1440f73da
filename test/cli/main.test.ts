import { describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { captureIo } from '../helpers/cli-io.js';
import { ROOT, tempDir } from '../helpers/run-process.js';

const io = () => captureIo();

const SAMPLES = join(ROOT, 'samples');

describe('cloudtrail-audit CLI', () => {
  it('scans the samples, prints the findings and writes the findings file', async () => {
    const dir = tempDir();
    const file = join(dir, 'out', 'findings.json');
    const cli = io();
    expect(await main(['scan', SAMPLES, '--findings-file', file], cli)).toBe(0);
    expect(cli.out).toMatch(
      /18 findings: 8 high, 10 medium \(18 more folded into them: they matched the same events\)\./,
    );
    expect(cli.out).toMatch(/also matched: ec2-instance-connect-multi-instance, /);
    expect(cli.out).toMatch(/\[HIGH\] .*\(ec2-serial-console-ssh-key-pushed\)/);
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    expect(doc.version).toBe(1);
    expect(doc.findings).toHaveLength(18);
    expect(doc.folded).toHaveLength(18);
    expect(doc.stats.filesRead).toBe(11);
    expect(doc.window).toEqual({ start: '2016-01-26T21:42:12Z', end: expect.stringMatching(/^2024-/) });
  });

  it('writes the Markdown summary with --summary-file and applies --allowlist', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'allow.yml'),
      '- rules: [ssm-send-command]\n  account: "056392974792"\n  reason: patching account\n',
    );
    const cli = io();
    const summaryFile = join(dir, 'summary.md');
    expect(
      await main(
        ['scan', SAMPLES, '--summary-file', summaryFile, '--allowlist', join(dir, 'allow.yml')],
        cli,
      ),
    ).toBe(0);
    expect(cli.out).toMatch(/18 findings: 8 high, 10 medium \(17 more folded/);
    expect(cli.out).toMatch(/1 finding \(1 event\) suppressed by the allowlist/);
    const summary = readFileSync(summaryFile, 'utf8');
    expect(summary).toMatch(/every event in the files/);
    expect(summary).toMatch(/### Suppressed/);
    const bad = io();
    writeFileSync(join(dir, 'bad.yml'), '- rules: [x]\n  actor: y\n');
    expect(await main(['scan', SAMPLES, '--allowlist', join(dir, 'bad.yml')], bad)).toBe(2);
    expect(bad.err).toMatch(/bad\.yml:1: 'reason' is mandatory/);
  });

  it('writes SARIF and a timeline of every event in the window', async () => {
    const dir = tempDir();
    const cli = io();
    const args = [
      'scan',
      SAMPLES,
      '--sarif-file',
      join(dir, 'r.sarif'),
      '--timeline-file',
      join(dir, 't.jsonl'),
    ];
    expect(await main([...args, '--timeline', 'all', '--quiet'], cli)).toBe(0);
    const sarif = JSON.parse(readFileSync(join(dir, 'r.sarif'), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(readFileSync(join(dir, 't.jsonl'), 'utf8').trim().split('\n')).toHaveLength(167);
    expect(await main([...args, '--timeline', 'some'], io())).toBe(2);
  });

  it('narrows the scan to a window', async () => {
    const cli = io();
    const code = await main(
      ['scan', SAMPLES, '--start', '2024-08-01T13:00:00Z', '--end', '2024-08-01T14:00:00Z', '--quiet'],
      cli,
    );
    expect(code).toBe(0);
    expect(cli.out).toMatch(/3 findings: 3 high \(10 more folded/);
    // --since counts back from now (2024-08-03T00:00Z here): the 2024-08-02 detonations only.
    const recent = io();
    expect(await main(['scan', SAMPLES, '--since', '24h', '--quiet'], recent)).toBe(0);
    expect(recent.out).toMatch(/5 findings: 2 high, 3 medium \(3 more folded/);
  });

  it('says which first-seen rules could not judge the window for want of history, and judges it with history', async () => {
    const dir = tempDir();
    const call = (eventID: string, eventTime: string, sourceIPAddress: string) => ({
      eventVersion: '1.09',
      userIdentity: {
        type: 'IAMUser',
        arn: 'arn:aws:iam::111122223333:user/dev',
        accountId: '111122223333',
        accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
        userName: 'dev',
      },
      eventTime,
      eventSource: 's3.amazonaws.com',
      eventName: 'ListBuckets',
      awsRegion: 'us-east-1',
      sourceIPAddress,
      userAgent: 'aws-cli/2.15.0',
      requestParameters: null,
      responseElements: null,
      eventID,
      readOnly: true,
      eventType: 'AwsApiCall',
      recipientAccountId: '111122223333',
    });
    const logFile = (name: string, record: object) => {
      writeFileSync(join(dir, name), JSON.stringify({ Records: [record] }));
      return join(dir, name);
    };
    const today = logFile(
      'today.json',
      call('00000000-0000-4000-8000-000000000002', '2024-06-12T10:00:00Z', '198.51.100.9'),
    );
    const alone = io();
    expect(await main(['scan', today, '--quiet'], alone)).toBe(0);
    expect(alone.out).toMatch(
      /^\d+ first-seen rules are still learning \(first-seen-access-key-source-ip, [^)]* more\): the history at hand begins 2024-06-12T10:00:00.000Z, and judging this window needs it from 2024-06-02T10:00:00.000Z, so 1 key not seen before in it was withheld\./m,
    );
    // The same call with ten days of history before it, from another address: the key is judged, and new.
    const before = logFile(
      'before.json',
      call('00000000-0000-4000-8000-000000000001', '2024-06-01T09:00:00Z', '203.0.113.7'),
    );
    const judged = io();
    expect(
      await main(
        [
          'scan',
          before,
          today,
          '--start',
          '2024-06-12T00:00:00Z',
          '--end',
          '2024-06-13T00:00:00Z',
          '--quiet',
        ],
        judged,
      ),
    ).toBe(0);
    expect(judged.out).not.toMatch(/still learning/);
    expect(judged.out).toMatch(/\(first-seen-access-key-source-ip\)/);
  });

  it('exits 1 when a finding is at or above --fail-on-severity', async () => {
    const cli = io();
    expect(await main(['scan', SAMPLES, '--fail-on-severity', 'high', '--quiet'], cli)).toBe(1);
    expect(cli.err).toMatch(/8 findings at or above high/);
    expect(await main(['scan', SAMPLES, '--fail-on-severity', 'critical', '--quiet'], io())).toBe(0);
  });

  it('leaves out excluded rules and rules below --min-severity', async () => {
    const excluded = io();
    await main(
      ['scan', SAMPLES, '--exclude-rules', 'ssm-send-command,iam-user-created', '--quiet'],
      excluded,
    );
    expect(excluded.out).toMatch(/18 findings: 8 high, 10 medium \(15 more folded/);
    const high = io();
    await main(['scan', SAMPLES, '--min-severity', 'high', '--quiet'], high);
    expect(high.out).toMatch(/8 findings: 8 high \(1 more folded/);
  });

  it('exits 2 on bad usage, naming what is wrong', async () => {
    const cases: [string[], RegExp][] = [
      [[], /Usage:/],
      [['scan'], /needs at least one PATH/],
      [['scan', SAMPLES, '--since', 'yesterday'], /not a duration/],
      [['scan', SAMPLES, '--min-severity', 'severe'], /not one of/],
      [['scan', SAMPLES, '--bogus'], /unknown option '--bogus'/],
      [
        ['scan', '--source', 'athena'],
        /the athena source needs the Glue database and the CloudTrail table \(athena-database/,
      ],
      [['scan', '--source', 's3'], /--source s3 needs --s3-bucket/],
      [['scan', 'x', '--source', 's3', '--s3-bucket', 'b'], /PATH arguments are for --source files/],
      [['frobnicate'], /unknown command 'frobnicate'/],
    ];
    for (const [argv, message] of cases) {
      const cli = io();
      expect(await main(argv, cli)).toBe(2);
      expect(cli.err + cli.out).toMatch(message);
    }
  });

  it('exits 2 when nothing is readable, and names the files', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'broken.json'), '{"Records": [');
    const cli = io();
    expect(await main(['scan', join(dir, 'broken.json'), join(dir, 'missing.json')], cli)).toBe(2);
    expect(cli.err).toMatch(/broken\.json/);
    expect(cli.err).toMatch(/missing\.json/);
    expect(cli.err).toMatch(/nothing readable/);
  });

  it('never writes terminal control characters taken from CloudTrail', async () => {
    const dir = tempDir();
    const record = {
      eventID: 'e1',
      eventTime: '2024-06-03T10:00:00Z',
      eventSource: 'iam.amazonaws.com',
      eventName: 'CreateUser',
      awsRegion: 'us-east-1',
      recipientAccountId: '111122223333',
      sourceIPAddress: '203.0.113.9',
      userAgent: 'evil\u001b]0;pwned\u0007\u001b[2J\u202eagent',
      userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/x\u001b[31m' },
      requestParameters: { userName: 'new\nline' },
    };
    writeFileSync(join(dir, 'r.jsonl'), JSON.stringify(record) + '\n');
    const cli = io();
    expect(await main(['scan', dir], cli)).toBe(0);
    expect(cli.out).toMatch(/iam-user-created/);
    // eslint-disable-next-line no-control-regex
    expect(cli.out.replace(/\n/g, '')).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
    expect(cli.out).toContain('\\u001b[31m');
  });

  it('lists the rules and runs their test events', async () => {
    const list = io();
    expect(await main(['rules', 'list'], list)).toBe(0);
    expect(list.out).toMatch(/^RULE ID +KIND +LEVEL/);
    expect(list.out).toMatch(/guardduty-detector-deleted +event +high +T1562\.001/);
    expect(list.out).toMatch(
      /^81 rules \(63 single-event and first-seen, 18 correlation\); 21 helper rules feed the correlations/m,
    );

    const test = io();
    expect(await main(['rules', 'test'], test)).toBe(0);
    expect(test.out).toMatch(/84 rules passed, 0 failed/);
  });

  it('fails rules test when a rule misses its own test event', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'my-rule.yml'),
      [
        'title: Trail stopped',
        'name: my-trail-stopped',
        'logsource: { product: aws, service: cloudtrail }',
        'detection:',
        '  selection: { eventName: StopLogging }',
        '  condition: selection',
        'level: high',
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'my-rule.tests.yml'),
      [
        '- name: stop',
        '  expect: match',
        '  event: { eventName: StopLogging, eventTime: "2024-06-03T10:00:00Z" }',
        '- name: delete (wrongly expected to match)',
        '  expect: match',
        '  event: { eventName: DeleteTrail, eventTime: "2024-06-03T10:00:00Z" }',
      ].join('\n'),
    );
    const cli = io();
    expect(await main(['rules', 'test', '--no-builtin-rules', '--rules-path', dir], cli)).toBe(1);
    expect(cli.out).toMatch(/FAIL my-trail-stopped/);
    expect(cli.out).toMatch(/delete \(wrongly expected to match\): expected match, got no-match/);
  });
});
