/** What a query is asked to do and what it promises: the compiler's input and output. */
import type { CompiledRule } from '../rules/compile.js';
import type { Field } from './table.js';

export type SqlDialectName = 'athena' | 'duckdb';

export interface QueryPlanInput {
  rules: readonly CompiledRule[];
  dialect: SqlDialectName;
  /** Already-qualified table name, e.g. `"db"."cloudtrail_logs"` (build it with quoteIdent). */
  table: string;
  /** Epoch milliseconds, inclusive at both ends. */
  window: { start?: number; end?: number };
  /** Partition pruning on the table's partition columns (see PartitionScheme), when given. */
  accounts?: string[];
  regions?: string[];
  /** The table's partition columns that the query prunes on; none when absent (the table is read whole). */
  partitions?: PartitionScheme;
  /** The CloudTrail fields the table holds (tableSchema); default: the documented table's. */
  fields?: readonly Field[];
}

/**
 * Which partition columns hold the account, the Region and the delivery day, so that the query selects only
 * the partitions of its window (and of the accounts and Regions asked for). Column names as the table has them.
 */
export interface PartitionScheme {
  account?: string;
  region?: string;
  /**
   * One column with the day in a date format (partition projection's `yyyy/MM/dd`), or the year, month and day
   * columns of manually partitioned tables (`type`: their Hive type: string values are zero-padded, as
   * CloudTrail's folders are; integer columns are compared as numbers).
   */
  day?:
    | { column: string; format: string }
    | { year: PartitionColumn; month?: PartitionColumn; day?: PartitionColumn };
}

export interface PartitionColumn {
  column: string;
  /** `string`, `int`, ... */
  type: string;
}

/** The partitions of the table that athenaCreateTableSql creates (AWS's partition projection table). */
export const PROJECTED_TABLE_PARTITIONS: PartitionScheme = {
  account: 'account',
  region: 'region',
  day: { column: 'timestamp', format: 'yyyy/MM/dd' },
};

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
