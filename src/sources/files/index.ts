/**
 * The `files` source: CloudTrail records from local files and folders, one file at a time, streamed.
 *
 * walk.ts       paths → files to read (sorted; digest and Insights folders skipped, never opened)
 * decompress.ts file → text chunks (gzip recognised by its magic bytes, UTF-8 decoded across chunks)
 * json-splitter.ts  text chunks → the raw text of each record (structure checked, records not parsed)
 * classify.ts   top-level objects → record / digest / not CloudTrail; lookup-events elements → record text
 *
 * Formats, recognised from the content: `{"Records": [...]}` (S3 delivery), `aws cloudtrail lookup-events`
 * output (`{"Events": [{"CloudTrailEvent": "<json>"}], "NextToken": ...}`, several pages concatenated too),
 * JSON Lines or concatenated record objects, a bare array of records; a digest file is skipped.
 *
 * Reporting: every file opened is `fileRead` (also when it ends in an error, after what was readable was
 * yielded); a digest or Insights file is `fileSkipped`; every problem is an `error` naming the file (and the
 * record's index when it is about one record), and the scan goes on with the next file.
 */
import type { RawRecord, SourceReporter } from '../../core/source.js';
import { classifyObject, lookupEventRecord } from './classify.js';
import type { Readable } from 'node:stream';
import { FileReadError, decodeText, describeFsError, isAbortError, openFile } from './decompress.js';
import { DEFAULT_MAX_RECORD_CHARS, JsonRecordSplitter, type SplitItem } from './json-splitter.js';
import { DIGEST_REASON, walkPaths } from './walk.js';
import { gunzipSync } from 'node:zlib';
import { readFileSync, statSync } from 'node:fs';

export { splitJsonRecords, JsonRecordSplitter, JsonStructureError } from './json-splitter.js';
export type { SplitItem, Container, SplitterOptions, StructureErrorCode } from './json-splitter.js';
export { decodeText, readTextChunks, openFile, FileReadError } from './decompress.js';
export { walkPaths, isEventFileName, skippedFolderReason, DIGEST_REASON, INSIGHTS_REASON } from './walk.js';
export type { WalkEntry } from './walk.js';
export { classifyObject, lookupEventRecord } from './classify.js';

export interface ReadFilesOptions {
  /** Stops the walk and the file being read; what was yielded stays yielded, nothing is reported for the rest. */
  signal?: AbortSignal;
  /** Longest record text kept (UTF-16 code units); a longer record is reported and skipped. Default 64 Mi. */
  maxRecordChars?: number;
}

/** CloudTrail records from files and folders (see the module comment), in a deterministic order. */
export async function* readFiles(
  paths: string[],
  reporter: SourceReporter,
  opts: ReadFilesOptions = {},
): AsyncGenerator<RawRecord> {
  const { signal } = opts;
  for await (const entry of walkPaths(paths, reporter, signal)) {
    if (signal?.aborted) return;
    if (entry.skip !== undefined) {
      reporter.fileSkipped(entry.file, entry.skip);
      continue;
    }
    yield* fileRecords(entry.file, readWholeFile(entry.file), reporter, opts);
  }
}

/** Files up to this size are read whole and gunzipped in one call (see wholeFileText); larger ones stream. */
export const WHOLE_FILE_MAX_BYTES = 32 * 1024 * 1024;

/**
 * The bytes of a local file read whole (gunzipped), when it is small enough: the fast way for the files CloudTrail
 * writes. Undefined when it is too big, not a plain file, or not readable that way: fileRecords then streams it and
 * reports what is wrong.
 */
