/** One "folder" of a bucket, listed with ListObjectsV2 and the delimiter `/`, all pages. */
import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { attemptsOf } from './errors.js';

export interface ListContext {
  client: S3Client;
  bucket: string;
  stats: { apiCalls: number };
  signal?: AbortSignal;
  /** Sent as ExpectedBucketOwner: S3 refuses the request when another account owns the bucket. */
  expectedBucketOwner?: string;
  /** Pages per folder before giving up (a bound on a server that never stops paginating). */
  maxPages: number;
}

export interface ListedObject {
  key: string;
  size: number;
}

export interface Listing {
  /** Sub-folders (common prefixes), each ending in `/`, in the order S3 lists them. */
  folders: string[];
  objects: ListedObject[];
}

/** Lists `prefix` (ending in `/`) with the delimiter `/`: its objects and its sub-folders. Throws SDK errors. */
export async function listFolder(ctx: ListContext, prefix: string): Promise<Listing> {
  const folders: string[] = [];
  const objects: ListedObject[] = [];
  const tokens = new Set<string>();
  let token: string | undefined;
  for (let page = 0; ; page++) {
    if (page >= ctx.maxPages) {
      throw new Error(`more than ${ctx.maxPages} pages of ListObjectsV2 under one folder: listing stopped`);
    }
    let output;
    try {
      output = await ctx.client.send(
        new ListObjectsV2Command({
          Bucket: ctx.bucket,
          Prefix: prefix,
          Delimiter: '/',
          ...(ctx.expectedBucketOwner !== undefined ? { ExpectedBucketOwner: ctx.expectedBucketOwner } : {}),
          ...(token !== undefined ? { ContinuationToken: token } : {}),
        }),
        { abortSignal: ctx.signal },
      );
    } catch (err) {
      ctx.stats.apiCalls += attemptsOf(err);
      throw err;
    }
    ctx.stats.apiCalls += output.$metadata.attempts ?? 1;
    for (const common of output.CommonPrefixes ?? []) {
      if (common.Prefix !== undefined) folders.push(common.Prefix);
    }
    for (const object of output.Contents ?? []) {
      if (object.Key !== undefined) objects.push({ key: object.Key, size: object.Size ?? 0 });
    }
    const next = output.NextContinuationToken;
    if (!output.IsTruncated || next === undefined || next === '') break;
    if (tokens.has(next)) throw new Error('ListObjectsV2 returned the same continuation token twice');
    tokens.add(next);
    token = next;
  }
  return { folders, objects };
}
