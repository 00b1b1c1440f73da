/**
 * The prefilter: which records cannot match any rule of the set, told from their raw text, so that the scan does not
 * parse them. Derived from each rule's detection (never listed by hand), as a requirement that every record the rule
 * matches meets:
 *
 * - a *value atom* holds when some occurrence of a key in the text has a value that passes a test: `eventName:
 *   CreateUser` gives "a key `eventName` whose value is createuser", `errorCode|endswith: UnauthorizedOperation`
 *   "a key `errorCode` whose value ends with unauthorizedoperation", `userIdentity.arn|re: ':assumed-role/'` "a key
 *   `arn` (or `userIdentity.arn`, a key with a dot) whose value contains :assumed-role/". The key is found at any
 *   depth and every occurrence counts, so it holds for every record the item matches; a value that cannot be read
 *   from the text (an object, an array, a number, a string with escapes) counts as passing;
 * - a *text atom* holds when the lower-cased text contains a literal (keyword searches, which look in every value);
 * - a requirement is a list of clauses that must all hold, a clause a list of atoms one of which must hold.
 *
 * An item gives its value atoms (or none when the prefilter cannot use it: exists, fieldref, cidr, lt/gt, neq, null,
 * derived fields); `and` keeps its parts' clauses, `or` one clause made of the best clause of each part (none if a
 * part has none), `not` nothing (a negation never requires a value). A rule whose whole detection gives no clause has
 * no usable requirement: with it in the set, every record is parsed (`rules list --explain` lists such rules).
 * Tests compare lower-cased values, so `cased` only makes the requirement weaker, never wrong.
 */
import { parseCondition, resolvePattern, type ConditionNode } from './condition.js';
import { isDerivedField } from './derived.js';
import { parseItemKey } from './detection-item.js';
import { compileStringTest, parseWildcards, type Shape } from './pattern.js';
import { requiredRuns } from './regex-literals.js';
import { LITERAL, RawFieldScanner, STRING, type FieldOccurrences } from '../records/raw-fields.js';

export interface ValueAtom {
  kind: 'value';
  /** The field path, as the rule names it. */
  field: string;
  /** The keys the value may be found under: the path's last part, or several parts joined (keys with dots). */
  keys: readonly string[];
  /** Tests a value's text, lower-cased (with toLowerCase, as the engine folds values). */
  test(lower: string): boolean;
  /** The atom in words, for `rules list --explain`. */
  shown: string;
}

export interface TextAtom {
  kind: 'text';
  /** Lower-cased, printable ASCII without `"` and `\`: it appears as such in the text of any value that holds it. */
  literal: string;
}

export type Atom = ValueAtom | TextAtom;

/** Every clause must hold; a clause holds when one of its atoms does. Never empty. */
export type Requirement = readonly (readonly Atom[])[];

/** Clauses kept for one rule (the best ones): each costs a look at every record. */
const MAX_CLAUSES = 4;
/** Shortest literal worth a text atom. */
const MIN_LITERAL = 3;
const UNUSABLE_MODIFIERS = ['exists', 'fieldref', 'cidr', 'lt', 'lte', 'gt', 'gte', 'neq'];
const SHAPES: readonly Shape[] = ['contains', 'startswith', 'endswith'];
const RESERVED = new Set(['condition', 'timeframe']);

/** The rule's requirement, or null when its detection gives none the prefilter can use. */
export function requirementOf(detection: Record<string, unknown>): Requirement | null {
  try {
    const selections = new Map<string, Requirement | null>();
    for (const [name, value] of Object.entries(detection)) {
      if (!RESERVED.has(name)) selections.set(name, selectionRequirement(value));
    }
    const conditions = Array.isArray(detection.condition) ? detection.condition : [detection.condition];
    const parts = conditions.map((c) => conditionRequirement(parseCondition(String(c)), selections));
    return parts.length === 1 ? parts[0]! : or(parts);
  } catch {
    return null; // the rule compiled, so this does not happen; no requirement is always sound
  }
}

/** The requirement in words (`rules list --explain`). */
export function describeRequirement(requirement: Requirement): string {
  return requirement
    .map((clause) => {
      const atoms = clause.map((a) => (a.kind === 'value' ? a.shown : `text contains '${a.literal}'`));
      return atoms.length === 1 ? atoms[0]! : `(${atoms.join(' or ')})`;
    })
    .join(' and ');
}

function selectionRequirement(value: unknown): Requirement | null {
  if (Array.isArray(value) && value.length > 0 && value.every(isMap)) return or(value.map(mapRequirement));
  if (isMap(value)) return mapRequirement(value);
  return itemRequirement('', value); // keywords
}

