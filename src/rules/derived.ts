/**
 * Derived fields: values computed from a record in code, for what Sigma cannot say (one policy statement at a time,
 * the tool behind a user agent). Rules name them under the top-level name `derived`, which no CloudTrail record
 * has: `derived.policy.publicStatements`, `derived.principal`. The SQL compiler finds no such column, pushes down
 * only the rest of the rule and has the rows re-checked in-process.
 *
 * Each field is a pure function of the record (and, for the few marked `usesOptions`, of the rule set's
 * placeholders such as `org_accounts`), computed when a rule first asks and cached per record. Records are
 * attacker-controlled: the functions do bounded work and never throw. A field with no value is absent (`null`).
 * The first-seen pseudo-fields (actor, principal, userAgentFamily, instanceFamily) are the same functions.
 * docs/rule-writing.md lists every field.
 */
import { actorOf } from '../records/actor.js';
import { closest } from '../core/did-you-mean.js';
import { RuleCompileError } from './errors.js';
import { compileFieldPath, type FieldPath } from './field-path.js';
import { compileStringTest, type StringTest } from './pattern.js';
import type { Placeholders } from './placeholders.js';
import {
  deniesOwner,
  externalAccounts,
  isOpenFederated,
  isPublic,
  policyStatements,
  type Statement,
} from './policy.js';

/** What compiled rules may depend on besides the record: the rule set's placeholders. */
export interface RuleContext {
  placeholders: Placeholders;
}

export const NO_CONTEXT: RuleContext = { placeholders: {} };

export const DERIVED_ROOT = 'derived';
const PREFIX = `${DERIVED_ROOT}.`;

interface DerivedField {
  values(record: Record<string, unknown>, context: RuleContext): readonly string[];
  /** The values depend on the rule set's options: usable in detections, not in `fields` or `group-by`. */
  usesOptions?: boolean;
}

const none: readonly string[] = [];
const one = (value: string | undefined): readonly string[] =>
  value === undefined || value === '' ? none : [value];
const own = (record: Record<string, unknown>) =>
  typeof record.recipientAccountId === 'string' ? record.recipientAccountId : undefined;
const labels = (record: Record<string, unknown>, keep: (s: Statement) => boolean) =>
  statementsOf(record)
    .filter(keep)
    .map((s) => s.label);

const FIELDS: Readonly<Record<string, DerivedField>> = {
  actor: { values: (r) => one(actorOf(r)) },
  principal: { values: (r) => one(principalOf(r)) },
  userAgentFamily: { values: (r) => one(userAgentFamily(r.userAgent)) },
  instanceFamily: { values: (r) => one(instanceFamily(r)) },
  'policy.publicStatements': { values: (r) => labels(r, isPublic) },
  'policy.wildcardStatements': {
    values: (r) => labels(r, (s) => s.effect === 'allow' && (s.everyone || s.notPrincipal)),
  },
  'policy.externalAccounts': { values: (r) => externalAccounts(statementsOf(r), own(r)) },
  'policy.outsideAccounts': {
    usesOptions: true,
    values: (r, context) => {
      const organization = new Set(context.placeholders.org_accounts ?? []);
      return externalAccounts(statementsOf(r), own(r)).filter((account) => !organization.has(account));
    },
  },
  'policy.federatedProviders': {
    values: (r) => [
      ...new Set(
        statementsOf(r)
          .filter((s) => s.effect === 'allow')
          .flatMap((s) => s.federated),
      ),
    ],
  },
  'githubOidc.subjectNotAllowed': {
    usesOptions: true,
    values: (r, context) => {
      const allowed = subjectTests(context.placeholders.github_oidc_subjects ?? []);
      const subject = githubOidcSubject(r);
      if (allowed.length === 0 || subject === undefined) return none;
      return allowed.some((test) => test.match(subject)) ? none : [subject];
    },
  },
  'policy.openFederatedStatements': { values: (r) => labels(r, isOpenFederated) },
  'policy.ownerDeniedStatements': { values: (r) => labels(r, (s) => deniesOwner(s, own(r))) },
};

const GITHUB_OIDC_ISSUER = 'token.actions.githubusercontent.com';

/**
 * The subject (`sub` claim) of an AssumeRoleWithWebIdentity through GitHub's OIDC provider: from the response, or,
 * for a refused call (no response), from the caller's identity (`userName` is the subject).
 */
