/**
 * What an investigation is about: access key ids, IAM user names and principal ARNs (a user, a role with all its
 * sessions, one role session, a federated user), checked as the user typed them. Every problem names the flag or
 * input it came from and, where a near miss is recognisable, what was probably meant.
 */
import { UsageError } from '../core/errors.js';

/** Access key ids: AKIA (long-term, an IAM user's) or ASIA (temporary, a session's), 20 characters in all. */
const ACCESS_KEY_ID = /^(AKIA|ASIA)[A-Z0-9]{16}$/;
/** IAM user names: letters, digits and `+=,.@_-`, 1 to 64 characters. */
const USER_NAME = /^[\w+=,.@-]{1,64}$/;
const NAME = '[\\w+=,.@-]{1,128}';
const PATH = '(?:/[\\x21-\\x7e]*)?';
const PRINCIPAL_ARN = new RegExp(
  `^arn:(aws|aws-cn|aws-us-gov):(iam|sts)::(\\d{12}):(?:` +
    `(user)${PATH}/(${NAME})|(role)${PATH}/(${NAME})|(assumed-role)/(${NAME})/(${NAME})|` +
    `(federated-user)/(${NAME})|(root))$`,
);

export type PrincipalKind = 'user' | 'role' | 'assumed-role' | 'federated-user' | 'root';

export interface Principal {
  arn: string;
  kind: PrincipalKind;
  account: string;
  /** The user, role or federated user's name (the role's, for a session); `root` for the root user. */
  name: string;
  /** The role session's name (`assumed-role` only). */
  session?: string;
}

export interface InvestigationScope {
  accessKeyIds: string[];
  userNames: string[];
  principals: Principal[];
}

/** Where each list came from, for messages: `--access-key-id` on the command line, `access-key-ids` in a workflow. */
export interface ScopeNames {
  accessKeyIds: string;
  userNames: string;
  principalArns: string;
}

export const CLI_SCOPE_NAMES: ScopeNames = {
  accessKeyIds: '--access-key-id',
  userNames: '--user-name',
  principalArns: '--principal-arn',
};

export const ACTION_SCOPE_NAMES: ScopeNames = {
  accessKeyIds: 'access-key-ids',
  userNames: 'user-names',
  principalArns: 'principal-arns',
};

export function isScoped(scope: InvestigationScope): boolean {
  return scope.accessKeyIds.length + scope.userNames.length + scope.principals.length > 0;
}

/** The scope from the user's lists (already split), checked; duplicates dropped. Throws UsageError. */
export function parseScope(
  input: { accessKeyIds: string[]; userNames: string[]; principalArns: string[] },
  names: ScopeNames,
): InvestigationScope {
  return {
    accessKeyIds: unique(input.accessKeyIds.map((v) => parseAccessKeyId(v, names.accessKeyIds))),
    userNames: unique(input.userNames.map((v) => parseUserName(v, names.userNames))),
    principals: uniqueBy(
      input.principalArns.map((v) => parsePrincipalArn(v, names.principalArns)),
      (p) => p.arn,
    ),
  };
}

export function parseAccessKeyId(text: string, what: string): string {
  const value = text.trim();
  if (ACCESS_KEY_ID.test(value)) return value;
  const shown = quote(value);
  if (ACCESS_KEY_ID.test(value.toUpperCase())) {
    throw new UsageError(`${what}: ${shown} is not an access key id: did you mean ${value.toUpperCase()}?`);
  }
  if (/^[A-Za-z0-9/+]{40}$/.test(value) && !/^(AKIA|ASIA)/.test(value)) {
    throw new UsageError(
      `${what}: ${quote(value.slice(0, 4) + '…')} looks like a secret access key, not its id: give the id ` +
        '(AKIA… or ASIA…), and deactivate the key now, since its secret has been pasted',
    );
  }
  throw new UsageError(
    `${what}: ${shown} is not an access key id (AKIA for a long-term key or ASIA for a session's, then 16 ` +
      'capital letters or digits: 20 characters in all)',
  );
}

