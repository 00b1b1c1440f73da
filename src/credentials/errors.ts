/** Credential problems as messages that name the fix (what to change in the workflow, the role or the shell). */
import { UserError } from '../core/errors.js';

/** A problem that stops the run before any AWS call: no credentials, or a role that cannot be assumed. */
export class CredentialsError extends UserError {}

interface ErrorFields {
  name?: unknown;
  code?: unknown;
  Code?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

function fields(err: unknown): ErrorFields {
  return typeof err === 'object' && err !== null ? (err as ErrorFields) : {};
}

/** The AWS error code (AccessDenied, ExpiredTokenException...) or the error's name. */
export function awsErrorCode(err: unknown): string {
  const { name, code, Code } = fields(err);
  for (const value of [Code, code, name]) if (typeof value === 'string' && value !== '') return value;
  return 'Error';
}

export function httpStatusOf(err: unknown): number | undefined {
  const status = fields(err).$metadata?.httpStatusCode;
  return typeof status === 'number' ? status : undefined;
}

/** `Code: message` on one line, bounded (the message comes from a server). */
export function describeAwsError(err: unknown): string {
  const code = awsErrorCode(err);
  const { message } = fields(err);
  const text = typeof message === 'string' ? message.replace(/\s+/g, ' ').trim().slice(0, 300) : '';
  return text && text !== code && text !== 'UnknownError' ? `${code}: ${text}` : code;
}

export function isAccessDeniedError(err: unknown): boolean {
  const code = awsErrorCode(err);
  return /^(AccessDenied|AccessDeniedException|UnauthorizedOperation|NotAuthorized)$/.test(code);
}

const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'TokenRefreshRequired']);
const INVALID = new Set([
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'AuthFailure',
]);

/**
 * When an AWS call failed because of the credentials themselves (expired, unknown key, none found), what
 * happened and what to do; undefined for every other error (access denied included: the key is fine, the
 * policy is not).
 */
export function credentialProblem(err: unknown): string | undefined {
  const code = awsErrorCode(err);
  if (err instanceof CredentialsError) return err.message;
  if (EXPIRED.has(code)) {
    return (
      `the AWS credentials have expired (${describeAwsError(err)}): get fresh ones ` +
      `(re-run the job; locally \`aws sso login\` or a new session token), or use a longer role-duration-seconds`
    );
  }
  if (INVALID.has(code)) {
    return (
      `the AWS credentials were not accepted (${describeAwsError(err)}): the access key does not exist, was ` +
      `deleted or does not match its secret, or the Region is an opt-in Region that is not enabled in the account`
    );
  }
  if (code === 'CredentialsProviderError') return missingCredentialsMessage(err);
  return undefined;
}

export function missingCredentialsMessage(err?: unknown): string {
  const detail = err === undefined ? '' : ` (${describeAwsError(err)})`;
  return (
    `no AWS credentials found${detail}: in a workflow, set role-to-assume (GitHub OIDC, with ` +
    `\`permissions: id-token: write\`) or run aws-actions/configure-aws-credentials before this step; ` +
    `locally, set AWS_PROFILE (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)`
  );
}

export function expiredCredentialsMessage(source: string, expiration: Date): string {
  return (
    `the AWS credentials from ${source} expired at ${expiration.toISOString()}: get fresh ones ` +
    `(re-run aws-actions/configure-aws-credentials, \`aws sso login\`, or a new session token)`
  );
}

export const NO_OIDC_MESSAGE =
  'role-to-assume is set but this job cannot request a GitHub OIDC token (ACTIONS_ID_TOKEN_REQUEST_URL is not ' +
  'set): the workflow needs `permissions: id-token: write` (at the workflow or the job level; a pull request ' +
  'from a fork never gets it). Without role-to-assume, the AWS SDK default credentials are used instead.';

/** The claims of a JWT, for messages (the signature is not checked: only STS decides). */
export function tokenClaims(token: string): { sub?: string; aud?: string } {
  const payload = token.split('.')[1];
  if (!payload) return {};
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const aud = Array.isArray(claims.aud) ? claims.aud.join(', ') : claims.aud;
    return {
      ...(typeof claims.sub === 'string' ? { sub: claims.sub } : {}),
      ...(typeof aud === 'string' ? { aud } : {}),
    };
  } catch {
    return {};
  }
}

export interface AssumeContext {
  roleArn: string;
  audience: string;
  /** OWNER/REPO, when known. */
  repository?: string;
  token: string;
}

/** Why AssumeRoleWithWebIdentity failed, naming what to change. */
export function assumeRoleErrorMessage(err: unknown, ctx: AssumeContext): string {
  const code = awsErrorCode(err);
  const claims = tokenClaims(ctx.token);
  const sub = claims.sub ? `; this run's token has sub \`${claims.sub}\`` : '';
  const repoSub = ctx.repository ? `repo:${ctx.repository}:*` : 'repo:OWNER/REPO:*';
  if (isAccessDeniedError(err)) {
    return (
      `cannot assume ${ctx.roleArn} (${describeAwsError(err)}). The role's trust policy must allow ` +
      `sts:AssumeRoleWithWebIdentity to the federated principal ` +
      `arn:aws:iam::ACCOUNT:oidc-provider/token.actions.githubusercontent.com with the conditions ` +
      `token.actions.githubusercontent.com:sub matching this repository (\`${repoSub}\`${sub}) and ` +
      `token.actions.githubusercontent.com:aud equal to \`${ctx.audience}\` (the audience input).`
    );
  }
  if (code === 'InvalidIdentityToken') {
    return (
      `STS rejected the GitHub OIDC token for ${ctx.roleArn} (${describeAwsError(err)}): the account needs an ` +
      `IAM OIDC identity provider for https://token.actions.githubusercontent.com whose audiences include ` +
      `\`${ctx.audience}\`, and the audience input must match it.`
    );
  }
  if (code === 'ExpiredTokenException') {
    return `the GitHub OIDC token expired before STS checked it (${describeAwsError(err)}): re-run the job.`;
  }
  if (code === 'IDPRejectedClaim' || code === 'IDPCommunicationError') {
    return `STS could not use the GitHub OIDC token for ${ctx.roleArn} (${describeAwsError(err)}).`;
  }
  if (code === 'ValidationError' || code === 'MalformedPolicyDocument') {
    return (
      `STS refused the request to assume ${ctx.roleArn} (${describeAwsError(err)}): check role-to-assume ` +
      `(an IAM role ARN), role-session-name and role-duration-seconds (at most the role's maximum session ` +
      `duration; 3600 by default).`
    );
  }
  if (code === 'RegionDisabledException') {
    return `STS is not activated in this Region for the account (${describeAwsError(err)}): choose another region.`;
  }
  return `cannot assume ${ctx.roleArn}: ${describeAwsError(err)}`;
}
