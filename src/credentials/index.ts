/**
 * AWS credentials for the AWS sources: the GitHub OIDC token exchanged for a role's credentials
 * (STS AssumeRoleWithWebIdentity, in this process), or the AWS SDK's default provider chain.
 *
 * oidc.ts          the runner's OIDC token endpoint (ACTIONS_ID_TOKEN_REQUEST_URL / _TOKEN)
 * session-name.ts  STS role session names: the default one, and checks of a given one
 * errors.ts        credential problems as messages that name the fix
 *
 * With a role, the credentials stay in this process: they are masked in the log (the secret key, the session
 * token and the OIDC token) and never written to the environment, so later steps of the job do not get them.
 * They are refreshed (a new OIDC token, a new AssumeRoleWithWebIdentity) five minutes before they expire, so a
 * scan longer than role-duration-seconds goes on. Endpoints come from the SDK's standard configuration
 * (`AWS_ENDPOINT_URL_STS`, `AWS_ENDPOINT_URL`), read from process.env by the SDK.
 */
import * as core from '@actions/core';
import { AssumeRoleWithWebIdentityCommand, STSClient, type STSClientConfig } from '@aws-sdk/client-sts';
import {
  CredentialsError,
  assumeRoleErrorMessage,
  credentialProblem,
  describeAwsError,
  expiredCredentialsMessage,
  missingCredentialsMessage,
} from './errors.js';
import { fetchOidcToken } from './oidc.js';
import { defaultSessionName, sessionNameProblem } from './session-name.js';

export {
  CredentialsError,
  credentialProblem,
  describeAwsError,
  awsErrorCode,
  isAccessDeniedError,
  tokenClaims,
} from './errors.js';
export { defaultSessionName, sessionNameProblem } from './session-name.js';
export { fetchOidcToken } from './oidc.js';

type CredentialsConfig = NonNullable<STSClientConfig['credentials']>;
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type AnyFunction = Function;
/** What every AWS SDK v3 client accepts as `credentials`. */
export type AwsCredentialIdentityProvider = Extract<CredentialsConfig, AnyFunction>;
export type AwsCredentialIdentity = Exclude<CredentialsConfig, AnyFunction>;

export const DEFAULT_AUDIENCE = 'sts.amazonaws.com';
export const DEFAULT_DURATION_SECONDS = 3600;
/** Assumed-role credentials are renewed this long before they expire. */
const REFRESH_MARGIN_MS = 5 * 60_000;

export interface ResolveCredentialsOptions {
  /** The role's ARN (`role-to-assume`); without it, the SDK's default provider chain. */
  roleToAssume?: string;
  /** Default: `cloudtrail-audit@OWNER.REPO-RUNID` (see defaultSessionName). */
  roleSessionName?: string;
  /** 900 to 43200; default 3600. */
  durationSeconds?: number;
  /** The OIDC token's audience; default `sts.amazonaws.com`. */
  audience?: string;
  /** STS Region; default AWS_REGION, AWS_DEFAULT_REGION, else us-east-1. */
  region?: string;
  /** Where ACTIONS_ID_TOKEN_REQUEST_*, GITHUB_REPOSITORY, GITHUB_RUN_ID and AWS_REGION are read; default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Hides a secret in the log; default @actions/core's setSecret (`::add-mask::`). */
  mask?: (secret: string) => void;
  /** OIDC request retries' first delay in milliseconds (tests); default 500. */
  oidcRetryDelayMs?: number;
}

export interface ResolvedCredentials {
  /** Pass as `credentials` to every AWS client. Throws CredentialsError when credentials cannot be had. */
  credentials: AwsCredentialIdentityProvider;
  source: 'web-identity' | 'default-chain';
  /** For the log: the assumed role's ARN (with the session), or where the default chain found credentials. */
  description: string;
  /** When the first credentials expire, if they do. */
  expiration?: Date;
}

/**
 * Credentials for the AWS sources, checked now (so a run without them fails before it starts, with a message
 * that names the fix): throws CredentialsError.
 */
export async function resolveCredentials(
  options: ResolveCredentialsOptions = {},
): Promise<ResolvedCredentials> {
  const env = options.env ?? process.env;
  const region = options.region || env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1';
  const mask = options.mask ?? ((secret: string) => core.setSecret(secret));
  const role = options.roleToAssume?.trim();
  return role
    ? assumeRoleWithOidc({ ...options, roleToAssume: role }, env, region, mask)
    : defaultChain(region);
}

