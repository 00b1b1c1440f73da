/** The scope as users type it: what is accepted, and messages that name the flag and what was probably meant. */
import { describe, expect, it } from '@jest/globals';
import { main } from '../../src/cli/main.js';
import {
  ACTION_SCOPE_NAMES,
  CLI_SCOPE_NAMES,
  investigationWindow,
  parseFollow,
  parseScope,
  withFollowDepth,
} from '../../src/investigate/index.js';

const scope = (input: Partial<{ accessKeyIds: string[]; userNames: string[]; principalArns: string[] }>) =>
  parseScope({ accessKeyIds: [], userNames: [], principalArns: [], ...input }, CLI_SCOPE_NAMES);

describe('parseScope', () => {
  it('accepts access keys, user names and principal ARNs of every kind, without duplicates', () => {
    const s = scope({
      accessKeyIds: ['AKIAIOSFODNN7EXAMPLE', ' ASIAQX3SESSIONKEY5M1 ', 'AKIAIOSFODNN7EXAMPLE'],
      userNames: ['backup-legacy', 'first.last@example.com'],
      principalArns: [
        'arn:aws:iam::123456789012:user/ops/alice',
        'arn:aws:iam::123456789012:role/ops-admin',
        'arn:aws:sts::123456789012:assumed-role/ops-admin/maint',
        'arn:aws-us-gov:sts::123456789012:federated-user/bob',
        'arn:aws:iam::123456789012:root',
      ],
    });
    expect(s.accessKeyIds).toEqual(['AKIAIOSFODNN7EXAMPLE', 'ASIAQX3SESSIONKEY5M1']);
    expect(s.userNames).toEqual(['backup-legacy', 'first.last@example.com']);
    expect(s.principals.map((p) => [p.kind, p.name, p.session])).toEqual([
      ['user', 'alice', undefined],
      ['role', 'ops-admin', undefined],
      ['assumed-role', 'ops-admin', 'maint'],
      ['federated-user', 'bob', undefined],
      ['root', 'root', undefined],
    ]);
  });

  it.each([
    [
      { accessKeyIds: ['akiaiosfodnn7example'] },
      /--access-key-id: 'akiaiosfodnn7example' is not an access key id: did you mean AKIAIOSFODNN7EXAMPLE\?/,
    ],
    [
      { accessKeyIds: ['AKIA123'] },
      /--access-key-id: 'AKIA123' is not an access key id \(AKIA .* 20 characters in all\)/,
    ],
    [
      { accessKeyIds: ['wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'] },
      /looks like a secret access key, not its id: .*deactivate the key now/,
    ],
    [
      { userNames: ['arn:aws:iam::123456789012:user/alice'] },
      /--user-name: .* is an ARN: give the user name \(alice\)/,
    ],
    [{ userNames: ['bad name'] }, /--user-name: 'bad name' is not an IAM user name/],
    [
      { principalArns: ['arn:aws:sts::123456789012:role/ops'] },
      /did you mean arn:aws:iam::123456789012:role\/ops\?/,
    ],
    [
      { principalArns: ['arn:aws:iam::123456789012:assumed-role/ops/s'] },
      /did you mean arn:aws:sts::123456789012:assumed-role\/ops\/s\?/,
    ],
    [
      { principalArns: ['arn:aws:sts::123456789012:assumed-role/ops'] },
      /names no session: add the session's name .* or give the role \(arn:aws:iam::123456789012:role\/ops\)/,
    ],
    [{ principalArns: ['alice'] }, /--principal-arn: 'alice' is not an ARN/],
    [{ principalArns: ['arn:aws:s3:::bucket'] }, /is not an IAM or STS principal ARN/],
  ])('refuses %j with a message that names the flag', (input, message) => {
    expect(() => scope(input)).toThrow(message);
  });

  it('names the action inputs in the action', () => {
    expect(() =>
      parseScope({ accessKeyIds: ['x'], userNames: [], principalArns: [] }, ACTION_SCOPE_NAMES),
    ).toThrow(/^access-key-ids: 'x'/);
  });
});

describe('the window and --follow', () => {
  const now = Date.parse('2024-06-04T00:00:00Z');
  const names = { since: '--since', start: '--start', end: '--end' };
  it('is the last 90 days by default, and combines with a look-back or bounds', () => {
    expect(investigationWindow({}, now, names).window).toEqual({ start: now - 90 * 86_400_000, end: now });
    expect(investigationWindow({ since: '7d' }, now, names).window).toEqual({
      start: now - 7 * 86_400_000,
      end: now,
    });
    expect(investigationWindow({ end: '2024-05-01T00:00:00Z' }, now, names).window).toEqual({
      start: Date.parse('2024-05-01T00:00:00Z') - 90 * 86_400_000,
      end: Date.parse('2024-05-01T00:00:00Z'),
    });
    expect(() => investigationWindow({ since: '7d', start: '2024-05-01T00:00:00Z' }, now, names)).toThrow(
      /not both/,
    );
  });

  it('takes --follow alone as 3 hops, or a number', () => {
    expect(withFollowDepth(['scan', '--follow', '--source', 'lookup-events'])).toEqual([
      'scan',
      '--follow=true',
      '--source',
      'lookup-events',
    ]);
    expect(withFollowDepth(['scan', '--follow', '2'])).toEqual(['scan', '--follow', '2']);
    expect(withFollowDepth(['scan', 'logs/', '--follow'])).toEqual(['scan', 'logs/', '--follow=true']);
    expect(parseFollow('true', 'follow')).toBe(3);
    expect(parseFollow('', 'follow')).toBe(0);
    expect(() => parseFollow('11', 'follow')).toThrow(/follow: '11' is not a number of hops from 0 to 10/);
  });

  it('refuses investigation options without a scope', async () => {
    let err = '';
    const io = { stdout: () => {}, stderr: (t: string) => (err += t), isTTY: false, now: () => now };
    expect(await main(['scan', 'logs/', '--follow'], io)).toBe(2);
    expect(err).toMatch(
      /--follow: only for an investigation \(--access-key-id, --user-name or --principal-arn\)/,
    );
  });
});
