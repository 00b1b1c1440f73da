/**
 * Per-statement judgments of the resource or trust policy a CloudTrail record sets, for the derived fields
 * `derived.policy.*` (derived.ts). Sigma sees a policy as one text, so it cannot say "in the same statement": an
 * external account in one statement would be "cancelled" by the own account in another, and a Condition in one
 * statement would seem to guard a `Principal: "*"` in another. Here each statement is judged on its own.
 *
 * Policies are attacker-controlled JSON: the work is bounded (text length, statements, values per statement),
 * nothing here throws, and anything that is not a policy gives no statements.
 */

/** Where a record carries the policy it sets: eventSource → eventName (lower case) → how to read it. */
type PolicyReader = (parameters: Record<string, unknown>) => unknown;
const READERS: Record<string, Record<string, PolicyReader>> = {
  's3.amazonaws.com': { putbucketpolicy: (p) => p.bucketPolicy },
  'iam.amazonaws.com': {
    createrole: (p) => p.assumeRolePolicyDocument,
    updateassumerolepolicy: (p) => p.policyDocument,
  },
  'kms.amazonaws.com': { putkeypolicy: (p) => p.policy, createkey: (p) => p.policy },
};

/** Bigger than any policy AWS accepts (bucket policies 20 KB, key policies 32 KB, trust policies 4 KB). */
const MAX_TEXT = 256 * 1024;
const MAX_STATEMENTS = 1000;
const MAX_VALUES = 1000;

export interface Condition {
  /** The operator, lower case (`stringequals`, `arnlike`, `stringnotequalsifexists`, ...). */
  operator: string;
  /** The condition key, lower case (`aws:principalorgid`). */
  key: string;
  values: string[];
}

export interface Statement {
  /** `Sid`, or `#n` (1-based position) for statements without one. */
  label: string;
  /** `allow`, `deny`, or whatever else the text says (lower case). */
  effect: string;
  /** `Principal: "*"` or an `AWS` principal `"*"`. */
  everyone: boolean;
  /** The statement uses NotPrincipal: it applies to everyone except the principals listed. */
  notPrincipal: boolean;
  aws: string[];
  service: string[];
  federated: string[];
  /** Actions, lower case; with NotAction, `notAction` is true and these are the exceptions. */
  actions: string[];
  notAction: boolean;
  conditions: Condition[];
}

/** The statements of the policy the record sets, or [] when it sets none (or it cannot be read). */
export function policyStatements(record: Record<string, unknown>): Statement[] {
  const parameters = record.requestParameters;
  if (!isObject(parameters)) return [];
  const source = typeof record.eventSource === 'string' ? record.eventSource.toLowerCase() : '';
  const name = typeof record.eventName === 'string' ? record.eventName.toLowerCase() : '';
  if (source === 'lambda.amazonaws.com' && name.startsWith('addpermission'))
    return [lambdaPermission(parameters)];
  const reader = READERS[source]?.[name];
  if (!reader) return [];
  return statementsOf(documentOf(reader(parameters)));
}

