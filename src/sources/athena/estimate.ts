/**
 * How many bytes an Athena query over the CloudTrail table will scan, estimated before it runs.
 *
 * Athena has no dry run. Over a CloudTrail table (JSON, gzip), a query reads every object of every partition its
 * predicates select, and Athena bills the compressed bytes read. So the estimate is the total size of the objects
 * under the selected partitions' locations: the trail folders (accounts × regions) the query reads, found in the
 * bucket as the s3 source finds them, and under each the period folders (`YYYY/MM/DD/`) of the query's date
 * predicate, listed with ListObjectsV2; or, for a table that is not partitioned by day, everything under each
 * trail folder. It is an upper bound when the query reads every column of those files (JSON is not columnar: it
 * does), give or take objects delivered between the estimate and the query. Listing stops once the total passes
 * `stopAbove` (the limit): a table read whole is not listed to its end to learn that it is too big.
 */
import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { mapLimit } from '../s3/concurrency.js';
import { attemptsOf, isAbort, listingErrorMessage } from '../s3/errors.js';
import { objectUri, type TrailFolder } from '../s3/index.js';
import type { SourceReporter } from '../../core/source.js';

export interface EstimateOptions {
  client: S3Client;
  bucket: string;
  /** The trail's key prefix (for error messages). */
  prefix?: string;
  /** The trail folders (account × Region) the query reads. */
  folders: readonly TrailFolder[];
  /** The period folders (`YYYY/MM/DD/`) under each that the query's partition predicate selects; all when absent. */
  days?: readonly string[];
  /** Listing stops once the total is over this many bytes. */
  stopAbove?: number;
  /** List requests in flight at most; default 8. */
  concurrency?: number;
  signal?: AbortSignal;
}

export interface ScanEstimate {
  bytes: number;
  objects: number;
  /** Folders listed (trail folder × day, or trail folders when the table is read whole). */
  partitions: number;
  /** Trail folders (account × region). */
  folders: number;
  /** The day folders listed under each; absent when every object of each trail folder is read. */
  days?: readonly string[];
  /** Folders that could not be listed (reported): the estimate is then too low. */
  unlisted: number;
  /** Listing stopped at `stopAbove`: the scan is at least `bytes`. */
  stoppedAbove: boolean;
}

export async function estimateScanBytes(
  options: EstimateOptions,
  reporter: SourceReporter,
  stats: { apiCalls: number },
): Promise<ScanEstimate> {
  const { client, bucket, signal } = options;
  const prefixes = options.days
    ? options.folders.flatMap((folder) => options.days!.map((day) => `${folder.prefix}${day}`))
    : options.folders.map((folder) => folder.prefix);
  let bytes = 0;
  let objects = 0;
  let unlisted = 0;
  const over = () => options.stopAbove !== undefined && bytes > options.stopAbove;
  await mapLimit(prefixes, options.concurrency ?? 8, async (prefix) => {
    if (over()) return;
    try {
      await listAll(client, bucket, prefix, stats, signal, (size) => {
        bytes += size;
        objects++;
        return !over();
      });
    } catch (err) {
      if (isAbort(err) || signal?.aborted) throw err;
      unlisted++;
      reporter.error(
        { file: objectUri(bucket, prefix) },
        `scan estimate: ${listingErrorMessage(err, bucket, prefix, options.prefix ?? '')}`,
      );
    }
  });
  return {
    bytes,
    objects,
    partitions: prefixes.length,
    folders: options.folders.length,
    ...(options.days ? { days: options.days } : {}),
    unlisted,
    stoppedAbove: over(),
  };
}

/** Every object under `prefix` (no delimiter), page by page, until `each` returns false. */
async function listAll(
  client: S3Client,
  bucket: string,
  prefix: string,
  stats: { apiCalls: number },
  signal: AbortSignal | undefined,
  each: (size: number) => boolean,
): Promise<void> {
  let token: string | undefined;
  const seen = new Set<string>();
  for (;;) {
    let output;
    try {
      output = await client.send(
        new ListObjectsV2Command({
          Bucket: bucket,
          Prefix: prefix,
          ...(token !== undefined ? { ContinuationToken: token } : {}),
        }),
        { abortSignal: signal },
      );
    } catch (err) {
      stats.apiCalls += attemptsOf(err);
      throw err;
    }
    stats.apiCalls += output.$metadata.attempts ?? 1;
    for (const object of output.Contents ?? []) if (!each(object.Size ?? 0)) return;
    const next = output.NextContinuationToken;
    if (!output.IsTruncated || next === undefined || next === '') return;
    if (seen.has(next)) throw new Error('ListObjectsV2 returned the same continuation token twice');
    seen.add(next);
    token = next;
  }
}
