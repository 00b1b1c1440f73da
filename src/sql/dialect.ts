/**
 * What differs between Athena (Trino, engine version 3) and DuckDB in the SQL we emit. Everything else (lower,
 * LIKE ... ESCAPE, concat_ws, NULLIF, COALESCE, CASE, struct field access with '.') is written the same in both.
 */
import type { SqlDialectName } from './plan.js';

export interface SqlDialect {
  name: SqlDialectName;
  /** A struct or array column as JSON text with its field names. */
  structAsJson(column: string): string;
}

const DIALECTS: Record<SqlDialectName, SqlDialect> = {
  // Trino: CAST(row AS JSON) gives an object keyed by field name; json_format gives its text.
  athena: { name: 'athena', structAsJson: (c) => `json_format(CAST(${c} AS JSON))` },
  duckdb: { name: 'duckdb', structAsJson: (c) => `CAST(to_json(${c}) AS VARCHAR)` },
};

export function dialectOf(name: SqlDialectName): SqlDialect {
  const dialect = DIALECTS[name];
  if (!dialect) throw new Error(`unknown SQL dialect '${String(name)}' (athena or duckdb)`);
  return dialect;
}

/** A double-quoted identifier (both dialects): embedded quotes doubled. */
export function quoteIdent(name: string): string {
  if (name === '' || [...name].some((c) => c.charCodeAt(0) < 0x20))
    throw new Error(`invalid SQL identifier ${JSON.stringify(name)}`);
  return `"${name.replace(/"/g, '""')}"`;
}

/** A single-quoted string literal (both dialects treat backslash as an ordinary character): quotes doubled. */
export function quoteString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** The escape character of every LIKE pattern we emit (`LIKE ... ESCAPE '\'`). */
export const LIKE_ESCAPE = '\\';

/** Literal text inside a LIKE pattern: %, _ and the escape character escaped. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => LIKE_ESCAPE + c);
}

export function like(expression: string, pattern: string): string {
  return `${expression} LIKE ${quoteString(pattern)} ESCAPE ${quoteString(LIKE_ESCAPE)}`;
}
