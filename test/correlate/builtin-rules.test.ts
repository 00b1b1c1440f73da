/** Each built-in correlation rule on a scenario that must fire and a near miss that must not. */
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { CloudTrailRecord } from '../../src/core/record.js';
import {
  ACCOUNT,
  deniedToStolenSession,
  HOUR,
  loginFailure,
  MINUTE,
  only,
  PASSWORD_DATA_DETONATION,
  RECON_CALLS,
  record,
  run,
  type RuleSet,
  loadRuleSet,
} from './helpers.js';

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

const secret = (t: number, id: string) =>
  record(t, 'secretsmanager.amazonaws.com', 'GetSecretValue', { requestParameters: { secretId: id } });
const parameter = (t: number, name: string) =>
  record(t, 'ssm.amazonaws.com', 'GetParameter', { requestParameters: { name, withDecryption: true } });
const parameters = (t: number, names: string[]) =>
  record(t, 'ssm.amazonaws.com', 'GetParameters', { requestParameters: { names, withDecryption: true } });
const deleted = (t: number, i: number) =>
  record(t, 'ec2.amazonaws.com', 'DeleteSnapshot', { requestParameters: { snapshotId: `snap-${i}` } });
const sshKey = (t: number, instanceId: string) =>
  record(t, 'ec2-instance-connect.amazonaws.com', 'SendSSHPublicKey', {
    requestParameters: { instanceId, instanceOSUser: 'ec2-user', sSHPublicKey: 'ssh-ed25519 AAAA' },
  });
const command = (t: number, instanceIds: string[]) =>
  record(t, 'ssm.amazonaws.com', 'SendCommand', {
    requestParameters: { documentName: 'AWS-RunShellScript', instanceIds },
  });
const versioningSuspended = (t: number, bucket: string) =>
  record(t, 's3.amazonaws.com', 'PutBucketVersioning', {
    requestParameters: { bucketName: bucket, VersioningConfiguration: { Status: 'Suspended' } },
  });
const iam = (t: number, eventName: string, requestParameters: Record<string, unknown>) =>
  record(t, 'iam.amazonaws.com', eventName, { requestParameters });
const instances = (ids: string[]) => ({ instancesSet: { items: ids.map((instanceId) => ({ instanceId })) } });
const ec2 = (t: number, eventName: string, requestParameters: Record<string, unknown>) =>
  record(t, 'ec2.amazonaws.com', eventName, { requestParameters });

const githubSession = (t: number, sourceIPAddress: string, accessKeyId = 'ASIAEXAMPLESESSION01') =>
  record(t, 's3.amazonaws.com', 'ListBuckets', {
    sourceIPAddress,
    userIdentity: {
      type: 'AssumedRole',
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/deploy/GitHubActions`,
      accountId: ACCOUNT,
      accessKeyId,
      sessionContext: {
        sessionIssuer: { type: 'Role', arn: `arn:aws:iam::${ACCOUNT}:role/deploy`, userName: 'deploy' },
        webIdFederationData: {
          federatedProvider: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`,
          attributes: {},
        },
      },
    },
  });

