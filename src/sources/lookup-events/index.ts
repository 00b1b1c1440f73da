/**
 * The `lookup-events` source: CloudTrail's LookupEvents API, for each Region of one account, over [start, end].
 *
 * planner.ts  which lookups to make: a full scan, `ReadOnly=false`, or one lookup per eventName (pure)
 * pacing.ts   at most N requests per second per Region; throttling and transient errors retried with backoff
 * merge.ts    the Regions run in parallel into one stream
 * explain.ts  the chosen plans and their estimates, as text (the CLI's --explain)
 *
 * Each Region runs on its own: with a forced plan, its lookups; otherwise the full scan, whose pages double as
 * the probe of the planner, until a pushdown plan is expected to read the rest of the window in fewer calls
 * (see planner.ts). Pages are 50 events; events are de-duplicated by EventId across Regions and plans; each
 * event's `CloudTrailEvent` (the record's JSON) is yielded as the record text, with an origin naming the Region,
 * the lookup and the page.
 *
 * Errors: a lookup that fails (retries exhausted, an invalid parameter) is reported with `reporter.error` and the
 * Region goes on with its next lookup; access denied and credential problems (expired, unknown key, none) stop
 * the Region, reported likewise, and are never retried. When no Region could be read at all, readLookupEvents
 * throws a LookupEventsError (after reporting) with the first Region's message, which names the fix.
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
import { credentialProblem, describeAwsError, isAccessDeniedError } from '../../credentials/errors.js';
import { SeenIds } from '../../records/seen-ids.js';
import type { CompiledRule } from '../../rules/compile.js';
import type { RawRecord, SourceReporter } from '../../core/source.js';
import { abortError } from '../sleep.js';
import { mergeProducers } from './merge.js';
import { DEFAULT_RETRY, RequestGate, RetriesExhaustedError, pacedCall, type RetryPolicy } from './pacing.js';
import {
  PAGE_SIZE,
  choosePlan,
  describeLookup,
  estimateRemaining,
  lookupsOf,
  pushdownTargets,
  type Lookup,
  type PlanKind,
  type ProbeSample,
  type PushdownTargets,
} from './planner.js';

export {
  pushdownTargets,
  estimateRemaining,
  choosePlan,
  lookupsOf,
  availablePlans,
  PAGE_SIZE,
  type PlanKind,
  type PushdownTargets,
  type ProbeSample,
  type PlanEstimates,
} from './planner.js';
export { explainLookupPlans, describePushdown, type RegionReport } from './explain.js';
import type { RegionReport } from './explain.js';
export { RequestGate, pacedCall, classifyError, DEFAULT_RETRY, type RetryPolicy } from './pacing.js';

/** CloudTrail keeps 90 days of management events for LookupEvents. */
export const LOOKUP_HISTORY_DAYS = 90;
/** The Region where CloudTrail records global services' events (IAM, STS's global endpoint, console sign-in). */
export const GLOBAL_REGION = 'us-east-1';
const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

export class LookupEventsError extends UserError {}

export interface LookupEventsOptions {
  regions: readonly string[];
  start: Date;
  end: Date;
  /** Default: the SDK's default provider chain. See src/credentials. */
  credentials?: CloudTrailClientConfig['credentials'];
  /** The compiled rule set, for pushdown; without it (or with plan 'full') every event is read. */
  rules?: readonly Pick<CompiledRule, 'rule' | 'eventNames' | 'eventNamesAsWritten'>[];
  /** The caller knows that every rule needs only write events: offers the `ReadOnly=false` plan. */
  writeOnly?: boolean;
  /**
   * `auto` (default): the planner decides per Region; `full`: every event (needed when every event is wanted,
   * e.g. a timeline of all events); `event-names` / `write-only`: that plan, without probing.
   */
  plan?: 'auto' | PlanKind;
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
  /** Safety bound on the requests of one Region; default 200,000 (10 million events). */
  maxCallsPerRegion?: number;
  signal?: AbortSignal;
  /** Called when a Region is done and its events were yielded, with its plan, estimates and counts (--explain). */
  onRegionDone?: (report: RegionReport) => void;
}

interface Page {
  origin: string;
  events: LookupEvent[];
  report: RegionReport;
  /** The Region's last item: its report is final once the pages before it are consumed. */
  done?: true;
}

