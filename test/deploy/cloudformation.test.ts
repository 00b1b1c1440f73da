/**
 * deploy/cloudformation/audit-role.yml, parsed with the `yaml` package and a schema for CloudFormation's short-form
 * intrinsic functions, then checked as IAM: every action is one named API call, the trust policy pins `aud` and
 * `sub`, and each source's permissions are scoped and conditional as the README says.
 */
import { describe, expect, it } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument, type CollectionTag, type ScalarTag, type YAMLMap, type YAMLSeq } from 'yaml';
import { ROOT } from '../helpers/run-process.js';
import { ACTION, EXPECTED_ACTIONS, OIDC_AUD, OIDC_SUB, isWildcardAction } from './policy.js';

const TEMPLATE = join(ROOT, 'deploy/cloudformation/audit-role.yml');

const INTRINSICS = [
  'Ref',
  'Condition',
  'Sub',
  'If',
  'Equals',
  'Not',
  'And',
  'Or',
  'GetAtt',
  'Join',
  'Select',
  'Split',
  'FindInMap',
  'Base64',
  'Cidr',
  'GetAZs',
  'ImportValue',
  'Transform',
] as const;

const longName = (name: string) => (name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`);

/** `!Name x` → `{ "Fn::Name": x }` (`{Ref: x}`, `{Condition: x}`), for scalars, sequences and mappings. */
const CLOUDFORMATION_TAGS: (ScalarTag | CollectionTag)[] = INTRINSICS.flatMap((name) => [
  {
    tag: `!${name}`,
    resolve: (value: string) => ({ [longName(name)]: name === 'GetAtt' ? value.split('.') : value }),
  } as ScalarTag,
  {
    tag: `!${name}`,
    collection: 'seq',
    resolve: (seq: YAMLSeq) => ({ [longName(name)]: seq.toJSON() }),
  } as unknown as CollectionTag,
  {
    tag: `!${name}`,
    collection: 'map',
    resolve: (map: YAMLMap) => ({ [longName(name)]: map.toJSON() }),
  } as unknown as CollectionTag,
]);

type Json = unknown;
interface Resource {
  Type: string;
  Condition?: string;
  Properties: Record<string, Json>;
}
interface Template {
  Parameters: Record<string, { Default?: string }>;
  Conditions: Record<string, Json>;
  Resources: Record<string, Resource>;
  Outputs: Record<string, Json>;
}
interface Statement {
  Sid?: string;
  Effect: string;
  Action?: Json;
  NotAction?: Json;
  Resource?: Json;
  Principal?: Json;
  Condition?: Record<string, Record<string, Json>>;
}

function loadTemplate(text = readFileSync(TEMPLATE, 'utf8')): Template {
  const doc = parseDocument(text, { customTags: CLOUDFORMATION_TAGS });
  const problems = [...doc.errors, ...doc.warnings].map(String);
  if (problems.length > 0) throw new Error(`audit-role.yml: ${problems.join('\n')}`);
  return doc.toJS() as Template;
}

/** Every value an expression can take: both branches of `Fn::If`, `AWS::NoValue` dropped. */
function branches(value: Json): Json[] {
  if (value && typeof value === 'object' && !Array.isArray(value) && 'Fn::If' in value) {
    const [, yes, no] = (value as { 'Fn::If': [string, Json, Json] })['Fn::If'];
    return [...branches(yes), ...branches(no)];
  }
  if (value && typeof value === 'object' && (value as { Ref?: string }).Ref === 'AWS::NoValue') return [];
  return [value];
}

function statementsOf(document: Json): Statement[] {
  const statements = (document as { Statement: Json[] }).Statement;
  return statements.flatMap(branches) as Statement[];
}

function actionsOf(statement: Statement): string[] {
  const action = statement.Action;
  return (Array.isArray(action) ? action : [action]).map((a) => {
    if (typeof a !== 'string')
      throw new Error(`${statement.Sid}: an action must be a literal, got ${JSON.stringify(a)}`);
    return a;
  });
}

/** Each inline policy of the role, by its PolicyName, with the resource's condition. */
function rolePolicies(template: Template): { name: string; condition?: string; statements: Statement[] }[] {
  return Object.values(template.Resources)
    .filter((r) => r.Type === 'AWS::IAM::RolePolicy' || r.Type === 'AWS::IAM::Policy')
    .map((r) => ({
      name: r.Properties.PolicyName as string,
      condition: r.Condition,
      statements: statementsOf(r.Properties.PolicyDocument),
    }));
}

function trustStatement(template: Template): Statement {
  const roles = Object.values(template.Resources).filter((r) => r.Type === 'AWS::IAM::Role');
  expect(roles).toHaveLength(1);
  const statements = statementsOf(roles[0]!.Properties.AssumeRolePolicyDocument);
  expect(statements).toHaveLength(1);
  return statements[0]!;
}

/** Checks a template for wildcard actions and NotAction: the test below runs it on the real file and on edits of it. */
function broadActions(template: Template): string[] {
  const found: string[] = [];
  const documents = [
    ...rolePolicies(template).map((p) => ({ name: p.name, statements: p.statements })),
    { name: 'trust', statements: [trustStatement(template)] },
  ];
  for (const { name, statements } of documents) {
    for (const s of statements) {
      if (s.NotAction !== undefined) found.push(`${name}/${s.Sid}: NotAction`);
      for (const action of actionsOf(s)) {
        if (isWildcardAction(action) || !ACTION.test(action)) found.push(`${name}/${s.Sid}: ${action}`);
      }
    }
  }
  return found;
}

/** `repo:OWNER/REPO:...` subjects the trust policy can require, as `Fn::Sub` strings; throws when there is none. */
function subjectCondition(statement: Statement): { operator: string; subjects: string[] } {
  for (const operator of ['StringEquals', 'StringLike']) {
    const value = statement.Condition?.[operator]?.[OIDC_SUB];
    if (value !== undefined) {
      const subjects = branches(value).map((v) => (v as { 'Fn::Sub': string })['Fn::Sub'] ?? v) as string[];
      return { operator, subjects };
    }
  }
  throw new Error(
    `the trust policy has no ${OIDC_SUB} condition: any repository on GitHub could assume the role`,
  );
}

const template = loadTemplate();
const raw = readFileSync(TEMPLATE, 'utf8');

describe('deploy/cloudformation/audit-role.yml', () => {
  it('parses with every short-form intrinsic resolved (an unknown tag is a warning, and fails)', () => {
    expect(Object.keys(template.Resources).sort()).toEqual(
      [
        'AthenaPolicy',
        'AuditRole',
        'GitHubOIDCProvider',
        'LookupEventsPolicy',
        'TrailBucketPolicy',
        'TrailKeyPolicy',
      ].sort(),
    );
    expect(() => loadTemplate('a: !Bogus x')).toThrow(/Unresolved tag: !Bogus/);
  });

  it('refers only to parameters, resources, pseudo parameters and conditions it defines', () => {
    const known = new Set([...Object.keys(template.Parameters), ...Object.keys(template.Resources)]);
    const missing: string[] = [];
    const conditions = new Set(Object.keys(template.Conditions));
    const visit = (node: Json): void => {
      if (Array.isArray(node)) return node.forEach(visit);
      if (!node || typeof node !== 'object') return;
      for (const [key, value] of Object.entries(node)) {
        if (key === 'Ref' && typeof value === 'string' && !value.startsWith('AWS::') && !known.has(value))
          missing.push(`Ref ${value}`);
        if (key === 'Fn::Sub' && typeof value === 'string') {
          for (const m of value.matchAll(/\$\{([^}!]+)\}/g)) {
            const name = m[1]!.split('.')[0]!;
            if (!name.startsWith('AWS::') && !known.has(name)) missing.push(`Sub \${${m[1]}}`);
          }
        }
        if (key === 'Fn::GetAtt' && !known.has((value as string[])[0]!))
          missing.push(`GetAtt ${String(value)}`);
        if ((key === 'Condition' && typeof value === 'string') || key === 'Fn::If') {
          const name = key === 'Fn::If' ? (value as string[])[0]! : (value as string);
          if (!conditions.has(name)) missing.push(`Condition ${name}`);
        }
        visit(value);
      }
    };
    visit({ Conditions: template.Conditions, Resources: template.Resources, Outputs: template.Outputs });
    expect(missing).toEqual([]);
  });

  it('grants no wildcard action and no NotAction (a `*` or `service:*` added to any statement fails here)', () => {
    expect(broadActions(template)).toEqual([]);
    // The same check on a copy with a wildcard added, so that it is known to catch one.
    const widened = loadTemplate(
      raw.replace('Action: [cloudtrail:LookupEvents]', "Action: ['cloudtrail:*']"),
    );
    expect(broadActions(widened)).toEqual(['cloudtrail-lookup-events/LookupEvents: cloudtrail:*']);
  });

  it('grants, per policy, exactly the actions each source calls', () => {
    const granted = Object.fromEntries(
      rolePolicies(template).map((p) => [p.name, [...new Set(p.statements.flatMap(actionsOf))].sort()]),
    );
    expect(granted).toEqual(
      Object.fromEntries(
        Object.entries(EXPECTED_ACTIONS).map(([name, actions]) => [name, [...actions].sort()]),
      ),
    );
  });

  it('trusts only GitHub OIDC tokens for sts.amazonaws.com (dropping the aud condition fails here)', () => {
    const trust = trustStatement(template);
    expect(actionsOf(trust)).toEqual(['sts:AssumeRoleWithWebIdentity']);
    expect(trust.Condition?.StringEquals?.[OIDC_AUD]).toBe('sts.amazonaws.com');
    const federated = branches((trust.Principal as { Federated: Json }).Federated);
    expect(federated).toEqual([
      { 'Fn::GetAtt': ['GitHubOIDCProvider', 'Arn'] },
      {
        'Fn::Sub':
          'arn:${AWS::Partition}:iam::${AWS::AccountId}:oidc-provider/token.actions.githubusercontent.com',
      },
    ]);
    const provider = template.Resources.GitHubOIDCProvider!;
    expect(provider.Condition).toBe('CreateProvider');
    expect(provider.Properties.Url).toBe('https://token.actions.githubusercontent.com');
    expect(provider.Properties.ClientIdList).toEqual(['sts.amazonaws.com']);
  });

  it('binds sub to one repository and one branch or environment (dropping or widening the sub condition fails here)', () => {
    const { operator, subjects } = subjectCondition(trustStatement(template));
    expect(operator).toBe('StringEquals');
    expect(subjects.sort()).toEqual([
      'repo:${GitHubRepository}:environment:${GitHubEnvironment}',
      'repo:${GitHubRepository}:ref:refs/heads/${GitHubBranch}',
    ]);
    // Wildcards cannot come in through the parameters either.
    for (const name of ['GitHubRepository', 'GitHubBranch', 'GitHubEnvironment']) {
      const pattern = new RegExp((template.Parameters[name] as { AllowedPattern: string }).AllowedPattern);
      expect(pattern.test('*')).toBe(false);
      expect(pattern.test('octo/*')).toBe(false);
    }
    const dropped = loadTemplate(
      raw.replace(/^ {16}token\.actions\.githubusercontent\.com:sub: !If\n(?: {18}.*\n){3}/m, ''),
    );
    expect(() => subjectCondition(trustStatement(dropped))).toThrow(
      /no token\.actions\.githubusercontent\.com:sub/,
    );
  });

  it('limits S3 to the trail prefix: ListBucket with an s3:prefix condition, GetObject on PREFIX/AWSLogs/*', () => {
    const policy = rolePolicies(template).find((p) => p.name === 'cloudtrail-trail-bucket')!;
    expect(policy.condition).toBe('ReadTrailBucket');
    const list = policy.statements.find((s) => actionsOf(s).includes('s3:ListBucket'))!;
    expect(branches(list.Condition?.StringLike?.['s3:prefix'])).toEqual([
      { 'Fn::Sub': '${TrailPrefix}/AWSLogs/*' },
      'AWSLogs/*',
    ]);
    expect(list.Resource).toEqual({ 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${TrailBucket}' });
    const get = policy.statements.find((s) => actionsOf(s).includes('s3:GetObject'))!;
    expect(branches(get.Resource)).toEqual([
      { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${TrailBucket}/${TrailPrefix}/AWSLogs/*' },
      { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${TrailBucket}/AWSLogs/*' },
    ]);
  });

  it('grants kms:Decrypt on the given key only, and only when the trail is encrypted', () => {
    const policy = rolePolicies(template).find((p) => p.name === 'cloudtrail-trail-key')!;
    expect(policy.condition).toBe('DecryptTrail');
    expect(template.Conditions.DecryptTrail).toEqual({
      'Fn::And': [{ Condition: 'TrailEncrypted' }, { Condition: 'ReadTrailBucket' }],
    });
    expect(template.Conditions.TrailEncrypted).toEqual({
      'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'TrailKmsKeyArn' }, ''] }],
    });
    expect(policy.statements.map((s) => s.Resource)).toEqual([{ Ref: 'TrailKmsKeyArn' }]);
  });

  it('scopes Athena to the workgroup, the Glue catalog, database and table, and the results location; CreateTable only when asked', () => {
    const policy = rolePolicies(template).find((p) => p.name === 'cloudtrail-athena')!;
    expect(policy.condition).toBe('UseAthena');
    const run = policy.statements.find((s) => s.Sid === 'RunQueries')!;
    expect(run.Resource).toEqual({
      'Fn::Sub': 'arn:${AWS::Partition}:athena:${AWS::Region}:${AWS::AccountId}:workgroup/${AthenaWorkgroup}',
    });
    const document = (template.Resources.AthenaPolicy!.Properties.PolicyDocument as { Statement: Json[] })
      .Statement;
    const create = document.find((s) => s && typeof s === 'object' && 'Fn::If' in s) as {
      'Fn::If': [string, Statement, Json];
    };
    expect(create['Fn::If'][0]).toBe('CreateAthenaTable');
    expect(actionsOf(create['Fn::If'][1])).toEqual(['glue:CreateTable', 'glue:UpdateTable']);
    for (const s of policy.statements) {
      for (const resource of branches(s.Resource).flatMap((r) => (Array.isArray(r) ? r : [r]))) {
        expect(JSON.stringify(resource)).not.toBe('"*"');
      }
    }
  });

  const cfnLint = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });
  (cfnLint.status === 0 ? it : it.skip)('passes cfn-lint (when cfn-lint is installed)', () => {
    expect(() => execFileSync('cfn-lint', [TEMPLATE], { encoding: 'utf8' })).not.toThrow();
  });
});
