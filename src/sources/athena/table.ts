/**
 * The CREATE TABLE statement of `athena-create-table`: the CloudTrail table with partition projection over the
 * trail bucket (src/sql's athenaCreateTableSql, the DDL AWS documents for CloudTrail tables). Projection
 * enumerates accounts and regions: those given, else every one found in the bucket (as the s3 source finds
 * them), and an organization trail's id is found there too (`AWSLogs/o-.../`).
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { athenaCreateTableSql } from '../../sql/index.js';
import { listTrailFolders } from '../s3/index.js';
import type { SourceReporter } from '../../core/source.js';
import { AthenaSourceError } from './errors.js';

/** The trail bucket the table is over. */
export interface TrailLocation {
  client: S3Client;
  bucket: string;
  /** The part of the keys before `AWSLogs/`. */
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

export async function createTableSql(
  names: { database: string; table: string },
  creation: TableCreation,
  trail: TrailLocation,
  reporter: SourceReporter,
  stats: { apiCalls: number },
  signal?: AbortSignal,
): Promise<string> {
  const folders = await listTrailFolders(
    {
      client: trail.client,
      bucket: trail.bucket,
      ...(trail.prefix !== undefined ? { prefix: trail.prefix } : {}),
      ...(creation.accounts?.length ? { accounts: creation.accounts } : {}),
      ...(creation.regions?.length ? { regions: creation.regions } : {}),
      ...(creation.organizationId ? { organizationIds: [creation.organizationId] } : {}),
      window: { start: 0, end: 0 }, // discovery only
      ...(signal ? { signal } : {}),
    },
    reporter,
    stats,
  );
  const organizations = [...new Set(folders.flatMap((f) => (f.organizationId ? [f.organizationId] : [])))];
  if (organizations.length > 1) {
    throw new AthenaSourceError(
      `athena-create-table: the bucket holds the logs of several organizations (${organizations.join(', ')}); ` +
        'one table covers one organization trail: create the table yourself (docs/athena.md) or use one bucket prefix per trail',
    );
  }
  const organizationId = creation.organizationId ?? organizations[0];
  const covered = folders.filter((f) => f.organizationId === organizationId);
  const unique = (values: string[]) => [...new Set(values)].sort();
  return athenaCreateTableSql({
    database: names.database,
    table: names.table,
    bucket: trail.bucket,
    ...(trail.prefix !== undefined ? { prefix: trail.prefix } : {}),
    ...(organizationId !== undefined ? { organizationId } : {}),
    accounts: creation.accounts?.length ? [...creation.accounts] : unique(covered.map((f) => f.account)),
    regions: creation.regions?.length ? [...creation.regions] : unique(covered.map((f) => f.region)),
    projectionStartDate: creation.projectionStartDate ?? DEFAULT_PROJECTION_START,
  });
}
