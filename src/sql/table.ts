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
export const RESULT_COLUMNS: readonly string[] = [...CLOUDTRAIL_COLUMNS.map((c) => c.name), 'matched_rules'];

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
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const ORGANIZATION = /^o-[a-z0-9]{10,32}$/;
const DAY = /^\d{4}\/\d{2}\/\d{2}$/;
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const NAME = /^[A-Za-z0-9_]+$/;

/**
 * CREATE EXTERNAL TABLE for the trail bucket with partition projection over account, region and day, as AWS
 * documents for CloudTrail (the account and region enums make one table cover an organization trail).
 * Every value is validated: this text is sent to Athena as it is.
 */
export function athenaCreateTableSql(o: CreateTableOptions): string {
  const bad = (what: string, value: string): never => {
    throw new Error(`athena table: ${what} '${value}' is not valid`);
  };
  if (!NAME.test(o.database)) bad('database name', o.database);
  if (!NAME.test(o.table)) bad('table name', o.table);
  if (!BUCKET.test(o.bucket)) bad('S3 bucket name', o.bucket);
  if (o.organizationId !== undefined && !ORGANIZATION.test(o.organizationId))
    bad('organization id', o.organizationId);
  if (!DAY.test(o.projectionStartDate)) bad('projection start date (YYYY/MM/DD)', o.projectionStartDate);
  if (o.accounts.length === 0) throw new Error('athena table: at least one account id is needed');
  if (o.regions.length === 0) throw new Error('athena table: at least one region is needed');
  for (const account of o.accounts) if (!ACCOUNT.test(account)) bad('account id', account);
  for (const region of o.regions) if (!REGION.test(region)) bad('region', region);
  const prefix = (o.prefix ?? '').replace(/^\/+|\/+$/g, '');
  if (/[^A-Za-z0-9!_.()/-]/.test(prefix)) bad('S3 prefix', prefix);

  const base = `s3://${o.bucket}/${prefix ? `${prefix}/` : ''}AWSLogs/${o.organizationId ? `${o.organizationId}/` : ''}`;
  const columns = CLOUDTRAIL_COLUMNS.map((c) => `  ${c.name} ${hiveType(c.type)}`).join(',\n');
  const properties: [string, string][] = [
    ['projection.enabled', 'true'],
    ['projection.account.type', 'enum'],
    ['projection.account.values', o.accounts.join(',')],
    ['projection.region.type', 'enum'],
    ['projection.region.values', o.regions.join(',')],
    ['projection.timestamp.type', 'date'],
    ['projection.timestamp.format', 'yyyy/MM/dd'],
    ['projection.timestamp.range', `${o.projectionStartDate},NOW`],
    ['projection.timestamp.interval', '1'],
    ['projection.timestamp.interval.unit', 'DAYS'],
    ['storage.location.template', `${base}\${account}/CloudTrail/\${region}/\${timestamp}`],
  ];
  return [
    `CREATE EXTERNAL TABLE IF NOT EXISTS \`${o.database}\`.\`${o.table}\` (`,
    columns,
    ')',
    'PARTITIONED BY (account STRING, region STRING, `timestamp` STRING)',
    "ROW FORMAT SERDE 'org.apache.hive.hcatalog.data.JsonSerDe'",
    "STORED AS INPUTFORMAT 'com.amazon.emr.cloudtrail.CloudTrailInputFormat'",
    "OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'",
    `LOCATION '${base}'`,
    'TBLPROPERTIES (',
    properties.map(([k, v]) => `  '${k}'='${v}'`).join(',\n'),
    ')',
  ].join('\n');
}

/**
 * A record as the table holds it (what the JSON SerDe reads into the columns): keys lower-cased, unknown keys
 * dropped, scalars as text (booleans "true"/"false"), JSON columns as JSON text. Used to load test tables.
 */
export function recordToRow(record: Record<string, unknown>): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const column of CLOUDTRAIL_COLUMNS) row[column.name] = toCell(record[column.key], column.type);
  return row;
}

function toCell(value: unknown, type: ColumnType): unknown {
  if (value === undefined || value === null) return null;
  switch (type.kind) {
    case 'string':
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
    case 'json':
      return JSON.stringify(value);
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
        out[field.name] = toCell((value as Record<string, unknown>)[field.key], field.type);
      return out;
    }
  }
}

/**
 * One result row (column → text as Athena returns it; struct and array columns as JSON text, objects with field
 * names or, from engines that cast rows to JSON arrays, arrays in field order) → a CloudTrail record with
 * CloudTrail's keys. Null fields are left out, as CloudTrail leaves them out; readOnly becomes a boolean again.
 */
export function rowToRecord(row: Record<string, string | null>): CloudTrailRecord {
  const record: Record<string, unknown> = {};
  for (const column of CLOUDTRAIL_COLUMNS) {
    const cell = row[column.name];
    if (cell === undefined || cell === null) continue;
    let value: unknown;
    if (column.type.kind === 'string') {
      value = column.key === 'readOnly' && (cell === 'true' || cell === 'false') ? cell === 'true' : cell;
    } else if (cell === '') {
      continue; // a NULL that reached us as an empty cell: never valid JSON
    } else {
      value = fromJson(parseJson(cell, column.name), column.type);
    }
    if (value !== undefined) record[column.key] = value;
  }
  return record as CloudTrailRecord;
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
      type.fields.forEach((field, i) => {
        const raw = Array.isArray(value) ? value[i] : (value as Record<string, unknown>)[field.name];
        const converted = fromJson(raw, field.type);
        if (converted !== undefined) out[field.key] = converted;
      });
      return Object.keys(out).length > 0 ? out : undefined;
    }
  }
}
