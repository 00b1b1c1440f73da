export const id = 323;
export const ids = [323];
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

/***/ 1813:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   v: () => (/* binding */ abortError),
/* harmony export */   y: () => (/* binding */ sleep)
/* harmony export */ });
/** Resolves after `ms`, or rejects with an AbortError when `signal` aborts first. */
function sleep(ms, signal) {
    return new Promise((resolve, reject) => {
        if (signal?.aborted) {
            reject(abortError());
            return;
        }
        const onAbort = () => {
            clearTimeout(timer);
            reject(abortError());
        };
        const timer = setTimeout(() => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
        }, ms);
        signal?.addEventListener('abort', onAbort, { once: true });
    });
}
function abortError() {
    const err = new Error('aborted');
    err.name = 'AbortError';
    return err;
}


/***/ })

};
