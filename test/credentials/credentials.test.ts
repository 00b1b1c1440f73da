/**
 * Credentials against a GitHub OIDC token endpoint and STS on loopback (query protocol, through
 * AWS_ENDPOINT_URL_STS), and the SDK's default provider chain. The credentials then sign LookupEvents
 * requests to the loopback CloudTrail server.
 */
import {
  CredentialsError,
  credentialProblem,
  defaultSessionName,
  resolveCredentials,
  sessionNameProblem,
  tokenClaims,
} from '../../src/credentials/index.js';
import { readLookupEvents } from '../../src/sources/lookup-events/index.js';
import { CloudTrailTestServer } from '../helpers/cloudtrail-server.js';
import { OidcTestServer, StsTestServer, fakeJwt } from '../helpers/sts-server.js';

const ROLE = 'arn:aws:iam::123456789012:role/cloudtrail-audit';
const CHAIN_VARS = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
  'AWS_PROFILE',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_EC2_METADATA_DISABLED',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_ROLE_ARN',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_ENDPOINT_URL_STS',
  'AWS_ENDPOINT_URL_CLOUDTRAIL',
  'AWS_REGION',
];
const saved = Object.fromEntries(CHAIN_VARS.map((k) => [k, process.env[k]]));

function setEnv(values: Record<string, string | undefined>): void {
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
}

/** No credentials anywhere the default chain looks (and no instance metadata service to wait for). */
function noChainCredentials(): void {
  setEnv({
    AWS_ACCESS_KEY_ID: undefined,
    AWS_SECRET_ACCESS_KEY: undefined,
    AWS_SESSION_TOKEN: undefined,
    AWS_CREDENTIAL_EXPIRATION: undefined,
    AWS_PROFILE: undefined,
    AWS_CONFIG_FILE: '/nonexistent/cloudtrail-audit/config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/cloudtrail-audit/credentials',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_WEB_IDENTITY_TOKEN_FILE: undefined,
    AWS_ROLE_ARN: undefined,
    AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: undefined,
    AWS_CONTAINER_CREDENTIALS_FULL_URI: undefined,
  });
}

let oidc: OidcTestServer;
let sts: StsTestServer;

beforeAll(async () => {
  oidc = await OidcTestServer.start('octo-org/audit');
  sts = await StsTestServer.start({
    roleArn: ROLE,
    sub: 'repo:octo-org/audit:*',
    audience: 'sts.amazonaws.com',
  });
});

beforeEach(() => {
  noChainCredentials();
  setEnv({ AWS_ENDPOINT_URL_STS: sts.url, AWS_REGION: undefined });
  oidc.requests.length = 0;
  oidc.failFirst = 0;
  sts.requests.length = 0;
  sts.issued.length = 0;
  sts.failFirst = 0;
  sts.lifetimeSeconds = undefined;
  sts.trust = { roleArn: ROLE, sub: 'repo:octo-org/audit:*', audience: 'sts.amazonaws.com' };
});

afterAll(async () => {
  setEnv(saved);
  await Promise.all([oidc.close(), sts.close()]);
});

