/**
 * The CloudTrail table as AWS documents it for Athena ("Create the table for CloudTrail logs in Athena using
 * partition projection" and "... using manual partitioning", Athena User Guide, docs.aws.amazon.com/athena/latest/
 * ug/create-cloudtrail-table-partition-projection.html): column names are CloudTrail's keys lower-cased, nested
 * objects with a fixed shape are STRUCTs, and the free-form objects (requestParameters, responseElements,
 * additionalEventData, serviceEventDetails, edgeDeviceDetails) are STRING columns holding JSON text.
 *
 * One schema drives everything here: the DDL, the struct types of the DuckDB test table, recordToRow (what the
 * CloudTrail SerDe makes of a record) and rowToRecord (a result row back to a record with CloudTrail's keys).
 */
import type { CloudTrailRecord } from '../core/record.js';
import { basePrefix } from '../core/trail-layout.js';
import { isTextType, parseHiveType, type HiveType } from './hive-type.js';

export type ColumnType =
  | { kind: 'string' }
  /** A STRING column whose text is the JSON of an object (requestParameters, ...). */
  | { kind: 'json' }
  | { kind: 'struct'; fields: readonly Field[] }
  | { kind: 'array'; of: ColumnType }
  | { kind: 'map' };

export interface Field {
  /** Column or struct field name in the table (lower case, as the DDL has it). */
  name: string;
  /** The key in a CloudTrail record. */
  key: string;
  type: ColumnType;
}

const S: ColumnType = { kind: 'string' };
const J: ColumnType = { kind: 'json' };
const f = (key: string, type: ColumnType = S): Field => ({ name: key.toLowerCase(), key, type });
const struct = (...fields: Field[]): ColumnType => ({ kind: 'struct', fields });

/** Columns in the documented order (partition columns excluded). */
export const CLOUDTRAIL_COLUMNS: readonly Field[] = [
  f('eventVersion'),
  f(
    'userIdentity',
    struct(
      f('type'),
      f('principalId'),
      f('arn'),
      f('accountId'),
      f('invokedBy'),
      f('accessKeyId'),
      f('userName'),
      f('onBehalfOf', struct(f('userId'), f('identityStoreArn'))),
      f(
        'sessionContext',
        struct(
          f('attributes', struct(f('mfaAuthenticated'), f('creationDate'))),
          f('sessionIssuer', struct(f('type'), f('principalId'), f('arn'), f('accountId'), f('userName'))),
          f('ec2RoleDelivery'),
          f('webIdFederationData', struct(f('federatedProvider'), f('attributes', { kind: 'map' }))),
        ),
      ),
    ),
  ),
  f('eventTime'),
  f('eventSource'),
  f('eventName'),
  f('awsRegion'),
  f('sourceIPAddress'),
  f('userAgent'),
  f('errorCode'),
  f('errorMessage'),
  f('requestParameters', J),
  f('responseElements', J),
  f('additionalEventData', J),
  f('requestID'),
  f('eventID'),
  f('readOnly'),
  f('resources', { kind: 'array', of: struct(f('ARN'), f('accountId'), f('type')) }),
  f('eventType'),
  f('apiVersion'),
  f('recipientAccountId'),
  f('serviceEventDetails', J),
  f('sharedEventID'),
  f('vpcEndpointId'),
  f('vpcEndpointAccountId'),
  f('eventCategory'),
  f('addendum', struct(f('reason'), f('updatedFields'), f('originalRequestID'), f('originalEventID'))),
  f('sessionCredentialFromConsole'),
  f('edgeDeviceDetails', J),
  f('tlsDetails', struct(f('tlsVersion'), f('cipherSuite'), f('clientProvidedHostHeader'))),
];

/** The columns a query built by buildQuery returns, in order (struct and array columns as JSON text). */
export function resultColumns(fields: readonly Field[] = CLOUDTRAIL_COLUMNS): string[] {
  return [...fields.map((c) => c.name), 'matched_rules'];
}

/** The result columns of a query over the documented table. */
export const RESULT_COLUMNS: readonly string[] = resultColumns();

/** A table column as Athena's GetTableMetadata describes it. */
export interface TableColumn {
  name: string;
  /** Hive type string (`string`, `struct<...>`, `array<...>`). */
  type: string;
}

export interface TableSchema {
  /** The CloudTrail fields the table holds, with the types the queries may rely on (a subset of CLOUDTRAIL_COLUMNS). */
  fields: readonly Field[];
  /** CloudTrail fields (dotted, CloudTrail's keys) the table lacks or types otherwise: not read, not compiled. */
  missing: string[];
}

