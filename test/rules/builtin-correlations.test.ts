/** The correlation rules this change added or widened, each on a scenario that must fire and a near miss. */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CloudTrailRecord } from '../../src/core/record.js';
import { HOUR, loadRuleSet, MINUTE, only, record, run, type RuleSet } from '../correlate/helpers.js';
import { STRATUS_DIR } from './helpers.js';

const T0 = Date.parse('2026-03-02T09:00:00Z');
let set: RuleSet;
beforeAll(async () => {
  set = await loadRuleSet();
});

function findings(ruleId: string, records: CloudTrailRecord[]) {
  return run(only(set, ruleId), set, records, {}).findings;
}

const every = (count: number, step: number, make: (time: number, i: number) => CloudTrailRecord) =>
  Array.from({ length: count }, (_, i) => make(T0 + i * step, i));

const rootFailure = (t: number) =>
  record(t, 'signin.amazonaws.com', 'ConsoleLogin', {
    userIdentity: {
      type: 'Root',
      principalId: '111122223333',
      arn: 'arn:aws:iam::111122223333:root',
      accountId: '111122223333',
    },
    responseElements: { ConsoleLogin: 'Failure' },
    errorMessage: 'Failed authentication',
    eventType: 'AwsConsoleSignIn',
  });

describe('built-in correlation rules (added or widened by the reference logic)', () => {
  it('console-login-failures-root: 5 failed root sign-ins in 15 minutes, at high', () => {
    const burst = findings('console-login-failures-root', every(5, 3 * MINUTE, rootFailure));
    expect(burst.map((f) => [f.severity, f.count])).toEqual([['high', 5]]);
    expect(findings('console-login-failures-root', every(5, 4 * MINUTE, rootFailure))).toEqual([]);
    // Root failures do not count toward the IAM users' burst.
    expect(findings('console-login-failures', every(5, MINUTE, rootFailure))).toEqual([]);
  });

  it('bulk-instance-password-retrieval: the Stratus detonation (30 refused GetPasswordData) and a near miss', () => {
    const records = JSON.parse(
      readFileSync(join(STRATUS_DIR, 'aws.credential-access.ec2-get-password-data.json'), 'utf8'),
    ) as CloudTrailRecord[];
    const result = findings('bulk-instance-password-retrieval', records);
    expect(result.map((f) => [f.severity, f.count])).toEqual([['medium', 30]]);
    expect(result[0]!.events.every((e) => e.errorCode === 'Client.UnauthorizedOperation')).toBe(true);
    const password = (t: number, i: number) =>
      record(t, 'ec2.amazonaws.com', 'GetPasswordData', { requestParameters: { instanceId: `i-0${i % 2}` } });
    expect(findings('bulk-instance-password-retrieval', every(10, MINUTE, password))).toEqual([]);
  });

  it('bulk-secret-retrieval counts the secrets of BatchGetSecretValue lists with single reads', () => {
    const batch = record(T0, 'secretsmanager.amazonaws.com', 'BatchGetSecretValue', {
      requestParameters: { secretIdList: ['db', 'api', 'smtp'] },
    });
    const single = (t: number, id: string) =>
      record(t, 'secretsmanager.amazonaws.com', 'GetSecretValue', { requestParameters: { secretId: id } });
    const result = findings('bulk-secret-retrieval', [
      batch,
      single(T0 + MINUTE, 'ldap'),
      single(T0 + 2 * MINUTE, 'vpn'),
    ]);
    expect(result.map((f) => f.count)).toEqual([3]);
    // The per-secret GetSecretValue records AWS logs for a batch name the same secrets: no double count.
    const echoes = ['db', 'api', 'smtp'].map((id, i) => single(T0 + i * 1000, id));
    expect(findings('bulk-secret-retrieval', [batch, ...echoes, single(T0 + MINUTE, 'ldap')])).toEqual([]);
    // A batch by filters names no secret: it counts nothing by itself.
    const filtered = every(5, MINUTE, (t) =>
      record(t, 'secretsmanager.amazonaws.com', 'BatchGetSecretValue', {
        requestParameters: { filters: [{ key: 'tag-key', values: ['StratusRedTeam'] }] },
      }),
    );
    expect(findings('bulk-secret-retrieval', filtered)).toEqual([]);
  });

  it('bulk-parameter-decryption counts a GetParametersByPath path as one value', () => {
    const byPath = (t: number, i: number) =>
      record(t, 'ssm.amazonaws.com', 'GetParametersByPath', {
        requestParameters: { path: `/prod/service-${i}`, withDecryption: true, recursive: true },
      });
    expect(findings('bulk-parameter-decryption', every(10, MINUTE, byPath))).toHaveLength(1);
    expect(findings('bulk-parameter-decryption', every(9, MINUTE, byPath))).toEqual([]);
  });

  it('bulk-bucket-deletion: 5 buckets in an hour, not 4; buckets no longer count toward bulk-resource-deletion', () => {
    const bucket = (t: number, i: number) =>
      record(t, 's3.amazonaws.com', 'DeleteBucket', { requestParameters: { bucketName: `b-${i}` } });
    expect(findings('bulk-bucket-deletion', every(5, 10 * MINUTE, bucket))).toHaveLength(1);
    expect(findings('bulk-bucket-deletion', every(4, 10 * MINUTE, bucket))).toEqual([]);
    expect(findings('bulk-resource-deletion', every(12, MINUTE, bucket))).toEqual([]);
  });

  it('ec2-instance-connect-key-reused: one key reaching two instances through two callers', () => {
    const push = (t: number, instanceId: string, user: string) =>
      record(t, 'ec2-instance-connect.amazonaws.com', 'SendSSHPublicKey', {
        userIdentity: {
          type: 'IAMUser',
          principalId: `AIDA${user.toUpperCase()}`,
          arn: `arn:aws:iam::111122223333:user/${user}`,
          accountId: '111122223333',
          userName: user,
        },
        requestParameters: { instanceId, instanceOSUser: 'ec2-user', sSHPublicKey: 'ssh-ed25519 AAAAkey1' },
      });
    const records = [push(T0, 'i-1', 'alice'), push(T0 + 10 * MINUTE, 'i-2', 'bob')];
    expect(findings('ec2-instance-connect-key-reused', records)).toHaveLength(1);
    expect(findings('ec2-instance-connect-multi-instance', records)).toEqual([]);
    expect(
      findings('ec2-instance-connect-key-reused', [records[0]!, push(T0 + 2 * HOUR, 'i-2', 'bob')]),
    ).toEqual([]);
  });

  it('s3-ransomware-sse-c-encryption: 20 SSE-C rewrites in one bucket in an hour, not 19, not 20 spread over buckets', () => {
    const write = (t: number, i: number, bucket = 'data') =>
      record(t, 's3.amazonaws.com', i % 2 ? 'CopyObject' : 'PutObject', {
        requestParameters: {
          bucketName: bucket,
          key: `k${i}`,
          'x-amz-server-side-encryption-customer-algorithm': 'AES256',
        },
        additionalEventData: { SSEApplied: 'SSE_C' },
      });
    const burst = findings('s3-ransomware-sse-c-encryption', every(20, MINUTE, write));
    expect(burst.map((f) => [f.severity, f.count, f.group['requestParameters.bucketName']])).toEqual([
      ['high', 20, 'data'],
    ]);
    expect(findings('s3-ransomware-sse-c-encryption', every(19, MINUTE, write))).toEqual([]);
    const spread = every(20, MINUTE, (t, i) => write(t, i, `bucket-${i % 2}`));
    expect(findings('s3-ransomware-sse-c-encryption', spread)).toEqual([]);
  });

  it('s3-ransomware-mass-deletion: 50 deletions by one caller in an hour, each DeleteObjects counting once', () => {
    const remove = (t: number, i: number) =>
      record(t, 's3.amazonaws.com', i % 10 === 0 ? 'DeleteObjects' : 'DeleteObject', {
        requestParameters: { bucketName: 'data', key: `k${i}` },
      });
    expect(findings('s3-ransomware-mass-deletion', every(50, 30_000, remove))).toHaveLength(1);
    expect(findings('s3-ransomware-mass-deletion', every(49, 30_000, remove))).toEqual([]);
  });
});
