/**
 * The CloudTrail table of `athena-create-table`: created when it does not exist (src/sql's athenaCreateTableSql:
 * the table with partition projection AWS documents for CloudTrail), and kept up to date when it does: accounts
 * that joined the organization and Regions that came into use are added to its projection lists, and a location
 * template that does not point at the trail is corrected, with ALTER TABLE ... SET TBLPROPERTIES (DDL is free).
 * Projection enumerates accounts and regions: those given, else every one found in the bucket (as the s3 source
 * finds them), and an organization trail's id is found there too (`AWSLogs/o-.../`).
 */
import type { S3Client } from '@aws-sdk/client-s3';
import {
  athenaCreateTableSql,
  athenaSetPropertiesSql,
  projectionTemplate,
  projectionValues,
  trailTableRoot,
} from '../../sql/index.js';
import { listTrailFolders, type TrailFolder } from '../s3/index.js';
import type { SourceReporter } from '../../core/source.js';
import { AthenaSourceError } from './errors.js';
import { tableShape, type TableMetadataView } from './metadata.js';
import { runQuery, type QueryContext } from './query.js';

/** The trail bucket the table is over. */
export interface TrailLocation {
  client: S3Client;
  bucket: string;
  /** The part of the keys before `AWSLogs/` (a trailing `AWSLogs` is accepted, as by the s3 source). */
  prefix?: string;
}

export interface TableCreation {
  /** Default: every account found under the bucket's AWSLogs/ (of the organization, for an organization trail). */
  accounts?: readonly string[];
  regions?: readonly string[];
  /** Default: found in the bucket (the only `o-...` folder under AWSLogs/, when there is one). */
  organizationId?: string;
  /** First day of the `timestamp` projection (`YYYY/MM/DD`); default 2013/11/01 (CloudTrail's launch). */
  projectionStartDate?: string;
}

export const DEFAULT_PROJECTION_START = '2013/11/01';

/** The trail folders (account × Region) in the bucket: of the accounts and Regions given, else all. */
export function discoverTrail(
  trail: TrailLocation,
  scope: { accounts?: readonly string[]; regions?: readonly string[]; organizationId?: string },
  reporter: SourceReporter,
  stats: { apiCalls: number },
  signal?: AbortSignal,
): Promise<TrailFolder[]> {
  return listTrailFolders(
    {
      client: trail.client,
      bucket: trail.bucket,
      ...(trail.prefix !== undefined ? { prefix: trail.prefix } : {}),
      ...(scope.accounts?.length ? { accounts: scope.accounts } : {}),
      ...(scope.regions?.length ? { regions: scope.regions } : {}),
      ...(scope.organizationId ? { organizationIds: [scope.organizationId] } : {}),
      window: { start: 0, end: 0 }, // discovery only
      ...(signal ? { signal } : {}),
    },
    reporter,
    stats,
  );
}

/** `s3://bucket/` + the folder's key up to `AWSLogs/[o-org/]`: the root a table over its trail has. */
export function folderRoot(bucket: string, folder: TrailFolder): string {
  const at = folder.prefix.indexOf('AWSLogs/');
  const org = folder.organizationId ? `${folder.organizationId}/` : '';
  return `s3://${bucket}/${folder.prefix.slice(0, at)}AWSLogs/${org}`;
}

export interface TableChange {
  /** `created` or `updated`, and the DDL's query id. */
  action: 'created' | 'updated';
  queryId: string;
  /** What changed, in words. */
  changes: string[];
}

/**
 * Creates the table, or brings the projection of an existing one up to the trail: returns what was done, or
 * undefined when nothing needed doing. An existing table that is not projected over account and Region enums is
 * left as it is (`note` says so).
 */