export function readWholeFile(file: string): Buffer | undefined {
  try {
    const stats = statSync(file);
    return stats.isFile() && stats.size <= WHOLE_FILE_MAX_BYTES
      ? wholeFileBytes(readFileSync(file))
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The records of one local file: from its `bytes` when it was read whole (readWholeFile), streamed when it is big or
 * cannot be read whole (the stream then reports what is wrong, after the records before it).
 */
export function fileRecords(
  file: string,
  bytes: Buffer | undefined,
  reporter: SourceReporter,
  opts: ReadFilesOptions = {},
): Iterable<RawRecord> | AsyncIterable<RawRecord> {
  return bytes === undefined
    ? readRecords(file, openFile(file, opts.signal), reporter, opts)
    : textRecords(file, bytes.toString('utf8'), reporter, opts);
}

/** What became of the items of one file so far. */
interface FileState {
  file: string;
  reporter: SourceReporter;
  maxRecordChars: number;
  signal: AbortSignal | undefined;
  /** Items that were records (yielded or reported as lost). */
  records: number;
  /** Set to stop reading the file: not CloudTrail, or a digest. */
  stop?: 'not-cloudtrail' | 'digest';
}

/** A file about to be read: its state, and the splitter its text goes through. */
function startFile(
  file: string,
  reporter: SourceReporter,
  opts: ReadFilesOptions,
): { state: FileState; splitter: JsonRecordSplitter } {
  const maxRecordChars = opts.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS;
  return {
    state: { file, reporter, maxRecordChars, signal: opts.signal, records: 0 },
    splitter: new JsonRecordSplitter({ maxRecordChars }),
  };
}

/**
 * The records of one file or object, from its byte stream (a file, an S3 object body: gzip or not). Reports it
 * as read (or skipped) under `file` (a path or an object key), and its problems; never throws for bad input.
 * Destroys the stream when done or stopped early.
 */
export async function* readRecords(
  file: string,
  stream: Readable,
  reporter: SourceReporter,
  opts: ReadFilesOptions = {},
): AsyncGenerator<RawRecord> {
  const { signal } = opts;
  const { state, splitter } = startFile(file, reporter, opts);
  let opened = false;
  try {
    for await (const chunk of decodeText(stream)) {
      opened = true;
      yield* handleItems(splitter.push(chunk), state);
      if (signal?.aborted) return;
      if (state.stop !== undefined || splitter.error) break;
    }
    if (signal?.aborted) return;
    if (state.stop === undefined && !splitter.error) yield* handleItems(splitter.end(), state);
  } catch (err) {
    if (isAbortError(err) || signal?.aborted) return;
    if (err instanceof FileReadError) {
      reporter.error({ file }, err.message);
    } else {
      reporter.error({ file }, `cannot read: ${describeFsError(err)}`);
    }
    // Opened and read up to the error (records before it were yielded) — unless it could not be opened at all.
    if (opened || !(err instanceof FileReadError && err.kind === 'io')) reporter.fileRead(file);
    return;
  }
  finish(state, splitter);
}

/** Reports a file read to its end: skipped (a digest), or read, after its structural error if any. */
function finish(state: FileState, splitter: JsonRecordSplitter): void {
  const { file, reporter } = state;
  if (state.stop === 'digest') {
    reporter.fileSkipped(file, DIGEST_REASON);
    return;
  }
  const error = splitter.error;
  if (error) {
    const origin = error.recordIndex === undefined ? { file } : { file, index: error.recordIndex };
    reporter.error(origin, error.message, error.recordsLost);
  }
  reporter.fileRead(file);
}

/**
 * A file's bytes, gunzipped in one call when they are gzip (no stream machinery). Undefined when they cannot be read
 * that way (corrupt or truncated gzip, too big): the caller then reads them with readRecords, which reports the
 * problem after the records before it.
 */
function wholeFileBytes(bytes: Buffer, maxTextBytes = WHOLE_FILE_MAX_TEXT): Buffer | undefined {
  try {
    const isGzip = bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
    if (!isGzip) return bytes;
    return gunzipSync(bytes, { maxOutputLength: maxTextBytes, chunkSize: outputChunk(bytes, maxTextBytes) });
  } catch {
    return undefined;
  }
}

/**
 * zlib's output chunk for a gzip file: its text's size as the gzip trailer gives it (ISIZE, the size modulo 2^32),
 * plus one byte, so that the text comes out in one buffer, never copied into another (fixed chunks cost a copy
 * of the whole text into one buffer and an allocation per chunk: about 15 % of the gunzip's CPU, and a peak some
 * 10 MB lower at a million events). The trailer is only a hint: a file that lies about it (or holds several gzip
 * members) is read in chunks of that size, clamped to [MIN_CHUNK, what deflate can expand the file to, and
 * maxTextBytes].
 */
function outputChunk(bytes: Buffer, maxTextBytes: number): number {
  const size = bytes.length >= 18 ? bytes.readUInt32LE(bytes.length - 4) + 1 : MIN_CHUNK;
  return Math.max(MIN_CHUNK, Math.min(size, bytes.length * MAX_DEFLATE_RATIO, maxTextBytes + 1));
}

const MIN_CHUNK = 64 * 1024;
/** Deflate's largest expansion is 1032 to 1. */
const MAX_DEFLATE_RATIO = 1032;

/** What readRecords yields and reports for a file whose whole text is `text` (see wholeFileText). */
function* textRecords(
  file: string,
  text: string,
  reporter: SourceReporter,
  opts: ReadFilesOptions = {},
): Generator<RawRecord> {
  const { signal } = opts;
  const { state, splitter } = startFile(file, reporter, opts);
  if (text.length > 0) yield* handleItems(splitter.push(text), state);
  if (signal?.aborted) return;
  if (state.stop === undefined && !splitter.error) yield* handleItems(splitter.end(), state);
  if (signal?.aborted) return;
  finish(state, splitter);
}

/** Largest decompressed text read whole (bytes); a bigger file is streamed. */
const WHOLE_FILE_MAX_TEXT = 256 * 1024 * 1024;

function* handleItems(items: SplitItem[], state: FileState): Generator<RawRecord> {
  const { file, reporter } = state;
  for (const item of items) {
    if (state.signal?.aborted) return;
    const origin = { file, index: item.index };
    switch (item.kind) {
      case 'element':
        if (item.container === 'Events') {
          const event = lookupEventRecord(item.text);
          if ('message' in event) {
            reporter.error(origin, event.message, 1);
          } else {
            yield { text: event.text, origin };
          }
        } else {
          // Any value, objects or not: the records stage parses it and names what is not a record.
          yield { text: item.text, origin };
        }
        state.records++;
        break;
      case 'object': {
        const kind = classifyObject(item.keys);
        if (kind.kind === 'record') {
          state.records++;
          yield { text: item.text, origin };
        } else if (state.records === 0) {
          // The file's first value decides: a digest is skipped, anything else is not CloudTrail.
          state.stop = kind.kind === 'digest' ? 'digest' : 'not-cloudtrail';
          if (kind.kind === 'other') reporter.error({ file }, kind.message);
          return;
        } else {
          // Among records (JSON Lines): one bad line, named; the rest of the file is read.
          const message = kind.kind === 'digest' ? 'not a record: a CloudTrail digest object' : kind.message;
          reporter.error(origin, message, 1);
          state.records++;
        }
        break;
      }
      case 'oversize':
        reporter.error(
          origin,
          `record of ${item.chars} characters is longer than the limit of ${state.maxRecordChars}: skipped`,
          1,
        );
        state.records++;
        break;
    }
  }
}
