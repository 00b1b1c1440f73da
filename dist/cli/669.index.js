export const id = 669;
export const ids = [669];
export const modules = {

/***/ 9669:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   describeScopedLookup: () => (/* binding */ describeScopedLookup),
/* harmony export */   explainScopedLookups: () => (/* binding */ explainScopedLookups),
/* harmony export */   readScopedLookupEvents: () => (/* binding */ readScopedLookupEvents)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_cloudtrail__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7392);
/* harmony import */ var _credentials_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4011);
/* harmony import */ var _records_seen_ids_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1164);
/* harmony import */ var _sleep_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(1813);
/* harmony import */ var _merge_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(1633);
/* harmony import */ var _pacing_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9349);
/* harmony import */ var _planner_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3409);
/* harmony import */ var _index_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2050);
/**
 * Scoped reads of LookupEvents (investigations of one credential), beside the planner's reads of whole Regions:
 * one lookup per credential attribute (`AccessKeyId`, `Username`, `ResourceName`) in each Region, paginated, so
 * that the calls made are the pages of the credential's own events.
 *
 * Finding the credential's Regions: LookupEvents keeps each Region's history apart and has no index across them,
 * so each Region is asked; the first page of each lookup is that probe. A Region where the credential never
 * called costs one call (an empty page), a Region where it did costs the pages of its events: there is no cheaper
 * complete answer (a `MaxResults: 1` probe would cost the same in an empty Region and one more call elsewhere).
 *
 * Rounds: the lookups given run in every Region, in parallel, paced per Region as the planner's reads are
 * (pacing.ts); when all their events were consumed, `nextLookups` is asked for the next round (the caller follows
 * credentials it found in what it consumed), until it has none. A lookup made before is not made again. Events
 * are de-duplicated by EventId across Regions, lookups and rounds.
 *
 * Errors are handled as in index.ts: a failed lookup is reported and the Region goes on; access denied and
 * credential problems stop the Region for the rest of the run; when no Region could be read at all, a
 * LookupEventsError is thrown. `stats.apiCalls` counts every request (every attempt).
 */








