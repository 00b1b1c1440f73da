/**
 * Sigma rules → one SQL query over the Athena CloudTrail table (Athena/Trino dialect, and DuckDB's for tests).
 * See docs/sql-compiler.md for the field mapping and what compiles exactly.
 */
import type { CompiledRule } from '../rules/compile.js';

export type SqlDialectName = 'athena' | 'duckdb';

export interface QueryPlanInput {
  rules: readonly CompiledRule[];
  dialect: SqlDialectName;
  /** Already-qualified table name, e.g. `"db"."cloudtrail_logs"` (build it with quoteIdent). */
  table: string;
  /** Epoch milliseconds, inclusive at both ends. */
  window: { start?: number; end?: number };
  /** Partition pruning when given (partitioned tables only). */
  accounts?: string[];
  regions?: string[];
  /** True for the Athena table with projected partitions account, region, timestamp ('YYYY/MM/DD'). */
  partitioned?: boolean;
}

export interface QueryPlan {
  /** One SELECT returning the CloudTrail columns and `matched_rules` (comma-joined ids of rules the row may match). */
  sql: string;
  /** Rule ids whose SQL predicate is exactly the in-process predicate. */
  exact: string[];
  /** Rule ids for which only a necessary condition is pushed down: re-check their rows in-process. */
  pushedDown: string[];
  /** Rule ids with no usable predicate: every row in the window is returned for them. */
  unconstrained: string[];
  /**
   * Rule ids that look at fields the documented table does not hold (or search keywords through the whole
   * record): the rows Athena returns lack those fields, so these rules may find less than on the S3 source.
   */
  outsideTable: string[];
}

export { ATHENA_MAX_QUERY_BYTES, buildQueries, buildQuery, parseMatchedRules } from './query.js';
export { quoteIdent, quoteString } from './dialect.js';
export {
  athenaCreateTableSql,
  CLOUDTRAIL_COLUMNS,
  duckdbType,
  recordToRow,
  RESULT_COLUMNS,
  rowToRecord,
  type CreateTableOptions,
} from './table.js';
