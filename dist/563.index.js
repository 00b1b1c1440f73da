export const id = 563;
export const ids = [563];
export const modules = {

/***/ 9462:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   i: () => (/* binding */ basePrefix)
/* harmony export */ });
/** Where a CloudTrail trail delivers its files: `[prefix/]AWSLogs/[o-org/]ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/`. */
/**
 * The key prefix above `AWSLogs/`: `""` or `"path/"`. Slashes at either end are dropped, and a trailing
 * `AWSLogs` segment too (`logs/AWSLogs` means the trail prefix `logs`).
 */
function basePrefix(prefix) {
    const parts = (prefix ?? '').split('/').filter((part) => part !== '');
    if (parts[parts.length - 1] === 'AWSLogs')
        parts.pop();
    return parts.length === 0 ? '' : `${parts.join('/')}/`;
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


/***/ }),

/***/ 3582:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   j: () => (/* binding */ Semaphore),
/* harmony export */   s: () => (/* binding */ mapLimit)
/* harmony export */ });
/** Small helpers to bound how many requests are in flight. */
/** A counting semaphore: at most `limit` holders at a time, served in arrival order. */
class Semaphore {
    limit;
    active = 0;
    waiting = [];
    constructor(limit) {
        this.limit = limit;
    }
    async acquire() {
        if (this.active < this.limit) {
            this.active++;
            return;
        }
        await new Promise((resolve) => this.waiting.push(resolve));
    }
    release() {
        const next = this.waiting.shift();
        if (next)
            next(); // the slot passes to the next waiter
        else
            this.active--;
    }
    async use(fn) {
        await this.acquire();
        try {
            return await fn();
        }
        finally {
            this.release();
        }
    }
}
/** `fn` over `items` with at most `limit` calls running; results in the items' order. Rejects on the first error. */
async function mapLimit(items, limit, fn) {
    const results = new Array(items.length);
    let next = 0;
    let failed = false;
    const worker = async () => {
        while (!failed && next < items.length) {
            const index = next++;
            try {
                results[index] = await fn(items[index], index);
            }
            catch (err) {
                failed = true;
                throw err;
            }
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    return results;
}


/***/ }),

/***/ 9190:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CA: () => (/* binding */ errorCode),
/* harmony export */   Ek: () => (/* binding */ listingErrorMessage),
/* harmony export */   Or: () => (/* binding */ attemptsOf),
/* harmony export */   Uc: () => (/* binding */ describeError),
/* harmony export */   od: () => (/* binding */ S3SourceError),
/* harmony export */   rV: () => (/* binding */ isAbort),
/* harmony export */   u1: () => (/* binding */ getErrorMessage),
/* harmony export */   w7: () => (/* binding */ isAccessDenied)
/* harmony export */ });
/* unused harmony exports httpStatus, permissionsHint */
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
/* harmony import */ var _credentials_index_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6039);
/** What S3 errors mean for the user, in messages that name the fix. */


