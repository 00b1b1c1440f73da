/**
 * The `s3` source: CloudTrail log files from a trail's bucket, for one time window.
 *
 * layout.ts      key layout, delivery time in a file name, day folders of a window (pure)
 * listing.ts     one folder listed (ListObjectsV2, delimiter `/`, every page)
 * download.ts    objects fetched with bounded concurrency, parsed in key order (files/readRecords)
 * errors.ts      S3 errors as messages that name the fix
 * client.ts      an S3Client with retries, timeouts and region redirects, for the caller to create
 *
 * Discovery lists `[prefix/]AWSLogs/` (or each given organization's folder): its children are account ids and
 * organization ids (`o-...`, whose children are account ids); then `ACCOUNT/CloudTrail/` of each account kept,
 * whose children are regions. `CloudTrail-Digest/` and `CloudTrail-Insight/` (siblings of `CloudTrail/`) are
 * never listed. Then, per account and region, only the day folders `YYYY/MM/DD/` from the window's start to
 * its end plus the delivery margin (which reaches into the next day when the window ends within the margin of
 * midnight: events just before midnight are delivered into the next day's folder). A file is fetched when the
 * delivery time in its name lies in [start rounded down to the minute, end + margin]; every record of a
 * fetched file is yielded, and the records stage and detector keep those whose eventTime is in the window.
 *
 * History (a first run, `history`): the day folders from the history's start to the window's are listed with the
 * window's, and the files delivered in [since, window start) are read too when their size, from the listing, fits
 * `historyMaxBytes`; otherwise the newest of them that fit (whole minutes of deliveries), so that every event from
 * the oldest delivery read on is at hand. Once every record is yielded, `history.delivered` says from when the
 * history is complete (every rule: the files hold every event), unless a history file could not be read.
 * `onCoverage` gets the bytes the history cost against its budget, and what it served.
 *
 * Errors: when the first level (`AWSLogs/`, or the given organizations' folders) cannot be listed, or when no
 * trail folder is found at all, readS3 throws S3SourceError with a message that names the fix (permissions,
 * bucket, prefix). Below that, a folder that cannot be listed and an object that cannot be fetched or parsed
 * are reported through `reporter.error` by `s3://bucket/key`, and the scan goes on.
 *
 * `stats.apiCalls` counts the HTTP requests made to S3 (List and Get, the SDK's retries included).
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { isEventFileName } from '../files/index.js';
import type { RawRecord, SourceReporter } from '../../core/source.js';
import { mapLimit } from './concurrency.js';
import { fetchInOrder, objectUri } from './download.js';
import { S3SourceError, isAbort, listingErrorMessage } from './errors.js';
import {
  ACCOUNT_ID,
  ORGANIZATION_ID,
  compareKeys,
  dayFolders,
  deliveryRange,
  deliveryTime,
  lastSegment,
} from './layout.js';
import { basePrefix } from '../../core/trail-layout.js';
import { listFolder, type ListContext, type ListedObject } from './listing.js';
import type { SourceCoverage } from '../../core/stats.js';
import type { SourceHistory } from '../record-source.js';

export { S3SourceError } from './errors.js';
export { createS3Client, DEFAULT_MAX_ATTEMPTS, type S3ClientOptions } from './client.js';
export { deliveryTime, deliveryRange, dayFolders, ORGANIZATION_ID, ACCOUNT_ID } from './layout.js';
export { objectUri } from './download.js';

export interface S3SourceOptions {
  /** Created by the caller (see createS3Client), which also destroys it. */
  client: S3Client;
  bucket: string;
  /**
   * The 12-digit account that must own the bucket, sent as ExpectedBucketOwner with every request: S3 refuses
   * the request (403) when another account owns it (a deleted and re-created bucket name, a typo). Optional.
   */
  expectedBucketOwner?: string;
  /** The trail's S3 key prefix (the part before `AWSLogs/`); a trailing `/AWSLogs` is accepted. */
  prefix?: string;
  /** Only these accounts (12 digits), in and outside organization folders. Default: every account found. */
  accounts?: readonly string[];
  /** Only these organizations' folders (`o-...`); accounts outside them are not read. Default: all, and none. */
  organizationIds?: readonly string[];
  /** Only these regions. Default: every region found. */
  regions?: readonly string[];
  /** Inclusive bounds, epoch milliseconds. */
  window: { start: number; end: number };
  /** GetObject (and List) requests in flight at most; default 8. */
  concurrency?: number;
  /** Minutes after the window's end in which files are still read for its events; default 60, at least 30. */
  deliveryMarginMinutes?: number;
  /** Objects fetched ahead of the one being parsed, at most; default 2 × concurrency. */
  readAhead?: number;
  /** Compressed bytes held ahead, at most; a larger object is streamed when its turn comes. Default 64 MiB. */
  readAheadBytes?: number;
  /** Fetches of an object whose body breaks off mid-transfer before it is reported; default 3. */
  bodyAttempts?: number;
  /** A body that sends nothing for this long is fetched again; default 30 s. */
  bodyIdleTimeoutMs?: number;
  /** Backoff base before fetching a broken body again; default 200 ms. */
  retryBaseDelayMs?: number;
  /** Longest window, in days (a bound on the folders listed); default 400. */
  maxWindowDays?: number;
  /** Pages of one folder's listing, at most; default 10,000 (10 million keys). */
  maxPagesPerFolder?: number;
  /** Longest record text kept, as for the files source. */
  maxRecordChars?: number;
  signal?: AbortSignal;
  /** Called once discovery is done, before the first object is fetched (for logs and `--explain`). */
  onPlan?: (plan: S3Plan) => void;
  /** History before the window that first-seen rules still need (a first run). */
  history?: SourceHistory & {
    /** Each rule's history window in milliseconds, to say which rules a shorter history served. */
    spans: ReadonlyMap<string, number>;
  };
  /** Compressed bytes the history may read, estimated from the listing; default DEFAULT_HISTORY_MAX_BYTES. */
  historyMaxBytes?: number;
  /** Called at the end with what the history cost and served (with `history`). */
  onCoverage?: (coverage: SourceCoverage) => void;
}

