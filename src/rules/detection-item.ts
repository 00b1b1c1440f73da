/**
 * One detection item (`field|modifier|...: value or list of values`, or a keyword list) → a record predicate.
 *
 * Semantics (Sigma rules specification 2.0 and its modifiers appendix 2.1; pySigma where the text is silent):
 * - A list of values is OR; with `all` every value must match (for a field: each value matches some value the
 *   path reaches, not necessarily the same one). `all` needs two or more values, as the specification says.
 * - Record values are compared through their text form: a rule value `10` (or `'10'`) matches 10 and "10", `false`
 *   matches false and "false". Objects never equal a string; `contains` looks inside them (see below).
 * - `null` matches when the field has no value: absent, null, or an empty list.
 * - `exists: true|false`: the key is present (with any value, null included, as the specification says) or not.
 * - `contains`/`startswith`/`endswith` wrap the value in wildcards. `contains` applied to an object or a list of
 *   objects searches the strings inside it: CloudTrail's `requestParameters` is JSON, where SIEMs that SigmaHQ
 *   writes for often see one string (aws_iam_s3browser_templated_s3_bucket_policy_creation relies on this).
 * - `re` is a JavaScript regular expression, unanchored (a search, as pySigma does), case-sensitive unless `i`;
 *   `m` and `s` set the multiline and dotAll flags. A leading PCRE inline flag group such as `(?i)` is turned
 *   into the same flags, since JavaScript has no inline flags.
 * - `cidr`: IPv4 or IPv6 network; record values that are not an IP address (`AWS Internal`, a service name) do
 *   not match; an IPv4-mapped IPv6 address matches IPv4 networks.
 * - `fieldref`: compares with the value(s) of another field of the same record (case-insensitive unless `cased`;
 *   with `contains`/`startswith`/`endswith` the other field's value is looked for inside this one).
 * - `lt`, `lte`, `gt`, `gte`: numeric comparison; non-numeric record values do not match.
 * - `neq` negates the whole item (pySigma's reading): `field|neq: [a, b]` means the field is neither a nor b.
 * - Keywords (a list of values without a field, or the key `'|all'`) look for each value inside every string of the
 *   record (contains, case-insensitive), as pySigma's matcher does on the raw event.
 * - `expand`: the values' `%name%` placeholders were filled when the rule was parsed (placeholders.ts); a
 *   placeholder that was given no values leaves the item without values, and it then matches nothing.
 * - Fields under `derived.` are computed from the record (derived.ts), with the rule set's context.
 * Modifiers that transform values for other log sources (base64, utf16, windash, ...) are rejected as unsupported
 * rather than silently ignored.
 */
import ipaddr from 'ipaddr.js';
import { RuleCompileError } from './errors.js';
import { derivedFieldPath, isDerivedField, NO_CONTEXT, type RuleContext } from './derived.js';
import { compileFieldPath, someLeaf, type FieldPath } from './field-path.js';
import { compileStringTest, literalValue, type Shape, type StringTest } from './pattern.js';
import { unexpandedPlaceholder } from './placeholders.js';
import { closest } from '../core/did-you-mean.js';

export type RecordTest = (record: Record<string, unknown>) => boolean;

const KNOWN_MODIFIERS = new Set([
  'contains',
  'startswith',
  'endswith',
  'all',
  're',
  'i',
  'ignorecase',
  'm',
  'multiline',
  's',
  'dotall',
  'cidr',
  'exists',
  'fieldref',
  'cased',
  'lt',
  'lte',
  'gt',
  'gte',
  'neq',
  'expand',
]);
const UNSUPPORTED_MODIFIERS = new Set([
  'base64',
  'base64offset',
  'utf16',
  'utf16le',
  'utf16be',
  'wide',
  'windash',
  'minute',
  'hour',
  'day',
  'week',
  'month',
  'year',
]);
const SHAPES = ['contains', 'startswith', 'endswith'] as const;
const REGEX_FLAGS: Record<string, string> = {
  i: 'i',
  ignorecase: 'i',
  m: 'm',
  multiline: 'm',
  s: 's',
  dotall: 's',
};
const COMPARISONS = ['lt', 'lte', 'gt', 'gte'] as const;
type Comparison = (typeof COMPARISONS)[number];

type Scalar = string | number | boolean | bigint | null;

/** The parsed key of a detection item. */
export interface ItemKey {
  field: string;
  modifiers: string[];
}

export function parseItemKey(key: string): ItemKey {
  const [field = '', ...modifiers] = key.split('|');
  return { field, modifiers };
}

