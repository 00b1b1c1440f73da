export const id = 39;
export const ids = [39];
export const modules = {

/***/ 4011:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A_: () => (/* binding */ assumeRoleErrorMessage),
/* harmony export */   BD: () => (/* binding */ expiredCredentialsMessage),
/* harmony export */   FL: () => (/* binding */ credentialProblem),
/* harmony export */   Pp: () => (/* binding */ describeAwsError),
/* harmony export */   lE: () => (/* binding */ CredentialsError),
/* harmony export */   sO: () => (/* binding */ missingCredentialsMessage),
/* harmony export */   sm: () => (/* binding */ isAccessDeniedError),
/* harmony export */   yZ: () => (/* binding */ NO_OIDC_MESSAGE)
/* harmony export */ });
/* unused harmony exports awsErrorCode, httpStatusOf, tokenClaims */
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
/** Credential problems as messages that name the fix (what to change in the workflow, the role or the shell). */

/** A problem that stops the run before any AWS call: no credentials, or a role that cannot be assumed. */
class CredentialsError extends _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .y {
}
function fields(err) {
    return typeof err === 'object' && err !== null ? err : {};
}
/** The AWS error code (AccessDenied, ExpiredTokenException...) or the error's name. */
function awsErrorCode(err) {
    const { name, code, Code } = fields(err);
    for (const value of [Code, code, name])
        if (typeof value === 'string' && value !== '')
            return value;
    return 'Error';
}
function httpStatusOf(err) {
    const status = fields(err).$metadata?.httpStatusCode;
    return typeof status === 'number' ? status : undefined;
}
/** `Code: message` on one line, bounded (the message comes from a server). */
function describeAwsError(err) {
    const code = awsErrorCode(err);
    const { message } = fields(err);
    const text = typeof message === 'string' ? message.replace(/\s+/g, ' ').trim().slice(0, 300) : '';
    return text && text !== code && text !== 'UnknownError' ? `${code}: ${text}` : code;
}
function isAccessDeniedError(err) {
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
function credentialProblem(err) {
    const code = awsErrorCode(err);
    if (err instanceof CredentialsError)
        return err.message;
    if (EXPIRED.has(code)) {
        return (`the AWS credentials have expired (${describeAwsError(err)}): get fresh ones ` +
            `(re-run the job; locally \`aws sso login\` or a new session token), or use a longer role-duration-seconds`);
    }
    if (INVALID.has(code)) {
        return (`the AWS credentials were not accepted (${describeAwsError(err)}): the access key does not exist, was ` +
            `deleted or does not match its secret, or the Region is an opt-in Region that is not enabled in the account`);
    }
    if (code === 'CredentialsProviderError')
        return missingCredentialsMessage(err);
    return undefined;
}
function missingCredentialsMessage(err) {
    const detail = err === undefined ? '' : ` (${describeAwsError(err)})`;
    return (`no AWS credentials found${detail}: in a workflow, set role-to-assume (GitHub OIDC, with ` +
        `\`permissions: id-token: write\`) or run aws-actions/configure-aws-credentials before this step; ` +
        `locally, set AWS_PROFILE (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)`);
}
function expiredCredentialsMessage(source, expiration) {
    return (`the AWS credentials from ${source} expired at ${expiration.toISOString()}: get fresh ones ` +
        `(re-run aws-actions/configure-aws-credentials, \`aws sso login\`, or a new session token)`);
}
const NO_OIDC_MESSAGE = 'role-to-assume is set but this job cannot request a GitHub OIDC token (ACTIONS_ID_TOKEN_REQUEST_URL is not ' +
    'set): the workflow needs `permissions: id-token: write` (at the workflow or the job level; a pull request ' +
    'from a fork never gets it). Without role-to-assume, the AWS SDK default credentials are used instead.';
/** The claims of a JWT, for messages (the signature is not checked: only STS decides). */
function tokenClaims(token) {
    const payload = token.split('.')[1];
    if (!payload)
        return {};
    try {
        const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
        const aud = Array.isArray(claims.aud) ? claims.aud.join(', ') : claims.aud;
        return {
            ...(typeof claims.sub === 'string' ? { sub: claims.sub } : {}),
            ...(typeof aud === 'string' ? { aud } : {}),
        };
    }
    catch {
        return {};
    }
}
/** Why AssumeRoleWithWebIdentity failed, naming what to change. */
function assumeRoleErrorMessage(err, ctx) {
    const code = awsErrorCode(err);
    const claims = tokenClaims(ctx.token);
    const sub = claims.sub ? `; this run's token has sub \`${claims.sub}\`` : '';
    const repoSub = ctx.repository ? `repo:${ctx.repository}:*` : 'repo:OWNER/REPO:*';
    if (isAccessDeniedError(err)) {
        return (`cannot assume ${ctx.roleArn} (${describeAwsError(err)}). The role's trust policy must allow ` +
            `sts:AssumeRoleWithWebIdentity to the federated principal ` +
            `arn:aws:iam::ACCOUNT:oidc-provider/token.actions.githubusercontent.com with the conditions ` +
            `token.actions.githubusercontent.com:sub matching this repository (\`${repoSub}\`${sub}) and ` +
            `token.actions.githubusercontent.com:aud equal to \`${ctx.audience}\` (the audience input).`);
    }
    if (code === 'InvalidIdentityToken') {
        return (`STS rejected the GitHub OIDC token for ${ctx.roleArn} (${describeAwsError(err)}): the account needs an ` +
            `IAM OIDC identity provider for https://token.actions.githubusercontent.com whose audiences include ` +
            `\`${ctx.audience}\`, and the audience input must match it.`);
    }
    if (code === 'ExpiredTokenException') {
        return `the GitHub OIDC token expired before STS checked it (${describeAwsError(err)}): re-run the job.`;
    }
    if (code === 'IDPRejectedClaim' || code === 'IDPCommunicationError') {
        return `STS could not use the GitHub OIDC token for ${ctx.roleArn} (${describeAwsError(err)}).`;
    }
    if (code === 'ValidationError' || code === 'MalformedPolicyDocument') {
        return (`STS refused the request to assume ${ctx.roleArn} (${describeAwsError(err)}): check role-to-assume ` +
            `(an IAM role ARN), role-session-name and role-duration-seconds (at most the role's maximum session ` +
            `duration; 3600 by default).`);
    }
    if (code === 'RegionDisabledException') {
        return `STS is not activated in this Region for the account (${describeAwsError(err)}): choose another region.`;
    }
    return `cannot assume ${ctx.roleArn}: ${describeAwsError(err)}`;
}


/***/ }),