async function assumeRoleWithOidc(
  options: ResolveCredentialsOptions & { roleToAssume: string },
  env: NodeJS.ProcessEnv,
  region: string,
  mask: (secret: string) => void,
): Promise<ResolvedCredentials> {
  const roleArn = options.roleToAssume;
  if (!/^arn:aws[\w-]*:iam::\d{12}:role\/.+/.test(roleArn)) {
    throw new CredentialsError(
      `role-to-assume must be an IAM role ARN (arn:aws:iam::123456789012:role/NAME), not '${roleArn.slice(0, 200)}'`,
    );
  }
  const sessionName = options.roleSessionName?.trim() || defaultSessionName(env);
  const nameProblem = sessionNameProblem(sessionName);
  if (nameProblem) throw new CredentialsError(nameProblem);
  const duration = options.durationSeconds ?? DEFAULT_DURATION_SECONDS;
  if (!Number.isInteger(duration) || duration < 900 || duration > 43200) {
    throw new CredentialsError(
      `role-duration-seconds must be a whole number from 900 to 43200 (and at most the role's maximum session duration), not ${duration}`,
    );
  }
  const audience = options.audience?.trim() || DEFAULT_AUDIENCE;

  const assume = async (): Promise<AwsCredentialIdentity & { roleArn: string }> => {
    const token = await fetchOidcToken({
      audience,
      env,
      ...(options.oidcRetryDelayMs !== undefined ? { retryDelayMs: options.oidcRetryDelayMs } : {}),
    });
    mask(token);
    // AssumeRoleWithWebIdentity is not signed: the client needs no credentials of its own.
    const client = new STSClient({ region, maxAttempts: 3 });
    try {
      const answer = await client.send(
        new AssumeRoleWithWebIdentityCommand({
          RoleArn: roleArn,
          RoleSessionName: sessionName,
          WebIdentityToken: token,
          DurationSeconds: duration,
        }),
      );
      const creds = answer.Credentials;
      if (!creds?.AccessKeyId || !creds.SecretAccessKey || !creds.SessionToken) {
        throw new CredentialsError(
          `STS answered AssumeRoleWithWebIdentity for ${roleArn} without credentials`,
        );
      }
      mask(creds.SecretAccessKey);
      mask(creds.SessionToken);
      return {
        accessKeyId: creds.AccessKeyId,
        secretAccessKey: creds.SecretAccessKey,
        sessionToken: creds.SessionToken,
        ...(creds.Expiration ? { expiration: creds.Expiration } : {}),
        roleArn: answer.AssumedRoleUser?.Arn ?? roleArn,
      };
    } catch (err) {
      if (err instanceof CredentialsError) throw err;
      const repository = env.GITHUB_REPOSITORY;
      throw new CredentialsError(
        assumeRoleErrorMessage(err, { roleArn, audience, token, ...(repository ? { repository } : {}) }),
      );
    } finally {
      client.destroy();
    }
  };

  let current = await assume();
  let pending: Promise<AwsCredentialIdentity & { roleArn: string }> | undefined;
  const credentials: AwsCredentialIdentityProvider = async () => {
    const expires = current.expiration?.getTime();
    if (expires !== undefined && expires - Date.now() < REFRESH_MARGIN_MS) {
      pending ??= assume().finally(() => {
        pending = undefined;
      });
      current = await pending;
    }
    return strip(current);
  };
  return {
    credentials,
    source: 'web-identity',
    description: `${current.roleArn} (role ${roleArn}, session ${sessionName})`,
    ...(current.expiration ? { expiration: current.expiration } : {}),
  };
}

function strip(identity: AwsCredentialIdentity & { roleArn?: string }): AwsCredentialIdentity {
  const { accessKeyId, secretAccessKey, sessionToken, expiration } = identity;
  return {
    accessKeyId,
    secretAccessKey,
    ...(sessionToken ? { sessionToken } : {}),
    ...(expiration ? { expiration } : {}),
  };
}

/** Where the default chain found its credentials, from the SDK's `$source` feature ids. */
const CHAIN_SOURCES: [feature: string, name: string][] = [
  ['CREDENTIALS_ENV_VARS_STS_WEB_ID_TOKEN', 'AWS_WEB_IDENTITY_TOKEN_FILE'],
  ['CREDENTIALS_ENV_VARS', 'the environment (AWS_ACCESS_KEY_ID)'],
  ['CREDENTIALS_PROFILE_SSO', 'an SSO profile'],
  ['CREDENTIALS_SSO', 'an SSO profile'],
  ['CREDENTIALS_PROFILE_PROCESS', 'a credential_process profile'],
  ['CREDENTIALS_PROFILE', 'a shared config profile'],
  ['CREDENTIALS_HTTP', 'the container credentials endpoint'],
  ['CREDENTIALS_IMDS', 'the instance metadata service'],
];

function chainSource(identity: AwsCredentialIdentity): string {
  const source = (identity as { $source?: Record<string, unknown> }).$source ?? {};
  for (const [feature, name] of CHAIN_SOURCES) if (feature in source) return name;
  return 'the default credential provider chain';
}

async function defaultChain(region: string): Promise<ResolvedCredentials> {
  // A client's default credentials are the SDK's provider chain (environment, profile, SSO, web identity
  // token file, container, instance metadata), memoized and refreshed before expiry. One chain for all clients.
  const client = new STSClient({ region });
  const chain = client.config.credentials;
  client.destroy();
  const credentials: AwsCredentialIdentityProvider = async () => {
    let identity: AwsCredentialIdentity;
    try {
      identity = await chain();
    } catch (err) {
      const text = describeAwsError(err);
      if (/expired|refresh/i.test(text)) {
        throw new CredentialsError(
          `the AWS credentials have expired (${text}): get fresh ones (\`aws sso login\`, or re-run aws-actions/configure-aws-credentials)`,
        );
      }
      throw new CredentialsError(credentialProblem(err) ?? missingCredentialsMessage(err));
    }
    if (identity.expiration && identity.expiration.getTime() <= Date.now()) {
      throw new CredentialsError(expiredCredentialsMessage(chainSource(identity), identity.expiration));
    }
    return identity;
  };
  const first = await credentials();
  return {
    credentials,
    source: 'default-chain',
    description: `credentials from ${chainSource(first)}`,
    ...(first.expiration ? { expiration: first.expiration } : {}),
  };
}
