/**
 * A streaming JSON splitter: cuts a stream of text chunks into the raw text of each CloudTrail record, without
 * parsing the records. It checks only the structure around the records (containers, separators, balanced
 * nesting, strings with escapes); a record whose inside is invalid JSON is still delimited and left to the
 * records stage, which parses it and reports it with its file and index.
 *
 * What is a record:
 * - every element of a top-level array (`[ {...}, ... ]`, Stratus Red Team detonation logs);
 * - every element of the `Records` or `Events` array of a top-level object (`{"Records": [...]}` as CloudTrail
 *   delivers it to S3, `{"Events": [...], "NextToken": ...}` as `aws cloudtrail lookup-events` prints it); the
 *   other members of that object are checked and dropped;
 * - any other top-level object, whole (JSON Lines, concatenated objects, a digest file): emitted with its
 *   top-level keys so that the caller can tell a record from a digest or from something else.
 *
 * Memory is bounded by the largest single record (and by `maxRecordChars`): the text of the value being
 * delimited is carried across chunk boundaries, nothing else is kept. Speed: inside strings, the scanner jumps
 * to the next `"` with indexOf and counts the backslashes before it; record text is sliced from the chunk.
 */
import { isJsonWhitespace as isWhitespace } from '../../records/raw-fields.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const BOM = 0xfeff;

/** Where an element came from: a top-level object's `Records`/`Events` array, or a top-level array. */
export type Container = 'Records' | 'Events' | 'array';

export type SplitItem =
  /** An element of a container array: the raw JSON text of one value. */
  | { kind: 'element'; index: number; container: Container; text: string }
  /** A top-level object that is not a Records/Events container, whole, with its top-level keys (raw, unescaped). */
  | { kind: 'object'; index: number; text: string; keys: readonly string[] }
  /** A value longer than `maxRecordChars`: delimited and counted, its text dropped. */
  | { kind: 'oversize'; index: number; container: Container | 'object'; chars: number };

export type StructureErrorCode =
  /** No JSON value at all (empty or whitespace only). */
  | 'empty'
  /** The first top-level value is a string, number or literal: JSON, but not CloudTrail. */
  | 'scalar'
  /** Not JSON where a value, separator or key was expected. */
  | 'syntax'
  /** The text ends inside a value or container. */
  | 'truncated';

/** A structural problem: the splitter stops at the first one (what it emitted before stays emitted). */
export class JsonStructureError extends Error {
  override readonly name = 'JsonStructureError';
  constructor(
    message: string,
    readonly code: StructureErrorCode,
    /** 1-based line and column of the offending character (of the end of the text, for `truncated`). */
    readonly line: number,
    readonly column: number,
    /** The record the problem is in, when it is inside one (a truncated last record). */
    readonly recordIndex?: number,
    /** Records known to be lost (1 for a truncated record), when known. */
    readonly recordsLost?: number,
  ) {
    super(message);
  }
}

export interface SplitterOptions {
  /** Longest record text kept, in UTF-16 code units; longer records are reported as `oversize`. Default 64 Mi. */
  maxRecordChars?: number;
}

export const DEFAULT_MAX_RECORD_CHARS = 64 * 1024 * 1024;
/** Top-level keys kept per object (for classifying it and for messages); the rest are only counted. */
const MAX_KEYS = 256;
const MAX_KEY_CHARS = 256;

// Parser states.
const TOP = 0; // between top-level values
const OBJ_FIRST_KEY = 1; // after the '{' of a top-level object: a key or '}'
const OBJ_KEY = 2; // after ',' in a top-level object: a key
const OBJ_KEY_TEXT = 3; // inside a key string
const OBJ_COLON = 4; // after a key: ':'
const OBJ_VALUE = 5; // after ':': a member value
const OBJ_NEXT = 6; // after a member value: ',' or '}'
const ARR_FIRST = 7; // after the '[' of a container: an element or ']'
const ARR_NEXT = 8; // after an element: ',' or ']'
const ARR_ELEMENT = 9; // after ',' in a container: an element (']' tolerated: trailing comma)
const VALUE = 10; // inside a value (a container element or a top-level object's member)