export async function ensureTable(
  ctx: QueryContext,
  names: { database: string; table: string },
  creation: TableCreation,
  trail: TrailLocation,
  folders: readonly TrailFolder[],
  existing: TableMetadataView | undefined,
  note: (message: string) => void,
): Promise<TableChange | undefined> {
  const organizations = [...new Set(folders.flatMap((f) => (f.organizationId ? [f.organizationId] : [])))];
  if (organizations.length > 1 && !creation.organizationId) {
    throw new AthenaSourceError(
      `athena-create-table: the bucket holds the logs of several organizations (${organizations.join(', ')}); ` +
        'one table covers one organization trail: create the table yourself (docs/athena.md) or use one bucket prefix per trail',
    );
  }
  const organizationId = creation.organizationId ?? organizations[0];
  const covered = folders.filter((f) => f.organizationId === organizationId);
  const unique = (values: string[]) => [...new Set(values)].sort();
  const accounts = creation.accounts?.length ? [...creation.accounts] : unique(covered.map((f) => f.account));
  const regions = creation.regions?.length ? [...creation.regions] : unique(covered.map((f) => f.region));
  const root = trailTableRoot({
    bucket: trail.bucket,
    ...(trail.prefix !== undefined ? { prefix: trail.prefix } : {}),
    ...(organizationId !== undefined ? { organizationId } : {}),
  });

  if (!existing) {
    const ddl = athenaCreateTableSql({
      database: names.database,
      table: names.table,
      bucket: trail.bucket,
      ...(trail.prefix !== undefined ? { prefix: trail.prefix } : {}),
      ...(organizationId !== undefined ? { organizationId } : {}),
      accounts,
      regions,
      projectionStartDate: creation.projectionStartDate ?? DEFAULT_PROJECTION_START,
    });
    // DDL is free and scans nothing: not counted in the bill.
    const created = await runQuery(ctx, ddl, 'CREATE TABLE statement (athena-create-table)');
    return {
      action: 'created',
      queryId: created.id,
      changes: [`projected over ${accounts.length} accounts and ${regions.length} Regions under ${root}`],
    };
  }

  const shape = tableShape(existing);
  if (!shape.projection || shape.account?.kind === undefined || shape.region?.kind === undefined) {
    note(
      `athena-create-table: the table ${names.database}.${names.table} exists and is not projected over account ` +
        'and Region: left as it is (give another athena-table for the action to create a projected one)',
    );
    return undefined;
  }
  const properties: [string, string][] = [];
  const changes: string[] = [];
  const merged = (current: string[] | undefined, wanted: string[]) => {
    const have = new Set(current ?? []);
    return {
      all: [...(current ?? []), ...wanted.filter((v) => !have.has(v))],
      added: wanted.filter((v) => !have.has(v)),
    };
  };
  const a = merged(shape.account.values, accounts);
  const r = merged(shape.region.values, regions);
  if (shape.account.kind === 'enum' && a.added.length) changes.push(`accounts added: ${a.added.join(', ')}`);
  if (shape.region.kind === 'enum' && r.added.length) changes.push(`Regions added: ${r.added.join(', ')}`);
  if (changes.length) {
    const [accountValues, regionValues] = projectionValues(a.all, r.all);
    if (shape.account.kind === 'enum' && a.added.length)
      properties.push([`projection.${shape.account.column}.values`, accountValues![1]]);
    if (shape.region.kind === 'enum' && r.added.length)
      properties.push([`projection.${shape.region.column}.values`, regionValues![1]]);
  }
  // A template that does not point at the trail's folders reads nothing: the one of a table made for this trail.
  const isOurs =
    shape.account.column === 'account' &&
    shape.region.column === 'region' &&
    shape.partitions.day !== undefined;
  const template = projectionTemplate(root);
  if (isOurs && shape.template !== undefined && shape.template !== template) {
    properties.push(['storage.location.template', template]);
    changes.push(`storage.location.template was ${shape.template}, now ${template}`);
  }
  if (properties.length === 0) return undefined;
  const ddl = athenaSetPropertiesSql(names.database, names.table, properties);
  const altered = await runQuery(ctx, ddl, 'ALTER TABLE statement (athena-create-table)');
  return { action: 'updated', queryId: altered.id, changes };
}
