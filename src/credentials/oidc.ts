/** The GitHub Actions OIDC token, from the runner's token endpoint (ACTIONS_ID_TOKEN_REQUEST_URL / _TOKEN). */
import { CredentialsError, NO_OIDC_MESSAGE } from './errors.js';

export interface OidcTokenOptions {
  audience: string;
  env: NodeJS.ProcessEnv;
  /** Attempts for network errors and 5xx answers; default 3. */
  maxAttempts?: number;
  /** Milliseconds one attempt may take; default 10 s. */
  timeoutMs?: number;
  /** First retry delay in milliseconds (doubled each time); default 500. */
  retryDelayMs?: number;
}

/**
 * GETs `ACTIONS_ID_TOKEN_REQUEST_URL&audience=...` with `Authorization: Bearer ACTIONS_ID_TOKEN_REQUEST_TOKEN`
 * and returns the JWT from the answer's `value` (what @actions/core's getIDToken does, with the environment
 * passed in). Network errors and 5xx answers are retried; anything else throws a CredentialsError.
 */
export async function fetchOidcToken(options: OidcTokenOptions): Promise<string> {
  const { env, audience } = options;
  const requestUrl = env.ACTIONS_ID_TOKEN_REQUEST_URL;
  const requestToken = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
  if (!requestUrl || !requestToken) throw new CredentialsError(NO_OIDC_MESSAGE);
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    throw new CredentialsError(
      'ACTIONS_ID_TOKEN_REQUEST_URL is not a URL: it is set by the runner, do not set it',
    );
  }
  if (audience) url.searchParams.set('audience', audience);

  const maxAttempts = options.maxAttempts ?? 3;
  let delay = options.retryDelayMs ?? 500;
  let last = '';
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    if (attempt > 1) {
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay *= 2;
    }
    let response: Response;
    try {
      response = await fetch(url, {
        headers: { Authorization: `Bearer ${requestToken}`, Accept: 'application/json' },
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
    } catch (err) {
      last = `cannot reach the OIDC token endpoint: ${(err as Error).message}`;
      continue;
    }
    const text = await response.text().catch(() => '');
    if (response.status >= 500) {
      last = `the OIDC token endpoint answered HTTP ${response.status}`;
      continue;
    }
    if (!response.ok) {
      const hint =
        response.status === 401 || response.status === 403
          ? ': the request token was refused (it is valid only during the job that received it)'
          : '';
      throw new CredentialsError(`cannot get the GitHub OIDC token: HTTP ${response.status}${hint}`);
    }
    let value: unknown;
    try {
      value = (JSON.parse(text) as { value?: unknown }).value;
    } catch {
      value = undefined;
    }
    if (typeof value !== 'string' || value === '') {
      throw new CredentialsError('cannot get the GitHub OIDC token: the answer has no token (`value`)');
    }
    return value;
  }
  throw new CredentialsError(`cannot get the GitHub OIDC token after ${maxAttempts} attempts: ${last}`);
}