// Kinds of value being scanned in VALUE.
const NESTED = 0; // object, array or string: ends when the nesting depth is back to 0 outside a string
const SCALAR = 1; // number or literal: ends before the next delimiter

function isScalarEnd(c: number): boolean {
  return c === COMMA || c === RBRACE || c === RBRACKET || isWhitespace(c);
}

function isScalarStart(c: number): boolean {
  return c === 0x2d || (c >= 0x30 && c <= 0x39) || c === 0x74 || c === 0x66 || c === 0x6e; // - 0-9 t f n
}

/**
 * Index of the `"` that closes the string whose content continues at `from`, or -1 if this chunk ends first.
 * `carry` = backslashes at the end of the previous chunks of the same string (only its parity matters).
 */
function findStringEnd(s: string, from: number, carry: number): number {
  let j = from;
  for (;;) {
    j = s.indexOf('"', j);
    if (j < 0) return -1;
    let k = j - 1;
    while (k >= from && s.charCodeAt(k) === BACKSLASH) k--;
    let backslashes = j - 1 - k;
    if (k < from) backslashes += carry;
    if ((backslashes & 1) === 0) return j;
    j++;
  }
}

/** Backslashes at the end of `s` (from `from` on, plus `carry` if they reach `from`), for the next chunk. */
function trailingBackslashes(s: string, from: number, carry: number): number {
  let k = s.length - 1;
  while (k >= from && s.charCodeAt(k) === BACKSLASH) k--;
  const count = s.length - 1 - k;
  return k < from ? count + carry : count;
}

function describeChar(c: number): string {
  if (c === 0xfffd) return 'non-UTF-8 byte (binary data?)';
  if (c < 0x20 || c === 0x7f) return `control character 0x${c.toString(16).padStart(2, '0')} (binary data?)`;
  return `'${String.fromCharCode(c)}'`;
}

/**
 * The splitter as a push parser: `push` each chunk, then `end`. Both return the items completed so far; after
 * a structural problem, `error` is set and further input is ignored.
 */
export class JsonRecordSplitter {
  /** The first structural problem, once found. */
  error: JsonStructureError | undefined;

  private readonly maxChars: number;
  private state = TOP;
  private out: SplitItem[] = [];
  /** Items emitted (the next item's index). */
  private items = 0;
  /** Top-level values started. */
  private values = 0;

  // The value being scanned (state VALUE).
  private kind = NESTED;
  private depth = 0;
  private inString = false;
  /** Backslashes at the end of the previous chunk, inside the current string. */
  private escapes = 0;
  /** Whether the value is a container element (emitted) or a member of a top-level object (part of it). */
  private valueIsElement = false;

  // The current top-level object.
  private isContainer = false;
  private keys: string[] = [];
  private key = '';
  private container: Container = 'array';

  // The text being captured: a container element, or a whole top-level object.
  private capturing = false;
  private captureStart = 0;
  private captureParts: string[] = [];
  private captureChars = 0;
  private oversize = false;

  // Position, for messages.
  private linesBefore = 0;
  /** Characters since the last line feed, at the start of the current chunk. */
  private columnBefore = 0;

  constructor(options: SplitterOptions = {}) {
    this.maxChars = options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS;
  }