/** Compiles `key: value` of a selection map. `where` names the selection for messages. */
export function compileItem(
  key: string,
  value: unknown,
  where: string,
  context: RuleContext = NO_CONTEXT,
): RecordTest {
  const { field, modifiers } = parseItemKey(key);
  const fail = (message: string): never => {
    throw new RuleCompileError(`${where}, '${key}': ${message}`);
  };
  const mods = checkModifiers(modifiers, field === '', fail);
  const expand = mods.has('expand');
  if (expand) {
    const list = Array.isArray(value) ? value : [value];
    for (const item of list) {
      const placeholder = typeof item === 'string' ? unexpandedPlaceholder(item) : undefined;
      if (placeholder)
        fail(`placeholder '${placeholder}' was not expanded (rules are expanded as they load)`);
    }
    // A placeholder given no values: an empty OR, false; `neq` turns it into true.
    if (list.length === 0) return mods.has('neq') ? () => true : () => false;
  }
  const values = scalarList(value, fail);
  if (field === '') return compileKeywords(values, mods, fail);

  if (mods.has('all') && values.length < 2 && !expand) fail("'all' needs a list of two or more values");
  const pathOf = (name: string): FieldPath =>
    isDerivedField(name) ? derivedFieldPath(name, context) : compileFieldPath(name);
  let test: RecordTest;
  if (mods.has('exists')) test = compileExists(pathOf(field), values, fail);
  else if (mods.has('fieldref')) test = compileFieldRef(pathOf(field), values, mods, fail, pathOf);
  else test = compileValues(pathOf(field), values, mods, fail);
  if (mods.has('neq')) {
    const inner = test;
    test = (record) => !inner(record);
  }
  return test;
}

/** Compiles a keyword selection: a list of values without a field. */
export function compileKeywordList(value: unknown, where: string): RecordTest {
  const fail = (message: string): never => {
    throw new RuleCompileError(`${where}: ${message}`);
  };
  return compileKeywords(scalarList(value, fail), new Set(), fail);
}

function checkModifiers(modifiers: string[], keyword: boolean, fail: (m: string) => never): Set<string> {
  const mods = new Set<string>();
  for (const raw of modifiers) {
    const mod = raw.toLowerCase();
    if (mod === '') fail("empty modifier (two '|' in a row, or a trailing '|')");
    if (UNSUPPORTED_MODIFIERS.has(mod)) fail(`modifier '${raw}' is not supported`);
    if (!KNOWN_MODIFIERS.has(mod)) {
      const close = closest(mod, [...KNOWN_MODIFIERS]);
      fail(`unknown modifier '${raw}'${close ? `; did you mean '${close}'?` : ''}`);
    }
    if (mods.has(mod)) fail(`modifier '${raw}' appears twice`);
    mods.add(mod);
  }
  const present = (list: readonly string[]) => list.filter((m) => mods.has(m));
  const shapes = present(SHAPES);
  if (shapes.length > 1) fail(`'${shapes[0]}' and '${shapes[1]}' cannot be combined`);
  const types = present(['re', 'cidr', 'exists', 'fieldref', ...COMPARISONS]);
  if (types.length > 1) fail(`'${types[0]}' and '${types[1]}' cannot be combined`);
  const type = types[0];
  const flags = present(Object.keys(REGEX_FLAGS));
  if (flags.length > 0 && type !== 're') fail(`'${flags[0]}' is a flag of 're' and needs it`);
  if (type === 're' || type === 'cidr' || type === 'exists' || COMPARISONS.includes(type as Comparison)) {
    if (shapes.length > 0) {
      fail(
        type === 're'
          ? `'re' cannot be combined with '${shapes[0]}' (a regular expression already matches anywhere; anchor it with ^ and $)`
          : `'${type}' cannot be combined with '${shapes[0]}'`,
      );
    }
    if (mods.has('cased')) {
      fail(
        type === 're'
          ? "'re' is case-sensitive already ('cased' is not needed)"
          : `'${type}' cannot be combined with 'cased'`,
      );
    }
  }
  if (type === 'exists' && mods.size > 1) fail("'exists' cannot be combined with other modifiers");
  if (keyword) {
    const allowed = new Set(['all', 'contains', 'cased', 're', ...Object.keys(REGEX_FLAGS)]);
    const other = [...mods].find((m) => !allowed.has(m));
    if (other) fail(`modifier '${other}' needs a field (keyword searches take only 'all', 'cased' and 're')`);
  }
  return mods;
}

