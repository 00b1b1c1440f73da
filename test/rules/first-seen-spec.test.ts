import { describe, expect, it } from '@jest/globals';
import { instanceFamily, keyValue, userAgentFamily } from '../../src/first-seen/derived.js';
import { parseDuration } from '../../src/rules/first-seen-spec.js';
import { parseRuleFile } from '../../src/rules/parse.js';

function parse(firstSeen: string) {
  const text = [
    'title: New actor for SendCommand',
    'name: ssm-new-actor',
    'logsource: {product: aws, service: cloudtrail}',
    'detection:',
    '    selection: {eventName: SendCommand}',
    '    condition: selection',
    firstSeen,
  ].join('\n');
  return parseRuleFile(text, 'ssm-new-actor.yml', false);
}

describe('the first_seen rule key', () => {
  it('parses fields and history, and makes the key fields the finding group', () => {
    const { rules, problems } = parse(
      'first_seen:\n    fields: [recipientAccountId, actor, eventName]\n    history: 14d',
    );
    expect(problems).toEqual([]);
    expect(rules[0]!.firstSeen).toEqual({
      fields: ['recipientAccountId', 'actor', 'eventName'],
      history: 14 * 86400,
      historyText: '14d',
    });
    expect(rules[0]!.groupBy).toEqual(['recipientAccountId', 'actor', 'eventName']);
  });

  it('keeps require_known in the order of fields', () => {
    const { rules, problems } = parse(
      'first_seen:\n    fields: [recipientAccountId, principal, sourceIPAddress]\n    require_known: [principal, recipientAccountId]',
    );
    expect(problems).toEqual([]);
    expect(rules[0]!.firstSeen!.requireKnown).toEqual(['recipientAccountId', 'principal']);
  });

  it('defaults the history to 10 days', () => {
    const { rules } = parse('first_seen:\n    fields: [actor, userAgentFamily, userIdentity.accessKeyId]');
    expect(rules[0]!.firstSeen).toMatchObject({ history: 864000, historyText: '10d' });
  });

  it('leaves rules without it as they were', () => {
    const { rules } = parse('');
    expect(rules[0]!.firstSeen).toBeUndefined();
    expect(rules[0]!.groupBy).toEqual(['recipientAccountId', 'actor']);
  });

  it.each([
    [
      'first_seen: [actor]',
      "'first_seen' must be a mapping with 'fields' (and optionally 'history', 'require_known')",
    ],
    [
      'first_seen: null',
      "'first_seen' must be a mapping with 'fields' (and optionally 'history', 'require_known')",
    ],
    [
      'first_seen:\n    history: 10d',
      "'first_seen.fields' is missing: list the fields whose values make the key",
    ],
    [
      'first_seen:\n    fields: []',
      "'first_seen.fields' is empty: list the fields whose values make the key",
    ],
    ['first_seen:\n    fields: actor', "'first_seen.fields' must be a list of field names"],
    [
      'first_seen:\n    fields: [actor, userAgentFamly]',
      "'first_seen.fields' names 'userAgentFamly', which is neither a CloudTrail record field nor a pseudo-field (actor, principal, userAgentFamily, instanceFamily)",
    ],
    [
      'first_seen:\n    fields: [instance_family]',
      "'first_seen.fields' names 'instance_family', which is neither a CloudTrail record field nor a pseudo-field (actor, principal, userAgentFamily, instanceFamily); did you mean 'instanceFamily'?",
    ],
    ['first_seen:\n    fields: [actor, actor]', "'first_seen.fields' lists 'actor' twice"],
    [
      'first_seen:\n    fields: [requestParameters..x]',
      "'first_seen.fields' has a malformed field name 'requestParameters..x'",
    ],
    [
      'first_seen:\n    fields: [actor]\n    history: 10 days',
      "'first_seen.history' '10 days' is not a duration such as 10d, 36h or 2w (units s, m, h, d, w)",
    ],
    [
      'first_seen:\n    fields: [actor]\n    history: 10',
      "'first_seen.history' '10' is not a duration such as 10d, 36h or 2w (units s, m, h, d, w)",
    ],
    [
      'first_seen:\n    fields: [actor]\n    history: 30m',
      "'first_seen.history' '30m' must be between 1h and 366d",
    ],
    ['first_seen:\n    fields: [actor]\n    window: 10d', "'first_seen' has an unknown key 'window'"],
    ['first-seen:\n    fields: [actor]', "the first-seen extension key is spelled 'first_seen'"],
    [
      'first_seen:\n    fields: [actor, sourceIPAddress]\n    require_known: [actor, sourceIPAddress]',
      "'first_seen.require_known' must list some, not all, of the fields of 'first_seen.fields'",
    ],
    [
      'first_seen:\n    fields: [actor, sourceIPAddress]\n    require_known: [awsRegion]',
      "'first_seen.require_known' must list some, not all, of the fields of 'first_seen.fields'",
    ],
    [
      'first_seen:\n    fields: [actor, sourceIPAddress]\n    require_known: actor',
      "'first_seen.require_known' must be a non-empty list of field names",
    ],
  ])('reports a clear problem for %j', (yaml, message) => {
    const { rules, problems } = parse(yaml);
    expect(rules).toEqual([]);
    expect(problems).toEqual([{ file: 'ssm-new-actor.yml', title: 'New actor for SendCommand', message }]);
  });

  it('reads durations in s, m, h, d and w', () => {
    expect([parseDuration('90s'), parseDuration('15m'), parseDuration('36h'), parseDuration('2w')]).toEqual([
      90, 900, 129600, 1209600,
    ]);
    expect(parseDuration('1.5d')).toBeUndefined();
    expect(parseDuration('d')).toBeUndefined();
  });
});