/** A problem that stops the S3 source (the trail's logs cannot be found or listed at all). */
class S3SourceError extends _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .y {
}
function fields(err) {
    return typeof err === 'object' && err !== null ? err : {};
}
/** The S3 error code (AccessDenied, NoSuchKey...) or the error's name. */
function errorCode(err) {
    const { name, code, Code } = fields(err);
    for (const value of [Code, code, name])
        if (typeof value === 'string' && value !== '')
            return value;
    return 'Error';
}
function httpStatus(err) {
    const status = fields(err).$metadata?.httpStatusCode;
    return typeof status === 'number' ? status : undefined;
}
/** HTTP attempts the SDK made for a request that failed (its retries included); 1 when it does not say. */
function attemptsOf(err) {
    const attempts = fields(err).$metadata?.attempts;
    return typeof attempts === 'number' && attempts > 0 ? attempts : 1;
}
function isAccessDenied(err) {
    const code = errorCode(err);
    return code === 'AccessDenied' || code === 'AllAccessDisabled' || httpStatus(err) === 403;
}
function isAbort(err) {
    const { name, code } = fields(err);
    return name === 'AbortError' || code === 'ABORT_ERR';
}
/** `Code: message` of an SDK error, on one line and bounded (the message comes from the server). */
function describeError(err) {
    const code = errorCode(err);
    const { message } = fields(err);
    const text = typeof message === 'string' ? message.replace(/\s+/g, ' ').trim().slice(0, 300) : '';
    const status = httpStatus(err);
    const head = status !== undefined && status >= 400 ? `${code} (HTTP ${status})` : code;
    return text && text !== code && text !== 'UnknownError' ? `${head}: ${text}` : head;
}
/** The permissions the S3 source needs, for error messages. */
function permissionsHint(bucket, keyPrefix) {
    return (`The credentials need s3:ListBucket on arn:aws:s3:::${bucket} (for the prefix "${keyPrefix}", ` +
        `if the policy has an s3:prefix condition), s3:GetObject on arn:aws:s3:::${bucket}/${keyPrefix}*, ` +
        `and kms:Decrypt on the trail's KMS key when the logs are encrypted with SSE-KMS; ` +
        `the bucket policy must not deny them.`);
}
/** Why listing `prefix` failed, naming the fix. */
function listingErrorMessage(err, bucket, prefix, base) {
    const where = `s3://${bucket}/${prefix}`;
    const code = errorCode(err);
    const credentials = (0,_credentials_index_js__WEBPACK_IMPORTED_MODULE_1__/* .credentialProblem */ .FL)(err);
    if (credentials)
        return `cannot list ${where}: ${credentials}`;
    if (isAccessDenied(err)) {
        return `access denied listing ${where} (ListObjectsV2: ${describeError(err)}). ${permissionsHint(bucket, base)}`;
    }
    if (code === 'NoSuchBucket') {
        return `bucket "${bucket}" does not exist (listing ${where}): check the bucket name (s3-bucket)`;
    }
    if (code === 'PermanentRedirect' || code === 'AuthorizationHeaderMalformed' || httpStatus(err) === 301) {
        return `cannot list ${where}: the bucket is in another region than the client's (${describeError(err)})`;
    }
    return `cannot list ${where}: ${describeError(err)}`;
}
/** Why fetching one object failed. */
function getErrorMessage(err, bucket, key, attempts) {
    const code = errorCode(err);
    const credentials = (0,_credentials_index_js__WEBPACK_IMPORTED_MODULE_1__/* .credentialProblem */ .FL)(err);
    if (credentials)
        return credentials;
    if (isAccessDenied(err)) {
        return (`access denied (GetObject: ${describeError(err)}): the credentials need s3:GetObject on ` +
            `arn:aws:s3:::${bucket}/${key}, and kms:Decrypt on the trail's KMS key when the logs use SSE-KMS`);
    }
    if (code === 'NoSuchKey')
        return 'object no longer exists (NoSuchKey): deleted after it was listed';
    if (code === 'InvalidObjectState') {
        return `object is archived (InvalidObjectState: ${describeError(err)}): restore it from Glacier to read it`;
    }
    return `cannot fetch after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${describeError(err)}`;
}


/***/ }),

/***/ 3563:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ACCOUNT_ID: () => (/* reexport */ ACCOUNT_ID),
  DEFAULT_CONCURRENCY: () => (/* binding */ DEFAULT_CONCURRENCY),
  DEFAULT_DELIVERY_MARGIN_MINUTES: () => (/* binding */ DEFAULT_DELIVERY_MARGIN_MINUTES),
  DEFAULT_HISTORY_MAX_BYTES: () => (/* binding */ DEFAULT_HISTORY_MAX_BYTES),
  DEFAULT_MAX_ATTEMPTS: () => (/* reexport */ DEFAULT_MAX_ATTEMPTS),
  MIN_DELIVERY_MARGIN_MINUTES: () => (/* binding */ MIN_DELIVERY_MARGIN_MINUTES),
  ORGANIZATION_ID: () => (/* reexport */ ORGANIZATION_ID),
  S3SourceError: () => (/* reexport */ errors/* S3SourceError */.od),
  createS3Client: () => (/* reexport */ createS3Client),
  dayFolders: () => (/* reexport */ dayFolders),
  deliveryRange: () => (/* reexport */ deliveryRange),
  deliveryTime: () => (/* reexport */ deliveryTime),
  listTrailFolders: () => (/* binding */ listTrailFolders),
  objectUri: () => (/* reexport */ objectUri),
  readS3: () => (/* binding */ readS3)
});

// EXTERNAL MODULE: ./src/sources/files/index.ts + 4 modules
var files = __webpack_require__(9519);
// EXTERNAL MODULE: ./src/sources/s3/concurrency.ts
var concurrency = __webpack_require__(3582);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-s3/dist-cjs/index.js
var dist_cjs = __webpack_require__(3711);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
// EXTERNAL MODULE: ./src/sources/sleep.ts
var sleep = __webpack_require__(1813);
// EXTERNAL MODULE: ./src/sources/s3/errors.ts
var errors = __webpack_require__(9190);
;// CONCATENATED MODULE: ./src/sources/s3/download.ts
/**
 * Fetches the selected objects with bounded concurrency and parses them in key order.
 *
 * At most `concurrency` GetObject requests are in flight. Objects are fetched ahead of the one being parsed
 * (at most `readAhead` objects and `readAheadBytes` compressed bytes ahead), their compressed bytes held in
 * memory; decompression and parsing stream from those bytes (readRecords), one object at a time, in order, so
 * the output does not depend on which download finishes first. Holding the bytes lets a transfer that breaks
 * off mid-body (connection reset, stalled socket, short body) be fetched again from the start without
 * yielding any record twice; the SDK itself retries failed requests (5xx, throttling, timeouts) before the
 * body starts. An object larger than `readAheadBytes` is not held: it is streamed straight from the response
 * when its turn comes (a break in its body is reported, after the records read before it).
 */