/** One account's log folder for one region. */
export interface TrailFolder {
  /** `[prefix/]AWSLogs/[o-org/]ACCOUNT/CloudTrail/REGION/` */
  prefix: string;
  organizationId?: string;
  account: string;
  region: string;
}

/** What discovery found and what will be fetched. */
export interface S3Plan {
  /** `s3://bucket/[prefix/]AWSLogs/` */
  root: string;
  folders: TrailFolder[];
  /** Day folders listed under each trail folder (`YYYY/MM/DD/`). */
  days: string[];
  /** Delivery times (ISO) of the files fetched. */
  delivery: { from: string; to: string };
  objectsListed: number;
  objectsSelected: number;
  bytesSelected: number;
  /** With `history`: the history's files listed, and those selected within its budget. */
  history?: {
    from: string;
    objectsListed: number;
    bytesListed: number;
    objectsSelected: number;
    bytesSelected: number;
  };
}

export const DEFAULT_CONCURRENCY = 8;
/** The history a first run reads at most: 1 GiB of compressed log files (a few minutes of reading). */
export const DEFAULT_HISTORY_MAX_BYTES = 2 ** 30;
export const DEFAULT_DELIVERY_MARGIN_MINUTES = 60;
export const MIN_DELIVERY_MARGIN_MINUTES = 30;

const DAY_MS = 86_400_000;
const NOT_A_LOG_FILE = 'no delivery time in the file name (not a CloudTrail log file)';

/**
 * CloudTrail records from the log files that a trail delivered to S3 around `window` (see the module comment),
 * in key order. Throws S3SourceError before the first record when the logs cannot be found or listed.
 */
