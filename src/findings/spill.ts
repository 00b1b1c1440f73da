/**
 * What must not stay in memory however big the scan (the events of a finding beyond the few the reports show, the
 * lines of a timeline of every event), kept in a temporary file as sorted runs of text lines and read back merged,
 * in order: an external merge sort.
 *
 * The file is created on the first run, in the system's temporary folder, and removed by release() or when the
 * process exits. Lines never hold a line feed (JSON text escapes it).
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';

/** A sorted run: `count` lines, `bytes` long, at `offset` in the file. */
export interface Run {
  offset: number;
  bytes: number;
  count: number;
}

/** Bytes read at once from a run, written at once, and of one buffer of waiting lines. */
const CHUNK = 16 * 1024;
/** Runs merged at once (each has a read buffer); more are merged in passes, into runs of their own. */
export const MAX_MERGE_WIDTH = 64;

/**
 * Buffers of CHUNK bytes outside the JavaScript heap, handed to lists of waiting lines and taken back when
 * they are done: as many buffers as were ever in use at once.
 */
export class ChunkPool {
  private readonly free: Buffer[] = [];

  get(): Buffer {
    return this.free.pop() ?? Buffer.allocUnsafeSlow(CHUNK);
  }

  put(chunks: readonly Buffer[]): void {
    this.free.push(...chunks);
  }
}

/**
 * Lines waiting for a run, held in buffers from a pool (a longer line as text): lines that wait for thousands of
 * others would reach V8's old generation as strings, which it collects late, so that the heap would grow by every
 * line written before a full collection.
 */
export class WaitingLines {
  private chunks: Buffer[] = [];
  /** Bytes used in the last chunk. */
  private used = CHUNK;
  /** Per line: where it starts and ends (chunk index × CHUNK + offset), or a start of -1 - i for the i-th long line. */
  private starts: number[] = [];
  private ends: number[] = [];
  private long: string[] = [];

  constructor(private readonly pool: ChunkPool) {}

  get length(): number {
    return this.starts.length;
  }

  push(line: string): void {
    const bytes = Buffer.byteLength(line, 'utf8');
    if (bytes > CHUNK) {
      this.starts.push(-1 - this.long.length);
      this.ends.push(0);
      this.long.push(line);
      return;
    }
    if (this.used + bytes > CHUNK) {
      this.chunks.push(this.pool.get());
      this.used = 0;
    }
    const base = (this.chunks.length - 1) * CHUNK;
    this.starts.push(base + this.used);
    this.used += this.chunks[this.chunks.length - 1]!.write(line, this.used, 'utf8');
    this.ends.push(base + this.used);
  }

  /** Line i. */
  line(i: number): string {
    const start = this.starts[i]!;
    if (start < 0) return this.long[-1 - start]!;
    const chunk = Math.floor(start / CHUNK);
    const base = chunk * CHUNK;
    return this.chunks[chunk]!.toString('utf8', start - base, this.ends[i]! - base);
  }

  /** The lines, in order; the buffers go back to the pool. */
  take(): string[] {
    const lines = this.starts.map((_, i) => this.line(i));
    this.clear();
    return lines;
  }

  /** Forgets the lines; the buffers go back to the pool. */
  clear(): void {
    this.pool.put(this.chunks);
    this.chunks = [];
    this.used = CHUNK;
    this.starts = [];
    this.ends = [];
    this.long = [];
  }
}

const live = new Set<SpillFile>();
let exitHook = false;

export class SpillFile {
  private fd: number | undefined;
  private dir: string | undefined;
  private end = 0;
  /**
   * Buffers for reading runs, reused: a merge reads dozens of runs at once, and buffers made for each read would be
   * memory outside the heap that V8 gives back only when it collects their (long-lived) wrappers.
   */
  private readonly readBuffers: Buffer[] = [];
  private writeBuffer: Buffer | undefined;

  /** Bytes written so far. */
  get size(): number {
    return this.end;
  }

  /** Appends one run (lines in the order they are to be read back). */
  appendRun(lines: Iterable<string>): Run {
    const offset = this.end;
    const buffer = (this.writeBuffer ??= Buffer.allocUnsafeSlow(CHUNK));
    let used = 0;
    let count = 0;
    for (const line of lines) {
      count++;
      const bytes = Buffer.byteLength(line, 'utf8') + 1;
      if (used + bytes > CHUNK) {
        this.append(buffer, used);
        used = 0;
      }
      if (bytes > CHUNK) this.append(Buffer.from(line + '\n', 'utf8'), bytes);
      else used += buffer.write(line + '\n', used, 'utf8');
    }
    this.append(buffer, used);
    return { offset, bytes: this.end - offset, count };
  }

  /** Appends the first `length` bytes of `data` (whole lines, each ending with a line feed). */
  append(data: Buffer, length: number): void {
    const fd = this.open();
    let written = 0;
    while (written < length) written += writeSync(fd, data, written, length - written, this.end + written);
    this.end += length;
  }

  /** Reads up to `length` bytes from `position` of the file into `buffer` at `at`; the bytes read. */
  readAt(buffer: Buffer, at: number, length: number, position: number): number {
    return readSync(this.open(), buffer, at, length, position);
  }