function getObject(options, key) {
    const { bucket, expectedBucketOwner } = options;
    return new dist_cjs/* GetObjectCommand */.jLs({
        Bucket: bucket,
        Key: key,
        ...(expectedBucketOwner !== undefined ? { ExpectedBucketOwner: expectedBucketOwner } : {}),
    });
}
/** `s3://bucket/key`: how an object is named in reports. */
function objectUri(bucket, key) {
    return `s3://${bucket}/${key}`;
}
/** The records of `objects`, in their order (see the module comment). */
async function* fetchInOrder(objects, options, reporter) {
    const controller = new AbortController();
    const outer = options.signal;
    const onAbort = () => controller.abort();
    if (outer?.aborted)
        return;
    outer?.addEventListener('abort', onAbort, { once: true });
    const signal = controller.signal;
    const semaphore = new concurrency/* Semaphore */.j(options.concurrency);
    const parse = { signal, ...(options.maxRecordChars ? { maxRecordChars: options.maxRecordChars } : {}) };
    const pending = new Map();
    let started = 0; // objects before this index were started (or left to be streamed)
    let bytesAhead = 0;
    const topUp = (from) => {
        while (started < objects.length && started - from < options.readAhead) {
            const { key, size } = objects[started];
            if (size > options.readAheadBytes) {
                started++; // streamed at its turn
                continue;
            }
            if (bytesAhead + size > options.readAheadBytes && pending.size > 0)
                break;
            const task = download(key, options, semaphore, signal);
            task.catch(() => { }); // rejects only when aborted; awaited below otherwise
            pending.set(started, task);
            bytesAhead += size;
            started++;
        }
    };
    try {
        for (let i = 0; i < objects.length; i++) {
            if (signal.aborted)
                return;
            topUp(i);
            const { key, size } = objects[i];
            const uri = objectUri(options.bucket, key);
            const task = pending.get(i);
            if (task === undefined) {
                yield* streamObject(key, uri, options, semaphore, reporter, parse);
                continue;
            }
            let fetched;
            try {
                fetched = await task;
            }
            catch (err) {
                if ((0,errors/* isAbort */.rV)(err) || signal.aborted)
                    return;
                throw err;
            }
            pending.delete(i);
            bytesAhead -= size;
            topUp(i + 1); // the next downloads run while this object is parsed
            if (!fetched.ok) {
                reporter.error({ file: uri }, fetched.message);
                continue;
            }
            yield* (0,files/* readRecords */.T3)(uri, external_node_stream_.Readable.from([fetched.body], { objectMode: false }), reporter, parse);
        }
    }
    finally {
        outer?.removeEventListener('abort', onAbort);
        controller.abort(); // the consumer stopped early (or an error): abandon downloads still in flight
    }
}
/** One object's bytes, fetched again from the start when its body breaks off. Rejects only when aborted. */
async function download(key, options, semaphore, signal) {
    const { client, bucket, stats } = options;
    for (let attempt = 1;; attempt++) {
        let broken;
        await semaphore.acquire();
        try {
            if (signal.aborted)
                throw signal.reason;
            let output;
            try {
                output = await client.send(getObject(options, key), {
                    abortSignal: signal,
                });
            }
            catch (err) {
                stats.apiCalls += (0,errors/* attemptsOf */.Or)(err);
                if ((0,errors/* isAbort */.rV)(err) || signal.aborted)
                    throw err;
                // The SDK has already retried what was worth retrying.
                return { ok: false, message: (0,errors/* getErrorMessage */.u1)(err, bucket, key, (0,errors/* attemptsOf */.Or)(err)) };
            }
            stats.apiCalls += output.$metadata.attempts ?? 1;
            try {
                const body = await readBody(output.Body, options.bodyIdleTimeoutMs, signal);
                if (output.ContentLength !== undefined && body.length !== output.ContentLength) {
                    throw new Error(`short body: ${body.length} of ${output.ContentLength} bytes`);
                }
                return { ok: true, body };
            }
            catch (err) {
                if ((0,errors/* isAbort */.rV)(err) || signal.aborted)
                    throw err;
                broken = err;
            }
        }
        finally {
            semaphore.release();
        }
        if (attempt >= options.bodyAttempts) {
            return {
                ok: false,
                message: `cannot fetch: the transfer broke off ${attempt} time${attempt === 1 ? '' : 's'} (last: ${(0,errors/* describeError */.Uc)(broken)})`,
            };
        }
        const delay = options.retryBaseDelayMs * 2 ** (attempt - 1);
        await (0,sleep/* sleep */.y)(delay / 2 + Math.random() * (delay / 2), signal);
    }
}
/** All of a body's bytes; fails when it breaks off or sends nothing for `idleMs`. */
function readBody(body, idleMs, signal) {
    if (body === undefined)
        return Promise.resolve(Buffer.alloc(0));
    return new Promise((resolve, reject) => {
        const chunks = [];
        let timer;
        let done = false;
        const finish = (err) => {
            if (done)
                return;
            done = true;
            clearTimeout(timer);
            signal.removeEventListener('abort', onAbort);
            body.off('data', onData);
            body.off('end', onEnd);
            body.off('error', onError);
            body.off('close', onClose);
            if (err !== undefined) {
                body.on('error', () => { }); // late errors from the destroyed stream
                body.destroy();
                reject(err);
            }
            else {
                resolve(Buffer.concat(chunks));
            }
        };
        const arm = () => {
            clearTimeout(timer);
            timer = setTimeout(() => {
                const err = new Error(`no data for ${idleMs} ms`);
                err.name = 'TimeoutError';
                finish(err);
            }, idleMs);
        };
        const onData = (chunk) => {
            chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
            arm();
        };
        const onEnd = () => finish();
        const onError = (err) => finish(err);
        const onClose = () => finish(new Error('connection closed before the end of the body'));
        const onAbort = () => finish(signal.reason);
        signal.addEventListener('abort', onAbort, { once: true });
        body.on('data', onData);
        body.once('end', onEnd);
        body.once('error', onError);
        body.once('close', onClose);
        arm();
    });
}
/** An object too large to hold: its records straight from the response body, in the semaphore's slot. */
async function* streamObject(key, uri, options, semaphore, reporter, parse) {
    const { client, bucket, stats } = options;
    await semaphore.acquire();
    try {
        if (parse.signal.aborted)
            return;
        let output;
        try {
            output = await client.send(getObject(options, key), {
                abortSignal: parse.signal,
            });
        }
        catch (err) {
            stats.apiCalls += (0,errors/* attemptsOf */.Or)(err);
            if ((0,errors/* isAbort */.rV)(err) || parse.signal.aborted)
                return;
            reporter.error({ file: uri }, (0,errors/* getErrorMessage */.u1)(err, bucket, key, (0,errors/* attemptsOf */.Or)(err)));
            return;
        }
        stats.apiCalls += output.$metadata.attempts ?? 1;
        const body = output.Body ?? external_node_stream_.Readable.from([]);
        yield* (0,files/* readRecords */.T3)(uri, body, reporter, parse);
    }
    finally {
        semaphore.release();
    }
}