/**
 * What a table of another shape holds of the documented one: the CloudTrail columns and struct fields it has,
 * with a compatible type (names compared case-insensitively, as Athena does). Tables made from older versions
 * of AWS's documentation lack the newer fields (onbehalfof, tlsdetails, eventcategory...); the query then
 * selects only what exists, instead of failing with "column cannot be resolved".
 */
export function tableSchema(columns: readonly TableColumn[]): TableSchema {
  const missing: string[] = [];
  const byName = new Map<string, HiveType | undefined>();
  for (const column of columns) {
    let type: HiveType | undefined;
    try {
      type = parseHiveType(column.type);
    } catch {
      type = undefined;
    }
    byName.set(column.name.toLowerCase(), type);
  }
  const fields = keepFields(CLOUDTRAIL_COLUMNS, (field) => byName.get(field.name), '', missing);
  return { fields, missing };
}

function keepFields(
  wanted: readonly Field[],
  typeOf: (field: Field) => HiveType | undefined,
  path: string,
  missing: string[],
): Field[] {
  const kept: Field[] = [];
  for (const field of wanted) {
    const type = typeOf(field);
    const at = `${path}${field.key}`;
    const matched = type === undefined ? undefined : compatible(field.type, type, `${at}.`, missing);
    if (matched === undefined) missing.push(at);
    else kept.push({ ...field, type: matched });
  }
  return kept;
}

/** `ours` narrowed to what `theirs` holds, or undefined when the table types the field otherwise. */
function compatible(
  ours: ColumnType,
  theirs: HiveType,
  path: string,
  missing: string[],
): ColumnType | undefined {
  switch (ours.kind) {
    case 'string':
    case 'json':
      return isTextType(theirs) ? ours : undefined;
    case 'map':
      return theirs.kind === 'map' ? ours : undefined;
    case 'array': {
      if (theirs.kind !== 'array') return undefined;
      const of = compatible(ours.of, theirs.of, path, missing);
      return of === undefined ? undefined : { kind: 'array', of };
    }
    case 'struct': {
      if (theirs.kind !== 'struct') return undefined;
      const names = theirs.fields.map((f) => f.name.toLowerCase());
      const byName = new Map(theirs.fields.map((f, i) => [names[i]!, f.type]));
      const fields = keepFields(ours.fields, (field) => byName.get(field.name), path, missing);
      // In the table's order: engines that cast a row to a JSON array give its fields in that order.
      fields.sort((a, b) => names.indexOf(a.name) - names.indexOf(b.name));
      return fields.length > 0 ? { kind: 'struct', fields } : undefined;
    }
  }
}

/** Hive DDL type of a column (Athena's CREATE EXTERNAL TABLE syntax). */
export function hiveType(type: ColumnType): string {
  switch (type.kind) {
    case 'string':
    case 'json':
      return 'STRING';
    case 'map':
      return 'MAP<STRING,STRING>';
    case 'array':
      return `ARRAY<${hiveType(type.of)}>`;
    case 'struct':
      return `STRUCT<${type.fields.map((x) => `${x.name}: ${hiveType(x.type)}`).join(', ')}>`;
  }
}

/** DuckDB type of a column (for the test table in the Athena shape). */
export function duckdbType(type: ColumnType): string {
  switch (type.kind) {
    case 'string':
    case 'json':
      return 'VARCHAR';
    case 'map':
      return 'MAP(VARCHAR, VARCHAR)';
    case 'array':
      return `${duckdbType(type.of)}[]`;
    case 'struct':
      return `STRUCT(${type.fields.map((x) => `"${x.name}" ${duckdbType(x.type)}`).join(', ')})`;
  }
}

export interface CreateTableOptions {
  database: string;
  table: string;
  bucket: string;
  prefix?: string;
  /** Organization trail: logs live under AWSLogs/<organizationId>/<account>/CloudTrail/... */
  organizationId?: string;
  accounts: string[];
  regions: string[];
  /** First day of the projected `timestamp` partition, 'YYYY/MM/DD'. */
  projectionStartDate: string;
}

const ACCOUNT = /^\d{12}$/;
/** AWS Region names (`us-east-1`, `us-gov-west-1`; test partitions such as Stratus Red Team's `ca-south-3r` too): no quote, no comma. */
const REGION = /^[a-z]{2,}(-[a-z0-9]+)+$/;
const ORGANIZATION = /^o-[a-z0-9]{10,32}$/;
const DAY = /^\d{4}\/\d{2}\/\d{2}$/;
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const NAME = /^[A-Za-z0-9_]+$/;

function bad(what: string, value: string): never {
  throw new Error(`athena table: ${what} '${value}' is not valid`);
}