/***/ 6039:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  FL: () => (/* reexport */ errors/* credentialProblem */.FL),
  resolveCredentials: () => (/* binding */ resolveCredentials)
});

// UNUSED EXPORTS: CredentialsError, DEFAULT_AUDIENCE, DEFAULT_DURATION_SECONDS, awsErrorCode, defaultSessionName, describeAwsError, fetchOidcToken, isAccessDeniedError, sessionNameProblem, tokenClaims

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(3838);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-sts/dist-cjs/index.js
var dist_cjs = __webpack_require__(1695);
// EXTERNAL MODULE: ./src/credentials/errors.ts
var errors = __webpack_require__(4011);
;// CONCATENATED MODULE: ./src/credentials/oidc.ts
/** The GitHub Actions OIDC token, from the runner's token endpoint (ACTIONS_ID_TOKEN_REQUEST_URL / _TOKEN). */

/**
 * GETs `ACTIONS_ID_TOKEN_REQUEST_URL&audience=...` with `Authorization: Bearer ACTIONS_ID_TOKEN_REQUEST_TOKEN`
 * and returns the JWT from the answer's `value` (what @actions/core's getIDToken does, with the environment
 * passed in). Network errors and 5xx answers are retried; anything else throws a CredentialsError.
 */
async function fetchOidcToken(options) {
    const { env, audience } = options;
    const requestUrl = env.ACTIONS_ID_TOKEN_REQUEST_URL;
    const requestToken = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
    if (!requestUrl || !requestToken)
        throw new errors/* CredentialsError */.lE(errors/* NO_OIDC_MESSAGE */.yZ);
    let url;
    try {
        url = new URL(requestUrl);
    }
    catch {
        throw new errors/* CredentialsError */.lE('ACTIONS_ID_TOKEN_REQUEST_URL is not a URL: it is set by the runner, do not set it');
    }
    if (audience)
        url.searchParams.set('audience', audience);
    const maxAttempts = options.maxAttempts ?? 3;
    let delay = options.retryDelayMs ?? 500;
    let last = '';
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
        if (attempt > 1) {
            await new Promise((resolve) => setTimeout(resolve, delay));
            delay *= 2;
        }
        let response;
        try {
            response = await fetch(url, {
                headers: { Authorization: `Bearer ${requestToken}`, Accept: 'application/json' },
                signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
            });
        }
        catch (err) {
            last = `cannot reach the OIDC token endpoint: ${err.message}`;
            continue;
        }
        const text = await response.text().catch(() => '');
        if (response.status >= 500) {
            last = `the OIDC token endpoint answered HTTP ${response.status}`;
            continue;
        }
        if (!response.ok) {
            const hint = response.status === 401 || response.status === 403
                ? ': the request token was refused (it is valid only during the job that received it)'
                : '';
            throw new errors/* CredentialsError */.lE(`cannot get the GitHub OIDC token: HTTP ${response.status}${hint}`);
        }
        let value;
        try {
            value = JSON.parse(text).value;
        }
        catch {
            value = undefined;
        }
        if (typeof value !== 'string' || value === '') {
            throw new errors/* CredentialsError */.lE('cannot get the GitHub OIDC token: the answer has no token (`value`)');
        }
        return value;
    }
    throw new errors/* CredentialsError */.lE(`cannot get the GitHub OIDC token after ${maxAttempts} attempts: ${last}`);
}

