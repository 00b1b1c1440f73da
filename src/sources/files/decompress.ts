/**
 * Reads one file as a stream of text chunks: gzip is recognised by its magic bytes (1f 8b), not by the file's
 * name, and decompressed on the fly; the bytes are decoded as UTF-8 across chunk boundaries. Nothing is read
 * ahead beyond the streams' own buffers, so memory does not grow with the file.
 */
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip, type Gunzip } from 'node:zlib';

/** Bytes per read from disk. */
const READ_CHUNK = 256 * 1024;
/** Bytes of decompressed output per chunk. */
const GUNZIP_CHUNK = 64 * 1024;

/** A file that cannot be read (`io`) or decompressed (`gzip`); the message is ready for the reporter. */
export class FileReadError extends Error {
  override readonly name = 'FileReadError';
  constructor(
    message: string,
    readonly kind: 'io' | 'gzip',
  ) {
    super(message);
  }
}

/** Duck-typed: errors from Node's core may come from another realm (a vm context, jest), where instanceof fails. */
function errorFields(err: unknown): { name?: unknown; code?: unknown; message?: unknown } {
  return typeof err === 'object' && err !== null
    ? (err as { name?: unknown; code?: unknown; message?: unknown })
    : {};
}

export function isAbortError(err: unknown): boolean {
  const { name, code } = errorFields(err);
  return name === 'AbortError' || code === 'ABORT_ERR';
}

/** "no such file or directory (ENOENT)" from Node's "ENOENT: no such file or directory, open '/x'". */
export function describeFsError(err: unknown): string {
  const { code, message } = errorFields(err);
  if (typeof message !== 'string') return String(err);
  const match = /^[A-Z]+: (.*?), \w+(?: '.*')?$/s.exec(message);
  if (typeof code === 'string' && match?.[1]) return `${match[1]} (${code})`;
  return message;
}

function toReadError(err: unknown): unknown {
  if (err instanceof FileReadError || isAbortError(err)) return err;
  const { code, message } = errorFields(err);
  if (typeof code === 'string' && code.startsWith('Z_')) {
    return new FileReadError(`gzip data truncated or corrupt: ${String(message)}`, 'gzip');
  }
  return new FileReadError(`cannot read: ${describeFsError(err)}`, 'io');
}

function isGzip(head: Buffer): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/**
 * The first `min` bytes or more (fewer at the end of the stream), peeked: unless the stream ended, they are put
 * back with unshift at once, inside the 'readable' handler (a tick later, the stream may have emitted 'end').
 */
function readHead(stream: Readable, min: number): Promise<{ head: Buffer | null; ended: boolean }> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let length = 0;
    const finish = (ended: boolean, err?: unknown) => {
      stream.off('readable', onReadable);
      stream.off('end', onEnd);
      stream.off('error', onError);
      if (err !== undefined) {
        reject(err);
        return;
      }
      const head = parts.length === 0 ? null : parts.length === 1 ? parts[0]! : Buffer.concat(parts);
      if (head && !ended) stream.unshift(head);
      resolve({ head, ended });
    };
    const onReadable = () => {
      while (length < min) {
        const chunk = stream.read() as Buffer | null;
        if (chunk === null) return;
        parts.push(chunk);
        length += chunk.length;
      }
      finish(false);
    };
    const onEnd = () => finish(true);
    const onError = (err: unknown) => finish(false, err);
    stream.on('readable', onReadable);
    stream.once('end', onEnd);
    stream.once('error', onError);
  });
}

/**
 * The file's content as text chunks (decompressed when it is gzip). Throws FileReadError when the file cannot
 * be read or its gzip data is truncated or corrupt (after the chunks decoded before the problem), and Node's
 * AbortError when `signal` aborts.
 */
export function readTextChunks(file: string, signal?: AbortSignal): AsyncGenerator<string> {
  return decodeText(openFile(file, signal));
}

/** A read stream on the file, with the chunk size used here; errors (missing file...) surface on first read. */
export function openFile(file: string, signal?: AbortSignal): Readable {
  return createReadStream(file, { highWaterMark: READ_CHUNK, signal });
}

/**
 * Any byte stream (a file, an S3 object body) as text chunks: gunzipped when it starts with the gzip magic
 * bytes, decoded as UTF-8. Errors as for readTextChunks. Stopping early (return) destroys the stream.
 */
export async function* decodeText(raw: Readable): AsyncGenerator<string> {
  let gunzip: Gunzip | undefined;
  try {
    let source: AsyncIterable<Buffer> | Iterable<Buffer>;
    // Enough bytes to see the gzip magic (a pipe may deliver a single byte first).
    const { head, ended } = await readHead(raw, 2).catch((err: unknown) => {
      throw toReadError(err);
    });
    if (ended) {
      source = head ? [head] : []; // 0 or 1 byte: not gzip
    } else {
      if (head && isGzip(head)) {
        const inflate = createGunzip({ chunkSize: GUNZIP_CHUNK });
        gunzip = inflate;
        raw.on('error', (err) => inflate.destroy(err));
        source = raw.pipe(inflate);
      } else {
        source = raw;
      }
    }
    const decoder = new StringDecoder('utf8');
    try {
      for await (const chunk of source) {
        const text = decoder.write(chunk);
        if (text.length > 0) yield text;
      }
    } catch (err) {
      throw toReadError(err);
    }
    const tail = decoder.end();
    if (tail.length > 0) yield tail;
  } finally {
    gunzip?.destroy();
    raw.destroy();
  }
}
