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
import { UserError } from '../../core/errors.js';
import {
  CloudTrailClient,
  LookupEventsCommand,
  type CloudTrailClientConfig,
  type Event as LookupEvent,
  type LookupEventsCommandOutput,
} from '@aws-sdk/client-cloudtrail';
import { severityRank, type Severity } from '../../core/severity.js';
import type { PartialRule, SourceCoverage } from '../../core/stats.js';
import { credentialProblem, describeAwsError, isAccessDeniedError } from '../../credentials/errors.js';
import { SeenIds } from '../../records/seen-ids.js';
import type { CompiledRule } from '../../rules/compile.js';
import type { RawRecord, SourceReporter } from '../../core/source.js';
import type { SourceContext } from '../record-source.js';
import { abortError } from '../sleep.js';
import { ruleCover, type RuleCover } from './coverage.js';
import { mergeProducers } from './merge.js';
import { DEFAULT_RETRY, RequestGate, RetriesExhaustedError, pacedCall, type RetryPolicy } from './pacing.js';
import {
  PAGE_SIZE,
  describeLookup,
  plan as makePlan,
  type Lookup,
  type Period,
  type Plan,
  type RegionSample,
  type Served,
} from './planner.js';
import type { LookupReport, RegionReport } from './explain.js';
import { DEFAULT_MAX_LOOKUP_CALLS } from '../../core/options.js';

export { PAGE_SIZE, describeLookup, plan, type Plan, type RegionSample, type PlanInput } from './planner.js';
export { ruleCover, hasCover, type RuleCover } from './coverage.js';
export { WRITE_EVENTS, WRITE_PREFIXES, DATA_EVENTS } from './catalog.js';
export { describeCoverage, explainLookupPlans, type RegionReport, type LookupReport } from './explain.js';
export { RequestGate, pacedCall, classifyError, DEFAULT_RETRY, type RetryPolicy } from './pacing.js';

/** CloudTrail keeps 90 days of management events for LookupEvents. */
export const LOOKUP_HISTORY_DAYS = 90;
/** The Region where CloudTrail records global services' events (IAM, STS's global endpoint, console sign-in). */
export const GLOBAL_REGION = 'us-east-1';
/**
 * The most LookupEvents calls a run makes by default: an hourly run reads up to 2,000 events a Region in full (with
 * two Regions, up to about 1,000 each), and a busier account or a longer window is read with lookups; at the API's 2
 * calls per second, 20 seconds of one Region's quota.
 */

const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const ALL = describeLookup({});

export class LookupEventsError extends UserError {}

export interface LookupEventsOptions {
  regions: readonly string[];
  start: Date;
  end: Date;
  /** Default: the SDK's default provider chain. See src/credentials. */
  credentials?: CloudTrailClientConfig['credentials'];
  /** The compiled rule set; without it every event is read. */
  rules?: readonly CompiledRule[];
  /** Correlations (their members' priority) and the history first-seen rules need (a first run). */
  context?: SourceContext;
  /** `auto` (default): the planner decides; `full`: every event of the window (a timeline of all events). */
  plan?: 'auto' | 'full';
  /** The most LookupEvents requests of the run, in all Regions, every attempt counted; default DEFAULT_MAX_LOOKUP_CALLS. */
  maxCalls?: number;
  /** The option that sets maxCalls, named in notes (`max-lookup-calls`, `--max-lookup-calls`). */
  budgetOption?: string;
  /** Add us-east-1, where global services' events are recorded, when it is not listed; default true. */
  includeGlobalRegion?: boolean;
  /** Requests per second per Region; default 2 (the service's limit per account and Region). */
  requestsPerSecond?: number;
  /** Retries of throttled and failed requests; default 10 attempts, backoff 0.5 s doubling up to 20 s. */
  retry?: Partial<RetryPolicy>;
  /** Endpoint override; default the SDK's configuration (`AWS_ENDPOINT_URL_CLOUDTRAIL`, `AWS_ENDPOINT_URL`). */
  endpoint?: string;
  /** Lookups run at once within a Region (they share its pace); default 2. */
  lookupConcurrency?: number;
  signal?: AbortSignal;
  /** Called once the plan is made (after the probes). */
  onPlan?: (plan: Plan) => void;
  /** Called when a Region is done and its events were yielded, with its plan and what it cost (--explain). */
  onRegionDone?: (report: RegionReport) => void;
}