;// CONCATENATED MODULE: ./src/credentials/session-name.ts
/** STS role session names: `[\w+=,.@-]`, 2 to 64 characters. */
const SESSION_NAME_PATTERN = /^[\w+=,.@-]{2,64}$/;
const MAX_LENGTH = 64;
const PREFIX = 'cloudtrail-audit';
/**
 * The default session name: `cloudtrail-audit@OWNER.REPO-RUNID`, from GITHUB_REPOSITORY and GITHUB_RUN_ID,
 * made valid for STS (other characters become `-`) and at most 64 characters: the repository part is shortened
 * so that the run id, which tells CloudTrail readers which run it was, always survives.
 */
function defaultSessionName(env) {
    const repo = clean((env.GITHUB_REPOSITORY ?? '').replace('/', '.'));
    const runId = clean(env.GITHUB_RUN_ID ?? '').slice(0, 20);
    let name = PREFIX;
    if (repo)
        name += `@${repo}`;
    if (runId) {
        const suffix = `-${runId}`;
        name = name.slice(0, MAX_LENGTH - suffix.length) + suffix;
    }
    return name.slice(0, MAX_LENGTH);
}
/** Null when `name` is a valid session name, else why not (for an error that names the fix). */
function sessionNameProblem(name) {
    if (name.length < 2 || name.length > MAX_LENGTH) {
        return `role-session-name must be 2 to 64 characters long (it has ${name.length})`;
    }
    if (!SESSION_NAME_PATTERN.test(name)) {
        return 'role-session-name may only contain letters, digits and the characters _+=,.@-';
    }
    return null;
}
function clean(text) {
    return text.replace(/[^\w+=,.@-]/g, '-');
}

;// CONCATENATED MODULE: ./src/credentials/index.ts
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








const DEFAULT_AUDIENCE = 'sts.amazonaws.com';
const DEFAULT_DURATION_SECONDS = 3600;
/** Assumed-role credentials are renewed this long before they expire. */
const REFRESH_MARGIN_MS = 5 * 60_000;
/**
 * Credentials for the AWS sources, checked now (so a run without them fails before it starts, with a message
 * that names the fix): throws CredentialsError.
 */
