export const id = 50;
export const ids = [50,323];
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

/***/ 762:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Xi: () => (/* binding */ DATA_EVENTS),
/* harmony export */   od: () => (/* binding */ WRITE_EVENTS),
/* harmony export */   pg: () => (/* binding */ WRITE_PREFIXES)
/* harmony export */ });
/**
 * What LookupEvents can fetch by a cheaper attribute than the event's name, for the names the built-in rules use.
 *
 * WRITE_EVENTS: API calls that CloudTrail records as write events (`readOnly: false`), so that the one lookup
 * `ReadOnly=false` returns every event of them. An entry here is a promise that no event of that name is recorded as
 * read-only: a wrong entry loses events, a missing one only costs a lookup by name. So only calls that change
 * something are listed (creating, deleting, modifying, attaching, starting, stopping, sending, enabling...), checked
 * against real records where the repository has them (test/fixtures/real-cloudtrail, samples/); `GetFederationToken`
 * is a write event despite its name. Names not listed (the user's own rules, reads such as `GetSecretValue`,
 * `GetCallerIdentity`, and names whose records may lack `readOnly`, such as sign-in events) are looked up by name.
 *
 * WRITE_PREFIXES: the same for a rule that names its events by prefix (`eventName|startswith`): Lambda's versioned
 * API names (`UpdateFunctionCode20150331v2`).
 *
 * DATA_EVENTS: S3 object-level calls, which CloudTrail records as data events. LookupEvents returns management
 * events only: no lookup can fetch them, and a rule on them is reported as not served by this source.
 */
const WRITE_EVENTS = new Set([
    // EC2
    'AuthorizeSecurityGroupIngress',
    'CreateKeyPair',
    'CreateNetworkAclEntry',
    'CreateRoute',
    'DeleteFlowLogs',
    'DeleteSnapshot',
    'DeleteVolume',
    'DisableEbsEncryptionByDefault',
    'EnableSerialConsoleAccess',
    'ImportKeyPair',
    'ModifyImageAttribute',
    'ModifyInstanceAttribute',
    'ModifySnapshotAttribute',
    'ReplaceNetworkAclEntry',
    'ReplaceRoute',
    'RunInstances',
    'SendSSHPublicKey',
    'SendSerialConsoleSSHPublicKey',
    'StartInstances',
    'StopInstances',
    'TerminateInstances',
    // IAM, STS, Organizations, account, IAM Roles Anywhere, Directory Service
    'AddClientIDToOpenIDConnectProvider',
    'AttachGroupPolicy',
    'AttachRolePolicy',
    'AttachUserPolicy',
    'CreateAccessKey',
    'CreateLoginProfile',
    'CreateOpenIDConnectProvider',
    'CreatePolicyVersion',
    'CreateRole',
    'CreateSAMLProvider',
    'CreateTrustAnchor',
    'CreateUser',
    'DeactivateMFADevice',
    'DeleteOpenIDConnectProvider',
    'DeleteSAMLProvider',
    'DeleteVirtualMFADevice',
    'EnableRegion',
    'EnableTrustAnchor',
    'GetFederationToken',
    'LeaveOrganization',
    'PutGroupPolicy',
    'PutRolePolicy',
    'PutUserPolicy',
    'UpdateAssumeRolePolicy',
    'UpdateLoginProfile',
    'UpdateOpenIDConnectProviderThumbprint',
    'UpdateSAMLProvider',
    'UpdateTrustAnchor',
    'AssociateDirectory',
    'DisassociateDirectory',
    'DisableExternalIdPConfigurationForDirectory',
    'EnableExternalIdPConfigurationForDirectory',
    // SSM
    'SendCommand',
    'StartSession',
    // CloudTrail, Config, CloudWatch, Logs, Route 53 Resolver, GuardDuty, Security Hub
    'DeleteTrail',
    'PutEventSelectors',
    'StopLogging',
    'UpdateTrail',
    'DeleteConfigurationRecorder',
    'DeleteDeliveryChannel',
    'StopConfigurationRecorder',
    'DeleteAlarms',
    'DeleteLogGroup',
    'DeleteLogStream',
    'DeleteResolverQueryLogConfig',
    'DisassociateResolverQueryLogConfig',
    'CreateFilter',
    'CreateIPSet',
    'CreateThreatIntelSet',
    'DeleteDetector',
    'DeleteInvitations',
    'DeleteMembers',
    'DisassociateFromAdministratorAccount',
    'DisassociateFromMasterAccount',
    'DisassociateMembers',
    'StopMonitoringMembers',
    'UpdateDetector',
    'UpdateFilter',
    'UpdateIPSet',
    'UpdateThreatIntelSet',
    'BatchUpdateFindings',
    'DeleteInsight',
    'DisableSecurityHub',
    'UpdateFindings',
    'UpdateInsight',
    // KMS
    'DeleteImportedKeyMaterial',
    'DisableKey',
    'ImportKeyMaterial',
    'PutKeyPolicy',
    'ScheduleKeyDeletion',
    // S3 (bucket-level: management events)
    'DeleteAccountPublicAccessBlock',
    'DeleteBucket',
    'DeleteBucketEncryption',
    'DeleteBucketPublicAccessBlock',
    'DeleteBucketReplication',
    'PutAccountPublicAccessBlock',
    'PutBucketAcl',
    'PutBucketLifecycle',
    'PutBucketLogging',
    'PutBucketPolicy',
    'PutBucketPublicAccessBlock',
    'PutBucketVersioning',
    // RDS, Backup
    'DeleteBackupVault',
    'DeleteBackupVaultLockConfiguration',
    'DeleteDBCluster',
    'DeleteDBClusterAutomatedBackup',
    'DeleteDBClusterSnapshot',
    'DeleteDBInstance',
    'DeleteDBInstanceAutomatedBackup',
    'DeleteDBSnapshot',
    'DeleteRecoveryPoint',
    'ModifyDBCluster',
    'ModifyDBClusterSnapshotAttribute',
    'ModifyDBInstance',
    'ModifyDBSnapshotAttribute',
]);
const WRITE_PREFIXES = new Set([
    'AddPermission',
    'CreateFunctionUrlConfig',
    'UpdateFunctionCode',
    'UpdateFunctionConfiguration',
    'UpdateFunctionUrlConfig',
]);
const DATA_EVENTS = new Set([
    'CopyObject',
    'CreateMultipartUpload',
    'DeleteObject',
    'DeleteObjects',
    'GetObject',
    'PutObject',
]);


/***/ }),

/***/ 9463:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A: () => (/* binding */ ruleCover),
/* harmony export */   E: () => (/* binding */ hasCover)
/* harmony export */ });
/* harmony import */ var _rules_condition_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6018);
/* harmony import */ var _rules_detection_item_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(442);
/* harmony import */ var _rules_pattern_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9485);
/* harmony import */ var _catalog_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(762);
/**
 * Which LookupEvents lookups can fetch every event a rule can match (pure functions).
 *
 * A rule's detection is read for three fields that LookupEvents can look up: `eventName` (exact names, or prefixes
 * by `startswith`), `eventSource` and `readOnly`. The analysis is sound by construction, as the rule index's is
 * (src/rules/compile.ts): a selection constrains a field when one of its items pins it with plain values; AND is
 * constrained by any constrained child; OR only when every branch is (the union); NOT never. The ways to fetch a
 * rule's events are then:
 * - its names: one `EventName` lookup per name, or `ReadOnly=false` for names that are write events (catalog.ts);
 *   names of data events are not in LookupEvents at all;
 * - its eventSources: one `EventSource` lookup each;
 * - `ReadOnly=false`, when the rule requires `readOnly: false`, or names its events by prefixes of write events;
 * - otherwise every event: the rule needs a full scan.
 */




