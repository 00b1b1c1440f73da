export const id = 840;
export const ids = [840];
export const modules = {

/***/ 3840:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Spacer: () => (/* binding */ Spacer),
/* harmony export */   createOctokit: () => (/* binding */ createOctokit)
/* harmony export */ });
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1351);
/* harmony import */ var _actions_github_lib_utils__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5555);
/* harmony import */ var _octokit_plugin_retry__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9735);
/* harmony import */ var _octokit_plugin_throttling__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6856);
/**
 * The Octokit that tracking uses: @actions/github's (proxy-aware, GITHUB_API_URL for GitHub Enterprise Server) with
 * the throttling and retry plugins.
 *
 * - Secondary rate limits (403/429 with `retry-after`, or a "secondary rate limit" message) are waited out, up to
 *   three times a request; a primary rate limit is waited out only when it resets within five minutes (a scheduled
 *   audit should fail and be picked up by the next run rather than hold a runner for an hour).
 * - Writes are spaced as GitHub asks: one second apart, and three seconds apart for those that notify people
 *   (new issues, comments). The throttling plugin's own spacing is used, with its limiter groups made per client.
 * - Server errors and dropped connections are retried (1 s, 4 s, 9 s); 4xx answers are not, 429 included, which is
 *   the throttling plugin's to wait out.
 * - Every request gives up after 60 s, so that a GitHub that stops answering cannot hold the job until it times out.
 *
 * `CLOUDTRAIL_AUDIT_GITHUB_PACE` (a factor, default 1) scales the waits this tool chooses (write spacing, retry
 * back-off), never a wait GitHub asks for; tests against a local server set it to 0.
 */




const SECONDARY_RETRIES = 3;
const PRIMARY_WAIT_MAX_S = 300;
function createOctokit(options) {
    const pace = options.pace ?? paceFromEnv();
    const log = options.log;
    const timeout = options.requestTimeoutMs ?? 60_000;
    const baseFetch = _actions_github_lib_utils__WEBPACK_IMPORTED_MODULE_1__/* .defaults */ .NT.request?.fetch ?? fetch;
    const timedFetch = (input, init) => baseFetch(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(timeout) });
    return (0,_actions_github__WEBPACK_IMPORTED_MODULE_0__/* .getOctokit */ .Q)(options.token, {
        baseUrl: (options.baseUrl || process.env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
        request: { fetch: timedFetch },
        log: {
            debug: (m) => log.debug(m),
            info: (m) => log.debug(m),
            warn: (m) => log.warning(m),
            error: (m) => log.warning(m),
        },
        throttle: {
            // Groups of our own (the plugin's default groups are shared by every client in the process).
            write: new Spacer(1000 * pace),
            notifications: new Spacer(3000 * pace),
            onSecondaryRateLimit: (retryAfter, request, _octokit, retryCount) => {
                const again = retryCount < SECONDARY_RETRIES;
                log.warning(`GitHub secondary rate limit on ${request.method} ${request.url}: ` +
                    (again ? `waiting ${retryAfter} s as GitHub asks, then retrying` : 'giving up after 3 waits'));
                return again;
            },
            onRateLimit: (retryAfter, request, _octokit, retryCount) => {
                const again = retryCount < 1 && retryAfter <= PRIMARY_WAIT_MAX_S;
                log.warning(`GitHub rate limit reached on ${request.method} ${request.url}: ` +
                    (again ? `waiting ${retryAfter} s for the reset` : `it resets in ${retryAfter} s; not waiting`));
                return again;
            },
        },
        retry: {
            doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
            retries: 3,
            retryAfterBaseValue: 1000 * pace,
        },
    }, _octokit_plugin_throttling__WEBPACK_IMPORTED_MODULE_2__/* .throttling */ .A, _octokit_plugin_retry__WEBPACK_IMPORTED_MODULE_3__/* .retry */ .L);
}
function paceFromEnv() {
    const value = Number(process.env.CLOUDTRAIL_AUDIT_GITHUB_PACE ?? '1');
    return Number.isFinite(value) && value >= 0 ? Math.min(value, 10) : 1;
}
/**
 * Spaces jobs `minTime` ms apart, one at a time: the part of a Bottleneck group the throttling plugin uses for its
 * write and notification limiters (`group.key(id).schedule(options, fn, ...args)`).
 */
class Spacer {
    minTime;
    next = 0;
    queue = Promise.resolve();
    constructor(minTime) {
        this.minTime = minTime;
    }
    key() {
        return this;
    }
    schedule(_options, fn, ...args) {
        const turn = this.queue.then(async () => {
            const wait = this.next - Date.now();
            if (wait > 0)
                await new Promise((resolve) => setTimeout(resolve, wait));
            this.next = Date.now() + this.minTime;
        });
        this.queue = turn.catch(() => undefined);
        return turn.then(() => fn(...args));
    }
}


/***/ })

};
