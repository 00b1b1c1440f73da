/**
 * Fetches the selected objects with bounded concurrency and parses them in key order.
 *
 * At most `concurrency` GetObject requests are in flight. Objects are fetched ahead of the one being parsed
 * (at most `readAhead` objects and `readAheadBytes` compressed bytes ahead), their compressed bytes held in
 * memory; decompression and parsing stream from those bytes (readRecords), one object at a time, in order, so
 * the output does not depend on which download finishes first. Holding the bytes lets a transfer that breaks
 * off mid-body (connection reset, stalled socket, short body) be fetched again from the start without
 * yielding any record twice; the SDK itself retries failed requests (5xx, throttling, timeouts) before the
 * body starts. An object larger than `readAheadBytes` is not held: it is streamed straight from the response
 * when its turn comes (a break in its body is reported, after the records read before it).
 */
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import { readRecords } from '../files/index.js';
import type { RawRecord, SourceReporter } from '../../core/source.js';
import { sleep } from '../sleep.js';
import { Semaphore } from './concurrency.js';
import { attemptsOf, describeError, getErrorMessage, isAbort } from './errors.js';
import type { ListedObject } from './listing.js';

export interface FetchOptions {
  client: S3Client;
  bucket: string;
  stats: { apiCalls: number };
  /** Sent as ExpectedBucketOwner with every GetObject. */
  expectedBucketOwner?: string;
  concurrency: number;
  readAhead: number;
  readAheadBytes: number;
  /** Fetches of one object whose body breaks off before the object is given up. */
  bodyAttempts: number;
  /** A body that sends nothing for this long is abandoned (and fetched again). */
  bodyIdleTimeoutMs: number;
  /** Backoff before fetching a broken body again: base × 2^(attempt-1), with jitter. */
  retryBaseDelayMs: number;
  maxRecordChars?: number;
  signal?: AbortSignal;
}

type Fetched = { ok: true; body: Buffer } | { ok: false; message: string };

function getObject(options: FetchOptions, key: string): GetObjectCommand {
  const { bucket, expectedBucketOwner } = options;
  return new GetObjectCommand({
    Bucket: bucket,
    Key: key,
    ...(expectedBucketOwner !== undefined ? { ExpectedBucketOwner: expectedBucketOwner } : {}),
  });
}

/** `s3://bucket/key`: how an object is named in reports. */
export function objectUri(bucket: string, key: string): string {
  return `s3://${bucket}/${key}`;
}

/** The records of `objects`, in their order (see the module comment). */
export async function* fetchInOrder(
  objects: readonly ListedObject[],
  options: FetchOptions,
  reporter: SourceReporter,
): AsyncGenerator<RawRecord> {
  const controller = new AbortController();
  const outer = options.signal;
  const onAbort = () => controller.abort();
  if (outer?.aborted) return;
  outer?.addEventListener('abort', onAbort, { once: true });
  const signal = controller.signal;
  const semaphore = new Semaphore(options.concurrency);
  const parse = { signal, ...(options.maxRecordChars ? { maxRecordChars: options.maxRecordChars } : {}) };

  const pending = new Map<number, Promise<Fetched>>();
  let started = 0; // objects before this index were started (or left to be streamed)
  let bytesAhead = 0;
  const topUp = (from: number) => {
    while (started < objects.length && started - from < options.readAhead) {
      const { key, size } = objects[started]!;
      if (size > options.readAheadBytes) {
        started++; // streamed at its turn
        continue;
      }
      if (bytesAhead + size > options.readAheadBytes && pending.size > 0) break;
      const task = download(key, options, semaphore, signal);
      task.catch(() => {}); // rejects only when aborted; awaited below otherwise
      pending.set(started, task);
      bytesAhead += size;
      started++;
    }
  };

  try {
    for (let i = 0; i < objects.length; i++) {
      if (signal.aborted) return;
      topUp(i);
      const { key, size } = objects[i]!;
      const uri = objectUri(options.bucket, key);
      const task = pending.get(i);
      if (task === undefined) {
        yield* streamObject(key, uri, options, semaphore, reporter, parse);
        continue;
      }
      let fetched: Fetched;
      try {
        fetched = await task;
      } catch (err) {
        if (isAbort(err) || signal.aborted) return;
        throw err;
      }
      pending.delete(i);
      bytesAhead -= size;
      topUp(i + 1); // the next downloads run while this object is parsed
      if (!fetched.ok) {
        reporter.error({ file: uri }, fetched.message);
        continue;
      }
      yield* readRecords(uri, Readable.from([fetched.body], { objectMode: false }), reporter, parse);
    }
  } finally {
    outer?.removeEventListener('abort', onAbort);
    controller.abort(); // the consumer stopped early (or an error): abandon downloads still in flight
  }
}