;// CONCATENATED MODULE: ./src/sources/s3/layout.ts
/**
 * The key layout of CloudTrail log files in S3, as pure functions (no I/O):
 *
 *   [prefix/]AWSLogs/[o-ORGID/]ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/ACCOUNT_CloudTrail_REGION_YYYYMMDDTHHmmZ_UNIQUE.json.gz
 *
 * `CloudTrail-Digest/` and `CloudTrail-Insight/` are siblings of `CloudTrail/` under the account: the source
 * lists `ACCOUNT/CloudTrail/` only, so they are never listed nor fetched.
 *
 * The time in a file's name is when CloudTrail delivered it (to the minute), and the day folder is that
 * delivery's UTC day: an event at 23:58 is usually delivered a few minutes later, into the next day's folder.
 */
/** An AWS organization id as it appears in an organization trail's keys. */
const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;
/** A 12-digit AWS account id. */
const ACCOUNT_ID = /^\d{12}$/;
const MINUTE = 60_000;
const DAY = 86_400_000;
/** The delivery time in a log file name (`..._20240603T2355Z_...`), epoch ms; undefined when there is none. */
function deliveryTime(key) {
    const name = key.slice(key.lastIndexOf('/') + 1);
    const match = /_(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})Z(?:_|\.)/.exec(name);
    if (!match)
        return undefined;
    const [year, month, day, hour, minute] = match.slice(1).map(Number);
    const time = Date.UTC(year, month - 1, day, hour, minute);
    const date = new Date(time);
    // Reject impossible dates (20240231, T2460) rather than let Date.UTC roll them over.
    if (date.getUTCFullYear() !== year ||
        date.getUTCMonth() !== month - 1 ||
        date.getUTCDate() !== day ||
        date.getUTCHours() !== hour ||
        date.getUTCMinutes() !== minute) {
        return undefined;
    }
    return time;
}
/**
 * Which delivery times to read for events in [start, end]: from `start` rounded down to its minute (a name
 * carries minutes only, so a file named T2000Z may hold an event at 20:00:30) to `end` plus the delivery margin
 * (CloudTrail delivers within about 15 minutes of the call, usually 5).
 */