function scalarList(value: unknown, fail: (m: string) => never): Scalar[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) fail('empty list of values');
  for (const item of list) {
    if (item !== null && typeof item === 'object') {
      fail(
        Array.isArray(item)
          ? 'a value cannot be a nested list'
          : 'a value cannot be a map (a list of maps belongs directly under the selection name)',
      );
    }
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol')
      fail('unsupported value');
  }
  return list as Scalar[];
}

function text(value: Scalar): string {
  return String(value);
}

/** The text form of a record value, or undefined for null, objects and anything else without one. */
function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return undefined;
}

const isNonNull = (value: unknown): boolean => value !== null && value !== undefined;

function compileExists(path: FieldPath, values: Scalar[], fail: (m: string) => never): RecordTest {
  const want = values.length === 1 ? values[0] : undefined;
  const flag =
    want === true || want === 'true' ? true : want === false || want === 'false' ? false : undefined;
  if (flag === undefined) fail("'exists' takes true or false");
  return flag ? (record) => path.exists(record) : (record) => !path.exists(record);
}

interface ValueTest extends StringTest {
  /** Applies to the strings inside an object value as well (`contains`). */
  readonly descend: boolean;
}

function compileValues(
  path: FieldPath,
  values: Scalar[],
  mods: Set<string>,
  fail: (m: string) => never,
): RecordTest {
  const matchesNull = (record: Record<string, unknown>) => !path.some(record, isNonNull);
  const testsFor = (value: Scalar): ValueTest | null => {
    if (value === null) {
      if ([...mods].some((m) => m !== 'neq'))
        fail(`null cannot be used with '${[...mods].find((m) => m !== 'neq')}'`);
      return null;
    }
    return compileValueTest(text(value), mods, fail);
  };

  if (mods.has('all')) {
    const parts = values.map((value) => {
      const test = testsFor(value);
      return test === null ? matchesNull : fieldMatches(path, [test]);
    });
    return (record) => parts.every((part) => part(record));
  }

  const tests: ValueTest[] = [];
  let nullAllowed = false;
  for (const value of values) {
    const test = testsFor(value);
    if (test === null) nullAllowed = true;
    else tests.push(test);
  }
  if (tests.length === 0) return matchesNull;
  const some = fieldMatches(path, tests);
  return nullAllowed ? (record) => matchesNull(record) || some(record) : some;
}

function compileValueTest(value: string, mods: Set<string>, fail: (m: string) => never): ValueTest {
  if (mods.has('re')) return { ...compileRegex(value, mods, fail), descend: false };
  if (mods.has('cidr')) return plainTest(compileCidr(value, fail));
  const comparison = COMPARISONS.find((m) => mods.has(m));
  if (comparison) return plainTest(compileComparison(value, comparison, fail));
  const shape: Shape = SHAPES.find((m) => mods.has(m)) ?? 'equals';
  return { ...compileStringTest(value, shape, mods.has('cased')), descend: shape === 'contains' };
}

/** A test on the record's text as it is (no case folding). */
function plainTest(test: (text: string) => boolean): ValueTest {
  return { ci: false, descend: false, test, match: test };
}

/** OR of value tests over every value the path reaches (one lower-casing per value, exact values in a Set). */
function fieldMatches(path: FieldPath, tests: ValueTest[]): RecordTest {
  const predicate = textPredicate(tests);
  const descending = tests.filter((t) => t.descend);
  const leafPredicate = descending.length > 0 ? textPredicate(descending) : undefined;
  const valuePredicate = (value: unknown): boolean => {
    if (typeof value === 'string') return predicate(value);
    if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
      return predicate(String(value));
    }
    if (value !== null && typeof value === 'object')
      return leafPredicate !== undefined && someLeaf(value, leafPredicate);
    return false;
  };
  return (record) => path.some(record, valuePredicate);
}