async function resolveCredentials(options = {}) {
    const env = options.env ?? process.env;
    const region = options.region || env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1';
    const mask = options.mask ?? ((secret) => core/* setSecret */.Pq(secret));
    const role = options.roleToAssume?.trim();
    return role
        ? assumeRoleWithOidc({ ...options, roleToAssume: role }, env, region, mask)
        : defaultChain(region);
}
async function assumeRoleWithOidc(options, env, region, mask) {
    const roleArn = options.roleToAssume;
    if (!/^arn:aws[\w-]*:iam::\d{12}:role\/.+/.test(roleArn)) {
        throw new errors/* CredentialsError */.lE(`role-to-assume must be an IAM role ARN (arn:aws:iam::123456789012:role/NAME), not '${roleArn.slice(0, 200)}'`);
    }
    const sessionName = options.roleSessionName?.trim() || defaultSessionName(env);
    const nameProblem = sessionNameProblem(sessionName);
    if (nameProblem)
        throw new errors/* CredentialsError */.lE(nameProblem);
    const duration = options.durationSeconds ?? DEFAULT_DURATION_SECONDS;
    if (!Number.isInteger(duration) || duration < 900 || duration > 43200) {
        throw new errors/* CredentialsError */.lE(`role-duration-seconds must be a whole number from 900 to 43200 (and at most the role's maximum session duration), not ${duration}`);
    }
    const audience = options.audience?.trim() || DEFAULT_AUDIENCE;
    const assume = async () => {
        const token = await fetchOidcToken({
            audience,
            env,
            ...(options.oidcRetryDelayMs !== undefined ? { retryDelayMs: options.oidcRetryDelayMs } : {}),
        });
        mask(token);
        // AssumeRoleWithWebIdentity is not signed: the client needs no credentials of its own.
        const client = new dist_cjs/* STSClient */.iM({ region, maxAttempts: 3 });
        try {
            const answer = await client.send(new dist_cjs/* AssumeRoleWithWebIdentityCommand */.WH({
                RoleArn: roleArn,
                RoleSessionName: sessionName,
                WebIdentityToken: token,
                DurationSeconds: duration,
            }));
            const creds = answer.Credentials;
            if (!creds?.AccessKeyId || !creds.SecretAccessKey || !creds.SessionToken) {
                throw new errors/* CredentialsError */.lE(`STS answered AssumeRoleWithWebIdentity for ${roleArn} without credentials`);
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
        }
        catch (err) {
            if (err instanceof errors/* CredentialsError */.lE)
                throw err;
            const repository = env.GITHUB_REPOSITORY;
            throw new errors/* CredentialsError */.lE((0,errors/* assumeRoleErrorMessage */.A_)(err, { roleArn, audience, token, ...(repository ? { repository } : {}) }));
        }
        finally {
            client.destroy();
        }
    };
    let current = await assume();
    let pending;
    const credentials = async () => {
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
function strip(identity) {
    const { accessKeyId, secretAccessKey, sessionToken, expiration } = identity;
    return {
        accessKeyId,
        secretAccessKey,
        ...(sessionToken ? { sessionToken } : {}),
        ...(expiration ? { expiration } : {}),
    };
}
/** Where the default chain found its credentials, from the SDK's `$source` feature ids. */
const CHAIN_SOURCES = [
    ['CREDENTIALS_ENV_VARS_STS_WEB_ID_TOKEN', 'AWS_WEB_IDENTITY_TOKEN_FILE'],
    ['CREDENTIALS_ENV_VARS', 'the environment (AWS_ACCESS_KEY_ID)'],
    ['CREDENTIALS_PROFILE_SSO', 'an SSO profile'],
    ['CREDENTIALS_SSO', 'an SSO profile'],
    ['CREDENTIALS_PROFILE_PROCESS', 'a credential_process profile'],
    ['CREDENTIALS_PROFILE', 'a shared config profile'],
    ['CREDENTIALS_HTTP', 'the container credentials endpoint'],
    ['CREDENTIALS_IMDS', 'the instance metadata service'],
];
function chainSource(identity) {
    const source = identity.$source ?? {};
    for (const [feature, name] of CHAIN_SOURCES)
        if (feature in source)
            return name;
    return 'the default credential provider chain';
}
async function defaultChain(region) {
    // A client's default credentials are the SDK's provider chain (environment, profile, SSO, web identity
    // token file, container, instance metadata), memoized and refreshed before expiry. One chain for all clients.
    const client = new dist_cjs/* STSClient */.iM({ region });
    const chain = client.config.credentials;
    client.destroy();
    const credentials = async () => {
        let identity;
        try {
            identity = await chain();
        }
        catch (err) {
            const text = (0,errors/* describeAwsError */.Pp)(err);
            if (/expired|refresh/i.test(text)) {
                throw new errors/* CredentialsError */.lE(`the AWS credentials have expired (${text}): get fresh ones (\`aws sso login\`, or re-run aws-actions/configure-aws-credentials)`);
            }
            throw new errors/* CredentialsError */.lE((0,errors/* credentialProblem */.FL)(err) ?? (0,errors/* missingCredentialsMessage */.sO)(err));
        }
        if (identity.expiration && identity.expiration.getTime() <= Date.now()) {
            throw new errors/* CredentialsError */.lE((0,errors/* expiredCredentialsMessage */.BD)(chainSource(identity), identity.expiration));
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


/***/ })

};
