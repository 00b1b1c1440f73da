import { describe, expect, it } from '@jest/globals';
import { fieldText } from '../../src/rules/fields.js';
import { compileRule } from '../../src/rules/compile.js';
import { DERIVED_FIELDS } from '../../src/rules/derived.js';
import { parseRuleFile } from '../../src/rules/parse.js';
import type { Placeholders } from '../../src/rules/placeholders.js';
import { buildQuery } from '../../src/sql/index.js';

const OWN = '123456789012';
const OTHER = '999988887777';

/** Compiles a one-item detection on a derived field; returns a function that gives the record's verdict. */
function matcher(item: string, placeholders: Placeholders = {}, extra = '') {
  const text = [
    'title: t',
    'name: t',
    'logsource: {product: aws, service: cloudtrail}',
    extra,
    'detection:',
    '    selection:',
    `        ${item}`,
    '    condition: selection',
  ].join('\n');
  const parsed = parseRuleFile(text, 't.yml', false, { placeholders });
  if (parsed.problems.length > 0) throw new Error(parsed.problems[0]!.message);
  const rule = compileRule(parsed.rules[0]!, { placeholders });
  return (record: Record<string, unknown>) => rule.matches(record);
}

/** The values a derived field shows for a record (as `fields` displays them). */
const shown = (record: Record<string, unknown>, field: string) => fieldText(record, `derived.${field}`);

function bucketPolicy(statements: unknown[]): Record<string, unknown> {
  return {
    eventTime: '2024-08-01T12:00:00Z',
    eventSource: 's3.amazonaws.com',
    eventName: 'PutBucketPolicy',
    recipientAccountId: OWN,
    requestParameters: {
      bucketName: 'reports',
      bucketPolicy: { Version: '2012-10-17', Statement: statements },
      Host: 'reports.s3.amazonaws.com',
      policy: [''],
    },
  };
}

function trustPolicy(statements: unknown[], eventName = 'UpdateAssumeRolePolicy'): Record<string, unknown> {
  const document = JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
  return {
    eventTime: '2024-08-01T13:29:57Z',
    eventSource: 'iam.amazonaws.com',
    eventName,
    recipientAccountId: OWN,
    requestParameters:
      eventName === 'CreateRole'
        ? { roleName: 'r', assumeRolePolicyDocument: document }
        : { roleName: 'r', policyDocument: document },
  };
}

const allow = (principal: unknown, extra: Record<string, unknown> = {}) => ({
  Effect: 'Allow',
  Principal: principal,
  Action: 's3:GetObject',
  Resource: 'arn:aws:s3:::reports/*',
  ...extra,
});