/** A policy given as an object or as JSON text (URL-encoded as IAM returns it in responses, or not). */
function documentOf(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (value.length > MAX_TEXT) return undefined;
  let text = value.trim();
  if (text.startsWith('%7B') || text.startsWith('%7b')) {
    try {
      text = decodeURIComponent(text);
    } catch {
      return undefined;
    }
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function statementsOf(document: unknown): Statement[] {
  if (!isObject(document)) return [];
  const raw = document.Statement;
  const list = Array.isArray(raw) ? raw.slice(0, MAX_STATEMENTS) : raw === undefined ? [] : [raw];
  const statements: Statement[] = [];
  list.forEach((item, i) => {
    if (isObject(item)) statements.push(statementOf(item, i));
  });
  return statements;
}

function statementOf(item: Record<string, unknown>, index: number): Statement {
  const notPrincipal = item.NotPrincipal !== undefined;
  const principal = notPrincipal ? item.NotPrincipal : item.Principal;
  const statement: Statement = {
    label: typeof item.Sid === 'string' && item.Sid !== '' ? item.Sid.slice(0, 200) : `#${index + 1}`,
    effect: typeof item.Effect === 'string' ? item.Effect.toLowerCase() : '',
    everyone: false,
    notPrincipal,
    aws: [],
    service: [],
    federated: [],
    actions: strings(item.NotAction ?? item.Action).map((a) => a.toLowerCase()),
    notAction: item.NotAction !== undefined,
    conditions: conditionsOf(item.Condition),
  };
  if (principal === '*') statement.everyone = !notPrincipal;
  else if (isObject(principal)) {
    statement.aws = strings(principal.AWS);
    statement.service = strings(principal.Service);
    statement.federated = strings(principal.Federated);
    if (statement.aws.includes('*')) statement.everyone = !notPrincipal;
  }
  return statement;
}

function conditionsOf(value: unknown): Condition[] {
  if (!isObject(value)) return [];
  const conditions: Condition[] = [];
  for (const [operator, block] of Object.entries(value)) {
    if (!isObject(block)) continue;
    for (const [key, values] of Object.entries(block)) {
      conditions.push({ operator: operator.toLowerCase(), key: key.toLowerCase(), values: strings(values) });
      if (conditions.length >= MAX_VALUES) return conditions;
    }
  }
  return conditions;
}

/** lambda:AddPermission as the statement it adds to the function's policy. */
function lambdaPermission(p: Record<string, unknown>): Statement {
  const principal = typeof p.principal === 'string' ? p.principal : '';
  const conditions: Condition[] = [];
  const add = (key: string, value: unknown, operator = 'stringequals') => {
    if (typeof value === 'string' && value !== '') conditions.push({ operator, key, values: [value] });
  };
  add('aws:sourcearn', p.sourceArn, 'arnlike');
  add('aws:sourceaccount', p.sourceAccount);
  add('aws:principalorgid', p.principalOrgID);
  add('lambda:functionurlauthtype', p.functionUrlAuthType);
  const service = /\.amazonaws\.com$/i.test(principal);
  return {
    label: typeof p.statementId === 'string' && p.statementId !== '' ? p.statementId.slice(0, 200) : '#1',
    effect: 'allow',
    everyone: principal === '*',
    notPrincipal: false,
    aws: principal !== '*' && !service && principal !== '' ? [principal] : [],
    service: service ? [principal] : [],
    federated: [],
    actions: typeof p.action === 'string' ? [p.action.toLowerCase()] : [],
    notAction: false,
    conditions,
  };
}

/**
 * Condition keys that limit who a statement applies to, or from where: with a fixed value, a statement whose
 * principal is `*` is not open to the world (the keys AWS's own "is this policy public" evaluation accepts).
 */
const LIMITING_KEYS = new Set([
  'aws:principalaccount',
  'aws:principalarn',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:userid',
  'aws:sourceaccount',
  'aws:sourcearn',
  'aws:sourceowner',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
  'aws:sourceip',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'aws:principalservicename',
  'kms:calleraccount',
  's3:dataaccesspointaccount',
  's3:dataaccesspointarn',
  'cognito-identity.amazonaws.com:aud',
]);
const OPEN_VALUES = new Set(['*', '0.0.0.0/0', '::/0']);

/**
 * Whether a condition narrows who the statement applies to: a limiting key, a positive operator (not `...Not...`,
 * not `...IfExists`, which lets requests without the key through, not `Null`) and a value that is not a wildcard.
 */
export function limitsPrincipal(condition: Condition): boolean {
  const { operator, key, values } = condition;
  if (!LIMITING_KEYS.has(key)) return false;
  if (operator.includes('not') || operator.endsWith('ifexists') || operator === 'null') return false;
  return values.some((value) => !OPEN_VALUES.has(value.trim()));
}

/** Allow statements that apply to everyone: `*` (or NotPrincipal) with no condition that limits who. */
export function isPublic(statement: Statement): boolean {
  return (
    statement.effect === 'allow' &&
    (statement.everyone || statement.notPrincipal) &&
    !statement.conditions.some(limitsPrincipal)
  );
}

const ACCOUNT = /^\d{12}$/;
const ACCOUNT_ARN = /^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):/;

/** The account an AWS principal (`123456789012`, an IAM or STS ARN) belongs to, if it says. */
export function principalAccount(principal: string): string | undefined {
  const text = principal.trim();
  if (ACCOUNT.test(text)) return text;
  return ACCOUNT_ARN.exec(text)?.[1];
}

/** Accounts named by the AWS principals of Allow statements, other than `own`, sorted. */
export function externalAccounts(statements: readonly Statement[], own: string | undefined): string[] {
  const accounts = new Set<string>();
  for (const statement of statements) {
    if (statement.effect !== 'allow' || statement.notPrincipal) continue;
    for (const principal of statement.aws) {
      const account = principalAccount(principal);
      if (account !== undefined && account !== own) accounts.add(account);
    }
  }
  return [...accounts].sort();
}

/** GitHub's OIDC provider (token.actions.githubusercontent.com, also under a GitHub Enterprise host). */
const GITHUB_OIDC = /token\.actions\.githubusercontent\.com/i;

/**
 * Allow statements trusting a web-identity or SAML provider that any of its users could satisfy: no condition at all,
 * GitHub's provider without a `:sub` condition naming repositories (`repo:*` and `*` name them all), or Cognito
 * identity pools without an `:aud` condition (any pool of any account).
 */
export function isOpenFederated(statement: Statement): boolean {
  if (statement.effect !== 'allow' || statement.federated.length === 0) return false;
  if (statement.conditions.length === 0) return true;
  const positive = statement.conditions.filter((c) => !c.operator.includes('not'));
  if (statement.federated.some((p) => GITHUB_OIDC.test(p))) {
    const subject = positive.filter((c) => c.key.endsWith('.githubusercontent.com:sub'));
    return !subject.some((c) => c.values.some((v) => v.trim() !== '*' && !/^repo:\*/i.test(v.trim())));
  }
  if (statement.federated.some((p) => /^cognito-identity\.amazonaws\.com$/i.test(p))) {
    return !positive.some((c) => c.key === 'cognito-identity.amazonaws.com:aud');
  }
  return false;
}

/** Condition keys that carve principals out of a Deny statement (`StringNotEquals aws:PrincipalArn [...]`). */
const EXCEPTION_KEYS = new Set([
  'aws:principalarn',
  'aws:principalaccount',
  'aws:userid',
  'aws:username',
  'aws:principalorgid',
]);
const DATA_ACTION =
  /^(?:\*|s3:\*|s3:get\*|s3:getobject.*|s3:deleteobject.*|s3:putbucketpolicy|s3:deletebucketpolicy)$/;

/**
 * Deny statements that lock the bucket's own account out of its data: they apply to everyone (or name the own
 * account itself), cover reading or deleting objects (or the policy itself), and either have no condition or only carve out
 * principals, none of which belongs to the own account. The ransomware pattern: everyone but the attacker is denied.
 * A Deny guarded by other conditions (aws:SecureTransport, aws:SourceVpce, encryption headers) is a control, not this.
 */
export function deniesOwner(statement: Statement, own: string | undefined): boolean {
  if (statement.effect !== 'deny') return false;
  const mentionsOwn = (value: string) => own !== undefined && value.includes(own);
  const isOwnAccount = (value: string) =>
    own !== undefined &&
    principalAccount(value) === own &&
    (ACCOUNT.test(value.trim()) || value.trim().endsWith(':root'));
  let exceptions: string[];
  if (statement.notPrincipal) {
    exceptions = [...statement.aws, ...statement.service, ...statement.federated];
  } else {
    if (!statement.everyone && !statement.aws.some(isOwnAccount)) return false;
    exceptions = [];
  }
  for (const condition of statement.conditions) {
    if (!EXCEPTION_KEYS.has(condition.key) || !condition.operator.includes('not')) return false;
    exceptions.push(...condition.values);
  }
  if (exceptions.some(mentionsOwn)) return false;
  return statement.notAction || statement.actions.some((action) => DATA_ACTION.test(action));
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value)) return [];
  return value.slice(0, MAX_VALUES).filter((item): item is string => typeof item === 'string');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