/** Tests a text against several value tests, lower-casing it at most once. */
function textPredicate(tests: ValueTest[]): (text: string) => boolean {
  if (tests.length === 1) return tests[0]!.match;
  const exactFolded = new Set<string>();
  const exactCased = new Set<string>();
  const others: StringTest[] = [];
  for (const test of tests) {
    if (test.exact !== undefined) (test.ci ? exactFolded : exactCased).add(test.exact);
    else others.push(test);
  }
  // toLowerCase never shortens a string, so a text longer than every exact value cannot equal one of them.
  const longestFolded = Math.max(0, ...[...exactFolded].map((s) => s.length));
  if (exactCased.size === 0 && others.length === 0) {
    return (text) => text.length <= longestFolded && exactFolded.has(text.toLowerCase());
  }
  return (text) => {
    let lower: string | undefined;
    if (exactFolded.size > 0 && text.length <= longestFolded) {
      lower = text.toLowerCase();
      if (exactFolded.has(lower)) return true;
    }
    if (exactCased.size > 0 && exactCased.has(text)) return true;
    for (let i = 0; i < others.length; i++) {
      const test = others[i]!;
      if (test.ci) {
        if (lower === undefined) lower = text.toLowerCase();
        if (test.test(lower)) return true;
      } else if (test.test(text)) {
        return true;
      }
    }
    return false;
  };
}

function compileRegex(value: string, mods: Set<string>, fail: (m: string) => never): StringTest {
  let source = value;
  const flags = new Set<string>();
  for (const mod of mods) if (REGEX_FLAGS[mod]) flags.add(REGEX_FLAGS[mod]);
  // PCRE inline flags at the very start, e.g. `(?i)`: JavaScript has no inline flags, so make them regex flags.
  const inline = /^\(\?([ims]+)\)/.exec(source);
  if (inline) {
    for (const flag of inline[1]!) flags.add(flag);
    source = source.slice(inline[0].length);
  }
  let regex: RegExp;
  try {
    regex = new RegExp(source, [...flags].sort().join(''));
    // Validated as written; matched in an equivalent form that avoids quadratic backtracking.
    regex = new RegExp(simplifyForSearch(source), regex.flags);
  } catch (error) {
    return fail(`invalid regular expression '${value}': ${(error as Error).message}`);
  }
  const test = (s: string) => regex.test(s);
  return { ci: false, test, match: test };
}

/**
 * For a search (RegExp.test, unanchored), a leading or trailing `.*` adds nothing and `.+` is the same as one `.`;
 * left in place they make V8 retry the run from every position (`.+:assumed-role/aws:.+` costs microseconds per
 * ARN). Only applied when the expression has no top-level alternation and the wildcard is not escaped or followed
 * by another quantifier.
 */
export function simplifyForSearch(source: string): string {
  if (hasTopLevelAlternation(source)) return source;
  let result = source;
  const head = /^\.([*+])(?![*+?{])/.exec(result);
  if (head) result = head[1] === '*' ? result.slice(2) : `.${result.slice(2)}`;
  const tail = /\.([*+])$/.exec(result);
  if (tail && tail.index >= (head ? 1 : 0) && !isEscaped(result, tail.index)) {
    result = tail[1] === '*' ? result.slice(0, -2) : result.slice(0, -1);
  }
  return result;
}

function isEscaped(source: string, index: number): boolean {
  let backslashes = 0;
  for (let i = index - 1; i >= 0 && source[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 1;
}

function hasTopLevelAlternation(source: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') {
      inClass = true;
      if (source[i + 1] === '^') i++;
      if (source[i + 1] === ']') i++;
    } else if (c === '(') {
      depth++;
    } else if (c === ')') {
      depth--;
    } else if (c === '|' && depth === 0) {
      return true;
    }
  }
  return false;
}

function compileCidr(value: string, fail: (m: string) => never): (text: string) => boolean {
  let network: [ipaddr.IPv4 | ipaddr.IPv6, number];
  try {
    if (ipaddr.IPv4.isValidCIDRFourPartDecimal(value) || ipaddr.IPv6.isValidCIDR(value)) {
      network = ipaddr.parseCIDR(value);
    } else if (ipaddr.IPv4.isValidFourPartDecimal(value)) {
      network = [ipaddr.IPv4.parse(value), 32];
    } else if (ipaddr.IPv6.isValid(value)) {
      network = [ipaddr.IPv6.parse(value), 128];
    } else {
      return fail(`'${value}' is not an IPv4 or IPv6 network (for example 10.0.0.0/8 or 2001:db8::/32)`);
    }
  } catch (error) {
    return fail(`'${value}' is not an IPv4 or IPv6 network: ${(error as Error).message}`);
  }
  const kind = network[0].kind();
  if (kind === 'ipv4') {
    const bits = network[1];
    const prefix = prefixOf(ipv4Number((network[0] as ipaddr.IPv4).toString())!, bits);
    return (text) => {
      const v4 = ipv4Number(text);
      if (v4 !== undefined) return prefixOf(v4, bits) === prefix;
      if (!text.includes(':') || !ipaddr.IPv6.isValid(text)) return false;
      const address = ipaddr.IPv6.parse(text);
      return address.isIPv4MappedAddress() && address.toIPv4Address().match(network);
    };
  }
  // An IPv6 network: an IPv4 address is never in it.
  return (text) => text.includes(':') && ipaddr.IPv6.isValid(text) && ipaddr.IPv6.parse(text).match(network);
}

const FOUR_PART_DECIMAL = /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})$/;
let lastText: string | undefined;
let lastNumber: number | undefined;