interface Page {
  origin: string;
  events: LookupEvent[];
  report: RegionReport;
  /** The Region's last item: its report is final once the pages before it are consumed. */
  done?: true;
}

/**
 * The run's budget of calls, shared by every Region. A request that LookupEvents refused by throttling is not counted
 * in `spent` (it read nothing, and the plan's events must still be read: throttling loses no event), but in
 * `throttled`, which may reach `limit` too: past it, further requests are cut as by the budget, so that AWS receives
 * at most twice the budget however hard the account's quota is contended.
 */
interface Budget {
  limit: number;
  spent: number;
  throttled: number;
}

interface RegionContext {
  region: string;
  client: CloudTrailClient;
  gate: RequestGate;
  report: RegionReport;
  options: LookupEventsOptions;
  retry: RetryPolicy;
  budget: Budget;
  stats: { apiCalls: number };
  reporter: SourceReporter;
  emit: (page: Page) => Promise<void>;
  signal: AbortSignal;
  /** Set when access denied or a credential problem stopped the Region: no more requests. */
  stopped: boolean;
  /**
   * Why Regions stopped, reported once every Region is done: when none could be read, the run stops with the
   * first reason, which is then said once rather than as a warning too.
   */
  stops: { region: string; message: string }[];
}

/** The Regions to read: deduplicated, in the order given, us-east-1 added unless told not to. */
export function lookupRegions(regions: readonly string[], includeGlobalRegion = true): string[] {
  const list = [...new Set(regions.map((r) => r.trim()).filter((r) => r !== ''))];
  if (includeGlobalRegion && !list.includes(GLOBAL_REGION)) list.push(GLOBAL_REGION);
  return list;
}

/**
 * Each rule's cover, with the priority it is planned by: its level, or a correlation's it feeds when higher.
 * Correlations are not rules of the scan's list; their partial state follows from their members.
 */
export function ruleCovers(rules: readonly CompiledRule[], context?: SourceContext): RuleCover[] {
  const boost = new Map<string, Severity>();
  for (const correlation of context?.correlations ?? []) {
    for (const member of correlation.members) {
      const level = boost.get(member.rule.ruleId);
      if (!level || severityRank(correlation.rule.level) > severityRank(level))
        boost.set(member.rule.ruleId, correlation.rule.level);
    }
  }
  return rules.map((compiled) => {
    const own = compiled.rule.level;
    const fed = boost.get(compiled.rule.ruleId);
    return ruleCover(compiled, fed && severityRank(fed) > severityRank(own) ? fed : own);
  });
}