function describeScopedLookup(lookup) {
    return `${lookup.key}=${lookup.value}`;
}
/** The events of the scoped lookups, round after round (see the module comment). */
async function* readScopedLookupEvents(options, reporter, stats) {
    const regions = (0,_index_js__WEBPACK_IMPORTED_MODULE_4__/* .lookupRegions */ .C2)(options.regions, options.includeGlobalRegion ?? true);
    if (regions.length === 0)
        throw new _index_js__WEBPACK_IMPORTED_MODULE_4__/* .LookupEventsError */ .aC('regions: no Region given');
    const { start, end } = options;
    if (!(start.getTime() <= end.getTime())) {
        throw new _index_js__WEBPACK_IMPORTED_MODULE_4__/* .LookupEventsError */ .aC(`the window's start (${start.toISOString()}) is after its end (${end.toISOString()})`);
    }
    // An hour of slack: a 90-day window computed when the run started is not "older than 90 days" a moment later.
    const historyStart = Date.now() - _index_js__WEBPACK_IMPORTED_MODULE_4__/* .LOOKUP_HISTORY_DAYS */ .mP * 86_400_000;
    if (start.getTime() < historyStart - 3_600_000) {
        reporter.error({ file: 'lookup-events' }, `LookupEvents keeps ${_index_js__WEBPACK_IMPORTED_MODULE_4__/* .LOOKUP_HISTORY_DAYS */ .mP} days of events: the part of the window before ` +
            `${new Date(historyStart).toISOString()} cannot be read this way (read the trail's bucket with source s3)`);
    }
    const retry = { ..._pacing_js__WEBPACK_IMPORTED_MODULE_2__/* .DEFAULT_RETRY */ .vI, ...options.retry };
    const states = regions.map((region) => {
        const config = {
            region,
            maxAttempts: 1, // retries are pacedCall's, through the Region's gate
            requestHandler: { connectionTimeout: 10_000, requestTimeout: 60_000 },
        };
        if (options.credentials !== undefined)
            config.credentials = options.credentials;
        if (options.endpoint !== undefined)
            config.endpoint = options.endpoint;
        return {
            report: { region, calls: 0, throttled: 0, pages: 0, events: 0, found: [], empty: 0, errors: [] },
            client: new _aws_sdk_client_cloudtrail__WEBPACK_IMPORTED_MODULE_5__/* .CloudTrailClient */ .Vsm(config),
            gate: new _pacing_js__WEBPACK_IMPORTED_MODULE_2__/* .RequestGate */ .dg(options.requestsPerSecond ?? 2),
            stopped: false,
        };
    });
    const report = {
        regions: states.map((s) => s.report),
        rounds: [],
        calls: 0,
        events: 0,
        duplicates: 0,
        complete: true,
    };
    const made = new Set();
    const seen = new _records_seen_ids_js__WEBPACK_IMPORTED_MODULE_1__/* .SeenIds */ .Ub();
    const maxRounds = options.maxRounds ?? 20;
    try {
        let lookups = fresh(options.lookups, made);
        while (lookups.length > 0 && !options.signal?.aborted) {
            if (report.rounds.length >= maxRounds) {
                reporter.error({ file: 'lookup-events' }, `stopped after ${maxRounds} rounds of lookups: not looked up: ${lookups.map(describeScopedLookup).join(', ')}`);
                report.complete = false;
                break;
            }
            const round = { lookups: lookups.map(describeScopedLookup), calls: 0, events: 0 };
            report.rounds.push(round);
            const callsBefore = report.calls;
            const producers = states.map((state) => async (emit, signal) => {
                const linked = options.signal ? AbortSignal.any([signal, options.signal]) : signal;
                if (!(await runRegionRound(state, lookups, options, retry, stats, report, reporter, emit, linked)))
                    report.complete = false;
            });
            for await (const page of (0,_merge_js__WEBPACK_IMPORTED_MODULE_6__/* .mergeProducers */ .e)(producers)) {
                for (let index = 0; index < page.events.length; index++) {
                    const event = page.events[index];
                    if (event.EventId !== undefined && !seen.add(event.EventId)) {
                        report.duplicates++;
                        continue;
                    }
                    const origin = { file: page.origin, index };
                    if (typeof event.CloudTrailEvent !== 'string' || event.CloudTrailEvent === '') {
                        reporter.error(origin, `LookupEvents returned event ${event.EventId ?? '(no EventId)'} without its CloudTrailEvent`, 1);
                        continue;
                    }
                    page.region.events++;
                    report.events++;
                    round.events++;
                    yield { text: event.CloudTrailEvent, origin };
                }
            }
            round.calls = report.calls - callsBefore;
            if (report.rounds.length === 1 &&
                states.every((s) => s.report.pages === 0 && s.report.errors.length > 0)) {
                const where = states.length === 1 ? '' : ` (and in all ${states.length} Regions)`;
                throw new _index_js__WEBPACK_IMPORTED_MODULE_4__/* .LookupEventsError */ .aC(`cannot read CloudTrail with LookupEvents${where}: ${states[0].report.errors[0]}`);
            }
            lookups = fresh(options.nextLookups?.() ?? [], made);
        }
    }
    finally {
        for (const state of states)
            state.client.destroy();
    }
    if (!options.signal?.aborted)
        options.onDone?.(report);
}
/** The lookups not made yet (and marks them made). */
function fresh(lookups, made) {
    const out = [];
    for (const lookup of lookups) {
        const id = describeScopedLookup(lookup);
        if (made.has(id))
            continue;
        made.add(id);
        out.push(lookup);
    }
    return out;
}
/** Stops the Region: access denied or a credential problem. */
class RegionStop extends Error {
}
/** One round in one Region: every lookup, `lookupConcurrency` at a time. False when something was left unread. */
async function runRegionRound(state, lookups, options, retry, stats, report, reporter, emit, signal) {
    if (state.stopped)
        return false;
    let next = 0;
    let complete = true;
    const worker = async () => {
        while (next < lookups.length && !state.stopped) {
            const lookup = lookups[next++];
            const from = lookup.start && lookup.start > options.start ? lookup.start : options.start;
            if (from > options.end)
                continue;
            let token;
            for (let page = 1;; page++) {
                const origin = `lookup-events ${state.report.region} ${describeScopedLookup(lookup)} page ${page}`;
                const out = await call(state, lookup, from, options, token, origin, retry, stats, report, reporter, signal);
                if (!out) {
                    complete = false;
                    break;
                }
                const events = out.Events ?? [];
                if (page === 1) {
                    if (events.length === 0)
                        state.report.empty++;
                    else
                        state.report.found.push(describeScopedLookup(lookup));
                }
                await emit({ origin, events, region: state.report });
                if (!out.NextToken)
                    break;
                if (out.NextToken === token)
                    throw new Error('LookupEvents returned the same NextToken twice');
                token = out.NextToken;
            }
        }
    };
    const concurrency = Math.max(1, Math.min(options.lookupConcurrency ?? 2, lookups.length));
    const results = await Promise.allSettled(Array.from({ length: concurrency }, worker));
    for (const result of results) {
        if (result.status === 'fulfilled' || signal.aborted)
            continue;
        if (result.reason instanceof RegionStop)
            return false; // reported
        const message = `${state.report.region}: ${result.reason.message}`;
        state.report.errors.push(message);
        reporter.error({ file: `lookup-events ${state.report.region}` }, message);
        complete = false;
    }
    return complete && !state.stopped;
}
/** One page, paced and retried; undefined when it could not be had (reported). Throws RegionStop. */
async function call(state, lookup, start, options, token, origin, retry, stats, report, reporter, signal) {
    const region = state.report;
    const limit = options.maxCallsPerRegion ?? 20_000;
    if (state.stopped)
        throw new RegionStop('stopped');
    if (region.calls >= limit) {
        const message = `${origin}: not requested: the Region reached its limit of ${limit} requests`;
        region.errors.push(message);
        reporter.error({ file: origin }, message);
        return undefined;
    }
    const input = {
        StartTime: start,
        EndTime: options.end,
        MaxResults: _planner_js__WEBPACK_IMPORTED_MODULE_3__/* .PAGE_SIZE */ .md,
        LookupAttributes: [{ AttributeKey: lookup.key, AttributeValue: lookup.value }],
        ...(token !== undefined ? { NextToken: token } : {}),
    };
    try {
        const out = await (0,_pacing_js__WEBPACK_IMPORTED_MODULE_2__/* .pacedCall */ .mf)(state.gate, () => state.client.send(new _aws_sdk_client_cloudtrail__WEBPACK_IMPORTED_MODULE_5__/* .LookupEventsCommand */ .nau(input), { abortSignal: signal }), retry, {
            onAttempt: () => {
                stats.apiCalls++;
                report.calls++;
                region.calls++;
            },
            onRetry: (kind) => {
                if (kind === 'throttle')
                    region.throttled++;
            },
        }, signal);
        region.pages++;
        return out;
    }
    catch (err) {
        if (signal.aborted)
            throw (0,_sleep_js__WEBPACK_IMPORTED_MODULE_7__/* .abortError */ .v)();
        const cause = err instanceof _pacing_js__WEBPACK_IMPORTED_MODULE_2__/* .RetriesExhaustedError */ .i5 ? err.cause : err;
        const problem = (0,_credentials_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .credentialProblem */ .FL)(cause);
        if (problem !== undefined || (0,_credentials_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .isAccessDeniedError */ .sm)(cause)) {
            const message = problem !== undefined
                ? `${region.region}: ${problem}`
                : `${region.region}: access denied (${(0,_credentials_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .describeAwsError */ .Pp)(cause)}): the credentials need cloudtrail:LookupEvents ` +
                    `(in the role's permission policy, and not denied by an SCP or a permissions boundary)`;
            if (!state.stopped) {
                state.stopped = true;
                region.errors.push(message);
                // The location names the Region: the message does not repeat it.
                reporter.error({ file: `lookup-events ${region.region}` }, message.slice(region.region.length + 2));
            }
            throw new RegionStop(message);
        }
        const message = err instanceof _pacing_js__WEBPACK_IMPORTED_MODULE_2__/* .RetriesExhaustedError */ .i5
            ? `${origin}: gave up after ${err.attempts} attempts (${(0,_credentials_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .describeAwsError */ .Pp)(cause)}): the rest of this lookup was not read`
            : `${origin}: ${(0,_credentials_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .describeAwsError */ .Pp)(cause)}: the rest of this lookup was not read`;
        region.errors.push(message);
        reporter.error({ file: origin }, message);
        return undefined;
    }
}
/** What the scoped lookups cost, as text (the CLI's --explain, the action's log). */
function explainScopedLookups(report) {
    const used = report.regions.filter((r) => r.found.length > 0);
    const emptyRegions = report.regions.filter((r) => r.found.length === 0 && r.errors.length === 0);
    const lines = [
        `LookupEvents, scoped: ${report.calls} request${report.calls === 1 ? '' : 's'} in ${report.rounds.length} ` +
            `round${report.rounds.length === 1 ? '' : 's'}, ${report.events} events` +
            `${report.duplicates ? ` (+${report.duplicates} duplicates dropped)` : ''}${report.complete ? '' : '; INCOMPLETE'}`,
    ];
    report.rounds.forEach((round, i) => {
        const shown = round.lookups.length > 6 ? `${round.lookups.slice(0, 6).join(', ')}, ...` : round.lookups.join(', ');
        lines.push(`  round ${i + 1}: ${round.lookups.length} lookup(s) (${shown}): ${round.calls} requests, ${round.events} events`);
    });
    lines.push(`  Regions probed: ${report.regions.length} (the first page of each lookup is the probe); found in: ` +
        `${used.map((r) => `${r.region} (${r.events} events, ${r.calls} requests)`).join(', ') || 'none'}`);
    if (emptyRegions.length > 0) {
        const calls = emptyRegions.reduce((n, r) => n + r.calls, 0);
        lines.push(`  nothing in ${emptyRegions.length} Region(s), ${calls} request(s): ${emptyRegions.map((r) => r.region).join(', ')}`);
    }
    for (const region of report.regions) {
        for (const error of region.errors.slice(0, 3))
            lines.push(`  error: ${error}`);
    }
    return lines.join('\n');
}


/***/ })

};