export function parseUserName(text: string, what: string): string {
  const value = text.trim();
  if (USER_NAME.test(value)) return value;
  const arnUser = /^arn:[\w-]+:iam::\d{12}:user\/(?:.*\/)?([^/]+)$/.exec(value);
  if (arnUser) {
    throw new UsageError(
      `${what}: ${quote(value)} is an ARN: give the user name (${arnUser[1]}), or the ARN as a principal ARN`,
    );
  }
  throw new UsageError(
    `${what}: ${quote(value)} is not an IAM user name (1 to 64 letters, digits and +=,.@_- characters)`,
  );
}

const ARN_EXAMPLES =
  'arn:aws:iam::123456789012:user/NAME, arn:aws:iam::123456789012:role/NAME (every session of the role) or ' +
  'arn:aws:sts::123456789012:assumed-role/ROLE/SESSION';

export function parsePrincipalArn(text: string, what: string): Principal {
  const arn = text.trim();
  const m = PRINCIPAL_ARN.exec(arn);
  const service = m?.[2];
  if (m) {
    const account = m[3]!;
    const kind: PrincipalKind = (m[4] ?? m[6] ?? m[8] ?? m[11] ?? m[13]) as PrincipalKind;
    const expected = kind === 'assumed-role' || kind === 'federated-user' ? 'sts' : 'iam';
    if (service === expected) {
      switch (kind) {
        case 'user':
          return { arn, kind, account, name: m[5]! };
        case 'role':
          return { arn, kind, account, name: m[7]! };
        case 'assumed-role':
          return { arn, kind, account, name: m[9]!, session: m[10]! };
        case 'federated-user':
          return { arn, kind, account, name: m[12]! };
        case 'root':
          return { arn, kind, account, name: 'root' };
      }
    }
    const fixed = arn.replace(`:${service}::`, `:${expected}::`);
    throw new UsageError(`${what}: ${quote(arn)} is not a principal ARN: did you mean ${fixed}?`);
  }
  const session = /^arn:([\w-]+):sts::(\d{12}):assumed-role\/([^/]+)\/?$/.exec(arn);
  if (session) {
    throw new UsageError(
      `${what}: ${quote(arn)} names no session: add the session's name (…/${session[3]}/SESSION), or give the role ` +
        `(arn:${session[1]}:iam::${session[2]}:role/${session[3]}) for every session of it`,
    );
  }
  if (/^[\w+=,.@-]{1,64}$/.test(arn)) {
    throw new UsageError(
      `${what}: ${quote(arn)} is not an ARN: for an IAM user's name use the user name option; ARNs look like ${ARN_EXAMPLES}`,
    );
  }
  throw new UsageError(`${what}: ${quote(arn)} is not an IAM or STS principal ARN (like ${ARN_EXAMPLES})`);
}

/** One line for titles and logs: `access key AKIA…, user alice`. */
export function describeScope(scope: InvestigationScope): string {
  const parts = [
    ...scope.accessKeyIds.map((k) => `access key ${k}`),
    ...scope.userNames.map((u) => `IAM user ${u}`),
    ...scope.principals.map((p) => `${PRINCIPAL_WORDS[p.kind]} ${p.arn}`),
  ];
  return parts.length > 3 ? `${parts.slice(0, 3).join(', ')} and ${parts.length - 3} more` : parts.join(', ');
}

const PRINCIPAL_WORDS: Record<PrincipalKind, string> = {
  user: 'IAM user',
  role: 'role',
  'assumed-role': 'role session',
  'federated-user': 'federated user',
  root: 'root user',
};

function quote(value: string): string {
  return `'${value.length > 80 ? `${value.slice(0, 80)}…` : value}'`;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function uniqueBy<T>(values: T[], key: (v: T) => string): T[] {
  const seen = new Set<string>();
  return values.filter((v) => !seen.has(key(v)) && Boolean(seen.add(key(v))));
}