/** The ways LookupEvents can fetch the events of a compiled rule. */
function ruleCover(compiled, level) {
    const { rule } = compiled;
    const fields = analyze(rule.detection);
    const nameConstraint = fields.eventName;
    let names = null;
    const dataNames = [];
    let writeOnly = false;
    const exact = compiled.eventNamesAsWritten;
    if (exact && exact.length > 0) {
        names = [];
        for (const name of exact) {
            if (_catalog_js__WEBPACK_IMPORTED_MODULE_2__/* .DATA_EVENTS */ .Xi.has(name))
                dataNames.push(name);
            else
                names.push({ name, write: _catalog_js__WEBPACK_IMPORTED_MODULE_2__/* .WRITE_EVENTS */ .od.has(name) });
        }
    }
    else if (nameConstraint && nameConstraint.prefixes.size > 0) {
        const prefixesWrite = [...nameConstraint.prefixes].every((p) => _catalog_js__WEBPACK_IMPORTED_MODULE_2__/* .WRITE_PREFIXES */ .pg.has(p));
        const exactWrite = [...nameConstraint.exact].every((n) => _catalog_js__WEBPACK_IMPORTED_MODULE_2__/* .WRITE_EVENTS */ .od.has(n));
        if (prefixesWrite && exactWrite)
            writeOnly = true;
    }
    const readOnly = fields.readOnly;
    if (readOnly && readOnly.prefixes.size === 0 && readOnly.exact.size === 1 && readOnly.exact.has('false'))
        writeOnly = true;
    const source = fields.eventSource;
    const sources = source && source.prefixes.size === 0 && source.exact.size > 0 ? [...source.exact].sort() : null;
    return { ruleId: rule.ruleId, level: level ?? rule.level, names, dataNames, sources, writeOnly };
}
/** Whether some lookup other than a full scan can fetch every event of the rule. */
function hasCover(cover) {
    return cover.names !== null || cover.sources !== null || cover.writeOnly;
}
/** The constraints the detection puts on each looked-up field (null: none). */
function analyze(detection) {
    const selections = new Map();
    for (const [name, value] of Object.entries(detection)) {
        if (name === 'condition' || name === 'timeframe')
            continue;
        selections.set(name, selectionConstraints(value));
    }
    const none = { eventName: null, eventSource: null, readOnly: null };
    const condition = detection.condition;
    const conditions = Array.isArray(condition) ? condition : [condition];
    if (conditions.length === 0 || !conditions.every((c) => typeof c === 'string'))
        return none;
    const names = [...selections.keys()];
    const out = {};
    for (const field of ['eventName', 'eventSource', 'readOnly']) {
        let parsed;
        try {
            parsed = conditions.map((c) => walk((0,_rules_condition_js__WEBPACK_IMPORTED_MODULE_0__/* .parseCondition */ .zB)(c), field, selections, names));
        }
        catch {
            return none; // compile.ts reports a bad condition; the rule does not run
        }
        out[field] = union(parsed);
    }
    return out;
}
function walk(node, field, selections, names) {
    switch (node.kind) {
        case 'ref':
            return selections.get(node.name)?.[field] ?? null;
        case 'of': {
            const matched = (0,_rules_condition_js__WEBPACK_IMPORTED_MODULE_0__/* .resolvePattern */ .XO)(node.pattern, names).map((n) => selections.get(n)?.[field] ?? null);
            return node.quantifier === 'all' ? narrowest(matched) : union(matched);
        }
        case 'not':
            return null;
        case 'and':
            return narrowest(node.children.map((child) => walk(child, field, selections, names)));
        case 'or':
            return union(node.children.map((child) => walk(child, field, selections, names)));
    }
}
/** AND: any constrained child constrains the whole; the one with the fewest values. */
function narrowest(parts) {
    let best = null;
    for (const part of parts) {
        if (!part)
            continue;
        if (!best || size(part) < size(best))
            best = part;
    }
    return best;
}
/** OR: constrained only when every branch is. */
function union(parts) {
    if (parts.length === 0 || parts.some((p) => p === null))
        return null;
    const out = { exact: new Set(), prefixes: new Set() };
    for (const part of parts) {
        for (const v of part.exact)
            out.exact.add(v);
        for (const v of part.prefixes)
            out.prefixes.add(v);
    }
    return out;
}
function size(c) {
    return c.exact.size + c.prefixes.size;
}
function selectionConstraints(value) {
    const none = { eventName: null, eventSource: null, readOnly: null };
    if (Array.isArray(value)) {
        if (value.length === 0 || !value.every(isMap))
            return none; // keywords constrain no field
        const maps = value.map((item) => mapConstraints(item));
        return {
            eventName: union(maps.map((m) => m.eventName)),
            eventSource: union(maps.map((m) => m.eventSource)),
            readOnly: union(maps.map((m) => m.readOnly)),
        };
    }
    return isMap(value) ? mapConstraints(value) : none;
}
function mapConstraints(map) {
    const out = { eventName: null, eventSource: null, readOnly: null };
    for (const [key, value] of Object.entries(map)) {
        const { field, modifiers } = (0,_rules_detection_item_js__WEBPACK_IMPORTED_MODULE_1__/* .parseItemKey */ .OX)(key);
        if (field !== 'eventName' && field !== 'eventSource' && field !== 'readOnly')
            continue;
        const constraint = itemConstraint(value, modifiers, field === 'readOnly');
        if (constraint)
            out[field] = narrowest([out[field], constraint]);
    }
    return out;
}
/** The values an item pins: plain values (or `startswith` prefixes), no other modifier but `cased`. */
function itemConstraint(value, modifiers, boolean) {
    const rest = modifiers.map((m) => m.toLowerCase()).filter((m) => m !== 'cased');
    const prefix = rest.length === 1 && rest[0] === 'startswith';
    if (rest.length > 0 && !prefix)
        return null;
    const list = Array.isArray(value) ? value : [value];
    if (list.length === 0)
        return null;
    const out = { exact: new Set(), prefixes: new Set() };
    for (const item of list) {
        let text;
        if (typeof item === 'string')
            text = (0,_rules_pattern_js__WEBPACK_IMPORTED_MODULE_3__/* .literalValue */ .XP)(item);
        else if (boolean && typeof item === 'boolean')
            text = String(item);
        if (text === undefined || text === '')
            return null;
        if (boolean)
            text = text.toLowerCase();
        (prefix ? out.prefixes : out.exact).add(text);
    }
    return out;
}
function isMap(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
}


/***/ }),

/***/ 2050:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  mP: () => (/* binding */ LOOKUP_HISTORY_DAYS),
  aC: () => (/* binding */ LookupEventsError),
  KZ: () => (/* reexport */ describeCoverage),
  eH: () => (/* reexport */ explainLookupPlans),
  C2: () => (/* binding */ lookupRegions),
  Kj: () => (/* binding */ readLookupEvents),
  $I: () => (/* binding */ ruleCovers)
});

// UNUSED EXPORTS: DATA_EVENTS, DEFAULT_RETRY, GLOBAL_REGION, PAGE_SIZE, RequestGate, WRITE_EVENTS, WRITE_PREFIXES, classifyError, describeLookup, hasCover, pacedCall, plan, ruleCover

// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-cloudtrail/dist-cjs/index.js
var dist_cjs = __webpack_require__(7392);
// EXTERNAL MODULE: ./src/core/severity.ts
var severity = __webpack_require__(432);
// EXTERNAL MODULE: ./src/credentials/errors.ts
var credentials_errors = __webpack_require__(4011);
// EXTERNAL MODULE: ./src/records/seen-ids.ts
var seen_ids = __webpack_require__(1164);
// EXTERNAL MODULE: ./src/sources/sleep.ts
var sleep = __webpack_require__(1813);
// EXTERNAL MODULE: ./src/sources/lookup-events/coverage.ts
var coverage = __webpack_require__(9463);
// EXTERNAL MODULE: ./src/sources/lookup-events/merge.ts
var merge = __webpack_require__(1633);
// EXTERNAL MODULE: ./src/sources/lookup-events/pacing.ts
var pacing = __webpack_require__(9349);
// EXTERNAL MODULE: ./src/sources/lookup-events/planner.ts
var planner = __webpack_require__(3409);
// EXTERNAL MODULE: ./src/core/options.ts
var core_options = __webpack_require__(3457);
// EXTERNAL MODULE: ./src/sources/lookup-events/catalog.ts
var catalog = __webpack_require__(762);
;// CONCATENATED MODULE: ./src/sources/lookup-events/explain.ts

