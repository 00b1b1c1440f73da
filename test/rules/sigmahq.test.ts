/**
 * The 57 SigmaHQ AWS CloudTrail rules (test/fixtures/sigmahq-aws, unmodified, DRL 1.1): they all load, they fire on
 * real-shaped records, and their eventNames never leave out a record they match (checked on real Stratus Red Team
 * records and on records synthesised from each rule's own detection).
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import ipaddr from 'ipaddr.js';
import type { CompiledRule } from '../../src/rules/compile.js';
import { parseItemKey } from '../../src/rules/detection-item.js';
import { RuleIndex } from '../../src/rules/index.js';
import { loadRules } from '../../src/rules/load.js';
import { parseWildcards } from '../../src/rules/pattern.js';
import { random, SIGMAHQ_DIR, stratusRecords } from './helpers.js';

let rules: CompiledRule[];
const byId = (id: string) => {
  const rule = rules.find((r) => r.rule.ruleId === id);
  if (!rule) throw new Error(`no rule ${id}`);
  return rule;
};

beforeAll(async () => {
  const loaded = await loadRules([SIGMAHQ_DIR], { builtin: false });
  expect(loaded.problems).toEqual([]);
  expect(loaded.skipped).toEqual([]);
  rules = loaded.rules;
});

describe('SigmaHQ AWS CloudTrail rules', () => {
  it('all 57 load and compile, with metadata', () => {
    expect(rules).toHaveLength(57);
    for (const { rule } of rules) {
      expect(rule.uuid).toMatch(/^[0-9a-f-]{36}$/);
      expect(rule.author).not.toBe('unknown');
      expect(rule.ruleId).toBe(rule.file.replace(/^.*\//, '').replace(/\.yml$/, ''));
    }
    const disable = byId('aws_cloudtrail_disable_logging').rule;
    expect(disable).toMatchObject({
      title: 'AWS CloudTrail Important Change',
      level: 'medium',
      attack: ['T1685.002'],
    });
  });

  it('aws_cloudtrail_disable_logging fires on StopLogging by cloudtrail.amazonaws.com, not on StartLogging', () => {
    const rule = byId('aws_cloudtrail_disable_logging');
    const stop = stratusRecords().find((r) => r.file === 'aws.defense-evasion.cloudtrail-stop.json')!.record;
    expect(stop.eventName).toBe('StopLogging');
    expect(rule.matches(stop)).toBe(true);
    expect(rule.matches({ ...stop, eventName: 'StartLogging' })).toBe(false);
    expect(rule.matches({ ...stop, eventSource: 'ec2.amazonaws.com' })).toBe(false);
    expect([...rule.eventNames!].sort()).toEqual(['deletetrail', 'stoplogging', 'updatetrail']);
  });

  it('fires on the Stratus Red Team detonations it is written for', () => {
    const expected: Record<string, string> = {
      'aws.defense-evasion.cloudtrail-delete.json': 'aws_cloudtrail_disable_logging',
      'aws.defense-evasion.vpc-remove-flow-logs.json': 'aws_cloudtrail_vpc_flow_logs_deleted',
      'aws.exfiltration.ec2-security-group-open-port-22-ingress.json':
        'aws_cloudtrail_security_group_change_ingress_egress',
      'aws.exfiltration.ec2-share-ebs-snapshot.json': 'aws_snapshot_backup_exfiltration',
      'aws.initial-access.console-login-without-mfa.json': 'aws_cloudtrail_console_login_success_without_mfa',
      'aws.persistence.iam-backdoor-user.json': 'aws_iam_backdoor_users_keys',
      'aws.persistence.lambda-layer-extension.json': 'aws_new_lambda_layer_attached', // eventName|startswith, layers|contains '*'
      'aws.privilege-escalation.iam-update-user-login-profile.json': 'aws_update_login_profile', // fieldref filter
      'aws.execution.ssm-send-command.json': 'aws_cloudtrail_ssm_malicious_usage',
    };
    const records = stratusRecords();
    for (const [file, ruleId] of Object.entries(expected)) {
      const hits = records.filter((r) => r.file === file && byId(ruleId).matches(r.record));
      expect([file, hits.length > 0]).toEqual([file, true]);
    }
  });

  it('aws_update_login_profile: the fieldref filter leaves out users changing their own profile', () => {
    const rule = byId('aws_update_login_profile');
    const record = {
      eventSource: 'iam.amazonaws.com',
      eventName: 'UpdateLoginProfile',
      userIdentity: { arn: 'alice' },
      requestParameters: { userName: 'bob' },
    };
    expect(rule.matches(record)).toBe(true);
    expect(rule.matches({ ...record, userIdentity: { arn: 'BOB' } })).toBe(false);
  });

  it('aws_cloudtrail_imds_malicious_usage: regex on the ARN, minus the SSM filter', () => {
    const rule = byId('aws_cloudtrail_imds_malicious_usage');
    const record = {
      eventSource: 'ec2.amazonaws.com',
      eventName: 'DescribeInstances',
      sourceIPAddress: '198.51.100.7',
      userIdentity: { arn: 'arn:aws:sts::123456789012:assumed-role/aws:ec2-instance/i-0abc' },
    };
    expect(rule.eventNames).toBeNull();
    expect(rule.matches(record)).toBe(true);
    expect(rule.matches({ ...record, sourceIPAddress: 'AWS Internal' })).toBe(false);
    expect(rule.matches({ ...record, eventSource: 'ssm.amazonaws.com' })).toBe(false);
    expect(
      rule.matches({ ...record, userIdentity: { arn: 'arn:aws:sts::123456789012:assumed-role/admin/x' } }),
    ).toBe(false);
  });

  it('aws_iam_s3browser_templated_s3_bucket_policy_creation: contains|all inside requestParameters (an object in CloudTrail)', () => {
    const rule = byId('aws_iam_s3browser_templated_s3_bucket_policy_creation');
    const policy = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::<YOUR-BUCKET-NAME>/*'] },
      ],
    };
    const record = {
      eventSource: 'iam.amazonaws.com',
      eventName: 'PutUserPolicy',
      userAgent: 'S3 Browser 11.5.7 https://s3browser.com',
      requestParameters: { userName: 'u', policyName: 'p', policyDocument: JSON.stringify(policy) },
    };
    expect(rule.matches(record)).toBe(true);
    const deny = JSON.stringify({ ...policy, Statement: [{ ...policy.Statement[0], Effect: 'Deny' }] });
    expect(
      rule.matches({ ...record, requestParameters: { ...record.requestParameters, policyDocument: deny } }),
    ).toBe(false);
  });

  it('aws_root_account_usage: root calls, except AWS service events', () => {
    const rule = byId('aws_root_account_usage');
    expect(
      rule.matches({ eventName: 'ListBuckets', userIdentity: { type: 'Root' }, eventType: 'AwsApiCall' }),
    ).toBe(true);
    expect(
      rule.matches({
        eventName: 'ListBuckets',
        userIdentity: { type: 'Root' },
        eventType: 'AwsServiceEvent',
      }),
    ).toBe(false);
    expect(
      rule.matches({ eventName: 'ListBuckets', userIdentity: { type: 'IAMUser' }, eventType: 'AwsApiCall' }),
    ).toBe(false);
  });
});

describe('eventNames soundness on the SigmaHQ rules', () => {
  it('a real record that a rule matches is always among its candidates', () => {
    const index = new RuleIndex(rules);
    let matched = 0;
    for (const { record } of stratusRecords()) {
      for (const variant of [record, { ...record, eventName: String(record.eventName).toUpperCase() }]) {
        const candidates = new Set(index.candidates(String(variant.eventName)));
        for (const rule of rules) {
          if (!rule.matches(variant)) continue;
          matched++;
          expect([rule.rule.ruleId, candidates.has(rule)]).toEqual([rule.rule.ruleId, true]);
          if (rule.eventNames)
            expect(rule.eventNames.has(String(variant.eventName).toLowerCase())).toBe(true);
        }
      }
    }
    expect(matched).toBeGreaterThan(20);
  });

  it('records synthesised from each rule: whenever the rule matches, the eventName is in its set', () => {
    const next = random(20261128);
    const bases = stratusRecords().map((r) => r.record);
    const namePool = [...new Set(rules.flatMap((r) => [...(r.eventNames ?? [])]))].concat([
      'ListBuckets',
      'AssumeRole',
      '',
    ]);
    const constrained = rules.filter((r) => r.eventNames !== null);
    const hit = new Set<string>();
    let checked = 0;
    for (const rule of constrained) {
      for (let round = 0; round < 40; round++) {
        const base = structuredClone(bases[Math.floor(next() * bases.length)]!);
        for (const record of synthesise(rule.rule.detection, base, next)) {
          for (const variant of eventNameVariants(record, namePool, next)) {
            if (!rule.matches(variant)) continue;
            checked++;
            hit.add(rule.rule.ruleId);
            const name = typeof variant.eventName === 'string' ? variant.eventName.toLowerCase() : '';
            expect([rule.rule.ruleId, variant.eventName, rule.eventNames!.has(name)]).toEqual([
              rule.rule.ruleId,
              variant.eventName,
              true,
            ]);
          }
        }
      }
    }
    // The check is not vacuous: every rule that pins eventName down was made to match.
    expect([...constrained.map((r) => r.rule.ruleId)].filter((id) => !hit.has(id))).toEqual([]);
    expect(checked).toBeGreaterThan(1000);
  });
});

type Rec = Record<string, unknown>;

/** Records built to satisfy the rule's selections: each selection (and each map of a list) alone, and all of them. */
function synthesise(detection: Record<string, unknown>, base: Rec, next: () => number): Rec[] {
  const out: Rec[] = [];
  const all = structuredClone(base);
  for (const [name, selection] of Object.entries(detection)) {
    if (name === 'condition') continue;
    const maps = Array.isArray(selection) ? selection : [selection];
    for (const map of maps) {
      if (map === null || typeof map !== 'object') continue;
      const one = structuredClone(base);
      applyMap(one, map as Rec, next);
      out.push(one);
      if (next() < 0.7) applyMap(all, map as Rec, next);
    }
  }
  out.push(all);
  return out;
}