function mapRequirement(map: Record<string, unknown>): Requirement | null {
  return and(Object.entries(map).map(([key, value]) => itemRequirement(key, value)));
}

function conditionRequirement(
  node: ConditionNode,
  selections: ReadonlyMap<string, Requirement | null>,
): Requirement | null {
  switch (node.kind) {
    case 'ref':
      return selections.get(node.name) ?? null;
    case 'of': {
      const names = resolvePattern(node.pattern, [...selections.keys()]);
      const parts = names.map((name) => selections.get(name) ?? null);
      return node.quantifier === 'all' ? and(parts) : or(parts);
    }
    case 'not':
      return null;
    case 'and':
      return and(node.children.map((child) => conditionRequirement(child, selections)));
    case 'or':
      return or(node.children.map((child) => conditionRequirement(child, selections)));
  }
}

function itemRequirement(key: string, value: unknown): Requirement | null {
  const { field, modifiers } = parseItemKey(key);
  const mods = new Set(modifiers.map((m) => m.toLowerCase()));
  if (UNUSABLE_MODIFIERS.some((m) => mods.has(m)) || isDerivedField(field)) return null;
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) return null;
  const atoms: (Atom | null)[] = [];
  for (const item of list) {
    if (item === null || typeof item === 'object' || typeof item === 'function') return null;
    atoms.push(atomOf(field, String(item), mods));
  }
  if (mods.has('all')) {
    const clauses = atoms.filter((a) => a !== null).map((a) => [a]);
    return clauses.length > 0 ? best(clauses) : null;
  }
  return atoms.every((a) => a !== null) ? [atoms] : null;
}

function atomOf(field: string, value: string, mods: ReadonlySet<string>): Atom | null {
  if (mods.has('re')) {
    const runs = requiredRuns(value).map((r) => r.toLowerCase());
    if (field === '') return textAtom(longest(runs));
    const usable = runs.filter((r) => r.length > 0);
    if (usable.length === 0) return null;
    return {
      kind: 'value',
      field,
      keys: keysOf(field),
      test: (lower) => usable.every((run) => lower.includes(run)),
      shown: `${field} contains ${usable.map((r) => `'${r}'`).join(' and ')}`,
    };
  }
  const shape = SHAPES.find((s) => mods.has(s)) ?? 'equals';
  if (field === '') {
    // A keyword: contained in some value, whatever its shape.
    const segments = parseWildcards(value).filter((s): s is string => typeof s === 'string');
    return textAtom(longest(segments.map((s) => s.toLowerCase())));
  }
  const test = compileStringTest(value, shape, false);
  return {
    kind: 'value',
    field,
    keys: keysOf(field),
    test: (lower) => test.test(lower),
    shown: `${field} ${shape === 'equals' ? '=' : shape} '${value.toLowerCase()}'`,
  };
}