function duration(seconds) {
    if (seconds < 120)
        return `${Math.round(seconds)} s`;
    if (seconds < 7200)
        return `${(seconds / 60).toFixed(1)} min`;
    return `${(seconds / 3600).toFixed(1)} h`;
}
function count(n) {
    return Math.round(n).toLocaleString('en-US');
}
const WINDOW_PLAN = {
    read: 'the first page held the whole window',
    full: 'full scan',
    lookups: 'lookups',
};
const WHY = {
    'needs-every-event': 'needs every event (no lookup attribute selects its events)',
    budget: 'its lookups did not fit the budget',
    'data-events': 'matches data events, which LookupEvents does not return',
    errors: 'a read it needed failed',
};
function ruleList(ids) {
    return ids.length > 6 ? `${ids.slice(0, 6).join(', ')}, ... (${ids.length})` : ids.join(', ');
}
/** How the rules can be fetched, and the budget (before any request: the plan needs each Region's first page). */
function describeCoverage(covers, maxCalls, option) {
    const byName = covers.filter((c) => c.names !== null && c.names.length > 0);
    const bySource = covers.filter((c) => c.names === null && c.sources !== null && !c.writeOnly);
    const writes = covers.filter((c) => c.names === null && c.writeOnly);
    const everyEvent = covers.filter((c) => !(0,coverage/* hasCover */.E)(c) && c.dataNames.length === 0);
    const data = covers.filter((c) => c.dataNames.length > 0 && (c.names === null || c.names.length === 0));
    const lines = [
        `LookupEvents: at most ${maxCalls} calls in all${option ? ` (${option})` : ''}; ${covers.length} ` +
            `single-event and first-seen rule${covers.length === 1 ? '' : 's'} (correlations follow their members), fetched:`,
        `  by their event names (EventName, or ReadOnly=false for write calls): ${byName.length}`,
        ...(bySource.length > 0 ? [`  by EventSource: ${ruleList(bySource.map((c) => c.ruleId))}`] : []),
        ...(writes.length > 0 ? [`  by ReadOnly=false: ${ruleList(writes.map((c) => c.ruleId))}`] : []),
        ...(everyEvent.length > 0
            ? [
                `  need every event (served whole only when a full scan fits the budget, else partial on this source): ` +
                    ruleList(everyEvent.map((c) => c.ruleId)),
            ]
            : []),
        ...(data.length > 0
            ? [`  data events, never in LookupEvents (partial): ${ruleList(data.map((c) => c.ruleId))}`]
            : []),
        'Each Region reads its first page of the window in full; the plan, made from those pages, is printed after the ' +
            'scan.',
    ];
    return lines.join('\n');
}
/** The budget, each Region's plan and what it cost, the rules served in part, the history read. */
function explainLookupPlans(coverage, reports) {
    const lines = [];
    if (coverage) {
        const b = coverage.budget;
        lines.push(`LookupEvents: ${b.spent} of at most ${b.limit} calls (${b.option ?? 'fixed'}); the plan estimated ${b.estimated}` +
            (b.throttled ? `; ${b.throttled} throttled requests made again (not counted).` : '.'));
    }
    for (const r of [...reports].sort((a, b) => a.region.localeCompare(b.region))) {
        const history = r.history && r.history !== 'none' ? `; history: ${r.history === 'full' ? 'full scan' : 'lookups'}` : '';
        lines.push(`${r.region}: window: ${WINDOW_PLAN[r.plan]}${history}`);
        if (r.probe) {
            lines.push(`  probe: 1 page, ${r.probe.events} events over ${duration(r.probe.coveredSeconds)}` +
                (r.estimates ? ` (~${count(r.estimates.eventsPerHour)} events/hour)` : ''));
        }
        if (r.estimates && r.plan !== 'read') {
            lines.push(`  rest of the window: full scan ~${count(r.estimates.full)} calls, lookups for every rule a lookup can ` +
                `serve ~${count(r.estimates.lookups)}`);
        }
        if (r.estimates?.historyFull !== undefined) {
            lines.push(`  history: full scan ~${count(r.estimates.historyFull)} calls, lookups for the first-seen rules ` +
                `~${count(r.estimates.historyLookups ?? 0)}`);
        }
        for (const l of r.lookups) {
            const state = (l.spare ? ', with what the plan left' : '') +
                (l.complete ? '' : l.cut ? ', CUT by the budget' : ', INCOMPLETE');
            lines.push(`  ${l.period === 'history' ? 'history' : 'window '} ${l.lookup}: ~${l.estimate} estimated, ${l.calls} ` +
                `call${l.calls === 1 ? '' : 's'}, ${l.events} events${state}`);
        }
        lines.push(`  ${r.calls} request${r.calls === 1 ? '' : 's'} (${r.throttled} throttled), ${r.events} events` +
            `${r.duplicates ? ` (+${r.duplicates} duplicates dropped)` : ''} in ${(r.durationMs / 1000).toFixed(1)} s`);
        for (const error of r.errors.slice(0, 3))
            lines.push(`  error: ${error}`);
    }
    if (coverage && coverage.partial.length > 0) {
        lines.push('Rules served in part (they ran on the events fetched for the others):');
        for (const p of coverage.partial) {
            const where = p.regions.length > 0 ? ` in ${p.regions.join(', ')}` : '';
            const via = p.via ? ` (through ${p.via})` : '';
            lines.push(`  ${p.ruleId}${via}${where}: ${WHY[p.reason]}`);
        }
        if (coverage.remedy)
            lines.push(`  To serve them: ${coverage.remedy}.`);
    }
    if (coverage?.history) {
        const h = coverage.history;
        lines.push(`History ${h.since} to ${h.until} (first run, no saved state): ${h.spent} calls; ` +
            `${h.served.length} first-seen rule${h.served.length === 1 ? ' judges' : 's judge'} the window now` +
            (h.notServed.length > 0 ? `; still learning: ${h.notServed.join(', ')}` : ''));
    }
    return lines.join('\n');
}

;// CONCATENATED MODULE: ./src/sources/lookup-events/index.ts
/**
 * The `lookup-events` source: CloudTrail's LookupEvents API, for each Region of one account, over [start, end], and
 * on a first run over the history before it that first-seen rules need.
 *
 * catalog.ts   names LookupEvents can fetch by a cheaper attribute (write events), and data events it never returns
 * coverage.ts  which lookups can fetch every event a rule can match (pure)
 * planner.ts   which lookups each Region makes within the run's budget of calls (pure)
 * pacing.ts    at most N requests per second per Region; throttling and transient errors retried with backoff
 * merge.ts     the Regions run in parallel into one stream
 * explain.ts   the plan, what it cost and the rules served in part, as text (the CLI's --explain)
 *
 * Each Region reads the first page of the full scan (the probe). Once every Region has its probe, one plan is made
 * for all of them within the budget (`maxCalls`, every request counted, throttled ones included), and each Region
 * runs its part: the rest of the full scan, or its lookups over [start, oldest event of the probe]; then, on a first
 * run, its history lookups over [since, start]. Pages are 50 events; events are de-duplicated by EventId across
 * Regions and lookups; each event's `CloudTrailEvent` (the record's JSON) is yielded as the record text, with an
 * origin naming the Region, the lookup and the page. Once everything is read, `stats.coverage` says what the budget
 * allowed, which rules were served only in part and where, and what history was read; the first-seen rules whose
 * history was read whole in every Region are told so (`history.delivered`).
 *
 * Errors: a lookup that fails (retries exhausted, an invalid parameter) is reported with `reporter.error` and the
 * Region goes on with its next lookup; access denied and credential problems (expired, unknown key, none) stop
 * the Region, reported likewise, and are never retried. When no Region could be read at all, readLookupEvents
 * throws a LookupEventsError (after reporting) with the first Region's message, which names the fix. The budget
 * running out is not an error: the lookups it cut are in the coverage and the notes.
 * `stats.apiCalls` counts the LookupEvents requests made (every attempt, throttled ones included).
 */
















/** CloudTrail keeps 90 days of management events for LookupEvents. */
const LOOKUP_HISTORY_DAYS = 90;
/** The Region where CloudTrail records global services' events (IAM, STS's global endpoint, console sign-in). */
const GLOBAL_REGION = 'us-east-1';
/**
 * The most LookupEvents calls a run makes by default: an hourly run reads up to 2,000 events a Region in full (with
 * two Regions, up to about 1,000 each), and a busier account or a longer window is read with lookups; at the API's 2
 * calls per second, 20 seconds of one Region's quota.
 */
const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const ALL = (0,planner/* describeLookup */.W3)({});
class LookupEventsError extends errors/* UserError */.y {
}
/** The Regions to read: deduplicated, in the order given, us-east-1 added unless told not to. */
function lookupRegions(regions, includeGlobalRegion = true) {
    const list = [...new Set(regions.map((r) => r.trim()).filter((r) => r !== ''))];
    if (includeGlobalRegion && !list.includes(GLOBAL_REGION))
        list.push(GLOBAL_REGION);
    return list;
}
/**
 * Each rule's cover, with the priority it is planned by: its level, or a correlation's it feeds when higher.
 * Correlations are not rules of the scan's list; their partial state follows from their members.
 */
