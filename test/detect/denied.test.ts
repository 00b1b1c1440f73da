import { describe, expect, it } from '@jest/globals';
import { describeMatch, Detector } from '../../src/detect/detector.js';
import { compileRule } from '../../src/rules/compile.js';
import type { CompiledRule } from '../../src/rules/compile.js';
import type { Severity } from '../../src/core/severity.js';
import { ruleSetOf, scanRecords } from '../helpers/scan-records.js';
import type { CloudTrailRecord } from '../../src/core/record.js';
import { parseRuleFile } from '../../src/rules/parse.js';

function rule(keys: string) {
  const text = [
    'title: IAM user created',
    'name: iam-user-created',
    'logsource: {product: aws, service: cloudtrail}',
    'level: medium',
    keys,
    'detection:',
    '    selection:',
    '        eventSource: iam.amazonaws.com',
    '        eventName: CreateUser',
    '    condition: selection',
  ].join('\n');
  const parsed = parseRuleFile(text, 'iam-user-created.yml', true);
  expect(parsed.problems).toEqual([]);
  return compileRule(parsed.rules[0]!);
}

function record(id: string, user: string, errorCode?: string) {
  const rec = {
    eventID: id,
    eventTime: `2024-08-01T13:33:2${id.length}Z`,
    eventSource: 'iam.amazonaws.com',
    eventName: 'CreateUser',
    awsRegion: 'us-east-1',
    recipientAccountId: '229654561268',
    sourceIPAddress: '203.0.113.7',
    userAgent: 'aws-cli/2',
    userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::229654561268:user/${user}` },
    requestParameters: { userName: 'backdoor' },
    ...(errorCode ? { errorCode, errorMessage: 'not authorized' } : {}),
  } as CloudTrailRecord;
  return rec;
}

async function detect(
  rules: CompiledRule[],
  records: CloudTrailRecord[],
  minSeverity: Severity = 'informational',
) {
  return (await scanRecords(ruleSetOf(rules), records, { minSeverity })).findings;
}

describe('denied attempts in findings', () => {
  it('makes a finding of their own, at the denied level, titled as denied', async () => {
    const findings = await detect(
      [rule('denied: low')],
      [
        record('a', 'mallory'),
        record('bb', 'mallory', 'AccessDenied'),
        record('ccc', 'mallory', 'AccessDenied'),
        record('dddd', 'mallory', 'NoSuchEntity'), // not an attempt the gate admits
      ],
    );
    expect(findings.map((f) => [f.ruleId, f.title, f.severity, f.events.map((e) => e.eventID)])).toEqual([
      ['iam-user-created', 'IAM user created', 'medium', ['a']],
      ['iam-user-created', 'IAM user created (denied)', 'low', ['bb', 'ccc']],
    ]);
    expect(findings[1]!.events[0]!.errorCode).toBe('AccessDenied');
    expect(findings[0]!.fingerprint).not.toBe(findings[1]!.fingerprint);
  });

  it('keeps the fingerprint of successful calls as it was without the key', async () => {
    const withKey = await detect([rule('denied: low')], [record('a', 'mallory')]);
    const without = await detect([rule('')], [record('a', 'mallory')]);
    expect(withKey[0]!.fingerprint).toBe(without[0]!.fingerprint);
  });

  it('gives a denied finding a fingerprint stable across runs and distinct per group', async () => {
    const run = async () =>
      (
        await detect(
          [rule('denied: low')],
          [record('a', 'mallory', 'AccessDenied'), record('b', 'eve', 'AccessDenied')],
        )
      ).map((f) => f.fingerprint);
    const first = await run();
    expect(await run()).toEqual(first);
    expect(new Set(first).size).toBe(2);
  });

  it('reports a rule whose denied level is its own level apart from its successes too', async () => {
    const findings = await detect(
      [rule("denied: medium\ndenied_reason: 'an attempt is as telling'")],
      [record('a', 'mallory'), record('bb', 'mallory', 'AccessDenied')],
    );
    expect(findings.map((f) => [f.title, f.severity])).toEqual([
      ['IAM user created', 'medium'],
      ['IAM user created (denied)', 'medium'],
    ]);
  });

  it('leaves out denied findings below the minimum severity', async () => {
    const findings = await detect(
      [rule('denied: low')],
      [record('a', 'mallory'), record('b', 'mallory', 'AccessDenied')],
      'medium',
    );
    expect(findings.map((f) => f.title)).toEqual(['IAM user created']);
  });

  it('groups matches described in a worker thread the same way', () => {
    const compiled = rule('denied: low');
    const inThread = new Detector();
    const described = new Detector();
    for (const rec of [record('a', 'mallory'), record('b', 'mallory', 'Client.UnauthorizedOperation')]) {
      inThread.add(compiled, rec);
      described.addDescribed(compiled, describeMatch(compiled, rec));
    }
    expect(described.findings()).toEqual(inThread.findings());
    expect(inThread.findings()).toHaveLength(2);
  });
});
