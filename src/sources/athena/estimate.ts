/**
 * How many bytes an Athena query over the CloudTrail table will scan, estimated before it runs.
 *
 * Athena has no dry run. Over a partitioned CloudTrail table (JSON, gzip), a query reads every object of every
 * partition its predicates select, and Athena bills the compressed bytes read. So the estimate is the total size
 * of the objects under the selected partitions' locations: the trail folders (accounts × regions) found in the
 * bucket as the s3 source finds them, and under each the day folders (`YYYY/MM/DD/`) of the query's date
 * predicate, listed with ListObjectsV2. It is an upper bound when the query reads every column of those files
 * (JSON is not columnar: it does), give or take objects delivered between the estimate and the query.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { mapLimit } from '../s3/concurrency.js';
import { isAbort, listingErrorMessage } from '../s3/errors.js';
import { basePrefix, listTrailFolders, objectUri } from '../s3/index.js';
import { listFolder } from '../s3/listing.js';
import type { SourceReporter } from '../../core/source.js';

export interface EstimateOptions {
  client: S3Client;
  bucket: string;
  prefix?: string;
  accounts?: readonly string[];
  regions?: readonly string[];
  /** The day folders (`YYYY/MM/DD/`) the query's partition predicate selects. */
  days: readonly string[];
  /** List requests in flight at most; default 8. */
  concurrency?: number;
  signal?: AbortSignal;
}

export interface ScanEstimate {
  bytes: number;
  objects: number;
  /** Partitions (trail folder × day) listed. */
  partitions: number;
  /** Trail folders (account × region) found. */
  folders: number;
  days: readonly string[];
  /** Day folders that could not be listed (reported): the estimate is then too low. */
  unlisted: number;
}

export async function estimateScanBytes(
  options: EstimateOptions,
  reporter: SourceReporter,
  stats: { apiCalls: number },
): Promise<ScanEstimate> {
  const { client, bucket, signal } = options;
  const folders = await listTrailFolders(
    {
      client,
      bucket,
      ...(options.prefix !== undefined ? { prefix: options.prefix } : {}),
      ...(options.accounts ? { accounts: options.accounts } : {}),
      ...(options.regions ? { regions: options.regions } : {}),
      // Discovery needs a window only to validate it; the days are given.
      window: { start: 0, end: 0 },
      ...(signal ? { signal } : {}),
    },
    reporter,
    stats,
  );
  const prefixes = folders.flatMap((folder) => options.days.map((day) => `${folder.prefix}${day}`));
  let unlisted = 0;
  const listings = await mapLimit(prefixes, options.concurrency ?? 8, async (prefix) => {
    try {
      return (
        await listFolder({ client, bucket, stats, maxPages: 10_000, ...(signal ? { signal } : {}) }, prefix)
      ).objects;
    } catch (err) {
      if (isAbort(err) || signal?.aborted) throw err;
      unlisted++;
      reporter.error(
        { file: objectUri(bucket, prefix) },
        `scan estimate: ${listingErrorMessage(err, bucket, prefix, basePrefix(options.prefix))}`,
      );
      return [];
    }
  });
  const objects = listings.flat();
  return {
    bytes: objects.reduce((sum, object) => sum + object.size, 0),
    objects: objects.length,
    partitions: prefixes.length,
    folders: folders.length,
    days: options.days,
    unlisted,
  };
}
