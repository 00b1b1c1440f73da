export const id = 832;
export const ids = [832];
export const modules = {

/***/ 7832:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   awsSource: () => (/* binding */ awsSource),
/* harmony export */   checkAwsSource: () => (/* binding */ checkAwsSource)
/* harmony export */ });
/* harmony import */ var _core_options_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3457);
/* harmony import */ var _sources_lookup_events_index_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2050);
/* harmony import */ var _sources_s3_index_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3563);
/* harmony import */ var _sources_athena_index_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5717);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4296);





/** Throws a UsageError naming what an AWS source lacks: checked before credentials are looked for. */
function checkAwsSource(options) {
    if (options.kind === 's3' && !options.bucket)
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UsageError */ .e('the s3 source needs the trail bucket (s3-bucket / --s3-bucket)');
    if (options.kind === 'athena') {
        const inputs = options.athena ?? { createTable: false };
        if (!inputs.database || !inputs.table) {
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UsageError */ .e('the athena source needs the Glue database and the CloudTrail table (athena-database and athena-table / ' +
                '--athena-database and --athena-table)');
        }
        if ((inputs.createTable || inputs.maxScanGb !== undefined) && !options.bucket) {
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UsageError */ .e(`${inputs.createTable ? 'athena-create-table' : 'max-scan-gb'} needs the trail bucket (s3-bucket / --s3-bucket, ` +
                'and s3-prefix when the trail has one): ' +
                (inputs.createTable
                    ? 'the table is created over its AWSLogs/ folder'
                    : "the query's scan is estimated from the S3 objects of the partitions it selects"));
        }
    }
    if (!['s3', 'lookup-events', 'athena'].includes(options.kind))
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UsageError */ .e(`source ${options.kind}: not one of files, s3, lookup-events, athena`);
}
function awsSource(options) {
    checkAwsSource(options);
    const { window } = options;
    if (options.kind === 's3') {
        const bucket = options.bucket;
        const client = (0,_sources_s3_index_js__WEBPACK_IMPORTED_MODULE_2__.createS3Client)({ region: options.region, credentials: options.credentials });
        const prefix = options.prefix ?? '';
        return {
            source: (stats, rules, signal, context) => (0,_sources_s3_index_js__WEBPACK_IMPORTED_MODULE_2__.readS3)({
                client,
                bucket,
                prefix,
                accounts: options.accounts,
                regions: options.regions,
                window,
                ...(signal ? { signal } : {}),
                ...(context?.history ? { history: { ...context.history, spans: historySpans(rules) } } : {}),
                onCoverage: (coverage) => (stats.coverage = coverage),
            }, stats, stats),
            description: `s3://${bucket}/${prefix}`,
            close: () => client.destroy(),
        };
    }
    if (options.kind === 'lookup-events') {
        const regions = options.regions.length > 0 ? options.regions : [options.region];
        const reports = [];
        let coverage;
        return {
            source: async function* (stats, rules, signal, context) {
                yield* (0,_sources_lookup_events_index_js__WEBPACK_IMPORTED_MODULE_1__/* .readLookupEvents */ .Kj)({
                    regions,
                    start: new Date(window.start),
                    end: new Date(window.end),
                    rules,
                    ...(context ? { context } : {}),
                    credentials: options.credentials,
                    plan: options.everyEvent ? 'full' : 'auto',
                    maxCalls: options.maxLookupCalls ?? _core_options_js__WEBPACK_IMPORTED_MODULE_0__/* .DEFAULT_MAX_LOOKUP_CALLS */ .Su,
                    budgetOption: options.budgetOption ?? 'max-lookup-calls',
                    ...(signal ? { signal } : {}),
                    onRegionDone: (report) => reports.push(report),
                }, stats, stats);
                coverage = stats.coverage;
            },
            description: `lookup-events: ${(0,_sources_lookup_events_index_js__WEBPACK_IMPORTED_MODULE_1__/* .lookupRegions */ .C2)(regions, true).join(', ')}`,
            explain: () => (0,_sources_lookup_events_index_js__WEBPACK_IMPORTED_MODULE_1__/* .explainLookupPlans */ .eH)(coverage, reports),
            close() { },
        };
    }
    if (options.kind === 'athena')
        return athenaSource(options);
    throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UsageError */ .e(`source ${options.kind}: not one of files, s3, lookup-events, athena`);
}
/** Each first-seen rule's history window, in milliseconds. */
function historySpans(rules) {
    const spans = new Map();
    for (const { rule } of rules)
        if (rule.firstSeen)
            spans.set(rule.ruleId, rule.firstSeen.history * 1000);
    return spans;
}
function athenaSource(options) {
    const inputs = options.athena ?? { createTable: false };
    const client = (0,_sources_athena_index_js__WEBPACK_IMPORTED_MODULE_3__/* .createAthenaClient */ .Dx)({ region: options.region, credentials: options.credentials });
    const s3 = options.bucket
        ? (0,_sources_s3_index_js__WEBPACK_IMPORTED_MODULE_2__.createS3Client)({ region: options.region, credentials: options.credentials })
        : undefined;
    const report = (0,_sources_athena_index_js__WEBPACK_IMPORTED_MODULE_3__/* .newAthenaReport */ .eY)();
    const database = inputs.database;
    const table = inputs.table;
    return {
        source: (stats, rules, signal) => {
            stats.query = report;
            return (0,_sources_athena_index_js__WEBPACK_IMPORTED_MODULE_3__/* .readAthena */ .Yy)({
                client,
                database,
                table,
                window: options.window,
                accounts: options.accounts,
                regions: options.regions,
                rules,
                ...(inputs.workGroup ? { workGroup: inputs.workGroup } : {}),
                ...(inputs.outputLocation ? { outputLocation: inputs.outputLocation } : {}),
                ...(s3 && options.bucket
                    ? {
                        trail: {
                            client: s3,
                            bucket: options.bucket,
                            ...(options.prefix ? { prefix: options.prefix } : {}),
                        },
                    }
                    : {}),
                ...(inputs.createTable
                    ? { createTable: { accounts: options.accounts, regions: options.regions } }
                    : {}),
                ...(inputs.maxScanGb !== undefined ? { maxScanBytes: inputs.maxScanGb * 2 ** 30 } : {}),
                ...(signal ? { signal } : {}),
            }, stats, stats, report);
        },
        description: `athena: ${database}.${table}${inputs.workGroup ? ` (workgroup ${inputs.workGroup})` : ''}`,
        explain: () => (0,_sources_athena_index_js__WEBPACK_IMPORTED_MODULE_3__/* .explainAthena */ .Ti)(report),
        close: () => {
            client.destroy();
            s3?.destroy();
        },
    };
}


/***/ }),

/***/ 5717:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Dx: () => (/* reexport */ createAthenaClient),
  Ti: () => (/* reexport */ explainAthena),
  eY: () => (/* binding */ newAthenaReport),
  Nt: () => (/* binding */ qualifiedTable),
  Yy: () => (/* binding */ readAthena),
  so: () => (/* binding */ windowDays)
});

// UNUSED EXPORTS: AthenaSourceError, describeQueryCost, estimateScanBytes, queryCostUsd

// EXTERNAL MODULE: ./src/sql/index.ts + 6 modules
var sql = __webpack_require__(626);
// EXTERNAL MODULE: ./src/sources/s3/index.ts + 4 modules
var s3 = __webpack_require__(3563);
// EXTERNAL MODULE: ./src/core/format.ts
var format = __webpack_require__(6228);
;// CONCATENATED MODULE: ./src/sources/athena/cost.ts
/**
 * What an Athena query costs, from the bytes it scanned.
 *
 * AWS's pricing page (https://aws.amazon.com/athena/pricing/, SQL queries): "$5.00 per TB of data scanned" and
 * "You are charged for the number of bytes scanned by Amazon Athena, rounded up to the nearest megabyte, with a
 * 10 MB minimum per query. There are no charges for Data Definition Language (DDL) statements like
 * CREATE/ALTER/DROP TABLE, statements for managing partitions, or failed queries. Cancelled queries are charged
 * based on the amount of data scanned."
 * The price is the us-east-1 list price (some Regions charge more). AWS bills in decimal units: a megabyte is
 * 10^6 bytes and a terabyte 10^12 ($5 for 10^12 bytes, not 2^40). A query cancelled while it ran (by the run being
 * cancelled, or by the workgroup's cutoff) is billed as one that succeeded for what it scanned.
 */
const USD_PER_TB = 5;
const MB = 1e6;
const TB = 1e12;
const MINIMUM_MB = 10;
/** The estimated charge of one query (DML, succeeded or cancelled) that scanned `bytes`. */
function queryCostUsd(bytes) {
    const megabytes = Math.max(MINIMUM_MB, Math.ceil(Math.max(0, bytes) / MB));
    return (megabytes * MB * USD_PER_TB) / TB;
}

// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: ./src/credentials/index.ts + 2 modules
var src_credentials = __webpack_require__(6039);
// EXTERNAL MODULE: ./src/sources/s3/errors.ts
var s3_errors = __webpack_require__(9190);
;// CONCATENATED MODULE: ./src/sources/athena/errors.ts
/** What Athena errors mean for the user, in messages that name the fix. */



/** A problem that stops the Athena source (the query cannot run, or failed). */
class AthenaSourceError extends errors/* UserError */.y {
}
/** The permissions the Athena source needs, for error messages (docs/athena.md has the policy). */
const ATHENA_PERMISSIONS = 'athena:StartQueryExecution, athena:GetQueryExecution, athena:GetQueryResults and athena:StopQueryExecution ' +
    'on the workgroup; athena:GetTableMetadata on the data catalog AwsDataCatalog; glue:GetDatabase, glue:GetTable ' +
    '(and glue:CreateTable, glue:UpdateTable with athena-create-table) on the catalog, database and table; ' +
    's3:GetObject and s3:ListBucket on the trail bucket; s3:PutObject, s3:GetObject, s3:ListBucket and ' +
    's3:GetBucketLocation on the query result location';
/** `Code: message` of an SDK error, with the fix when the code names one. */
function describeAthenaError(err, where) {
    const credentials = (0,src_credentials/* credentialProblem */.FL)(err);
    if (credentials)
        return credentials;
    const text = (0,s3_errors/* describeError */.Uc)(err);
    const code = (0,s3_errors/* errorCode */.CA)(err);
    if ((0,s3_errors/* isAccessDenied */.w7)(err) || code === 'AccessDeniedException') {
        return `${text}. The credentials need ${ATHENA_PERMISSIONS}`;
    }
    if (/output location|OutputLocation/i.test(text) && !where.outputLocation) {
        return `${text}: give a query result location (athena-output-location: s3://bucket/path/) or use a workgroup that has one (athena-workgroup)`;
    }
    if (/workgroup/i.test(text) && where.workGroup) {
        return `${text}: check athena-workgroup ('${where.workGroup}') and that it is enabled`;
    }
    return text;
}

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-s3/dist-cjs/index.js
var dist_cjs = __webpack_require__(3711);
// EXTERNAL MODULE: ./src/sources/s3/concurrency.ts
var concurrency = __webpack_require__(3582);
;// CONCATENATED MODULE: ./src/sources/athena/estimate.ts
/**
 * How many bytes an Athena query over the CloudTrail table will scan, estimated before it runs.
 *
 * Athena has no dry run. Over a CloudTrail table (JSON, gzip), a query reads every object of every partition its
 * predicates select, and Athena bills the compressed bytes read. So the estimate is the total size of the objects
 * under the selected partitions' locations: the trail folders (accounts × regions) the query reads, found in the
 * bucket as the s3 source finds them, and under each the period folders (`YYYY/MM/DD/`) of the query's date
 * predicate, listed with ListObjectsV2; or, for a table that is not partitioned by day, everything under each
 * trail folder. It is an upper bound when the query reads every column of those files (JSON is not columnar: it
 * does), give or take objects delivered between the estimate and the query. Listing stops once the total passes
 * `stopAbove` (the limit): a table read whole is not listed to its end to learn that it is too big.
 */




