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
 * - a *negated item* (`not filter_private_address`: sourceIPAddress is not a private address) holds unless the
 *   field, read at its exact path, is a plain string that the item matches, tested exactly as the rule tests it.
 *   Only a reader of exact paths (records/record-scanner.ts) can refute one; for the key scanner, which finds keys
 *   at any depth, it always holds;
 * - a requirement is a list of clauses that must all hold, a clause a list of atoms one of which must hold.
 *
 * An item gives its value atoms (or none when the prefilter cannot use it: fieldref, cidr, lt/gt, neq, null,
 * derived fields; `exists: true` gives "the key occurs"); `and` keeps its parts' clauses, `or` one clause made of
 * the best clause of each part (none if a part has none), `not` the negation of its part by De Morgan's laws, down
 * to negated items (none for keywords, fieldref and derived fields). A rule whose whole detection gives no clause of
 * value or text atoms has no usable requirement (negated items only narrow one): with it in the set, every record
 * is parsed (`rules list --explain` lists such rules). Value atoms compare lower-cased values, so `cased` only makes
 * the requirement weaker, never wrong.
 */
import { parseCondition, resolvePattern, type ConditionNode } from './condition.js';
import { isDerivedField } from './derived.js';
import { compileItem, parseItemKey, type RecordTest } from './detection-item.js';
import { compileStringTest, parseWildcards, type Shape } from './pattern.js';
import { requiredRuns } from './regex-literals.js';
import { LITERAL, NUMBER, RawFieldScanner, STRING, type FieldOccurrences } from '../records/raw-fields.js';

export interface ValueAtom {
  kind: 'value';
  /** The field path, as the rule names it. */
  field: string;
  /** The keys the value may be found under: the path's last part, or several parts joined (keys with dots). */
  keys: readonly string[];
  /** Tests a value's text, lower-cased (with toLowerCase, as the engine folds values). */
  test(lower: string): boolean;
  /** `exists: true`: holds whatever the value, null included. */
  present?: true;
  /** The atom in words, for `rules list --explain`. */
  shown: string;
}

/** A negated item (see the module comment). */
export interface NotAtom {
  kind: 'not';
  /** The field path, as the rule names it. */
  field: string;
  keys: readonly string[];
  /** Whether the item matches a record whose value at `field` is this one (undefined: absent): the rule's own test. */
  matches(value: unknown): boolean;
  /** The item in words, for `rules list --explain` (a long list of values shortened). */
  shown: string;
  /** The item as the rule writes it: what tells two negated items apart. */
  item: string;
}

export interface TextAtom {
  kind: 'text';
  /** Lower-cased, printable ASCII without `"` and `\`: it appears as such in the text of any value that holds it. */
  literal: string;
}

export type Atom = ValueAtom | TextAtom | NotAtom;

/** Every clause must hold; a clause holds when one of its atoms does. Never empty. */
export type Requirement = readonly (readonly Atom[])[];

/** Clauses kept for one rule (the best ones): each costs a look at every record. */
const MAX_CLAUSES = 6;
/** Shortest literal worth a text atom. */
const MIN_LITERAL = 3;
const UNUSABLE_MODIFIERS = ['fieldref', 'cidr', 'lt', 'lte', 'gt', 'gte', 'neq'];
const SHAPES: readonly Shape[] = ['contains', 'startswith', 'endswith'];
const RESERVED = new Set(['condition', 'timeframe']);

/** The rule's requirement, or null when its detection gives none the prefilter can use. */
export function requirementOf(detection: Record<string, unknown>): Requirement | null {
  try {
    const selections = new Map<string, { holds: Requirement | null; fails: Requirement | null }>();
    for (const [name, value] of Object.entries(detection)) {
      if (!RESERVED.has(name))
        selections.set(name, { holds: selectionRequirement(value), fails: selectionNegation(value) });
    }
    const conditions = Array.isArray(detection.condition) ? detection.condition : [detection.condition];
    const parts = conditions.map((c) => conditionRequirement(parseCondition(String(c)), selections));
    const requirement = parts.length === 1 ? parts[0]! : or(parts);
    // Negated items only narrow a requirement: one made of them alone would let nearly every record through.
    return requirement?.some((clause) => clause.every((a) => a.kind !== 'not')) ? requirement : null;
  } catch {
    return null; // the rule compiled, so this does not happen; no requirement is always sound
  }
}