function deliveryRange(window, marginMinutes) {
    return { from: Math.floor(window.start / MINUTE) * MINUTE, to: window.end + marginMinutes * MINUTE };
}
/** `YYYY/MM/DD/` of each UTC day from the one of `from` to the one of `to`, in order. */
function dayFolders(range) {
    const folders = [];
    for (let day = Math.floor(range.from / DAY) * DAY; day <= range.to; day += DAY) {
        const date = new Date(day);
        const mm = String(date.getUTCMonth() + 1).padStart(2, '0');
        const dd = String(date.getUTCDate()).padStart(2, '0');
        folders.push(`${String(date.getUTCFullYear()).padStart(4, '0')}/${mm}/${dd}/`);
    }
    return folders;
}
/** The last segment of a common prefix (`a/b/c/` → `c`). */
function lastSegment(commonPrefix) {
    const trimmed = commonPrefix.endsWith('/') ? commonPrefix.slice(0, -1) : commonPrefix;
    return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}
/** Code-unit order, independent of the locale (as S3 lists ASCII keys). */
function compareKeys(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}

// EXTERNAL MODULE: ./src/core/trail-layout.ts
var trail_layout = __webpack_require__(9462);
;// CONCATENATED MODULE: ./src/sources/s3/listing.ts
/** One "folder" of a bucket, listed with ListObjectsV2 and the delimiter `/`, all pages. */


/** Lists `prefix` (ending in `/`) with the delimiter `/`: its objects and its sub-folders. Throws SDK errors. */
async function listFolder(ctx, prefix) {
    const folders = [];
    const objects = [];
    const tokens = new Set();
    let token;
    for (let page = 0;; page++) {
        if (page >= ctx.maxPages) {
            throw new Error(`more than ${ctx.maxPages} pages of ListObjectsV2 under one folder: listing stopped`);
        }
        let output;
        try {
            output = await ctx.client.send(new dist_cjs/* ListObjectsV2Command */.u6x({
                Bucket: ctx.bucket,
                Prefix: prefix,
                Delimiter: '/',
                ...(ctx.expectedBucketOwner !== undefined ? { ExpectedBucketOwner: ctx.expectedBucketOwner } : {}),
                ...(token !== undefined ? { ContinuationToken: token } : {}),
            }), { abortSignal: ctx.signal });
        }
        catch (err) {
            ctx.stats.apiCalls += (0,errors/* attemptsOf */.Or)(err);
            throw err;
        }
        ctx.stats.apiCalls += output.$metadata.attempts ?? 1;
        for (const common of output.CommonPrefixes ?? []) {
            if (common.Prefix !== undefined)
                folders.push(common.Prefix);
        }
        for (const object of output.Contents ?? []) {
            if (object.Key !== undefined)
                objects.push({ key: object.Key, size: object.Size ?? 0 });
        }
        const next = output.NextContinuationToken;
        if (!output.IsTruncated || next === undefined || next === '')
            break;
        if (tokens.has(next))
            throw new Error('ListObjectsV2 returned the same continuation token twice');
        tokens.add(next);
        token = next;
    }
    return { folders, objects };
}

;// CONCATENATED MODULE: ./src/sources/s3/client.ts
/** An S3 client configured for reading trail buckets; the caller owns it (and destroys it when done). */

const DEFAULT_MAX_ATTEMPTS = 5;
function createS3Client(options) {
    const config = {
        region: options.region,
        maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
        followRegionRedirects: true,
        forcePathStyle: options.forcePathStyle ?? false,
        requestHandler: {
            connectionTimeout: options.connectionTimeoutMs ?? 10_000,
            socketTimeout: options.socketTimeoutMs ?? 60_000,
        },
    };
    if (options.credentials !== undefined)
        config.credentials = options.credentials;
    if (options.endpoint !== undefined)
        config.endpoint = options.endpoint;
    return new dist_cjs/* S3Client */.YxF(config);
}

;// CONCATENATED MODULE: ./src/sources/s3/index.ts











const DEFAULT_CONCURRENCY = 8;
/** The history a first run reads at most: 1 GiB of compressed log files (a few minutes of reading). */
const DEFAULT_HISTORY_MAX_BYTES = 2 ** 30;
const DEFAULT_DELIVERY_MARGIN_MINUTES = 60;
const MIN_DELIVERY_MARGIN_MINUTES = 30;
const DAY_MS = 86_400_000;
const NOT_A_LOG_FILE = 'no delivery time in the file name (not a CloudTrail log file)';
/**
 * CloudTrail records from the log files that a trail delivered to S3 around `window` (see the module comment),
 * in key order. Throws S3SourceError before the first record when the logs cannot be found or listed.
 */