async function estimateScanBytes(options, reporter, stats) {
    const { client, bucket, signal } = options;
    const prefixes = options.days
        ? options.folders.flatMap((folder) => options.days.map((day) => `${folder.prefix}${day}`))
        : options.folders.map((folder) => folder.prefix);
    let bytes = 0;
    let objects = 0;
    let unlisted = 0;
    const over = () => options.stopAbove !== undefined && bytes > options.stopAbove;
    await (0,concurrency/* mapLimit */.s)(prefixes, options.concurrency ?? 8, async (prefix) => {
        if (over())
            return;
        try {
            await listAll(client, bucket, prefix, stats, signal, (size) => {
                bytes += size;
                objects++;
                return !over();
            });
        }
        catch (err) {
            if ((0,s3_errors/* isAbort */.rV)(err) || signal?.aborted)
                throw err;
            unlisted++;
            reporter.error({ file: (0,s3.objectUri)(bucket, prefix) }, `scan estimate: ${(0,s3_errors/* listingErrorMessage */.Ek)(err, bucket, prefix, options.prefix ?? '')}`);
        }
    });
    return {
        bytes,
        objects,
        partitions: prefixes.length,
        folders: options.folders.length,
        ...(options.days ? { days: options.days } : {}),
        unlisted,
        stoppedAbove: over(),
    };
}
/** Every object under `prefix` (no delimiter), page by page, until `each` returns false. */
async function listAll(client, bucket, prefix, stats, signal, each) {
    let token;
    const seen = new Set();
    for (;;) {
        let output;
        try {
            output = await client.send(new dist_cjs/* ListObjectsV2Command */.u6x({
                Bucket: bucket,
                Prefix: prefix,
                ...(token !== undefined ? { ContinuationToken: token } : {}),
            }), { abortSignal: signal });
        }
        catch (err) {
            stats.apiCalls += (0,s3_errors/* attemptsOf */.Or)(err);
            throw err;
        }
        stats.apiCalls += output.$metadata.attempts ?? 1;
        for (const object of output.Contents ?? [])
            if (!each(object.Size ?? 0))
                return;
        const next = output.NextContinuationToken;
        if (!output.IsTruncated || next === undefined || next === '')
            return;
        if (seen.has(next))
            throw new Error('ListObjectsV2 returned the same continuation token twice');
        seen.add(next);
        token = next;
    }
}

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-athena/dist-cjs/index.js
var client_athena_dist_cjs = __webpack_require__(2204);
// EXTERNAL MODULE: ./src/sources/sleep.ts
var sleep = __webpack_require__(1813);
;// CONCATENATED MODULE: ./src/sources/athena/query.ts
/**
 * One Athena query run to its end: StartQueryExecution, then GetQueryExecution polled with backoff through
 * QUEUED / RUNNING until SUCCEEDED, FAILED or CANCELLED. When the signal aborts first, the query is stopped
 * (StopQueryExecution) so that it stops scanning, and billing, at once, and what it scanned until then is read.
 *
 * A FAILED query is read through Status.AthenaError (ErrorCategory 1 system, 2 user, 3 other; ErrorType;
 * Retryable): one that Athena marks retryable is run again (a new query), up to `retries` times, with backoff.
 * Every query that ended is told to `onEnded` with the bytes it scanned: Athena bills a cancelled query for them
 * (and reports them for a failed one, which it does not bill).
 *
 * Throttling (TooManyRequestsException) and 5xx answers are retried by the SDK's standard retry strategy,
 * which classifies TooManyRequestsException as a throttling error; `apiCalls` counts every HTTP attempt.
 */



/** A query that failed, or that someone else cancelled: Athena's reason, and what it scanned. */
class QueryFailure extends AthenaSourceError {
    queryId;
    state;
    reason;
    athenaError;
    constructor(message, queryId, state, reason, athenaError) {
        super(message);
        this.queryId = queryId;
        this.state = state;
        this.reason = reason;
        this.athenaError = athenaError;
    }
    /**
     * Trino could not compile the query's expressions into JVM methods of at most 64 KB: QUERY_EXCEEDED_COMPILER_LIMIT
     * (current Trino; "Query exceeded maximum filters..."), COMPILER_ERROR "Compiler failed" or "Method too large"
     * (older engines). Fewer rules a query compile.
     */
    get compilerLimit() {
        return /QUERY_EXCEEDED_COMPILER_LIMIT|exceeded maximum filters|Compiler failed|Method (code )?too large/i.test(`${this.reason} ${this.athenaError?.message ?? ''}`);
    }
}
const DEFAULT_POLL = { initialMs: 500, factor: 1.5, maxMs: 5_000 };
/** Runs of a query that failed with an error Athena marks retryable, at most (the first run included). */
const RETRYABLE_ATTEMPTS = 3;
/** HTTP attempts of an SDK call (its retries included); 1 when the error does not say. */
function attempts(value) {
    const n = value?.$metadata?.attempts;
    return typeof n === 'number' && n > 0 ? n : 1;
}
async function send(ctx, call) {
    try {
        const output = await call();
        ctx.stats.apiCalls += attempts(output);
        return output;
    }
    catch (err) {
        ctx.stats.apiCalls += attempts(err);
        throw err;
    }
}
/**
 * Runs `sql` until it succeeds. Throws QueryFailure when it fails (after the retries of an error Athena marks
 * retryable) or is cancelled by someone else, and an AbortError when `ctx.signal` aborted (after stopping the
 * query). `onStarted` is told each query id as soon as Athena gives it, `onEnded` how each query ended.
 */
async function runQuery(ctx, sql, what, onStarted, onEnded) {
    for (let attempt = 1;; attempt++) {
        try {
            return await runOnce(ctx, sql, what, onStarted, onEnded);
        }
        catch (err) {
            if (!(err instanceof QueryFailure) || !err.athenaError?.retryable || attempt >= RETRYABLE_ATTEMPTS)
                throw err;
            await (0,sleep/* sleep */.y)(ctx.poll.initialMs * 4 ** attempt, ctx.signal);
        }
    }
}
async function runOnce(ctx, sql, what, onStarted, onEnded) {
    const { signal } = ctx;
    if (signal?.aborted)
        throw (0,sleep/* abortError */.v)();
    const input = {
        QueryString: sql,
        QueryExecutionContext: { Database: ctx.database },
        ...(ctx.workGroup ? { WorkGroup: ctx.workGroup } : {}),
        ...(ctx.outputLocation ? { ResultConfiguration: { OutputLocation: ctx.outputLocation } } : {}),
    };
    let id;
    try {
        // Not aborted midway: a query that Athena started must be known by its id, to be stopped.
        const started = await send(ctx, () => ctx.client.send(new client_athena_dist_cjs/* StartQueryExecutionCommand */.Wjk(input)));
        if (!started.QueryExecutionId)
            throw new Error('StartQueryExecution returned no QueryExecutionId');
        id = started.QueryExecutionId;
    }
    catch (err) {
        if (signal?.aborted)
            throw (0,sleep/* abortError */.v)();
        throw new AthenaSourceError(`cannot start the ${what}: ${describeAthenaError(err, ctx)}`);
    }
    onStarted?.(id);
    const stopped = async () => {
        await stopQuery(ctx, id);
        const last = await lastExecution(ctx, id);
        onEnded?.({ id, state: 'CANCELLED', ...statistics(last) });
        return (0,sleep/* abortError */.v)();
    };
    if (signal?.aborted)
        throw await stopped();
    let delay = ctx.poll.initialMs;
    for (;;) {
        let execution;
        try {
            await (0,sleep/* sleep */.y)(delay, signal);
            const output = await send(ctx, () => ctx.client.send(new client_athena_dist_cjs/* GetQueryExecutionCommand */.mRu({ QueryExecutionId: id }), { abortSignal: signal }));
            execution = output.QueryExecution;
        }
        catch (err) {
            if (signal?.aborted)
                throw await stopped();
            throw new AthenaSourceError(`cannot follow the ${what} (query ${id}): ${describeAthenaError(err, ctx)}`);
        }
        delay = Math.min(ctx.poll.maxMs, delay * ctx.poll.factor);
        const state = execution?.Status?.State;
        const reason = oneLine(execution?.Status?.StateChangeReason);
        if (state === 'SUCCEEDED' || state === 'FAILED' || state === 'CANCELLED') {
            const { bytesScanned, engineMs } = statistics(execution);
            onEnded?.({ id, state, bytesScanned, engineMs });
            if (state === 'SUCCEEDED') {
                return {
                    id,
                    state,
                    bytesScanned,
                    engineMs,
                    totalMs: execution?.Statistics?.TotalExecutionTimeInMillis ?? 0,
                };
            }
            if (state === 'CANCELLED' && signal?.aborted)
                throw (0,sleep/* abortError */.v)();
            const error = execution?.Status?.AthenaError;
            const info = error
                ? {
                    ...(error.ErrorCategory !== undefined ? { category: error.ErrorCategory } : {}),
                    ...(error.ErrorType !== undefined ? { type: error.ErrorType } : {}),
                    ...(error.Retryable !== undefined ? { retryable: error.Retryable } : {}),
                    ...(error.ErrorMessage ? { message: oneLine(error.ErrorMessage) } : {}),
                }
                : undefined;
            const because = reason || info?.message || 'Athena gave no reason';
            const message = state === 'FAILED'
                ? `the ${what} failed (query ${id}${describeCategory(info)}): ${because}`
                : `the ${what} was cancelled outside this run (query ${id})${reason ? `: ${reason}` : ''}`;
            throw new QueryFailure(message, id, state, because, info);
        }
        // QUEUED, RUNNING: poll again.
    }
}
function statistics(execution) {
    return {
        bytesScanned: execution?.Statistics?.DataScannedInBytes ?? 0,
        engineMs: execution?.Statistics?.EngineExecutionTimeInMillis ?? 0,
    };
}
/** `; a user error, retryable`: Athena's ErrorCategory and Retryable, in words. */
function describeCategory(info) {
    if (!info)
        return '';
    const category = { 1: 'a system error', 2: 'a user error', 3: 'an error' }[info.category ?? 0];
    const parts = [
        ...(category ? [category] : []),
        ...(info.type !== undefined ? [`type ${info.type}`] : []),
        ...(info.retryable ? ['retryable'] : []),
    ];
    return parts.length ? `; ${parts.join(', ')}` : '';
}
/** The execution after a stop (best effort, bounded): what the stopped query scanned, for the bill. */
async function lastExecution(ctx, id) {
    try {
        const output = await send(ctx, () => ctx.client.send(new client_athena_dist_cjs/* GetQueryExecutionCommand */.mRu({ QueryExecutionId: id }), {
            abortSignal: AbortSignal.timeout(10_000),
        }));
        return output.QueryExecution;
    }
    catch {
        return undefined;
    }
}
/** Asks Athena to stop a query (best effort: the run is being cancelled and must not wait long). */
async function stopQuery(ctx, id) {
    try {
        await send(ctx, () => ctx.client.send(new client_athena_dist_cjs/* StopQueryExecutionCommand */.aaO({ QueryExecutionId: id }), {
            abortSignal: AbortSignal.timeout(10_000),
        }));
        return true;
    }
    catch {
        return false;
    }
}
function oneLine(text) {
    return (text ?? '').replace(/\s+/g, ' ').trim().slice(0, 1000);
}

;// CONCATENATED MODULE: ./src/sources/athena/metadata.ts
/**
 * The CloudTrail table as the catalog describes it (Athena GetTableMetadata, catalog AwsDataCatalog; Athena reads
 * Glue's GetTable for it), and what that means for the query: which CloudTrail columns it holds, which partition
 * columns hold the account, the Region and the day (so that the query prunes on them), and the values its
 * partition projection covers.
 *
 * Shapes (docs/athena.md): the projected table athena-create-table makes (account, region, `timestamp`) and any
 * projected table whose storage.location.template follows the trail's layout (`.../AWSLogs/[o-org/]${a}/CloudTrail/
 * ${r}/${d}`, whatever the columns' names; `injected` account or region columns too); AWS's manually partitioned
 * tables (`region, year, month, day`, and `account` for an organization); a table without partitions (the
 * CloudTrail console's), read whole.
 */





const DATA_CATALOG = 'AwsDataCatalog';
/** The table's metadata, or undefined when the catalog has no such table. Other failures throw AthenaSourceError. */
async function readTableMetadata(ctx, database, table) {
    let output;
    try {
        output = await ctx.client.send(new client_athena_dist_cjs/* GetTableMetadataCommand */.rDP({
            CatalogName: DATA_CATALOG,
            DatabaseName: database,
            TableName: table,
            ...(ctx.workGroup ? { WorkGroup: ctx.workGroup } : {}),
        }), { abortSignal: ctx.signal });
    }
    catch (err) {
        ctx.stats.apiCalls += attempts(err);
        if (ctx.signal?.aborted)
            throw err;
        if ((0,s3_errors/* errorCode */.CA)(err) === 'MetadataException' &&
            /EntityNotFound|Entity Not Found|not found/i.test((0,s3_errors/* describeError */.Uc)(err)))
            return undefined;
        throw new AthenaSourceError(`cannot read the table ${database}.${table} (GetTableMetadata): ${describeAthenaError(err, ctx)}`);
    }
    ctx.stats.apiCalls += attempts(output);
    const meta = output.TableMetadata;
    const columns = (list) => (list ?? []).map((c) => ({ name: c.Name ?? '', type: c.Type ?? '' }));
    return {
        columns: columns(meta?.Columns),
        partitionKeys: columns(meta?.PartitionKeys),
        parameters: { ...meta?.Parameters },
    };
}
const ACCOUNT_NAME = /^(account|account_?id|accountid)$/i;
const REGION_NAME = /^(region|aws_?region)$/i;
/**
 * The role of each partition column: from the projected table's location template where it has one (the column
 * after `AWSLogs/[o-org/]` holds the account, the one after `CloudTrail/` the Region, a date projection the day),
 * else from the names AWS's documentation uses (account, region, year, month, day).
 */
