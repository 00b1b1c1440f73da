/**
 * deploy/terraform: no HCL parser is installed, so the module keeps its policies in `aws_iam_policy_document`
 * blocks whose shape is regular enough to read reliably here (block bodies by brace matching, `actions = [...]`
 * lists, `condition { test variable values }` blocks), and the checks are the ones the CloudFormation test makes.
 */
import { describe, expect, it } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/run-process.js';
import { ACTION, EXPECTED_ACTIONS, OIDC_AUD, OIDC_SUB, isWildcardAction } from './policy.js';

const MODULE = join(ROOT, 'deploy/terraform');
const main = readFileSync(join(MODULE, 'main.tf'), 'utf8');
const variables = readFileSync(join(MODULE, 'variables.tf'), 'utf8');

/** The body of the first block whose header matches, by brace matching from its opening brace. */
function blockBody(text: string, header: RegExp): string | undefined {
  const match = header.exec(text);
  if (!match) return undefined;
  const open = text.indexOf('{', match.index + match[0].length - 1);
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return text.slice(open + 1, i);
  }
  throw new Error(`unbalanced braces after ${match[0]}`);
}

function policyDocument(text: string, name: string): string {
  const body = blockBody(text, new RegExp(`data\\s+"aws_iam_policy_document"\\s+"${name}"\\s*\\{`));
  if (body === undefined) throw new Error(`no aws_iam_policy_document "${name}"`);
  return body;
}

/** Every string in every `actions = [...]` and `not_actions = [...]` list, with the attribute's name. */
function actionLists(text: string): { attribute: string; actions: string[] }[] {
  return [...text.matchAll(/\b(actions|not_actions)\s*=\s*\[([^\]]*)\]/g)].map((m) => ({
    attribute: m[1]!,
    actions: [...m[2]!.matchAll(/"([^"]*)"/g)].map((s) => s[1]!),
  }));
}

function broadActions(text: string): string[] {
  return actionLists(text).flatMap(({ attribute, actions }) =>
    attribute === 'not_actions'
      ? ['not_actions']
      : actions.filter((a) => isWildcardAction(a) || !ACTION.test(a)),
  );
}

interface Condition {
  test: string;
  variable: string;
  values: string;
}