describe('pseudo-fields', () => {
  it.each([
    ['aws-cli/2.15.0 md/awscrt#0.19.19 ua/2.0 os/linux#6.5 md/arch#x86_64 lang/python#3.11', 'aws-cli'],
    ['aws-cli/1.29.2 Python/3.9.16 Linux/5.10 botocore/1.31.2', 'aws-cli'],
    [
      'Boto3/1.34.11 md/Botocore#1.34.11 ua/2.0 os/linux#6.2 md/arch#x86_64 lang/python#3.11 Botocore/1.34.11',
      'boto3',
    ],
    ['Botocore/1.31.2 Python/3.9', 'botocore'],
    [
      'APN/1.0 HashiCorp/1.0 Terraform/1.6.6 (+https://www.terraform.io) terraform-provider-aws/5.31.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.24.0 os/linux lang/go#1.21.5',
      'terraform',
    ],
    ['aws-sdk-go/1.44.300 (go1.20.6; linux; amd64)', 'aws-sdk-go'],
    ['aws-sdk-go-v2/1.21.0 os/macos lang/go#1.21.1 md/GOOS#darwin api/ec2#1.118.0', 'aws-sdk-go-v2'],
    ['aws-sdk-js/3.450.0 ua/2.0 os/linux#5.10 lang/js md/nodejs#18.18.2 api/ssm#3.450.0', 'aws-sdk-js'],
    ['aws-sdk-java/1.12.470 Linux/5.10 OpenJDK_64-Bit_Server_VM/11.0.19', 'aws-sdk-java'],
    ['console.amazonaws.com', 'console'],
    ['console.ec2.amazonaws.com', 'console'],
    ['signin.amazonaws.com', 'console'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0', 'console'],
    ['ssm.amazonaws.com', 'ssm.amazonaws.com'],
    ['AWS Internal', 'aws-internal'],
    ['stratus-red-team_84a22508-bcc6-424d-9973-3f841ebf8875', 'stratus-red-team'],
    ['TruffleHog', 'trufflehog'],
    ['python-requests/2.31.0', 'python-requests'],
    ['curl/8.4.0', 'curl'],
    ['[S3 Browser 11.5.7]', 's3-browser'],
    ['<script>', 'script'],
  ])('userAgentFamily(%j) is %j', (agent, family) => {
    expect(userAgentFamily(agent)).toBe(family);
  });

  it('has no user agent family for an empty or absent user agent', () => {
    expect(userAgentFamily('')).toBeUndefined();
    expect(userAgentFamily(undefined)).toBeUndefined();
    expect(userAgentFamily('%%%')).toBe('other');
  });

  it('takes the instance family from requestParameters.instanceType', () => {
    expect(instanceFamily({ requestParameters: { instanceType: 'p4d.24xlarge' } })).toBe('p4d');
    expect(instanceFamily({ requestParameters: { instanceType: 'T3.Micro' } })).toBe('t3');
    expect(
      instanceFamily({ requestParameters: { launchTemplate: { launchTemplateId: 'lt-1' } } }),
    ).toBeUndefined();
  });

  it('reads other key fields as findings show them, and actor as the derived principal', () => {
    const record = {
      eventName: 'RunInstances',
      awsRegion: 'eu-west-1',
      sourceIPAddress: '',
      userIdentity: {
        type: 'AssumedRole',
        arn: 'arn:aws:sts::111122223333:assumed-role/Deploy/ci',
        sessionContext: { sessionIssuer: { arn: 'arn:aws:iam::111122223333:role/Deploy' } },
      },
    };
    expect(keyValue(record, 'actor')).toBe('arn:aws:iam::111122223333:role/Deploy/ci');
    expect(keyValue(record, 'principal')).toBe('arn:aws:iam::111122223333:role/Deploy');
    const sso = {
      userIdentity: {
        type: 'AssumedRole',
        arn: 'arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Admin_0123/alice@example.com',
        sessionContext: {
          sessionIssuer: {
            arn: 'arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_Admin_0123',
          },
        },
      },
    };
    expect(keyValue(sso, 'principal')).toBe(
      'arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_Admin_0123/alice@example.com',
    );
    const user = { userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/bob' } };
    expect(keyValue(user, 'principal')).toBe('arn:aws:iam::111122223333:user/bob');
    expect(keyValue(record, 'awsRegion')).toBe('eu-west-1');
    expect(keyValue(record, 'sourceIPAddress')).toBeUndefined();
    expect(keyValue(record, 'userIdentity.accessKeyId')).toBeUndefined();
  });
});