function ruleCovers(rules, context) {
    const boost = new Map();
    for (const correlation of context?.correlations ?? []) {
        for (const member of correlation.members) {
            const level = boost.get(member.rule.ruleId);
            if (!level || (0,severity/* severityRank */.qs)(correlation.rule.level) > (0,severity/* severityRank */.qs)(level))
                boost.set(member.rule.ruleId, correlation.rule.level);
        }
    }
    return rules.map((compiled) => {
        const own = compiled.rule.level;
        const fed = boost.get(compiled.rule.ruleId);
        return (0,coverage/* ruleCover */.A)(compiled, fed && (0,severity/* severityRank */.qs)(fed) > (0,severity/* severityRank */.qs)(own) ? fed : own);
    });
}
/** CloudTrail records from LookupEvents (see the module comment). */
async function* readLookupEvents(options, reporter, stats) {
    const regions = lookupRegions(options.regions, options.includeGlobalRegion ?? true);
    if (regions.length === 0)
        throw new LookupEventsError('regions: no Region given');
    for (const region of regions) {
        if (!REGION_NAME.test(region)) {
            throw new LookupEventsError(`regions: '${region.slice(0, 50)}' is not a Region name (like eu-west-1)`);
        }
    }
    const { start, end } = options;
    if (!(start.getTime() <= end.getTime())) {
        throw new LookupEventsError(`the window's start (${start.toISOString()}) is after its end (${end.toISOString()})`);
    }
    const maxCalls = options.maxCalls ?? core_options/* DEFAULT_MAX_LOOKUP_CALLS */.Su;
    if (!Number.isInteger(maxCalls) || maxCalls < regions.length) {
        throw new LookupEventsError(`${options.budgetOption ?? 'maxCalls'}: ${maxCalls} is fewer calls than Regions to read (${regions.length}): ` +
            'each Region needs at least one');
    }
    const keptSince = Date.now() - LOOKUP_HISTORY_DAYS * 86_400_000;
    if (start.getTime() < keptSince) {
        reporter.error({ file: 'lookup-events' }, `LookupEvents keeps ${LOOKUP_HISTORY_DAYS} days of events: the part of the window before ` +
            `${new Date(keptSince).toISOString()} cannot be read this way (read the trail's bucket with source s3)`);
    }
    const rules = options.rules ?? [];
    const covers = ruleCovers(rules, options.context);
    const wanted = options.context?.history;
    const history = wanted && wanted.ruleIds.length > 0
        ? { since: Math.max(wanted.since, keptSince), ruleIds: wanted.ruleIds }
        : undefined;
    const budget = { limit: maxCalls, spent: 0, throttled: 0 };
    const retry = { ...pacing/* DEFAULT_RETRY */.vI, ...options.retry };
    const reports = [];
    const clients = [];
    const barrier = new PlanBarrier(regions.length, (samples) => (0,planner/* plan */.et)({
        regions: samples,
        rules: covers,
        ...(history
            ? { history: { seconds: (start.getTime() - history.since) / 1000, ruleIds: history.ruleIds } }
            : {}),
        budget: budget.limit - budget.spent,
        everyEvent: options.plan === 'full' || rules.length === 0,
    }));
    const stops = [];
    const producers = regions.map((region) => async (emit, signal) => {
        const config = {
            region,
            maxAttempts: 1, // retries are pacedCall's, through the Region's gate
            requestHandler: { connectionTimeout: 10_000, requestTimeout: 60_000 },
        };
        if (options.credentials !== undefined)
            config.credentials = options.credentials;
        if (options.endpoint !== undefined)
            config.endpoint = options.endpoint;
        const client = new dist_cjs/* CloudTrailClient */.Vsm(config);
        clients.push(client);
        const report = {
            region,
            plan: 'read',
            lookups: [],
            calls: 0,
            throttled: 0,
            retried: 0,
            pages: 0,
            events: 0,
            duplicates: 0,
            errors: [],
            complete: false,
            durationMs: 0,
        };
        reports.push(report);
        const ctx = {
            region,
            client,
            gate: new pacing/* RequestGate */.dg(options.requestsPerSecond ?? 2),
            report,
            options,
            retry,
            budget,
            stats,
            reporter,
            emit,
            signal: options.signal ? AbortSignal.any([signal, options.signal]) : signal,
            stopped: false,
            stops,
        };
        const started = performance.now();
        try {
            await runRegion(ctx, barrier, history?.since);
        }
        finally {
            report.durationMs = Math.round(performance.now() - started);
        }
        if (!ctx.signal.aborted)
            await emit({ origin: '', events: [], report, done: true });
    });
    const seen = new seen_ids/* SeenIds */.Ub();
    try {
        for await (const page of (0,merge/* mergeProducers */.e)(producers)) {
            if (page.done) {
                options.onRegionDone?.(page.report);
                continue;
            }
            for (let index = 0; index < page.events.length; index++) {
                const event = page.events[index];
                if (event.EventId !== undefined && !seen.add(event.EventId)) {
                    page.report.duplicates++;
                    continue;
                }
                const origin = { file: page.origin, index };
                if (typeof event.CloudTrailEvent !== 'string' || event.CloudTrailEvent === '') {
                    reporter.error(origin, `LookupEvents returned event ${event.EventId ?? '(no EventId)'} without its CloudTrailEvent`, 1);
                    continue;
                }
                page.report.events++;
                yield { text: event.CloudTrailEvent, origin };
            }
        }
    }
    finally {
        for (const client of clients)
            client.destroy();
    }
    if (options.signal?.aborted)
        return;
    const unread = reports.filter((r) => r.pages === 0 && r.errors.length > 0);
    if (unread.length === reports.length && reports.length > 0) {
        const first = unread[0].errors[0];
        const where = reports.length === 1 ? '' : ` (and in all ${reports.length} Regions)`;
        throw new LookupEventsError(`cannot read CloudTrail with LookupEvents${where}: ${first}`);
    }
    for (const stop of stops)
        reporter.error({ file: `lookup-events ${stop.region}` }, stop.message);
    const planned = barrier.plan;
    if (!planned)
        return;
    options.onPlan?.(planned);
    const outcome = coverageOf(planned, reports, covers, options, budget, history);
    stats.coverage = outcome.coverage;
    if (history && outcome.historyServed.length > 0)
        wanted.delivered(history.since, outcome.historyServed);
}
/** Waits until every Region has its probe (or failed), then makes the plan once. */
class PlanBarrier {
    expected;
    make;
    samples = [];
    arrived = 0;
    waiting = [];
    plan;
    constructor(expected, make) {
        this.expected = expected;
        this.make = make;
    }
    /** A Region's probe (undefined: it could not be read); resolves with the plan once all have arrived. */
    async arrive(sample) {
        if (sample)
            this.samples.push(sample);
        this.arrived++;
        if (this.arrived === this.expected) {
            this.samples.sort((a, b) => (a.region < b.region ? -1 : a.region > b.region ? 1 : 0));
            this.plan = this.make(this.samples);
            for (const wake of this.waiting.splice(0))
                wake();
        }
        else {
            await new Promise((resolve) => this.waiting.push(resolve));
        }
        return this.plan;
    }
}
/** Stops the Region: access denied or a credential problem (every further request would fail the same way). */
class RegionStop extends Error {
}
async function runRegion(ctx, barrier, since) {
    const { report, options } = ctx;
    const { start, end } = options;
    let arrived = false;
    try {
        const full = {};
        const probe = await call(ctx, full, start, end, undefined, 1);
        if (!probe) {
            arrived = true;
            await barrier.arrive(undefined);
            return;
        }
        const events = probe.Events ?? [];
        let oldest = end.getTime();
        const sample = {
            region: ctx.region,
            complete: !probe.NextToken,
            events: events.length,
            writes: 0,
            names: new Map(),
            sources: new Map(),
            coveredSeconds: 0,
            remainingSeconds: 0,
        };
        for (const event of events) {
            const time = event.EventTime?.getTime();
            if (time !== undefined && time < oldest)
                oldest = time;
            if (event.ReadOnly === 'false')
                sample.writes++;
            if (event.EventName)
                sample.names.set(event.EventName, (sample.names.get(event.EventName) ?? 0) + 1);
            if (event.EventSource)
                sample.sources.set(event.EventSource, (sample.sources.get(event.EventSource) ?? 0) + 1);
        }
        // A page that holds the whole window tells the density over all of it.
        sample.coveredSeconds = sample.complete
            ? (end.getTime() - start.getTime()) / 1000
            : (end.getTime() - oldest) / 1000;
        sample.remainingSeconds = sample.complete ? 0 : (oldest - start.getTime()) / 1000;
        report.probe = { events: events.length, coveredSeconds: sample.coveredSeconds };
        await ctx.emit({ origin: pageOrigin(ctx.region, full, 'window', 1), events, report });
        arrived = true;
        const plan = await barrier.arrive(sample);
        const mine = plan.regions.find((r) => r.region === ctx.region);
        report.plan = mine.window;
        report.history = mine.history;
        report.estimates = mine.estimates;
        report.lookups = mine.lookups.map((l) => ({
            period: l.period,
            lookup: (0,planner/* describeLookup */.W3)(l.lookup),
            estimate: l.estimate,
            calls: 0,
            pages: 0,
            events: 0,
            complete: false,
        }));
        const probeReport = {
            period: 'window',
            lookup: (0,planner/* describeLookup */.W3)(full),
            estimate: 1,
            calls: 1,
            pages: 1,
            events: events.length,
            complete: sample.complete,
        };
        report.lookups.unshift(probeReport);
        // With lookups, the probe read its part of the window, [oldest event, end]; the lookups read the rest.
        if (mine.window === 'lookups')
            probeReport.complete = true;
        if (probe.NextToken && mine.window === 'full') {
            // The full scan goes on from the probe's page: the probe's lookup is the window's full scan.
            const fullReport = report.lookups.find((l) => l.period === 'window' && l.lookup === probeReport.lookup && l !== probeReport);
            if (fullReport)
                report.lookups.splice(report.lookups.indexOf(fullReport), 1);
            probeReport.estimate += fullReport?.estimate ?? 0;
            probeReport.complete = await readPages(ctx, full, 'window', start, end, probe.NextToken, 2, probeReport);
        }
        const window = report.lookups.filter((l) => l.period === 'window' && l !== probeReport);
        if (window.length > 0)
            await runLookups(ctx, window, start, new Date(oldest));
        const past = report.lookups.filter((l) => l.period === 'history');
        if (past.length > 0 && since !== undefined)
            await runLookups(ctx, past, new Date(since), start);
        // What the budget cut from the plan, by priority, while what is left allows (estimates are rough).
        for (const extra of mine.spare) {
            if (extra.period === 'history' && since === undefined)
                continue;
            if (ctx.budget.limit - ctx.budget.spent < extra.estimate)
                continue;
            const entry = {
                period: extra.period,
                lookup: (0,planner/* describeLookup */.W3)(extra.lookup),
                estimate: extra.estimate,
                calls: 0,
                pages: 0,
                events: 0,
                complete: false,
                spare: true,
            };
            report.lookups.push(entry);
            if (extra.period === 'window' && !extra.lookup.attribute) {
                // The rest of the full scan, from the probe's page on.
                entry.complete = await readPages(ctx, full, 'window', start, end, probe.NextToken, 2, entry);
                continue;
            }
            const [from, to] = extra.period === 'window' ? [start, new Date(oldest)] : [new Date(since), start];
            await runLookups(ctx, [entry], from, to);
        }
        report.complete = report.lookups.every((l) => l.complete);
    }
    catch (err) {
        if (!arrived)
            await barrier.arrive(undefined);
        if (ctx.signal.aborted)
            return;
        if (err instanceof RegionStop)
            return; // reported
        const message = `${ctx.region}: ${err.message}`;
        report.errors.push(message);
        ctx.reporter.error({ file: `lookup-events ${ctx.region}` }, message);
    }
}
function pageOrigin(region, lookup, period, page) {
    return `lookup-events ${region} ${(0,planner/* describeLookup */.W3)(lookup)}${period === 'history' ? ' (history)' : ''} page ${page}`;
}
/** Every page of each lookup over [start, end], `lookupConcurrency` lookups at a time. */
async function runLookups(ctx, lookups, start, end) {
    let next = 0;
    const worker = async () => {
        while (next < lookups.length) {
            const entry = lookups[next++];
            const lookup = lookupFrom(entry.lookup);
            entry.complete = await readPages(ctx, lookup, entry.period, start, end, undefined, 1, entry);
        }
    };
    const concurrency = Math.max(1, Math.min(ctx.options.lookupConcurrency ?? 2, lookups.length));
    const results = await Promise.allSettled(Array.from({ length: concurrency }, worker));
    const failed = results.find((r) => r.status === 'rejected');
    if (failed)
        throw failed.reason;
}
function lookupFrom(text) {
    if (text === (0,planner/* describeLookup */.W3)({}))
        return {};
    const at = text.indexOf('=');
    return { attribute: { key: text.slice(0, at), value: text.slice(at + 1) } };
}
/** The pages of one lookup from `token` on; true when it read to its end. */
async function readPages(ctx, lookup, period, start, end, token, firstPage, entry) {
    for (let page = firstPage;; page++) {
        const out = await call(ctx, lookup, start, end, token, page, period, entry);
        if (!out)
            return false;
        entry.pages++;
        entry.events += out.Events?.length ?? 0;
        await ctx.emit({
            origin: pageOrigin(ctx.region, lookup, period, page),
            events: out.Events ?? [],
            report: ctx.report,
        });
        if (!out.NextToken)
            return true;
        if (out.NextToken === token)
            throw new Error('LookupEvents returned the same NextToken twice');
        token = out.NextToken;
    }
}
/** The budget ran out before a request: the lookup stops there (not an error). */
class BudgetSpent extends Error {
}
/**
 * One page, paced and retried. Undefined when it could not be had (reported, or the budget ran out: the lookup
 * stops there); throws RegionStop after reporting access denied or a credential problem.
 */