  /** Feeds one chunk; returns the items it completed. */
  push(s: string): SplitItem[] {
    if (this.error || s.length === 0) return this.drain();
    if (this.capturing) this.captureStart = 0;
    const n = s.length;
    let i = 0;
    while (i < n && !this.error) {
      if (this.state === VALUE) {
        i = this.kind === NESTED ? this.scanNested(s, i) : this.scanScalar(s, i);
        continue;
      }
      if (this.state === OBJ_KEY_TEXT) {
        i = this.scanKey(s, i);
        continue;
      }
      let c = s.charCodeAt(i);
      while (isWhitespace(c) || (c === BOM && this.state === TOP)) {
        if (++i === n) break;
        c = s.charCodeAt(i);
      }
      if (i === n) break;
      switch (this.state) {
        case TOP:
          i = this.startTopLevel(s, i, c);
          break;
        case OBJ_FIRST_KEY:
        case OBJ_KEY:
          if (c === QUOTE) {
            this.state = OBJ_KEY_TEXT;
            this.key = '';
            this.escapes = 0;
            i++;
          } else if (c === RBRACE && this.state === OBJ_FIRST_KEY) {
            i = this.closeTopObject(s, i);
          } else {
            this.fail(
              s,
              i,
              `expected a key${this.state === OBJ_FIRST_KEY ? " or '}'" : ''}, found ${describeChar(c)}`,
            );
          }
          break;
        case OBJ_COLON:
          if (c === COLON) {
            this.state = OBJ_VALUE;
            i++;
          } else {
            this.fail(s, i, `expected ':' after the key "${this.key}", found ${describeChar(c)}`);
          }
          break;
        case OBJ_VALUE:
          if (c === LBRACKET && (this.key === 'Records' || this.key === 'Events')) {
            // A container: its elements are the records; the object itself is not kept.
            this.isContainer = true;
            this.stopCapture();
            this.container = this.key;
            this.state = ARR_FIRST;
            i++;
          } else {
            i = this.startValue(s, i, c, false);
          }
          break;
        case OBJ_NEXT:
          if (c === COMMA) {
            this.state = OBJ_KEY;
            i++;
          } else if (c === RBRACE) {
            i = this.closeTopObject(s, i);
          } else {
            this.fail(s, i, `expected ',' or '}' after the value of "${this.key}", found ${describeChar(c)}`);
          }
          break;
        case ARR_FIRST:
        case ARR_ELEMENT:
          if (c === RBRACKET) {
            i = this.closeContainer(i);
          } else {
            this.startCapture(i);
            i = this.startValue(s, i, c, true);
          }
          break;
        case ARR_NEXT:
          if (c === COMMA) {
            this.state = ARR_ELEMENT;
            i++;
          } else if (c === RBRACKET) {
            i = this.closeContainer(i);
          } else {
            this.fail(
              s,
              i,
              `expected ',' or ']' between records in the ${this.containerName()}, found ${describeChar(c)}`,
            );
          }
          break;
      }
    }
    if (!this.error) this.endChunk(s);
    return this.drain();
  }

  /** Ends the input: reports a truncated or empty text. Returns the items not returned yet (none, normally). */
  end(): SplitItem[] {
    if (this.error) return this.drain();
    if (this.state === TOP) {
      if (this.values === 0) this.failAtEnd('not CloudTrail: no JSON value (empty file)', 'empty');
      return this.drain();
    }
    const after = this.items === 0 ? 'before any record' : `after record ${this.items - 1}`;
    if (this.capturing) {
      this.failAtEnd(
        `truncated JSON ${after}: the file ends inside record ${this.items}`,
        'truncated',
        this.items,
        1,
      );
    } else if (this.state === ARR_FIRST || this.state === ARR_NEXT || this.state === ARR_ELEMENT) {
      this.failAtEnd(
        `truncated JSON ${after}: the file ends before the ${this.containerName()} is closed`,
        'truncated',
      );
    } else {
      this.failAtEnd(`truncated JSON ${after}: the file ends inside a top-level object`, 'truncated');
    }
    return this.drain();
  }

  private drain(): SplitItem[] {
    if (this.out.length === 0) return [];
    const out = this.out;
    this.out = [];
    return out;
  }

  private containerName(): string {
    return this.container === 'array' ? 'top-level array' : `${this.container} array`;
  }