function applyMap(record: Rec, map: Rec, next: () => number): void {
  for (const [key, value] of Object.entries(map)) {
    const { field, modifiers } = parseItemKey(key);
    const values = Array.isArray(value) ? value : [value];
    const pick = modifiers.includes('all') ? values : [values[Math.floor(next() * values.length)]];
    const texts = pick.map((v) => valueFor(v, modifiers, next));
    if (texts.some((t) => t === undefined)) continue;
    if (texts.includes(null)) {
      if (next() < 0.5) setPath(record, field, null);
      else deletePath(record, field);
      continue;
    }
    setPath(record, field, texts.join(' '));
  }
}

/** A value satisfying `field|modifiers: value`: a string, null (absent) or undefined (cannot make one). */
function valueFor(value: unknown, modifiers: string[], next: () => number): string | null | undefined {
  if (modifiers.includes('re') || modifiers.includes('fieldref')) return undefined;
  if (modifiers.includes('exists')) return value === true ? 'present' : null;
  if (value === null) return null;
  if (modifiers.includes('cidr')) return ipaddr.parseCIDR(String(value))[0].toString();
  const filler = () => ['', 'x', 'Zz-9', ' '][Math.floor(next() * 4)]!;
  let text = parseWildcards(String(value))
    .map((s) => (s === 0 ? filler() : s === 1 ? 'q' : s))
    .join('');
  if (!modifiers.includes('cased'))
    text = [...text].map((c) => (next() < 0.5 ? c.toUpperCase() : c.toLowerCase())).join('');
  if (modifiers.includes('contains')) return filler() + text + filler();
  if (modifiers.includes('startswith')) return text + filler();
  if (modifiers.includes('endswith')) return filler() + text;
  return text;
}

function eventNameVariants(record: Rec, pool: string[], next: () => number): Rec[] {
  const name = typeof record.eventName === 'string' ? record.eventName : '';
  const other = pool[Math.floor(next() * pool.length)]!;
  return [
    record,
    { ...record, eventName: name.toUpperCase() },
    { ...record, eventName: other },
    { ...record, eventName: `${name}X` },
  ];
}

function setPath(record: Rec, field: string, value: unknown): void {
  const parts = field.split('.');
  let target: Rec = record;
  for (const part of parts.slice(0, -1)) {
    const child = target[part];
    if (child === null || typeof child !== 'object' || Array.isArray(child)) target[part] = {};
    target = target[part] as Rec;
  }
  target[parts[parts.length - 1]!] = value;
}

function deletePath(record: Rec, field: string): void {
  const parts = field.split('.');
  let target: unknown = record;
  for (const part of parts.slice(0, -1)) {
    if (target === null || typeof target !== 'object') return;
    target = (target as Rec)[part];
  }
  if (target !== null && typeof target === 'object') delete (target as Rec)[parts[parts.length - 1]!];
}
