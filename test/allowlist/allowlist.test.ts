import { describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  checkAllowlistRules,
  findingSuppression,
  parseAllowlist,
  suppressingEntry,
} from '../../src/allowlist/allowlist.js';
import { UserError } from '../../src/core/errors.js';
import { findingEvent } from '../../src/findings/build.js';
import { loadRuleSet } from '../../src/rules/rule-set.js';
import { finding } from '../report/scan-result.js';
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

describe('the allowlist on correlation and first-seen findings', () => {
  const scan = (allowlist: string, options: { excludeRules?: string[] } = {}) =>
    runScan(
      {
        paths: [join(ROOT, 'samples')],
        rulesPaths: [],
        excludeRules: options.excludeRules ?? [],
        minSeverity: 'low',
        window: {},
        allowlist: parseAllowlist(allowlist, 'allow.yml', NOW),
      },
      silentLogger,
    );
  const ids = (findings: { ruleId: string }[]) => findings.map((f) => f.ruleId).sort();
  const SECRETS_ACTOR = 'arn:aws:iam::903144391865:user/christophe';

  it('suppresses a correlation finding that an entry naming it covers, event by event', async () => {
    const result = await scan(
      `- rules: [bulk-secret-retrieval]\n  actor: '${SECRETS_ACTOR}'\n  sourceIPAddress: 253.201.144.0/24\n  reason: the secrets rotation job\n`,
    );
    expect(ids(result.suppressed)).toEqual(['bulk-secret-retrieval']);
    expect(result.suppressed[0]).toMatchObject({
      count: 20,
      suppression: { kind: 'allowlist', reason: 'the secrets rotation job', entry: 'allow.yml:1' },
    });
    expect([...result.findings, ...result.folded].map((f) => f.ruleId)).not.toContain(
      'bulk-secret-retrieval',
    );
    // Suppressed, it carries nothing: the first-seen finding on the same calls now reports them all.
    const firstSeen = result.findings.find(
      (f) => f.ruleId === 'first-seen-access-key-source-ip' && f.group.actor === SECRETS_ACTOR,
    );
    expect(firstSeen?.carriedBy).toBeUndefined();
  });

  it('reports a correlation finding that has one event the entry does not cover', async () => {
    const result = await scan(
      `- rules: [bulk-secret-retrieval]\n  actor: '${SECRETS_ACTOR}'\n  userAgent: 'stratus-red-team_*'\n  sourceIPAddress: 10.0.0.0/8\n  reason: not this address\n`,
    );
    expect(ids(result.suppressed)).toEqual([]);
    expect(ids(result.findings)).toContain('bulk-secret-retrieval');
  });

  it("applies an entry for every rule ('*') to first-seen and correlation findings of that actor", async () => {
    const result = await scan(
      `- rules: '*'\n  actor: '${SECRETS_ACTOR}'\n  reason: the red team's account\n`,
    );
    expect(ids(result.suppressed)).toEqual([
      'bulk-secret-retrieval',
      'first-seen-access-key-source-ip',
      'first-seen-actor-sensitive-api',
    ]);
    for (const f of [...result.findings, ...result.folded]) expect(f.group.actor).not.toBe(SECRETS_ACTOR);
  });

  it('suppresses a first-seen finding named by its rule id', async () => {
    const before = await scan(`- rules: [iam-user-created]\n  account: '000000000000'\n  reason: nothing\n`);
    const count = before.findings.filter((f) => f.ruleId === 'first-seen-access-key-source-ip').length;
    expect(count).toBeGreaterThan(2);
    const result = await scan(
      `- rules: [first-seen-access-key-source-ip]\n  userAgent: 'stratus-red-team_*'\n  reason: red team runs\n`,
    );
    const suppressed = result.suppressed.filter((f) => f.ruleId === 'first-seen-access-key-source-ip');
    expect(suppressed.length).toBeGreaterThan(0);
    for (const f of suppressed) for (const e of f.events) expect(e.userAgent).toMatch(/^stratus-red-team_/);
    for (const f of [...result.findings, ...result.folded].filter(
      (x) => x.ruleId === 'first-seen-access-key-source-ip',
    ))
      expect(f.events.some((e) => !e.userAgent.startsWith('stratus-red-team_'))).toBe(true);
  });

  it.each([
    [
      '- rules: [bulk-secret-retreival]\n  actor: x\n  reason: r\n',
      /allowlist allow\.yml:1: no rule has the id 'bulk-secret-retreival' \(did you mean 'bulk-secret-retrieval'\?\)/,
    ],
    [
      '- rules: [no-such-thing]\n  actor: x\n  reason: r\n',
      /allowlist allow\.yml:1: no rule has the id 'no-such-thing'; /,
    ],
    [
      '- rules: [api-call-denied]\n  actor: x\n  reason: r\n',
      /rule 'api-call-denied' makes no findings of its own: it only feeds the correlation 'access-denied-burst'; name that instead/,
    ],
    [
      '- rules: [fd0bee98-0084-40b2-97d3-0a1d7c4fa3dd]\n  actor: x\n  reason: r\n',
      /'fd0bee98-0084-40b2-97d3-0a1d7c4fa3dd' is the Sigma id of rule 'iam-admin-policy-granted': name rules by their rule id/,
    ],
  ])('stops the run on an entry naming %j, with a did-you-mean', async (text, message) => {
    await expect(scan(text)).rejects.toThrow(message);
    await expect(scan(text)).rejects.toBeInstanceOf(UserError);
  });

  it('accepts an entry for a rule that exists but does not run (excluded)', async () => {
    const result = await scan(`- rules: [ssm-send-command]\n  actor: x\n  reason: r\n`, {
      excludeRules: ['ssm-send-command'],
    });
    expect(result.findings.length).toBeGreaterThan(0);
  });

  it('names only rules of the built-in set in the documented example', async () => {
    const { loadAllowlist } = await import('../../src/allowlist/allowlist.js');
    const list = await loadAllowlist(join(ROOT, 'docs/examples/allowlist.yml'), NOW);
    const set = await loadRuleSet(
      { rulesPaths: [], excludeRules: [], minSeverity: 'informational' },
      silentLogger,
    );
    expect(() => checkAllowlistRules(list, set.known)).not.toThrow();
  });
});

