/**
 * Athena's query engine, for the loopback Athena server (test/helpers/athena-server.ts): a SELECT over a table of
 * the server's catalog runs in DuckDB over the rows Athena would read from the trail bucket's objects.
 *
 * What Athena reads: for a table with partition projection, the objects under the locations its
 * `storage.location.template` gives for the projected values (enum values listed, dates in the range and format,
 * any value of an `injected` column, which the query must then constrain); for a table with registered
 * partitions (ALTER TABLE ADD PARTITION), the objects under their locations; for a table without partitions,
 * every object under its LOCATION. Each object's records become rows as the JSON SerDe reads them, into the
 * table's declared columns (keys matched case-insensitively; a STRING column holds the JSON text of an object or
 * array, a JSON string as its text; struct field names as declared, which CAST(row AS JSON) keeps).
 *
 * The SQL is the Athena dialect (src/sql/dialect.ts): json_format(CAST(c AS JSON)) becomes DuckDB's
 * CAST(to_json(c) AS VARCHAR); the rest is the same in both. DuckDB's lower() maps code points one by one, as
 * Trino's does. Bytes scanned are those of the objects in the partitions the query's WHERE cannot rule out from
 * the partition values alone (evaluated with every other column NULL: Kleene logic keeps what may match), which
 * is how Athena prunes. Failures read as Athena's: TABLE_NOT_FOUND, COLUMN_NOT_FOUND, CONSTRAINT_VIOLATION for an
 * unconstrained injected column, and QUERY_EXCEEDED_COMPILER_LIMIT past `compilerLimit` rules in one query.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { parseHiveType, type HiveType } from '../../src/sql/index.js';
import { quoteIdent, quoteString } from '../../src/sql/dialect.js';
import type { AthenaTestServer, CatalogTable, QueryAnswer } from '../helpers/athena-server.js';

export interface EngineOptions {
  /** The trail bucket and its objects (key → gzip JSON), as the loopback S3 server holds them. */
  bucket: string;
  objects: Readonly<Record<string, Buffer>>;
  /** Rules (CASE WHEN tags) one query may hold before it fails with QUERY_EXCEEDED_COMPILER_LIMIT. */
  compilerLimit?: number;
  /** `NOW` of date projections; default the current time. */
  now?: number;
}

const USER_ERROR = { category: 2, type: 1301, retryable: false };

/** `server.answer` for SELECTs (DDL answers SUCCEEDED: the server applies it to the catalog). */
export function athenaEngine(
  server: AthenaTestServer,
  options: EngineOptions,
): (sql: string, database: string | undefined) => Promise<QueryAnswer> {
  return async (sql, database) => {
    if (!/^\s*SELECT\b/i.test(sql)) return { state: 'SUCCEEDED' };
    const failed = (reason: string, scanned = 0): QueryAnswer => ({
      state: 'FAILED',
      reason,
      error: { ...USER_ERROR, message: reason },
      dataScannedInBytes: scanned,
    });
    const from = /\bFROM\s+("[^"]+"|\w+)(?:\.("[^"]+"|\w+))?\s*\n\s*WHERE/i.exec(sql);
    if (!from) return failed('SYNTAX_ERROR: no table');
    const unquote = (s: string) => s.replace(/^"|"$/g, '');
    const [db, name] = from[2]
      ? [unquote(from[1]!), unquote(from[2])]
      : [database ?? 'default', unquote(from[1]!)];
    const table = server.tables.get(`${db}.${name}`.toLowerCase());
    if (!table)
      return failed(`TABLE_NOT_FOUND: line 1:1: Table 'awsdatacatalog.${db}.${name}' does not exist`);
    const tags = (sql.match(/CASE WHEN /g) ?? []).length;
    if (options.compilerLimit !== undefined && tags > options.compilerLimit) {
      return failed(
        'QUERY_EXCEEDED_COMPILER_LIMIT: Query exceeded maximum filters. Please reduce the number of filters referenced and re-run the query.',
      );
    }
    for (const key of table.partitionKeys) {
      const column = key.Name;
      if (
        table.properties['projection.enabled'] === 'true' &&
        table.properties[`projection.${column}.type`] === 'injected' &&
        !new RegExp(`"?${column}"?\\s+(IN\\s*\\(|=)`, 'i').test(sql)
      ) {
        return failed(
          `CONSTRAINT_VIOLATION: For the injected projected partition column ${column}, the WHERE clause must contain only static equality conditions, and at least one such condition must be present.`,
        );
      }
    }
    const read = objectsRead(table, options);
    return runInDuckDb(sql, db, name, table, read).catch((err: Error) => {
      const column = /Referenced column "?([^"\s]+)"? not found/.exec(err.message);
      return failed(
        column
          ? `COLUMN_NOT_FOUND: line 1:8: Column '${column[1]}' cannot be resolved or requester is not authorized to access requested resources`
          : `GENERIC_INTERNAL_ERROR: ${err.message}`,
      );
    });
  };
}

