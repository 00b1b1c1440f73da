export const id = 479;
export const ids = [479];
export const modules = {

/***/ 9479:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  explainBeforeReading: () => (/* binding */ explainBeforeReading)
});

;// CONCATENATED MODULE: ./src/core/logger.ts
const silentLogger = { info() { }, warning() { }, debug() { } };

// EXTERNAL MODULE: ./src/report/console.ts
var console = __webpack_require__(9475);
// EXTERNAL MODULE: ./src/rules/rule-set.ts
var rule_set = __webpack_require__(9596);
// EXTERNAL MODULE: ./src/sql/index.ts + 6 modules
var sql = __webpack_require__(626);
// EXTERNAL MODULE: ./src/sources/athena/index.ts + 9 modules
var sources_athena = __webpack_require__(5717);
// EXTERNAL MODULE: ./src/sources/lookup-events/index.ts + 1 modules
var lookup_events = __webpack_require__(2050);
// EXTERNAL MODULE: ./src/pipeline/aws-sources.ts
var aws_sources = __webpack_require__(7832);
// EXTERNAL MODULE: ./src/core/options.ts
var options = __webpack_require__(3457);
;// CONCATENATED MODULE: ./src/pipeline/explain.ts
/**
 * What an AWS source will read, known before any AWS call (`--explain` prints it before the scan, so that it is
 * there even when the credentials are missing or the scan is stopped): the Regions and the LookupEvents pushdown the
 * rules allow, the S3 folders of the window, the Athena SQL. What depends on the account (the plan each Region
 * chooses from its first page, the Athena table's own columns and partitions) is reported after the scan.
 */








/** The plan of an AWS source as text; the rule set is loaded as the scan will load it. */
async function explainBeforeReading(config) {
    const source = config.source;
    if (source.kind === 'files')
        return undefined;
    (0,aws_sources.checkAwsSource)(source);
    const { rules, correlations } = await (0,rule_set/* loadRuleSet */.ZI)(config.rules, silentLogger);
    const start = config.window.start ?? config.now - 86_400_000;
    const end = config.window.end ?? config.now;
    const window = `${new Date(start).toISOString()} .. ${new Date(end).toISOString()}`;
    const lines = ['Plan (made before any AWS call):'];
    if (source.kind === 'lookup-events') {
        const regions = (0,lookup_events/* lookupRegions */.C2)(source.regions.length > 0 ? source.regions : [source.region]);
        lines.push(`LookupEvents in ${regions.join(', ')} over ${window}`);
        if (source.everyEvent) {
            lines.push('every event is wanted (--timeline all): each Region is read in full, without pushdown');
        }
        else {
            lines.push((0,lookup_events/* describeCoverage */.KZ)((0,lookup_events/* ruleCovers */.$I)(rules, { correlations }), source.maxLookupCalls ?? options/* DEFAULT_MAX_LOOKUP_CALLS */.Su, source.budgetOption ?? 'max-lookup-calls'));
        }
    }
    else if (source.kind === 's3') {
        const days = (0,sources_athena/* windowDays */.so)({ start, end });
        lines.push(`s3://${source.bucket}/${source.prefix ? `${source.prefix.replace(/\/$/, '')}/` : ''}AWSLogs/: ` +
            `${scopeText(source)}; the day folders ${days[0]} to ${days.at(-1)} (the window ${window}, and the next ` +
            'hour of deliveries); only the files delivered in the window are read');
    }
    else {
        lines.push(...athenaPlan(source, rules, { start, end }));
    }
    return lines.join('\n');
}
function scopeText(source) {
    const accounts = source.accounts.length > 0 ? `accounts ${source.accounts.join(', ')}` : 'every account';
    const regions = source.regions.length > 0 ? `Regions ${source.regions.join(', ')}` : 'every Region';
    return `${accounts}, ${regions} found in the bucket`;
}
function athenaPlan(source, rules, window) {
    const athena = source.athena ?? { createTable: false };
    const table = `${athena.database}.${athena.table}`;
    const plans = (0,sql/* buildQueries */.H5)({
        rules,
        dialect: 'athena',
        table: (0,sources_athena/* qualifiedTable */.Nt)(athena.database, athena.table),
        window,
        partitions: sql/* PROJECTED_TABLE_PARTITIONS */.KF,
        ...(source.accounts.length > 0 ? { accounts: source.accounts } : {}),
        ...(source.regions.length > 0 ? { regions: source.regions } : {}),
    });
    const ids = (list) => (list.length > 0 ? list.join(', ') : '-');
    const exact = plans.flatMap((p) => p.exact);
    const pushed = plans.flatMap((p) => p.pushedDown);
    const unconstrained = plans.flatMap((p) => p.unconstrained);
    return [
        `Athena over ${table}${athena.workGroup ? ` (workgroup ${athena.workGroup})` : ''}, the days of ${window.start ? new Date(window.start).toISOString() : '-'} .. ${new Date(window.end).toISOString()}: ` +
            `${(0,console/* plural */.LS)(exact.length + pushed.length + unconstrained.length, 'rule')} in ${plans.length === 1 ? 'one query' : `${plans.length} queries`}`,
        `  exact: ${ids(exact)}`,
        `  pushed down (re-checked in-process): ${ids(pushed)}`,
        ...(unconstrained.length > 0 ? [`  unconstrained (every row of the window): ${ids(unconstrained)}`] : []),
        'The SQL, for a table as --athena-create-table makes it (partition projection on account, region and day); ' +
            "the query that runs follows the table's own columns and partitions:",
        '',
        ...plans.map((p) => p.sql),
    ];
}


/***/ })

};