describe('with role-to-assume: GitHub OIDC → STS AssumeRoleWithWebIdentity', () => {
  it('assumes the role in this process: credentials masked, nothing exported to the environment', async () => {
    const masked: string[] = [];
    const envBefore = { ...process.env };
    const env = oidc.env();
    const resolved = await resolveCredentials({ roleToAssume: ROLE, env, mask: (s) => masked.push(s) });
    const creds = await resolved.credentials();
    const issued = sts.issued[0]!;
    expect(creds).toEqual({
      accessKeyId: issued.accessKeyId,
      secretAccessKey: issued.secretAccessKey,
      sessionToken: issued.sessionToken,
      expiration: issued.expiration,
    });
    expect(resolved.source).toBe('web-identity');
    expect(resolved.description).toBe(
      `arn:aws:sts::123456789012:assumed-role/cloudtrail-audit/cloudtrail-audit@octo-org.audit-8123456789 (role ${ROLE}, session cloudtrail-audit@octo-org.audit-8123456789)`,
    );
    expect(resolved.expiration).toEqual(issued.expiration);
    // The OIDC token, the secret key and the session token are masked.
    expect(masked).toHaveLength(3);
    expect(tokenClaims(masked[0]!)).toEqual({
      sub: 'repo:octo-org/audit:ref:refs/heads/main',
      aud: 'sts.amazonaws.com',
    });
    expect(masked.slice(1)).toEqual([issued.secretAccessKey, issued.sessionToken]);
    expect(process.env).toEqual(envBefore);
    expect(env).toEqual(oidc.env());
    expect(oidc.requests).toEqual([{ audience: 'sts.amazonaws.com', authorized: true }]);
    expect(sts.requests).toHaveLength(1);
    expect(sts.requests[0]!.params).toMatchObject({
      Action: 'AssumeRoleWithWebIdentity',
      Version: '2011-06-15',
      RoleArn: ROLE,
      RoleSessionName: 'cloudtrail-audit@octo-org.audit-8123456789',
      DurationSeconds: '3600',
      WebIdentityToken: masked[0],
    });
    // The same credentials until they near their expiry: no new request.
    await resolved.credentials();
    expect(sts.requests).toHaveLength(1);
  });

  it('uses the given audience, session name and duration', async () => {
    sts.trust.audience = 'https://github.com/octo-org';
    const resolved = await resolveCredentials({
      roleToAssume: ROLE,
      audience: 'https://github.com/octo-org',
      roleSessionName: 'nightly-audit',
      durationSeconds: 900,
      env: oidc.env(),
      mask: () => {},
    });
    expect(resolved.description).toMatch(/session nightly-audit\)$/);
    expect(oidc.requests[0]!.audience).toBe('https://github.com/octo-org');
    expect(sts.requests[0]!.params).toMatchObject({
      RoleSessionName: 'nightly-audit',
      DurationSeconds: '900',
    });
  });

  it('renews the credentials (new token, new AssumeRoleWithWebIdentity) when they near expiry', async () => {
    sts.lifetimeSeconds = 120; // inside the 5-minute margin: every use renews
    const resolved = await resolveCredentials({ roleToAssume: ROLE, env: oidc.env(), mask: () => {} });
    const [a, b] = await Promise.all([resolved.credentials(), resolved.credentials()]);
    expect(a).toEqual(b);
    expect(sts.requests).toHaveLength(2); // the first, and one renewal shared by both callers
    expect(a.accessKeyId).toBe(sts.issued[1]!.accessKeyId);
    expect(oidc.requests).toHaveLength(2);
  });

  it('without ACTIONS_ID_TOKEN_REQUEST_URL: names `permissions: id-token: write`', async () => {
    const env = { ...oidc.env(), ACTIONS_ID_TOKEN_REQUEST_URL: undefined };
    const error = await resolveCredentials({ roleToAssume: ROLE, env, mask: () => {} }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CredentialsError);
    expect((error as Error).message).toMatch(/needs `permissions: id-token: write`/);
    expect(sts.requests).toHaveLength(0);
  });

  it("AccessDenied names the role, the repository's sub and the audience, and is not retried", async () => {
    sts.trust.sub = 'repo:octo-org/other-repo:*';
    const error = (await resolveCredentials({ roleToAssume: ROLE, env: oidc.env(), mask: () => {} }).catch(
      (e: unknown) => e,
    )) as Error;
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error.message).toContain(
      `cannot assume ${ROLE} (AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity)`,
    );
    expect(error.message).toContain('trust policy must allow sts:AssumeRoleWithWebIdentity');
    expect(error.message).toContain(
      'token.actions.githubusercontent.com:sub matching this repository (`repo:octo-org/audit:*`; ' +
        "this run's token has sub `repo:octo-org/audit:ref:refs/heads/main`)",
    );
    expect(error.message).toContain('token.actions.githubusercontent.com:aud equal to `sts.amazonaws.com`');
    expect(sts.requests).toHaveLength(1);
    expect(sts.requests[0]!.status).toBe(403);
  });

  it('AccessDenied for another audience names it', async () => {
    const error = (await resolveCredentials({
      roleToAssume: ROLE,
      audience: 'my-audience',
      env: oidc.env(),
      mask: () => {},
    }).catch((e: unknown) => e)) as Error;
    expect(error.message).toContain('aud equal to `my-audience` (the audience input)');
    expect(sts.requests).toHaveLength(1);
  });

  it('retries a failed OIDC request and an STS 500', async () => {
    oidc.failFirst = 1;
    sts.failFirst = 1;
    const resolved = await resolveCredentials({
      roleToAssume: ROLE,
      env: oidc.env(),
      mask: () => {},
      oidcRetryDelayMs: 1,
    });
    expect(resolved.source).toBe('web-identity');
    expect(oidc.requests).toHaveLength(2);
    expect(sts.requests.map((r) => r.status)).toEqual([500, 200]);
  });

  it('a refused OIDC request token is named', async () => {
    const env = { ...oidc.env(), ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'stale' };
    await expect(resolveCredentials({ roleToAssume: ROLE, env, mask: () => {} })).rejects.toThrow(
      /cannot get the GitHub OIDC token: HTTP 401: the request token was refused/,
    );
  });

  it('checks the role ARN, the session name and the duration before any request', async () => {
    const env = oidc.env();
    await expect(resolveCredentials({ roleToAssume: 'cloudtrail-audit', env })).rejects.toThrow(
      /role-to-assume must be an IAM role ARN/,
    );
    await expect(
      resolveCredentials({ roleToAssume: ROLE, roleSessionName: 'my session', env }),
    ).rejects.toThrow(/role-session-name may only contain/);
    await expect(resolveCredentials({ roleToAssume: ROLE, durationSeconds: 60, env })).rejects.toThrow(
      /role-duration-seconds must be a whole number from 900 to 43200/,
    );
    expect(oidc.requests).toHaveLength(0);
    expect(sts.requests).toHaveLength(0);
  });

  it('the credentials sign LookupEvents requests (and nothing else has them)', async () => {
    const cloudtrail = await CloudTrailTestServer.start({ requestsPerSecond: 100 });
    try {
      const end = new Date();
      cloudtrail.setEvents('eu-west-1', [
        {
          eventID: 'e1',
          eventName: 'CreateUser',
          eventSource: 'iam.amazonaws.com',
          eventTime: end.toISOString(),
          readOnly: false,
        },
      ]);
      const resolved = await resolveCredentials({ roleToAssume: ROLE, env: oidc.env(), mask: () => {} });
      const texts: string[] = [];
      for await (const record of readLookupEvents(
        {
          regions: ['eu-west-1'],
          includeGlobalRegion: false,
          start: new Date(end.getTime() - 3600_000),
          end,
          credentials: resolved.credentials,
          endpoint: cloudtrail.url,
          requestsPerSecond: 50,
        },
        { fileRead() {}, fileSkipped() {}, error() {} },
        { apiCalls: 0 },
      )) {
        texts.push(record.text);
      }
      expect(texts).toHaveLength(1);
      expect(cloudtrail.requests.map((r) => r.accessKeyId)).toEqual([sts.issued[0]!.accessKeyId]);
    } finally {
      await cloudtrail.close();
    }
  });
});

