/**
 * The CloudTrail table as the catalog describes it (Athena GetTableMetadata, catalog AwsDataCatalog; Athena reads
 * Glue's GetTable for it), and what that means for the query: which CloudTrail columns it holds, which partition
 * columns hold the account, the Region and the day (so that the query prunes on them), and the values its
 * partition projection covers.
 *
 * Shapes (docs/athena.md): the projected table athena-create-table makes (account, region, `timestamp`) and any
 * projected table whose storage.location.template follows the trail's layout (`.../AWSLogs/[o-org/]${a}/CloudTrail/
 * ${r}/${d}`, whatever the columns' names; `injected` account or region columns too); AWS's manually partitioned
 * tables (`region, year, month, day`, and `account` for an organization); a table without partitions (the
 * CloudTrail console's), read whole.
 */
import { GetTableMetadataCommand } from '@aws-sdk/client-athena';
import { describeError, errorCode } from '../s3/errors.js';
import {
  formatPartitionDay,
  tableSchema,
  type PartitionColumn,
  type PartitionScheme,
  type TableColumn,
  type TableSchema,
} from '../../sql/index.js';
import { AthenaSourceError, describeAthenaError } from './errors.js';
import { attempts, type QueryContext } from './query.js';

export const DATA_CATALOG = 'AwsDataCatalog';

export interface TableMetadataView {
  columns: TableColumn[];
  partitionKeys: TableColumn[];
  /** TBLPROPERTIES and what Athena adds (`location`, `inputformat`, ...). */
  parameters: Record<string, string>;
}

/** The table's metadata, or undefined when the catalog has no such table. Other failures throw AthenaSourceError. */
export async function readTableMetadata(
  ctx: QueryContext,
  database: string,
  table: string,
): Promise<TableMetadataView | undefined> {
  let output;
  try {
    output = await ctx.client.send(
      new GetTableMetadataCommand({
        CatalogName: DATA_CATALOG,
        DatabaseName: database,
        TableName: table,
        ...(ctx.workGroup ? { WorkGroup: ctx.workGroup } : {}),
      }),
      { abortSignal: ctx.signal },
    );
  } catch (err) {
    ctx.stats.apiCalls += attempts(err);
    if (ctx.signal?.aborted) throw err;
    if (
      errorCode(err) === 'MetadataException' &&
      /EntityNotFound|Entity Not Found|not found/i.test(describeError(err))
    )
      return undefined;
    throw new AthenaSourceError(
      `cannot read the table ${database}.${table} (GetTableMetadata): ${describeAthenaError(err, ctx)}`,
    );
  }
  ctx.stats.apiCalls += attempts(output);
  const meta = output.TableMetadata;
  const columns = (list: { Name?: string; Type?: string }[] | undefined): TableColumn[] =>
    (list ?? []).map((c) => ({ name: c.Name ?? '', type: c.Type ?? '' }));
  return {
    columns: columns(meta?.Columns),
    partitionKeys: columns(meta?.PartitionKeys),
    parameters: { ...meta?.Parameters },
  };
}

/** How one partition column of the account or the Region is filled. */
export interface PartitionDimension {
  column: string;
  /** enum: projection lists the values; injected: the query must name them; manual: registered partitions. */
  kind: 'enum' | 'injected' | 'manual' | 'other';
  /** The enum projection's values. */
  values?: string[];
}

export interface TableShape {
  schema: TableSchema;
  /** What the query prunes on. */
  partitions: PartitionScheme;
  account?: PartitionDimension;
  region?: PartitionDimension;
  /** The projected day column's range (`projection.X.range`, in its format), when it is a date projection. */
  dayRange?: { column: string; format: string; start: string; end: string };
  /** Partition columns the query cannot prune on: every value of theirs is read. */
  unpruned: string[];
  projection: boolean;
  /** `storage.location.template` of a projected table. */
  template?: string;
  location?: string;
}

const ACCOUNT_NAME = /^(account|account_?id|accountid)$/i;
const REGION_NAME = /^(region|aws_?region)$/i;