async function* readS3(options, reporter, stats) {
    const settings = validate(options);
    const { bucket, client, signal } = options;
    const list = { client, bucket, stats, maxPages: settings.maxPages };
    if (signal)
        list.signal = signal;
    if (options.expectedBucketOwner !== undefined)
        list.expectedBucketOwner = options.expectedBucketOwner;
    const base = (0,trail_layout/* basePrefix */.i)(options.prefix);
    const logs = `${base}AWSLogs/`;
    const folders = await discover(options, settings, list, base, logs, reporter);
    if (signal?.aborted)
        return;
    // The day folders of every trail folder; the files whose delivery time is in range.
    const range = deliveryRange(options.window, settings.margin);
    const history = options.history && options.history.since < range.from ? options.history : undefined;
    const days = dayFolders(history ? { from: history.since, to: range.to } : range);
    const dayPrefixes = folders.flatMap((folder) => days.map((day) => `${folder.prefix}${day}`));
    let objectsListed = 0;
    const listings = await (0,concurrency/* mapLimit */.s)(dayPrefixes, settings.concurrency, async (prefix) => {
        if (signal?.aborted)
            return [];
        try {
            return (await listFolder(list, prefix)).objects;
        }
        catch (err) {
            if ((0,errors/* isAbort */.rV)(err) || signal?.aborted)
                return [];
            reporter.error({ file: objectUri(bucket, prefix) }, (0,errors/* listingErrorMessage */.Ek)(err, bucket, prefix, base));
            return [];
        }
    });
    if (signal?.aborted)
        return;
    const selected = [];
    const past = [];
    for (const object of listings.flat()) {
        objectsListed++;
        const name = object.key.slice(object.key.lastIndexOf('/') + 1);
        if (!(0,files/* isEventFileName */.iH)(name))
            continue; // not a log file (a folder marker, a stray README): ignored, as in folders
        const time = deliveryTime(name);
        if (time === undefined) {
            reporter.fileSkipped(objectUri(bucket, object.key), NOT_A_LOG_FILE);
            continue;
        }
        if (time >= range.from && time <= range.to)
            selected.push(object);
        else if (history && time >= Math.floor(history.since / 60_000) * 60_000 && time < range.from)
            past.push({ ...object, time });
    }
    const historyPlan = history
        ? historyWithin(past, options.historyMaxBytes ?? DEFAULT_HISTORY_MAX_BYTES, history.since, settings.margin * 60_000)
        : undefined;
    if (historyPlan)
        selected.push(...historyPlan.objects);
    selected.sort((a, b) => compareKeys(a.key, b.key));
    options.onPlan?.({
        root: objectUri(bucket, logs),
        folders,
        days,
        delivery: { from: new Date(range.from).toISOString(), to: new Date(range.to).toISOString() },
        objectsListed,
        objectsSelected: selected.length,
        bytesSelected: selected.reduce((sum, object) => sum + object.size, 0),
        ...(history && historyPlan
            ? {
                history: {
                    from: new Date(history.since).toISOString(),
                    objectsListed: past.length,
                    bytesListed: historyPlan.listed,
                    objectsSelected: historyPlan.objects.length,
                    bytesSelected: historyPlan.bytes,
                },
            }
            : {}),
    });
    // A history file that cannot be read leaves the history incomplete: noted as it is reported.
    const historyUris = new Set(historyPlan?.objects.map((o) => objectUri(bucket, o.key)));
    let historyBroken = false;
    const watched = historyPlan
        ? {
            fileRead: (file) => reporter.fileRead(file),
            fileSkipped: (file, reason) => reporter.fileSkipped(file, reason),
            error(origin, message, recordsLost) {
                if (historyUris.has(origin.file))
                    historyBroken = true;
                reporter.error(origin, message, recordsLost);
            },
        }
        : reporter;
    yield* fetchInOrder(selected, {
        client,
        bucket,
        stats,
        ...(options.expectedBucketOwner !== undefined
            ? { expectedBucketOwner: options.expectedBucketOwner }
            : {}),
        concurrency: settings.concurrency,
        readAhead: settings.readAhead,
        readAheadBytes: settings.readAheadBytes,
        bodyAttempts: settings.bodyAttempts,
        bodyIdleTimeoutMs: settings.bodyIdleTimeoutMs,
        retryBaseDelayMs: settings.retryBaseDelayMs,
        ...(options.maxRecordChars !== undefined ? { maxRecordChars: options.maxRecordChars } : {}),
        ...(signal ? { signal } : {}),
    }, watched);
    if (!history || !historyPlan || signal?.aborted)
        return;
    const start = options.window.start;
    const complete = !historyBroken && historyPlan.from !== undefined;
    if (complete)
        history.delivered(historyPlan.from);
    // A rule is served when the history read reaches back its own history window.
    const served = history.ruleIds.filter((id) => complete && historyPlan.from <= start - (history.spans.get(id) ?? Infinity));
    options.onCoverage?.({
        budget: {
            of: 'S3 bytes read for the history',
            unit: 'bytes',
            limit: options.historyMaxBytes ?? DEFAULT_HISTORY_MAX_BYTES,
            estimated: historyPlan.listed,
            spent: historyPlan.bytes,
        },
        partial: [],
        history: {
            since: new Date(historyPlan.from ?? start).toISOString(),
            until: new Date(start).toISOString(),
            served,
            notServed: history.ruleIds.filter((id) => !served.includes(id)),
            spent: historyPlan.bytes,
        },
    });
}
/**
 * The history's files within the budget: all of them, or the newest ones whose sizes fit, whole minutes of
 * deliveries at a time. A file delivered at T holds events up to T, so every event from the oldest delivery read on
 * is at hand: `from`, or the history's start itself when every file fits and the trail was delivering then (its
 * oldest file is within the delivery margin of it). Undefined when nothing was read: a trail with no files before
 * the window tells nothing about what happened then.
 */