async function call(ctx, lookup, start, end, token, page, period = 'window', entry) {
    const { report, budget } = ctx;
    const origin = pageOrigin(ctx.region, lookup, period, page);
    if (ctx.stopped)
        throw new RegionStop('stopped');
    const input = {
        StartTime: start,
        EndTime: end,
        MaxResults: planner/* PAGE_SIZE */.md,
        ...(lookup.attribute
            ? { LookupAttributes: [{ AttributeKey: lookup.attribute.key, AttributeValue: lookup.attribute.value }] }
            : {}),
        ...(token !== undefined ? { NextToken: token } : {}),
    };
    try {
        const out = await (0,pacing/* pacedCall */.mf)(ctx.gate, () => ctx.client.send(new dist_cjs/* LookupEventsCommand */.nau(input), { abortSignal: ctx.signal }), ctx.retry, {
            onAttempt: () => {
                if (budget.spent >= budget.limit || budget.throttled >= budget.limit)
                    throw new BudgetSpent();
                budget.spent++;
                ctx.stats.apiCalls++;
                report.calls++;
                if (entry)
                    entry.calls++;
            },
            onRetry: (kind) => {
                report.retried++;
                if (kind === 'throttle') {
                    report.throttled++;
                    budget.spent--; // counted in throttled instead: the request is made again
                    budget.throttled++;
                    if (entry)
                        entry.calls--;
                }
            },
        }, ctx.signal);
        report.pages++;
        return out;
    }
    catch (err) {
        if (err instanceof BudgetSpent) {
            if (entry)
                entry.cut = true;
            return undefined;
        }
        if (ctx.signal.aborted)
            throw (0,sleep/* abortError */.v)();
        const cause = err instanceof pacing/* RetriesExhaustedError */.i5 ? err.cause : err;
        const problem = (0,credentials_errors/* credentialProblem */.FL)(cause);
        if (problem !== undefined || (0,credentials_errors/* isAccessDeniedError */.sm)(cause)) {
            const why = problem ??
                `access denied (${(0,credentials_errors/* describeAwsError */.Pp)(cause)}): the credentials need cloudtrail:LookupEvents ` +
                    `(in the role's permission policy, and not denied by an SCP or a permissions boundary)`;
            const message = `${ctx.region}: ${why}`;
            if (!ctx.stopped) {
                ctx.stopped = true;
                report.errors.push(message);
                ctx.stops.push({ region: ctx.region, message: why });
            }
            throw new RegionStop(message);
        }
        const why = err instanceof pacing/* RetriesExhaustedError */.i5
            ? `gave up after ${err.attempts} attempts (${(0,credentials_errors/* describeAwsError */.Pp)(cause)}): the rest of this lookup was not read`
            : `${(0,credentials_errors/* describeAwsError */.Pp)(cause)}: the rest of this lookup was not read`;
        report.errors.push(`${origin}: ${why}`);
        ctx.reporter.error({ file: origin }, why);
        return undefined;
    }
}
/**
 * What the run served: per rule, the Regions where it was not served whole and why (a correlation through its
 * members); the first-seen rules whose history was read whole everywhere; the budget and what would serve the rest.
 */
