/**
 * Loopback servers for the credentials tests: a GitHub Actions OIDC token endpoint and STS
 * (query protocol: form-encoded POST, XML answers), reached by the real SDK through `AWS_ENDPOINT_URL_STS`.
 *
 * The OIDC endpoint answers `GET /token?api-version=2.0&audience=AUD` with `{"value": "<JWT>"}` when the
 * request carries `Authorization: Bearer <request token>`; the JWT's claims are those of GitHub's tokens
 * (sub `repo:OWNER/REPO:ref:refs/heads/main`, aud, iss, repository, run_id), signed with nothing.
 *
 * STS speaks AssumeRoleWithWebIdentity: it checks the parameters as STS does (RoleArn, RoleSessionName
 * `[\w+=,.@-]{2,64}`, DurationSeconds 900..43200) and a trust policy (the role ARN, a `sub` pattern and the
 * audience), and answers the XML result, or an ErrorResponse (AccessDenied 403, InvalidIdentityToken 400,
 * ValidationError 400, a 500 on demand).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

export function fakeJwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}.c2lnbmF0dXJl`;
}

export interface OidcRequest {
  audience: string | null;
  authorized: boolean;
}

export class OidcTestServer {
  readonly requests: OidcRequest[] = [];
  /** Answers 500 to this many requests first. */
  failFirst = 0;
  sub: string;
  private constructor(
    private readonly server: Server,
    readonly requestToken: string,
    readonly repository: string,
  ) {
    this.sub = `repo:${repository}:ref:refs/heads/main`;
  }
  url = '';

  static async start(repository = 'octo-org/audit'): Promise<OidcTestServer> {
    const server = createServer();
    const oidc = new OidcTestServer(server, 'request-token-for-this-job', repository);
    server.on('request', (req, res) => oidc.handle(req, res));
    oidc.url = `${await listen(server)}/token?api-version=2.0`;
    return oidc;
  }

  /** The environment a runner gives a job with `permissions: id-token: write`. */
  env(): NodeJS.ProcessEnv {
    return {
      ACTIONS_ID_TOKEN_REQUEST_URL: this.url,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: this.requestToken,
      GITHUB_REPOSITORY: this.repository,
      GITHUB_RUN_ID: '8123456789',
    };
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const authorized = req.headers.authorization === `Bearer ${this.requestToken}`;
    const audience = url.searchParams.get('audience');
    this.requests.push({ audience, authorized });
    res.setHeader('content-type', 'application/json');
    if (this.failFirst > 0) {
      this.failFirst--;
      res.writeHead(500).end('{"message":"internal"}');
      return;
    }
    if (req.method !== 'GET' || url.pathname !== '/token') {
      res.writeHead(404).end('{"message":"not found"}');
      return;
    }
    if (!authorized) {
      res.writeHead(401).end('{"message":"Bad credentials"}');
      return;
    }
    const now = Math.floor(Date.now() / 1000);
    const value = fakeJwt({
      iss: 'https://token.actions.githubusercontent.com',
      sub: this.sub,
      aud: audience ?? `https://github.com/${this.repository.split('/')[0]}`,
      repository: this.repository,
      run_id: '8123456789',
      iat: now,
      nbf: now - 5,
      exp: now + 300,
    });
    res.writeHead(200).end(JSON.stringify({ count: 1, value }));
  }

  close(): Promise<void> {
    return close(this.server);
  }
}

export interface TrustPolicy {
  roleArn: string;
  /** The `sub` condition (StringLike, `*` wildcards). */
  sub: string;
  audience: string;
}

export interface StsRequest {
  action: string | null;
  params: Record<string, string>;
  status: number;
}

export interface IssuedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