function conditions(text: string): Condition[] {
  return [...text.matchAll(/condition\s*\{/g)].map((m) => {
    const body = blockBody(text.slice(m.index), /condition\s*\{/)!;
    const attr = (name: string) => new RegExp(`${name}\\s*=\\s*(.+)`).exec(body)?.[1]?.trim() ?? '';
    return {
      test: attr('test').replace(/"/g, ''),
      variable: attr('variable').replace(/"/g, ''),
      values: attr('values'),
    };
  });
}

function local(name: string): string {
  const m = new RegExp(`^\\s*${name}\\s*=\\s*(.+)$`, 'm').exec(blockBody(main, /locals\s*\{/)!);
  if (!m) throw new Error(`no local.${name}`);
  return m[1]!;
}

/** The policy document an `aws_iam_role_policy` resource uses, and its count expression. */
function rolePolicies(): { name: string; document: string; count: string }[] {
  return [...main.matchAll(/resource\s+"aws_iam_role_policy"\s+"(\w+)"\s*\{/g)].map((m) => {
    const body = blockBody(main.slice(m.index), /resource[^{]*\{/)!;
    return {
      name: /\bname\s*=\s*"([^"]+)"/.exec(body)![1]!,
      document: /\bpolicy\s*=\s*data\.aws_iam_policy_document\.(\w+)\.json/.exec(body)![1]!,
      count: /\bcount\s*=\s*(.+)/.exec(body)![1]!.trim(),
    };
  });
}

describe('deploy/terraform', () => {
  it('reads its policy documents (the reader finds the blocks it checks)', () => {
    for (const name of ['trust', 'lookup_events', 'trail_bucket', 'athena']) {
      expect(policyDocument(main, name)).toMatch(/statement\s*\{/);
    }
    expect(rolePolicies().map((p) => p.document)).toEqual(['lookup_events', 'trail_bucket', 'athena']);
  });

  it('grants no wildcard action and no not_actions (a `*` or `service:*` added to any list fails here)', () => {
    expect(actionLists(main).length).toBeGreaterThanOrEqual(10);
    expect(broadActions(main)).toEqual([]);
    expect(broadActions(main.replace('"cloudtrail:LookupEvents"', '"cloudtrail:*"'))).toEqual([
      'cloudtrail:*',
    ]);
    expect(broadActions(main.replace('"s3:GetObject"', '"*"'))).toEqual(['*']);
  });

  it('has no jsonencode or heredoc policy that the checks above would not see', () => {
    expect(main).not.toMatch(/jsonencode|<<-?\w+|"Action"/);
  });

  it('grants, per policy, exactly the actions each source calls (the same sets as the CloudFormation template)', () => {
    const granted: Record<string, string[]> = {};
    for (const { name, document } of rolePolicies()) {
      const body = policyDocument(main, document);
      // The key statement lives in the bucket policy here, as a dynamic block: split it out to compare.
      const actions = actionLists(body).flatMap((l) => l.actions);
      if (name === 'cloudtrail-trail-bucket') {
        granted['cloudtrail-trail-key'] = actions.filter((a) => a.startsWith('kms:')).sort();
        granted[name] = actions.filter((a) => !a.startsWith('kms:')).sort();
      } else {
        granted[name] = [...new Set(actions)].sort();
      }
    }
    expect(granted).toEqual(
      Object.fromEntries(
        Object.entries(EXPECTED_ACTIONS).map(([name, actions]) => [name, [...actions].sort()]),
      ),
    );
  });

  it('trusts only GitHub OIDC tokens for sts.amazonaws.com (dropping the aud condition fails here)', () => {
    const trust = policyDocument(main, 'trust');
    expect(actionLists(trust)).toEqual([
      { attribute: 'actions', actions: ['sts:AssumeRoleWithWebIdentity'] },
    ]);
    expect(trust).toMatch(/type\s*=\s*"Federated"/);
    expect(local('oidc_host')).toBe('"token.actions.githubusercontent.com"');
    expect(local('provider_arn')).toContain(':oidc-provider/${local.oidc_host}');
    const aud = (text: string) => conditions(text).find((c) => c.variable === OIDC_AUD);
    expect(aud(trust)).toEqual({ test: 'StringEquals', variable: OIDC_AUD, values: '["sts.amazonaws.com"]' });
    const withoutAud = trust.replace(/condition\s*\{[^}]*:aud"[^}]*\}/, '');
    expect(aud(withoutAud)).toBeUndefined();
  });

  it('binds sub to one repository and one branch or environment (dropping or widening the sub condition fails here)', () => {
    const trust = policyDocument(main, 'trust');
    const subject = (text: string) => {
      const found = conditions(text).filter((c) => c.variable === OIDC_SUB);
      if (found.length !== 1) throw new Error(`the trust policy has ${found.length} ${OIDC_SUB} conditions`);
      return found[0]!;
    };
    expect(subject(trust)).toEqual({ test: 'StringEquals', variable: OIDC_SUB, values: '[local.subject]' });
    expect(local('subject')).toBe(
      'var.github_environment != "" ? "repo:${var.github_repository}:environment:${var.github_environment}" : "repo:${var.github_repository}:ref:refs/heads/${var.github_branch}"',
    );
    expect(() => subject(trust.replace(/condition\s*\{[^}]*:sub"[^}]*\}/, ''))).toThrow(/has 0/);
    // The variables refuse wildcards, so a `*` cannot come in through them either.
    for (const name of ['github_repository', 'github_branch', 'github_environment']) {
      const validation = blockBody(variables, new RegExp(`variable\\s+"${name}"\\s*\\{`))!;
      const pattern = new RegExp(/regex\("([^"]+)"/.exec(validation)![1]!.replace(/\\\\/g, '\\'));
      expect(pattern.test('*')).toBe(false);
      expect(pattern.test('octo/*')).toBe(false);
    }
  });

  it('limits S3 to the trail prefix and KMS to the given key, each only when asked', () => {
    const bucket = policyDocument(main, 'trail_bucket');
    expect(conditions(bucket)).toEqual([
      { test: 'StringLike', variable: 's3:prefix', values: '["${local.trail_logs}*"]' },
    ]);
    expect(local('trail_logs')).toBe('var.trail_prefix != "" ? "${var.trail_prefix}/AWSLogs/" : "AWSLogs/"');
    expect(bucket).toContain(
      'resources = ["arn:${local.partition}:s3:::${var.trail_bucket}/${local.trail_logs}*"]',
    );
    expect(bucket).toMatch(/for_each = var\.trail_kms_key_arn != "" \? \[var\.trail_kms_key_arn\] : \[\]/);
    expect(bucket).toMatch(/actions\s*=\s*\["kms:Decrypt"\]\s*\n\s*resources\s*=\s*\[statement\.value\]/);
    const counts = Object.fromEntries(rolePolicies().map((p) => [p.name, p.count]));
    expect(counts).toEqual({
      'cloudtrail-lookup-events': 'var.allow_lookup_events ? 1 : 0',
      'cloudtrail-trail-bucket': 'local.read_trail ? 1 : 0',
      'cloudtrail-athena': 'local.use_athena ? 1 : 0',
    });
    const athena = policyDocument(main, 'athena');
    expect(athena).toMatch(
      /for_each = var\.athena_create_table \? \[1\] : \[\]\s*content\s*\{[^}]*"glue:CreateTable"/,
    );
    expect(athena).not.toMatch(/resources\s*=\s*\["\*"\]/);
  });

  it('declares every variable it uses', () => {
    const used = new Set([...main.matchAll(/\bvar\.(\w+)/g)].map((m) => m[1]!));
    const declared = new Set([...variables.matchAll(/variable\s+"(\w+)"/g)].map((m) => m[1]!));
    expect([...used].filter((v) => !declared.has(v))).toEqual([]);
  });

  it("documents in its README a module call that sets only the module's variables", () => {
    const doc = readFileSync(join(MODULE, 'README.md'), 'utf8');
    const call = blockBody(doc, /module\s+"cloudtrail_audit_role"\s*\{/)!;
    const declared = new Set([...variables.matchAll(/variable\s+"(\w+)"/g)].map((m) => m[1]!));
    const set = [...call.matchAll(/^\s*(\w+)\s*=/gm)].map((m) => m[1]!).filter((name) => name !== 'source');
    expect(set.length).toBeGreaterThanOrEqual(4);
    expect(set.filter((name) => !declared.has(name))).toEqual([]);
  });

  const terraform = spawnSync('terraform', ['version'], { encoding: 'utf8' });
  (terraform.status === 0 ? it : it.skip)(
    'is formatted as `terraform fmt` writes it (when terraform is installed)',
    () => {
      expect(() =>
        execFileSync('terraform', ['fmt', '-check', '-recursive', MODULE], { stdio: 'pipe' }),
      ).not.toThrow();
    },
  );
});