function tableShape(meta) {
    const p = meta.parameters;
    const projection = (p['projection.enabled'] ?? '').trim().toLowerCase() === 'true';
    const template = projection ? p['storage.location.template'] : undefined;
    const keys = meta.partitionKeys;
    const byName = new Map(keys.map((k) => [k.name.toLowerCase(), k]));
    const roles = new Map();
    if (template) {
        for (const m of template.matchAll(/\$\{(\w+)\}/g)) {
            const column = m[1].toLowerCase();
            const before = template.slice(0, m.index);
            if (/AWSLogs\/(o-[a-z0-9]+\/)?$/.test(before))
                roles.set(column, 'account');
            else if (/\/CloudTrail\/$/.test(before))
                roles.set(column, 'region');
        }
    }
    for (const key of keys) {
        const name = key.name.toLowerCase();
        if (roles.has(name))
            continue;
        const type = (p[`projection.${name}.type`] ?? '').trim().toLowerCase();
        if (projection && type === 'date')
            roles.set(name, 'day');
        else if (!template && ACCOUNT_NAME.test(name))
            roles.set(name, 'account');
        else if (!template && REGION_NAME.test(name))
            roles.set(name, 'region');
    }
    const dimension = (role) => {
        const column = [...roles].find(([, r]) => r === role)?.[0];
        if (column === undefined)
            return undefined;
        if (!projection)
            return { column, kind: 'manual' };
        const type = (p[`projection.${column}.type`] ?? '').trim().toLowerCase();
        if (type === 'enum') {
            const values = (p[`projection.${column}.values`] ?? '').split(',').filter((v) => v !== '');
            return { column, kind: 'enum', values };
        }
        return { column, kind: type === 'injected' ? 'injected' : 'other' };
    };
    const account = dimension('account');
    const region = dimension('region');
    const partitions = {};
    if (account)
        partitions.account = account.column;
    if (region)
        partitions.region = region.column;
    let dayRange;
    const dayColumn = [...roles].find(([, r]) => r === 'day')?.[0];
    if (dayColumn !== undefined) {
        const format = (p[`projection.${dayColumn}.format`] ?? '').trim();
        // A format with more than year, month and day (hours) is not pruned on: the column is then read whole.
        if ((0,sql/* formatPartitionDay */.U4)(format, [2024, 1, 2]) !== undefined)
            partitions.day = { column: dayColumn, format };
        else
            roles.delete(dayColumn);
        const [start, end] = (p[`projection.${dayColumn}.range`] ?? '').split(',').map((s) => s.trim());
        if (start && end)
            dayRange = { column: dayColumn, format, start, end };
    }
    else if (!projection) {
        // AWS's manually partitioned tables: year, month, day (strings such as '2024', '06', '03').
        const column = (name) => {
            const key = byName.get(name);
            return key ? { column: key.name.toLowerCase(), type: key.type } : undefined;
        };
        const year = column('year');
        if (year) {
            const month = column('month');
            const day = month ? column('day') : undefined;
            partitions.day = { year, ...(month ? { month } : {}), ...(day ? { day } : {}) };
            for (const c of [year, month, day])
                if (c)
                    roles.set(c.column, 'day');
        }
    }
    const shape = {
        schema: (0,sql/* tableSchema */._A)(meta.columns),
        partitions,
        unpruned: keys.map((k) => k.name.toLowerCase()).filter((name) => !roles.has(name)),
        projection,
    };
    if (account)
        shape.account = account;
    if (region)
        shape.region = region;
    if (dayRange)
        shape.dayRange = dayRange;
    if (template)
        shape.template = template;
    if (p.location)
        shape.location = p.location;
    return shape;
}
/** Whether the table prunes by day (reads only the partitions of the window's days). */
function prunesDays(shape) {
    return shape.partitions.day !== undefined;
}

;// CONCATENATED MODULE: ./src/sources/athena/results.ts
/**
 * The rows of a succeeded SELECT, page by page (GetQueryResults, NextToken), as column → value maps.
 *
 * Athena's ResultSet for a SELECT starts with a header row (the column names) on the first page; columns are
 * named by ResultSetMetadata.ColumnInfo, and a cell is `{VarCharValue}`, or `{}` for NULL.
 */


async function* readResults(ctx, queryId) {
    let token;
    let columns;
    let number = 0;
    const seen = new Set();
    for (let page = 1;; page++) {
        if (page > ctx.maxPages) {
            throw new Error(`more than ${ctx.maxPages} pages of results for query ${queryId}: reading stopped`);
        }
        let output;
        try {
            output = await ctx.client.send(new client_athena_dist_cjs/* GetQueryResultsCommand */.sAK({
                QueryExecutionId: queryId,
                MaxResults: ctx.pageSize,
                ...(token !== undefined ? { NextToken: token } : {}),
            }), { abortSignal: ctx.signal });
        }
        catch (err) {
            ctx.stats.apiCalls += attempts(err);
            throw err;
        }
        ctx.stats.apiCalls += attempts(output);
        const rows = output.ResultSet?.Rows ?? [];
        let first = 0;
        if (columns === undefined) {
            columns = (output.ResultSet?.ResultSetMetadata?.ColumnInfo ?? []).map((c, i) => c.Name ?? `_col${i}`);
            // The header row repeats the column names: skip it (and only it).
            const header = rows[0]?.Data?.map((d) => d.VarCharValue ?? null);
            if (header && header.length === columns.length && header.every((name, i) => name === columns[i])) {
                first = 1;
            }
        }
        for (let i = first; i < rows.length; i++) {
            const data = rows[i].Data ?? [];
            const values = {};
            columns.forEach((name, c) => (values[name] = data[c]?.VarCharValue ?? null));
            yield { number: ++number, page, values };
        }
        ctx.onPage?.(page, number);
        const next = output.NextToken;
        if (next === undefined || next === '')
            return;
        if (seen.has(next))
            throw new Error(`GetQueryResults returned the same NextToken twice (query ${queryId})`);
        seen.add(next);
        token = next;
    }
}

;// CONCATENATED MODULE: ./src/sources/athena/table.ts





const DEFAULT_PROJECTION_START = '2013/11/01';
/** The trail folders (account × Region) in the bucket: of the accounts and Regions given, else all. */
function discoverTrail(trail, scope, reporter, stats, signal) {
    return (0,s3.listTrailFolders)({
        client: trail.client,
        bucket: trail.bucket,
        ...(trail.prefix !== undefined ? { prefix: trail.prefix } : {}),
        ...(scope.accounts?.length ? { accounts: scope.accounts } : {}),
        ...(scope.regions?.length ? { regions: scope.regions } : {}),
        ...(scope.organizationId ? { organizationIds: [scope.organizationId] } : {}),
        window: { start: 0, end: 0 }, // discovery only
        ...(signal ? { signal } : {}),
    }, reporter, stats);
}
/** `s3://bucket/` + the folder's key up to `AWSLogs/[o-org/]`: the root a table over its trail has. */
function folderRoot(bucket, folder) {
    const at = folder.prefix.indexOf('AWSLogs/');
    const org = folder.organizationId ? `${folder.organizationId}/` : '';
    return `s3://${bucket}/${folder.prefix.slice(0, at)}AWSLogs/${org}`;
}
/**
 * Creates the table, or brings the projection of an existing one up to the trail: returns what was done, or
 * undefined when nothing needed doing. An existing table that is not projected over account and Region enums is
 * left as it is (`note` says so).
 */
async function ensureTable(ctx, names, creation, trail, folders, existing, note) {
    const organizations = [...new Set(folders.flatMap((f) => (f.organizationId ? [f.organizationId] : [])))];
    if (organizations.length > 1 && !creation.organizationId) {
        throw new AthenaSourceError(`athena-create-table: the bucket holds the logs of several organizations (${organizations.join(', ')}); ` +
            'one table covers one organization trail: create the table yourself (docs/athena.md) or use one bucket prefix per trail');
    }
    const organizationId = creation.organizationId ?? organizations[0];
    const covered = folders.filter((f) => f.organizationId === organizationId);
    const unique = (values) => [...new Set(values)].sort();
    const accounts = creation.accounts?.length ? [...creation.accounts] : unique(covered.map((f) => f.account));
    const regions = creation.regions?.length ? [...creation.regions] : unique(covered.map((f) => f.region));
    const root = (0,sql/* trailTableRoot */.xu)({
        bucket: trail.bucket,
        ...(trail.prefix !== undefined ? { prefix: trail.prefix } : {}),
        ...(organizationId !== undefined ? { organizationId } : {}),
    });
    if (!existing) {
        const ddl = (0,sql/* athenaCreateTableSql */._B)({
            database: names.database,
            table: names.table,
            bucket: trail.bucket,
            ...(trail.prefix !== undefined ? { prefix: trail.prefix } : {}),
            ...(organizationId !== undefined ? { organizationId } : {}),
            accounts,
            regions,
            projectionStartDate: creation.projectionStartDate ?? DEFAULT_PROJECTION_START,
        });
        // DDL is free and scans nothing: not counted in the bill.
        const created = await runQuery(ctx, ddl, 'CREATE TABLE statement (athena-create-table)');
        return {
            action: 'created',
            queryId: created.id,
            changes: [`projected over ${accounts.length} accounts and ${regions.length} Regions under ${root}`],
        };
    }
    const shape = tableShape(existing);
    if (!shape.projection || shape.account?.kind === undefined || shape.region?.kind === undefined) {
        note(`athena-create-table: the table ${names.database}.${names.table} exists and is not projected over account ` +
            'and Region: left as it is (give another athena-table for the action to create a projected one)');
        return undefined;
    }
    const properties = [];
    const changes = [];
    const merged = (current, wanted) => {
        const have = new Set(current ?? []);
        return {
            all: [...(current ?? []), ...wanted.filter((v) => !have.has(v))],
            added: wanted.filter((v) => !have.has(v)),
        };
    };
    const a = merged(shape.account.values, accounts);
    const r = merged(shape.region.values, regions);
    if (shape.account.kind === 'enum' && a.added.length)
        changes.push(`accounts added: ${a.added.join(', ')}`);
    if (shape.region.kind === 'enum' && r.added.length)
        changes.push(`Regions added: ${r.added.join(', ')}`);
    if (changes.length) {
        const [accountValues, regionValues] = (0,sql/* projectionValues */.cq)(a.all, r.all);
        if (shape.account.kind === 'enum' && a.added.length)
            properties.push([`projection.${shape.account.column}.values`, accountValues[1]]);
        if (shape.region.kind === 'enum' && r.added.length)
            properties.push([`projection.${shape.region.column}.values`, regionValues[1]]);
    }
    // A template that does not point at the trail's folders reads nothing: the one of a table made for this trail.
    const isOurs = shape.account.column === 'account' &&
        shape.region.column === 'region' &&
        shape.partitions.day !== undefined;
    const template = (0,sql/* projectionTemplate */.Cl)(root);
    if (isOurs && shape.template !== undefined && shape.template !== template) {
        properties.push(['storage.location.template', template]);
        changes.push(`storage.location.template was ${shape.template}, now ${template}`);
    }
    if (properties.length === 0)
        return undefined;
    const ddl = (0,sql/* athenaSetPropertiesSql */.Vy)(names.database, names.table, properties);
    const altered = await runQuery(ctx, ddl, 'ALTER TABLE statement (athena-create-table)');
    return { action: 'updated', queryId: altered.id, changes };
}

;// CONCATENATED MODULE: ./src/sources/athena/client.ts
/** An Athena client for the athena source; the caller owns it (and destroys it when done). */

function createAthenaClient(options) {
    const config = {
        region: options.region,
        maxAttempts: options.maxAttempts ?? 8,
        requestHandler: { connectionTimeout: 10_000, requestTimeout: 60_000 },
    };
    if (options.credentials !== undefined)
        config.credentials = options.credentials;
    if (options.endpoint !== undefined)
        config.endpoint = options.endpoint;
    return new client_athena_dist_cjs/* AthenaClient */.T7g(config);
}

;// CONCATENATED MODULE: ./src/sources/athena/explain.ts
/** The Athena plan and what it cost, as text: the CLI's `--explain`, the action's log and the summary's line. */

function ids(list) {
    return list.length === 0 ? 'none' : list.join(', ');
}
/** `1.20 GB scanned, ~$0.0059 (engine 3.2 s)` — or why nothing was scanned. */
function describeQueryCost(report) {
    if (report.state === 'planned')
        return 'no query ran';
    const engine = `engine ${(report.engineMs / 1000).toFixed(1)} s`;
    const stopped = report.state === 'stopped' ? '; stopped when the run was cancelled' : '';
    if (report.state !== 'succeeded')
        return `query ${report.queryId ?? '-'} did not finish${stopped}`;
    return `${(0,format/* formatBytes */.z)(report.bytesScanned)} scanned, ~${(0,format/* formatUsd */.U)(report.costUsd)} (${engine})`;
}
/** Several lines: the rules exact vs pushed down, the scan estimate and the guard, the query and its cost. */
function explainAthena(report) {
    const lines = [];
    const plan = report.plan;
    if (plan) {
        const total = plan.exact.length + plan.pushedDown.length + plan.unconstrained.length;
        const queries = report.queries > 1 ? `${report.queries} queries (over Athena's limits on one query)` : 'one query';
        lines.push(`Athena query: ${total} rule${total === 1 ? '' : 's'} in ${queries}; ` +
            `${plan.exact.length} compiled exactly, ${plan.pushedDown.length} pushed down as a necessary condition ` +
            `(re-checked in-process), ${plan.unconstrained.length} unconstrained (every row in the window)`);
        lines.push(`  exact: ${ids(plan.exact)}`);
        lines.push(`  pushed down: ${ids(plan.pushedDown)}`);
        if (plan.unconstrained.length)
            lines.push(`  unconstrained: ${ids(plan.unconstrained)}`);
        if (plan.outsideTable.length) {
            lines.push(`  outside the table: ${ids(plan.outsideTable)} (they use fields the CloudTrail table does not hold: ` +
                'they may find less than on the s3 source)');
        }
    }
    if (report.table)
        lines.push(`  table: ${report.table}`);
    if (report.createTable) {
        lines.push(`  table ${report.createTable.action} (query ${report.createTable.queryId}): ${report.createTable.changes.join('; ')}`);
    }
    if (report.estimate) {
        const e = report.estimate;
        const limit = report.maxScanBytes !== undefined ? ` (max-scan-gb: ${(0,format/* formatBytes */.z)(report.maxScanBytes)})` : '';
        const days = e.days ? `${e.days.length} days` : 'every day: not partitioned by day';
        lines.push(`  scan estimate: ${e.stoppedAbove ? 'more than ' : ''}${(0,format/* formatBytes */.z)(e.bytes)} in ${e.objects} objects, ` +
            `${e.partitions} partitions (${e.folders} account/region folders × ${days})${limit}` +
            (e.unlisted ? `; ${e.unlisted} partitions could not be listed` : ''));
    }
    for (const note of report.notes)
        lines.push(`  note: ${note}`);
    if (report.queryId) {
        lines.push(`  ${report.queryIds.length > 1 ? 'queries' : 'query'} ${report.queryId}: ${describeQueryCost(report)}; ` +
            `${report.rows} rows in ${report.pages} pages` +
            (report.rowsSkipped ? ` (${report.rowsSkipped} skipped)` : ''));
    }
    return lines.join('\n');
}