function coverageOf(plan, reports, covers, options, budget, history) {
    const byRegion = new Map(reports.map((r) => [r.region, r]));
    /** Why a rule is not served in a Region and period, or undefined when it is. */
    const status = (region, period, served) => {
        const report = byRegion.get(region);
        if (!report || report.pages === 0)
            return 'errors';
        if (!served)
            return period === 'window' && report.plan === 'read' && report.errors.length === 0
                ? undefined
                : 'errors';
        if ('partial' in served) {
            // Not served by the plan: served if a full scan, or its own lookups, ran after it to their end.
            const ran = (key) => report.lookups.find((l) => l.period === period && l.lookup === key && (l.spare || key !== ALL))
                ?.complete === true;
            if (ran(ALL))
                return undefined;
            if (served.partial === 'needs-every-event')
                return served.partial;
            return served.spare.every(ran) ? undefined : 'budget';
        }
        for (const key of served.by) {
            const entry = report.lookups.find((l) => l.period === period && l.lookup === key);
            if (!entry)
                continue;
            if (!entry.complete)
                return entry.cut ? 'budget' : 'errors';
        }
        if (period === 'window' && report.plan !== 'lookups') {
            const scan = report.lookups.find((l) => l.period === 'window' && l.lookup === (0,planner/* describeLookup */.W3)({}));
            if (scan && !scan.complete)
                return scan.cut ? 'budget' : 'errors';
        }
        return undefined;
    };
    const partial = [];
    const regions = reports.map((r) => r.region).sort();
    const reasonsOf = (ruleId) => {
        const reasons = new Map();
        for (const region of regions) {
            const reason = status(region, 'window', plan.window.get(region)?.get(ruleId));
            if (reason)
                reasons.set(reason, [...(reasons.get(reason) ?? []), region]);
        }
        return reasons;
    };
    const ruleReasons = new Map();
    for (const cover of covers) {
        const reasons = reasonsOf(cover.ruleId);
        if (cover.dataNames.length > 0)
            reasons.set('data-events', []);
        ruleReasons.set(cover.ruleId, reasons);
        for (const [reason, where] of reasons)
            partial.push({ ruleId: cover.ruleId, regions: where, reason });
    }
    for (const correlation of options.context?.correlations ?? []) {
        for (const member of correlation.members) {
            const reasons = ruleReasons.get(member.rule.ruleId);
            if (!reasons || reasons.size === 0)
                continue;
            const [reason, where] = [...reasons][0];
            partial.push({ ruleId: correlation.rule.ruleId, regions: where, reason, via: member.rule.ruleId });
            break;
        }
    }
    const historyServed = [];
    const historyNot = [];
    for (const ruleId of history?.ruleIds ?? []) {
        const whole = regions.every((region) => !status(region, 'history', plan.history.get(region)?.get(ruleId)));
        (whole ? historyServed : historyNot).push(ruleId);
    }
    const option = options.budgetOption ?? 'maxCalls';
    const coverage = {
        budget: {
            of: 'LookupEvents calls',
            unit: 'calls',
            option,
            limit: budget.limit,
            estimated: plan.estimated + regions.length,
            spent: budget.spent,
            ...(budget.throttled > 0 ? { throttled: budget.throttled } : {}),
        },
        partial: partial.sort((a, b) => (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)),
    };
    if (partial.some((p) => p.reason !== 'data-events' && p.reason !== 'errors')) {
        const full = plan.fullWindow + regions.length;
        coverage.remedy =
            `a full scan of the window would need about ${full} calls (${option}: ${Math.max(full, budget.limit + 1)}); ` +
                'or scan a shorter window more often (an hourly schedule), or read the trail with source s3 or athena';
    }
    else if (partial.some((p) => p.reason === 'data-events')) {
        coverage.remedy = 'data events are in the trail only: read it with source s3 or athena';
    }
    const historySpent = reports.reduce((n, r) => n + r.lookups.filter((l) => l.period === 'history').reduce((m, l) => m + l.calls, 0), 0);
    if (history) {
        coverage.history = {
            since: new Date(history.since).toISOString(),
            until: options.start.toISOString(),
            served: historyServed,
            notServed: historyNot,
            spent: historySpent,
        };
    }
    return { coverage, historyServed };
}


/***/ }),

/***/ 1633:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   e: () => (/* binding */ mergeProducers)
/* harmony export */ });
/** Several producers (one per Region) into one async iterable, with backpressure. */
/**
 * Runs the producers at once and yields what they emit, in arrival order. A producer that emits while
 * `capacity` items wait is held until the consumer takes one. When the consumer stops early (break, return,
 * throw), the producers' signal is aborted and they are awaited. A producer's rejection is rethrown to the
 * consumer after the items already emitted (producers are expected to report their own errors).
 */
async function* mergeProducers(producers, capacity = 4) {
    const controller = new AbortController();
    const queue = [];
    const space = [];
    let wake;
    let running = producers.length;
    let failed = false;
    let failure;
    const notify = () => {
        const w = wake;
        wake = undefined;
        w?.();
    };
    const emit = async (item) => {
        while (queue.length >= capacity && !controller.signal.aborted) {
            await new Promise((resolve) => space.push(resolve));
        }
        if (controller.signal.aborted)
            throw Object.assign(new Error('aborted'), { name: 'AbortError' });
        queue.push(item);
        notify();
    };
    const tasks = producers.map((produce) => produce(emit, controller.signal)
        .catch((err) => {
        if (!controller.signal.aborted && !failed) {
            failed = true;
            failure = err;
        }
    })
        .finally(() => {
        running--;
        notify();
    }));
    try {
        for (;;) {
            if (queue.length > 0) {
                const item = queue.shift();
                space.shift()?.();
                yield item;
                continue;
            }
            if (failed)
                throw failure;
            if (running === 0)
                return;
            await new Promise((resolve) => (wake = resolve));
        }
    }
    finally {
        controller.abort();
        for (const release of space.splice(0))
            release();
        await Promise.allSettled(tasks);
    }
}


/***/ }),

/***/ 9349:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   dg: () => (/* binding */ RequestGate),
/* harmony export */   i5: () => (/* binding */ RetriesExhaustedError),
/* harmony export */   mf: () => (/* binding */ pacedCall),
/* harmony export */   vI: () => (/* binding */ DEFAULT_RETRY)
/* harmony export */ });
/* unused harmony export classifyError */
/* harmony import */ var _sleep_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1813);
/**
 * Pacing and retries of LookupEvents requests, in one place: a gate per account and Region spaces the requests
 * (at most `requestsPerSecond`, slower after throttling), and `pacedCall` retries throttling and transient
 * errors with exponential backoff, each attempt going through the gate again. A throttled answer pauses the
 * whole Region's gate (all its lookups back off together) and slows its pace. Errors that a retry cannot
 * fix (access denied, bad credentials, invalid parameters) are thrown at once. The SDK's own retries are turned off (maxAttempts 1) so that no request
 * bypasses the gate and every request is counted.
 */
const DEFAULT_RETRY = { maxAttempts: 10, baseDelayMs: 500, maxDelayMs: 20_000 };

/**
 * Spaces requests at least 1/rate seconds apart (plus 5 %: timers fire late, and a request that reaches the
 * service early counts against the previous second). Slots are handed out in call order. The rate adapts:
 * a throttled answer cuts it by 30 % (down to 1/8 of the configured rate: the account's quota is shared with
 * whatever else calls LookupEvents in it) and each success adds back 1/10 of the configured rate.
 */
class RequestGate {
    requestsPerSecond;
    nextSlot = 0;
    pausedUntil = 0;
    rate;
    constructor(requestsPerSecond) {
        this.requestsPerSecond = requestsPerSecond;
        if (!(requestsPerSecond > 0))
            throw new RangeError('requestsPerSecond must be above 0');
        this.rate = requestsPerSecond;
    }
    /** The current spacing of requests, in milliseconds. */
    get intervalMs() {
        return (1000 / this.rate) * 1.05;
    }
    /** Waits for the next free slot. */
    async wait(signal) {
        for (;;) {
            let now = performance.now();
            if (this.pausedUntil > now) {
                await (0,_sleep_js__WEBPACK_IMPORTED_MODULE_0__/* .sleep */ .y)(this.pausedUntil - now, signal);
                continue;
            }
            const slot = Math.max(now, this.nextSlot);
            this.nextSlot = slot + this.intervalMs;
            if (slot > now)
                await (0,_sleep_js__WEBPACK_IMPORTED_MODULE_0__/* .sleep */ .y)(slot - now, signal);
            now = performance.now();
            // Paused while this caller slept (another request was throttled): queue again behind the pause.
            if (this.pausedUntil > now)
                continue;
            return;
        }
    }
    /** A request was throttled: no request before `ms` from now, and a slower pace. */
    throttled(ms) {
        this.pausedUntil = Math.max(this.pausedUntil, performance.now() + ms);
        this.rate = Math.max(this.requestsPerSecond / 8, this.rate * 0.7);
    }
    /** A request was served: the pace recovers towards the configured rate. */
    succeeded() {
        this.rate = Math.min(this.requestsPerSecond, this.rate + this.requestsPerSecond / 10);
    }
}
const THROTTLE_CODES = new Set([
    'ThrottlingException',
    'Throttling',
    'ThrottledException',
    'TooManyRequestsException',
    'RequestLimitExceeded',
    'RequestThrottled',
    'RequestThrottledException',
    'SlowDown',
]);
const TRANSIENT_CODES = new Set([
    'InternalFailure',
    'InternalError',
    'ServiceUnavailable',
    'ServiceUnavailableException',
    'RequestTimeout',
    'RequestTimeoutException',
    'TimeoutError',
    'ECONNRESET',
    'ECONNREFUSED',
    'EPIPE',
    'ETIMEDOUT',
    'EAI_AGAIN',
]);
/** Whether an error is worth retrying: throttling, a 5xx, or the network; anything else is fatal. */
function classifyError(err) {
    const e = (typeof err === 'object' && err !== null ? err : {});
    const names = [e.name, e.code].filter((v) => typeof v === 'string');
    const status = e.$metadata?.httpStatusCode;
    if (names.some((n) => THROTTLE_CODES.has(n)) || status === 429)
        return 'throttle';
    if (names.some((n) => n === 'AbortError'))
        return 'fatal';
    if (names.some((n) => TRANSIENT_CODES.has(n)) || (typeof status === 'number' && status >= 500)) {
        return 'transient';
    }
    // No HTTP answer at all (socket closed, DNS): the network.
    if (status === undefined &&
        err instanceof Error &&
        /socket|network|ECONN|EPIPE|ETIMEDOUT/i.test(err.message)) {
        return 'transient';
    }
    return 'fatal';
}
/** Thrown when the attempts ran out; `cause` is the last error. */
class RetriesExhaustedError extends Error {
    attempts;
    cause;
    name = 'RetriesExhaustedError';
    constructor(attempts, cause) {
        super(`gave up after ${attempts} attempts`);
        this.attempts = attempts;
        this.cause = cause;
    }
}
/** `send` through the gate, retried per `policy` (see the module comment). */
async function pacedCall(gate, send, policy, hooks, signal, random = Math.random) {
    for (let attempt = 1;; attempt++) {
        await gate.wait(signal);
        hooks.onAttempt();
        try {
            const result = await send();
            gate.succeeded();
            return result;
        }
        catch (err) {
            if (signal?.aborted)
                throw (0,_sleep_js__WEBPACK_IMPORTED_MODULE_0__/* .abortError */ .v)();
            const kind = classifyError(err);
            if (kind === 'fatal')
                throw err;
            if (attempt >= policy.maxAttempts)
                throw new RetriesExhaustedError(attempt, err);
            const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
            const delay = ceiling / 2 + random() * (ceiling / 2);
            hooks.onRetry?.(kind, attempt, delay, err);
            if (kind === 'throttle')
                gate.throttled(delay);
            else
                await (0,_sleep_js__WEBPACK_IMPORTED_MODULE_0__/* .sleep */ .y)(delay, signal);
        }
    }
}