/** The requirement in words (`rules list --explain`). */
export function describeRequirement(requirement: Requirement): string {
  return requirement
    .map((clause) => {
      const atoms = clause.map((a) => (a.kind === 'text' ? `text contains '${a.literal}'` : a.shown));
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

/** Per selection, what every record it matches holds, and what every record it does not match holds. */
type Selections = ReadonlyMap<string, { holds: Requirement | null; fails: Requirement | null }>;

function conditionRequirement(node: ConditionNode, selections: Selections): Requirement | null {
  switch (node.kind) {
    case 'ref':
      return selections.get(node.name)?.holds ?? null;
    case 'of': {
      const names = resolvePattern(node.pattern, [...selections.keys()]);
      const parts = names.map((name) => selections.get(name)?.holds ?? null);
      return node.quantifier === 'all' ? and(parts) : or(parts);
    }
    case 'not':
      return negationRequirement(node.child, selections);
    case 'and':
      return and(node.children.map((child) => conditionRequirement(child, selections)));
    case 'or':
      return or(node.children.map((child) => conditionRequirement(child, selections)));
  }
}

/** What every record that `node` does not match holds (De Morgan's laws). */
function negationRequirement(node: ConditionNode, selections: Selections): Requirement | null {
  switch (node.kind) {
    case 'ref':
      return selections.get(node.name)?.fails ?? null;
    case 'of': {
      const names = resolvePattern(node.pattern, [...selections.keys()]);
      const parts = names.map((name) => selections.get(name)?.fails ?? null);
      return node.quantifier === 'all' ? or(parts) : and(parts);
    }
    case 'not':
      return conditionRequirement(node.child, selections);
    case 'and':
      return or(node.children.map((child) => negationRequirement(child, selections)));
    case 'or':
      return and(node.children.map((child) => negationRequirement(child, selections)));
  }
}

/** A selection does not match: none of its maps does, each because one of its items does not. */
function selectionNegation(value: unknown): Requirement | null {
  if (Array.isArray(value) && value.length > 0 && value.every(isMap)) return and(value.map(mapNegation));
  return isMap(value) ? mapNegation(value) : null;
}

function mapNegation(map: Record<string, unknown>): Requirement | null {
  const atoms = Object.entries(map).map(([key, value]) => notAtom(key, value));
  const usable = atoms.filter((a) => a !== null);
  return usable.length > 0 && usable.length === atoms.length ? [dedupe(usable)] : null;
}

/**
 * The negation of one item, tested with the rule's own compiled item on a record that holds only the value at the
 * field's path: exact for a plain string read at that path. Not for keywords, derived fields and fieldref, which
 * read more of the record than the one field.
 */
function notAtom(key: string, value: unknown): NotAtom | null {
  const { field, modifiers } = parseItemKey(key);
  if (field === '' || isDerivedField(field) || modifiers.some((m) => m.toLowerCase() === 'fieldref'))
    return null;
  let test: RecordTest;
  try {
    test = compileItem(key, value, 'prefilter');
  } catch {
    return null;
  }
  const parts = field.split('.');
  const record: Record<string, unknown> = {};
  let holder = record;
  for (const part of parts.slice(0, -1)) holder = holder[part] = {};
  const leaf = parts[parts.length - 1]!;
  const matches = (value: unknown): boolean => {
    if (value === undefined) delete holder[leaf];
    else holder[leaf] = value;
    return test(record);
  };
  const matchesString = memoized(matches);
  return {
    kind: 'not',
    field,
    keys: keysOf(field),
    matches: (value) => (typeof value === 'string' ? matchesString(value) : matches(value)),
    shown: `not ${key}: ${shortList(value)}`,
    item: `${key}: ${JSON.stringify(value)}`,
  };
}

function itemRequirement(key: string, value: unknown): Requirement | null {
  const { field, modifiers } = parseItemKey(key);
  const mods = new Set(modifiers.map((m) => m.toLowerCase()));
  if (UNUSABLE_MODIFIERS.some((m) => mods.has(m)) || isDerivedField(field)) return null;
  if (mods.has('exists')) {
    const exists = value === true || value === 'true';
    if (!exists || mods.size > 1 || field === '') return null;
    return [
      [
        {
          kind: 'value',
          field,
          keys: keysOf(field),
          test: () => true,
          present: true,
          shown: `${field} exists`,
        },
      ],
    ];
  }
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
    (sum, atom) =>
      sum + (atom.kind === 'text' ? 3 : atom.kind === 'not' ? 2 : atom.keys[0] === 'eventName' ? 0.5 : 1),
    0,
  );
}

/** What tells two atoms apart: the same key, the same atom. */
function atomKey(a: Atom): string {
  return a.kind === 'text' ? `text:${a.literal}` : a.kind === 'not' ? `not:${a.item}` : `value:${a.shown}`;
}

/** A rule's value or list of values in a few words: the first three of a longer list, and how many there are. */
function shortList(value: unknown): string {
  if (!Array.isArray(value)) return JSON.stringify(value);
  const shown = value.slice(0, 3).map((v) => JSON.stringify(v));
  return `[${shown.join(', ')}${value.length > 3 ? `, ... ${value.length} in all` : ''}]`;
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
  private readonly testsByKey: (((value: string) => readonly number[]) | undefined)[];
  /** Per key, the clauses that have a test on it (all held when its value cannot be read). */
  private readonly clausesByKey: (readonly number[] | undefined)[];
  /** Per key, the clauses that hold when it occurs at all (`exists`). */
  private readonly presentByKey: (number[] | undefined)[];
  /** Per clause, its negated items and the path (in `paths`) each reads; told only when the clause is reached. */
  private readonly nots: (readonly { path: number; atom: NotAtom }[])[] = [];
  private readonly literals: (readonly string[])[] = [];
  private readonly requirements: number[][] = [];
  /** The position in `requirements` of each rule that does not name its eventNames. */
  private readonly requirementOf = new Map<PrefilteredRule, number>();
  /**
   * Per clause, for the record being told: 1 when it holds, 0 when its value and text atoms do not show it (its
   * negated items not told yet), 2 when its negated items were told and do not make it hold either.
   */
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
          if (atom.kind === 'text') continue;
          for (const key of atom.keys) keys.add(key);
          paths.add(atom.field);
        }
    this.fields = new RawFieldScanner([...keys]);
    this.paths = [...paths];
    this.eventName = this.fields.indexOf('eventName');
    for (const rule of rules) for (const name of rule.eventNames ?? []) this.names.add(name);
    const clauseIndex = new Map<string, number>();
    const byKey = new Map<number, { clause: number; passes: (lower: string) => boolean }[]>();
    const presentByKey = new Map<number, number[]>();
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
          this.nots.push(
            clause.flatMap((atom) =>
              atom.kind === 'not' ? [{ path: this.paths.indexOf(atom.field), atom }] : [],
            ),
          );
          const tests = new Map<number, ((lower: string) => boolean)[]>();
          for (const atom of clause) {
            if (atom.kind !== 'value') continue;
            if (atom.present) {
              for (const key of atom.keys) {
                const k = this.fields.indexOf(key);
                presentByKey.set(k, [...(presentByKey.get(k) ?? []), c]);
              }
              continue;
            }
            for (const key of atom.keys) {
              const k = this.fields.indexOf(key);
              tests.set(k, [...(tests.get(k) ?? []), atom.test]);
            }
          }
          for (const [k, list] of tests) {
            const passes = list.length === 1 ? list[0]! : (lower: string) => list.some((test) => test(lower));
            byKey.set(k, [...(byKey.get(k) ?? []), { clause: c, passes }]);
          }
          return c;
        }),
      );
    }
    // Per key, the clauses a value passes, remembered per value as written: the same values (readOnly, types, user
    // agents, services) come again and again, and a value found needs neither lower-casing nor a test.
    this.clausesByKey = this.fields.keys.map((_, k) => byKey.get(k)?.map(({ clause }) => clause));
    this.testsByKey = this.fields.keys.map((_, k) => {
      const entries = byKey.get(k);
      if (entries === undefined) return undefined;
      return memoized((value: string) => {
        const lower = value.toLowerCase();
        return entries.filter(({ passes }) => passes(lower)).map(({ clause }) => clause);
      });
    });
    this.presentByKey = this.fields.keys.map((_, k) => presentByKey.get(k));
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
    for (const requirement of this.requirements) if (this.holds(requirement, text, fields)) return true;
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
    return this.holds(this.requirements[at]!, text, fields);
  }

  /**
   * Which clauses the record's value atoms meet (`held`). A value atom holds when some occurrence of its key passes
   * its test; a value that cannot be read (an object, an array, a number, a string with escapes) may hold anything.
   */
  private tell(fields: FieldOccurrences): void {
    const { held } = this;
    held.fill(0);
    for (let i = 0; i < fields.count; i++) {
      const k = fields.key(i);
      const kind = fields.kind(i);
      const present = this.presentByKey[k];
      if (present !== undefined) for (const clause of present) held[clause] = 1;
      const passed = this.testsByKey[k];
      if (passed === undefined) continue;
      if (kind !== STRING && kind !== LITERAL) {
        for (const clause of this.clausesByKey[k]!) held[clause] = 1;
        continue;
      }
      const value = fields.value(i);
      if (kind === LITERAL && value === 'null') continue;
      for (const clause of passed(value)) held[clause] = 1;
    }
    this.lowerText = undefined;
    this.told = true;
  }

  private holds(
    requirement: readonly number[],
    text: string | (() => string),
    fields: FieldOccurrences,
  ): boolean {
    for (const clause of requirement) {
      if (this.held[clause] === 1) continue;
      if (this.held[clause] === 0 && this.nots[clause]!.length > 0) {
        const nots = this.notsHold(clause, fields);
        this.held[clause] = nots ? 1 : 2;
        if (nots) continue;
      }
      const literals = this.literals[clause]!;
      if (literals.length === 0) return false;
      const lower = (this.lowerText ??= (typeof text === 'string' ? text : text()).toLowerCase());
      if (!literals.some((literal) => lower.includes(literal))) return false;
    }
    return true;
  }

  /** Whether one of the clause's negated items holds; only occurrences read at their exact paths can refute one. */
  private notsHold(clause: number, fields: FieldOccurrences): boolean {
    if (!fields.exact) return true;
    for (const { path, atom } of this.nots[clause]!) if (!refutes(atom, path, fields)) return true;
    return false;
  }
}

