/** An in-memory DuckDB table in the shape of Athena's CloudTrail table, loaded the way the JSON SerDe reads records. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { quoteIdent, quoteString } from '../../src/sql/dialect.js';
import { CLOUDTRAIL_COLUMNS, duckdbType, recordToRow } from '../../src/sql/table.js';

export interface CloudTrailTable {
  connection: DuckDBConnection;
  /** The quoted table name to pass to buildQuery. */
  table: string;
  /** Runs a query; every value as text (or null), as Athena's GetQueryResults gives it. */
  query(sql: string): Promise<Record<string, string | null>[]>;
  close(): void;
}

/**
 * The projected partition columns of the Athena table: the account and region folders, and the delivery day
 * (simulated as the event's UTC day 10 minutes later: CloudTrail delivers into the folder of the delivery day).
 */
function partitionOf(record: Record<string, unknown>): Record<string, string | null> {
  const time = Date.parse(String(record.eventTime));
  const day = Number.isNaN(time)
    ? null
    : new Date(time + 10 * 60_000).toISOString().slice(0, 10).replace(/-/g, '/');
  const account = record.recipientAccountId;
  return {
    account: typeof account === 'string' ? account : null,
    region: typeof record.awsRegion === 'string' ? record.awsRegion : null,
    timestamp: day,
  };
}

export async function loadCloudTrailTable(
  records: readonly Record<string, unknown>[],
): Promise<CloudTrailTable> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const name = 'cloudtrail_logs';
  const columns = CLOUDTRAIL_COLUMNS.map((c) => `${c.name}: ${quoteString(duckdbType(c.type))}`).join(', ');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ct-sql-'));
  try {
    const file = path.join(dir, 'rows.jsonl');
    const lines = records.map((record) => JSON.stringify({ ...recordToRow(record), ...partitionOf(record) }));
    writeFileSync(file, lines.join('\n') + '\n');
    await connection.run(
      `CREATE TABLE ${quoteIdent(name)} AS SELECT * FROM read_json(${quoteString(file)}, ` +
        `format = 'newline_delimited', columns = {${columns}, account: 'VARCHAR', region: 'VARCHAR', "timestamp": 'VARCHAR'})`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    connection,
    table: quoteIdent(name),
    async query(sql) {
      const reader = await connection.runAndReadAll(sql);
      return reader.getRowObjectsJS().map((row) => {
        const out: Record<string, string | null> = {};
        for (const [key, value] of Object.entries(row))
          out[key] = value === null || value === undefined ? null : String(value);
        return out;
      });
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}
