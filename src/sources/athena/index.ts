/**
 * The `athena` source: the rule set compiled to SQL (src/sql) and run by Amazon Athena over the trail bucket's
 * CloudTrail table; the rows come back as CloudTrail records and flow through the same stages as every other
 * source's. The detector evaluates every rule in-process on them, so rules whose SQL is only a necessary
 * condition (pushed down) still match exactly; rows are a superset of what the rules can match.
 *
 * metadata.ts  GetTableMetadata → the table's columns, partition columns and projection (its shape)
 * table.ts     athena-create-table: CREATE TABLE, or ALTER TABLE ... SET TBLPROPERTIES to bring it up to the trail
 * query.ts     StartQueryExecution, GetQueryExecution polled with backoff, StopQueryExecution on abort, AthenaError
 * results.ts   GetQueryResults pages → column → value rows (the header row skipped)
 * estimate.ts  bytes the queries will scan, from the S3 listing of the partitions they select (max-scan-gb)
 * cost.ts      bytes scanned → the query's charge
 * explain.ts   the plan and what it cost, as text (`--explain`, the action's log)
 *
 * Steps: (1) with the trail bucket, its folders are found (accounts × Regions, as the s3 source finds them);
 * (2) the table's metadata is read, and with `createTable` the table is created or its projection brought up to
 * the trail; (3) what the table covers is checked against what the run asks for: accounts or Regions outside its
 * projection lists, days outside its date range and a location template that misses the trail are reported
 * (and the run refused when nothing asked for could be read), a table not partitioned by day is reported as read
 * whole; (4) the query is compiled for the table's shape (several queries when it is over Athena's length limit
 * or MAX_RULES_PER_QUERY rules); (5) with `maxScanBytes`, the scan of every part is estimated from S3 and the run
 * stops before the first query when it is over the limit; (6) the queries run, one after the other, a query that
 * Athena cannot compile (QUERY_EXCEEDED_COMPILER_LIMIT) split in two and run again; (7) their rows are yielded,
 * each with `athena query ID` and its row number as origin. A row that cannot be turned into a record is
 * reported and skipped. Errors that stop the source are AthenaSourceError, with a message naming the fix.
 */
import type { AthenaClient } from '@aws-sdk/client-athena';
import type { CompiledRule } from '../../rules/compile.js';
import {
  buildQueries,
  quoteIdent,
  rowToRecord,
  splitPlan,
  type QueryPlan,
  type QueryPlanInput,
} from '../../sql/index.js';
import { dayFolders, deliveryRange, DEFAULT_DELIVERY_MARGIN_MINUTES, type TrailFolder } from '../s3/index.js';
import type { RawRecord, SourceReporter } from '../../core/source.js';
import { formatBytes } from '../../core/format.js';
import { queryCostUsd } from './cost.js';
import { AthenaSourceError, describeAthenaError } from './errors.js';
import { estimateScanBytes, type ScanEstimate } from './estimate.js';
import { readTableMetadata, tableShape, type TableShape } from './metadata.js';
import { DEFAULT_POLL, QueryFailure, runQuery, type EndedQuery, type QueryContext } from './query.js';
import { readResults, type ResultRow } from './results.js';
import { discoverTrail, ensureTable, folderRoot, type TableCreation, type TrailLocation } from './table.js';

export { AthenaSourceError } from './errors.js';
export { createAthenaClient, type AthenaClientOptions } from './client.js';
export { explainAthena, describeQueryCost, type AthenaReport } from './explain.js';
import type { AthenaReport } from './explain.js';
export { estimateScanBytes, type ScanEstimate } from './estimate.js';
export { queryCostUsd } from './cost.js';
export type { TableCreation, TrailLocation } from './table.js';

/** Glue database and table names: letters, digits and underscores (Athena's rule for names in DDL). */
const NAME = /^[A-Za-z0-9_]{1,255}$/;

export interface AthenaSourceOptions {
  /** Created by the caller (createAthenaClient), which also destroys it. */
  client: AthenaClient;
  database: string;
  table: string;
  workGroup?: string;
  /** `s3://bucket/path/` for the query results; default: the workgroup's. */
  outputLocation?: string;
  /** Inclusive bounds, epoch milliseconds. */
  window: { start: number; end: number };
  /** Partition pruning: only these accounts / regions (default: all). */
  accounts?: readonly string[];
  regions?: readonly string[];
  rules: readonly CompiledRule[];
  /** Create the table first (athena-create-table); needs `trail`. */
  createTable?: TableCreation;
  /** Stop before the query when the S3 estimate of the bytes it scans is over this; needs `trail`. */
  maxScanBytes?: number;
  /** The trail bucket the table is over, read with ListObjectsV2 for the scan estimate and the table creation. */
  trail?: TrailLocation;
  /** GetQueryExecution backoff; default 0.5 s growing ×1.5 to 5 s. */
  poll?: QueryContext['poll'];
  /** Longest query text; default Athena's limit (262,144 bytes). A longer rule set runs as several queries. */
  maxQueryBytes?: number;
  /** Rows per GetQueryResults page (1..1000); default 1000. */
  pageSize?: number;
  signal?: AbortSignal;
}

