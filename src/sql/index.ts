/**
 * Sigma rules → one SQL query over the Athena CloudTrail table (Athena/Trino dialect, and DuckDB's for tests).
 * See docs/sql-compiler.md for the field mapping and what compiles exactly.
 */
export type { PartitionColumn, PartitionScheme, QueryPlan, QueryPlanInput, SqlDialectName } from './plan.js';
export { PROJECTED_TABLE_PARTITIONS } from './plan.js';
export {
  ATHENA_MAX_QUERY_BYTES,
  MAX_RULES_PER_QUERY,
  buildQueries,
  buildQuery,
  formatPartitionDay,
  parseMatchedRules,
  splitPlan,
} from './query.js';
export { parseHiveType, type HiveType } from './hive-type.js';
export { quoteIdent, quoteString } from './dialect.js';
export {
  athenaCreateTableSql,
  athenaSetPropertiesSql,
  CLOUDTRAIL_COLUMNS,
  duckdbType,
  projectionTemplate,
  projectionValues,
  recordToRow,
  RESULT_COLUMNS,
  resultColumns,
  rowToRecord,
  tableSchema,
  trailTableRoot,
  type CreateTableOptions,
  type Field,
  type TableColumn,
  type TableSchema,
} from './table.js';