  private startTopLevel(s: string, i: number, c: number): number {
    const first = this.values === 0;
    if (c === LBRACE) {
      this.values++;
      this.isContainer = false;
      this.keys = [];
      this.key = '';
      this.startCapture(i);
      this.state = OBJ_FIRST_KEY;
      return i + 1;
    }
    if (c === LBRACKET) {
      this.values++;
      this.container = 'array';
      this.state = ARR_FIRST;
      return i + 1;
    }
    if (first) {
      const what =
        c === QUOTE
          ? 'a JSON string'
          : c === 0x2d || (c >= 0x30 && c <= 0x39)
            ? 'a JSON number'
            : s.startsWith('true', i) || s.startsWith('false', i) || s.startsWith('null', i)
              ? `the JSON literal ${s.slice(i, i + 5).replace(/[^a-z].*$/s, '')}`
              : undefined;
      if (what) {
        this.failWith(s, i, `not CloudTrail: the file holds ${what}, not an object or array`, 'scalar');
      } else {
        const { line, column } = this.position(s, i);
        this.failWith(
          s,
          i,
          `not JSON: unexpected ${describeChar(c)} at line ${line} column ${column}`,
          'syntax',
        );
      }
      return i;
    }
    this.fail(s, i, `unexpected ${describeChar(c)} after the last top-level value`);
    return i;
  }

  private startValue(s: string, i: number, c: number, isElement: boolean): number {
    this.valueIsElement = isElement;
    this.state = VALUE;
    if (c === LBRACE || c === LBRACKET) {
      this.kind = NESTED;
      this.depth = 1;
      this.inString = false;
      return i + 1;
    }
    if (c === QUOTE) {
      this.kind = NESTED;
      this.depth = 0;
      this.inString = true;
      this.escapes = 0;
      return i + 1;
    }
    if (isScalarStart(c)) {
      this.kind = SCALAR;
      return i;
    }
    this.fail(s, i, `expected a value, found ${describeChar(c)}`);
    return i;
  }

  /** The hot loop: scans an object, array or string value; returns where it stopped. */
  private scanNested(s: string, i: number): number {
    const n = s.length;
    let depth = this.depth;
    if (this.inString) {
      const end = findStringEnd(s, i, this.escapes);
      if (end < 0) {
        this.escapes = trailingBackslashes(s, i, this.escapes);
        return n;
      }
      this.inString = false;
      i = end + 1;
      if (depth === 0) return this.endValue(s, i);
    }
    while (i < n) {
      const c = s.charCodeAt(i++);
      if (c === QUOTE) {
        // Inline findStringEnd(s, i, 0): the next '"' not preceded by an odd number of backslashes.
        const from = i;
        for (;;) {
          const q = s.indexOf('"', i);
          if (q < 0) {
            this.inString = true;
            this.escapes = trailingBackslashes(s, from, 0);
            this.depth = depth;
            return n;
          }
          i = q + 1;
          if (s.charCodeAt(q - 1) !== BACKSLASH) break;
          let k = q - 2;
          while (k >= from && s.charCodeAt(k) === BACKSLASH) k--;
          if (((q - 1 - k) & 1) === 0) break;
        }
      } else if (c === LBRACE || c === LBRACKET) {
        depth++;
      } else if (c === RBRACE || c === RBRACKET) {
        if (--depth === 0) {
          this.depth = 0;
          return this.endValue(s, i);
        }
      }
    }
    this.depth = depth;
    return n;
  }

  private scanScalar(s: string, i: number): number {
    const n = s.length;
    while (i < n && !isScalarEnd(s.charCodeAt(i))) i++;
    return i < n ? this.endValue(s, i) : n;
  }

  private scanKey(s: string, i: number): number {
    const end = findStringEnd(s, i, this.escapes);
    if (end < 0) {
      this.escapes = trailingBackslashes(s, i, this.escapes);
      if (this.key.length < MAX_KEY_CHARS) this.key += s.slice(i, i + MAX_KEY_CHARS - this.key.length);
      return s.length;
    }
    if (this.key.length < MAX_KEY_CHARS)
      this.key += s.slice(i, Math.min(end, i + MAX_KEY_CHARS - this.key.length));
    if (this.keys.length < MAX_KEYS) this.keys.push(this.key);
    this.state = OBJ_COLON;
    return end + 1;
  }

