/**
 * Values kept on disk until they are needed: the analyzers hold the events (and key values) of every first-seen key
 * and correlation group that could still make a finding, far more than the findings list in the end. Each value is
 * one line of JSON in a temporary file (spill.ts); memory keeps only where it starts (its reference, a number) and a
 * buffer of lines waiting to be written, outside the JavaScript heap (strings waiting there would live long enough
 * to reach V8's old generation, which is collected late). The file is removed by release() or when the process
 * exits.
 */
import { SpillFile } from './spill.js';

/** Where a value starts in its store's file: what an analyzer holds instead of the value. */
export type StoredRef = number;

/** Bytes of lines gathered before they are written. */
const WRITE_BUFFER = 256 * 1024;
/** Bytes read at first for one value (more when its line is longer). */
const READ_GUESS = 2048;

export class DiskStore<T> {
  private readonly file = new SpillFile();
  private waiting: Buffer | undefined;
  private waitingBytes = 0;
  private buffer: Buffer | undefined;
  private stored = 0;

  /** Values stored so far. */
  get count(): number {
    return this.stored;
  }

  /** Bytes stored so far. */
  get bytes(): number {
    return this.file.size + this.waitingBytes;
  }

  add(value: T): StoredRef {
    const line = JSON.stringify(value) + '\n';
    const bytes = Buffer.byteLength(line, 'utf8');
    if (this.waitingBytes + bytes > WRITE_BUFFER) this.flush();
    const ref = this.bytes;
    this.stored++;
    if (bytes > WRITE_BUFFER) {
      this.file.append(Buffer.from(line, 'utf8'), bytes);
      return ref;
    }
    this.waiting ??= Buffer.allocUnsafeSlow(WRITE_BUFFER);
    this.waitingBytes += this.waiting.write(line, this.waitingBytes, 'utf8');
    return ref;
  }

  /** The value stored at `ref`. */
  get(ref: StoredRef): T {
    this.flush();
    return JSON.parse(this.lineAt(ref)) as T;
  }

  /** The values stored at `refs`, in that order. */
  read(refs: readonly StoredRef[]): T[] {
    return refs.map((ref) => this.get(ref));
  }

  /** Removes the file: the values stored can no longer be read. */
  release(): void {
    this.waiting = undefined;
    this.waitingBytes = 0;
    this.buffer = undefined;
    this.file.release();
  }

  private flush(): void {
    if (this.waitingBytes === 0) return;
    this.file.append(this.waiting!, this.waitingBytes);
    this.waitingBytes = 0;
  }

  private lineAt(ref: StoredRef): string {
    let buffer = (this.buffer ??= Buffer.allocUnsafe(READ_GUESS));
    let length = 0;
    for (;;) {
      const read = this.file.readAt(buffer, length, buffer.length - length, ref + length);
      const end = buffer.indexOf(0x0a, length);
      if (end !== -1 && end < length + read) return buffer.toString('utf8', 0, end);
      if (read === 0) throw new Error(`disk store: nothing stored at ${ref}`);
      length += read;
      if (length === buffer.length) {
        const bigger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(bigger, 0, 0, length);
        buffer = this.buffer = bigger;
      }
    }
  }
}