/** CloudTrail records from LookupEvents (see the module comment). */
export async function* readLookupEvents(
  options: LookupEventsOptions,
  reporter: SourceReporter,
  stats: { apiCalls: number; coverage?: SourceCoverage },
): AsyncGenerator<RawRecord> {
  const regions = lookupRegions(options.regions, options.includeGlobalRegion ?? true);
  if (regions.length === 0) throw new LookupEventsError('regions: no Region given');
  for (const region of regions) {
    if (!REGION_NAME.test(region)) {
      throw new LookupEventsError(`regions: '${region.slice(0, 50)}' is not a Region name (like eu-west-1)`);
    }
  }
  const { start, end } = options;
  if (!(start.getTime() <= end.getTime())) {
    throw new LookupEventsError(
      `the window's start (${start.toISOString()}) is after its end (${end.toISOString()})`,
    );
  }
  const maxCalls = options.maxCalls ?? DEFAULT_MAX_LOOKUP_CALLS;
  if (!Number.isInteger(maxCalls) || maxCalls < regions.length) {
    throw new LookupEventsError(
      `${options.budgetOption ?? 'maxCalls'}: ${maxCalls} is fewer calls than Regions to read (${regions.length}): ` +
        'each Region needs at least one',
    );
  }
  const keptSince = Date.now() - LOOKUP_HISTORY_DAYS * 86_400_000;
  if (start.getTime() < keptSince) {
    reporter.error(
      { file: 'lookup-events' },
      `LookupEvents keeps ${LOOKUP_HISTORY_DAYS} days of events: the part of the window before ` +
        `${new Date(keptSince).toISOString()} cannot be read this way (read the trail's bucket with source s3)`,
    );
  }
  const rules = options.rules ?? [];
  const covers = ruleCovers(rules, options.context);
  const wanted = options.context?.history;
  const history =
    wanted && wanted.ruleIds.length > 0
      ? { since: Math.max(wanted.since, keptSince), ruleIds: wanted.ruleIds }
      : undefined;
  const budget: Budget = { limit: maxCalls, spent: 0, throttled: 0 };
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const reports: RegionReport[] = [];
  const clients: CloudTrailClient[] = [];
  const barrier = new PlanBarrier(regions.length, (samples) =>
    makePlan({
      regions: samples,
      rules: covers,
      ...(history
        ? { history: { seconds: (start.getTime() - history.since) / 1000, ruleIds: history.ruleIds } }
        : {}),
      budget: budget.limit - budget.spent,
      everyEvent: options.plan === 'full' || rules.length === 0,
    }),
  );
  const stops: RegionContext['stops'] = [];

  const producers = regions.map(
    (region) => async (emit: (page: Page) => Promise<void>, signal: AbortSignal) => {
      const config: CloudTrailClientConfig = {
        region,
        maxAttempts: 1, // retries are pacedCall's, through the Region's gate
        requestHandler: { connectionTimeout: 10_000, requestTimeout: 60_000 },
      };
      if (options.credentials !== undefined) config.credentials = options.credentials;
      if (options.endpoint !== undefined) config.endpoint = options.endpoint;
      const client = new CloudTrailClient(config);
      clients.push(client);
      const report: RegionReport = {
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
      const ctx: RegionContext = {
        region,
        client,
        gate: new RequestGate(options.requestsPerSecond ?? 2),
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
      } finally {
        report.durationMs = Math.round(performance.now() - started);
      }
      if (!ctx.signal.aborted) await emit({ origin: '', events: [], report, done: true });
    },
  );

  const seen = new SeenIds();
  try {
    for await (const page of mergeProducers(producers)) {
      if (page.done) {
        options.onRegionDone?.(page.report);
        continue;
      }
      for (let index = 0; index < page.events.length; index++) {
        const event = page.events[index]!;
        if (event.EventId !== undefined && !seen.add(event.EventId)) {
          page.report.duplicates++;
          continue;
        }
        const origin = { file: page.origin, index };
        if (typeof event.CloudTrailEvent !== 'string' || event.CloudTrailEvent === '') {
          reporter.error(
            origin,
            `LookupEvents returned event ${event.EventId ?? '(no EventId)'} without its CloudTrailEvent`,
            1,
          );
          continue;
        }
        page.report.events++;
        yield { text: event.CloudTrailEvent, origin };
      }
    }
  } finally {
    for (const client of clients) client.destroy();
  }
  if (options.signal?.aborted) return;
  const unread = reports.filter((r) => r.pages === 0 && r.errors.length > 0);
  if (unread.length === reports.length && reports.length > 0) {
    const first = unread[0]!.errors[0]!;
    const where = reports.length === 1 ? '' : ` (and in all ${reports.length} Regions)`;
    throw new LookupEventsError(`cannot read CloudTrail with LookupEvents${where}: ${first}`);
  }
  for (const stop of stops) reporter.error({ file: `lookup-events ${stop.region}` }, stop.message);
  const planned = barrier.plan;
  if (!planned) return;
  options.onPlan?.(planned);
  const outcome = coverageOf(planned, reports, covers, options, budget, history);
  stats.coverage = outcome.coverage;
  if (history && outcome.historyServed.length > 0) wanted!.delivered(history.since, outcome.historyServed);
}

/** Waits until every Region has its probe (or failed), then makes the plan once. */
class PlanBarrier {
  private readonly samples: RegionSample[] = [];
  private arrived = 0;
  private readonly waiting: (() => void)[] = [];
  plan: Plan | undefined;

  constructor(
    private readonly expected: number,
    private readonly make: (samples: RegionSample[]) => Plan,
  ) {}

  /** A Region's probe (undefined: it could not be read); resolves with the plan once all have arrived. */
  async arrive(sample: RegionSample | undefined): Promise<Plan> {
    if (sample) this.samples.push(sample);
    this.arrived++;
    if (this.arrived === this.expected) {
      this.samples.sort((a, b) => (a.region < b.region ? -1 : a.region > b.region ? 1 : 0));
      this.plan = this.make(this.samples);
      for (const wake of this.waiting.splice(0)) wake();
    } else {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    return this.plan!;
  }
}

/** Stops the Region: access denied or a credential problem (every further request would fail the same way). */
class RegionStop extends Error {}

async function runRegion(ctx: RegionContext, barrier: PlanBarrier, since: number | undefined): Promise<void> {
  const { report, options } = ctx;
  const { start, end } = options;
  let arrived = false;
  try {
    const full: Lookup = {};
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
      names: new Map<string, number>(),
      sources: new Map<string, number>(),
      coveredSeconds: 0,
      remainingSeconds: 0,
    };
    for (const event of events) {
      const time = event.EventTime?.getTime();
      if (time !== undefined && time < oldest) oldest = time;
      if (event.ReadOnly === 'false') sample.writes++;
      if (event.EventName) sample.names.set(event.EventName, (sample.names.get(event.EventName) ?? 0) + 1);
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
    const mine = plan.regions.find((r) => r.region === ctx.region)!;
    report.plan = mine.window;
    report.history = mine.history;
    report.estimates = mine.estimates;
    report.lookups = mine.lookups.map((l): LookupReport => ({
      period: l.period,
      lookup: describeLookup(l.lookup),
      estimate: l.estimate,
      calls: 0,
      pages: 0,
      events: 0,
      complete: false,
    }));
    const probeReport: LookupReport = {
      period: 'window',
      lookup: describeLookup(full),
      estimate: 1,
      calls: 1,
      pages: 1,
      events: events.length,
      complete: sample.complete,
    };
    report.lookups.unshift(probeReport);
    // With lookups, the probe read its part of the window, [oldest event, end]; the lookups read the rest.
    if (mine.window === 'lookups') probeReport.complete = true;
    if (probe.NextToken && mine.window === 'full') {
      // The full scan goes on from the probe's page: the probe's lookup is the window's full scan.
      const fullReport = report.lookups.find(
        (l) => l.period === 'window' && l.lookup === probeReport.lookup && l !== probeReport,
      );
      if (fullReport) report.lookups.splice(report.lookups.indexOf(fullReport), 1);
      probeReport.estimate += fullReport?.estimate ?? 0;
      probeReport.complete = await readPages(
        ctx,
        full,
        'window',
        start,
        end,
        probe.NextToken,
        2,
        probeReport,
      );
    }
    const window = report.lookups.filter((l) => l.period === 'window' && l !== probeReport);
    if (window.length > 0) await runLookups(ctx, window, start, new Date(oldest));
    const past = report.lookups.filter((l) => l.period === 'history');
    if (past.length > 0 && since !== undefined) await runLookups(ctx, past, new Date(since), start);
    // What the budget cut from the plan, by priority, while what is left allows (estimates are rough).
    for (const extra of mine.spare) {
      if (extra.period === 'history' && since === undefined) continue;
      if (ctx.budget.limit - ctx.budget.spent < extra.estimate) continue;
      const entry: LookupReport = {
        period: extra.period,
        lookup: describeLookup(extra.lookup),
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
      const [from, to] = extra.period === 'window' ? [start, new Date(oldest)] : [new Date(since!), start];
      await runLookups(ctx, [entry], from, to);
    }
    report.complete = report.lookups.every((l) => l.complete);
  } catch (err) {
    if (!arrived) await barrier.arrive(undefined);
    if (ctx.signal.aborted) return;
    if (err instanceof RegionStop) return; // reported
    const message = `${ctx.region}: ${(err as Error).message}`;
    report.errors.push(message);
    ctx.reporter.error({ file: `lookup-events ${ctx.region}` }, message);
  }
}

function pageOrigin(region: string, lookup: Lookup, period: Period, page: number): string {
  return `lookup-events ${region} ${describeLookup(lookup)}${period === 'history' ? ' (history)' : ''} page ${page}`;
}

/** Every page of each lookup over [start, end], `lookupConcurrency` lookups at a time. */
async function runLookups(
  ctx: RegionContext,
  lookups: LookupReport[],
  start: Date,
  end: Date,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < lookups.length) {
      const entry = lookups[next++]!;
      const lookup = lookupFrom(entry.lookup);
      entry.complete = await readPages(ctx, lookup, entry.period, start, end, undefined, 1, entry);
    }
  };
  const concurrency = Math.max(1, Math.min(ctx.options.lookupConcurrency ?? 2, lookups.length));
  const results = await Promise.allSettled(Array.from({ length: concurrency }, worker));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

function lookupFrom(text: string): Lookup {
  if (text === describeLookup({})) return {};
  const at = text.indexOf('=');
  return { attribute: { key: text.slice(0, at) as 'EventName', value: text.slice(at + 1) } };
}

/** The pages of one lookup from `token` on; true when it read to its end. */
async function readPages(
  ctx: RegionContext,
  lookup: Lookup,
  period: Period,
  start: Date,
  end: Date,
  token: string | undefined,
  firstPage: number,
  entry: LookupReport,
): Promise<boolean> {
  for (let page = firstPage; ; page++) {
    const out = await call(ctx, lookup, start, end, token, page, period, entry);
    if (!out) return false;
    entry.pages++;
    entry.events += out.Events?.length ?? 0;
    await ctx.emit({
      origin: pageOrigin(ctx.region, lookup, period, page),
      events: out.Events ?? [],
      report: ctx.report,
    });
    if (!out.NextToken) return true;
    if (out.NextToken === token) throw new Error('LookupEvents returned the same NextToken twice');
    token = out.NextToken;
  }
}

/** The budget ran out before a request: the lookup stops there (not an error). */
class BudgetSpent extends Error {}

/**
 * One page, paced and retried. Undefined when it could not be had (reported, or the budget ran out: the lookup
 * stops there); throws RegionStop after reporting access denied or a credential problem.
 */
async function call(
  ctx: RegionContext,
  lookup: Lookup,
  start: Date,
  end: Date,
  token: string | undefined,
  page: number,
  period: Period = 'window',
  entry?: LookupReport,
): Promise<LookupEventsCommandOutput | undefined> {
  const { report, budget } = ctx;
  const origin = pageOrigin(ctx.region, lookup, period, page);
  if (ctx.stopped) throw new RegionStop('stopped');
  const input = {
    StartTime: start,
    EndTime: end,
    MaxResults: PAGE_SIZE,
    ...(lookup.attribute
      ? { LookupAttributes: [{ AttributeKey: lookup.attribute.key, AttributeValue: lookup.attribute.value }] }
      : {}),
    ...(token !== undefined ? { NextToken: token } : {}),
  };
  try {
    const out = await pacedCall(
      ctx.gate,
      () => ctx.client.send(new LookupEventsCommand(input), { abortSignal: ctx.signal }),
      ctx.retry,
      {
        onAttempt: () => {
          if (budget.spent >= budget.limit || budget.throttled >= budget.limit) throw new BudgetSpent();
          budget.spent++;
          ctx.stats.apiCalls++;
          report.calls++;
          if (entry) entry.calls++;
        },
        onRetry: (kind) => {
          report.retried++;
          if (kind === 'throttle') {
            report.throttled++;
            budget.spent--; // counted in throttled instead: the request is made again
            budget.throttled++;
            if (entry) entry.calls--;
          }
        },
      },
      ctx.signal,
    );
    report.pages++;
    return out;
  } catch (err) {
    if (err instanceof BudgetSpent) {
      if (entry) entry.cut = true;
      return undefined;
    }
    if (ctx.signal.aborted) throw abortError();
    const cause = err instanceof RetriesExhaustedError ? err.cause : err;
    const problem = credentialProblem(cause);
    if (problem !== undefined || isAccessDeniedError(cause)) {
      const why =
        problem ??
        `access denied (${describeAwsError(cause)}): the credentials need cloudtrail:LookupEvents ` +
          `(in the role's permission policy, and not denied by an SCP or a permissions boundary)`;
      const message = `${ctx.region}: ${why}`;
      if (!ctx.stopped) {
        ctx.stopped = true;
        report.errors.push(message);
        ctx.stops.push({ region: ctx.region, message: why });
      }
      throw new RegionStop(message);
    }
    const why =
      err instanceof RetriesExhaustedError
        ? `gave up after ${err.attempts} attempts (${describeAwsError(cause)}): the rest of this lookup was not read`
        : `${describeAwsError(cause)}: the rest of this lookup was not read`;
    report.errors.push(`${origin}: ${why}`);
    ctx.reporter.error({ file: origin }, why);
    return undefined;
  }
}

/**
 * What the run served: per rule, the Regions where it was not served whole and why (a correlation through its
 * members); the first-seen rules whose history was read whole everywhere; the budget and what would serve the rest.
 */
function coverageOf(
  plan: Plan,
  reports: readonly RegionReport[],
  covers: readonly RuleCover[],
  options: LookupEventsOptions,
  budget: Budget,
  history: { since: number; ruleIds: readonly string[] } | undefined,
): { coverage: SourceCoverage; historyServed: string[] } {
  const byRegion = new Map(reports.map((r) => [r.region, r]));
  /** Why a rule is not served in a Region and period, or undefined when it is. */
  const status = (
    region: string,
    period: Period,
    served: Served | undefined,
  ): PartialRule['reason'] | undefined => {
    const report = byRegion.get(region);
    if (!report || report.pages === 0) return 'errors';
    if (!served)
      return period === 'window' && report.plan === 'read' && report.errors.length === 0
        ? undefined
        : 'errors';
    if ('partial' in served) {
      // Not served by the plan: served if a full scan, or its own lookups, ran after it to their end.
      const ran = (key: string) =>
        report.lookups.find((l) => l.period === period && l.lookup === key && (l.spare || key !== ALL))
          ?.complete === true;
      if (ran(ALL)) return undefined;
      if (served.partial === 'needs-every-event') return served.partial;
      return served.spare.every(ran) ? undefined : 'budget';
    }
    for (const key of served.by) {
      const entry = report.lookups.find((l) => l.period === period && l.lookup === key);
      if (!entry) continue;
      if (!entry.complete) return entry.cut ? 'budget' : 'errors';
    }
    if (period === 'window' && report.plan !== 'lookups') {
      const scan = report.lookups.find((l) => l.period === 'window' && l.lookup === describeLookup({}));
      if (scan && !scan.complete) return scan.cut ? 'budget' : 'errors';
    }
    return undefined;
  };
  const partial: PartialRule[] = [];
  const regions = reports.map((r) => r.region).sort();
  const reasonsOf = (ruleId: string): Map<PartialRule['reason'], string[]> => {
    const reasons = new Map<PartialRule['reason'], string[]>();
    for (const region of regions) {
      const reason = status(region, 'window', plan.window.get(region)?.get(ruleId));
      if (reason) reasons.set(reason, [...(reasons.get(reason) ?? []), region]);
    }
    return reasons;
  };
  const ruleReasons = new Map<string, Map<PartialRule['reason'], string[]>>();
  for (const cover of covers) {
    const reasons = reasonsOf(cover.ruleId);
    if (cover.dataNames.length > 0) reasons.set('data-events', []);
    ruleReasons.set(cover.ruleId, reasons);
    for (const [reason, where] of reasons) partial.push({ ruleId: cover.ruleId, regions: where, reason });
  }
  for (const correlation of options.context?.correlations ?? []) {
    for (const member of correlation.members) {
      const reasons = ruleReasons.get(member.rule.ruleId);
      if (!reasons || reasons.size === 0) continue;
      const [reason, where] = [...reasons][0]!;
      partial.push({ ruleId: correlation.rule.ruleId, regions: where, reason, via: member.rule.ruleId });
      break;
    }
  }
  const historyServed: string[] = [];
  const historyNot: string[] = [];
  for (const ruleId of history?.ruleIds ?? []) {
    const whole = regions.every(
      (region) => !status(region, 'history', plan.history.get(region)?.get(ruleId)),
    );
    (whole ? historyServed : historyNot).push(ruleId);
  }
  const option = options.budgetOption ?? 'maxCalls';
  const coverage: SourceCoverage = {
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
  } else if (partial.some((p) => p.reason === 'data-events')) {
    coverage.remedy = 'data events are in the trail only: read it with source s3 or athena';
  }
  const historySpent = reports.reduce(
    (n, r) => n + r.lookups.filter((l) => l.period === 'history').reduce((m, l) => m + l.calls, 0),
    0,
  );
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
