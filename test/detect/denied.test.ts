import { describe, expect, it } from '@jest/globals';
import { describeMatch, Detector } from '../../src/detect/detector.js';
import { compileRule } from '../../src/rules/compile.js';
import { RuleIndex } from '../../src/rules/index.js';
import type { CloudTrailRecord } from '../../src/rules/model.js';
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
  return { record: rec, time: Date.parse(rec.eventTime) };
}

describe('denied attempts in findings', () => {
  it('makes a finding of their own, at the denied level, titled as denied', () => {
    const compiled = rule('denied: low');
    const detector = new Detector(new RuleIndex([compiled]), {});
    detector.consume(record('a', 'mallory'));
    detector.consume(record('bb', 'mallory', 'AccessDenied'));
    detector.consume(record('ccc', 'mallory', 'AccessDenied'));
    detector.consume(record('dddd', 'mallory', 'NoSuchEntity')); // not an attempt the gate admits
    const findings = detector.findings();
    expect(findings.map((f) => [f.ruleId, f.title, f.severity, f.events.map((e) => e.eventID)])).toEqual([
      ['iam-user-created', 'IAM user created', 'medium', ['a']],
      ['iam-user-created', 'IAM user created (denied)', 'low', ['bb', 'ccc']],
    ]);
    expect(findings[1]!.events[0]!.errorCode).toBe('AccessDenied');
    expect(findings[0]!.fingerprint).not.toBe(findings[1]!.fingerprint);
  });

  it('keeps the fingerprint of successful calls as it was without the key', () => {
    const withKey = new Detector(new RuleIndex([rule('denied: low')]), {});
    const without = new Detector(new RuleIndex([rule('')]), {});
    withKey.consume(record('a', 'mallory'));
    without.consume(record('a', 'mallory'));
    expect(withKey.findings()[0]!.fingerprint).toBe(without.findings()[0]!.fingerprint);
  });

  it('gives a denied finding a fingerprint stable across runs and distinct per group', () => {
    const run = () => {
      const detector = new Detector(new RuleIndex([rule('denied: low')]), {});
      detector.consume(record('a', 'mallory', 'AccessDenied'));
      detector.consume(record('b', 'eve', 'AccessDenied'));
      return detector.findings().map((f) => f.fingerprint);
    };
    const first = run();
    expect(run()).toEqual(first);
    expect(new Set(first).size).toBe(2);
  });

  it('reports a rule whose denied level is its own level apart from its successes too', () => {
    const detector = new Detector(
      new RuleIndex([rule("denied: medium\ndenied_reason: 'an attempt is as telling'")]),
      {},
    );
    detector.consume(record('a', 'mallory'));
    detector.consume(record('bb', 'mallory', 'AccessDenied'));
    expect(detector.findings().map((f) => [f.title, f.severity])).toEqual([
      ['IAM user created', 'medium'],
      ['IAM user created (denied)', 'medium'],
    ]);
  });

  it('leaves out denied findings below the minimum severity', () => {
    const detector = new Detector(new RuleIndex([rule('denied: low')]), {}, undefined, {}, 'medium');
    detector.consume(record('a', 'mallory'));
    detector.consume(record('b', 'mallory', 'AccessDenied'));
    expect(detector.findings().map((f) => f.title)).toEqual(['IAM user created']);
  });

  it('groups matches described in a worker thread the same way', () => {
    const compiled = rule('denied: low');
    const inThread = new Detector(new RuleIndex([compiled]), {});
    const described = new Detector(new RuleIndex([compiled]), {});
    for (const timed of [record('a', 'mallory'), record('b', 'mallory', 'Client.UnauthorizedOperation')]) {
      inThread.consume(timed);
      expect(described.admit(timed.time, timed.record.recipientAccountId, timed.record.awsRegion)).toBe(true);
      described.addDescribed(compiled, describeMatch(compiled, timed.record));
    }
    expect(described.findings()).toEqual(inThread.findings());
    expect(inThread.findings()).toHaveLength(2);
  });
});