function textAtom(literal: string | undefined): TextAtom | null {
  if (literal === undefined) return null;
  // The longest run of characters that JSON writes as they are (no escapes, no case folding surprises).
  const runs = literal.split(/[^\x20-\x7e]|["\\]/);
  const run = longest(runs);
  return run !== undefined && run.length >= MIN_LITERAL ? { kind: 'text', literal: run } : null;
}

/**
 * The key a field's value is found under: its last part. (`a.b.c` may also be a key with dots, `b.c` or `a.b.c`, see
 * field-path.ts: the scanner reads such a key as its last part too.)
 */
function keysOf(field: string): string[] {
  return [field.slice(field.lastIndexOf('.') + 1)];
}

function longest(texts: readonly string[]): string | undefined {
  let found: string | undefined;
  for (const t of texts) if (found === undefined || t.length > found.length) found = t;
  return found;
}

/** AND: every part's clauses (parts without one add nothing); null when no part has any. */
function and(parts: readonly (Requirement | null)[]): Requirement | null {
  const clauses = parts.flatMap((p) => p ?? []);
  return clauses.length > 0 ? best(clauses) : null;
}

/** OR: one clause, the best clause of each part; null when a part has none. */
function or(parts: readonly (Requirement | null)[]): Requirement | null {
  if (parts.length === 0 || parts.some((p) => p === null)) return null;
  const atoms = parts.flatMap((p) => best(p!)[0]!);
  return [dedupe(atoms)];
}

/** The clauses sorted best first (fewest and cheapest atoms), at most MAX_CLAUSES. */
function best(clauses: readonly (readonly Atom[])[]): Requirement {
  return [...clauses].sort((a, b) => cost(a) - cost(b)).slice(0, MAX_CLAUSES);
}

function cost(clause: readonly Atom[]): number {
  return clause.reduce(
    (sum, atom) => sum + (atom.kind === 'text' ? 3 : atom.keys[0] === 'eventName' ? 0.5 : 1),
    0,
  );
}

/** What tells two atoms apart: the same key, the same atom. */
function atomKey(a: Atom): string {
  return a.kind === 'text' ? `text:${a.literal}` : `value:${a.shown}`;
}

function dedupe(atoms: readonly Atom[]): Atom[] {
  const seen = new Set<string>();
  return atoms.filter((a) => {
    const key = atomKey(a);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function isMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** What the prefilter needs of a compiled rule. */
export interface PrefilteredRule {
  /** Lower-cased eventName values the rule requires, or null. */
  eventNames: ReadonlySet<string> | null;
  prefilter?: Requirement | null;
}

/**
 * The prefilter of a rule set: `mayMatch` says whether a record can match one of the rules, from the occurrences of
 * the keys it needs in the record's text: read at any depth by `fields` (a RawFieldScanner over one record's text),
 * or at their exact paths, `paths`, by a records/record-scanner.ts RecordScanner given `fields.keys`. Either is
 * sound: the rules read a field at its path (or under a key with dots, or through an array, which the record
 * scanner leaves to parsing or reads as COMPLEX). Built only when every rule has a requirement (see `RecordPrefilter.of`).
 */
export class RecordPrefilter {
  /** Reads the keys the rules' atoms need, and `extraKeys` (what the scan counts of a record it does not parse). */
  readonly fields: RawFieldScanner;
  /** The field paths of those keys: `eventName`, `extraKeys` and the paths the atoms test. */
  readonly paths: readonly string[];
  /** Lower-cased eventNames of the rules that name theirs. */
  private readonly names = new Set<string>();
  private readonly eventName: number;
  /**
   * The other rules' requirements, as clauses (distinct ones: rules often share one), each told once per record: per
   * key, the tests of the clauses that have atoms on it; per clause, its text atoms; per rule, its clauses.
   */
  private readonly testsByKey: ({ clause: number; passes: (lower: string) => boolean }[] | undefined)[];
  private readonly literals: (readonly string[])[] = [];
  private readonly requirements: number[][] = [];
  /** The position in `requirements` of each rule that does not name its eventNames. */
  private readonly requirementOf = new Map<PrefilteredRule, number>();
  /** Per clause, for the record being told: 1 when it holds. */
  private readonly held: Uint8Array;
  /** Whether `held` is the last record's (mayMatch may answer from its eventName alone). */
  private told = false;
  /** The lower-cased text of the record being told, once a text atom needed it. */
  private lowerText: string | undefined;

  private constructor(rules: readonly PrefilteredRule[], extraKeys: readonly string[]) {
    // A rule that names its eventNames is told by them alone (its other clauses would cost a key each, on every
    // record, for the few records whose name matched); the others by their whole requirement.
    const unnamed = rules.filter((rule) => rule.eventNames === null);
    const keys = new Set<string>(['eventName', ...extraKeys]);
    const paths = new Set<string>(['eventName', ...extraKeys]);
    for (const rule of unnamed)
      for (const clause of rule.prefilter!)
        for (const atom of clause) {
          if (atom.kind !== 'value') continue;
          for (const key of atom.keys) keys.add(key);
          paths.add(atom.field);
        }
    this.fields = new RawFieldScanner([...keys]);
    this.paths = [...paths];
    this.eventName = this.fields.indexOf('eventName');
    for (const rule of rules) for (const name of rule.eventNames ?? []) this.names.add(name);
    const clauseIndex = new Map<string, number>();
    const byKey = new Map<number, { clause: number; passes: (lower: string) => boolean }[]>();
    for (const rule of unnamed) {
      this.requirementOf.set(rule, this.requirements.length);
      this.requirements.push(
        rule.prefilter!.map((clause) => {
          const id = clause.map(atomKey).join('\n');
          let c = clauseIndex.get(id);
          if (c !== undefined) return c;
          c = this.literals.length;
          clauseIndex.set(id, c);
          this.literals.push(clause.flatMap((a) => (a.kind === 'text' ? [a.literal] : [])));
          const tests = new Map<number, ((lower: string) => boolean)[]>();
          for (const atom of clause) {
            if (atom.kind !== 'value') continue;
            for (const key of atom.keys) {
              const k = this.fields.indexOf(key);
              tests.set(k, [...(tests.get(k) ?? []), atom.test]);
            }
          }
          for (const [k, list] of tests) {
            // A single test costs less than a lookup; many (a list of user agents) are worth remembering per value.
            const passes =
              list.length === 1 ? list[0]! : memoized((lower: string) => list.some((test) => test(lower)));
            const entry = { clause: c, passes };
            byKey.set(k, [...(byKey.get(k) ?? []), entry]);
          }
          return c;
        }),
      );
    }
    this.testsByKey = this.fields.keys.map((_, k) => byKey.get(k));
    this.held = new Uint8Array(this.literals.length);
  }

  /** The set's prefilter, or undefined when a rule has no requirement (listed in `unusable`). */
  static of<R extends PrefilteredRule>(
    rules: readonly R[],
    extraKeys: readonly string[] = [],
  ): { prefilter?: RecordPrefilter; unusable: R[] } {
    const unusable = rules.filter((r) => !r.prefilter);
    return unusable.length > 0
      ? { unusable }
      : { prefilter: new RecordPrefilter(rules, extraKeys), unusable };
  }

  /**
   * False when no rule can match the record whose text is `text` and whose occurrences are `fields` (by default, those
   * `this.fields.scan(text)` read).
   */
  mayMatch(text: string | (() => string), fields: FieldOccurrences = this.fields): boolean {
    this.told = false;
    for (let i = 0; i < fields.count; i++) {
      if (fields.key(i) !== this.eventName) continue;
      if (fields.kind(i) !== STRING || this.names.has(fields.value(i).toLowerCase())) return true;
    }
    if (this.requirements.length === 0) return false;
    this.tell(fields);
    for (const requirement of this.requirements) if (this.holds(requirement, text)) return true;
    return false;
  }

  /**
   * After mayMatch said true of a record (called with the same text and fields): whether this rule may match it. A
   * rule that names its eventNames is told by the record's eventName (the caller looks for its rules by name).
   */
  mayMatchRule(
    rule: PrefilteredRule,
    text: string | (() => string),
    fields: FieldOccurrences = this.fields,
  ): boolean {
    const at = this.requirementOf.get(rule);
    if (at === undefined) return true;
    if (!this.told) this.tell(fields);
    return this.holds(this.requirements[at]!, text);
  }

  /**
   * Which clauses the record's values meet (`held`). A value atom holds when some occurrence of its key passes its
   * test; a value that cannot be read (an object, an array, a number, a string with escapes) may hold anything.
   */
  private tell(fields: FieldOccurrences): void {
    const held = this.held;
    held.fill(0);
    for (let i = 0; i < fields.count; i++) {
      const tests = this.testsByKey[fields.key(i)];
      if (tests === undefined) continue;
      const kind = fields.kind(i);
      if (kind !== STRING && kind !== LITERAL) {
        for (const { clause } of tests) held[clause] = 1;
        continue;
      }
      const value = fields.value(i);
      if (kind === LITERAL && value === 'null') continue;
      const lower = value.toLowerCase();
      for (const { clause, passes } of tests) if (held[clause] === 0 && passes(lower)) held[clause] = 1;
    }
    this.lowerText = undefined;
    this.told = true;
  }

  private holds(requirement: readonly number[], text: string | (() => string)): boolean {
    for (const clause of requirement) {
      if (this.held[clause] === 1) continue;
      const literals = this.literals[clause]!;
      if (literals.length === 0) return false;
      const lower = (this.lowerText ??= (typeof text === 'string' ? text : text()).toLowerCase());
      if (!literals.some((literal) => lower.includes(literal))) return false;
    }
    return true;
  }
}

/** Values remembered per test; past it, the memo is kept only while at least half of the lookups find their value. */
const MEMO_SIZE = 4096;

/**
 * The test, remembering its result per value: the same values (user agents, names) come again and again. Values
 * that rarely repeat (event ids, instance ARNs) would only cost a lookup each: the memo then stops.
 */
function memoized(test: (lower: string) => boolean): (lower: string) => boolean {
  let memo: Map<string, boolean> | undefined = new Map();
  let lookups = 0;
  let hits = 0;
  return (lower) => {
    if (memo === undefined) return test(lower);
    lookups++;
    let result = memo.get(lower);
    if (result !== undefined) {
      hits++;
      return result;
    }
    result = test(lower);
    if (memo.size === MEMO_SIZE) {
      if (hits * 2 < lookups) memo = undefined;
      else memo.clear();
      lookups = 0;
      hits = 0;
    }
    memo?.set(lower, result);
    return result;
  };
}