describe('derived.policy: each statement judged on its own', () => {
  it("a Condition in one statement does not make another statement's `*` safe", () => {
    const record = bucketPolicy([
      allow(
        { AWS: '*' },
        { Sid: 'FromEndpoint', Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b' } } },
      ),
      allow('*'),
    ]);
    expect(shown(record, 'policy.publicStatements')).toBe('#2');
    expect(shown(record, 'policy.wildcardStatements')).toBe('FromEndpoint, #2');
    expect(matcher('derived.policy.publicStatements|exists: true')(record)).toBe(true);
  });

  it('a limiting condition in the same statement keeps it private; wildcard, negated or IfExists ones do not', () => {
    const condition = (operator: string, key: string, value: string) =>
      bucketPolicy([allow('*', { Condition: { [operator]: { [key]: value } } })]);
    expect(
      shown(condition('StringEquals', 'aws:PrincipalOrgID', 'o-abc'), 'policy.publicStatements'),
    ).toBeUndefined();
    expect(
      shown(condition('IpAddress', 'aws:SourceIp', '198.51.100.0/24'), 'policy.publicStatements'),
    ).toBeUndefined();
    expect(shown(condition('IpAddress', 'aws:SourceIp', '0.0.0.0/0'), 'policy.publicStatements')).toBe('#1');
    expect(
      shown(condition('StringNotEquals', 'aws:PrincipalAccount', OTHER), 'policy.publicStatements'),
    ).toBe('#1');
    expect(
      shown(condition('StringEqualsIfExists', 'aws:SourceVpce', 'vpce-1'), 'policy.publicStatements'),
    ).toBe('#1');
    expect(shown(condition('Bool', 'aws:SecureTransport', 'true'), 'policy.publicStatements')).toBe('#1');
    expect(
      shown(
        bucketPolicy([{ Effect: 'Allow', NotPrincipal: { AWS: OTHER }, Action: '*' }]),
        'policy.publicStatements',
      ),
    ).toBe('#1');
    expect(
      shown(bucketPolicy([{ ...allow('*'), Effect: 'Deny' }]), 'policy.publicStatements'),
    ).toBeUndefined();
  });

  it('an external account in one statement is not cancelled by the own account in another', () => {
    const record = bucketPolicy([
      allow({ AWS: `arn:aws:iam::${OWN}:root` }),
      allow({ AWS: [`arn:aws:iam::${OTHER}:role/reader`, OWN, 'AROAEXAMPLEUNIQUEID'] }),
    ]);
    expect(shown(record, 'policy.externalAccounts')).toBe(OTHER);
    expect(matcher('derived.policy.outsideAccounts|exists: true')(record)).toBe(true);
    expect(
      shown(bucketPolicy([allow({ AWS: `arn:aws:iam::${OWN}:root` })]), 'policy.externalAccounts'),
    ).toBeUndefined();
  });

  it('outsideAccounts leaves out the organization accounts given as org_accounts, one account at a time', () => {
    const record = trustPolicy([
      allow({ AWS: 'arn:aws:iam::111111111111:root' }, { Action: 'sts:AssumeRole' }),
      allow({ AWS: `arn:aws:iam::${OTHER}:root` }, { Action: 'sts:AssumeRole' }),
    ]);
    const outside = (org: string[]) =>
      matcher('derived.policy.outsideAccounts|exists: true', { org_accounts: org });
    expect(outside([])(record)).toBe(true);
    expect(outside(['111111111111'])(record)).toBe(true); // the other account is still outside
    expect(outside(['111111111111', OTHER])(record)).toBe(false);
    const named = matcher(`derived.policy.outsideAccounts: '${OTHER}'`, { org_accounts: ['111111111111'] });
    expect(named(record)).toBe(true);
  });

  it('reads trust policies of CreateRole and UpdateAssumeRolePolicy, plain or URL-encoded', () => {
    const statements = [allow({ AWS: `arn:aws:iam::${OTHER}:root` }, { Action: 'sts:AssumeRole' })];
    expect(shown(trustPolicy(statements, 'CreateRole'), 'policy.externalAccounts')).toBe(OTHER);
    const encoded = trustPolicy(statements);
    const parameters = encoded.requestParameters as Record<string, string>;
    parameters.policyDocument = encodeURIComponent(parameters.policyDocument!);
    expect(shown(encoded, 'policy.externalAccounts')).toBe(OTHER);
  });

  it('finds federated trusts that any user of the provider could satisfy', () => {
    const github = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';
    const web = (condition?: unknown) =>
      trustPolicy([
        {
          Effect: 'Allow',
          Principal: { Federated: github },
          Action: 'sts:AssumeRoleWithWebIdentity',
          ...(condition ? { Condition: condition } : {}),
        },
      ]);
    const aud = { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } };
    expect(shown(web(), 'policy.openFederatedStatements')).toBe('#1');
    expect(shown(web(aud), 'policy.openFederatedStatements')).toBe('#1');
    const sub = (value: string) => ({
      ...aud,
      StringLike: { 'token.actions.githubusercontent.com:sub': value },
    });
    expect(shown(web(sub('repo:octo-org/*')), 'policy.openFederatedStatements')).toBeUndefined();
    expect(shown(web(sub('repo:*')), 'policy.openFederatedStatements')).toBe('#1');
    expect(shown(web(sub('*')), 'policy.openFederatedStatements')).toBe('#1');
    expect(shown(web(sub('repo:octo-org/app:ref:refs/heads/main')), 'policy.federatedProviders')).toBe(
      github,
    );
    const cognito = trustPolicy([
      {
        Effect: 'Allow',
        Principal: { Federated: 'cognito-identity.amazonaws.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' } },
      },
    ]);
    expect(shown(cognito, 'policy.openFederatedStatements')).toBe('#1');
  });

  it('finds Deny statements that lock the owner out of the bucket', () => {
    const deny = (extra: Record<string, unknown>) =>
      bucketPolicy([{ Effect: 'Deny', Action: 's3:*', ...extra }]);
    expect(shown(deny({ Principal: '*' }), 'policy.ownerDeniedStatements')).toBe('#1');
    const except = (account: string) =>
      deny({ Principal: '*', Condition: { StringNotEquals: { 'aws:PrincipalAccount': account } } });
    expect(shown(except(OTHER), 'policy.ownerDeniedStatements')).toBe('#1');
    expect(shown(except(OWN), 'policy.ownerDeniedStatements')).toBeUndefined();
    expect(
      shown(deny({ NotPrincipal: { AWS: `arn:aws:iam::${OTHER}:user/x` } }), 'policy.ownerDeniedStatements'),
    ).toBe('#1');
    expect(
      shown(
        deny({ Principal: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        'policy.ownerDeniedStatements',
      ),
    ).toBeUndefined();
    expect(
      shown(deny({ Principal: { AWS: `arn:aws:iam::${OWN}:user/bob` } }), 'policy.ownerDeniedStatements'),
    ).toBeUndefined();
    expect(
      shown(deny({ Principal: '*', Action: 's3:PutObject' }), 'policy.ownerDeniedStatements'),
    ).toBeUndefined();
  });

  it('reads lambda:AddPermission as the statement it adds', () => {
    const permission = (parameters: Record<string, unknown>) => ({
      eventTime: '2024-08-01T13:47:16Z',
      eventSource: 'lambda.amazonaws.com',
      eventName: 'AddPermission20150331v2',
      recipientAccountId: OWN,
      requestParameters: {
        action: 'lambda:InvokeFunction',
        functionName: 'f',
        statementId: 'backdoor',
        ...parameters,
      },
    });
    expect(shown(permission({ principal: '*' }), 'policy.publicStatements')).toBe('backdoor');
    expect(
      shown(permission({ principal: '*', sourceArn: 'arn:aws:s3:::bucket' }), 'policy.publicStatements'),
    ).toBeUndefined();
    expect(shown(permission({ principal: 's3.amazonaws.com' }), 'policy.publicStatements')).toBeUndefined();
    expect(shown(permission({ principal: OTHER }), 'policy.externalAccounts')).toBe(OTHER);
    expect(shown(permission({ principal: OWN }), 'policy.externalAccounts')).toBeUndefined();
  });
});

describe('derived fields over hostile input', () => {
  const policies: unknown[] = [
    'not json',
    '{"Statement": 5}',
    '%7Bbroken',
    '%ZZ',
    { Statement: { Effect: 'Allow', Principal: '*' } },
    {
      Statement: [
        null,
        1,
        'x',
        [],
        { Principal: { AWS: 12 } },
        { Effect: 7, Principal: { AWS: [null, {}] } },
      ],
    },
    { Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Condition: 'x' }] },
    { Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Condition: { StringEquals: null } }] },
    JSON.stringify({ Statement: Array.from({ length: 5000 }, () => allow('*')) }),
    `{"Statement": ${'['.repeat(5000)}${']'.repeat(5000)}}`,
    'x'.repeat(300 * 1024),
    null,
    [],
  ];

  it.each(policies.map((p, i) => [i, p]))(
    'policy %i gives values or nothing, never an error',
    (_i, policy) => {
      const record = bucketPolicy([]);
      (record.requestParameters as Record<string, unknown>).bucketPolicy = policy;
      for (const field of DERIVED_FIELDS) {
        expect(() => fieldText(record, field)).not.toThrow();
        expect(() => matcher(`${field}|exists: true`)(record)).not.toThrow();
      }
    },
  );

  it('caps the statements read from one policy', () => {
    const record = bucketPolicy(Array.from({ length: 5000 }, () => allow('*')));
    expect(fieldText(record, 'derived.policy.publicStatements')!.split(', ')).toHaveLength(1000);
  });

  it('gives nothing for records that set no policy', () => {
    for (const record of [
      { eventName: 'PutBucketPolicy' },
      { ...bucketPolicy([allow('*')]), eventName: 'PutBucketAcl' },
    ])
      expect(fieldText(record, 'derived.policy.publicStatements')).toBeUndefined();
  });
});

