import { describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllowlist, suppressingEntry } from '../../src/allowlist/allowlist.js';
import { silentLogger } from '../../src/core/logger.js';
import { runScan } from '../../src/pipeline/scan.js';
import type { CloudTrailRecord } from '../../src/core/record.js';
import { ROOT, tempDir } from '../helpers/run-process.js';

const NOW = Date.parse('2026-11-28T00:00:00Z');

const record = (extra: Record<string, unknown> = {}): CloudTrailRecord =>
  ({
    eventTime: '2024-06-03T10:00:00Z',
    eventName: 'RunInstances',
    awsRegion: 'eu-west-1',
    recipientAccountId: '111122223333',
    sourceIPAddress: '10.1.2.3',
    userAgent: 'APN/1.0 HashiCorp/1.0 Terraform/1.7.5',
    userIdentity: {
      type: 'AssumedRole',
      arn: 'arn:aws:sts::111122223333:assumed-role/terraform-ci/GitHubActions',
      sessionContext: { sessionIssuer: { arn: 'arn:aws:iam::111122223333:role/terraform-ci' } },
    },
    ...extra,
  }) as CloudTrailRecord;

describe('allowlist', () => {
  it('applies an entry when its rules and every condition match (lists are any-of)', () => {
    const list = parseAllowlist(
      `entries:
  - rules: [ec2-instances-launched]
    actor: 'arn:aws:sts::*:assumed-role/terraform-*/*'
    userAgent: ['*Terraform/*', '*terraform-provider*']
    sourceIPAddress: 10.0.0.0/8
    account: '111122223333'
    region: eu-*
    reason: Terraform CI launches instances from the runner VPC
`,
      'allow.yml',
      NOW,
    );
    expect(suppressingEntry(list, 'ec2-instances-launched', record())?.reason).toMatch(/Terraform CI/);
    expect(suppressingEntry(list, 'EC2-Instances-Launched', record())).toBeDefined();
    expect(suppressingEntry(list, 'iam-user-created', record())).toBeUndefined();
    expect(
      suppressingEntry(list, 'ec2-instances-launched', record({ sourceIPAddress: '203.0.113.7' })),
    ).toBeUndefined();
    expect(
      suppressingEntry(list, 'ec2-instances-launched', record({ userAgent: 'aws-cli/2.15' })),
    ).toBeUndefined();
    expect(
      suppressingEntry(list, 'ec2-instances-launched', record({ awsRegion: 'us-east-1' })),
    ).toBeUndefined();
    expect(
      suppressingEntry(list, 'ec2-instances-launched', record({ recipientAccountId: '444455556666' })),
    ).toBeUndefined();
  });

  it('matches actors by the normalised role ARN too, and AWS services by invokedBy', () => {
    const list = parseAllowlist(
      `- rules: '*'
  actor: arn:aws:iam::111122223333:role/terraform-ci/*
  reason: CI
- rules: [ssm-send-command]
  invokedBy: '*.amazonaws.com'
  reason: AWS services acting for us
`,
      'a.yml',
      NOW,
    );
    expect(suppressingEntry(list, 'anything', record())?.reason).toBe('CI');
    const service = record({ userIdentity: { type: 'AWSService', invokedBy: 'ssm.amazonaws.com' } });
    expect(suppressingEntry(list, 'ssm-send-command', service)?.reason).toBe('AWS services acting for us');
    expect(suppressingEntry(list, 'iam-user-created', service)).toBeUndefined();
  });

  it('matches IPv6 ranges and single addresses', () => {
    const list = parseAllowlist(
      `- { rules: '*', sourceIPAddress: ['2001:db8::/32', 192.0.2.10], reason: office }`,
      'a.yml',
      NOW,
    );
    expect(suppressingEntry(list, 'r', record({ sourceIPAddress: '2001:db8::1' }))).toBeDefined();
    expect(suppressingEntry(list, 'r', record({ sourceIPAddress: '192.0.2.10' }))).toBeDefined();
    expect(suppressingEntry(list, 'r', record({ sourceIPAddress: '192.0.2.11' }))).toBeUndefined();
    expect(suppressingEntry(list, 'r', record({ sourceIPAddress: 'ec2.amazonaws.com' }))).toBeUndefined();
  });

  it('stops applying an entry after its expiry date, and reports it', () => {
    const list = parseAllowlist(
      `- { rules: '*', account: '111122223333', reason: migration, expires: 2026-11-27 }
- { rules: '*', account: '111122223333', reason: still valid, expires: 2026-11-28 }`,
      'a.yml',
      NOW,
    );
    expect(list.expired.map((e) => e.where)).toEqual(['a.yml:1']);
    expect(suppressingEntry(list, 'r', record())?.reason).toBe('still valid');
  });

  it.each([
    ['- rules: [x]\n  actor: a\n', /a\.yml:1: 'reason' is mandatory/],
    ['- rules: [x]\n  reason: r\n  color: red\n', /a\.yml:1: unknown key 'color'/],
    ['- ok: 1\n  reason: fine\n- rules: "*"\n  reason: everything\n', /a\.yml:1: unknown key 'ok'|a\.yml:3/],
    [
      "- rules: '*'\n  reason: everything\n",
      /a\.yml:1: an entry for every rule \('\*'\) needs at least one condition/,
    ],
    [
      "- rules: '*'\n  sourceIPAddress: office\n  reason: r\n",
      /a\.yml:1: sourceIPAddress 'office' is not an IP/,
    ],
    ["- rules: '*'\n  account: '1'\n  reason: r\n  expires: soon\n", /a\.yml:1: 'expires' must be a date/],
    ['entries:\n  - rules: [x]\n    reason: r\n    actor: [\n', /a\.yml:\d+: invalid YAML/],
    ['just: a map\n', /expected a list of entries/],
    ['- rules: []\n  actor: x\n  reason: r\n', /'rules' must not be empty/],
  ])('rejects an invalid file with the line: %j', (text, message) => {
    expect(() => parseAllowlist(text, 'a.yml', NOW)).toThrow(message);
  });

  it('reports suppressed matches as suppressed findings in a scan, never drops them', async () => {
    const dir = tempDir();
    const file = join(dir, 'allow.yml');
    writeFileSync(
      file,
      `- rules: [ssm-send-command]
  actor: arn:aws:iam::056392974792:user/christophe
  reason: the ops team's patching runs from this user
`,
    );
    const result = await runScan(
      {
        paths: [join(ROOT, 'samples')],
        rulesPaths: [],
        excludeRules: [],
        minSeverity: 'low',
        window: {},
        allowlist: parseAllowlist(
          `- rules: [ssm-send-command]
  actor: arn:aws:iam::056392974792:user/christophe
  reason: the ops team's patching runs from this user
`,
          file,
          NOW,
        ),
      },
      silentLogger,
    );
    // The other account's ssm-send-command finding remains (folded into the first-seen finding on the same event).
    const ssm = [...result.findings, ...result.folded].filter((f) => f.ruleId === 'ssm-send-command');
    expect(ssm).toHaveLength(1);
    expect(result.suppressed).toHaveLength(1);
    expect(result.suppressed[0]).toMatchObject({
      ruleId: 'ssm-send-command',
      count: 1,
      suppression: {
        kind: 'allowlist',
        reason: "the ops team's patching runs from this user",
        entry: `${file}:1`,
      },
    });
    const reported = [...result.findings, ...result.folded].map((f) => f.fingerprint);
    expect(reported).not.toContain(result.suppressed[0]!.fingerprint);
  });
});

describe('the documented example allowlist', () => {
  it('parses, and suppresses what its comments say', async () => {
    const { loadAllowlist } = await import('../../src/allowlist/allowlist.js');
    const list = await loadAllowlist(join(ROOT, 'docs/examples/allowlist.yml'), NOW);
    expect(list.entries).toHaveLength(5);
    const terraform = record({
      userIdentity: {
        type: 'AssumedRole',
        arn: 'arn:aws:sts::111122223333:assumed-role/terraform-ci/run-1',
        sessionContext: { sessionIssuer: { arn: 'arn:aws:iam::111122223333:role/terraform-ci' } },
      },
    });
    expect(suppressingEntry(list, 'ec2-instances-launched', terraform)?.where).toMatch(/allowlist\.yml:5$/);
    expect(
      suppressingEntry(list, 'ec2-instances-launched', { ...terraform, userAgent: 'python-requests' }),
    ).toBeUndefined();
  });
});