describe('without role-to-assume: the SDK default provider chain', () => {
  it('finds credentials in the environment (as configure-aws-credentials leaves them)', async () => {
    setEnv({
      AWS_ACCESS_KEY_ID: 'AKIAENVEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'env-secret',
      AWS_SESSION_TOKEN: 'env-token',
    });
    const resolved = await resolveCredentials({ env: {} });
    expect(resolved.source).toBe('default-chain');
    expect(resolved.description).toBe('credentials from the environment (AWS_ACCESS_KEY_ID)');
    expect(await resolved.credentials()).toMatchObject({
      accessKeyId: 'AKIAENVEXAMPLE',
      sessionToken: 'env-token',
    });
    expect(sts.requests).toHaveLength(0);
  });

  it('no credentials anywhere: says so and names the fix', async () => {
    const error = (await resolveCredentials({ env: {} }).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error.message).toMatch(
      /^no AWS credentials found \(CredentialsProviderError: .*\): in a workflow, set role-to-assume/,
    );
    expect(error.message).toContain('locally, set AWS_PROFILE');
  });

  it('expired credentials: says which, and when they expired', async () => {
    setEnv({
      AWS_ACCESS_KEY_ID: 'AKIAENVEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'env-secret',
      AWS_SESSION_TOKEN: 'env-token',
      AWS_CREDENTIAL_EXPIRATION: '2020-01-01T00:00:00Z',
    });
    await expect(resolveCredentials({ env: {} })).rejects.toThrow(
      'the AWS credentials from the environment (AWS_ACCESS_KEY_ID) expired at 2020-01-01T00:00:00.000Z: get fresh ones',
    );
  });
});

describe('pieces', () => {
  it('the default session name is valid for STS, at most 64 characters, and keeps the run id', () => {
    expect(defaultSessionName({ GITHUB_REPOSITORY: 'octo-org/audit', GITHUB_RUN_ID: '42' })).toBe(
      'cloudtrail-audit@octo-org.audit-42',
    );
    const long = defaultSessionName({
      GITHUB_REPOSITORY: `an-organisation-with-a-long-name/${'x'.repeat(80)} (copy)`,
      GITHUB_RUN_ID: '12345678901',
    });
    expect(long).toHaveLength(64);
    expect(long.endsWith('-12345678901')).toBe(true);
    expect(sessionNameProblem(long)).toBeNull();
    expect(defaultSessionName({})).toBe('cloudtrail-audit');
    expect(sessionNameProblem('a')).toMatch(/2 to 64/);
  });

  it('credential problems of service calls are named: expired, not accepted, none', () => {
    const err = (name: string, message: string) => Object.assign(new Error(message), { name });
    expect(
      credentialProblem(
        err('ExpiredTokenException', 'The security token included in the request is expired'),
      ),
    ).toMatch(/^the AWS credentials have expired \(ExpiredTokenException: /);
    expect(
      credentialProblem(
        err('UnrecognizedClientException', 'The security token included in the request is invalid.'),
      ),
    ).toMatch(/^the AWS credentials were not accepted/);
    expect(
      credentialProblem(err('CredentialsProviderError', 'Could not load credentials from any providers')),
    ).toMatch(/^no AWS credentials found/);
    expect(credentialProblem(err('AccessDeniedException', 'not authorized'))).toBeUndefined();
  });

  it('reads the claims of a token for messages', () => {
    expect(tokenClaims(fakeJwt({ sub: 'repo:a/b:ref:refs/heads/main', aud: ['x', 'y'] }))).toEqual({
      sub: 'repo:a/b:ref:refs/heads/main',
      aud: 'x, y',
    });
    expect(tokenClaims('not a jwt')).toEqual({});
  });
});
