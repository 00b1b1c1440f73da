import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 500:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Gc: () => (/* binding */ applyToFindings)
/* harmony export */ });
/* unused harmony exports loadAllowlist, parseAllowlist, suppressingEntry, findingSuppression, checkAllowlistRules */
/* harmony import */ var ipaddr_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(8280);
/* harmony import */ var ipaddr_js__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(ipaddr_js__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(8815);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(4296);








const CONDITIONS = ['actor', 'userAgent', 'sourceIPAddress', 'account', 'region', 'invokedBy'];
const KEYS = new Set(['rules', 'reason', 'expires', ...CONDITIONS]);
async function loadAllowlist(file, now) {
    let text;
    try {
        text = await readFile(file, 'utf8');
    }
    catch (err) {
        throw new UsageError(`allowlist ${file}: cannot read it (${err.code ?? err})`);
    }
    return parseAllowlist(text, file, now);
}
function parseAllowlist(text, file, now) {
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
    const at = (node) => node?.range ? `${file}:${lines.linePos(node.range[0]).line}` : `${file}`;
    if (doc.errors.length > 0) {
        const e = doc.errors[0];
        throw new UsageError(`allowlist ${file}:${lines.linePos(e.pos[0]).line}: invalid YAML: ${e.message.split('\n')[0]}`);
    }
    const root = doc.contents;
    const list = isMap(root) ? root.get('entries', true) : root;
    if (!isSeq(list)) {
        throw new UsageError(`allowlist ${at(root)}: expected a list of entries (or a map with 'entries:')`);
    }
    const allowlist = { entries: [], expired: [] };
    for (const item of list.items) {
        const where = at(item);
        const fail = (message) => {
            throw new UsageError(`allowlist ${where}: ${message}`);
        };
        if (!isMap(item))
            fail('an entry must be a map with rules, conditions and a reason');
        const entry = item.toJSON();
        for (const key of Object.keys(entry)) {
            if (!KEYS.has(key))
                fail(`unknown key '${key}' (known: ${[...KEYS].join(', ')})`);
        }
        if (typeof entry.reason !== 'string' || entry.reason.trim() === '') {
            fail("'reason' is mandatory: say why this activity is expected");
        }
        const rules = stringList(entry.rules ?? '*', 'rules', fail);
        const tests = [];
        for (const condition of CONDITIONS) {
            if (entry[condition] === undefined)
                continue;
            tests.push(conditionTest(condition, stringList(entry[condition], condition, fail), fail));
        }
        const allRules = rules.includes('*');
        if (allRules && tests.length === 0)
            fail("an entry for every rule ('*') needs at least one condition");
        let expires;
        if (entry.expires !== undefined) {
            expires = String(entry.expires instanceof Date ? entry.expires.toISOString().slice(0, 10) : entry.expires);
            if (!/^\d{4}-\d{2}-\d{2}/.test(expires) || Number.isNaN(Date.parse(expires))) {
                fail(`'expires' must be a date such as 2027-01-31, not '${expires}'`);
            }
        }
        const compiled = {
            where,
            reason: entry.reason.trim(),
            expires,
            rules: allRules ? null : new Set(rules.map((r) => r.toLowerCase())),
            test: (subject) => tests.every((t) => t(subject)),
        };
        // An entry expires at the end of its `expires` day (UTC) when only a date is given.
        const end = /^\d{4}-\d{2}-\d{2}$/.test(expires ?? '')
            ? Date.parse(`${expires}T23:59:59.999Z`)
            : Date.parse(expires ?? '');
        if (expires !== undefined && end < now)
            allowlist.expired.push(compiled);
        else
            allowlist.entries.push(compiled);
    }
    return allowlist;
}
/** The first entry that suppresses this match of a single-event rule, if any. */
function suppressingEntry(allowlist, ruleId, record) {
    const subject = recordSubject(record);
    return entriesFor(allowlist, ruleId).find((e) => e.test(subject));
}
/**
 * The suppression of a finding made of several records (a correlation or first-seen finding): the first entry that
 * names its rule (or every rule) and whose conditions hold for every one of its events.
 */
function findingSuppression(allowlist, finding) {
    const subjects = finding.events.map(eventSubject);
    const entry = entriesFor(allowlist, finding.ruleId).find((e) => subjects.every((s) => e.test(s)));
    return entry ? { kind: 'allowlist', reason: entry.reason, entry: entry.where } : undefined;
}
/** Findings of several records split into those reported and those the allowlist suppresses. */
function applyToFindings(allowlist, findings) {
    if (!allowlist || allowlist.entries.length === 0)
        return { findings, suppressed: [] };
    const out = { findings: [], suppressed: [] };
    for (const finding of findings) {
        const suppression = findingSuppression(allowlist, finding);
        if (suppression)
            out.suppressed.push({ ...finding, suppression });
        else
            out.findings.push(finding);
    }
    return out;
}
function entriesFor(allowlist, ruleId) {
    const id = ruleId.toLowerCase();
    return allowlist.entries.filter((e) => e.rules === null || e.rules.has(id));
}
function recordSubject(r) {
    const identity = (r.userIdentity ?? {});
    const actor = actorOf(r);
    return {
        actor,
        ...(typeof identity.arn === 'string' && identity.arn !== actor ? { sessionArn: identity.arn } : {}),
        userAgent: r.userAgent,
        sourceIPAddress: r.sourceIPAddress,
        account: r.recipientAccountId,
        region: r.awsRegion,
        invokedBy: identity.invokedBy,
    };
}
/**
 * An event as findings list it has what a record gives the conditions: the actor, and (records/actor.ts) for an
 * assumed role `arn:P:iam::A:role/PATH/NAME/SESSION`, whose session ARN is `arn:P:sts::A:assumed-role/NAME/SESSION`.
 */
function eventSubject(e) {
    const role = /^arn:([^:]+):iam::(\d{12}):role\/(?:.*\/)?([^/]+)\/([^/]+)$/.exec(e.actor);
    return {
        actor: e.actor,
        ...(role ? { sessionArn: `arn:${role[1]}:sts::${role[2]}:assumed-role/${role[3]}/${role[4]}` } : {}),
        userAgent: e.userAgent,
        sourceIPAddress: e.sourceIPAddress,
        account: e.recipientAccountId,
        region: e.awsRegion,
        invokedBy: e.invokedBy,
    };
}
function stringList(value, key, fail) {
    const values = Array.isArray(value) ? value : [value];
    if (values.length === 0)
        fail(`'${key}' must not be empty`);
    return values.map((v) => {
        if (typeof v === 'number' && key === 'account')
            return String(v).padStart(12, '0');
        if (typeof v !== 'string' || v === '')
            fail(`'${key}' values must be non-empty strings`);
        return v;
    });
}
function conditionTest(condition, values, fail) {
    switch (condition) {
        case 'sourceIPAddress': {
            const ranges = values.map((v) => {
                try {
                    return v.includes('/')
                        ? ipaddr.parseCIDR(v)
                        : ipaddr.parseCIDR(`${v}/${ipaddr.parse(v).kind() === 'ipv4' ? 32 : 128}`);
                }
                catch {
                    return fail(`sourceIPAddress '${v}' is not an IP address or CIDR range`);
                }
            });
            return (s) => {
                const ip = typeof s.sourceIPAddress === 'string' ? s.sourceIPAddress : '';
                if (!ipaddr.isValid(ip))
                    return false;
                let address = ipaddr.parse(ip);
                if (address.kind() === 'ipv6' && address.isIPv4MappedAddress()) {
                    address = address.toIPv4Address();
                }
                return ranges.some(([net, bits]) => net.kind() === address.kind() && address.match(net, bits));
            };
        }
        case 'account':
            return (s) => values.includes(String(s.account ?? ''));
        default: {
            const patterns = values.map(globToRegExp);
            const matches = (value) => typeof value === 'string' && patterns.some((p) => p.test(value));
            if (condition === 'region')
                return (s) => matches(s.region);
            if (condition === 'userAgent')
                return (s) => matches(s.userAgent);
            if (condition === 'invokedBy')
                return (s) => matches(s.invokedBy);
            // Either the normalised actor (role ARN + session) or the raw session ARN (arn:aws:sts::...:assumed-role/...).
            return (s) => matches(s.actor) || matches(s.sessionArn);
        }
    }
}
/**
 * Checks that every rule an entry names is a rule of this run that can make findings: a typo, a rule that only
 * feeds correlations, or a Sigma UUID instead of the rule id would otherwise suppress nothing, silently.
 * `known`: every rule loaded, before exclusions and the minimum severity (an entry for an excluded rule is fine).
 */
function checkAllowlistRules(allowlist, known) {
    const byId = new Map(known.map((r) => [r.ruleId.toLowerCase(), r]));
    const ids = known.map((r) => r.ruleId);
    // Expired entries no longer apply: one naming a rule that has since gone away is left alone.
    for (const entry of allowlist.entries) {
        for (const id of entry.rules ?? []) {
            const rule = byId.get(id);
            if (rule && (rule.kind !== 'event' || makesFindings(rule)))
                continue;
            const fail = (message) => {
                throw new UsageError(`allowlist ${entry.where}: ${message}`);
            };
            if (rule) {
                const feeds = known.filter((c) => c.kind === 'correlation' && c.rules.some((r) => r === rule.ruleId || r === rule.uuid));
                fail(`rule '${rule.ruleId}' makes no findings of its own: it only feeds ` +
                    (feeds.length
                        ? `the correlation${feeds.length > 1 ? 's' : ''} ${feeds.map((c) => `'${c.ruleId}'`).join(', ')}; name ${feeds.length > 1 ? 'one of those' : 'that'} instead`
                        : 'correlations'));
            }
            const byUuid = known.find((r) => r.uuid?.toLowerCase() === id);
            if (byUuid)
                fail(`'${id}' is the Sigma id of rule '${byUuid.ruleId}': name rules by their rule id`);
            const guess = closest(id, ids);
            fail(`no rule has the id '${id}'${guess ? ` (did you mean '${guess}'?)` : ''}; ` +
                "`cloudtrail-audit rules list` lists the rules' ids");
        }
    }
}


/***/ }),

/***/ 8896:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Y: () => (/* binding */ detach)
/* harmony export */ });
/**
 * A copy of a string that holds no reference to a bigger one. V8 makes the strings JSON.parse returns, and those
 * `slice` returns, views into the text they come from: keeping a 40-character ARN of a record then keeps the whole
 * record's text (or the whole log file's) alive. What outlives its record (a finding's events, group values,
 * correlation and first-seen keys) is detached first, so memory holds what is kept, not the texts it came from.
 */
function detach(text) {
    // Short strings are copied by V8 anyway; for longer ones, concatenating and slicing makes a fresh string.
    return text.length < 13 ? text : (' ' + text).slice(1);
}


/***/ }),

/***/ 7568:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   N: () => (/* binding */ notOneOf),
/* harmony export */   k: () => (/* binding */ closest)
/* harmony export */ });
/** The choice a mistyped name was probably meant to be: at most two edits away (case ignored), else undefined. */
function closest(text, choices) {
    if (text.length > 100)
        return undefined;
    const lower = text.toLowerCase();
    let best;
    let bestDistance = Infinity;
    for (const choice of choices) {
        const distance = editDistance(lower, choice.toLowerCase());
        if (distance < bestDistance)
            [best, bestDistance] = [choice, distance];
    }
    return bestDistance <= 2 ? best : undefined;
}
function editDistance(a, b) {
    const row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        let previous = row[0];
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const current = row[j];
            row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
            previous = current;
        }
    }
    return row[b.length];
}
/** "'hgih' is not one of low, high; did you mean 'high'?": the message for a value outside a fixed list. */
function notOneOf(text, choices) {
    const close = closest(text, choices);
    return `'${text}' is not one of ${choices.join(', ')}${close ? `; did you mean '${close}'?` : ''}`;
}


/***/ }),

/***/ 4296:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   e: () => (/* binding */ UsageError)
/* harmony export */ });
/* unused harmony export UserError */
/**
 * A problem the user can fix (a bad flag or input, a missing permission, an unreadable rule or source): its message
 * names what is wrong and the fix, and the shells show it as it is, without a stack trace.
 */
class UserError extends Error {
    constructor(message) {
        super(message);
        this.name = new.target.name;
    }
}
/** A flag, input or option value that cannot be used. */
class UsageError extends UserError {
}


/***/ }),

/***/ 1227:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   q: () => (/* binding */ silentLogger)
/* harmony export */ });
const silentLogger = { info() { }, warning() { }, debug() { } };


/***/ }),

/***/ 432:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   _Z: () => (/* binding */ isSeverity),
/* harmony export */   oC: () => (/* binding */ SEVERITIES),
/* harmony export */   qs: () => (/* binding */ severityRank)
/* harmony export */ });
/* unused harmony export SEVERITY_ICON */
/** Finding and rule levels, Sigma's scale, lowest first. */
const SEVERITIES = ['informational', 'low', 'medium', 'high', 'critical'];
function severityRank(severity) {
    return SEVERITIES.indexOf(severity);
}
function isSeverity(value) {
    return typeof value === 'string' && SEVERITIES.includes(value);
}
/** How Markdown reports mark a severity. */
const SEVERITY_ICON = {
    critical: '🟥',
    high: '🟧',
    medium: '🟨',
    low: '🟦',
    informational: '⬜',
};


/***/ }),

/***/ 8410:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   MW: () => (/* binding */ findingEvent),
/* harmony export */   Tc: () => (/* binding */ sortFindings),
/* harmony export */   UN: () => (/* binding */ buildFinding),
/* harmony export */   ax: () => (/* binding */ fingerprintOf)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _core_detach_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(8896);
/* harmony import */ var _core_severity_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(432);
/* harmony import */ var _records_actor_js__WEBPACK_IMPORTED_MODULE_5__ = __nccwpck_require__(7487);
/* harmony import */ var _rules_fields_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(8162);
/* harmony import */ var _events_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(5797);
/* harmony import */ var _order_js__WEBPACK_IMPORTED_MODULE_6__ = __nccwpck_require__(1310);
/**
 * The one place findings are made, whatever engine found them (single-event rules, correlations, first-seen rules):
 * a matching record reduced to the event a finding lists, the fingerprint issues are tracked by, the finding itself,
 * and the order findings are reported in.
 */








/** A matching record as findings list it: the contract's fields, and the values of the rule's `fields`. */
function findingEvent(record, fields) {
    // Detached: a finding keeps its events long after the record's text is gone (core/detach.ts).
    const event = {
        eventID: text(record.eventID),
        eventTime: (0,_core_detach_js__WEBPACK_IMPORTED_MODULE_4__/* .detach */ .Y)(record.eventTime),
        eventSource: text(record.eventSource),
        eventName: (0,_core_detach_js__WEBPACK_IMPORTED_MODULE_4__/* .detach */ .Y)(record.eventName),
        awsRegion: text(record.awsRegion),
        recipientAccountId: text(record.recipientAccountId),
        actor: (0,_core_detach_js__WEBPACK_IMPORTED_MODULE_4__/* .detach */ .Y)((0,_records_actor_js__WEBPACK_IMPORTED_MODULE_5__/* .actorOf */ .d)(record)),
        sourceIPAddress: text(record.sourceIPAddress),
        userAgent: text(record.userAgent),
    };
    if (typeof record.errorCode === 'string')
        event.errorCode = (0,_core_detach_js__WEBPACK_IMPORTED_MODULE_4__/* .detach */ .Y)(record.errorCode);
    const invokedBy = record.userIdentity?.invokedBy;
    if (typeof invokedBy === 'string' && invokedBy !== '')
        event.invokedBy = (0,_core_detach_js__WEBPACK_IMPORTED_MODULE_4__/* .detach */ .Y)(invokedBy);
    const details = {};
    for (const field of fields) {
        const value = (0,_rules_fields_js__WEBPACK_IMPORTED_MODULE_2__/* .fieldText */ .g)(record, field);
        if (value !== undefined)
            details[field] = (0,_core_detach_js__WEBPACK_IMPORTED_MODULE_4__/* .detach */ .Y)(value);
    }
    if (Object.keys(details).length > 0)
        event.details = details;
    return event;
}
/**
 * The key a finding is tracked by across runs (its GitHub issue's marker): a hash of the rule id and the values that
 * make its group. Stable: changing how it is computed would open every tracked issue again.
 */
function fingerprintOf(parts) {
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
}
/**
 * A finding of `rule` over `events` (sorted here, oldest first, ties by eventID), given in memory or as a list that
 * keeps the oldest and newest in memory and spills the rest (events.ts). There must be at least one event.
 */
function buildFinding(rule, fingerprint, group, given, suppression) {
    const events = Array.isArray(given) ? given.sort(_order_js__WEBPACK_IMPORTED_MODULE_6__/* .compareEvents */ .H) : (0,_events_js__WEBPACK_IMPORTED_MODULE_3__/* .keptEvents */ .OC)(given);
    const count = Array.isArray(given) ? given.length : given.count;
    return {
        ruleId: rule.ruleId,
        title: rule.title,
        severity: rule.level,
        fingerprint,
        firstSeen: events[0].eventTime,
        lastSeen: events[events.length - 1].eventTime,
        count,
        author: rule.author,
        attack: rule.attack,
        group,
        events,
        ...(suppression ? { suppression } : {}),
    };
}
/** Findings of every kind in one order: most severe first, then oldest, then by rule and fingerprint. */
function sortFindings(findings) {
    return findings.sort((a, b) => (0,_core_severity_js__WEBPACK_IMPORTED_MODULE_1__/* .severityRank */ .qs)(b.severity) - (0,_core_severity_js__WEBPACK_IMPORTED_MODULE_1__/* .severityRank */ .qs)(a.severity) ||
        (0,_order_js__WEBPACK_IMPORTED_MODULE_6__/* .compare */ .U)(a.firstSeen, b.firstSeen) ||
        (0,_order_js__WEBPACK_IMPORTED_MODULE_6__/* .compare */ .U)(a.ruleId, b.ruleId) ||
        (0,_order_js__WEBPACK_IMPORTED_MODULE_6__/* .compare */ .U)(a.fingerprint, b.fingerprint));
}
function text(value) {
    return typeof value === 'string'
        ? (0,_core_detach_js__WEBPACK_IMPORTED_MODULE_4__/* .detach */ .Y)(value)
        : value === undefined || value === null
            ? ''
            : String(value);
}


/***/ }),

/***/ 5797:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   OC: () => (/* binding */ keptEvents),
/* harmony export */   zO: () => (/* binding */ withBoundedEvents)
/* harmony export */ });
/* unused harmony exports DEFAULT_FINDING_EVENT_BOUNDS, EventSpill, FindingEventList, eventsOf, hasSpilledEvents, eventIdsOf */
/* harmony import */ var _spill_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(9460);
/* harmony import */ var _order_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(1310);
/* harmony import */ var _core_detach_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(8896);



const DEFAULT_FINDING_EVENT_BOUNDS = { kept: 50, batch: 4096, total: 8192 };
/**
 * An event of a list, in memory or read back from the spill. A class, not an object literal: V8 watches the objects
 * of each literal and, once most of them outlive a young-generation collection (as the thousands spillPending sorts
 * at once do), makes every later one in the old generation (pretenuring); each Held read back while merging a
 * finding's runs would then keep its line, and the 16 kB text it was read with, until a full collection. Objects of
 * a class are not pretenured. (Before: some 1M-event scans with the SigmaHQ rules grew the main heap from 54 MB live
 * to 240 MB between full collections while folding and writing, and peaked at 370-390 MiB.)
 */
class Held {
    time;
    id;
    seq;
    event;
    line;
    eventAt;
    constructor(
    /** The event's eventTime and eventID: its place in the order (compareHeld), read from a line without parsing it. */
    time, id, 
    /** Arrival order in the list: breaks ties of eventTime and eventID as a stable sort would. */
    seq, 
    /** The event; read back from `line` (after `eventAt`) only when it is asked for. */
    event, 
    /** Its spill line, once made: `seq`, eventTime and eventID as JSON, the event as JSON, separated by tabs. */
    line, eventAt) {
        this.time = time;
        this.id = id;
        this.seq = seq;
        this.event = event;
        this.line = line;
        this.eventAt = eventAt;
    }
}
/** The spill of one scan: where its findings' events beyond the kept ones go, and what waits to go there. */
class EventSpill {
    bounds;
    file = new SpillFile();
    /** @internal where the lists' waiting lines are held. */
    chunks = new ChunkPool();
    pending = 0;
    waiting = new Set();
    constructor(bounds = DEFAULT_FINDING_EVENT_BOUNDS) {
        this.bounds = bounds;
    }
    /** Removes the spill file: the findings' full event lists can no longer be read. */
    release() {
        this.file.release();
    }
    /** @internal `list` has `n` more events waiting (fewer, after it spilled them). */
    gathered(list, n) {
        this.pending += n;
        if (list.pendingCount > 0)
            this.waiting.add(list);
        else
            this.waiting.delete(list);
        if (this.pending <= this.bounds.total)
            return;
        const biggest = [...this.waiting].sort((a, b) => b.pendingCount - a.pendingCount);
        for (const other of biggest) {
            if (this.pending <= this.bounds.total / 2)
                break;
            other.spillPending();
        }
    }
}
const lists = new WeakMap();
class FindingEventList {
    spill;
    /** Events added. */
    count = 0;
    /** The first events, while there are at most 2 × kept (then all of them are kept). */
    early = [];
    /** Events waiting to be spilled, as spill lines. */
    waiting;
    /** Of the events waiting (early and lines), those the spill counts (all once the list holds more than 2 × kept). */
    counted = 0;
    /** After the first spill: the oldest and the newest `kept`, sorted. */
    head = [];
    tail = [];
    runs = [];
    /** Events kept at each end. */
    keep;
    constructor(spill) {
        this.spill = spill;
        this.keep = spill.bounds.kept;
        this.waiting = new _spill_js__WEBPACK_IMPORTED_MODULE_0__/* .WaitingLines */ .db(spill.chunks);
    }
    get pendingCount() {
        return this.early.length + this.waiting.length;
    }
    add(event) {
        const seq = this.count++;
        if (this.count <= 2 * this.keep) {
            this.early.push(held(event, seq));
            return;
        }
        this.waiting.push(lineOf(held(event, seq)));
        this.spill.gathered(this, this.pendingCount - this.counted);
        this.counted = this.pendingCount;
        if (this.pendingCount >= this.spill.bounds.batch)
            this.spillPending();
    }
    /** The events kept in memory, oldest first: every one while there are at most 2 × kept. */
    kept() {
        if (this.count > 2 * this.keep)
            this.spillPending();
        const held = this.count > 2 * this.keep ? [...this.head, ...this.tail] : [...this.early].sort(compareHeld);
        return held.map(eventOf);
    }
    /** Every event, oldest first (the spilled ones read back from the spill file). */
    *all() {
        for (const h of this.held())
            yield eventOf(h);
    }
    /** Every event's eventID, in the order of all(), without reading the events back whole. */
    *ids() {
        // Detached: an id read from the spill is a view of the text read with it (16 kB), and callers keep some.
        for (const h of this.held())
            yield (0,_core_detach_js__WEBPACK_IMPORTED_MODULE_1__/* .detach */ .Y)(h.id);
    }
    *held() {
        if (this.count <= 2 * this.keep) {
            yield* [...this.early].sort(compareHeld);
            return;
        }
        this.spillPending();
        // Narrowed once: the findings' events are read more than once (folding, then the findings file).
        this.runs = this.spill.file.narrowed(this.runs, readHeld, compareHeld);
        const merged = this.spill.file.merged(this.runs, readHeld, compareHeld);
        // The kept ones bound the spilled ones: the head comes before every spilled event, the tail after.
        yield* this.head;
        yield* merged;
        yield* this.tail;
    }
    /** @internal sorts what waits with the kept ends, keeps the new ends and writes the middle as one run. */
    spillPending() {
        if (this.pendingCount === 0 || this.count <= 2 * this.keep)
            return;
        const all = [...this.head, ...this.early, ...this.waiting.take().map(readHeld), ...this.tail].sort(compareHeld);
        this.early = [];
        this.head = all.slice(0, this.keep);
        this.tail = all.slice(all.length - this.keep);
        const middle = all.slice(this.keep, all.length - this.keep);
        if (middle.length > 0)
            this.runs.push(this.spill.file.appendRun(middle.map(lineOf)));
        this.spill.gathered(this, -this.counted);
        this.counted = 0;
    }
}
/**
 * Every event of a finding, oldest first: those kept in memory, or, for a finding with more, all of them read back
 * from the spill (as long as the scan's spill is not released).
 */
function eventsOf(finding) {
    const list = lists.get(finding.events);
    return list ? list.all() : finding.events;
}
/** Whether a finding holds fewer events in memory than it has (see eventsOf). */
function hasSpilledEvents(finding) {
    return lists.has(finding.events) && finding.count > finding.events.length;
}
/** The kept events of a list, remembered as the way to all of them (eventsOf). */
function keptEvents(list) {
    const kept = list.kept();
    if (list.count > kept.length)
        lists.set(kept, list);
    return kept;
}
/**
 * A finding built with its events in memory, with only the kept ones left there when it has more: the analyzers'
 * findings (their events are held by the engines until the scan ends; the result keeps no more than the reports need).
 */
function withBoundedEvents(finding, spill) {
    if (finding.events.length <= 2 * spill.bounds.kept)
        return finding;
    const list = new FindingEventList(spill);
    for (const event of finding.events)
        list.add(event);
    return { ...finding, events: keptEvents(list) };
}
/**
 * The eventIDs of every event of a finding, in the order of eventsOf: for a finding with more events than it keeps
 * in memory, read from the spill without reading the events themselves.
 */
function eventIdsOf(finding) {
    const list = lists.get(finding.events);
    return list ? list.ids() : finding.events.map((e) => e.eventID);
}
function held(event, seq) {
    return new Held(event.eventTime, event.eventID, seq, event, '', 0);
}
function eventOf(h) {
    return (h.event ??= JSON.parse(h.line.slice(h.eventAt)));
}
function compareHeld(a, b) {
    return (0,_order_js__WEBPACK_IMPORTED_MODULE_2__/* .compare */ .U)(a.time, b.time) || (0,_order_js__WEBPACK_IMPORTED_MODULE_2__/* .compare */ .U)(a.id, b.id) || a.seq - b.seq;
}
function lineOf(h) {
    // JSON text holds no tab (JSON.stringify escapes control characters): the fields split on the first three.
    return (h.line ||= `${h.seq}\t${JSON.stringify(h.time)}\t${JSON.stringify(h.id)}\t${JSON.stringify(h.event)}`);
}
function readHeld(line) {
    const a = line.indexOf('\t');
    const b = line.indexOf('\t', a + 1);
    const c = line.indexOf('\t', b + 1);
    return new Held(stringAt(line, a + 1, b), stringAt(line, b + 1, c), Number(line.slice(0, a)), undefined, line, c + 1);
}
/** The JSON string at line[from, to): most need no unescaping. */
function stringAt(line, from, to) {
    const quoted = line.slice(from, to);
    return quoted.includes('\\') ? JSON.parse(quoted) : quoted.slice(1, -1);
}


/***/ }),

/***/ 1310:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   H: () => (/* binding */ compareEvents),
/* harmony export */   U: () => (/* binding */ compare)
/* harmony export */ });
function compareEvents(a, b) {
    return compare(a.eventTime, b.eventTime) || compare(a.eventID, b.eventID);
}
function compare(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}


/***/ }),

/***/ 9460:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   b: () => (/* binding */ SpillFile),
/* harmony export */   db: () => (/* binding */ WaitingLines)
/* harmony export */ });
/* unused harmony exports MAX_MERGE_WIDTH, ChunkPool, mergeSorted */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_string_decoder__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(6193);
/* harmony import */ var node_string_decoder__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__nccwpck_require__.n(node_string_decoder__WEBPACK_IMPORTED_MODULE_3__);
/**
 * What must not stay in memory however big the scan (the events of a finding beyond the few the reports show, the
 * lines of a timeline of every event), kept in a temporary file as sorted runs of text lines and read back merged,
 * in order: an external merge sort.
 *
 * The file is created on the first run, in the system's temporary folder, and removed by release() or when the
 * process exits. Lines never hold a line feed (JSON text escapes it).
 */




/** Bytes read at once from a run, written at once, and of one buffer of waiting lines. */
const CHUNK = 16 * 1024;
/** Runs merged at once (each has a read buffer); more are merged in passes, into runs of their own. */
const MAX_MERGE_WIDTH = 64;
/**
 * Buffers of CHUNK bytes outside the JavaScript heap, handed to lists of waiting lines and taken back when
 * they are done: as many buffers as were ever in use at once.
 */
class ChunkPool {
    free = [];
    get() {
        return this.free.pop() ?? Buffer.allocUnsafeSlow(CHUNK);
    }
    put(chunks) {
        this.free.push(...chunks);
    }
}
/**
 * Lines waiting for a run, held in buffers from a pool (a longer line as text): lines that wait for thousands of
 * others would reach V8's old generation as strings, which it collects late, so that the heap would grow by every
 * line written before a full collection.
 */
class WaitingLines {
    pool;
    chunks = [];
    /** Bytes used in the last chunk. */
    used = CHUNK;
    /** Per line: where it starts and ends (chunk index × CHUNK + offset), or a start of -1 - i for the i-th long line. */
    starts = [];
    ends = [];
    long = [];
    constructor(pool) {
        this.pool = pool;
    }
    get length() {
        return this.starts.length;
    }
    push(line) {
        const bytes = Buffer.byteLength(line, 'utf8');
        if (bytes > CHUNK) {
            this.starts.push(-1 - this.long.length);
            this.ends.push(0);
            this.long.push(line);
            return;
        }
        if (this.used + bytes > CHUNK) {
            this.chunks.push(this.pool.get());
            this.used = 0;
        }
        const base = (this.chunks.length - 1) * CHUNK;
        this.starts.push(base + this.used);
        this.used += this.chunks[this.chunks.length - 1].write(line, this.used, 'utf8');
        this.ends.push(base + this.used);
    }
    /** Line i. */
    line(i) {
        const start = this.starts[i];
        if (start < 0)
            return this.long[-1 - start];
        const chunk = Math.floor(start / CHUNK);
        const base = chunk * CHUNK;
        return this.chunks[chunk].toString('utf8', start - base, this.ends[i] - base);
    }
    /** The lines, in order; the buffers go back to the pool. */
    take() {
        const lines = this.starts.map((_, i) => this.line(i));
        this.clear();
        return lines;
    }
    /** Forgets the lines; the buffers go back to the pool. */
    clear() {
        this.pool.put(this.chunks);
        this.chunks = [];
        this.used = CHUNK;
        this.starts = [];
        this.ends = [];
        this.long = [];
    }
}
const live = new Set();
let exitHook = false;
class SpillFile {
    fd;
    dir;
    end = 0;
    /**
     * Buffers for reading runs, reused: a merge reads dozens of runs at once, and buffers made for each read would be
     * memory outside the heap that V8 gives back only when it collects their (long-lived) wrappers.
     */
    readBuffers = [];
    writeBuffer;
    /** Bytes written so far. */
    get size() {
        return this.end;
    }
    /** Appends one run (lines in the order they are to be read back). */
    appendRun(lines) {
        const offset = this.end;
        const buffer = (this.writeBuffer ??= Buffer.allocUnsafeSlow(CHUNK));
        let used = 0;
        let count = 0;
        for (const line of lines) {
            count++;
            const bytes = Buffer.byteLength(line, 'utf8') + 1;
            if (used + bytes > CHUNK) {
                this.append(buffer, used);
                used = 0;
            }
            if (bytes > CHUNK)
                this.append(Buffer.from(line + '\n', 'utf8'), bytes);
            else
                used += buffer.write(line + '\n', used, 'utf8');
        }
        this.append(buffer, used);
        return { offset, bytes: this.end - offset, count };
    }
    /** Appends the first `length` bytes of `data` (whole lines, each ending with a line feed). */
    append(data, length) {
        const fd = this.open();
        let written = 0;
        while (written < length)
            written += (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeSync)(fd, data, written, length - written, this.end + written);
        this.end += length;
    }
    /** Reads up to `length` bytes from `position` of the file into `buffer` at `at`; the bytes read. */
    readAt(buffer, at, length, position) {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readSync)(this.open(), buffer, at, length, position);
    }
    /** The lines of a run, read a chunk at a time. */
    *readRun(run) {
        if (run.count === 0)
            return;
        const fd = this.open();
        const buffer = this.readBuffers.pop() ?? Buffer.allocUnsafeSlow(CHUNK);
        try {
            const decoder = new node_string_decoder__WEBPACK_IMPORTED_MODULE_3__.StringDecoder('utf8');
            let position = run.offset;
            let left = run.bytes;
            let carry = '';
            while (left > 0) {
                const read = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readSync)(fd, buffer, 0, Math.min(buffer.length, left), position);
                if (read <= 0)
                    throw new Error(`spill file: ${left} bytes missing at ${position}`);
                position += read;
                left -= read;
                const text = carry + decoder.write(buffer.subarray(0, read));
                const lines = text.split('\n');
                carry = lines.pop();
                yield* lines;
            }
            const rest = carry + decoder.end();
            if (rest !== '')
                yield rest;
        }
        finally {
            this.readBuffers.push(buffer);
        }
    }
    /**
     * Every line of the runs, read as items (`read`), merged in the order of `compare` (each run sorted by it; ties by
     * run order). Merges MAX_MERGE_WIDTH runs at a time: beyond, earlier passes write merged runs to the file first
     * (narrowed: a caller that reads the same runs again keeps those instead).
     */
    *merged(runs, read, compare) {
        yield* mergeSorted(this.narrowed(runs, read, compare).map((run) => this.items(run, read)), compare);
    }
    /** The same lines in at most MAX_MERGE_WIDTH runs, in the same merged order: groups merged into runs of their own. */
    narrowed(runs, read, compare) {
        let pending = [...runs];
        while (pending.length > MAX_MERGE_WIDTH) {
            const next = [];
            for (let i = 0; i < pending.length; i += MAX_MERGE_WIDTH) {
                const group = pending.slice(i, i + MAX_MERGE_WIDTH);
                next.push(group.length === 1 ? group[0] : this.writeMerged(group, read, compare));
            }
            pending = next;
        }
        return pending;
    }
    *items(run, read) {
        for (const line of this.readRun(run))
            yield read(line);
    }
    /** Removes the file (later use starts a new one). */
    release() {
        if (this.fd !== undefined) {
            try {
                (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync)(this.fd);
            }
            catch {
                // already closed
            }
        }
        if (this.dir !== undefined)
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync)(this.dir, { recursive: true, force: true });
        this.fd = undefined;
        this.dir = undefined;
        this.end = 0;
        live.delete(this);
    }
    /** The runs merged into one run of their own, written as they are merged (no line waits for others). */
    writeMerged(runs, read, compare) {
        const merged = mergeSorted(runs.map((run) => this.items(run, read)), compare);
        return this.appendRun((function* () {
            for (const item of merged)
                yield item.line;
        })());
    }
    open() {
        if (this.fd !== undefined)
            return this.fd;
        this.dir = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdtempSync)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)((0,node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir)(), 'cloudtrail-audit-'));
        this.fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.openSync)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(this.dir, 'spill'), 'w+');
        live.add(this);
        if (!exitHook) {
            exitHook = true;
            process.on('exit', () => {
                for (const file of [...live])
                    file.release();
            });
        }
        return this.fd;
    }
}
/** The items of sorted sources, merged in order (ties: the earlier source first). */
function* mergeSorted(sources, compare) {
    // A binary heap of source indexes, by each source's current item; the index breaks ties, which keeps the merge
    // stable. Nothing is allocated per item (an object per item, long-lived in a wide merge, is what V8 pretenures:
    // see Held in events.ts).
    const heads = [];
    const heap = [];
    const less = (a, b) => {
        const c = compare(heads[a], heads[b]);
        return c < 0 || (c === 0 && a < b);
    };
    const down = (from) => {
        for (let i = from;;) {
            const l = 2 * i + 1;
            const r = l + 1;
            let smallest = i;
            if (l < heap.length && less(heap[l], heap[smallest]))
                smallest = l;
            if (r < heap.length && less(heap[r], heap[smallest]))
                smallest = r;
            if (smallest === i)
                return;
            [heap[i], heap[smallest]] = [heap[smallest], heap[i]];
            i = smallest;
        }
    };
    sources.forEach((source, s) => {
        const first = source.next();
        if (first.done)
            return;
        heads[s] = first.value;
        heap.push(s);
    });
    for (let i = (heap.length >> 1) - 1; i >= 0; i--)
        down(i);
    while (heap.length > 0) {
        const s = heap[0];
        yield heads[s];
        // The source's next item takes its place at the top (it sorts after the one it replaces, so it only sinks).
        const next = sources[s].next();
        if (next.done) {
            heads[s] = undefined;
            const last = heap.pop();
            if (heap.length === 0)
                break;
            heap[0] = last;
        }
        else
            heads[s] = next.value;
        down(0);
    }
}


/***/ }),

/***/ 9406:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  E: () => (/* binding */ Analyzers)
});

// EXTERNAL MODULE: ./src/allowlist/allowlist.ts
var allowlist_allowlist = __nccwpck_require__(500);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
// EXTERNAL MODULE: ./src/findings/build.ts
var build = __nccwpck_require__(8410);
// EXTERNAL MODULE: ./src/findings/spill.ts
var spill = __nccwpck_require__(9460);
;// CONCATENATED MODULE: ./src/findings/disk-store.ts
/**
 * Values kept on disk until they are needed: the analyzers hold the events (and key values) of every first-seen key
 * and correlation group that could still make a finding, far more than the findings list in the end. Each value is
 * one line of JSON in a temporary file (spill.ts); memory keeps only where it starts (its reference, a number) and a
 * buffer of lines waiting to be written, outside the JavaScript heap (strings waiting there would live long enough
 * to reach V8's old generation, which is collected late). The file is removed by release() or when the process
 * exits.
 */

/** Bytes of lines gathered before they are written. */
const WRITE_BUFFER = 256 * 1024;
/** Bytes read at first for one value (more when its line is longer). */
const READ_GUESS = 2048;
class DiskStore {
    file = new spill/* SpillFile */.b();
    waiting;
    waitingBytes = 0;
    buffer;
    stored = 0;
    /** Values stored so far. */
    get count() {
        return this.stored;
    }
    /** Bytes stored so far. */
    get bytes() {
        return this.file.size + this.waitingBytes;
    }
    add(value) {
        const line = JSON.stringify(value) + '\n';
        const bytes = Buffer.byteLength(line, 'utf8');
        if (this.waitingBytes + bytes > WRITE_BUFFER)
            this.flush();
        const ref = this.bytes;
        this.stored++;
        if (bytes > WRITE_BUFFER) {
            this.file.append(Buffer.from(line, 'utf8'), bytes);
            return ref;
        }
        this.waiting ??= Buffer.allocUnsafeSlow(WRITE_BUFFER);
        this.waitingBytes += this.waiting.write(line, this.waitingBytes, 'utf8');
        return ref;
    }
    /** The value stored at `ref`. */
    get(ref) {
        this.flush();
        return JSON.parse(this.lineAt(ref));
    }
    /** The values stored at `refs`, in that order. */
    read(refs) {
        return refs.map((ref) => this.get(ref));
    }
    /** Removes the file: the values stored can no longer be read. */
    release() {
        this.waiting = undefined;
        this.waitingBytes = 0;
        this.buffer = undefined;
        this.file.release();
    }
    flush() {
        if (this.waitingBytes === 0)
            return;
        this.file.append(this.waiting, this.waitingBytes);
        this.waitingBytes = 0;
    }
    lineAt(ref) {
        let buffer = (this.buffer ??= Buffer.allocUnsafe(READ_GUESS));
        let length = 0;
        for (;;) {
            const read = this.file.readAt(buffer, length, buffer.length - length, ref + length);
            const end = buffer.indexOf(0x0a, length);
            if (end !== -1 && end < length + read)
                return buffer.toString('utf8', 0, end);
            if (read === 0)
                throw new Error(`disk store: nothing stored at ${ref}`);
            length += read;
            if (length === buffer.length) {
                const bigger = Buffer.allocUnsafe(buffer.length * 2);
                buffer.copy(bigger, 0, 0, length);
                buffer = this.buffer = bigger;
            }
        }
    }
}

// EXTERNAL MODULE: ./src/findings/order.ts
var order = __nccwpck_require__(1310);
;// CONCATENATED MODULE: ./src/correlate/state.ts
const STATE_VERSION = 2;
const MAX_CARRIED_PER_GROUP = 2_000;
const MAX_CARRIED_TOTAL = 50_000;
function encodeCorrelationState(correlations) {
    for (const correlation of correlations) {
        for (const group of correlation.groups) {
            // Newest kept: they are the ones later windows can still complete.
            if (group.events.length > MAX_CARRIED_PER_GROUP)
                group.events = [...group.events].sort((a, b) => a.time - b.time).slice(-MAX_CARRIED_PER_GROUP);
        }
    }
    const all = correlations.flatMap((c) => c.groups.flatMap((g) => g.events.map((e) => e.time)));
    if (all.length > MAX_CARRIED_TOTAL) {
        const cutoff = all.sort((a, b) => b - a)[MAX_CARRIED_TOTAL - 1];
        for (const c of correlations)
            for (const g of c.groups)
                g.events = g.events.filter((e) => e.time >= cutoff);
    }
    return { version: STATE_VERSION, correlations };
}
/** The carried correlations, or a warning saying why the section cannot be used (the run then starts afresh). */
function decodeCorrelationState(section) {
    if (section === undefined || section === null)
        return [];
    const bad = (why) => `correlation state ignored (${why}); correlation windows start afresh`;
    if (!isObject(section))
        return bad('not an object');
    if (section.version !== STATE_VERSION && section.version !== 1)
        return bad(`unknown version ${JSON.stringify(section.version)}`);
    if (!Array.isArray(section.correlations))
        return bad('no list of correlations');
    const out = [];
    for (const [i, c] of section.correlations.entries()) {
        const where = `correlation ${i + 1}`;
        if (!isObject(c) ||
            typeof c.ruleId !== 'string' ||
            !isNumber(c.timespanMs) ||
            !isNumber(c.horizon) ||
            !isStringList(c.rules) ||
            !Array.isArray(c.groups))
            return bad(`${where} is malformed`);
        const groups = [];
        for (const g of c.groups) {
            const group = section.version === 1 ? versionOneGroup(g) : versionTwoGroup(g);
            if (typeof group === 'string')
                return bad(`${group} of ${c.ruleId}`);
            groups.push(group);
        }
        out.push({ ruleId: c.ruleId, timespanMs: c.timespanMs, rules: c.rules, horizon: c.horizon, groups });
    }
    return out;
}
function versionTwoGroup(g) {
    if (!isObject(g) || !isStringList(g.key) || !Array.isArray(g.events) || !Array.isArray(g.open))
        return 'a group';
    if (!g.events.every(isCarriedEvent))
        return 'carried events';
    if (!g.open.every((o) => isObject(o) && isNumber(o.until) && isNumber(o.by)))
        return 'open instances';
    return { key: g.key, events: g.events, open: g.open };
}
/**
 * Version 1: `pending` events (undecided), `reported` [id, time] pairs and an `openUntil`, all decided by the run
 * that wrote it: as version 2, decided by a run before any later window (`reportedBy`, `by`: 0).
 */
function versionOneGroup(g) {
    if (!isObject(g) || !isStringList(g.key) || !Array.isArray(g.reported) || !Array.isArray(g.pending))
        return 'a group';
    if (g.openUntil !== undefined && !isNumber(g.openUntil))
        return 'a group';
    if (!g.reported.every((r) => Array.isArray(r) && typeof r[0] === 'string' && isNumber(r[1])))
        return 'reported events';
    if (!g.pending.every(isCarriedEvent))
        return 'pending events';
    const reported = g.reported.map(([id, time]) => ({
        id,
        time,
        rules: [],
        values: [],
        reportedBy: 0,
    }));
    return {
        key: g.key,
        events: [...g.pending, ...reported],
        open: g.openUntil !== undefined ? [{ until: g.openUntil, by: 0 }] : [],
    };
}
function isCarriedEvent(value) {
    if (!isObject(value))
        return false;
    const e = value.event;
    if (typeof value.id !== 'string' ||
        !isNumber(value.time) ||
        !isStringList(value.rules) ||
        !isStringList(value.values) ||
        (value.reportedBy !== undefined && !isNumber(value.reportedBy)))
        return false;
    if (e === undefined)
        return value.reportedBy !== undefined;
    return (isObject(e) &&
        typeof e.eventID === 'string' &&
        typeof e.eventTime === 'string' &&
        typeof e.eventName === 'string');
}
function isObject(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
}
function isNumber(value) {
    return typeof value === 'number' && Number.isFinite(value);
}
function isStringList(value) {
    return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

// EXTERNAL MODULE: ./src/core/detach.ts
var detach = __nccwpck_require__(8896);
// EXTERNAL MODULE: ./src/records/actor.ts
var actor = __nccwpck_require__(7487);
// EXTERNAL MODULE: ./src/rules/field-path.ts
var field_path = __nccwpck_require__(2703);
;// CONCATENATED MODULE: ./src/correlate/values.ts



const paths = new Map();
/** An event whose group-by fields hold long arrays joins at most this many groups. */
const MAX_GROUPS_PER_EVENT = 64;
/**
 * Every value a field path reaches, one per array item, as text (the walk of rules/field-path.ts). A group-by
 * field that holds an array (`requestParameters.instancesSet.items.instanceId`) thus yields one value per
 * instance, and the event counts in each instance's group; records/fields.ts would join them into one string.
 */
function fieldValues(record, path) {
    if (path === 'actor')
        return [(0,detach/* detach */.Y)((0,actor/* actorOf */.d)(record))];
    let compiled = paths.get(path);
    if (!compiled) {
        compiled = (0,field_path/* compileFieldPath */.V)(path);
        paths.set(path, compiled);
    }
    const values = new Set();
    compiled.some(record, (value) => {
        if (value !== undefined && value !== null)
            values.add(typeof value === 'string' ? (0,detach/* detach */.Y)(value) : JSON.stringify(value));
        return false;
    });
    return [...values];
}
/** The group keys an event belongs to: one per combination of its group-by values (absent → ''). */
function groupKeys(record, fields) {
    let keys = [[]];
    for (const field of fields) {
        const values = fieldValues(record, field);
        const choices = values.length === 0 ? [''] : values;
        const next = [];
        for (const key of keys) {
            for (const value of choices) {
                if (next.length >= MAX_GROUPS_PER_EVENT)
                    break;
                next.push([...key, value]);
            }
        }
        keys = next;
    }
    return keys;
}

;// CONCATENATED MODULE: ./src/rules/correlation.ts
function conditionHolds(condition, count) {
    if (condition.gt !== undefined && !(count > condition.gt))
        return false;
    if (condition.gte !== undefined && !(count >= condition.gte))
        return false;
    if (condition.lt !== undefined && !(count < condition.lt))
        return false;
    if (condition.lte !== undefined && !(count <= condition.lte))
        return false;
    if (condition.eq !== undefined && count !== condition.eq)
        return false;
    return true;
}
/** True when a larger count can never turn a holding condition false (only lower bounds). */
function isMonotone(condition) {
    return condition.lt === undefined && condition.lte === undefined && condition.eq === undefined;
}
function describeCondition(condition) {
    const words = { gt: '>', gte: '≥', lt: '<', lte: '≤', eq: '=' };
    return Object.keys(words)
        .filter((key) => condition[key] !== undefined)
        .map((key) => `${words[key]} ${condition[key]}`)
        .join(' and ');
}

;// CONCATENATED MODULE: ./src/correlate/windows.ts
/**
 * The windows of one correlation group: which events make a firing instance. Deterministic and independent of
 * the order events arrived in (the caller sorts by time, then eventID).
 *
 * Greedy, from the earliest event not yet in an instance (the anchor): the run is every event from the anchor up
 * to anchor time + timespan. If the run satisfies the correlation it is one instance, its events are consumed and
 * the next anchor is the first event after the run; otherwise the next event becomes the anchor.
 *
 * The scan's horizon (its window's end) limits what is known: a run whose timespan reaches past the horizon is
 * incomplete. An incomplete run that satisfies a condition with lower bounds only (gt, gte, temporal) fires now,
 * since more events cannot undo it, and stays open: later events up to its end join it. Any other incomplete run
 * is undecided: the walk stops there and its events wait for the next scheduled run (state.ts carries them).
 *
 * The run slides: its end only moves forward and each event enters and leaves it once, with counts kept per
 * value (value_count) or per rule (temporal), so the walk is linear in the events whatever their density. Beyond
 * the events it holds the distinct values of one run (value_count), a count per rule (temporal), or one index per
 * event and later step (temporal_ordered).
 */

/** `events` sorted by (time, id) and free of events already in an instance. */
function evaluateGroup(events, spec, horizon, openUntil) {
    const instances = [];
    let open;
    let i = 0;
    if (openUntil !== undefined) {
        while (i < events.length && events[i].time <= openUntil)
            i++;
        if (i > 0)
            instances.push(events.slice(0, i));
        if (openUntil > horizon)
            open = openUntil;
    }
    const monotone = [spec.condition, spec.eventCount].every((c) => c === undefined || isMonotone(c));
    const run = runTracker(events, spec);
    let end = i; // the run is events[i, end)
    while (i < events.length) {
        const anchor = events[i];
        const until = anchor.time + spec.timespanMs;
        while (end < events.length && events[end].time <= until)
            run.add(events[end++]);
        if (spec.type === 'temporal_ordered' && !anchor.rules.includes(0)) {
            run.remove(anchor); // a sequence starts with the first rule's event
            i++;
            continue;
        }
        const complete = until <= horizon;
        if (run.holds(i, end) && (complete || monotone)) {
            instances.push(events.slice(i, end));
            if (!complete)
                open = until;
            run.clear();
            i = end;
            continue;
        }
        if (!complete)
            break; // undecided until the events after the horizon are known
        run.remove(anchor);
        i++;
    }
    const outcome = { instances };
    if (open !== undefined)
        outcome.openUntil = open;
    return outcome;
}
function runTracker(events, spec) {
    switch (spec.type) {
        case 'event_count':
            return {
                add() { },
                remove() { },
                clear() { },
                holds: (start, end) => conditionHolds(spec.condition, end - start),
            };
        case 'value_count': {
            // Occurrences of each value in the run: a value counts while its count is above zero.
            const counts = new Map();
            return {
                add(event) {
                    for (const value of event.values)
                        counts.set(value, (counts.get(value) ?? 0) + 1);
                },
                remove(event) {
                    for (const value of event.values) {
                        const left = counts.get(value) - 1;
                        if (left === 0)
                            counts.delete(value);
                        else
                            counts.set(value, left);
                    }
                },
                clear: () => counts.clear(),
                holds: (start, end) => conditionHolds(spec.condition, counts.size) &&
                    (spec.eventCount === undefined || conditionHolds(spec.eventCount, end - start)),
            };
        }
        case 'temporal': {
            const counts = new Array(spec.memberCount).fill(0);
            let distinct = 0;
            return {
                add(event) {
                    for (const rule of event.rules)
                        if (counts[rule]++ === 0)
                            distinct++;
                },
                remove(event) {
                    for (const rule of event.rules)
                        if (--counts[rule] === 0)
                            distinct--;
                },
                clear() {
                    counts.fill(0);
                    distinct = 0;
                },
                holds: () => spec.condition ? conditionHolds(spec.condition, distinct) : distinct === spec.memberCount,
            };
        }
        case 'temporal_ordered': {
            // next[s][p]: the first event at or after p that matched rule s (events.length if none). From an anchor
            // (rule 0), each later step is the first event after the previous step's that matched it: as a scan of the
            // run would find them, in one lookup per step.
            const n = events.length;
            const next = [];
            for (let step = 1; step < spec.memberCount; step++) {
                const table = new Int32Array(n + 1).fill(n);
                for (let p = n - 1; p >= 0; p--)
                    table[p] = events[p].rules.includes(step) ? p : table[p + 1];
                next[step] = table;
            }
            return {
                add() { },
                remove() { },
                clear() { },
                holds(start, end) {
                    let at = start;
                    for (let step = 1; step < spec.memberCount; step++) {
                        at = next[step][at + 1];
                        if (at >= end)
                            return false;
                    }
                    return true;
                },
            };
        }
    }
}

;// CONCATENATED MODULE: ./src/correlate/engine.ts
/**
 * The correlation Analyzer: collects the matches of the rules that correlations refer to, per correlation and
 * group, and turns the windows that satisfy a correlation (windows.ts) into findings. Its state section (state.ts)
 * carries history: the events of each group near the edge of the windows scanned, whether a run reported them, and
 * the instances still open. A run uses it for the time before its window only, so that consecutive scheduled runs
 * report what one run over the whole span would, each event once (a burst that straddles two windows is one
 * instance, an open one takes the later events), and a window scanned again gives the same findings (the state
 * never hides an event of the window; the issue tracker shows an occurrence once).
 *
 * Memory: a held event is its id, time, rules and counted values; the event a finding lists waits on disk
 * (findings/disk-store.ts) until findings() or exportState() reads it back. At most maxEventsHeld events are held
 * across all correlations; what is left out beyond is counted and said in the notes.
 */







/** Events held by default (about 150 bytes each in memory), across all correlations: attacker-influenced volume. */
const DEFAULT_MAX_EVENTS_HELD = 250_000;
class CorrelationEngine {
    name = 'correlation';
    tracked;
    byRule = new Map();
    horizon;
    stored = 0;
    maxEvents;
    droppedEvents = 0;
    events = new DiskStore();
    evaluated;
    windowStart;
    /** Where the records at hand begin (files without a window start), see recordsBeginAt. */
    recordsFrom;
    firstObserved = Number.POSITIVE_INFINITY;
    constructor(correlations, options = {}) {
        this.maxEvents = options.maxEventsHeld ?? DEFAULT_MAX_EVENTS_HELD;
        this.horizon = options.window?.end ?? Number.POSITIVE_INFINITY;
        this.windowStart = options.window?.start;
        this.tracked = correlations.map((correlation) => {
            const { rule, members } = correlation;
            const spec = { type: rule.type, memberCount: members.length, timespanMs: rule.timespanMs };
            if (rule.condition)
                spec.condition = rule.condition;
            if (rule.eventCount)
                spec.eventCount = rule.eventCount;
            return {
                correlation,
                spec,
                groups: new Map(),
                ruleLists: members.map((_, index) => [index]),
                savedHorizon: Number.NEGATIVE_INFINITY,
                latest: Number.NEGATIVE_INFINITY,
            };
        });
        for (const tracked of this.tracked) {
            tracked.correlation.members.forEach((member, index) => {
                const list = this.byRule.get(member.rule.ruleId) ?? [];
                list.push({ tracked, member: index });
                this.byRule.set(member.rule.ruleId, list);
            });
        }
    }
    /** Rule ids whose matches this engine needs (the Detector must run them even when they make no finding). */
    ruleIds() {
        return [...this.byRule.keys()];
    }
    observe(rule, timed, inWindow) {
        this.observeDescribed(rule, this.describe(rule, timed, inWindow), timed.time, inWindow);
    }
    /** The event, and for each correlation that uses the rule the counted values and the group keys. */
    describe(rule, { record }, inWindow) {
        if (!inWindow)
            return undefined;
        const uses = this.byRule.get(rule.rule.ruleId);
        if (!uses)
            return undefined;
        return {
            id: eventIdOf(record),
            event: (0,build/* findingEvent */.MW)(record, rule.rule.fields),
            uses: uses.map(({ tracked, member }) => {
                const field = tracked.correlation.valueFields[member];
                return {
                    values: field !== undefined ? fieldValues(record, field) : NO_VALUES,
                    keys: groupKeys(record, tracked.correlation.groupFields[member]),
                };
            }),
        };
    }
    observeDescribed(rule, described, time, inWindow) {
        if (!inWindow || described === undefined)
            return;
        const uses = this.byRule.get(rule.rule.ruleId);
        if (!uses)
            return;
        const { id, event: given, uses: parts } = described;
        let event;
        if (time < this.firstObserved)
            this.firstObserved = time;
        uses.forEach(({ tracked, member }, u) => {
            const { values, keys } = parts[u];
            if (tracked.spec.type === 'value_count' && values.length === 0)
                return;
            for (const key of keys) {
                if (this.stored >= this.maxEvents) {
                    this.droppedEvents++;
                    continue;
                }
                const group = this.groupOf(tracked, key);
                this.stored++;
                event ??= this.events.add(given);
                const rules = tracked.ruleLists[member];
                group.events.push({ id, time, rules, values: sharedValues(group, values), event });
                if (time > tracked.latest)
                    tracked.latest = time;
            }
        });
        this.evaluated = undefined;
    }
    /** Correlations judge the window alone: what they need from before it is carried in the state. */
    historyWanted() {
        return undefined;
    }
    historyDelivered() { }
    /** The records at hand (files read whole) begin at `since`: the state's events before it are history. */
    recordsBeginAt(since) {
        this.recordsFrom = since;
        this.evaluated = undefined;
    }
    learning() {
        return [];
    }
    /** Notes for the run's log: events left out for the memory bound. */
    notes() {
        return this.droppedEvents > 0
            ? [
                `correlation: ${this.droppedEvents} matching events were left out (more than ${this.maxEvents} held); counts may be low`,
            ]
            : [];
    }
    /** Each finding, as it is built, goes through `each` (the scan bounds its events there) before the next is built. */
    findings(each = (finding) => finding) {
        const findings = [];
        for (const [tracked, evaluated] of this.evaluate()) {
            const rule = tracked.correlation.rule;
            for (const { group, instances } of evaluated) {
                if (instances.length === 0)
                    continue;
                // Instances follow one another in time, each in (time, id) order.
                const events = this.events.read(instances.flat().map((e) => e.event));
                const groupRecord = {};
                rule.groupBy.forEach((name, i) => (groupRecord[name] = group.values[i]));
                findings.push(each((0,build/* buildFinding */.UN)(rule, (0,build/* fingerprintOf */.ax)([rule.ruleId, ...group.values]), groupRecord, events)));
            }
        }
        return (0,build/* sortFindings */.Tc)(findings);
    }
    /**
     * The state for the next run (see state.ts): per group, the carried events of the last timespan before this run's
     * window (kept for a run over this window again, marked when this run reported them), carried events after this
     * run's window (a newer run's), this run's events of the last timespan before its horizon, and the open instances.
     */
    exportState(now) {
        const evaluated = this.evaluate();
        const start = this.runStart();
        const correlations = this.tracked.map((tracked) => {
            const rule = tracked.correlation.rule;
            const span = rule.timespanMs;
            const horizon = Number.isFinite(this.horizon)
                ? this.horizon
                : Number.isFinite(tracked.latest)
                    ? tracked.latest
                    : now;
            const members = tracked.correlation.members.map((m) => m.rule.ruleId);
            const carriedOf = (e, reportedBy) => ({
                id: e.id,
                time: e.time,
                rules: e.rules.map((m) => members[m]),
                values: e.values,
                ...(reportedBy === undefined ? { event: this.events.get(e.event) } : {}),
                ...(reportedBy !== undefined ? { reportedBy } : {}),
            });
            const groups = [];
            for (const { group, instances, history, openUntil, continued } of evaluated.get(tracked)) {
                const inInstance = new Set();
                for (const instance of instances)
                    for (const e of instance)
                        inInstance.add(e.id);
                const events = [];
                for (const c of group.carried) {
                    if (c.time >= start && c.time <= horizon)
                        continue; // this run read that time itself
                    if (c.time < start - span)
                        continue; // no later run needs it
                    const reportedBy = c.reportedBy ?? (history.has(c.id) && inInstance.has(c.id) ? start : undefined);
                    if (c.stored) {
                        const out = carriedOf(c.stored);
                        if (reportedBy !== undefined)
                            out.reportedBy = reportedBy;
                        events.push(out);
                    }
                    else
                        events.push({ id: c.id, time: c.time, rules: [], values: [], reportedBy: c.reportedBy });
                }
                // group.events is sorted and merged by evaluate().
                for (const e of group.events)
                    if (e.time > horizon - span)
                        events.push(carriedOf(e, inInstance.has(e.id) ? start : undefined));
                const open = group.open.filter((o) => (o.until - span < start && o.until >= start - span) || o.until - span > horizon);
                if (openUntil !== undefined && openUntil > horizon && openUntil !== continued?.until)
                    open.push({ until: openUntil, by: start });
                if (events.length > 0 || open.length > 0)
                    groups.push({ key: group.values, events, open });
            }
            return {
                ruleId: rule.ruleId,
                timespanMs: span,
                rules: members,
                horizon: Math.max(horizon, tracked.savedHorizon),
                groups,
            };
        });
        return encodeCorrelationState(correlations);
    }
    /**
     * Where this run's own records begin: the window's start, else the start of the records at hand, else its first
     * match. The state's events before it are history; from it on, the run's own events decide.
     */
    runStart() {
        return this.windowStart ?? this.recordsFrom ?? this.firstObserved;
    }
    /** Call before the first observe: the carried events and open instances of each group, for evaluate(). */
    importState(section) {
        const decoded = decodeCorrelationState(section);
        if (typeof decoded === 'string')
            return decoded;
        for (const saved of decoded) {
            const tracked = this.tracked.find((t) => t.correlation.rule.ruleId === saved.ruleId);
            if (!tracked)
                continue; // the correlation is no longer loaded
            const members = tracked.correlation.members.map((m) => m.rule.ruleId);
            // A changed timespan or rule list makes the carried windows meaningless: start that correlation afresh.
            if (saved.timespanMs !== tracked.correlation.rule.timespanMs ||
                saved.rules.join('\n') !== members.join('\n'))
                continue;
            tracked.savedHorizon = saved.horizon;
            for (const carried of saved.groups) {
                if (carried.key.length !== tracked.correlation.rule.groupBy.length)
                    continue;
                const group = this.groupOf(tracked, carried.key);
                group.open.push(...carried.open);
                for (const e of carried.events) {
                    const entry = { id: e.id, time: e.time };
                    if (e.reportedBy !== undefined)
                        entry.reportedBy = e.reportedBy;
                    const rules = e.rules.map((r) => members.indexOf(r)).filter((i) => i >= 0);
                    if (e.event !== undefined && rules.length > 0) {
                        entry.stored = {
                            id: e.id,
                            time: e.time,
                            rules,
                            values: sharedValues(group, e.values),
                            event: this.events.add(e.event),
                        };
                        this.stored++;
                    }
                    else if (e.reportedBy === undefined)
                        continue; // no member rule left to count it for
                    group.carried.push(entry);
                }
            }
        }
        this.evaluated = undefined;
        return undefined;
    }
    groupOf(tracked, key) {
        const id = unambiguousKey(key);
        let group = tracked.groups.get(id);
        if (!group) {
            group = { values: key, events: [], carried: [], open: [], valueLists: new Map() };
            tracked.groups.set(id, group);
        }
        return group;
    }
    /**
     * Per correlation, each group's instances and what stays open; sorts and merges each group's events once. The
     * timeline of a group is this run's events and, before the run's start, the carried events that no earlier run
     * reported; an instance that an earlier run left open before the run's start takes the first events.
     */
    evaluate() {
        if (this.evaluated)
            return this.evaluated;
        const start = this.runStart();
        const evaluated = new Map();
        for (const tracked of this.tracked) {
            const span = tracked.correlation.rule.timespanMs;
            const list = [];
            for (const group of tracked.groups.values()) {
                group.events = mergeDuplicates(group.events.sort(byTimeThenId));
                const history = [];
                for (const c of group.carried) {
                    if (c.time >= start || !c.stored)
                        continue;
                    if (c.reportedBy !== undefined && c.reportedBy < start)
                        continue; // decided by an earlier run
                    history.push(c.stored);
                }
                const timeline = history.length === 0
                    ? group.events
                    : mergeDuplicates([...history, ...group.events].sort(byTimeThenId));
                let continued;
                for (const open of group.open) {
                    if (open.by >= start || open.until - span >= start)
                        continue; // this run's own decision, or a later one
                    if (!continued || open.until > continued.until)
                        continued = open;
                }
                const outcome = evaluateGroup(timeline, tracked.spec, this.horizon, continued?.until);
                const entry = {
                    group,
                    instances: outcome.instances,
                    history: new Set(history.map((e) => e.id)),
                };
                if (outcome.openUntil !== undefined)
                    entry.openUntil = outcome.openUntil;
                if (continued)
                    entry.continued = continued;
                list.push(entry);
            }
            evaluated.set(tracked, list);
        }
        this.evaluated = evaluated;
        return evaluated;
    }
}
const NO_VALUES = [];
/**
 * `values`, or one list shared by the events with the same: the empty list, or the group's list for that one value
 * (events of a group repeat a few values; lists from a worker are new arrays each).
 */
function sharedValues(group, values) {
    if (values.length === 0)
        return NO_VALUES;
    if (values.length !== 1)
        return values;
    const shared = group.valueLists.get(values[0]);
    if (shared)
        return shared;
    group.valueLists.set(values[0], values);
    return values;
}
/** One entry per eventID in a list sorted by (time, id): the rules and values of its duplicates joined. */
function mergeDuplicates(events) {
    let out = 0;
    for (let i = 0; i < events.length; i++) {
        const e = events[i];
        const last = out > 0 ? events[out - 1] : undefined;
        if (last && last.id === e.id) {
            const rules = [...new Set([...last.rules, ...e.rules])].sort((a, b) => a - b);
            const values = [...new Set([...last.values, ...e.values])];
            events[out - 1] = { ...last, rules, values };
        }
        else
            events[out++] = e;
    }
    events.length = out;
    return events;
}
/** One string for a list of strings, different for every list (each part prefixed by its length). */
function unambiguousKey(parts) {
    let key = '';
    for (const part of parts)
        key += `${part.length}:${part}`;
    return key;
}
function eventIdOf(record) {
    if (typeof record.eventID === 'string' && record.eventID !== '')
        return record.eventID;
    return 'sha256:' + (0,external_node_crypto_.createHash)('sha256').update(JSON.stringify(record)).digest('hex').slice(0, 32);
}
function byTimeThenId(a, b) {
    return a.time - b.time || (0,order/* compare */.U)(a.id, b.id);
}

// EXTERNAL MODULE: ./src/findings/events.ts
var events = __nccwpck_require__(5797);
// EXTERNAL MODULE: ./src/rules/fields.ts
var fields = __nccwpck_require__(8162);
// EXTERNAL MODULE: ./src/rules/derived.ts + 1 modules
var derived = __nccwpck_require__(9252);
;// CONCATENATED MODULE: ./src/first-seen/derived.ts
/**
 * Key values of first-seen rules: record fields read as fieldText reads them, and the pseudo-fields
 * - `actor`: the caller (records/actor.ts), for assumed roles the role ARN plus the session name;
 * - `principal`: the actor without the session name of a role session (the role ARN), except for IAM Identity
 *   Center roles, whose session name is the person: role session names are often random or per run (CI jobs,
 *   SDK defaults, instance ids), which would make every session a new actor;
 * - `userAgentFamily`: the tool behind the call, without versions or platform (`aws-cli`, `boto3`, `terraform`);
 * - `instanceFamily`: the family of `requestParameters.instanceType` (`p4d` for `p4d.24xlarge`).
 * They are the derived fields rules name as `derived.principal`, ... (src/rules/derived.ts).
 */




/** The key's value for one field, or undefined when the record has none (such a match makes no key). */
function keyValue(record, field) {
    // Kept as first-seen keys long after the record: detached from its text (core/detach.ts).
    if (field === 'principal')
        return detachOptional((0,derived/* principalOf */.i6)(record));
    if (field === 'userAgentFamily')
        return detachOptional((0,derived/* userAgentFamily */.F9)(record.userAgent));
    if (field === 'instanceFamily')
        return detachOptional((0,derived/* instanceFamily */._L)(record));
    const value = (0,fields/* fieldText */.g)(record, field);
    return value === '' || value === undefined ? undefined : (0,detach/* detach */.Y)(value);
}
function detachOptional(value) {
    return (value === undefined ? value : (0,detach/* detach */.Y)(value));
}

// EXTERNAL MODULE: ./src/rules/first-seen-spec.ts
var first_seen_spec = __nccwpck_require__(2657);
;// CONCATENATED MODULE: ./src/first-seen/state.ts
/**
 * The `firstSeen` section of the state document: per rule, the keys seen within its history window, each with the
 * times it occurred at (thinned as the engine thins them: of three occurrences within one history window the middle
 * one is dropped, which keeps the answer to "was the key seen in [t - history, t)" for every t). Times, not only
 * the first and last one, are what lets a run over a window already scanned judge it as the first run did: an
 * occurrence is new when the key was not seen in the history before it, and a later occurrence in the state says
 * nothing about that.
 *
 * A key is stored as 12 base64url characters of the SHA-256 of its values (72 bits: with 100 000 keys the chance
 * that two collide is about 1 in 10^11, and a collision can only hide a new key, never invent one). The raw
 * values (ARNs, addresses) never reach the state. Columns keep the section small once gzipped:
 *
 * ```json
 * { "v": 2, "rules": { "<ruleId>": { "spec": "<16 hex>", "history": 864000, "learningSince": 1764000000, "until": 1764800000,
 *   "base": 1763000000, "keys": "<12 chars per key, sorted>", "times": [[<first - base>, <gap to the next>, ...], ...] } } }
 * ```
 * Times are epoch seconds. A version 1 section (first and last time of each key) is read as those two times.
 */

const SECTION_VERSION = 2;
const HASH_CHARS = 12;
/** The key's stored form: a hash of its values, in order. */
function keyHash(values) {
    return keyHashOfText(JSON.stringify(values));
}
/** keyHash of values whose JSON text is `text`. One-shot hash(): a third of createHash's cost on short texts. */
function keyHashOfText(text) {
    return (0,external_node_crypto_.hash)('sha256', text, 'base64url').slice(0, HASH_CHARS);
}
function encodeSection(baselines) {
    const rules = {};
    for (const ruleId of [...baselines.keys()].sort()) {
        const baseline = baselines.get(ruleId);
        const hashes = [...baseline.keys.keys()].sort();
        let base = Infinity;
        for (const { times } of baseline.keys.values())
            base = Math.min(base, times[0]);
        if (!Number.isFinite(base))
            base = 0;
        rules[ruleId] = {
            spec: baseline.spec,
            history: baseline.history,
            learningSince: baseline.learningSince,
            until: baseline.until,
            base,
            keys: hashes.join(''),
            times: hashes.map((h) => baseline.keys.get(h).times.map((t, i, all) => t - (i === 0 ? base : all[i - 1]))),
        };
    }
    return { v: SECTION_VERSION, rules };
}
/** The section back as baselines, or a warning saying why it cannot be used (the caller starts afresh). */
function decodeSection(section) {
    const bad = (why) => ({
        warning: `first-seen state is unusable (${why}); starting a fresh baseline`,
    });
    if (!state_isObject(section))
        return bad('not an object');
    if (section.v !== SECTION_VERSION && section.v !== 1)
        return bad(`version ${JSON.stringify(section.v)}, expected ${SECTION_VERSION}`);
    if (!state_isObject(section.rules))
        return bad("no 'rules' mapping");
    const baselines = new Map();
    for (const [ruleId, value] of Object.entries(section.rules)) {
        if (!state_isObject(value))
            return bad(`rule ${ruleId}: not an object`);
        const { spec, history, learningSince, until, base, keys } = value;
        if (typeof spec !== 'string')
            return bad(`rule ${ruleId}: no spec`);
        if (!isTime(history) || !isTime(learningSince) || !isTime(until) || !isTime(base))
            return bad(`rule ${ruleId}: bad history, learningSince, until or base`);
        if (typeof keys !== 'string' || keys.length % HASH_CHARS !== 0)
            return bad(`rule ${ruleId}: bad keys`);
        const count = keys.length / HASH_CHARS;
        const gaps = section.v === 1 ? firstAndLast(value) : value.times;
        if (!Array.isArray(gaps) || gaps.length !== count)
            return bad(`rule ${ruleId}: ${count} keys but times do not match`);
        const map = new Map();
        for (let i = 0; i < count; i++) {
            const list = gaps[i];
            if (!Array.isArray(list) || list.length === 0 || !list.every(isTime))
                return bad(`rule ${ruleId}: bad time for key ${i}`);
            let t = base;
            const times = list.map((gap) => (t += gap));
            map.set(keys.slice(i * HASH_CHARS, (i + 1) * HASH_CHARS), { times });
        }
        baselines.set(ruleId, { spec, history, learningSince, until, keys: map });
    }
    return { baselines };
}
/** A version 1 rule's `first` and `span` columns as version 2 `times` (a key's first and last time). */
function firstAndLast(value) {
    const { first, span } = value;
    if (!Array.isArray(first) || !Array.isArray(span) || first.length !== span.length)
        return undefined;
    return first.map((f, i) => (span[i] === 0 ? [f] : [f, span[i]]));
}
function isTime(value) {
    return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
function state_isObject(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
}

;// CONCATENATED MODULE: ./src/first-seen/engine.ts






const DEFAULT_MAX_KEYS_PER_RULE = 100_000;
const DEFAULT_MAX_WINDOW_KEYS_PER_RULE = 50_000;
const MAX_REMEMBERED_HASHES = 4096;
const MAX_REMEMBERED_EARLIEST = 16_384;
class FirstSeenEngine {
    window;
    name = 'firstSeen';
    runs = new Map();
    prior = new Map();
    maxKeys;
    maxWindowKeys;
    /** The events of occurrences that may be new, and the values of keys of the window, until findings() lists them. */
    events = new DiskStore();
    keyValues = new DiskStore();
    stateNotes = [];
    declaredAll;
    /** Seconds from which this run's own records are complete, when later than the window's start (files). */
    observedFrom;
    /** Earliest and latest in-window occurrence over all rules (seconds). */
    firstInWindow;
    lastInWindow;
    judged;
    hashes = new Map();
    /**
     * Per rule and key, the earliest occurrence this engine has described (seconds): a later one within the history
     * window is not new, whatever else the scan finds, so describe() leaves its event out (the same app calling the
     * same API all day makes one event to keep, not thousands). Forgotten when full: then events are described again.
     */
    earliest = new Map();
    /** `rules`: the scan's compiled rules (those without `first_seen` are ignored); observe() ignores any other rule. */
    constructor(rules, window, options = {}) {
        this.window = window;
        this.maxKeys = options.maxKeysPerRule ?? DEFAULT_MAX_KEYS_PER_RULE;
        this.maxWindowKeys = options.maxWindowKeysPerRule ?? DEFAULT_MAX_WINDOW_KEYS_PER_RULE;
        for (const compiled of rules) {
            const spec = compiled.rule.firstSeen;
            if (!spec)
                continue;
            this.runs.set(compiled.rule.ruleId, {
                compiled,
                spec,
                specId: (0,first_seen_spec/* specFingerprint */.Kb)(spec, compiled.rule.detection),
                keys: new Map(),
                incomplete: 0,
                dropped: 0,
                windowKeys: 0,
                unjudged: 0,
                ...(spec.requireKnown ? { known: spec.requireKnown.map((f) => spec.fields.indexOf(f)) } : {}),
            });
        }
    }
    /** Loads the saved section; a warning (and a fresh baseline) when it is unusable. Call before observe(). */
    importState(section) {
        this.judged = undefined;
        this.prior = new Map();
        const decoded = decodeSection(section);
        if ('warning' in decoded)
            return decoded.warning;
        this.prior = decoded.baselines;
        for (const [ruleId, run] of this.runs) {
            const saved = this.prior.get(ruleId);
            if (!saved)
                continue;
            if (saved.spec !== run.specId) {
                this.stateNotes.push(`${ruleId}: its key fields or detection changed since the state was saved; its baseline starts again`);
                continue;
            }
            if (saved.history !== run.spec.history) {
                this.stateNotes.push(`${ruleId}: history window changed from ${duration(saved.history)} to ${duration(run.spec.history)}`);
            }
            run.prior = saved;
        }
        return undefined;
    }
    /**
     * The source delivered every record from `since` (epoch ms) up to the window's start to observe(..., false):
     * a LookupEvents backfill (its `since`, with the plan's ruleIds), or the files at hand (the earliest eventTime
     * of all their records, for every rule). Without ruleIds, for every rule.
     */
    historyDelivered(since, ruleIds) {
        this.judged = undefined;
        const seconds = Math.floor(since / 1000);
        if (!ruleIds)
            this.declaredAll = seconds;
        else
            for (const id of ruleIds)
                if (this.runs.has(id))
                    this.runs.get(id).declaredSince = seconds;
    }
    /**
     * The records at hand begin at `since` (a files source whose window opens before its first record): the run
     * has seen nothing before it, so the window alone does not make the baseline complete before that time.
     */
    recordsBeginAt(since) {
        this.judged = undefined;
        this.observedFrom = Math.floor(since / 1000);
    }
    /** What history to fetch before the window for the rules whose saved baseline does not cover it. */
    historyWanted() {
        if (this.window.start === undefined)
            return undefined;
        const start = Math.floor(this.window.start / 1000);
        const needing = [...this.runs.values()].filter((run) => this.coveredFrom(run, start) > start - run.spec.history);
        return historyRequest(needing.map((run) => run.compiled), this.window);
    }
    observe(rule, timed, inWindow) {
        this.observeDescribed(rule, this.describe(rule, timed, inWindow), timed.time, inWindow);
    }
    /** The key's values and hashes, and (in the window) the event a finding would list. */
    describe(rule, { record, time }, inWindow) {
        const run = this.runs.get(rule.rule.ruleId);
        if (!run)
            return undefined;
        const values = [];
        for (const field of run.spec.fields) {
            const value = keyValue(record, field);
            if (value === undefined)
                return { incomplete: true };
            values.push(value);
        }
        const match = { hash: this.hashOf(values) };
        if (run.known)
            match.known = this.hashOf(['\u0000known', ...run.known.map((i) => values[i])]);
        if (this.describedWithin(run, match.hash, time))
            return match;
        match.values = values;
        if (inWindow)
            match.event = (0,build/* findingEvent */.MW)(record, rule.rule.fields);
        return match;
    }
    observeDescribed(rule, described, time, inWindow) {
        const run = this.runs.get(rule.rule.ruleId);
        if (!run || described === undefined)
            return;
        this.judged = undefined;
        const match = described;
        if (match.incomplete) {
            run.incomplete++;
            return;
        }
        const t = Math.floor(time / 1000);
        if (inWindow) {
            this.firstInWindow = Math.min(this.firstInWindow ?? t, t);
            this.lastInWindow = Math.max(this.lastInWindow ?? t, t);
        }
        const judged = this.add(run, match.hash, inWindow ? match.values : undefined, t, inWindow ? match.event : undefined, inWindow);
        if (!judged && inWindow)
            run.unjudged++;
        if (match.known !== undefined)
            this.add(run, match.known, undefined, t, undefined, inWindow);
    }
    /**
     * Occurrences of a key strictly between two others of the same key at most the history window apart: such an
     * occurrence is not new (the earlier one precedes it within H) and every occurrence it would have shown to be
     * known, one of the two shows (the module comment's thinning, applied before observing). The two outer ones of
     * each run of occurrences within H are kept, and every occurrence at their seconds.
     */
    redundant(matches) {
        const groups = new Map();
        matches.forEach(({ rule, described, time }, i) => {
            const match = described;
            if (match.incomplete || !this.runs.has(rule.rule.ruleId))
                return;
            const id = `${rule.rule.ruleId}\u0000${match.hash}`;
            let list = groups.get(id);
            if (!list)
                groups.set(id, (list = []));
            list.push({ i, t: Math.floor(time / 1000) });
        });
        const redundant = new Set();
        for (const [id, list] of groups) {
            if (list.length < 3)
                continue;
            const history = this.runs.get(id.slice(0, id.indexOf('\u0000'))).spec.history;
            list.sort((a, b) => a.t - b.t);
            for (let start = 0; start < list.length;) {
                // The run from `start`: occurrences within H of it; its first and last seconds stay.
                let end = start;
                while (end + 1 < list.length && list[end + 1].t - list[start].t <= history)
                    end++;
                const first = list[start].t;
                const last = list[end].t;
                for (let k = start; k <= end; k++)
                    if (list[k].t > first && list[k].t < last)
                        redundant.add(list[k].i);
                start = end + 1;
            }
        }
        return redundant;
    }
    /**
     * Whether an occurrence of the key was described before, less than the history window before this one (and not in
     * the same second: occurrences of one second are all new, or none). An occurrence described is observed (thinning
     * keeps one within the window before any it drops), so this one cannot be new. Remembers this one otherwise.
     */
    describedWithin(run, hash, time) {
        const t = Math.floor(time / 1000);
        const id = `${run.compiled.rule.ruleId}\u0000${hash}`;
        const before = this.earliest.get(id);
        if (before !== undefined && before < t && t - before <= run.spec.history)
            return true;
        if (before === undefined || t < before) {
            if (this.earliest.size >= MAX_REMEMBERED_EARLIEST)
                this.earliest.clear();
            this.earliest.set(id, t);
        }
        return false;
    }
    /** keyHash, remembered for recent keys: most matches repeat a few keys, and a SHA-256 costs more than the rest. */
    hashOf(values) {
        const text = JSON.stringify(values);
        let hash = this.hashes.get(text);
        if (hash === undefined) {
            if (this.hashes.size >= MAX_REMEMBERED_HASHES)
                this.hashes.clear();
            this.hashes.set(text, (hash = keyHashOfText(text)));
        }
        return hash;
    }
    /**
     * Records an occurrence of a key; `values` and `event` only for occurrences in the window of a full key. False
     * when the key is not held (a rule's limits).
     */
    add(run, hash, values, t, event, inWindow) {
        let key = run.keys.get(hash);
        if (!key) {
            // Keys of the window are kept up to their own limit (they may be findings); history beyond maxKeys is not.
            if (inWindow) {
                if (run.windowKeys >= this.maxWindowKeys)
                    return false;
                run.windowKeys++;
            }
            else if (run.keys.size >= this.maxKeys) {
                run.dropped++;
                return false;
            }
            key = { values: undefined, points: { t, events: undefined } };
            run.keys.set(hash, key);
        }
        if (values && key.values === undefined)
            key.values = this.keyValues.add(values);
        const point = addOccurrence(key, t, run.spec.history);
        if (point && event) {
            const ref = this.events.add(event);
            if (point.events === undefined)
                point.events = ref;
            else if (typeof point.events === 'number')
                point.events = [point.events, ref];
            else
                point.events.push(ref);
        }
        return true;
    }
    /**
     * One finding per rule and new key, most severe first. Withheld while a rule is learning (see learning()). Each
     * finding, as it is built, goes through `each` (the scan bounds its events there).
     */
    findings(each = (finding) => finding) {
        const findings = this.judge().newKeys.map(({ run, values, events }) => each(toFinding(run, values, this.events.read(events))));
        return (0,build/* sortFindings */.Tc)(findings);
    }
    /** The rules whose history does not cover the window yet, and what they held back. */
    learning() {
        return this.judge().learning;
    }
    /** Things the summary should say: baselines restarted, keys forgotten, matches without a key. */
    notes() {
        const notes = [...this.stateNotes];
        for (const [ruleId, run] of this.runs) {
            if (run.dropped > 0)
                notes.push(`${ruleId}: ${run.dropped} keys not remembered (limit of ${this.maxKeys} keys per rule); ` +
                    'a forgotten key may be reported as new later');
            if (run.unjudged > 0)
                notes.push(`${ruleId}: ${run.unjudged} matching events in the window were not judged: their keys came after the limit ` +
                    `of ${this.maxWindowKeys} keys of the window per rule; a new key among them is not reported`);
            if (run.incomplete > 0)
                notes.push(`${ruleId}: ${run.incomplete} matching events had no value for a key field (${run.spec.fields.join(', ')}) and were not counted`);
        }
        return notes;
    }
    /** The state section: per rule, keys seen within its history window before `now` (epoch ms). */
    exportState(now) {
        const nowSeconds = Math.floor(now / 1000);
        const baselines = new Map();
        // Rules not in this run's rule set keep their baseline (a rule excluded for one run does not lose it).
        for (const [ruleId, saved] of this.prior) {
            if (this.runs.has(ruleId))
                continue;
            const cutoff = Math.max(saved.learningSince, nowSeconds - saved.history);
            baselines.set(ruleId, prune({ ...saved, learningSince: Math.min(cutoff, saved.until) }, cutoff, Infinity));
        }
        const dataEnd = this.dataEnd();
        const start = this.dataStart();
        for (const [ruleId, run] of this.runs) {
            const history = run.spec.history;
            if (dataEnd === undefined || start === undefined) {
                // Nothing was scanned: the saved baseline stays as it was.
                if (run.prior)
                    baselines.set(ruleId, prune(run.prior, run.prior.learningSince, this.maxKeys));
                continue;
            }
            const coveredFrom = this.coveredFrom(run, start);
            const chained = run.prior && run.prior.until + gapTolerance(history) >= start;
            const keys = new Map(run.prior?.keys ?? []);
            for (const [hash, key] of run.keys) {
                keys.set(hash, { times: mergeTimes(keys.get(hash)?.times, pointsOf(key), history) });
            }
            const until = chained ? Math.max(run.prior.until, dataEnd) : dataEnd;
            // Keys last seen before the window's start minus the history are dropped: the next run, even one whose
            // window overlaps this one, judges nothing earlier than this window's start.
            const cutoff = Math.min(nowSeconds, start) - history;
            const learningSince = Math.max(coveredFrom, cutoff);
            const baseline = { spec: run.specId, history, learningSince, until, keys };
            const pruned = prune(baseline, cutoff, this.maxKeys);
            run.dropped += baseline.keys.size - countOlder(baseline, cutoff) - pruned.keys.size;
            baselines.set(ruleId, pruned);
        }
        return encodeSection(baselines);
    }
    judge() {
        if (this.judged)
            return this.judged;
        const newKeys = [];
        const learning = [];
        const start = this.dataStart();
        for (const [ruleId, run] of this.runs) {
            if (start === undefined)
                continue;
            const history = run.spec.history;
            const coveredFrom = this.coveredFrom(run, start);
            let withheld = 0;
            for (const [hash, key] of run.keys) {
                if (key.values === undefined)
                    continue;
                const saved = run.prior?.keys.get(hash);
                const fresh = [];
                let held = false;
                let values;
                const valuesOf = () => (values ??= this.keyValues.get(key.values));
                const points = pointsOf(key);
                points.forEach((point, i) => {
                    if (point.events === undefined)
                        return;
                    const previous = i > 0 ? points[i - 1].t : undefined;
                    if (previous !== undefined && previous >= point.t - history)
                        return;
                    if (saved && seenIn(saved.times, point.t - history, point.t))
                        return;
                    if (run.known && !this.knownAt(run, valuesOf(), point.t))
                        return;
                    if (coveredFrom > point.t - history)
                        held = true;
                    else if (typeof point.events === 'number')
                        fresh.push(point.events);
                    else
                        fresh.push(...point.events);
                });
                if (held && fresh.length === 0)
                    withheld++;
                if (fresh.length > 0)
                    newKeys.push({ run, values: valuesOf(), events: fresh });
            }
            if (coveredFrom > start - history) {
                learning.push({
                    ruleId,
                    title: run.compiled.rule.title,
                    coveredFrom: iso(coveredFrom),
                    needed: iso(start - history),
                    withheld,
                });
            }
        }
        this.judged = { newKeys, learning };
        return this.judged;
    }
    /** Whether the `require_known` part of a key had an occurrence in [t - H, t). */
    knownAt(run, values, t) {
        const hash = knownHash(run.known.map((i) => values[i]));
        const saved = run.prior?.keys.get(hash);
        if (saved && seenIn(saved.times, t - run.spec.history, t))
            return true;
        const key = run.keys.get(hash);
        const points = key ? pointsOf(key) : [];
        const at = points.findIndex((point) => point.t >= t);
        // t itself is an occurrence of the part: when thinning dropped it, an occurrence within H precedes it.
        if (at === -1 || points[at].t !== t)
            return true;
        return at > 0 && points[at - 1].t >= t - run.spec.history;
    }
    /** Start of the judged data (seconds): the window's start, or without one the earliest match in it. */
    dataStart() {
        return this.window.start !== undefined ? Math.floor(this.window.start / 1000) : this.firstInWindow;
    }
    dataEnd() {
        return this.window.end !== undefined ? Math.floor(this.window.end / 1000) : this.lastInWindow;
    }
    /**
     * The earliest time (seconds) from which the baseline is complete up to the window's start: the window itself,
     * extended back by the declared history and by the saved baseline when it reaches the window. History records
     * alone prove nothing: a backfill by eventName delivers some rules' records and not others', so only the caller
     * can say which period was delivered completely (historyDelivered).
     */
    coveredFrom(run, start) {
        const intervals = [];
        const declared = run.declaredSince ?? this.declaredAll;
        if (declared !== undefined)
            intervals.push([declared, start]);
        if (run.prior) {
            const saved = run.prior;
            intervals.push([saved.learningSince, saved.until]);
        }
        const tolerance = gapTolerance(run.spec.history);
        let covered = Math.max(start, this.observedFrom ?? start);
        for (let changed = true; changed;) {
            changed = false;
            for (const [from, to] of intervals) {
                if (from < covered && to + tolerance >= covered) {
                    covered = from;
                    changed = true;
                }
            }
        }
        return covered;
    }
}
/** The history to fetch before the window so that these first-seen rules can judge it from the first run. */
function historyRequest(rules, window) {
    const firstSeen = rules.filter((r) => r.rule.firstSeen);
    if (firstSeen.length === 0 || window.start === undefined)
        return undefined;
    const named = firstSeen.filter((r) => r.eventNames !== null);
    const longest = Math.max(...firstSeen.map((r) => r.rule.firstSeen.history));
    return {
        since: window.start - longest * 1000,
        until: window.start,
        eventNames: [...new Set(named.flatMap((r) => r.eventNamesAsWritten))].sort(),
        ruleIds: named.map((r) => r.rule.ruleId).sort(),
        unconstrained: firstSeen
            .filter((r) => r.eventNames === null)
            .map((r) => r.rule.ruleId)
            .sort(),
    };
}
/**
 * A gap between the saved baseline and this run's data (a missed schedule, cron jitter) shorter than a tenth of
 * the history is ignored: a key used only in the gap could then be reported once more, which is the lesser harm
 * than a whole baseline learnt again.
 */
function gapTolerance(history) {
    return Math.floor(history / 10);
}
/**
 * Inserts an occurrence and drops the occurrences that can no longer matter, and the events of those that can no
 * longer be new (see the module comment). The point at `t` when it may be new (its events are worth keeping).
 */
function addOccurrence(key, t, history) {
    if (!Array.isArray(key.points) && key.points.t === t)
        return key.points;
    let points = pointsOf(key);
    const low = firstAtOrAfter(points, t);
    if (points[low]?.t === t)
        return mayBeNew(points, low, history) ? points[low] : undefined;
    const point = { t, events: undefined };
    // A new array of the exact length (splice would leave room for 16 more).
    points = key.points = points.toSpliced(low, 0, point);
    let j = Math.max(1, low - 1);
    let stop = low + 1;
    let from = low;
    while (j <= stop && j < points.length - 1) {
        if (points[j + 1].t - points[j - 1].t <= history) {
            points.splice(j, 1);
            from = Math.min(from, j);
            stop = Math.max(stop - 1, j);
            j = Math.max(1, j - 1);
        }
        else {
            j++;
        }
    }
    // The occurrences whose predecessor changed (the new one's successor, those after a dropped one) may no longer be
    // new: their events go (clearing those of any occurrence that is not new is harmless).
    for (let i = Math.max(1, from - 1); i < Math.min(points.length, stop + 3); i++)
        if (!mayBeNew(points, i, history))
            points[i].events = undefined;
    const at = firstAtOrAfter(points, t);
    return points[at] === point && mayBeNew(points, at, history) ? point : undefined;
}
function pointsOf(key) {
    return Array.isArray(key.points) ? key.points : [key.points];
}
/** The index of the first point at or after `t` (points.length when none is). */
function firstAtOrAfter(points, t) {
    let low = 0;
    let high = points.length;
    while (low < high) {
        const mid = (low + high) >> 1;
        if (points[mid].t < t)
            low = mid + 1;
        else
            high = mid;
    }
    return low;
}
/** Whether points[i] has no occurrence within `history` before it (only such an occurrence can be new). */
function mayBeNew(points, i, history) {
    return i === 0 || points[i].t - points[i - 1].t > history;
}
/** Whether one of `times` (ascending) lies in [from, to). */
function seenIn(times, from, to) {
    for (const t of times) {
        if (t >= to)
            return false;
        if (t >= from)
            return true;
    }
    return false;
}
/**
 * A key's saved times and this run's occurrences as one list, thinned the same whatever the order they came in:
 * walking the times in order, a time is dropped when the one after it is within `history` of the last time kept.
 * Between two kept times with dropped ones between them there is then at most `history`, so any [t - history, t)
 * that held a dropped time holds a kept one.
 */
function mergeTimes(saved, points, history) {
    const all = [...new Set([...(saved ?? []), ...points.map((point) => point.t)])].sort((a, b) => a - b);
    const kept = [];
    all.forEach((t, i) => {
        const next = all[i + 1];
        if (kept.length === 0 || next === undefined || next - kept[kept.length - 1] > history)
            kept.push(t);
    });
    return kept;
}
function lastOf(times) {
    return times[times.length - 1];
}
/** Keeps the keys seen at or after `cutoff` (their times from there on), at most `limit` of them (the most recent). */
function prune(baseline, cutoff, limit) {
    let entries = [];
    for (const [hash, { times }] of baseline.keys) {
        if (lastOf(times) < cutoff)
            continue;
        entries.push([hash, { times: times[0] >= cutoff ? times : times.filter((t) => t >= cutoff) }]);
    }
    if (entries.length > limit) {
        entries.sort(([ha, a], [hb, b]) => lastOf(b.times) - lastOf(a.times) || (0,order/* compare */.U)(ha, hb));
        entries = entries.slice(0, limit);
    }
    return { ...baseline, keys: new Map(entries) };
}
function countOlder(baseline, cutoff) {
    let older = 0;
    for (const { times } of baseline.keys.values())
        if (lastOf(times) < cutoff)
            older++;
    return older;
}
function toFinding(run, values, events) {
    const rule = run.compiled.rule;
    const group = {};
    run.spec.fields.forEach((field, i) => (group[field] = values[i]));
    return (0,build/* buildFinding */.UN)(rule, (0,build/* fingerprintOf */.ax)([rule.ruleId, 'first-seen', ...values]), group, events);
}
/** The `require_known` part of a key, hashed apart from full keys (both live in the rule's key set). */
function knownHash(values) {
    return keyHash(['\u0000known', ...values]);
}
function duration(seconds) {
    return seconds % 86400 === 0 ? `${seconds / 86400}d` : `${Math.round(seconds / 3600)}h`;
}
function iso(seconds) {
    return new Date(seconds * 1000).toISOString();
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __nccwpck_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
;// CONCATENATED MODULE: ./src/state/actions-cache-store.ts
/**
 * State in the GitHub Actions cache: the default for the action, needing no set-up and no `permissions:` entry (the
 * cache is reached with the runner's own ACTIONS_RUNTIME_TOKEN).
 *
 * Cache entries are immutable, so every run saves under a key of its own and the next run restores the newest entry
 * whose key starts with this scope's prefix. @actions/cache works on files (it tars them with the system tar), so the
 * document goes through a file under RUNNER_TEMP. The library is loaded only when a run uses this store.
 */



const KEY_PREFIX = 'cloudtrail-audit-state-';
/**
 * The restore prefix of a scope. The scope ends with `--`, which a scope never contains (see `stateScopeProblem`),
 * so one scope's prefix never matches another scope's keys (`prod` and `prod-eu`).
 */
function stateCacheKeyPrefix(scope) {
    return `${KEY_PREFIX}${scope}--`;
}
function stateCacheKey(scope, env = process.env) {
    const run = env.GITHUB_RUN_ID || String(Date.now());
    return `${stateCacheKeyPrefix(scope)}${run}-${env.GITHUB_RUN_ATTEMPT || '1'}`;
}
class actions_cache_store_ActionsCacheStateStore {
    scope;
    log;
    env;
    file;
    available;
    constructor(scope, log, env = process.env) {
        this.scope = scope;
        this.log = log;
        this.env = env;
        // The path is part of the cache entry's version, so it must be the same in every run: no random folder.
        this.file = join(env.RUNNER_TEMP || tmpdir(), 'cloudtrail-audit-state', scope, 'state.json.gz');
    }
    describe() {
        return `the Actions cache (keys ${stateCacheKeyPrefix(this.scope)}<run id>-<attempt>)`;
    }
    async load(signal) {
        const cache = await this.library();
        if (!cache || signal?.aborted)
            return undefined;
        const prefix = stateCacheKeyPrefix(this.scope);
        try {
            // A file left by an earlier step must not pass for a restored one.
            await rm(this.file, { force: true });
            await mkdir(dirname(this.file), { recursive: true });
            const matched = await cache.restoreCache([this.file], stateCacheKey(this.scope, this.env), [prefix]);
            if (!matched) {
                this.log.info(`state: nothing restored from the Actions cache under ${prefix}* (first run, an entry unused for 7 days ` +
                    'and evicted, or a cache error logged above): starting with no history');
                return undefined;
            }
            const bytes = new Uint8Array(await readFile(this.file));
            this.log.info(`state: restored ${bytes.length} bytes from the Actions cache entry ${matched}`);
            return bytes;
        }
        catch (err) {
            this.log.warning(`state: cannot restore from the Actions cache (${err.message}): starting with no history`);
            return undefined;
        }
    }
    async save(bytes) {
        const cache = await this.library();
        if (!cache)
            return;
        const key = stateCacheKey(this.scope, this.env);
        try {
            await mkdir(dirname(this.file), { recursive: true });
            await writeFile(this.file, bytes);
            // saveCache logs its own failures (an existing key, a service error) and answers -1 instead of throwing.
            const id = await cache.saveCache([this.file], key);
            if (id === -1) {
                this.log.warning(`state: not saved to the Actions cache as ${key} (see the cache message above); ` +
                    'the next run reads the newest state saved before this one');
            }
            else {
                this.log.info(`state: saved ${bytes.length} bytes to the Actions cache as ${key}`);
            }
        }
        catch (err) {
            this.log.warning(`state: cannot save to the Actions cache as ${key} (${err.message})`);
        }
        finally {
            await rm(this.file, { force: true }).catch(() => { });
        }
    }
    /** The cache library, or undefined (said once, as a warning) when there is no cache service to talk to. */
    async library() {
        if (this.available === false)
            return undefined;
        let cache;
        try {
            // A separate chunk in the bundles: runs without this store never load it.
            cache = await __nccwpck_require__.e(/* import() */ 622).then(__nccwpck_require__.bind(__nccwpck_require__, 4622));
        }
        catch (err) {
            this.available = false;
            this.log.warning(`state: cannot load the Actions cache library (${err.message}): no state is kept`);
            return undefined;
        }
        if (this.available === undefined) {
            // Stand-ins for the library (@github/local-action's keeps the cache in a local folder) may offer only
            // restoreCache and saveCache: with no isFeatureAvailable to ask, the cache is there to use.
            this.available =
                typeof cache.isFeatureAvailable === 'function' ? cache.isFeatureAvailable() : 'restoreCache' in cache;
            if (!this.available) {
                this.log.warning('state: the Actions cache is not available here (no ACTIONS_RESULTS_URL or ACTIONS_CACHE_URL: not a ' +
                    'GitHub Actions run?): no history is read or saved, so first-seen rules only learn from this run; ' +
                    "use 'state: file' to keep it elsewhere");
                return undefined;
            }
        }
        return cache;
    }
}

;// CONCATENATED MODULE: ./src/state/file-store.ts



/** State in a file: for the CLI, and for users who keep the file elsewhere (an artifact, a bucket, a branch). */
class file_store_FileStateStore {
    path;
    log;
    constructor(path, log) {
        this.path = path;
        this.log = log;
    }
    describe() {
        return `the file ${this.path}`;
    }
    async load(signal) {
        try {
            return new Uint8Array(await readFile(this.path, { signal }));
        }
        catch (err) {
            const code = err.code;
            if (code === 'ENOENT') {
                this.log.info(`state: ${this.path} does not exist yet; it is written at the end of this run`);
            }
            else if (err.name !== 'AbortError') {
                this.log.warning(`state: cannot read ${this.path} (${err.message}): starting with no history`);
            }
            return undefined;
        }
    }
    /** Writes a temporary file next to the target and renames it over: a reader never sees half a document. */
    async save(bytes) {
        const temp = join(dirname(this.path), `.${basename(this.path)}.${randomBytes(6).toString('hex')}.tmp`);
        try {
            await mkdir(dirname(this.path), { recursive: true });
            await writeFile(temp, bytes);
            await rename(temp, this.path);
        }
        catch (err) {
            await rm(temp, { force: true }).catch(() => { });
            this.log.warning(`state: cannot write ${this.path} (${err.message}): this run's history is not kept`);
        }
    }
}

// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __nccwpck_require__(8522);
;// CONCATENATED MODULE: ./src/state/document.ts
/**
 * The state document that carries the analyzers' history (first-seen keys, open correlation windows) from one run
 * to the next: versioned JSON, gzip-compressed, with a size bound. Decoding never throws: anything unusable comes
 * back as a warning, and the caller starts fresh.
 */

const document_STATE_VERSION = 1;
/** The largest encoded (gzip) document that is saved or read: 8 MiB. */
const DEFAULT_MAX_STATE_BYTES = 8 * 1024 * 1024;
/** How far a document may expand when decompressed; more is treated as corrupt (a gzip bomb, or not ours). */
const MAX_EXPANSION = 64;
function newStateDocument(scope, sections, now) {
    return { version: document_STATE_VERSION, savedAt: new Date(now).toISOString(), scope, sections };
}
/**
 * Encodes a document as gzip JSON. When the result is larger than `maxBytes`, the largest section is left out and
 * the rest encoded again, until it fits: one analyzer starting fresh (and learning quietly) is better than saving
 * nothing, which would make every analyzer report this run's keys as new again next time.
 */
function encodeState(doc, maxBytes = DEFAULT_MAX_STATE_BYTES) {
    const sections = { ...doc.sections };
    const droppedSections = [];
    const warnings = [];
    for (;;) {
        const json = JSON.stringify({ ...doc, sections });
        const bytes = new Uint8Array((0,external_node_zlib_.gzipSync)(json));
        if (bytes.length <= maxBytes)
            return { bytes, droppedSections, warnings };
        const sizes = Object.entries(sections).map(([name, value]) => [name, JSON.stringify(value)?.length ?? 0]);
        const largest = sizes.sort((a, b) => Number(b[1]) - Number(a[1]))[0];
        if (!largest) {
            // Only reachable with a limit smaller than an empty document.
            warnings.push(`state: even an empty document is larger than the limit of ${maxBytes} bytes: not saved`);
            return { bytes: new Uint8Array(0), droppedSections, warnings };
        }
        const [name, chars] = largest;
        delete sections[name];
        droppedSections.push(name);
        warnings.push(`state: the encoded state (${bytes.length} bytes) is larger than the limit of ${maxBytes} bytes; ` +
            `its largest section '${name}' (${chars} characters of JSON) is not saved, so that analyzer starts fresh next run`);
    }
}
/**
 * Decodes a saved document. Returns a warning (never throws) when the bytes are not gzip, not JSON, not a state
 * document, of another version, larger than `maxBytes`, or about another scope than `expectedScope`.
 */
function decodeState(bytes, expectedScope, maxBytes = DEFAULT_MAX_STATE_BYTES) {
    const fresh = 'starting with no history';
    if (bytes.length > maxBytes) {
        return { warning: `state is ${bytes.length} bytes, over the limit of ${maxBytes}: ${fresh}` };
    }
    let text;
    try {
        text = (0,external_node_zlib_.gunzipSync)(bytes, { maxOutputLength: maxBytes * MAX_EXPANSION }).toString('utf8');
    }
    catch (err) {
        return { warning: `state is not readable gzip (${err.message}): ${fresh}` };
    }
    let value;
    try {
        value = JSON.parse(text);
    }
    catch (err) {
        return { warning: `state is not valid JSON (${err.message}): ${fresh}` };
    }
    if (!document_isObject(value))
        return { warning: `state is not a state document (not a JSON object): ${fresh}` };
    if (value.version !== document_STATE_VERSION) {
        return {
            warning: `state has version ${JSON.stringify(value.version) ?? 'none'}, this version reads ${document_STATE_VERSION}: ${fresh}`,
        };
    }
    const problem = shapeProblem(value);
    if (problem)
        return { warning: `state is not a state document (${problem}): ${fresh}` };
    const doc = value;
    if (doc.scope !== expectedScope) {
        return {
            warning: `state is for scope '${doc.scope}', not '${expectedScope}' (another source or account set): ${fresh}`,
        };
    }
    return { doc };
}
function shapeProblem(value) {
    if (typeof value.savedAt !== 'string' || Number.isNaN(Date.parse(value.savedAt))) {
        return 'savedAt is not a time';
    }
    if (typeof value.scope !== 'string' || value.scope === '')
        return 'scope is missing';
    if (!document_isObject(value.sections))
        return 'sections is not an object';
    return undefined;
}
function document_isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

;// CONCATENATED MODULE: ./src/state/scope.ts

/**
 * The default state scope: the source name and a hash of what it reads (order of lists ignored), e.g.
 * `s3-1f3a9c0e5b2d`. Two audits in one repository of different buckets, prefixes, accounts, regions or roles keep
 * apart histories; changing any of them starts a new history (set `state-scope` to keep one across such a change).
 * File paths are left out: the same account's logs are downloaded to a different folder each time.
 */
function defaultStateScope(from) {
    const sorted = (list) => [...(list ?? [])].sort();
    const parts = [
        `bucket=${from.bucket ?? ''}`,
        `prefix=${from.prefix ?? ''}`,
        `accounts=${sorted(from.accounts).join(',')}`,
        `regions=${sorted(from.regions).join(',')}`,
        `role=${from.roleToAssume ?? ''}`,
    ];
    const hash = createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 12);
    return `${from.source.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'source'}-${hash}`;
}
/**
 * Why a scope cannot be used, or undefined. Letters, digits and single `.`, `_` or `-` between them, at most 100
 * characters: it goes into cache keys (no commas, at most 512 characters) and file names, and the `--` that ends
 * a scope in a cache key must never occur inside one.
 */
function stateScopeProblem(scope) {
    if (scope.length > 100)
        return `'${scope.slice(0, 20)}…' is longer than 100 characters`;
    if (!/^[A-Za-z0-9]+(?:[._-][A-Za-z0-9]+)*$/.test(scope)) {
        return `'${scope}' is not letters and digits with single '.', '_' or '-' between them`;
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/state/index.ts






const STATE_KINDS = (/* unused pure expression or super */ null && (['actions-cache', 'file', 'none']));
/** The store for these options; undefined for `none` (no history is read or kept). */
function createStateStore(options, log, env = process.env) {
    switch (options.kind) {
        case 'none':
            return undefined;
        case 'file':
            if (!options.file)
                throw new Error("state: 'file' needs a file path");
            return new FileStateStore(options.file, log);
        case 'actions-cache':
            return new ActionsCacheStateStore(options.scope, log, env);
    }
}

;// CONCATENATED MODULE: ./src/pipeline/analyzers.ts





class Analyzers {
    ruleSet;
    log;
    state;
    analyzers;
    firstSeenRules;
    stateLoaded = false;
    notes = [];
    constructor(ruleSet, window, log, state) {
        this.ruleSet = ruleSet;
        this.log = log;
        this.state = state;
        this.firstSeenRules = ruleSet.rules.filter((r) => r.rule.kind === 'first-seen');
        this.analyzers = [];
        if (ruleSet.correlations.length > 0)
            this.analyzers.push(new CorrelationEngine(ruleSet.correlations, { window }));
        if (this.firstSeenRules.length > 0)
            this.analyzers.push(new FirstSeenEngine(this.firstSeenRules, window));
    }
    /** Reads the saved history (a missing or unusable one is a warning and a fresh start). */
    async load(signal) {
        if (!this.state || this.analyzers.length === 0)
            return;
        const bytes = await this.state.store.load(signal);
        if (bytes === undefined) {
            this.note(`no saved history in ${this.state.store.describe()}: starting fresh`);
            return;
        }
        const decoded = decodeState(bytes, this.state.scope);
        if ('warning' in decoded) {
            this.log.warning(`state in ${this.state.store.describe()}: ${decoded.warning}`);
            return;
        }
        this.stateLoaded = true;
        for (const analyzer of this.analyzers) {
            const section = decoded.doc.sections[analyzer.name];
            if (section === undefined)
                continue;
            const warning = analyzer.importState(section);
            if (warning)
                this.log.warning(`state section ${analyzer.name}: ${warning}`);
        }
    }
    /**
     * The history before the window the analyzers still need, and the rules to match its records against (every
     * first-seen rule: each learns from whatever history records arrive).
     */
    historyWanted() {
        const requests = this.analyzers.map((a) => a.historyWanted()).filter((r) => r !== undefined);
        if (requests.length === 0)
            return undefined;
        const union = (lists) => [...new Set(lists.flat())].sort();
        return {
            request: {
                since: Math.min(...requests.map((r) => r.since)),
                until: Math.max(...requests.map((r) => r.until)),
                eventNames: union(requests.map((r) => r.eventNames)),
                ruleIds: union(requests.map((r) => r.ruleIds)),
                unconstrained: union(requests.map((r) => r.unconstrained)),
            },
            rules: this.firstSeenRules,
        };
    }
    /**
     * What a source that plans its reads is told: the correlations, and the history before the window that the
     * first-seen rules still need, with the call it makes once it read that history whole for some of them.
     */
    sourceContext() {
        const wanted = this.historyWanted();
        const ruleIds = wanted
            ? [...new Set([...wanted.request.ruleIds, ...wanted.request.unconstrained])].sort()
            : [];
        return {
            correlations: this.ruleSet.correlations,
            ...(wanted && ruleIds.length > 0
                ? {
                    history: {
                        since: wanted.request.since,
                        ruleIds,
                        delivered: (since, ids) => {
                            for (const analyzer of this.analyzers)
                                analyzer.historyDelivered(since, ids);
                        },
                    },
                }
                : {}),
        };
    }
    observe(rule, timed, inWindow) {
        for (const analyzer of this.analyzers)
            analyzer.observe(rule, timed, inWindow);
    }
    /**
     * What the analyzers need of a match (one description per analyzer, see Analyzer.describe), where the record was
     * parsed; undefined when none has a use for it.
     */
    describe(rule, timed, inWindow) {
        let described;
        this.analyzers.forEach((analyzer, i) => {
            const one = analyzer.describe(rule, timed, inWindow);
            if (one !== undefined)
                (described ??= new Array(this.analyzers.length))[i] = one;
        });
        return described;
    }
    /**
     * Leaves out (sets to undefined) the descriptions that the other matches of the same list make needless (see
     * Analyzer.redundant): `described[m]` is match m's list of descriptions, one per analyzer.
     */
    thin(matches) {
        this.analyzers.forEach((analyzer, a) => {
            if (!analyzer.redundant)
                return;
            const mine = [];
            const at = [];
            matches.forEach(({ rule, described, time }, m) => {
                if (described[a] === undefined || described[a] === null)
                    return;
                mine.push({ rule, described: described[a], time });
                at.push(m);
            });
            for (const i of analyzer.redundant(mine))
                matches[at[i]].described[a] = undefined;
        });
    }
    /**
     * A match described by describe(), wherever that ran (the same rule set, the same analyzers); after a trip through
     * JSON, an analyzer without a description has null.
     */
    observeDescribed(rule, described, time, inWindow) {
        this.analyzers.forEach((analyzer, i) => {
            const one = described[i];
            if (one !== undefined && one !== null)
                analyzer.observeDescribed(rule, one, time, inWindow);
        });
    }
    /**
     * The records of a files source before the window are history the analyzers have seen completely: from the
     * earliest record read, and nothing before it.
     */
    historyFromRecordsAtHand(earliest) {
        if (!Number.isFinite(earliest))
            return;
        for (const analyzer of this.analyzers) {
            analyzer.historyDelivered(earliest);
            analyzer.recordsBeginAt(earliest);
        }
    }
    /**
     * The analyzers' findings, judged whole against the allowlist (the detector judges match by match) and then
     * bounded as the detector's are (their events beyond the kept ones go to `spill`), one at a time as they are built.
     */
    findings(allowlist, spill) {
        const out = { findings: [], suppressed: [] };
        const each = (finding) => {
            const judged = (0,allowlist_allowlist/* applyToFindings */.Gc)(allowlist, [finding]);
            const suppressed = judged.suppressed.length > 0;
            const bounded = (0,events/* withBoundedEvents */.zO)(suppressed ? judged.suppressed[0] : finding, spill);
            (suppressed ? out.suppressed : out.findings).push(bounded);
            return bounded;
        };
        for (const analyzer of this.analyzers)
            analyzer.findings(each);
        return out;
    }
    /** Writes the history for the next run; never throws (a store that cannot write warns). */
    async save() {
        if (!this.state || this.analyzers.length === 0)
            return;
        const now = Date.now();
        const { bytes, warnings } = encodeState({
            version: 1,
            savedAt: new Date(now).toISOString(),
            scope: this.state.scope,
            sections: Object.fromEntries(this.analyzers.map((a) => [a.name, a.exportState(now)])),
        });
        for (const warning of warnings)
            this.log.warning(`state: ${warning}`);
        await this.state.store.save(bytes);
    }
    summary() {
        for (const analyzer of this.analyzers)
            for (const note of analyzer.notes())
                this.note(note);
        return {
            correlationRules: this.ruleSet.correlations.length,
            firstSeenRules: this.firstSeenRules.length,
            learning: this.analyzers.flatMap((a) => a.learning()),
            state: this.state ? this.state.store.describe() : null,
            stateLoaded: this.stateLoaded,
            notes: [...new Set(this.notes)],
        };
    }
    note(message) {
        this.log.info(message);
        this.notes.push(message);
    }
}


/***/ }),

/***/ 4658:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Xf: () => (/* binding */ EventColumnsBuilder)
});

// UNUSED EXPORTS: ColumnsCursor, EXTRAS_CHARS

;// CONCATENATED MODULE: ./src/records/seen-ids.ts
/**
 * Sets and maps of eventIDs kept as two 32-bit hashes each in an open-addressing table: about 11 bytes per event
 * (a table at most three quarters full) instead of ~100 for a Set<string>, so de-duplicating a million-event scan
 * costs ~12 MiB. Two independent 32-bit hashes make a false "duplicate" (dropping a real event) about 1 in 10^19 per
 * pair of ids.
 *
 * A table's memory is given back as soon as it is left (grown out of, or released): its buffer is resizable and
 * shrunk to nothing, where a plain typed array's pages would stay until V8 collects it, which for a table of the old
 * generation may be long after the scan needed it.
 */
let h1 = 0;
let h2 = 0;
/** Sets h1 and h2 to the id's two hashes (h1 never 0: 0 marks an empty slot, and an event without an id). */
function hash(id) {
    let a = 0x811c9dc5;
    let b = 0x9747b28c;
    for (let i = 0; i < id.length; i++) {
        const c = id.charCodeAt(i);
        a = Math.imul(a ^ c, 0x01000193);
        b = Math.imul(b ^ c, 0x5bd1e995);
        b ^= b >>> 15;
    }
    h1 = a >>> 0 || 1;
    h2 = b >>> 0;
}
/** Ids per slot at most: the table is grown before it is more than three quarters full. */
const MAX_LOAD = 0.75;
const MIN_SLOTS = 1024;
/** An open-addressing table of `width` 32-bit words per id: the two hashes, then the value if any. */
class IdTable {
    width;
    table;
    size = 0;
    /** `expected`: how many ids it will hold, when known (the table is then made that big at once). */
    constructor(width, expected = 0) {
        this.width = width;
        this.table = newTable(Math.max(MIN_SLOTS, Math.ceil(expected / MAX_LOAD) + 1) * width);
    }
    /** Gives the table's memory back: the ids are forgotten. */
    release() {
        giveBack(this.table);
        this.size = 0;
        this.table = newTable(MIN_SLOTS * this.width);
    }
    /** The slot of the hashed id (h1, h2): where it is, or the empty slot it would go to. */
    slot(table = this.table) {
        const slots = table.length / this.width;
        let slot = ((h1 ^ Math.imul(h2, 0x9e3779b1)) >>> 0) % slots;
        for (;;) {
            const at = slot * this.width;
            if (table[at] === 0 || (table[at] === h1 && table[at + 1] === h2))
                return at;
            slot = slot + 1 === slots ? 0 : slot + 1;
        }
    }
    /** Where the id `hash` just hashed is, or -(where it was put) - 1 when it was not there (with `value`). */
    find(value = 0) {
        if (this.size + 1 > (this.table.length / this.width) * MAX_LOAD) {
            const [a, b] = [h1, h2];
            this.grow(); // rehashes with h1 and h2
            [h1, h2] = [a, b];
        }
        const at = this.slot();
        if (this.table[at] !== 0)
            return at;
        this.table[at] = h1;
        this.table[at + 1] = h2;
        if (this.width > 2)
            this.table[at + 2] = value;
        this.size++;
        return -at - 1;
    }
    present(at) {
        return this.table[at] !== 0;
    }
    valueAt(at) {
        return this.table[at + 2];
    }
    /** Half as big again: growing by less than double keeps the table closer to what it holds. */
    grow() {
        const old = this.table;
        const next = newTable(Math.ceil((old.length / this.width) * 1.5) * this.width);
        for (let at = 0; at < old.length; at += this.width) {
            if (old[at] === 0)
                continue;
            h1 = old[at];
            h2 = old[at + 1];
            const to = this.slot(next);
            for (let w = 0; w < this.width; w++)
                next[to + w] = old[at + w];
        }
        giveBack(old);
        this.table = next;
    }
}
/** A zeroed table whose memory giveBack() returns at once. */
function newTable(words) {
    const bytes = words * 4;
    return new Uint32Array(new ArrayBuffer(bytes, { maxByteLength: bytes }));
}
function giveBack(table) {
    table.buffer.resize(0);
}
/**
 * Appends the id's two hashes to `out`, or 0 and 0 for no id: how a worker thread hands ids over (SeenIds.addHashes),
 * 8 bytes an event instead of the id's text.
 */
function pushIdHashes(id, out) {
    if (id === undefined) {
        out.push(0, 0);
        return;
    }
    hash(id);
    out.push(h1, h2);
}
class SeenIds extends IdTable {
    constructor() {
        super(2);
    }
    /** Adds the id; returns false when it was already there. */
    add(id) {
        hash(id);
        return this.find() < 0;
    }
    /** Adds the id whose hashes pushIdHashes gave (a not 0); returns false when it was already there. */
    addHashes(a, b) {
        h1 = a;
        h2 = b;
        return this.find() < 0;
    }
}
/** eventID → a number below 2^32, the first given for it: a map of ids at ~16 bytes each. */
class FirstNumberById extends IdTable {
    /** `expected`: how many ids it will hold, when known. */
    constructor(expected = 0) {
        super(3, expected);
    }
    /** The number the id was first given with (this `value` when it is new). */
    firstOrSet(id, value) {
        hash(id);
        const at = this.find(value);
        return at < 0 ? value : this.valueAt(at);
    }
    /** The number given for the id, if any. */
    get(id) {
        hash(id);
        const at = this.slot();
        return this.valueAtIfPresent(at);
    }
    valueAtIfPresent(at) {
        return this.present(at) ? this.valueAt(at) : undefined;
    }
}

;// CONCATENATED MODULE: ./src/pipeline/parallel/event-columns.ts
/**
 * The events of one batch in columns (a few strings and typed arrays instead of an object per event): what a
 * worker posts, because cloning a million small objects between threads costs more than reading them. What the
 * matched events carry (matches described for the Detector and the analyzers) travels as JSON texts: V8 writes
 * and reads JSON several times faster than it clones the same objects between threads. Several texts, each below
 * V8's large-object size: a larger one would be allocated in the main thread's old generation as it arrives, and
 * stay there, garbage, until a full collection; and each is parsed only when the merge reaches its events.
 */

/** Characters of one JSON text of extras, about (an extra longer than that makes a text of its own). */
const EXTRAS_CHARS = 48 * 1024;
class EventColumnsBuilder {
    idHashes = [];
    times = [];
    eventTimes = [];
    accountNames = new Map();
    accounts = [];
    regionNames = new Map();
    regions = [];
    unparsed = [];
    /** The JSON texts of extras made so far, and the extras of the next one. */
    extras = [];
    extraParts = [];
    extraChars = 0;
    texts = [];
    /** Events added so far. */
    get count() {
        return this.times.length;
    }
    add(entry) {
        const at = this.times.length;
        pushIdHashes(entry.id, this.idHashes);
        this.times.push(entry.time);
        this.eventTimes.push(entry.eventTime);
        this.accounts.push(intern(this.accountNames, entry.account));
        this.regions.push(intern(this.regionNames, entry.region));
        this.unparsed.push(entry.unparsed ? 1 : 0);
        if (entry.matches.length > 0 || entry.text !== undefined) {
            const extra = { at, matches: entry.matches };
            if (entry.described)
                extra.described = entry.described;
            if (entry.analyzed)
                extra.analyzed = entry.analyzed;
            if (entry.text !== undefined) {
                extra.text = true;
                this.texts.push(entry.text);
            }
            const json = JSON.stringify(extra);
            if (this.extraChars + json.length > EXTRAS_CHARS)
                this.closeExtras();
            this.extraParts.push(json);
            this.extraChars += json.length + 1;
        }
    }
    closeExtras() {
        if (this.extraParts.length === 0)
            return;
        this.extras.push(`[${this.extraParts.join(',')}]`);
        this.extraParts = [];
        this.extraChars = 0;
    }
    build() {
        this.closeExtras();
        const [eventTimes, eventTimeEnds] = concat(this.eventTimes);
        return {
            count: this.times.length,
            idHashes: new Uint32Array(this.idHashes),
            times: new Float64Array(this.times),
            eventTimes,
            eventTimeEnds,
            accountNames: [...this.accountNames.keys()],
            accounts: new Int32Array(this.accounts),
            regionNames: [...this.regionNames.keys()],
            regions: new Int32Array(this.regions),
            unparsed: new Uint8Array(this.unparsed),
            extras: this.extras,
            texts: this.texts,
        };
    }
}
/**
 * Reads a batch's events in order. Most events carry nothing (no match, no record): the merge reads those from the
 * columns; `carried(i)` gives the others as entries, without an id (de-duplication reads idHashes).
 */
class ColumnsCursor {
    columns;
    chunk = 0;
    extras = [];
    extra = 0;
    text = 0;
    constructor(columns) {
        this.columns = columns;
    }
    /** Event i as an entry when it carries matches or a record, else undefined; for i in increasing order. */
    carried(i) {
        const { columns } = this;
        if (this.extra === this.extras.length && this.chunk < columns.extras.length) {
            this.extras = JSON.parse(columns.extras[this.chunk++]);
            this.extra = 0;
        }
        const x = this.extras[this.extra];
        if (x?.at !== i)
            return undefined;
        this.extra++;
        const account = columns.accounts[i];
        const region = columns.regions[i];
        const entry = {
            kind: 'event',
            id: undefined,
            time: columns.times[i],
            eventTime: this.eventTime(i),
            account: account < 0 ? undefined : columns.accountNames[account],
            region: region < 0 ? undefined : columns.regionNames[region],
            matches: x.matches,
        };
        if (columns.unparsed[i])
            entry.unparsed = true;
        if (x.described)
            entry.described = x.described;
        if (x.analyzed)
            entry.analyzed = x.analyzed;
        if (x.text)
            entry.text = columns.texts[this.text++];
        return entry;
    }
    eventTime(i) {
        const ends = this.columns.eventTimeEnds;
        return this.columns.eventTimes.slice(i === 0 ? 0 : ends[i - 1], ends[i]);
    }
}
function intern(names, value) {
    if (value === undefined)
        return -1;
    let index = names.get(value);
    if (index === undefined)
        names.set(value, (index = names.size));
    return index;
}
function concat(parts) {
    const ends = new Uint32Array(parts.length);
    let end = 0;
    parts.forEach((part, i) => (ends[i] = end += part.length));
    return [parts.join(''), ends];
}


/***/ }),

/***/ 347:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  b: () => (/* binding */ RecordExaminer),
  M: () => (/* binding */ examineFile)
});

// EXTERNAL MODULE: ./src/allowlist/allowlist.ts
var allowlist = __nccwpck_require__(500);
// EXTERNAL MODULE: ./src/core/detach.ts
var detach = __nccwpck_require__(8896);
// EXTERNAL MODULE: ./src/findings/events.ts
var events = __nccwpck_require__(5797);
// EXTERNAL MODULE: ./src/findings/build.ts
var build = __nccwpck_require__(8410);
// EXTERNAL MODULE: ./src/rules/fields.ts
var fields = __nccwpck_require__(8162);
// EXTERNAL MODULE: ./src/rules/outcome.ts
var outcome = __nccwpck_require__(2179);
// EXTERNAL MODULE: ./src/core/severity.ts
var severity = __nccwpck_require__(432);
;// CONCATENATED MODULE: ./src/detect/detector.ts
/**
 * Single-event rules: each match of a record in the window is part of a finding, grouped by fingerprint (the rule
 * id and the values of the rule's group-by fields). Matching itself happens where the record is parsed (see
 * matchingRules), possibly in a worker thread, which then hands over either the record or the match described.
 */








/** The rules of the index that match the record, in rule order. */
function matchingRules(index, record, mayMatch) {
    const matched = [];
    for (const rule of index.candidates(record.eventName))
        if ((mayMatch === undefined || mayMatch(rule)) && rule.matches(record))
            matched.push(rule);
    return matched;
}
/** A match's group values and finding event: everything a finding needs from the record. */
function describeMatch(rule, record) {
    const group = {};
    for (const field of rule.rule.groupBy)
        group[field] = (0,detach/* detach */.Y)((0,fields/* fieldText */.g)(record, field) ?? '');
    return { group, event: (0,build/* findingEvent */.MW)(record, rule.rule.fields) };
}
class Detector {
    allowlist;
    minSeverity;
    spill;
    /** By the parts of the fingerprint as text: a match finds its group without hashing (the hash is made once). */
    groups = new Map();
    suppressedGroups = new Map();
    /**
     * `minSeverity`: findings below it are left out (a rule's denied attempts may be below the rule's level). `spill`:
     * where findings' events beyond the kept ones go (one per scan).
     */
    constructor(allowlist, minSeverity = 'informational', spill = new EventSpill()) {
        this.allowlist = allowlist;
        this.minSeverity = minSeverity;
        this.spill = spill;
    }
    get groupCount() {
        return this.groups.size;
    }
    /** Whether a match must be handed over with its record (the allowlist looks at it), not only described. */
    get needsRecords() {
        return this.allowlist !== undefined;
    }
    /** One match of a record in the window. Rules that only feed analyzers make no finding here. */
    add(rule, record) {
        if (!makesFindings(rule.rule))
            return;
        const allowed = this.allowlist && suppressingEntry(this.allowlist, rule.rule.ruleId, record);
        this.group(rule, describeMatch(rule, record), allowed || undefined);
    }
    /** A match described where its record was parsed (a detector that does not need records). */
    addDescribed(rule, match) {
        if (this.needsRecords)
            throw new Error('addDescribed: this detector needs the matched records');
        if (makesFindings(rule.rule))
            this.group(rule, match, undefined);
    }
    group(rule, { group, event }, allowed) {
        // Denied attempts and suppressed matches have fingerprints of their own, so they never share a finding (or
        // an issue) with the successful calls that are reported.
        const denied = deniedLevelOf(rule.rule, event.errorCode);
        const parts = [
            rule.rule.ruleId,
            ...rule.rule.groupBy.map((f) => group[f] ?? ''),
            ...(denied !== undefined ? ['denied'] : []),
            ...(allowed ? ['suppressed'] : []),
        ];
        const key = JSON.stringify(parts);
        const groups = allowed ? this.suppressedGroups : this.groups;
        let entry = groups.get(key);
        if (!entry) {
            entry = {
                rule,
                fingerprint: fingerprintOf(parts),
                group,
                events: new FindingEventList(this.spill),
                ...(denied !== undefined ? { denied } : {}),
            };
            if (allowed)
                entry.suppression = { kind: 'allowlist', reason: allowed.reason, entry: allowed.where };
            groups.set(key, entry);
        }
        entry.events.add(event);
    }
    /** Findings, most severe first; events in each oldest first. The order does not depend on the input's order. */
    findings() {
        return this.toFindings(this.groups);
    }
    /** Matches suppressed by the allowlist, as findings with their suppression. */
    suppressed() {
        return this.toFindings(this.suppressedGroups);
    }
    toFindings(groups) {
        const min = severityRank(this.minSeverity);
        const findings = [];
        for (const { rule, fingerprint, group, events, denied, suppression } of groups.values()) {
            const meta = denied !== undefined
                ? { ...rule.rule, title: deniedTitle(rule.rule.title), level: denied }
                : rule.rule;
            if (severityRank(meta.level) >= min)
                findings.push(buildFinding(meta, fingerprint, group, events, suppression));
        }
        return sortFindings(findings);
    }
}

// EXTERNAL MODULE: ./src/records/raw-fields.ts
var raw_fields = __nccwpck_require__(6220);
;// CONCATENATED MODULE: ./src/records/parse.ts

/** Parses and checks one record (no de-duplication: that needs every record before it, in order). */
function parseRecord(text) {
    let value;
    try {
        value = JSON.parse(text);
    }
    catch (err) {
        return { kind: 'problem', message: `invalid JSON: ${err.message}` };
    }
    const problem = whyUnusable(value);
    if (problem)
        return { kind: 'problem', message: problem };
    const record = value;
    const time = Date.parse(record.eventTime);
    if (Number.isNaN(time)) {
        return { kind: 'problem', message: `invalid eventTime ${JSON.stringify(record.eventTime).slice(0, 80)}` };
    }
    if (record.eventType === 'AwsCloudTrailInsight')
        return { kind: 'insight' };
    return { kind: 'event', record, time };
}
function whyUnusable(value) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        return `not a CloudTrail record: a JSON ${value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value}, not an object`;
    }
    const record = value;
    if (typeof record.eventName !== 'string' || record.eventName === '')
        return 'not a CloudTrail record: no eventName';
    if (typeof record.eventTime !== 'string')
        return 'not a CloudTrail record: no eventTime';
    return undefined;
}
/** The keys rawEvent reads (the scanner that gives it their occurrences must look for them). */
const RAW_EVENT_KEYS = [
    'eventName',
    'eventTime',
    'eventID',
    'recipientAccountId',
    'awsRegion',
    'eventType',
];
/**
 * An event read from the fields of its raw text (raw-fields.ts) exactly as parseRecord would read it, or undefined
 * when the fields leave that in doubt (a key found twice, a value with escapes, an Insights event): the caller then
 * parses the record.
 */
function rawEvent(fields) {
    const at = occurrencesOf(fields);
    const name = at[NAME];
    const time = at[TIME];
    if (name < 0 || time < 0)
        return undefined;
    if (fields.kind(name) !== raw_fields/* STRING */.An || fields.value(name) === '' || fields.kind(time) !== raw_fields/* STRING */.An)
        return undefined;
    const type = at[TYPE];
    if (type === -2 || (type >= 0 && fields.kind(type) === raw_fields/* COMPLEX */.lx))
        return undefined;
    if (type >= 0 && fields.kind(type) === raw_fields/* STRING */.An && fields.value(type) === 'AwsCloudTrailInsight')
        return undefined;
    const id = optionalString(fields, at[ID]);
    const account = optionalString(fields, at[ACCOUNT]);
    const region = optionalString(fields, at[REGION]);
    if (id === null || account === null || region === null)
        return undefined;
    const eventTime = fields.value(time);
    const epoch = Date.parse(eventTime);
    if (Number.isNaN(epoch))
        return undefined;
    return { time: epoch, eventTime, id, account, region };
}
const [NAME, TIME, ID, ACCOUNT, REGION, TYPE] = [0, 1, 2, 3, 4, 5];
/** Per key list (a scanner's), the index in it of each of RAW_EVENT_KEYS. */
const rawKeyIndexes = new WeakMap();
/** Per RAW_EVENT_KEYS key, its occurrence in the record being read (onlyOccurrences). */
const occurrences = new Int32Array(RAW_EVENT_KEYS.length);
/** The occurrences of RAW_EVENT_KEYS in `fields` (their indexes in its key list found once per list). */
function occurrencesOf(fields) {
    let keys = rawKeyIndexes.get(fields.keys);
    if (!keys)
        rawKeyIndexes.set(fields.keys, (keys = Int32Array.from(RAW_EVENT_KEYS, (k) => fields.indexOf(k))));
    (0,raw_fields/* onlyOccurrences */.bk)(fields, keys, occurrences);
    return occurrences;
}
/** The string at occurrence `i` (undefined when absent or not a string, as the parsed record would have it), or null
 * when it cannot be told (the key twice, a string with escapes). */
function optionalString(fields, i) {
    if (i === -1)
        return undefined;
    if (i === -2)
        return null;
    const kind = fields.kind(i);
    if (kind === raw_fields/* STRING */.An)
        return fields.value(i);
    return kind === raw_fields/* COMPLEX */.lx ? null : undefined;
}

// EXTERNAL MODULE: ./src/rules/index.ts
var src_rules = __nccwpck_require__(5755);
// EXTERNAL MODULE: ./src/rules/model.ts
var model = __nccwpck_require__(2818);
// EXTERNAL MODULE: ./src/rules/prefilter.ts + 1 modules
var prefilter = __nccwpck_require__(6134);
;// CONCATENATED MODULE: ./src/core/window.ts
function inWindow(window, time) {
    return !((window.start !== undefined && time < window.start) ||
        (window.end !== undefined && time > window.end));
}

;// CONCATENATED MODULE: ./src/detect/gate.ts
/**
 * Where a record's time puts it: in the scanned window (matched against every rule), in the history period
 * before the window that analyzers asked for (matched against their history rules only), or outside both.
 * The one place this is decided, whichever thread reads the record.
 */

function placeOf(periods, time) {
    if (inWindow(periods.window, time))
        return 'window';
    const { history, window } = periods;
    if (history && window.start !== undefined && time < window.start && (history.since ?? -Infinity) <= time)
        return 'history';
    return 'outside';
}

;// CONCATENATED MODULE: ./src/sources/files/classify.ts
/**
 * What a top-level JSON object is, from its top-level keys alone (the splitter collects them, so nothing is
 * parsed): a CloudTrail record (a line of JSON Lines), a CloudTrail digest, or something else. And the record
 * inside one `aws cloudtrail lookup-events` element.
 */
const RECORD_KEYS = ['eventName', 'eventTime', 'eventVersion'];
const DIGEST_KEYS = ['digestStartTime', 'logFiles'];
/** Keys listed in a "not CloudTrail" message. */
const KEYS_SHOWN = 8;
function classifyObject(keys) {
    if (RECORD_KEYS.some((key) => keys.includes(key)))
        return { kind: 'record' };
    if (DIGEST_KEYS.some((key) => keys.includes(key)))
        return { kind: 'digest' };
    // With a Records or Events array, the splitter would have taken the object as a container.
    for (const container of ['Records', 'Events']) {
        if (keys.includes(container)) {
            return { kind: 'other', message: `not CloudTrail: top-level "${container}" is not an array` };
        }
    }
    return {
        kind: 'other',
        message: `not CloudTrail: top-level object has neither Records nor Events nor eventName (${describeKeys(keys)})`,
    };
}
function describeKeys(keys) {
    if (keys.length === 0)
        return 'no keys';
    const shown = keys.slice(0, KEYS_SHOWN).map((key) => (key.length > 40 ? `${key.slice(0, 40)}…` : key));
    return `keys: ${shown.join(', ')}${keys.length > KEYS_SHOWN ? ', …' : ''}`;
}
/**
 * The record text inside one element of a lookup-events `Events` array: its `CloudTrailEvent` string (the
 * record as JSON text, as the API returns it). An element that is not such an object → a message.
 */
function lookupEventRecord(elementText) {
    let element;
    try {
        element = JSON.parse(elementText);
    }
    catch (err) {
        return { message: `invalid JSON in a lookup-events element: ${err.message}` };
    }
    if (element === null || typeof element !== 'object' || Array.isArray(element)) {
        return { message: 'not a lookup-events element: not an object' };
    }
    const text = element.CloudTrailEvent;
    if (typeof text !== 'string') {
        const has = Object.hasOwn(element, 'CloudTrailEvent');
        return {
            message: has
                ? 'not a lookup-events element: CloudTrailEvent is not a string'
                : 'not a lookup-events element: no CloudTrailEvent',
        };
    }
    return { text };
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: external "node:string_decoder"
var external_node_string_decoder_ = __nccwpck_require__(6193);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __nccwpck_require__(8522);
;// CONCATENATED MODULE: ./src/sources/files/decompress.ts
/**
 * Reads one file as a stream of text chunks: gzip is recognised by its magic bytes (1f 8b), not by the file's
 * name, and decompressed on the fly; the bytes are decoded as UTF-8 across chunk boundaries. Nothing is read
 * ahead beyond the streams' own buffers, so memory does not grow with the file.
 */



/** Bytes per read from disk. */
const READ_CHUNK = 256 * 1024;
/** Bytes of decompressed output per chunk. */
const GUNZIP_CHUNK = 64 * 1024;
/** A file that cannot be read (`io`) or decompressed (`gzip`); the message is ready for the reporter. */
class FileReadError extends Error {
    kind;
    name = 'FileReadError';
    constructor(message, kind) {
        super(message);
        this.kind = kind;
    }
}
/** Duck-typed: errors from Node's core may come from another realm (a vm context, jest), where instanceof fails. */
function errorFields(err) {
    return typeof err === 'object' && err !== null
        ? err
        : {};
}
function decompress_isAbortError(err) {
    const { name, code } = errorFields(err);
    return name === 'AbortError' || code === 'ABORT_ERR';
}
/** "no such file or directory (ENOENT)" from Node's "ENOENT: no such file or directory, open '/x'". */
function decompress_describeFsError(err) {
    const { code, message } = errorFields(err);
    if (typeof message !== 'string')
        return String(err);
    const match = /^[A-Z]+: (.*?), \w+(?: '.*')?$/s.exec(message);
    if (typeof code === 'string' && match?.[1])
        return `${match[1]} (${code})`;
    return message;
}
function toReadError(err) {
    if (err instanceof FileReadError || decompress_isAbortError(err))
        return err;
    const { code, message } = errorFields(err);
    if (typeof code === 'string' && code.startsWith('Z_')) {
        return new FileReadError(`gzip data truncated or corrupt: ${String(message)}`, 'gzip');
    }
    return new FileReadError(`cannot read: ${decompress_describeFsError(err)}`, 'io');
}
function isGzip(head) {
    return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}
/**
 * The first `min` bytes or more (fewer at the end of the stream), peeked: unless the stream ended, they are put
 * back with unshift at once, inside the 'readable' handler (a tick later, the stream may have emitted 'end').
 */
function readHead(stream, min) {
    return new Promise((resolve, reject) => {
        const parts = [];
        let length = 0;
        const finish = (ended, err) => {
            stream.off('readable', onReadable);
            stream.off('end', onEnd);
            stream.off('error', onError);
            if (err !== undefined) {
                reject(err);
                return;
            }
            const head = parts.length === 0 ? null : parts.length === 1 ? parts[0] : Buffer.concat(parts);
            if (head && !ended)
                stream.unshift(head);
            resolve({ head, ended });
        };
        const onReadable = () => {
            while (length < min) {
                const chunk = stream.read();
                if (chunk === null)
                    return;
                parts.push(chunk);
                length += chunk.length;
            }
            finish(false);
        };
        const onEnd = () => finish(true);
        const onError = (err) => finish(false, err);
        stream.on('readable', onReadable);
        stream.once('end', onEnd);
        stream.once('error', onError);
    });
}
/**
 * The file's content as text chunks (decompressed when it is gzip). Throws FileReadError when the file cannot
 * be read or its gzip data is truncated or corrupt (after the chunks decoded before the problem), and Node's
 * AbortError when `signal` aborts.
 */
function readTextChunks(file, signal) {
    return decodeText(openFile(file, signal));
}
/** A read stream on the file, with the chunk size used here; errors (missing file...) surface on first read. */
function openFile(file, signal) {
    return (0,external_node_fs_.createReadStream)(file, { highWaterMark: READ_CHUNK, signal });
}
/**
 * Any byte stream (a file, an S3 object body) as text chunks: gunzipped when it starts with the gzip magic
 * bytes, decoded as UTF-8. Errors as for readTextChunks. Stopping early (return) destroys the stream.
 */
async function* decodeText(raw) {
    let gunzip;
    try {
        let source;
        // Enough bytes to see the gzip magic (a pipe may deliver a single byte first).
        const { head, ended } = await readHead(raw, 2).catch((err) => {
            throw toReadError(err);
        });
        if (ended) {
            source = head ? [head] : []; // 0 or 1 byte: not gzip
        }
        else {
            if (head && isGzip(head)) {
                const inflate = (0,external_node_zlib_.createGunzip)({ chunkSize: GUNZIP_CHUNK });
                gunzip = inflate;
                raw.on('error', (err) => inflate.destroy(err));
                source = raw.pipe(inflate);
            }
            else {
                source = raw;
            }
        }
        const decoder = new external_node_string_decoder_.StringDecoder('utf8');
        try {
            for await (const chunk of source) {
                const text = decoder.write(chunk);
                if (text.length > 0)
                    yield text;
            }
        }
        catch (err) {
            throw toReadError(err);
        }
        const tail = decoder.end();
        if (tail.length > 0)
            yield tail;
    }
    finally {
        gunzip?.destroy();
        raw.destroy();
    }
}

;// CONCATENATED MODULE: ./src/sources/files/json-splitter.ts
/**
 * A streaming JSON splitter: cuts a stream of text chunks into the raw text of each CloudTrail record, without
 * parsing the records. It checks only the structure around the records (containers, separators, balanced
 * nesting, strings with escapes); a record whose inside is invalid JSON is still delimited and left to the
 * records stage, which parses it and reports it with its file and index.
 *
 * What is a record:
 * - every element of a top-level array (`[ {...}, ... ]`, Stratus Red Team detonation logs);
 * - every element of the `Records` or `Events` array of a top-level object (`{"Records": [...]}` as CloudTrail
 *   delivers it to S3, `{"Events": [...], "NextToken": ...}` as `aws cloudtrail lookup-events` prints it); the
 *   other members of that object are checked and dropped;
 * - any other top-level object, whole (JSON Lines, concatenated objects, a digest file): emitted with its
 *   top-level keys so that the caller can tell a record from a digest or from something else.
 *
 * Memory is bounded by the largest single record (and by `maxRecordChars`): the text of the value being
 * delimited is carried across chunk boundaries, nothing else is kept. Speed: inside strings, the scanner jumps
 * to the next `"` with indexOf and counts the backslashes before it; record text is sliced from the chunk.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const BOM = 0xfeff;
/** A structural problem: the splitter stops at the first one (what it emitted before stays emitted). */
class JsonStructureError extends Error {
    code;
    line;
    column;
    recordIndex;
    recordsLost;
    name = 'JsonStructureError';
    constructor(message, code, 
    /** 1-based line and column of the offending character (of the end of the text, for `truncated`). */
    line, column, 
    /** The record the problem is in, when it is inside one (a truncated last record). */
    recordIndex, 
    /** Records known to be lost (1 for a truncated record), when known. */
    recordsLost) {
        super(message);
        this.code = code;
        this.line = line;
        this.column = column;
        this.recordIndex = recordIndex;
        this.recordsLost = recordsLost;
    }
}
const DEFAULT_MAX_RECORD_CHARS = 64 * 1024 * 1024;
/** Top-level keys kept per object (for classifying it and for messages); the rest are only counted. */
const MAX_KEYS = 256;
const MAX_KEY_CHARS = 256;
// Parser states.
const TOP = 0; // between top-level values
const OBJ_FIRST_KEY = 1; // after the '{' of a top-level object: a key or '}'
const OBJ_KEY = 2; // after ',' in a top-level object: a key
const OBJ_KEY_TEXT = 3; // inside a key string
const OBJ_COLON = 4; // after a key: ':'
const OBJ_VALUE = 5; // after ':': a member value
const OBJ_NEXT = 6; // after a member value: ',' or '}'
const ARR_FIRST = 7; // after the '[' of a container: an element or ']'
const ARR_NEXT = 8; // after an element: ',' or ']'
const ARR_ELEMENT = 9; // after ',' in a container: an element (']' tolerated: trailing comma)
const VALUE = 10; // inside a value (a container element or a top-level object's member)
// Kinds of value being scanned in VALUE.
const NESTED = 0; // object, array or string: ends when the nesting depth is back to 0 outside a string
const SCALAR = 1; // number or literal: ends before the next delimiter
function isScalarEnd(c) {
    return c === COMMA || c === RBRACE || c === RBRACKET || (0,raw_fields/* isJsonWhitespace */.Wj)(c);
}
function isScalarStart(c) {
    return c === 0x2d || (c >= 0x30 && c <= 0x39) || c === 0x74 || c === 0x66 || c === 0x6e; // - 0-9 t f n
}
/**
 * Index of the `"` that closes the string whose content continues at `from`, or -1 if this chunk ends first.
 * `carry` = backslashes at the end of the previous chunks of the same string (only its parity matters).
 */
function findStringEnd(s, from, carry) {
    let j = from;
    for (;;) {
        j = s.indexOf('"', j);
        if (j < 0)
            return -1;
        let k = j - 1;
        while (k >= from && s.charCodeAt(k) === BACKSLASH)
            k--;
        let backslashes = j - 1 - k;
        if (k < from)
            backslashes += carry;
        if ((backslashes & 1) === 0)
            return j;
        j++;
    }
}
/** Backslashes at the end of `s` (from `from` on, plus `carry` if they reach `from`), for the next chunk. */
function trailingBackslashes(s, from, carry) {
    let k = s.length - 1;
    while (k >= from && s.charCodeAt(k) === BACKSLASH)
        k--;
    const count = s.length - 1 - k;
    return k < from ? count + carry : count;
}
function describeChar(c) {
    if (c === 0xfffd)
        return 'non-UTF-8 byte (binary data?)';
    if (c < 0x20 || c === 0x7f)
        return `control character 0x${c.toString(16).padStart(2, '0')} (binary data?)`;
    return `'${String.fromCharCode(c)}'`;
}
/**
 * The splitter as a push parser: `push` each chunk, then `end`. Both return the items completed so far; after
 * a structural problem, `error` is set and further input is ignored.
 */
class JsonRecordSplitter {
    /** The first structural problem, once found. */
    error;
    maxChars;
    state = TOP;
    out = [];
    /** Items emitted (the next item's index). */
    items = 0;
    /** Top-level values started. */
    values = 0;
    // The value being scanned (state VALUE).
    kind = NESTED;
    depth = 0;
    inString = false;
    /** Backslashes at the end of the previous chunk, inside the current string. */
    escapes = 0;
    /** Whether the value is a container element (emitted) or a member of a top-level object (part of it). */
    valueIsElement = false;
    // The current top-level object.
    isContainer = false;
    keys = [];
    key = '';
    container = 'array';
    // The text being captured: a container element, or a whole top-level object.
    capturing = false;
    captureStart = 0;
    captureParts = [];
    captureChars = 0;
    oversize = false;
    // Position, for messages.
    linesBefore = 0;
    /** Characters since the last line feed, at the start of the current chunk. */
    columnBefore = 0;
    constructor(options = {}) {
        this.maxChars = options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS;
    }
    /** Feeds one chunk; returns the items it completed. */
    push(s) {
        if (this.error || s.length === 0)
            return this.drain();
        if (this.capturing)
            this.captureStart = 0;
        const n = s.length;
        let i = 0;
        while (i < n && !this.error) {
            if (this.state === VALUE) {
                i = this.kind === NESTED ? this.scanNested(s, i) : this.scanScalar(s, i);
                continue;
            }
            if (this.state === OBJ_KEY_TEXT) {
                i = this.scanKey(s, i);
                continue;
            }
            let c = s.charCodeAt(i);
            while ((0,raw_fields/* isJsonWhitespace */.Wj)(c) || (c === BOM && this.state === TOP)) {
                if (++i === n)
                    break;
                c = s.charCodeAt(i);
            }
            if (i === n)
                break;
            switch (this.state) {
                case TOP:
                    i = this.startTopLevel(s, i, c);
                    break;
                case OBJ_FIRST_KEY:
                case OBJ_KEY:
                    if (c === QUOTE) {
                        this.state = OBJ_KEY_TEXT;
                        this.key = '';
                        this.escapes = 0;
                        i++;
                    }
                    else if (c === RBRACE && this.state === OBJ_FIRST_KEY) {
                        i = this.closeTopObject(s, i);
                    }
                    else {
                        this.fail(s, i, `expected a key${this.state === OBJ_FIRST_KEY ? " or '}'" : ''}, found ${describeChar(c)}`);
                    }
                    break;
                case OBJ_COLON:
                    if (c === COLON) {
                        this.state = OBJ_VALUE;
                        i++;
                    }
                    else {
                        this.fail(s, i, `expected ':' after the key "${this.key}", found ${describeChar(c)}`);
                    }
                    break;
                case OBJ_VALUE:
                    if (c === LBRACKET && (this.key === 'Records' || this.key === 'Events')) {
                        // A container: its elements are the records; the object itself is not kept.
                        this.isContainer = true;
                        this.stopCapture();
                        this.container = this.key;
                        this.state = ARR_FIRST;
                        i++;
                    }
                    else {
                        i = this.startValue(s, i, c, false);
                    }
                    break;
                case OBJ_NEXT:
                    if (c === COMMA) {
                        this.state = OBJ_KEY;
                        i++;
                    }
                    else if (c === RBRACE) {
                        i = this.closeTopObject(s, i);
                    }
                    else {
                        this.fail(s, i, `expected ',' or '}' after the value of "${this.key}", found ${describeChar(c)}`);
                    }
                    break;
                case ARR_FIRST:
                case ARR_ELEMENT:
                    if (c === RBRACKET) {
                        i = this.closeContainer(i);
                    }
                    else {
                        this.startCapture(i);
                        i = this.startValue(s, i, c, true);
                    }
                    break;
                case ARR_NEXT:
                    if (c === COMMA) {
                        this.state = ARR_ELEMENT;
                        i++;
                    }
                    else if (c === RBRACKET) {
                        i = this.closeContainer(i);
                    }
                    else {
                        this.fail(s, i, `expected ',' or ']' between records in the ${this.containerName()}, found ${describeChar(c)}`);
                    }
                    break;
            }
        }
        if (!this.error)
            this.endChunk(s);
        return this.drain();
    }
    /** Ends the input: reports a truncated or empty text. Returns the items not returned yet (none, normally). */
    end() {
        if (this.error)
            return this.drain();
        if (this.state === TOP) {
            if (this.values === 0)
                this.failAtEnd('not CloudTrail: no JSON value (empty file)', 'empty');
            return this.drain();
        }
        const after = this.items === 0 ? 'before any record' : `after record ${this.items - 1}`;
        if (this.capturing) {
            this.failAtEnd(`truncated JSON ${after}: the file ends inside record ${this.items}`, 'truncated', this.items, 1);
        }
        else if (this.state === ARR_FIRST || this.state === ARR_NEXT || this.state === ARR_ELEMENT) {
            this.failAtEnd(`truncated JSON ${after}: the file ends before the ${this.containerName()} is closed`, 'truncated');
        }
        else {
            this.failAtEnd(`truncated JSON ${after}: the file ends inside a top-level object`, 'truncated');
        }
        return this.drain();
    }
    drain() {
        if (this.out.length === 0)
            return [];
        const out = this.out;
        this.out = [];
        return out;
    }
    containerName() {
        return this.container === 'array' ? 'top-level array' : `${this.container} array`;
    }
    startTopLevel(s, i, c) {
        const first = this.values === 0;
        if (c === LBRACE) {
            this.values++;
            this.isContainer = false;
            this.keys = [];
            this.key = '';
            this.startCapture(i);
            this.state = OBJ_FIRST_KEY;
            return i + 1;
        }
        if (c === LBRACKET) {
            this.values++;
            this.container = 'array';
            this.state = ARR_FIRST;
            return i + 1;
        }
        if (first) {
            const what = c === QUOTE
                ? 'a JSON string'
                : c === 0x2d || (c >= 0x30 && c <= 0x39)
                    ? 'a JSON number'
                    : s.startsWith('true', i) || s.startsWith('false', i) || s.startsWith('null', i)
                        ? `the JSON literal ${s.slice(i, i + 5).replace(/[^a-z].*$/s, '')}`
                        : undefined;
            if (what) {
                this.failWith(s, i, `not CloudTrail: the file holds ${what}, not an object or array`, 'scalar');
            }
            else {
                const { line, column } = this.position(s, i);
                this.failWith(s, i, `not JSON: unexpected ${describeChar(c)} at line ${line} column ${column}`, 'syntax');
            }
            return i;
        }
        this.fail(s, i, `unexpected ${describeChar(c)} after the last top-level value`);
        return i;
    }
    startValue(s, i, c, isElement) {
        this.valueIsElement = isElement;
        this.state = VALUE;
        if (c === LBRACE || c === LBRACKET) {
            this.kind = NESTED;
            this.depth = 1;
            this.inString = false;
            return i + 1;
        }
        if (c === QUOTE) {
            this.kind = NESTED;
            this.depth = 0;
            this.inString = true;
            this.escapes = 0;
            return i + 1;
        }
        if (isScalarStart(c)) {
            this.kind = SCALAR;
            return i;
        }
        this.fail(s, i, `expected a value, found ${describeChar(c)}`);
        return i;
    }
    /** The hot loop: scans an object, array or string value; returns where it stopped. */
    scanNested(s, i) {
        const n = s.length;
        let depth = this.depth;
        if (this.inString) {
            const end = findStringEnd(s, i, this.escapes);
            if (end < 0) {
                this.escapes = trailingBackslashes(s, i, this.escapes);
                return n;
            }
            this.inString = false;
            i = end + 1;
            if (depth === 0)
                return this.endValue(s, i);
        }
        while (i < n) {
            const c = s.charCodeAt(i++);
            if (c === QUOTE) {
                // Inline findStringEnd(s, i, 0): the next '"' not preceded by an odd number of backslashes.
                const from = i;
                for (;;) {
                    const q = s.indexOf('"', i);
                    if (q < 0) {
                        this.inString = true;
                        this.escapes = trailingBackslashes(s, from, 0);
                        this.depth = depth;
                        return n;
                    }
                    i = q + 1;
                    if (s.charCodeAt(q - 1) !== BACKSLASH)
                        break;
                    let k = q - 2;
                    while (k >= from && s.charCodeAt(k) === BACKSLASH)
                        k--;
                    if (((q - 1 - k) & 1) === 0)
                        break;
                }
            }
            else if (c === LBRACE || c === LBRACKET) {
                depth++;
            }
            else if (c === RBRACE || c === RBRACKET) {
                if (--depth === 0) {
                    this.depth = 0;
                    return this.endValue(s, i);
                }
            }
        }
        this.depth = depth;
        return n;
    }
    scanScalar(s, i) {
        const n = s.length;
        while (i < n && !isScalarEnd(s.charCodeAt(i)))
            i++;
        return i < n ? this.endValue(s, i) : n;
    }
    scanKey(s, i) {
        const end = findStringEnd(s, i, this.escapes);
        if (end < 0) {
            this.escapes = trailingBackslashes(s, i, this.escapes);
            if (this.key.length < MAX_KEY_CHARS)
                this.key += s.slice(i, i + MAX_KEY_CHARS - this.key.length);
            return s.length;
        }
        if (this.key.length < MAX_KEY_CHARS)
            this.key += s.slice(i, Math.min(end, i + MAX_KEY_CHARS - this.key.length));
        if (this.keys.length < MAX_KEYS)
            this.keys.push(this.key);
        this.state = OBJ_COLON;
        return end + 1;
    }
    /** A value ended just before `end`. */
    endValue(s, end) {
        if (this.valueIsElement) {
            this.emit(s, end, this.container);
            this.state = ARR_NEXT;
        }
        else {
            this.state = OBJ_NEXT;
        }
        return end;
    }
    closeContainer(i) {
        this.state = this.container === 'array' ? TOP : OBJ_NEXT;
        return i + 1;
    }
    closeTopObject(s, i) {
        this.state = TOP;
        if (this.isContainer)
            return i + 1;
        this.emit(s, i + 1, 'object');
        return i + 1;
    }
    emit(s, end, from) {
        const index = this.items++;
        const chars = this.captureChars + end - this.captureStart;
        if (this.oversize || chars > this.maxChars) {
            this.out.push({ kind: 'oversize', index, container: from, chars });
        }
        else {
            const tail = s.slice(this.captureStart, end);
            const text = this.captureParts.length === 0 ? tail : this.captureParts.join('') + tail;
            this.out.push(from === 'object'
                ? { kind: 'object', index, text, keys: this.keys }
                : { kind: 'element', index, container: from, text });
        }
        this.stopCapture();
    }
    startCapture(i) {
        this.capturing = true;
        this.captureStart = i;
        this.captureChars = 0;
        this.oversize = false;
    }
    stopCapture() {
        this.capturing = false;
        if (this.captureParts.length > 0)
            this.captureParts = [];
        this.captureChars = 0;
    }
    endChunk(s) {
        if (this.capturing) {
            const chars = s.length - this.captureStart;
            this.captureChars += chars;
            if (!this.oversize && this.captureChars > this.maxChars) {
                this.oversize = true;
                this.captureParts = [];
            }
            if (!this.oversize && chars > 0)
                this.captureParts.push(s.slice(this.captureStart));
        }
        let lines = 0;
        let last = -1;
        for (let p = s.indexOf('\n'); p >= 0; p = s.indexOf('\n', p + 1)) {
            lines++;
            last = p;
        }
        this.linesBefore += lines;
        this.columnBefore = last >= 0 ? s.length - last - 1 : this.columnBefore + s.length;
    }
    /** 1-based line and column of s[i]. */
    position(s, i) {
        let line = this.linesBefore + 1;
        let last = -1;
        for (let p = s.indexOf('\n'); p >= 0 && p < i; p = s.indexOf('\n', p + 1)) {
            line++;
            last = p;
        }
        return { line, column: last >= 0 ? i - last : this.columnBefore + i + 1 };
    }
    fail(s, i, problem) {
        const after = this.items === 0 ? 'before any record' : `after record ${this.items - 1}`;
        const { line, column } = this.position(s, i);
        this.failWith(s, i, `invalid JSON at line ${line} column ${column} (${after}): ${problem}`, 'syntax');
    }
    failWith(s, i, message, code) {
        const { line, column } = this.position(s, i);
        this.error = new JsonStructureError(message, code, line, column);
        this.stopCapture();
    }
    failAtEnd(message, code, recordIndex, recordsLost) {
        this.error = new JsonStructureError(message, code, this.linesBefore + 1, this.columnBefore + 1, recordIndex, recordsLost);
        this.stopCapture();
    }
}
/**
 * Splits a stream of text chunks into records (see the module comment). Yields each item as soon as its chunk
 * is scanned; throws a JsonStructureError at the first structural problem, after the items before it.
 */
async function* splitJsonRecords(chunks, options = {}) {
    const splitter = new JsonRecordSplitter(options);
    for await (const chunk of chunks) {
        yield* splitter.push(chunk);
        if (splitter.error)
            throw splitter.error;
    }
    yield* splitter.end();
    if (splitter.error)
        throw splitter.error;
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __nccwpck_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
;// CONCATENATED MODULE: ./src/sources/files/walk.ts
/**
 * Turns the paths a user gave into the files to read, in a deterministic order: folders are walked recursively,
 * entries sorted by name (UTF-16 code unit order, independent of the locale).
 *
 * In a folder walk, only names ending in .json, .jsonl, .ndjson or .gz (any case; .json.gz included) are read,
 * and hidden entries (a leading dot) are left out; other files (README, NOTICE, .DS_Store...) are ignored
 * silently. A path given explicitly is always read, whatever its name. Files under a `CloudTrail-Digest` or
 * `CloudTrail-Insight` folder (the S3 layout `AWSLogs/[o-org/]ACCOUNT/CloudTrail-Digest/...`) hold no API
 * events: they are listed as skipped, and never opened.
 *
 * Memory: one directory listing per level of the folder being walked; nothing is kept per file.
 */



const EVENT_FILE = /\.(?:json|jsonl|ndjson|gz)$/i;
const DIGEST_REASON = 'CloudTrail digest file';
const INSIGHTS_REASON = 'CloudTrail Insights file';
/** Why files under a folder of this name are skipped, if they are. */
function skippedFolderReason(name) {
    const lower = name.toLowerCase();
    if (lower === 'cloudtrail-digest')
        return DIGEST_REASON;
    if (lower === 'cloudtrail-insight')
        return INSIGHTS_REASON;
    return undefined;
}
/** Whether a folder walk reads a file of this name. */
function isEventFileName(name) {
    return !name.startsWith('.') && EVENT_FILE.test(name);
}
function compareNames(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
/** `dev:ino` of a folder, to stop at a symbolic link back to one of its ancestors. */
function identity(stats) {
    return `${stats.dev}:${stats.ino}`;
}
/**
 * The files to read (or to report as skipped), in order. Paths that do not exist or cannot be listed are
 * reported as errors and the walk goes on.
 */
async function* walk_walkPaths(paths, reporter, signal) {
    for (const path of paths) {
        if (signal?.aborted)
            return;
        let stats;
        try {
            stats = await stat(path);
        }
        catch (err) {
            reporter.error({ file: path }, `cannot read: ${describeFsError(err)}`);
            continue;
        }
        if (stats.isDirectory()) {
            // A folder given inside a digest or Insights tree (AWSLogs/123/CloudTrail-Digest/us-east-1) is one too.
            const skip = resolve(path)
                .split(sep)
                .map(skippedFolderReason)
                .find((reason) => reason !== undefined);
            let found = 0;
            for await (const entry of walkFolder(path, skip, [identity(stats)], reporter, signal)) {
                found++;
                yield entry;
            }
            // A folder with nothing to read is most often the wrong folder: named, not passed over.
            if (found === 0 && !signal?.aborted) {
                reporter.error({ file: path }, 'no CloudTrail log file in this folder (a folder walk reads the files named *.json, *.jsonl, *.ndjson ' +
                    'or *.gz)');
            }
        }
        else {
            // Any other kind (a regular file, a pipe such as <(zcat ...), a device): read it as asked.
            yield { file: path };
        }
    }
}
async function* walkFolder(folder, skip, ancestors, reporter, signal) {
    const names = [];
    try {
        for await (const entry of await opendir(folder)) {
            if (entry.name.startsWith('.'))
                continue;
            names.push({ name: entry.name, isDirectory: entry.isDirectory(), isFile: entry.isFile() });
        }
    }
    catch (err) {
        if (isAbortError(err))
            return;
        reporter.error({ file: folder }, `cannot read: ${describeFsError(err)}`);
        return;
    }
    names.sort((a, b) => compareNames(a.name, b.name));
    for (const entry of names) {
        if (signal?.aborted)
            return;
        const path = join(folder, entry.name);
        if (entry.isFile) {
            if (isEventFileName(entry.name))
                yield skip ? { file: path, skip } : { file: path };
            continue;
        }
        // A folder, or a symbolic link (or an entry of unknown type) to follow.
        let stats;
        try {
            stats = await stat(path);
        }
        catch (err) {
            // A dangling link: an error only if it would have been read.
            if (entry.isDirectory || isEventFileName(entry.name)) {
                reporter.error({ file: path }, `cannot read: ${describeFsError(err)}`);
            }
            continue;
        }
        if (stats.isDirectory()) {
            const id = identity(stats);
            if (ancestors.includes(id))
                continue; // a link back up the tree, already being walked
            yield* walkFolder(path, skip ?? skippedFolderReason(entry.name), [...ancestors, id], reporter, signal);
        }
        else if (isEventFileName(entry.name)) {
            yield skip ? { file: path, skip } : { file: path };
        }
    }
}

;// CONCATENATED MODULE: ./src/sources/files/index.ts










/** CloudTrail records from files and folders (see the module comment), in a deterministic order. */
async function* readFiles(paths, reporter, opts = {}) {
    const { signal } = opts;
    for await (const entry of walkPaths(paths, reporter, signal)) {
        if (signal?.aborted)
            return;
        if (entry.skip !== undefined) {
            reporter.fileSkipped(entry.file, entry.skip);
            continue;
        }
        yield* fileRecords(entry.file, readWholeFile(entry.file), reporter, opts);
    }
}
/** Files up to this size are read whole and gunzipped in one call (see wholeFileText); larger ones stream. */
const WHOLE_FILE_MAX_BYTES = 32 * 1024 * 1024;
/**
 * The bytes of a local file read whole (gunzipped), when it is small enough: the fast way for the files CloudTrail
 * writes. Undefined when it is too big, not a plain file, or not readable that way: fileRecords then streams it and
 * reports what is wrong.
 */
function readWholeFile(file) {
    try {
        const stats = (0,external_node_fs_.statSync)(file);
        return stats.isFile() && stats.size <= WHOLE_FILE_MAX_BYTES
            ? wholeFileBytes((0,external_node_fs_.readFileSync)(file))
            : undefined;
    }
    catch {
        return undefined;
    }
}
/**
 * The records of one local file: from its `bytes` when it was read whole (readWholeFile), streamed when it is big or
 * cannot be read whole (the stream then reports what is wrong, after the records before it).
 */
function fileRecords(file, bytes, reporter, opts = {}) {
    return bytes === undefined
        ? readRecords(file, openFile(file, opts.signal), reporter, opts)
        : textRecords(file, bytes.toString('utf8'), reporter, opts);
}
/** A file about to be read: its state, and the splitter its text goes through. */
function startFile(file, reporter, opts) {
    const maxRecordChars = opts.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS;
    return {
        state: { file, reporter, maxRecordChars, signal: opts.signal, records: 0 },
        splitter: new JsonRecordSplitter({ maxRecordChars }),
    };
}
/**
 * The records of one file or object, from its byte stream (a file, an S3 object body: gzip or not). Reports it
 * as read (or skipped) under `file` (a path or an object key), and its problems; never throws for bad input.
 * Destroys the stream when done or stopped early.
 */
async function* readRecords(file, stream, reporter, opts = {}) {
    const { signal } = opts;
    const { state, splitter } = startFile(file, reporter, opts);
    let opened = false;
    try {
        for await (const chunk of decodeText(stream)) {
            opened = true;
            yield* handleItems(splitter.push(chunk), state);
            if (signal?.aborted)
                return;
            if (state.stop !== undefined || splitter.error)
                break;
        }
        if (signal?.aborted)
            return;
        if (state.stop === undefined && !splitter.error)
            yield* handleItems(splitter.end(), state);
    }
    catch (err) {
        if (decompress_isAbortError(err) || signal?.aborted)
            return;
        if (err instanceof FileReadError) {
            reporter.error({ file }, err.message);
        }
        else {
            reporter.error({ file }, `cannot read: ${decompress_describeFsError(err)}`);
        }
        // Opened and read up to the error (records before it were yielded) — unless it could not be opened at all.
        if (opened || !(err instanceof FileReadError && err.kind === 'io'))
            reporter.fileRead(file);
        return;
    }
    finish(state, splitter);
}
/** Reports a file read to its end: skipped (a digest), or read, after its structural error if any. */
function finish(state, splitter) {
    const { file, reporter } = state;
    if (state.stop === 'digest') {
        reporter.fileSkipped(file, DIGEST_REASON);
        return;
    }
    const error = splitter.error;
    if (error) {
        const origin = error.recordIndex === undefined ? { file } : { file, index: error.recordIndex };
        reporter.error(origin, error.message, error.recordsLost);
    }
    reporter.fileRead(file);
}
/**
 * A file's bytes, gunzipped in one call when they are gzip (no stream machinery). Undefined when they cannot be read
 * that way (corrupt or truncated gzip, too big): the caller then reads them with readRecords, which reports the
 * problem after the records before it.
 */
function wholeFileBytes(bytes, maxTextBytes = WHOLE_FILE_MAX_TEXT) {
    try {
        const isGzip = bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
        if (!isGzip)
            return bytes;
        return (0,external_node_zlib_.gunzipSync)(bytes, { maxOutputLength: maxTextBytes, chunkSize: outputChunk(bytes, maxTextBytes) });
    }
    catch {
        return undefined;
    }
}
/**
 * zlib's output chunk for a gzip file: its text's size as the gzip trailer gives it (ISIZE, the size modulo 2^32),
 * plus one byte, so that the text comes out in one buffer, never copied into another (fixed chunks cost a copy
 * of the whole text into one buffer and an allocation per chunk: about 15 % of the gunzip's CPU, and a peak some
 * 10 MB lower at a million events). The trailer is only a hint: a file that lies about it (or holds several gzip
 * members) is read in chunks of that size, clamped to [MIN_CHUNK, what deflate can expand the file to, and
 * maxTextBytes].
 */
function outputChunk(bytes, maxTextBytes) {
    const size = bytes.length >= 18 ? bytes.readUInt32LE(bytes.length - 4) + 1 : MIN_CHUNK;
    return Math.max(MIN_CHUNK, Math.min(size, bytes.length * MAX_DEFLATE_RATIO, maxTextBytes + 1));
}
const MIN_CHUNK = 64 * 1024;
/** Deflate's largest expansion is 1032 to 1. */
const MAX_DEFLATE_RATIO = 1032;
/** What readRecords yields and reports for a file whose whole text is `text` (see wholeFileText). */
function* textRecords(file, text, reporter, opts = {}) {
    const { signal } = opts;
    const { state, splitter } = startFile(file, reporter, opts);
    if (text.length > 0)
        yield* handleItems(splitter.push(text), state);
    if (signal?.aborted)
        return;
    if (state.stop === undefined && !splitter.error)
        yield* handleItems(splitter.end(), state);
    if (signal?.aborted)
        return;
    finish(state, splitter);
}
/** Largest decompressed text read whole (bytes); a bigger file is streamed. */
const WHOLE_FILE_MAX_TEXT = 256 * 1024 * 1024;
function* handleItems(items, state) {
    const { file, reporter } = state;
    for (const item of items) {
        if (state.signal?.aborted)
            return;
        const origin = { file, index: item.index };
        switch (item.kind) {
            case 'element':
                if (item.container === 'Events') {
                    const event = lookupEventRecord(item.text);
                    if ('message' in event) {
                        reporter.error(origin, event.message, 1);
                    }
                    else {
                        yield { text: event.text, origin };
                    }
                }
                else {
                    // Any value, objects or not: the records stage parses it and names what is not a record.
                    yield { text: item.text, origin };
                }
                state.records++;
                break;
            case 'object': {
                const kind = classifyObject(item.keys);
                if (kind.kind === 'record') {
                    state.records++;
                    yield { text: item.text, origin };
                }
                else if (state.records === 0) {
                    // The file's first value decides: a digest is skipped, anything else is not CloudTrail.
                    state.stop = kind.kind === 'digest' ? 'digest' : 'not-cloudtrail';
                    if (kind.kind === 'other')
                        reporter.error({ file }, kind.message);
                    return;
                }
                else {
                    // Among records (JSON Lines): one bad line, named; the rest of the file is read.
                    const message = kind.kind === 'digest' ? 'not a record: a CloudTrail digest object' : kind.message;
                    reporter.error(origin, message, 1);
                    state.records++;
                }
                break;
            }
            case 'oversize':
                reporter.error(origin, `record of ${item.chars} characters is longer than the limit of ${state.maxRecordChars}: skipped`, 1);
                state.records++;
                break;
        }
    }
}

// EXTERNAL MODULE: external "node:buffer"
var external_node_buffer_ = __nccwpck_require__(4573);
;// CONCATENATED MODULE: ./src/records/record-scanner.wasm.ts
// Generated by scripts/build-wasm.mjs from wasm/record-scanner.ts: do not edit.
const RECORD_SCANNER_WASM = 'AGFzbQEAAAABKQZgAn9/AGABfwF/YAJ/fwF/YAR/f39/AX9gBn9/f39/fwBgA39/fwF/AwcGAAECAwQFBQMBAAEGURB/AUEAC38BQQALfwFBAAt/AUEAC38BQQALfwFBAAt/AUEAC38BQQALfwFBAAt/AUEAC38BQQALfwFBAAt/AUEAC38BQQELfwFBfwt/AUF/Cwd0CwxyZWNvcmRTdGFydHMDBQpyZWNvcmRFbmRzAwYGdW5zdXJlAwcFa2luZHMDCAZzdGFydHMDCQRlbmRzAwoJZW5kT2Zmc2V0AwwJY29uZmlndXJlAAQLb3V0cHV0Qnl0ZXMAAgRzY2FuAAEGbWVtb3J5AgAKzBgGagEEfyMAIAFBDGxqIgEoAgAhAiABKAIEIQNBACEBA0AgASADSARAIwgjACMBIAEgAmpBFGxqKAIIIgRBDGxqKAIIIAAjAmxqaiIFLQAARQRAIAVBBToAAAsgACAEEAAgAUEBaiEBDAELCwu5CQMJfwZ+AXtBfyQOAkADQCAAIAVKBEAjAyAFaiEGQgAhCkIAIQ1CACEMQQAhAgNAIAJBBEgEQCAKIAYgAkEEdCIHav0ABAAiEP0MIiIiIiIiIiIiIiIiIiIiIv0j/WSsIAesIg+GhCEKIA0gEP0MXFxcXFxcXFxcXFxcXFxcXP0j/WSsIA+GhCENIAwgEP0Me3t7e3t7e3t7e3t7e3t7e/0jIBD9DH19fX19fX19fX19fX19fX39I/1QIBD9DFtbW1tbW1tbW1tbW1tbW1v9IyAQ/QxdXV1dXV1dXV1dXV1dXV1d/SP9UP1QIBD9DDo6Ojo6Ojo6Ojo6Ojo6Ojr9I/1Q/WSsIA+GhCEMIAJBAWohAgwBCwsgCyANhEIAUgRAIAohCwNAIAtCAFIEQCALeiEPIAsgC0IBfYMhCyAFIA+naiIGQQFrIQIDQCACQQBOBH8jAyACai0AAEHcAEYFQQALBEAgAkEBayECDAELCyAKQn4gD4mDIAogBkEBayACa0EBcRshCgwBCwsLIA1CP4ghC0IAIA4gCiAKQgGGhSIKIApCAoaFIgogCkIEhoUiCiAKQgiGhSIKIApCEIaFIgogCkIghoWFIgpCP4h9IQ4gDCAKQn+FgyEMA0AgDEIAUgRAIAUgDHqnaiEHIAwgDEIBfYMhDCAAIAdMDQQjAyAHai0AACIIQTpGBEAgBEUNBSMLIARBBHRqKAIAIgJBAE4EfyABIAIgByAAEAMFQQELRQ0FDAILIAhB2wBGIAhB+wBGcgRAIARFBEAgCEH7AEcEf0EABQJ/IAMhAiABQQBKIQZBACEEA0AgAiAHSARAIwMgAmotAAAiCEEsRgRAIARBAWohBAVBACAIQQpGIAhBIEZyIAhBDUZyIAhBCUZyRQ0DGgsgAkEBaiECDAELCyAEIAZGCwtFDQYgASMERgRAQX4PCyMFIAFBAnRqIAc2AgAjByABakEAOgAAIwggASMCbGpBACMC/AsAIwsiAkEQakEANgIAIAJBfzYCFCACIAc2AhggAkEBNgIcQQEhBAwDCyAEQQFqQYAITg0FQX8hAkF/IQYjDiAHRgRAIwAjD0EMbGoiCSgCCCEGIAhB+wBGBH8gCSgCBEEASgVBAAsEQCMPIQIFIAhB2wBGBEAgASMPEAALC0F/JA4LIwsgBEEBaiIEQQR0aiIJIAI2AgAgCSAGNgIEIAkgBzYCCCAJIAhB+wBGNgIMDAILIARFBEAgCEHdAEcEf0EABQJ/IAFBAEpBACECA0AgAyAHSARAIwMgA2otAAAiBEEsRgRAIAJBAWohAgVBACAEQQpGIARBIEZyIARBDUZyIARBCUZyRQ0DGgsgA0EBaiEDDAELCyACTgsLRQ0FIAdBAWokDCABDwsjCyAEQQR0aiICKAIMIAhB/QBGRw0EIAIoAgQiBkEATgRAIAIoAgghAiABIwJsIAZqIgYjCGotAAAEQCMHIAFqQQE6AAALIwggBmpBBToAACAGQQJ0IgYjCWogAjYCACMKIAZqIAdBAWo2AgALIARBAWsiBEUEQCMGIAFBAnRqIAdBAWoiAzYCACABQQFqIQELDAELCyAFQUBrIQUMAQsLQX8PC0F/CxUAIABBCWwgACABbEEJbGpBxIABagumCgIGfwF7IAJBAWshBgNAIAZBAE4EfyMDIAZqLQAAIgRBCkYgBEEgRnIgBEENRnIgBEEJRnIFQQALBEAgBkEBayEGDAELCyAGQQBIBH9BAQUjAyAGai0AAEEiRwsEQEEADwsgBiEEAkADQCAEQRBOBEAgBEEQayIEIwNq/QAEAP0MIiIiIiIiIiIiIiIiIiIiIv0j/WQiBQRAIARBH2ogBWdrIgRBAWshBwNAIAdBAE4EfyMDIAdqLQAAQdwARgVBAAsEQCAHQQFrIQcMAQsLIAQiBUEBayAHa0EBcUUNAwsMAQsLIARBAWshBANAIARBAE4EQCAEIgUjA2otAABBIkYEfyAEQQFrIQcDQCAHQQBOBH8jAyAHai0AAEHcAEYFQQALBEAgB0EBayEHDAELCyAFQQFrIAdrQQFxBUEBC0UNAiAFQQFrIQQMAQsLQX8hBQsgBUEASARAQQAPCyAFQQFqIQQCQANAIAQgBkgEQCMDIARq/QAEAP0MXFxcXFxcXFxcXFxcXFxcXP0j/WQhCEEBIQcgBiAEayIJQRBIBH8gCEEBIAl0QQFrcQUgCAsNAiAEQRBqIQQMAQsLQQAhBwsgBwRAIwcgAGpBAToAAEEBDwsgASAFQQFqIgEgBhAFIgRBAEgEQAJAA0AgASAGSARAIwMgAWr9AAQA/QwuLi4uLi4uLi4uLi4uLi4u/SP9ZCEDQQEhAiAGIAFrIgRBEEgEfyADQQEgBHRBAWtxBSADCw0CIAFBEGohAQwBCwtBACECCyACBEAjByAAakEBOgAAC0EBDwsjACAEQQxsaigCCCEFIAJBAWohAQNAIwMgAWotAAAiAkEKRiACQSBGciACQQ1GciACQQlGcgRAIAFBAWohAQwBCwsjAyABai0AACICQSJGBEBBASQNIAFBAWohAgJ/A0AgAiADSARAIwMgAmr9AAQAIgr9DCIiIiIiIiIiIiIiIiIiIiL9IyAK/QxcXFxcXFxcXFxcXFxcXFxc/SP9UCAK/QwAAAAAAAAAAAAAAAAAAAAA/SX9UP1kIgRFBEAgAkEQaiECDAILIAIgBGhqIgIjA2otAAAhBEF/IAIgAiADThsgBEEiRg0CGkEAJA0gAkECaiACQQFqIARB3ABGGyECDAELC0F/CyICQQBIBEBBAA8LIAAjAmwgBWoiAyMIai0AAARAIwcgAGpBAToAAAsjCCADakEBQQIjDRs6AAAgA0ECdCIAIwlqIAFBAWo2AgAjCiAAaiACNgIABSACQdsARiACQfsARnIEQCABJA4gBCQPBSACQeYARiIDIAJB9ABGIgRyIAJB7gBGcgRAIAQEf0Hy6pUDBUHh2M2rBkH12LEDIAJB5gBGGwshBCACQeYARgR/IwMgAUEBamooAgAFIwMgAUEBamooAgBB////B3ELIARHBEBBAA8LIAAjAmwgBWoiAiMIai0AAARAIwcgAGpBAToAAAsjCCACakEDOgAAIAJBAnQiACMJaiABNgIAIwogAGogAUEFQQQgAxtqNgIABSACQS1GBH9BAQUgAkE5TSACQTBPcQsEQCABQQFqIQIDQCMDIAJqLQAAIgNBOU0gA0EwT3EgA0EuRnIgA0HlAEZyIANBxQBGciADQStGciADQS1GcgRAIAJBAWohAgwBCwsgACMCbCAFaiIDIwhqLQAABEAjByAAakEBOgAACyMIIANqQQQ6AAAgA0ECdCIAIwlqIAE2AgAjCiAAaiACNgIABUEADwsLCwtBAQtZACAAJAAgASQBIAIkAiADJAMgBCQEIAUkBSMEQQJ0IgAjBWokBiMGIABqJAcjByMEaiQIIwQjAmwiACMIakEDakF8cSQJIABBAnQiACMJaiQKIwogAGokCwuLAwEMfyMAIABBDGxqIgAoAgAhCSAAKAIEIQogAiABayIDQQROIggEfyMDIAFqKAIABUEACyELIAgEfyMDIAJBBGtqKAIABUEACyEMA0AgByAKSARAIwEgByAJakEUbGoiBigCBCADRwR/QQEFIAYoAgwgC0cLBH9BAQUgBigCECAMRwtFBEAgCCADQQhMcQRAIAYoAggPCyADIQBBACECAkAgBigCACIEIwMgAWoiBUYNACAEQQdxIAVBB3FGBEADQCAEQQdxBEBBACECIABFDQMgBC0AACINIAUtAAAiDmshAiANIA5HDQMgAEEBayEAIARBAWohBCAFQQFqIQUMAQsLA0AgAEEITwRAIAQpAwAgBSkDAFEEQCAEQQhqIQQgBUEIaiEFIABBCGshAAwCCwsLCwNAIAAiAkEBayEAIAIEQCAELQAAIg0gBS0AACIOayECIA0gDkcNAiAEQQFqIQQgBUEBaiEFDAELC0EAIQILIAJFBEAgBigCCA8LCyAHQQFqIQcMAQsLQX8L';

;// CONCATENATED MODULE: ./src/records/record-scanner.ts
/**
 * A log file as CloudTrail delivers it (`{"Records":[{...},{...}]}`), split into its records and read for the
 * values of a few fields in one pass that builds no object: the fast way to tell the records no rule can match
 * (rules/prefilter.ts) and to count them without parsing them (parse.ts, rawEvent). The pass runs in WebAssembly
 * (wasm/record-scanner.ts, 64 bytes at a time with SIMD compares): in JavaScript, visiting every string of every
 * record cost more than JSON.parse itself.
 *
 * Exact, not heuristic: a field is read at its path (`userIdentity.arn` is the `arn` key of the record's
 * `userIdentity` object, nothing deeper or elsewhere), as JSON.parse and the rules (rules/field-path.ts) read it.
 * Where the text leaves that in doubt the record is marked `unsure` and the caller parses it: a field given twice
 * (JSON.parse keeps the last), a key with escapes or with a dot in an object on a path (a path `a.b` may also name a
 * key `a.b`). A string with escapes or non-ASCII characters, and a path through an array, read as COMPLEX (the
 * prefilter then assumes they may hold anything).
 *
 * What is checked: the file's shape, the strings (escaped quotes included), the nesting of every record and the
 * members on the paths read. scan() returns false, having kept nothing, when the text is not of this shape (another
 * shape, JSON Lines, a record that is not an object, unbalanced brackets): the caller then reads the file with the
 * splitter (sources/files), which reports exactly what is wrong and where. The other tokens of a record are checked
 * by JSON.parse when it is parsed; a record counted without parsing is not (as with the splitter, which delimits
 * records without reading them).
 */



// Kinds of a slot's value, as the WebAssembly scanner writes them.
const ABSENT = 0;
const STRING_PLAIN = 1;
const SCALAR_LITERAL = 3;
const SCALAR_NUMBER = 4;
const INVALID = -1;
const FULL = -2;
const PADDING = 64;
const PAGE = 65536;
let compiled;
function instantiate() {
    compiled ??= new WebAssembly.Module(Buffer.from(RECORD_SCANNER_WASM, 'base64'));
    const instance = new WebAssembly.Instance(compiled, {
        env: {
            abort: () => {
                throw new Error('record scanner: abort');
            },
        },
    });
    return instance.exports;
}
class RecordScanner {
    /** The keys of the occurrences (`FieldOccurrences.key`): the last part of each path, as given. */
    keys;
    /** Records found by the last scan. */
    count = 0;
    wasm;
    slots;
    /** The key index of each slot that is one of the paths asked for, else -1. */
    keyOfSlot;
    /** The index in `paths` of each slot that is one of them, else -1. */
    pathOfSlot;
    /** Where the input starts in the module's memory (after the path table). */
    inputAt;
    capacity = 256;
    tableAt = { nodes: 0, children: 0 };
    // The last scan: its Records array's bytes (a view of the module's copy), and the outputs' offsets.
    bytes = Buffer.alloc(0);
    ascii = true;
    out = { recordStarts: 0, recordEnds: 0, starts: 0, ends: 0, unsure: 0, kinds: 0 };
    i32 = new Int32Array(0);
    u8 = new Uint8Array(0);
    view;
    /** `paths`: field paths (`eventName`, `userIdentity.arn`); `keys`: the key list occurrences are numbered in. */
    constructor(paths, keys) {
        this.keys = keys;
        const root = { name: '', slot: -1, children: [] };
        let slots = 0;
        const keyOf = [];
        const pathOf = [];
        for (const path of new Set(paths)) {
            let node = root;
            const parts = path.split('.');
            for (const part of parts) {
                let next = node.children.find((c) => c.name === part);
                if (!next) {
                    next = { name: part, slot: slots++, children: [] };
                    keyOf.push(-1);
                    pathOf.push(-1);
                    node.children.push(next);
                }
                node = next;
            }
            const key = keys.indexOf(parts[parts.length - 1]);
            if (key < 0)
                throw new Error(`RecordScanner: the key of ${path} is not in the key list`);
            keyOf[node.slot] = key;
            pathOf[node.slot] = paths.indexOf(path);
        }
        this.slots = slots;
        this.keyOfSlot = Int32Array.from(keyOf);
        this.pathOfSlot = Int32Array.from(pathOf);
        this.wasm = instantiate();
        this.inputAt = this.writePathTable(root);
        this.view = new ScannedFields(this);
    }
    /**
     * Scans a whole file's bytes. False when they are not JSON of the shape `{"Records":[{...},...]}`: nothing is
     * kept, the caller reads the file another way.
     */
    scan(bytes) {
        this.count = 0;
        const from = recordsStart(bytes);
        if (from < 0)
            return false;
        const length = bytes.length - from;
        for (;;) {
            const outputAt = align(this.inputAt + length + PADDING, 64);
            this.ensureMemory(outputAt + this.wasm.outputBytes(this.capacity, this.slots));
            const memory = new Uint8Array(this.wasm.memory.buffer);
            memory.set(bytes.subarray(from), this.inputAt);
            memory.fill(0, this.inputAt + length, this.inputAt + length + PADDING);
            const { nodes, children } = this.tableAt;
            this.wasm.configure(nodes, children, this.slots, this.inputAt, this.capacity, outputAt);
            const count = this.wasm.scan(length);
            if (count === FULL) {
                this.capacity *= 2;
                continue;
            }
            if (count === INVALID || !onlyClosing(bytes, from + this.wasm.endOffset.value))
                return false;
            this.count = count;
            break;
        }
        // Texts are sliced from the copy in the module's memory: the file's own buffer can go at once (kept while its
        // records are examined, it would outlive young-generation collections and wait for a full one).
        this.bytes = Buffer.from(this.wasm.memory.buffer, this.inputAt, length);
        this.ascii = (0,external_node_buffer_.isAscii)(bytes);
        const w = this.wasm;
        const at = (global) => global.value;
        this.out = {
            recordStarts: at(w.recordStarts) >> 2,
            recordEnds: at(w.recordEnds) >> 2,
            starts: at(w.starts) >> 2,
            ends: at(w.ends) >> 2,
            unsure: at(w.unsure),
            kinds: at(w.kinds),
        };
        this.i32 = new Int32Array(this.wasm.memory.buffer);
        this.u8 = new Uint8Array(this.wasm.memory.buffer);
        return true;
    }
    /** Record r's text. */
    recordText(r) {
        const start = this.i32[this.out.recordStarts + r];
        const end = this.i32[this.out.recordEnds + r];
        return this.ascii ? this.bytes.latin1Slice(start, end) : this.bytes.utf8Slice(start, end);
    }
    /** Whether record r must be parsed to know its fields (see the module comment). */
    unsure(r) {
        return this.u8[this.out.unsure + r] === 1;
    }
    /** Record r's fields, as occurrences of `keys`: a view that the next call replaces. */
    fields(r) {
        this.view.load(r);
        return this.view;
    }
    /** For ScannedFields: slot s of record r. */
    slotKind(r, s) {
        return this.u8[this.out.kinds + r * this.slots + s];
    }
    /** The text of slot s of record r (a plain string's content, a literal, a number). */
    slotText(r, s) {
        const at = r * this.slots + s;
        return this.bytes.latin1Slice(this.i32[this.out.starts + at], this.i32[this.out.ends + at]);
    }
    slotCount() {
        return this.slots;
    }
    keyOf(s) {
        return this.keyOfSlot[s];
    }
    pathOf(s) {
        return this.pathOfSlot[s];
    }
    ensureMemory(bytes) {
        const memory = this.wasm.memory;
        if (memory.buffer.byteLength < bytes)
            memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / PAGE));
    }
    /**
     * Writes the path table at the start of the module's memory: nodes (first child, child count, slot), child
     * entries (name offset, name length, node), then the names. Returns where the input may start.
     */
    writePathTable(root) {
        const nodes = [root];
        for (let i = 0; i < nodes.length; i++)
            nodes.push(...nodes[i].children);
        const nodesAt = 0;
        const childrenAt = nodesAt + 12 * nodes.length;
        const namesAt = childrenAt + 20 * (nodes.length - 1);
        const names = new Map(nodes.map((n) => [n, Buffer.from(n.name, 'utf8')]));
        let end = namesAt;
        for (const node of nodes.slice(1))
            end += names.get(node).length;
        this.ensureMemory(end + PAGE);
        const view = new DataView(this.wasm.memory.buffer);
        const bytes = new Uint8Array(this.wasm.memory.buffer);
        let entry = 0;
        let nameAt = namesAt;
        nodes.forEach((node, i) => {
            view.setInt32(nodesAt + 12 * i, entry, true);
            view.setInt32(nodesAt + 12 * i + 4, node.children.length, true);
            view.setInt32(nodesAt + 12 * i + 8, node.slot, true);
            for (const child of node.children) {
                const name = names.get(child);
                const at = childrenAt + 20 * entry;
                view.setInt32(at, nameAt, true);
                view.setInt32(at + 4, name.length, true);
                view.setInt32(at + 8, nodes.indexOf(child), true);
                // The name's first and last four bytes, which the scanner compares first.
                view.setUint32(at + 12, name.length >= 4 ? name.readUInt32LE(0) : 0, true);
                view.setUint32(at + 16, name.length >= 4 ? name.readUInt32LE(name.length - 4) : 0, true);
                bytes.set(name, nameAt);
                nameAt += name.length;
                entry++;
            }
        });
        this.tableAt = { nodes: nodesAt, children: childrenAt };
        return align(end, 64);
    }
}
/** A record's fields as occurrences (see FieldOccurrences), read from the scanner's slots. */
class ScannedFields {
    scanner;
    keys;
    exact = true;
    count = 0;
    record = 0;
    slotAt;
    kindAt;
    /** The record's values read so far: the prefilter and the counting read some of the same (eventName). */
    values;
    index = new Map();
    constructor(scanner) {
        this.scanner = scanner;
        this.keys = scanner.keys;
        this.keys.forEach((key, i) => this.index.set(key, i));
        this.slotAt = new Int32Array(scanner.slotCount());
        this.kindAt = new Uint8Array(scanner.slotCount());
        this.values = new Array(scanner.slotCount()).fill(undefined);
    }
    load(r) {
        const scanner = this.scanner;
        this.record = r;
        let n = 0;
        for (let s = 0; s < this.slotAt.length; s++) {
            if (scanner.keyOf(s) < 0)
                continue;
            const kind = scanner.slotKind(r, s);
            if (kind === ABSENT)
                continue;
            this.slotAt[n] = s;
            this.kindAt[n] =
                kind === STRING_PLAIN
                    ? raw_fields/* STRING */.An
                    : kind === SCALAR_LITERAL
                        ? raw_fields/* LITERAL */.ak
                        : kind === SCALAR_NUMBER
                            ? raw_fields/* NUMBER */.uk
                            : raw_fields/* COMPLEX */.lx;
            this.values[n] = undefined;
            n++;
        }
        this.count = n;
    }
    indexOf(key) {
        return this.index.get(key) ?? -1;
    }
    key(i) {
        return this.scanner.keyOf(this.slotAt[i]);
    }
    path(i) {
        return this.scanner.pathOf(this.slotAt[i]);
    }
    kind(i) {
        return this.kindAt[i];
    }
    value(i) {
        if (this.kindAt[i] === raw_fields/* COMPLEX */.lx)
            return '';
        return (this.values[i] ??= this.scanner.slotText(this.record, this.slotAt[i]));
    }
}
const RECORDS_KEY = Buffer.from('"Records"');
function skipSpace(bytes, i) {
    while ((0,raw_fields/* isJsonWhitespace */.Wj)(bytes[i]))
        i++;
    return i;
}
/** The offset after the `[` of `{"Records":[`, at the start of the bytes (after a BOM, whitespace), or -1. */
function recordsStart(bytes) {
    let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    i = skipSpace(bytes, i);
    if (bytes[i] !== 0x7b)
        return -1;
    i = skipSpace(bytes, i + 1);
    if (!bytes.subarray(i, i + RECORDS_KEY.length).equals(RECORDS_KEY))
        return -1;
    i = skipSpace(bytes, i + RECORDS_KEY.length);
    if (bytes[i] !== 0x3a)
        return -1;
    i = skipSpace(bytes, i + 1);
    return bytes[i] === 0x5b ? i + 1 : -1;
}
/** Whether the bytes from `i` are the `}` closing the file's object, with whitespace around it. */
function onlyClosing(bytes, i) {
    i = skipSpace(bytes, i);
    if (bytes[i] !== 0x7d)
        return false;
    return skipSpace(bytes, i + 1) === bytes.length;
}
function align(n, to) {
    return Math.ceil(n / to) * to;
}

;// CONCATENATED MODULE: ./src/pipeline/parallel/examine.ts
/**
 * The one place where a record's text is parsed and matched, whatever thread runs it (the main thread for
 * streaming sources and small scans, a worker thread for files otherwise): text → ScanEntry.
 *
 * Parse only what can match: when the rule set has a prefilter (rules/prefilter.ts), a record whose fields show that
 * no rule can match it, or that it lies outside the window and the history, is counted from those fields
 * (records/parse.ts, rawEvent) and not parsed; one that may match is parsed and tried only against the rules its
 * fields let through (the rules of its eventName, and of the rules that name none, those whose requirement its fields
 * meet: most records fail all but a few). A file as CloudTrail delivers it is split and its fields read in one
 * pass by the record scanner (records/record-scanner.ts, WebAssembly), which costs a fraction of parsing. Other
 * records (a stream, JSON Lines, a file the scanner does not take) are read with the key scanner of
 * records/raw-fields.ts, which costs about as much as parsing: there the prefilter is tried on the first SAMPLE
 * records of each file (and of every STREAM_PERIOD records of a stream) and kept for the rest only if it spared at
 * least SPARED of them. Per file, so that what a file gives does not depend on the thread that reads it.
 */








const SAMPLE = 32;
const SPARED = 0.75;
const STREAM_PERIOD = 16_384;
class RecordExaminer {
    index;
    plan;
    carry;
    analyzers;
    position = new Map();
    historyIndex;
    prefilter;
    /** Splits a file read whole and reads the fields the prefilter needs, in one pass (records/record-scanner.ts). */
    scanner;
    /** Records examined since the file (or the stream's period) began, those the prefilter spared, and its use. */
    examined = 0;
    spared = 0;
    prefilterOn = true;
    /**
     * `carry`: how a record travels to the merge. `record`: the parsed object, whenever it matched (the same thread:
     * the merge describes it). `text`, from a worker: the JSON text of the records the plan asks for (re-parsing the
     * few carried records is cheaper than cloning objects, and keeps one parse path); the other matches described
     * here, for the Detector and for the `analyzers`.
     */
    constructor(rules, index, plan, carry, analyzers) {
        this.index = index;
        this.plan = plan;
        this.carry = carry;
        this.analyzers = analyzers;
        rules.forEach((rule, i) => this.position.set(rule, i));
        const historyRules = new Set(plan.history?.ruleIds ?? []);
        this.historyIndex = plan.history
            ? new src_rules/* RuleIndex */.P(rules.filter((r) => historyRules.has(r.rule.ruleId)))
            : undefined;
        this.prefilter = prefilter/* RecordPrefilter */.fO.of(rules, RAW_EVENT_KEYS).prefilter;
        this.scanner = this.prefilter
            ? new RecordScanner(this.prefilter.paths, this.prefilter.fields.keys)
            : new RecordScanner([], []);
    }
    /**
     * Record r of the file the scanner just scanned: counted from its fields when no rule can match it, else parsed
     * and matched against the rules its fields let through.
     */
    examineScanned(r, file) {
        const scanner = this.scanner;
        const origin = { file, index: r };
        if (!this.prefilter || scanner.unsure(r))
            return this.parsed(scanner.recordText(r), origin);
        return this.examineFields(this.prefilter, scanner.fields(r), () => scanner.recordText(r), origin);
    }
    /** A file begins: the prefilter is tried again on its first records. */
    beginFile() {
        this.examined = 0;
        this.spared = 0;
        this.prefilterOn = true;
    }
    examine({ text, origin }) {
        if (this.prefilter) {
            const n = this.examined++;
            if (n === SAMPLE)
                this.prefilterOn = this.spared >= SAMPLE * SPARED;
            else if (n === STREAM_PERIOD)
                this.beginFile();
            const { fields } = this.prefilter;
            if (this.prefilterOn && fields.scan(text)) {
                const entry = this.examineFields(this.prefilter, fields, () => text, origin);
                if (entry.kind === 'event' && entry.unparsed)
                    this.spared++;
                return entry;
            }
        }
        return this.parsed(text, origin);
    }
    /** `told`: which rules the prefilter lets through (by default, every candidate of the record's eventName). */
    parsed(text, origin, told) {
        const parsed = parseRecord(text);
        if (parsed.kind === 'problem')
            return { kind: 'problem', origin, message: parsed.message };
        if (parsed.kind === 'insight')
            return parsed;
        const { record, time } = parsed;
        const place = placeOf(this.plan, time);
        const matched = place === 'window'
            ? matchingRules(this.index, record, told)
            : place === 'history'
                ? matchingRules(this.historyIndex, record, told)
                : [];
        const entry = {
            kind: 'event',
            id: typeof record.eventID === 'string' ? record.eventID : undefined,
            time,
            eventTime: record.eventTime,
            account: typeof record.recipientAccountId === 'string' ? record.recipientAccountId : undefined,
            region: typeof record.awsRegion === 'string' ? record.awsRegion : undefined,
            matches: matched.map((rule) => this.position.get(rule)),
        };
        const { records } = this.plan;
        const carried = this.carry === 'record'
            ? matched.length > 0 || (place === 'window' && records === 'all')
            : place === 'window' && (records === 'all' || (records === 'matched' && matched.length > 0));
        if (carried) {
            if (this.carry === 'record')
                entry.record = record;
            else
                entry.text = text;
        }
        else if (matched.length > 0) {
            // The Detector makes findings only of rules that report on their own (not feeders of analyzers).
            if (place === 'window' && matched.some((rule) => (0,model/* makesFindings */.w)(rule.rule)))
                entry.described = matched.map((rule) => (0,model/* makesFindings */.w)(rule.rule) ? describeMatch(rule, record) : null);
            const timed = { record, time };
            const analyzed = matched.map((rule) => this.analyzers?.describe(rule, timed, place === 'window'));
            if (analyzed.some((a) => a !== undefined))
                entry.analyzed = analyzed;
        }
        return entry;
    }
    /**
     * A record the prefilter reads from its fields: counted from them when no rule can match it (or it lies outside the
     * window and the history); else parsed and matched against the rules they let through, or against every candidate
     * when they leave its time in doubt or every event travels whole.
     */
    examineFields(prefilter, fields, text, origin) {
        const event = rawEvent(fields);
        if (!event)
            return this.parsed(text(), origin);
        const place = placeOf(this.plan, event.time);
        if (place !== 'outside') {
            // Every event of the window travels whole for a timeline of all events.
            if (place === 'window' && this.plan.records === 'all')
                return this.parsed(text(), origin);
            if (prefilter.mayMatch(text, fields))
                return this.parsed(text(), origin, (rule) => prefilter.mayMatchRule(rule, text, fields));
        }
        return {
            kind: 'event',
            id: event.id,
            time: event.time,
            eventTime: event.eventTime,
            account: event.account,
            region: event.region,
            matches: [],
            unparsed: true,
        };
    }
}
/** Reads one file to the end: its reports and records, examined, in order, into `sink`. */
async function examineFile(file, examiner, sink, signal) {
    // Reports are few: they wait for the next record (or the end) rather than making the reporter async.
    const reports = [];
    const collector = {
        fileRead: (f) => reports.push({ kind: 'fileRead', file: f }),
        fileSkipped: (f, reason) => reports.push({ kind: 'fileSkipped', file: f, reason }),
        error: (origin, message, recordsLost) => reports.push(recordsLost === undefined
            ? { kind: 'error', origin, message }
            : { kind: 'error', origin, message, recordsLost }),
    };
    const add = async (entry) => {
        while (reports.length > 0) {
            const wait = sink.add(reports.shift());
            if (wait)
                await wait;
        }
        const wait = sink.add(entry);
        if (wait)
            await wait;
    };
    examiner.beginFile();
    const bytes = readWholeFile(file);
    if (bytes !== undefined && examiner.scanner.scan(bytes)) {
        // The usual case, a file as CloudTrail delivers it: no promise per record unless the sink asks to wait.
        for (let r = 0; r < examiner.scanner.count; r++) {
            if (signal?.aborted)
                return;
            const wait = sink.add(examiner.examineScanned(r, file));
            if (wait)
                await wait;
        }
        const wait = sink.add({ kind: 'fileRead', file });
        if (wait)
            await wait;
        return;
    }
    // Read once: a file the scanner did not take is split from the same bytes (or streamed, when it was too big).
    const records = fileRecords(file, bytes, collector, signal ? { signal } : {});
    if (Symbol.asyncIterator in records) {
        for await (const raw of records)
            await add(examiner.examine(raw));
    }
    else {
        // A file read whole: no promise per record unless the sink asks to wait.
        for (const raw of records) {
            const entry = examiner.examine(raw);
            if (reports.length > 0) {
                await add(entry);
                continue;
            }
            const wait = sink.add(entry);
            if (wait)
                await wait;
        }
    }
    for (const report of reports.splice(0)) {
        const wait = sink.add(report);
        if (wait)
            await wait;
    }
}


/***/ }),

/***/ 9206:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Jy: () => (/* binding */ BATCH_TEXT_CHARS),
/* harmony export */   Nu: () => (/* binding */ BATCH_EVENTS),
/* harmony export */   bb: () => (/* binding */ BATCHES_AHEAD)
/* harmony export */ });
/** Batches of one file a worker may send ahead of the main thread. */
const BATCHES_AHEAD = 2;
/**
 * A batch is sent when it holds this many events... Few enough that its texts (the events' eventTimes: 20 characters
 * each) stay below V8's large-object size (128 kB): a larger text is allocated in the main thread's old generation as
 * it arrives, and stays there, garbage, until a full collection (what the events carry is cut in texts of its own,
 * see event-columns.ts).
 */
const BATCH_EVENTS = 1024;
/** ... or this many characters of carried record text. */
const BATCH_TEXT_CHARS = 4 * 1024 * 1024;


/***/ }),

/***/ 40:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var node_worker_threads__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(5919);
/* harmony import */ var node_worker_threads__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_worker_threads__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _core_logger_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(1227);
/* harmony import */ var _rules_rule_set_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(3814);
/* harmony import */ var _analyzers_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(9406);
/* harmony import */ var _rules_index_js__WEBPACK_IMPORTED_MODULE_6__ = __nccwpck_require__(5755);
/* harmony import */ var _examine_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(347);
/* harmony import */ var _event_columns_js__WEBPACK_IMPORTED_MODULE_5__ = __nccwpck_require__(4658);
/* harmony import */ var _protocol_js__WEBPACK_IMPORTED_MODULE_7__ = __nccwpck_require__(9206);
/**
 * A scan worker thread: loads the rule set as the main thread did, then reads the files it is sent (decompress,
 * split, parse, match) and posts each file's entries back in bounded batches, never more than BATCHES_AHEAD that
 * the main thread has not taken. Bundled on its own as dist/scan-worker.js.
 */








const port = node_worker_threads__WEBPACK_IMPORTED_MODULE_0__.parentPort;
if (!port)
    throw new Error('scan-worker must run as a worker thread');
const post = (message) => port.postMessage(message);
const init = node_worker_threads__WEBPACK_IMPORTED_MODULE_0__.workerData;
/** Per file being read: batches sent and not taken yet, and who waits for one to be taken. */
const ahead = new Map();
/** The files sent, read one after another. */
let reading = Promise.resolve();
try {
    const ruleSet = await (0,_rules_rule_set_js__WEBPACK_IMPORTED_MODULE_2__/* .loadRuleSet */ .ZI)(init.rules, _core_logger_js__WEBPACK_IMPORTED_MODULE_1__/* .silentLogger */ .q);
    const { rules } = ruleSet;
    // Analyzers here only describe matches (plain data the main thread's analyzers observe): no state, no history.
    const analyzers = new _analyzers_js__WEBPACK_IMPORTED_MODULE_3__/* .Analyzers */ .E(ruleSet, init.plan.window, _core_logger_js__WEBPACK_IMPORTED_MODULE_1__/* .silentLogger */ .q);
    const examiner = new _examine_js__WEBPACK_IMPORTED_MODULE_4__/* .RecordExaminer */ .b(rules, new _rules_index_js__WEBPACK_IMPORTED_MODULE_6__/* .RuleIndex */ .P(rules), init.plan, 'text', analyzers);
    port.on('message', (message) => {
        if (message.type === 'taken') {
            const file = ahead.get(message.id);
            if (!file)
                return;
            file.sent--;
            file.waiting?.();
            return;
        }
        const { id, port } = message;
        ahead.set(id, { sent: 0 });
        const sink = new BatchSink(id, port, rules, analyzers);
        // One file at a time, in the order they came: a file waiting for its batches to be taken must not let the next
        // one start, which would scan into the examiner's scanner under it (and lose the rest of the first file).
        reading = reading
            .then(() => (0,_examine_js__WEBPACK_IMPORTED_MODULE_4__/* .examineFile */ .M)(message.file, examiner, sink))
            .then(() => sink.send(true), (err) => post({ type: 'failed', id, message: err instanceof Error ? err.message : String(err) }))
            .finally(() => ahead.delete(id));
    });
    post({ type: 'ready', ruleIds: rules.map((r) => r.rule.ruleId) });
}
catch (err) {
    post({ type: 'loadFailed', message: err instanceof Error ? err.message : String(err) });
}
/**
 * Collects one file's entries into batches; a full batch is posted, after waiting while too many are ahead. Before
 * posting, the analyzers leave out the descriptions that the batch's other matches make needless (Analyzers.thin).
 */
class BatchSink {
    id;
    port;
    rules;
    analyzers;
    events = new _event_columns_js__WEBPACK_IMPORTED_MODULE_5__/* .EventColumnsBuilder */ .Xf();
    reports = [];
    chars = 0;
    described = [];
    constructor(id, port, rules, analyzers) {
        this.id = id;
        this.port = port;
        this.rules = rules;
        this.analyzers = analyzers;
    }
    add(entry) {
        if (entry.kind === 'event') {
            this.events.add(entry);
            if (entry.text !== undefined)
                this.chars += entry.text.length;
            entry.analyzed?.forEach((described, i) => {
                if (described)
                    this.described.push({ rule: this.rules[entry.matches[i]], described, time: entry.time });
            });
        }
        else {
            this.reports.push(entry);
        }
        if (this.events.count < _protocol_js__WEBPACK_IMPORTED_MODULE_7__/* .BATCH_EVENTS */ .Nu &&
            this.chars < _protocol_js__WEBPACK_IMPORTED_MODULE_7__/* .BATCH_TEXT_CHARS */ .Jy &&
            this.reports.length < _protocol_js__WEBPACK_IMPORTED_MODULE_7__/* .BATCH_EVENTS */ .Nu)
            return;
        const file = ahead.get(this.id);
        if (file.sent < _protocol_js__WEBPACK_IMPORTED_MODULE_7__/* .BATCHES_AHEAD */ .bb)
            return this.send(false);
        return new Promise((resolve) => {
            file.waiting = () => {
                file.waiting = undefined;
                resolve();
            };
        }).then(() => this.send(false));
    }
    send(last) {
        if (this.described.length > 0)
            this.analyzers.thin(this.described);
        this.described = [];
        const batch = { batch: { events: this.events.build(), reports: this.reports }, last };
        this.port.postMessage(batch);
        post({ type: 'posted', id: this.id, last });
        const file = ahead.get(this.id);
        if (file)
            file.sent++;
        this.events = new _event_columns_js__WEBPACK_IMPORTED_MODULE_5__/* .EventColumnsBuilder */ .Xf();
        this.reports = [];
        this.chars = 0;
    }
}

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 7487:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ actorOf)
/* harmony export */ });
/**
 * The principal behind a record, as one string: what findings group by and what people read.
 * - IAM users, federated users, roles used cross-account: `userIdentity.arn`.
 * - Assumed-role sessions: the role's ARN (with its path, from `sessionContext.sessionIssuer.arn`) + `/` + session name.
 * - Root: `arn:aws:iam::<account>:root`.
 * - Calls made by an AWS service (no ARN of their own): the service's `invokedBy`.
 */
function actorOf(record) {
    const identity = asObject(record.userIdentity);
    if (!identity)
        return 'unknown';
    const type = str(identity.type);
    const arn = str(identity.arn);
    if (type === 'Root') {
        const account = str(identity.accountId) ?? str(record.recipientAccountId);
        return arn ?? (account ? `arn:aws:iam::${account}:root` : 'root');
    }
    if (type === 'AssumedRole' && arn) {
        const issuerArn = str(asObject(asObject(identity.sessionContext)?.sessionIssuer)?.arn);
        const session = arn.slice(arn.lastIndexOf('/') + 1);
        return issuerArn && issuerArn.includes(':role/') ? `${issuerArn}/${session}` : arn;
    }
    if (arn)
        return arn;
    const invokedBy = str(identity.invokedBy);
    if (invokedBy)
        return invokedBy;
    const principalId = str(identity.principalId);
    const userName = str(identity.userName);
    if (type && (userName || principalId))
        return `${type}:${userName ?? principalId}`;
    if (type === 'AWSAccount' && str(identity.accountId))
        return `account:${str(identity.accountId)}`;
    return principalId ?? type ?? 'unknown';
}
function asObject(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value)
        ? value
        : undefined;
}
function str(value) {
    return typeof value === 'string' && value !== '' ? value : undefined;
}


/***/ }),

/***/ 6220:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   An: () => (/* binding */ STRING),
/* harmony export */   Wj: () => (/* binding */ isJsonWhitespace),
/* harmony export */   ak: () => (/* binding */ LITERAL),
/* harmony export */   bk: () => (/* binding */ onlyOccurrences),
/* harmony export */   lx: () => (/* binding */ COMPLEX),
/* harmony export */   rq: () => (/* binding */ RawFieldScanner),
/* harmony export */   uk: () => (/* binding */ NUMBER)
/* harmony export */ });
/**
 * The values of a few keys, read from a record's raw JSON text without parsing it: one regular-expression pass finds
 * every occurrence of the keys (at any depth) and reads each one's value when it is a scalar. The prefilter
 * (rules/prefilter.ts) decides from them whether a record can match a rule, and the scan counts a record it does not
 * parse from them (parse.ts, rawEvent).
 *
 * Sound for any valid JSON text: inside a string every `"` is escaped, so `"key"` followed by `:` is always a key.
 * Two spellings would hide a key or change a value's text, and make scan() refuse the text (the caller parses it):
 * `\u` escapes (`"event\u004eame"` is the key eventName) and `\/` (an escaped `/`). A string value with any other
 * escape, an object and an array are read as COMPLEX: the caller must assume they can hold anything.
 */
/** A string without escapes: `value(i)` is its exact content. */
const STRING = 0;
/** `true`, `false` or `null`: `value(i)` is the literal. */
const LITERAL = 1;
/** A number: `value(i)` is its text as written (`1.0`), which may differ from the number's text form (`1`). */
const NUMBER = 2;
/** An object, an array, or a string with escapes. */
const COMPLEX = 3;
const BACKSLASH = 0x5c;
const LETTER_U = 0x75;
const SLASH = 0x2f;
const LBRACE = 0x7b;
const MAX_OCCURRENCES = 256;
/**
 * For each key index `keys[j]`, the one occurrence of that key among `fields`, written to `found[j]`: its position,
 * -1 when the key does not occur, -2 when it occurs more than once (which of them is the record's own is then
 * unknown). One pass over the occurrences, whatever the number of keys.
 */
function onlyOccurrences(fields, keys, found) {
    found.fill(-1);
    for (let i = 0; i < fields.count; i++) {
        const k = fields.key(i);
        for (let j = 0; j < keys.length; j++) {
            if (keys[j] === k)
                found[j] = found[j] === -1 ? i : -2;
        }
    }
}
class RawFieldScanner {
    /** The keys looked for; `key(i)` is an index into it. */
    keys;
    exact = false;
    index = new Map();
    pattern;
    /** Occurrences found by the last scan (at most MAX_OCCURRENCES: beyond, the scan gives up). */
    count = 0;
    keyAt = new Int32Array(MAX_OCCURRENCES);
    kindAt = new Uint8Array(MAX_OCCURRENCES);
    valueAt = new Array(MAX_OCCURRENCES).fill('');
    constructor(keys) {
        this.keys = [...new Set(keys)];
        this.keys.forEach((key, i) => this.index.set(key, i));
        const names = [...this.keys].sort((a, b) => b.length - a.length).map(escapeRegExp);
        // A key, or the last part of a key with dots (`"userIdentity.arn"` is also read as `arn`); then 2: a string
        // without escapes; 3: true/false/null; 4: a number; else (the empty alternative): complex.
        this.pattern = new RegExp(`[".](${names.join('|')})"[ \\t\\n\\r]*:[ \\t\\n\\r]*(?:"([^"\\\\]*)"|(true|false|null)|(-?[0-9][0-9.eE+-]*)|)`, 'g');
    }
    /**
     * Reads the occurrences of the keys in `text`, a record's JSON text. False when the text cannot be read this way
     * (not an object, `\u` or `\/` escapes, too many occurrences): the caller must parse it.
     */
    scan(text) {
        this.count = 0;
        if (!startsWithBrace(text) || hasOpaqueEscape(text))
            return false;
        if (this.keys.length === 0)
            return true;
        const pattern = this.pattern;
        pattern.lastIndex = 0;
        let match;
        let n = 0;
        while ((match = pattern.exec(text)) !== null) {
            if (n === MAX_OCCURRENCES)
                return false;
            this.keyAt[n] = this.index.get(match[1]);
            if (match[2] !== undefined) {
                this.kindAt[n] = STRING;
                this.valueAt[n] = match[2];
            }
            else if (match[3] !== undefined) {
                this.kindAt[n] = LITERAL;
                this.valueAt[n] = match[3];
            }
            else if (match[4] !== undefined) {
                this.kindAt[n] = NUMBER;
                this.valueAt[n] = match[4];
            }
            else {
                this.kindAt[n] = COMPLEX;
                this.valueAt[n] = '';
            }
            n++;
        }
        this.count = n;
        return true;
    }
    /** Index of `key` in `keys`, or -1. */
    indexOf(key) {
        return this.index.get(key) ?? -1;
    }
    key(i) {
        return this.keyAt[i];
    }
    path() {
        return -1;
    }
    kind(i) {
        return this.kindAt[i];
    }
    value(i) {
        return this.valueAt[i];
    }
}
/** JSON's whitespace: space, tab, line feed, carriage return (a character code or a byte). */
function isJsonWhitespace(c) {
    return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}
function startsWithBrace(text) {
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === LBRACE)
            return true;
        if (!isJsonWhitespace(c))
            return false;
    }
    return false;
}
/** A `\u` or `\/` escape anywhere (an escaped backslash `\\` is skipped whole). */
function hasOpaqueEscape(text) {
    let i = text.indexOf('\\');
    while (i >= 0) {
        const next = text.charCodeAt(i + 1);
        if (next === LETTER_U || next === SLASH)
            return true;
        i = text.indexOf('\\', next === BACKSLASH ? i + 2 : i + 1);
    }
    return false;
}
function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}


/***/ }),

/***/ 6018:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   XO: () => (/* binding */ resolvePattern),
/* harmony export */   zB: () => (/* binding */ parseCondition)
/* harmony export */ });
/* unused harmony export ConditionSyntaxError */
/* harmony import */ var _pattern_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(9485);
/**
 * Sigma condition expressions → syntax tree.
 *
 * Grammar (Sigma rules specification 2.0, "Condition"; precedence from loosest to tightest: or, and, not,
 * `x of`, parentheses):
 *
 *   expr    := and ('or' and)*
 *   and     := unary ('and' unary)*
 *   unary   := 'not' unary | primary
 *   primary := '(' expr ')' | ('1' | 'any' | 'all') 'of' pattern | identifier
 *
 * Identifiers are letters, digits, `_` and `-` (as pySigma reads them); a pattern after `of` may also hold `*`
 * wildcards, or be `them`. Operators are lower-case, as in the specification. Aggregations (`| count() > 5`) are
 * the obsolete form of correlations and are rejected here; parse.ts reports them as unsupported.
 */

class ConditionSyntaxError extends Error {
    condition;
    position;
    constructor(message, condition, position) {
        super(`condition '${condition}': ${message}`);
        this.condition = condition;
        this.position = position;
        this.name = 'ConditionSyntaxError';
    }
}
const WORD = /[A-Za-z0-9_\-*]/;
const IDENTIFIER = /^[A-Za-z0-9_-]+$/;
const PATTERN = /^[A-Za-z0-9_\-*]+$/;
function parseCondition(condition) {
    const tokens = tokenize(condition);
    let pos = 0;
    const fail = (message, at = tokens[pos]?.at ?? condition.length) => {
        throw new ConditionSyntaxError(message, condition, at);
    };
    const peek = () => tokens[pos]?.text;
    const describe = (token) => (token ? `'${token.text}'` : 'the end');
    const parseOr = () => {
        const children = [parseAnd()];
        while (peek() === 'or') {
            pos++;
            children.push(parseAnd());
        }
        return children.length === 1 ? children[0] : { kind: 'or', children };
    };
    const parseAnd = () => {
        const children = [parseUnary()];
        while (peek() === 'and') {
            pos++;
            children.push(parseUnary());
        }
        return children.length === 1 ? children[0] : { kind: 'and', children };
    };
    const parseUnary = () => {
        if (peek() === 'not') {
            pos++;
            return { kind: 'not', child: parseUnary() };
        }
        return parsePrimary();
    };
    const parsePrimary = () => {
        const token = tokens[pos];
        if (!token)
            return fail('expected a selection name, "not", "(" or "1 of"/"all of", but the condition ends');
        const { text } = token;
        if (text === '(') {
            pos++;
            const inner = parseOr();
            if (peek() !== ')')
                fail(`expected ')' to close the '(' at position ${token.at}, found ${describe(tokens[pos])}`);
            pos++;
            return inner;
        }
        if (text === ')')
            return fail("unexpected ')'", token.at);
        if (text === 'and' || text === 'or')
            return fail(`'${text}' needs an expression before it`, token.at);
        if (tokens[pos + 1]?.text === 'of') {
            if (text !== '1' && text !== 'any' && text !== 'all') {
                return fail(`'${text} of' is not supported: use '1 of' (or 'any of') or 'all of'`, token.at);
            }
            pos += 2;
            const pattern = tokens[pos];
            if (!pattern || !PATTERN.test(pattern.text) || isOperator(pattern.text)) {
                return fail(`expected a selection name pattern or 'them' after '${text} of', found ${describe(pattern)}`);
            }
            pos++;
            return { kind: 'of', quantifier: text === 'all' ? 'all' : 'any', pattern: pattern.text };
        }
        if (text === 'of')
            return fail("'of' must follow '1', 'any' or 'all'", token.at);
        if (text.includes('*')) {
            return fail(`wildcard '*' in '${text}' is only allowed after '1 of' or 'all of'`, token.at);
        }
        if (!IDENTIFIER.test(text))
            return fail(`'${text}' is not a selection name`, token.at);
        if (text === 'them')
            return fail("'them' is only allowed after '1 of' or 'all of'", token.at);
        pos++;
        return { kind: 'ref', name: text };
    };
    if (tokens.length === 0)
        fail('the condition is empty', 0);
    const tree = parseOr();
    if (pos < tokens.length) {
        const token = tokens[pos];
        const previous = tokens[pos - 1];
        const upperCase = [token, previous].some((t) => /^(AND|OR|NOT|And|Or|Not)$/.test(t.text));
        fail(token.text === ')'
            ? "unexpected ')' (no matching '(')"
            : `expected 'and', 'or' or the end after '${previous.text}', found '${token.text}'` +
                (upperCase ? ' (operators are lower-case: and, or, not)' : ''), token.at);
    }
    return tree;
}
function isOperator(text) {
    return text === 'and' || text === 'or' || text === 'not' || text === 'of';
}
function tokenize(condition) {
    const tokens = [];
    let i = 0;
    while (i < condition.length) {
        const c = condition[i];
        if (/\s/.test(c)) {
            i++;
        }
        else if (c === '(' || c === ')') {
            tokens.push({ text: c, at: i });
            i++;
        }
        else if (WORD.test(c)) {
            const start = i;
            while (i < condition.length && WORD.test(condition[i]))
                i++;
            tokens.push({ text: condition.slice(start, i), at: start });
        }
        else if (c === '|') {
            throw new ConditionSyntaxError("aggregations ('| count() ...') are the obsolete form of Sigma correlations and are not supported", condition, i);
        }
        else {
            throw new ConditionSyntaxError(`unexpected character '${c}' at position ${i}`, condition, i);
        }
    }
    return tokens;
}
/** Selection names that `1 of <pattern>` / `all of <pattern>` refer to: `*` is any run of characters, `them` is
 * everything; names starting with `_` are left out (Sigma specification and pySigma). */
function resolvePattern(pattern, names) {
    const candidates = names.filter((name) => !name.startsWith('_'));
    if (pattern === 'them')
        return candidates;
    const regex = new RegExp(`^${pattern.split('*').map(_pattern_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeRegExp */ .Nt).join('.*')}$`);
    return candidates.filter((name) => regex.test(name));
}


/***/ }),

/***/ 9252:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  I2: () => (/* binding */ DERIVED_FIELDS),
  SH: () => (/* binding */ NO_CONTEXT),
  lC: () => (/* binding */ derivedFieldPath),
  zN: () => (/* binding */ derivedFieldProblem),
  EX: () => (/* binding */ derivedValues),
  _L: () => (/* binding */ instanceFamily),
  co: () => (/* binding */ isDerivedField),
  i6: () => (/* binding */ principalOf),
  F9: () => (/* binding */ userAgentFamily)
});

// UNUSED EXPORTS: DERIVED_ROOT

// EXTERNAL MODULE: ./src/records/actor.ts
var actor = __nccwpck_require__(7487);
// EXTERNAL MODULE: ./src/core/did-you-mean.ts
var did_you_mean = __nccwpck_require__(7568);
// EXTERNAL MODULE: ./src/rules/errors.ts
var errors = __nccwpck_require__(4632);
// EXTERNAL MODULE: ./src/rules/field-path.ts
var field_path = __nccwpck_require__(2703);
// EXTERNAL MODULE: ./src/rules/pattern.ts
var pattern = __nccwpck_require__(9485);
;// CONCATENATED MODULE: ./src/rules/policy.ts
/**
 * Per-statement judgments of the resource or trust policy a CloudTrail record sets, for the derived fields
 * `derived.policy.*` (derived.ts). Sigma sees a policy as one text, so it cannot say "in the same statement": an
 * external account in one statement would be "cancelled" by the own account in another, and a Condition in one
 * statement would seem to guard a `Principal: "*"` in another. Here each statement is judged on its own.
 *
 * Policies are attacker-controlled JSON: the work is bounded (text length, statements, values per statement),
 * nothing here throws, and anything that is not a policy gives no statements.
 */
const READERS = {
    's3.amazonaws.com': { putbucketpolicy: (p) => p.bucketPolicy },
    'iam.amazonaws.com': {
        createrole: (p) => p.assumeRolePolicyDocument,
        updateassumerolepolicy: (p) => p.policyDocument,
    },
    'kms.amazonaws.com': { putkeypolicy: (p) => p.policy, createkey: (p) => p.policy },
};
/** Bigger than any policy AWS accepts (bucket policies 20 KB, key policies 32 KB, trust policies 4 KB). */
const MAX_TEXT = 256 * 1024;
const MAX_STATEMENTS = 1000;
const MAX_VALUES = 1000;
/** The statements of the policy the record sets, or [] when it sets none (or it cannot be read). */
function policyStatements(record) {
    const parameters = record.requestParameters;
    if (!isObject(parameters))
        return [];
    const source = typeof record.eventSource === 'string' ? record.eventSource.toLowerCase() : '';
    const name = typeof record.eventName === 'string' ? record.eventName.toLowerCase() : '';
    if (source === 'lambda.amazonaws.com' && name.startsWith('addpermission'))
        return [lambdaPermission(parameters)];
    const reader = READERS[source]?.[name];
    if (!reader)
        return [];
    return statementsOf(documentOf(reader(parameters)));
}
/** A policy given as an object or as JSON text (URL-encoded as IAM returns it in responses, or not). */
function documentOf(value) {
    if (typeof value !== 'string')
        return value;
    if (value.length > MAX_TEXT)
        return undefined;
    let text = value.trim();
    if (text.startsWith('%7B') || text.startsWith('%7b')) {
        try {
            text = decodeURIComponent(text);
        }
        catch {
            return undefined;
        }
    }
    try {
        return JSON.parse(text);
    }
    catch {
        return undefined;
    }
}
function statementsOf(document) {
    if (!isObject(document))
        return [];
    const raw = document.Statement;
    const list = Array.isArray(raw) ? raw.slice(0, MAX_STATEMENTS) : raw === undefined ? [] : [raw];
    const statements = [];
    list.forEach((item, i) => {
        if (isObject(item))
            statements.push(statementOf(item, i));
    });
    return statements;
}
function statementOf(item, index) {
    const notPrincipal = item.NotPrincipal !== undefined;
    const principal = notPrincipal ? item.NotPrincipal : item.Principal;
    const statement = {
        label: typeof item.Sid === 'string' && item.Sid !== '' ? item.Sid.slice(0, 200) : `#${index + 1}`,
        effect: typeof item.Effect === 'string' ? item.Effect.toLowerCase() : '',
        everyone: false,
        notPrincipal,
        aws: [],
        service: [],
        federated: [],
        actions: strings(item.NotAction ?? item.Action).map((a) => a.toLowerCase()),
        notAction: item.NotAction !== undefined,
        conditions: conditionsOf(item.Condition),
    };
    if (principal === '*')
        statement.everyone = !notPrincipal;
    else if (isObject(principal)) {
        statement.aws = strings(principal.AWS);
        statement.service = strings(principal.Service);
        statement.federated = strings(principal.Federated);
        if (statement.aws.includes('*'))
            statement.everyone = !notPrincipal;
    }
    return statement;
}
function conditionsOf(value) {
    if (!isObject(value))
        return [];
    const conditions = [];
    for (const [operator, block] of Object.entries(value)) {
        if (!isObject(block))
            continue;
        for (const [key, values] of Object.entries(block)) {
            conditions.push({ operator: operator.toLowerCase(), key: key.toLowerCase(), values: strings(values) });
            if (conditions.length >= MAX_VALUES)
                return conditions;
        }
    }
    return conditions;
}
/** lambda:AddPermission as the statement it adds to the function's policy. */
function lambdaPermission(p) {
    const principal = typeof p.principal === 'string' ? p.principal : '';
    const conditions = [];
    const add = (key, value, operator = 'stringequals') => {
        if (typeof value === 'string' && value !== '')
            conditions.push({ operator, key, values: [value] });
    };
    add('aws:sourcearn', p.sourceArn, 'arnlike');
    add('aws:sourceaccount', p.sourceAccount);
    add('aws:principalorgid', p.principalOrgID);
    add('lambda:functionurlauthtype', p.functionUrlAuthType);
    const service = /\.amazonaws\.com$/i.test(principal);
    return {
        label: typeof p.statementId === 'string' && p.statementId !== '' ? p.statementId.slice(0, 200) : '#1',
        effect: 'allow',
        everyone: principal === '*',
        notPrincipal: false,
        aws: principal !== '*' && !service && principal !== '' ? [principal] : [],
        service: service ? [principal] : [],
        federated: [],
        actions: typeof p.action === 'string' ? [p.action.toLowerCase()] : [],
        notAction: false,
        conditions,
    };
}
/**
 * Condition keys that limit who a statement applies to, or from where: with a fixed value, a statement whose
 * principal is `*` is not open to the world (the keys AWS's own "is this policy public" evaluation accepts).
 */
const LIMITING_KEYS = new Set([
    'aws:principalaccount',
    'aws:principalarn',
    'aws:principalorgid',
    'aws:principalorgpaths',
    'aws:userid',
    'aws:sourceaccount',
    'aws:sourcearn',
    'aws:sourceowner',
    'aws:sourceorgid',
    'aws:sourceorgpaths',
    'aws:sourceip',
    'aws:sourcevpc',
    'aws:sourcevpce',
    'aws:principalservicename',
    'kms:calleraccount',
    's3:dataaccesspointaccount',
    's3:dataaccesspointarn',
    'cognito-identity.amazonaws.com:aud',
]);
const OPEN_VALUES = new Set(['*', '0.0.0.0/0', '::/0']);
/**
 * Whether a condition narrows who the statement applies to: a limiting key, a positive operator (not `...Not...`,
 * not `...IfExists`, which lets requests without the key through, not `Null`) and a value that is not a wildcard.
 */
function limitsPrincipal(condition) {
    const { operator, key, values } = condition;
    if (!LIMITING_KEYS.has(key))
        return false;
    if (operator.includes('not') || operator.endsWith('ifexists') || operator === 'null')
        return false;
    return values.some((value) => !OPEN_VALUES.has(value.trim()));
}
/** Allow statements that apply to everyone: `*` (or NotPrincipal) with no condition that limits who. */
function isPublic(statement) {
    return (statement.effect === 'allow' &&
        (statement.everyone || statement.notPrincipal) &&
        !statement.conditions.some(limitsPrincipal));
}
const ACCOUNT = /^\d{12}$/;
const ACCOUNT_ARN = /^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):/;
/** The account an AWS principal (`123456789012`, an IAM or STS ARN) belongs to, if it says. */
function principalAccount(principal) {
    const text = principal.trim();
    if (ACCOUNT.test(text))
        return text;
    return ACCOUNT_ARN.exec(text)?.[1];
}
/** Accounts named by the AWS principals of Allow statements, other than `own`, sorted. */
function externalAccounts(statements, own) {
    const accounts = new Set();
    for (const statement of statements) {
        if (statement.effect !== 'allow' || statement.notPrincipal)
            continue;
        for (const principal of statement.aws) {
            const account = principalAccount(principal);
            if (account !== undefined && account !== own)
                accounts.add(account);
        }
    }
    return [...accounts].sort();
}
/** GitHub's OIDC provider (token.actions.githubusercontent.com, also under a GitHub Enterprise host). */
const GITHUB_OIDC = /token\.actions\.githubusercontent\.com/i;
/**
 * Allow statements trusting a web-identity or SAML provider that any of its users could satisfy: no condition at all,
 * GitHub's provider without a `:sub` condition naming repositories (`repo:*` and `*` name them all), or Cognito
 * identity pools without an `:aud` condition (any pool of any account).
 */
function isOpenFederated(statement) {
    if (statement.effect !== 'allow' || statement.federated.length === 0)
        return false;
    if (statement.conditions.length === 0)
        return true;
    const positive = statement.conditions.filter((c) => !c.operator.includes('not'));
    if (statement.federated.some((p) => GITHUB_OIDC.test(p))) {
        const subject = positive.filter((c) => c.key.endsWith('.githubusercontent.com:sub'));
        return !subject.some((c) => c.values.some((v) => v.trim() !== '*' && !/^repo:\*/i.test(v.trim())));
    }
    if (statement.federated.some((p) => /^cognito-identity\.amazonaws\.com$/i.test(p))) {
        return !positive.some((c) => c.key === 'cognito-identity.amazonaws.com:aud');
    }
    return false;
}
/** Condition keys that carve principals out of a Deny statement (`StringNotEquals aws:PrincipalArn [...]`). */
const EXCEPTION_KEYS = new Set([
    'aws:principalarn',
    'aws:principalaccount',
    'aws:userid',
    'aws:username',
    'aws:principalorgid',
]);
const DATA_ACTION = /^(?:\*|s3:\*|s3:get\*|s3:getobject.*|s3:deleteobject.*|s3:putbucketpolicy|s3:deletebucketpolicy)$/;
/**
 * Deny statements that lock the bucket's own account out of its data: they apply to everyone (or name the own
 * account itself), cover reading or deleting objects (or the policy itself), and either have no condition or only carve out
 * principals, none of which belongs to the own account. The ransomware pattern: everyone but the attacker is denied.
 * A Deny guarded by other conditions (aws:SecureTransport, aws:SourceVpce, encryption headers) is a control, not this.
 */
function deniesOwner(statement, own) {
    if (statement.effect !== 'deny')
        return false;
    const mentionsOwn = (value) => own !== undefined && value.includes(own);
    const isOwnAccount = (value) => own !== undefined &&
        principalAccount(value) === own &&
        (ACCOUNT.test(value.trim()) || value.trim().endsWith(':root'));
    let exceptions;
    if (statement.notPrincipal) {
        exceptions = [...statement.aws, ...statement.service, ...statement.federated];
    }
    else {
        if (!statement.everyone && !statement.aws.some(isOwnAccount))
            return false;
        exceptions = [];
    }
    for (const condition of statement.conditions) {
        if (!EXCEPTION_KEYS.has(condition.key) || !condition.operator.includes('not'))
            return false;
        exceptions.push(...condition.values);
    }
    if (exceptions.some(mentionsOwn))
        return false;
    return statement.notAction || statement.actions.some((action) => DATA_ACTION.test(action));
}
function strings(value) {
    if (typeof value === 'string')
        return [value];
    if (!Array.isArray(value))
        return [];
    return value.slice(0, MAX_VALUES).filter((item) => typeof item === 'string');
}
function isObject(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
}

;// CONCATENATED MODULE: ./src/rules/derived.ts
/**
 * Derived fields: values computed from a record in code, for what Sigma cannot say (one policy statement at a time,
 * the tool behind a user agent). Rules name them under the top-level name `derived`, which no CloudTrail record
 * has: `derived.policy.publicStatements`, `derived.principal`. The SQL compiler finds no such column, pushes down
 * only the rest of the rule and has the rows re-checked in-process.
 *
 * Each field is a pure function of the record (and, for the few marked `usesOptions`, of the rule set's
 * placeholders such as `org_accounts`), computed when a rule first asks and cached per record. Records are
 * attacker-controlled: the functions do bounded work and never throw. A field with no value is absent (`null`).
 * The first-seen pseudo-fields (actor, principal, userAgentFamily, instanceFamily) are the same functions.
 * docs/rule-writing.md lists every field.
 */






const NO_CONTEXT = { placeholders: {} };
const DERIVED_ROOT = 'derived';
const PREFIX = `${DERIVED_ROOT}.`;
const none = [];
const one = (value) => value === undefined || value === '' ? none : [value];
const own = (record) => typeof record.recipientAccountId === 'string' ? record.recipientAccountId : undefined;
const labels = (record, keep) => derived_statementsOf(record)
    .filter(keep)
    .map((s) => s.label);
const FIELDS = {
    actor: { values: (r) => one((0,actor/* actorOf */.d)(r)) },
    principal: { values: (r) => one(principalOf(r)) },
    userAgentFamily: { values: (r) => one(userAgentFamily(r.userAgent)) },
    instanceFamily: { values: (r) => one(instanceFamily(r)) },
    'policy.publicStatements': { values: (r) => labels(r, isPublic) },
    'policy.wildcardStatements': {
        values: (r) => labels(r, (s) => s.effect === 'allow' && (s.everyone || s.notPrincipal)),
    },
    'policy.externalAccounts': { values: (r) => externalAccounts(derived_statementsOf(r), own(r)) },
    'policy.outsideAccounts': {
        usesOptions: true,
        values: (r, context) => {
            const organization = new Set(context.placeholders.org_accounts ?? []);
            return externalAccounts(derived_statementsOf(r), own(r)).filter((account) => !organization.has(account));
        },
    },
    'policy.federatedProviders': {
        values: (r) => [
            ...new Set(derived_statementsOf(r)
                .filter((s) => s.effect === 'allow')
                .flatMap((s) => s.federated)),
        ],
    },
    'githubOidc.subjectNotAllowed': {
        usesOptions: true,
        values: (r, context) => {
            const allowed = subjectTests(context.placeholders.github_oidc_subjects ?? []);
            const subject = githubOidcSubject(r);
            if (allowed.length === 0 || subject === undefined)
                return none;
            return allowed.some((test) => test.match(subject)) ? none : [subject];
        },
    },
    'policy.openFederatedStatements': { values: (r) => labels(r, isOpenFederated) },
    'policy.ownerDeniedStatements': { values: (r) => labels(r, (s) => deniesOwner(s, own(r))) },
};
const GITHUB_OIDC_ISSUER = 'token.actions.githubusercontent.com';
/**
 * The subject (`sub` claim) of an AssumeRoleWithWebIdentity through GitHub's OIDC provider: from the response, or,
 * for a refused call (no response), from the caller's identity (`userName` is the subject).
 */
function githubOidcSubject(r) {
    if (r.eventName !== 'AssumeRoleWithWebIdentity')
        return undefined;
    const response = isRecord(r.responseElements) ? r.responseElements : {};
    const identity = isRecord(r.userIdentity) ? r.userIdentity : {};
    const provider = [response.provider, identity.identityProvider].find((v) => typeof v === 'string');
    if (provider === undefined || !provider.endsWith(GITHUB_OIDC_ISSUER))
        return undefined;
    const subject = [response.subjectFromWebIdentityToken, identity.userName].find((v) => typeof v === 'string' && v !== '');
    return subject;
}
const compiledSubjects = new WeakMap();
/** The allowed subjects as Sigma values (`*` any text, case kept as in GitHub's claims), compiled once per list. */
function subjectTests(subjects) {
    let tests = compiledSubjects.get(subjects);
    if (!tests) {
        tests = subjects.map((subject) => (0,pattern/* compileStringTest */.LI)(subject, 'equals', true));
        compiledSubjects.set(subjects, tests);
    }
    return tests;
}
/** Names of the derived fields, with their `derived.` prefix. */
const DERIVED_FIELDS = Object.keys(FIELDS).map((name) => PREFIX + name);
function isDerivedField(path) {
    return path === DERIVED_ROOT || path.startsWith(PREFIX);
}
/** What is wrong with naming this derived field (unknown, or in `fields`/`group-by` when it needs options). */
function derivedFieldProblem(path, use) {
    const field = FIELDS[path.slice(PREFIX.length)];
    if (!field) {
        const close = (0,did_you_mean/* closest */.k)(path, DERIVED_FIELDS);
        return `'${path}' is not a derived field (${DERIVED_FIELDS.join(', ')})${close ? `; did you mean '${close}'?` : ''}`;
    }
    if (use === 'display' && field.usesOptions)
        return `'${path}' depends on the rule set's options and can only be used in the detection`;
    return undefined;
}
/** A derived field as a field path, for detections. */
function derivedFieldPath(path, context) {
    const problem = derivedFieldProblem(path, 'detection');
    if (problem)
        throw new errors/* RuleCompileError */.w(problem);
    const name = path.slice(PREFIX.length);
    const field = FIELDS[name];
    const valuesOf = field.usesOptions
        ? (record) => (isRecord(record) ? field.values(record, context) : none)
        : (record) => (isRecord(record) ? cached(record, name, field) : none);
    return {
        path,
        some: (record, predicate) => valuesOf(record).some((value) => predicate(value)),
        exists: (record) => valuesOf(record).length > 0,
    };
}
/** A derived field's values for display (`fields`, `group-by`): fields that need options give none. */
function derivedValues(record, path) {
    const name = path.slice(PREFIX.length);
    const field = FIELDS[name];
    return field && !field.usesOptions ? cached(record, name, field) : none;
}
const cache = new WeakMap();
const statementCache = new WeakMap();
function cached(record, name, field) {
    let values = cache.get(record);
    if (!values) {
        values = new Map();
        cache.set(record, values);
    }
    let result = values.get(name);
    if (result === undefined) {
        result = safely(() => field.values(record, NO_CONTEXT));
        values.set(name, result);
    }
    return result;
}
function derived_statementsOf(record) {
    let statements = statementCache.get(record);
    if (!statements) {
        statements = safely(() => policyStatements(record));
        statementCache.set(record, statements);
    }
    return statements;
}
/** The functions are written not to throw; this keeps a bug in one from stopping a scan. */
function safely(compute) {
    try {
        return [...compute()];
    }
    catch {
        return [];
    }
}
function isRecord(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
}
/**
 * Ordered: a user agent names several products (`aws-cli/2 ... botocore/2`, `Terraform/1.6 ... aws-sdk-go-v2/1`);
 * the first pattern that matches names the tool a person chose.
 */
const FAMILIES = [
    [/^AWS Internal$/i, 'aws-internal'],
    [/\bterraform\b/i, 'terraform'],
    [/\bpulumi\b/i, 'pulumi'],
    [/\baws-cdk\b|\bCDK\b/, 'aws-cdk'],
    [/\bcloudformation\b/i, 'cloudformation'],
    [/^aws-cli\//i, 'aws-cli'],
    [/\baws-cli\//i, 'aws-cli'],
    [/\bAWSPowerShell\b|\bAWS\.Tools\b/i, 'aws-powershell'],
    [/\bstratus-red-team/i, 'stratus-red-team'],
    [/\bPacu\b/i, 'pacu'],
    [/\bTruffleHog\b/i, 'trufflehog'],
    [/\bS3 Browser\b/i, 's3-browser'],
    [/\bBoto3\//i, 'boto3'],
    [/\bBotocore\//i, 'botocore'],
    [/\baws-sdk-go-v2\b/i, 'aws-sdk-go-v2'],
    [/\baws-sdk-go\b/i, 'aws-sdk-go'],
    [/\baws-sdk-java\b|\bAWSSDKJava\b/i, 'aws-sdk-java'],
    [/\baws-sdk-(?:js|nodejs)\b/i, 'aws-sdk-js'],
    [/\baws-sdk-dotnet|\baws-sdk-net\b/i, 'aws-sdk-dotnet'],
    [/\baws-sdk-ruby/i, 'aws-sdk-ruby'],
    [/\baws-sdk-php\b/i, 'aws-sdk-php'],
    [/\baws-sdk-rust\b/i, 'aws-sdk-rust'],
    [/\baws-sdk-cpp\b/i, 'aws-sdk-cpp'],
    [/\baws-sdk-kotlin\b/i, 'aws-sdk-kotlin'],
    [/\baws-sdk-swift\b/i, 'aws-sdk-swift'],
    [/^(?:[\w-]+\.)*console(?:\.[\w-]+)*\.amazonaws\.com$|^signin\.amazonaws\.com$/i, 'console'],
    [/^Mozilla\//, 'console'],
];
const AWS_SERVICE = /^([a-z0-9-]+(?:\.[a-z0-9-]+)*)\.amazonaws\.com$/i;
const MAX_FAMILY = 40;
/** A normalised tool family for a userAgent string; undefined for an empty or absent user agent. */
function userAgentFamily(userAgent) {
    if (typeof userAgent !== 'string')
        return undefined;
    const text = userAgent.trim();
    if (text === '')
        return undefined;
    for (const [pattern, family] of FAMILIES)
        if (pattern.test(text))
            return family;
    // An AWS service acting for the caller: the service's host name is its family (`ssm.amazonaws.com`).
    const service = AWS_SERVICE.exec(text);
    if (service)
        return text.toLowerCase();
    // Anything else: the first product token without its version (`python-requests/2.31 ...` → `python-requests`).
    const product = text
        .split(/[\s/(;]/)[0]
        .toLowerCase()
        .replace(/[^a-z0-9._-]/g, '');
    return (product === '' ? 'other' : product).slice(0, MAX_FAMILY);
}
const INSTANCE_TYPE = (0,field_path/* compileFieldPath */.V)('requestParameters.instanceType');
/** `requestParameters.instanceType` up to its first dot, lower-cased; undefined without an instance type. */
function instanceFamily(record) {
    let type;
    INSTANCE_TYPE.some(record, (value) => {
        if (typeof value === 'string' && value.trim() !== '')
            type = value.trim();
        return type !== undefined;
    });
    return type === undefined ? undefined : type.split('.')[0].toLowerCase();
}
const SSO_ROLE = ':role/aws-reserved/sso.amazonaws.com/';
/** The actor, with a role session reduced to its role unless the role is an IAM Identity Center one. */
function principalOf(record) {
    const identity = record.userIdentity;
    if (identity && typeof identity === 'object' && identity.type === 'AssumedRole') {
        const issuer = identity.sessionContext
            ?.sessionIssuer?.arn;
        if (typeof issuer === 'string' && issuer.includes(':role/') && !issuer.includes(SSO_ROLE))
            return issuer;
    }
    return (0,actor/* actorOf */.d)(record);
}


/***/ }),

/***/ 442:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   FK: () => (/* binding */ compileItem),
/* harmony export */   OX: () => (/* binding */ parseItemKey),
/* harmony export */   zB: () => (/* binding */ compileKeywordList)
/* harmony export */ });
/* unused harmony export simplifyForSearch */
/* harmony import */ var ipaddr_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(8280);
/* harmony import */ var ipaddr_js__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(ipaddr_js__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(4632);
/* harmony import */ var _derived_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(9252);
/* harmony import */ var _field_path_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(2703);
/* harmony import */ var _pattern_js__WEBPACK_IMPORTED_MODULE_6__ = __nccwpck_require__(9485);
/* harmony import */ var _placeholders_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(3465);
/* harmony import */ var _core_did_you_mean_js__WEBPACK_IMPORTED_MODULE_5__ = __nccwpck_require__(7568);
/**
 * One detection item (`field|modifier|...: value or list of values`, or a keyword list) → a record predicate.
 *
 * Semantics (Sigma rules specification 2.0 and its modifiers appendix 2.1; pySigma where the text is silent):
 * - A list of values is OR; with `all` every value must match (for a field: each value matches some value the
 *   path reaches, not necessarily the same one). `all` needs two or more values, as the specification says.
 * - Record values are compared through their text form: a rule value `10` (or `'10'`) matches 10 and "10", `false`
 *   matches false and "false". Objects never equal a string; `contains` looks inside them (see below).
 * - `null` matches when the field has no value: absent, null, or an empty list.
 * - `exists: true|false`: the key is present (with any value, null included, as the specification says) or not.
 * - `contains`/`startswith`/`endswith` wrap the value in wildcards. `contains` applied to an object or a list of
 *   objects searches the strings inside it: CloudTrail's `requestParameters` is JSON, where SIEMs that SigmaHQ
 *   writes for often see one string (aws_iam_s3browser_templated_s3_bucket_policy_creation relies on this).
 * - `re` is a JavaScript regular expression, unanchored (a search, as pySigma does), case-sensitive unless `i`;
 *   `m` and `s` set the multiline and dotAll flags. A leading PCRE inline flag group such as `(?i)` is turned
 *   into the same flags, since JavaScript has no inline flags.
 * - `cidr`: IPv4 or IPv6 network; record values that are not an IP address (`AWS Internal`, a service name) do
 *   not match; an IPv4-mapped IPv6 address matches IPv4 networks.
 * - `fieldref`: compares with the value(s) of another field of the same record (case-insensitive unless `cased`;
 *   with `contains`/`startswith`/`endswith` the other field's value is looked for inside this one).
 * - `lt`, `lte`, `gt`, `gte`: numeric comparison; non-numeric record values do not match.
 * - `neq` negates the whole item (pySigma's reading): `field|neq: [a, b]` means the field is neither a nor b.
 * - Keywords (a list of values without a field, or the key `'|all'`) look for each value inside every string of the
 *   record (contains, case-insensitive), as pySigma's matcher does on the raw event.
 * - `expand`: the values' `%name%` placeholders were filled when the rule was parsed (placeholders.ts); a
 *   placeholder that was given no values leaves the item without values, and it then matches nothing.
 * - Fields under `derived.` are computed from the record (derived.ts), with the rule set's context.
 * Modifiers that transform values for other log sources (base64, utf16, windash, ...) are rejected as unsupported
 * rather than silently ignored.
 */







const KNOWN_MODIFIERS = new Set([
    'contains',
    'startswith',
    'endswith',
    'all',
    're',
    'i',
    'ignorecase',
    'm',
    'multiline',
    's',
    'dotall',
    'cidr',
    'exists',
    'fieldref',
    'cased',
    'lt',
    'lte',
    'gt',
    'gte',
    'neq',
    'expand',
]);
const UNSUPPORTED_MODIFIERS = new Set([
    'base64',
    'base64offset',
    'utf16',
    'utf16le',
    'utf16be',
    'wide',
    'windash',
    'minute',
    'hour',
    'day',
    'week',
    'month',
    'year',
]);
const SHAPES = ['contains', 'startswith', 'endswith'];
const REGEX_FLAGS = {
    i: 'i',
    ignorecase: 'i',
    m: 'm',
    multiline: 'm',
    s: 's',
    dotall: 's',
};
const COMPARISONS = ['lt', 'lte', 'gt', 'gte'];
function parseItemKey(key) {
    const [field = '', ...modifiers] = key.split('|');
    return { field, modifiers };
}
/** Compiles `key: value` of a selection map. `where` names the selection for messages. */
function compileItem(key, value, where, context = _derived_js__WEBPACK_IMPORTED_MODULE_2__/* .NO_CONTEXT */ .SH) {
    const { field, modifiers } = parseItemKey(key);
    const fail = (message) => {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .RuleCompileError */ .w(`${where}, '${key}': ${message}`);
    };
    const mods = checkModifiers(modifiers, field === '', fail);
    const expand = mods.has('expand');
    if (expand) {
        const list = Array.isArray(value) ? value : [value];
        for (const item of list) {
            const placeholder = typeof item === 'string' ? (0,_placeholders_js__WEBPACK_IMPORTED_MODULE_4__/* .unexpandedPlaceholder */ .Gc)(item) : undefined;
            if (placeholder)
                fail(`placeholder '${placeholder}' was not expanded (rules are expanded as they load)`);
        }
        // A placeholder given no values: an empty OR, false; `neq` turns it into true.
        if (list.length === 0)
            return mods.has('neq') ? () => true : () => false;
    }
    const values = scalarList(value, fail);
    if (field === '')
        return compileKeywords(values, mods, fail);
    if (mods.has('all') && values.length < 2 && !expand)
        fail("'all' needs a list of two or more values");
    const pathOf = (name) => (0,_derived_js__WEBPACK_IMPORTED_MODULE_2__/* .isDerivedField */ .co)(name) ? (0,_derived_js__WEBPACK_IMPORTED_MODULE_2__/* .derivedFieldPath */ .lC)(name, context) : (0,_field_path_js__WEBPACK_IMPORTED_MODULE_3__/* .compileFieldPath */ .V)(name);
    let test;
    if (mods.has('exists'))
        test = compileExists(pathOf(field), values, fail);
    else if (mods.has('fieldref'))
        test = compileFieldRef(pathOf(field), values, mods, fail, pathOf);
    else
        test = compileValues(pathOf(field), values, mods, fail);
    if (mods.has('neq')) {
        const inner = test;
        test = (record) => !inner(record);
    }
    return test;
}
/** Compiles a keyword selection: a list of values without a field. */
function compileKeywordList(value, where) {
    const fail = (message) => {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .RuleCompileError */ .w(`${where}: ${message}`);
    };
    return compileKeywords(scalarList(value, fail), new Set(), fail);
}
function checkModifiers(modifiers, keyword, fail) {
    const mods = new Set();
    for (const raw of modifiers) {
        const mod = raw.toLowerCase();
        if (mod === '')
            fail("empty modifier (two '|' in a row, or a trailing '|')");
        if (UNSUPPORTED_MODIFIERS.has(mod))
            fail(`modifier '${raw}' is not supported`);
        if (!KNOWN_MODIFIERS.has(mod)) {
            const close = (0,_core_did_you_mean_js__WEBPACK_IMPORTED_MODULE_5__/* .closest */ .k)(mod, [...KNOWN_MODIFIERS]);
            fail(`unknown modifier '${raw}'${close ? `; did you mean '${close}'?` : ''}`);
        }
        if (mods.has(mod))
            fail(`modifier '${raw}' appears twice`);
        mods.add(mod);
    }
    const present = (list) => list.filter((m) => mods.has(m));
    const shapes = present(SHAPES);
    if (shapes.length > 1)
        fail(`'${shapes[0]}' and '${shapes[1]}' cannot be combined`);
    const types = present(['re', 'cidr', 'exists', 'fieldref', ...COMPARISONS]);
    if (types.length > 1)
        fail(`'${types[0]}' and '${types[1]}' cannot be combined`);
    const type = types[0];
    const flags = present(Object.keys(REGEX_FLAGS));
    if (flags.length > 0 && type !== 're')
        fail(`'${flags[0]}' is a flag of 're' and needs it`);
    if (type === 're' || type === 'cidr' || type === 'exists' || COMPARISONS.includes(type)) {
        if (shapes.length > 0) {
            fail(type === 're'
                ? `'re' cannot be combined with '${shapes[0]}' (a regular expression already matches anywhere; anchor it with ^ and $)`
                : `'${type}' cannot be combined with '${shapes[0]}'`);
        }
        if (mods.has('cased')) {
            fail(type === 're'
                ? "'re' is case-sensitive already ('cased' is not needed)"
                : `'${type}' cannot be combined with 'cased'`);
        }
    }
    if (type === 'exists' && mods.size > 1)
        fail("'exists' cannot be combined with other modifiers");
    if (keyword) {
        const allowed = new Set(['all', 'contains', 'cased', 're', ...Object.keys(REGEX_FLAGS)]);
        const other = [...mods].find((m) => !allowed.has(m));
        if (other)
            fail(`modifier '${other}' needs a field (keyword searches take only 'all', 'cased' and 're')`);
    }
    return mods;
}
function scalarList(value, fail) {
    const list = Array.isArray(value) ? value : [value];
    if (list.length === 0)
        fail('empty list of values');
    for (const item of list) {
        if (item !== null && typeof item === 'object') {
            fail(Array.isArray(item)
                ? 'a value cannot be a nested list'
                : 'a value cannot be a map (a list of maps belongs directly under the selection name)');
        }
        if (item === undefined || typeof item === 'function' || typeof item === 'symbol')
            fail('unsupported value');
    }
    return list;
}
function text(value) {
    return String(value);
}
/** The text form of a record value, or undefined for null, objects and anything else without one. */
function textOf(value) {
    if (typeof value === 'string')
        return value;
    if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
        return String(value);
    return undefined;
}
const isNonNull = (value) => value !== null && value !== undefined;
function compileExists(path, values, fail) {
    const want = values.length === 1 ? values[0] : undefined;
    const flag = want === true || want === 'true' ? true : want === false || want === 'false' ? false : undefined;
    if (flag === undefined)
        fail("'exists' takes true or false");
    return flag ? (record) => path.exists(record) : (record) => !path.exists(record);
}
function compileValues(path, values, mods, fail) {
    const matchesNull = (record) => !path.some(record, isNonNull);
    const testsFor = (value) => {
        if (value === null) {
            if ([...mods].some((m) => m !== 'neq'))
                fail(`null cannot be used with '${[...mods].find((m) => m !== 'neq')}'`);
            return null;
        }
        return compileValueTest(text(value), mods, fail);
    };
    if (mods.has('all')) {
        const parts = values.map((value) => {
            const test = testsFor(value);
            return test === null ? matchesNull : fieldMatches(path, [test]);
        });
        return (record) => parts.every((part) => part(record));
    }
    const tests = [];
    let nullAllowed = false;
    for (const value of values) {
        const test = testsFor(value);
        if (test === null)
            nullAllowed = true;
        else
            tests.push(test);
    }
    if (tests.length === 0)
        return matchesNull;
    const some = fieldMatches(path, tests);
    return nullAllowed ? (record) => matchesNull(record) || some(record) : some;
}
function compileValueTest(value, mods, fail) {
    if (mods.has('re'))
        return { ...compileRegex(value, mods, fail), descend: false };
    if (mods.has('cidr'))
        return plainTest(compileCidr(value, fail));
    const comparison = COMPARISONS.find((m) => mods.has(m));
    if (comparison)
        return plainTest(compileComparison(value, comparison, fail));
    const shape = SHAPES.find((m) => mods.has(m)) ?? 'equals';
    return { ...(0,_pattern_js__WEBPACK_IMPORTED_MODULE_6__/* .compileStringTest */ .LI)(value, shape, mods.has('cased')), descend: shape === 'contains' };
}
/** A test on the record's text as it is (no case folding). */
function plainTest(test) {
    return { ci: false, descend: false, test, match: test };
}
/** OR of value tests over every value the path reaches (one lower-casing per value, exact values in a Set). */
function fieldMatches(path, tests) {
    const predicate = textPredicate(tests);
    const descending = tests.filter((t) => t.descend);
    const leafPredicate = descending.length > 0 ? textPredicate(descending) : undefined;
    const valuePredicate = (value) => {
        if (typeof value === 'string')
            return predicate(value);
        if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
            return predicate(String(value));
        }
        if (value !== null && typeof value === 'object')
            return leafPredicate !== undefined && (0,_field_path_js__WEBPACK_IMPORTED_MODULE_3__/* .someLeaf */ .l)(value, leafPredicate);
        return false;
    };
    return (record) => path.some(record, valuePredicate);
}
/** Tests a text against several value tests, lower-casing it at most once. */
function textPredicate(tests) {
    if (tests.length === 1)
        return tests[0].match;
    const exactFolded = new Set();
    const exactCased = new Set();
    const others = [];
    for (const test of tests) {
        if (test.exact !== undefined)
            (test.ci ? exactFolded : exactCased).add(test.exact);
        else
            others.push(test);
    }
    // toLowerCase never shortens a string, so a text longer than every exact value cannot equal one of them.
    const longestFolded = Math.max(0, ...[...exactFolded].map((s) => s.length));
    if (exactCased.size === 0 && others.length === 0) {
        return (text) => text.length <= longestFolded && exactFolded.has(text.toLowerCase());
    }
    return (text) => {
        let lower;
        if (exactFolded.size > 0 && text.length <= longestFolded) {
            lower = text.toLowerCase();
            if (exactFolded.has(lower))
                return true;
        }
        if (exactCased.size > 0 && exactCased.has(text))
            return true;
        for (let i = 0; i < others.length; i++) {
            const test = others[i];
            if (test.ci) {
                if (lower === undefined)
                    lower = text.toLowerCase();
                if (test.test(lower))
                    return true;
            }
            else if (test.test(text)) {
                return true;
            }
        }
        return false;
    };
}
function compileRegex(value, mods, fail) {
    let source = value;
    const flags = new Set();
    for (const mod of mods)
        if (REGEX_FLAGS[mod])
            flags.add(REGEX_FLAGS[mod]);
    // PCRE inline flags at the very start, e.g. `(?i)`: JavaScript has no inline flags, so make them regex flags.
    const inline = /^\(\?([ims]+)\)/.exec(source);
    if (inline) {
        for (const flag of inline[1])
            flags.add(flag);
        source = source.slice(inline[0].length);
    }
    let regex;
    try {
        regex = new RegExp(source, [...flags].sort().join(''));
        // Validated as written; matched in an equivalent form that avoids quadratic backtracking.
        regex = new RegExp(simplifyForSearch(source), regex.flags);
    }
    catch (error) {
        return fail(`invalid regular expression '${value}': ${error.message}`);
    }
    const test = (s) => regex.test(s);
    return { ci: false, test, match: test };
}
/**
 * For a search (RegExp.test, unanchored), a leading or trailing `.*` adds nothing and `.+` is the same as one `.`;
 * left in place they make V8 retry the run from every position (`.+:assumed-role/aws:.+` costs microseconds per
 * ARN). Only applied when the expression has no top-level alternation and the wildcard is not escaped or followed
 * by another quantifier.
 */
function simplifyForSearch(source) {
    if (hasTopLevelAlternation(source))
        return source;
    let result = source;
    const head = /^\.([*+])(?![*+?{])/.exec(result);
    if (head)
        result = head[1] === '*' ? result.slice(2) : `.${result.slice(2)}`;
    const tail = /\.([*+])$/.exec(result);
    if (tail && tail.index >= (head ? 1 : 0) && !isEscaped(result, tail.index)) {
        result = tail[1] === '*' ? result.slice(0, -2) : result.slice(0, -1);
    }
    return result;
}
function isEscaped(source, index) {
    let backslashes = 0;
    for (let i = index - 1; i >= 0 && source[i] === '\\'; i--)
        backslashes++;
    return backslashes % 2 === 1;
}
function hasTopLevelAlternation(source) {
    let depth = 0;
    let inClass = false;
    for (let i = 0; i < source.length; i++) {
        const c = source[i];
        if (c === '\\') {
            i++;
        }
        else if (inClass) {
            if (c === ']')
                inClass = false;
        }
        else if (c === '[') {
            inClass = true;
            if (source[i + 1] === '^')
                i++;
            if (source[i + 1] === ']')
                i++;
        }
        else if (c === '(') {
            depth++;
        }
        else if (c === ')') {
            depth--;
        }
        else if (c === '|' && depth === 0) {
            return true;
        }
    }
    return false;
}
function compileCidr(value, fail) {
    let network;
    try {
        if (ipaddr_js__WEBPACK_IMPORTED_MODULE_0___default().IPv4.isValidCIDRFourPartDecimal(value) || ipaddr_js__WEBPACK_IMPORTED_MODULE_0___default().IPv6.isValidCIDR(value)) {
            network = ipaddr_js__WEBPACK_IMPORTED_MODULE_0___default().parseCIDR(value);
        }
        else if (ipaddr_js__WEBPACK_IMPORTED_MODULE_0___default().IPv4.isValidFourPartDecimal(value)) {
            network = [ipaddr_js__WEBPACK_IMPORTED_MODULE_0___default().IPv4.parse(value), 32];
        }
        else if (ipaddr_js__WEBPACK_IMPORTED_MODULE_0___default().IPv6.isValid(value)) {
            network = [ipaddr_js__WEBPACK_IMPORTED_MODULE_0___default().IPv6.parse(value), 128];
        }
        else {
            return fail(`'${value}' is not an IPv4 or IPv6 network (for example 10.0.0.0/8 or 2001:db8::/32)`);
        }
    }
    catch (error) {
        return fail(`'${value}' is not an IPv4 or IPv6 network: ${error.message}`);
    }
    const kind = network[0].kind();
    if (kind === 'ipv4') {
        const bits = network[1];
        const prefix = prefixOf(ipv4Number(network[0].toString()), bits);
        return (text) => {
            const v4 = ipv4Number(text);
            if (v4 !== undefined)
                return prefixOf(v4, bits) === prefix;
            if (!text.includes(':') || !ipaddr_js__WEBPACK_IMPORTED_MODULE_0___default().IPv6.isValid(text))
                return false;
            const address = ipaddr_js__WEBPACK_IMPORTED_MODULE_0___default().IPv6.parse(text);
            return address.isIPv4MappedAddress() && address.toIPv4Address().match(network);
        };
    }
    // An IPv6 network: an IPv4 address is never in it.
    return (text) => text.includes(':') && ipaddr_js__WEBPACK_IMPORTED_MODULE_0___default().IPv6.isValid(text) && ipaddr_js__WEBPACK_IMPORTED_MODULE_0___default().IPv6.parse(text).match(network);
}
const FOUR_PART_DECIMAL = /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})$/;
let lastText;
let lastNumber;
/**
 * An IPv4 address in four-part decimal (as ipaddr.js's isValidFourPartDecimal takes it: no leading zeros, each part
 * at most 255) as an unsigned 32-bit number, else undefined. The last answer is kept: a list of networks (the
 * private ranges) tests one address against each.
 */
function ipv4Number(text) {
    if (text === lastText)
        return lastNumber;
    const parts = FOUR_PART_DECIMAL.exec(text);
    let value;
    if (parts) {
        value = 0;
        for (let i = 1; i <= 4; i++) {
            const part = Number(parts[i]);
            if (part > 255) {
                value = undefined;
                break;
            }
            value = value * 256 + part;
        }
    }
    lastText = text;
    lastNumber = value;
    return value;
}
function prefixOf(address, bits) {
    return bits === 0 ? 0 : Math.floor(address / 2 ** (32 - bits));
}
function compileComparison(value, op, fail) {
    const limit = toNumber(value);
    if (limit === undefined)
        return fail(`'${op}' needs a number, not '${value}'`);
    const compare = op === 'lt'
        ? (x) => x < limit
        : op === 'lte'
            ? (x) => x <= limit
            : op === 'gt'
                ? (x) => x > limit
                : (x) => x >= limit;
    return (text) => {
        const x = toNumber(text);
        return x !== undefined && compare(x);
    };
}
function toNumber(text) {
    if (text.trim() === '')
        return undefined;
    const x = Number(text);
    return Number.isNaN(x) ? undefined : x;
}
function compileFieldRef(path, values, mods, fail, pathOf) {
    const cased = mods.has('cased');
    const shape = SHAPES.find((m) => mods.has(m)) ?? 'equals';
    const compare = shape === 'contains'
        ? (a, b) => a.includes(b)
        : shape === 'startswith'
            ? (a, b) => a.startsWith(b)
            : shape === 'endswith'
                ? (a, b) => a.endsWith(b)
                : (a, b) => a === b;
    const fold = (s) => (cased ? s : s.toLowerCase());
    const parts = values.map((value) => {
        if (value === null || typeof value === 'boolean')
            return fail("'fieldref' takes the name of another field");
        const other = (0,_pattern_js__WEBPACK_IMPORTED_MODULE_6__/* .literalValue */ .XP)(String(value));
        if (other === undefined || other === '')
            return fail(`'fieldref' takes a field name without wildcards, not '${value}'`);
        const otherPath = pathOf(other);
        return (record) => {
            const references = [];
            otherPath.some(record, (v) => {
                const t = textOf(v);
                if (t !== undefined)
                    references.push(fold(t));
                return false;
            });
            if (references.length === 0)
                return false;
            return path.some(record, (v) => {
                const t = textOf(v);
                if (t === undefined)
                    return false;
                const own = fold(t);
                return references.some((reference) => compare(own, reference));
            });
        };
    });
    return mods.has('all')
        ? (record) => parts.every((part) => part(record))
        : (record) => parts.some((part) => part(record));
}
function compileKeywords(values, mods, fail) {
    if (mods.has('all') && values.length < 2)
        fail("'all' needs a list of two or more values");
    const tests = values.map((value) => {
        if (value === null)
            return fail('a keyword cannot be null');
        if (mods.has('re'))
            return compileRegex(text(value), mods, fail);
        return (0,_pattern_js__WEBPACK_IMPORTED_MODULE_6__/* .compileStringTest */ .LI)(text(value), 'contains', mods.has('cased'));
    });
    const asValueTests = (list) => list.map((t) => ({ ...t, descend: true }));
    if (mods.has('all')) {
        const each = tests.map((test) => textPredicate(asValueTests([test])));
        return (record) => each.every((predicate) => (0,_field_path_js__WEBPACK_IMPORTED_MODULE_3__/* .someLeaf */ .l)(record, predicate));
    }
    const predicate = textPredicate(asValueTests(tests));
    return (record) => (0,_field_path_js__WEBPACK_IMPORTED_MODULE_3__/* .someLeaf */ .l)(record, predicate);
}


/***/ }),

/***/ 4632:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   w: () => (/* binding */ RuleCompileError)
/* harmony export */ });
/** A rule that cannot be compiled: the message says what is wrong and where in the detection (no file name). */
class RuleCompileError extends Error {
    constructor(message) {
        super(message);
        this.name = 'RuleCompileError';
    }
}


/***/ }),

/***/ 2703:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   V: () => (/* binding */ compileFieldPath),
/* harmony export */   l: () => (/* binding */ someLeaf)
/* harmony export */ });
/**
 * Compiled accessors for dotted field names (`requestParameters.ipPermissions.items.cidrIp`).
 *
 * - A path goes through nested objects and through arrays at any level: every value it reaches counts, and an
 *   array at the end of the path contributes its items (flattened), not itself.
 * - Keys may themselves contain dots (some CloudTrail services log keys such as `x-amz-server-side-encryption` or
 *   `s3.bucket`): at each level the longest key that is present wins, so `a.b.c` looks for `a.b.c`, then `a.b`,
 *   then `a`, and goes on with what remains. records/fields.ts uses these accessors for display too.
 * - Field names are case-sensitive, as CloudTrail keys are. Only own properties count (a rule field `constructor`
 *   does not find Object.prototype.constructor); a property whose value is undefined counts as absent.
 *
 * Nothing is allocated per record: the key candidates are joined once here.
 */
const hasOwn = Object.prototype.hasOwnProperty;
/**
 * Keys that no Object.prototype member answers to: for these, `object[key] !== undefined` proves an own property
 * (records are plain JSON objects, where no value is undefined), which is cheaper than hasOwnProperty.
 */
function isSafeKey(key) {
    return !(key in Object.prototype);
}
function compileFieldPath(path) {
    const parts = path.split('.');
    const n = parts.length;
    if (n === 1)
        return singleKey(path);
    // At part `at`, the keys to try (longest first) and the part each one leads to.
    const keysAt = [];
    const nextAt = [];
    const safeAt = [];
    for (let at = 0; at < n; at++) {
        const keys = [];
        const nexts = [];
        for (let end = n; end > at; end--) {
            keys.push(parts.slice(at, end).join('.'));
            nexts.push(end);
        }
        keysAt.push(keys);
        nextAt.push(nexts);
        safeAt.push(keys.map(isSafeKey));
    }
    const someAt = (value, at, predicate) => {
        if (Array.isArray(value)) {
            for (let i = 0; i < value.length; i++)
                if (someAt(value[i], at, predicate))
                    return true;
            return false;
        }
        if (at === n)
            return predicate(value);
        if (value === null || typeof value !== 'object')
            return false;
        const keys = keysAt[at];
        const safe = safeAt[at];
        for (let i = 0; i < keys.length; i++) {
            const key = keys[i];
            const child = value[key];
            if (child === undefined ? false : safe[i] || hasOwn.call(value, key))
                return someAt(child, nextAt[at][i], predicate);
        }
        return false;
    };
    const existsAt = (value, at) => {
        if (at === n)
            return true;
        if (Array.isArray(value)) {
            for (let i = 0; i < value.length; i++)
                if (existsAt(value[i], at))
                    return true;
            return false;
        }
        if (value === null || typeof value !== 'object')
            return false;
        const keys = keysAt[at];
        for (let i = 0; i < keys.length; i++) {
            const key = keys[i];
            const child = value[key];
            if (child !== undefined && hasOwn.call(value, key))
                return existsAt(child, nextAt[at][i]);
        }
        return false;
    };
    return {
        path,
        some: (record, predicate) => someAt(record, 0, predicate),
        exists: (record) => existsAt(record, 0),
    };
}
/** The common case (`eventName`, `errorCode`): one lookup, no recursion. */
function singleKey(key) {
    const safe = isSafeKey(key);
    return {
        path: key,
        some(record, predicate) {
            if (record === null || typeof record !== 'object')
                return false;
            const value = record[key];
            if (value === undefined || (!safe && !hasOwn.call(record, key)))
                return false;
            if (Array.isArray(value))
                return someFlat(value, predicate);
            return predicate(value);
        },
        exists(record) {
            return (record !== null &&
                typeof record === 'object' &&
                record[key] !== undefined &&
                hasOwn.call(record, key));
        },
    };
}
function someFlat(values, predicate) {
    for (let i = 0; i < values.length; i++) {
        const value = values[i];
        if (Array.isArray(value) ? someFlat(value, predicate) : predicate(value))
            return true;
    }
    return false;
}
/** True when some scalar (string, number, boolean) anywhere inside `value` satisfies the predicate. */
function someLeaf(value, predicate) {
    if (typeof value === 'string')
        return predicate(value);
    if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
        return predicate(String(value));
    }
    if (value === null || typeof value !== 'object')
        return false;
    if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++)
            if (someLeaf(value[i], predicate))
                return true;
        return false;
    }
    for (const key in value) {
        if (hasOwn.call(value, key) && someLeaf(value[key], predicate))
            return true;
    }
    return false;
}


/***/ }),

/***/ 8162:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   g: () => (/* binding */ fieldText)
/* harmony export */ });
/* harmony import */ var _derived_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(9252);
/* harmony import */ var _field_path_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(2703);
/* harmony import */ var _records_actor_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(7487);



/** Compiled once per path name; rule files name a bounded set of fields. */
const paths = new Map();
/**
 * A record field by dotted path, for display and grouping, walked as rules walk it (rules/field-path.ts: through
 * arrays, keys that contain dots). `actor` is the derived principal (see actor.ts), `derived.*` the derived fields
 * (rules/derived.ts). Several values are joined with ", "; objects are shown as JSON. Absent or null → undefined.
 */
function fieldText(record, path) {
    if (path === 'actor')
        return (0,_records_actor_js__WEBPACK_IMPORTED_MODULE_2__/* .actorOf */ .d)(record);
    if ((0,_derived_js__WEBPACK_IMPORTED_MODULE_0__/* .isDerivedField */ .co)(path)) {
        const values = (0,_derived_js__WEBPACK_IMPORTED_MODULE_0__/* .derivedValues */ .EX)(record, path);
        return values.length === 0 ? undefined : values.join(', ');
    }
    let compiled = paths.get(path);
    if (!compiled) {
        compiled = (0,_field_path_js__WEBPACK_IMPORTED_MODULE_1__/* .compileFieldPath */ .V)(path);
        paths.set(path, compiled);
    }
    const shown = [];
    compiled.some(record, (value) => {
        if (value !== undefined && value !== null)
            shown.push(typeof value === 'string' ? value : JSON.stringify(value));
        return false; // visit every value
    });
    return shown.length === 0 ? undefined : shown.join(', ');
}


/***/ }),

/***/ 2657:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Kb: () => (/* binding */ specFingerprint),
/* harmony export */   sw: () => (/* binding */ parseFirstSeenSpec)
/* harmony export */ });
/* unused harmony exports DEFAULT_HISTORY, PSEUDO_FIELDS, parseDuration */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _record_fields_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(7238);
/**
 * The `first_seen` extension key of a rule: which values make the key, and how long a key is remembered.
 *
 * ```yaml
 * first_seen:
 *   fields: [recipientAccountId, actor, eventName]   # record fields (dotted paths) and pseudo-fields
 *   history: 10d                                      # how long a key stays known after it was last seen
 * ```
 */


const DEFAULT_HISTORY = '10d';
/** Fields that are derived from a record rather than read from it (see derived.ts). */
const PSEUDO_FIELDS = ['actor', 'principal', 'userAgentFamily', 'instanceFamily'];
const UNITS = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };
const DURATION = /^(\d+)\s*([smhdw])$/;
/** A year: a longer history would keep the baseline (and the state) growing for little gain. */
const MAX_HISTORY = 366 * 86400;
const MAX_FIELDS = 8;
/** `10d` → seconds; undefined when the text is not a duration. Units: s, m, h, d, w (Sigma's timespan plus weeks). */
function parseDuration(text) {
    const match = DURATION.exec(text.trim());
    if (!match)
        return undefined;
    return Number(match[1]) * UNITS[match[2]];
}
/** Validates the value of a rule's `first_seen` key; problems say what is wrong in the rule author's terms. */
function parseFirstSeenSpec(value) {
    const problems = [];
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        return {
            problems: ["'first_seen' must be a mapping with 'fields' (and optionally 'history', 'require_known')"],
        };
    }
    const map = value;
    for (const key of Object.keys(map)) {
        if (!['fields', 'history', 'require_known'].includes(key))
            problems.push(`'first_seen' has an unknown key '${key}'`);
    }
    const fields = [];
    const rawFields = map.fields;
    if (rawFields === undefined || rawFields === null) {
        problems.push("'first_seen.fields' is missing: list the fields whose values make the key");
    }
    else if (!Array.isArray(rawFields) || rawFields.some((f) => typeof f !== 'string')) {
        problems.push("'first_seen.fields' must be a list of field names");
    }
    else if (rawFields.length === 0) {
        problems.push("'first_seen.fields' is empty: list the fields whose values make the key");
    }
    else if (rawFields.length > MAX_FIELDS) {
        problems.push(`'first_seen.fields' lists ${rawFields.length} fields; at most ${MAX_FIELDS}`);
    }
    else {
        for (const field of rawFields) {
            const problem = fieldProblem(field);
            if (problem)
                problems.push(problem);
            else if (fields.includes(field))
                problems.push(`'first_seen.fields' lists '${field}' twice`);
            else
                fields.push(field);
        }
    }
    let historyText = DEFAULT_HISTORY;
    let history = parseDuration(DEFAULT_HISTORY);
    if (map.history !== undefined && map.history !== null) {
        historyText = String(map.history);
        const seconds = typeof map.history === 'string' ? parseDuration(map.history) : undefined;
        if (seconds === undefined) {
            problems.push(`'first_seen.history' '${historyText}' is not a duration such as 10d, 36h or 2w (units s, m, h, d, w)`);
        }
        else if (seconds < 3600 || seconds > MAX_HISTORY) {
            problems.push(`'first_seen.history' '${historyText}' must be between 1h and 366d`);
        }
        else {
            history = seconds;
        }
    }
    let requireKnown;
    if (map.require_known !== undefined && map.require_known !== null) {
        const known = map.require_known;
        if (!Array.isArray(known) || known.length === 0 || known.some((f) => typeof f !== 'string')) {
            problems.push("'first_seen.require_known' must be a non-empty list of field names");
        }
        else if (known.some((f) => !fields.includes(f)) || known.length >= fields.length) {
            if (fields.length > 0)
                problems.push("'first_seen.require_known' must list some, not all, of the fields of 'first_seen.fields'");
        }
        else {
            // Kept in the order of `fields`, so that the same part written in another order is the same key.
            requireKnown = fields.filter((f) => known.includes(f));
        }
    }
    if (problems.length > 0)
        return { problems };
    return { spec: { fields, history, historyText, ...(requireKnown ? { requireKnown } : {}) } };
}
function fieldProblem(field) {
    const name = field.trim();
    if (name === '' || name !== field || name.split('.').some((part) => part === '')) {
        return `'first_seen.fields' has a malformed field name '${field}'`;
    }
    if (PSEUDO_FIELDS.includes(name))
        return undefined;
    const top = name.split('.')[0];
    if (_record_fields_js__WEBPACK_IMPORTED_MODULE_1__/* .RECORD_FIELDS */ .IT.has(top))
        return undefined;
    const lower = name.toLowerCase().replace(/[_-]/g, '');
    const close = [...PSEUDO_FIELDS, ..._record_fields_js__WEBPACK_IMPORTED_MODULE_1__/* .RECORD_FIELDS */ .IT].find((known) => known.toLowerCase() === lower);
    const hint = close ? `; did you mean '${close}'?` : '';
    return (`'first_seen.fields' names '${field}', which is neither a CloudTrail record field nor a pseudo-field ` +
        `(${PSEUDO_FIELDS.join(', ')})${hint}`);
}
/**
 * Identifies what a baseline was learnt for: the key fields and the events the rule looks at. When it changes,
 * the keys stored for the rule mean something else and its baseline starts again.
 */
function specFingerprint(spec, detection) {
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256')
        .update(JSON.stringify({
        fields: spec.fields,
        known: spec.requireKnown ?? [],
        detection: canonical(detection),
    }))
        .digest('hex')
        .slice(0, 16);
}
function canonical(value) {
    if (Array.isArray(value))
        return value.map(canonical);
    if (value !== null && typeof value === 'object') {
        const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1));
        return Object.fromEntries(entries.map(([k, v]) => [k, canonical(v)]));
    }
    return value;
}


/***/ }),

/***/ 5755:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ RuleIndex)
/* harmony export */ });
/** Distinct raw spellings remembered before the cache starts over (records are attacker-influenced input). */
const MAX_CACHED = 10_000;
class RuleIndex {
    unconstrained;
    byName = new Map();
    cache = new Map();
    constructor(rules) {
        this.unconstrained = Object.freeze(rules.filter((rule) => rule.eventNames === null));
        const names = new Set();
        for (const rule of rules)
            for (const name of rule.eventNames ?? [])
                names.add(name);
        for (const name of names) {
            this.byName.set(name, Object.freeze(rules.filter((rule) => rule.eventNames === null || rule.eventNames.has(name))));
        }
    }
    candidates(eventName) {
        const cached = this.cache.get(eventName);
        if (cached !== undefined)
            return cached;
        const found = this.byName.get(String(eventName).toLowerCase()) ?? this.unconstrained;
        if (this.cache.size >= MAX_CACHED)
            this.cache.clear();
        this.cache.set(eventName, found);
        return found;
    }
}


/***/ }),

/***/ 2818:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   B: () => (/* binding */ CORRELATION_TYPES),
/* harmony export */   w: () => (/* binding */ makesFindings)
/* harmony export */ });
const CORRELATION_TYPES = ['event_count', 'value_count', 'temporal', 'temporal_ordered'];
/** False for rules whose matches only feed analyzers (Sigma `generate: false`, first-seen rules). */
function makesFindings(rule) {
    return rule.kind === 'event' && rule.generate !== false;
}


/***/ }),

/***/ 2179:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   FC: () => (/* binding */ gatedDetection),
/* harmony export */   Tm: () => (/* binding */ parseDenied),
/* harmony export */   np: () => (/* binding */ deniedProblem),
/* harmony export */   rF: () => (/* binding */ requiresNoErrorCode)
/* harmony export */ });
/* unused harmony exports OUTCOME_GATE, outcomeOf, gateSelection, isConvention, deniedLevelOf, deniedTitle */
/* harmony import */ var _core_did_you_mean_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(7568);
/* harmony import */ var _core_severity_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(432);


/** The selection the gate is added as; a leading `_` keeps it out of `1 of them` and `all of x*`. */
const OUTCOME_GATE = '_outcome_gate';
/** Error codes of denied calls, as the reference defines them (detections.md, Conventions). */
const DENIED_CODES = ['AccessDenied', 'AccessDeniedException'];
const DENIED_SUFFIXES = ['UnauthorizedOperation', 'LimitExceeded'];
const DENIED_EXACT = new Set(DENIED_CODES.map((code) => code.toLowerCase()));
const DENIED_ENDINGS = DENIED_SUFFIXES.map((suffix) => suffix.toLowerCase());
/**
 * The outcome of a record with this `errorCode`, with the gate's Sigma semantics: no value (absent, null or an
 * empty list) is ok; codes compare case-insensitively.
 */
function outcomeOf(errorCode) {
    if (errorCode === undefined || errorCode === null)
        return 'ok';
    if (Array.isArray(errorCode))
        return errorCode.length === 0 ? 'ok' : 'failed';
    if (typeof errorCode !== 'string')
        return 'failed';
    const code = errorCode.toLowerCase();
    if (DENIED_EXACT.has(code) || DENIED_ENDINGS.some((ending) => code.endsWith(ending)))
        return 'denied';
    return 'failed';
}
/** The gate selection for a rule's handling of denied calls (a level or none). */
function gateSelection(level) {
    if (level === 'none')
        return { errorCode: null };
    return [{ errorCode: null }, { errorCode: DENIED_CODES }, { 'errorCode|endswith': DENIED_SUFFIXES }];
}
/**
 * The detection with the gate added to every condition (none for `counted`); a problem when the rule already has
 * a selection of the gate's name.
 */
function gatedDetection(detection, level) {
    if (OUTCOME_GATE in detection) {
        return { problem: `the selection name '${OUTCOME_GATE}' is reserved (the 'denied' key adds it)` };
    }
    if (level === 'counted')
        return { detection };
    const { condition } = detection;
    const gate = (text) => (typeof text === 'string' ? `(${text}) and ${OUTCOME_GATE}` : text);
    return {
        detection: {
            ...detection,
            [OUTCOME_GATE]: gateSelection(level),
            condition: Array.isArray(condition) ? condition.map(gate) : gate(condition),
        },
    };
}
/**
 * Reads `denied` and `denied_reason` from a rule document. Problems speak the rule author's terms.
 * `level` is the rule's own level: a reason is required unless the denied level is exactly one below it.
 */
function parseDenied(data, level) {
    const problems = [];
    const raw = data.denied;
    const rawReason = data.denied_reason;
    for (const wrong of ['denied-reason', 'deniedReason'])
        if (wrong in data)
            problems.push(`the extension key '${wrong}' is spelled 'denied_reason'`);
    if (raw === undefined || raw === null) {
        if (rawReason !== undefined && rawReason !== null)
            problems.push("'denied_reason' needs 'denied' (the level of a denied attempt, none or counted)");
        return { problems };
    }
    const choices = [..._core_severity_js__WEBPACK_IMPORTED_MODULE_0__/* .SEVERITIES */ .oC, 'none', 'counted'];
    const text = typeof raw === 'string' ? raw.trim().toLowerCase() : undefined;
    if (text === undefined || !choices.includes(text)) {
        problems.push(`denied: ${(0,_core_did_you_mean_js__WEBPACK_IMPORTED_MODULE_1__/* .notOneOf */ .N)(text ?? String(raw), choices)}`);
        return { problems };
    }
    const deniedLevel = text;
    let reason;
    if (rawReason !== undefined && rawReason !== null) {
        if (typeof rawReason === 'string' && rawReason.trim() !== '')
            reason = rawReason.trim();
        else
            problems.push("'denied_reason' must be a non-empty string");
    }
    if (reason === undefined && problems.length === 0 && !isConvention(deniedLevel, level)) {
        problems.push(`'denied: ${deniedLevel}' departs from the convention (one level below the rule's ${level}): say why in 'denied_reason'`);
    }
    if (problems.length > 0)
        return { problems };
    return {
        handling: reason === undefined ? { level: deniedLevel } : { level: deniedLevel, reason },
        problems,
    };
}
/** Whether a denied level is the convention's: exactly one severity below the rule's own level. */
function isConvention(denied, level) {
    return (0,_core_severity_js__WEBPACK_IMPORTED_MODULE_0__/* .isSeverity */ ._Z)(denied) && (0,_core_severity_js__WEBPACK_IMPORTED_MODULE_0__/* .severityRank */ .qs)(level) > 0 && (0,_core_severity_js__WEBPACK_IMPORTED_MODULE_0__/* .severityRank */ .qs)(denied) === (0,_core_severity_js__WEBPACK_IMPORTED_MODULE_0__/* .severityRank */ .qs)(level) - 1;
}
/**
 * What is wrong with a rule's `denied` given whether its matches make findings of their own: a rule that only feeds
 * a correlation or a first-seen rule makes none, so a level for denied attempts means nothing there.
 */
function deniedProblem(rule, makesFindings) {
    const level = rule.denied?.level;
    if (level === undefined || makesFindings || !(0,_core_severity_js__WEBPACK_IMPORTED_MODULE_0__/* .isSeverity */ ._Z)(level))
        return undefined;
    return `this rule's matches make no finding of their own (they feed a correlation or a first-seen rule): 'denied' can only be none (denied calls do not count) or counted (they count like successful ones), not ${level}`;
}
/** Whether the detection (as written, before the gate) requires `errorCode: null` somewhere. */
function requiresNoErrorCode(detection) {
    const nullErrorCode = (map) => {
        if (map === null || typeof map !== 'object' || Array.isArray(map))
            return false;
        const value = map.errorCode;
        return value === null || (Array.isArray(value) && value.includes(null));
    };
    return Object.entries(detection).some(([name, selection]) => name !== 'condition' &&
        (Array.isArray(selection) ? selection.some(nullErrorCode) : nullErrorCode(selection)));
}
/**
 * The level of a match's finding when the match is a denied attempt that the rule reports as such (its `denied` is
 * a severity); undefined for every other match, which makes the rule's ordinary finding.
 */
function deniedLevelOf(rule, errorCode) {
    const level = rule.denied?.level;
    return level !== undefined && isSeverity(level) && outcomeOf(errorCode) === 'denied' ? level : undefined;
}
/** The title of a denied attempt's finding. */
function deniedTitle(title) {
    return `${title} (denied)`;
}


/***/ }),

/***/ 9485:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   BB: () => (/* binding */ parseWildcards),
/* harmony export */   LI: () => (/* binding */ compileStringTest),
/* harmony export */   Nt: () => (/* binding */ escapeRegExp),
/* harmony export */   XP: () => (/* binding */ literalValue)
/* harmony export */ });
/**
 * Sigma string values → compiled string tests.
 *
 * Wildcards and escapes (Sigma rules specification 2.0, "String Wildcard" and "Escaping"):
 * - `*` is any run of characters (also none), `?` exactly one character;
 * - `\*`, `\?` and `\\` are a literal `*`, `?` and `\`; a backslash before any other character is itself literal
 *   (so `C:\Windows` and `C:\\Windows` are the same value).
 *
 * Values are compared case-insensitively unless `cased`: both sides are lower-cased with toLowerCase (the same
 * folding the rule index uses for eventName, so the two always agree). A value without inner wildcards compiles to
 * a plain comparison (===, startsWith, endsWith, includes); only inner wildcards need a regular expression, built
 * here once.
 */
const STAR = 0;
const ONE = 1;
/** Splits a Sigma value into literal text and wildcards, resolving escapes. */
function parseWildcards(value) {
    const segments = [];
    let text = '';
    const flush = () => {
        if (text)
            segments.push(text);
        text = '';
    };
    for (let i = 0; i < value.length; i++) {
        const c = value[i];
        if (c === '\\') {
            const next = value[i + 1];
            if (next === '*' || next === '?' || next === '\\') {
                text += next;
                i++;
            }
            else {
                text += c;
            }
        }
        else if (c === '*' || c === '?') {
            flush();
            segments.push(c === '*' ? STAR : ONE);
        }
        else {
            text += c;
        }
    }
    flush();
    return segments;
}
/** The value as plain text when it holds no wildcard (escapes resolved), else undefined. */
function literalValue(value) {
    const segments = parseWildcards(value);
    if (segments.length === 0)
        return '';
    return segments.length === 1 && typeof segments[0] === 'string' ? segments[0] : undefined;
}
function compileStringTest(value, shape, cased) {
    const ci = !cased;
    const fold = (s) => (ci ? s.toLowerCase() : s);
    let segments = parseWildcards(value).map((s) => (typeof s === 'string' ? fold(s) : s));
    if (shape === 'contains' || shape === 'endswith')
        segments = [STAR, ...segments];
    if (shape === 'contains' || shape === 'startswith')
        segments = [...segments, STAR];
    // Collapse runs of `*`.
    segments = segments.filter((s, i) => !(s === STAR && segments[i - 1] === STAR));
    const leading = segments[0] === STAR;
    const trailing = segments.length > 1 && segments[segments.length - 1] === STAR;
    const middle = segments.slice(leading ? 1 : 0, trailing ? -1 : undefined);
    if (middle.length <= 1 && (middle.length === 0 || typeof middle[0] === 'string')) {
        const text = middle[0] ?? '';
        if (leading && text === '')
            return { ci, test: () => true, match: () => true };
        if (leading && trailing) {
            return {
                ci,
                test: (s) => s.includes(text),
                match: ci ? (s) => s.toLowerCase().includes(text) : (s) => s.includes(text),
            };
        }
        if (leading) {
            return {
                ci,
                test: (s) => s.endsWith(text),
                match: ci ? (s) => foldedEndsWith(s, text) : (s) => s.endsWith(text),
            };
        }
        if (trailing) {
            return {
                ci,
                test: (s) => s.startsWith(text),
                match: ci ? (s) => foldedStartsWith(s, text) : (s) => s.startsWith(text),
            };
        }
        return {
            ci,
            test: (s) => s === text,
            match: ci ? (s) => foldedEquals(s, text) : (s) => s === text,
            exact: text,
        };
    }
    let source = leading ? '' : '^';
    for (const segment of middle) {
        source += segment === STAR ? '[\\s\\S]*' : segment === ONE ? '[\\s\\S]' : escapeRegExp(segment);
    }
    if (!trailing)
        source += '$';
    const regex = new RegExp(source);
    const test = (s) => regex.test(s);
    return { ci, test, match: ci ? (s) => regex.test(s.toLowerCase()) : test };
}
/*
 * Case-insensitive comparisons against an already lower-cased pattern, equal to comparing with
 * text.toLowerCase() but without building that string when the compared characters are ASCII (the usual case for
 * CloudTrail names); any other character falls back to toLowerCase, so the result is always the same.
 */
function foldedEquals(text, lower) {
    // toLowerCase never makes a string shorter, so a longer text cannot be equal.
    if (text.length > lower.length)
        return false;
    if (text.length < lower.length)
        return text.toLowerCase() === lower;
    for (let i = 0; i < text.length; i++) {
        let c = text.charCodeAt(i);
        if (c >= 128)
            return text.toLowerCase() === lower;
        if (c >= 65 && c <= 90)
            c += 32;
        if (c !== lower.charCodeAt(i))
            return false;
    }
    return true;
}
function foldedStartsWith(text, lower) {
    if (text.length < lower.length)
        return text.toLowerCase().startsWith(lower);
    for (let i = 0; i < lower.length; i++) {
        let c = text.charCodeAt(i);
        if (c >= 128)
            return text.toLowerCase().startsWith(lower);
        if (c >= 65 && c <= 90)
            c += 32;
        if (c !== lower.charCodeAt(i))
            return false;
    }
    return true;
}
function foldedEndsWith(text, lower) {
    const offset = text.length - lower.length;
    if (offset < 0)
        return text.toLowerCase().endsWith(lower);
    for (let i = 0; i < lower.length; i++) {
        let c = text.charCodeAt(offset + i);
        if (c >= 128)
            return text.toLowerCase().endsWith(lower);
        if (c >= 65 && c <= 90)
            c += 32;
        if (c !== lower.charCodeAt(i))
            return false;
    }
    return true;
}
function escapeRegExp(text) {
    return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}


/***/ }),

/***/ 3465:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Gc: () => (/* binding */ unexpandedPlaceholder),
/* harmony export */   pj: () => (/* binding */ expandPlaceholders)
/* harmony export */ });
/* unused harmony export KNOWN_PLACEHOLDERS */
/* harmony import */ var _core_did_you_mean_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7568);
/**
 * Sigma placeholders: a value `%name%` under the `expand` modifier stands for a list of values that the rule set is
 * given when it is loaded (the CLI's `--org-accounts`, the action's `org-accounts`), as pySigma's placeholder
 * transformations fill them. `requestParameters.accountId|expand: '%org_accounts%'` becomes
 * `requestParameters.accountId: [<each account>]`; a value with text around the placeholder expands to one value per
 * filling (`'arn:aws:iam::%org_accounts%:root'`).
 *
 * A placeholder that is known but not given expands to no values: the item then matches nothing (and with `neq`,
 * everything), which each rule that uses one documents. An unknown placeholder name is a rule problem, with a
 * did-you-mean. The expansion happens when the rule is parsed, on the rule's stored detection, so the in-process
 * matcher and the SQL compiler see the same values.
 */

/** The placeholders a rule may use, with what fills them (for messages and docs/rule-writing.md). */
const KNOWN_PLACEHOLDERS = {
    org_accounts: 'the account ids of your AWS Organization (CLI --org-accounts, action input org-accounts); derived.policy.outsideAccounts leaves them out too',
    github_oidc_subjects: "the subjects (sub claims, with Sigma's wildcards '*' and '?') of GitHub Actions workflows allowed to assume roles through GitHub's OIDC provider (CLI --github-oidc-subjects, action input github-oidc-subjects); derived.githubOidc.subjectNotAllowed uses them",
};
const PLACEHOLDER = /%([A-Za-z0-9_.-]+)%/g;
/** More values than this from one item is a mistake (a product of several long lists), not a rule. */
const MAX_VALUES = 10_000;
/** The detection with every `expand` item's placeholders replaced by their values, or the problems found. */
function expandPlaceholders(detection, placeholders) {
    const problems = [];
    const expandMap = (map) => {
        const out = {};
        for (const [key, value] of Object.entries(map)) {
            const modifiers = key.split('|').slice(1);
            if (!modifiers.some((m) => m.toLowerCase() === 'expand')) {
                out[key] = value;
                continue;
            }
            const values = [];
            for (const item of Array.isArray(value) ? value : [value]) {
                if (typeof item !== 'string')
                    values.push(item);
                else
                    values.push(...expandValue(item, placeholders, key, problems));
            }
            if (values.length > MAX_VALUES)
                problems.push(`'${key}' expands to ${values.length} values (at most ${MAX_VALUES})`);
            out[key] = values;
        }
        return out;
    };
    const isMap = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
    const expanded = {};
    for (const [name, selection] of Object.entries(detection)) {
        if (name === 'condition' || name === 'timeframe')
            expanded[name] = selection;
        else if (isMap(selection))
            expanded[name] = expandMap(selection);
        else if (Array.isArray(selection))
            expanded[name] = selection.map((item) => (isMap(item) ? expandMap(item) : item));
        else
            expanded[name] = selection;
    }
    return problems.length > 0 ? { problems: [...new Set(problems)] } : { detection: expanded };
}
/** One value → every filling of its placeholders (the product when it holds several). */
function expandValue(value, placeholders, key, problems) {
    let results = [''];
    let last = 0;
    for (const match of value.matchAll(PLACEHOLDER)) {
        const name = match[1];
        if (!(name in KNOWN_PLACEHOLDERS)) {
            const close = (0,_core_did_you_mean_js__WEBPACK_IMPORTED_MODULE_0__/* .closest */ .k)(name, Object.keys(KNOWN_PLACEHOLDERS));
            problems.push(`'${key}': unknown placeholder '%${name}%' (known: ${Object.keys(KNOWN_PLACEHOLDERS)
                .map((n) => `%${n}%`)
                .join(', ')})${close ? `; did you mean '%${close}%'?` : ''}`);
            return [];
        }
        const prefix = value.slice(last, match.index);
        const fillings = placeholders[name] ?? [];
        const next = [];
        for (const start of results) {
            for (const filling of fillings) {
                next.push(start + prefix + filling);
                if (next.length > MAX_VALUES)
                    return next;
            }
        }
        results = next;
        last = match.index + match[0].length;
    }
    return results.map((start) => start + value.slice(last));
}
/** Whether a value still holds a `%name%` placeholder (it was never expanded). */
function unexpandedPlaceholder(value) {
    const match = /%[A-Za-z0-9_.-]+%/.exec(value);
    return match ? match[0] : undefined;
}


/***/ }),

/***/ 6134:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  fO: () => (/* binding */ RecordPrefilter),
  h2: () => (/* binding */ requirementOf)
});

// UNUSED EXPORTS: describeRequirement

// EXTERNAL MODULE: ./src/rules/condition.ts
var condition = __nccwpck_require__(6018);
// EXTERNAL MODULE: ./src/rules/derived.ts + 1 modules
var derived = __nccwpck_require__(9252);
// EXTERNAL MODULE: ./src/rules/detection-item.ts
var detection_item = __nccwpck_require__(442);
// EXTERNAL MODULE: ./src/rules/pattern.ts
var pattern = __nccwpck_require__(9485);
;// CONCATENATED MODULE: ./src/rules/regex-literals.ts
/**
 * Literal text that every match of a JavaScript regular expression must contain: the runs of plain characters at
 * its top level (`:assumed-role/` in `:assumed-role/[^/]+/i-[0-9a-f]{8,17}$`). Used as a necessary condition for
 * `re`: by the SQL compiler (`LIKE '%run%'`, since regex dialects differ: JavaScript, Java for Trino, RE2 for
 * DuckDB) and by the prefilter on raw record text (prefilter.ts).
 *
 * Conservative by construction: groups and classes are skipped whole, a quantified character is dropped from its
 * run, any top-level `|` means nothing is required, and an escape it does not know ends the scan.
 */
function requiredRuns(source) {
    let s = source;
    const inline = /^\(\?[ims]+\)/.exec(s);
    if (inline)
        s = s.slice(inline[0].length);
    if (hasTopLevelAlternation(s))
        return [];
    const runs = [];
    let run = '';
    const end = () => {
        if (run)
            runs.push(run);
        run = '';
    };
    for (let i = 0; i < s.length; i++) {
        const c = s[i];
        if (c === '\\') {
            const next = s[i + 1];
            if (next === undefined)
                break;
            i++;
            if ('dDwWsSbB'.includes(next))
                end();
            else if (/[A-Za-z0-9]/.test(next))
                break; // \u…, \x…, \k<…>, \p{…}, back-references: stop here
            else
                run += next;
        }
        else if (c === '(' || c === '[') {
            end();
            const close = skipGroup(s, i);
            if (close < 0)
                return [];
            i = close;
        }
        else if (c === '*' || c === '+' || c === '?' || c === '{') {
            run = run.slice(0, -1); // the quantified character may be absent or repeated
            end();
            if (c === '{') {
                const close = s.indexOf('}', i);
                if (close < 0)
                    break;
                i = close;
            }
            if (s[i + 1] === '?')
                i++;
        }
        else if (c === '|') {
            return [];
        }
        else if ('.^$)]}'.includes(c)) {
            end();
        }
        else {
            run += c;
        }
    }
    end();
    // Only printable ASCII: the runs become SQL LIKE patterns (and a lone surrogate half is not text).
    return runs.filter((r) => /^[\x20-\x7e]+$/.test(r));
}
function hasTopLevelAlternation(s) {
    for (let i = 0; i < s.length; i++) {
        const c = s[i];
        if (c === '\\')
            i++;
        else if (c === '(' || c === '[') {
            const close = skipGroup(s, i);
            if (close < 0)
                return true; // unbalanced: claim nothing
            i = close;
        }
        else if (c === '|')
            return true;
    }
    return false;
}
/** Index of the `)` or `]` closing the group or class opened at `open`, or -1. */
function skipGroup(s, open) {
    let depth = 0;
    let inClass = false;
    for (let i = open; i < s.length; i++) {
        const c = s[i];
        if (c === '\\')
            i++;
        else if (inClass) {
            if (c === ']') {
                inClass = false;
                if (depth === 0)
                    return i;
            }
        }
        else if (c === '[') {
            inClass = true;
            if (s[i + 1] === '^')
                i++;
            if (s[i + 1] === ']')
                i++;
        }
        else if (c === '(')
            depth++;
        else if (c === ')') {
            depth--;
            if (depth === 0)
                return i;
        }
    }
    return -1;
}

// EXTERNAL MODULE: ./src/records/raw-fields.ts
var raw_fields = __nccwpck_require__(6220);
;// CONCATENATED MODULE: ./src/rules/prefilter.ts
/**
 * The prefilter: which records cannot match any rule of the set, told from their raw text, so that the scan does not
 * parse them. Derived from each rule's detection (never listed by hand), as a requirement that every record the rule
 * matches meets:
 *
 * - a *value atom* holds when some occurrence of a key in the text has a value that passes a test: `eventName:
 *   CreateUser` gives "a key `eventName` whose value is createuser", `errorCode|endswith: UnauthorizedOperation`
 *   "a key `errorCode` whose value ends with unauthorizedoperation", `userIdentity.arn|re: ':assumed-role/'` "a key
 *   `arn` (or `userIdentity.arn`, a key with a dot) whose value contains :assumed-role/". The key is found at any
 *   depth and every occurrence counts, so it holds for every record the item matches; a value that cannot be read
 *   from the text (an object, an array, a number, a string with escapes) counts as passing;
 * - a *text atom* holds when the lower-cased text contains a literal (keyword searches, which look in every value);
 * - a *negated item* (`not filter_private_address`: sourceIPAddress is not a private address) holds unless the
 *   field, read at its exact path, is a plain string that the item matches, tested exactly as the rule tests it.
 *   Only a reader of exact paths (records/record-scanner.ts) can refute one; for the key scanner, which finds keys
 *   at any depth, it always holds;
 * - a requirement is a list of clauses that must all hold, a clause a list of atoms one of which must hold.
 *
 * An item gives its value atoms (or none when the prefilter cannot use it: fieldref, cidr, lt/gt, neq, null,
 * derived fields; `exists: true` gives "the key occurs"); `and` keeps its parts' clauses, `or` one clause made of
 * the best clause of each part (none if a part has none), `not` the negation of its part by De Morgan's laws, down
 * to negated items (none for keywords, fieldref and derived fields). A rule whose whole detection gives no clause of
 * value or text atoms has no usable requirement (negated items only narrow one): with it in the set, every record
 * is parsed (`rules list --explain` lists such rules). Value atoms compare lower-cased values, so `cased` only makes
 * the requirement weaker, never wrong.
 */






/** Clauses kept for one rule (the best ones): each costs a look at every record. */
const MAX_CLAUSES = 6;
/** Shortest literal worth a text atom. */
const MIN_LITERAL = 3;
const UNUSABLE_MODIFIERS = ['fieldref', 'cidr', 'lt', 'lte', 'gt', 'gte', 'neq'];
const SHAPES = ['contains', 'startswith', 'endswith'];
const RESERVED = new Set(['condition', 'timeframe']);
/** The rule's requirement, or null when its detection gives none the prefilter can use. */
function requirementOf(detection) {
    try {
        const selections = new Map();
        for (const [name, value] of Object.entries(detection)) {
            if (!RESERVED.has(name))
                selections.set(name, { holds: selectionRequirement(value), fails: selectionNegation(value) });
        }
        const conditions = Array.isArray(detection.condition) ? detection.condition : [detection.condition];
        const parts = conditions.map((c) => conditionRequirement((0,condition/* parseCondition */.zB)(String(c)), selections));
        const requirement = parts.length === 1 ? parts[0] : or(parts);
        // Negated items only narrow a requirement: one made of them alone would let nearly every record through.
        return requirement?.some((clause) => clause.every((a) => a.kind !== 'not')) ? requirement : null;
    }
    catch {
        return null; // the rule compiled, so this does not happen; no requirement is always sound
    }
}
/** The requirement in words (`rules list --explain`). */
function describeRequirement(requirement) {
    return requirement
        .map((clause) => {
        const atoms = clause.map((a) => (a.kind === 'text' ? `text contains '${a.literal}'` : a.shown));
        return atoms.length === 1 ? atoms[0] : `(${atoms.join(' or ')})`;
    })
        .join(' and ');
}
function selectionRequirement(value) {
    if (Array.isArray(value) && value.length > 0 && value.every(isMap))
        return or(value.map(mapRequirement));
    if (isMap(value))
        return mapRequirement(value);
    return itemRequirement('', value); // keywords
}
function mapRequirement(map) {
    return and(Object.entries(map).map(([key, value]) => itemRequirement(key, value)));
}
function conditionRequirement(node, selections) {
    switch (node.kind) {
        case 'ref':
            return selections.get(node.name)?.holds ?? null;
        case 'of': {
            const names = (0,condition/* resolvePattern */.XO)(node.pattern, [...selections.keys()]);
            const parts = names.map((name) => selections.get(name)?.holds ?? null);
            return node.quantifier === 'all' ? and(parts) : or(parts);
        }
        case 'not':
            return negationRequirement(node.child, selections);
        case 'and':
            return and(node.children.map((child) => conditionRequirement(child, selections)));
        case 'or':
            return or(node.children.map((child) => conditionRequirement(child, selections)));
    }
}
/** What every record that `node` does not match holds (De Morgan's laws). */
function negationRequirement(node, selections) {
    switch (node.kind) {
        case 'ref':
            return selections.get(node.name)?.fails ?? null;
        case 'of': {
            const names = (0,condition/* resolvePattern */.XO)(node.pattern, [...selections.keys()]);
            const parts = names.map((name) => selections.get(name)?.fails ?? null);
            return node.quantifier === 'all' ? or(parts) : and(parts);
        }
        case 'not':
            return conditionRequirement(node.child, selections);
        case 'and':
            return or(node.children.map((child) => negationRequirement(child, selections)));
        case 'or':
            return and(node.children.map((child) => negationRequirement(child, selections)));
    }
}
/** A selection does not match: none of its maps does, each because one of its items does not. */
function selectionNegation(value) {
    if (Array.isArray(value) && value.length > 0 && value.every(isMap))
        return and(value.map(mapNegation));
    return isMap(value) ? mapNegation(value) : null;
}
function mapNegation(map) {
    const atoms = Object.entries(map).map(([key, value]) => notAtom(key, value));
    const usable = atoms.filter((a) => a !== null);
    return usable.length > 0 && usable.length === atoms.length ? [dedupe(usable)] : null;
}
/**
 * The negation of one item, tested with the rule's own compiled item on a record that holds only the value at the
 * field's path: exact for a plain string read at that path. Not for keywords, derived fields and fieldref, which
 * read more of the record than the one field.
 */
function notAtom(key, value) {
    const { field, modifiers } = (0,detection_item/* parseItemKey */.OX)(key);
    if (field === '' || (0,derived/* isDerivedField */.co)(field) || modifiers.some((m) => m.toLowerCase() === 'fieldref'))
        return null;
    let test;
    try {
        test = (0,detection_item/* compileItem */.FK)(key, value, 'prefilter');
    }
    catch {
        return null;
    }
    const parts = field.split('.');
    const record = {};
    let holder = record;
    for (const part of parts.slice(0, -1))
        holder = holder[part] = {};
    const leaf = parts[parts.length - 1];
    const matches = (value) => {
        if (value === undefined)
            delete holder[leaf];
        else
            holder[leaf] = value;
        return test(record);
    };
    const matchesString = memoized(matches);
    return {
        kind: 'not',
        field,
        keys: keysOf(field),
        matches: (value) => (typeof value === 'string' ? matchesString(value) : matches(value)),
        shown: `not ${key}: ${shortList(value)}`,
        item: `${key}: ${JSON.stringify(value)}`,
    };
}
function itemRequirement(key, value) {
    const { field, modifiers } = (0,detection_item/* parseItemKey */.OX)(key);
    const mods = new Set(modifiers.map((m) => m.toLowerCase()));
    if (UNUSABLE_MODIFIERS.some((m) => mods.has(m)) || (0,derived/* isDerivedField */.co)(field))
        return null;
    if (mods.has('exists')) {
        const exists = value === true || value === 'true';
        if (!exists || mods.size > 1 || field === '')
            return null;
        return [
            [
                {
                    kind: 'value',
                    field,
                    keys: keysOf(field),
                    test: () => true,
                    present: true,
                    shown: `${field} exists`,
                },
            ],
        ];
    }
    const list = Array.isArray(value) ? value : [value];
    if (list.length === 0)
        return null;
    const atoms = [];
    for (const item of list) {
        if (item === null || typeof item === 'object' || typeof item === 'function')
            return null;
        atoms.push(atomOf(field, String(item), mods));
    }
    if (mods.has('all')) {
        const clauses = atoms.filter((a) => a !== null).map((a) => [a]);
        return clauses.length > 0 ? best(clauses) : null;
    }
    return atoms.every((a) => a !== null) ? [atoms] : null;
}
function atomOf(field, value, mods) {
    if (mods.has('re')) {
        const runs = requiredRuns(value).map((r) => r.toLowerCase());
        if (field === '')
            return textAtom(longest(runs));
        const usable = runs.filter((r) => r.length > 0);
        if (usable.length === 0)
            return null;
        return {
            kind: 'value',
            field,
            keys: keysOf(field),
            test: (lower) => usable.every((run) => lower.includes(run)),
            shown: `${field} contains ${usable.map((r) => `'${r}'`).join(' and ')}`,
        };
    }
    const shape = SHAPES.find((s) => mods.has(s)) ?? 'equals';
    if (field === '') {
        // A keyword: contained in some value, whatever its shape.
        const segments = (0,pattern/* parseWildcards */.BB)(value).filter((s) => typeof s === 'string');
        return textAtom(longest(segments.map((s) => s.toLowerCase())));
    }
    const test = (0,pattern/* compileStringTest */.LI)(value, shape, false);
    return {
        kind: 'value',
        field,
        keys: keysOf(field),
        test: (lower) => test.test(lower),
        shown: `${field} ${shape === 'equals' ? '=' : shape} '${value.toLowerCase()}'`,
    };
}
function textAtom(literal) {
    if (literal === undefined)
        return null;
    // The longest run of characters that JSON writes as they are (no escapes, no case folding surprises).
    const runs = literal.split(/[^\x20-\x7e]|["\\]/);
    const run = longest(runs);
    return run !== undefined && run.length >= MIN_LITERAL ? { kind: 'text', literal: run } : null;
}
/**
 * The key a field's value is found under: its last part. (`a.b.c` may also be a key with dots, `b.c` or `a.b.c`, see
 * field-path.ts: the scanner reads such a key as its last part too.)
 */
function keysOf(field) {
    return [field.slice(field.lastIndexOf('.') + 1)];
}
function longest(texts) {
    let found;
    for (const t of texts)
        if (found === undefined || t.length > found.length)
            found = t;
    return found;
}
/** AND: every part's clauses (parts without one add nothing); null when no part has any. */
function and(parts) {
    const clauses = parts.flatMap((p) => p ?? []);
    return clauses.length > 0 ? best(clauses) : null;
}
/** OR: one clause, the best clause of each part; null when a part has none. */
function or(parts) {
    if (parts.length === 0 || parts.some((p) => p === null))
        return null;
    const atoms = parts.flatMap((p) => best(p)[0]);
    return [dedupe(atoms)];
}
/** The clauses sorted best first (fewest and cheapest atoms), at most MAX_CLAUSES. */
function best(clauses) {
    return [...clauses].sort((a, b) => cost(a) - cost(b)).slice(0, MAX_CLAUSES);
}
function cost(clause) {
    return clause.reduce((sum, atom) => sum + (atom.kind === 'text' ? 3 : atom.kind === 'not' ? 2 : atom.keys[0] === 'eventName' ? 0.5 : 1), 0);
}
/** What tells two atoms apart: the same key, the same atom. */
function atomKey(a) {
    return a.kind === 'text' ? `text:${a.literal}` : a.kind === 'not' ? `not:${a.item}` : `value:${a.shown}`;
}
/** A rule's value or list of values in a few words: the first three of a longer list, and how many there are. */
function shortList(value) {
    if (!Array.isArray(value))
        return JSON.stringify(value);
    const shown = value.slice(0, 3).map((v) => JSON.stringify(v));
    return `[${shown.join(', ')}${value.length > 3 ? `, ... ${value.length} in all` : ''}]`;
}
function dedupe(atoms) {
    const seen = new Set();
    return atoms.filter((a) => {
        const key = atomKey(a);
        if (seen.has(key))
            return false;
        seen.add(key);
        return true;
    });
}
function isMap(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
}
/**
 * The prefilter of a rule set: `mayMatch` says whether a record can match one of the rules, from the occurrences of
 * the keys it needs in the record's text: read at any depth by `fields` (a RawFieldScanner over one record's text),
 * or at their exact paths, `paths`, by a records/record-scanner.ts RecordScanner given `fields.keys`. Either is
 * sound: the rules read a field at its path (or under a key with dots, or through an array, which the record
 * scanner leaves to parsing or reads as COMPLEX). Built only when every rule has a requirement (see `RecordPrefilter.of`).
 */
class RecordPrefilter {
    /** Reads the keys the rules' atoms need, and `extraKeys` (what the scan counts of a record it does not parse). */
    fields;
    /** The field paths of those keys: `eventName`, `extraKeys` and the paths the atoms test. */
    paths;
    /** Lower-cased eventNames of the rules that name theirs. */
    names = new Set();
    eventName;
    /**
     * The other rules' requirements, as clauses (distinct ones: rules often share one), each told once per record: per
     * key, the tests of the clauses that have atoms on it; per clause, its text atoms; per rule, its clauses.
     */
    testsByKey;
    /** Per key, the clauses that have a test on it (all held when its value cannot be read). */
    clausesByKey;
    /** Per key, the clauses that hold when it occurs at all (`exists`). */
    presentByKey;
    /** Per clause, its negated items and the path (in `paths`) each reads; told only when the clause is reached. */
    nots = [];
    literals = [];
    requirements = [];
    /** The position in `requirements` of each rule that does not name its eventNames. */
    requirementOf = new Map();
    /**
     * Per clause, for the record being told: 1 when it holds, 0 when its value and text atoms do not show it (its
     * negated items not told yet), 2 when its negated items were told and do not make it hold either.
     */
    held;
    /** Whether `held` is the last record's (mayMatch may answer from its eventName alone). */
    told = false;
    /** The lower-cased text of the record being told, once a text atom needed it. */
    lowerText;
    constructor(rules, extraKeys) {
        // A rule that names its eventNames is told by them alone (its other clauses would cost a key each, on every
        // record, for the few records whose name matched); the others by their whole requirement.
        const unnamed = rules.filter((rule) => rule.eventNames === null);
        const keys = new Set(['eventName', ...extraKeys]);
        const paths = new Set(['eventName', ...extraKeys]);
        for (const rule of unnamed)
            for (const clause of rule.prefilter)
                for (const atom of clause) {
                    if (atom.kind === 'text')
                        continue;
                    for (const key of atom.keys)
                        keys.add(key);
                    paths.add(atom.field);
                }
        this.fields = new raw_fields/* RawFieldScanner */.rq([...keys]);
        this.paths = [...paths];
        this.eventName = this.fields.indexOf('eventName');
        for (const rule of rules)
            for (const name of rule.eventNames ?? [])
                this.names.add(name);
        const clauseIndex = new Map();
        const byKey = new Map();
        const presentByKey = new Map();
        for (const rule of unnamed) {
            this.requirementOf.set(rule, this.requirements.length);
            this.requirements.push(rule.prefilter.map((clause) => {
                const id = clause.map(atomKey).join('\n');
                let c = clauseIndex.get(id);
                if (c !== undefined)
                    return c;
                c = this.literals.length;
                clauseIndex.set(id, c);
                this.literals.push(clause.flatMap((a) => (a.kind === 'text' ? [a.literal] : [])));
                this.nots.push(clause.flatMap((atom) => atom.kind === 'not' ? [{ path: this.paths.indexOf(atom.field), atom }] : []));
                const tests = new Map();
                for (const atom of clause) {
                    if (atom.kind !== 'value')
                        continue;
                    if (atom.present) {
                        for (const key of atom.keys) {
                            const k = this.fields.indexOf(key);
                            presentByKey.set(k, [...(presentByKey.get(k) ?? []), c]);
                        }
                        continue;
                    }
                    for (const key of atom.keys) {
                        const k = this.fields.indexOf(key);
                        tests.set(k, [...(tests.get(k) ?? []), atom.test]);
                    }
                }
                for (const [k, list] of tests) {
                    const passes = list.length === 1 ? list[0] : (lower) => list.some((test) => test(lower));
                    byKey.set(k, [...(byKey.get(k) ?? []), { clause: c, passes }]);
                }
                return c;
            }));
        }
        // Per key, the clauses a value passes, remembered per value as written: the same values (readOnly, types, user
        // agents, services) come again and again, and a value found needs neither lower-casing nor a test.
        this.clausesByKey = this.fields.keys.map((_, k) => byKey.get(k)?.map(({ clause }) => clause));
        this.testsByKey = this.fields.keys.map((_, k) => {
            const entries = byKey.get(k);
            if (entries === undefined)
                return undefined;
            return memoized((value) => {
                const lower = value.toLowerCase();
                return entries.filter(({ passes }) => passes(lower)).map(({ clause }) => clause);
            });
        });
        this.presentByKey = this.fields.keys.map((_, k) => presentByKey.get(k));
        this.held = new Uint8Array(this.literals.length);
    }
    /** The set's prefilter, or undefined when a rule has no requirement (listed in `unusable`). */
    static of(rules, extraKeys = []) {
        const unusable = rules.filter((r) => !r.prefilter);
        return unusable.length > 0
            ? { unusable }
            : { prefilter: new RecordPrefilter(rules, extraKeys), unusable };
    }
    /**
     * False when no rule can match the record whose text is `text` and whose occurrences are `fields` (by default, those
     * `this.fields.scan(text)` read).
     */
    mayMatch(text, fields = this.fields) {
        this.told = false;
        for (let i = 0; i < fields.count; i++) {
            if (fields.key(i) !== this.eventName)
                continue;
            if (fields.kind(i) !== raw_fields/* STRING */.An || this.names.has(fields.value(i).toLowerCase()))
                return true;
        }
        if (this.requirements.length === 0)
            return false;
        this.tell(fields);
        for (const requirement of this.requirements)
            if (this.holds(requirement, text, fields))
                return true;
        return false;
    }
    /**
     * After mayMatch said true of a record (called with the same text and fields): whether this rule may match it. A
     * rule that names its eventNames is told by the record's eventName (the caller looks for its rules by name).
     */
    mayMatchRule(rule, text, fields = this.fields) {
        const at = this.requirementOf.get(rule);
        if (at === undefined)
            return true;
        if (!this.told)
            this.tell(fields);
        return this.holds(this.requirements[at], text, fields);
    }
    /**
     * Which clauses the record's value atoms meet (`held`). A value atom holds when some occurrence of its key passes
     * its test; a value that cannot be read (an object, an array, a number, a string with escapes) may hold anything.
     */
    tell(fields) {
        const { held } = this;
        held.fill(0);
        for (let i = 0; i < fields.count; i++) {
            const k = fields.key(i);
            const kind = fields.kind(i);
            const present = this.presentByKey[k];
            if (present !== undefined)
                for (const clause of present)
                    held[clause] = 1;
            const passed = this.testsByKey[k];
            if (passed === undefined)
                continue;
            if (kind !== raw_fields/* STRING */.An && kind !== raw_fields/* LITERAL */.ak) {
                for (const clause of this.clausesByKey[k])
                    held[clause] = 1;
                continue;
            }
            const value = fields.value(i);
            if (kind === raw_fields/* LITERAL */.ak && value === 'null')
                continue;
            for (const clause of passed(value))
                held[clause] = 1;
        }
        this.lowerText = undefined;
        this.told = true;
    }
    holds(requirement, text, fields) {
        for (const clause of requirement) {
            if (this.held[clause] === 1)
                continue;
            if (this.held[clause] === 0 && this.nots[clause].length > 0) {
                const nots = this.notsHold(clause, fields);
                this.held[clause] = nots ? 1 : 2;
                if (nots)
                    continue;
            }
            const literals = this.literals[clause];
            if (literals.length === 0)
                return false;
            const lower = (this.lowerText ??= (typeof text === 'string' ? text : text()).toLowerCase());
            if (!literals.some((literal) => lower.includes(literal)))
                return false;
        }
        return true;
    }
    /** Whether one of the clause's negated items holds; only occurrences read at their exact paths can refute one. */
    notsHold(clause, fields) {
        if (!fields.exact)
            return true;
        for (const { path, atom } of this.nots[clause])
            if (!refutes(atom, path, fields))
                return true;
        return false;
    }
}
/**
 * Whether the item matches the record whose exact fields these are: by the value at its path (a string without
 * escapes, a literal or a number; anything else may hold anything), or by its absence.
 */
function refutes(atom, path, fields) {
    for (let i = 0; i < fields.count; i++) {
        if (fields.path(i) !== path)
            continue;
        const kind = fields.kind(i);
        if (kind === raw_fields/* STRING */.An)
            return atom.matches(fields.value(i));
        if (kind !== raw_fields/* LITERAL */.ak && kind !== raw_fields/* NUMBER */.uk)
            return false;
        let value;
        try {
            value = JSON.parse(fields.value(i));
        }
        catch {
            return false;
        }
        return atom.matches(value);
    }
    return atom.matches(undefined);
}
/** Values remembered per test; past it, the memo is kept only while at least half of the lookups find their value. */
const MEMO_SIZE = 4096;
/**
 * The function, remembering its result per value: the same values (user agents, names) come again and again. Values
 * that rarely repeat (event ids, instance ARNs) would only cost a lookup each: the memo then stops.
 */
function memoized(test) {
    let memo = new Map();
    let lookups = 0;
    let hits = 0;
    return (value) => {
        if (memo === undefined)
            return test(value);
        lookups++;
        let result = memo.get(value);
        if (result !== undefined) {
            hits++;
            return result;
        }
        result = test(value);
        if (memo.size === MEMO_SIZE) {
            if (hits * 2 < lookups)
                memo = undefined;
            else
                memo.clear();
            lookups = 0;
            hits = 0;
        }
        memo?.set(value, result);
        return result;
    };
}


/***/ }),

/***/ 7238:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   IT: () => (/* binding */ RECORD_FIELDS),
/* harmony export */   az: () => (/* binding */ unknownFieldWarnings)
/* harmony export */ });
/* unused harmony export unknownFieldProblem */
/* harmony import */ var _derived_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(9252);
/* harmony import */ var _detection_item_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(442);
/* harmony import */ var _core_did_you_mean_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(7568);
/**
 * The CloudTrail record schema rules are written against, to catch field names that can never match: field names
 * are case-sensitive (`eventname` is not `eventName`), and a field CloudTrail does not have (SigmaHQ's
 * `status: success`) leaves a selection that is always false, so the rule loads and never fires. Only what the
 * CloudTrail record contents reference fixes is checked: the top-level fields and the `userIdentity` element;
 * what lies under `requestParameters`, `responseElements` and the other service-defined elements is free.
 */



/** Top-level fields of a CloudTrail record (the CloudTrail record contents reference). */
const RECORD_FIELDS = new Set([
    'eventVersion',
    'userIdentity',
    'eventTime',
    'eventSource',
    'eventName',
    'awsRegion',
    'sourceIPAddress',
    'userAgent',
    'errorCode',
    'errorMessage',
    'requestParameters',
    'responseElements',
    'additionalEventData',
    'requestID',
    'eventID',
    'readOnly',
    'resources',
    'eventType',
    'apiVersion',
    'managementEvent',
    'recipientAccountId',
    'serviceEventDetails',
    'sharedEventID',
    'vpcEndpointId',
    'vpcEndpointAccountId',
    'eventCategory',
    'addendum',
    'sessionCredentialFromConsole',
    'edgeDeviceDetails',
    'tlsDetails',
]);
/** The fixed parts of the `userIdentity` element, by path (the CloudTrail userIdentity element reference). */
const NESTED_FIELDS = {
    userIdentity: [
        'type',
        'principalId',
        'arn',
        'accountId',
        'accessKeyId',
        'userName',
        'sessionContext',
        'invokedBy',
        'identityProvider',
        'credentialId',
        'onBehalfOf',
        'inScopeOf',
    ],
    'userIdentity.sessionContext': [
        'sessionIssuer',
        'webIdFederationData',
        'attributes',
        'sourceIdentity',
        'ec2RoleDelivery',
        'ec2IssuedInVPC',
        'assumedRoot',
    ],
    'userIdentity.sessionContext.sessionIssuer': ['type', 'principalId', 'arn', 'accountId', 'userName'],
    'userIdentity.sessionContext.attributes': ['creationDate', 'mfaAuthenticated'],
};
/** `actor`: the principal the findings builder derives (records/actor.ts), usable where fields are shown. */
const DISPLAY_PSEUDO_FIELDS = ['actor'];
/**
 * Why `field` names nothing a CloudTrail record has, with the name it was probably meant to be; undefined when it
 * may exist. `display`: a `fields` or `group-by` entry, where `actor` is also known.
 */
function unknownFieldProblem(field, use) {
    if ((0,_derived_js__WEBPACK_IMPORTED_MODULE_0__/* .isDerivedField */ .co)(field))
        return undefined; // checked where derived fields are compiled (derived.ts)
    if (use === 'display' && DISPLAY_PSEUDO_FIELDS.includes(field))
        return undefined;
    const parts = field.split('.');
    let path = parts[0];
    let known = [...RECORD_FIELDS];
    for (let i = 0;; i++) {
        const name = parts[i];
        if (!known.includes(name)) {
            const prefix = parts.slice(0, i).join('.');
            const choices = i === 0
                ? [...known, ..._derived_js__WEBPACK_IMPORTED_MODULE_0__/* .DERIVED_FIELDS */ .I2, ...(use === 'display' ? DISPLAY_PSEUDO_FIELDS : [])]
                : known.map((k) => `${prefix}.${k}`);
            const close = (i === 0
                ? _derived_js__WEBPACK_IMPORTED_MODULE_0__/* .DERIVED_FIELDS */ .I2.find((d) => d.toLowerCase() === `derived.${name.toLowerCase()}`)
                : undefined) ?? (0,_core_did_you_mean_js__WEBPACK_IMPORTED_MODULE_2__/* .closest */ .k)(i === 0 ? name : `${prefix}.${name}`, choices);
            const what = i === 0 ? 'a CloudTrail record field' : `a field of ${prefix}`;
            return `'${field}' is not ${what}${close ? `; did you mean '${close}'?` : ''} (field names are case-sensitive)`;
        }
        const nested = NESTED_FIELDS[path];
        if (!nested || i + 1 >= parts.length)
            return undefined;
        known = nested;
        path = `${path}.${parts[i + 1]}`;
    }
}
/** Field names in a rule that no CloudTrail record has: each makes a selection (or a shown field) always empty. */
function unknownFieldWarnings(rule) {
    const warnings = new Map();
    const check = (field, use, where) => {
        const problem = unknownFieldProblem(field, use);
        const effect = use === 'detection' ? 'this part of the detection never matches' : 'it is always empty';
        if (problem && !warnings.has(field))
            warnings.set(field, `${where}: ${problem}: ${effect}`);
    };
    for (const [name, selection] of Object.entries(rule.detection)) {
        if (name === 'condition' || name === 'timeframe')
            continue;
        const maps = (Array.isArray(selection) ? selection : [selection]).filter((item) => item !== null && typeof item === 'object' && !Array.isArray(item));
        for (const map of maps) {
            for (const [key, value] of Object.entries(map)) {
                const { field, modifiers } = (0,_detection_item_js__WEBPACK_IMPORTED_MODULE_1__/* .parseItemKey */ .OX)(key);
                if (field === '')
                    continue;
                const where = `selection '${name}'`;
                check(field, 'detection', where);
                if (modifiers.includes('fieldref')) {
                    for (const ref of Array.isArray(value) ? value : [value]) {
                        if (typeof ref === 'string')
                            check(ref, 'detection', `${where}, fieldref`);
                    }
                }
            }
        }
    }
    for (const field of rule.fields)
        check(field, 'display', "'fields'");
    if (!rule.firstSeen)
        for (const field of rule.groupBy)
            check(field, 'display', "'group-by'");
    return [...warnings.values()];
}


/***/ }),

/***/ 3814:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  ZI: () => (/* binding */ loadRuleSet)
});

// UNUSED EXPORTS: describeProblem, ruleWarnings

// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __nccwpck_require__(4296);
// EXTERNAL MODULE: ./src/core/severity.ts
var severity = __nccwpck_require__(432);
// EXTERNAL MODULE: ./src/core/did-you-mean.ts
var did_you_mean = __nccwpck_require__(7568);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __nccwpck_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
var external_node_path_default = /*#__PURE__*/__nccwpck_require__.n(external_node_path_);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __nccwpck_require__(3136);
// EXTERNAL MODULE: ./src/rules/condition.ts
var rules_condition = __nccwpck_require__(6018);
// EXTERNAL MODULE: ./src/rules/derived.ts + 1 modules
var derived = __nccwpck_require__(9252);
// EXTERNAL MODULE: ./src/rules/detection-item.ts
var detection_item = __nccwpck_require__(442);
// EXTERNAL MODULE: ./src/rules/errors.ts
var rules_errors = __nccwpck_require__(4632);
// EXTERNAL MODULE: ./src/rules/pattern.ts
var pattern = __nccwpck_require__(9485);
// EXTERNAL MODULE: ./src/rules/prefilter.ts + 1 modules
var prefilter = __nccwpck_require__(6134);
;// CONCATENATED MODULE: ./src/rules/compile.ts
/**
 * A parsed Sigma rule → a predicate over CloudTrail records, plus the eventName values a match requires (for the
 * rule index). Selections are compiled once into closures (see detection-item.ts); the condition tree is turned
 * into closures over them, so matches() does no parsing, no regex building and no lookups by name.
 */







/** Keys of `detection` that are not selections. `timeframe` belongs to Sigma 1 aggregations and is ignored. */
const RESERVED = new Set(['condition', 'timeframe']);
const SELECTION_NAME = /^[A-Za-z0-9_-]+$/;
/** `context`: the rule set's placeholders, for derived fields that depend on them (derived.ts). */
function compileRule(rule, context = derived/* NO_CONTEXT */.SH) {
    const detection = rule.detection;
    if (detection === null || typeof detection !== 'object' || Array.isArray(detection)) {
        throw new rules_errors/* RuleCompileError */.w('detection must be a mapping of selections and a condition');
    }
    const selections = new Map();
    for (const [name, value] of Object.entries(detection)) {
        if (RESERVED.has(name))
            continue;
        if (!SELECTION_NAME.test(name)) {
            throw new rules_errors/* RuleCompileError */.w(`selection name '${name}' may only contain letters, digits, '_' and '-'`);
        }
        selections.set(name, compileSelection(name, value, context));
    }
    if (selections.size === 0)
        throw new rules_errors/* RuleCompileError */.w('detection has no selections');
    const conditions = conditionList(detection.condition);
    const names = [...selections.keys()];
    const trees = conditions.map((condition) => resolve(parseConditionOrThrow(condition), condition, selections, names));
    const tree = trees.length === 1 ? trees[0] : { kind: 'or', children: trees };
    const eventNames = eventNamesOf(tree);
    const spelled = spelledEventNames(detection);
    return {
        rule,
        eventNames,
        eventNamesAsWritten: eventNames && [...eventNames].map((name) => spelled.get(name) ?? name).sort(),
        prefilter: (0,prefilter/* requirementOf */.h2)(detection),
        matches: toPredicate(tree),
    };
}
function conditionList(condition) {
    if (condition === undefined || condition === null)
        throw new rules_errors/* RuleCompileError */.w('detection has no condition');
    const list = Array.isArray(condition) ? condition : [condition];
    if (list.length === 0)
        throw new rules_errors/* RuleCompileError */.w('detection has an empty list of conditions');
    for (const item of list) {
        if (typeof item !== 'string')
            throw new rules_errors/* RuleCompileError */.w('condition must be a string (or a list of strings)');
    }
    return list;
}
function parseConditionOrThrow(condition) {
    try {
        return (0,rules_condition/* parseCondition */.zB)(condition);
    }
    catch (error) {
        throw new rules_errors/* RuleCompileError */.w(error.message);
    }
}
function compileSelection(name, value, context) {
    const where = `selection '${name}'`;
    if (value === null || value === undefined)
        throw new rules_errors/* RuleCompileError */.w(`${where} is empty`);
    if (Array.isArray(value)) {
        if (value.length === 0)
            throw new rules_errors/* RuleCompileError */.w(`${where} is an empty list`);
        const maps = value.filter((item) => isMap(item));
        if (maps.length === value.length) {
            // A list of maps: OR.
            const parts = value.map((item, i) => compileMap(item, `${where}, item ${i + 1}`, context));
            const tests = parts.map((p) => p.test);
            const eventNames = parts.every((p) => p.eventNames !== null)
                ? union(parts.map((p) => p.eventNames))
                : null;
            return { test: (record) => tests.some((test) => test(record)), eventNames };
        }
        if (maps.length > 0) {
            throw new rules_errors/* RuleCompileError */.w(`${where} mixes maps and plain values: use either a list of maps or a list of keywords`);
        }
        return { test: (0,detection_item/* compileKeywordList */.zB)(value, where), eventNames: null };
    }
    if (isMap(value))
        return compileMap(value, where, context);
    // A single plain value: a keyword.
    return { test: (0,detection_item/* compileKeywordList */.zB)(value, where), eventNames: null };
}
function compileMap(map, where, context) {
    const entries = Object.entries(map);
    if (entries.length === 0)
        throw new rules_errors/* RuleCompileError */.w(`${where} is an empty map`);
    const tests = entries.map(([key, value]) => (0,detection_item/* compileItem */.FK)(key, value, where, context));
    let eventNames = null;
    for (const [key, value] of entries) {
        const { field, modifiers } = (0,detection_item/* parseItemKey */.OX)(key);
        if (field !== 'eventName')
            continue;
        const names = plainEventNames(value, modifiers);
        if (names)
            eventNames = eventNames ? intersect(eventNames, names) : names;
    }
    const test = tests.length === 1
        ? tests[0]
        : tests.length === 2
            ? ((a, b) => (record) => a(record) && b(record))(tests[0], tests[1])
            : (record) => {
                for (let i = 0; i < tests.length; i++)
                    if (!tests[i](record))
                        return false;
                return true;
            };
    return { test, eventNames };
}
/** The lower-cased names an `eventName` item pins down: plain strings, no wildcards, no modifier but `cased`. */
function plainEventNames(value, modifiers) {
    if (modifiers.some((m) => m.toLowerCase() !== 'cased'))
        return null;
    const list = Array.isArray(value) ? value : [value];
    const names = new Set();
    for (const item of list) {
        if (typeof item !== 'string')
            return null;
        const literal = (0,pattern/* literalValue */.XP)(item);
        if (literal === undefined)
            return null;
        names.add(literal.toLowerCase());
    }
    return names.size > 0 ? names : null;
}
function isMap(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
}
function resolve(node, condition, selections, names) {
    switch (node.kind) {
        case 'ref': {
            const selection = selections.get(node.name);
            if (!selection) {
                const hint = ['AND', 'OR', 'NOT', 'And', 'Or', 'Not'].includes(node.name)
                    ? ' (operators are lower-case: and, or, not)'
                    : '';
                throw new rules_errors/* RuleCompileError */.w(`condition references unknown selection '${node.name}'${hint}`);
            }
            return { kind: 'selection', name: node.name, selection };
        }
        case 'of': {
            const matched = (0,rules_condition/* resolvePattern */.XO)(node.pattern, names);
            const quantifier = node.quantifier === 'all' ? 'all' : '1';
            if (matched.length === 0) {
                throw new rules_errors/* RuleCompileError */.w(`'${quantifier} of ${node.pattern}' in condition '${condition}' matches no selection` +
                    (node.pattern === 'them' ? '' : ` (selections: ${names.join(', ')})`));
            }
            const children = matched.map((name) => ({
                kind: 'selection',
                name,
                selection: selections.get(name),
            }));
            return children.length === 1
                ? children[0]
                : { kind: node.quantifier === 'all' ? 'and' : 'or', children };
        }
        case 'not':
            return { kind: 'not', child: resolve(node.child, condition, selections, names) };
        case 'and':
        case 'or':
            return {
                kind: node.kind,
                children: node.children.map((child) => resolve(child, condition, selections, names)),
            };
    }
}
function toPredicate(node) {
    switch (node.kind) {
        case 'selection':
            return node.selection.test;
        case 'not': {
            const inner = toPredicate(node.child);
            return (record) => !inner(record);
        }
        case 'and': {
            const parts = node.children.map(toPredicate);
            if (parts.length === 2) {
                const [a, b] = parts;
                return (record) => a(record) && b(record);
            }
            return (record) => {
                for (let i = 0; i < parts.length; i++)
                    if (!parts[i](record))
                        return false;
                return true;
            };
        }
        case 'or': {
            const parts = node.children.map(toPredicate);
            if (parts.length === 2) {
                const [a, b] = parts;
                return (record) => a(record) || b(record);
            }
            return (record) => {
                for (let i = 0; i < parts.length; i++)
                    if (parts[i](record))
                        return true;
                return false;
            };
        }
    }
}
/**
 * The eventName values any matching record must have, or null when the condition does not pin them down.
 * Sound by construction: AND → intersection of the children that constrain; OR → union, only if every branch
 * constrains; NOT → null (a negation never narrows the set of names).
 */
function eventNamesOf(node) {
    switch (node.kind) {
        case 'selection':
            return node.selection.eventNames;
        case 'not':
            return null;
        case 'and': {
            let result = null;
            for (const child of node.children) {
                const names = eventNamesOf(child);
                if (names)
                    result = result ? intersect(result, names) : new Set(names);
            }
            return result;
        }
        case 'or': {
            const sets = [];
            for (const child of node.children) {
                const names = eventNamesOf(child);
                if (!names)
                    return null;
                sets.push(names);
            }
            return union(sets);
        }
    }
}
function intersect(a, b) {
    return new Set([...a].filter((name) => b.has(name)));
}
function union(sets) {
    const result = new Set();
    for (const set of sets)
        for (const name of set)
            result.add(name);
    return result;
}
/** The rule's eventName values as written (lower-cased → as written): Sigma compares them case-insensitively. */
function spelledEventNames(detection) {
    const spelled = new Map();
    const visitMap = (map) => {
        for (const [key, value] of Object.entries(map)) {
            if ((0,detection_item/* parseItemKey */.OX)(key).field !== 'eventName')
                continue;
            for (const item of Array.isArray(value) ? value : [value]) {
                if (typeof item !== 'string')
                    continue;
                const literal = (0,pattern/* literalValue */.XP)(item);
                if (literal !== undefined && !spelled.has(literal.toLowerCase()))
                    spelled.set(literal.toLowerCase(), literal);
            }
        }
    };
    for (const [name, value] of Object.entries(detection)) {
        if (RESERVED.has(name))
            continue;
        for (const part of Array.isArray(value) ? value : [value]) {
            if (isMap(part))
                visitMap(part);
        }
    }
    return spelled;
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __nccwpck_require__(8815);
// EXTERNAL MODULE: ./src/rules/first-seen-spec.ts
var first_seen_spec = __nccwpck_require__(2657);
;// CONCATENATED MODULE: ./src/rules/parse-meta.ts
/**
 * The metadata every kind of rule shares (title, level, ids, tags, texts), parsed and checked in one place for
 * detection, first-seen and correlation rules alike. Problems are pushed to `errors` in the rule author's terms.
 */



const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SLUG = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const ATTACK_TECHNIQUE = /^attack\.(t\d{4}(?:\.\d{3})?)$/i;
function parseMeta(data, file, builtin, errors) {
    if (typeof data.title !== 'string' || data.title.trim() === '') {
        errors.push(data.title === undefined ? "'title' is missing" : "'title' must be a non-empty string");
    }
    // Sigma makes `level` optional; a rule without one is treated as medium, the middle of the scale, so that it
    // is neither dropped by the default minimum severity (low) nor made to look urgent.
    let level = 'medium';
    if (data.level !== undefined && data.level !== null) {
        if ((0,severity/* isSeverity */._Z)(data.level))
            level = data.level;
        else
            errors.push(`level ${(0,did_you_mean/* notOneOf */.N)(String(data.level), severity/* SEVERITIES */.oC)}`);
    }
    let uuid;
    if (data.id !== undefined && data.id !== null) {
        if (typeof data.id === 'string' && UUID.test(data.id))
            uuid = data.id;
        else
            errors.push(`id '${String(data.id)}' is not a UUID`);
    }
    let ruleId = external_node_path_default().basename(file).replace(/\.ya?ml$/i, '');
    if (data.name !== undefined) {
        if (typeof data.name === 'string' && SLUG.test(data.name))
            ruleId = data.name;
        else
            errors.push(`name '${String(data.name)}' must be a slug (letters, digits, '-', '_', '.'), used as the rule id`);
    }
    const tags = stringList(data, 'tags', errors);
    const author = optionalText(data, 'author', errors);
    const meta = {
        ruleId,
        title: typeof data.title === 'string' ? data.title.trim() : '',
        description: optionalText(data, 'description', errors) ?? '',
        level,
        author: author && author.trim() !== '' ? author : 'unknown',
        references: stringList(data, 'references', errors),
        tags,
        attack: attackTechniques(tags),
        falsepositives: stringList(data, 'falsepositives', errors),
        file,
        builtin,
    };
    if (uuid !== undefined)
        meta.uuid = uuid;
    for (const key of ['status', 'date', 'triage', 'remediation']) {
        const value = optionalText(data, key, errors);
        if (value !== undefined)
            meta[key] = value;
    }
    return meta;
}
/** A list of strings (a single string counts as a list of one); absent or null is an empty list. */
function stringList(data, key, errors) {
    const value = data[key];
    if (value === undefined || value === null)
        return [];
    const list = Array.isArray(value) ? value : typeof value === 'string' ? [value] : undefined;
    if (!list || list.some((item) => item === null || typeof item === 'object')) {
        errors.push(`'${key}' must be a list of strings`);
        return [];
    }
    return list.map(String);
}
function optionalText(data, key, errors) {
    const value = data[key];
    if (value === undefined || value === null)
        return undefined;
    if (typeof value === 'string' || typeof value === 'number')
        return String(value);
    errors.push(`'${key}' must be a string`);
    return undefined;
}
/** `attack.t1098.001` → `T1098.001`; tactic tags (`attack.persistence`) and other namespaces are left out. */
function attackTechniques(tags) {
    const techniques = [];
    for (const tag of tags) {
        const match = ATTACK_TECHNIQUE.exec(tag);
        if (match) {
            const id = match[1].toUpperCase();
            if (!techniques.includes(id))
                techniques.push(id);
        }
    }
    return techniques;
}

// EXTERNAL MODULE: ./src/rules/model.ts
var model = __nccwpck_require__(2818);
;// CONCATENATED MODULE: ./src/rules/parse-correlation.ts
/**
 * One YAML document with a `correlation` section → a validated CorrelationRule, or a problem that says what is
 * wrong. References are resolved later (resolve.ts), once every rule file is loaded.
 */



const TIMESPAN = /^(\d+)([smhd])$/;
const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
/** State carries up to one timespan of events per group; a week bounds it. */
const MAX_TIMESPAN_MS = 7 * UNIT_MS.d;
const CONDITION_KEYS = ['gt', 'gte', 'lt', 'lte', 'eq'];
/** Keys of the `correlation` section: Sigma's, and `event-count` (our extension, see docs/correlation.md). */
const SECTION_KEYS = [
    'type',
    'rules',
    'group-by',
    'timespan',
    'condition',
    'aliases',
    'generate',
    'field',
    'event-count',
];
function isCorrelationDocument(data) {
    return 'correlation' in data || data.type === 'correlation';
}
function parseTimespan(value) {
    if (typeof value !== 'string')
        return undefined;
    const match = TIMESPAN.exec(value.trim());
    if (!match)
        return undefined;
    const ms = Number(match[1]) * UNIT_MS[match[2]];
    return ms > 0 ? ms : undefined;
}
function parseCorrelation(data, file, builtin) {
    const errors = [];
    const section = data.correlation;
    if (!isPlainObject(section)) {
        return {
            kind: 'problem',
            message: "'correlation' must be a mapping (type, rules, group-by, timespan, condition)",
        };
    }
    const meta = parseMeta(data, file, builtin, errors);
    const type = section.type;
    if (!model/* CORRELATION_TYPES */.B.includes(type)) {
        errors.push(`correlation type ${(0,did_you_mean/* notOneOf */.N)(String(type), model/* CORRELATION_TYPES */.B)}` +
            (type === undefined ? " ('type' is missing)" : ''));
    }
    const rules = parse_correlation_stringList(section.rules, 'rules', errors);
    if (section.rules !== undefined && rules.length === 0)
        errors.push("'rules' must name at least one rule");
    if (section.rules === undefined)
        errors.push("'rules' is missing: name the rules (by name or id) to correlate");
    if (new Set(rules).size !== rules.length)
        errors.push("'rules' names a rule twice");
    const groupBy = section['group-by'] === undefined ? [] : parse_correlation_stringList(section['group-by'], 'group-by', errors);
    const timespanMs = parseTimespan(section.timespan);
    if (section.timespan === undefined)
        errors.push("'timespan' is missing (e.g. 15m, 1h, 1d)");
    else if (timespanMs === undefined)
        errors.push(`timespan '${String(section.timespan)}' must be a number and s, m, h or d (e.g. 90m)`);
    else if (timespanMs > MAX_TIMESPAN_MS)
        errors.push(`timespan '${String(section.timespan)}' is longer than 7d`);
    const aliases = {};
    if (section.aliases !== undefined) {
        if (!isPlainObject(section.aliases))
            errors.push("'aliases' must map alias names to {rule: field}");
        else {
            for (const [alias, mapping] of Object.entries(section.aliases)) {
                if (!isPlainObject(mapping) ||
                    Object.values(mapping).some((f) => typeof f !== 'string' || f === '')) {
                    errors.push(`alias '${alias}' must map rule names to field names`);
                    continue;
                }
                for (const ref of Object.keys(mapping)) {
                    if (!rules.includes(ref))
                        errors.push(`alias '${alias}' names '${ref}', which is not in 'rules'`);
                }
                aliases[alias] = mapping;
            }
        }
    }
    let condition;
    let field;
    const rawCondition = section.condition;
    if (rawCondition !== undefined && rawCondition !== null) {
        if (!isPlainObject(rawCondition))
            errors.push("'condition' must be a mapping such as {gte: 5}");
        else {
            const { field: conditionField, ...bounds } = rawCondition;
            if (conditionField !== undefined) {
                if (typeof conditionField === 'string' && conditionField !== '')
                    field = conditionField;
                else
                    errors.push("condition 'field' must be a field name");
            }
            condition = countCondition(bounds, 'condition', ['field'], errors);
        }
    }
    if (typeof section.field === 'string' && field === undefined)
        field = section.field;
    let eventCount;
    const rawEventCount = section['event-count'];
    if (rawEventCount !== undefined && rawEventCount !== null) {
        if (type !== 'value_count')
            errors.push("'event-count' belongs to value_count correlations (it adds a number of events to the distinct values); " +
                'an event_count correlation counts events in its condition');
        else if (!isPlainObject(rawEventCount))
            errors.push("'event-count' must be a mapping such as {gte: 20}");
        else
            eventCount = countCondition(rawEventCount, 'event-count', [], errors);
    }
    for (const key of Object.keys(section)) {
        if (SECTION_KEYS.includes(key))
            continue;
        const close = SECTION_KEYS.find((known) => normalized(known) === normalized(key));
        errors.push(`unknown key '${key}' in 'correlation'` +
            (close ? ` (did you mean '${close}'?)` : ` (expected ${SECTION_KEYS.join(', ')})`));
    }
    if (type === 'event_count' || type === 'value_count') {
        if (condition === undefined)
            errors.push(`a ${type} correlation needs a 'condition' such as {gte: 5}`);
    }
    if (type === 'value_count' && field === undefined)
        errors.push('a value_count correlation needs the field to count: condition: {field: ..., gte: ...}');
    if (type !== 'value_count' && field !== undefined)
        errors.push("'field' belongs to value_count correlations only");
    if (type === 'temporal_ordered' && condition !== undefined)
        errors.push('temporal_ordered requires every rule in order; drop its condition');
    if (type === 'temporal' &&
        condition &&
        rules.length > 0 &&
        (condition.gte ?? condition.gt ?? condition.eq) > rules.length)
        errors.push(`the condition asks for more distinct rules than the ${rules.length} in 'rules'`);
    const generateValue = data.generate ?? section.generate;
    if (generateValue !== undefined && typeof generateValue !== 'boolean')
        errors.push("'generate' must be true or false");
    if (errors.length > 0)
        return { kind: 'problem', message: errors.join('; ') };
    const rule = {
        ...meta,
        kind: 'correlation',
        type: type,
        rules,
        groupBy,
        aliases,
        timespan: String(section.timespan).trim(),
        timespanMs: timespanMs,
        generate: generateValue === true,
    };
    if (condition)
        rule.condition = condition;
    if (field !== undefined)
        rule.field = field;
    if (eventCount)
        rule.eventCount = eventCount;
    return { kind: 'rule', rule };
}
/** The bounds of a count condition ({gte: 5}, {gt: 1, lte: 9}); `where` names it in messages. */
function countCondition(raw, where, otherKeys, errors) {
    const condition = {};
    for (const [key, value] of Object.entries(raw)) {
        if (!CONDITION_KEYS.includes(key)) {
            errors.push(`unknown ${where} key '${key}' (expected ${[...CONDITION_KEYS, ...otherKeys].join(', ')})`);
        }
        else if (typeof value === 'number' && Number.isInteger(value) && value >= 0)
            condition[key] = value;
        else
            errors.push(`${where} '${key}' must be a whole number ≥ 0, not '${String(value)}'`);
    }
    if (Object.keys(condition).length === 0)
        errors.push(`'${where}' needs one of gt, gte, lt, lte, eq`);
    else if (condition.gt === undefined && condition.gte === undefined && condition.eq === undefined)
        errors.push(`a${where === 'condition' ? '' : `n '${where}'`} condition with only lt/lte ("fewer than") is about the ` +
            'absence of events, which a window that starts at an event cannot show; add a lower bound (gt or gte), ' +
            'or use eq');
    return condition;
}
function normalized(key) {
    return key.toLowerCase().replace(/[_-]/g, '');
}
function parse_correlation_stringList(value, key, errors) {
    if (value === undefined || value === null)
        return [];
    const list = Array.isArray(value) ? value : [value];
    if (list.some((item) => typeof item !== 'string' || item.trim() === '')) {
        errors.push(`'${key}' must be a list of strings`);
        return [];
    }
    return list.map((item) => item.trim());
}
function isPlainObject(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
}

// EXTERNAL MODULE: ./src/rules/outcome.ts
var rules_outcome = __nccwpck_require__(2179);
// EXTERNAL MODULE: ./src/rules/placeholders.ts
var placeholders = __nccwpck_require__(3465);
;// CONCATENATED MODULE: ./src/rules/parse.ts








const DEFAULT_GROUP_BY = ['recipientAccountId', 'actor'];
/** `context`: the rule set's placeholders, which `expand` items and some derived fields use. */
function parseRuleFile(text, file, builtin, context = NO_CONTEXT) {
    return rulesOfDocuments(parse_ruleDocuments(text, file), file, builtin, context);
}
/** The YAML step of parseRuleFile: each document of the file as data (numbers of a detection as written). */
function parse_ruleDocuments(text, file) {
    const out = { entries: [], problems: [] };
    const documents = (0,dist/* parseAllDocuments */.hR)(text);
    if (!Array.isArray(documents)) {
        out.problems.push({ file, message: 'the file holds no rule (it is empty)' });
        return out;
    }
    documents.forEach((document, index) => {
        const where = documents.length > 1 ? ` (document ${index + 1})` : '';
        if (document.errors.length > 0) {
            const first = document.errors[0];
            out.problems.push({
                file,
                message: `YAML syntax error${where}: ${first.message.split('\n')[0].replace(/:$/, '')}`,
            });
            return;
        }
        keepNumberSource(document);
        let data;
        try {
            data = document.toJS({ maxAliasCount: 100 });
        }
        catch (error) {
            out.problems.push({ file, message: `YAML error${where}: ${error.message}` });
            return;
        }
        if (data === null || data === undefined)
            return; // an empty document, e.g. after a trailing '---'
        if (!parse_isPlainObject(data)) {
            out.problems.push({
                file,
                message: `a Sigma rule must be a YAML mapping${where}, not ${describe(data)}`,
            });
            return;
        }
        out.entries.push({ index, data });
    });
    if (out.entries.length === 0 && out.problems.length === 0) {
        out.problems.push({ file, message: 'the file holds no rule (it is empty)' });
    }
    return out;
}
/** The rest of parseRuleFile: the rules of a file's documents. */
function rulesOfDocuments(documents, file, builtin, context = derived/* NO_CONTEXT */.SH) {
    const result = {
        rules: [],
        correlations: [],
        problems: [...documents.problems],
        skipped: [],
    };
    const { entries } = documents;
    if (entries.length === 0)
        return result;
    // Sigma 1 rule collections: documents merge into each other, so the file only makes sense as a whole.
    if (entries.some(({ data }) => 'action' in data)) {
        result.skipped.push({
            file,
            message: 'Sigma 1 rule collections (action: global/reset/repeat) are not supported; convert the file to Sigma 2',
        });
        return result;
    }
    // Rules that a correlation in the same file refers to do not produce matches of their own unless the correlation
    // says `generate: true` (Sigma correlation specification).
    const usedByCorrelation = new Map();
    for (const { data } of entries) {
        if (!isCorrelation(data))
            continue;
        const correlation = parse_isPlainObject(data.correlation) ? data.correlation : {};
        if (data.generate === true || correlation.generate === true)
            continue;
        const title = typeof data.title === 'string' ? data.title : 'untitled';
        const rules = Array.isArray(correlation.rules) ? correlation.rules : [correlation.rules];
        for (const reference of rules)
            if (typeof reference === 'string')
                usedByCorrelation.set(reference, title);
    }
    const unnamed = [];
    for (const { index, data } of entries) {
        const title = typeof data.title === 'string' ? data.title : undefined;
        const where = entries.length > 1 && !title ? ` (document ${index + 1})` : '';
        if (isCorrelation(data)) {
            const outcome = parseCorrelation(data, file, builtin);
            if (outcome.kind === 'rule')
                result.correlations.push(outcome.rule);
            else
                result.problems.push(withTitle({ file, message: outcome.message + where }, title));
            continue;
        }
        if ('filter' in data && !('detection' in data)) {
            result.skipped.push(withTitle({ file, message: `Sigma filters are not supported yet${where}` }, title));
            continue;
        }
        const correlationTitle = [data.name, data.id]
            .map((key) => (typeof key === 'string' ? usedByCorrelation.get(key) : undefined))
            .find(Boolean);
        const outcome = buildRule(data, file, builtin, context);
        if (outcome.kind === 'rule' && correlationTitle)
            outcome.rule.generate = false;
        if (outcome.kind === 'rule') {
            const { rule } = outcome;
            const problem = (0,rules_outcome/* deniedProblem */.np)(rule, rule.generate !== false && rule.firstSeen === undefined);
            if (problem) {
                result.problems.push(withTitle({ file, message: problem + where }, title));
                continue;
            }
        }
        if (outcome.kind === 'skipped')
            result.skipped.push(withTitle({ file, message: outcome.message + where }, title));
        else if (outcome.kind === 'problem')
            result.problems.push(withTitle({ file, message: outcome.message + where }, title));
        else {
            if (data.name === undefined)
                unnamed.push(result.rules.length);
            result.rules.push(outcome.rule);
        }
    }
    // Without `name`, a rule's id is the file name: several such rules in one file would collide.
    if (unnamed.length > 1) {
        const dropped = new Set(unnamed.slice(1));
        for (const i of dropped) {
            result.problems.push({
                file,
                title: result.rules[i].title,
                message: `the file holds several rules without 'name': give each one a 'name' (its rule id), or put them in separate files`,
            });
        }
        result.rules = result.rules.filter((_, i) => !dropped.has(i));
    }
    return result;
}
function buildRule(data, file, builtin, context) {
    const errors = [];
    const logsource = data.logsource;
    if (logsource === undefined || logsource === null) {
        errors.push("'logsource' is missing");
    }
    else if (!parse_isPlainObject(logsource)) {
        errors.push("'logsource' must be a mapping (product, service, category)");
    }
    else {
        const product = lower(logsource.product);
        const service = lower(logsource.service);
        if (product !== 'aws' || service !== 'cloudtrail') {
            const shown = ['product', 'service', 'category']
                .filter((key) => logsource[key] !== undefined && logsource[key] !== null)
                .map((key) => `${key}: ${String(logsource[key])}`)
                .join(', ');
            return { kind: 'skipped', message: `logsource is not AWS CloudTrail (${shown || 'empty'})` };
        }
    }
    const meta = parseMeta(data, file, builtin, errors);
    const detection = data.detection;
    if (detection === undefined || detection === null)
        errors.push("'detection' is missing");
    else if (!parse_isPlainObject(detection))
        errors.push("'detection' must be a mapping of selections and a condition");
    else if (detection.condition === undefined || detection.condition === null)
        errors.push("'detection' has no 'condition'");
    const fields = stringList(data, 'fields', errors);
    const groupBy = data['group-by'] === undefined ? [...DEFAULT_GROUP_BY] : stringList(data, 'group-by', errors);
    if (groupBy.some((field) => field.trim() === ''))
        errors.push("'group-by' must list field names");
    let firstSeen;
    if ('first-seen' in data)
        errors.push("the first-seen extension key is spelled 'first_seen'");
    if (data.first_seen !== undefined) {
        const parsed = (0,first_seen_spec/* parseFirstSeenSpec */.sw)(data.first_seen);
        if ('problems' in parsed)
            errors.push(...parsed.problems);
        else
            firstSeen = parsed.spec;
    }
    for (const [key, list] of [
        ['fields', fields],
        ['group-by', groupBy],
    ]) {
        for (const field of list.filter(derived/* isDerivedField */.co)) {
            const problem = (0,derived/* derivedFieldProblem */.zN)(field, 'display');
            if (problem)
                errors.push(`'${key}': ${problem}`);
        }
    }
    const denied = (0,rules_outcome/* parseDenied */.Tm)(data, meta.level);
    errors.push(...denied.problems);
    let written = detection;
    if (errors.length === 0) {
        const expanded = (0,placeholders/* expandPlaceholders */.pj)(written, context.placeholders);
        if ('problems' in expanded)
            errors.push(...expanded.problems);
        else
            written = expanded.detection;
    }
    if (errors.length === 0 && denied.handling) {
        if ((0,rules_outcome/* requiresNoErrorCode */.rF)(written)) {
            errors.push("with 'denied', the detection leaves out 'errorCode: null': the outcome gate admits successful and denied calls, and 'denied' says what a denied one gives");
        }
        else {
            const gated = (0,rules_outcome/* gatedDetection */.FC)(written, denied.handling.level);
            if ('problem' in gated)
                errors.push(gated.problem);
            else
                written = gated.detection;
        }
    }
    if (errors.length > 0)
        return { kind: 'problem', message: errors.join('; ') };
    const rule = {
        ...meta,
        kind: firstSeen ? 'first-seen' : 'event',
        fields,
        groupBy: firstSeen ? [...firstSeen.fields] : groupBy,
        logsource: Object.fromEntries(Object.entries(logsource).map(([k, v]) => [k, String(v)])),
        detection: written,
    };
    if (firstSeen !== undefined)
        rule.firstSeen = firstSeen;
    if (denied.handling)
        rule.denied = denied.handling;
    try {
        compileRule(rule, context);
    }
    catch (error) {
        return { kind: 'problem', message: error.message };
    }
    return { kind: 'rule', rule };
}
function isCorrelation(data) {
    return isCorrelationDocument(data);
}
/**
 * Numbers under `detection` keep the text they were written as: `1.10` stays "1.10", `0x17` stays "0x17" and a
 * 20-digit account or request id keeps its digits (YAML would make them 1.1, 23 and a rounded float). Matching
 * compares text anyway (a rule value 10 matches 10 and "10"); `lt`/`gt` read the text as a number.
 */
function keepNumberSource(document) {
    const root = document.contents;
    if (!(0,dist/* isMap */.jh)(root))
        return;
    const detection = root.get('detection', true);
    if (!(0,dist/* isNode */.Ll)(detection))
        return;
    (0,dist/* visit */.YR)(detection, {
        Scalar(_key, node) {
            if (typeof node.value === 'number' && typeof node.source === 'string')
                node.value = node.source;
        },
    });
}
function withTitle(problem, title) {
    return title ? { file: problem.file, title, message: problem.message } : problem;
}
function parse_isPlainObject(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
}
function lower(value) {
    return typeof value === 'string' ? value.trim().toLowerCase() : undefined;
}
function describe(value) {
    if (Array.isArray(value))
        return 'a list';
    return `a ${typeof value} (${JSON.stringify(value)?.slice(0, 40)})`;
}

;// CONCATENATED MODULE: ./src/rules/load.ts
/**
 * Rule files and folders → compiled rules. Folders are walked recursively for `*.yml` / `*.yaml` (test-event files
 * `*.tests.yml` beside the rules and hidden folders such as `.git` are left out), in sorted order, so the rule
 * order (and with it the order of findings of equal rank) does not depend on the file system.
 */






const RULE_FILE = /\.ya?ml$/i;
const TESTS_FILE = /\.tests\.ya?ml$/i;
/** `placeholders`: the values of the rule set's `%name%` placeholders (placeholders.ts); none given by default. */
async function loadRules(paths, opts) {
    const context = { placeholders: opts.placeholders ?? {} };
    const result = { rules: [], correlations: [], problems: [], skipped: [] };
    const owners = new Map();
    for await (const { file, documents } of readDocuments(paths, opts.builtin, result)) {
        const parsed = rulesOfDocuments(documents, file, opts.builtin, context);
        result.problems.push(...parsed.problems);
        result.skipped.push(...parsed.skipped);
        for (const rule of parsed.rules) {
            const owner = owners.get(rule.ruleId);
            if (owner !== undefined) {
                result.problems.push({
                    file,
                    title: rule.title,
                    message: `rule id '${rule.ruleId}' is already used by ${owner}; this rule in ${file} is not loaded (give one of them another 'name')`,
                });
                continue;
            }
            try {
                result.rules.push(compileRule(rule, context));
                owners.set(rule.ruleId, file);
            }
            catch (error) {
                result.problems.push({ file, title: rule.title, message: error.message });
            }
        }
        for (const correlation of parsed.correlations) {
            const owner = owners.get(correlation.ruleId);
            if (owner !== undefined) {
                result.problems.push({
                    file,
                    title: correlation.title,
                    message: `rule id '${correlation.ruleId}' is already used by ${owner}; this correlation rule in ${file} is not loaded (give one of them another 'name')`,
                });
                continue;
            }
            result.correlations.push(correlation);
            owners.set(correlation.ruleId, file);
        }
    }
    return result;
}
/** The documents of every rule file of `dir`, in load order, for the cache. */
async function rulesCacheOf(dir) {
    const files = [];
    const result = { rules: [], correlations: [], problems: [], skipped: [] };
    await collect(dir, true, files, new Set(), result);
    if (result.problems.length > 0)
        throw new Error(result.problems.map((p) => p.message).join('; '));
    const cache = { files: [] };
    for (const file of files) {
        cache.files.push({
            name: path.relative(dir, file),
            documents: ruleDocuments(await readFile(file, 'utf8'), file),
        });
    }
    return cache;
}
/** The files' documents: from the cache beside the built-in folder when there is one, else read and parsed. */
async function* readDocuments(paths, builtin, result) {
    const cacheFile = builtin && paths.length === 1 ? `${paths[0]}.json` : undefined;
    if (cacheFile && (0,external_node_fs_.existsSync)(cacheFile)) {
        const cache = JSON.parse((0,external_node_fs_.readFileSync)(cacheFile, 'utf8'));
        for (const { name, documents } of cache.files)
            yield { file: external_node_path_default().join(paths[0], name), documents };
        return;
    }
    const files = [];
    const seen = new Set();
    for (const given of paths)
        await collect(given, true, files, seen, result);
    for (const file of files) {
        let text;
        try {
            text = await (0,promises_.readFile)(file, 'utf8');
        }
        catch (error) {
            result.problems.push({ file, message: `cannot read the file: ${error.message}` });
            continue;
        }
        yield { file, documents: parse_ruleDocuments(text, file) };
    }
}
async function collect(given, explicit, files, seen, result) {
    let info;
    try {
        info = await (0,promises_.stat)(given);
    }
    catch (error) {
        const code = error.code;
        result.problems.push({
            file: given,
            message: code === 'ENOENT' ? 'no such file or folder' : `cannot read: ${error.message}`,
        });
        return;
    }
    let real;
    try {
        real = await (0,promises_.realpath)(given);
    }
    catch {
        real = external_node_path_default().resolve(given);
    }
    if (seen.has(real))
        return; // the same file or folder given twice, or a symbolic link loop
    seen.add(real);
    if (info.isDirectory()) {
        let entries;
        try {
            entries = await (0,promises_.readdir)(given, { withFileTypes: true });
        }
        catch (error) {
            result.problems.push({ file: given, message: `cannot read the folder: ${error.message}` });
            return;
        }
        const names = entries.map((entry) => entry.name).sort(compareNames);
        for (const name of names) {
            if (name.startsWith('.'))
                continue;
            const child = external_node_path_default().join(given, name);
            let childInfo;
            try {
                childInfo = await (0,promises_.stat)(child);
            }
            catch {
                continue; // a dangling symbolic link
            }
            if (childInfo.isDirectory() || (RULE_FILE.test(name) && !TESTS_FILE.test(name))) {
                await collect(child, false, files, seen, result);
            }
        }
        return;
    }
    if (explicit && TESTS_FILE.test(given)) {
        result.skipped.push({
            file: given,
            message: 'a file of test events, not a rule (it is read by `rules test`)',
        });
        return;
    }
    files.push(given);
}
function compareNames(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
/**
 * The folder of the built-in rules. In the repository it is `rules/builtin`; in the package, the bundles
 * (`dist/index.js`, `dist/cli/index.js`) sit beside `dist/rules/builtin`. Walks up from this module's folder.
 */
function builtinRulesDir() {
    const start = external_node_path_default().dirname((0,external_node_url_.fileURLToPath)(import.meta.url));
    for (let dir = start;; dir = external_node_path_default().dirname(dir)) {
        const candidate = external_node_path_default().join(dir, 'rules', 'builtin');
        if ((0,external_node_fs_.existsSync)(candidate) && (0,external_node_fs_.statSync)(candidate).isDirectory())
            return candidate;
        if (external_node_path_default().dirname(dir) === dir)
            break;
    }
    throw new Error(`the built-in rules (rules/builtin) were not found in ${start} or any folder above it; reinstall cloudtrail-audit, or run with --no-builtin-rules and --rules-path`);
}

// EXTERNAL MODULE: ./src/rules/record-fields.ts
var record_fields = __nccwpck_require__(7238);
;// CONCATENATED MODULE: ./src/rules/resolve-correlations.ts
function resolveCorrelations(correlations, rules) {
    const byReference = new Map();
    for (const compiled of rules) {
        byReference.set(compiled.rule.ruleId, compiled);
        if (compiled.rule.uuid)
            byReference.set(compiled.rule.uuid.toLowerCase(), compiled);
    }
    const correlationNames = new Set();
    for (const c of correlations) {
        correlationNames.add(c.ruleId);
        if (c.uuid)
            correlationNames.add(c.uuid.toLowerCase());
    }
    const resolved = [];
    const problems = [];
    for (const rule of correlations) {
        const errors = [];
        const members = [];
        for (const reference of rule.rules) {
            const found = byReference.get(reference) ?? byReference.get(reference.toLowerCase());
            if (found)
                members.push(found);
            else if (correlationNames.has(reference) || correlationNames.has(reference.toLowerCase()))
                errors.push(`'rules' names the correlation rule '${reference}': chained correlations are not supported ` +
                    "(for a number of events and of distinct values in one window, use value_count with 'event-count')");
            else
                errors.push(`'rules' names '${reference}', which is not a loaded rule (no rule has that name or id, or it was excluded or is below the minimum severity)`);
        }
        if (new Set(members).size !== members.length)
            errors.push("'rules' refers to the same rule twice");
        if (errors.length > 0) {
            problems.push({ file: rule.file, title: rule.title, message: errors.join('; ') });
            continue;
        }
        const groupFields = rule.rules.map((reference) => rule.groupBy.map((name) => rule.aliases[name]?.[reference] ?? name));
        const field = rule.field;
        const valueFields = rule.rules.map((reference) => field === undefined ? undefined : (rule.aliases[field]?.[reference] ?? field));
        resolved.push({ rule, members, groupFields, valueFields });
    }
    return { resolved, problems };
}

;// CONCATENATED MODULE: ./src/rules/rule-set.ts
/**
 * The rule set of a scan: the built-in rules and the user's, minus what is excluded or below the minimum severity,
 * with correlations resolved against the whole set. Its summary's catalogue describes every rule that can make a
 * finding, whatever its kind, for the reports and the issue tracker.
 */







async function loadRuleSet(options, log) {
    const builtin = options.noBuiltinRules
        ? { rules: [], correlations: [], problems: [], skipped: [] }
        : await loadRules([builtinRulesDir()], { builtin: true, placeholders: options.placeholders });
    const own = await loadRules(options.rulesPaths, { builtin: false, placeholders: options.placeholders });
    const builtinIds = new Set(builtin.rules.map(({ rule }) => rule.ruleId));
    const loaded = {
        rules: [...builtin.rules],
        correlations: [...builtin.correlations, ...own.correlations],
        problems: [...builtin.problems, ...own.problems],
        skipped: [...builtin.skipped, ...own.skipped],
    };
    for (const compiled of own.rules) {
        if (builtinIds.has(compiled.rule.ruleId)) {
            loaded.problems.push({
                file: compiled.rule.file,
                title: compiled.rule.title,
                message: `rule id '${compiled.rule.ruleId}' is already used by a built-in rule (exclude it or rename yours)`,
            });
        }
        else {
            loaded.rules.push(compiled);
        }
    }
    for (const skipped of loaded.skipped)
        log.info(`rule ${skipped.file} skipped: ${skipped.message}`);
    const warnings = ruleWarnings(own.rules);
    for (const w of warnings)
        log.warning(`rule ${w.file} (${w.title}): ${w.message}`);
    const known = knownIds([...loaded.rules.map((r) => r.rule), ...loaded.correlations]);
    for (const id of options.excludeRules) {
        const problem = unknownIdProblem(id, known);
        if (problem)
            throw new errors/* UsageError */.e(`exclude-rules: ${problem}`);
    }
    const exclude = new Set(options.excludeRules.map((id) => id.toLowerCase()));
    const matchedExclusions = new Set();
    const excluded = (rule) => {
        const ids = [rule.ruleId, rule.uuid].filter((id) => id !== undefined);
        const hit = ids.find((id) => exclude.has(id.toLowerCase()));
        if (hit)
            matchedExclusions.add(hit.toLowerCase());
        return hit !== undefined;
    };
    const minRank = (0,severity/* severityRank */.qs)(options.minSeverity);
    let belowMinSeverity = 0;
    // A rule below the minimum severity makes no finding, but still feeds the correlations built on it: the
    // correlation's level is what counts (as for the helper rules, which feed correlations only).
    // Load order is kept: it orders findings of equal rank.
    const candidates = [];
    for (const compiled of loaded.rules) {
        if (excluded(compiled.rule))
            continue;
        if (compiled.rule.generate !== false && (0,severity/* severityRank */.qs)(compiled.rule.level) < minRank) {
            belowMinSeverity++;
            candidates.push({ ...compiled, rule: { ...compiled.rule, generate: false } });
        }
        else {
            candidates.push(compiled);
        }
    }
    const excludedIds = new Set(loaded.rules.flatMap(({ rule }) => (excluded(rule) ? [rule.ruleId, rule.uuid?.toLowerCase()] : [])));
    const kept = loaded.correlations.filter((c) => {
        if (excluded(c))
            return false;
        // Excluding a rule leaves out what is built on it.
        const missing = c.rules.filter((reference) => excludedIds.has(reference) || excludedIds.has(reference.toLowerCase()));
        if (missing.length > 0) {
            log.warning(`rule ${c.ruleId} (${c.title}) not run: it is built on the excluded ${missing.join(', ')}`);
            return false;
        }
        if ((0,severity/* severityRank */.qs)(c.level) < minRank) {
            belowMinSeverity++;
            return false;
        }
        return true;
    });
    const resolved = resolveCorrelations(kept, candidates);
    loaded.problems.push(...resolved.problems);
    if (options.ruleErrors === 'fail' && loaded.problems.length > 0) {
        throw new errors/* UsageError */.e(ruleErrorsMessage(loaded.problems));
    }
    for (const problem of loaded.problems)
        log.warning(`rule ${describeProblem(problem)}`);
    const correlations = resolved.resolved;
    const fed = new Set(correlations.flatMap((c) => c.members.map((m) => m.rule.ruleId)));
    const rules = candidates.filter(({ rule }) => rule.generate !== false || fed.has(rule.ruleId));
    const catalogue = [
        ...rules.map((r) => r.rule).filter((rule) => rule.kind === 'first-seen' || (0,model/* makesFindings */.w)(rule)),
        ...correlations.map((c) => c.rule),
    ];
    return {
        rules,
        correlations,
        known: [...loaded.rules.map((r) => r.rule), ...loaded.correlations],
        summary: {
            active: catalogue.length,
            catalogue,
            problems: loaded.problems,
            warnings,
            skipped: loaded.skipped,
            excluded: [...matchedExclusions],
            belowMinSeverity,
        },
    };
}
/** Parts of these rules that can never match (a field no CloudTrail record has: record-fields.ts), to be listed. */
function ruleWarnings(rules) {
    return rules.flatMap(({ rule }) => (0,record_fields/* unknownFieldWarnings */.az)(rule).map((message) => ({ file: rule.file, title: rule.title, message })));
}
/** `file (title) not loaded: why`. */
function describeProblem(problem) {
    return `${problem.file}${problem.title ? ` (${problem.title})` : ''} not loaded: ${problem.message}`;
}
function ruleErrorsMessage(problems) {
    const count = problems.length === 1 ? 'a rule' : `${problems.length} rules`;
    return [
        `${count} did not load, so the scan would run without ${problems.length === 1 ? 'its' : 'their'} detections:`,
        ...problems.map((p) => `  ${describeProblem(p)}`),
        'Fix the rule files, or scan without these rules with --allow-rule-errors (in the action: allow-rule-errors: true).',
    ].join('\n');
}
/** Every id a rule answers to (its ruleId and Sigma UUID), lower-cased, with the ruleIds to suggest from. */
function knownIds(rules) {
    const ids = new Set();
    for (const rule of rules) {
        ids.add(rule.ruleId.toLowerCase());
        if (rule.uuid)
            ids.add(rule.uuid.toLowerCase());
    }
    return { ids, names: rules.map((r) => r.ruleId) };
}
function unknownIdProblem(id, known) {
    if (known.ids.has(id.toLowerCase()))
        return undefined;
    const close = (0,did_you_mean/* closest */.k)(id, known.names);
    return (`no rule has the id '${id}'` +
        (close ? `; did you mean '${close}'?` : " ('cloudtrail-audit rules list' shows the ids)"));
}


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 5317:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");

/***/ }),

/***/ 6982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 4708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:process");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 6193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:string_decoder");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("process");

/***/ }),

/***/ 2203:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("stream");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 3557:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 2018:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tty");

/***/ }),

/***/ 7016:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("url");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ }),

/***/ 8280:
/***/ (function(module) {

(function (root) {
    'use strict';
    // A list of regular expressions that match arbitrary IPv4 addresses,
    // for which a number of weird notations exist.
    // Note that an address like 0010.0xa5.1.1 is considered legal.
    const ipv4Part = '(0?\\d+|0x[a-f0-9]+)';
    const ipv4Regexes = {
        fourOctet: new RegExp(`^${ipv4Part}\\.${ipv4Part}\\.${ipv4Part}\\.${ipv4Part}$`, 'i'),
        threeOctet: new RegExp(`^${ipv4Part}\\.${ipv4Part}\\.${ipv4Part}$`, 'i'),
        twoOctet: new RegExp(`^${ipv4Part}\\.${ipv4Part}$`, 'i'),
        longValue: new RegExp(`^${ipv4Part}$`, 'i')
    };

    // Regular Expression for checking Octal numbers
    const octalRegex = new RegExp(`^0[0-7]+$`, 'i');
    const hexRegex = new RegExp(`^0x[a-f0-9]+$`, 'i');

    const zoneIndex = '%[0-9a-z]{1,}';

    // IPv6-matching regular expressions.
    // For IPv6, the task is simpler: it is enough to match the colon-delimited
    // hexadecimal IPv6 and a transitional variant with dotted-decimal IPv4 at
    // the end.
    const ipv6Part = '(?:[0-9a-f]+::?)+';
    const ipv6Regexes = {
        zoneIndex: new RegExp(zoneIndex, 'i'),
        'native': new RegExp(`^(::)?(${ipv6Part})?([0-9a-f]+)?(::)?(${zoneIndex})?$`, 'i'),
        deprecatedTransitional: new RegExp(`^(?:::)(${ipv4Part}\\.${ipv4Part}\\.${ipv4Part}\\.${ipv4Part}(${zoneIndex})?)$`, 'i'),
        transitional: new RegExp(`^((?:${ipv6Part})|(?:::)(?:${ipv6Part})?)${ipv4Part}\\.${ipv4Part}\\.${ipv4Part}\\.${ipv4Part}(${zoneIndex})?$`, 'i')
    };

    // Expand :: in an IPv6 address or address part consisting of `parts` groups.
    function expandIPv6 (string, parts) {
        // More than one '::' means invalid address
        if (string.indexOf('::') !== string.lastIndexOf('::')) {
            return null;
        }

        let colonCount = 0;
        let lastColon = -1;
        let zoneId = (string.match(ipv6Regexes.zoneIndex) || [])[0];
        let replacement, replacementCount;

        // Remove zone index and save it for later
        if (zoneId) {
            zoneId = zoneId.substring(1);
            string = string.replace(/%.+$/, '');
        }

        // How many parts do we already have?
        while ((lastColon = string.indexOf(':', lastColon + 1)) >= 0) {
            colonCount++;
        }

        // 0::0 is two parts more than ::
        if (string.substr(0, 2) === '::') {
            colonCount--;
        }

        if (string.substr(-2, 2) === '::') {
            colonCount--;
        }

        // An address must not contain more separators than available parts,
        // and :: must compress at least one part.
        if (colonCount >= parts) {
            return null;
        }

        // replacement = ':' + '0:' * (parts - colonCount)
        replacementCount = parts - colonCount;
        replacement = ':';
        while (replacementCount--) {
            replacement += '0:';
        }

        // Insert the missing zeroes
        string = string.replace('::', replacement);

        // Trim any garbage which may be hanging around if :: was at the edge in
        // the source string
        if (string[0] === ':') {
            string = string.slice(1);
        }

        if (string[string.length - 1] === ':') {
            string = string.slice(0, -1);
        }

        parts = (function () {
            const ref = string.split(':');
            const results = [];

            for (let i = 0; i < ref.length; i++) {
                results.push(ref[i].length > 4 ? NaN : parseInt(ref[i], 16));
            }

            return results;
        })();

        return {
            parts: parts,
            zoneId: zoneId
        };
    }

    // A generic CIDR (Classless Inter-Domain Routing) RFC1518 range matcher.
    function matchCIDR (first, second, partSize, cidrBits) {
        if (first.length !== second.length) {
            throw new Error('ipaddr: cannot match CIDR for objects with different lengths');
        }

        let part = 0;
        let shift;

        while (cidrBits > 0) {
            shift = partSize - cidrBits;
            if (shift < 0) {
                shift = 0;
            }

            if (first[part] >> shift !== second[part] >> shift) {
                return false;
            }

            cidrBits -= partSize;
            part += 1;
        }

        return true;
    }

    function parseIntAuto (string) {
        // Hexadecimal base 16 (0x#)
        if (hexRegex.test(string)) {
            return parseInt(string, 16);
        }
        // While octal representation is discouraged by ECMAScript 3
        // and forbidden by ECMAScript 5, we silently allow it to
        // work only if the rest of the string has numbers less than 8.
        if (string[0] === '0' && !isNaN(parseInt(string[1], 10))) {
        if (octalRegex.test(string)) {
            return parseInt(string, 8);
        }
            throw new Error(`ipaddr: cannot parse ${string} as octal`);
        }
        // Always include the base 10 radix!
        return parseInt(string, 10);
    }

    function padPart (part, length) {
        while (part.length < length) {
            part = `0${part}`;
        }

        return part;
    }

    const ipaddr = {};

    // An IPv4 address (RFC791).
    ipaddr.IPv4 = (function () {
        // Constructs a new IPv4 address from an array of four octets
        // in network order (MSB first)
        // Verifies the input.
        function IPv4 (octets) {
            if (octets.length !== 4) {
                throw new Error('ipaddr: ipv4 octet count should be 4');
            }

            let i, octet;

            for (i = 0; i < octets.length; i++) {
                octet = octets[i];
                if (!((0 <= octet && octet <= 255))) {
                    throw new Error('ipaddr: ipv4 octet should fit in 8 bits');
                }
            }

            this.octets = octets;
        }

        // Special IPv4 address ranges.
        // See also https://en.wikipedia.org/wiki/Reserved_IP_addresses
        IPv4.prototype.SpecialRanges = {
            unspecified: [[new IPv4([0, 0, 0, 0]), 8]],
            broadcast: [[new IPv4([255, 255, 255, 255]), 32]],
            // RFC3171
            multicast: [[new IPv4([224, 0, 0, 0]), 4]],
            // RFC3927
            linkLocal: [[new IPv4([169, 254, 0, 0]), 16]],
            // RFC5735
            loopback: [[new IPv4([127, 0, 0, 0]), 8]],
            // RFC6598
            carrierGradeNat: [[new IPv4([100, 64, 0, 0]), 10]],
            // RFC1918
            'private': [
                [new IPv4([10, 0, 0, 0]), 8],
                [new IPv4([172, 16, 0, 0]), 12],
                [new IPv4([192, 168, 0, 0]), 16]
            ],
            // Reserved and testing-only ranges; RFCs 5735, 5737, 2544, 1700
            reserved: [
                [new IPv4([192, 0, 0, 0]), 24],
                [new IPv4([192, 0, 2, 0]), 24],
                [new IPv4([192, 88, 99, 0]), 24],
                [new IPv4([198, 18, 0, 0]), 15],
                [new IPv4([198, 51, 100, 0]), 24],
                [new IPv4([203, 0, 113, 0]), 24],
                [new IPv4([240, 0, 0, 0]), 4]
            ],
            // RFC7534, RFC7535
            as112: [
                [new IPv4([192, 175, 48, 0]), 24],
                [new IPv4([192, 31, 196, 0]), 24],
            ],
            // RFC7450
            amt: [
                [new IPv4([192, 52, 193, 0]), 24],
            ],
        };

        // The 'kind' method exists on both IPv4 and IPv6 classes.
        IPv4.prototype.kind = function () {
            return 'ipv4';
        };

        // Checks if this address matches other one within given CIDR range.
        IPv4.prototype.match = function (other, cidrRange) {
            let ref;
            if (cidrRange === undefined) {
                ref = other;
                other = ref[0];
                cidrRange = ref[1];
            }

            if (other.kind() !== 'ipv4') {
                throw new Error('ipaddr: cannot match ipv4 address with non-ipv4 one');
            }

            return matchCIDR(this.octets, other.octets, 8, cidrRange);
        };

        // returns a number of leading ones in IPv4 address, making sure that
        // the rest is a solid sequence of 0's (valid netmask)
        // returns either the CIDR length or null if mask is not valid
        IPv4.prototype.prefixLengthFromSubnetMask = function () {
            let cidr = 0;
            // non-zero encountered stop scanning for zeroes
            let stop = false;
            // number of zeroes in octet
            const zerotable = {
                0: 8,
                128: 7,
                192: 6,
                224: 5,
                240: 4,
                248: 3,
                252: 2,
                254: 1,
                255: 0
            };
            let i, octet, zeros;

            for (i = 3; i >= 0; i -= 1) {
                octet = this.octets[i];
                if (octet in zerotable) {
                    zeros = zerotable[octet];
                    if (stop && zeros !== 0) {
                        return null;
                    }

                    if (zeros !== 8) {
                        stop = true;
                    }

                    cidr += zeros;
                } else {
                    return null;
                }
            }

            return 32 - cidr;
        };

        // Checks if the address corresponds to one of the special ranges.
        IPv4.prototype.range = function () {
            return ipaddr.subnetMatch(this, this.SpecialRanges);
        };

        // Returns an array of byte-sized values in network order (MSB first)
        IPv4.prototype.toByteArray = function () {
            return this.octets.slice(0);
        };

        // Converts this IPv4 address to an IPv4-mapped IPv6 address.
        IPv4.prototype.toIPv4MappedAddress = function () {
            return ipaddr.IPv6.parse(`::ffff:${this.toString()}`);
        };

        // Symmetrical method strictly for aligning with the IPv6 methods.
        IPv4.prototype.toNormalizedString = function () {
            return this.toString();
        };

        // Returns the address in convenient, decimal-dotted format.
        IPv4.prototype.toString = function () {
            return this.octets.join('.');
        };

        return IPv4;
    })();

    // A utility function to return broadcast address given the IPv4 interface and prefix length in CIDR notation
    ipaddr.IPv4.broadcastAddressFromCIDR = function (string) {

        try {
            const cidr = this.parseCIDR(string);
            const ipInterfaceOctets = cidr[0].toByteArray();
            const subnetMaskOctets = this.subnetMaskFromPrefixLength(cidr[1]).toByteArray();
            const octets = [];
            let i = 0;
            while (i < 4) {
                // Broadcast address is bitwise OR between ip interface and inverted mask
                octets.push(parseInt(ipInterfaceOctets[i], 10) | parseInt(subnetMaskOctets[i], 10) ^ 255);
                i++;
            }

            return new this(octets);
        } catch (e) {
            throw new Error('ipaddr: the address does not have IPv4 CIDR format', { cause: e });
        }
    };

    // Checks if a given string is formatted like IPv4 address.
    ipaddr.IPv4.isIPv4 = function (string) {
        return this.parser(string) !== null;
    };

    // Checks if a given string is a valid IPv4 address.
    ipaddr.IPv4.isValid = function (string) {
        try {
            new this(this.parser(string));
            return true;
        } catch {
            return false;
        }
    };

    // Checks if a given string is a valid IPv4 address in CIDR notation.
    ipaddr.IPv4.isValidCIDR = function (string) {
        try {
            this.parseCIDR(string);
            return true;
        } catch {
            return false;
        }
    };

    // Checks if a given string is a full four-part IPv4 Address.
    ipaddr.IPv4.isValidFourPartDecimal = function (string) {
        if (ipaddr.IPv4.isValid(string) && string.match(/^(0|[1-9]\d*)(\.(0|[1-9]\d*)){3}$/)) {
            return true;
        } else {
            return false;
        }
    };

    // Checks if a given string is a full four-part IPv4 Address with CIDR prefix.
    ipaddr.IPv4.isValidCIDRFourPartDecimal = function (string) {
        const match = string.match(/^(.+)\/(\d+)$/);

        if (!ipaddr.IPv4.isValidCIDR(string) || !match) {
            return false;
        }

        return ipaddr.IPv4.isValidFourPartDecimal(match[1]);
    };

    // A utility function to return network address given the IPv4 interface and prefix length in CIDR notation
    ipaddr.IPv4.networkAddressFromCIDR = function (string) {
        let cidr, i, ipInterfaceOctets, octets, subnetMaskOctets;

        try {
            cidr = this.parseCIDR(string);
            ipInterfaceOctets = cidr[0].toByteArray();
            subnetMaskOctets = this.subnetMaskFromPrefixLength(cidr[1]).toByteArray();
            octets = [];
            i = 0;
            while (i < 4) {
                // Network address is bitwise AND between ip interface and mask
                octets.push(parseInt(ipInterfaceOctets[i], 10) & parseInt(subnetMaskOctets[i], 10));
                i++;
            }

            return new this(octets);
        } catch (e) {
            throw new Error('ipaddr: the address does not have IPv4 CIDR format', { cause: e });
        }
    };

    // Tries to parse and validate a string with IPv4 address.
    // Throws an error if it fails.
    ipaddr.IPv4.parse = function (string) {
        const parts = this.parser(string);

        if (parts === null) {
            throw new Error('ipaddr: string is not formatted like an IPv4 Address');
        }

        return new this(parts);
    };

    // Parses the string as an IPv4 Address with CIDR Notation.
    ipaddr.IPv4.parseCIDR = function (string) {
        let match;

        if ((match = string.match(/^(.+)\/(\d+)$/))) {
            const maskLength = parseInt(match[2]);
            if (maskLength >= 0 && maskLength <= 32) {
                const parsed = [this.parse(match[1]), maskLength];
                Object.defineProperty(parsed, 'toString', {
                    value: function () {
                        return this.join('/');
                    }
                });
                return parsed;
            }
        }

        throw new Error('ipaddr: string is not formatted like an IPv4 CIDR range');
    };

    // Classful variants (like a.b, where a is an octet, and b is a 24-bit
    // value representing last three octets; this corresponds to a class C
    // address) are omitted due to classless nature of modern Internet.
    ipaddr.IPv4.parser = function (string) {
        let match, part, value;

        // parseInt recognizes all that octal & hexadecimal weirdness for us
        if ((match = string.match(ipv4Regexes.fourOctet))) {
            return (function () {
                const ref = match.slice(1, 6);
                const results = [];

                for (let i = 0; i < ref.length; i++) {
                    part = ref[i];
                    results.push(parseIntAuto(part));
                }

                return results;
            })();
        } else if ((match = string.match(ipv4Regexes.longValue))) {
            value = parseIntAuto(match[1]);
            if (value > 0xffffffff || value < 0) {
                throw new Error('ipaddr: address outside defined range');
            }

            return ((function () {
                const results = [];
                let shift;

                for (shift = 0; shift <= 24; shift += 8) {
                    results.push((value >> shift) & 0xff);
                }

                return results;
            })()).reverse();
        } else if ((match = string.match(ipv4Regexes.twoOctet))) {
            return (function () {
                const ref = match.slice(1, 4);
                const results = [];

                value = parseIntAuto(ref[1]);
                if (value > 0xffffff || value < 0) {
                    throw new Error('ipaddr: address outside defined range');
                }

                results.push(parseIntAuto(ref[0]));
                results.push((value >> 16) & 0xff);
                results.push((value >>  8) & 0xff);
                results.push( value        & 0xff);

                return results;
            })();
        } else if ((match = string.match(ipv4Regexes.threeOctet))) {
            return (function () {
                const ref = match.slice(1, 5);
                const results = [];

                value = parseIntAuto(ref[2]);
                if (value > 0xffff || value < 0) {
                    throw new Error('ipaddr: address outside defined range');
                }

                results.push(parseIntAuto(ref[0]));
                results.push(parseIntAuto(ref[1]));
                results.push((value >> 8) & 0xff);
                results.push( value       & 0xff);

                return results;
            })();
        } else {
            return null;
        }
    };

    // A utility function to return subnet mask in IPv4 format given the prefix length
    ipaddr.IPv4.subnetMaskFromPrefixLength = function (prefix) {
        prefix = parseInt(prefix);
        if (Number.isNaN(prefix) || prefix < 0 || prefix > 32) {
            throw new Error('ipaddr: invalid IPv4 prefix length');
        }

        const octets = [0, 0, 0, 0];
        let j = 0;
        const filledOctetCount = Math.floor(prefix / 8);

        while (j < filledOctetCount) {
            octets[j] = 255;
            j++;
        }

        if (filledOctetCount < 4) {
            octets[filledOctetCount] = Math.pow(2, prefix % 8) - 1 << 8 - (prefix % 8);
        }

        return new this(octets);
    };

    // An IPv6 address (RFC2460)
    ipaddr.IPv6 = (function () {
        // Constructs an IPv6 address from an array of eight 16 - bit parts
        // or sixteen 8 - bit parts in network order(MSB first).
        // Throws an error if the input is invalid.
        function IPv6 (parts, zoneId) {
            let i, part;

            if (parts.length === 16) {
                this.parts = [];
                for (i = 0; i <= 14; i += 2) {
                    this.parts.push((parts[i] << 8) | parts[i + 1]);
                }
            } else if (parts.length === 8) {
                this.parts = parts;
            } else {
                throw new Error('ipaddr: ipv6 part count should be 8 or 16');
            }

            for (i = 0; i < this.parts.length; i++) {
                part = this.parts[i];
                if (!((0 <= part && part <= 0xffff))) {
                    throw new Error('ipaddr: ipv6 part should fit in 16 bits');
                }
            }

            if (zoneId) {
                this.zoneId = zoneId;
            }
        }

        // Special IPv6 ranges
        IPv6.prototype.SpecialRanges = {
            // RFC4291, here and after
            unspecified: [new IPv6([0, 0, 0, 0, 0, 0, 0, 0]), 128],
            linkLocal: [new IPv6([0xfe80, 0, 0, 0, 0, 0, 0, 0]), 10],
            multicast: [new IPv6([0xff00, 0, 0, 0, 0, 0, 0, 0]), 8],
            loopback: [new IPv6([0, 0, 0, 0, 0, 0, 0, 1]), 128],
            uniqueLocal: [new IPv6([0xfc00, 0, 0, 0, 0, 0, 0, 0]), 7],
            ipv4Mapped: [new IPv6([0, 0, 0, 0, 0, 0xffff, 0, 0]), 96],
            // RFC3879
            deprecatedSiteLocal: [new IPv6([0xfec0, 0, 0, 0, 0, 0, 0, 0]), 10],
            // RFC6666
            discard: [new IPv6([0x100, 0, 0, 0, 0, 0, 0, 0]), 64],
            // RFC6145
            rfc6145: [new IPv6([0, 0, 0, 0, 0xffff, 0, 0, 0]), 96],
            rfc6052: [
                // RFC6052
                [new IPv6([0x64, 0xff9b, 0, 0, 0, 0, 0, 0]), 96],
                // RFC8215
                [new IPv6([0x64, 0xff9b, 0x1, 0, 0, 0, 0, 0]), 48],
            ],
            // RFC3056
            '6to4': [new IPv6([0x2002, 0, 0, 0, 0, 0, 0, 0]), 16],
            // RFC6052, RFC6146
            teredo: [new IPv6([0x2001, 0, 0, 0, 0, 0, 0, 0]), 32],
            // RFC5180
            benchmarking: [new IPv6([0x2001, 0x2, 0, 0, 0, 0, 0, 0]), 48],
            // RFC7450
            amt: [new IPv6([0x2001, 0x3, 0, 0, 0, 0, 0, 0]), 32],
            as112v6: [
                // RFC7535
                [new IPv6([0x2001, 0x4, 0x112, 0, 0, 0, 0, 0]), 48],
                // RFC7534
                [new IPv6([0x2620, 0x4f, 0x8000, 0, 0, 0, 0, 0]), 48],
            ],
            // RFC4843
            deprecatedOrchid: [new IPv6([0x2001, 0x10, 0, 0, 0, 0, 0, 0]), 28],
            // RFC7343
            orchid2: [new IPv6([0x2001, 0x20, 0, 0, 0, 0, 0, 0]), 28],
            // RFC9374
            droneRemoteIdProtocolEntityTags: [new IPv6([0x2001, 0x30, 0, 0, 0, 0, 0, 0]), 28],
            // RFC9602
            segmentRouting: [new IPv6([0x5f00, 0, 0, 0, 0, 0, 0, 0]), 16],
            reserved: [
                // RFC3849
                [new IPv6([0x2001, 0, 0, 0, 0, 0, 0, 0]), 23],
                // RFC2928
                [new IPv6([0x2001, 0xdb8, 0, 0, 0, 0, 0, 0]), 32],
                // RFC9637
                [new IPv6([0x3fff, 0, 0, 0, 0, 0, 0, 0]), 20],
            ],
        };

        // Checks if this address is an IPv4-mapped IPv6 address.
        IPv6.prototype.isIPv4MappedAddress = function () {
            return this.range() === 'ipv4Mapped';
        };

        // The 'kind' method exists on both IPv4 and IPv6 classes.
        IPv6.prototype.kind = function () {
            return 'ipv6';
        };

        // Checks if this address matches other one within given CIDR range.
        IPv6.prototype.match = function (other, cidrRange) {
            let ref;

            if (cidrRange === undefined) {
                ref = other;
                other = ref[0];
                cidrRange = ref[1];
            }

            if (other.kind() !== 'ipv6') {
                throw new Error('ipaddr: cannot match ipv6 address with non-ipv6 one');
            }

            return matchCIDR(this.parts, other.parts, 16, cidrRange);
        };

        // returns a number of leading ones in IPv6 address, making sure that
        // the rest is a solid sequence of 0's (valid netmask)
        // returns either the CIDR length or null if mask is not valid
        IPv6.prototype.prefixLengthFromSubnetMask = function () {
            let cidr = 0;
            // non-zero encountered stop scanning for zeroes
            let stop = false;
            // number of zeroes in octet
            const zerotable = {
                0: 16,
                32768: 15,
                49152: 14,
                57344: 13,
                61440: 12,
                63488: 11,
                64512: 10,
                65024: 9,
                65280: 8,
                65408: 7,
                65472: 6,
                65504: 5,
                65520: 4,
                65528: 3,
                65532: 2,
                65534: 1,
                65535: 0
            };
            let part, zeros;

            for (let i = 7; i >= 0; i -= 1) {
                part = this.parts[i];
                if (part in zerotable) {
                    zeros = zerotable[part];
                    if (stop && zeros !== 0) {
                        return null;
                    }

                    if (zeros !== 16) {
                        stop = true;
                    }

                    cidr += zeros;
                } else {
                    return null;
                }
            }

            return 128 - cidr;
        };


        // Checks if the address corresponds to one of the special ranges.
        IPv6.prototype.range = function () {
            return ipaddr.subnetMatch(this, this.SpecialRanges);
        };

        // Returns an array of byte-sized values in network order (MSB first)
        IPv6.prototype.toByteArray = function () {
            let part;
            const bytes = [];
            const ref = this.parts;
            for (let i = 0; i < ref.length; i++) {
                part = ref[i];
                bytes.push(part >> 8);
                bytes.push(part & 0xff);
            }

            return bytes;
        };

        // Returns the address in expanded format with all zeroes included, like
        // 2001:0db8:0008:0066:0000:0000:0000:0001
        IPv6.prototype.toFixedLengthString = function () {
            const addr = ((function () {
                const results = [];
                for (let i = 0; i < this.parts.length; i++) {
                    results.push(padPart(this.parts[i].toString(16), 4));
                }

                return results;
            }).call(this)).join(':');

            let suffix = '';

            if (this.zoneId) {
                suffix = `%${this.zoneId}`;
            }

            return addr + suffix;
        };

        // Converts this address to IPv4 address if it is an IPv4-mapped IPv6 address.
        // Throws an error otherwise.
        IPv6.prototype.toIPv4Address = function () {
            if (!this.isIPv4MappedAddress()) {
                throw new Error('ipaddr: trying to convert a generic ipv6 address to ipv4');
            }

            const ref = this.parts.slice(-2);
            const high = ref[0];
            const low = ref[1];

            return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
        };

        // Returns the address in expanded format with all zeroes included, like
        // 2001:db8:8:66:0:0:0:1
        //
        // Deprecated: use toFixedLengthString() instead.
        IPv6.prototype.toNormalizedString = function () {
            const addr = ((function () {
                const results = [];

                for (let i = 0; i < this.parts.length; i++) {
                    results.push(this.parts[i].toString(16));
                }

                return results;
            }).call(this)).join(':');

            let suffix = '';

            if (this.zoneId) {
                suffix = `%${this.zoneId}`;
            }

            return addr + suffix;
        };

        // Returns the address in compact, human-readable format like
        // 2001:db8:8:66::1
        // in line with RFC 5952 (see https://tools.ietf.org/html/rfc5952#section-4)
        IPv6.prototype.toRFC5952String = function () {
            const regex = /((^|:)(0(:|$)){2,})/g;
            // The zone identifier (RFC 4007) is not part of the address; match
            // against the address alone so a trailing zero run right before the
            // "%" suffix still gets compressed (RFC 5952, 4.2.2).
            let suffix = '';
            if (this.zoneId) {
                suffix = `%${this.zoneId}`;
            }
            const normalized = this.toNormalizedString();
            const string = normalized.slice(0, normalized.length - suffix.length);
            let bestMatchIndex = 0;
            let bestMatchLength = -1;
            let bestMatchGroups = -1;
            let match;

            while ((match = regex.exec(string))) {
                // Compare by the number of zero groups, not the matched length:
                // a run that is not at the start carries a leading ":" in the
                // match, so an equal-length run later in the address would
                // otherwise be preferred over the leftmost one (RFC 5952, 4.2.3).
                const groups = (match[0].match(/0/g) || []).length;
                if (groups > bestMatchGroups) {
                    bestMatchGroups = groups;
                    bestMatchIndex = match.index;
                    bestMatchLength = match[0].length;
                }
            }

            if (bestMatchLength < 0) {
                return string + suffix;
            }

            return `${string.substring(0, bestMatchIndex)}::${string.substring(bestMatchIndex + bestMatchLength)}${suffix}`;
        };

        // Returns the address in compact, human-readable format like
        // 2001:db8:8:66::1
        // Calls toRFC5952String under the hood.
        IPv6.prototype.toString = function () {
            return this.toRFC5952String();
        };

        return IPv6;

    })();

    // A utility function to return broadcast address given the IPv6 interface and prefix length in CIDR notation
    ipaddr.IPv6.broadcastAddressFromCIDR = function (string) {
        try {
            const cidr = this.parseCIDR(string);
            const ipInterfaceOctets = cidr[0].toByteArray();
            const subnetMaskOctets = this.subnetMaskFromPrefixLength(cidr[1]).toByteArray();
            const octets = [];
            let i = 0;
            while (i < 16) {
                // Broadcast address is bitwise OR between ip interface and inverted mask
                octets.push(parseInt(ipInterfaceOctets[i], 10) | parseInt(subnetMaskOctets[i], 10) ^ 255);
                i++;
            }

            return new this(octets);
        } catch (e) {
            throw new Error('ipaddr: the address does not have IPv6 CIDR format', { cause: e });
        }
    };

    // Checks if a given string is formatted like IPv6 address.
    ipaddr.IPv6.isIPv6 = function (string) {
        return this.parser(string) !== null;
    };

    // Checks to see if string is a valid IPv6 Address
    ipaddr.IPv6.isValid = function (string) {

        // Since IPv6.isValid is always called first, this shortcut
        // provides a substantial performance gain.
        if (typeof string === 'string' && string.indexOf(':') === -1) {
            return false;
        }

        try {
            const addr = this.parser(string);
            new this(addr.parts, addr.zoneId);
            return true;
        } catch {
            return false;
        }
    };

    // Checks if a given string is a valid IPv6 address in CIDR notation.
    ipaddr.IPv6.isValidCIDR = function (string) {

        // See note in IPv6.isValid
        if (typeof string === 'string' && string.indexOf(':') === -1) {
            return false;
        }

        try {
            this.parseCIDR(string);
            return true;
        } catch {
            return false;
        }
    };

    // A utility function to return network address given the IPv6 interface and prefix length in CIDR notation
    ipaddr.IPv6.networkAddressFromCIDR = function (string) {
        let cidr, i, ipInterfaceOctets, octets, subnetMaskOctets;

        try {
            cidr = this.parseCIDR(string);
            ipInterfaceOctets = cidr[0].toByteArray();
            subnetMaskOctets = this.subnetMaskFromPrefixLength(cidr[1]).toByteArray();
            octets = [];
            i = 0;
            while (i < 16) {
                // Network address is bitwise AND between ip interface and mask
                octets.push(parseInt(ipInterfaceOctets[i], 10) & parseInt(subnetMaskOctets[i], 10));
                i++;
            }

            return new this(octets);
        } catch (e) {
            throw new Error('ipaddr: the address does not have IPv6 CIDR format', { cause: e });
        }
    };

    // Tries to parse and validate a string with IPv6 address.
    // Throws an error if it fails.
    ipaddr.IPv6.parse = function (string) {
        const addr = this.parser(string);

        if (addr === null) {
            throw new Error('ipaddr: string is not formatted like an IPv6 Address');
        }

        return new this(addr.parts, addr.zoneId);
    };

    ipaddr.IPv6.parseCIDR = function (string) {
        let maskLength, match, parsed;

        if ((match = string.match(/^(.+)\/(\d+)$/))) {
            maskLength = parseInt(match[2]);
            if (maskLength >= 0 && maskLength <= 128) {
                parsed = [this.parse(match[1]), maskLength];
                Object.defineProperty(parsed, 'toString', {
                    value: function () {
                        return this.join('/');
                    }
                });
                return parsed;
            }
        }

        throw new Error('ipaddr: string is not formatted like an IPv6 CIDR range');
    };

    // Parse an IPv6 address.
    ipaddr.IPv6.parser = function (string) {
        let addr, i, match, octet, octets, zoneId;

        if ((match = string.match(ipv6Regexes.deprecatedTransitional))) {
            return this.parser(`::ffff:${match[1]}`);
        }
        if (ipv6Regexes.native.test(string)) {
            return expandIPv6(string, 8);
        }
        if ((match = string.match(ipv6Regexes.transitional))) {
            zoneId = match[6] || '';
            addr = match[1]
            if (!match[1].endsWith('::')) {
                addr = addr.slice(0, -1)
            }
            addr = expandIPv6(addr + zoneId, 6);
            if (addr && addr.parts) {
                octets = [
                    parseInt(match[2]),
                    parseInt(match[3]),
                    parseInt(match[4]),
                    parseInt(match[5])
                ];
                for (i = 0; i < octets.length; i++) {
                    octet = octets[i];
                    if (!((0 <= octet && octet <= 255))) {
                        return null;
                    }
                }

                addr.parts.push(octets[0] << 8 | octets[1]);
                addr.parts.push(octets[2] << 8 | octets[3]);
                return {
                    parts: addr.parts,
                    zoneId: addr.zoneId
                };
            }
        }

        return null;
    };

    // A utility function to return subnet mask in IPv6 format given the prefix length
    ipaddr.IPv6.subnetMaskFromPrefixLength = function (prefix) {
        prefix = parseInt(prefix);
        if (Number.isNaN(prefix) || prefix < 0 || prefix > 128) {
            throw new Error('ipaddr: invalid IPv6 prefix length');
        }

        const octets = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        let j = 0;
        const filledOctetCount = Math.floor(prefix / 8);

        while (j < filledOctetCount) {
            octets[j] = 255;
            j++;
        }

        if (filledOctetCount < 16) {
            octets[filledOctetCount] = Math.pow(2, prefix % 8) - 1 << 8 - (prefix % 8);
        }

        return new this(octets);
    };

    // Try to parse an array in network order (MSB first) for IPv4 and IPv6
    ipaddr.fromByteArray = function (bytes) {
        const length = bytes.length;

        if (length === 4) {
            return new ipaddr.IPv4(bytes);
        } else if (length === 16) {
            return new ipaddr.IPv6(bytes);
        } else {
            throw new Error('ipaddr: the binary input is neither an IPv6 nor IPv4 address');
        }
    };

    // Checks if the address is valid IP address
    ipaddr.isValid = function (string) {
        return ipaddr.IPv6.isValid(string) || ipaddr.IPv4.isValid(string);
    };

    // Checks if the address is valid IP address in CIDR notation
    ipaddr.isValidCIDR = function (string) {
        return ipaddr.IPv6.isValidCIDR(string) || ipaddr.IPv4.isValidCIDR(string);
    };


    // Attempts to parse an IP Address, first through IPv6 then IPv4.
    // Throws an error if it could not be parsed.
    ipaddr.parse = function (string) {
        if (ipaddr.IPv6.isValid(string)) {
            return ipaddr.IPv6.parse(string);
        } else if (ipaddr.IPv4.isValid(string)) {
            return ipaddr.IPv4.parse(string);
        } else {
            throw new Error('ipaddr: the address has neither IPv6 nor IPv4 format');
        }
    };

    // Attempt to parse CIDR notation, first through IPv6 then IPv4.
    // Throws an error if it could not be parsed.
    ipaddr.parseCIDR = function (string) {
        try {
            return ipaddr.IPv6.parseCIDR(string);
        } catch {
            try {
                return ipaddr.IPv4.parseCIDR(string);
            } catch (e) {
                throw new Error('ipaddr: the address has neither IPv6 nor IPv4 CIDR format', { cause: e });
            }
        }
    };

    // Parse an address and return plain IPv4 address if it is an IPv4-mapped address
    ipaddr.process = function (string) {
        const addr = this.parse(string);

        if (addr.kind() === 'ipv6' && addr.isIPv4MappedAddress()) {
            return addr.toIPv4Address();
        } else {
            return addr;
        }
    };

    // An utility function to ease named range matching. See examples below.
    // rangeList can contain both IPv4 and IPv6 subnet entries and will not throw errors
    // on matching IPv4 addresses to IPv6 ranges or vice versa.
    ipaddr.subnetMatch = function (address, rangeList, defaultName) {
        let i, rangeName, rangeSubnets, subnet;

        if (defaultName === undefined || defaultName === null) {
            defaultName = 'unicast';
        }

        for (rangeName in rangeList) {
            if (Object.prototype.hasOwnProperty.call(rangeList, rangeName)) {
                rangeSubnets = rangeList[rangeName];
                // ECMA5 Array.isArray isn't available everywhere
                if (rangeSubnets[0] && !(rangeSubnets[0] instanceof Array)) {
                    rangeSubnets = [rangeSubnets];
                }

                for (i = 0; i < rangeSubnets.length; i++) {
                    subnet = rangeSubnets[i];
                    if (address.kind() === subnet[0].kind() && address.match.apply(address, subnet)) {
                        return rangeName;
                    }
                }
            }
        }

        return defaultName;
    };

    // Export for both the CommonJS and browser-like environment
    if ( true && module.exports) {
        module.exports = ipaddr;

    } else {
        root.ipaddr = ipaddr;
    }

}(this));


/***/ }),

/***/ 7349:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);
var YAMLMap = __nccwpck_require__(4454);
var YAMLSeq = __nccwpck_require__(2223);
var resolveBlockMap = __nccwpck_require__(7103);
var resolveBlockSeq = __nccwpck_require__(334);
var resolveFlowCollection = __nccwpck_require__(3142);

function resolveCollection(CN, ctx, token, onError, tagName, tag) {
    const coll = token.type === 'block-map'
        ? resolveBlockMap.resolveBlockMap(CN, ctx, token, onError, tag)
        : token.type === 'block-seq'
            ? resolveBlockSeq.resolveBlockSeq(CN, ctx, token, onError, tag)
            : resolveFlowCollection.resolveFlowCollection(CN, ctx, token, onError, tag);
    const Coll = coll.constructor;
    // If we got a tagName matching the class, or the tag name is '!',
    // then use the tagName from the node class used to create it.
    if (tagName === '!' || tagName === Coll.tagName) {
        coll.tag = Coll.tagName;
        return coll;
    }
    if (tagName)
        coll.tag = tagName;
    return coll;
}
function composeCollection(CN, ctx, token, props, onError) {
    const tagToken = props.tag;
    const tagName = !tagToken
        ? null
        : ctx.directives.tagName(tagToken.source, msg => onError(tagToken, 'TAG_RESOLVE_FAILED', msg));
    if (token.type === 'block-seq') {
        const { anchor, newlineAfterProp: nl } = props;
        const lastProp = anchor && tagToken
            ? anchor.offset > tagToken.offset
                ? anchor
                : tagToken
            : (anchor ?? tagToken);
        if (lastProp && (!nl || nl.offset < lastProp.offset)) {
            const message = 'Missing newline after block sequence props';
            onError(lastProp, 'MISSING_CHAR', message);
        }
    }
    const expType = token.type === 'block-map'
        ? 'map'
        : token.type === 'block-seq'
            ? 'seq'
            : token.start.source === '{'
                ? 'map'
                : 'seq';
    // shortcut: check if it's a generic YAMLMap or YAMLSeq
    // before jumping into the custom tag logic.
    if (!tagToken ||
        !tagName ||
        tagName === '!' ||
        (tagName === YAMLMap.YAMLMap.tagName && expType === 'map') ||
        (tagName === YAMLSeq.YAMLSeq.tagName && expType === 'seq')) {
        return resolveCollection(CN, ctx, token, onError, tagName);
    }
    let tag = ctx.schema.tags.find(t => t.tag === tagName && t.collection === expType);
    if (!tag) {
        const kt = ctx.schema.knownTags[tagName];
        if (kt?.collection === expType) {
            ctx.schema.tags.push(Object.assign({}, kt, { default: false }));
            tag = kt;
        }
        else {
            if (kt) {
                onError(tagToken, 'BAD_COLLECTION_TYPE', `${kt.tag} used for ${expType} collection, but expects ${kt.collection ?? 'scalar'}`, true);
            }
            else {
                onError(tagToken, 'TAG_RESOLVE_FAILED', `Unresolved tag: ${tagName}`, true);
            }
            return resolveCollection(CN, ctx, token, onError, tagName);
        }
    }
    const coll = resolveCollection(CN, ctx, token, onError, tagName, tag);
    const res = tag.resolve?.(coll, msg => onError(tagToken, 'TAG_RESOLVE_FAILED', msg), ctx.options) ?? coll;
    const node = identity.isNode(res)
        ? res
        : new Scalar.Scalar(res);
    node.range = coll.range;
    node.tag = tagName;
    if (tag?.format)
        node.format = tag.format;
    return node;
}

exports.composeCollection = composeCollection;


/***/ }),

/***/ 3683:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Document = __nccwpck_require__(3021);
var composeNode = __nccwpck_require__(5937);
var resolveEnd = __nccwpck_require__(7788);
var resolveProps = __nccwpck_require__(4631);

function composeDoc(options, directives, { offset, start, value, end }, onError) {
    const opts = Object.assign({ _directives: directives }, options);
    const doc = new Document.Document(undefined, opts);
    const ctx = {
        atKey: false,
        atRoot: true,
        directives: doc.directives,
        options: doc.options,
        schema: doc.schema
    };
    const props = resolveProps.resolveProps(start, {
        indicator: 'doc-start',
        next: value ?? end?.[0],
        offset,
        onError,
        parentIndent: 0,
        startOnNewline: true
    });
    if (props.found) {
        doc.directives.docStart = true;
        if (value &&
            (value.type === 'block-map' || value.type === 'block-seq') &&
            !props.hasNewline)
            onError(props.end, 'MISSING_CHAR', 'Block collection cannot start on same line with directives-end marker');
    }
    // @ts-expect-error If Contents is set, let's trust the user
    doc.contents = value
        ? composeNode.composeNode(ctx, value, props, onError)
        : composeNode.composeEmptyNode(ctx, props.end, start, null, props, onError);
    const contentEnd = doc.contents.range[2];
    const re = resolveEnd.resolveEnd(end, contentEnd, false, onError);
    if (re.comment)
        doc.comment = re.comment;
    doc.range = [offset, contentEnd, re.offset];
    return doc;
}

exports.composeDoc = composeDoc;


/***/ }),

/***/ 5937:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Alias = __nccwpck_require__(4065);
var identity = __nccwpck_require__(1127);
var composeCollection = __nccwpck_require__(7349);
var composeScalar = __nccwpck_require__(5413);
var resolveEnd = __nccwpck_require__(7788);
var utilEmptyScalarPosition = __nccwpck_require__(2599);

const CN = { composeNode, composeEmptyNode };
function composeNode(ctx, token, props, onError) {
    const atKey = ctx.atKey;
    const { spaceBefore, comment, anchor, tag } = props;
    let node;
    let isSrcToken = true;
    switch (token.type) {
        case 'alias':
            node = composeAlias(ctx, token, onError);
            if (anchor || tag)
                onError(token, 'ALIAS_PROPS', 'An alias node must not specify any properties');
            break;
        case 'scalar':
        case 'single-quoted-scalar':
        case 'double-quoted-scalar':
        case 'block-scalar':
            node = composeScalar.composeScalar(ctx, token, tag, onError);
            if (anchor)
                node.anchor = anchor.source.substring(1);
            break;
        case 'block-map':
        case 'block-seq':
        case 'flow-collection':
            try {
                node = composeCollection.composeCollection(CN, ctx, token, props, onError);
                if (anchor)
                    node.anchor = anchor.source.substring(1);
            }
            catch (error) {
                // Almost certainly here due to a stack overflow
                const message = error instanceof Error ? error.message : String(error);
                onError(token, 'RESOURCE_EXHAUSTION', message);
            }
            break;
        default: {
            const message = token.type === 'error'
                ? token.message
                : `Unsupported token (type: ${token.type})`;
            onError(token, 'UNEXPECTED_TOKEN', message);
            isSrcToken = false;
        }
    }
    node ?? (node = composeEmptyNode(ctx, token.offset, undefined, null, props, onError));
    if (anchor && node.anchor === '')
        onError(anchor, 'BAD_ALIAS', 'Anchor cannot be an empty string');
    if (atKey &&
        ctx.options.stringKeys &&
        (!identity.isScalar(node) ||
            typeof node.value !== 'string' ||
            (node.tag && node.tag !== 'tag:yaml.org,2002:str'))) {
        const msg = 'With stringKeys, all keys must be strings';
        onError(tag ?? token, 'NON_STRING_KEY', msg);
    }
    if (spaceBefore)
        node.spaceBefore = true;
    if (comment) {
        if (token.type === 'scalar' && token.source === '')
            node.comment = comment;
        else
            node.commentBefore = comment;
    }
    // @ts-expect-error Type checking misses meaning of isSrcToken
    if (ctx.options.keepSourceTokens && isSrcToken)
        node.srcToken = token;
    return node;
}
function composeEmptyNode(ctx, offset, before, pos, { spaceBefore, comment, anchor, tag, end }, onError) {
    const token = {
        type: 'scalar',
        offset: utilEmptyScalarPosition.emptyScalarPosition(offset, before, pos),
        indent: -1,
        source: ''
    };
    const node = composeScalar.composeScalar(ctx, token, tag, onError);
    if (anchor) {
        node.anchor = anchor.source.substring(1);
        if (node.anchor === '')
            onError(anchor, 'BAD_ALIAS', 'Anchor cannot be an empty string');
    }
    if (spaceBefore)
        node.spaceBefore = true;
    if (comment) {
        node.comment = comment;
        node.range[2] = end;
    }
    return node;
}
function composeAlias({ options }, { offset, source, end }, onError) {
    const alias = new Alias.Alias(source.substring(1));
    if (alias.source === '')
        onError(offset, 'BAD_ALIAS', 'Alias cannot be an empty string');
    if (alias.source.endsWith(':'))
        onError(offset + source.length - 1, 'BAD_ALIAS', 'Alias ending in : is ambiguous', true);
    const valueEnd = offset + source.length;
    const re = resolveEnd.resolveEnd(end, valueEnd, options.strict, onError);
    alias.range = [offset, valueEnd, re.offset];
    if (re.comment)
        alias.comment = re.comment;
    return alias;
}

exports.composeEmptyNode = composeEmptyNode;
exports.composeNode = composeNode;


/***/ }),

/***/ 5413:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);
var resolveBlockScalar = __nccwpck_require__(8913);
var resolveFlowScalar = __nccwpck_require__(6842);

function composeScalar(ctx, token, tagToken, onError) {
    const { value, type, comment, range } = token.type === 'block-scalar'
        ? resolveBlockScalar.resolveBlockScalar(ctx, token, onError)
        : resolveFlowScalar.resolveFlowScalar(token, ctx.options.strict, onError);
    const tagName = tagToken
        ? ctx.directives.tagName(tagToken.source, msg => onError(tagToken, 'TAG_RESOLVE_FAILED', msg))
        : null;
    let tag;
    if (ctx.options.stringKeys && ctx.atKey) {
        tag = ctx.schema[identity.SCALAR];
    }
    else if (tagName)
        tag = findScalarTagByName(ctx.schema, value, tagName, tagToken, onError);
    else if (token.type === 'scalar')
        tag = findScalarTagByTest(ctx, value, token, onError);
    else
        tag = ctx.schema[identity.SCALAR];
    let scalar;
    try {
        const res = tag.resolve(value, msg => onError(tagToken ?? token, 'TAG_RESOLVE_FAILED', msg), ctx.options);
        scalar = identity.isScalar(res) ? res : new Scalar.Scalar(res);
    }
    catch (error) {
        const msg = error instanceof Error ? error.message : String(error);
        onError(tagToken ?? token, 'TAG_RESOLVE_FAILED', msg);
        scalar = new Scalar.Scalar(value);
    }
    scalar.range = range;
    scalar.source = value;
    if (type)
        scalar.type = type;
    if (tagName)
        scalar.tag = tagName;
    if (tag.format)
        scalar.format = tag.format;
    if (comment)
        scalar.comment = comment;
    return scalar;
}
function findScalarTagByName(schema, value, tagName, tagToken, onError) {
    if (tagName === '!')
        return schema[identity.SCALAR]; // non-specific tag
    const matchWithTest = [];
    for (const tag of schema.tags) {
        if (!tag.collection && tag.tag === tagName) {
            if (tag.default && tag.test)
                matchWithTest.push(tag);
            else
                return tag;
        }
    }
    for (const tag of matchWithTest)
        if (tag.test?.test(value))
            return tag;
    const kt = schema.knownTags[tagName];
    if (kt && !kt.collection) {
        // Ensure that the known tag is available for stringifying,
        // but does not get used by default.
        schema.tags.push(Object.assign({}, kt, { default: false, test: undefined }));
        return kt;
    }
    onError(tagToken, 'TAG_RESOLVE_FAILED', `Unresolved tag: ${tagName}`, tagName !== 'tag:yaml.org,2002:str');
    return schema[identity.SCALAR];
}
function findScalarTagByTest({ atKey, directives, schema }, value, token, onError) {
    const tag = schema.tags.find(tag => (tag.default === true || (atKey && tag.default === 'key')) &&
        tag.test?.test(value)) || schema[identity.SCALAR];
    if (schema.compat) {
        const compat = schema.compat.find(tag => tag.default && tag.test?.test(value)) ??
            schema[identity.SCALAR];
        if (tag.tag !== compat.tag) {
            const ts = directives.tagString(tag.tag);
            const cs = directives.tagString(compat.tag);
            const msg = `Value may be parsed as either ${ts} or ${cs}`;
            onError(token, 'TAG_RESOLVE_FAILED', msg, true);
        }
    }
    return tag;
}

exports.composeScalar = composeScalar;


/***/ }),

/***/ 9984:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var node_process = __nccwpck_require__(932);
var directives = __nccwpck_require__(1342);
var Document = __nccwpck_require__(3021);
var errors = __nccwpck_require__(1464);
var identity = __nccwpck_require__(1127);
var composeDoc = __nccwpck_require__(3683);
var resolveEnd = __nccwpck_require__(7788);

function getErrorPos(src) {
    if (typeof src === 'number')
        return [src, src + 1];
    if (Array.isArray(src))
        return src.length === 2 ? src : [src[0], src[1]];
    const { offset, source } = src;
    return [offset, offset + (typeof source === 'string' ? source.length : 1)];
}
function parsePrelude(prelude) {
    let comment = '';
    let atComment = false;
    let afterEmptyLine = false;
    for (let i = 0; i < prelude.length; ++i) {
        const source = prelude[i];
        switch (source[0]) {
            case '#':
                comment +=
                    (comment === '' ? '' : afterEmptyLine ? '\n\n' : '\n') +
                        (source.substring(1) || ' ');
                atComment = true;
                afterEmptyLine = false;
                break;
            case '%':
                if (prelude[i + 1]?.[0] !== '#')
                    i += 1;
                atComment = false;
                break;
            default:
                // This may be wrong after doc-end, but in that case it doesn't matter
                if (!atComment)
                    afterEmptyLine = true;
                atComment = false;
        }
    }
    return { comment, afterEmptyLine };
}
/**
 * Compose a stream of CST nodes into a stream of YAML Documents.
 *
 * ```ts
 * import { Composer, Parser } from 'yaml'
 *
 * const src: string = ...
 * const tokens = new Parser().parse(src)
 * const docs = new Composer().compose(tokens)
 * ```
 */
class Composer {
    constructor(options = {}) {
        this.doc = null;
        this.atDirectives = false;
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
        this.onError = (source, code, message, warning) => {
            const pos = getErrorPos(source);
            if (warning)
                this.warnings.push(new errors.YAMLWarning(pos, code, message));
            else
                this.errors.push(new errors.YAMLParseError(pos, code, message));
        };
        // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
        this.directives = new directives.Directives({ version: options.version || '1.2' });
        this.options = options;
    }
    decorate(doc, afterDoc) {
        const { comment, afterEmptyLine } = parsePrelude(this.prelude);
        //console.log({ dc: doc.comment, prelude, comment })
        if (comment) {
            const dc = doc.contents;
            if (afterDoc) {
                doc.comment = doc.comment ? `${doc.comment}\n${comment}` : comment;
            }
            else if (afterEmptyLine || doc.directives.docStart || !dc) {
                doc.commentBefore = comment;
            }
            else if (identity.isCollection(dc) && !dc.flow && dc.items.length > 0) {
                let it = dc.items[0];
                if (identity.isPair(it))
                    it = it.key;
                const cb = it.commentBefore;
                it.commentBefore = cb ? `${comment}\n${cb}` : comment;
            }
            else {
                const cb = dc.commentBefore;
                dc.commentBefore = cb ? `${comment}\n${cb}` : comment;
            }
        }
        if (afterDoc) {
            for (let i = 0; i < this.errors.length; ++i)
                doc.errors.push(this.errors[i]);
            for (let i = 0; i < this.warnings.length; ++i)
                doc.warnings.push(this.warnings[i]);
        }
        else {
            doc.errors = this.errors;
            doc.warnings = this.warnings;
        }
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
    }
    /**
     * Current stream status information.
     *
     * Mostly useful at the end of input for an empty stream.
     */
    streamInfo() {
        return {
            comment: parsePrelude(this.prelude).comment,
            directives: this.directives,
            errors: this.errors,
            warnings: this.warnings
        };
    }
    /**
     * Compose tokens into documents.
     *
     * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
     * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
     */
    *compose(tokens, forceDoc = false, endOffset = -1) {
        for (const token of tokens)
            yield* this.next(token);
        yield* this.end(forceDoc, endOffset);
    }
    /** Advance the composer by one CST token. */
    *next(token) {
        if (node_process.env.LOG_STREAM)
            console.dir(token, { depth: null });
        switch (token.type) {
            case 'directive':
                this.directives.add(token.source, (offset, message, warning) => {
                    const pos = getErrorPos(token);
                    pos[0] += offset;
                    this.onError(pos, 'BAD_DIRECTIVE', message, warning);
                });
                this.prelude.push(token.source);
                this.atDirectives = true;
                break;
            case 'document': {
                const doc = composeDoc.composeDoc(this.options, this.directives, token, this.onError);
                if (this.atDirectives && !doc.directives.docStart)
                    this.onError(token, 'MISSING_CHAR', 'Missing directives-end/doc-start indicator line');
                this.decorate(doc, false);
                if (this.doc)
                    yield this.doc;
                this.doc = doc;
                this.atDirectives = false;
                break;
            }
            case 'byte-order-mark':
            case 'space':
                break;
            case 'comment':
            case 'newline':
                this.prelude.push(token.source);
                break;
            case 'error': {
                const msg = token.source
                    ? `${token.message}: ${JSON.stringify(token.source)}`
                    : token.message;
                const error = new errors.YAMLParseError(getErrorPos(token), 'UNEXPECTED_TOKEN', msg);
                if (this.atDirectives || !this.doc)
                    this.errors.push(error);
                else
                    this.doc.errors.push(error);
                break;
            }
            case 'doc-end': {
                if (!this.doc) {
                    const msg = 'Unexpected doc-end without preceding document';
                    this.errors.push(new errors.YAMLParseError(getErrorPos(token), 'UNEXPECTED_TOKEN', msg));
                    break;
                }
                this.doc.directives.docEnd = true;
                const end = resolveEnd.resolveEnd(token.end, token.offset + token.source.length, this.doc.options.strict, this.onError);
                this.decorate(this.doc, true);
                if (end.comment) {
                    const dc = this.doc.comment;
                    this.doc.comment = dc ? `${dc}\n${end.comment}` : end.comment;
                }
                this.doc.range[2] = end.offset;
                break;
            }
            default:
                this.errors.push(new errors.YAMLParseError(getErrorPos(token), 'UNEXPECTED_TOKEN', `Unsupported token ${token.type}`));
        }
    }
    /**
     * Call at end of input to yield any remaining document.
     *
     * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
     * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
     */
    *end(forceDoc = false, endOffset = -1) {
        if (this.doc) {
            this.decorate(this.doc, true);
            yield this.doc;
            this.doc = null;
        }
        else if (forceDoc) {
            const opts = Object.assign({ _directives: this.directives }, this.options);
            const doc = new Document.Document(undefined, opts);
            if (this.atDirectives)
                this.onError(endOffset, 'MISSING_CHAR', 'Missing directives-end indicator line');
            doc.range = [0, endOffset, endOffset];
            this.decorate(doc, false);
            yield doc;
        }
    }
}

exports.Composer = Composer;


/***/ }),

/***/ 7103:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Pair = __nccwpck_require__(7165);
var YAMLMap = __nccwpck_require__(4454);
var resolveProps = __nccwpck_require__(4631);
var utilContainsNewline = __nccwpck_require__(9499);
var utilFlowIndentCheck = __nccwpck_require__(4051);
var utilMapIncludes = __nccwpck_require__(1187);

const startColMsg = 'All mapping items must start at the same column';
function resolveBlockMap({ composeNode, composeEmptyNode }, ctx, bm, onError, tag) {
    const NodeClass = tag?.nodeClass ?? YAMLMap.YAMLMap;
    const map = new NodeClass(ctx.schema);
    if (ctx.atRoot)
        ctx.atRoot = false;
    let offset = bm.offset;
    let commentEnd = null;
    for (const collItem of bm.items) {
        const { start, key, sep, value } = collItem;
        // key properties
        const keyProps = resolveProps.resolveProps(start, {
            indicator: 'explicit-key-ind',
            next: key ?? sep?.[0],
            offset,
            onError,
            parentIndent: bm.indent,
            startOnNewline: true
        });
        const implicitKey = !keyProps.found;
        if (implicitKey) {
            if (key) {
                if (key.type === 'block-seq')
                    onError(offset, 'BLOCK_AS_IMPLICIT_KEY', 'A block sequence may not be used as an implicit map key');
                else if ('indent' in key && key.indent !== bm.indent)
                    onError(offset, 'BAD_INDENT', startColMsg);
            }
            if (!keyProps.anchor && !keyProps.tag && !sep) {
                commentEnd = keyProps.end;
                if (keyProps.comment) {
                    if (map.comment)
                        map.comment += '\n' + keyProps.comment;
                    else
                        map.comment = keyProps.comment;
                }
                continue;
            }
            if (keyProps.newlineAfterProp || utilContainsNewline.containsNewline(key)) {
                onError(key ?? start[start.length - 1], 'MULTILINE_IMPLICIT_KEY', 'Implicit keys need to be on a single line');
            }
        }
        else if (keyProps.found?.indent !== bm.indent) {
            onError(offset, 'BAD_INDENT', startColMsg);
        }
        // key value
        ctx.atKey = true;
        const keyStart = keyProps.end;
        const keyNode = key
            ? composeNode(ctx, key, keyProps, onError)
            : composeEmptyNode(ctx, keyStart, start, null, keyProps, onError);
        if (ctx.schema.compat)
            utilFlowIndentCheck.flowIndentCheck(bm.indent, key, onError);
        ctx.atKey = false;
        if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
            onError(keyStart, 'DUPLICATE_KEY', 'Map keys must be unique');
        // value properties
        const valueProps = resolveProps.resolveProps(sep ?? [], {
            indicator: 'map-value-ind',
            next: value,
            offset: keyNode.range[2],
            onError,
            parentIndent: bm.indent,
            startOnNewline: !key || key.type === 'block-scalar'
        });
        offset = valueProps.end;
        if (valueProps.found) {
            if (implicitKey) {
                if (value?.type === 'block-map' && !valueProps.hasNewline)
                    onError(offset, 'BLOCK_AS_IMPLICIT_KEY', 'Nested mappings are not allowed in compact mappings');
                if (ctx.options.strict &&
                    keyProps.start < valueProps.found.offset - 1024)
                    onError(keyNode.range, 'KEY_OVER_1024_CHARS', 'The : indicator must be at most 1024 chars after the start of an implicit block mapping key');
            }
            // value value
            const valueNode = value
                ? composeNode(ctx, value, valueProps, onError)
                : composeEmptyNode(ctx, offset, sep, null, valueProps, onError);
            if (ctx.schema.compat)
                utilFlowIndentCheck.flowIndentCheck(bm.indent, value, onError);
            offset = valueNode.range[2];
            const pair = new Pair.Pair(keyNode, valueNode);
            if (ctx.options.keepSourceTokens)
                pair.srcToken = collItem;
            map.items.push(pair);
        }
        else {
            // key with no value
            if (implicitKey)
                onError(keyNode.range, 'MISSING_CHAR', 'Implicit map keys need to be followed by map values');
            if (valueProps.comment) {
                if (keyNode.comment)
                    keyNode.comment += '\n' + valueProps.comment;
                else
                    keyNode.comment = valueProps.comment;
            }
            const pair = new Pair.Pair(keyNode);
            if (ctx.options.keepSourceTokens)
                pair.srcToken = collItem;
            map.items.push(pair);
        }
    }
    if (commentEnd && commentEnd < offset)
        onError(commentEnd, 'IMPOSSIBLE', 'Map comment with trailing content');
    map.range = [bm.offset, offset, commentEnd ?? offset];
    return map;
}

exports.resolveBlockMap = resolveBlockMap;


/***/ }),

/***/ 8913:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);

function resolveBlockScalar(ctx, scalar, onError) {
    const start = scalar.offset;
    const header = parseBlockScalarHeader(scalar, ctx.options.strict, onError);
    if (!header)
        return { value: '', type: null, comment: '', range: [start, start, start] };
    const type = header.mode === '>' ? Scalar.Scalar.BLOCK_FOLDED : Scalar.Scalar.BLOCK_LITERAL;
    const lines = scalar.source ? splitLines(scalar.source) : [];
    // determine the end of content & start of chomping
    let chompStart = lines.length;
    for (let i = lines.length - 1; i >= 0; --i) {
        const content = lines[i][1];
        if (content === '' || content === '\r')
            chompStart = i;
        else
            break;
    }
    // shortcut for empty contents
    if (chompStart === 0) {
        const value = header.chomp === '+' && lines.length > 0
            ? '\n'.repeat(Math.max(1, lines.length - 1))
            : '';
        let end = start + header.length;
        if (scalar.source)
            end += scalar.source.length;
        return { value, type, comment: header.comment, range: [start, end, end] };
    }
    // find the indentation level to trim from start
    let trimIndent = scalar.indent + header.indent;
    let offset = scalar.offset + header.length;
    let contentStart = 0;
    for (let i = 0; i < chompStart; ++i) {
        const [indent, content] = lines[i];
        if (content === '' || content === '\r') {
            if (header.indent === 0 && indent.length > trimIndent)
                trimIndent = indent.length;
        }
        else {
            if (indent.length < trimIndent) {
                const message = 'Block scalars with more-indented leading empty lines must use an explicit indentation indicator';
                onError(offset + indent.length, 'MISSING_CHAR', message);
            }
            if (header.indent === 0)
                trimIndent = indent.length;
            contentStart = i;
            if (trimIndent === 0 && !ctx.atRoot) {
                const message = 'Block scalar values in collections must be indented';
                onError(offset, 'BAD_INDENT', message);
            }
            break;
        }
        offset += indent.length + content.length + 1;
    }
    // include trailing more-indented empty lines in content
    for (let i = lines.length - 1; i >= chompStart; --i) {
        if (lines[i][0].length > trimIndent)
            chompStart = i + 1;
    }
    let value = '';
    let sep = '';
    let prevMoreIndented = false;
    // leading whitespace is kept intact
    for (let i = 0; i < contentStart; ++i)
        value += lines[i][0].slice(trimIndent) + '\n';
    for (let i = contentStart; i < chompStart; ++i) {
        let [indent, content] = lines[i];
        offset += indent.length + content.length + 1;
        const crlf = content[content.length - 1] === '\r';
        if (crlf)
            content = content.slice(0, -1);
        /* istanbul ignore if already caught in lexer */
        if (content && indent.length < trimIndent) {
            const src = header.indent
                ? 'explicit indentation indicator'
                : 'first line';
            const message = `Block scalar lines must not be less indented than their ${src}`;
            onError(offset - content.length - (crlf ? 2 : 1), 'BAD_INDENT', message);
            indent = '';
        }
        if (type === Scalar.Scalar.BLOCK_LITERAL) {
            value += sep + indent.slice(trimIndent) + content;
            sep = '\n';
        }
        else if (indent.length > trimIndent || content[0] === '\t') {
            // more-indented content within a folded block
            if (sep === ' ')
                sep = '\n';
            else if (!prevMoreIndented && sep === '\n')
                sep = '\n\n';
            value += sep + indent.slice(trimIndent) + content;
            sep = '\n';
            prevMoreIndented = true;
        }
        else if (content === '') {
            // empty line
            if (sep === '\n')
                value += '\n';
            else
                sep = '\n';
        }
        else {
            value += sep + content;
            sep = ' ';
            prevMoreIndented = false;
        }
    }
    switch (header.chomp) {
        case '-':
            break;
        case '+':
            for (let i = chompStart; i < lines.length; ++i)
                value += '\n' + lines[i][0].slice(trimIndent);
            if (value[value.length - 1] !== '\n')
                value += '\n';
            break;
        default:
            value += '\n';
    }
    const end = start + header.length + scalar.source.length;
    return { value, type, comment: header.comment, range: [start, end, end] };
}
function parseBlockScalarHeader({ offset, props }, strict, onError) {
    /* istanbul ignore if should not happen */
    if (props[0].type !== 'block-scalar-header') {
        onError(props[0], 'IMPOSSIBLE', 'Block scalar header not found');
        return null;
    }
    const { source } = props[0];
    const mode = source[0];
    let indent = 0;
    let chomp = '';
    let error = -1;
    for (let i = 1; i < source.length; ++i) {
        const ch = source[i];
        if (!chomp && (ch === '-' || ch === '+'))
            chomp = ch;
        else {
            const n = Number(ch);
            if (!indent && n)
                indent = n;
            else if (error === -1)
                error = offset + i;
        }
    }
    if (error !== -1)
        onError(error, 'UNEXPECTED_TOKEN', `Block scalar header includes extra characters: ${source}`);
    let hasSpace = false;
    let comment = '';
    let length = source.length;
    for (let i = 1; i < props.length; ++i) {
        const token = props[i];
        switch (token.type) {
            case 'space':
                hasSpace = true;
            // fallthrough
            case 'newline':
                length += token.source.length;
                break;
            case 'comment':
                if (strict && !hasSpace) {
                    const message = 'Comments must be separated from other tokens by white space characters';
                    onError(token, 'MISSING_CHAR', message);
                }
                length += token.source.length;
                comment = token.source.substring(1);
                break;
            case 'error':
                onError(token, 'UNEXPECTED_TOKEN', token.message);
                length += token.source.length;
                break;
            /* istanbul ignore next should not happen */
            default: {
                const message = `Unexpected token in block scalar header: ${token.type}`;
                onError(token, 'UNEXPECTED_TOKEN', message);
                const ts = token.source;
                if (ts && typeof ts === 'string')
                    length += ts.length;
            }
        }
    }
    return { mode, indent, chomp, comment, length };
}
/** @returns Array of lines split up as `[indent, content]` */
function splitLines(source) {
    const split = source.split(/\n( *)/);
    const first = split[0];
    const m = first.match(/^( *)/);
    const line0 = m?.[1]
        ? [m[1], first.slice(m[1].length)]
        : ['', first];
    const lines = [line0];
    for (let i = 1; i < split.length; i += 2)
        lines.push([split[i], split[i + 1]]);
    return lines;
}

exports.resolveBlockScalar = resolveBlockScalar;


/***/ }),

/***/ 334:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var YAMLSeq = __nccwpck_require__(2223);
var resolveProps = __nccwpck_require__(4631);
var utilFlowIndentCheck = __nccwpck_require__(4051);

function resolveBlockSeq({ composeNode, composeEmptyNode }, ctx, bs, onError, tag) {
    const NodeClass = tag?.nodeClass ?? YAMLSeq.YAMLSeq;
    const seq = new NodeClass(ctx.schema);
    if (ctx.atRoot)
        ctx.atRoot = false;
    if (ctx.atKey)
        ctx.atKey = false;
    let offset = bs.offset;
    let commentEnd = null;
    for (const { start, value } of bs.items) {
        const props = resolveProps.resolveProps(start, {
            indicator: 'seq-item-ind',
            next: value,
            offset,
            onError,
            parentIndent: bs.indent,
            startOnNewline: true
        });
        if (!props.found) {
            if (props.anchor || props.tag || value) {
                if (value?.type === 'block-seq')
                    onError(props.end, 'BAD_INDENT', 'All sequence items must start at the same column');
                else
                    onError(offset, 'MISSING_CHAR', 'Sequence item without - indicator');
            }
            else {
                commentEnd = props.end;
                if (props.comment)
                    seq.comment = props.comment;
                continue;
            }
        }
        const node = value
            ? composeNode(ctx, value, props, onError)
            : composeEmptyNode(ctx, props.end, start, null, props, onError);
        if (ctx.schema.compat)
            utilFlowIndentCheck.flowIndentCheck(bs.indent, value, onError);
        offset = node.range[2];
        seq.items.push(node);
    }
    seq.range = [bs.offset, offset, commentEnd ?? offset];
    return seq;
}

exports.resolveBlockSeq = resolveBlockSeq;


/***/ }),

/***/ 7788:
/***/ ((__unused_webpack_module, exports) => {



function resolveEnd(end, offset, reqSpace, onError) {
    let comment = '';
    if (end) {
        let hasSpace = false;
        let sep = '';
        for (const token of end) {
            const { source, type } = token;
            switch (type) {
                case 'space':
                    hasSpace = true;
                    break;
                case 'comment': {
                    if (reqSpace && !hasSpace)
                        onError(token, 'MISSING_CHAR', 'Comments must be separated from other tokens by white space characters');
                    const cb = source.substring(1) || ' ';
                    if (!comment)
                        comment = cb;
                    else
                        comment += sep + cb;
                    sep = '';
                    break;
                }
                case 'newline':
                    if (comment)
                        sep += source;
                    hasSpace = true;
                    break;
                default:
                    onError(token, 'UNEXPECTED_TOKEN', `Unexpected ${type} at node end`);
            }
            offset += source.length;
        }
    }
    return { comment, offset };
}

exports.resolveEnd = resolveEnd;


/***/ }),

/***/ 3142:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var YAMLMap = __nccwpck_require__(4454);
var YAMLSeq = __nccwpck_require__(2223);
var resolveEnd = __nccwpck_require__(7788);
var resolveProps = __nccwpck_require__(4631);
var utilContainsNewline = __nccwpck_require__(9499);
var utilMapIncludes = __nccwpck_require__(1187);

const blockMsg = 'Block collections are not allowed within flow collections';
const isBlock = (token) => token && (token.type === 'block-map' || token.type === 'block-seq');
function resolveFlowCollection({ composeNode, composeEmptyNode }, ctx, fc, onError, tag) {
    const isMap = fc.start.source === '{';
    const fcName = isMap ? 'flow map' : 'flow sequence';
    const NodeClass = (tag?.nodeClass ?? (isMap ? YAMLMap.YAMLMap : YAMLSeq.YAMLSeq));
    const coll = new NodeClass(ctx.schema);
    coll.flow = true;
    const atRoot = ctx.atRoot;
    if (atRoot)
        ctx.atRoot = false;
    if (ctx.atKey)
        ctx.atKey = false;
    let offset = fc.offset + fc.start.source.length;
    for (let i = 0; i < fc.items.length; ++i) {
        const collItem = fc.items[i];
        const { start, key, sep, value } = collItem;
        const props = resolveProps.resolveProps(start, {
            flow: fcName,
            indicator: 'explicit-key-ind',
            next: key ?? sep?.[0],
            offset,
            onError,
            parentIndent: fc.indent,
            startOnNewline: false
        });
        if (!props.found) {
            if (!props.anchor && !props.tag && !sep && !value) {
                if (i === 0 && props.comma)
                    onError(props.comma, 'UNEXPECTED_TOKEN', `Unexpected , in ${fcName}`);
                else if (i < fc.items.length - 1)
                    onError(props.start, 'UNEXPECTED_TOKEN', `Unexpected empty item in ${fcName}`);
                if (props.comment) {
                    if (coll.comment)
                        coll.comment += '\n' + props.comment;
                    else
                        coll.comment = props.comment;
                }
                offset = props.end;
                continue;
            }
            if (!isMap && ctx.options.strict && utilContainsNewline.containsNewline(key))
                onError(key, // checked by containsNewline()
                'MULTILINE_IMPLICIT_KEY', 'Implicit keys of flow sequence pairs need to be on a single line');
        }
        if (i === 0) {
            if (props.comma)
                onError(props.comma, 'UNEXPECTED_TOKEN', `Unexpected , in ${fcName}`);
        }
        else {
            if (!props.comma)
                onError(props.start, 'MISSING_CHAR', `Missing , between ${fcName} items`);
            if (props.comment) {
                let prevItemComment = '';
                loop: for (const st of start) {
                    switch (st.type) {
                        case 'comma':
                        case 'space':
                            break;
                        case 'comment':
                            prevItemComment = st.source.substring(1);
                            break loop;
                        default:
                            break loop;
                    }
                }
                if (prevItemComment) {
                    let prev = coll.items[coll.items.length - 1];
                    if (identity.isPair(prev))
                        prev = prev.value ?? prev.key;
                    if (prev.comment)
                        prev.comment += '\n' + prevItemComment;
                    else
                        prev.comment = prevItemComment;
                    props.comment = props.comment.substring(prevItemComment.length + 1);
                }
            }
        }
        if (!isMap && !sep && !props.found) {
            // item is a value in a seq
            // → key & sep are empty, start does not include ? or :
            const valueNode = value
                ? composeNode(ctx, value, props, onError)
                : composeEmptyNode(ctx, props.end, sep, null, props, onError);
            coll.items.push(valueNode);
            offset = valueNode.range[2];
            if (isBlock(value))
                onError(valueNode.range, 'BLOCK_IN_FLOW', blockMsg);
        }
        else {
            // item is a key+value pair
            // key value
            ctx.atKey = true;
            const keyStart = props.end;
            const keyNode = key
                ? composeNode(ctx, key, props, onError)
                : composeEmptyNode(ctx, keyStart, start, null, props, onError);
            if (isBlock(key))
                onError(keyNode.range, 'BLOCK_IN_FLOW', blockMsg);
            ctx.atKey = false;
            // value properties
            const valueProps = resolveProps.resolveProps(sep ?? [], {
                flow: fcName,
                indicator: 'map-value-ind',
                next: value,
                offset: keyNode.range[2],
                onError,
                parentIndent: fc.indent,
                startOnNewline: false
            });
            if (valueProps.found) {
                if (!isMap && !props.found && ctx.options.strict) {
                    if (sep)
                        for (const st of sep) {
                            if (st === valueProps.found)
                                break;
                            if (st.type === 'newline') {
                                onError(st, 'MULTILINE_IMPLICIT_KEY', 'Implicit keys of flow sequence pairs need to be on a single line');
                                break;
                            }
                        }
                    if (props.start < valueProps.found.offset - 1024)
                        onError(valueProps.found, 'KEY_OVER_1024_CHARS', 'The : indicator must be at most 1024 chars after the start of an implicit flow sequence key');
                }
            }
            else if (value) {
                if ('source' in value && value.source?.[0] === ':')
                    onError(value, 'MISSING_CHAR', `Missing space after : in ${fcName}`);
                else
                    onError(valueProps.start, 'MISSING_CHAR', `Missing , or : between ${fcName} items`);
            }
            // value value
            const valueNode = value
                ? composeNode(ctx, value, valueProps, onError)
                : valueProps.found
                    ? composeEmptyNode(ctx, valueProps.end, sep, null, valueProps, onError)
                    : null;
            if (valueNode) {
                if (isBlock(value))
                    onError(valueNode.range, 'BLOCK_IN_FLOW', blockMsg);
            }
            else if (valueProps.comment) {
                if (keyNode.comment)
                    keyNode.comment += '\n' + valueProps.comment;
                else
                    keyNode.comment = valueProps.comment;
            }
            const pair = new Pair.Pair(keyNode, valueNode);
            if (ctx.options.keepSourceTokens)
                pair.srcToken = collItem;
            if (isMap) {
                const map = coll;
                if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
                    onError(keyStart, 'DUPLICATE_KEY', 'Map keys must be unique');
                map.items.push(pair);
            }
            else {
                const map = new YAMLMap.YAMLMap(ctx.schema);
                map.flow = true;
                map.items.push(pair);
                const endRange = (valueNode ?? keyNode).range;
                map.range = [keyNode.range[0], endRange[1], endRange[2]];
                coll.items.push(map);
            }
            offset = valueNode ? valueNode.range[2] : valueProps.end;
        }
    }
    const expectedEnd = isMap ? '}' : ']';
    const [ce, ...ee] = fc.end;
    let cePos = offset;
    if (ce?.source === expectedEnd)
        cePos = ce.offset + ce.source.length;
    else {
        const name = fcName[0].toUpperCase() + fcName.substring(1);
        const msg = atRoot
            ? `${name} must end with a ${expectedEnd}`
            : `${name} in block collection must be sufficiently indented and end with a ${expectedEnd}`;
        onError(offset, atRoot ? 'MISSING_CHAR' : 'BAD_INDENT', msg);
        if (ce && ce.source.length !== 1)
            ee.unshift(ce);
    }
    if (ee.length > 0) {
        const end = resolveEnd.resolveEnd(ee, cePos, ctx.options.strict, onError);
        if (end.comment) {
            if (coll.comment)
                coll.comment += '\n' + end.comment;
            else
                coll.comment = end.comment;
        }
        coll.range = [fc.offset, cePos, end.offset];
    }
    else {
        coll.range = [fc.offset, cePos, cePos];
    }
    return coll;
}

exports.resolveFlowCollection = resolveFlowCollection;


/***/ }),

/***/ 6842:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);
var resolveEnd = __nccwpck_require__(7788);

function resolveFlowScalar(scalar, strict, onError) {
    const { offset, type, source, end } = scalar;
    let _type;
    let value;
    const _onError = (rel, code, msg) => onError(offset + rel, code, msg);
    switch (type) {
        case 'scalar':
            _type = Scalar.Scalar.PLAIN;
            value = plainValue(source, _onError);
            break;
        case 'single-quoted-scalar':
            _type = Scalar.Scalar.QUOTE_SINGLE;
            value = singleQuotedValue(source, _onError);
            break;
        case 'double-quoted-scalar':
            _type = Scalar.Scalar.QUOTE_DOUBLE;
            value = doubleQuotedValue(source, _onError);
            break;
        /* istanbul ignore next should not happen */
        default:
            onError(scalar, 'UNEXPECTED_TOKEN', `Expected a flow scalar value, but found: ${type}`);
            return {
                value: '',
                type: null,
                comment: '',
                range: [offset, offset + source.length, offset + source.length]
            };
    }
    const valueEnd = offset + source.length;
    const re = resolveEnd.resolveEnd(end, valueEnd, strict, onError);
    return {
        value,
        type: _type,
        comment: re.comment,
        range: [offset, valueEnd, re.offset]
    };
}
function plainValue(source, onError) {
    let badChar = '';
    switch (source[0]) {
        /* istanbul ignore next should not happen */
        case '\t':
            badChar = 'a tab character';
            break;
        case ',':
            badChar = 'flow indicator character ,';
            break;
        case '%':
            badChar = 'directive indicator character %';
            break;
        case '|':
        case '>': {
            badChar = `block scalar indicator ${source[0]}`;
            break;
        }
        case '@':
        case '`': {
            badChar = `reserved character ${source[0]}`;
            break;
        }
    }
    if (badChar)
        onError(0, 'BAD_SCALAR_START', `Plain value cannot start with ${badChar}`);
    return unfoldLines(source);
}
function singleQuotedValue(source, onError) {
    if (source[source.length - 1] !== "'" || source.length === 1)
        onError(source.length, 'MISSING_CHAR', "Missing closing 'quote");
    return unfoldLines(source.slice(1, -1)).replace(/''/g, "'");
}
function unfoldLines(source) {
    const line = /(.*?)\r?\n/sy;
    let match = line.exec(source);
    if (!match)
        return source;
    /**
     * The negative lookbehinds in these RegExps are to
     * prevent causing a polynomial search time in certain cases.
     *
     * The try-catch is for Safari < 16.4 and other old browsers:
     * https://caniuse.com/js-regexp-lookbehind
     */
    let trimEnd, trimBoth;
    try {
        trimEnd = new RegExp('(?<![ \t])[ \t]+$');
        trimBoth = new RegExp('^[ \t]+|(?<![ \t])[ \t]+$', 'g');
    }
    catch {
        trimEnd = /[ \t]+$/;
        trimBoth = /^[ \t]+|[ \t]+$/g;
    }
    let res = match[1].replace(trimEnd, '');
    let sep = ' ';
    let pos = line.lastIndex;
    while ((match = line.exec(source))) {
        const lm = match[1].replace(trimBoth, '');
        if (lm === '') {
            if (sep === '\n')
                res += sep;
            else
                sep = '\n';
        }
        else {
            res += sep + lm;
            sep = ' ';
        }
        pos = line.lastIndex;
    }
    const last = /[ \t]*(.*)/sy;
    last.lastIndex = pos;
    match = last.exec(source);
    return res + sep + (match?.[1] ?? '');
}
function doubleQuotedValue(source, onError) {
    let res = '';
    for (let i = 1; i < source.length - 1; ++i) {
        const ch = source[i];
        if (ch === '\r' && source[i + 1] === '\n')
            continue;
        if (ch === '\n') {
            const { fold, offset } = foldNewline(source, i);
            res += fold;
            i = offset;
        }
        else if (ch === '\\') {
            let next = source[++i];
            const cc = escapeCodes[next];
            if (cc)
                res += cc;
            else if (next === '\n') {
                // skip escaped newlines, but still trim the following line
                next = source[i + 1];
                while (next === ' ' || next === '\t')
                    next = source[++i + 1];
            }
            else if (next === '\r' && source[i + 1] === '\n') {
                // skip escaped CRLF newlines, but still trim the following line
                next = source[++i + 1];
                while (next === ' ' || next === '\t')
                    next = source[++i + 1];
            }
            else if (next === 'x' || next === 'u' || next === 'U') {
                const length = next === 'x' ? 2 : next === 'u' ? 4 : 8;
                res += parseCharCode(source, i + 1, length, onError);
                i += length;
            }
            else {
                const raw = source.substr(i - 1, 2);
                onError(i - 1, 'BAD_DQ_ESCAPE', `Invalid escape sequence ${raw}`);
                res += raw;
            }
        }
        else if (ch === ' ' || ch === '\t') {
            // trim trailing whitespace
            const wsStart = i;
            let next = source[i + 1];
            while (next === ' ' || next === '\t')
                next = source[++i + 1];
            if (next !== '\n' && !(next === '\r' && source[i + 2] === '\n'))
                res += i > wsStart ? source.slice(wsStart, i + 1) : ch;
        }
        else {
            res += ch;
        }
    }
    if (source[source.length - 1] !== '"' || source.length === 1)
        onError(source.length, 'MISSING_CHAR', 'Missing closing "quote');
    return res;
}
/**
 * Fold a single newline into a space, multiple newlines to N - 1 newlines.
 * Presumes `source[offset] === '\n'`
 */
function foldNewline(source, offset) {
    let fold = '';
    let ch = source[offset + 1];
    while (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
        if (ch === '\r' && source[offset + 2] !== '\n')
            break;
        if (ch === '\n')
            fold += '\n';
        offset += 1;
        ch = source[offset + 1];
    }
    if (!fold)
        fold = ' ';
    return { fold, offset };
}
const escapeCodes = {
    '0': '\0', // null character
    a: '\x07', // bell character
    b: '\b', // backspace
    e: '\x1b', // escape character
    f: '\f', // form feed
    n: '\n', // line feed
    r: '\r', // carriage return
    t: '\t', // horizontal tab
    v: '\v', // vertical tab
    N: '\u0085', // Unicode next line
    _: '\u00a0', // Unicode non-breaking space
    L: '\u2028', // Unicode line separator
    P: '\u2029', // Unicode paragraph separator
    ' ': ' ',
    '"': '"',
    '/': '/',
    '\\': '\\',
    '\t': '\t'
};
function parseCharCode(source, offset, length, onError) {
    const cc = source.substr(offset, length);
    const ok = cc.length === length && /^[0-9a-fA-F]+$/.test(cc);
    const code = ok ? parseInt(cc, 16) : NaN;
    try {
        return String.fromCodePoint(code);
    }
    catch {
        const raw = source.substr(offset - 2, length + 2);
        onError(offset - 2, 'BAD_DQ_ESCAPE', `Invalid escape sequence ${raw}`);
        return raw;
    }
}

exports.resolveFlowScalar = resolveFlowScalar;


/***/ }),

/***/ 4631:
/***/ ((__unused_webpack_module, exports) => {



function resolveProps(tokens, { flow, indicator, next, offset, onError, parentIndent, startOnNewline }) {
    let spaceBefore = false;
    let atNewline = startOnNewline;
    let hasSpace = startOnNewline;
    let comment = '';
    let commentSep = '';
    let hasNewline = false;
    let reqSpace = false;
    let tab = null;
    let anchor = null;
    let tag = null;
    let newlineAfterProp = null;
    let comma = null;
    let found = null;
    let start = null;
    for (const token of tokens) {
        if (reqSpace) {
            if (token.type !== 'space' &&
                token.type !== 'newline' &&
                token.type !== 'comma')
                onError(token.offset, 'MISSING_CHAR', 'Tags and anchors must be separated from the next token by white space');
            reqSpace = false;
        }
        if (tab) {
            if (atNewline && token.type !== 'comment' && token.type !== 'newline') {
                onError(tab, 'TAB_AS_INDENT', 'Tabs are not allowed as indentation');
            }
            tab = null;
        }
        switch (token.type) {
            case 'space':
                // At the doc level, tabs at line start may be parsed
                // as leading white space rather than indentation.
                // In a flow collection, only the parser handles indent.
                if (!flow &&
                    (indicator !== 'doc-start' || next?.type !== 'flow-collection') &&
                    token.source.includes('\t')) {
                    tab = token;
                }
                hasSpace = true;
                break;
            case 'comment': {
                if (!hasSpace)
                    onError(token, 'MISSING_CHAR', 'Comments must be separated from other tokens by white space characters');
                const cb = token.source.substring(1) || ' ';
                if (!comment)
                    comment = cb;
                else
                    comment += commentSep + cb;
                commentSep = '';
                atNewline = false;
                break;
            }
            case 'newline':
                if (atNewline) {
                    if (comment)
                        comment += token.source;
                    else if (!found || indicator !== 'seq-item-ind')
                        spaceBefore = true;
                }
                else
                    commentSep += token.source;
                atNewline = true;
                hasNewline = true;
                if (anchor || tag)
                    newlineAfterProp = token;
                hasSpace = true;
                break;
            case 'anchor':
                if (anchor)
                    onError(token, 'MULTIPLE_ANCHORS', 'A node can have at most one anchor');
                if (token.source.endsWith(':'))
                    onError(token.offset + token.source.length - 1, 'BAD_ALIAS', 'Anchor ending in : is ambiguous', true);
                anchor = token;
                start ?? (start = token.offset);
                atNewline = false;
                hasSpace = false;
                reqSpace = true;
                break;
            case 'tag': {
                if (tag)
                    onError(token, 'MULTIPLE_TAGS', 'A node can have at most one tag');
                tag = token;
                start ?? (start = token.offset);
                atNewline = false;
                hasSpace = false;
                reqSpace = true;
                break;
            }
            case indicator:
                // Could here handle preceding comments differently
                if (anchor || tag)
                    onError(token, 'BAD_PROP_ORDER', `Anchors and tags must be after the ${token.source} indicator`);
                if (found)
                    onError(token, 'UNEXPECTED_TOKEN', `Unexpected ${token.source} in ${flow ?? 'collection'}`);
                found = token;
                atNewline =
                    indicator === 'seq-item-ind' || indicator === 'explicit-key-ind';
                hasSpace = false;
                break;
            case 'comma':
                if (flow) {
                    if (comma)
                        onError(token, 'UNEXPECTED_TOKEN', `Unexpected , in ${flow}`);
                    comma = token;
                    atNewline = false;
                    hasSpace = false;
                    break;
                }
            // else fallthrough
            default:
                onError(token, 'UNEXPECTED_TOKEN', `Unexpected ${token.type} token`);
                atNewline = false;
                hasSpace = false;
        }
    }
    const last = tokens[tokens.length - 1];
    const end = last ? last.offset + last.source.length : offset;
    if (reqSpace &&
        next &&
        next.type !== 'space' &&
        next.type !== 'newline' &&
        next.type !== 'comma' &&
        (next.type !== 'scalar' || next.source !== '')) {
        onError(next.offset, 'MISSING_CHAR', 'Tags and anchors must be separated from the next token by white space');
    }
    if (tab &&
        ((atNewline && tab.indent <= parentIndent) ||
            next?.type === 'block-map' ||
            next?.type === 'block-seq'))
        onError(tab, 'TAB_AS_INDENT', 'Tabs are not allowed as indentation');
    return {
        comma,
        found,
        spaceBefore,
        comment,
        hasNewline,
        anchor,
        tag,
        newlineAfterProp,
        end,
        start: start ?? end
    };
}

exports.resolveProps = resolveProps;


/***/ }),

/***/ 9499:
/***/ ((__unused_webpack_module, exports) => {



function containsNewline(key) {
    if (!key)
        return null;
    switch (key.type) {
        case 'alias':
        case 'scalar':
        case 'double-quoted-scalar':
        case 'single-quoted-scalar':
            if (key.source.includes('\n'))
                return true;
            if (key.end)
                for (const st of key.end)
                    if (st.type === 'newline')
                        return true;
            return false;
        case 'flow-collection':
            for (const it of key.items) {
                for (const st of it.start)
                    if (st.type === 'newline')
                        return true;
                if (it.sep)
                    for (const st of it.sep)
                        if (st.type === 'newline')
                            return true;
                if (containsNewline(it.key) || containsNewline(it.value))
                    return true;
            }
            return false;
        default:
            return true;
    }
}

exports.containsNewline = containsNewline;


/***/ }),

/***/ 2599:
/***/ ((__unused_webpack_module, exports) => {



function emptyScalarPosition(offset, before, pos) {
    if (before) {
        pos ?? (pos = before.length);
        for (let i = pos - 1; i >= 0; --i) {
            let st = before[i];
            switch (st.type) {
                case 'space':
                case 'comment':
                case 'newline':
                    offset -= st.source.length;
                    continue;
            }
            // Technically, an empty scalar is immediately after the last non-empty
            // node, but it's more useful to place it after any whitespace.
            st = before[++i];
            while (st?.type === 'space') {
                offset += st.source.length;
                st = before[++i];
            }
            break;
        }
    }
    return offset;
}

exports.emptyScalarPosition = emptyScalarPosition;


/***/ }),

/***/ 4051:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var utilContainsNewline = __nccwpck_require__(9499);

function flowIndentCheck(indent, fc, onError) {
    if (fc?.type === 'flow-collection') {
        const end = fc.end[0];
        if (end.indent === indent &&
            (end.source === ']' || end.source === '}') &&
            utilContainsNewline.containsNewline(fc)) {
            const msg = 'Flow end indicator should be more indented than parent';
            onError(end, 'BAD_INDENT', msg, true);
        }
    }
}

exports.flowIndentCheck = flowIndentCheck;


/***/ }),

/***/ 1187:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);

function mapIncludes(ctx, items, search) {
    const { uniqueKeys } = ctx.options;
    if (uniqueKeys === false)
        return false;
    const isEqual = typeof uniqueKeys === 'function'
        ? uniqueKeys
        : (a, b) => a === b || (identity.isScalar(a) && identity.isScalar(b) && a.value === b.value);
    return items.some(pair => isEqual(pair.key, search));
}

exports.mapIncludes = mapIncludes;


/***/ }),

/***/ 3021:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Alias = __nccwpck_require__(4065);
var Collection = __nccwpck_require__(101);
var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var toJS = __nccwpck_require__(4043);
var Schema = __nccwpck_require__(5840);
var stringifyDocument = __nccwpck_require__(6829);
var anchors = __nccwpck_require__(1596);
var applyReviver = __nccwpck_require__(3661);
var createNode = __nccwpck_require__(2404);
var directives = __nccwpck_require__(1342);

class Document {
    constructor(value, replacer, options) {
        /** A comment before this Document */
        this.commentBefore = null;
        /** A comment immediately after this Document */
        this.comment = null;
        /** Errors encountered during parsing. */
        this.errors = [];
        /** Warnings encountered during parsing. */
        this.warnings = [];
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.DOC });
        let _replacer = null;
        if (typeof replacer === 'function' || Array.isArray(replacer)) {
            _replacer = replacer;
        }
        else if (options === undefined && replacer) {
            options = replacer;
            replacer = undefined;
        }
        const opt = Object.assign({
            intAsBigInt: false,
            keepSourceTokens: false,
            logLevel: 'warn',
            prettyErrors: true,
            strict: true,
            stringKeys: false,
            uniqueKeys: true,
            version: '1.2'
        }, options);
        this.options = opt;
        let { version } = opt;
        if (options?._directives) {
            this.directives = options._directives.atDocument();
            if (this.directives.yaml.explicit)
                version = this.directives.yaml.version;
        }
        else
            this.directives = new directives.Directives({ version });
        this.setSchema(version, options);
        // @ts-expect-error We can't really know that this matches Contents.
        this.contents =
            value === undefined ? null : this.createNode(value, _replacer, options);
    }
    /**
     * Create a deep copy of this Document and its contents.
     *
     * Custom Node values that inherit from `Object` still refer to their original instances.
     */
    clone() {
        const copy = Object.create(Document.prototype, {
            [identity.NODE_TYPE]: { value: identity.DOC }
        });
        copy.commentBefore = this.commentBefore;
        copy.comment = this.comment;
        copy.errors = this.errors.slice();
        copy.warnings = this.warnings.slice();
        copy.options = Object.assign({}, this.options);
        if (this.directives)
            copy.directives = this.directives.clone();
        copy.schema = this.schema.clone();
        // @ts-expect-error We can't really know that this matches Contents.
        copy.contents = identity.isNode(this.contents)
            ? this.contents.clone(copy.schema)
            : this.contents;
        if (this.range)
            copy.range = this.range.slice();
        return copy;
    }
    /** Adds a value to the document. */
    add(value) {
        if (assertCollection(this.contents))
            this.contents.add(value);
    }
    /** Adds a value to the document. */
    addIn(path, value) {
        if (assertCollection(this.contents))
            this.contents.addIn(path, value);
    }
    /**
     * Create a new `Alias` node, ensuring that the target `node` has the required anchor.
     *
     * If `node` already has an anchor, `name` is ignored.
     * Otherwise, the `node.anchor` value will be set to `name`,
     * or if an anchor with that name is already present in the document,
     * `name` will be used as a prefix for a new unique anchor.
     * If `name` is undefined, the generated anchor will use 'a' as a prefix.
     */
    createAlias(node, name) {
        if (!node.anchor) {
            const prev = anchors.anchorNames(this);
            node.anchor =
                // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
                !name || prev.has(name) ? anchors.findNewAnchor(name || 'a', prev) : name;
        }
        return new Alias.Alias(node.anchor);
    }
    createNode(value, replacer, options) {
        let _replacer = undefined;
        if (typeof replacer === 'function') {
            value = replacer.call({ '': value }, '', value);
            _replacer = replacer;
        }
        else if (Array.isArray(replacer)) {
            const keyToStr = (v) => typeof v === 'number' || v instanceof String || v instanceof Number;
            const asStr = replacer.filter(keyToStr).map(String);
            if (asStr.length > 0)
                replacer = replacer.concat(asStr);
            _replacer = replacer;
        }
        else if (options === undefined && replacer) {
            options = replacer;
            replacer = undefined;
        }
        const { aliasDuplicateObjects, anchorPrefix, flow, keepUndefined, onTagObj, tag } = options ?? {};
        const { onAnchor, setAnchors, sourceObjects } = anchors.createNodeAnchors(this, 
        // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
        anchorPrefix || 'a');
        const ctx = {
            aliasDuplicateObjects: aliasDuplicateObjects ?? true,
            keepUndefined: keepUndefined ?? false,
            onAnchor,
            onTagObj,
            replacer: _replacer,
            schema: this.schema,
            sourceObjects
        };
        const node = createNode.createNode(value, tag, ctx);
        if (flow && identity.isCollection(node))
            node.flow = true;
        setAnchors();
        return node;
    }
    /**
     * Convert a key and a value into a `Pair` using the current schema,
     * recursively wrapping all values as `Scalar` or `Collection` nodes.
     */
    createPair(key, value, options = {}) {
        const k = this.createNode(key, null, options);
        const v = this.createNode(value, null, options);
        return new Pair.Pair(k, v);
    }
    /**
     * Removes a value from the document.
     * @returns `true` if the item was found and removed.
     */
    delete(key) {
        return assertCollection(this.contents) ? this.contents.delete(key) : false;
    }
    /**
     * Removes a value from the document.
     * @returns `true` if the item was found and removed.
     */
    deleteIn(path) {
        if (Collection.isEmptyPath(path)) {
            if (this.contents == null)
                return false;
            // @ts-expect-error Presumed impossible if Strict extends false
            this.contents = null;
            return true;
        }
        return assertCollection(this.contents)
            ? this.contents.deleteIn(path)
            : false;
    }
    /**
     * Returns item at `key`, or `undefined` if not found. By default unwraps
     * scalar values from their surrounding node; to disable set `keepScalar` to
     * `true` (collections are always returned intact).
     */
    get(key, keepScalar) {
        return identity.isCollection(this.contents)
            ? this.contents.get(key, keepScalar)
            : undefined;
    }
    /**
     * Returns item at `path`, or `undefined` if not found. By default unwraps
     * scalar values from their surrounding node; to disable set `keepScalar` to
     * `true` (collections are always returned intact).
     */
    getIn(path, keepScalar) {
        if (Collection.isEmptyPath(path))
            return !keepScalar && identity.isScalar(this.contents)
                ? this.contents.value
                : this.contents;
        return identity.isCollection(this.contents)
            ? this.contents.getIn(path, keepScalar)
            : undefined;
    }
    /**
     * Checks if the document includes a value with the key `key`.
     */
    has(key) {
        return identity.isCollection(this.contents) ? this.contents.has(key) : false;
    }
    /**
     * Checks if the document includes a value at `path`.
     */
    hasIn(path) {
        if (Collection.isEmptyPath(path))
            return this.contents !== undefined;
        return identity.isCollection(this.contents) ? this.contents.hasIn(path) : false;
    }
    /**
     * Sets a value in this document. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     */
    set(key, value) {
        if (this.contents == null) {
            // @ts-expect-error We can't really know that this matches Contents.
            this.contents = Collection.collectionFromPath(this.schema, [key], value);
        }
        else if (assertCollection(this.contents)) {
            this.contents.set(key, value);
        }
    }
    /**
     * Sets a value in this document. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     */
    setIn(path, value) {
        if (Collection.isEmptyPath(path)) {
            // @ts-expect-error We can't really know that this matches Contents.
            this.contents = value;
        }
        else if (this.contents == null) {
            // @ts-expect-error We can't really know that this matches Contents.
            this.contents = Collection.collectionFromPath(this.schema, Array.from(path), value);
        }
        else if (assertCollection(this.contents)) {
            this.contents.setIn(path, value);
        }
    }
    /**
     * Change the YAML version and schema used by the document.
     * A `null` version disables support for directives, explicit tags, anchors, and aliases.
     * It also requires the `schema` option to be given as a `Schema` instance value.
     *
     * Overrides all previously set schema options.
     */
    setSchema(version, options = {}) {
        if (typeof version === 'number')
            version = String(version);
        let opt;
        switch (version) {
            case '1.1':
                if (this.directives)
                    this.directives.yaml.version = '1.1';
                else
                    this.directives = new directives.Directives({ version: '1.1' });
                opt = { resolveKnownTags: false, schema: 'yaml-1.1' };
                break;
            case '1.2':
            case 'next':
                if (this.directives)
                    this.directives.yaml.version = version;
                else
                    this.directives = new directives.Directives({ version });
                opt = { resolveKnownTags: true, schema: 'core' };
                break;
            case null:
                if (this.directives)
                    delete this.directives;
                opt = null;
                break;
            default: {
                const sv = JSON.stringify(version);
                throw new Error(`Expected '1.1', '1.2' or null as first argument, but found: ${sv}`);
            }
        }
        // Not using `instanceof Schema` to allow for duck typing
        if (options.schema instanceof Object)
            this.schema = options.schema;
        else if (opt)
            this.schema = new Schema.Schema(Object.assign(opt, options));
        else
            throw new Error(`With a null YAML version, the { schema: Schema } option is required`);
    }
    // json & jsonArg are only used from toJSON()
    toJS({ json, jsonArg, mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        const ctx = {
            anchors: new Map(),
            doc: this,
            keep: !json,
            mapAsMap: mapAsMap === true,
            mapKeyWarned: false,
            maxAliasCount: typeof maxAliasCount === 'number' ? maxAliasCount : 100
        };
        const res = toJS.toJS(this.contents, jsonArg ?? '', ctx);
        if (typeof onAnchor === 'function')
            for (const { count, res } of ctx.anchors.values())
                onAnchor(res, count);
        return typeof reviver === 'function'
            ? applyReviver.applyReviver(reviver, { '': res }, '', res)
            : res;
    }
    /**
     * A JSON representation of the document `contents`.
     *
     * @param jsonArg Used by `JSON.stringify` to indicate the array index or
     *   property name.
     */
    toJSON(jsonArg, onAnchor) {
        return this.toJS({ json: true, jsonArg, mapAsMap: false, onAnchor });
    }
    /** A YAML representation of the document. */
    toString(options = {}) {
        if (this.errors.length > 0)
            throw new Error('Document with errors cannot be stringified');
        if ('indent' in options &&
            (!Number.isInteger(options.indent) || Number(options.indent) <= 0)) {
            const s = JSON.stringify(options.indent);
            throw new Error(`"indent" option must be a positive integer, not ${s}`);
        }
        return stringifyDocument.stringifyDocument(this, options);
    }
}
function assertCollection(contents) {
    if (identity.isCollection(contents))
        return true;
    throw new Error('Expected a YAML collection as document contents');
}

exports.Document = Document;


/***/ }),

/***/ 1596:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var visit = __nccwpck_require__(204);

/**
 * Verify that the input string is a valid anchor.
 *
 * Will throw on errors.
 */
function anchorIsValid(anchor) {
    if (/[\x00-\x19\s,[\]{}]/.test(anchor)) {
        const sa = JSON.stringify(anchor);
        const msg = `Anchor must not contain whitespace or control characters: ${sa}`;
        throw new Error(msg);
    }
    return true;
}
function anchorNames(root) {
    const anchors = new Set();
    visit.visit(root, {
        Value(_key, node) {
            if (node.anchor)
                anchors.add(node.anchor);
        }
    });
    return anchors;
}
/** Find a new anchor name with the given `prefix` and a one-indexed suffix. */
function findNewAnchor(prefix, exclude) {
    for (let i = 1; true; ++i) {
        const name = `${prefix}${i}`;
        if (!exclude.has(name))
            return name;
    }
}
function createNodeAnchors(doc, prefix) {
    const aliasObjects = [];
    const sourceObjects = new Map();
    let prevAnchors = null;
    return {
        onAnchor: (source) => {
            aliasObjects.push(source);
            prevAnchors ?? (prevAnchors = anchorNames(doc));
            const anchor = findNewAnchor(prefix, prevAnchors);
            prevAnchors.add(anchor);
            return anchor;
        },
        /**
         * With circular references, the source node is only resolved after all
         * of its child nodes are. This is why anchors are set only after all of
         * the nodes have been created.
         */
        setAnchors: () => {
            for (const source of aliasObjects) {
                const ref = sourceObjects.get(source);
                if (typeof ref === 'object' &&
                    ref.anchor &&
                    (identity.isScalar(ref.node) || identity.isCollection(ref.node))) {
                    ref.node.anchor = ref.anchor;
                }
                else {
                    const error = new Error('Failed to resolve repeated object (this should not happen)');
                    error.source = source;
                    throw error;
                }
            }
        },
        sourceObjects
    };
}

exports.anchorIsValid = anchorIsValid;
exports.anchorNames = anchorNames;
exports.createNodeAnchors = createNodeAnchors;
exports.findNewAnchor = findNewAnchor;


/***/ }),

/***/ 3661:
/***/ ((__unused_webpack_module, exports) => {



/**
 * Applies the JSON.parse reviver algorithm as defined in the ECMA-262 spec,
 * in section 24.5.1.1 "Runtime Semantics: InternalizeJSONProperty" of the
 * 2021 edition: https://tc39.es/ecma262/#sec-json.parse
 *
 * Includes extensions for handling Map and Set objects.
 */
function applyReviver(reviver, obj, key, val) {
    if (val && typeof val === 'object') {
        if (Array.isArray(val)) {
            for (let i = 0, len = val.length; i < len; ++i) {
                const v0 = val[i];
                const v1 = applyReviver(reviver, val, String(i), v0);
                // eslint-disable-next-line @typescript-eslint/no-array-delete
                if (v1 === undefined)
                    delete val[i];
                else if (v1 !== v0)
                    val[i] = v1;
            }
        }
        else if (val instanceof Map) {
            for (const k of Array.from(val.keys())) {
                const v0 = val.get(k);
                const v1 = applyReviver(reviver, val, k, v0);
                if (v1 === undefined)
                    val.delete(k);
                else if (v1 !== v0)
                    val.set(k, v1);
            }
        }
        else if (val instanceof Set) {
            for (const v0 of Array.from(val)) {
                const v1 = applyReviver(reviver, val, v0, v0);
                if (v1 === undefined)
                    val.delete(v0);
                else if (v1 !== v0) {
                    val.delete(v0);
                    val.add(v1);
                }
            }
        }
        else {
            for (const [k, v0] of Object.entries(val)) {
                const v1 = applyReviver(reviver, val, k, v0);
                if (v1 === undefined)
                    delete val[k];
                else if (v1 !== v0)
                    val[k] = v1;
            }
        }
    }
    return reviver.call(obj, key, val);
}

exports.applyReviver = applyReviver;


/***/ }),

/***/ 2404:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Alias = __nccwpck_require__(4065);
var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);

const defaultTagPrefix = 'tag:yaml.org,2002:';
function findTagObject(value, tagName, tags) {
    if (tagName) {
        const match = tags.filter(t => t.tag === tagName);
        const tagObj = match.find(t => !t.format) ?? match[0];
        if (!tagObj)
            throw new Error(`Tag ${tagName} not found`);
        return tagObj;
    }
    return tags.find(t => t.identify?.(value) && !t.format);
}
function createNode(value, tagName, ctx) {
    if (identity.isDocument(value))
        value = value.contents;
    if (identity.isNode(value))
        return value;
    if (identity.isPair(value)) {
        const map = ctx.schema[identity.MAP].createNode?.(ctx.schema, null, ctx);
        map.items.push(value);
        return map;
    }
    if (value instanceof String ||
        value instanceof Number ||
        value instanceof Boolean ||
        (typeof BigInt !== 'undefined' && value instanceof BigInt) // not supported everywhere
    ) {
        // https://tc39.es/ecma262/#sec-serializejsonproperty
        value = value.valueOf();
    }
    const { aliasDuplicateObjects, onAnchor, onTagObj, schema, sourceObjects } = ctx;
    // Detect duplicate references to the same object & use Alias nodes for all
    // after first. The `ref` wrapper allows for circular references to resolve.
    let ref = undefined;
    if (aliasDuplicateObjects && value && typeof value === 'object') {
        ref = sourceObjects.get(value);
        if (ref) {
            ref.anchor ?? (ref.anchor = onAnchor(value));
            return new Alias.Alias(ref.anchor);
        }
        else {
            ref = { anchor: null, node: null };
            sourceObjects.set(value, ref);
        }
    }
    if (tagName?.startsWith('!!'))
        tagName = defaultTagPrefix + tagName.slice(2);
    let tagObj = findTagObject(value, tagName, schema.tags);
    if (!tagObj) {
        if (value && typeof value.toJSON === 'function') {
            // eslint-disable-next-line @typescript-eslint/no-unsafe-call
            value = value.toJSON();
        }
        if (!value || typeof value !== 'object') {
            const node = new Scalar.Scalar(value);
            if (ref)
                ref.node = node;
            return node;
        }
        tagObj =
            value instanceof Map
                ? schema[identity.MAP]
                : Symbol.iterator in Object(value)
                    ? schema[identity.SEQ]
                    : schema[identity.MAP];
    }
    if (onTagObj) {
        onTagObj(tagObj);
        delete ctx.onTagObj;
    }
    const node = tagObj?.createNode
        ? tagObj.createNode(ctx.schema, value, ctx)
        : typeof tagObj?.nodeClass?.from === 'function'
            ? tagObj.nodeClass.from(ctx.schema, value, ctx)
            : new Scalar.Scalar(value);
    if (tagName)
        node.tag = tagName;
    else if (!tagObj.default)
        node.tag = tagObj.tag;
    if (ref)
        ref.node = node;
    return node;
}

exports.createNode = createNode;


/***/ }),

/***/ 1342:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var visit = __nccwpck_require__(204);

const escapeChars = {
    '!': '%21',
    ',': '%2C',
    '[': '%5B',
    ']': '%5D',
    '{': '%7B',
    '}': '%7D'
};
const escapeTagName = (tn) => tn.replace(/[!,[\]{}]/g, ch => escapeChars[ch]);
class Directives {
    constructor(yaml, tags) {
        /**
         * The directives-end/doc-start marker `---`. If `null`, a marker may still be
         * included in the document's stringified representation.
         */
        this.docStart = null;
        /** The doc-end marker `...`.  */
        this.docEnd = false;
        this.yaml = Object.assign({}, Directives.defaultYaml, yaml);
        this.tags = Object.assign({}, Directives.defaultTags, tags);
    }
    clone() {
        const copy = new Directives(this.yaml, this.tags);
        copy.docStart = this.docStart;
        return copy;
    }
    /**
     * During parsing, get a Directives instance for the current document and
     * update the stream state according to the current version's spec.
     */
    atDocument() {
        const res = new Directives(this.yaml, this.tags);
        switch (this.yaml.version) {
            case '1.1':
                this.atNextDocument = true;
                break;
            case '1.2':
                this.atNextDocument = false;
                this.yaml = {
                    explicit: Directives.defaultYaml.explicit,
                    version: '1.2'
                };
                this.tags = Object.assign({}, Directives.defaultTags);
                break;
        }
        return res;
    }
    /**
     * @param onError - May be called even if the action was successful
     * @returns `true` on success
     */
    add(line, onError) {
        if (this.atNextDocument) {
            this.yaml = { explicit: Directives.defaultYaml.explicit, version: '1.1' };
            this.tags = Object.assign({}, Directives.defaultTags);
            this.atNextDocument = false;
        }
        const parts = line.trim().split(/[ \t]+/);
        const name = parts.shift();
        switch (name) {
            case '%TAG': {
                if (parts.length !== 2) {
                    onError(0, '%TAG directive should contain exactly two parts');
                    if (parts.length < 2)
                        return false;
                }
                const [handle, prefix] = parts;
                this.tags[handle] = prefix;
                return true;
            }
            case '%YAML': {
                this.yaml.explicit = true;
                if (parts.length !== 1) {
                    onError(0, '%YAML directive should contain exactly one part');
                    return false;
                }
                const [version] = parts;
                if (version === '1.1' || version === '1.2') {
                    this.yaml.version = version;
                    return true;
                }
                else {
                    const isValid = /^\d+\.\d+$/.test(version);
                    onError(6, `Unsupported YAML version ${version}`, isValid);
                    return false;
                }
            }
            default:
                onError(0, `Unknown directive ${name}`, true);
                return false;
        }
    }
    /**
     * Resolves a tag, matching handles to those defined in %TAG directives.
     *
     * @returns Resolved tag, which may also be the non-specific tag `'!'` or a
     *   `'!local'` tag, or `null` if unresolvable.
     */
    tagName(source, onError) {
        if (source === '!')
            return '!'; // non-specific tag
        if (source[0] !== '!') {
            onError(`Not a valid tag: ${source}`);
            return null;
        }
        if (source[1] === '<') {
            const verbatim = source.slice(2, -1);
            if (verbatim === '!' || verbatim === '!!') {
                onError(`Verbatim tags aren't resolved, so ${source} is invalid.`);
                return null;
            }
            if (source[source.length - 1] !== '>')
                onError('Verbatim tags must end with a >');
            return verbatim;
        }
        const [, handle, suffix] = source.match(/^(.*!)([^!]*)$/s);
        if (!suffix)
            onError(`The ${source} tag has no suffix`);
        const prefix = this.tags[handle];
        if (prefix) {
            try {
                return prefix + decodeURIComponent(suffix);
            }
            catch (error) {
                onError(String(error));
                return null;
            }
        }
        if (handle === '!')
            return source; // local tag
        onError(`Could not resolve tag: ${source}`);
        return null;
    }
    /**
     * Given a fully resolved tag, returns its printable string form,
     * taking into account current tag prefixes and defaults.
     */
    tagString(tag) {
        for (const [handle, prefix] of Object.entries(this.tags)) {
            if (tag.startsWith(prefix))
                return handle + escapeTagName(tag.substring(prefix.length));
        }
        return tag[0] === '!' ? tag : `!<${tag}>`;
    }
    toString(doc) {
        const lines = this.yaml.explicit
            ? [`%YAML ${this.yaml.version || '1.2'}`]
            : [];
        const tagEntries = Object.entries(this.tags);
        let tagNames;
        if (doc && tagEntries.length > 0 && identity.isNode(doc.contents)) {
            const tags = {};
            visit.visit(doc.contents, (_key, node) => {
                if (identity.isNode(node) && node.tag)
                    tags[node.tag] = true;
            });
            tagNames = Object.keys(tags);
        }
        else
            tagNames = [];
        for (const [handle, prefix] of tagEntries) {
            if (handle === '!!' && prefix === 'tag:yaml.org,2002:')
                continue;
            if (!doc || tagNames.some(tn => tn.startsWith(prefix)))
                lines.push(`%TAG ${handle} ${prefix}`);
        }
        return lines.join('\n');
    }
}
Directives.defaultYaml = { explicit: false, version: '1.2' };
Directives.defaultTags = { '!!': 'tag:yaml.org,2002:' };

exports.Directives = Directives;


/***/ }),

/***/ 1464:
/***/ ((__unused_webpack_module, exports) => {



class YAMLError extends Error {
    constructor(name, pos, code, message) {
        super();
        this.name = name;
        this.code = code;
        this.message = message;
        this.pos = pos;
    }
}
class YAMLParseError extends YAMLError {
    constructor(pos, code, message) {
        super('YAMLParseError', pos, code, message);
    }
}
class YAMLWarning extends YAMLError {
    constructor(pos, code, message) {
        super('YAMLWarning', pos, code, message);
    }
}
const prettifyError = (src, lc) => (error) => {
    if (error.pos[0] === -1)
        return;
    error.linePos = error.pos.map(pos => lc.linePos(pos));
    const { line, col } = error.linePos[0];
    error.message += ` at line ${line}, column ${col}`;
    let ci = col - 1;
    let lineStr = src
        .substring(lc.lineStarts[line - 1], lc.lineStarts[line])
        .replace(/[\n\r]+$/, '');
    // Trim to max 80 chars, keeping col position near the middle
    if (ci >= 60 && lineStr.length > 80) {
        const trimStart = Math.min(ci - 39, lineStr.length - 79);
        lineStr = '…' + lineStr.substring(trimStart);
        ci -= trimStart - 1;
    }
    if (lineStr.length > 80)
        lineStr = lineStr.substring(0, 79) + '…';
    // Include previous line in context if pointing at line start
    if (line > 1 && /^ *$/.test(lineStr.substring(0, ci))) {
        // Regexp won't match if start is trimmed
        let prev = src.substring(lc.lineStarts[line - 2], lc.lineStarts[line - 1]);
        if (prev.length > 80)
            prev = prev.substring(0, 79) + '…\n';
        lineStr = prev + lineStr;
    }
    if (/[^ ]/.test(lineStr)) {
        let count = 1;
        const end = error.linePos[1];
        if (end?.line === line && end.col > col) {
            count = Math.max(1, Math.min(end.col - col, 80 - ci));
        }
        const pointer = ' '.repeat(ci) + '^'.repeat(count);
        error.message += `:\n\n${lineStr}\n${pointer}\n`;
    }
};

exports.YAMLError = YAMLError;
exports.YAMLParseError = YAMLParseError;
exports.YAMLWarning = YAMLWarning;
exports.prettifyError = prettifyError;


/***/ }),

/***/ 8815:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

var __webpack_unused_export__;


var composer = __nccwpck_require__(9984);
var Document = __nccwpck_require__(3021);
var Schema = __nccwpck_require__(5840);
var errors = __nccwpck_require__(1464);
var Alias = __nccwpck_require__(4065);
var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var Scalar = __nccwpck_require__(3301);
var YAMLMap = __nccwpck_require__(4454);
var YAMLSeq = __nccwpck_require__(2223);
var cst = __nccwpck_require__(3461);
var lexer = __nccwpck_require__(361);
var lineCounter = __nccwpck_require__(6628);
var parser = __nccwpck_require__(3456);
var publicApi = __nccwpck_require__(4047);
var visit = __nccwpck_require__(204);



__webpack_unused_export__ = composer.Composer;
__webpack_unused_export__ = Document.Document;
__webpack_unused_export__ = Schema.Schema;
__webpack_unused_export__ = errors.YAMLError;
__webpack_unused_export__ = errors.YAMLParseError;
__webpack_unused_export__ = errors.YAMLWarning;
__webpack_unused_export__ = Alias.Alias;
__webpack_unused_export__ = identity.isAlias;
__webpack_unused_export__ = identity.isCollection;
__webpack_unused_export__ = identity.isDocument;
exports.jh = identity.isMap;
exports.Ll = identity.isNode;
__webpack_unused_export__ = identity.isPair;
__webpack_unused_export__ = identity.isScalar;
__webpack_unused_export__ = identity.isSeq;
__webpack_unused_export__ = Pair.Pair;
__webpack_unused_export__ = Scalar.Scalar;
__webpack_unused_export__ = YAMLMap.YAMLMap;
__webpack_unused_export__ = YAMLSeq.YAMLSeq;
__webpack_unused_export__ = cst;
__webpack_unused_export__ = lexer.Lexer;
__webpack_unused_export__ = lineCounter.LineCounter;
__webpack_unused_export__ = parser.Parser;
__webpack_unused_export__ = publicApi.parse;
exports.hR = publicApi.parseAllDocuments;
__webpack_unused_export__ = publicApi.parseDocument;
__webpack_unused_export__ = publicApi.stringify;
exports.YR = visit.visit;
__webpack_unused_export__ = visit.visitAsync;


/***/ }),

/***/ 7249:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var node_process = __nccwpck_require__(932);

function debug(logLevel, ...messages) {
    if (logLevel === 'debug')
        console.log(...messages);
}
function warn(logLevel, warning) {
    if (logLevel === 'debug' || logLevel === 'warn') {
        if (typeof node_process.emitWarning === 'function')
            node_process.emitWarning(warning);
        else
            console.warn(warning);
    }
}

exports.debug = debug;
exports.warn = warn;


/***/ }),

/***/ 4065:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var anchors = __nccwpck_require__(1596);
var visit = __nccwpck_require__(204);
var identity = __nccwpck_require__(1127);
var Node = __nccwpck_require__(6673);
var toJS = __nccwpck_require__(4043);

class Alias extends Node.NodeBase {
    constructor(source) {
        super(identity.ALIAS);
        this.source = source;
        Object.defineProperty(this, 'tag', {
            set() {
                throw new Error('Alias nodes cannot have tags');
            }
        });
    }
    /**
     * Resolve the value of this alias within `doc`, finding the last
     * instance of the `source` anchor before this node.
     */
    resolve(doc, ctx) {
        if (ctx?.maxAliasCount === 0)
            throw new ReferenceError('Alias resolution is disabled');
        let nodes;
        if (ctx?.aliasResolveCache) {
            nodes = ctx.aliasResolveCache;
        }
        else {
            nodes = [];
            visit.visit(doc, {
                Node: (_key, node) => {
                    if (identity.isAlias(node) || identity.hasAnchor(node))
                        nodes.push(node);
                }
            });
            if (ctx)
                ctx.aliasResolveCache = nodes;
        }
        let found = undefined;
        for (const node of nodes) {
            if (node === this)
                break;
            if (node.anchor === this.source)
                found = node;
        }
        if (found && ctx) {
            const { anchors, doc, maxAliasCount } = ctx;
            let data = anchors.get(found);
            if (!data) {
                // Resolve anchors for Node.prototype.toJS()
                toJS.toJS(found, null, ctx);
                data = anchors.get(found);
            }
            /* istanbul ignore if */
            if (data?.res === undefined) {
                const msg = 'This should not happen: Alias anchor was not resolved?';
                throw new ReferenceError(msg);
            }
            if (maxAliasCount >= 0) {
                data.count += 1;
                if (data.aliasCount === 0)
                    data.aliasCount = getAliasCount(doc, found, anchors);
                if (data.count * data.aliasCount > maxAliasCount) {
                    const msg = 'Excessive alias count indicates a resource exhaustion attack';
                    throw new ReferenceError(msg);
                }
            }
        }
        return found;
    }
    toJSON(_arg, ctx) {
        if (!ctx)
            return { source: this.source };
        const source = this.resolve(ctx.doc, ctx);
        if (!source) {
            const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
            throw new ReferenceError(msg);
        }
        return ctx.anchors.get(source).res;
    }
    toString(ctx, _onComment, _onChompKeep) {
        const src = `*${this.source}`;
        if (ctx) {
            anchors.anchorIsValid(this.source);
            if (ctx.options.verifyAliasOrder && !ctx.anchors.has(this.source)) {
                const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
                throw new Error(msg);
            }
            if (ctx.implicitKey)
                return `${src} `;
        }
        return src;
    }
}
function getAliasCount(doc, node, anchors) {
    if (identity.isAlias(node)) {
        const source = node.resolve(doc);
        const anchor = anchors && source && anchors.get(source);
        return anchor ? anchor.count * anchor.aliasCount : 0;
    }
    else if (identity.isCollection(node)) {
        let count = 0;
        for (const item of node.items) {
            const c = getAliasCount(doc, item, anchors);
            if (c > count)
                count = c;
        }
        return count;
    }
    else if (identity.isPair(node)) {
        const kc = getAliasCount(doc, node.key, anchors);
        const vc = getAliasCount(doc, node.value, anchors);
        return Math.max(kc, vc);
    }
    return 1;
}

exports.Alias = Alias;


/***/ }),

/***/ 101:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var createNode = __nccwpck_require__(2404);
var identity = __nccwpck_require__(1127);
var Node = __nccwpck_require__(6673);

function collectionFromPath(schema, path, value) {
    let v = value;
    for (let i = path.length - 1; i >= 0; --i) {
        const k = path[i];
        if (typeof k === 'number' && Number.isInteger(k) && k >= 0) {
            const a = [];
            a[k] = v;
            v = a;
        }
        else {
            v = new Map([[k, v]]);
        }
    }
    return createNode.createNode(v, undefined, {
        aliasDuplicateObjects: false,
        keepUndefined: false,
        onAnchor: () => {
            throw new Error('This should not happen, please report a bug.');
        },
        schema,
        sourceObjects: new Map()
    });
}
// Type guard is intentionally a little wrong so as to be more useful,
// as it does not cover untypable empty non-string iterables (e.g. []).
const isEmptyPath = (path) => path == null ||
    (typeof path === 'object' && !!path[Symbol.iterator]().next().done);
class Collection extends Node.NodeBase {
    constructor(type, schema) {
        super(type);
        Object.defineProperty(this, 'schema', {
            value: schema,
            configurable: true,
            enumerable: false,
            writable: true
        });
    }
    /**
     * Create a copy of this collection.
     *
     * @param schema - If defined, overwrites the original's schema
     */
    clone(schema) {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (schema)
            copy.schema = schema;
        copy.items = copy.items.map(it => identity.isNode(it) || identity.isPair(it) ? it.clone(schema) : it);
        if (this.range)
            copy.range = this.range.slice();
        return copy;
    }
    /**
     * Adds a value to the collection. For `!!map` and `!!omap` the value must
     * be a Pair instance or a `{ key, value }` object, which may not have a key
     * that already exists in the map.
     */
    addIn(path, value) {
        if (isEmptyPath(path))
            this.add(value);
        else {
            const [key, ...rest] = path;
            const node = this.get(key, true);
            if (identity.isCollection(node))
                node.addIn(rest, value);
            else if (node === undefined && this.schema)
                this.set(key, collectionFromPath(this.schema, rest, value));
            else
                throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
    }
    /**
     * Removes a value from the collection.
     * @returns `true` if the item was found and removed.
     */
    deleteIn(path) {
        const [key, ...rest] = path;
        if (rest.length === 0)
            return this.delete(key);
        const node = this.get(key, true);
        if (identity.isCollection(node))
            return node.deleteIn(rest);
        else
            throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
    }
    /**
     * Returns item at `key`, or `undefined` if not found. By default unwraps
     * scalar values from their surrounding node; to disable set `keepScalar` to
     * `true` (collections are always returned intact).
     */
    getIn(path, keepScalar) {
        const [key, ...rest] = path;
        const node = this.get(key, true);
        if (rest.length === 0)
            return !keepScalar && identity.isScalar(node) ? node.value : node;
        else
            return identity.isCollection(node) ? node.getIn(rest, keepScalar) : undefined;
    }
    hasAllNullValues(allowScalar) {
        return this.items.every(node => {
            if (!identity.isPair(node))
                return false;
            const n = node.value;
            return (n == null ||
                (allowScalar &&
                    identity.isScalar(n) &&
                    n.value == null &&
                    !n.commentBefore &&
                    !n.comment &&
                    !n.tag));
        });
    }
    /**
     * Checks if the collection includes a value with the key `key`.
     */
    hasIn(path) {
        const [key, ...rest] = path;
        if (rest.length === 0)
            return this.has(key);
        const node = this.get(key, true);
        return identity.isCollection(node) ? node.hasIn(rest) : false;
    }
    /**
     * Sets a value in this collection. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     */
    setIn(path, value) {
        const [key, ...rest] = path;
        if (rest.length === 0) {
            this.set(key, value);
        }
        else {
            const node = this.get(key, true);
            if (identity.isCollection(node))
                node.setIn(rest, value);
            else if (node === undefined && this.schema)
                this.set(key, collectionFromPath(this.schema, rest, value));
            else
                throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
    }
}

exports.Collection = Collection;
exports.collectionFromPath = collectionFromPath;
exports.isEmptyPath = isEmptyPath;


/***/ }),

/***/ 6673:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var applyReviver = __nccwpck_require__(3661);
var identity = __nccwpck_require__(1127);
var toJS = __nccwpck_require__(4043);

class NodeBase {
    constructor(type) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: type });
    }
    /** Create a copy of this node.  */
    clone() {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (this.range)
            copy.range = this.range.slice();
        return copy;
    }
    /** A plain JavaScript representation of this node. */
    toJS(doc, { mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        if (!identity.isDocument(doc))
            throw new TypeError('A document argument is required');
        const ctx = {
            anchors: new Map(),
            doc,
            keep: true,
            mapAsMap: mapAsMap === true,
            mapKeyWarned: false,
            maxAliasCount: typeof maxAliasCount === 'number' ? maxAliasCount : 100
        };
        const res = toJS.toJS(this, '', ctx);
        if (typeof onAnchor === 'function')
            for (const { count, res } of ctx.anchors.values())
                onAnchor(res, count);
        return typeof reviver === 'function'
            ? applyReviver.applyReviver(reviver, { '': res }, '', res)
            : res;
    }
}

exports.NodeBase = NodeBase;


/***/ }),

/***/ 7165:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var createNode = __nccwpck_require__(2404);
var stringifyPair = __nccwpck_require__(9748);
var addPairToJSMap = __nccwpck_require__(7104);
var identity = __nccwpck_require__(1127);

function createPair(key, value, ctx) {
    const k = createNode.createNode(key, undefined, ctx);
    const v = createNode.createNode(value, undefined, ctx);
    return new Pair(k, v);
}
class Pair {
    constructor(key, value = null) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.PAIR });
        this.key = key;
        this.value = value;
    }
    clone(schema) {
        let { key, value } = this;
        if (identity.isNode(key))
            key = key.clone(schema);
        if (identity.isNode(value))
            value = value.clone(schema);
        return new Pair(key, value);
    }
    toJSON(_, ctx) {
        const pair = ctx?.mapAsMap ? new Map() : {};
        return addPairToJSMap.addPairToJSMap(ctx, pair, this);
    }
    toString(ctx, onComment, onChompKeep) {
        return ctx?.doc
            ? stringifyPair.stringifyPair(this, ctx, onComment, onChompKeep)
            : JSON.stringify(this);
    }
}

exports.Pair = Pair;
exports.createPair = createPair;


/***/ }),

/***/ 3301:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Node = __nccwpck_require__(6673);
var toJS = __nccwpck_require__(4043);

const isScalarValue = (value) => !value || (typeof value !== 'function' && typeof value !== 'object');
class Scalar extends Node.NodeBase {
    constructor(value) {
        super(identity.SCALAR);
        this.value = value;
    }
    toJSON(arg, ctx) {
        return ctx?.keep ? this.value : toJS.toJS(this.value, arg, ctx);
    }
    toString() {
        return String(this.value);
    }
}
Scalar.BLOCK_FOLDED = 'BLOCK_FOLDED';
Scalar.BLOCK_LITERAL = 'BLOCK_LITERAL';
Scalar.PLAIN = 'PLAIN';
Scalar.QUOTE_DOUBLE = 'QUOTE_DOUBLE';
Scalar.QUOTE_SINGLE = 'QUOTE_SINGLE';

exports.Scalar = Scalar;
exports.isScalarValue = isScalarValue;


/***/ }),

/***/ 4454:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyCollection = __nccwpck_require__(1212);
var addPairToJSMap = __nccwpck_require__(7104);
var Collection = __nccwpck_require__(101);
var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var Scalar = __nccwpck_require__(3301);

function findPair(items, key) {
    const k = identity.isScalar(key) ? key.value : key;
    for (const it of items) {
        if (identity.isPair(it)) {
            if (it.key === key || it.key === k)
                return it;
            if (identity.isScalar(it.key) && it.key.value === k)
                return it;
        }
    }
    return undefined;
}
class YAMLMap extends Collection.Collection {
    static get tagName() {
        return 'tag:yaml.org,2002:map';
    }
    constructor(schema) {
        super(identity.MAP, schema);
        this.items = [];
    }
    /**
     * A generic collection parsing method that can be extended
     * to other node classes that inherit from YAMLMap
     */
    static from(schema, obj, ctx) {
        const { keepUndefined, replacer } = ctx;
        const map = new this(schema);
        const add = (key, value) => {
            if (typeof replacer === 'function')
                value = replacer.call(obj, key, value);
            else if (Array.isArray(replacer) && !replacer.includes(key))
                return;
            if (value !== undefined || keepUndefined)
                map.items.push(Pair.createPair(key, value, ctx));
        };
        if (obj instanceof Map) {
            for (const [key, value] of obj)
                add(key, value);
        }
        else if (obj && typeof obj === 'object') {
            for (const key of Object.keys(obj))
                add(key, obj[key]);
        }
        if (typeof schema.sortMapEntries === 'function') {
            map.items.sort(schema.sortMapEntries);
        }
        return map;
    }
    /**
     * Adds a value to the collection.
     *
     * @param overwrite - If not set `true`, using a key that is already in the
     *   collection will throw. Otherwise, overwrites the previous value.
     */
    add(pair, overwrite) {
        let _pair;
        if (identity.isPair(pair))
            _pair = pair;
        else if (!pair || typeof pair !== 'object' || !('key' in pair)) {
            // In TypeScript, this never happens.
            _pair = new Pair.Pair(pair, pair?.value);
        }
        else
            _pair = new Pair.Pair(pair.key, pair.value);
        const prev = findPair(this.items, _pair.key);
        const sortEntries = this.schema?.sortMapEntries;
        if (prev) {
            if (!overwrite)
                throw new Error(`Key ${_pair.key} already set`);
            // For scalars, keep the old node & its comments and anchors
            if (identity.isScalar(prev.value) && Scalar.isScalarValue(_pair.value))
                prev.value.value = _pair.value;
            else
                prev.value = _pair.value;
        }
        else if (sortEntries) {
            const i = this.items.findIndex(item => sortEntries(_pair, item) < 0);
            if (i === -1)
                this.items.push(_pair);
            else
                this.items.splice(i, 0, _pair);
        }
        else {
            this.items.push(_pair);
        }
    }
    delete(key) {
        const it = findPair(this.items, key);
        if (!it)
            return false;
        const del = this.items.splice(this.items.indexOf(it), 1);
        return del.length > 0;
    }
    get(key, keepScalar) {
        const it = findPair(this.items, key);
        const node = it?.value;
        return (!keepScalar && identity.isScalar(node) ? node.value : node) ?? undefined;
    }
    has(key) {
        return !!findPair(this.items, key);
    }
    set(key, value) {
        this.add(new Pair.Pair(key, value), true);
    }
    /**
     * @param ctx - Conversion context, originally set in Document#toJS()
     * @param {Class} Type - If set, forces the returned collection type
     * @returns Instance of Type, Map, or Object
     */
    toJSON(_, ctx, Type) {
        const map = Type ? new Type() : ctx?.mapAsMap ? new Map() : {};
        if (ctx?.onCreate)
            ctx.onCreate(map);
        for (const item of this.items)
            addPairToJSMap.addPairToJSMap(ctx, map, item);
        return map;
    }
    toString(ctx, onComment, onChompKeep) {
        if (!ctx)
            return JSON.stringify(this);
        for (const item of this.items) {
            if (!identity.isPair(item))
                throw new Error(`Map items must all be pairs; found ${JSON.stringify(item)} instead`);
        }
        if (!ctx.allNullValues && this.hasAllNullValues(false))
            ctx = Object.assign({}, ctx, { allNullValues: true });
        return stringifyCollection.stringifyCollection(this, ctx, {
            blockItemPrefix: '',
            flowChars: { start: '{', end: '}' },
            itemIndent: ctx.indent || '',
            onChompKeep,
            onComment
        });
    }
}

exports.YAMLMap = YAMLMap;
exports.findPair = findPair;


/***/ }),

/***/ 2223:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var createNode = __nccwpck_require__(2404);
var stringifyCollection = __nccwpck_require__(1212);
var Collection = __nccwpck_require__(101);
var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);
var toJS = __nccwpck_require__(4043);

class YAMLSeq extends Collection.Collection {
    static get tagName() {
        return 'tag:yaml.org,2002:seq';
    }
    constructor(schema) {
        super(identity.SEQ, schema);
        this.items = [];
    }
    add(value) {
        this.items.push(value);
    }
    /**
     * Removes a value from the collection.
     *
     * `key` must contain a representation of an integer for this to succeed.
     * It may be wrapped in a `Scalar`.
     *
     * @returns `true` if the item was found and removed.
     */
    delete(key) {
        const idx = asItemIndex(key);
        if (typeof idx !== 'number')
            return false;
        const del = this.items.splice(idx, 1);
        return del.length > 0;
    }
    get(key, keepScalar) {
        const idx = asItemIndex(key);
        if (typeof idx !== 'number')
            return undefined;
        const it = this.items[idx];
        return !keepScalar && identity.isScalar(it) ? it.value : it;
    }
    /**
     * Checks if the collection includes a value with the key `key`.
     *
     * `key` must contain a representation of an integer for this to succeed.
     * It may be wrapped in a `Scalar`.
     */
    has(key) {
        const idx = asItemIndex(key);
        return typeof idx === 'number' && idx < this.items.length;
    }
    /**
     * Sets a value in this collection. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     *
     * If `key` does not contain a representation of an integer, this will throw.
     * It may be wrapped in a `Scalar`.
     */
    set(key, value) {
        const idx = asItemIndex(key);
        if (typeof idx !== 'number')
            throw new Error(`Expected a valid index, not ${key}.`);
        const prev = this.items[idx];
        if (identity.isScalar(prev) && Scalar.isScalarValue(value))
            prev.value = value;
        else
            this.items[idx] = value;
    }
    toJSON(_, ctx) {
        const seq = [];
        if (ctx?.onCreate)
            ctx.onCreate(seq);
        let i = 0;
        for (const item of this.items)
            seq.push(toJS.toJS(item, String(i++), ctx));
        return seq;
    }
    toString(ctx, onComment, onChompKeep) {
        if (!ctx)
            return JSON.stringify(this);
        return stringifyCollection.stringifyCollection(this, ctx, {
            blockItemPrefix: '- ',
            flowChars: { start: '[', end: ']' },
            itemIndent: (ctx.indent || '') + '  ',
            onChompKeep,
            onComment
        });
    }
    static from(schema, obj, ctx) {
        const { replacer } = ctx;
        const seq = new this(schema);
        if (obj && Symbol.iterator in Object(obj)) {
            let i = 0;
            for (let it of obj) {
                if (typeof replacer === 'function') {
                    const key = obj instanceof Set ? it : String(i++);
                    it = replacer.call(obj, key, it);
                }
                seq.items.push(createNode.createNode(it, undefined, ctx));
            }
        }
        return seq;
    }
}
function asItemIndex(key) {
    let idx = identity.isScalar(key) ? key.value : key;
    if (idx && typeof idx === 'string')
        idx = Number(idx);
    return typeof idx === 'number' && Number.isInteger(idx) && idx >= 0
        ? idx
        : null;
}

exports.YAMLSeq = YAMLSeq;


/***/ }),

/***/ 7104:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var log = __nccwpck_require__(7249);
var merge = __nccwpck_require__(452);
var stringify = __nccwpck_require__(2148);
var identity = __nccwpck_require__(1127);
var toJS = __nccwpck_require__(4043);

function addPairToJSMap(ctx, map, { key, value }) {
    if (identity.isNode(key) && key.addToJSMap)
        key.addToJSMap(ctx, map, value);
    // TODO: Should drop this special case for bare << handling
    else if (merge.isMergeKey(ctx, key))
        merge.addMergeToJSMap(ctx, map, value);
    else {
        const jsKey = toJS.toJS(key, '', ctx);
        if (map instanceof Map) {
            map.set(jsKey, toJS.toJS(value, jsKey, ctx));
        }
        else if (map instanceof Set) {
            map.add(jsKey);
        }
        else {
            const stringKey = stringifyKey(key, jsKey, ctx);
            const jsValue = toJS.toJS(value, stringKey, ctx);
            if (stringKey in map)
                Object.defineProperty(map, stringKey, {
                    value: jsValue,
                    writable: true,
                    enumerable: true,
                    configurable: true
                });
            else
                map[stringKey] = jsValue;
        }
    }
    return map;
}
function stringifyKey(key, jsKey, ctx) {
    if (jsKey === null)
        return '';
    // eslint-disable-next-line @typescript-eslint/no-base-to-string
    if (typeof jsKey !== 'object')
        return String(jsKey);
    if (identity.isNode(key) && ctx?.doc) {
        const strCtx = stringify.createStringifyContext(ctx.doc, {});
        strCtx.anchors = new Set();
        for (const node of ctx.anchors.keys())
            strCtx.anchors.add(node.anchor);
        strCtx.inFlow = true;
        strCtx.inStringifyKey = true;
        const strKey = key.toString(strCtx);
        if (!ctx.mapKeyWarned) {
            let jsonStr = JSON.stringify(strKey);
            if (jsonStr.length > 40)
                jsonStr = jsonStr.substring(0, 36) + '..."';
            log.warn(ctx.doc.options.logLevel, `Keys with collection values will be stringified due to JS Object restrictions: ${jsonStr}. Set mapAsMap: true to use object keys.`);
            ctx.mapKeyWarned = true;
        }
        return strKey;
    }
    return JSON.stringify(jsKey);
}

exports.addPairToJSMap = addPairToJSMap;


/***/ }),

/***/ 1127:
/***/ ((__unused_webpack_module, exports) => {



const ALIAS = Symbol.for('yaml.alias');
const DOC = Symbol.for('yaml.document');
const MAP = Symbol.for('yaml.map');
const PAIR = Symbol.for('yaml.pair');
const SCALAR = Symbol.for('yaml.scalar');
const SEQ = Symbol.for('yaml.seq');
const NODE_TYPE = Symbol.for('yaml.node.type');
const isAlias = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === ALIAS;
const isDocument = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === DOC;
const isMap = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === MAP;
const isPair = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === PAIR;
const isScalar = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === SCALAR;
const isSeq = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === SEQ;
function isCollection(node) {
    if (node && typeof node === 'object')
        switch (node[NODE_TYPE]) {
            case MAP:
            case SEQ:
                return true;
        }
    return false;
}
function isNode(node) {
    if (node && typeof node === 'object')
        switch (node[NODE_TYPE]) {
            case ALIAS:
            case MAP:
            case SCALAR:
            case SEQ:
                return true;
        }
    return false;
}
const hasAnchor = (node) => (isScalar(node) || isCollection(node)) && !!node.anchor;

exports.ALIAS = ALIAS;
exports.DOC = DOC;
exports.MAP = MAP;
exports.NODE_TYPE = NODE_TYPE;
exports.PAIR = PAIR;
exports.SCALAR = SCALAR;
exports.SEQ = SEQ;
exports.hasAnchor = hasAnchor;
exports.isAlias = isAlias;
exports.isCollection = isCollection;
exports.isDocument = isDocument;
exports.isMap = isMap;
exports.isNode = isNode;
exports.isPair = isPair;
exports.isScalar = isScalar;
exports.isSeq = isSeq;


/***/ }),

/***/ 4043:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);

/**
 * Recursively convert any node or its contents to native JavaScript
 *
 * @param value - The input value
 * @param arg - If `value` defines a `toJSON()` method, use this
 *   as its first argument
 * @param ctx - Conversion context, originally set in Document#toJS(). If
 *   `{ keep: true }` is not set, output should be suitable for JSON
 *   stringification.
 */
function toJS(value, arg, ctx) {
    // eslint-disable-next-line @typescript-eslint/no-unsafe-return
    if (Array.isArray(value))
        return value.map((v, i) => toJS(v, String(i), ctx));
    if (value && typeof value.toJSON === 'function') {
        // eslint-disable-next-line @typescript-eslint/no-unsafe-call
        if (!ctx || !identity.hasAnchor(value))
            return value.toJSON(arg, ctx);
        const data = { aliasCount: 0, count: 1, res: undefined };
        ctx.anchors.set(value, data);
        ctx.onCreate = res => {
            data.res = res;
            delete ctx.onCreate;
        };
        const res = value.toJSON(arg, ctx);
        if (ctx.onCreate)
            ctx.onCreate(res);
        return res;
    }
    if (typeof value === 'bigint' && !ctx?.keep)
        return Number(value);
    return value;
}

exports.toJS = toJS;


/***/ }),

/***/ 110:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var resolveBlockScalar = __nccwpck_require__(8913);
var resolveFlowScalar = __nccwpck_require__(6842);
var errors = __nccwpck_require__(1464);
var stringifyString = __nccwpck_require__(3069);

function resolveAsScalar(token, strict = true, onError) {
    if (token) {
        const _onError = (pos, code, message) => {
            const offset = typeof pos === 'number' ? pos : Array.isArray(pos) ? pos[0] : pos.offset;
            if (onError)
                onError(offset, code, message);
            else
                throw new errors.YAMLParseError([offset, offset + 1], code, message);
        };
        switch (token.type) {
            case 'scalar':
            case 'single-quoted-scalar':
            case 'double-quoted-scalar':
                return resolveFlowScalar.resolveFlowScalar(token, strict, _onError);
            case 'block-scalar':
                return resolveBlockScalar.resolveBlockScalar({ options: { strict } }, token, _onError);
        }
    }
    return null;
}
/**
 * Create a new scalar token with `value`
 *
 * Values that represent an actual string but may be parsed as a different type should use a `type` other than `'PLAIN'`,
 * as this function does not support any schema operations and won't check for such conflicts.
 *
 * @param value The string representation of the value, which will have its content properly indented.
 * @param context.end Comments and whitespace after the end of the value, or after the block scalar header. If undefined, a newline will be added.
 * @param context.implicitKey Being within an implicit key may affect the resolved type of the token's value.
 * @param context.indent The indent level of the token.
 * @param context.inFlow Is this scalar within a flow collection? This may affect the resolved type of the token's value.
 * @param context.offset The offset position of the token.
 * @param context.type The preferred type of the scalar token. If undefined, the previous type of the `token` will be used, defaulting to `'PLAIN'`.
 */
function createScalarToken(value, context) {
    const { implicitKey = false, indent, inFlow = false, offset = -1, type = 'PLAIN' } = context;
    const source = stringifyString.stringifyString({ type, value }, {
        implicitKey,
        indent: indent > 0 ? ' '.repeat(indent) : '',
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
    });
    const end = context.end ?? [
        { type: 'newline', offset: -1, indent, source: '\n' }
    ];
    switch (source[0]) {
        case '|':
        case '>': {
            const he = source.indexOf('\n');
            const head = source.substring(0, he);
            const body = source.substring(he + 1) + '\n';
            const props = [
                { type: 'block-scalar-header', offset, indent, source: head }
            ];
            if (!addEndtoBlockProps(props, end))
                props.push({ type: 'newline', offset: -1, indent, source: '\n' });
            return { type: 'block-scalar', offset, indent, props, source: body };
        }
        case '"':
            return { type: 'double-quoted-scalar', offset, indent, source, end };
        case "'":
            return { type: 'single-quoted-scalar', offset, indent, source, end };
        default:
            return { type: 'scalar', offset, indent, source, end };
    }
}
/**
 * Set the value of `token` to the given string `value`, overwriting any previous contents and type that it may have.
 *
 * Best efforts are made to retain any comments previously associated with the `token`,
 * though all contents within a collection's `items` will be overwritten.
 *
 * Values that represent an actual string but may be parsed as a different type should use a `type` other than `'PLAIN'`,
 * as this function does not support any schema operations and won't check for such conflicts.
 *
 * @param token Any token. If it does not include an `indent` value, the value will be stringified as if it were an implicit key.
 * @param value The string representation of the value, which will have its content properly indented.
 * @param context.afterKey In most cases, values after a key should have an additional level of indentation.
 * @param context.implicitKey Being within an implicit key may affect the resolved type of the token's value.
 * @param context.inFlow Being within a flow collection may affect the resolved type of the token's value.
 * @param context.type The preferred type of the scalar token. If undefined, the previous type of the `token` will be used, defaulting to `'PLAIN'`.
 */
function setScalarValue(token, value, context = {}) {
    let { afterKey = false, implicitKey = false, inFlow = false, type } = context;
    let indent = 'indent' in token ? token.indent : null;
    if (afterKey && typeof indent === 'number')
        indent += 2;
    if (!type)
        switch (token.type) {
            case 'single-quoted-scalar':
                type = 'QUOTE_SINGLE';
                break;
            case 'double-quoted-scalar':
                type = 'QUOTE_DOUBLE';
                break;
            case 'block-scalar': {
                const header = token.props[0];
                if (header.type !== 'block-scalar-header')
                    throw new Error('Invalid block scalar header');
                type = header.source[0] === '>' ? 'BLOCK_FOLDED' : 'BLOCK_LITERAL';
                break;
            }
            default:
                type = 'PLAIN';
        }
    const source = stringifyString.stringifyString({ type, value }, {
        implicitKey: implicitKey || indent === null,
        indent: indent !== null && indent > 0 ? ' '.repeat(indent) : '',
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
    });
    switch (source[0]) {
        case '|':
        case '>':
            setBlockScalarValue(token, source);
            break;
        case '"':
            setFlowScalarValue(token, source, 'double-quoted-scalar');
            break;
        case "'":
            setFlowScalarValue(token, source, 'single-quoted-scalar');
            break;
        default:
            setFlowScalarValue(token, source, 'scalar');
    }
}
function setBlockScalarValue(token, source) {
    const he = source.indexOf('\n');
    const head = source.substring(0, he);
    const body = source.substring(he + 1) + '\n';
    if (token.type === 'block-scalar') {
        const header = token.props[0];
        if (header.type !== 'block-scalar-header')
            throw new Error('Invalid block scalar header');
        header.source = head;
        token.source = body;
    }
    else {
        const { offset } = token;
        const indent = 'indent' in token ? token.indent : -1;
        const props = [
            { type: 'block-scalar-header', offset, indent, source: head }
        ];
        if (!addEndtoBlockProps(props, 'end' in token ? token.end : undefined))
            props.push({ type: 'newline', offset: -1, indent, source: '\n' });
        for (const key of Object.keys(token))
            if (key !== 'type' && key !== 'offset')
                delete token[key];
        Object.assign(token, { type: 'block-scalar', indent, props, source: body });
    }
}
/** @returns `true` if last token is a newline */
function addEndtoBlockProps(props, end) {
    if (end)
        for (const st of end)
            switch (st.type) {
                case 'space':
                case 'comment':
                    props.push(st);
                    break;
                case 'newline':
                    props.push(st);
                    return true;
            }
    return false;
}
function setFlowScalarValue(token, source, type) {
    switch (token.type) {
        case 'scalar':
        case 'double-quoted-scalar':
        case 'single-quoted-scalar':
            token.type = type;
            token.source = source;
            break;
        case 'block-scalar': {
            const end = token.props.slice(1);
            let oa = source.length;
            if (token.props[0].type === 'block-scalar-header')
                oa -= token.props[0].source.length;
            for (const tok of end)
                tok.offset += oa;
            delete token.props;
            Object.assign(token, { type, source, end });
            break;
        }
        case 'block-map':
        case 'block-seq': {
            const offset = token.offset + source.length;
            const nl = { type: 'newline', offset, indent: token.indent, source: '\n' };
            delete token.items;
            Object.assign(token, { type, source, end: [nl] });
            break;
        }
        default: {
            const indent = 'indent' in token ? token.indent : -1;
            const end = 'end' in token && Array.isArray(token.end)
                ? token.end.filter(st => st.type === 'space' ||
                    st.type === 'comment' ||
                    st.type === 'newline')
                : [];
            for (const key of Object.keys(token))
                if (key !== 'type' && key !== 'offset')
                    delete token[key];
            Object.assign(token, { type, indent, source, end });
        }
    }
}

exports.createScalarToken = createScalarToken;
exports.resolveAsScalar = resolveAsScalar;
exports.setScalarValue = setScalarValue;


/***/ }),

/***/ 1733:
/***/ ((__unused_webpack_module, exports) => {



/**
 * Stringify a CST document, token, or collection item
 *
 * Fair warning: This applies no validation whatsoever, and
 * simply concatenates the sources in their logical order.
 */
const stringify = (cst) => 'type' in cst ? stringifyToken(cst) : stringifyItem(cst);
function stringifyToken(token) {
    switch (token.type) {
        case 'block-scalar': {
            let res = '';
            for (const tok of token.props)
                res += stringifyToken(tok);
            return res + token.source;
        }
        case 'block-map':
        case 'block-seq': {
            let res = '';
            for (const item of token.items)
                res += stringifyItem(item);
            return res;
        }
        case 'flow-collection': {
            let res = token.start.source;
            for (const item of token.items)
                res += stringifyItem(item);
            for (const st of token.end)
                res += st.source;
            return res;
        }
        case 'document': {
            let res = stringifyItem(token);
            if (token.end)
                for (const st of token.end)
                    res += st.source;
            return res;
        }
        default: {
            let res = token.source;
            if ('end' in token && token.end)
                for (const st of token.end)
                    res += st.source;
            return res;
        }
    }
}
function stringifyItem({ start, key, sep, value }) {
    let res = '';
    for (const st of start)
        res += st.source;
    if (key)
        res += stringifyToken(key);
    if (sep)
        for (const st of sep)
            res += st.source;
    if (value)
        res += stringifyToken(value);
    return res;
}

exports.stringify = stringify;


/***/ }),

/***/ 7715:
/***/ ((__unused_webpack_module, exports) => {



const BREAK = Symbol('break visit');
const SKIP = Symbol('skip children');
const REMOVE = Symbol('remove item');
/**
 * Apply a visitor to a CST document or item.
 *
 * Walks through the tree (depth-first) starting from the root, calling a
 * `visitor` function with two arguments when entering each item:
 *   - `item`: The current item, which included the following members:
 *     - `start: SourceToken[]` – Source tokens before the key or value,
 *       possibly including its anchor or tag.
 *     - `key?: Token | null` – Set for pair values. May then be `null`, if
 *       the key before the `:` separator is empty.
 *     - `sep?: SourceToken[]` – Source tokens between the key and the value,
 *       which should include the `:` map value indicator if `value` is set.
 *     - `value?: Token` – The value of a sequence item, or of a map pair.
 *   - `path`: The steps from the root to the current node, as an array of
 *     `['key' | 'value', number]` tuples.
 *
 * The return value of the visitor may be used to control the traversal:
 *   - `undefined` (default): Do nothing and continue
 *   - `visit.SKIP`: Do not visit the children of this token, continue with
 *      next sibling
 *   - `visit.BREAK`: Terminate traversal completely
 *   - `visit.REMOVE`: Remove the current item, then continue with the next one
 *   - `number`: Set the index of the next step. This is useful especially if
 *     the index of the current token has changed.
 *   - `function`: Define the next visitor for this item. After the original
 *     visitor is called on item entry, next visitors are called after handling
 *     a non-empty `key` and when exiting the item.
 */
function visit(cst, visitor) {
    if ('type' in cst && cst.type === 'document')
        cst = { start: cst.start, value: cst.value };
    _visit(Object.freeze([]), cst, visitor);
}
// Without the `as symbol` casts, TS declares these in the `visit`
// namespace using `var`, but then complains about that because
// `unique symbol` must be `const`.
/** Terminate visit traversal completely */
visit.BREAK = BREAK;
/** Do not visit the children of the current item */
visit.SKIP = SKIP;
/** Remove the current item */
visit.REMOVE = REMOVE;
/** Find the item at `path` from `cst` as the root */
visit.itemAtPath = (cst, path) => {
    let item = cst;
    for (const [field, index] of path) {
        const tok = item?.[field];
        if (tok && 'items' in tok) {
            item = tok.items[index];
        }
        else
            return undefined;
    }
    return item;
};
/**
 * Get the immediate parent collection of the item at `path` from `cst` as the root.
 *
 * Throws an error if the collection is not found, which should never happen if the item itself exists.
 */
visit.parentCollection = (cst, path) => {
    const parent = visit.itemAtPath(cst, path.slice(0, -1));
    const field = path[path.length - 1][0];
    const coll = parent?.[field];
    if (coll && 'items' in coll)
        return coll;
    throw new Error('Parent collection not found');
};
function _visit(path, item, visitor) {
    let ctrl = visitor(item, path);
    if (typeof ctrl === 'symbol')
        return ctrl;
    for (const field of ['key', 'value']) {
        const token = item[field];
        if (token && 'items' in token) {
            for (let i = 0; i < token.items.length; ++i) {
                const ci = _visit(Object.freeze(path.concat([[field, i]])), token.items[i], visitor);
                if (typeof ci === 'number')
                    i = ci - 1;
                else if (ci === BREAK)
                    return BREAK;
                else if (ci === REMOVE) {
                    token.items.splice(i, 1);
                    i -= 1;
                }
            }
            if (typeof ctrl === 'function' && field === 'key')
                ctrl = ctrl(item, path);
        }
    }
    return typeof ctrl === 'function' ? ctrl(item, path) : ctrl;
}

exports.visit = visit;


/***/ }),

/***/ 3461:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var cstScalar = __nccwpck_require__(110);
var cstStringify = __nccwpck_require__(1733);
var cstVisit = __nccwpck_require__(7715);

/** The byte order mark */
const BOM = '\u{FEFF}';
/** Start of doc-mode */
const DOCUMENT = '\x02'; // C0: Start of Text
/** Unexpected end of flow-mode */
const FLOW_END = '\x18'; // C0: Cancel
/** Next token is a scalar value */
const SCALAR = '\x1f'; // C0: Unit Separator
/** @returns `true` if `token` is a flow or block collection */
const isCollection = (token) => !!token && 'items' in token;
/** @returns `true` if `token` is a flow or block scalar; not an alias */
const isScalar = (token) => !!token &&
    (token.type === 'scalar' ||
        token.type === 'single-quoted-scalar' ||
        token.type === 'double-quoted-scalar' ||
        token.type === 'block-scalar');
/* istanbul ignore next */
/** Get a printable representation of a lexer token */
function prettyToken(token) {
    switch (token) {
        case BOM:
            return '<BOM>';
        case DOCUMENT:
            return '<DOC>';
        case FLOW_END:
            return '<FLOW_END>';
        case SCALAR:
            return '<SCALAR>';
        default:
            return JSON.stringify(token);
    }
}
/** Identify the type of a lexer token. May return `null` for unknown tokens. */
function tokenType(source) {
    switch (source) {
        case BOM:
            return 'byte-order-mark';
        case DOCUMENT:
            return 'doc-mode';
        case FLOW_END:
            return 'flow-error-end';
        case SCALAR:
            return 'scalar';
        case '---':
            return 'doc-start';
        case '...':
            return 'doc-end';
        case '':
        case '\n':
        case '\r\n':
            return 'newline';
        case '-':
            return 'seq-item-ind';
        case '?':
            return 'explicit-key-ind';
        case ':':
            return 'map-value-ind';
        case '{':
            return 'flow-map-start';
        case '}':
            return 'flow-map-end';
        case '[':
            return 'flow-seq-start';
        case ']':
            return 'flow-seq-end';
        case ',':
            return 'comma';
    }
    switch (source[0]) {
        case ' ':
        case '\t':
            return 'space';
        case '#':
            return 'comment';
        case '%':
            return 'directive-line';
        case '*':
            return 'alias';
        case '&':
            return 'anchor';
        case '!':
            return 'tag';
        case "'":
            return 'single-quoted-scalar';
        case '"':
            return 'double-quoted-scalar';
        case '|':
        case '>':
            return 'block-scalar-header';
    }
    return null;
}

exports.createScalarToken = cstScalar.createScalarToken;
exports.resolveAsScalar = cstScalar.resolveAsScalar;
exports.setScalarValue = cstScalar.setScalarValue;
exports.stringify = cstStringify.stringify;
exports.visit = cstVisit.visit;
exports.BOM = BOM;
exports.DOCUMENT = DOCUMENT;
exports.FLOW_END = FLOW_END;
exports.SCALAR = SCALAR;
exports.isCollection = isCollection;
exports.isScalar = isScalar;
exports.prettyToken = prettyToken;
exports.tokenType = tokenType;


/***/ }),

/***/ 361:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var cst = __nccwpck_require__(3461);

/*
START -> stream

stream
  directive -> line-end -> stream
  indent + line-end -> stream
  [else] -> line-start

line-end
  comment -> line-end
  newline -> .
  input-end -> END

line-start
  doc-start -> doc
  doc-end -> stream
  [else] -> indent -> block-start

block-start
  seq-item-start -> block-start
  explicit-key-start -> block-start
  map-value-start -> block-start
  [else] -> doc

doc
  line-end -> line-start
  spaces -> doc
  anchor -> doc
  tag -> doc
  flow-start -> flow -> doc
  flow-end -> error -> doc
  seq-item-start -> error -> doc
  explicit-key-start -> error -> doc
  map-value-start -> doc
  alias -> doc
  quote-start -> quoted-scalar -> doc
  block-scalar-header -> line-end -> block-scalar(min) -> line-start
  [else] -> plain-scalar(false, min) -> doc

flow
  line-end -> flow
  spaces -> flow
  anchor -> flow
  tag -> flow
  flow-start -> flow -> flow
  flow-end -> .
  seq-item-start -> error -> flow
  explicit-key-start -> flow
  map-value-start -> flow
  alias -> flow
  quote-start -> quoted-scalar -> flow
  comma -> flow
  [else] -> plain-scalar(true, 0) -> flow

quoted-scalar
  quote-end -> .
  [else] -> quoted-scalar

block-scalar(min)
  newline + peek(indent < min) -> .
  [else] -> block-scalar(min)

plain-scalar(is-flow, min)
  scalar-end(is-flow) -> .
  peek(newline + (indent < min)) -> .
  [else] -> plain-scalar(min)
*/
function isEmpty(ch) {
    switch (ch) {
        case undefined:
        case ' ':
        case '\n':
        case '\r':
        case '\t':
            return true;
        default:
            return false;
    }
}
const hexDigits = new Set('0123456789ABCDEFabcdef');
const tagChars = new Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-#;/?:@&=+$_.!~*'()");
const flowIndicatorChars = new Set(',[]{}');
const invalidAnchorChars = new Set(' ,[]{}\n\r\t');
const isNotAnchorChar = (ch) => !ch || invalidAnchorChars.has(ch);
/**
 * Splits an input string into lexical tokens, i.e. smaller strings that are
 * easily identifiable by `tokens.tokenType()`.
 *
 * Lexing starts always in a "stream" context. Incomplete input may be buffered
 * until a complete token can be emitted.
 *
 * In addition to slices of the original input, the following control characters
 * may also be emitted:
 *
 * - `\x02` (Start of Text): A document starts with the next token
 * - `\x18` (Cancel): Unexpected end of flow-mode (indicates an error)
 * - `\x1f` (Unit Separator): Next token is a scalar value
 * - `\u{FEFF}` (Byte order mark): Emitted separately outside documents
 */
class Lexer {
    constructor() {
        /**
         * Flag indicating whether the end of the current buffer marks the end of
         * all input
         */
        this.atEnd = false;
        /**
         * Explicit indent set in block scalar header, as an offset from the current
         * minimum indent, so e.g. set to 1 from a header `|2+`. Set to -1 if not
         * explicitly set.
         */
        this.blockScalarIndent = -1;
        /**
         * Block scalars that include a + (keep) chomping indicator in their header
         * include trailing empty lines, which are otherwise excluded from the
         * scalar's contents.
         */
        this.blockScalarKeep = false;
        /** Current input */
        this.buffer = '';
        /**
         * Flag noting whether the map value indicator : can immediately follow this
         * node within a flow context.
         */
        this.flowKey = false;
        /** Count of surrounding flow collection levels. */
        this.flowLevel = 0;
        /**
         * Minimum level of indentation required for next lines to be parsed as a
         * part of the current scalar value.
         */
        this.indentNext = 0;
        /** Indentation level of the current line. */
        this.indentValue = 0;
        /** Position of the next \n character. */
        this.lineEndPos = null;
        /** Stores the state of the lexer if reaching the end of incpomplete input */
        this.next = null;
        /** A pointer to `buffer`; the current position of the lexer. */
        this.pos = 0;
    }
    /**
     * Generate YAML tokens from the `source` string. If `incomplete`,
     * a part of the last line may be left as a buffer for the next call.
     *
     * @returns A generator of lexical tokens
     */
    *lex(source, incomplete = false) {
        if (source) {
            if (typeof source !== 'string')
                throw TypeError('source is not a string');
            this.buffer = this.buffer ? this.buffer + source : source;
            this.lineEndPos = null;
        }
        this.atEnd = !incomplete;
        let next = this.next ?? 'stream';
        while (next && (incomplete || this.hasChars(1)))
            next = yield* this.parseNext(next);
    }
    atLineEnd() {
        let i = this.pos;
        let ch = this.buffer[i];
        while (ch === ' ' || ch === '\t')
            ch = this.buffer[++i];
        if (!ch || ch === '#' || ch === '\n')
            return true;
        if (ch === '\r')
            return this.buffer[i + 1] === '\n';
        return false;
    }
    charAt(n) {
        return this.buffer[this.pos + n];
    }
    continueScalar(offset) {
        let ch = this.buffer[offset];
        if (this.indentNext > 0) {
            let indent = 0;
            while (ch === ' ')
                ch = this.buffer[++indent + offset];
            if (ch === '\r') {
                const next = this.buffer[indent + offset + 1];
                if (next === '\n' || (!next && !this.atEnd))
                    return offset + indent + 1;
            }
            return ch === '\n' || indent >= this.indentNext || (!ch && !this.atEnd)
                ? offset + indent
                : -1;
        }
        if (ch === '-' || ch === '.') {
            const dt = this.buffer.substr(offset, 3);
            if ((dt === '---' || dt === '...') && isEmpty(this.buffer[offset + 3]))
                return -1;
        }
        return offset;
    }
    getLine() {
        let end = this.lineEndPos;
        if (typeof end !== 'number' || (end !== -1 && end < this.pos)) {
            end = this.buffer.indexOf('\n', this.pos);
            this.lineEndPos = end;
        }
        if (end === -1)
            return this.atEnd ? this.buffer.substring(this.pos) : null;
        if (this.buffer[end - 1] === '\r')
            end -= 1;
        return this.buffer.substring(this.pos, end);
    }
    hasChars(n) {
        return this.pos + n <= this.buffer.length;
    }
    setNext(state) {
        this.buffer = this.buffer.substring(this.pos);
        this.pos = 0;
        this.lineEndPos = null;
        this.next = state;
        return null;
    }
    peek(n) {
        return this.buffer.substr(this.pos, n);
    }
    *parseNext(next) {
        switch (next) {
            case 'stream':
                return yield* this.parseStream();
            case 'line-start':
                return yield* this.parseLineStart();
            case 'block-start':
                return yield* this.parseBlockStart();
            case 'doc':
                return yield* this.parseDocument();
            case 'flow':
                return yield* this.parseFlowCollection();
            case 'quoted-scalar':
                return yield* this.parseQuotedScalar();
            case 'block-scalar':
                return yield* this.parseBlockScalar();
            case 'plain-scalar':
                return yield* this.parsePlainScalar();
        }
    }
    *parseStream() {
        let line = this.getLine();
        if (line === null)
            return this.setNext('stream');
        if (line[0] === cst.BOM) {
            yield* this.pushCount(1);
            line = line.substring(1);
        }
        if (line[0] === '%') {
            let dirEnd = line.length;
            let cs = line.indexOf('#');
            while (cs !== -1) {
                const ch = line[cs - 1];
                if (ch === ' ' || ch === '\t') {
                    dirEnd = cs - 1;
                    break;
                }
                else {
                    cs = line.indexOf('#', cs + 1);
                }
            }
            while (true) {
                const ch = line[dirEnd - 1];
                if (ch === ' ' || ch === '\t')
                    dirEnd -= 1;
                else
                    break;
            }
            const n = (yield* this.pushCount(dirEnd)) + (yield* this.pushSpaces(true));
            yield* this.pushCount(line.length - n); // possible comment
            this.pushNewline();
            return 'stream';
        }
        if (this.atLineEnd()) {
            const sp = yield* this.pushSpaces(true);
            yield* this.pushCount(line.length - sp);
            yield* this.pushNewline();
            return 'stream';
        }
        yield cst.DOCUMENT;
        return yield* this.parseLineStart();
    }
    *parseLineStart() {
        const ch = this.charAt(0);
        if (!ch && !this.atEnd)
            return this.setNext('line-start');
        if (ch === '-' || ch === '.') {
            if (!this.atEnd && !this.hasChars(4))
                return this.setNext('line-start');
            const s = this.peek(3);
            if ((s === '---' || s === '...') && isEmpty(this.charAt(3))) {
                yield* this.pushCount(3);
                this.indentValue = 0;
                this.indentNext = 0;
                return s === '---' ? 'doc' : 'stream';
            }
        }
        this.indentValue = yield* this.pushSpaces(false);
        if (this.indentNext > this.indentValue && !isEmpty(this.charAt(1)))
            this.indentNext = this.indentValue;
        return yield* this.parseBlockStart();
    }
    *parseBlockStart() {
        const [ch0, ch1] = this.peek(2);
        if (!ch1 && !this.atEnd)
            return this.setNext('block-start');
        if ((ch0 === '-' || ch0 === '?' || ch0 === ':') && isEmpty(ch1)) {
            const n = (yield* this.pushCount(1)) + (yield* this.pushSpaces(true));
            this.indentNext = this.indentValue + 1;
            this.indentValue += n;
            return 'block-start';
        }
        return 'doc';
    }
    *parseDocument() {
        yield* this.pushSpaces(true);
        const line = this.getLine();
        if (line === null)
            return this.setNext('doc');
        let n = yield* this.pushIndicators();
        switch (line[n]) {
            case '#':
                yield* this.pushCount(line.length - n);
            // fallthrough
            case undefined:
                yield* this.pushNewline();
                return yield* this.parseLineStart();
            case '{':
            case '[':
                yield* this.pushCount(1);
                this.flowKey = false;
                this.flowLevel = 1;
                return 'flow';
            case '}':
            case ']':
                // this is an error
                yield* this.pushCount(1);
                return 'doc';
            case '*':
                yield* this.pushUntil(isNotAnchorChar);
                return 'doc';
            case '"':
            case "'":
                return yield* this.parseQuotedScalar();
            case '|':
            case '>':
                n += yield* this.parseBlockScalarHeader();
                n += yield* this.pushSpaces(true);
                yield* this.pushCount(line.length - n);
                yield* this.pushNewline();
                return yield* this.parseBlockScalar();
            default:
                return yield* this.parsePlainScalar();
        }
    }
    *parseFlowCollection() {
        let nl, sp;
        let indent = -1;
        do {
            nl = yield* this.pushNewline();
            if (nl > 0) {
                sp = yield* this.pushSpaces(false);
                this.indentValue = indent = sp;
            }
            else {
                sp = 0;
            }
            sp += yield* this.pushSpaces(true);
        } while (nl + sp > 0);
        const line = this.getLine();
        if (line === null)
            return this.setNext('flow');
        if ((indent !== -1 && indent < this.indentNext && line[0] !== '#') ||
            (indent === 0 &&
                (line.startsWith('---') || line.startsWith('...')) &&
                isEmpty(line[3]))) {
            // Allowing for the terminal ] or } at the same (rather than greater)
            // indent level as the initial [ or { is technically invalid, but
            // failing here would be surprising to users.
            const atFlowEndMarker = indent === this.indentNext - 1 &&
                this.flowLevel === 1 &&
                (line[0] === ']' || line[0] === '}');
            if (!atFlowEndMarker) {
                // this is an error
                this.flowLevel = 0;
                yield cst.FLOW_END;
                return yield* this.parseLineStart();
            }
        }
        let n = 0;
        while (line[n] === ',') {
            n += yield* this.pushCount(1);
            n += yield* this.pushSpaces(true);
            this.flowKey = false;
        }
        n += yield* this.pushIndicators();
        switch (line[n]) {
            case undefined:
                return 'flow';
            case '#':
                yield* this.pushCount(line.length - n);
                return 'flow';
            case '{':
            case '[':
                yield* this.pushCount(1);
                this.flowKey = false;
                this.flowLevel += 1;
                return 'flow';
            case '}':
            case ']':
                yield* this.pushCount(1);
                this.flowKey = true;
                this.flowLevel -= 1;
                return this.flowLevel ? 'flow' : 'doc';
            case '*':
                yield* this.pushUntil(isNotAnchorChar);
                return 'flow';
            case '"':
            case "'":
                this.flowKey = true;
                return yield* this.parseQuotedScalar();
            case ':': {
                const next = this.charAt(1);
                if (this.flowKey || isEmpty(next) || next === ',') {
                    this.flowKey = false;
                    yield* this.pushCount(1);
                    yield* this.pushSpaces(true);
                    return 'flow';
                }
            }
            // fallthrough
            default:
                this.flowKey = false;
                return yield* this.parsePlainScalar();
        }
    }
    *parseQuotedScalar() {
        const quote = this.charAt(0);
        let end = this.buffer.indexOf(quote, this.pos + 1);
        if (quote === "'") {
            while (end !== -1 && this.buffer[end + 1] === "'")
                end = this.buffer.indexOf("'", end + 2);
        }
        else {
            // double-quote
            while (end !== -1) {
                let n = 0;
                while (this.buffer[end - 1 - n] === '\\')
                    n += 1;
                if (n % 2 === 0)
                    break;
                end = this.buffer.indexOf('"', end + 1);
            }
        }
        // Only looking for newlines within the quotes
        const qb = this.buffer.substring(0, end);
        let nl = qb.indexOf('\n', this.pos);
        if (nl !== -1) {
            while (nl !== -1) {
                const cs = this.continueScalar(nl + 1);
                if (cs === -1)
                    break;
                nl = qb.indexOf('\n', cs);
            }
            if (nl !== -1) {
                // this is an error caused by an unexpected unindent
                end = nl - (qb[nl - 1] === '\r' ? 2 : 1);
            }
        }
        if (end === -1) {
            if (!this.atEnd)
                return this.setNext('quoted-scalar');
            end = this.buffer.length;
        }
        yield* this.pushToIndex(end + 1, false);
        return this.flowLevel ? 'flow' : 'doc';
    }
    *parseBlockScalarHeader() {
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        let i = this.pos;
        while (true) {
            const ch = this.buffer[++i];
            if (ch === '+')
                this.blockScalarKeep = true;
            else if (ch > '0' && ch <= '9')
                this.blockScalarIndent = Number(ch) - 1;
            else if (ch !== '-')
                break;
        }
        return yield* this.pushUntil(ch => isEmpty(ch) || ch === '#');
    }
    *parseBlockScalar() {
        let nl = this.pos - 1; // may be -1 if this.pos === 0
        let indent = 0;
        let ch;
        loop: for (let i = this.pos; (ch = this.buffer[i]); ++i) {
            switch (ch) {
                case ' ':
                    indent += 1;
                    break;
                case '\n':
                    nl = i;
                    indent = 0;
                    break;
                case '\r': {
                    const next = this.buffer[i + 1];
                    if (!next && !this.atEnd)
                        return this.setNext('block-scalar');
                    if (next === '\n')
                        break;
                } // fallthrough
                default:
                    break loop;
            }
        }
        if (!ch && !this.atEnd)
            return this.setNext('block-scalar');
        if (indent >= this.indentNext) {
            if (this.blockScalarIndent === -1)
                this.indentNext = indent;
            else {
                this.indentNext =
                    this.blockScalarIndent + (this.indentNext === 0 ? 1 : this.indentNext);
            }
            do {
                const cs = this.continueScalar(nl + 1);
                if (cs === -1)
                    break;
                nl = this.buffer.indexOf('\n', cs);
            } while (nl !== -1);
            if (nl === -1) {
                if (!this.atEnd)
                    return this.setNext('block-scalar');
                nl = this.buffer.length;
            }
        }
        // Trailing insufficiently indented tabs are invalid.
        // To catch that during parsing, we include them in the block scalar value.
        let i = nl + 1;
        ch = this.buffer[i];
        while (ch === ' ')
            ch = this.buffer[++i];
        if (ch === '\t') {
            while (ch === '\t' || ch === ' ' || ch === '\r' || ch === '\n')
                ch = this.buffer[++i];
            nl = i - 1;
        }
        else if (!this.blockScalarKeep) {
            do {
                let i = nl - 1;
                let ch = this.buffer[i];
                if (ch === '\r')
                    ch = this.buffer[--i];
                const lastChar = i; // Drop the line if last char not more indented
                while (ch === ' ')
                    ch = this.buffer[--i];
                if (ch === '\n' && i >= this.pos && i + 1 + indent > lastChar)
                    nl = i;
                else
                    break;
            } while (true);
        }
        yield cst.SCALAR;
        yield* this.pushToIndex(nl + 1, true);
        return yield* this.parseLineStart();
    }
    *parsePlainScalar() {
        const inFlow = this.flowLevel > 0;
        let end = this.pos - 1;
        let i = this.pos - 1;
        let ch;
        while ((ch = this.buffer[++i])) {
            if (ch === ':') {
                const next = this.buffer[i + 1];
                if (isEmpty(next) || (inFlow && flowIndicatorChars.has(next)))
                    break;
                end = i;
            }
            else if (isEmpty(ch)) {
                let next = this.buffer[i + 1];
                if (ch === '\r') {
                    if (next === '\n') {
                        i += 1;
                        ch = '\n';
                        next = this.buffer[i + 1];
                    }
                    else
                        end = i;
                }
                if (next === '#' || (inFlow && flowIndicatorChars.has(next)))
                    break;
                if (ch === '\n') {
                    const cs = this.continueScalar(i + 1);
                    if (cs === -1)
                        break;
                    i = Math.max(i, cs - 2); // to advance, but still account for ' #'
                }
            }
            else {
                if (inFlow && flowIndicatorChars.has(ch))
                    break;
                end = i;
            }
        }
        if (!ch && !this.atEnd)
            return this.setNext('plain-scalar');
        yield cst.SCALAR;
        yield* this.pushToIndex(end + 1, true);
        return inFlow ? 'flow' : 'doc';
    }
    *pushCount(n) {
        if (n > 0) {
            yield this.buffer.substr(this.pos, n);
            this.pos += n;
            return n;
        }
        return 0;
    }
    *pushToIndex(i, allowEmpty) {
        const s = this.buffer.slice(this.pos, i);
        if (s) {
            yield s;
            this.pos += s.length;
            return s.length;
        }
        else if (allowEmpty)
            yield '';
        return 0;
    }
    *pushIndicators() {
        let n = 0;
        loop: while (true) {
            switch (this.charAt(0)) {
                case '!':
                    n += yield* this.pushTag();
                    n += yield* this.pushSpaces(true);
                    continue loop;
                case '&':
                    n += yield* this.pushUntil(isNotAnchorChar);
                    n += yield* this.pushSpaces(true);
                    continue loop;
                case '-': // this is an error
                case '?': // this is an error outside flow collections
                case ':': {
                    const inFlow = this.flowLevel > 0;
                    const ch1 = this.charAt(1);
                    if (isEmpty(ch1) || (inFlow && flowIndicatorChars.has(ch1))) {
                        if (!inFlow)
                            this.indentNext = this.indentValue + 1;
                        else if (this.flowKey)
                            this.flowKey = false;
                        n += yield* this.pushCount(1);
                        n += yield* this.pushSpaces(true);
                        continue loop;
                    }
                }
            }
            break loop;
        }
        return n;
    }
    *pushTag() {
        if (this.charAt(1) === '<') {
            let i = this.pos + 2;
            let ch = this.buffer[i];
            while (!isEmpty(ch) && ch !== '>')
                ch = this.buffer[++i];
            return yield* this.pushToIndex(ch === '>' ? i + 1 : i, false);
        }
        else {
            let i = this.pos + 1;
            let ch = this.buffer[i];
            while (ch) {
                if (tagChars.has(ch))
                    ch = this.buffer[++i];
                else if (ch === '%' &&
                    hexDigits.has(this.buffer[i + 1]) &&
                    hexDigits.has(this.buffer[i + 2])) {
                    ch = this.buffer[(i += 3)];
                }
                else
                    break;
            }
            return yield* this.pushToIndex(i, false);
        }
    }
    *pushNewline() {
        const ch = this.buffer[this.pos];
        if (ch === '\n')
            return yield* this.pushCount(1);
        else if (ch === '\r' && this.charAt(1) === '\n')
            return yield* this.pushCount(2);
        else
            return 0;
    }
    *pushSpaces(allowTabs) {
        let i = this.pos - 1;
        let ch;
        do {
            ch = this.buffer[++i];
        } while (ch === ' ' || (allowTabs && ch === '\t'));
        const n = i - this.pos;
        if (n > 0) {
            yield this.buffer.substr(this.pos, n);
            this.pos = i;
        }
        return n;
    }
    *pushUntil(test) {
        let i = this.pos;
        let ch = this.buffer[i];
        while (!test(ch))
            ch = this.buffer[++i];
        return yield* this.pushToIndex(i, false);
    }
}

exports.Lexer = Lexer;


/***/ }),

/***/ 6628:
/***/ ((__unused_webpack_module, exports) => {



/**
 * Tracks newlines during parsing in order to provide an efficient API for
 * determining the one-indexed `{ line, col }` position for any offset
 * within the input.
 */
class LineCounter {
    constructor() {
        this.lineStarts = [];
        /**
         * Should be called in ascending order. Otherwise, call
         * `lineCounter.lineStarts.sort()` before calling `linePos()`.
         */
        this.addNewLine = (offset) => this.lineStarts.push(offset);
        /**
         * Performs a binary search and returns the 1-indexed { line, col }
         * position of `offset`. If `line === 0`, `addNewLine` has never been
         * called or `offset` is before the first known newline.
         */
        this.linePos = (offset) => {
            let low = 0;
            let high = this.lineStarts.length;
            while (low < high) {
                const mid = (low + high) >> 1; // Math.floor((low + high) / 2)
                if (this.lineStarts[mid] < offset)
                    low = mid + 1;
                else
                    high = mid;
            }
            if (this.lineStarts[low] === offset)
                return { line: low + 1, col: 1 };
            if (low === 0)
                return { line: 0, col: offset };
            const start = this.lineStarts[low - 1];
            return { line: low, col: offset - start + 1 };
        };
    }
}

exports.LineCounter = LineCounter;


/***/ }),

/***/ 3456:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var node_process = __nccwpck_require__(932);
var cst = __nccwpck_require__(3461);
var lexer = __nccwpck_require__(361);

function includesToken(list, type) {
    for (let i = 0; i < list.length; ++i)
        if (list[i].type === type)
            return true;
    return false;
}
function findNonEmptyIndex(list) {
    for (let i = 0; i < list.length; ++i) {
        switch (list[i].type) {
            case 'space':
            case 'comment':
            case 'newline':
                break;
            default:
                return i;
        }
    }
    return -1;
}
function isFlowToken(token) {
    switch (token?.type) {
        case 'alias':
        case 'scalar':
        case 'single-quoted-scalar':
        case 'double-quoted-scalar':
        case 'flow-collection':
            return true;
        default:
            return false;
    }
}
function getPrevProps(parent) {
    switch (parent.type) {
        case 'document':
            return parent.start;
        case 'block-map': {
            const it = parent.items[parent.items.length - 1];
            return it.sep ?? it.start;
        }
        case 'block-seq':
            return parent.items[parent.items.length - 1].start;
        /* istanbul ignore next should not happen */
        default:
            return [];
    }
}
/** Note: May modify input array */
function getFirstKeyStartProps(prev) {
    if (prev.length === 0)
        return [];
    let i = prev.length;
    loop: while (--i >= 0) {
        switch (prev[i].type) {
            case 'doc-start':
            case 'explicit-key-ind':
            case 'map-value-ind':
            case 'seq-item-ind':
            case 'newline':
                break loop;
        }
    }
    while (prev[++i]?.type === 'space') {
        /* loop */
    }
    return prev.splice(i, prev.length);
}
function arrayPushArray(target, source) {
    // May exhaust call stack with large `source` array
    if (source.length < 1e5)
        Array.prototype.push.apply(target, source);
    else
        for (let i = 0; i < source.length; ++i)
            target.push(source[i]);
}
function fixFlowSeqItems(fc) {
    if (fc.start.type === 'flow-seq-start') {
        for (const it of fc.items) {
            if (it.sep &&
                !it.value &&
                !includesToken(it.start, 'explicit-key-ind') &&
                !includesToken(it.sep, 'map-value-ind')) {
                if (it.key)
                    it.value = it.key;
                delete it.key;
                if (isFlowToken(it.value)) {
                    if (it.value.end)
                        arrayPushArray(it.value.end, it.sep);
                    else
                        it.value.end = it.sep;
                }
                else
                    arrayPushArray(it.start, it.sep);
                delete it.sep;
            }
        }
    }
}
/**
 * A YAML concrete syntax tree (CST) parser
 *
 * ```ts
 * const src: string = ...
 * for (const token of new Parser().parse(src)) {
 *   // token: Token
 * }
 * ```
 *
 * To use the parser with a user-provided lexer:
 *
 * ```ts
 * function* parse(source: string, lexer: Lexer) {
 *   const parser = new Parser()
 *   for (const lexeme of lexer.lex(source))
 *     yield* parser.next(lexeme)
 *   yield* parser.end()
 * }
 *
 * const src: string = ...
 * const lexer = new Lexer()
 * for (const token of parse(src, lexer)) {
 *   // token: Token
 * }
 * ```
 */
class Parser {
    /**
     * @param onNewLine - If defined, called separately with the start position of
     *   each new line (in `parse()`, including the start of input).
     */
    constructor(onNewLine) {
        /** If true, space and sequence indicators count as indentation */
        this.atNewLine = true;
        /** If true, next token is a scalar value */
        this.atScalar = false;
        /** Current indentation level */
        this.indent = 0;
        /** Current offset since the start of parsing */
        this.offset = 0;
        /** On the same line with a block map key */
        this.onKeyLine = false;
        /** Top indicates the node that's currently being built */
        this.stack = [];
        /** The source of the current token, set in parse() */
        this.source = '';
        /** The type of the current token, set in parse() */
        this.type = '';
        // Must be defined after `next()`
        this.lexer = new lexer.Lexer();
        this.onNewLine = onNewLine;
    }
    /**
     * Parse `source` as a YAML stream.
     * If `incomplete`, a part of the last line may be left as a buffer for the next call.
     *
     * Errors are not thrown, but yielded as `{ type: 'error', message }` tokens.
     *
     * @returns A generator of tokens representing each directive, document, and other structure.
     */
    *parse(source, incomplete = false) {
        if (this.onNewLine && this.offset === 0)
            this.onNewLine(0);
        for (const lexeme of this.lexer.lex(source, incomplete))
            yield* this.next(lexeme);
        if (!incomplete)
            yield* this.end();
    }
    /**
     * Advance the parser by the `source` of one lexical token.
     */
    *next(source) {
        this.source = source;
        if (node_process.env.LOG_TOKENS)
            console.log('|', cst.prettyToken(source));
        if (this.atScalar) {
            this.atScalar = false;
            yield* this.step();
            this.offset += source.length;
            return;
        }
        const type = cst.tokenType(source);
        if (!type) {
            const message = `Not a YAML token: ${source}`;
            yield* this.pop({ type: 'error', offset: this.offset, message, source });
            this.offset += source.length;
        }
        else if (type === 'scalar') {
            this.atNewLine = false;
            this.atScalar = true;
            this.type = 'scalar';
        }
        else {
            this.type = type;
            yield* this.step();
            switch (type) {
                case 'newline':
                    this.atNewLine = true;
                    this.indent = 0;
                    if (this.onNewLine)
                        this.onNewLine(this.offset + source.length);
                    break;
                case 'space':
                    if (this.atNewLine && source[0] === ' ')
                        this.indent += source.length;
                    break;
                case 'explicit-key-ind':
                case 'map-value-ind':
                case 'seq-item-ind':
                    if (this.atNewLine)
                        this.indent += source.length;
                    break;
                case 'doc-mode':
                case 'flow-error-end':
                    return;
                default:
                    this.atNewLine = false;
            }
            this.offset += source.length;
        }
    }
    /** Call at end of input to push out any remaining constructions */
    *end() {
        while (this.stack.length > 0)
            yield* this.pop();
    }
    get sourceToken() {
        const st = {
            type: this.type,
            offset: this.offset,
            indent: this.indent,
            source: this.source
        };
        return st;
    }
    *step() {
        const top = this.peek(1);
        if (this.type === 'doc-end' && top?.type !== 'doc-end') {
            while (this.stack.length > 0)
                yield* this.pop();
            this.stack.push({
                type: 'doc-end',
                offset: this.offset,
                source: this.source
            });
            return;
        }
        if (!top)
            return yield* this.stream();
        switch (top.type) {
            case 'document':
                return yield* this.document(top);
            case 'alias':
            case 'scalar':
            case 'single-quoted-scalar':
            case 'double-quoted-scalar':
                return yield* this.scalar(top);
            case 'block-scalar':
                return yield* this.blockScalar(top);
            case 'block-map':
                return yield* this.blockMap(top);
            case 'block-seq':
                return yield* this.blockSequence(top);
            case 'flow-collection':
                return yield* this.flowCollection(top);
            case 'doc-end':
                return yield* this.documentEnd(top);
        }
        /* istanbul ignore next should not happen */
        yield* this.pop();
    }
    peek(n) {
        return this.stack[this.stack.length - n];
    }
    *pop(error) {
        const token = error ?? this.stack.pop();
        /* istanbul ignore if should not happen */
        if (!token) {
            const message = 'Tried to pop an empty stack';
            yield { type: 'error', offset: this.offset, source: '', message };
        }
        else if (this.stack.length === 0) {
            yield token;
        }
        else {
            const top = this.peek(1);
            if (token.type === 'block-scalar') {
                // Block scalars use their parent rather than header indent
                token.indent = 'indent' in top ? top.indent : 0;
            }
            else if (token.type === 'flow-collection' && top.type === 'document') {
                // Ignore all indent for top-level flow collections
                token.indent = 0;
            }
            if (token.type === 'flow-collection')
                fixFlowSeqItems(token);
            switch (top.type) {
                case 'document':
                    top.value = token;
                    break;
                case 'block-scalar':
                    top.props.push(token); // error
                    break;
                case 'block-map': {
                    const it = top.items[top.items.length - 1];
                    if (it.value) {
                        top.items.push({ start: [], key: token, sep: [] });
                        this.onKeyLine = true;
                        return;
                    }
                    else if (it.sep) {
                        it.value = token;
                    }
                    else {
                        Object.assign(it, { key: token, sep: [] });
                        this.onKeyLine = !it.explicitKey;
                        return;
                    }
                    break;
                }
                case 'block-seq': {
                    const it = top.items[top.items.length - 1];
                    if (it.value)
                        top.items.push({ start: [], value: token });
                    else
                        it.value = token;
                    break;
                }
                case 'flow-collection': {
                    const it = top.items[top.items.length - 1];
                    if (!it || it.value)
                        top.items.push({ start: [], key: token, sep: [] });
                    else if (it.sep)
                        it.value = token;
                    else
                        Object.assign(it, { key: token, sep: [] });
                    return;
                }
                /* istanbul ignore next should not happen */
                default:
                    yield* this.pop();
                    yield* this.pop(token);
            }
            if ((top.type === 'document' ||
                top.type === 'block-map' ||
                top.type === 'block-seq') &&
                (token.type === 'block-map' || token.type === 'block-seq')) {
                const last = token.items[token.items.length - 1];
                if (last &&
                    !last.sep &&
                    !last.value &&
                    last.start.length > 0 &&
                    findNonEmptyIndex(last.start) === -1 &&
                    (token.indent === 0 ||
                        last.start.every(st => st.type !== 'comment' || st.indent < token.indent))) {
                    if (top.type === 'document')
                        top.end = last.start;
                    else
                        top.items.push({ start: last.start });
                    token.items.splice(-1, 1);
                }
            }
        }
    }
    *stream() {
        switch (this.type) {
            case 'directive-line':
                yield { type: 'directive', offset: this.offset, source: this.source };
                return;
            case 'byte-order-mark':
            case 'space':
            case 'comment':
            case 'newline':
                yield this.sourceToken;
                return;
            case 'doc-mode':
            case 'doc-start': {
                const doc = {
                    type: 'document',
                    offset: this.offset,
                    start: []
                };
                if (this.type === 'doc-start')
                    doc.start.push(this.sourceToken);
                this.stack.push(doc);
                return;
            }
        }
        yield {
            type: 'error',
            offset: this.offset,
            message: `Unexpected ${this.type} token in YAML stream`,
            source: this.source
        };
    }
    *document(doc) {
        if (doc.value)
            return yield* this.lineEnd(doc);
        switch (this.type) {
            case 'doc-start': {
                if (findNonEmptyIndex(doc.start) !== -1) {
                    yield* this.pop();
                    yield* this.step();
                }
                else
                    doc.start.push(this.sourceToken);
                return;
            }
            case 'anchor':
            case 'tag':
            case 'space':
            case 'comment':
            case 'newline':
                doc.start.push(this.sourceToken);
                return;
        }
        const bv = this.startBlockValue(doc);
        if (bv)
            this.stack.push(bv);
        else {
            yield {
                type: 'error',
                offset: this.offset,
                message: `Unexpected ${this.type} token in YAML document`,
                source: this.source
            };
        }
    }
    *scalar(scalar) {
        if (this.type === 'map-value-ind') {
            const prev = getPrevProps(this.peek(2));
            const start = getFirstKeyStartProps(prev);
            let sep;
            if (scalar.end) {
                sep = scalar.end;
                sep.push(this.sourceToken);
                delete scalar.end;
            }
            else
                sep = [this.sourceToken];
            const map = {
                type: 'block-map',
                offset: scalar.offset,
                indent: scalar.indent,
                items: [{ start, key: scalar, sep }]
            };
            this.onKeyLine = true;
            this.stack[this.stack.length - 1] = map;
        }
        else
            yield* this.lineEnd(scalar);
    }
    *blockScalar(scalar) {
        switch (this.type) {
            case 'space':
            case 'comment':
            case 'newline':
                scalar.props.push(this.sourceToken);
                return;
            case 'scalar':
                scalar.source = this.source;
                // block-scalar source includes trailing newline
                this.atNewLine = true;
                this.indent = 0;
                if (this.onNewLine) {
                    let nl = this.source.indexOf('\n') + 1;
                    while (nl !== 0) {
                        this.onNewLine(this.offset + nl);
                        nl = this.source.indexOf('\n', nl) + 1;
                    }
                }
                yield* this.pop();
                break;
            /* istanbul ignore next should not happen */
            default:
                yield* this.pop();
                yield* this.step();
        }
    }
    *blockMap(map) {
        const it = map.items[map.items.length - 1];
        // it.sep is true-ish if pair already has key or : separator
        switch (this.type) {
            case 'newline':
                this.onKeyLine = false;
                if (it.value) {
                    const end = 'end' in it.value ? it.value.end : undefined;
                    const last = Array.isArray(end) ? end[end.length - 1] : undefined;
                    if (last?.type === 'comment')
                        end?.push(this.sourceToken);
                    else
                        map.items.push({ start: [this.sourceToken] });
                }
                else if (it.sep) {
                    it.sep.push(this.sourceToken);
                }
                else {
                    it.start.push(this.sourceToken);
                }
                return;
            case 'space':
            case 'comment':
                if (it.value) {
                    map.items.push({ start: [this.sourceToken] });
                }
                else if (it.sep) {
                    it.sep.push(this.sourceToken);
                }
                else {
                    if (this.atIndentedComment(it.start, map.indent)) {
                        const prev = map.items[map.items.length - 2];
                        const end = prev?.value?.end;
                        if (Array.isArray(end)) {
                            arrayPushArray(end, it.start);
                            end.push(this.sourceToken);
                            map.items.pop();
                            return;
                        }
                    }
                    it.start.push(this.sourceToken);
                }
                return;
        }
        if (this.indent >= map.indent) {
            const atMapIndent = !this.onKeyLine && this.indent === map.indent;
            const atNextItem = atMapIndent &&
                (it.sep || it.explicitKey) &&
                this.type !== 'seq-item-ind';
            // For empty nodes, assign newline-separated not indented empty tokens to following node
            let start = [];
            if (atNextItem && it.sep && !it.value) {
                const nl = [];
                for (let i = 0; i < it.sep.length; ++i) {
                    const st = it.sep[i];
                    switch (st.type) {
                        case 'newline':
                            nl.push(i);
                            break;
                        case 'space':
                            break;
                        case 'comment':
                            if (st.indent > map.indent)
                                nl.length = 0;
                            break;
                        default:
                            nl.length = 0;
                    }
                }
                if (nl.length >= 2)
                    start = it.sep.splice(nl[1]);
            }
            switch (this.type) {
                case 'anchor':
                case 'tag':
                    if (atNextItem || it.value) {
                        start.push(this.sourceToken);
                        map.items.push({ start });
                        this.onKeyLine = true;
                    }
                    else if (it.sep) {
                        it.sep.push(this.sourceToken);
                    }
                    else {
                        it.start.push(this.sourceToken);
                    }
                    return;
                case 'explicit-key-ind':
                    if (!it.sep && !it.explicitKey) {
                        it.start.push(this.sourceToken);
                        it.explicitKey = true;
                    }
                    else if (atNextItem || it.value) {
                        start.push(this.sourceToken);
                        map.items.push({ start, explicitKey: true });
                    }
                    else {
                        this.stack.push({
                            type: 'block-map',
                            offset: this.offset,
                            indent: this.indent,
                            items: [{ start: [this.sourceToken], explicitKey: true }]
                        });
                    }
                    this.onKeyLine = true;
                    return;
                case 'map-value-ind':
                    if (it.explicitKey) {
                        if (!it.sep) {
                            if (includesToken(it.start, 'newline')) {
                                Object.assign(it, { key: null, sep: [this.sourceToken] });
                            }
                            else {
                                const start = getFirstKeyStartProps(it.start);
                                this.stack.push({
                                    type: 'block-map',
                                    offset: this.offset,
                                    indent: this.indent,
                                    items: [{ start, key: null, sep: [this.sourceToken] }]
                                });
                            }
                        }
                        else if (it.value) {
                            map.items.push({ start: [], key: null, sep: [this.sourceToken] });
                        }
                        else if (includesToken(it.sep, 'map-value-ind')) {
                            this.stack.push({
                                type: 'block-map',
                                offset: this.offset,
                                indent: this.indent,
                                items: [{ start, key: null, sep: [this.sourceToken] }]
                            });
                        }
                        else if (isFlowToken(it.key) &&
                            !includesToken(it.sep, 'newline')) {
                            const start = getFirstKeyStartProps(it.start);
                            const key = it.key;
                            const sep = it.sep;
                            sep.push(this.sourceToken);
                            // @ts-expect-error type guard is wrong here
                            delete it.key;
                            // @ts-expect-error type guard is wrong here
                            delete it.sep;
                            this.stack.push({
                                type: 'block-map',
                                offset: this.offset,
                                indent: this.indent,
                                items: [{ start, key, sep }]
                            });
                        }
                        else if (start.length > 0) {
                            // Not actually at next item
                            it.sep = it.sep.concat(start, this.sourceToken);
                        }
                        else {
                            it.sep.push(this.sourceToken);
                        }
                    }
                    else {
                        if (!it.sep) {
                            Object.assign(it, { key: null, sep: [this.sourceToken] });
                        }
                        else if (it.value || atNextItem) {
                            map.items.push({ start, key: null, sep: [this.sourceToken] });
                        }
                        else if (includesToken(it.sep, 'map-value-ind')) {
                            this.stack.push({
                                type: 'block-map',
                                offset: this.offset,
                                indent: this.indent,
                                items: [{ start: [], key: null, sep: [this.sourceToken] }]
                            });
                        }
                        else {
                            it.sep.push(this.sourceToken);
                        }
                    }
                    this.onKeyLine = true;
                    return;
                case 'alias':
                case 'scalar':
                case 'single-quoted-scalar':
                case 'double-quoted-scalar': {
                    const fs = this.flowScalar(this.type);
                    if (atNextItem || it.value) {
                        map.items.push({ start, key: fs, sep: [] });
                        this.onKeyLine = true;
                    }
                    else if (it.sep) {
                        this.stack.push(fs);
                    }
                    else {
                        Object.assign(it, { key: fs, sep: [] });
                        this.onKeyLine = true;
                    }
                    return;
                }
                default: {
                    const bv = this.startBlockValue(map);
                    if (bv) {
                        if (bv.type === 'block-seq') {
                            if (!it.explicitKey &&
                                it.sep &&
                                !includesToken(it.sep, 'newline')) {
                                yield* this.pop({
                                    type: 'error',
                                    offset: this.offset,
                                    message: 'Unexpected block-seq-ind on same line with key',
                                    source: this.source
                                });
                                return;
                            }
                        }
                        else if (atMapIndent) {
                            map.items.push({ start });
                        }
                        this.stack.push(bv);
                        return;
                    }
                }
            }
        }
        yield* this.pop();
        yield* this.step();
    }
    *blockSequence(seq) {
        const it = seq.items[seq.items.length - 1];
        switch (this.type) {
            case 'newline':
                if (it.value) {
                    const end = 'end' in it.value ? it.value.end : undefined;
                    const last = Array.isArray(end) ? end[end.length - 1] : undefined;
                    if (last?.type === 'comment')
                        end?.push(this.sourceToken);
                    else
                        seq.items.push({ start: [this.sourceToken] });
                }
                else
                    it.start.push(this.sourceToken);
                return;
            case 'space':
            case 'comment':
                if (it.value)
                    seq.items.push({ start: [this.sourceToken] });
                else {
                    if (this.atIndentedComment(it.start, seq.indent)) {
                        const prev = seq.items[seq.items.length - 2];
                        const end = prev?.value?.end;
                        if (Array.isArray(end)) {
                            arrayPushArray(end, it.start);
                            end.push(this.sourceToken);
                            seq.items.pop();
                            return;
                        }
                    }
                    it.start.push(this.sourceToken);
                }
                return;
            case 'anchor':
            case 'tag':
                if (it.value || this.indent <= seq.indent)
                    break;
                it.start.push(this.sourceToken);
                return;
            case 'seq-item-ind':
                if (this.indent !== seq.indent)
                    break;
                if (it.value || includesToken(it.start, 'seq-item-ind'))
                    seq.items.push({ start: [this.sourceToken] });
                else
                    it.start.push(this.sourceToken);
                return;
        }
        if (this.indent > seq.indent) {
            const bv = this.startBlockValue(seq);
            if (bv) {
                this.stack.push(bv);
                return;
            }
        }
        yield* this.pop();
        yield* this.step();
    }
    *flowCollection(fc) {
        const it = fc.items[fc.items.length - 1];
        if (this.type === 'flow-error-end') {
            let top;
            do {
                yield* this.pop();
                top = this.peek(1);
            } while (top?.type === 'flow-collection');
        }
        else if (fc.end.length === 0) {
            switch (this.type) {
                case 'comma':
                case 'explicit-key-ind':
                    if (!it || it.sep)
                        fc.items.push({ start: [this.sourceToken] });
                    else
                        it.start.push(this.sourceToken);
                    return;
                case 'map-value-ind':
                    if (!it || it.value)
                        fc.items.push({ start: [], key: null, sep: [this.sourceToken] });
                    else if (it.sep)
                        it.sep.push(this.sourceToken);
                    else
                        Object.assign(it, { key: null, sep: [this.sourceToken] });
                    return;
                case 'space':
                case 'comment':
                case 'newline':
                case 'anchor':
                case 'tag':
                    if (!it || it.value)
                        fc.items.push({ start: [this.sourceToken] });
                    else if (it.sep)
                        it.sep.push(this.sourceToken);
                    else
                        it.start.push(this.sourceToken);
                    return;
                case 'alias':
                case 'scalar':
                case 'single-quoted-scalar':
                case 'double-quoted-scalar': {
                    const fs = this.flowScalar(this.type);
                    if (!it || it.value)
                        fc.items.push({ start: [], key: fs, sep: [] });
                    else if (it.sep)
                        this.stack.push(fs);
                    else
                        Object.assign(it, { key: fs, sep: [] });
                    return;
                }
                case 'flow-map-end':
                case 'flow-seq-end':
                    fc.end.push(this.sourceToken);
                    return;
            }
            const bv = this.startBlockValue(fc);
            /* istanbul ignore else should not happen */
            if (bv)
                this.stack.push(bv);
            else {
                yield* this.pop();
                yield* this.step();
            }
        }
        else {
            const parent = this.peek(2);
            if (parent.type === 'block-map' &&
                ((this.type === 'map-value-ind' && parent.indent === fc.indent) ||
                    (this.type === 'newline' &&
                        !parent.items[parent.items.length - 1].sep))) {
                yield* this.pop();
                yield* this.step();
            }
            else if (this.type === 'map-value-ind' &&
                parent.type !== 'flow-collection') {
                const prev = getPrevProps(parent);
                const start = getFirstKeyStartProps(prev);
                fixFlowSeqItems(fc);
                const sep = fc.end.splice(1, fc.end.length);
                sep.push(this.sourceToken);
                const map = {
                    type: 'block-map',
                    offset: fc.offset,
                    indent: fc.indent,
                    items: [{ start, key: fc, sep }]
                };
                this.onKeyLine = true;
                this.stack[this.stack.length - 1] = map;
            }
            else {
                yield* this.lineEnd(fc);
            }
        }
    }
    flowScalar(type) {
        if (this.onNewLine) {
            let nl = this.source.indexOf('\n') + 1;
            while (nl !== 0) {
                this.onNewLine(this.offset + nl);
                nl = this.source.indexOf('\n', nl) + 1;
            }
        }
        return {
            type,
            offset: this.offset,
            indent: this.indent,
            source: this.source
        };
    }
    startBlockValue(parent) {
        switch (this.type) {
            case 'alias':
            case 'scalar':
            case 'single-quoted-scalar':
            case 'double-quoted-scalar':
                return this.flowScalar(this.type);
            case 'block-scalar-header':
                return {
                    type: 'block-scalar',
                    offset: this.offset,
                    indent: this.indent,
                    props: [this.sourceToken],
                    source: ''
                };
            case 'flow-map-start':
            case 'flow-seq-start':
                return {
                    type: 'flow-collection',
                    offset: this.offset,
                    indent: this.indent,
                    start: this.sourceToken,
                    items: [],
                    end: []
                };
            case 'seq-item-ind':
                return {
                    type: 'block-seq',
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: [this.sourceToken] }]
                };
            case 'explicit-key-ind': {
                this.onKeyLine = true;
                const prev = getPrevProps(parent);
                const start = getFirstKeyStartProps(prev);
                start.push(this.sourceToken);
                return {
                    type: 'block-map',
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start, explicitKey: true }]
                };
            }
            case 'map-value-ind': {
                this.onKeyLine = true;
                const prev = getPrevProps(parent);
                const start = getFirstKeyStartProps(prev);
                return {
                    type: 'block-map',
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start, key: null, sep: [this.sourceToken] }]
                };
            }
        }
        return null;
    }
    atIndentedComment(start, indent) {
        if (this.type !== 'comment')
            return false;
        if (this.indent <= indent)
            return false;
        return start.every(st => st.type === 'newline' || st.type === 'space');
    }
    *documentEnd(docEnd) {
        if (this.type !== 'doc-mode') {
            if (docEnd.end)
                docEnd.end.push(this.sourceToken);
            else
                docEnd.end = [this.sourceToken];
            if (this.type === 'newline')
                yield* this.pop();
        }
    }
    *lineEnd(token) {
        switch (this.type) {
            case 'comma':
            case 'doc-start':
            case 'doc-end':
            case 'flow-seq-end':
            case 'flow-map-end':
            case 'map-value-ind':
                yield* this.pop();
                yield* this.step();
                break;
            case 'newline':
                this.onKeyLine = false;
            // fallthrough
            case 'space':
            case 'comment':
            default:
                // all other values are errors
                if (token.end)
                    token.end.push(this.sourceToken);
                else
                    token.end = [this.sourceToken];
                if (this.type === 'newline')
                    yield* this.pop();
        }
    }
}

exports.Parser = Parser;


/***/ }),

/***/ 4047:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var composer = __nccwpck_require__(9984);
var Document = __nccwpck_require__(3021);
var errors = __nccwpck_require__(1464);
var log = __nccwpck_require__(7249);
var identity = __nccwpck_require__(1127);
var lineCounter = __nccwpck_require__(6628);
var parser = __nccwpck_require__(3456);

function parseOptions(options) {
    const prettyErrors = options.prettyErrors !== false;
    const lineCounter$1 = options.lineCounter || (prettyErrors && new lineCounter.LineCounter()) || null;
    return { lineCounter: lineCounter$1, prettyErrors };
}
/**
 * Parse the input as a stream of YAML documents.
 *
 * Documents should be separated from each other by `...` or `---` marker lines.
 *
 * @returns If an empty `docs` array is returned, it will be of type
 *   EmptyStream and contain additional stream information. In
 *   TypeScript, you should use `'empty' in docs` as a type guard for it.
 */
function parseAllDocuments(source, options = {}) {
    const { lineCounter, prettyErrors } = parseOptions(options);
    const parser$1 = new parser.Parser(lineCounter?.addNewLine);
    const composer$1 = new composer.Composer(options);
    const docs = Array.from(composer$1.compose(parser$1.parse(source)));
    if (prettyErrors && lineCounter)
        for (const doc of docs) {
            doc.errors.forEach(errors.prettifyError(source, lineCounter));
            doc.warnings.forEach(errors.prettifyError(source, lineCounter));
        }
    if (docs.length > 0)
        return docs;
    return Object.assign([], { empty: true }, composer$1.streamInfo());
}
/** Parse an input string into a single YAML.Document */
function parseDocument(source, options = {}) {
    const { lineCounter, prettyErrors } = parseOptions(options);
    const parser$1 = new parser.Parser(lineCounter?.addNewLine);
    const composer$1 = new composer.Composer(options);
    // `doc` is always set by compose.end(true) at the very latest
    let doc = null;
    for (const _doc of composer$1.compose(parser$1.parse(source), true, source.length)) {
        if (!doc)
            doc = _doc;
        else if (doc.options.logLevel !== 'silent') {
            doc.errors.push(new errors.YAMLParseError(_doc.range.slice(0, 2), 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'));
            break;
        }
    }
    if (prettyErrors && lineCounter) {
        doc.errors.forEach(errors.prettifyError(source, lineCounter));
        doc.warnings.forEach(errors.prettifyError(source, lineCounter));
    }
    return doc;
}
function parse(src, reviver, options) {
    let _reviver = undefined;
    if (typeof reviver === 'function') {
        _reviver = reviver;
    }
    else if (options === undefined && reviver && typeof reviver === 'object') {
        options = reviver;
    }
    const doc = parseDocument(src, options);
    if (!doc)
        return null;
    doc.warnings.forEach(warning => log.warn(doc.options.logLevel, warning));
    if (doc.errors.length > 0) {
        if (doc.options.logLevel !== 'silent')
            throw doc.errors[0];
        else
            doc.errors = [];
    }
    return doc.toJS(Object.assign({ reviver: _reviver }, options));
}
function stringify(value, replacer, options) {
    let _replacer = null;
    if (typeof replacer === 'function' || Array.isArray(replacer)) {
        _replacer = replacer;
    }
    else if (options === undefined && replacer) {
        options = replacer;
    }
    if (typeof options === 'string')
        options = options.length;
    if (typeof options === 'number') {
        const indent = Math.round(options);
        options = indent < 1 ? undefined : indent > 8 ? { indent: 8 } : { indent };
    }
    if (value === undefined) {
        const { keepUndefined } = options ?? replacer ?? {};
        if (!keepUndefined)
            return undefined;
    }
    if (identity.isDocument(value) && !_replacer)
        return value.toString(options);
    return new Document.Document(value, _replacer, options).toString(options);
}

exports.parse = parse;
exports.parseAllDocuments = parseAllDocuments;
exports.parseDocument = parseDocument;
exports.stringify = stringify;


/***/ }),

/***/ 5840:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var map = __nccwpck_require__(7451);
var seq = __nccwpck_require__(1706);
var string = __nccwpck_require__(6464);
var tags = __nccwpck_require__(18);

const sortMapEntriesByKey = (a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
class Schema {
    constructor({ compat, customTags, merge, resolveKnownTags, schema, sortMapEntries, toStringDefaults }) {
        this.compat = Array.isArray(compat)
            ? tags.getTags(compat, 'compat')
            : compat
                ? tags.getTags(null, compat)
                : null;
        this.name = (typeof schema === 'string' && schema) || 'core';
        this.knownTags = resolveKnownTags ? tags.coreKnownTags : {};
        this.tags = tags.getTags(customTags, this.name, merge);
        this.toStringOptions = toStringDefaults ?? null;
        Object.defineProperty(this, identity.MAP, { value: map.map });
        Object.defineProperty(this, identity.SCALAR, { value: string.string });
        Object.defineProperty(this, identity.SEQ, { value: seq.seq });
        // Used by createMap()
        this.sortMapEntries =
            typeof sortMapEntries === 'function'
                ? sortMapEntries
                : sortMapEntries === true
                    ? sortMapEntriesByKey
                    : null;
    }
    clone() {
        const copy = Object.create(Schema.prototype, Object.getOwnPropertyDescriptors(this));
        copy.tags = this.tags.slice();
        return copy;
    }
}

exports.Schema = Schema;


/***/ }),

/***/ 7451:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var YAMLMap = __nccwpck_require__(4454);

const map = {
    collection: 'map',
    default: true,
    nodeClass: YAMLMap.YAMLMap,
    tag: 'tag:yaml.org,2002:map',
    resolve(map, onError) {
        if (!identity.isMap(map))
            onError('Expected a mapping for this tag');
        return map;
    },
    createNode: (schema, obj, ctx) => YAMLMap.YAMLMap.from(schema, obj, ctx)
};

exports.map = map;


/***/ }),

/***/ 3632:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);

const nullTag = {
    identify: value => value == null,
    createNode: () => new Scalar.Scalar(null),
    default: true,
    tag: 'tag:yaml.org,2002:null',
    test: /^(?:~|[Nn]ull|NULL)?$/,
    resolve: () => new Scalar.Scalar(null),
    stringify: ({ source }, ctx) => typeof source === 'string' && nullTag.test.test(source)
        ? source
        : ctx.options.nullStr
};

exports.nullTag = nullTag;


/***/ }),

/***/ 1706:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var YAMLSeq = __nccwpck_require__(2223);

const seq = {
    collection: 'seq',
    default: true,
    nodeClass: YAMLSeq.YAMLSeq,
    tag: 'tag:yaml.org,2002:seq',
    resolve(seq, onError) {
        if (!identity.isSeq(seq))
            onError('Expected a sequence for this tag');
        return seq;
    },
    createNode: (schema, obj, ctx) => YAMLSeq.YAMLSeq.from(schema, obj, ctx)
};

exports.seq = seq;


/***/ }),

/***/ 6464:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyString = __nccwpck_require__(3069);

const string = {
    identify: value => typeof value === 'string',
    default: true,
    tag: 'tag:yaml.org,2002:str',
    resolve: str => str,
    stringify(item, ctx, onComment, onChompKeep) {
        ctx = Object.assign({ actualString: true }, ctx);
        return stringifyString.stringifyString(item, ctx, onComment, onChompKeep);
    }
};

exports.string = string;


/***/ }),

/***/ 3959:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);

const boolTag = {
    identify: value => typeof value === 'boolean',
    default: true,
    tag: 'tag:yaml.org,2002:bool',
    test: /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
    resolve: str => new Scalar.Scalar(str[0] === 't' || str[0] === 'T'),
    stringify({ source, value }, ctx) {
        if (source && boolTag.test.test(source)) {
            const sv = source[0] === 't' || source[0] === 'T';
            if (value === sv)
                return source;
        }
        return value ? ctx.options.trueStr : ctx.options.falseStr;
    }
};

exports.boolTag = boolTag;


/***/ }),

/***/ 8405:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);
var stringifyNumber = __nccwpck_require__(8689);

const floatNaN = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
    resolve: str => str.slice(-3).toLowerCase() === 'nan'
        ? NaN
        : str[0] === '-'
            ? Number.NEGATIVE_INFINITY
            : Number.POSITIVE_INFINITY,
    stringify: stringifyNumber.stringifyNumber
};
const floatExp = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    format: 'EXP',
    test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
    resolve: str => parseFloat(str),
    stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
    }
};
const float = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
    resolve(str) {
        const node = new Scalar.Scalar(parseFloat(str));
        const dot = str.indexOf('.');
        if (dot !== -1 && str[str.length - 1] === '0')
            node.minFractionDigits = str.length - dot - 1;
        return node;
    },
    stringify: stringifyNumber.stringifyNumber
};

exports.float = float;
exports.floatExp = floatExp;
exports.floatNaN = floatNaN;


/***/ }),

/***/ 9874:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyNumber = __nccwpck_require__(8689);

const intIdentify = (value) => typeof value === 'bigint' || Number.isInteger(value);
const intResolve = (str, offset, radix, { intAsBigInt }) => (intAsBigInt ? BigInt(str) : parseInt(str.substring(offset), radix));
function intStringify(node, radix, prefix) {
    const { value } = node;
    if (intIdentify(value) && value >= 0)
        return prefix + value.toString(radix);
    return stringifyNumber.stringifyNumber(node);
}
const intOct = {
    identify: value => intIdentify(value) && value >= 0,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'OCT',
    test: /^0o[0-7]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 2, 8, opt),
    stringify: node => intStringify(node, 8, '0o')
};
const int = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    test: /^[-+]?[0-9]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
    stringify: stringifyNumber.stringifyNumber
};
const intHex = {
    identify: value => intIdentify(value) && value >= 0,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'HEX',
    test: /^0x[0-9a-fA-F]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
    stringify: node => intStringify(node, 16, '0x')
};

exports.int = int;
exports.intHex = intHex;
exports.intOct = intOct;


/***/ }),

/***/ 896:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var map = __nccwpck_require__(7451);
var _null = __nccwpck_require__(3632);
var seq = __nccwpck_require__(1706);
var string = __nccwpck_require__(6464);
var bool = __nccwpck_require__(3959);
var float = __nccwpck_require__(8405);
var int = __nccwpck_require__(9874);

const schema = [
    map.map,
    seq.seq,
    string.string,
    _null.nullTag,
    bool.boolTag,
    int.intOct,
    int.int,
    int.intHex,
    float.floatNaN,
    float.floatExp,
    float.float
];

exports.schema = schema;


/***/ }),

/***/ 3559:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);
var map = __nccwpck_require__(7451);
var seq = __nccwpck_require__(1706);

function intIdentify(value) {
    return typeof value === 'bigint' || Number.isInteger(value);
}
const stringifyJSON = ({ value }) => JSON.stringify(value);
const jsonScalars = [
    {
        identify: value => typeof value === 'string',
        default: true,
        tag: 'tag:yaml.org,2002:str',
        resolve: str => str,
        stringify: stringifyJSON
    },
    {
        identify: value => value == null,
        createNode: () => new Scalar.Scalar(null),
        default: true,
        tag: 'tag:yaml.org,2002:null',
        test: /^null$/,
        resolve: () => null,
        stringify: stringifyJSON
    },
    {
        identify: value => typeof value === 'boolean',
        default: true,
        tag: 'tag:yaml.org,2002:bool',
        test: /^true$|^false$/,
        resolve: str => str === 'true',
        stringify: stringifyJSON
    },
    {
        identify: intIdentify,
        default: true,
        tag: 'tag:yaml.org,2002:int',
        test: /^-?(?:0|[1-9][0-9]*)$/,
        resolve: (str, _onError, { intAsBigInt }) => intAsBigInt ? BigInt(str) : parseInt(str, 10),
        stringify: ({ value }) => intIdentify(value) ? value.toString() : JSON.stringify(value)
    },
    {
        identify: value => typeof value === 'number',
        default: true,
        tag: 'tag:yaml.org,2002:float',
        test: /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$/,
        resolve: str => parseFloat(str),
        stringify: stringifyJSON
    }
];
const jsonError = {
    default: true,
    tag: '',
    test: /^/,
    resolve(str, onError) {
        onError(`Unresolved plain scalar ${JSON.stringify(str)}`);
        return str;
    }
};
const schema = [map.map, seq.seq].concat(jsonScalars, jsonError);

exports.schema = schema;


/***/ }),

/***/ 18:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var map = __nccwpck_require__(7451);
var _null = __nccwpck_require__(3632);
var seq = __nccwpck_require__(1706);
var string = __nccwpck_require__(6464);
var bool = __nccwpck_require__(3959);
var float = __nccwpck_require__(8405);
var int = __nccwpck_require__(9874);
var schema = __nccwpck_require__(896);
var schema$1 = __nccwpck_require__(3559);
var binary = __nccwpck_require__(6083);
var merge = __nccwpck_require__(452);
var omap = __nccwpck_require__(303);
var pairs = __nccwpck_require__(8385);
var schema$2 = __nccwpck_require__(5913);
var set = __nccwpck_require__(1528);
var timestamp = __nccwpck_require__(6752);

const schemas = new Map([
    ['core', schema.schema],
    ['failsafe', [map.map, seq.seq, string.string]],
    ['json', schema$1.schema],
    ['yaml11', schema$2.schema],
    ['yaml-1.1', schema$2.schema]
]);
const tagsByName = {
    binary: binary.binary,
    bool: bool.boolTag,
    float: float.float,
    floatExp: float.floatExp,
    floatNaN: float.floatNaN,
    floatTime: timestamp.floatTime,
    int: int.int,
    intHex: int.intHex,
    intOct: int.intOct,
    intTime: timestamp.intTime,
    map: map.map,
    merge: merge.merge,
    null: _null.nullTag,
    omap: omap.omap,
    pairs: pairs.pairs,
    seq: seq.seq,
    set: set.set,
    timestamp: timestamp.timestamp
};
const coreKnownTags = {
    'tag:yaml.org,2002:binary': binary.binary,
    'tag:yaml.org,2002:merge': merge.merge,
    'tag:yaml.org,2002:omap': omap.omap,
    'tag:yaml.org,2002:pairs': pairs.pairs,
    'tag:yaml.org,2002:set': set.set,
    'tag:yaml.org,2002:timestamp': timestamp.timestamp
};
function getTags(customTags, schemaName, addMergeTag) {
    const schemaTags = schemas.get(schemaName);
    if (schemaTags && !customTags) {
        return addMergeTag && !schemaTags.includes(merge.merge)
            ? schemaTags.concat(merge.merge)
            : schemaTags.slice();
    }
    let tags = schemaTags;
    if (!tags) {
        if (Array.isArray(customTags))
            tags = [];
        else {
            const keys = Array.from(schemas.keys())
                .filter(key => key !== 'yaml11')
                .map(key => JSON.stringify(key))
                .join(', ');
            throw new Error(`Unknown schema "${schemaName}"; use one of ${keys} or define customTags array`);
        }
    }
    if (Array.isArray(customTags)) {
        for (const tag of customTags)
            tags = tags.concat(tag);
    }
    else if (typeof customTags === 'function') {
        tags = customTags(tags.slice());
    }
    if (addMergeTag)
        tags = tags.concat(merge.merge);
    return tags.reduce((tags, tag) => {
        const tagObj = typeof tag === 'string' ? tagsByName[tag] : tag;
        if (!tagObj) {
            const tagName = JSON.stringify(tag);
            const keys = Object.keys(tagsByName)
                .map(key => JSON.stringify(key))
                .join(', ');
            throw new Error(`Unknown custom tag ${tagName}; use one of ${keys}`);
        }
        if (!tags.includes(tagObj))
            tags.push(tagObj);
        return tags;
    }, []);
}

exports.coreKnownTags = coreKnownTags;
exports.getTags = getTags;


/***/ }),

/***/ 6083:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var node_buffer = __nccwpck_require__(181);
var Scalar = __nccwpck_require__(3301);
var stringifyString = __nccwpck_require__(3069);

const binary = {
    identify: value => value instanceof Uint8Array, // Buffer inherits from Uint8Array
    default: false,
    tag: 'tag:yaml.org,2002:binary',
    /**
     * Returns a Buffer in node and an Uint8Array in browsers
     *
     * To use the resulting buffer as an image, you'll want to do something like:
     *
     *   const blob = new Blob([buffer], { type: 'image/jpeg' })
     *   document.querySelector('#photo').src = URL.createObjectURL(blob)
     */
    resolve(src, onError) {
        if (typeof node_buffer.Buffer === 'function') {
            return node_buffer.Buffer.from(src, 'base64');
        }
        else if (typeof atob === 'function') {
            // On IE 11, atob() can't handle newlines
            const str = atob(src.replace(/[\n\r]/g, ''));
            const buffer = new Uint8Array(str.length);
            for (let i = 0; i < str.length; ++i)
                buffer[i] = str.charCodeAt(i);
            return buffer;
        }
        else {
            onError('This environment does not support reading binary tags; either Buffer or atob is required');
            return src;
        }
    },
    stringify({ comment, type, value }, ctx, onComment, onChompKeep) {
        if (!value)
            return '';
        const buf = value; // checked earlier by binary.identify()
        let str;
        if (typeof node_buffer.Buffer === 'function') {
            str =
                buf instanceof node_buffer.Buffer
                    ? buf.toString('base64')
                    : node_buffer.Buffer.from(buf.buffer).toString('base64');
        }
        else if (typeof btoa === 'function') {
            let s = '';
            for (let i = 0; i < buf.length; ++i)
                s += String.fromCharCode(buf[i]);
            str = btoa(s);
        }
        else {
            throw new Error('This environment does not support writing binary tags; either Buffer or btoa is required');
        }
        type ?? (type = Scalar.Scalar.BLOCK_LITERAL);
        if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
            const lineWidth = Math.max(ctx.options.lineWidth - ctx.indent.length, ctx.options.minContentWidth);
            const n = Math.ceil(str.length / lineWidth);
            const lines = new Array(n);
            for (let i = 0, o = 0; i < n; ++i, o += lineWidth) {
                lines[i] = str.substr(o, lineWidth);
            }
            str = lines.join(type === Scalar.Scalar.BLOCK_LITERAL ? '\n' : ' ');
        }
        return stringifyString.stringifyString({ comment, type, value: str }, ctx, onComment, onChompKeep);
    }
};

exports.binary = binary;


/***/ }),

/***/ 8398:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);

function boolStringify({ value, source }, ctx) {
    const boolObj = value ? trueTag : falseTag;
    if (source && boolObj.test.test(source))
        return source;
    return value ? ctx.options.trueStr : ctx.options.falseStr;
}
const trueTag = {
    identify: value => value === true,
    default: true,
    tag: 'tag:yaml.org,2002:bool',
    test: /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
    resolve: () => new Scalar.Scalar(true),
    stringify: boolStringify
};
const falseTag = {
    identify: value => value === false,
    default: true,
    tag: 'tag:yaml.org,2002:bool',
    test: /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
    resolve: () => new Scalar.Scalar(false),
    stringify: boolStringify
};

exports.falseTag = falseTag;
exports.trueTag = trueTag;


/***/ }),

/***/ 5782:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);
var stringifyNumber = __nccwpck_require__(8689);

const floatNaN = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
    resolve: (str) => str.slice(-3).toLowerCase() === 'nan'
        ? NaN
        : str[0] === '-'
            ? Number.NEGATIVE_INFINITY
            : Number.POSITIVE_INFINITY,
    stringify: stringifyNumber.stringifyNumber
};
const floatExp = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    format: 'EXP',
    test: /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
    resolve: (str) => parseFloat(str.replace(/_/g, '')),
    stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
    }
};
const float = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
    resolve(str) {
        const node = new Scalar.Scalar(parseFloat(str.replace(/_/g, '')));
        const dot = str.indexOf('.');
        if (dot !== -1) {
            const f = str.substring(dot + 1).replace(/_/g, '');
            if (f[f.length - 1] === '0')
                node.minFractionDigits = f.length;
        }
        return node;
    },
    stringify: stringifyNumber.stringifyNumber
};

exports.float = float;
exports.floatExp = floatExp;
exports.floatNaN = floatNaN;


/***/ }),

/***/ 873:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyNumber = __nccwpck_require__(8689);

const intIdentify = (value) => typeof value === 'bigint' || Number.isInteger(value);
function intResolve(str, offset, radix, { intAsBigInt }) {
    const sign = str[0];
    if (sign === '-' || sign === '+')
        offset += 1;
    str = str.substring(offset).replace(/_/g, '');
    if (intAsBigInt) {
        switch (radix) {
            case 2:
                str = `0b${str}`;
                break;
            case 8:
                str = `0o${str}`;
                break;
            case 16:
                str = `0x${str}`;
                break;
        }
        const n = BigInt(str);
        return sign === '-' ? BigInt(-1) * n : n;
    }
    const n = parseInt(str, radix);
    return sign === '-' ? -1 * n : n;
}
function intStringify(node, radix, prefix) {
    const { value } = node;
    if (intIdentify(value)) {
        const str = value.toString(radix);
        return value < 0 ? '-' + prefix + str.substr(1) : prefix + str;
    }
    return stringifyNumber.stringifyNumber(node);
}
const intBin = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'BIN',
    test: /^[-+]?0b[0-1_]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 2, 2, opt),
    stringify: node => intStringify(node, 2, '0b')
};
const intOct = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'OCT',
    test: /^[-+]?0[0-7_]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 1, 8, opt),
    stringify: node => intStringify(node, 8, '0')
};
const int = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    test: /^[-+]?[0-9][0-9_]*$/,
    resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
    stringify: stringifyNumber.stringifyNumber
};
const intHex = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'HEX',
    test: /^[-+]?0x[0-9a-fA-F_]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
    stringify: node => intStringify(node, 16, '0x')
};

exports.int = int;
exports.intBin = intBin;
exports.intHex = intHex;
exports.intOct = intOct;


/***/ }),

/***/ 452:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);

// If the value associated with a merge key is a single mapping node, each of
// its key/value pairs is inserted into the current mapping, unless the key
// already exists in it. If the value associated with the merge key is a
// sequence, then this sequence is expected to contain mapping nodes and each
// of these nodes is merged in turn according to its order in the sequence.
// Keys in mapping nodes earlier in the sequence override keys specified in
// later mapping nodes. -- http://yaml.org/type/merge.html
const MERGE_KEY = '<<';
const merge = {
    identify: value => value === MERGE_KEY ||
        (typeof value === 'symbol' && value.description === MERGE_KEY),
    default: 'key',
    tag: 'tag:yaml.org,2002:merge',
    test: /^<<$/,
    resolve: () => Object.assign(new Scalar.Scalar(Symbol(MERGE_KEY)), {
        addToJSMap: addMergeToJSMap
    }),
    stringify: () => MERGE_KEY
};
const isMergeKey = (ctx, key) => (merge.identify(key) ||
    (identity.isScalar(key) &&
        (!key.type || key.type === Scalar.Scalar.PLAIN) &&
        merge.identify(key.value))) &&
    ctx?.doc.schema.tags.some(tag => tag.tag === merge.tag && tag.default);
function addMergeToJSMap(ctx, map, value) {
    const source = resolveAliasValue(ctx, value);
    if (identity.isSeq(source))
        for (const it of source.items)
            mergeValue(ctx, map, it);
    else if (Array.isArray(source))
        for (const it of source)
            mergeValue(ctx, map, it);
    else
        mergeValue(ctx, map, source);
}
function mergeValue(ctx, map, value) {
    const source = resolveAliasValue(ctx, value);
    if (!identity.isMap(source))
        throw new Error('Merge sources must be maps or map aliases');
    const srcMap = source.toJSON(null, ctx, Map);
    for (const [key, value] of srcMap) {
        if (map instanceof Map) {
            if (!map.has(key))
                map.set(key, value);
        }
        else if (map instanceof Set) {
            map.add(key);
        }
        else if (!Object.prototype.hasOwnProperty.call(map, key)) {
            Object.defineProperty(map, key, {
                value,
                writable: true,
                enumerable: true,
                configurable: true
            });
        }
    }
    return map;
}
function resolveAliasValue(ctx, value) {
    return ctx && identity.isAlias(value) ? value.resolve(ctx.doc, ctx) : value;
}

exports.addMergeToJSMap = addMergeToJSMap;
exports.isMergeKey = isMergeKey;
exports.merge = merge;


/***/ }),

/***/ 303:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var toJS = __nccwpck_require__(4043);
var YAMLMap = __nccwpck_require__(4454);
var YAMLSeq = __nccwpck_require__(2223);
var pairs = __nccwpck_require__(8385);

class YAMLOMap extends YAMLSeq.YAMLSeq {
    constructor() {
        super();
        this.add = YAMLMap.YAMLMap.prototype.add.bind(this);
        this.delete = YAMLMap.YAMLMap.prototype.delete.bind(this);
        this.get = YAMLMap.YAMLMap.prototype.get.bind(this);
        this.has = YAMLMap.YAMLMap.prototype.has.bind(this);
        this.set = YAMLMap.YAMLMap.prototype.set.bind(this);
        this.tag = YAMLOMap.tag;
    }
    /**
     * If `ctx` is given, the return type is actually `Map<unknown, unknown>`,
     * but TypeScript won't allow widening the signature of a child method.
     */
    toJSON(_, ctx) {
        if (!ctx)
            return super.toJSON(_);
        const map = new Map();
        if (ctx?.onCreate)
            ctx.onCreate(map);
        for (const pair of this.items) {
            let key, value;
            if (identity.isPair(pair)) {
                key = toJS.toJS(pair.key, '', ctx);
                value = toJS.toJS(pair.value, key, ctx);
            }
            else {
                key = toJS.toJS(pair, '', ctx);
            }
            if (map.has(key))
                throw new Error('Ordered maps must not include duplicate keys');
            map.set(key, value);
        }
        return map;
    }
    static from(schema, iterable, ctx) {
        const pairs$1 = pairs.createPairs(schema, iterable, ctx);
        const omap = new this();
        omap.items = pairs$1.items;
        return omap;
    }
}
YAMLOMap.tag = 'tag:yaml.org,2002:omap';
const omap = {
    collection: 'seq',
    identify: value => value instanceof Map,
    nodeClass: YAMLOMap,
    default: false,
    tag: 'tag:yaml.org,2002:omap',
    resolve(seq, onError) {
        const pairs$1 = pairs.resolvePairs(seq, onError);
        const seenKeys = [];
        for (const { key } of pairs$1.items) {
            if (identity.isScalar(key)) {
                if (seenKeys.includes(key.value)) {
                    onError(`Ordered maps must not include duplicate keys: ${key.value}`);
                }
                else {
                    seenKeys.push(key.value);
                }
            }
        }
        return Object.assign(new YAMLOMap(), pairs$1);
    },
    createNode: (schema, iterable, ctx) => YAMLOMap.from(schema, iterable, ctx)
};

exports.YAMLOMap = YAMLOMap;
exports.omap = omap;


/***/ }),

/***/ 8385:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var Scalar = __nccwpck_require__(3301);
var YAMLSeq = __nccwpck_require__(2223);

function resolvePairs(seq, onError) {
    if (identity.isSeq(seq)) {
        for (let i = 0; i < seq.items.length; ++i) {
            let item = seq.items[i];
            if (identity.isPair(item))
                continue;
            else if (identity.isMap(item)) {
                if (item.items.length > 1)
                    onError('Each pair must have its own sequence indicator');
                const pair = item.items[0] || new Pair.Pair(new Scalar.Scalar(null));
                if (item.commentBefore)
                    pair.key.commentBefore = pair.key.commentBefore
                        ? `${item.commentBefore}\n${pair.key.commentBefore}`
                        : item.commentBefore;
                if (item.comment) {
                    const cn = pair.value ?? pair.key;
                    cn.comment = cn.comment
                        ? `${item.comment}\n${cn.comment}`
                        : item.comment;
                }
                item = pair;
            }
            seq.items[i] = identity.isPair(item) ? item : new Pair.Pair(item);
        }
    }
    else
        onError('Expected a sequence for this tag');
    return seq;
}
function createPairs(schema, iterable, ctx) {
    const { replacer } = ctx;
    const pairs = new YAMLSeq.YAMLSeq(schema);
    pairs.tag = 'tag:yaml.org,2002:pairs';
    let i = 0;
    if (iterable && Symbol.iterator in Object(iterable))
        for (let it of iterable) {
            if (typeof replacer === 'function')
                it = replacer.call(iterable, String(i++), it);
            let key, value;
            if (Array.isArray(it)) {
                if (it.length === 2) {
                    key = it[0];
                    value = it[1];
                }
                else
                    throw new TypeError(`Expected [key, value] tuple: ${it}`);
            }
            else if (it && it instanceof Object) {
                const keys = Object.keys(it);
                if (keys.length === 1) {
                    key = keys[0];
                    value = it[key];
                }
                else {
                    throw new TypeError(`Expected tuple with one key, not ${keys.length} keys`);
                }
            }
            else {
                key = it;
            }
            pairs.items.push(Pair.createPair(key, value, ctx));
        }
    return pairs;
}
const pairs = {
    collection: 'seq',
    default: false,
    tag: 'tag:yaml.org,2002:pairs',
    resolve: resolvePairs,
    createNode: createPairs
};

exports.createPairs = createPairs;
exports.pairs = pairs;
exports.resolvePairs = resolvePairs;


/***/ }),

/***/ 5913:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var map = __nccwpck_require__(7451);
var _null = __nccwpck_require__(3632);
var seq = __nccwpck_require__(1706);
var string = __nccwpck_require__(6464);
var binary = __nccwpck_require__(6083);
var bool = __nccwpck_require__(8398);
var float = __nccwpck_require__(5782);
var int = __nccwpck_require__(873);
var merge = __nccwpck_require__(452);
var omap = __nccwpck_require__(303);
var pairs = __nccwpck_require__(8385);
var set = __nccwpck_require__(1528);
var timestamp = __nccwpck_require__(6752);

const schema = [
    map.map,
    seq.seq,
    string.string,
    _null.nullTag,
    bool.trueTag,
    bool.falseTag,
    int.intBin,
    int.intOct,
    int.int,
    int.intHex,
    float.floatNaN,
    float.floatExp,
    float.float,
    binary.binary,
    merge.merge,
    omap.omap,
    pairs.pairs,
    set.set,
    timestamp.intTime,
    timestamp.floatTime,
    timestamp.timestamp
];

exports.schema = schema;


/***/ }),

/***/ 1528:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var YAMLMap = __nccwpck_require__(4454);

class YAMLSet extends YAMLMap.YAMLMap {
    constructor(schema) {
        super(schema);
        this.tag = YAMLSet.tag;
    }
    add(key) {
        let pair;
        if (identity.isPair(key))
            pair = key;
        else if (key &&
            typeof key === 'object' &&
            'key' in key &&
            'value' in key &&
            key.value === null)
            pair = new Pair.Pair(key.key, null);
        else
            pair = new Pair.Pair(key, null);
        const prev = YAMLMap.findPair(this.items, pair.key);
        if (!prev)
            this.items.push(pair);
    }
    /**
     * If `keepPair` is `true`, returns the Pair matching `key`.
     * Otherwise, returns the value of that Pair's key.
     */
    get(key, keepPair) {
        const pair = YAMLMap.findPair(this.items, key);
        return !keepPair && identity.isPair(pair)
            ? identity.isScalar(pair.key)
                ? pair.key.value
                : pair.key
            : pair;
    }
    set(key, value) {
        if (typeof value !== 'boolean')
            throw new Error(`Expected boolean value for set(key, value) in a YAML set, not ${typeof value}`);
        const prev = YAMLMap.findPair(this.items, key);
        if (prev && !value) {
            this.items.splice(this.items.indexOf(prev), 1);
        }
        else if (!prev && value) {
            this.items.push(new Pair.Pair(key));
        }
    }
    toJSON(_, ctx) {
        return super.toJSON(_, ctx, Set);
    }
    toString(ctx, onComment, onChompKeep) {
        if (!ctx)
            return JSON.stringify(this);
        if (this.hasAllNullValues(true))
            return super.toString(Object.assign({}, ctx, { allNullValues: true }), onComment, onChompKeep);
        else
            throw new Error('Set items must all have null values');
    }
    static from(schema, iterable, ctx) {
        const { replacer } = ctx;
        const set = new this(schema);
        if (iterable && Symbol.iterator in Object(iterable))
            for (let value of iterable) {
                if (typeof replacer === 'function')
                    value = replacer.call(iterable, value, value);
                set.items.push(Pair.createPair(value, null, ctx));
            }
        return set;
    }
}
YAMLSet.tag = 'tag:yaml.org,2002:set';
const set = {
    collection: 'map',
    identify: value => value instanceof Set,
    nodeClass: YAMLSet,
    default: false,
    tag: 'tag:yaml.org,2002:set',
    createNode: (schema, iterable, ctx) => YAMLSet.from(schema, iterable, ctx),
    resolve(map, onError) {
        if (identity.isMap(map)) {
            if (map.hasAllNullValues(true))
                return Object.assign(new YAMLSet(), map);
            else
                onError('Set items must all have null values');
        }
        else
            onError('Expected a mapping for this tag');
        return map;
    }
};

exports.YAMLSet = YAMLSet;
exports.set = set;


/***/ }),

/***/ 6752:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyNumber = __nccwpck_require__(8689);

/** Internal types handle bigint as number, because TS can't figure it out. */
function parseSexagesimal(str, asBigInt) {
    const sign = str[0];
    const parts = sign === '-' || sign === '+' ? str.substring(1) : str;
    const num = (n) => asBigInt ? BigInt(n) : Number(n);
    const res = parts
        .replace(/_/g, '')
        .split(':')
        .reduce((res, p) => res * num(60) + num(p), num(0));
    return (sign === '-' ? num(-1) * res : res);
}
/**
 * hhhh:mm:ss.sss
 *
 * Internal types handle bigint as number, because TS can't figure it out.
 */
function stringifySexagesimal(node) {
    let { value } = node;
    let num = (n) => n;
    if (typeof value === 'bigint')
        num = n => BigInt(n);
    else if (isNaN(value) || !isFinite(value))
        return stringifyNumber.stringifyNumber(node);
    let sign = '';
    if (value < 0) {
        sign = '-';
        value *= num(-1);
    }
    const _60 = num(60);
    const parts = [value % _60]; // seconds, including ms
    if (value < 60) {
        parts.unshift(0); // at least one : is required
    }
    else {
        value = (value - parts[0]) / _60;
        parts.unshift(value % _60); // minutes
        if (value >= 60) {
            value = (value - parts[0]) / _60;
            parts.unshift(value); // hours
        }
    }
    return (sign +
        parts
            .map(n => String(n).padStart(2, '0'))
            .join(':')
            .replace(/000000\d*$/, '') // % 60 may introduce error
    );
}
const intTime = {
    identify: value => typeof value === 'bigint' || Number.isInteger(value),
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'TIME',
    test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/,
    resolve: (str, _onError, { intAsBigInt }) => parseSexagesimal(str, intAsBigInt),
    stringify: stringifySexagesimal
};
const floatTime = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    format: 'TIME',
    test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,
    resolve: str => parseSexagesimal(str, false),
    stringify: stringifySexagesimal
};
const timestamp = {
    identify: value => value instanceof Date,
    default: true,
    tag: 'tag:yaml.org,2002:timestamp',
    // If the time zone is omitted, the timestamp is assumed to be specified in UTC. The time part
    // may be omitted altogether, resulting in a date format. In such a case, the time part is
    // assumed to be 00:00:00Z (start of day, UTC).
    test: RegExp('^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})' + // YYYY-Mm-Dd
        '(?:' + // time is optional
        '(?:t|T|[ \\t]+)' + // t | T | whitespace
        '([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\\.[0-9]+)?)' + // Hh:Mm:Ss(.ss)?
        '(?:[ \\t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?' + // Z | +5 | -03:30
        ')?$'),
    resolve(str) {
        const match = str.match(timestamp.test);
        if (!match)
            throw new Error('!!timestamp expects a date, starting with yyyy-mm-dd');
        const [, year, month, day, hour, minute, second] = match.map(Number);
        const millisec = match[7] ? Number((match[7] + '00').substr(1, 3)) : 0;
        let date = Date.UTC(year, month - 1, day, hour || 0, minute || 0, second || 0, millisec);
        const tz = match[8];
        if (tz && tz !== 'Z') {
            let d = parseSexagesimal(tz, false);
            if (Math.abs(d) < 30)
                d *= 60;
            date -= 60000 * d;
        }
        return new Date(date);
    },
    stringify: ({ value }) => value?.toISOString().replace(/(T00:00:00)?\.000Z$/, '') ?? ''
};

exports.floatTime = floatTime;
exports.intTime = intTime;
exports.timestamp = timestamp;


/***/ }),

/***/ 4475:
/***/ ((__unused_webpack_module, exports) => {



const FOLD_FLOW = 'flow';
const FOLD_BLOCK = 'block';
const FOLD_QUOTED = 'quoted';
/**
 * Tries to keep input at up to `lineWidth` characters, splitting only on spaces
 * not followed by newlines or spaces unless `mode` is `'quoted'`. Lines are
 * terminated with `\n` and started with `indent`.
 */
function foldFlowLines(text, indent, mode = 'flow', { indentAtStart, lineWidth = 80, minContentWidth = 20, onFold, onOverflow } = {}) {
    if (!lineWidth || lineWidth < 0)
        return text;
    if (lineWidth < minContentWidth)
        minContentWidth = 0;
    const endStep = Math.max(1 + minContentWidth, 1 + lineWidth - indent.length);
    if (text.length <= endStep)
        return text;
    const folds = [];
    const escapedFolds = {};
    let end = lineWidth - indent.length;
    if (typeof indentAtStart === 'number') {
        if (indentAtStart > lineWidth - Math.max(2, minContentWidth))
            folds.push(0);
        else
            end = lineWidth - indentAtStart;
    }
    let split = undefined;
    let prev = undefined;
    let overflow = false;
    let i = -1;
    let escStart = -1;
    let escEnd = -1;
    if (mode === FOLD_BLOCK) {
        i = consumeMoreIndentedLines(text, i, indent.length);
        if (i !== -1)
            end = i + endStep;
    }
    for (let ch; (ch = text[(i += 1)]);) {
        if (mode === FOLD_QUOTED && ch === '\\') {
            escStart = i;
            switch (text[i + 1]) {
                case 'x':
                    i += 3;
                    break;
                case 'u':
                    i += 5;
                    break;
                case 'U':
                    i += 9;
                    break;
                default:
                    i += 1;
            }
            escEnd = i;
        }
        if (ch === '\n') {
            if (mode === FOLD_BLOCK)
                i = consumeMoreIndentedLines(text, i, indent.length);
            end = i + indent.length + endStep;
            split = undefined;
        }
        else {
            if (ch === ' ' &&
                prev &&
                prev !== ' ' &&
                prev !== '\n' &&
                prev !== '\t') {
                // space surrounded by non-space can be replaced with newline + indent
                const next = text[i + 1];
                if (next && next !== ' ' && next !== '\n' && next !== '\t')
                    split = i;
            }
            if (i >= end) {
                if (split) {
                    folds.push(split);
                    end = split + endStep;
                    split = undefined;
                }
                else if (mode === FOLD_QUOTED) {
                    // white-space collected at end may stretch past lineWidth
                    while (prev === ' ' || prev === '\t') {
                        prev = ch;
                        ch = text[(i += 1)];
                        overflow = true;
                    }
                    // Account for newline escape, but don't break preceding escape
                    const j = i > escEnd + 1 ? i - 2 : escStart - 1;
                    // Bail out if lineWidth & minContentWidth are shorter than an escape string
                    if (escapedFolds[j])
                        return text;
                    folds.push(j);
                    escapedFolds[j] = true;
                    end = j + endStep;
                    split = undefined;
                }
                else {
                    overflow = true;
                }
            }
        }
        prev = ch;
    }
    if (overflow && onOverflow)
        onOverflow();
    if (folds.length === 0)
        return text;
    if (onFold)
        onFold();
    let res = text.slice(0, folds[0]);
    for (let i = 0; i < folds.length; ++i) {
        const fold = folds[i];
        const end = folds[i + 1] || text.length;
        if (fold === 0)
            res = `\n${indent}${text.slice(0, end)}`;
        else {
            if (mode === FOLD_QUOTED && escapedFolds[fold])
                res += `${text[fold]}\\`;
            res += `\n${indent}${text.slice(fold + 1, end)}`;
        }
    }
    return res;
}
/**
 * Presumes `i + 1` is at the start of a line
 * @returns index of last newline in more-indented block
 */
function consumeMoreIndentedLines(text, i, indent) {
    let end = i;
    let start = i + 1;
    let ch = text[start];
    while (ch === ' ' || ch === '\t') {
        if (i < start + indent) {
            ch = text[++i];
        }
        else {
            do {
                ch = text[++i];
            } while (ch && ch !== '\n');
            end = i;
            start = i + 1;
            ch = text[start];
        }
    }
    return end;
}

exports.FOLD_BLOCK = FOLD_BLOCK;
exports.FOLD_FLOW = FOLD_FLOW;
exports.FOLD_QUOTED = FOLD_QUOTED;
exports.foldFlowLines = foldFlowLines;


/***/ }),

/***/ 2148:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var anchors = __nccwpck_require__(1596);
var identity = __nccwpck_require__(1127);
var stringifyComment = __nccwpck_require__(9799);
var stringifyString = __nccwpck_require__(3069);

function createStringifyContext(doc, options) {
    const opt = Object.assign({
        blockQuote: true,
        commentString: stringifyComment.stringifyComment,
        defaultKeyType: null,
        defaultStringType: 'PLAIN',
        directives: null,
        doubleQuotedAsJSON: false,
        doubleQuotedMinMultiLineLength: 40,
        falseStr: 'false',
        flowCollectionPadding: true,
        indentSeq: true,
        lineWidth: 80,
        minContentWidth: 20,
        nullStr: 'null',
        simpleKeys: false,
        singleQuote: null,
        trailingComma: false,
        trueStr: 'true',
        verifyAliasOrder: true
    }, doc.schema.toStringOptions, options);
    let inFlow;
    switch (opt.collectionStyle) {
        case 'block':
            inFlow = false;
            break;
        case 'flow':
            inFlow = true;
            break;
        default:
            inFlow = null;
    }
    return {
        anchors: new Set(),
        doc,
        flowCollectionPadding: opt.flowCollectionPadding ? ' ' : '',
        indent: '',
        indentStep: typeof opt.indent === 'number' ? ' '.repeat(opt.indent) : '  ',
        inFlow,
        options: opt
    };
}
function getTagObject(tags, item) {
    if (item.tag) {
        const match = tags.filter(t => t.tag === item.tag);
        if (match.length > 0)
            return match.find(t => t.format === item.format) ?? match[0];
    }
    let tagObj = undefined;
    let obj;
    if (identity.isScalar(item)) {
        obj = item.value;
        let match = tags.filter(t => t.identify?.(obj));
        if (match.length > 1) {
            const testMatch = match.filter(t => t.test);
            if (testMatch.length > 0)
                match = testMatch;
        }
        tagObj =
            match.find(t => t.format === item.format) ?? match.find(t => !t.format);
    }
    else {
        obj = item;
        tagObj = tags.find(t => t.nodeClass && obj instanceof t.nodeClass);
    }
    if (!tagObj) {
        const name = obj?.constructor?.name ?? (obj === null ? 'null' : typeof obj);
        throw new Error(`Tag not resolved for ${name} value`);
    }
    return tagObj;
}
// needs to be called before value stringifier to allow for circular anchor refs
function stringifyProps(node, tagObj, { anchors: anchors$1, doc }) {
    if (!doc.directives)
        return '';
    const props = [];
    const anchor = (identity.isScalar(node) || identity.isCollection(node)) && node.anchor;
    if (anchor && anchors.anchorIsValid(anchor)) {
        anchors$1.add(anchor);
        props.push(`&${anchor}`);
    }
    const tag = node.tag ?? (tagObj.default ? null : tagObj.tag);
    if (tag)
        props.push(doc.directives.tagString(tag));
    return props.join(' ');
}
function stringify(item, ctx, onComment, onChompKeep) {
    if (identity.isPair(item))
        return item.toString(ctx, onComment, onChompKeep);
    if (identity.isAlias(item)) {
        if (ctx.doc.directives)
            return item.toString(ctx);
        if (ctx.resolvedAliases?.has(item)) {
            throw new TypeError(`Cannot stringify circular structure without alias nodes`);
        }
        else {
            if (ctx.resolvedAliases)
                ctx.resolvedAliases.add(item);
            else
                ctx.resolvedAliases = new Set([item]);
            item = item.resolve(ctx.doc);
        }
    }
    let tagObj = undefined;
    const node = identity.isNode(item)
        ? item
        : ctx.doc.createNode(item, { onTagObj: o => (tagObj = o) });
    tagObj ?? (tagObj = getTagObject(ctx.doc.schema.tags, node));
    const props = stringifyProps(node, tagObj, ctx);
    if (props.length > 0)
        ctx.indentAtStart = (ctx.indentAtStart ?? 0) + props.length + 1;
    const str = typeof tagObj.stringify === 'function'
        ? tagObj.stringify(node, ctx, onComment, onChompKeep)
        : identity.isScalar(node)
            ? stringifyString.stringifyString(node, ctx, onComment, onChompKeep)
            : node.toString(ctx, onComment, onChompKeep);
    if (!props)
        return str;
    return identity.isScalar(node) || str[0] === '{' || str[0] === '['
        ? `${props} ${str}`
        : `${props}\n${ctx.indent}${str}`;
}

exports.createStringifyContext = createStringifyContext;
exports.stringify = stringify;


/***/ }),

/***/ 1212:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var stringify = __nccwpck_require__(2148);
var stringifyComment = __nccwpck_require__(9799);

function stringifyCollection(collection, ctx, options) {
    const flow = ctx.inFlow ?? collection.flow;
    const stringify = flow ? stringifyFlowCollection : stringifyBlockCollection;
    return stringify(collection, ctx, options);
}
function stringifyBlockCollection({ comment, items }, ctx, { blockItemPrefix, flowChars, itemIndent, onChompKeep, onComment }) {
    const { indent, options: { commentString } } = ctx;
    const itemCtx = Object.assign({}, ctx, { indent: itemIndent, type: null });
    let chompKeep = false; // flag for the preceding node's status
    const lines = [];
    for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment = null;
        if (identity.isNode(item)) {
            if (!chompKeep && item.spaceBefore)
                lines.push('');
            addCommentBefore(ctx, lines, item.commentBefore, chompKeep);
            if (item.comment)
                comment = item.comment;
        }
        else if (identity.isPair(item)) {
            const ik = identity.isNode(item.key) ? item.key : null;
            if (ik) {
                if (!chompKeep && ik.spaceBefore)
                    lines.push('');
                addCommentBefore(ctx, lines, ik.commentBefore, chompKeep);
            }
        }
        chompKeep = false;
        let str = stringify.stringify(item, itemCtx, () => (comment = null), () => (chompKeep = true));
        if (comment)
            str += stringifyComment.lineComment(str, itemIndent, commentString(comment));
        if (chompKeep && comment)
            chompKeep = false;
        lines.push(blockItemPrefix + str);
    }
    let str;
    if (lines.length === 0) {
        str = flowChars.start + flowChars.end;
    }
    else {
        str = lines[0];
        for (let i = 1; i < lines.length; ++i) {
            const line = lines[i];
            str += line ? `\n${indent}${line}` : '\n';
        }
    }
    if (comment) {
        str += '\n' + stringifyComment.indentComment(commentString(comment), indent);
        if (onComment)
            onComment();
    }
    else if (chompKeep && onChompKeep)
        onChompKeep();
    return str;
}
function stringifyFlowCollection({ items }, ctx, { flowChars, itemIndent }) {
    const { indent, indentStep, flowCollectionPadding: fcPadding, options: { commentString } } = ctx;
    itemIndent += indentStep;
    const itemCtx = Object.assign({}, ctx, {
        indent: itemIndent,
        inFlow: true,
        type: null
    });
    let reqNewline = false;
    let linesAtValue = 0;
    const lines = [];
    for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment = null;
        if (identity.isNode(item)) {
            if (item.spaceBefore)
                lines.push('');
            addCommentBefore(ctx, lines, item.commentBefore, false);
            if (item.comment)
                comment = item.comment;
        }
        else if (identity.isPair(item)) {
            const ik = identity.isNode(item.key) ? item.key : null;
            if (ik) {
                if (ik.spaceBefore)
                    lines.push('');
                addCommentBefore(ctx, lines, ik.commentBefore, false);
                if (ik.comment)
                    reqNewline = true;
            }
            const iv = identity.isNode(item.value) ? item.value : null;
            if (iv) {
                if (iv.comment)
                    comment = iv.comment;
                if (iv.commentBefore)
                    reqNewline = true;
            }
            else if (item.value == null && ik?.comment) {
                comment = ik.comment;
            }
        }
        if (comment)
            reqNewline = true;
        let str = stringify.stringify(item, itemCtx, () => (comment = null));
        reqNewline || (reqNewline = lines.length > linesAtValue || str.includes('\n'));
        if (i < items.length - 1) {
            str += ',';
        }
        else if (ctx.options.trailingComma) {
            if (ctx.options.lineWidth > 0) {
                reqNewline || (reqNewline = lines.reduce((sum, line) => sum + line.length + 2, 2) +
                    (str.length + 2) >
                    ctx.options.lineWidth);
            }
            if (reqNewline) {
                str += ',';
            }
        }
        if (comment)
            str += stringifyComment.lineComment(str, itemIndent, commentString(comment));
        lines.push(str);
        linesAtValue = lines.length;
    }
    const { start, end } = flowChars;
    if (lines.length === 0) {
        return start + end;
    }
    else {
        if (!reqNewline) {
            const len = lines.reduce((sum, line) => sum + line.length + 2, 2);
            reqNewline = ctx.options.lineWidth > 0 && len > ctx.options.lineWidth;
        }
        if (reqNewline) {
            let str = start;
            for (const line of lines)
                str += line ? `\n${indentStep}${indent}${line}` : '\n';
            return `${str}\n${indent}${end}`;
        }
        else {
            return `${start}${fcPadding}${lines.join(' ')}${fcPadding}${end}`;
        }
    }
}
function addCommentBefore({ indent, options: { commentString } }, lines, comment, chompKeep) {
    if (comment && chompKeep)
        comment = comment.replace(/^\n+/, '');
    if (comment) {
        const ic = stringifyComment.indentComment(commentString(comment), indent);
        lines.push(ic.trimStart()); // Avoid double indent on first line
    }
}

exports.stringifyCollection = stringifyCollection;


/***/ }),

/***/ 9799:
/***/ ((__unused_webpack_module, exports) => {



/**
 * Stringifies a comment.
 *
 * Empty comment lines are left empty,
 * lines consisting of a single space are replaced by `#`,
 * and all other lines are prefixed with a `#`.
 */
const stringifyComment = (str) => str.replace(/^(?!$)(?: $)?/gm, '#');
function indentComment(comment, indent) {
    if (/^\n+$/.test(comment))
        return comment.substring(1);
    return indent ? comment.replace(/^(?! *$)/gm, indent) : comment;
}
const lineComment = (str, indent, comment) => str.endsWith('\n')
    ? indentComment(comment, indent)
    : comment.includes('\n')
        ? '\n' + indentComment(comment, indent)
        : (str.endsWith(' ') ? '' : ' ') + comment;

exports.indentComment = indentComment;
exports.lineComment = lineComment;
exports.stringifyComment = stringifyComment;


/***/ }),

/***/ 6829:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var stringify = __nccwpck_require__(2148);
var stringifyComment = __nccwpck_require__(9799);

function stringifyDocument(doc, options) {
    const lines = [];
    let hasDirectives = options.directives === true;
    if (options.directives !== false && doc.directives) {
        const dir = doc.directives.toString(doc);
        if (dir) {
            lines.push(dir);
            hasDirectives = true;
        }
        else if (doc.directives.docStart)
            hasDirectives = true;
    }
    if (hasDirectives)
        lines.push('---');
    const ctx = stringify.createStringifyContext(doc, options);
    const { commentString } = ctx.options;
    if (doc.commentBefore) {
        if (lines.length !== 1)
            lines.unshift('');
        const cs = commentString(doc.commentBefore);
        lines.unshift(stringifyComment.indentComment(cs, ''));
    }
    let chompKeep = false;
    let contentComment = null;
    if (doc.contents) {
        if (identity.isNode(doc.contents)) {
            if (doc.contents.spaceBefore && hasDirectives)
                lines.push('');
            if (doc.contents.commentBefore) {
                const cs = commentString(doc.contents.commentBefore);
                lines.push(stringifyComment.indentComment(cs, ''));
            }
            // top-level block scalars need to be indented if followed by a comment
            ctx.forceBlockIndent = !!doc.comment;
            contentComment = doc.contents.comment;
        }
        const onChompKeep = contentComment ? undefined : () => (chompKeep = true);
        let body = stringify.stringify(doc.contents, ctx, () => (contentComment = null), onChompKeep);
        if (contentComment)
            body += stringifyComment.lineComment(body, '', commentString(contentComment));
        if ((body[0] === '|' || body[0] === '>') &&
            lines[lines.length - 1] === '---') {
            // Top-level block scalars with a preceding doc marker ought to use the
            // same line for their header.
            lines[lines.length - 1] = `--- ${body}`;
        }
        else
            lines.push(body);
    }
    else {
        lines.push(stringify.stringify(doc.contents, ctx));
    }
    if (doc.directives?.docEnd) {
        if (doc.comment) {
            const cs = commentString(doc.comment);
            if (cs.includes('\n')) {
                lines.push('...');
                lines.push(stringifyComment.indentComment(cs, ''));
            }
            else {
                lines.push(`... ${cs}`);
            }
        }
        else {
            lines.push('...');
        }
    }
    else {
        let dc = doc.comment;
        if (dc && chompKeep)
            dc = dc.replace(/^\n+/, '');
        if (dc) {
            if ((!chompKeep || contentComment) && lines[lines.length - 1] !== '')
                lines.push('');
            lines.push(stringifyComment.indentComment(commentString(dc), ''));
        }
    }
    return lines.join('\n') + '\n';
}

exports.stringifyDocument = stringifyDocument;


/***/ }),

/***/ 8689:
/***/ ((__unused_webpack_module, exports) => {



function stringifyNumber({ format, minFractionDigits, tag, value }) {
    if (typeof value === 'bigint')
        return String(value);
    const num = typeof value === 'number' ? value : Number(value);
    if (!isFinite(num))
        return isNaN(num) ? '.nan' : num < 0 ? '-.inf' : '.inf';
    let n = Object.is(value, -0) ? '-0' : JSON.stringify(value);
    if (!format &&
        minFractionDigits &&
        (!tag || tag === 'tag:yaml.org,2002:float') &&
        /^-?\d/.test(n) &&
        !n.includes('e')) {
        let i = n.indexOf('.');
        if (i < 0) {
            i = n.length;
            n += '.';
        }
        let d = minFractionDigits - (n.length - i - 1);
        while (d-- > 0)
            n += '0';
    }
    return n;
}

exports.stringifyNumber = stringifyNumber;


/***/ }),

/***/ 9748:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);
var stringify = __nccwpck_require__(2148);
var stringifyComment = __nccwpck_require__(9799);

function stringifyPair({ key, value }, ctx, onComment, onChompKeep) {
    const { allNullValues, doc, indent, indentStep, options: { commentString, indentSeq, simpleKeys } } = ctx;
    let keyComment = (identity.isNode(key) && key.comment) || null;
    if (simpleKeys) {
        if (keyComment) {
            throw new Error('With simple keys, key nodes cannot have comments');
        }
        if (identity.isCollection(key) || (!identity.isNode(key) && typeof key === 'object')) {
            const msg = 'With simple keys, collection cannot be used as a key value';
            throw new Error(msg);
        }
    }
    let explicitKey = !simpleKeys &&
        (!key ||
            (keyComment && value == null && !ctx.inFlow) ||
            identity.isCollection(key) ||
            (identity.isScalar(key)
                ? key.type === Scalar.Scalar.BLOCK_FOLDED || key.type === Scalar.Scalar.BLOCK_LITERAL
                : typeof key === 'object'));
    ctx = Object.assign({}, ctx, {
        allNullValues: false,
        implicitKey: !explicitKey && (simpleKeys || !allNullValues),
        indent: indent + indentStep
    });
    let keyCommentDone = false;
    let chompKeep = false;
    let str = stringify.stringify(key, ctx, () => (keyCommentDone = true), () => (chompKeep = true));
    if (!explicitKey && !ctx.inFlow && str.length > 1024) {
        if (simpleKeys)
            throw new Error('With simple keys, single line scalar must not span more than 1024 characters');
        explicitKey = true;
    }
    if (ctx.inFlow) {
        if (allNullValues || value == null) {
            if (keyCommentDone && onComment)
                onComment();
            return str === '' ? '?' : explicitKey ? `? ${str}` : str;
        }
    }
    else if ((allNullValues && !simpleKeys) || (value == null && explicitKey)) {
        str = `? ${str}`;
        if (keyComment && !keyCommentDone) {
            str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
        }
        else if (chompKeep && onChompKeep)
            onChompKeep();
        return str;
    }
    if (keyCommentDone)
        keyComment = null;
    if (explicitKey) {
        if (keyComment)
            str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
        str = `? ${str}\n${indent}:`;
    }
    else {
        str = `${str}:`;
        if (keyComment)
            str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
    }
    let vsb, vcb, valueComment;
    if (identity.isNode(value)) {
        vsb = !!value.spaceBefore;
        vcb = value.commentBefore;
        valueComment = value.comment;
    }
    else {
        vsb = false;
        vcb = null;
        valueComment = null;
        if (value && typeof value === 'object')
            value = doc.createNode(value);
    }
    ctx.implicitKey = false;
    if (!explicitKey && !keyComment && identity.isScalar(value))
        ctx.indentAtStart = str.length + 1;
    chompKeep = false;
    if (!indentSeq &&
        indentStep.length >= 2 &&
        !ctx.inFlow &&
        !explicitKey &&
        identity.isSeq(value) &&
        !value.flow &&
        !value.tag &&
        !value.anchor) {
        // If indentSeq === false, consider '- ' as part of indentation where possible
        ctx.indent = ctx.indent.substring(2);
    }
    let valueCommentDone = false;
    const valueStr = stringify.stringify(value, ctx, () => (valueCommentDone = true), () => (chompKeep = true));
    let ws = ' ';
    if (keyComment || vsb || vcb) {
        ws = vsb ? '\n' : '';
        if (vcb) {
            const cs = commentString(vcb);
            ws += `\n${stringifyComment.indentComment(cs, ctx.indent)}`;
        }
        if (valueStr === '' && !ctx.inFlow) {
            if (ws === '\n' && valueComment)
                ws = '\n\n';
        }
        else {
            ws += `\n${ctx.indent}`;
        }
    }
    else if (!explicitKey && identity.isCollection(value)) {
        const vs0 = valueStr[0];
        const nl0 = valueStr.indexOf('\n');
        const hasNewline = nl0 !== -1;
        const flow = ctx.inFlow ?? value.flow ?? value.items.length === 0;
        if (hasNewline || !flow) {
            let hasPropsLine = false;
            if (hasNewline && (vs0 === '&' || vs0 === '!')) {
                let sp0 = valueStr.indexOf(' ');
                if (vs0 === '&' &&
                    sp0 !== -1 &&
                    sp0 < nl0 &&
                    valueStr[sp0 + 1] === '!') {
                    sp0 = valueStr.indexOf(' ', sp0 + 1);
                }
                if (sp0 === -1 || nl0 < sp0)
                    hasPropsLine = true;
            }
            if (!hasPropsLine)
                ws = `\n${ctx.indent}`;
        }
    }
    else if (valueStr === '' || valueStr[0] === '\n') {
        ws = '';
    }
    str += ws + valueStr;
    if (ctx.inFlow) {
        if (valueCommentDone && onComment)
            onComment();
    }
    else if (valueComment && !valueCommentDone) {
        str += stringifyComment.lineComment(str, ctx.indent, commentString(valueComment));
    }
    else if (chompKeep && onChompKeep) {
        onChompKeep();
    }
    return str;
}

exports.stringifyPair = stringifyPair;


/***/ }),

/***/ 3069:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);
var foldFlowLines = __nccwpck_require__(4475);

const getFoldOptions = (ctx, isBlock) => ({
    indentAtStart: isBlock ? ctx.indent.length : ctx.indentAtStart,
    lineWidth: ctx.options.lineWidth,
    minContentWidth: ctx.options.minContentWidth
});
// Also checks for lines starting with %, as parsing the output as YAML 1.1 will
// presume that's starting a new document.
const containsDocumentMarker = (str) => /^(%|---|\.\.\.)/m.test(str);
function lineLengthOverLimit(str, lineWidth, indentLength) {
    if (!lineWidth || lineWidth < 0)
        return false;
    const limit = lineWidth - indentLength;
    const strLen = str.length;
    if (strLen <= limit)
        return false;
    for (let i = 0, start = 0; i < strLen; ++i) {
        if (str[i] === '\n') {
            if (i - start > limit)
                return true;
            start = i + 1;
            if (strLen - start <= limit)
                return false;
        }
    }
    return true;
}
function doubleQuotedString(value, ctx) {
    const json = JSON.stringify(value);
    if (ctx.options.doubleQuotedAsJSON)
        return json;
    const { implicitKey } = ctx;
    const minMultiLineLength = ctx.options.doubleQuotedMinMultiLineLength;
    const indent = ctx.indent || (containsDocumentMarker(value) ? '  ' : '');
    let str = '';
    let start = 0;
    for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
        if (ch === ' ' && json[i + 1] === '\\' && json[i + 2] === 'n') {
            // space before newline needs to be escaped to not be folded
            str += json.slice(start, i) + '\\ ';
            i += 1;
            start = i;
            ch = '\\';
        }
        if (ch === '\\')
            switch (json[i + 1]) {
                case 'u':
                    {
                        str += json.slice(start, i);
                        const code = json.substr(i + 2, 4);
                        switch (code) {
                            case '0000':
                                str += '\\0';
                                break;
                            case '0007':
                                str += '\\a';
                                break;
                            case '000b':
                                str += '\\v';
                                break;
                            case '001b':
                                str += '\\e';
                                break;
                            case '0085':
                                str += '\\N';
                                break;
                            case '00a0':
                                str += '\\_';
                                break;
                            case '2028':
                                str += '\\L';
                                break;
                            case '2029':
                                str += '\\P';
                                break;
                            default:
                                if (code.substr(0, 2) === '00')
                                    str += '\\x' + code.substr(2);
                                else
                                    str += json.substr(i, 6);
                        }
                        i += 5;
                        start = i + 1;
                    }
                    break;
                case 'n':
                    if (implicitKey ||
                        json[i + 2] === '"' ||
                        json.length < minMultiLineLength) {
                        i += 1;
                    }
                    else {
                        // folding will eat first newline
                        str += json.slice(start, i) + '\n\n';
                        while (json[i + 2] === '\\' &&
                            json[i + 3] === 'n' &&
                            json[i + 4] !== '"') {
                            str += '\n';
                            i += 2;
                        }
                        str += indent;
                        // space after newline needs to be escaped to not be folded
                        if (json[i + 2] === ' ')
                            str += '\\';
                        i += 1;
                        start = i + 1;
                    }
                    break;
                default:
                    i += 1;
            }
    }
    str = start ? str + json.slice(start) : json;
    return implicitKey
        ? str
        : foldFlowLines.foldFlowLines(str, indent, foldFlowLines.FOLD_QUOTED, getFoldOptions(ctx, false));
}
function singleQuotedString(value, ctx) {
    if (ctx.options.singleQuote === false ||
        (ctx.implicitKey && value.includes('\n')) ||
        /[ \t]\n|\n[ \t]/.test(value) // single quoted string can't have leading or trailing whitespace around newline
    )
        return doubleQuotedString(value, ctx);
    const indent = ctx.indent || (containsDocumentMarker(value) ? '  ' : '');
    const res = "'" + value.replace(/'/g, "''").replace(/\n+/g, `$&\n${indent}`) + "'";
    return ctx.implicitKey
        ? res
        : foldFlowLines.foldFlowLines(res, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
}
function quotedString(value, ctx) {
    const { singleQuote } = ctx.options;
    let qs;
    if (singleQuote === false)
        qs = doubleQuotedString;
    else {
        const hasDouble = value.includes('"');
        const hasSingle = value.includes("'");
        if (hasDouble && !hasSingle)
            qs = singleQuotedString;
        else if (hasSingle && !hasDouble)
            qs = doubleQuotedString;
        else
            qs = singleQuote ? singleQuotedString : doubleQuotedString;
    }
    return qs(value, ctx);
}
// The negative lookbehind avoids a polynomial search,
// but isn't supported yet on Safari: https://caniuse.com/js-regexp-lookbehind
let blockEndNewlines;
try {
    blockEndNewlines = new RegExp('(^|(?<!\n))\n+(?!\n|$)', 'g');
}
catch {
    blockEndNewlines = /\n+(?!\n|$)/g;
}
function blockString({ comment, type, value }, ctx, onComment, onChompKeep) {
    const { blockQuote, commentString, lineWidth } = ctx.options;
    // 1. Block can't end in whitespace unless the last line is non-empty.
    // 2. Strings consisting of only whitespace are best rendered explicitly.
    if (!blockQuote || /\n[\t ]+$/.test(value)) {
        return quotedString(value, ctx);
    }
    const indent = ctx.indent ||
        (ctx.forceBlockIndent || containsDocumentMarker(value) ? '  ' : '');
    const literal = blockQuote === 'literal'
        ? true
        : blockQuote === 'folded' || type === Scalar.Scalar.BLOCK_FOLDED
            ? false
            : type === Scalar.Scalar.BLOCK_LITERAL
                ? true
                : !lineLengthOverLimit(value, lineWidth, indent.length);
    if (!value)
        return literal ? '|\n' : '>\n';
    // determine chomping from whitespace at value end
    let chomp;
    let endStart;
    for (endStart = value.length; endStart > 0; --endStart) {
        const ch = value[endStart - 1];
        if (ch !== '\n' && ch !== '\t' && ch !== ' ')
            break;
    }
    let end = value.substring(endStart);
    const endNlPos = end.indexOf('\n');
    if (endNlPos === -1) {
        chomp = '-'; // strip
    }
    else if (value === end || endNlPos !== end.length - 1) {
        chomp = '+'; // keep
        if (onChompKeep)
            onChompKeep();
    }
    else {
        chomp = ''; // clip
    }
    if (end) {
        value = value.slice(0, -end.length);
        if (end[end.length - 1] === '\n')
            end = end.slice(0, -1);
        end = end.replace(blockEndNewlines, `$&${indent}`);
    }
    // determine indent indicator from whitespace at value start
    let startWithSpace = false;
    let startEnd;
    let startNlPos = -1;
    for (startEnd = 0; startEnd < value.length; ++startEnd) {
        const ch = value[startEnd];
        if (ch === ' ')
            startWithSpace = true;
        else if (ch === '\n')
            startNlPos = startEnd;
        else
            break;
    }
    let start = value.substring(0, startNlPos < startEnd ? startNlPos + 1 : startEnd);
    if (start) {
        value = value.substring(start.length);
        start = start.replace(/\n+/g, `$&${indent}`);
    }
    const indentSize = indent ? '2' : '1'; // root is at -1
    // Leading | or > is added later
    let header = (startWithSpace ? indentSize : '') + chomp;
    if (comment) {
        header += ' ' + commentString(comment.replace(/ ?[\r\n]+/g, ' '));
        if (onComment)
            onComment();
    }
    if (!literal) {
        const foldedValue = value
            .replace(/\n+/g, '\n$&')
            .replace(/(?:^|\n)([\t ].*)(?:([\n\t ]*)\n(?![\n\t ]))?/g, '$1$2') // more-indented lines aren't folded
            //                ^ more-ind. ^ empty     ^ capture next empty lines only at end of indent
            .replace(/\n+/g, `$&${indent}`);
        let literalFallback = false;
        const foldOptions = getFoldOptions(ctx, true);
        if (blockQuote !== 'folded' && type !== Scalar.Scalar.BLOCK_FOLDED) {
            foldOptions.onOverflow = () => {
                literalFallback = true;
            };
        }
        const body = foldFlowLines.foldFlowLines(`${start}${foldedValue}${end}`, indent, foldFlowLines.FOLD_BLOCK, foldOptions);
        if (!literalFallback)
            return `>${header}\n${indent}${body}`;
    }
    value = value.replace(/\n+/g, `$&${indent}`);
    return `|${header}\n${indent}${start}${value}${end}`;
}
function plainString(item, ctx, onComment, onChompKeep) {
    const { type, value } = item;
    const { actualString, implicitKey, indent, indentStep, inFlow } = ctx;
    if ((implicitKey && value.includes('\n')) ||
        (inFlow && /[[\]{},]/.test(value))) {
        return quotedString(value, ctx);
    }
    if (/^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/.test(value)) {
        // not allowed:
        // - '-' or '?'
        // - start with an indicator character (except [?:-]) or /[?-] /
        // - '\n ', ': ' or ' \n' anywhere
        // - '#' not preceded by a non-space char
        // - end with ' ' or ':'
        return implicitKey || inFlow || !value.includes('\n')
            ? quotedString(value, ctx)
            : blockString(item, ctx, onComment, onChompKeep);
    }
    if (!implicitKey &&
        !inFlow &&
        type !== Scalar.Scalar.PLAIN &&
        value.includes('\n')) {
        // Where allowed & type not set explicitly, prefer block style for multiline strings
        return blockString(item, ctx, onComment, onChompKeep);
    }
    if (containsDocumentMarker(value)) {
        if (indent === '') {
            ctx.forceBlockIndent = true;
            return blockString(item, ctx, onComment, onChompKeep);
        }
        else if (implicitKey && indent === indentStep) {
            return quotedString(value, ctx);
        }
    }
    const str = value.replace(/\n+/g, `$&\n${indent}`);
    // Verify that output will be parsed as a string, as e.g. plain numbers and
    // booleans get parsed with those types in v1.2 (e.g. '42', 'true' & '0.9e-3'),
    // and others in v1.1.
    if (actualString) {
        const test = (tag) => tag.default && tag.tag !== 'tag:yaml.org,2002:str' && tag.test?.test(str);
        const { compat, tags } = ctx.doc.schema;
        if (tags.some(test) || compat?.some(test))
            return quotedString(value, ctx);
    }
    return implicitKey
        ? str
        : foldFlowLines.foldFlowLines(str, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
}
function stringifyString(item, ctx, onComment, onChompKeep) {
    const { implicitKey, inFlow } = ctx;
    const ss = typeof item.value === 'string'
        ? item
        : Object.assign({}, item, { value: String(item.value) });
    let { type } = item;
    if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
        // force double quotes on control characters & unpaired surrogates
        if (/[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u.test(ss.value))
            type = Scalar.Scalar.QUOTE_DOUBLE;
    }
    const _stringify = (_type) => {
        switch (_type) {
            case Scalar.Scalar.BLOCK_FOLDED:
            case Scalar.Scalar.BLOCK_LITERAL:
                return implicitKey || inFlow
                    ? quotedString(ss.value, ctx) // blocks are not valid inside flow containers
                    : blockString(ss, ctx, onComment, onChompKeep);
            case Scalar.Scalar.QUOTE_DOUBLE:
                return doubleQuotedString(ss.value, ctx);
            case Scalar.Scalar.QUOTE_SINGLE:
                return singleQuotedString(ss.value, ctx);
            case Scalar.Scalar.PLAIN:
                return plainString(ss, ctx, onComment, onChompKeep);
            default:
                return null;
        }
    };
    let res = _stringify(type);
    if (res === null) {
        const { defaultKeyType, defaultStringType } = ctx.options;
        const t = (implicitKey && defaultKeyType) || defaultStringType;
        res = _stringify(t);
        if (res === null)
            throw new Error(`Unsupported default string type ${t}`);
    }
    return res;
}

exports.stringifyString = stringifyString;


/***/ }),

/***/ 204:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);

const BREAK = Symbol('break visit');
const SKIP = Symbol('skip children');
const REMOVE = Symbol('remove node');
/**
 * Apply a visitor to an AST node or document.
 *
 * Walks through the tree (depth-first) starting from `node`, calling a
 * `visitor` function with three arguments:
 *   - `key`: For sequence values and map `Pair`, the node's index in the
 *     collection. Within a `Pair`, `'key'` or `'value'`, correspondingly.
 *     `null` for the root node.
 *   - `node`: The current node.
 *   - `path`: The ancestry of the current node.
 *
 * The return value of the visitor may be used to control the traversal:
 *   - `undefined` (default): Do nothing and continue
 *   - `visit.SKIP`: Do not visit the children of this node, continue with next
 *     sibling
 *   - `visit.BREAK`: Terminate traversal completely
 *   - `visit.REMOVE`: Remove the current node, then continue with the next one
 *   - `Node`: Replace the current node, then continue by visiting it
 *   - `number`: While iterating the items of a sequence or map, set the index
 *     of the next step. This is useful especially if the index of the current
 *     node has changed.
 *
 * If `visitor` is a single function, it will be called with all values
 * encountered in the tree, including e.g. `null` values. Alternatively,
 * separate visitor functions may be defined for each `Map`, `Pair`, `Seq`,
 * `Alias` and `Scalar` node. To define the same visitor function for more than
 * one node type, use the `Collection` (map and seq), `Value` (map, seq & scalar)
 * and `Node` (alias, map, seq & scalar) targets. Of all these, only the most
 * specific defined one will be used for each node.
 */
function visit(node, visitor) {
    const visitor_ = initVisitor(visitor);
    if (identity.isDocument(node)) {
        const cd = visit_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
            node.contents = null;
    }
    else
        visit_(null, node, visitor_, Object.freeze([]));
}
// Without the `as symbol` casts, TS declares these in the `visit`
// namespace using `var`, but then complains about that because
// `unique symbol` must be `const`.
/** Terminate visit traversal completely */
visit.BREAK = BREAK;
/** Do not visit the children of the current node */
visit.SKIP = SKIP;
/** Remove the current node */
visit.REMOVE = REMOVE;
function visit_(key, node, visitor, path) {
    const ctrl = callVisitor(key, node, visitor, path);
    if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key, path, ctrl);
        return visit_(key, ctrl, visitor, path);
    }
    if (typeof ctrl !== 'symbol') {
        if (identity.isCollection(node)) {
            path = Object.freeze(path.concat(node));
            for (let i = 0; i < node.items.length; ++i) {
                const ci = visit_(i, node.items[i], visitor, path);
                if (typeof ci === 'number')
                    i = ci - 1;
                else if (ci === BREAK)
                    return BREAK;
                else if (ci === REMOVE) {
                    node.items.splice(i, 1);
                    i -= 1;
                }
            }
        }
        else if (identity.isPair(node)) {
            path = Object.freeze(path.concat(node));
            const ck = visit_('key', node.key, visitor, path);
            if (ck === BREAK)
                return BREAK;
            else if (ck === REMOVE)
                node.key = null;
            const cv = visit_('value', node.value, visitor, path);
            if (cv === BREAK)
                return BREAK;
            else if (cv === REMOVE)
                node.value = null;
        }
    }
    return ctrl;
}
/**
 * Apply an async visitor to an AST node or document.
 *
 * Walks through the tree (depth-first) starting from `node`, calling a
 * `visitor` function with three arguments:
 *   - `key`: For sequence values and map `Pair`, the node's index in the
 *     collection. Within a `Pair`, `'key'` or `'value'`, correspondingly.
 *     `null` for the root node.
 *   - `node`: The current node.
 *   - `path`: The ancestry of the current node.
 *
 * The return value of the visitor may be used to control the traversal:
 *   - `Promise`: Must resolve to one of the following values
 *   - `undefined` (default): Do nothing and continue
 *   - `visit.SKIP`: Do not visit the children of this node, continue with next
 *     sibling
 *   - `visit.BREAK`: Terminate traversal completely
 *   - `visit.REMOVE`: Remove the current node, then continue with the next one
 *   - `Node`: Replace the current node, then continue by visiting it
 *   - `number`: While iterating the items of a sequence or map, set the index
 *     of the next step. This is useful especially if the index of the current
 *     node has changed.
 *
 * If `visitor` is a single function, it will be called with all values
 * encountered in the tree, including e.g. `null` values. Alternatively,
 * separate visitor functions may be defined for each `Map`, `Pair`, `Seq`,
 * `Alias` and `Scalar` node. To define the same visitor function for more than
 * one node type, use the `Collection` (map and seq), `Value` (map, seq & scalar)
 * and `Node` (alias, map, seq & scalar) targets. Of all these, only the most
 * specific defined one will be used for each node.
 */
async function visitAsync(node, visitor) {
    const visitor_ = initVisitor(visitor);
    if (identity.isDocument(node)) {
        const cd = await visitAsync_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
            node.contents = null;
    }
    else
        await visitAsync_(null, node, visitor_, Object.freeze([]));
}
// Without the `as symbol` casts, TS declares these in the `visit`
// namespace using `var`, but then complains about that because
// `unique symbol` must be `const`.
/** Terminate visit traversal completely */
visitAsync.BREAK = BREAK;
/** Do not visit the children of the current node */
visitAsync.SKIP = SKIP;
/** Remove the current node */
visitAsync.REMOVE = REMOVE;
async function visitAsync_(key, node, visitor, path) {
    const ctrl = await callVisitor(key, node, visitor, path);
    if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key, path, ctrl);
        return visitAsync_(key, ctrl, visitor, path);
    }
    if (typeof ctrl !== 'symbol') {
        if (identity.isCollection(node)) {
            path = Object.freeze(path.concat(node));
            for (let i = 0; i < node.items.length; ++i) {
                const ci = await visitAsync_(i, node.items[i], visitor, path);
                if (typeof ci === 'number')
                    i = ci - 1;
                else if (ci === BREAK)
                    return BREAK;
                else if (ci === REMOVE) {
                    node.items.splice(i, 1);
                    i -= 1;
                }
            }
        }
        else if (identity.isPair(node)) {
            path = Object.freeze(path.concat(node));
            const ck = await visitAsync_('key', node.key, visitor, path);
            if (ck === BREAK)
                return BREAK;
            else if (ck === REMOVE)
                node.key = null;
            const cv = await visitAsync_('value', node.value, visitor, path);
            if (cv === BREAK)
                return BREAK;
            else if (cv === REMOVE)
                node.value = null;
        }
    }
    return ctrl;
}
function initVisitor(visitor) {
    if (typeof visitor === 'object' &&
        (visitor.Collection || visitor.Node || visitor.Value)) {
        return Object.assign({
            Alias: visitor.Node,
            Map: visitor.Node,
            Scalar: visitor.Node,
            Seq: visitor.Node
        }, visitor.Value && {
            Map: visitor.Value,
            Scalar: visitor.Value,
            Seq: visitor.Value
        }, visitor.Collection && {
            Map: visitor.Collection,
            Seq: visitor.Collection
        }, visitor);
    }
    return visitor;
}
function callVisitor(key, node, visitor, path) {
    if (typeof visitor === 'function')
        return visitor(key, node, path);
    if (identity.isMap(node))
        return visitor.Map?.(key, node, path);
    if (identity.isSeq(node))
        return visitor.Seq?.(key, node, path);
    if (identity.isPair(node))
        return visitor.Pair?.(key, node, path);
    if (identity.isScalar(node))
        return visitor.Scalar?.(key, node, path);
    if (identity.isAlias(node))
        return visitor.Alias?.(key, node, path);
    return undefined;
}
function replaceNode(key, path, node) {
    const parent = path[path.length - 1];
    if (identity.isCollection(parent)) {
        parent.items[key] = node;
    }
    else if (identity.isPair(parent)) {
        if (key === 'key')
            parent.key = node;
        else
            parent.value = node;
    }
    else if (identity.isDocument(parent)) {
        parent.contents = node;
    }
    else {
        const pt = identity.isAlias(parent) ? 'alias' : 'scalar';
        throw new Error(`Cannot replace node with ${pt} parent`);
    }
}

exports.visit = visit;
exports.visitAsync = visitAsync;


/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(40);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
