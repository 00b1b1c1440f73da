// node bench/duckdb-seed.mjs DIR [--ids FILE]: DuckDB reads every .json.gz under DIR and applies the seed rules'
// WHERE clause (bench/seed-detections.mjs); prints the row count and writes the rows' eventIDs to FILE.
import { DuckDBInstance } from '@duckdb/node-api';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { duckdbSeedQuery } from './seed-detections.mjs';

const { values, positionals } = parseArgs({ options: { ids: { type: 'string' } }, allowPositionals: true });
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const rows = (await connection.runAndReadAll(duckdbSeedQuery(`${positionals[0]}/**/*.json.gz`))).getRows();
if (values.ids) writeFileSync(values.ids, JSON.stringify(rows.map((r) => String(r[0])).sort()));
console.log(`${rows.length} rows`);
