import { describe, expect, it } from '@jest/globals';
import { actorOf } from '../../src/records/actor.js';

describe('actorOf', () => {
  it('uses the ARN of an IAM user', () => {
    expect(actorOf({ userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/alice' } })).toBe(
      'arn:aws:iam::111122223333:user/alice',
    );
  });

  it('gives an assumed-role session as the role ARN (with its path) and the session name', () => {
    const record = {
      userIdentity: {
        type: 'AssumedRole',
        arn: 'arn:aws:sts::111122223333:assumed-role/Deploy/i-0abc',
        sessionContext: { sessionIssuer: { type: 'Role', arn: 'arn:aws:iam::111122223333:role/ci/Deploy' } },
      },
    };
    expect(actorOf(record)).toBe('arn:aws:iam::111122223333:role/ci/Deploy/i-0abc');
  });

  it('keeps the session ARN when the issuer is missing', () => {
    expect(actorOf({ userIdentity: { type: 'AssumedRole', arn: 'arn:aws:sts::1:assumed-role/R/s' } })).toBe(
      'arn:aws:sts::1:assumed-role/R/s',
    );
  });

  it('names the root user as root of its account, with or without an ARN', () => {
    expect(actorOf({ userIdentity: { type: 'Root', accountId: '111122223333' } })).toBe(
      'arn:aws:iam::111122223333:root',
    );
    expect(actorOf({ userIdentity: { type: 'Root', arn: 'arn:aws:iam::444455556666:root' } })).toBe(
      'arn:aws:iam::444455556666:root',
    );
  });

  it('names AWS service calls by invokedBy', () => {
    expect(actorOf({ userIdentity: { type: 'AWSService', invokedBy: 'autoscaling.amazonaws.com' } })).toBe(
      'autoscaling.amazonaws.com',
    );
  });

  it('falls back to type and user name or principal id, then to unknown', () => {
    expect(
      actorOf({ userIdentity: { type: 'WebIdentityUser', userName: 'repo:o/r:ref:refs/heads/main' } }),
    ).toBe('WebIdentityUser:repo:o/r:ref:refs/heads/main');
    expect(actorOf({})).toBe('unknown');
    expect(actorOf({ userIdentity: 'nonsense' })).toBe('unknown');
  });
});