describe('built-in correlation rules', () => {
  it('github-oidc-session-misuse: one GitHub OIDC session used from two addresses within 12 h', () => {
    const runner = '20.55.14.100';
    expect(
      findings('github-oidc-session-misuse', [
        githubSession(T0, runner),
        githubSession(T0 + MINUTE, runner),
        githubSession(T0 + 3 * HOUR, '203.0.113.50'),
      ]),
    ).toHaveLength(1);
    // Near misses: one address all along; two sessions from two runners; a service acting for the session.
    expect(
      findings(
        'github-oidc-session-misuse',
        every(20, MINUTE, (t) => githubSession(t, runner)),
      ),
    ).toEqual([]);
    expect(
      findings('github-oidc-session-misuse', [
        githubSession(T0, runner, 'ASIAEXAMPLESESSION01'),
        githubSession(T0 + MINUTE, '20.55.14.101', 'ASIAEXAMPLESESSION02'),
      ]),
    ).toEqual([]);
    expect(
      findings('github-oidc-session-misuse', [
        githubSession(T0, runner),
        githubSession(T0 + MINUTE, 'cloudformation.amazonaws.com'),
      ]),
    ).toEqual([]);
  });

  it('console-login-failures: 5 failures for one user in 15 min', () => {
    expect(
      findings(
        'console-login-failures',
        every(5, 3 * MINUTE, (t) => loginFailure(t, 'alice')),
      ),
    ).toHaveLength(1);
    expect(
      findings(
        'console-login-failures',
        every(5, 4 * MINUTE, (t) => loginFailure(t, 'alice')),
      ),
    ).toEqual([]);
  });

  it('console-password-spraying: 10 user names of one account and Region in an hour, from any addresses', () => {
    // Spraying tools rotate addresses: the count is per account and Region (detections.md), not per address.
    const spray = findings(
      'console-password-spraying',
      every(10, 5 * MINUTE, (t, i) => loginFailure(t, `u${i}`, `203.0.113.${i}`)),
    );
    expect(spray.map((f) => f.group)).toEqual([{ recipientAccountId: ACCOUNT, awsRegion: 'us-east-1' }]);
    const nine = every(10, 5 * MINUTE, (t, i) => loginFailure(t, `u${i % 9}`));
    expect(findings('console-password-spraying', nine)).toEqual([]);
  });

  it('bulk-secret-retrieval: 5 distinct secrets by one caller in an hour', () => {
    expect(
      findings(
        'bulk-secret-retrieval',
        every(5, 10 * MINUTE, (t, i) => secret(t, `s${i}`)),
      ),
    ).toHaveLength(1);
    expect(
      findings(
        'bulk-secret-retrieval',
        every(20, MINUTE, (t, i) => secret(t, `s${i % 4}`)),
      ),
    ).toEqual([]);
  });

  it('bulk-parameter-decryption: 10 distinct parameters across GetParameter and GetParameters', () => {
    const mixed = [
      ...every(4, MINUTE, (t, i) => parameter(t, `/p/${i}`)),
      parameters(T0 + 5 * MINUTE, ['/p/4', '/p/5', '/p/6', '/p/7', '/p/8', '/p/9']),
    ];
    const result = findings('bulk-parameter-decryption', mixed);
    expect(result).toHaveLength(1);
    expect(result[0]!.count).toBe(5);
    expect(findings('bulk-parameter-decryption', mixed.slice(1))).toEqual([]);
  });

  describe('access-denied-burst: 20 refused calls across 5 actions in an hour', () => {
    const atSecond = (s: number) => Date.parse('2024-07-30T21:31:00Z') + s * 1000;
    /** `count` refused calls of the stolen session, cycling through the first `actions` recon calls. */
    const recon = (count: number, actions: number, step = 1000, from = atSecond(30)) =>
      Array.from({ length: count }, (_, i) =>
        deniedToStolenSession(from + i * step, RECON_CALLS[i % actions]!),
      );

    it('the Stratus detonation alone (30 refusals of one action, 2 of another by someone else): no finding', () => {
      expect(findings('access-denied-burst', PASSWORD_DATA_DETONATION)).toEqual([]);
    });

    it('the same session then trying four other services: one finding with every refused call', () => {
      const probes = recon(4, 4);
      const result = findings('access-denied-burst', [...PASSWORD_DATA_DETONATION, ...probes]);
      expect(result).toHaveLength(1);
      expect(result[0]!.group).toEqual({
        recipientAccountId: PASSWORD_DATA_DETONATION[0]!.recipientAccountId,
        actor: expect.stringContaining('stratus-red-team-ec2-get-password-data-role'),
      });
      const expected = [...PASSWORD_DATA_DETONATION.slice(0, 30), ...probes].map((r) => r.eventID).sort();
      expect(result[0]!.events.map((e) => e.eventID).sort()).toEqual(expected);
      expect(new Set(result[0]!.events.map((e) => e.eventName)).size).toBe(5);
    });

    it('exactly 20 calls and 5 actions fire; 19 calls, or 4 actions, or 61 minutes do not', () => {
      expect(findings('access-denied-burst', recon(20, 5))).toHaveLength(1);
      expect(findings('access-denied-burst', recon(20, 5))[0]!.count).toBe(20);
      expect(findings('access-denied-burst', recon(19, 5))).toEqual([]);
      expect(findings('access-denied-burst', recon(200, 4))).toEqual([]);
      // 20 calls spread over 61 minutes: no hour holds 20.
      expect(findings('access-denied-burst', recon(20, 5, (61 * MINUTE) / 19))).toEqual([]);
    });

    it('a person trying six different things in an hour, once each: no finding', () => {
      expect(findings('access-denied-burst', recon(6, 6, 9 * MINUTE))).toEqual([]);
    });
  });

  it('bulk-resource-deletion: 10 deletions in an hour', () => {
    expect(findings('bulk-resource-deletion', every(10, 5 * MINUTE, deleted))).toHaveLength(1);
    expect(findings('bulk-resource-deletion', every(10, 7 * MINUTE, deleted))).toEqual([]);
  });

  it('ec2-instance-connect-multi-instance: keys pushed to 2 instances', () => {
    expect(
      findings('ec2-instance-connect-multi-instance', [sshKey(T0, 'i-1'), sshKey(T0 + HOUR, 'i-2')]),
    ).toHaveLength(1);
    expect(
      findings('ec2-instance-connect-multi-instance', [sshKey(T0, 'i-1'), sshKey(T0 + 2 * HOUR, 'i-2')]),
    ).toEqual([]);
  });

  it('ssm-send-command-many-instances: more than 2 instances, counted inside the instanceIds lists', () => {
    expect(findings('ssm-send-command-many-instances', [command(T0, ['i-1', 'i-2', 'i-3'])])).toHaveLength(1);
    expect(
      findings('ssm-send-command-many-instances', [
        command(T0, ['i-1', 'i-2']),
        command(T0 + MINUTE, ['i-2']),
      ]),
    ).toEqual([]);
  });

  it('s3-data-protection-disabled-repeatedly: two weakening changes in 90 min', () => {
    expect(
      findings('s3-data-protection-disabled-repeatedly', [
        versioningSuspended(T0, 'a'),
        versioningSuspended(T0 + 89 * MINUTE, 'b'),
      ]),
    ).toHaveLength(1);
    expect(
      findings('s3-data-protection-disabled-repeatedly', [
        versioningSuspended(T0, 'a'),
        versioningSuspended(T0 + 91 * MINUTE, 'b'),
      ]),
    ).toEqual([]);
  });

  it('iam-user-created-then-credentials: CreateUser, then a key for that user', () => {
    const created = iam(T0, 'CreateUser', { userName: 'backdoor' });
    const key = iam(T0 + 2 * MINUTE, 'CreateAccessKey', { userName: 'backdoor' });
    const result = findings('iam-user-created-then-credentials', [created, key]);
    expect(result.map((f) => f.group)).toEqual([
      { recipientAccountId: ACCOUNT, 'requestParameters.userName': 'backdoor' },
    ]);
    expect(result[0]!.events.map((e) => e.eventName)).toEqual(['CreateUser', 'CreateAccessKey']);
    const admin = iam(T0 + MINUTE, 'AttachUserPolicy', {
      userName: 'backdoor',
      policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
    });
    expect(findings('iam-user-created-then-credentials', [created, admin])).toHaveLength(1);
    // Another user's key, or the key before the user, is not the sequence.
    expect(
      findings('iam-user-created-then-credentials', [
        created,
        iam(T0 + MINUTE, 'CreateAccessKey', { userName: 'other' }),
      ]),
    ).toEqual([]);
    expect(
      findings('iam-user-created-then-credentials', [{ ...key, eventTime: '2026-03-02T08:00:00Z' }, created]),
    ).toEqual([]);
  });

  it('ec2-stop-modify-user-data-start: the sequence on one instance, found inside instance lists', () => {
    const stop = ec2(T0, 'StopInstances', instances(['i-a', 'i-b']));
    const modify = ec2(T0 + 2 * MINUTE, 'ModifyInstanceAttribute', {
      instanceId: 'i-b',
      userData: '<sensitiveDataRemoved>',
    });
    const start = ec2(T0 + 3 * MINUTE, 'StartInstances', instances(['i-b']));
    const result = findings('ec2-stop-modify-user-data-start', [start, modify, stop]);
    expect(result.map((f) => f.group)).toEqual([{ recipientAccountId: ACCOUNT, instance: 'i-b' }]);
    expect(result[0]!.events.map((e) => e.eventName)).toEqual([
      'StopInstances',
      'ModifyInstanceAttribute',
      'StartInstances',
    ]);
    expect(result[0]!.events[0]!.details).toEqual({
      'requestParameters.instancesSet.items.instanceId': 'i-a, i-b',
    });
    // Started before the change, or the change on another instance: no finding.
    expect(
      findings('ec2-stop-modify-user-data-start', [
        stop,
        { ...start, eventTime: '2026-03-02T09:01:00Z' },
        modify,
      ]),
    ).toEqual([]);
    const elsewhere = ec2(T0 + 2 * MINUTE, 'ModifyInstanceAttribute', { instanceId: 'i-c', userData: 'x' });
    expect(findings('ec2-stop-modify-user-data-start', [stop, elsewhere, start])).toEqual([]);
  });

  it('finding fields come from the correlation rule', () => {
    const [finding] = findings(
      'console-login-failures',
      every(5, MINUTE, (t) => loginFailure(t, 'alice')),
    );
    expect(finding).toMatchObject({
      ruleId: 'console-login-failures',
      title: 'Console sign-in failures burst for one user',
      severity: 'medium',
      author: 'cloudtrail-audit',
      attack: ['T1110.001'],
      count: 5,
      firstSeen: '2026-03-02T09:00:00Z',
      lastSeen: '2026-03-02T09:04:00Z',
    });
    expect(finding!.fingerprint).toMatch(/^[0-9a-f]{32}$/);
    expect(finding!.events[0]).toMatchObject({
      eventName: 'ConsoleLogin',
      actor: 'IAMUser:alice',
      userAgent: 'aws-cli/2.15.30',
    });
  });
});