function historyWithin(past, maxBytes, since, marginMs) {
    const listed = past.reduce((sum, o) => sum + o.size, 0);
    const newest = [...past].sort((a, b) => b.time - a.time);
    const objects = [];
    let bytes = 0;
    let oldest;
    for (let i = 0; i < newest.length;) {
        const minute = newest[i].time;
        let j = i;
        let size = 0;
        while (j < newest.length && newest[j].time === minute)
            size += newest[j++].size;
        if (bytes + size > maxBytes)
            break;
        for (const o of newest.slice(i, j))
            objects.push({ key: o.key, size: o.size });
        bytes += size;
        oldest = minute;
        i = j;
    }
    const whole = objects.length === past.length && oldest !== undefined && oldest <= since + marginMs;
    return { objects, bytes, listed, from: whole ? since : oldest };
}
/**
 * The trail folders (account × region, `[prefix/]AWSLogs/[o-org/]ACCOUNT/CloudTrail/REGION/`) that `options`
 * select, discovered as readS3 discovers them; for planners that list the day folders themselves (Athena's
 * scan estimate). Throws S3SourceError as readS3 does.
 */
async function listTrailFolders(options, reporter, stats) {
    const settings = validate(options);
    const list = {
        client: options.client,
        bucket: options.bucket,
        stats,
        maxPages: settings.maxPages,
    };
    if (options.signal)
        list.signal = options.signal;
    if (options.expectedBucketOwner !== undefined)
        list.expectedBucketOwner = options.expectedBucketOwner;
    const base = (0,trail_layout/* basePrefix */.i)(options.prefix);
    return discover(options, settings, list, base, `${base}AWSLogs/`, reporter);
}
function positiveInteger(name, value, fallback) {
    if (value === undefined)
        return fallback;
    if (!Number.isInteger(value) || value < 1)
        throw new RangeError(`${name} must be a positive integer`);
    return value;
}
function validate(options) {
    if (!options.bucket)
        throw new errors/* S3SourceError */.od('no S3 bucket given (s3-bucket)');
    const { start, end } = options.window;
    if (!Number.isFinite(start) || !Number.isFinite(end)) {
        throw new errors/* S3SourceError */.od('the s3 source needs a time window with a start and an end');
    }
    if (end < start)
        throw new errors/* S3SourceError */.od('the time window ends before it starts');
    const maxDays = positiveInteger('maxWindowDays', options.maxWindowDays, 400);
    if (end - start > maxDays * DAY_MS) {
        throw new errors/* S3SourceError */.od(`the time window spans more than ${maxDays} days: scan a shorter window (or several)`);
    }
    const margin = options.deliveryMarginMinutes ?? DEFAULT_DELIVERY_MARGIN_MINUTES;
    if (!Number.isFinite(margin) || margin < MIN_DELIVERY_MARGIN_MINUTES) {
        throw new RangeError(`deliveryMarginMinutes must be at least ${MIN_DELIVERY_MARGIN_MINUTES}`);
    }
    const owner = options.expectedBucketOwner;
    if (owner !== undefined && !ACCOUNT_ID.test(owner)) {
        throw new errors/* S3SourceError */.od(`expected bucket owner "${owner}" is not an AWS account id (12 digits)`);
    }
    for (const account of options.accounts ?? []) {
        if (!ACCOUNT_ID.test(account))
            throw new errors/* S3SourceError */.od(`"${account}" is not an AWS account id (12 digits)`);
    }
    for (const org of options.organizationIds ?? []) {
        if (!ORGANIZATION_ID.test(org)) {
            throw new errors/* S3SourceError */.od(`"${org}" is not an AWS organization id (o- and 10 to 32 letters or digits)`);
        }
    }
    const concurrency = positiveInteger('concurrency', options.concurrency, DEFAULT_CONCURRENCY);
    const nonEmpty = (values) => values !== undefined && values.length > 0 ? values : undefined;
    const accounts = nonEmpty(options.accounts);
    const organizations = nonEmpty(options.organizationIds);
    const regions = nonEmpty(options.regions);
    return {
        concurrency,
        margin,
        readAhead: Math.max(concurrency, positiveInteger('readAhead', options.readAhead, 2 * concurrency)),
        readAheadBytes: positiveInteger('readAheadBytes', options.readAheadBytes, 64 * 1024 * 1024),
        bodyAttempts: positiveInteger('bodyAttempts', options.bodyAttempts, 3),
        bodyIdleTimeoutMs: positiveInteger('bodyIdleTimeoutMs', options.bodyIdleTimeoutMs, 30_000),
        retryBaseDelayMs: Math.max(0, Number(options.retryBaseDelayMs ?? 200) || 0),
        maxPages: positiveInteger('maxPagesPerFolder', options.maxPagesPerFolder, 10_000),
        accounts: accounts && new Set(accounts),
        organizations: organizations && [...new Set(organizations)].sort(compareKeys),
        regions: regions && new Set(regions.map((region) => region.trim().toLowerCase())),
    };
}
/** The trail folders (account × region) to read, sorted by prefix. */
async function discover(options, settings, list, base, logs, reporter) {
    const { bucket } = options;
    const signal = options.signal;
    const problems = [];
    /** Lists a folder's sub-folders; a failure throws at the first level, else is reported. */
    const subFolders = async (prefix, firstLevel) => {
        try {
            return (await listFolder(list, prefix)).folders;
        }
        catch (err) {
            if ((0,errors/* isAbort */.rV)(err) || signal?.aborted)
                return undefined;
            const message = (0,errors/* listingErrorMessage */.Ek)(err, bucket, prefix, base);
            if (firstLevel)
                throw new errors/* S3SourceError */.od(message);
            problems.push(message);
            reporter.error({ file: objectUri(bucket, prefix) }, message);
            return undefined;
        }
    };
    // Level 1: AWSLogs/ → accounts and organizations (or the organizations given).
    const accountFolders = [];
    let organizations;
    if (settings.organizations) {
        organizations = settings.organizations;
    }
    else {
        const children = (await subFolders(logs, true)) ?? [];
        organizations = [];
        for (const child of children) {
            const name = lastSegment(child);
            if (ORGANIZATION_ID.test(name))
                organizations.push(name);
            else if (ACCOUNT_ID.test(name))
                accountFolders.push({ prefix: child, account: name });
        }
    }
    // Level 2: AWSLogs/o-org/ → accounts.
    const orgChildren = await (0,concurrency/* mapLimit */.s)(organizations, settings.concurrency, (org) => subFolders(`${logs}${org}/`, settings.organizations !== undefined));
    organizations.forEach((organizationId, i) => {
        for (const child of orgChildren[i] ?? []) {
            const name = lastSegment(child);
            if (ACCOUNT_ID.test(name))
                accountFolders.push({ prefix: child, account: name, organizationId });
        }
    });
    const kept = settings.accounts
        ? accountFolders.filter(({ account }) => settings.accounts.has(account))
        : accountFolders;
    if (signal?.aborted)
        return [];
    const where = settings.organizations
        ? settings.organizations.map((org) => objectUri(bucket, `${logs}${org}/`)).join(', ')
        : objectUri(bucket, logs);
    if (settings.accounts) {
        const found = new Set(kept.map(({ account }) => account));
        for (const account of settings.accounts) {
            if (!found.has(account))
                reporter.error({ file: where }, `no CloudTrail logs for account ${account}`);
        }
    }
    if (kept.length === 0) {
        const seen = [...new Set(accountFolders.map(({ account }) => account))].slice(0, 20);
        throw new errors/* S3SourceError */.od(problems[0] ??
            (accountFolders.length === 0
                ? `no CloudTrail logs under ${where}: check the bucket (s3-bucket) and the trail's key prefix ` +
                    `(s3-prefix: the part of the key before AWSLogs/)`
                : `none of the accounts ${[...settings.accounts].join(', ')} has CloudTrail logs under ${where} ` +
                    `(found: ${seen.join(', ')}${accountFolders.length > seen.length ? ', ...' : ''})`));
    }
    // Level 3: ACCOUNT/CloudTrail/ → regions (CloudTrail-Digest/ and CloudTrail-Insight/ are never listed).
    const regionChildren = await (0,concurrency/* mapLimit */.s)(kept, settings.concurrency, (folder) => subFolders(`${folder.prefix}CloudTrail/`, false));
    const trails = [];
    kept.forEach((folder, i) => {
        for (const child of regionChildren[i] ?? []) {
            const region = lastSegment(child);
            if (settings.regions && !settings.regions.has(region))
                continue;
            trails.push({
                prefix: child,
                ...(folder.organizationId !== undefined ? { organizationId: folder.organizationId } : {}),
                account: folder.account,
                region,
            });
        }
    });
    if (signal?.aborted)
        return [];
    if (trails.length === 0) {
        throw new errors/* S3SourceError */.od(problems[0] ??
            `no CloudTrail log folders${settings.regions ? ` for the regions ${[...settings.regions].join(', ')}` : ''} ` +
                `under the account folders of ${where} (AWSLogs/[o-org/]ACCOUNT/CloudTrail/REGION/)`);
    }
    return trails.sort((a, b) => compareKeys(a.prefix, b.prefix));
}


/***/ })

};