function githubOidcSubject(r: Record<string, unknown>): string | undefined {
  if (r.eventName !== 'AssumeRoleWithWebIdentity') return undefined;
  const response = isRecord(r.responseElements) ? r.responseElements : {};
  const identity = isRecord(r.userIdentity) ? r.userIdentity : {};
  const provider = [response.provider, identity.identityProvider].find((v) => typeof v === 'string') as
    string | undefined;
  if (provider === undefined || !provider.endsWith(GITHUB_OIDC_ISSUER)) return undefined;
  const subject = [response.subjectFromWebIdentityToken, identity.userName].find(
    (v) => typeof v === 'string' && v !== '',
  ) as string | undefined;
  return subject;
}

const compiledSubjects = new WeakMap<readonly string[], StringTest[]>();

/** The allowed subjects as Sigma values (`*` any text, case kept as in GitHub's claims), compiled once per list. */
function subjectTests(subjects: readonly string[]): StringTest[] {
  let tests = compiledSubjects.get(subjects);
  if (!tests) {
    tests = subjects.map((subject) => compileStringTest(subject, 'equals', true));
    compiledSubjects.set(subjects, tests);
  }
  return tests;
}

/** Names of the derived fields, with their `derived.` prefix. */
export const DERIVED_FIELDS: readonly string[] = Object.keys(FIELDS).map((name) => PREFIX + name);

export function isDerivedField(path: string): boolean {
  return path === DERIVED_ROOT || path.startsWith(PREFIX);
}

/** What is wrong with naming this derived field (unknown, or in `fields`/`group-by` when it needs options). */
export function derivedFieldProblem(path: string, use: 'detection' | 'display'): string | undefined {
  const field = FIELDS[path.slice(PREFIX.length)];
  if (!field) {
    const close = closest(path, DERIVED_FIELDS);
    return `'${path}' is not a derived field (${DERIVED_FIELDS.join(', ')})${close ? `; did you mean '${close}'?` : ''}`;
  }
  if (use === 'display' && field.usesOptions)
    return `'${path}' depends on the rule set's options and can only be used in the detection`;
  return undefined;
}

/** A derived field as a field path, for detections. */
export function derivedFieldPath(path: string, context: RuleContext): FieldPath {
  const problem = derivedFieldProblem(path, 'detection');
  if (problem) throw new RuleCompileError(problem);
  const name = path.slice(PREFIX.length);
  const field = FIELDS[name]!;
  const valuesOf = field.usesOptions
    ? (record: unknown) => (isRecord(record) ? field.values(record, context) : none)
    : (record: unknown) => (isRecord(record) ? cached(record, name, field) : none);
  return {
    path,
    some: (record, predicate) => valuesOf(record).some((value) => predicate(value)),
    exists: (record) => valuesOf(record).length > 0,
  };
}

/** A derived field's values for display (`fields`, `group-by`): fields that need options give none. */
export function derivedValues(record: Record<string, unknown>, path: string): readonly string[] {
  const name = path.slice(PREFIX.length);
  const field = FIELDS[name];
  return field && !field.usesOptions ? cached(record, name, field) : none;
}

const cache = new WeakMap<object, Map<string, readonly string[]>>();
const statementCache = new WeakMap<object, Statement[]>();

function cached(record: Record<string, unknown>, name: string, field: DerivedField): readonly string[] {
  let values = cache.get(record);
  if (!values) {
    values = new Map();
    cache.set(record, values);
  }
  let result = values.get(name);
  if (result === undefined) {
    result = safely(() => field.values(record, NO_CONTEXT));
    values.set(name, result);
  }
  return result;
}

function statementsOf(record: Record<string, unknown>): Statement[] {
  let statements = statementCache.get(record);
  if (!statements) {
    statements = safely(() => policyStatements(record));
    statementCache.set(record, statements);
  }
  return statements;
}