/**
 * The role of each partition column: from the projected table's location template where it has one (the column
 * after `AWSLogs/[o-org/]` holds the account, the one after `CloudTrail/` the Region, a date projection the day),
 * else from the names AWS's documentation uses (account, region, year, month, day).
 */
export function tableShape(meta: TableMetadataView): TableShape {
  const p = meta.parameters;
  const projection = (p['projection.enabled'] ?? '').trim().toLowerCase() === 'true';
  const template = projection ? p['storage.location.template'] : undefined;
  const keys = meta.partitionKeys;
  const byName = new Map(keys.map((k) => [k.name.toLowerCase(), k]));
  const roles = new Map<string, 'account' | 'region' | 'day'>();
  if (template) {
    for (const m of template.matchAll(/\$\{(\w+)\}/g)) {
      const column = m[1]!.toLowerCase();
      const before = template.slice(0, m.index);
      if (/AWSLogs\/(o-[a-z0-9]+\/)?$/.test(before)) roles.set(column, 'account');
      else if (/\/CloudTrail\/$/.test(before)) roles.set(column, 'region');
    }
  }
  for (const key of keys) {
    const name = key.name.toLowerCase();
    if (roles.has(name)) continue;
    const type = (p[`projection.${name}.type`] ?? '').trim().toLowerCase();
    if (projection && type === 'date') roles.set(name, 'day');
    else if (!template && ACCOUNT_NAME.test(name)) roles.set(name, 'account');
    else if (!template && REGION_NAME.test(name)) roles.set(name, 'region');
  }
  const dimension = (role: 'account' | 'region'): PartitionDimension | undefined => {
    const column = [...roles].find(([, r]) => r === role)?.[0];
    if (column === undefined) return undefined;
    if (!projection) return { column, kind: 'manual' };
    const type = (p[`projection.${column}.type`] ?? '').trim().toLowerCase();
    if (type === 'enum') {
      const values = (p[`projection.${column}.values`] ?? '').split(',').filter((v) => v !== '');
      return { column, kind: 'enum', values };
    }
    return { column, kind: type === 'injected' ? 'injected' : 'other' };
  };
  const account = dimension('account');
  const region = dimension('region');
  const partitions: PartitionScheme = {};
  if (account) partitions.account = account.column;
  if (region) partitions.region = region.column;

  let dayRange: TableShape['dayRange'];
  const dayColumn = [...roles].find(([, r]) => r === 'day')?.[0];
  if (dayColumn !== undefined) {
    const format = (p[`projection.${dayColumn}.format`] ?? '').trim();
    // A format with more than year, month and day (hours) is not pruned on: the column is then read whole.
    if (formatPartitionDay(format, [2024, 1, 2]) !== undefined)
      partitions.day = { column: dayColumn, format };
    else roles.delete(dayColumn);
    const [start, end] = (p[`projection.${dayColumn}.range`] ?? '').split(',').map((s) => s.trim());
    if (start && end) dayRange = { column: dayColumn, format, start, end };
  } else if (!projection) {
    // AWS's manually partitioned tables: year, month, day (strings such as '2024', '06', '03').
    const column = (name: string): PartitionColumn | undefined => {
      const key = byName.get(name);
      return key ? { column: key.name.toLowerCase(), type: key.type } : undefined;
    };
    const year = column('year');
    if (year) {
      const month = column('month');
      const day = month ? column('day') : undefined;
      partitions.day = { year, ...(month ? { month } : {}), ...(day ? { day } : {}) };
      for (const c of [year, month, day]) if (c) roles.set(c.column, 'day');
    }
  }
  const shape: TableShape = {
    schema: tableSchema(meta.columns),
    partitions,
    unpruned: keys.map((k) => k.name.toLowerCase()).filter((name) => !roles.has(name)),
    projection,
  };
  if (account) shape.account = account;
  if (region) shape.region = region;
  if (dayRange) shape.dayRange = dayRange;
  if (template) shape.template = template;
  if (p.location) shape.location = p.location;
  return shape;
}

/** Whether the table prunes by day (reads only the partitions of the window's days). */
export function prunesDays(shape: TableShape): boolean {
  return shape.partitions.day !== undefined;
}