/***/ }),

/***/ 3409:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   W3: () => (/* binding */ describeLookup),
/* harmony export */   et: () => (/* binding */ plan),
/* harmony export */   md: () => (/* binding */ PAGE_SIZE)
/* harmony export */ });
/* harmony import */ var _core_severity_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(432);
/* harmony import */ var _coverage_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9463);
/**
 * The LookupEvents planner (pure functions): which lookups each Region makes, within the run's budget of calls.
 *
 * LookupEvents takes one lookup attribute per request and answers 50 events a page, about 2 requests per second per
 * account and Region, shared with every other caller in the account. A Region starts with the full scan's first page
 * (the probe: newest first, it covers [its oldest event, end] and shows the account's density and mix); the plan is
 * made once every Region has its probe, for the rest of the window and, on a first run, for the history before it.
 *
 * Costs: a lookup costs one call per 50 events it returns, at least one. Its events are estimated from the probe:
 * the share of the probe's events it would have returned, times the events expected in the period; lookups that
 * returned nothing in the probe share the "unseen" mass (one event in n + 2) between them.
 *
 * Each rule (coverage.ts) is served by its names (each by `EventName`, or by `ReadOnly=false` for write events: one
 * lookup for all of them, used in a Region when that is the cheaper way in all), else its eventSources,
 * `ReadOnly=false` when it needs only write events, or the full scan. The policy, in this order, within the budget:
 * 1. the window, for every rule a lookup can serve: by priority (level, highest first; a rule that feeds a
 *    correlation has the correlation's level when higher), each rule's cheapest way given what is already chosen;
 *    a Region whose full scan costs no more than serving every such rule by lookups is read in full;
 * 2. the history before the window (first run), for the first-seen rules a lookup can serve, the same way;
 * 3. the full scan of the window, where it fits what is left, so that rules needing every event are served too
 *    (cheapest Regions first);
 * 4. the full scan of the history, where it fits, for the first-seen rules that name no event;
 * 5. rules cut in 1 and 2, again, with what is left.
 * What the plan could not afford (the cut rules' lookups, then the full scans) is kept as spares: the estimates are
 * rough, and each Region runs them after its plan when what is left of the budget covers their estimate.
 * A rule not served in a Region is *partial* there: it runs on the events fetched for the other rules, and the
 * reports say so, with why (it needs every event, or the budget) and what would serve it.
 */


/** LookupEvents' largest page. */
const PAGE_SIZE = 50;
/** `all events`, `EventName=CreateUser`, `ReadOnly=false`. */
function describeLookup(lookup) {
    return lookup.attribute ? `${lookup.attribute.key}=${lookup.attribute.value}` : 'all events';
}
const ALL = describeLookup({});
const WRITES = 'ReadOnly=false';
function lookupOf(key) {
    if (key === ALL)
        return {};
    const at = key.indexOf('=');
    return { attribute: { key: key.slice(0, at), value: key.slice(at + 1) } };
}
function estimator(sample, seconds, keys) {
    const rate = sample.events / Math.max(sample.coveredSeconds, 1);
    const expected = rate * Math.max(seconds, 0);
    const hitsOf = (key) => {
        if (key === ALL)
            return sample.events;
        if (key === WRITES)
            return sample.writes;
        const lookup = lookupOf(key).attribute;
        if (lookup.key === 'EventName')
            return sample.names.get(lookup.value) ?? 0;
        if (lookup.key === 'EventSource')
            return sample.sources.get(lookup.value) ?? 0;
        return 0;
    };
    const unseen = [...new Set(keys)].filter((k) => hitsOf(k) === 0).length;
    const n = sample.events;
    const memo = new Map();
    return {
        calls(key) {
            let calls = memo.get(key);
            if (calls === undefined) {
                const hits = hitsOf(key);
                const events = key === ALL
                    ? expected
                    : hits > 0
                        ? (expected * hits) / Math.max(n, 1)
                        : expected / (n + 2) / Math.max(unseen, 1);
                calls = Math.max(1, Math.ceil(events / PAGE_SIZE));
                memo.set(key, calls);
            }
            return calls;
        },
    };
}
/**
 * The lookups that could serve a rule, each way; null: only the full scan. `writes`: the Region fetches write events
 * with `ReadOnly=false` (one lookup for all of them), so a name that is a write event is fetched that way.
 */
