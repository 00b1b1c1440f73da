/**
 * Sigma string values → compiled string tests.
 *
 * Wildcards and escapes (Sigma rules specification 2.0, "String Wildcard" and "Escaping"):
 * - `*` is any run of characters (also none), `?` exactly one character;
 * - `\*`, `\?` and `\\` are a literal `*`, `?` and `\`; a backslash before any other character is itself literal
 *   (so `C:\Windows` and `C:\\Windows` are the same value).
 *
 * Values are compared case-insensitively unless `cased`: both sides are lower-cased with toLowerCase (the same
 * folding the rule index uses for eventName, so the two always agree). A value without inner wildcards compiles to
 * a plain comparison (===, startsWith, endsWith, includes); only inner wildcards need a regular expression, built
 * here once.
 */

export type Shape = 'equals' | 'contains' | 'startswith' | 'endswith';

export interface StringTest {
  /** Whether test() expects the lower-cased form of the record's value. */
  readonly ci: boolean;
  /** Tests the value as test() expects it (lower-cased when `ci`): for callers that test one value many ways. */
  test(text: string): boolean;
  /** Tests the record's value as it is (folding it if needed, without allocating when it is ASCII). */
  match(text: string): boolean;
  /** Set for whole-value comparisons without wildcards (so callers may group many of them into a Set). */
  readonly exact?: string;
}

const STAR = 0;
const ONE = 1;
type Segment = string | typeof STAR | typeof ONE;

/** Splits a Sigma value into literal text and wildcards, resolving escapes. */
export function parseWildcards(value: string): Segment[] {
  const segments: Segment[] = [];
  let text = '';
  const flush = () => {
    if (text) segments.push(text);
    text = '';
  };
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '\\') {
      const next = value[i + 1];
      if (next === '*' || next === '?' || next === '\\') {
        text += next;
        i++;
      } else {
        text += c;
      }
    } else if (c === '*' || c === '?') {
      flush();
      segments.push(c === '*' ? STAR : ONE);
    } else {
      text += c;
    }
  }
  flush();
  return segments;
}

/** The value as plain text when it holds no wildcard (escapes resolved), else undefined. */
export function literalValue(value: string): string | undefined {
  const segments = parseWildcards(value);
  if (segments.length === 0) return '';
  return segments.length === 1 && typeof segments[0] === 'string' ? segments[0] : undefined;
}

export function compileStringTest(value: string, shape: Shape, cased: boolean): StringTest {
  const ci = !cased;
  const fold = (s: string) => (ci ? s.toLowerCase() : s);
  let segments = parseWildcards(value).map((s) => (typeof s === 'string' ? fold(s) : s));
  if (shape === 'contains' || shape === 'endswith') segments = [STAR, ...segments];
  if (shape === 'contains' || shape === 'startswith') segments = [...segments, STAR];
  // Collapse runs of `*`.
  segments = segments.filter((s, i) => !(s === STAR && segments[i - 1] === STAR));

  const leading = segments[0] === STAR;
  const trailing = segments.length > 1 && segments[segments.length - 1] === STAR;
  const middle = segments.slice(leading ? 1 : 0, trailing ? -1 : undefined);

  if (middle.length <= 1 && (middle.length === 0 || typeof middle[0] === 'string')) {
    const text = (middle[0] as string | undefined) ?? '';
    if (leading && text === '') return { ci, test: () => true, match: () => true };
    if (leading && trailing) {
      return {
        ci,
        test: (s) => s.includes(text),
        match: ci ? (s) => s.toLowerCase().includes(text) : (s) => s.includes(text),
      };
    }
    if (leading) {
      return {
        ci,
        test: (s) => s.endsWith(text),
        match: ci ? (s) => foldedEndsWith(s, text) : (s) => s.endsWith(text),
      };
    }
    if (trailing) {
      return {
        ci,
        test: (s) => s.startsWith(text),
        match: ci ? (s) => foldedStartsWith(s, text) : (s) => s.startsWith(text),
      };
    }
    return {
      ci,
      test: (s) => s === text,
      match: ci ? (s) => foldedEquals(s, text) : (s) => s === text,
      exact: text,
    };
  }

  let source = leading ? '' : '^';
  for (const segment of middle) {
    source += segment === STAR ? '[\\s\\S]*' : segment === ONE ? '[\\s\\S]' : escapeRegExp(segment);
  }
  if (!trailing) source += '$';
  const regex = new RegExp(source);
  const test = (s: string) => regex.test(s);
  return { ci, test, match: ci ? (s) => regex.test(s.toLowerCase()) : test };
}

/*
 * Case-insensitive comparisons against an already lower-cased pattern, equal to comparing with
 * text.toLowerCase() but without building that string when the compared characters are ASCII (the usual case for
 * CloudTrail names); any other character falls back to toLowerCase, so the result is always the same.
 */

function foldedEquals(text: string, lower: string): boolean {
  // toLowerCase never makes a string shorter, so a longer text cannot be equal.
  if (text.length > lower.length) return false;
  if (text.length < lower.length) return text.toLowerCase() === lower;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 128) return text.toLowerCase() === lower;
    if (c >= 65 && c <= 90) c += 32;
    if (c !== lower.charCodeAt(i)) return false;
  }
  return true;
}

function foldedStartsWith(text: string, lower: string): boolean {
  if (text.length < lower.length) return text.toLowerCase().startsWith(lower);
  for (let i = 0; i < lower.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 128) return text.toLowerCase().startsWith(lower);
    if (c >= 65 && c <= 90) c += 32;
    if (c !== lower.charCodeAt(i)) return false;
  }
  return true;
}

function foldedEndsWith(text: string, lower: string): boolean {
  const offset = text.length - lower.length;
  if (offset < 0) return text.toLowerCase().endsWith(lower);
  for (let i = 0; i < lower.length; i++) {
    let c = text.charCodeAt(offset + i);
    if (c >= 128) return text.toLowerCase().endsWith(lower);
    if (c >= 65 && c <= 90) c += 32;
    if (c !== lower.charCodeAt(i)) return false;
  }
  return true;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}