/** `s3://bucket/[prefix/]AWSLogs/[o-org/]`: the table's LOCATION, and the root of its location template. */
export function trailTableRoot(o: { bucket: string; prefix?: string; organizationId?: string }): string {
  if (!BUCKET.test(o.bucket)) bad('S3 bucket name', o.bucket);
  if (o.organizationId !== undefined && !ORGANIZATION.test(o.organizationId))
    bad('organization id', o.organizationId);
  // The S3 source's normalisation: slashes at either end and a trailing AWSLogs segment dropped.
  const prefix = basePrefix(o.prefix);
  if (/[^A-Za-z0-9!_.()/-]/.test(prefix)) bad('S3 prefix', prefix);
  return `s3://${o.bucket}/${prefix}AWSLogs/${o.organizationId ? `${o.organizationId}/` : ''}`;
}

/** `storage.location.template` of the projected table under `root` (trailTableRoot). */
export function projectionTemplate(root: string): string {
  return `${root}\${account}/CloudTrail/\${region}/\${timestamp}`;
}

/** The projection properties that list accounts and regions, validated (they are sent to Athena as they are). */
export function projectionValues(
  accounts: readonly string[],
  regions: readonly string[],
): [string, string][] {
  if (accounts.length === 0) throw new Error('athena table: at least one account id is needed');
  if (regions.length === 0) throw new Error('athena table: at least one region is needed');
  for (const account of accounts) if (!ACCOUNT.test(account)) bad('account id', account);
  for (const region of regions) if (!REGION.test(region)) bad('region', region);
  return [
    ['projection.account.values', accounts.join(',')],
    ['projection.region.values', regions.join(',')],
  ];
}

function tableName(database: string, table: string): string {
  if (!NAME.test(database)) bad('database name', database);
  if (!NAME.test(table)) bad('table name', table);
  return `\`${database}\`.\`${table}\``;
}

/**
 * CREATE EXTERNAL TABLE for the trail bucket with partition projection over account, region and day, as AWS
 * documents for CloudTrail (the account and region enums make one table cover an organization trail).
 * Every value is validated: this text is sent to Athena as it is.
 */
export function athenaCreateTableSql(o: CreateTableOptions): string {
  const name = tableName(o.database, o.table);
  if (!DAY.test(o.projectionStartDate)) bad('projection start date (YYYY/MM/DD)', o.projectionStartDate);
  const root = trailTableRoot(o);
  const [accounts, regions] = projectionValues(o.accounts, o.regions);
  const columns = CLOUDTRAIL_COLUMNS.map((c) => `  ${c.name} ${hiveType(c.type)}`).join(',\n');
  const properties: [string, string][] = [
    ['projection.enabled', 'true'],
    ['projection.account.type', 'enum'],
    accounts!,
    ['projection.region.type', 'enum'],
    regions!,
    ['projection.timestamp.type', 'date'],
    ['projection.timestamp.format', 'yyyy/MM/dd'],
    ['projection.timestamp.range', `${o.projectionStartDate},NOW`],
    ['projection.timestamp.interval', '1'],
    ['projection.timestamp.interval.unit', 'DAYS'],
    ['storage.location.template', projectionTemplate(root)],
  ];
  return [
    `CREATE EXTERNAL TABLE IF NOT EXISTS ${name} (`,
    columns,
    ')',
    'PARTITIONED BY (account STRING, region STRING, `timestamp` STRING)',
    "ROW FORMAT SERDE 'org.apache.hive.hcatalog.data.JsonSerDe'",
    "STORED AS INPUTFORMAT 'com.amazon.emr.cloudtrail.CloudTrailInputFormat'",
    "OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'",
    `LOCATION '${root}'`,
    'TBLPROPERTIES (',
    properties.map(([k, v]) => `  '${k}'='${v}'`).join(',\n'),
    ')',
  ].join('\n');
}

/**
 * ALTER TABLE ... SET TBLPROPERTIES: the way to change a projected table's account and region lists or its
 * location template (Athena DDL, free). Only the properties given change. Values come from projectionValues,
 * projectionTemplate or trailTableRoot, which validate them; a quote in any of them is refused here as well.
 */
export function athenaSetPropertiesSql(
  database: string,
  table: string,
  properties: readonly [string, string][],
): string {
  for (const [key, value] of properties) {
    if (!/^[a-z][a-z0-9_.]*$/.test(key)) bad('table property', key);
    if (value.includes("'") || value.includes('\\') || [...value].some((c) => c < ' '))
      bad(`value of ${key}`, value);
  }
  return [
    `ALTER TABLE ${tableName(database, table)} SET TBLPROPERTIES (`,
    properties.map(([k, v]) => `  '${k}'='${v}'`).join(',\n'),
    ')',
  ].join('\n');
}

/**
 * A record as the table holds it: what Athena's JSON SerDe reads into the columns (keys matched
 * case-insensitively, unknown keys dropped, scalars as text, booleans "true"/"false"; a STRING column holds the
 * text of a JSON object or array, and a JSON string as its plain text). Used to load test tables.
 */