  /** A value ended just before `end`. */
  private endValue(s: string, end: number): number {
    if (this.valueIsElement) {
      this.emit(s, end, this.container);
      this.state = ARR_NEXT;
    } else {
      this.state = OBJ_NEXT;
    }
    return end;
  }

  private closeContainer(i: number): number {
    this.state = this.container === 'array' ? TOP : OBJ_NEXT;
    return i + 1;
  }

  private closeTopObject(s: string, i: number): number {
    this.state = TOP;
    if (this.isContainer) return i + 1;
    this.emit(s, i + 1, 'object');
    return i + 1;
  }

  private emit(s: string, end: number, from: Container | 'object'): void {
    const index = this.items++;
    const chars = this.captureChars + end - this.captureStart;
    if (this.oversize || chars > this.maxChars) {
      this.out.push({ kind: 'oversize', index, container: from, chars });
    } else {
      const tail = s.slice(this.captureStart, end);
      const text = this.captureParts.length === 0 ? tail : this.captureParts.join('') + tail;
      this.out.push(
        from === 'object'
          ? { kind: 'object', index, text, keys: this.keys }
          : { kind: 'element', index, container: from, text },
      );
    }
    this.stopCapture();
  }

  private startCapture(i: number): void {
    this.capturing = true;
    this.captureStart = i;
    this.captureChars = 0;
    this.oversize = false;
  }

  private stopCapture(): void {
    this.capturing = false;
    if (this.captureParts.length > 0) this.captureParts = [];
    this.captureChars = 0;
  }

  private endChunk(s: string): void {
    if (this.capturing) {
      const chars = s.length - this.captureStart;
      this.captureChars += chars;
      if (!this.oversize && this.captureChars > this.maxChars) {
        this.oversize = true;
        this.captureParts = [];
      }
      if (!this.oversize && chars > 0) this.captureParts.push(s.slice(this.captureStart));
    }
    let lines = 0;
    let last = -1;
    for (let p = s.indexOf('\n'); p >= 0; p = s.indexOf('\n', p + 1)) {
      lines++;
      last = p;
    }
    this.linesBefore += lines;
    this.columnBefore = last >= 0 ? s.length - last - 1 : this.columnBefore + s.length;
  }

  /** 1-based line and column of s[i]. */
  private position(s: string, i: number): { line: number; column: number } {
    let line = this.linesBefore + 1;
    let last = -1;
    for (let p = s.indexOf('\n'); p >= 0 && p < i; p = s.indexOf('\n', p + 1)) {
      line++;
      last = p;
    }
    return { line, column: last >= 0 ? i - last : this.columnBefore + i + 1 };
  }

  private fail(s: string, i: number, problem: string): void {
    const after = this.items === 0 ? 'before any record' : `after record ${this.items - 1}`;
    const { line, column } = this.position(s, i);
    this.failWith(s, i, `invalid JSON at line ${line} column ${column} (${after}): ${problem}`, 'syntax');
  }

  private failWith(s: string, i: number, message: string, code: StructureErrorCode): void {
    const { line, column } = this.position(s, i);
    this.error = new JsonStructureError(message, code, line, column);
    this.stopCapture();
  }

  private failAtEnd(
    message: string,
    code: StructureErrorCode,
    recordIndex?: number,
    recordsLost?: number,
  ): void {
    this.error = new JsonStructureError(
      message,
      code,
      this.linesBefore + 1,
      this.columnBefore + 1,
      recordIndex,
      recordsLost,
    );
    this.stopCapture();
  }
}

/**
 * Splits a stream of text chunks into records (see the module comment). Yields each item as soon as its chunk
 * is scanned; throws a JsonStructureError at the first structural problem, after the items before it.
 */
export async function* splitJsonRecords(
  chunks: AsyncIterable<string> | Iterable<string>,
  options: SplitterOptions = {},
): AsyncGenerator<SplitItem> {
  const splitter = new JsonRecordSplitter(options);
  for await (const chunk of chunks) {
    yield* splitter.push(chunk);
    if (splitter.error) throw splitter.error;
  }
  yield* splitter.end();
  if (splitter.error) throw splitter.error;
}