interface ReadObject {
  key: string;
  size: number;
  partition: Record<string, string>;
  records: Record<string, unknown>[];
}

/** `s3://bucket/prefix` → the key prefix, when the location is in the trail bucket. */
function keyPrefix(location: string, bucket: string): string | undefined {
  const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(location);
  if (!m || m[1] !== bucket) return undefined;
  return m[2]!;
}

function recordsOf(body: Buffer): Record<string, unknown>[] {
  try {
    const doc = JSON.parse(gunzipSync(body).toString('utf8')) as { Records?: unknown };
    return Array.isArray(doc.Records) ? (doc.Records as Record<string, unknown>[]) : [];
  } catch {
    return [];
  }
}

/** The objects Athena reads for the table (before pruning), with their partition values. */
function objectsRead(table: CatalogTable, options: EngineOptions): ReadObject[] {
  const out: ReadObject[] = [];
  const take = (key: string, partition: Record<string, string>) =>
    out.push({
      key,
      size: options.objects[key]!.length,
      partition,
      records: recordsOf(options.objects[key]!),
    });
  const keys = Object.keys(options.objects).sort();
  const props = table.properties;
  if (table.partitionKeys.length === 0) {
    const prefix = keyPrefix(table.location ?? '', options.bucket);
    if (prefix === undefined) return out;
    for (const key of keys)
      if (key.startsWith(prefix.endsWith('/') || prefix === '' ? prefix : `${prefix}/`)) take(key, {});
    return out;
  }
  if (props['projection.enabled'] !== 'true') {
    for (const partition of table.partitions) {
      const prefix = keyPrefix(partition.location, options.bucket);
      if (prefix === undefined) continue;
      const folder = prefix.endsWith('/') ? prefix : `${prefix}/`;
      for (const key of keys) if (key.startsWith(folder)) take(key, partition.values);
    }
    return out;
  }
  const template = props['storage.location.template'];
  if (!template) return out;
  const prefix = keyPrefix(template, options.bucket);
  if (prefix === undefined) return out;
  const names: string[] = [];
  const pattern = prefix.replace(/\$\{(\w+)\}|[^$]+|\$/g, (part, column: string | undefined) => {
    if (column === undefined) return part.replace(/[.*+?^(){}|[\]\\]/g, '\\$&');
    names.push(column);
    const format = props[`projection.${column}.format`];
    if (props[`projection.${column}.type`] === 'date' && format)
      return `(${format.replace(/yyyy/, '\\d{4}').replace(/MM/, '\\d{2}').replace(/dd/, '\\d{2}')})`;
    return '([^/]+)';
  });
  const regex = new RegExp(`^${pattern}/[^/]+$`);
  const now = options.now ?? Date.now();
  for (const key of keys) {
    const m = regex.exec(key);
    if (!m) continue;
    const partition: Record<string, string> = {};
    let projected = true;
    names.forEach((column, i) => {
      const value = m[i + 1]!;
      partition[column] = value;
      const type = props[`projection.${column}.type`];
      if (type === 'enum')
        projected &&= (props[`projection.${column}.values`] ?? '').split(',').includes(value);
      else if (type === 'date') projected &&= inDateRange(value, props, column, now);
      else if (type !== 'injected') projected = false;
    });
    if (projected) take(key, partition);
  }
  return out;
}

function inDateRange(value: string, props: Record<string, string>, column: string, now: number): boolean {
  const format = props[`projection.${column}.format`] ?? '';
  const toTime = (text: string) => {
    if (text.trim() === 'NOW') return now;
    const y = format.indexOf('yyyy');
    const mo = format.indexOf('MM');
    const d = format.indexOf('dd');
    return Date.UTC(
      Number(text.slice(y, y + 4)),
      Number(text.slice(mo, mo + 2)) - 1,
      Number(text.slice(d, d + 2)),
    );
  };
  const [start, end] = (props[`projection.${column}.range`] ?? '').split(',');
  if (start === undefined || end === undefined) return false;
  const time = toTime(value);
  return time >= toTime(start) && time <= toTime(end);
}