/** The functions are written not to throw; this keeps a bug in one from stopping a scan. */
function safely<T>(compute: () => T[] | readonly T[]): T[] {
  try {
    return [...compute()];
  } catch {
    return [];
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Ordered: a user agent names several products (`aws-cli/2 ... botocore/2`, `Terraform/1.6 ... aws-sdk-go-v2/1`);
 * the first pattern that matches names the tool a person chose.
 */
const FAMILIES: readonly [RegExp, string][] = [
  [/^AWS Internal$/i, 'aws-internal'],
  [/\bterraform\b/i, 'terraform'],
  [/\bpulumi\b/i, 'pulumi'],
  [/\baws-cdk\b|\bCDK\b/, 'aws-cdk'],
  [/\bcloudformation\b/i, 'cloudformation'],
  [/^aws-cli\//i, 'aws-cli'],
  [/\baws-cli\//i, 'aws-cli'],
  [/\bAWSPowerShell\b|\bAWS\.Tools\b/i, 'aws-powershell'],
  [/\bstratus-red-team/i, 'stratus-red-team'],
  [/\bPacu\b/i, 'pacu'],
  [/\bTruffleHog\b/i, 'trufflehog'],
  [/\bS3 Browser\b/i, 's3-browser'],
  [/\bBoto3\//i, 'boto3'],
  [/\bBotocore\//i, 'botocore'],
  [/\baws-sdk-go-v2\b/i, 'aws-sdk-go-v2'],
  [/\baws-sdk-go\b/i, 'aws-sdk-go'],
  [/\baws-sdk-java\b|\bAWSSDKJava\b/i, 'aws-sdk-java'],
  [/\baws-sdk-(?:js|nodejs)\b/i, 'aws-sdk-js'],
  [/\baws-sdk-dotnet|\baws-sdk-net\b/i, 'aws-sdk-dotnet'],
  [/\baws-sdk-ruby/i, 'aws-sdk-ruby'],
  [/\baws-sdk-php\b/i, 'aws-sdk-php'],
  [/\baws-sdk-rust\b/i, 'aws-sdk-rust'],
  [/\baws-sdk-cpp\b/i, 'aws-sdk-cpp'],
  [/\baws-sdk-kotlin\b/i, 'aws-sdk-kotlin'],
  [/\baws-sdk-swift\b/i, 'aws-sdk-swift'],
  [/^(?:[\w-]+\.)*console(?:\.[\w-]+)*\.amazonaws\.com$|^signin\.amazonaws\.com$/i, 'console'],
  [/^Mozilla\//, 'console'],
];
const AWS_SERVICE = /^([a-z0-9-]+(?:\.[a-z0-9-]+)*)\.amazonaws\.com$/i;
const MAX_FAMILY = 40;

/** A normalised tool family for a userAgent string; undefined for an empty or absent user agent. */
export function userAgentFamily(userAgent: unknown): string | undefined {
  if (typeof userAgent !== 'string') return undefined;
  const text = userAgent.trim();
  if (text === '') return undefined;
  for (const [pattern, family] of FAMILIES) if (pattern.test(text)) return family;
  // An AWS service acting for the caller: the service's host name is its family (`ssm.amazonaws.com`).
  const service = AWS_SERVICE.exec(text);
  if (service) return text.toLowerCase();
  // Anything else: the first product token without its version (`python-requests/2.31 ...` → `python-requests`).
  const product = text
    .split(/[\s/(;]/)[0]!
    .toLowerCase()
    .replace(/[^a-z0-9._-]/g, '');
  return (product === '' ? 'other' : product).slice(0, MAX_FAMILY);
}

const INSTANCE_TYPE = compileFieldPath('requestParameters.instanceType');

/** `requestParameters.instanceType` up to its first dot, lower-cased; undefined without an instance type. */
export function instanceFamily(record: Record<string, unknown>): string | undefined {
  let type: string | undefined;
  INSTANCE_TYPE.some(record, (value) => {
    if (typeof value === 'string' && value.trim() !== '') type = value.trim();
    return type !== undefined;
  });
  return type === undefined ? undefined : type.split('.')[0]!.toLowerCase();
}

const SSO_ROLE = ':role/aws-reserved/sso.amazonaws.com/';

/** The actor, with a role session reduced to its role unless the role is an IAM Identity Center one. */
export function principalOf(record: Record<string, unknown>): string {
  const identity = record.userIdentity as Record<string, unknown> | undefined;
  if (identity && typeof identity === 'object' && identity.type === 'AssumedRole') {
    const issuer = (identity.sessionContext as { sessionIssuer?: { arn?: unknown } } | undefined)
      ?.sessionIssuer?.arn;
    if (typeof issuer === 'string' && issuer.includes(':role/') && !issuer.includes(SSO_ROLE)) return issuer;
  }
  return actorOf(record);
}