function optionsOf(cover, writes) {
    if (!(0,_coverage_js__WEBPACK_IMPORTED_MODULE_1__/* .hasCover */ .E)(cover))
        return null;
    const options = [];
    if (cover.names !== null)
        options.push([...new Set(cover.names.map((n) => (writes && n.write ? WRITES : `EventName=${n.name}`)))]);
    // A source returns every event of its service, its reads included: only for rules whose names are not pinned.
    else if (cover.sources !== null)
        options.push(cover.sources.map((s) => `EventSource=${s}`));
    if (cover.writeOnly)
        options.push([WRITES]);
    return options;
}
function plan(input) {
    let left = input.budget;
    const covers = new Map(input.rules.map((r) => [r.ruleId, r]));
    const byPriority = (ids) => [...ids]
        .map((id) => covers.get(id))
        .filter(Boolean)
        .sort((a, b) => (0,_core_severity_js__WEBPACK_IMPORTED_MODULE_0__/* .severityRank */ .qs)(b.level) - (0,_core_severity_js__WEBPACK_IMPORTED_MODULE_0__/* .severityRank */ .qs)(a.level) || compare(a.ruleId, b.ruleId));
    const windowRules = byPriority(covers.keys());
    const historyRules = byPriority(input.history?.ruleIds ?? []);
    const open = input.regions.filter((r) => !r.complete).map((r) => r.region);
    const all = input.regions.map((r) => r.region);
    const windowState = periodState('window', windowRules, input.regions, (s) => s.remainingSeconds, open);
    const historyState = input.history
        ? periodState('history', historyRules, input.regions, () => input.history.seconds, all)
        : undefined;
    const spend = (cost) => {
        if (cost > left)
            return false;
        left -= cost;
        return true;
    };
    // 1 and 2: what lookups can serve, window first; a Region whose full scan is no dearer is read in full.
    const cutWindow = serveByLookups(windowState, windowRules, open, spend, input.everyEvent === true);
    const cutHistory = historyState ? serveByLookups(historyState, historyRules, all, spend, false) : [];
    // 3 and 4: full scans where they fit, for the rules that need every event (and those cut).
    const needsEvery = (rules, cut) => rules.some((r) => !(0,_coverage_js__WEBPACK_IMPORTED_MODULE_1__/* .hasCover */ .E)(r)) || cut.length > 0;
    if (needsEvery(windowRules, cutWindow))
        upgrade(windowState, open, (cost) => spend(cost), (c) => (left += c));
    if (historyState && needsEvery(historyRules, cutHistory))
        upgrade(historyState, all, (cost) => spend(cost), (c) => (left += c));
    // 5: what was cut, again.
    serveCut(windowState, cutWindow, spend);
    if (historyState)
        serveCut(historyState, cutHistory, spend);
    // Rules with no cover and no full scan are partial; record how every rule is served.
    const served = (state, rules, regions) => {
        for (const region of regions) {
            const chosen = state.chosen.get(region) ?? [];
            const map = state.served.get(region) ?? new Map();
            for (const rule of rules) {
                if (chosen.includes(ALL))
                    map.set(rule.ruleId, { by: [ALL] });
                else if (!map.has(rule.ruleId))
                    map.set(rule.ruleId, { partial: 'needs-every-event' });
            }
            state.served.set(region, map);
        }
    };
    served(windowState, windowRules, open);
    for (const sample of input.regions.filter((r) => r.complete)) {
        windowState.served.set(sample.region, new Map(windowRules.map((r) => [r.ruleId, { by: [] }])));
    }
    if (historyState)
        served(historyState, historyRules, all);
    const regions = input.regions.map((sample) => {
        const windowChosen = windowState.chosen.get(sample.region) ?? [];
        const historyChosen = historyState?.chosen.get(sample.region) ?? [];
        const lookups = [
            ...windowChosen.map((key) => planned(sample.region, 'window', key, windowState)),
            ...historyChosen.map((key) => planned(sample.region, 'history', key, historyState)),
        ];
        const rate = sample.events / Math.max(sample.coveredSeconds, 1);
        const spare = [];
        const spareOf = (state, chosen, cut) => {
            const seen = new Set(chosen);
            if (seen.has(ALL))
                return;
            for (const [ruleId, region] of cut) {
                const served = state.served.get(region)?.get(ruleId);
                if (region !== sample.region || !served || !('spare' in served))
                    continue;
                for (const key of served.spare) {
                    if (seen.has(key))
                        continue;
                    seen.add(key);
                    spare.push(planned(region, state.period, key, state));
                }
            }
        };
        spareOf(windowState, windowChosen, cutWindow);
        if (historyState)
            spareOf(historyState, historyChosen, cutHistory);
        // Then the full scans the plan could not afford, should the lookups cost less than estimated.
        if (!sample.complete && !windowChosen.includes(ALL) && needsEvery(windowRules, cutWindow))
            spare.push(planned(sample.region, 'window', ALL, windowState));
        if (historyState && !historyChosen.includes(ALL) && needsEvery(historyRules, cutHistory))
            spare.push(planned(sample.region, 'history', ALL, historyState));
        return {
            region: sample.region,
            window: sample.complete ? 'read' : windowChosen.includes(ALL) ? 'full' : 'lookups',
            history: !historyState ? 'none' : historyChosen.includes(ALL) ? 'full' : 'lookups',
            lookups,
            spare,
            estimates: {
                eventsPerHour: rate * 3600,
                full: windowState.fullCost.get(sample.region) ?? 0,
                lookups: windowState.lookupsCost.get(sample.region) ?? 0,
                ...(historyState
                    ? {
                        historyFull: historyState.fullCost.get(sample.region) ?? 0,
                        historyLookups: historyState.lookupsCost.get(sample.region) ?? 0,
                    }
                    : {}),
            },
        };
    });
    const sum = (map) => [...(map?.values() ?? [])].reduce((a, b) => a + b, 0);
    return {
        regions,
        estimated: regions.reduce((n, r) => n + r.lookups.reduce((m, l) => m + l.estimate, 0), 0),
        window: windowState.served,
        history: historyState?.served ?? new Map(),
        fullWindow: sum(windowState.fullCost),
        fullHistory: sum(historyState?.fullCost),
    };
}
function planned(region, period, key, state) {
    return { region, period, lookup: lookupOf(key), estimate: state.estimators.get(region).calls(key) };
}
function periodState(period, rules, samples, seconds, regions) {
    const state = {
        period,
        covers: new Map(rules.map((r) => [r.ruleId, r])),
        writes: new Map(),
        chosen: new Map(),
        estimators: new Map(),
        lookupsCost: new Map(),
        fullCost: new Map(),
        served: new Map(),
    };
    for (const sample of samples) {
        if (!regions.includes(sample.region))
            continue;
        // Every coverable rule by lookups, ignoring the budget, with and without `ReadOnly=false` for the write events:
        // the cheaper is the Region's way, and what its choice between lookups and the full scan is made on.
        let best;
        for (const writes of [true, false]) {
            const keys = new Set([ALL]);
            for (const rule of rules)
                for (const option of optionsOf(rule, writes) ?? [])
                    for (const k of option)
                        keys.add(k);
            const estimate = estimator(sample, seconds(sample), keys);
            const chosen = new Set();
            let cost = 0;
            for (const rule of rules) {
                const option = cheapest(optionsOf(rule, writes), chosen, estimate);
                if (!option)
                    continue;
                for (const key of option.keys)
                    chosen.add(key);
                cost += option.cost;
            }
            if (!best || cost < best.cost)
                best = { cost, writes, estimate };
        }
        state.writes.set(sample.region, best.writes);
        state.estimators.set(sample.region, best.estimate);
        state.fullCost.set(sample.region, best.estimate.calls(ALL));
        state.lookupsCost.set(sample.region, best.cost);
    }
    return state;
}
/** The option adding the fewest calls to what is chosen (ties: the first). */
function cheapest(options, chosen, estimate) {
    if (!options)
        return undefined;
    let best;
    for (const keys of options) {
        const cost = keys.filter((k) => !chosen.has(k)).reduce((n, k) => n + estimate.calls(k), 0);
        if (!best || cost < best.cost)
            best = { keys, cost };
    }
    return best;
}
/**
 * Steps 1 and 2: each rule, by priority, in each Region, its cheapest lookups, or the Region's full scan when that
 * costs no more than serving every rule by lookups (or every event is wanted). Returns the [rule, Region] pairs cut.
 */
function serveByLookups(state, rules, regions, spend, everyEvent) {
    const cut = [];
    for (const region of regions) {
        const full = state.fullCost.get(region);
        if ((everyEvent || full <= state.lookupsCost.get(region)) && spend(full))
            state.chosen.set(region, [ALL]);
    }
    for (const rule of rules) {
        for (const region of regions) {
            const options = optionsOf(rule, state.writes.get(region));
            if (!options)
                continue;
            const chosen = state.chosen.get(region) ?? [];
            const served = mapOf(state.served, region);
            if (chosen.includes(ALL)) {
                served.set(rule.ruleId, { by: [ALL] });
                continue;
            }
            const best = cheapest(options, new Set(chosen), state.estimators.get(region));
            if (spend(best.cost)) {
                state.chosen.set(region, [...chosen, ...best.keys.filter((k) => !chosen.includes(k))]);
                served.set(rule.ruleId, { by: best.keys });
            }
            else {
                served.set(rule.ruleId, { partial: 'budget', spare: best.keys });
                cut.push([rule.ruleId, region]);
            }
        }
    }
    return cut;
}
/** Steps 3 and 4: a Region's lookups replaced by its full scan where the difference fits, cheapest first. */
function upgrade(state, regions, spend, refund) {
    const costOf = (region) => (state.chosen.get(region) ?? []).reduce((n, k) => n + state.estimators.get(region).calls(k), 0);
    const candidates = regions
        .filter((region) => !(state.chosen.get(region) ?? []).includes(ALL))
        .map((region) => ({ region, extra: state.fullCost.get(region) - costOf(region) }))
        .sort((a, b) => a.extra - b.extra || compare(a.region, b.region));
    for (const { region } of candidates) {
        const current = costOf(region);
        refund(current);
        if (spend(state.fullCost.get(region))) {
            state.chosen.set(region, [ALL]);
            const served = mapOf(state.served, region);
            for (const id of served.keys())
                served.set(id, { by: [ALL] });
        }
        else if (!spend(current)) {
            throw new Error('budget accounting: a refund could not be spent again');
        }
    }
}
/** Step 5: the rules cut, in priority order, with what is left. */
function serveCut(state, cut, spend) {
    for (const [ruleId, region] of cut) {
        const chosen = state.chosen.get(region) ?? [];
        const served = mapOf(state.served, region);
        if (chosen.includes(ALL))
            continue; // upgraded: served
        const options = optionsOf(state.covers.get(ruleId), state.writes.get(region));
        const best = cheapest(options, new Set(chosen), state.estimators.get(region));
        if (spend(best.cost)) {
            state.chosen.set(region, [...chosen, ...best.keys.filter((k) => !chosen.includes(k))]);
            served.set(ruleId, { by: best.keys });
        }
    }
}
function mapOf(maps, key) {
    let map = maps.get(key);
    if (!map)
        maps.set(key, (map = new Map()));
    return map;
}
function compare(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
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
