/**
 * CloudTrail records as rows of the Athena query's result, for the loopback Athena server: the inverse of
 * src/sql's rowToRecord. The table holds a record as the CloudTrail SerDe reads it (src/sql recordToRow: keys
 * lower-cased, unknown keys dropped, scalars as text); the query returns struct, array and map columns cast to
 * JSON (objects with the fields' names), and the other columns as text; NULL is null.
 */
import { RESULT_COLUMNS } from '../../src/sql/index.js';
import { recordToRow } from '../../src/sql/table.js';

export function resultRow(record: Record<string, unknown>, matchedRules = ''): (string | null)[] {
  const row = recordToRow(record);
  return RESULT_COLUMNS.map((name) => {
    if (name === 'matched_rules') return matchedRules;
    const cell = row[name];
    if (cell === null || cell === undefined) return null;
    return typeof cell === 'string' ? cell : JSON.stringify(cell);
  });
}

/** The answer of a SELECT over `records`, as AthenaTestServer serves it. */
export function resultOf(records: readonly Record<string, unknown>[]): {
  columns: string[];
  rows: (string | null)[][];
} {
  return { columns: [...RESULT_COLUMNS], rows: records.map((record) => resultRow(record)) };
}