interface RegionContext {
  region: string;
  client: CloudTrailClient;
  gate: RequestGate;
  report: RegionReport;
  targets: PushdownTargets;
  lowerNames: ReadonlySet<string>;
  options: LookupEventsOptions;
  retry: RetryPolicy;
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

/** CloudTrail records from LookupEvents (see the module comment). */
export async function* readLookupEvents(
  options: LookupEventsOptions,
  reporter: SourceReporter,
  stats: { apiCalls: number },
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
  const targets = pushdownTargets(options.rules ?? [], { writeOnly: options.writeOnly === true });
  const forced = options.plan ?? 'auto';
  if (forced === 'event-names' && targets.eventNames === null) {
    throw new LookupEventsError(
      `plan event-names needs every rule to name its eventNames; these do not: ${targets.unconstrained.slice(0, 10).join(', ') || '(no rules)'}`,
    );
  }
  const historyStart = Date.now() - LOOKUP_HISTORY_DAYS * 86_400_000;
  if (start.getTime() < historyStart) {
    reporter.error(
      { file: 'lookup-events' },
      `LookupEvents keeps ${LOOKUP_HISTORY_DAYS} days of events: the part of the window before ` +
        `${new Date(historyStart).toISOString()} cannot be read this way (read the trail's bucket with source s3)`,
    );
  }
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const lowerNames = new Set((targets.eventNames ?? []).map((n) => n.toLowerCase()));
  const reports: RegionReport[] = [];
  const clients: CloudTrailClient[] = [];
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
        plan: forced === 'auto' ? 'full' : forced,
        forced: forced !== 'auto',
        reason: '',
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
      const linked = anySignal(signal, options.signal);
      const ctx: RegionContext = {
        region,
        client,
        gate: new RequestGate(options.requestsPerSecond ?? 2),
        report,
        targets,
        lowerNames,
        options,
        retry,
        stats,
        reporter,
        emit,
        signal: linked,
        stopped: false,
        stops,
      };
      const started = performance.now();
      try {
        await runRegion(ctx);
      } finally {
        report.durationMs = Math.round(performance.now() - started);
      }
      if (!linked.aborted) await emit({ origin: '', events: [], report, done: true });
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
}

/** A signal that aborts when any of the given ones does. */
function anySignal(a: AbortSignal, b: AbortSignal | undefined): AbortSignal {
  return b ? AbortSignal.any([a, b]) : a;
}

/** Stops the Region: access denied or a credential problem (every further request would fail the same way). */
class RegionStop extends Error {}

async function runRegion(ctx: RegionContext): Promise<void> {
  const { report, options, targets } = ctx;
  const { start, end } = options;
  try {
    const forced = options.plan ?? 'auto';
    if (forced === 'event-names' || forced === 'write-only') {
      report.reason = `${forced} plan requested`;
      report.complete = await runLookups(ctx, lookupsOf(forced, targets), start, end);
      return;
    }
    const canPush = forced === 'auto' && (targets.eventNames !== null || targets.writeOnly);
    if (forced === 'full') report.reason = 'full scan requested';
    else if (!canPush) report.reason = noPushdownReason(targets);
    const full: Lookup = {};
    report.lookups.push(describeLookup(full));
    const sample: ProbeSample = {
      pages: 0,
      events: 0,
      writes: 0,
      matching: 0,
      coveredSeconds: 0,
      remainingSeconds: 0,
    };
    let oldest = end.getTime();
    let token: string | undefined;
    for (;;) {
      const out = await call(ctx, full, start, end, token, sample.pages + 1);
      if (!out) return; // reported; the full scan cannot go on
      const events = out.Events ?? [];
      sample.pages++;
      sample.events += events.length;
      for (const event of events) {
        const time = event.EventTime?.getTime();
        if (time !== undefined && time < oldest) oldest = time;
        if (event.ReadOnly === 'false') sample.writes++;
        if (event.EventName !== undefined && ctx.lowerNames.has(event.EventName.toLowerCase()))
          sample.matching++;
      }
      await ctx.emit({ origin: pageOrigin(ctx.region, full, sample.pages), events, report });
      if (!out.NextToken) {
        if (canPush) {
          report.reason =
            sample.pages === 1
              ? 'the whole window fit in the first page'
              : 'the full scan stayed the cheapest plan';
        }
        report.complete = true;
        return;
      }
      if (out.NextToken === token) throw new Error('LookupEvents returned the same NextToken twice');
      token = out.NextToken;
      if (!canPush) continue;
      sample.coveredSeconds = (end.getTime() - oldest) / 1000;
      sample.remainingSeconds = (oldest - start.getTime()) / 1000;
      const estimates = estimateRemaining(sample, targets);
      const choice = choosePlan(estimates);
      report.estimates = estimates;
      report.probe = {
        pages: sample.pages,
        events: sample.events,
        coveredSeconds: sample.coveredSeconds,
        eventsPerHour: estimates.eventsPerHour,
      };
      report.reason = choice.reason;
      if (choice.plan !== 'full') {
        report.plan = choice.plan;
        // The pages read cover [oldest, end]; the plan reads [start, oldest] (inclusive: events of the oldest
        // second may continue on the next page; duplicates are dropped by EventId).
        report.complete = await runLookups(ctx, lookupsOf(choice.plan, targets), start, new Date(oldest));
        return;
      }
    }
  } catch (err) {
    if (ctx.signal.aborted) return;
    if (err instanceof RegionStop) return; // reported
    const message = `${ctx.region}: ${(err as Error).message}`;
    report.errors.push(message);
    ctx.reporter.error({ file: `lookup-events ${ctx.region}` }, message);
  }
}

function noPushdownReason(targets: PushdownTargets): string {
  if (targets.ruleCount === 0) return 'no rules given: every event is read';
  const some = targets.unconstrained.slice(0, 5).join(', ');
  const more = targets.unconstrained.length > 5 ? ` and ${targets.unconstrained.length - 5} more` : '';
  return `rules that do not name their eventNames (${some}${more}) need every event`;
}

function pageOrigin(region: string, lookup: Lookup, page: number): string {
  return `lookup-events ${region} ${describeLookup(lookup)} page ${page}`;
}

/** Every page of each lookup over [start, end], `lookupConcurrency` lookups at a time. True when all completed. */
async function runLookups(ctx: RegionContext, lookups: Lookup[], start: Date, end: Date): Promise<boolean> {
  ctx.report.lookups.push(...lookups.map(describeLookup));
  let next = 0;
  let complete = true;
  const worker = async () => {
    while (next < lookups.length) {
      const lookup = lookups[next++]!;
      let token: string | undefined;
      for (let page = 1; ; page++) {
        const out = await call(ctx, lookup, start, end, token, page);
        if (!out) {
          complete = false;
          break;
        }
        await ctx.emit({
          origin: pageOrigin(ctx.region, lookup, page),
          events: out.Events ?? [],
          report: ctx.report,
        });
        if (!out.NextToken) break;
        if (out.NextToken === token) throw new Error('LookupEvents returned the same NextToken twice');
        token = out.NextToken;
      }
    }
  };
  const concurrency = Math.max(1, Math.min(ctx.options.lookupConcurrency ?? 2, lookups.length));
  const results = await Promise.allSettled(Array.from({ length: concurrency }, worker));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return complete;
}

/**
 * One page, paced and retried. Undefined when it could not be had (reported: the lookup stops there); throws
 * RegionStop after reporting access denied or a credential problem.
 */
async function call(
  ctx: RegionContext,
  lookup: Lookup,
  start: Date,
  end: Date,
  token: string | undefined,
  page: number,
): Promise<LookupEventsCommandOutput | undefined> {
  const { report } = ctx;
  const limit = ctx.options.maxCallsPerRegion ?? 200_000;
  const origin = pageOrigin(ctx.region, lookup, page);
  if (ctx.stopped) throw new RegionStop('stopped');
  if (report.calls >= limit) {
    const message = `${origin}: not requested: the Region reached its limit of ${limit} requests`;
    report.errors.push(message);
    ctx.reporter.error({ file: origin }, message);
    return undefined;
  }
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
          ctx.stats.apiCalls++;
          report.calls++;
        },
        onRetry: (kind) => {
          report.retried++;
          if (kind === 'throttle') report.throttled++;
        },
      },
      ctx.signal,
    );
    report.pages++;
    return out;
  } catch (err) {
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
