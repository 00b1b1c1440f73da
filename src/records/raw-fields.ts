/**
 * The values of a few keys, read from a record's raw JSON text without parsing it: one regular-expression pass finds
 * every occurrence of the keys (at any depth) and reads each one's value when it is a scalar. The prefilter
 * (rules/prefilter.ts) decides from them whether a record can match a rule, and the scan counts a record it does not
 * parse from them (parse.ts, rawEvent).
 *
 * Sound for any valid JSON text: inside a string every `"` is escaped, so `"key"` followed by `:` is always a key.
 * Two spellings would hide a key or change a value's text, and make scan() refuse the text (the caller parses it):
 * `\u` escapes (`"event\u004eame"` is the key eventName) and `\/` (an escaped `/`). A string value with any other
 * escape, an object and an array are read as COMPLEX: the caller must assume they can hold anything.
 */

/** A string without escapes: `value(i)` is its exact content. */
export const STRING = 0;
/** `true`, `false` or `null`: `value(i)` is the literal. */
export const LITERAL = 1;
/** A number: `value(i)` is its text as written (`1.0`), which may differ from the number's text form (`1`). */
export const NUMBER = 2;
/** An object, an array, or a string with escapes. */
export const COMPLEX = 3;

const BACKSLASH = 0x5c;
const LETTER_U = 0x75;
const SLASH = 0x2f;
const LBRACE = 0x7b;
const MAX_OCCURRENCES = 256;

/**
 * The occurrences of some keys in one record's text, as a scanner read them: `key(i)` is an index into `keys`,
 * `kind(i)` one of the kinds above, `value(i)` the text of a STRING, LITERAL or NUMBER.
 */
export interface FieldOccurrences {
  readonly keys: readonly string[];
  /** Whether each occurrence was read at its exact path (`path(i)`), or found at any depth. */
  readonly exact: boolean;
  readonly count: number;
  /** Index of `key` in `keys`, or -1. */
  indexOf(key: string): number;
  key(i: number): number;
  /** The field path occurrence i was read at, as an index into the paths the reader was given; -1 when not `exact`. */
  path(i: number): number;
  kind(i: number): number;
  value(i: number): string;
}

/**
 * For each key index `keys[j]`, the one occurrence of that key among `fields`, written to `found[j]`: its position,
 * -1 when the key does not occur, -2 when it occurs more than once (which of them is the record's own is then
 * unknown). One pass over the occurrences, whatever the number of keys.
 */
export function onlyOccurrences(fields: FieldOccurrences, keys: Int32Array, found: Int32Array): void {
  found.fill(-1);
  for (let i = 0; i < fields.count; i++) {
    const k = fields.key(i);
    for (let j = 0; j < keys.length; j++) {
      if (keys[j] === k) found[j] = found[j] === -1 ? i : -2;
    }
  }
}

export class RawFieldScanner implements FieldOccurrences {
  /** The keys looked for; `key(i)` is an index into it. */
  readonly keys: readonly string[];
  readonly exact = false;
  private readonly index = new Map<string, number>();
  private readonly pattern: RegExp;
  /** Occurrences found by the last scan (at most MAX_OCCURRENCES: beyond, the scan gives up). */
  count = 0;
  private readonly keyAt = new Int32Array(MAX_OCCURRENCES);
  private readonly kindAt = new Uint8Array(MAX_OCCURRENCES);
  private readonly valueAt: string[] = new Array<string>(MAX_OCCURRENCES).fill('');

  constructor(keys: readonly string[]) {
    this.keys = [...new Set(keys)];
    this.keys.forEach((key, i) => this.index.set(key, i));
    const names = [...this.keys].sort((a, b) => b.length - a.length).map(escapeRegExp);
    // A key, or the last part of a key with dots (`"userIdentity.arn"` is also read as `arn`); then 2: a string
    // without escapes; 3: true/false/null; 4: a number; else (the empty alternative): complex.
    this.pattern = new RegExp(
      `[".](${names.join('|')})"[ \\t\\n\\r]*:[ \\t\\n\\r]*(?:"([^"\\\\]*)"|(true|false|null)|(-?[0-9][0-9.eE+-]*)|)`,
      'g',
    );
  }

  /**
   * Reads the occurrences of the keys in `text`, a record's JSON text. False when the text cannot be read this way
   * (not an object, `\u` or `\/` escapes, too many occurrences): the caller must parse it.
   */
  scan(text: string): boolean {
    this.count = 0;
    if (!startsWithBrace(text) || hasOpaqueEscape(text)) return false;
    if (this.keys.length === 0) return true;
    const pattern = this.pattern;
    pattern.lastIndex = 0;
    let match: RegExpExecArray | null;
    let n = 0;
    while ((match = pattern.exec(text)) !== null) {
      if (n === MAX_OCCURRENCES) return false;
      this.keyAt[n] = this.index.get(match[1]!)!;
      if (match[2] !== undefined) {
        this.kindAt[n] = STRING;
        this.valueAt[n] = match[2];
      } else if (match[3] !== undefined) {
        this.kindAt[n] = LITERAL;
        this.valueAt[n] = match[3];
      } else if (match[4] !== undefined) {
        this.kindAt[n] = NUMBER;
        this.valueAt[n] = match[4];
      } else {
        this.kindAt[n] = COMPLEX;
        this.valueAt[n] = '';
      }
      n++;
    }
    this.count = n;
    return true;
  }

  /** Index of `key` in `keys`, or -1. */
  indexOf(key: string): number {
    return this.index.get(key) ?? -1;
  }

  key(i: number): number {
    return this.keyAt[i]!;
  }

  path(): number {
    return -1;
  }

  kind(i: number): number {
    return this.kindAt[i]!;
  }

  value(i: number): string {
    return this.valueAt[i]!;
  }
}

/** JSON's whitespace: space, tab, line feed, carriage return (a character code or a byte). */
export function isJsonWhitespace(c: number | undefined): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function startsWithBrace(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === LBRACE) return true;
    if (!isJsonWhitespace(c)) return false;
  }
  return false;
}

/** A `\u` or `\/` escape anywhere (an escaped backslash `\\` is skipped whole). */
function hasOpaqueEscape(text: string): boolean {
  let i = text.indexOf('\\');
  while (i >= 0) {
    const next = text.charCodeAt(i + 1);
    if (next === LETTER_U || next === SLASH) return true;
    i = text.indexOf('\\', next === BACKSLASH ? i + 2 : i + 1);
  }
  return false;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