describe('an entry judges a record and the event a finding keeps of it alike', () => {
  const identities = [
    { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/ci' },
    {
      type: 'AssumedRole',
      arn: 'arn:aws:sts::111122223333:assumed-role/deploy/run-1',
      sessionContext: { sessionIssuer: { arn: 'arn:aws:iam::111122223333:role/ci/deploy' } },
      invokedBy: 'cloudformation.amazonaws.com',
    },
    {
      type: 'AssumedRole',
      arn: 'arn:aws-cn:sts::111122223333:assumed-role/admin/alice@example.com',
      sessionContext: { sessionIssuer: { arn: 'arn:aws-cn:iam::111122223333:role/admin' } },
    },
    { type: 'AWSService', invokedBy: 'ssm.amazonaws.com' },
    { type: 'Root', arn: 'arn:aws:iam::111122223333:root', accountId: '111122223333' },
  ];
  const list = parseAllowlist(
    `- { rules: '*', actor: 'arn:aws:sts::*:assumed-role/deploy/*', reason: a }
- { rules: '*', actor: 'arn:aws:iam::111122223333:role/ci/*', reason: b }
- { rules: '*', invokedBy: 'cloudformation.amazonaws.com', reason: c }
- { rules: '*', invokedBy: 'ssm.*', reason: d }
- { rules: '*', actor: 'arn:aws-cn:sts::111122223333:assumed-role/admin/*', sourceIPAddress: 10.0.0.0/8, reason: e }
- { rules: '*', actor: '*:root', userAgent: 'console.amazonaws.com', reason: f }
- { rules: '*', account: '111122223333', region: 'eu-*', reason: g }`,
    'a.yml',
    NOW,
  );

  it.each(identities.flatMap((identity) => ['10.1.2.3', '203.0.113.9'].map((ip) => [identity, ip] as const)))(
    '%j from %s',
    (identity, ip) => {
      const r = record({ userIdentity: identity, sourceIPAddress: ip, userAgent: 'console.amazonaws.com' });
      const event = findingEvent(r, []);
      for (let i = 0; i < list.entries.length; i++) {
        const one = { entries: [list.entries[i]!], expired: [] };
        const byRecord = suppressingEntry(one, 'any-rule', r) !== undefined;
        const asFinding = { ...finding(1), ruleId: 'any-rule', events: [event] };
        expect([i, findingSuppression(one, asFinding) !== undefined]).toEqual([i, byRecord]);
      }
    },
  );
});

describe('the rule check of an allowlist', () => {
  it('leaves expired entries alone, whatever rule they name', async () => {
    const set = await loadRuleSet(
      { rulesPaths: [], excludeRules: [], minSeverity: 'informational' },
      silentLogger,
    );
    const list = parseAllowlist(
      `- { rules: [retired-rule], actor: x, reason: r, expires: 2020-01-01 }\n- { rules: [retired-rule], actor: x, reason: r }`,
      'a.yml',
      NOW,
    );
    expect(() => checkAllowlistRules({ ...list, entries: [] }, set.known)).not.toThrow();
    expect(() => checkAllowlistRules(list, set.known)).toThrow(/a\.yml:2: no rule has the id 'retired-rule'/);
  });
});