function duckType(type: HiveType): string {
  switch (type.kind) {
    case 'primitive':
      if (['string', 'varchar', 'char'].includes(type.name)) return 'VARCHAR';
      if (type.name === 'boolean') return 'BOOLEAN';
      if (['tinyint', 'smallint', 'int', 'integer'].includes(type.name)) return 'INTEGER';
      if (type.name === 'bigint') return 'BIGINT';
      return 'VARCHAR';
    case 'struct':
      return `STRUCT(${type.fields.map((f) => `${quoteIdent(f.name)} ${duckType(f.type)}`).join(', ')})`;
    case 'array':
      return `${duckType(type.of)}[]`;
    case 'map':
      return `MAP(${duckType(type.key)}, ${duckType(type.value)})`;
  }
}

/** A JSON value as the SerDe reads it into a column of `type`. */
function serde(value: unknown, type: HiveType): unknown {
  if (value === undefined || value === null) return null;
  switch (type.kind) {
    case 'primitive':
      if (duckType(type) === 'VARCHAR')
        return typeof value === 'object' ? JSON.stringify(value) : String(value);
      if (type.name === 'boolean') return value === true || value === 'true';
      return Number(value);
    case 'struct': {
      if (typeof value !== 'object' || Array.isArray(value)) return null;
      const byLower = new Map(Object.entries(value).map(([k, v]) => [k.toLowerCase(), v]));
      return Object.fromEntries(
        type.fields.map((f) => [f.name, serde(byLower.get(f.name.toLowerCase()), f.type)]),
      );
    }
    case 'array':
      return Array.isArray(value) ? value.map((item) => serde(item, type.of)) : null;
    case 'map':
      if (typeof value !== 'object' || Array.isArray(value)) return null;
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, serde(v, type.value)]));
  }
}

async function runInDuckDb(
  sql: string,
  database: string,
  name: string,
  table: CatalogTable,
  read: ReadObject[],
): Promise<QueryAnswer> {
  const columns = table.columns.map((c) => ({ name: c.Name, type: parseHiveType(c.Type) }));
  const partitionColumns = table.partitionKeys.map((c) => ({ name: c.Name, type: parseHiveType(c.Type) }));
  const all = [...columns, ...partitionColumns];
  const spec = all.map((c) => `${quoteIdent(c.name)}: ${quoteString(duckType(c.type))}`).join(', ');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'athena-engine-'));
  try {
    await connection.run(`CREATE SCHEMA ${quoteIdent(database)}`);
    const rows: string[] = [];
    const partitions: string[] = [];
    read.forEach((object, i) => {
      const values = Object.fromEntries(
        partitionColumns.map((c) => [c.name, serde(object.partition[c.name], c.type)]),
      );
      partitions.push(JSON.stringify({ ...values, __object: i }));
      for (const record of object.records) {
        const byLower = new Map(Object.entries(record).map(([k, v]) => [k.toLowerCase(), v]));
        const row: Record<string, unknown> = {};
        for (const c of columns) row[c.name] = serde(byLower.get(c.name), c.type);
        rows.push(JSON.stringify({ ...row, ...values }));
      }
    });
    const load = async (target: string, lines: string[], extra = '') => {
      const file = path.join(dir, `${target}.jsonl`);
      writeFileSync(file, lines.join('\n') + '\n');
      await connection.run(
        `CREATE TABLE ${target} AS SELECT * FROM read_json(${quoteString(file)}, format = 'newline_delimited', ` +
          `columns = {${spec}${extra}})`,
      );
    };
    await load(`${quoteIdent(database)}.${quoteIdent(name)}`, rows.length ? rows : ['{}']);
    if (rows.length === 0) await connection.run(`DELETE FROM ${quoteIdent(database)}.${quoteIdent(name)}`);
    await load('__partitions', partitions.length ? partitions : ['{}'], `, __object: 'INTEGER'`);

    const duck = sql.replace(/json_format\(CAST\((\w+) AS JSON\)\)/g, 'CAST(to_json($1) AS VARCHAR)');
    const where = /\n {2}WHERE ([\s\S]*)\) AS tagged\n/.exec(duck)?.[1] ?? 'TRUE';
    const kept = await connection.runAndReadAll(
      `SELECT __object FROM __partitions WHERE (${where}) IS NOT FALSE AND __object IS NOT NULL`,
    );
    const scanned = kept.getRowObjectsJS().reduce((sum, r) => sum + read[Number(r.__object)]!.size, 0);
    const result = await connection.runAndReadAll(duck);
    const names = result.columnNames();
    return {
      state: 'SUCCEEDED',
      columns: names,
      rows: result
        .getRowObjectsJS()
        .map((row) => names.map((n) => (row[n] === null || row[n] === undefined ? null : String(row[n])))),
      dataScannedInBytes: scanned,
      engineExecutionTimeInMillis: 1200,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    connection.closeSync();
    instance.closeSync();
  }
}