/**
 * An IPv4 address in four-part decimal (as ipaddr.js's isValidFourPartDecimal takes it: no leading zeros, each part
 * at most 255) as an unsigned 32-bit number, else undefined. The last answer is kept: a list of networks (the
 * private ranges) tests one address against each.
 */
function ipv4Number(text: string): number | undefined {
  if (text === lastText) return lastNumber;
  const parts = FOUR_PART_DECIMAL.exec(text);
  let value: number | undefined;
  if (parts) {
    value = 0;
    for (let i = 1; i <= 4; i++) {
      const part = Number(parts[i]);
      if (part > 255) {
        value = undefined;
        break;
      }
      value = value * 256 + part;
    }
  }
  lastText = text;
  lastNumber = value;
  return value;
}

function prefixOf(address: number, bits: number): number {
  return bits === 0 ? 0 : Math.floor(address / 2 ** (32 - bits));
}

function compileComparison(
  value: string,
  op: Comparison,
  fail: (m: string) => never,
): (text: string) => boolean {
  const limit = toNumber(value);
  if (limit === undefined) return fail(`'${op}' needs a number, not '${value}'`);
  const compare =
    op === 'lt'
      ? (x: number) => x < limit
      : op === 'lte'
        ? (x: number) => x <= limit
        : op === 'gt'
          ? (x: number) => x > limit
          : (x: number) => x >= limit;
  return (text) => {
    const x = toNumber(text);
    return x !== undefined && compare(x);
  };
}

function toNumber(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const x = Number(text);
  return Number.isNaN(x) ? undefined : x;
}

function compileFieldRef(
  path: FieldPath,
  values: Scalar[],
  mods: Set<string>,
  fail: (m: string) => never,
  pathOf: (name: string) => FieldPath,
): RecordTest {
  const cased = mods.has('cased');
  const shape: Shape = SHAPES.find((m) => mods.has(m)) ?? 'equals';
  const compare =
    shape === 'contains'
      ? (a: string, b: string) => a.includes(b)
      : shape === 'startswith'
        ? (a: string, b: string) => a.startsWith(b)
        : shape === 'endswith'
          ? (a: string, b: string) => a.endsWith(b)
          : (a: string, b: string) => a === b;
  const fold = (s: string) => (cased ? s : s.toLowerCase());
  const parts = values.map((value): RecordTest => {
    if (value === null || typeof value === 'boolean')
      return fail("'fieldref' takes the name of another field");
    const other = literalValue(String(value));
    if (other === undefined || other === '')
      return fail(`'fieldref' takes a field name without wildcards, not '${value}'`);
    const otherPath = pathOf(other);
    return (record) => {
      const references: string[] = [];
      otherPath.some(record, (v) => {
        const t = textOf(v);
        if (t !== undefined) references.push(fold(t));
        return false;
      });
      if (references.length === 0) return false;
      return path.some(record, (v) => {
        const t = textOf(v);
        if (t === undefined) return false;
        const own = fold(t);
        return references.some((reference) => compare(own, reference));
      });
    };
  });
  return mods.has('all')
    ? (record) => parts.every((part) => part(record))
    : (record) => parts.some((part) => part(record));
}

function compileKeywords(values: Scalar[], mods: Set<string>, fail: (m: string) => never): RecordTest {
  if (mods.has('all') && values.length < 2) fail("'all' needs a list of two or more values");
  const tests = values.map((value): StringTest => {
    if (value === null) return fail('a keyword cannot be null');
    if (mods.has('re')) return compileRegex(text(value), mods, fail);
    return compileStringTest(text(value), 'contains', mods.has('cased'));
  });
  const asValueTests = (list: StringTest[]) => list.map((t) => ({ ...t, descend: true }));
  if (mods.has('all')) {
    const each = tests.map((test) => textPredicate(asValueTests([test])));
    return (record) => each.every((predicate) => someLeaf(record, predicate));
  }
  const predicate = textPredicate(asValueTests(tests));
  return (record) => someLeaf(record, predicate);
}
