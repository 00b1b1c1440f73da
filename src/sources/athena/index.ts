/**
 * The `athena` source: the rule set compiled to one SQL query (src/sql) and run by Amazon Athena over the
 * trail bucket's CloudTrail table; the rows come back as CloudTrail records and flow through the same stages
 * as every other source's. The detector evaluates every rule in-process on them, so rules whose SQL is only a
 * necessary condition (pushed down) still match exactly; rows are a superset of what the rules can match.
 *
 * query.ts     StartQueryExecution, GetQueryExecution polled with backoff, StopQueryExecution on abort
 * results.ts   GetQueryResults pages → column → value rows (the header row skipped)
 * estimate.ts  bytes the query will scan, from the S3 listing of the partitions it selects (max-scan-gb)
 * cost.ts      bytes scanned → the query's charge
 * explain.ts   the plan and what it cost, as text (`--explain`, the action's log)
 *
 * Steps: (1) with `createTable`, the CloudTrail table is created (table.ts: CREATE EXTERNAL TABLE with
 * partition projection over the trail bucket; DDL is free); (2) the query is compiled (several queries when its
 * text is over Athena's length limit); (3) with `maxScanBytes`, the scan is estimated from S3 and the run stops
 * before the query when the estimate is over the limit; (4) the query runs; (5) its rows are yielded, each with
 * `athena query ID` and its row number as origin. A row that cannot be turned into a record is reported and
 * skipped. Errors that stop the source are AthenaSourceError, with a message naming the fix.
 */
import type { AthenaClient } from '@aws-sdk/client-athena';
import type { CompiledRule } from '../../rules/compile.js';
import {
  buildQueries,
  PROJECTED_TABLE_PARTITIONS,
  quoteIdent,
  rowToRecord,
  type QueryPlan,
} from '../../sql/index.js';
import { dayFolders, deliveryRange, DEFAULT_DELIVERY_MARGIN_MINUTES } from '../s3/index.js';
import type { RawRecord, SourceReporter } from '../types.js';
import { formatBytes, queryCostUsd } from './cost.js';
import { AthenaSourceError, describeAthenaError } from './errors.js';
import { estimateScanBytes, type ScanEstimate } from './estimate.js';
import { DEFAULT_POLL, runQuery, type QueryContext } from './query.js';
import { readResults, type ResultRow } from './results.js';
import { createTableSql, type TableCreation, type TrailLocation } from './table.js';

export { AthenaSourceError } from './errors.js';
export { createAthenaClient, type AthenaClientOptions } from './client.js';
export { explainAthena, describeQueryCost } from './explain.js';
export { estimateScanBytes, type ScanEstimate } from './estimate.js';
export { queryCostUsd, formatBytes, formatUsd } from './cost.js';
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

/** What the source planned and spent: for the summary, the findings file's stats and `--explain`. */
export interface AthenaReport {
  /** The plans of the query's parts, merged (`sql`: the parts' SQL, separated by blank lines). */
  plan?: QueryPlan;
  /** Queries the rule set needs (1 unless its SQL is longer than Athena's limit). */
  queries: number;
  queryIds: string[];
  estimate?: ScanEstimate;
  maxScanBytes?: number;
  createTable?: { queryId: string };
  /** The query ids, comma-separated. */
  queryId?: string;
  state: 'planned' | 'running' | 'succeeded' | 'stopped';
  /** Sums over the queries (each query is billed for at least 10 MB). */
  bytesScanned: number;
  engineMs: number;
  costUsd: number;
  pages: number;
  rows: number;
  rowsSkipped: number;
}

export function newAthenaReport(): AthenaReport {
  return {
    state: 'planned',
    queries: 0,
    queryIds: [],
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
 * CloudTrail records from the Athena query of `options.rules` over the window (see the module comment).
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
  try {
    if (options.createTable && options.trail) {
      const names = { database: options.database, table: options.table };
      const ddl = await createTableSql(names, options.createTable, options.trail, reporter, stats, signal);
      const created = await runQuery(ctx, ddl, 'CREATE TABLE statement (athena-create-table)');
      report.createTable = { queryId: created.id };
    }

    // One query, or a few when the rule set's SQL is longer than Athena's limit on a query's text.
    const plans = buildQueries(
      {
        rules: options.rules,
        dialect: 'athena',
        table: qualifiedTable(options.database, options.table),
        window: options.window,
        partitions: PROJECTED_TABLE_PARTITIONS,
        ...(options.accounts?.length ? { accounts: [...options.accounts] } : {}),
        ...(options.regions?.length ? { regions: [...options.regions] } : {}),
      },
      options.maxQueryBytes,
    );
    report.plan = mergePlans(plans);
    report.queries = plans.length;

    if (options.maxScanBytes !== undefined && options.trail) {
      report.maxScanBytes = options.maxScanBytes;
      const estimate = await estimateScanBytes(
        {
          ...options.trail,
          days: windowDays(options.window),
          ...(options.accounts?.length ? { accounts: options.accounts } : {}),
          ...(options.regions?.length ? { regions: options.regions } : {}),
          ...(signal ? { signal } : {}),
        },
        reporter,
        stats,
      );
      report.estimate = estimate;
      // Every part reads the same partitions.
      if (estimate.bytes * plans.length > options.maxScanBytes) {
        throw new AthenaSourceError(
          overLimitMessage(estimate, plans.length, options.maxScanBytes, options.window),
        );
      }
    }

    // A record that several parts return is yielded once (the first part's row).
    const seen = plans.length > 1 ? new Set<string>() : undefined;
    for (const [part, plan] of plans.entries()) {
      const what =
        plans.length === 1 ? 'CloudTrail query' : `CloudTrail query (part ${part + 1} of ${plans.length})`;
      report.state = 'running';
      const query = await runQuery(ctx, plan.sql, what, (id) => report.queryIds.push(id));
      report.queryId = report.queryIds.join(', ');
      report.state = 'succeeded';
      report.bytesScanned += query.bytesScanned;
      report.engineMs += query.engineMs;
      report.costUsd += queryCostUsd(query.bytesScanned);

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
          text = JSON.stringify(rowToRecord(row.values));
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

function overLimitMessage(
  estimate: ScanEstimate,
  queries: number,
  limit: number,
  window: { start: number; end: number },
): string {
  const days = estimate.days.length;
  const parts =
    queries > 1 ? ` in each of its ${queries} parts, ${formatBytes(estimate.bytes * queries)} in all` : '';
  return (
    `the Athena query would scan about ${formatBytes(estimate.bytes)}${parts} (${estimate.objects} objects in ${estimate.partitions} ` +
    `partitions: ${estimate.folders} account/region folders × ${days} day${days === 1 ? '' : 's'} from ` +
    `${new Date(window.start).toISOString()} to ${new Date(window.end).toISOString()}), over max-scan-gb ` +
    `(${formatBytes(limit)}); the query was not run. Narrow it: a shorter window (lookback-hours, start-time/end-time), ` +
    `fewer accounts or regions (accounts, regions), or raise max-scan-gb`
  );
}