export function newAthenaReport(): AthenaReport {
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

function mergePlans(plans: readonly QueryPlan[]): QueryPlan {
  return {
    sql: plans.map((p) => p.sql).join('\n\n'),
    exact: plans.flatMap((p) => p.exact),
    pushedDown: plans.flatMap((p) => p.pushedDown),
    unconstrained: plans.flatMap((p) => p.unconstrained),
    outsideTable: plans.flatMap((p) => p.outsideTable),
  };
}

/** The Athena table's name as SQL: `"database"."table"`. */
export function qualifiedTable(database: string, table: string): string {
  return `${quoteIdent(database)}.${quoteIdent(table)}`;
}

/**
 * The day folders the query's partition predicate selects: as the s3 source reads them, from the window's start
 * to its end plus the delivery margin (an event is in the day folder of its delivery, up to ~15 minutes later).
 */
export function windowDays(window: { start: number; end: number }): string[] {
  return dayFolders(deliveryRange(window, DEFAULT_DELIVERY_MARGIN_MINUTES));
}

function validate(options: AthenaSourceOptions): void {
  for (const [input, value] of [
    ['athena-database', options.database],
    ['athena-table', options.table],
  ] as const) {
    if (!value) throw new AthenaSourceError(`the athena source needs ${input}`);
    if (!NAME.test(value)) {
      throw new AthenaSourceError(
        `${input}: '${value}' is not a Glue name (letters, digits and underscores only)`,
      );
    }
  }
  const { start, end } = options.window;
  if (!Number.isFinite(start) || !Number.isFinite(end) || end < start) {
    throw new AthenaSourceError('the athena source needs a time window with a start and an end');
  }
  if (options.outputLocation !== undefined && !/^s3:\/\/[^/]+/.test(options.outputLocation)) {
    throw new AthenaSourceError(
      `athena-output-location: '${options.outputLocation}' is not an S3 location such as s3://bucket/athena-results/`,
    );
  }
  const max = options.maxScanBytes;
  if (max !== undefined && (!Number.isFinite(max) || max <= 0)) {
    throw new AthenaSourceError('max-scan-gb: give a positive number of gigabytes');
  }
  if (max !== undefined && !options.trail) {
    throw new AthenaSourceError(
      "max-scan-gb needs the trail bucket (s3-bucket, and s3-prefix when the trail has one) to estimate the query's " +
        'scan from the S3 objects of the partitions it selects',
    );
  }
  if (options.createTable && !options.trail) {
    throw new AthenaSourceError(
      'athena-create-table needs the trail bucket (s3-bucket, and s3-prefix when the trail has one): the table is ' +
        'created over its AWSLogs/ folder, with the accounts and regions found there (or given in accounts / regions)',
    );
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
export async function* readAthena(
  options: AthenaSourceOptions,
  reporter: SourceReporter,
  stats: { apiCalls: number },
  report: AthenaReport = newAthenaReport(),
): AsyncGenerator<RawRecord> {
  validate(options);
  const { signal } = options;
  const ctx: QueryContext = {
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
  const billed = (query: EndedQuery) => {
    report.bytesScanned += query.bytesScanned;
    report.engineMs += query.engineMs;
    if (query.state === 'SUCCEEDED' || (query.state === 'CANCELLED' && query.bytesScanned > 0))
      report.costUsd += queryCostUsd(query.bytesScanned);
  };
  try {
    // (1) The trail's folders, (2) the table.
    const folders = options.trail
      ? await discoverTrail(
          options.trail,
          {
            ...(options.accounts?.length ? { accounts: options.accounts } : {}),
            ...(options.regions?.length ? { regions: options.regions } : {}),
            ...(options.createTable?.organizationId
              ? { organizationId: options.createTable.organizationId }
              : {}),
          },
          reporter,
          stats,
          signal,
        )
      : undefined;
    let metadata = await readTableMetadata(ctx, options.database, options.table);
    if (options.createTable && options.trail && folders) {
      const change = await ensureTable(
        ctx,
        { database: options.database, table: options.table },
        options.createTable,
        options.trail,
        folders,
        metadata,
        (message) => report.notes.push(message),
      );
      if (change) {
        report.createTable = change;
        metadata = await readTableMetadata(ctx, options.database, options.table);
      }
    }
    if (!metadata) {
      throw new AthenaSourceError(
        `the table ${name} does not exist (GetTableMetadata: Entity Not Found): check athena-database and ` +
          'athena-table, or let the action create it (athena-create-table: true, with s3-bucket and s3-prefix)',
      );
    }
    const shape = tableShape(metadata);
    report.table = describeShape(shape);

    // (3) What the table covers.
    const scope = checkCoverage(shape, options, folders, reporter, onTable);

    // (4) One query, or a few when the rule set is over Athena's limits on a query.
    const input: QueryPlanInput = {
      rules: options.rules,
      dialect: 'athena',
      table: qualifiedTable(options.database, options.table),
      window: options.window,
      partitions: shape.partitions,
      fields: shape.schema.fields,
      ...(scope.accounts?.length ? { accounts: [...scope.accounts] } : {}),
      ...(scope.regions?.length ? { regions: [...scope.regions] } : {}),
    };
    const plans = buildQueries(input, options.maxQueryBytes);
    report.plan = mergePlans(plans);
    report.queries = plans.length;

    // (5) The scan, estimated before any query runs.
    let perQuery: number | undefined;
    if (options.maxScanBytes !== undefined && options.trail && folders) {
      report.maxScanBytes = options.maxScanBytes;
      const read = foldersRead(shape, folders, options.trail.bucket, scope);
      const estimate = await estimateScanBytes(
        {
          client: options.trail.client,
          bucket: options.trail.bucket,
          ...(options.trail.prefix !== undefined ? { prefix: options.trail.prefix } : {}),
          folders: read,
          ...(shape.partitions.day ? { days: windowDays(options.window) } : {}),
          stopAbove: options.maxScanBytes / plans.length,
          ...(signal ? { signal } : {}),
        },
        reporter,
        stats,
      );
      report.estimate = estimate;
      perQuery = estimate.bytes;
      // Every part reads the same partitions.
      if (estimate.stoppedAbove || estimate.bytes * plans.length > options.maxScanBytes) {
        throw new AthenaSourceError(
          overLimitMessage(estimate, plans.length, options.maxScanBytes, options.window, shape),
        );
      }
    }
    if (!shape.partitions.day) {
      reporter.error(
        onTable,
        `the table is not partitioned by day${report.estimate ? ` (about ${formatBytes(report.estimate.bytes)})` : ''}: ` +
          `each query reads every object under ${shape.template ?? shape.location ?? 'its location'}, whatever the window. ` +
          'Let the action create a projected table (athena-create-table: true, with a new athena-table) so that a run ' +
          'reads only the days of its window (docs/athena.md)',
      );
    }

    // (6) The queries, one after the other; (7) their rows.
    const pending = [...plans];
    // A record that several parts return is yielded once (the first part's row).
    let seen = plans.length > 1 ? new Set<string>() : undefined;
    let done = 0;
    while (pending.length > 0) {
      const plan = pending.shift()!;
      const total = done + 1 + pending.length;
      const what = total === 1 ? 'CloudTrail query' : `CloudTrail query (part ${done + 1} of ${total})`;
      report.state = 'running';
      let query;
      try {
        query = await runQuery(ctx, plan.sql, what, (id) => report.queryIds.push(id), billed);
      } catch (err) {
        if (!(err instanceof QueryFailure) || !err.compilerLimit) throw err;
        const parts = splitPlan(input, plan, options.maxQueryBytes);
        report.notes.push(
          `query ${err.queryId} was too large for Athena to compile (${err.reason.slice(0, 60)}): its ` +
            `${parts.flatMap((p) => [...p.exact, ...p.pushedDown, ...p.unconstrained]).length} rules run again as ${parts.length} queries`,
        );
        pending.unshift(...parts);
        report.queries += parts.length - 1;
        seen ??= new Set<string>(); // no part has yielded a row yet: the failed one was the only one
        if (perQuery !== undefined && options.maxScanBytes !== undefined) {
          const queries = done + pending.length;
          if (perQuery * queries > options.maxScanBytes) {
            throw new AthenaSourceError(
              `query ${err.queryId} was too large for Athena to compile and must be split, which makes ${queries} ` +
                `queries of about ${formatBytes(perQuery)} each, over max-scan-gb (${formatBytes(options.maxScanBytes)}); ` +
                'the other queries were not run. Run fewer rules (exclude-rules), narrow the window, or raise max-scan-gb',
            );
          }
        }
        continue;
      }
      done++;
      report.queryId = report.queryIds.join(', ');
      report.state = 'succeeded';

      const file = `athena query ${query.id}`;
      const before = { pages: report.pages, rows: report.rows };
      const rows = readResults(
        {
          client: options.client,
          stats,
          pageSize: options.pageSize ?? 1000,
          maxPages: 1_000_000,
          ...(signal ? { signal } : {}),
          onPage: (pages, rows) => {
            report.pages = before.pages + pages;
            report.rows = before.rows + rows;
          },
        },
        query.id,
      );
      for await (const row of resultsOf(rows, query.id, ctx)) {
        const origin = { file, index: row.number };
        const eventId = row.values.eventid;
        if (seen && eventId) {
          if (seen.has(eventId)) continue;
          seen.add(eventId);
        }
        let text: string;
        try {
          text = JSON.stringify(rowToRecord(row.values, shape.schema.fields));
        } catch (err) {
          report.rowsSkipped++;
          reporter.error(
            origin,
            `row ${row.number} is not a CloudTrail record: ${(err as Error).message}`,
            1,
          );
          continue;
        }
        yield { text, origin };
      }
    }
  } catch (err) {
    if (signal?.aborted) {
      if (report.state === 'running') report.state = 'stopped';
      return;
    }
    throw err;
  }
}

/** The rows, with a failure to read them (not an abort) turned into a message that names the query. */
async function* resultsOf(
  rows: AsyncIterable<ResultRow>,
  queryId: string,
  ctx: QueryContext,
): AsyncGenerator<ResultRow> {
  try {
    yield* rows;
  } catch (err) {
    if (ctx.signal?.aborted) throw err;
    throw new AthenaSourceError(
      `cannot read the results of query ${queryId} (GetQueryResults): ${describeAthenaError(err, ctx)}`,
    );
  }
}

/** `projected (account, region, timestamp)`, `partitioned by region, year, month, day`, `not partitioned`. */
function describeShape(shape: TableShape): string {
  const keys = [shape.partitions.account, shape.partitions.region].filter(
    (k): k is string => k !== undefined,
  );
  const day = shape.partitions.day;
  if (day)
    keys.push(
      ...('column' in day
        ? [day.column]
        : [day.year.column, day.month?.column, day.day?.column].filter((c): c is string => c !== undefined)),
    );
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
function checkCoverage(
  shape: TableShape,
  options: AthenaSourceOptions,
  folders: readonly TrailFolder[] | undefined,
  reporter: SourceReporter,
  where: { file: string },
): { accounts?: readonly string[]; regions?: readonly string[] } {
  const bucket = options.trail?.bucket;
  const root = shape.template ? shape.template.slice(0, shape.template.indexOf('${')) : shape.location;
  // The trail folders the table can read: under its template's (or location's) root.
  const inTable =
    folders && bucket && root !== undefined
      ? folders.filter((f) => `s3://${bucket}/${f.prefix}`.startsWith(root.endsWith('/') ? root : `${root}/`))
      : folders;
  if (folders && bucket && root !== undefined && folders.length > 0 && inTable!.length === 0) {
    const roots = [...new Set(folders.map((f) => folderRoot(bucket, f)))];
    reporter.error(
      where,
      `the table reads ${root}, where none of the trail's folders is (they are under ${roots.slice(0, 3).join(', ')}): ` +
        'its queries find nothing. Fix its storage.location.template (or LOCATION), or let the action correct it ' +
        '(athena-create-table: true)',
    );
  } else if (folders && inTable && inTable.length < folders.length) {
    const outside = folders.filter((f) => !inTable.includes(f));
    const accounts = [...new Set(outside.map((f) => f.account))];
    reporter.error(
      where,
      `the logs of account${accounts.length === 1 ? '' : 's'} ${accounts.join(', ')} in the trail bucket are outside ` +
        `the table's location (${root}): they are not read. Query them with another table (or source: s3), or leave ` +
        'them out (accounts)',
    );
  }
  const fix =
    'Let the action add them (athena-create-table: true runs ALTER TABLE ... SET TBLPROPERTIES), or add them to the ' +
    "table's projection yourself; for more than a few dozen accounts, make the account column `injected` and give the " +
    'accounts (or s3-bucket) to each run (docs/athena.md)';
  const scope: { accounts?: readonly string[]; regions?: readonly string[] } = {};
  for (const [what, dimension, given, found] of [
    ['account', shape.account, options.accounts, inTable?.map((f) => f.account)],
    ['Region', shape.region, options.regions, inTable?.map((f) => f.region)],
  ] as const) {
    const wanted = given?.length ? [...given] : found ? [...new Set(found)].sort() : undefined;
    const plural = what === 'account' ? 'accounts' : 'Regions';
    const input = what === 'account' ? 'accounts' : 'regions';
    if (dimension?.kind === 'enum' && wanted) {
      const listed = new Set(dimension.values);
      const outside = wanted.filter((v) => !listed.has(v));
      if (outside.length > 0 && outside.length === wanted.length && given?.length) {
        throw new AthenaSourceError(
          `none of the ${plural} asked for (${input}: ${outside.join(', ')}) is in the table's partition projection ` +
            `(projection.${dimension.column}.values: ${dimension.values?.join(', ') || 'empty'}): the query would read nothing. ${fix}`,
        );
      }
      if (outside.length > 0) {
        reporter.error(
          where,
          `${outside.length === 1 ? what : plural} ${outside.join(', ')} ${given?.length ? `(${input})` : 'found in the trail bucket'} ` +
            `${outside.length === 1 ? 'is' : 'are'} not in the table's partition projection ` +
            `(projection.${dimension.column}.values): their events are not read. ${fix}`,
        );
      }
    }
    if (dimension?.kind === 'injected') {
      if (!wanted?.length) {
        throw new AthenaSourceError(
          `the table's ${dimension.column} partition is injected: each query must name the ${plural}. Give them ` +
            `(${input}), or the trail bucket (s3-bucket) for the action to find them`,
        );
      }
      scope[input] = wanted;
    } else if (given?.length) {
      scope[input] = given;
    }
  }
  if (shape.dayRange) {
    const { start, end, format, column } = shape.dayRange;
    const first = windowDays(options.window)[0]!.slice(0, 10).replace(/\//g, '');
    const last = windowDays(options.window).at(-1)!.slice(0, 10).replace(/\//g, '');
    const digits = (text: string) => {
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
      reporter.error(
        where,
        `the window's days (${first} to ${last}) go beyond the table's projection.${column}.range (${start},${end}): ` +
          'the days outside it are not read. Widen the range (ALTER TABLE ... SET TBLPROPERTIES)',
      );
    }
  }
  return scope;
}

/** The trail folders the query reads: under the table's root, of the accounts and Regions it prunes to. */
function foldersRead(
  shape: TableShape,
  folders: readonly TrailFolder[],
  bucket: string,
  scope: { accounts?: readonly string[]; regions?: readonly string[] },
): TrailFolder[] {
  const root = shape.template ? shape.template.slice(0, shape.template.indexOf('${')) : shape.location;
  return folders.filter(
    (f) =>
      (root === undefined ||
        `s3://${bucket}/${f.prefix}`.startsWith(root.endsWith('/') ? root : `${root}/`)) &&
      (!scope.accounts || scope.accounts.includes(f.account)) &&
      (!scope.regions || scope.regions.includes(f.region)) &&
      // Athena reads only the accounts and Regions an enum projection lists.
      (shape.account?.kind !== 'enum' || shape.account.values!.includes(f.account)) &&
      (shape.region?.kind !== 'enum' || shape.region.values!.includes(f.region)),
  );
}

function overLimitMessage(
  estimate: ScanEstimate,
  queries: number,
  limit: number,
  window: { start: number; end: number },
  shape: TableShape,
): string {
  const days = estimate.days?.length;
  const parts =
    queries > 1 ? ` in each of its ${queries} parts, ${formatBytes(estimate.bytes * queries)} in all` : '';
  const scanned = estimate.stoppedAbove
    ? `more than ${formatBytes(estimate.bytes)}`
    : `about ${formatBytes(estimate.bytes)}`;
  const partitions =
    days !== undefined
      ? `${estimate.partitions} partitions: ${estimate.folders} account/region folders × ${days} day${days === 1 ? '' : 's'} from ` +
        `${new Date(window.start).toISOString()} to ${new Date(window.end).toISOString()}`
      : `every day of ${estimate.folders} account/region folders: the table is not partitioned by day`;
  const narrow = shape.partitions.day
    ? 'Narrow it: a shorter window (lookback-hours, start-time/end-time), fewer accounts or regions (accounts, regions), or raise max-scan-gb'
    : 'Let the action create a projected table (athena-create-table: true, with a new athena-table), or raise max-scan-gb';
  return (
    `the Athena query would scan ${scanned}${parts} (${estimate.objects} objects in ${partitions}), over max-scan-gb ` +
    `(${formatBytes(limit)}); the query was not run. ${narrow}`
  );
}