;// CONCATENATED MODULE: ./src/sources/athena/index.ts















/** Glue database and table names: letters, digits and underscores (Athena's rule for names in DDL). */
const NAME = /^[A-Za-z0-9_]{1,255}$/;
function newAthenaReport() {
    return {
        state: 'planned',
        queries: 0,
        queryIds: [],
        notes: [],
        bytesScanned: 0,
        engineMs: 0,
        costUsd: 0,
        pages: 0,
        rows: 0,
        rowsSkipped: 0,
    };
}
function mergePlans(plans) {
    return {
        sql: plans.map((p) => p.sql).join('\n\n'),
        exact: plans.flatMap((p) => p.exact),
        pushedDown: plans.flatMap((p) => p.pushedDown),
        unconstrained: plans.flatMap((p) => p.unconstrained),
        outsideTable: plans.flatMap((p) => p.outsideTable),
    };
}
/** The Athena table's name as SQL: `"database"."table"`. */
function qualifiedTable(database, table) {
    return `${(0,sql/* quoteIdent */.v4)(database)}.${(0,sql/* quoteIdent */.v4)(table)}`;
}
/**
 * The day folders the query's partition predicate selects: as the s3 source reads them, from the window's start
 * to its end plus the delivery margin (an event is in the day folder of its delivery, up to ~15 minutes later).
 */
function windowDays(window) {
    return (0,s3.dayFolders)((0,s3.deliveryRange)(window, s3.DEFAULT_DELIVERY_MARGIN_MINUTES));
}
function validate(options) {
    for (const [input, value] of [
        ['athena-database', options.database],
        ['athena-table', options.table],
    ]) {
        if (!value)
            throw new AthenaSourceError(`the athena source needs ${input}`);
        if (!NAME.test(value)) {
            throw new AthenaSourceError(`${input}: '${value}' is not a Glue name (letters, digits and underscores only)`);
        }
    }
    const { start, end } = options.window;
    if (!Number.isFinite(start) || !Number.isFinite(end) || end < start) {
        throw new AthenaSourceError('the athena source needs a time window with a start and an end');
    }
    if (options.outputLocation !== undefined && !/^s3:\/\/[^/]+/.test(options.outputLocation)) {
        throw new AthenaSourceError(`athena-output-location: '${options.outputLocation}' is not an S3 location such as s3://bucket/athena-results/`);
    }
    const max = options.maxScanBytes;
    if (max !== undefined && (!Number.isFinite(max) || max <= 0)) {
        throw new AthenaSourceError('max-scan-gb: give a positive number of gigabytes');
    }
    if (max !== undefined && !options.trail) {
        throw new AthenaSourceError("max-scan-gb needs the trail bucket (s3-bucket, and s3-prefix when the trail has one) to estimate the query's " +
            'scan from the S3 objects of the partitions it selects');
    }
    if (options.createTable && !options.trail) {
        throw new AthenaSourceError('athena-create-table needs the trail bucket (s3-bucket, and s3-prefix when the trail has one): the table is ' +
            'created over its AWSLogs/ folder, with the accounts and regions found there (or given in accounts / regions)');
    }
    const pageSize = options.pageSize ?? 1000;
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) {
        throw new RangeError('pageSize must be an integer from 1 to 1000');
    }
}
/**
 * CloudTrail records from the Athena queries of `options.rules` over the window (see the module comment).
 * `report` is filled in as the source goes.
 */
async function* readAthena(options, reporter, stats, report = newAthenaReport()) {
    validate(options);
    const { signal } = options;
    const ctx = {
        client: options.client,
        database: options.database,
        stats,
        poll: options.poll ?? DEFAULT_POLL,
        ...(options.workGroup ? { workGroup: options.workGroup } : {}),
        ...(options.outputLocation ? { outputLocation: options.outputLocation } : {}),
        ...(signal ? { signal } : {}),
    };
    const name = `${options.database}.${options.table}`;
    const onTable = { file: `athena table ${name}` };
    // Every query that ran is billed (or not) by how it ended.
    const billed = (query) => {
        report.bytesScanned += query.bytesScanned;
        report.engineMs += query.engineMs;
        if (query.state === 'SUCCEEDED' || (query.state === 'CANCELLED' && query.bytesScanned > 0))
            report.costUsd += queryCostUsd(query.bytesScanned);
    };
    try {
        // (1) The trail's folders, (2) the table.
        const folders = options.trail
            ? await discoverTrail(options.trail, {
                ...(options.accounts?.length ? { accounts: options.accounts } : {}),
                ...(options.regions?.length ? { regions: options.regions } : {}),
                ...(options.createTable?.organizationId
                    ? { organizationId: options.createTable.organizationId }
                    : {}),
            }, reporter, stats, signal)
            : undefined;
        let metadata = await readTableMetadata(ctx, options.database, options.table);
        if (options.createTable && options.trail && folders) {
            const change = await ensureTable(ctx, { database: options.database, table: options.table }, options.createTable, options.trail, folders, metadata, (message) => report.notes.push(message));
            if (change) {
                report.createTable = change;
                metadata = await readTableMetadata(ctx, options.database, options.table);
            }
        }
        if (!metadata) {
            throw new AthenaSourceError(`the table ${name} does not exist (GetTableMetadata: Entity Not Found): check athena-database and ` +
                'athena-table, or let the action create it (athena-create-table: true, with s3-bucket and s3-prefix)');
        }
        const shape = tableShape(metadata);
        report.table = describeShape(shape);
        // (3) What the table covers.
        const scope = checkCoverage(shape, options, folders, reporter, onTable);
        // (4) One query, or a few when the rule set is over Athena's limits on a query.
        const input = {
            rules: options.rules,
            dialect: 'athena',
            table: qualifiedTable(options.database, options.table),
            window: options.window,
            partitions: shape.partitions,
            fields: shape.schema.fields,
            ...(scope.accounts?.length ? { accounts: [...scope.accounts] } : {}),
            ...(scope.regions?.length ? { regions: [...scope.regions] } : {}),
        };
        const plans = (0,sql/* buildQueries */.H5)(input, options.maxQueryBytes);
        report.plan = mergePlans(plans);
        report.queries = plans.length;
        // (5) The scan, estimated before any query runs.
        let perQuery;
        if (options.maxScanBytes !== undefined && options.trail && folders) {
            report.maxScanBytes = options.maxScanBytes;
            const read = foldersRead(shape, folders, options.trail.bucket, scope);
            const estimate = await estimateScanBytes({
                client: options.trail.client,
                bucket: options.trail.bucket,
                ...(options.trail.prefix !== undefined ? { prefix: options.trail.prefix } : {}),
                folders: read,
                ...(shape.partitions.day ? { days: windowDays(options.window) } : {}),
                stopAbove: options.maxScanBytes / plans.length,
                ...(signal ? { signal } : {}),
            }, reporter, stats);
            report.estimate = estimate;
            perQuery = estimate.bytes;
            // Every part reads the same partitions.
            if (estimate.stoppedAbove || estimate.bytes * plans.length > options.maxScanBytes) {
                throw new AthenaSourceError(overLimitMessage(estimate, plans.length, options.maxScanBytes, options.window, shape));
            }
        }
        if (!shape.partitions.day) {
            reporter.error(onTable, `the table is not partitioned by day${report.estimate ? ` (about ${(0,format/* formatBytes */.z)(report.estimate.bytes)})` : ''}: ` +
                `each query reads every object under ${shape.template ?? shape.location ?? 'its location'}, whatever the window. ` +
                'Let the action create a projected table (athena-create-table: true, with a new athena-table) so that a run ' +
                'reads only the days of its window (docs/athena.md)');
        }
        // (6) The queries, one after the other; (7) their rows.
        const pending = [...plans];
        // A record that several parts return is yielded once (the first part's row).
        let seen = plans.length > 1 ? new Set() : undefined;
        let done = 0;
        while (pending.length > 0) {
            const plan = pending.shift();
            const total = done + 1 + pending.length;
            const what = total === 1 ? 'CloudTrail query' : `CloudTrail query (part ${done + 1} of ${total})`;
            report.state = 'running';
            let query;
            try {
                query = await runQuery(ctx, plan.sql, what, (id) => report.queryIds.push(id), billed);
            }
            catch (err) {
                if (!(err instanceof QueryFailure) || !err.compilerLimit)
                    throw err;
                const parts = (0,sql/* splitPlan */.cd)(input, plan, options.maxQueryBytes);
                report.notes.push(`query ${err.queryId} was too large for Athena to compile (${err.reason.slice(0, 60)}): its ` +
                    `${parts.flatMap((p) => [...p.exact, ...p.pushedDown, ...p.unconstrained]).length} rules run again as ${parts.length} queries`);
                pending.unshift(...parts);
                report.queries += parts.length - 1;
                seen ??= new Set(); // no part has yielded a row yet: the failed one was the only one
                if (perQuery !== undefined && options.maxScanBytes !== undefined) {
                    const queries = done + pending.length;
                    if (perQuery * queries > options.maxScanBytes) {
                        throw new AthenaSourceError(`query ${err.queryId} was too large for Athena to compile and must be split, which makes ${queries} ` +
                            `queries of about ${(0,format/* formatBytes */.z)(perQuery)} each, over max-scan-gb (${(0,format/* formatBytes */.z)(options.maxScanBytes)}); ` +
                            'the other queries were not run. Run fewer rules (exclude-rules), narrow the window, or raise max-scan-gb');
                    }
                }
                continue;
            }
            done++;
            report.queryId = report.queryIds.join(', ');
            report.state = 'succeeded';
            const file = `athena query ${query.id}`;
            const before = { pages: report.pages, rows: report.rows };
            const rows = readResults({
                client: options.client,
                stats,
                pageSize: options.pageSize ?? 1000,
                maxPages: 1_000_000,
                ...(signal ? { signal } : {}),
                onPage: (pages, rows) => {
                    report.pages = before.pages + pages;
                    report.rows = before.rows + rows;
                },
            }, query.id);
            for await (const row of resultsOf(rows, query.id, ctx)) {
                const origin = { file, index: row.number };
                const eventId = row.values.eventid;
                if (seen && eventId) {
                    if (seen.has(eventId))
                        continue;
                    seen.add(eventId);
                }
                let text;
                try {
                    text = JSON.stringify((0,sql/* rowToRecord */.Rf)(row.values, shape.schema.fields));
                }
                catch (err) {
                    report.rowsSkipped++;
                    reporter.error(origin, `row ${row.number} is not a CloudTrail record: ${err.message}`, 1);
                    continue;
                }
                yield { text, origin };
            }
        }
    }
    catch (err) {
        if (signal?.aborted) {
            if (report.state === 'running')
                report.state = 'stopped';
            return;
        }
        throw err;
    }
}
/** The rows, with a failure to read them (not an abort) turned into a message that names the query. */
async function* resultsOf(rows, queryId, ctx) {
    try {
        yield* rows;
    }
    catch (err) {
        if (ctx.signal?.aborted)
            throw err;
        throw new AthenaSourceError(`cannot read the results of query ${queryId} (GetQueryResults): ${describeAthenaError(err, ctx)}`);
    }
}
/** `projected (account, region, timestamp)`, `partitioned by region, year, month, day`, `not partitioned`. */
function describeShape(shape) {
    const keys = [shape.partitions.account, shape.partitions.region].filter((k) => k !== undefined);
    const day = shape.partitions.day;
    if (day)
        keys.push(...('column' in day
            ? [day.column]
            : [day.year.column, day.month?.column, day.day?.column].filter((c) => c !== undefined)));
    const pruned = keys.length ? `pruned on ${keys.join(', ')}` : 'not pruned';
    const unpruned = shape.unpruned.length ? `; read whole on ${shape.unpruned.join(', ')}` : '';
    const kind = shape.projection
        ? 'partition projection'
        : keys.length || shape.unpruned.length
            ? 'partitions'
            : 'no partitions';
    const missing = shape.schema.missing.length
        ? `; without ${shape.schema.missing.slice(0, 8).join(', ')}${shape.schema.missing.length > 8 ? ', ...' : ''}`
        : '';
    return `${kind}, ${pruned}${unpruned}${missing}`;
}
/**
 * Checks what the table covers against what the run asks for, reports what it misses, and gives the accounts
 * and Regions the query names (an `injected` projection needs them named).
 */
