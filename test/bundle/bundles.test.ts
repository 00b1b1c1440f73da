/**
 * The bundles in dist/ are what users run: the CLI as `node dist/cli/index.js`, the action as a runner runs it
 * (`node dist/index.js` with INPUT_* variables, GITHUB_OUTPUT, GITHUB_WORKSPACE).
 */
import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { actionEnv, readOutputs, ROOT, runNode, tempDir } from '../helpers/run-process.js';
import { sarifValidator } from '../report/sarif-schema.js';

const CLI = join(ROOT, 'dist/cli/index.js');
const ACTION = join(ROOT, 'dist/index.js');

describe('bundled CLI', () => {
  it('scans the sample logs', async () => {
    const dir = tempDir();
    const file = join(dir, 'findings.json');
    const result = await runNode(CLI, ['scan', 'samples', '--findings-file', file]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/18 findings: 8 high, 10 medium \(18 more folded into them/);
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    // Reported on their own: each event once, by the highest-ranked finding that lists it (docs/findings.md).
    expect(doc.findings.map((f: { ruleId: string }) => f.ruleId).sort()).toEqual([
      'bulk-secret-retrieval',
      'cloudtrail-logging-stopped',
      'ec2-instance-connect-key-reused',
      'ec2-instances-launched-risky',
      'ec2-serial-console-enabled',
      'ec2-serial-console-ssh-key-pushed',
      // Each detonation's long-term key is unused before it in the samples: a dormant key from a new address.
      ...Array<string>(6).fill('first-seen-access-key-source-ip'),
      'first-seen-actor-sensitive-api',
      'first-seen-ssm-command-actor',
      'iam-admin-policy-granted',
      'iam-user-created-then-credentials',
      'instance-credentials-used-outside-aws',
      'ssm-send-command-many-instances',
    ]);
    // Folded into those: every event of theirs is reported by a higher-ranked finding.
    expect(doc.folded.map((f: { ruleId: string }) => f.ruleId).sort()).toEqual([
      'ec2-instance-connect-multi-instance',
      'ec2-instance-connect-ssh-key-pushed',
      ...Array<string>(3).fill('first-seen-access-key-source-ip'),
      ...Array<string>(5).fill('first-seen-actor-sensitive-api'),
      'first-seen-ssh-key-push-actor',
      'first-seen-ssh-key-push-actor',
      'first-seen-ssm-command-actor',
      'iam-access-key-created',
      'iam-access-key-created',
      'iam-user-created',
      'ssm-send-command',
      'ssm-send-command',
    ]);
  });

  it('runs the built-in rules test events from the bundle', async () => {
    const result = await runNode(CLI, ['rules', 'test']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/84 rules passed, 0 failed/);
  });

  it("keeps the AWS SDK's notice about Node versions from users, and names the fix when there are no credentials", async () => {
    const home = tempDir('cta-home-');
    const result = await runNode(CLI, ['scan', '--source', 's3', '--s3-bucket', 'trail-bucket'], {
      HOME: home,
      AWS_EC2_METADATA_DISABLED: 'true',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).not.toMatch(/NodeVersionSupportWarning|Warning:/);
    expect(result.stderr).toMatch(/^cloudtrail-audit: no AWS credentials found .*locally, set AWS_PROFILE/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 with a message on bad usage', async () => {
    const result = await runNode(CLI, ['scan', 'samples', '--since', 'forever']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/not a duration/);
  });
});

describe('bundled action', () => {
  it('runs as a runner runs it and sets its outputs', async () => {
    const dir = tempDir();
    const env = actionEnv(
      {
        source: 'files',
        path: join(ROOT, 'samples'),
        'start-time': '2024-01-01T00:00:00Z',
        'end-time': '2025-01-01T00:00:00Z',
        'timeline-file': 'out/timeline.jsonl',
      },
      dir,
    );
    const result = await runNode(ACTION, [], env);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(/::error::/);
    const outputs = readOutputs(join(dir, 'output.txt'));
    expect(outputs['findings-count']).toBe('18');
    expect(outputs['highest-severity']).toBe('high');
    expect(outputs['findings-file']).toBe(join(dir, 'cloudtrail-audit-findings.json'));
    expect(existsSync(outputs['findings-file']!)).toBe(true);
    expect(outputs['sarif-file']).toBe(join(dir, 'cloudtrail-audit.sarif'));
    const sarif = JSON.parse(readFileSync(outputs['sarif-file']!, 'utf8'));
    expect(sarifValidator()(sarif)).toEqual([]);
    expect(sarif.runs[0].results).toHaveLength(Number(outputs['findings-count']));
    expect(sarif.runs[0].automationDetails.id).toMatch(/^cloudtrail-audit\/files-[0-9a-f]{12}\/$/);
    const timeline = readFileSync(join(dir, 'out/timeline.jsonl'), 'utf8').trim().split('\n');
    const matchedEvents = JSON.parse(readFileSync(outputs['findings-file']!, 'utf8')).findings.reduce(
      (n: number, f: { count: number }) => n + f.count,
      0,
    );
    expect(timeline.length).toBeLessThanOrEqual(matchedEvents);
    expect(timeline.length).toBeGreaterThan(0);
    for (const line of timeline) expect(JSON.parse(line)).toMatchObject({ timestamp_desc: 'Event Time' });
    const summary = readFileSync(join(dir, 'summary.md'), 'utf8');
    expect(summary).toMatch(/^## CloudTrail audit/);
    expect(summary).toMatch(/\*\*18 findings:\*\*/);
    // Text from CloudTrail is printed between stop-commands markers, so the runner cannot read it as commands.
    expect(result.stdout).toMatch(/::stop-commands::([0-9a-f-]{36})[\s\S]*\[HIGH\][\s\S]*::\1::/);
  });

  it('scans every event of its files when no window is given, and warns in the job summary when none is in it', async () => {
    const dir = tempDir();
    const all = await runNode(
      ACTION,
      [],
      actionEnv({ source: 'files', path: join(ROOT, 'samples'), state: 'none' }, dir),
    );
    expect(all.code).toBe(0);
    expect(readOutputs(join(dir, 'output.txt'))['findings-count']).toBe('18');
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toMatch(/\(every event in the files\)/);

    const none = tempDir();
    const result = await runNode(
      ACTION,
      [],
      actionEnv({ source: 'files', path: join(ROOT, 'samples'), 'lookback-hours': '1', state: 'none' }, none),
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^::warning::167 events read, none in the window .*: nothing was audited/m);
    const summary = readFileSync(join(none, 'summary.md'), 'utf8');
    expect(summary).toMatch(/^> \[!WARNING\]\n> 167 events read, none in the window/m);
    expect(summary).not.toMatch(/No findings/);
  });

  it('fails with the gate and names the findings', async () => {
    const dir = tempDir();
    const env = actionEnv(
      { source: 'files', path: 'samples', 'start-time': '2024-01-01T00:00:00Z', 'fail-on-severity': 'high' },
      dir,
    );
    env.GITHUB_WORKSPACE = ROOT;
    env['INPUT_FINDINGS-FILE'] = join(dir, 'f.json');
    const result = await runNode(ACTION, [], env);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /::error::8 findings at or above fail-on-severity high: [^\n]*ec2-serial-console-ssh-key-pushed \(high, 3 events\)/,
    );
    expect(existsSync(join(dir, 'f.json'))).toBe(true);
  });

  it('refuses source: athena without its table, naming the inputs', async () => {
    const dir = tempDir();
    const result = await runNode(ACTION, [], actionEnv({ source: 'athena' }, dir));
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /::error::athena-database, athena-table: 'source: athena' needs the Glue database/,
    );
  });
});