/**
 * Whether the item matches the record whose exact fields these are: by the value at its path (a string without
 * escapes, a literal or a number; anything else may hold anything), or by its absence.
 */
function refutes(atom: NotAtom, path: number, fields: FieldOccurrences): boolean {
  for (let i = 0; i < fields.count; i++) {
    if (fields.path(i) !== path) continue;
    const kind = fields.kind(i);
    if (kind === STRING) return atom.matches(fields.value(i));
    if (kind !== LITERAL && kind !== NUMBER) return false;
    let value: unknown;
    try {
      value = JSON.parse(fields.value(i));
    } catch {
      return false;
    }
    return atom.matches(value);
  }
  return atom.matches(undefined);
}

/** Values remembered per test; past it, the memo is kept only while at least half of the lookups find their value. */
const MEMO_SIZE = 4096;

/**
 * The function, remembering its result per value: the same values (user agents, names) come again and again. Values
 * that rarely repeat (event ids, instance ARNs) would only cost a lookup each: the memo then stops.
 */
function memoized<T>(test: (value: string) => T): (value: string) => T {
  let memo: Map<string, T> | undefined = new Map();
  let lookups = 0;
  let hits = 0;
  return (value) => {
    if (memo === undefined) return test(value);
    lookups++;
    let result = memo.get(value);
    if (result !== undefined) {
      hits++;
      return result;
    }
    result = test(value);
    if (memo.size === MEMO_SIZE) {
      if (hits * 2 < lookups) memo = undefined;
      else memo.clear();
      lookups = 0;
      hits = 0;
    }
    memo?.set(value, result);
    return result;
  };
}