function checkCoverage(shape, options, folders, reporter, where) {
    const bucket = options.trail?.bucket;
    const root = shape.template ? shape.template.slice(0, shape.template.indexOf('${')) : shape.location;
    // The trail folders the table can read: under its template's (or location's) root.
    const inTable = folders && bucket && root !== undefined
        ? folders.filter((f) => `s3://${bucket}/${f.prefix}`.startsWith(root.endsWith('/') ? root : `${root}/`))
        : folders;
    if (folders && bucket && root !== undefined && folders.length > 0 && inTable.length === 0) {
        const roots = [...new Set(folders.map((f) => folderRoot(bucket, f)))];
        reporter.error(where, `the table reads ${root}, where none of the trail's folders is (they are under ${roots.slice(0, 3).join(', ')}): ` +
            'its queries find nothing. Fix its storage.location.template (or LOCATION), or let the action correct it ' +
            '(athena-create-table: true)');
    }
    else if (folders && inTable && inTable.length < folders.length) {
        const outside = folders.filter((f) => !inTable.includes(f));
        const accounts = [...new Set(outside.map((f) => f.account))];
        reporter.error(where, `the logs of account${accounts.length === 1 ? '' : 's'} ${accounts.join(', ')} in the trail bucket are outside ` +
            `the table's location (${root}): they are not read. Query them with another table (or source: s3), or leave ` +
            'them out (accounts)');
    }
    const fix = 'Let the action add them (athena-create-table: true runs ALTER TABLE ... SET TBLPROPERTIES), or add them to the ' +
        "table's projection yourself; for more than a few dozen accounts, make the account column `injected` and give the " +
        'accounts (or s3-bucket) to each run (docs/athena.md)';
    const scope = {};
    for (const [what, dimension, given, found] of [
        ['account', shape.account, options.accounts, inTable?.map((f) => f.account)],
        ['Region', shape.region, options.regions, inTable?.map((f) => f.region)],
    ]) {
        const wanted = given?.length ? [...given] : found ? [...new Set(found)].sort() : undefined;
        const plural = what === 'account' ? 'accounts' : 'Regions';
        const input = what === 'account' ? 'accounts' : 'regions';
        if (dimension?.kind === 'enum' && wanted) {
            const listed = new Set(dimension.values);
            const outside = wanted.filter((v) => !listed.has(v));
            if (outside.length > 0 && outside.length === wanted.length && given?.length) {
                throw new AthenaSourceError(`none of the ${plural} asked for (${input}: ${outside.join(', ')}) is in the table's partition projection ` +
                    `(projection.${dimension.column}.values: ${dimension.values?.join(', ') || 'empty'}): the query would read nothing. ${fix}`);
            }
            if (outside.length > 0) {
                reporter.error(where, `${outside.length === 1 ? what : plural} ${outside.join(', ')} ${given?.length ? `(${input})` : 'found in the trail bucket'} ` +
                    `${outside.length === 1 ? 'is' : 'are'} not in the table's partition projection ` +
                    `(projection.${dimension.column}.values): their events are not read. ${fix}`);
            }
        }
        if (dimension?.kind === 'injected') {
            if (!wanted?.length) {
                throw new AthenaSourceError(`the table's ${dimension.column} partition is injected: each query must name the ${plural}. Give them ` +
                    `(${input}), or the trail bucket (s3-bucket) for the action to find them`);
            }
            scope[input] = wanted;
        }
        else if (given?.length) {
            scope[input] = given;
        }
    }
    if (shape.dayRange) {
        const { start, end, format, column } = shape.dayRange;
        const first = windowDays(options.window)[0].slice(0, 10).replace(/\//g, '');
        const last = windowDays(options.window).at(-1).slice(0, 10).replace(/\//g, '');
        const digits = (text) => {
            const y = format.indexOf('yyyy');
            const m = format.indexOf('MM');
            const d = format.indexOf('dd');
            return y < 0 || m < 0 || d < 0 || /^NOW/i.test(text)
                ? undefined
                : `${text.slice(y, y + 4)}${text.slice(m, m + 2)}${text.slice(d, d + 2)}`;
        };
        const from = digits(start);
        const to = digits(end);
        if ((from !== undefined && first < from) || (to !== undefined && last > to)) {
            reporter.error(where, `the window's days (${first} to ${last}) go beyond the table's projection.${column}.range (${start},${end}): ` +
                'the days outside it are not read. Widen the range (ALTER TABLE ... SET TBLPROPERTIES)');
        }
    }
    return scope;
}
/** The trail folders the query reads: under the table's root, of the accounts and Regions it prunes to. */
function foldersRead(shape, folders, bucket, scope) {
    const root = shape.template ? shape.template.slice(0, shape.template.indexOf('${')) : shape.location;
    return folders.filter((f) => (root === undefined ||
        `s3://${bucket}/${f.prefix}`.startsWith(root.endsWith('/') ? root : `${root}/`)) &&
        (!scope.accounts || scope.accounts.includes(f.account)) &&
        (!scope.regions || scope.regions.includes(f.region)) &&
        // Athena reads only the accounts and Regions an enum projection lists.
        (shape.account?.kind !== 'enum' || shape.account.values.includes(f.account)) &&
        (shape.region?.kind !== 'enum' || shape.region.values.includes(f.region)));
}
function overLimitMessage(estimate, queries, limit, window, shape) {
    const days = estimate.days?.length;
    const parts = queries > 1 ? ` in each of its ${queries} parts, ${(0,format/* formatBytes */.z)(estimate.bytes * queries)} in all` : '';
    const scanned = estimate.stoppedAbove
        ? `more than ${(0,format/* formatBytes */.z)(estimate.bytes)}`
        : `about ${(0,format/* formatBytes */.z)(estimate.bytes)}`;
    const partitions = days !== undefined
        ? `${estimate.partitions} partitions: ${estimate.folders} account/region folders × ${days} day${days === 1 ? '' : 's'} from ` +
            `${new Date(window.start).toISOString()} to ${new Date(window.end).toISOString()}`
        : `every day of ${estimate.folders} account/region folders: the table is not partitioned by day`;
    const narrow = shape.partitions.day
        ? 'Narrow it: a shorter window (lookback-hours, start-time/end-time), fewer accounts or regions (accounts, regions), or raise max-scan-gb'
        : 'Let the action create a projected table (athena-create-table: true, with a new athena-table), or raise max-scan-gb';
    return (`the Athena query would scan ${scanned}${parts} (${estimate.objects} objects in ${partitions}), over max-scan-gb ` +
        `(${(0,format/* formatBytes */.z)(limit)}); the query was not run. ${narrow}`);
}


/***/ }),

/***/ 626:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  KF: () => (/* reexport */ PROJECTED_TABLE_PARTITIONS),
  _B: () => (/* reexport */ athenaCreateTableSql),
  Vy: () => (/* reexport */ athenaSetPropertiesSql),
  H5: () => (/* reexport */ buildQueries),
  U4: () => (/* reexport */ formatPartitionDay),
  Cl: () => (/* reexport */ projectionTemplate),
  cq: () => (/* reexport */ projectionValues),
  v4: () => (/* reexport */ quoteIdent),
  Rf: () => (/* reexport */ rowToRecord),
  cd: () => (/* reexport */ splitPlan),
  _A: () => (/* reexport */ tableSchema),
  xu: () => (/* reexport */ trailTableRoot)
});

// UNUSED EXPORTS: ATHENA_MAX_QUERY_BYTES, CLOUDTRAIL_COLUMNS, MAX_RULES_PER_QUERY, RESULT_COLUMNS, buildQuery, duckdbType, parseHiveType, parseMatchedRules, quoteString, recordToRow, resultColumns

;// CONCATENATED MODULE: ./src/sql/plan.ts
/** The partitions of the table that athenaCreateTableSql creates (AWS's partition projection table). */
const PROJECTED_TABLE_PARTITIONS = {
    account: 'account',
    region: 'region',
    day: { column: 'timestamp', format: 'yyyy/MM/dd' },
};

;// CONCATENATED MODULE: ./src/sql/dialect.ts
const DIALECTS = {
    // Trino: CAST(row AS JSON) gives an object keyed by field name; json_format gives its text.
    athena: { name: 'athena', structAsJson: (c) => `json_format(CAST(${c} AS JSON))` },
    duckdb: { name: 'duckdb', structAsJson: (c) => `CAST(to_json(${c}) AS VARCHAR)` },
};
function dialectOf(name) {
    const dialect = DIALECTS[name];
    if (!dialect)
        throw new Error(`unknown SQL dialect '${String(name)}' (athena or duckdb)`);
    return dialect;
}
/** A double-quoted identifier (both dialects): embedded quotes doubled. */
function quoteIdent(name) {
    if (name === '' || [...name].some((c) => c.charCodeAt(0) < 0x20))
        throw new Error(`invalid SQL identifier ${JSON.stringify(name)}`);
    return `"${name.replace(/"/g, '""')}"`;
}
/** A single-quoted string literal (both dialects treat backslash as an ordinary character): quotes doubled. */
function quoteString(text) {
    return `'${text.replace(/'/g, "''")}'`;
}
/** The escape character of every LIKE pattern we emit (`LIKE ... ESCAPE '\'`). */
const LIKE_ESCAPE = '\\';
/** Literal text inside a LIKE pattern: %, _ and the escape character escaped. */
function escapeLike(text) {
    return text.replace(/[\\%_]/g, (c) => LIKE_ESCAPE + c);
}
function like(expression, pattern) {
    return `${expression} LIKE ${quoteString(pattern)} ESCAPE ${quoteString(LIKE_ESCAPE)}`;
}

// EXTERNAL MODULE: ./src/rules/condition.ts
var rules_condition = __webpack_require__(6018);
// EXTERNAL MODULE: ./src/rules/detection-item.ts
var detection_item = __webpack_require__(442);
// EXTERNAL MODULE: ./src/rules/outcome.ts
var outcome = __webpack_require__(2179);
// EXTERNAL MODULE: ./src/rules/pattern.ts
var rules_pattern = __webpack_require__(9485);
// EXTERNAL MODULE: ./src/rules/regex-literals.ts
var regex_literals = __webpack_require__(2465);
// EXTERNAL MODULE: ./src/core/trail-layout.ts
var trail_layout = __webpack_require__(9462);
;// CONCATENATED MODULE: ./src/sql/hive-type.ts
/**
 * Hive type strings as the Glue catalog holds them and Athena's GetTableMetadata returns them
 * (`struct<type:string,sessioncontext:struct<...>>`, `array<struct<arn:string>>`, `map<string,string>`,
 * `string`, `varchar(65535)`), parsed into a tree. Names are kept as written: the caller compares them
 * case-insensitively, as Athena does.
 */
/** Parses a Hive type string; throws an Error naming the position on anything else. */
function parseHiveType(text) {
    let i = 0;
    const fail = (what) => {
        throw new Error(`not a Hive type at character ${i + 1} (${what}): ${JSON.stringify(text.slice(0, 200))}`);
    };
    const space = () => {
        while (i < text.length && /\s/.test(text[i]))
            i++;
    };
    const expect = (c) => {
        space();
        if (text[i] !== c)
            fail(`'${c}' expected`);
        i++;
    };
    const name = () => {
        space();
        if (text[i] === '`') {
            const end = text.indexOf('`', i + 1);
            if (end < 0)
                fail('unclosed `');
            const quoted = text.slice(i + 1, end);
            i = end + 1;
            return quoted;
        }
        const start = i;
        while (i < text.length && /[A-Za-z0-9_$-]/.test(text[i]))
            i++;
        if (i === start)
            fail('a name expected');
        return text.slice(start, i);
    };
    const type = () => {
        const word = name().toLowerCase();
        space();
        if (word === 'struct') {
            expect('<');
            const fields = [];
            space();
            if (text[i] === '>') {
                i++;
                return { kind: 'struct', fields };
            }
            for (;;) {
                const field = name();
                expect(':');
                fields.push({ name: field, type: type() });
                space();
                if (text[i] === ',')
                    i++;
                else if (text[i] === '>') {
                    i++;
                    return { kind: 'struct', fields };
                }
                else
                    fail("',' or '>' expected");
            }
        }
        if (word === 'array') {
            expect('<');
            const of = type();
            expect('>');
            return { kind: 'array', of };
        }
        if (word === 'map') {
            expect('<');
            const key = type();
            expect(',');
            const value = type();
            expect('>');
            return { kind: 'map', key, value };
        }
        // varchar(65535), decimal(10,2)
        if (text[i] === '(') {
            const end = text.indexOf(')', i);
            if (end < 0)
                fail('unclosed (');
            i = end + 1;
        }
        return { kind: 'primitive', name: word };
    };
    const parsed = type();
    space();
    if (i !== text.length)
        fail('end of the type expected');
    return parsed;
}
/** Whether a primitive Hive type holds text (what the CloudTrail columns are). */
function isTextType(type) {
    return type.kind === 'primitive' && ['string', 'varchar', 'char'].includes(type.name);
}

;// CONCATENATED MODULE: ./src/sql/table.ts


const S = { kind: 'string' };
const J = { kind: 'json' };
const f = (key, type = S) => ({ name: key.toLowerCase(), key, type });
const struct = (...fields) => ({ kind: 'struct', fields });
/** Columns in the documented order (partition columns excluded). */
const CLOUDTRAIL_COLUMNS = [
    f('eventVersion'),
    f('userIdentity', struct(f('type'), f('principalId'), f('arn'), f('accountId'), f('invokedBy'), f('accessKeyId'), f('userName'), f('onBehalfOf', struct(f('userId'), f('identityStoreArn'))), f('sessionContext', struct(f('attributes', struct(f('mfaAuthenticated'), f('creationDate'))), f('sessionIssuer', struct(f('type'), f('principalId'), f('arn'), f('accountId'), f('userName'))), f('ec2RoleDelivery'), f('webIdFederationData', struct(f('federatedProvider'), f('attributes', { kind: 'map' }))))))),
    f('eventTime'),
    f('eventSource'),
    f('eventName'),
    f('awsRegion'),
    f('sourceIPAddress'),
    f('userAgent'),
    f('errorCode'),
    f('errorMessage'),
    f('requestParameters', J),
    f('responseElements', J),
    f('additionalEventData', J),
    f('requestID'),
    f('eventID'),
    f('readOnly'),
    f('resources', { kind: 'array', of: struct(f('ARN'), f('accountId'), f('type')) }),
    f('eventType'),
    f('apiVersion'),
    f('recipientAccountId'),
    f('serviceEventDetails', J),
    f('sharedEventID'),
    f('vpcEndpointId'),
    f('vpcEndpointAccountId'),
    f('eventCategory'),
    f('addendum', struct(f('reason'), f('updatedFields'), f('originalRequestID'), f('originalEventID'))),
    f('sessionCredentialFromConsole'),
    f('edgeDeviceDetails', J),
    f('tlsDetails', struct(f('tlsVersion'), f('cipherSuite'), f('clientProvidedHostHeader'))),
];
/** The columns a query built by buildQuery returns, in order (struct and array columns as JSON text). */
function resultColumns(fields = CLOUDTRAIL_COLUMNS) {
    return [...fields.map((c) => c.name), 'matched_rules'];
}
/** The result columns of a query over the documented table. */
const RESULT_COLUMNS = resultColumns();
/**
 * What a table of another shape holds of the documented one: the CloudTrail columns and struct fields it has,
 * with a compatible type (names compared case-insensitively, as Athena does). Tables made from older versions
 * of AWS's documentation lack the newer fields (onbehalfof, tlsdetails, eventcategory...); the query then
 * selects only what exists, instead of failing with "column cannot be resolved".
 */