describe('derived fields in rules', () => {
  it('names an unknown derived field with a did-you-mean', () => {
    expect(() => matcher('derived.policy.publicStatement|exists: true')).toThrow(
      /'derived.policy.publicStatement' is not a derived field \(.*\); did you mean 'derived.policy.publicStatements'\?/,
    );
  });

  it('shows derived fields in `fields` and groups by them, but not those that need options', () => {
    const record = {
      eventName: 'RunInstances',
      userAgent: 'aws-cli/2.15.0 Python/3.11',
      requestParameters: {},
    };
    expect(fieldText(record, 'derived.userAgentFamily')).toBe('aws-cli');
    expect(matcher("derived.userAgentFamily: 'aws-cli'")(record)).toBe(true);
    expect(() => matcher('eventName: RunInstances', {}, 'fields: [derived.policy.outsideAccounts]')).toThrow(
      "'fields': 'derived.policy.outsideAccounts' depends on the rule set's options and can only be used in the detection",
    );
    expect(() => matcher('eventName: RunInstances', {}, 'group-by: [derived.principle]')).toThrow(
      /'group-by': 'derived.principle' is not a derived field .*did you mean 'derived.principal'/,
    );
  });

  it('is left to the in-process re-check by the SQL compiler', () => {
    const text =
      'title: t\nname: t\nlogsource: {product: aws, service: cloudtrail}\ndetection:\n    selection:\n' +
      '        eventName: PutBucketPolicy\n        derived.policy.publicStatements|exists: true\n    condition: selection\n';
    const rule = compileRule(parseRuleFile(text, 't.yml', false).rules[0]!);
    const plan = buildQuery({ rules: [rule], dialect: 'duckdb', table: 't', window: {} });
    expect(plan.outsideTable).toEqual(['t']);
    expect(plan.exact).toEqual([]);
    expect(plan.sql).toMatch(/lower\((replace\()?eventname[^)]*\)\)? = 'putbucketpolicy'/);
  });
});