export function recordToRow(
  record: Record<string, unknown>,
  fields: readonly Field[] = CLOUDTRAIL_COLUMNS,
): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const column of fields) row[column.name] = toCell(lookUp(record, column), column.type);
  return row;
}

/** The value of `field` in `object`: CloudTrail's own spelling first, then any spelling of its lower-case name. */
function lookUp(object: Record<string, unknown>, field: Field): unknown {
  if (Object.hasOwn(object, field.key)) return object[field.key];
  for (const key of Object.keys(object)) if (key.toLowerCase() === field.name) return object[key];
  return undefined;
}

function toCell(value: unknown, type: ColumnType): unknown {
  if (value === undefined || value === null) return null;
  switch (type.kind) {
    case 'string':
    case 'json':
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
    case 'map':
      if (typeof value !== 'object' || Array.isArray(value)) return null;
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [
          k,
          v === null || typeof v !== 'object' ? v : JSON.stringify(v),
        ]),
      );
    case 'array':
      return Array.isArray(value) ? value.map((item) => toCell(item, type.of)) : null;
    case 'struct': {
      if (typeof value !== 'object' || Array.isArray(value)) return null;
      const out: Record<string, unknown> = {};
      for (const field of type.fields)
        out[field.name] = toCell(lookUp(value as Record<string, unknown>, field), field.type);
      return out;
    }
  }
}

/**
 * The JSON columns CloudTrail writes on every API call, as null when the call has none: a NULL cell is that
 * null (SQL cannot tell it from an absent key; CloudTrail omits neither), so rules on these keys (`exists`,
 * `null`) see what they see in the log file.
 */
const NULL_WHEN_EMPTY: ReadonlySet<string> = new Set(['requestParameters', 'responseElements']);

/**
 * One result row (column → text as Athena returns it; struct and array columns as JSON text, objects with field
 * names or, from engines that cast rows to JSON arrays, arrays in field order) → a CloudTrail record with
 * CloudTrail's keys. Null fields are left out, as CloudTrail leaves them out, except requestParameters and
 * responseElements (NULL_WHEN_EMPTY); readOnly becomes a boolean again. A JSON column whose text is not a JSON
 * object or array (a plain string in the log) keeps that text. Struct fields are found whatever their case
 * (tables made from older AWS documentation declare camelCase field names, which Athena keeps in the JSON).
 */
export function rowToRecord(
  row: Record<string, string | null>,
  fields: readonly Field[] = CLOUDTRAIL_COLUMNS,
): CloudTrailRecord {
  const record: Record<string, unknown> = {};
  for (const column of fields) {
    const cell = row[column.name];
    if (cell === undefined) continue;
    if (cell === null) {
      if (column.type.kind === 'json' && NULL_WHEN_EMPTY.has(column.key)) record[column.key] = null;
      continue;
    }
    let value: unknown;
    if (column.type.kind === 'string') {
      value = column.key === 'readOnly' && (cell === 'true' || cell === 'false') ? cell === 'true' : cell;
    } else if (column.type.kind === 'json') {
      value = jsonOrText(cell);
    } else if (cell === '') {
      continue; // a NULL that reached us as an empty cell: never valid JSON
    } else {
      value = fromJson(parseJson(cell, column.name), column.type);
    }
    if (value !== undefined) record[column.key] = value;
  }
  return record as CloudTrailRecord;
}

/** The SerDe gives an object or array as its JSON text and anything else as plain text: read it back that way. */
function jsonOrText(cell: string): unknown {
  const first = cell.trimStart()[0];
  if (first === '{' || first === '[') {
    try {
      return JSON.parse(cell) as unknown;
    } catch {
      // not JSON after all: the text as it is
    }
  }
  return cell;
}

function parseJson(text: string, column: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`column ${column} does not hold JSON: ${JSON.stringify(text.slice(0, 60))}`);
  }
}

function fromJson(value: unknown, type: ColumnType): unknown {
  if (value === null || value === undefined) return undefined;
  switch (type.kind) {
    case 'string':
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
    case 'json':
    case 'map':
      return value;
    case 'array':
      return Array.isArray(value) ? value.map((item) => fromJson(item, type.of) ?? null) : undefined;
    case 'struct': {
      const out: Record<string, unknown> = {};
      const object = Array.isArray(value) ? undefined : (value as Record<string, unknown>);
      type.fields.forEach((field, i) => {
        const raw = object ? lookUp(object, field) : (value as unknown[])[i];
        const converted = fromJson(raw, field.type);
        if (converted !== undefined) out[field.key] = converted;
      });
      return Object.keys(out).length > 0 ? out : undefined;
    }
  }
}