function tableSchema(columns) {
    const missing = [];
    const byName = new Map();
    for (const column of columns) {
        let type;
        try {
            type = parseHiveType(column.type);
        }
        catch {
            type = undefined;
        }
        byName.set(column.name.toLowerCase(), type);
    }
    const fields = keepFields(CLOUDTRAIL_COLUMNS, (field) => byName.get(field.name), '', missing);
    return { fields, missing };
}
function keepFields(wanted, typeOf, path, missing) {
    const kept = [];
    for (const field of wanted) {
        const type = typeOf(field);
        const at = `${path}${field.key}`;
        const matched = type === undefined ? undefined : compatible(field.type, type, `${at}.`, missing);
        if (matched === undefined)
            missing.push(at);
        else
            kept.push({ ...field, type: matched });
    }
    return kept;
}
/** `ours` narrowed to what `theirs` holds, or undefined when the table types the field otherwise. */
function compatible(ours, theirs, path, missing) {
    switch (ours.kind) {
        case 'string':
        case 'json':
            return isTextType(theirs) ? ours : undefined;
        case 'map':
            return theirs.kind === 'map' ? ours : undefined;
        case 'array': {
            if (theirs.kind !== 'array')
                return undefined;
            const of = compatible(ours.of, theirs.of, path, missing);
            return of === undefined ? undefined : { kind: 'array', of };
        }
        case 'struct': {
            if (theirs.kind !== 'struct')
                return undefined;
            const names = theirs.fields.map((f) => f.name.toLowerCase());
            const byName = new Map(theirs.fields.map((f, i) => [names[i], f.type]));
            const fields = keepFields(ours.fields, (field) => byName.get(field.name), path, missing);
            // In the table's order: engines that cast a row to a JSON array give its fields in that order.
            fields.sort((a, b) => names.indexOf(a.name) - names.indexOf(b.name));
            return fields.length > 0 ? { kind: 'struct', fields } : undefined;
        }
    }
}
/** Hive DDL type of a column (Athena's CREATE EXTERNAL TABLE syntax). */
function hiveType(type) {
    switch (type.kind) {
        case 'string':
        case 'json':
            return 'STRING';
        case 'map':
            return 'MAP<STRING,STRING>';
        case 'array':
            return `ARRAY<${hiveType(type.of)}>`;
        case 'struct':
            return `STRUCT<${type.fields.map((x) => `${x.name}: ${hiveType(x.type)}`).join(', ')}>`;
    }
}
/** DuckDB type of a column (for the test table in the Athena shape). */
function duckdbType(type) {
    switch (type.kind) {
        case 'string':
        case 'json':
            return 'VARCHAR';
        case 'map':
            return 'MAP(VARCHAR, VARCHAR)';
        case 'array':
            return `${duckdbType(type.of)}[]`;
        case 'struct':
            return `STRUCT(${type.fields.map((x) => `"${x.name}" ${duckdbType(x.type)}`).join(', ')})`;
    }
}
const ACCOUNT = /^\d{12}$/;
/** AWS Region names (`us-east-1`, `us-gov-west-1`; test partitions such as Stratus Red Team's `ca-south-3r` too): no quote, no comma. */
const REGION = /^[a-z]{2,}(-[a-z0-9]+)+$/;
const ORGANIZATION = /^o-[a-z0-9]{10,32}$/;
const DAY = /^\d{4}\/\d{2}\/\d{2}$/;
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const NAME = /^[A-Za-z0-9_]+$/;
function bad(what, value) {
    throw new Error(`athena table: ${what} '${value}' is not valid`);
}
/** `s3://bucket/[prefix/]AWSLogs/[o-org/]`: the table's LOCATION, and the root of its location template. */
function trailTableRoot(o) {
    if (!BUCKET.test(o.bucket))
        bad('S3 bucket name', o.bucket);
    if (o.organizationId !== undefined && !ORGANIZATION.test(o.organizationId))
        bad('organization id', o.organizationId);
    // The S3 source's normalisation: slashes at either end and a trailing AWSLogs segment dropped.
    const prefix = (0,trail_layout/* basePrefix */.i)(o.prefix);
    if (/[^A-Za-z0-9!_.()/-]/.test(prefix))
        bad('S3 prefix', prefix);
    return `s3://${o.bucket}/${prefix}AWSLogs/${o.organizationId ? `${o.organizationId}/` : ''}`;
}
/** `storage.location.template` of the projected table under `root` (trailTableRoot). */
function projectionTemplate(root) {
    return `${root}\${account}/CloudTrail/\${region}/\${timestamp}`;
}
/** The projection properties that list accounts and regions, validated (they are sent to Athena as they are). */
function projectionValues(accounts, regions) {
    if (accounts.length === 0)
        throw new Error('athena table: at least one account id is needed');
    if (regions.length === 0)
        throw new Error('athena table: at least one region is needed');
    for (const account of accounts)
        if (!ACCOUNT.test(account))
            bad('account id', account);
    for (const region of regions)
        if (!REGION.test(region))
            bad('region', region);
    return [
        ['projection.account.values', accounts.join(',')],
        ['projection.region.values', regions.join(',')],
    ];
}
function tableName(database, table) {
    if (!NAME.test(database))
        bad('database name', database);
    if (!NAME.test(table))
        bad('table name', table);
    return `\`${database}\`.\`${table}\``;
}
/**
 * CREATE EXTERNAL TABLE for the trail bucket with partition projection over account, region and day, as AWS
 * documents for CloudTrail (the account and region enums make one table cover an organization trail).
 * Every value is validated: this text is sent to Athena as it is.
 */
function athenaCreateTableSql(o) {
    const name = tableName(o.database, o.table);
    if (!DAY.test(o.projectionStartDate))
        bad('projection start date (YYYY/MM/DD)', o.projectionStartDate);
    const root = trailTableRoot(o);
    const [accounts, regions] = projectionValues(o.accounts, o.regions);
    const columns = CLOUDTRAIL_COLUMNS.map((c) => `  ${c.name} ${hiveType(c.type)}`).join(',\n');
    const properties = [
        ['projection.enabled', 'true'],
        ['projection.account.type', 'enum'],
        accounts,
        ['projection.region.type', 'enum'],
        regions,
        ['projection.timestamp.type', 'date'],
        ['projection.timestamp.format', 'yyyy/MM/dd'],
        ['projection.timestamp.range', `${o.projectionStartDate},NOW`],
        ['projection.timestamp.interval', '1'],
        ['projection.timestamp.interval.unit', 'DAYS'],
        ['storage.location.template', projectionTemplate(root)],
    ];
    return [
        `CREATE EXTERNAL TABLE IF NOT EXISTS ${name} (`,
        columns,
        ')',
        'PARTITIONED BY (account STRING, region STRING, `timestamp` STRING)',
        "ROW FORMAT SERDE 'org.apache.hive.hcatalog.data.JsonSerDe'",
        "STORED AS INPUTFORMAT 'com.amazon.emr.cloudtrail.CloudTrailInputFormat'",
        "OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'",
        `LOCATION '${root}'`,
        'TBLPROPERTIES (',
        properties.map(([k, v]) => `  '${k}'='${v}'`).join(',\n'),
        ')',
    ].join('\n');
}
/**
 * ALTER TABLE ... SET TBLPROPERTIES: the way to change a projected table's account and region lists or its
 * location template (Athena DDL, free). Only the properties given change. Values come from projectionValues,
 * projectionTemplate or trailTableRoot, which validate them; a quote in any of them is refused here as well.
 */
function athenaSetPropertiesSql(database, table, properties) {
    for (const [key, value] of properties) {
        if (!/^[a-z][a-z0-9_.]*$/.test(key))
            bad('table property', key);
        if (value.includes("'") || value.includes('\\') || [...value].some((c) => c < ' '))
            bad(`value of ${key}`, value);
    }
    return [
        `ALTER TABLE ${tableName(database, table)} SET TBLPROPERTIES (`,
        properties.map(([k, v]) => `  '${k}'='${v}'`).join(',\n'),
        ')',
    ].join('\n');
}
/**
 * A record as the table holds it: what Athena's JSON SerDe reads into the columns (keys matched
 * case-insensitively, unknown keys dropped, scalars as text, booleans "true"/"false"; a STRING column holds the
 * text of a JSON object or array, and a JSON string as its plain text). Used to load test tables.
 */
function recordToRow(record, fields = CLOUDTRAIL_COLUMNS) {
    const row = {};
    for (const column of fields)
        row[column.name] = toCell(lookUp(record, column), column.type);
    return row;
}
/** The value of `field` in `object`: CloudTrail's own spelling first, then any spelling of its lower-case name. */
function lookUp(object, field) {
    if (Object.hasOwn(object, field.key))
        return object[field.key];
    for (const key of Object.keys(object))
        if (key.toLowerCase() === field.name)
            return object[key];
    return undefined;
}
function toCell(value, type) {
    if (value === undefined || value === null)
        return null;
    switch (type.kind) {
        case 'string':
        case 'json':
            return typeof value === 'object' ? JSON.stringify(value) : String(value);
        case 'map':
            if (typeof value !== 'object' || Array.isArray(value))
                return null;
            return Object.fromEntries(Object.entries(value).map(([k, v]) => [
                k,
                v === null || typeof v !== 'object' ? v : JSON.stringify(v),
            ]));
        case 'array':
            return Array.isArray(value) ? value.map((item) => toCell(item, type.of)) : null;
        case 'struct': {
            if (typeof value !== 'object' || Array.isArray(value))
                return null;
            const out = {};
            for (const field of type.fields)
                out[field.name] = toCell(lookUp(value, field), field.type);
            return out;
        }
    }
}
/**
 * The JSON columns CloudTrail writes on every API call, as null when the call has none: a NULL cell is that
 * null (SQL cannot tell it from an absent key; CloudTrail omits neither), so rules on these keys (`exists`,
 * `null`) see what they see in the log file.
 */
const NULL_WHEN_EMPTY = new Set(['requestParameters', 'responseElements']);
/**
 * One result row (column → text as Athena returns it; struct and array columns as JSON text, objects with field
 * names or, from engines that cast rows to JSON arrays, arrays in field order) → a CloudTrail record with
 * CloudTrail's keys. Null fields are left out, as CloudTrail leaves them out, except requestParameters and
 * responseElements (NULL_WHEN_EMPTY); readOnly becomes a boolean again. A JSON column whose text is not a JSON
 * object or array (a plain string in the log) keeps that text. Struct fields are found whatever their case
 * (tables made from older AWS documentation declare camelCase field names, which Athena keeps in the JSON).
 */
function rowToRecord(row, fields = CLOUDTRAIL_COLUMNS) {
    const record = {};
    for (const column of fields) {
        const cell = row[column.name];
        if (cell === undefined)
            continue;
        if (cell === null) {
            if (column.type.kind === 'json' && NULL_WHEN_EMPTY.has(column.key))
                record[column.key] = null;
            continue;
        }
        let value;
        if (column.type.kind === 'string') {
            value = column.key === 'readOnly' && (cell === 'true' || cell === 'false') ? cell === 'true' : cell;
        }
        else if (column.type.kind === 'json') {
            value = jsonOrText(cell);
        }
        else if (cell === '') {
            continue; // a NULL that reached us as an empty cell: never valid JSON
        }
        else {
            value = fromJson(parseJson(cell, column.name), column.type);
        }
        if (value !== undefined)
            record[column.key] = value;
    }
    return record;
}
/** The SerDe gives an object or array as its JSON text and anything else as plain text: read it back that way. */
function jsonOrText(cell) {
    const first = cell.trimStart()[0];
    if (first === '{' || first === '[') {
        try {
            return JSON.parse(cell);
        }
        catch {
            // not JSON after all: the text as it is
        }
    }
    return cell;
}
function parseJson(text, column) {
    try {
        return JSON.parse(text);
    }
    catch {
        throw new Error(`column ${column} does not hold JSON: ${JSON.stringify(text.slice(0, 60))}`);
    }
}
function fromJson(value, type) {
    if (value === null || value === undefined)
        return undefined;
    switch (type.kind) {
        case 'string':
            return typeof value === 'object' ? JSON.stringify(value) : String(value);
        case 'json':
        case 'map':
            return value;
        case 'array':
            return Array.isArray(value) ? value.map((item) => fromJson(item, type.of) ?? null) : undefined;
        case 'struct': {
            const out = {};
            const object = Array.isArray(value) ? undefined : value;
            type.fields.forEach((field, i) => {
                const raw = object ? lookUp(object, field) : value[i];
                const converted = fromJson(raw, field.type);
                if (converted !== undefined)
                    out[field.key] = converted;
            });
            return Object.keys(out).length > 0 ? out : undefined;
        }
    }
}