export async function* readS3(
  options: S3SourceOptions,
  reporter: SourceReporter,
  stats: { apiCalls: number },
): AsyncGenerator<RawRecord> {
  const settings = validate(options);
  const { bucket, client, signal } = options;
  const list: ListContext = { client, bucket, stats, maxPages: settings.maxPages };
  if (signal) list.signal = signal;
  if (options.expectedBucketOwner !== undefined) list.expectedBucketOwner = options.expectedBucketOwner;
  const base = basePrefix(options.prefix);
  const logs = `${base}AWSLogs/`;

  const folders = await discover(options, settings, list, base, logs, reporter);
  if (signal?.aborted) return;

  // The day folders of every trail folder; the files whose delivery time is in range.
  const range = deliveryRange(options.window, settings.margin);
  const history = options.history && options.history.since < range.from ? options.history : undefined;
  const days = dayFolders(history ? { from: history.since, to: range.to } : range);
  const dayPrefixes = folders.flatMap((folder) => days.map((day) => `${folder.prefix}${day}`));
  let objectsListed = 0;
  const listings = await mapLimit(dayPrefixes, settings.concurrency, async (prefix) => {
    if (signal?.aborted) return [];
    try {
      return (await listFolder(list, prefix)).objects;
    } catch (err) {
      if (isAbort(err) || signal?.aborted) return [];
      reporter.error({ file: objectUri(bucket, prefix) }, listingErrorMessage(err, bucket, prefix, base));
      return [];
    }
  });
  if (signal?.aborted) return;
  const selected: ListedObject[] = [];
  const past: (ListedObject & { time: number })[] = [];
  for (const object of listings.flat()) {
    objectsListed++;
    const name = object.key.slice(object.key.lastIndexOf('/') + 1);
    if (!isEventFileName(name)) continue; // not a log file (a folder marker, a stray README): ignored, as in folders
    const time = deliveryTime(name);
    if (time === undefined) {
      reporter.fileSkipped(objectUri(bucket, object.key), NOT_A_LOG_FILE);
      continue;
    }
    if (time >= range.from && time <= range.to) selected.push(object);
    else if (history && time >= Math.floor(history.since / 60_000) * 60_000 && time < range.from)
      past.push({ ...object, time });
  }
  const historyPlan = history
    ? historyWithin(
        past,
        options.historyMaxBytes ?? DEFAULT_HISTORY_MAX_BYTES,
        history.since,
        settings.margin * 60_000,
      )
    : undefined;
  if (historyPlan) selected.push(...historyPlan.objects);
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
  const watched: SourceReporter = historyPlan
    ? {
        fileRead: (file) => reporter.fileRead(file),
        fileSkipped: (file, reason) => reporter.fileSkipped(file, reason),
        error(origin, message, recordsLost) {
          if (historyUris.has(origin.file)) historyBroken = true;
          reporter.error(origin, message, recordsLost);
        },
      }
    : reporter;

  yield* fetchInOrder(
    selected,
    {
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
    },
    watched,
  );
  if (!history || !historyPlan || signal?.aborted) return;
  const start = options.window.start;
  const complete = !historyBroken && historyPlan.from !== undefined;
  if (complete) history.delivered(historyPlan.from!);
  // A rule is served when the history read reaches back its own history window.
  const served = history.ruleIds.filter(
    (id) => complete && historyPlan.from! <= start - (history.spans.get(id) ?? Infinity),
  );
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
function historyWithin(
  past: readonly (ListedObject & { time: number })[],
  maxBytes: number,
  since: number,
  marginMs: number,
): { objects: ListedObject[]; bytes: number; listed: number; from: number | undefined } {
  const listed = past.reduce((sum, o) => sum + o.size, 0);
  const newest = [...past].sort((a, b) => b.time - a.time);
  const objects: ListedObject[] = [];
  let bytes = 0;
  let oldest: number | undefined;
  for (let i = 0; i < newest.length;) {
    const minute = newest[i]!.time;
    let j = i;
    let size = 0;
    while (j < newest.length && newest[j]!.time === minute) size += newest[j++]!.size;
    if (bytes + size > maxBytes) break;
    for (const o of newest.slice(i, j)) objects.push({ key: o.key, size: o.size });
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
export async function listTrailFolders(
  options: S3SourceOptions,
  reporter: SourceReporter,
  stats: { apiCalls: number },
): Promise<TrailFolder[]> {
  const settings = validate(options);
  const list: ListContext = {
    client: options.client,
    bucket: options.bucket,
    stats,
    maxPages: settings.maxPages,
  };
  if (options.signal) list.signal = options.signal;
  if (options.expectedBucketOwner !== undefined) list.expectedBucketOwner = options.expectedBucketOwner;
  const base = basePrefix(options.prefix);
  return discover(options, settings, list, base, `${base}AWSLogs/`, reporter);
}

interface Settings {
  concurrency: number;
  margin: number;
  readAhead: number;
  readAheadBytes: number;
  bodyAttempts: number;
  bodyIdleTimeoutMs: number;
  retryBaseDelayMs: number;
  maxPages: number;
  accounts: Set<string> | undefined;
  organizations: string[] | undefined;
  regions: Set<string> | undefined;
}

function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer`);
  return value;
}

function validate(options: S3SourceOptions): Settings {
  if (!options.bucket) throw new S3SourceError('no S3 bucket given (s3-bucket)');
  const { start, end } = options.window;
  if (!Number.isFinite(start) || !Number.isFinite(end)) {
    throw new S3SourceError('the s3 source needs a time window with a start and an end');
  }
  if (end < start) throw new S3SourceError('the time window ends before it starts');
  const maxDays = positiveInteger('maxWindowDays', options.maxWindowDays, 400);
  if (end - start > maxDays * DAY_MS) {
    throw new S3SourceError(
      `the time window spans more than ${maxDays} days: scan a shorter window (or several)`,
    );
  }
  const margin = options.deliveryMarginMinutes ?? DEFAULT_DELIVERY_MARGIN_MINUTES;
  if (!Number.isFinite(margin) || margin < MIN_DELIVERY_MARGIN_MINUTES) {
    throw new RangeError(`deliveryMarginMinutes must be at least ${MIN_DELIVERY_MARGIN_MINUTES}`);
  }
  const owner = options.expectedBucketOwner;
  if (owner !== undefined && !ACCOUNT_ID.test(owner)) {
    throw new S3SourceError(`expected bucket owner "${owner}" is not an AWS account id (12 digits)`);
  }
  for (const account of options.accounts ?? []) {
    if (!ACCOUNT_ID.test(account))
      throw new S3SourceError(`"${account}" is not an AWS account id (12 digits)`);
  }
  for (const org of options.organizationIds ?? []) {
    if (!ORGANIZATION_ID.test(org)) {
      throw new S3SourceError(`"${org}" is not an AWS organization id (o- and 10 to 32 letters or digits)`);
    }
  }
  const concurrency = positiveInteger('concurrency', options.concurrency, DEFAULT_CONCURRENCY);
  const nonEmpty = (values: readonly string[] | undefined) =>
    values !== undefined && values.length > 0 ? values : undefined;
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

/** An account folder (`.../AWSLogs/[o-org/]ACCOUNT/`) found by discovery. */
interface AccountFolder {
  prefix: string;
  account: string;
  organizationId?: string;
}

/** The trail folders (account × region) to read, sorted by prefix. */
async function discover(
  options: S3SourceOptions,
  settings: Settings,
  list: ListContext,
  base: string,
  logs: string,
  reporter: SourceReporter,
): Promise<TrailFolder[]> {
  const { bucket } = options;
  const signal = options.signal;
  const problems: string[] = [];
  /** Lists a folder's sub-folders; a failure throws at the first level, else is reported. */
  const subFolders = async (prefix: string, firstLevel: boolean): Promise<string[] | undefined> => {
    try {
      return (await listFolder(list, prefix)).folders;
    } catch (err) {
      if (isAbort(err) || signal?.aborted) return undefined;
      const message = listingErrorMessage(err, bucket, prefix, base);
      if (firstLevel) throw new S3SourceError(message);
      problems.push(message);
      reporter.error({ file: objectUri(bucket, prefix) }, message);
      return undefined;
    }
  };

  // Level 1: AWSLogs/ → accounts and organizations (or the organizations given).
  const accountFolders: AccountFolder[] = [];
  let organizations: string[];
  if (settings.organizations) {
    organizations = settings.organizations;
  } else {
    const children = (await subFolders(logs, true)) ?? [];
    organizations = [];
    for (const child of children) {
      const name = lastSegment(child);
      if (ORGANIZATION_ID.test(name)) organizations.push(name);
      else if (ACCOUNT_ID.test(name)) accountFolders.push({ prefix: child, account: name });
    }
  }
  // Level 2: AWSLogs/o-org/ → accounts.
  const orgChildren = await mapLimit(organizations, settings.concurrency, (org) =>
    subFolders(`${logs}${org}/`, settings.organizations !== undefined),
  );
  organizations.forEach((organizationId, i) => {
    for (const child of orgChildren[i] ?? []) {
      const name = lastSegment(child);
      if (ACCOUNT_ID.test(name)) accountFolders.push({ prefix: child, account: name, organizationId });
    }
  });
  const kept = settings.accounts
    ? accountFolders.filter(({ account }) => settings.accounts!.has(account))
    : accountFolders;
  if (signal?.aborted) return [];
  const where = settings.organizations
    ? settings.organizations.map((org) => objectUri(bucket, `${logs}${org}/`)).join(', ')
    : objectUri(bucket, logs);
  if (settings.accounts) {
    const found = new Set(kept.map(({ account }) => account));
    for (const account of settings.accounts) {
      if (!found.has(account)) reporter.error({ file: where }, `no CloudTrail logs for account ${account}`);
    }
  }
  if (kept.length === 0) {
    const seen = [...new Set(accountFolders.map(({ account }) => account))].slice(0, 20);
    throw new S3SourceError(
      problems[0] ??
        (accountFolders.length === 0
          ? `no CloudTrail logs under ${where}: check the bucket (s3-bucket) and the trail's key prefix ` +
            `(s3-prefix: the part of the key before AWSLogs/)`
          : `none of the accounts ${[...settings.accounts!].join(', ')} has CloudTrail logs under ${where} ` +
            `(found: ${seen.join(', ')}${accountFolders.length > seen.length ? ', ...' : ''})`),
    );
  }

  // Level 3: ACCOUNT/CloudTrail/ → regions (CloudTrail-Digest/ and CloudTrail-Insight/ are never listed).
  const regionChildren = await mapLimit(kept, settings.concurrency, (folder) =>
    subFolders(`${folder.prefix}CloudTrail/`, false),
  );
  const trails: TrailFolder[] = [];
  kept.forEach((folder, i) => {
    for (const child of regionChildren[i] ?? []) {
      const region = lastSegment(child);
      if (settings.regions && !settings.regions.has(region)) continue;
      trails.push({
        prefix: child,
        ...(folder.organizationId !== undefined ? { organizationId: folder.organizationId } : {}),
        account: folder.account,
        region,
      });
    }
  });
  if (signal?.aborted) return [];
  if (trails.length === 0) {
    throw new S3SourceError(
      problems[0] ??
        `no CloudTrail log folders${settings.regions ? ` for the regions ${[...settings.regions].join(', ')}` : ''} ` +
          `under the account folders of ${where} (AWSLogs/[o-org/]ACCOUNT/CloudTrail/REGION/)`,
    );
  }
  return trails.sort((a, b) => compareKeys(a.prefix, b.prefix));
}