  /** The lines of a run, read a chunk at a time. */
  *readRun(run: Run): Generator<string> {
    if (run.count === 0) return;
    const fd = this.open();
    const buffer = this.readBuffers.pop() ?? Buffer.allocUnsafeSlow(CHUNK);
    try {
      const decoder = new StringDecoder('utf8');
      let position = run.offset;
      let left = run.bytes;
      let carry = '';
      while (left > 0) {
        const read = readSync(fd, buffer, 0, Math.min(buffer.length, left), position);
        if (read <= 0) throw new Error(`spill file: ${left} bytes missing at ${position}`);
        position += read;
        left -= read;
        const text = carry + decoder.write(buffer.subarray(0, read));
        const lines = text.split('\n');
        carry = lines.pop()!;
        yield* lines;
      }
      const rest = carry + decoder.end();
      if (rest !== '') yield rest;
    } finally {
      this.readBuffers.push(buffer);
    }
  }

  /**
   * Every line of the runs, read as items (`read`), merged in the order of `compare` (each run sorted by it; ties by
   * run order). Merges MAX_MERGE_WIDTH runs at a time: beyond, earlier passes write merged runs to the file first
   * (narrowed: a caller that reads the same runs again keeps those instead).
   */
  *merged<T extends { line: string }>(
    runs: readonly Run[],
    read: (line: string) => T,
    compare: (a: T, b: T) => number,
  ): Generator<T> {
    yield* mergeSorted(
      this.narrowed(runs, read, compare).map((run) => this.items(run, read)),
      compare,
    );
  }

  /** The same lines in at most MAX_MERGE_WIDTH runs, in the same merged order: groups merged into runs of their own. */
  narrowed<T extends { line: string }>(
    runs: readonly Run[],
    read: (line: string) => T,
    compare: (a: T, b: T) => number,
  ): Run[] {
    let pending = [...runs];
    while (pending.length > MAX_MERGE_WIDTH) {
      const next: Run[] = [];
      for (let i = 0; i < pending.length; i += MAX_MERGE_WIDTH) {
        const group = pending.slice(i, i + MAX_MERGE_WIDTH);
        next.push(group.length === 1 ? group[0]! : this.writeMerged(group, read, compare));
      }
      pending = next;
    }
    return pending;
  }

  private *items<T>(run: Run, read: (line: string) => T): Generator<T> {
    for (const line of this.readRun(run)) yield read(line);
  }

  /** Removes the file (later use starts a new one). */
  release(): void {
    if (this.fd !== undefined) {
      try {
        closeSync(this.fd);
      } catch {
        // already closed
      }
    }
    if (this.dir !== undefined) rmSync(this.dir, { recursive: true, force: true });
    this.fd = undefined;
    this.dir = undefined;
    this.end = 0;
    live.delete(this);
  }

  /** The runs merged into one run of their own, written as they are merged (no line waits for others). */
  private writeMerged<T extends { line: string }>(
    runs: readonly Run[],
    read: (line: string) => T,
    compare: (a: T, b: T) => number,
  ): Run {
    const merged = mergeSorted(
      runs.map((run) => this.items(run, read)),
      compare,
    );
    return this.appendRun(
      (function* () {
        for (const item of merged) yield item.line;
      })(),
    );
  }

  private open(): number {
    if (this.fd !== undefined) return this.fd;
    this.dir = mkdtempSync(join(tmpdir(), 'cloudtrail-audit-'));
    this.fd = openSync(join(this.dir, 'spill'), 'w+');
    live.add(this);
    if (!exitHook) {
      exitHook = true;
      process.on('exit', () => {
        for (const file of [...live]) file.release();
      });
    }
    return this.fd;
  }
}

/** The items of sorted sources, merged in order (ties: the earlier source first). */
export function* mergeSorted<T>(sources: Iterator<T>[], compare: (a: T, b: T) => number): Generator<T> {
  // A binary heap of source indexes, by each source's current item; the index breaks ties, which keeps the merge
  // stable. Nothing is allocated per item (an object per item, long-lived in a wide merge, is what V8 pretenures:
  // see Held in events.ts).
  const heads: (T | undefined)[] = [];
  const heap: number[] = [];
  const less = (a: number, b: number) => {
    const c = compare(heads[a]!, heads[b]!);
    return c < 0 || (c === 0 && a < b);
  };
  const down = (from: number) => {
    for (let i = from; ;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let smallest = i;
      if (l < heap.length && less(heap[l]!, heap[smallest]!)) smallest = l;
      if (r < heap.length && less(heap[r]!, heap[smallest]!)) smallest = r;
      if (smallest === i) return;
      [heap[i], heap[smallest]] = [heap[smallest]!, heap[i]!];
      i = smallest;
    }
  };
  sources.forEach((source, s) => {
    const first = source.next();
    if (first.done) return;
    heads[s] = first.value;
    heap.push(s);
  });
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) down(i);
  while (heap.length > 0) {
    const s = heap[0]!;
    yield heads[s] as T;
    // The source's next item takes its place at the top (it sorts after the one it replaces, so it only sinks).
    const next = sources[s]!.next();
    if (next.done) {
      heads[s] = undefined;
      const last = heap.pop()!;
      if (heap.length === 0) break;
      heap[0] = last;
    } else heads[s] = next.value;
    down(0);
  }
}