/** One object's bytes, fetched again from the start when its body breaks off. Rejects only when aborted. */
async function download(
  key: string,
  options: FetchOptions,
  semaphore: Semaphore,
  signal: AbortSignal,
): Promise<Fetched> {
  const { client, bucket, stats } = options;
  for (let attempt = 1; ; attempt++) {
    let broken: unknown;
    await semaphore.acquire();
    try {
      if (signal.aborted) throw signal.reason;
      let output;
      try {
        output = await client.send(getObject(options, key), {
          abortSignal: signal,
        });
      } catch (err) {
        stats.apiCalls += attemptsOf(err);
        if (isAbort(err) || signal.aborted) throw err;
        // The SDK has already retried what was worth retrying.
        return { ok: false, message: getErrorMessage(err, bucket, key, attemptsOf(err)) };
      }
      stats.apiCalls += output.$metadata.attempts ?? 1;
      try {
        const body = await readBody(output.Body as Readable | undefined, options.bodyIdleTimeoutMs, signal);
        if (output.ContentLength !== undefined && body.length !== output.ContentLength) {
          throw new Error(`short body: ${body.length} of ${output.ContentLength} bytes`);
        }
        return { ok: true, body };
      } catch (err) {
        if (isAbort(err) || signal.aborted) throw err;
        broken = err;
      }
    } finally {
      semaphore.release();
    }
    if (attempt >= options.bodyAttempts) {
      return {
        ok: false,
        message: `cannot fetch: the transfer broke off ${attempt} time${attempt === 1 ? '' : 's'} (last: ${describeError(broken)})`,
      };
    }
    const delay = options.retryBaseDelayMs * 2 ** (attempt - 1);
    await sleep(delay / 2 + Math.random() * (delay / 2), signal);
  }
}

/** All of a body's bytes; fails when it breaks off or sends nothing for `idleMs`. */
function readBody(body: Readable | undefined, idleMs: number, signal: AbortSignal): Promise<Buffer> {
  if (body === undefined) return Promise.resolve(Buffer.alloc(0));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    let done = false;
    const finish = (err?: unknown) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      body.off('data', onData);
      body.off('end', onEnd);
      body.off('error', onError);
      body.off('close', onClose);
      if (err !== undefined) {
        body.on('error', () => {}); // late errors from the destroyed stream
        body.destroy();
        reject(err);
      } else {
        resolve(Buffer.concat(chunks));
      }
    };
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const err = new Error(`no data for ${idleMs} ms`);
        err.name = 'TimeoutError';
        finish(err);
      }, idleMs);
    };
    const onData = (chunk: Buffer | string) => {
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
      arm();
    };
    const onEnd = () => finish();
    const onError = (err: unknown) => finish(err);
    const onClose = () => finish(new Error('connection closed before the end of the body'));
    const onAbort = () => finish(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    body.on('data', onData);
    body.once('end', onEnd);
    body.once('error', onError);
    body.once('close', onClose);
    arm();
  });
}

/** An object too large to hold: its records straight from the response body, in the semaphore's slot. */
async function* streamObject(
  key: string,
  uri: string,
  options: FetchOptions,
  semaphore: Semaphore,
  reporter: SourceReporter,
  parse: { signal: AbortSignal; maxRecordChars?: number },
): AsyncGenerator<RawRecord> {
  const { client, bucket, stats } = options;
  await semaphore.acquire();
  try {
    if (parse.signal.aborted) return;
    let output;
    try {
      output = await client.send(getObject(options, key), {
        abortSignal: parse.signal,
      });
    } catch (err) {
      stats.apiCalls += attemptsOf(err);
      if (isAbort(err) || parse.signal.aborted) return;
      reporter.error({ file: uri }, getErrorMessage(err, bucket, key, attemptsOf(err)));
      return;
    }
    stats.apiCalls += output.$metadata.attempts ?? 1;
    const body = (output.Body as Readable | undefined) ?? Readable.from([]);
    yield* readRecords(uri, body, reporter, parse);
  } finally {
    semaphore.release();
  }
}