function xmlEscape(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function likeToRegExp(pattern: string): RegExp {
  return new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
}

export class StsTestServer {
  readonly requests: StsRequest[] = [];
  readonly issued: IssuedCredentials[] = [];
  /** Answers 500 InternalFailure to this many requests first. */
  failFirst = 0;
  /** Lifetime of issued credentials, overriding DurationSeconds (to test refreshing). */
  lifetimeSeconds: number | undefined;
  url = '';
  private counter = 0;

  private constructor(
    private readonly server: Server,
    public trust: TrustPolicy,
  ) {}

  static async start(trust: TrustPolicy): Promise<StsTestServer> {
    const server = createServer();
    const sts = new StsTestServer(server, trust);
    server.on('request', (req, res) => {
      readBody(req).then(
        (body) => sts.handle(req, body, res),
        () => res.destroy(),
      );
    });
    sts.url = await listen(server);
    return sts;
  }

  private error(res: ServerResponse, status: number, code: string, message: string, type = 'Sender'): number {
    res.writeHead(status, { 'content-type': 'text/xml' });
    res.end(
      `<ErrorResponse xmlns="${STS_NS}"><Error><Type>${type}</Type><Code>${code}</Code>` +
        `<Message>${xmlEscape(message)}</Message></Error><RequestId>req-${++this.counter}</RequestId></ErrorResponse>`,
    );
    return status;
  }

  private handle(req: IncomingMessage, body: string, res: ServerResponse): void {
    const params = Object.fromEntries(new URLSearchParams(body));
    const request: StsRequest = { action: params.Action ?? null, params, status: 0 };
    this.requests.push(request);
    request.status = this.answer(req, params, res);
  }

  private answer(req: IncomingMessage, p: Record<string, string>, res: ServerResponse): number {
    if (this.failFirst > 0) {
      this.failFirst--;
      return this.error(res, 500, 'InternalFailure', 'We encountered an internal error.', 'Receiver');
    }
    if (req.method !== 'POST' || p.Action !== 'AssumeRoleWithWebIdentity' || p.Version !== '2011-06-15') {
      return this.error(
        res,
        400,
        'InvalidAction',
        `Could not find operation ${p.Action} for version ${p.Version}`,
      );
    }
    const problems: string[] = [];
    if (!p.RoleArn || p.RoleArn.length < 20)
      problems.push(`Value '${p.RoleArn}' at 'roleArn' failed to satisfy constraint`);
    if (!p.RoleSessionName || !/^[\w+=,.@-]{2,64}$/.test(p.RoleSessionName)) {
      problems.push(
        `Value '${p.RoleSessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`,
      );
    }
    const duration = p.DurationSeconds === undefined ? 3600 : Number(p.DurationSeconds);
    if (!(duration >= 900 && duration <= 43200)) {
      problems.push(`Value '${p.DurationSeconds}' at 'durationSeconds' failed to satisfy constraint`);
    }
    if (problems.length > 0) {
      return this.error(
        res,
        400,
        'ValidationError',
        `${problems.length} validation error detected: ${problems.join('; ')}`,
      );
    }
    let claims: Record<string, unknown>;
    try {
      claims = JSON.parse(Buffer.from(p.WebIdentityToken?.split('.')[1] ?? '', 'base64url').toString('utf8'));
    } catch {
      return this.error(
        res,
        400,
        'InvalidIdentityToken',
        "Couldn't retrieve verification key from your identity provider",
      );
    }
    const sub = String(claims.sub ?? '');
    const aud = String(claims.aud ?? '');
    if (
      p.RoleArn !== this.trust.roleArn ||
      !likeToRegExp(this.trust.sub).test(sub) ||
      aud !== this.trust.audience
    ) {
      return this.error(res, 403, 'AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity');
    }
    const n = ++this.counter;
    const lifetime = this.lifetimeSeconds ?? duration;
    const creds: IssuedCredentials = {
      accessKeyId: `ASIATESTKEY${String(n).padStart(9, '0')}`,
      secretAccessKey: `secret-${n}-wJalrXUtnFEMI/K7MDENG/bPxRfiCY`,
      sessionToken: `session-token-${n}-IQoJb3JpZ2luX2VjEJr`,
      expiration: new Date(Math.floor(Date.now() / 1000 + lifetime) * 1000),
    };
    this.issued.push(creds);
    const account = p.RoleArn.split(':')[4];
    const roleName = p.RoleArn.split('/').slice(1).join('/');
    res.writeHead(200, { 'content-type': 'text/xml' });
    res.end(
      `<AssumeRoleWithWebIdentityResponse xmlns="${STS_NS}">
  <AssumeRoleWithWebIdentityResult>
    <Audience>${xmlEscape(aud)}</Audience>
    <AssumedRoleUser>
      <AssumedRoleId>AROATESTROLEID:${xmlEscape(p.RoleSessionName!)}</AssumedRoleId>
      <Arn>arn:aws:sts::${account}:assumed-role/${xmlEscape(roleName)}/${xmlEscape(p.RoleSessionName!)}</Arn>
    </AssumedRoleUser>
    <Provider>arn:aws:iam::${account}:oidc-provider/token.actions.githubusercontent.com</Provider>
    <Credentials>
      <AccessKeyId>${creds.accessKeyId}</AccessKeyId>
      <SecretAccessKey>${xmlEscape(creds.secretAccessKey)}</SecretAccessKey>
      <SessionToken>${creds.sessionToken}</SessionToken>
      <Expiration>${creds.expiration.toISOString()}</Expiration>
    </Credentials>
    <SubjectFromWebIdentityToken>${xmlEscape(sub)}</SubjectFromWebIdentityToken>
  </AssumeRoleWithWebIdentityResult>
  <ResponseMetadata><RequestId>req-${n}</RequestId></ResponseMetadata>
</AssumeRoleWithWebIdentityResponse>`,
    );
    return 200;
  }

  close(): Promise<void> {
    return close(this.server);
  }
}