;// CONCATENATED MODULE: ./src/sql/predicate.ts
/**
 * A Sigma rule's detection → SQL over the CloudTrail table, with the in-process engine's semantics
 * (src/rules/compile.ts, detection-item.ts, pattern.ts, field-path.ts).
 *
 * Every part compiles to a pair of SQL conditions: `necessary` holds for every record the engine matches and
 * `sufficient` holds only for records it matches. Where the two are the same text the part is exact. Negation
 * swaps them (NOT sufficient is necessary for NOT x), so a rule with `not` stays sound when a part under the `not`
 * is not exact. Every leaf is two-valued (COALESCE(…, FALSE) or IS [NOT] NULL): a NULL under NOT would drop rows.
 *
 * What is exact (see docs/sql-compiler.md): plain string columns and struct fields of the documented table with
 * equality, wildcards `*`, contains/startswith/endswith, cased, null, all, neq, and conditions over them. Paths
 * into the JSON-text columns, `?` wildcards, re, cidr, lt/gt, fieldref, exists, keywords and values with
 * non-ASCII letters (case folding differs between JavaScript and SQL) only give a necessary condition.
 */







const TRUE = 'TRUE';
const FALSE = 'FALSE';
const exact = (sql) => ({ necessary: sql, sufficient: sql });
const UNKNOWN = { necessary: TRUE, sufficient: FALSE };
const needs = (sql) => ({ necessary: sql, sufficient: FALSE });
function isExact(cond) {
    return cond.necessary === cond.sufficient;
}
function and(parts) {
    if (parts.includes(FALSE))
        return FALSE;
    const kept = [...new Set(parts.filter((p) => p !== TRUE))];
    if (kept.length === 0)
        return TRUE;
    return kept.length === 1 ? kept[0] : `(${kept.join(' AND ')})`;
}
function or(parts) {
    if (parts.includes(TRUE))
        return TRUE;
    const kept = [...new Set(parts.filter((p) => p !== FALSE))];
    if (kept.length === 0)
        return FALSE;
    return kept.length === 1 ? kept[0] : `(${kept.join(' OR ')})`;
}
function not(sql) {
    if (sql === TRUE)
        return FALSE;
    if (sql === FALSE)
        return TRUE;
    return sql.startsWith('(') && sql.endsWith(')') ? `(NOT ${sql})` : `(NOT (${sql}))`;
}
const andCond = (cs) => ({
    necessary: and(cs.map((c) => c.necessary)),
    sufficient: and(cs.map((c) => c.sufficient)),
});
const orCond = (cs) => ({
    necessary: or(cs.map((c) => c.necessary)),
    sufficient: or(cs.map((c) => c.sufficient)),
});
const notCond = (c) => ({ necessary: not(c.sufficient), sufficient: not(c.necessary) });
/** A boolean that is FALSE where SQL would give NULL. */
const twoValued = (sql) => `COALESCE(${sql}, FALSE)`;
/** Field paths are case-sensitive in the engine, so only CloudTrail's exact key spelling maps to a column. */
function resolveField(path, table = CLOUDTRAIL_COLUMNS) {
    const parts = path.split('.');
    let fields = table;
    const names = [];
    for (let i = 0; i < parts.length; i++) {
        const field = fields.find((x) => x.key === parts[i]);
        if (!field)
            return { kind: 'unknown' };
        names.push(field.name);
        const last = i === parts.length - 1;
        switch (field.type.kind) {
            case 'string':
                return last ? { kind: 'scalar', sql: names.join('.') } : { kind: 'unknown' };
            case 'json':
                return i === 0 ? { kind: 'json', column: field.name, rest: parts.slice(1) } : { kind: 'unknown' };
            case 'struct':
                if (last)
                    return { kind: 'unknown' }; // an object: equality never holds, contains looks inside
                fields = field.type.fields;
                break;
            default:
                return { kind: 'unknown' }; // arrays and maps: not compiled
        }
    }
    return { kind: 'unknown' };
}
/**
 * Whether the table holds everything the engine may look at for this path: a string column or struct field, or
 * anything inside a JSON column. False for keys the documented table lacks (managementEvent, fields added to
 * userIdentity since) and for whole structs and arrays (their unknown members are dropped by the table).
 */
function fieldInTable(path, table = CLOUDTRAIL_COLUMNS) {
    const parts = path.split('.');
    let fields = table;
    for (let i = 0; i < parts.length; i++) {
        const field = fields.find((x) => x.key === parts[i]);
        if (!field)
            return false;
        if (field.type.kind === 'json')
            return true;
        if (field.type.kind === 'string')
            return i === parts.length - 1;
        if (field.type.kind !== 'struct')
            return false;
        fields = field.type.fields;
    }
    return false;
}
/** Field paths of a rule's detection that the table does not fully hold ('' for keyword searches). */
function fieldsOutsideTable(rule, table = CLOUDTRAIL_COLUMNS) {
    const outside = new Set();
    const visit = (value) => {
        if (Array.isArray(value)) {
            if (value.some(isMap))
                value.forEach(visit);
            else
                outside.add('');
        }
        else if (isMap(value)) {
            for (const key of Object.keys(value)) {
                const { field } = (0,detection_item/* parseItemKey */.OX)(key);
                if (!fieldInTable(field, table))
                    outside.add(field);
            }
        }
        else if (value !== null && value !== undefined)
            outside.add('');
    };
    for (const [name, selection] of Object.entries(rule.detection))
        if (name !== 'condition' && name !== 'timeframe')
            visit(selection);
    return [...outside];
}
const ASCII = /^[\u0020-\u007e]*$/;
/** Characters that JSON text holds as they are (no escaping by any JSON writer). */
const JSON_SAFE = /^[A-Za-z0-9 ._:,;@#$!~^()=+{}[\]|'%*?`-]+$/;
const STAR = 0;
const ONE = 1;
/** The rule's detection → condition pair. The rule has compiled in-process already, so its syntax is valid. */
function compileDetection(rule, table = CLOUDTRAIL_COLUMNS) {
    const detection = rule.detection;
    const names = Object.keys(detection).filter((k) => k !== 'condition' && k !== 'timeframe');
    const selections = new Map(names.map((name) => [
        name,
        usesOutcomeColumn(name, detection[name])
            ? exact(OUTCOME_COLUMN)
            : compileSelection(detection[name], table),
    ]));
    const raw = detection.condition;
    const conditions = (Array.isArray(raw) ? raw : [raw]);
    const resolveNode = (node) => {
        switch (node.kind) {
            case 'ref':
                return selections.get(node.name) ?? UNKNOWN;
            case 'of': {
                const matched = (0,rules_condition/* resolvePattern */.XO)(node.pattern, names).map((name) => selections.get(name));
                return node.quantifier === 'all' ? andCond(matched) : orCond(matched);
            }
            case 'not':
                return notCond(resolveNode(node.child));
            case 'and':
                return andCond(node.children.map(resolveNode));
            case 'or':
                return orCond(node.children.map(resolveNode));
        }
    };
    return orCond(conditions.map((condition) => resolveNode((0,rules_condition/* parseCondition */.zB)(condition))));
}
/**
 * The outcome gate of rules with a `denied` level (successful or denied calls, rules/outcome.ts) is the same for
 * every such rule: the query computes it once per row as this column (outcomeColumnSql) and each rule reads it,
 * which keeps the query's expression small enough for Trino's compiler (see MAX_RULES_PER_QUERY).
 */
const OUTCOME_COLUMN = 'outcome_admitted';
function usesOutcomeColumn(name, selection) {
    return name === outcome/* OUTCOME_GATE */.lT && Array.isArray(selection);
}
/** Whether a rule reads OUTCOME_COLUMN (the query must then compute it). */
function readsOutcomeColumn(rule) {
    return usesOutcomeColumn(outcome/* OUTCOME_GATE */.lT, rule.detection[outcome/* OUTCOME_GATE */.lT]);
}
/** The SQL of OUTCOME_COLUMN over the table's columns. */
function outcomeColumnSql(table = CLOUDTRAIL_COLUMNS) {
    const gate = compileSelection((0,outcome/* gateSelection */._S)('low'), table);
    return gate.necessary;
}
function isMap(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
}
function compileSelection(value, table) {
    if (Array.isArray(value)) {
        if (value.length > 0 && value.every(isMap))
            return orCond(value.map((item) => compileMap(item, table)));
        return UNKNOWN; // keywords: any string anywhere in the record
    }
    if (isMap(value))
        return compileMap(value, table);
    return UNKNOWN;
}
function compileMap(map, table) {
    return andCond(Object.entries(map).map(([key, value]) => compileItem(key, value, table)));
}
function compileItem(key, value, table) {
    const { field, modifiers } = (0,detection_item/* parseItemKey */.OX)(key);
    if (field === '')
        return UNKNOWN;
    const mods = new Set(modifiers.map((m) => m.toLowerCase()));
    const values = (Array.isArray(value) ? value : [value]);
    const target = resolveField(field, table);
    let cond;
    if (mods.has('exists')) {
        const want = values[0] === true || values[0] === 'true';
        cond = existsCond(target, want);
    }
    else if (mods.has('fieldref')) {
        cond = target.kind === 'scalar' ? needs(`${target.sql} IS NOT NULL`) : notNull(target);
    }
    else {
        const parts = values.map((v) => valueCond(target, v, mods));
        cond = mods.has('all') ? andCond(parts) : orCond(parts);
    }
    return mods.has('neq') ? notCond(cond) : cond;
}
/** Necessary for any non-null test: the column the path starts from has a value. */
function notNull(target) {
    if (target.kind === 'scalar')
        return needs(`${target.sql} IS NOT NULL`);
    if (target.kind === 'json')
        return needs(`${target.column} IS NOT NULL`);
    return UNKNOWN;
}
function existsCond(target, want) {
    // SQL cannot tell an absent key from one present with null (CloudTrail writes `"responseElements": null`),
    // so neither form is exact: a value proves the key, and only a NULL can be an absent key.
    if (target.kind === 'scalar' || (target.kind === 'json' && target.rest.length === 0)) {
        const sql = target.kind === 'scalar' ? target.sql : target.column;
        return want ? { necessary: TRUE, sufficient: `${sql} IS NOT NULL` } : needs(`${sql} IS NULL`);
    }
    if (target.kind === 'json' && want) {
        const key = target.rest[target.rest.length - 1];
        const parts = [`${target.column} IS NOT NULL`];
        if (key !== undefined && JSON_SAFE.test(key))
            parts.push(twoValued(like(target.column, `%${escapeLike(key)}"%`)));
        return needs(and(parts));
    }
    return UNKNOWN;
}
function valueCond(target, value, mods) {
    if (target.kind === 'unknown')
        return UNKNOWN;
    if (value === null)
        return target.kind === 'scalar' ? exact(`${target.sql} IS NULL`) : UNKNOWN;
    if (mods.has('re'))
        return regexCond(target, String(value), mods);
    if (['cidr', 'lt', 'lte', 'gt', 'gte'].some((m) => mods.has(m)))
        return notNull(target);
    const shape = mods.has('contains')
        ? 'contains'
        : mods.has('startswith')
            ? 'startswith'
            : mods.has('endswith')
                ? 'endswith'
                : 'equals';
    const cased = mods.has('cased');
    const fold = (s) => (cased ? s : s.toLowerCase());
    const segments = (0,rules_pattern/* parseWildcards */.BB)(String(value)).map((s) => (typeof s === 'string' ? fold(s) : s));
    const literals = segments.filter((s) => typeof s === 'string');
    if (target.kind === 'json') {
        // The JSON text holds every string the path reaches; each literal run must appear in it.
        const column = cased ? target.column : `lower(${target.column})`;
        const parts = [`${target.column} IS NOT NULL`];
        for (const text of literals)
            if (JSON_SAFE.test(text))
                parts.push(twoValued(like(column, `%${escapeLike(text)}%`)));
        return needs(and(parts));
    }
    const column = cased ? target.sql : lowerAsJavaScript(target.sql);
    // Non-ASCII letters in the rule's value may fold differently (final sigma); NUL cannot be a literal.
    if ((!cased && literals.some((s) => !ASCII.test(s))) || literals.some((s) => s.includes('\u0000')))
        return notNull(target);
    // parseWildcards gives 0 for `*` and 1 for `?` (pattern.ts).
    let pattern = segments.map((s) => typeof s === 'string' ? s : s === 0 ? STAR : ONE);
    if (shape === 'contains' || shape === 'endswith')
        pattern = [STAR, ...pattern];
    if (shape === 'contains' || shape === 'startswith')
        pattern = [...pattern, STAR];
    pattern = pattern.filter((s, i) => !(s === STAR && pattern[i - 1] === STAR));
    if (pattern.every((s) => typeof s === 'string'))
        return exact(twoValued(`${column} = ${quoteString(literals.join(''))}`));
    const toLike = (one) => pattern.map((s) => (s === STAR ? '%' : s === ONE ? one : escapeLike(s))).join('');
    // `?` is one UTF-16 unit in the engine and one code point in SQL: only '%' is certain to cover it.
    if (pattern.includes(ONE))
        return needs(twoValued(like(column, toLike('%'))));
    return exact(twoValued(like(column, toLike('_'))));
}
/**
 * SQL lower() as JavaScript's toLowerCase, for the exact comparisons. Trino's lower() (and DuckDB's) maps each
 * code point on its own, as Java's Character.toLowerCase does; JavaScript applies Unicode's full mapping, in
 * which U+0130 (İ) becomes 'i' followed by U+0307 (combining dot above), not 'i'. So `lower('sİgnin')` is
 * 'signin' in SQL but 'si̇gnin' in the engine: a filter under `not` would drop a row the engine matches. Replacing
 * İ by its full lower-case form first gives JavaScript's text exactly; the only other difference (final sigma,
 * Σ → ς) is between non-ASCII letters, which the exact comparisons never have in their literals (they are ASCII).
 */
function lowerAsJavaScript(sql) {
    return `lower(replace(${sql}, '\u0130', 'i\u0307'))`;
}
/** `re`: the literal runs every match contains must appear in the value (or, for JSON paths, in the JSON text). */
function regexCond(target, source, mods) {
    if (target.kind === 'unknown')
        return UNKNOWN;
    const ignoreCase = mods.has('i') || mods.has('ignorecase') || /^\(\?[ms]*i[ims]*\)/.test(source);
    const column = target.kind === 'scalar' ? target.sql : target.column;
    const searched = ignoreCase ? `lower(${column})` : column;
    const parts = [`${column} IS NOT NULL`];
    for (const run of (0,regex_literals/* requiredRuns */.C)(source)) {
        if (target.kind === 'json' && !JSON_SAFE.test(run))
            continue;
        const text = ignoreCase ? run.toLowerCase() : run;
        parts.push(twoValued(like(searched, `%${escapeLike(text)}%`)));
    }
    return needs(and(parts));
}

;// CONCATENATED MODULE: ./src/sql/query.ts



/**
 * How far past the window's end the day partitions reach: CloudTrail files land in the folder of their delivery
 * day, minutes after the event (the same margin as the S3 source's DEFAULT_DELIVERY_MARGIN_MINUTES).
 */
const DELIVERY_MARGIN_MS = 60 * 60_000;
/** Trino cannot call a function with more than 254 arguments: matched_rules is built in chunks. */
const CONCAT_CHUNK = 100;
/** One rule → its predicate. A rule that is not exact gets its eventName set as well (implied, but explicit). */
function rulePredicate(compiled, fields = CLOUDTRAIL_COLUMNS) {
    const cond = compileDetection(compiled.rule, fields);
    const exact = isExact(cond);
    let sql = cond.necessary;
    if (!exact &&
        compiled.eventNames &&
        fields.some((f) => f.name === 'eventname') &&
        [...compiled.eventNames].every((n) => /^[\x20-\x7e]+$/.test(n))) {
        const names = [...compiled.eventNames].sort().map(quoteString).join(', ');
        sql = and([`COALESCE(lower(eventname) IN (${names}), FALSE)`, sql]);
    }
    return { ruleId: compiled.rule.ruleId, sql, exact };
}
/** Athena's limit on a query's text (StartQueryExecution QueryString: at most 262144 bytes). */
const ATHENA_MAX_QUERY_BYTES = 262_144;
/**
 * Rules in one query, at most. Trino compiles the scan's filter and each projected expression into one JVM
 * method each, and the JVM refuses a method of more than 65,535 bytes of bytecode: Athena then fails the query
 * with QUERY_EXCEEDED_COMPILER_LIMIT. Every rule's predicate is in both the filter and `matched_rules`. Trino's
 * generated code costs about 40 bytes a function call or operator (its null checks included) and 25 a column
 * read; the built-in and SigmaHQ rules average 14 calls and 6 comparisons a rule (test/sql/query.test.ts counts
 * them; the outcome gate of rules with a `denied` level is one column read, computed once a row), about 690 bytes,
 * so some 95 rules fill a method. 90 keeps the 82 built-in rules in one query (each more
 * query reads the data again: the bill grows with the parts); a heavier rule set that still fails is split in two
 * and run again (src/sources/athena), which costs nothing, since a query that does not compile scans nothing.
 */
const MAX_RULES_PER_QUERY = 90;
/**
 * The rule set as few queries as needed: at most `maxRules` rules and `maxBytes` bytes of text each (rules split
 * in halves until every part fits). A record that several parts return comes back once per part: merge the tags
 * by eventID.
 */
function buildQueries(input, maxBytes = ATHENA_MAX_QUERY_BYTES, maxRules = MAX_RULES_PER_QUERY) {
    if (input.rules.length > maxRules) {
        // Equal parts (not halves): 41 rules make two queries of 20 and 21, not 40 and 1.
        const parts = Math.ceil(input.rules.length / maxRules);
        const size = Math.ceil(input.rules.length / parts);
        const plans = [];
        for (let i = 0; i < input.rules.length; i += size)
            plans.push(...buildQueries({ ...input, rules: input.rules.slice(i, i + size) }, maxBytes, maxRules));
        return plans;
    }
    const plan = buildQuery(input);
    if (Buffer.byteLength(plan.sql, 'utf8') <= maxBytes)
        return [plan];
    if (input.rules.length <= 1)
        throw new Error(`the SQL of rule '${input.rules[0]?.rule.ruleId ?? ''}' is longer than ${maxBytes} bytes on its own`);
    return splitPlan(input, plan, maxBytes);
}
/**
 * The rules of `plan` (one of buildQueries' parts for `input`) as two queries of half as many rules each: for a
 * query that Athena could not compile. Throws when the plan has one rule.
 */
function splitPlan(input, plan, maxBytes = ATHENA_MAX_QUERY_BYTES) {
    const ids = new Set([...plan.exact, ...plan.pushedDown, ...plan.unconstrained]);
    const rules = input.rules.filter((r) => ids.has(r.rule.ruleId));
    if (rules.length <= 1)
        throw new Error(`the query of rule '${rules[0]?.rule.ruleId ?? ''}' cannot be split further`);
    const half = Math.ceil(rules.length / 2);
    return [
        ...buildQueries({ ...input, rules: rules.slice(0, half) }, maxBytes, half),
        ...buildQueries({ ...input, rules: rules.slice(half) }, maxBytes, half),
    ];
}
function buildQuery(input) {
    const dialect = dialectOf(input.dialect);
    const fields = input.fields ?? CLOUDTRAIL_COLUMNS;
    const plan = { sql: '', exact: [], pushedDown: [], unconstrained: [], outsideTable: [] };
    const predicates = input.rules.map((rule) => rulePredicate(rule, fields));
    for (const p of predicates) {
        if (p.exact)
            plan.exact.push(p.ruleId);
        else if (p.sql === TRUE)
            plan.unconstrained.push(p.ruleId);
        else
            plan.pushedDown.push(p.ruleId);
    }
    for (const compiled of input.rules)
        if (fieldsOutsideTable(compiled.rule, fields).length > 0)
            plan.outsideTable.push(compiled.rule.ruleId);
    const tags = predicates.map((p) => p.sql === TRUE
        ? quoteString(encodeRuleId(p.ruleId))
        : `CASE WHEN ${p.sql} THEN ${quoteString(encodeRuleId(p.ruleId))} END`);
    const columns = fields.map((c) => c.type.kind === 'struct' || c.type.kind === 'array'
        ? `${dialect.structAsJson(c.name)} AS ${c.name}`
        : c.name);
    columns.push('matched_rules');
    // Each predicate is written once: the inner query tags the rows of the window, the outer keeps tagged rows.
    const where = and([
        ...scopeFilters(input, fields),
        fields.some((f) => f.name === 'eventtime') ? windowFilter(input.window) : TRUE,
    ]);
    // Rules with a `denied` level share one outcome gate: computed once a row, below the tags that read it.
    const source = input.rules.some((r) => readsOutcomeColumn(r.rule))
        ? [
            `  FROM (SELECT *, ${outcomeColumnSql(fields)} AS ${OUTCOME_COLUMN}`,
            `    FROM ${input.table}`,
            `    WHERE ${where}) AS gated) AS tagged`,
        ]
        : [`  FROM ${input.table}`, `  WHERE ${where}) AS tagged`];
    plan.sql = [
        `SELECT ${columns.join(',\n  ')}`,
        `FROM (SELECT *, ${concatTags(tags)} AS matched_rules`,
        ...source,
        `WHERE matched_rules <> ''`,
    ].join('\n');
    return plan;
}
function concatTags(tags) {
    if (tags.length === 0)
        return "''";
    if (tags.length <= CONCAT_CHUNK)
        return `concat_ws(',', ${tags.join(', ')})`;
    const chunks = [];
    for (let i = 0; i < tags.length; i += CONCAT_CHUNK)
        chunks.push(`NULLIF(${concatTags(tags.slice(i, i + CONCAT_CHUNK))}, '')`);
    return concatTags(chunks);
}
/** Rule ids are joined with ',' in matched_rules: a ',' (or '%') inside an id is percent-encoded. */
function encodeRuleId(id) {
    return id.replace(/%/g, '%25').replace(/,/g, '%2C');
}
/** The rule ids in a row's matched_rules cell. */
function parseMatchedRules(cell) {
    if (!cell)
        return [];
    return cell.split(',').map((id) => id.replace(/%2C/g, ',').replace(/%25/g, '%'));
}
/**
 * eventTime between the window's ends, compared as text on its first 19 characters (YYYY-MM-DDTHH:MM:SS):
 * monotone in time for CloudTrail's UTC `Z` times with or without fractional seconds, which cut to the second
 * compare correctly with bounds cut to the second. Times in any other form are let through (the detector
 * applies the exact window to every record).
 */
function windowFilter(window) {
    const parts = [];
    const second = (ms) => new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19);
    if (window.start !== undefined)
        parts.push(`substr(eventtime, 1, 19) >= ${quoteString(second(window.start))}`);
    if (window.end !== undefined)
        parts.push(`substr(eventtime, 1, 19) <= ${quoteString(second(window.end))}`);
    if (parts.length === 0)
        return TRUE;
    return `(eventtime NOT LIKE '____-__-__T__:__:__%Z' OR ${and(parts)})`;
}
/**
 * The partitions of the window, accounts and Regions; where the table has no partition column for the accounts or
 * Regions asked for, the records' own recipientAccountId and awsRegion (the account and Region folders of the logs
 * hold these), so that the rows are those of the accounts and Regions asked for, as with the s3 source.
 */
function scopeFilters(input, fields) {
    const scheme = input.partitions ?? {};
    const filters = [];
    const { start, end } = input.window;
    if (scheme.day && start !== undefined && end !== undefined) {
        const filter = dayFilter(scheme.day, start, end + DELIVERY_MARGIN_MS);
        if (filter !== undefined)
            filters.push(filter);
    }
    const list = (column, values) => `${column} IN (${values.map(quoteString).join(', ')})`;
    const has = (name) => fields.some((f) => f.name === name);
    if (input.accounts?.length) {
        if (scheme.account)
            filters.push(list(quoteIdent(scheme.account), input.accounts));
        else if (has('recipientaccountid'))
            filters.push(list('recipientaccountid', input.accounts));
    }
    if (input.regions?.length) {
        if (scheme.region)
            filters.push(list(quoteIdent(scheme.region), input.regions));
        else if (has('awsregion'))
            filters.push(list('awsregion', input.regions));
    }
    return filters;
}
const DAY_MS = 86_400_000;
/** The UTC days from `from` to `to`, as [year, month, day]. */
function daysBetween(from, to) {
    const days = [];
    for (let t = Math.floor(from / DAY_MS) * DAY_MS; t <= to; t += DAY_MS) {
        const d = new Date(t);
        days.push([d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()]);
    }
    return days;
}
const pad = (n, width) => String(n).padStart(width, '0');
/**
 * A day in a projection's date format (Java DateTimeFormatter letters: `yyyy`, `MM`, `dd`, and literal
 * characters between them), or undefined for a format with other letters (hours, names of months): such a
 * column is not pruned on.
 */
function formatPartitionDay(format, [year, month, day]) {
    const tokens = format.match(/yyyy|MM|dd|[A-Za-z]|[^A-Za-z]+/g) ?? [];
    let out = '';
    for (const token of tokens) {
        if (token === 'yyyy')
            out += pad(year, 4);
        else if (token === 'MM')
            out += pad(month, 2);
        else if (token === 'dd')
            out += pad(day, 2);
        else if (/[A-Za-z]/.test(token) || token.includes("'"))
            return undefined;
        else
            out += token;
    }
    return out;
}
function dayFilter(day, from, to) {
    const days = daysBetween(from, to);
    if ('column' in day) {
        const texts = days.map((d) => formatPartitionDay(day.format, d));
        if (texts.some((t) => t === undefined))
            return undefined;
        const column = quoteIdent(day.column);
        // Text order is time order when the format is year, month, day with fixed widths: a range, whatever its length.
        if (/^yyyy[^A-Za-z']*MM[^A-Za-z']*dd$/.test(day.format))
            return and([`${column} >= ${quoteString(texts[0])}`, `${column} <= ${quoteString(texts.at(-1))}`]);
        return `${column} IN (${texts.map((t) => quoteString(t)).join(', ')})`;
    }
    // year / month / day columns: one disjunct a month, the days of the month as a range.
    const literal = (column, value, width) => /^(tinyint|smallint|int|integer|bigint)$/i.test(column.type)
        ? String(value)
        : quoteString(pad(value, width));
    const months = new Map();
    for (const d of days) {
        const key = day.month ? `${d[0]}-${d[1]}` : `${d[0]}`;
        months.set(key, [...(months.get(key) ?? []), d]);
    }
    const parts = [...months.values()].map((inMonth) => {
        const [y, m] = inMonth[0];
        const conditions = [`${quoteIdent(day.year.column)} = ${literal(day.year, y, 4)}`];
        if (day.month)
            conditions.push(`${quoteIdent(day.month.column)} = ${literal(day.month, m, 2)}`);
        if (day.month && day.day) {
            const first = inMonth[0][2];
            const last = inMonth.at(-1)[2];
            conditions.push(`${quoteIdent(day.day.column)} BETWEEN ${literal(day.day, first, 2)} AND ${literal(day.day, last, 2)}`);
        }
        return and(conditions);
    });
    return or(parts);
}

;// CONCATENATED MODULE: ./src/sql/index.ts







/***/ })

};
