/**
 * A parsed Sigma rule → a predicate over CloudTrail records, plus the eventName values a match requires (for the
 * rule index). Selections are compiled once into closures (see detection-item.ts); the condition tree is turned
 * into closures over them, so matches() does no parsing, no regex building and no lookups by name.
 */
import { parseCondition, resolvePattern, type ConditionNode } from './condition.js';
import { NO_CONTEXT, type RuleContext } from './derived.js';
import { compileItem, compileKeywordList, parseItemKey, type RecordTest } from './detection-item.js';
import { RuleCompileError } from './errors.js';
import type { DetectionRule } from './model.js';
import { literalValue } from './pattern.js';
import { requirementOf, type Requirement } from './prefilter.js';

export { RuleCompileError } from './errors.js';

export interface CompiledRule {
  rule: DetectionRule;
  /** Lower-cased eventName values the rule requires, or null when it does not constrain eventName. */
  eventNames: ReadonlySet<string> | null;
  /** The same names spelled as the rule writes them (CloudTrail's spelling, which LookupEvents needs), sorted. */
  eventNamesAsWritten: readonly string[] | null;
  /** What every record it matches holds, told from the raw text (prefilter.ts); null (or absent) when none. */
  prefilter?: Requirement | null;
  matches(record: Record<string, unknown>): boolean;
}

/** Keys of `detection` that are not selections. `timeframe` belongs to Sigma 1 aggregations and is ignored. */
const RESERVED = new Set(['condition', 'timeframe']);
const SELECTION_NAME = /^[A-Za-z0-9_-]+$/;

interface Selection {
  test: RecordTest;
  /** eventName values (lower-cased) a record must have to match this selection; null = any. */
  eventNames: Set<string> | null;
}

/** `context`: the rule set's placeholders, for derived fields that depend on them (derived.ts). */
export function compileRule(rule: DetectionRule, context: RuleContext = NO_CONTEXT): CompiledRule {
  const detection = rule.detection;
  if (detection === null || typeof detection !== 'object' || Array.isArray(detection)) {
    throw new RuleCompileError('detection must be a mapping of selections and a condition');
  }
  const selections = new Map<string, Selection>();
  for (const [name, value] of Object.entries(detection)) {
    if (RESERVED.has(name)) continue;
    if (!SELECTION_NAME.test(name)) {
      throw new RuleCompileError(`selection name '${name}' may only contain letters, digits, '_' and '-'`);
    }
    selections.set(name, compileSelection(name, value, context));
  }
  if (selections.size === 0) throw new RuleCompileError('detection has no selections');

  const conditions = conditionList(detection.condition);
  const names = [...selections.keys()];
  const trees = conditions.map((condition) =>
    resolve(parseConditionOrThrow(condition), condition, selections, names),
  );
  const tree: Resolved = trees.length === 1 ? trees[0]! : { kind: 'or', children: trees };

  const eventNames = eventNamesOf(tree);
  const spelled = spelledEventNames(detection);
  return {
    rule,
    eventNames,
    eventNamesAsWritten: eventNames && [...eventNames].map((name) => spelled.get(name) ?? name).sort(),
    prefilter: requirementOf(detection),
    matches: toPredicate(tree),
  };
}

function conditionList(condition: unknown): string[] {
  if (condition === undefined || condition === null) throw new RuleCompileError('detection has no condition');
  const list = Array.isArray(condition) ? condition : [condition];
  if (list.length === 0) throw new RuleCompileError('detection has an empty list of conditions');
  for (const item of list) {
    if (typeof item !== 'string')
      throw new RuleCompileError('condition must be a string (or a list of strings)');
  }
  return list as string[];
}

function parseConditionOrThrow(condition: string): ConditionNode {
  try {
    return parseCondition(condition);
  } catch (error) {
    throw new RuleCompileError((error as Error).message);
  }
}

function compileSelection(name: string, value: unknown, context: RuleContext): Selection {
  const where = `selection '${name}'`;
  if (value === null || value === undefined) throw new RuleCompileError(`${where} is empty`);
  if (Array.isArray(value)) {
    if (value.length === 0) throw new RuleCompileError(`${where} is an empty list`);
    const maps = value.filter((item) => isMap(item));
    if (maps.length === value.length) {
      // A list of maps: OR.
      const parts = value.map((item, i) =>
        compileMap(item as Record<string, unknown>, `${where}, item ${i + 1}`, context),
      );
      const tests = parts.map((p) => p.test);
      const eventNames = parts.every((p) => p.eventNames !== null)
        ? union(parts.map((p) => p.eventNames!))
        : null;
      return { test: (record) => tests.some((test) => test(record)), eventNames };
    }
    if (maps.length > 0) {
      throw new RuleCompileError(
        `${where} mixes maps and plain values: use either a list of maps or a list of keywords`,
      );
    }
    return { test: compileKeywordList(value, where), eventNames: null };
  }
  if (isMap(value)) return compileMap(value, where, context);
  // A single plain value: a keyword.
  return { test: compileKeywordList(value, where), eventNames: null };
}

function compileMap(map: Record<string, unknown>, where: string, context: RuleContext): Selection {
  const entries = Object.entries(map);
  if (entries.length === 0) throw new RuleCompileError(`${where} is an empty map`);
  const tests = entries.map(([key, value]) => compileItem(key, value, where, context));
  let eventNames: Set<string> | null = null;
  for (const [key, value] of entries) {
    const { field, modifiers } = parseItemKey(key);
    if (field !== 'eventName') continue;
    const names = plainEventNames(value, modifiers);
    if (names) eventNames = eventNames ? intersect(eventNames, names) : names;
  }
  const test: RecordTest =
    tests.length === 1
      ? tests[0]!
      : tests.length === 2
        ? (
            (a, b) => (record: Record<string, unknown>) =>
              a(record) && b(record)
          )(tests[0]!, tests[1]!)
        : (record) => {
            for (let i = 0; i < tests.length; i++) if (!tests[i]!(record)) return false;
            return true;
          };
  return { test, eventNames };
}

/** The lower-cased names an `eventName` item pins down: plain strings, no wildcards, no modifier but `cased`. */
function plainEventNames(value: unknown, modifiers: string[]): Set<string> | null {
  if (modifiers.some((m) => m.toLowerCase() !== 'cased')) return null;
  const list = Array.isArray(value) ? value : [value];
  const names = new Set<string>();
  for (const item of list) {
    if (typeof item !== 'string') return null;
    const literal = literalValue(item);
    if (literal === undefined) return null;
    names.add(literal.toLowerCase());
  }
  return names.size > 0 ? names : null;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The condition tree with names resolved to compiled selections. */
type Resolved =
  | { kind: 'and' | 'or'; children: Resolved[] }
  | { kind: 'not'; child: Resolved }
  | { kind: 'selection'; name: string; selection: Selection };

function resolve(
  node: ConditionNode,
  condition: string,
  selections: Map<string, Selection>,
  names: string[],
): Resolved {
  switch (node.kind) {
    case 'ref': {
      const selection = selections.get(node.name);
      if (!selection) {
        const hint = ['AND', 'OR', 'NOT', 'And', 'Or', 'Not'].includes(node.name)
          ? ' (operators are lower-case: and, or, not)'
          : '';
        throw new RuleCompileError(`condition references unknown selection '${node.name}'${hint}`);
      }
      return { kind: 'selection', name: node.name, selection };
    }
    case 'of': {
      const matched = resolvePattern(node.pattern, names);
      const quantifier = node.quantifier === 'all' ? 'all' : '1';
      if (matched.length === 0) {
        throw new RuleCompileError(
          `'${quantifier} of ${node.pattern}' in condition '${condition}' matches no selection` +
            (node.pattern === 'them' ? '' : ` (selections: ${names.join(', ')})`),
        );
      }
      const children = matched.map((name): Resolved => ({
        kind: 'selection',
        name,
        selection: selections.get(name)!,
      }));
      return children.length === 1
        ? children[0]!
        : { kind: node.quantifier === 'all' ? 'and' : 'or', children };
    }
    case 'not':
      return { kind: 'not', child: resolve(node.child, condition, selections, names) };
    case 'and':
    case 'or':
      return {
        kind: node.kind,
        children: node.children.map((child) => resolve(child, condition, selections, names)),
      };
  }
}

function toPredicate(node: Resolved): RecordTest {
  switch (node.kind) {
    case 'selection':
      return node.selection.test;
    case 'not': {
      const inner = toPredicate(node.child);
      return (record) => !inner(record);
    }
    case 'and': {
      const parts = node.children.map(toPredicate);
      if (parts.length === 2) {
        const [a, b] = parts as [RecordTest, RecordTest];
        return (record) => a(record) && b(record);
      }
      return (record) => {
        for (let i = 0; i < parts.length; i++) if (!parts[i]!(record)) return false;
        return true;
      };
    }
    case 'or': {
      const parts = node.children.map(toPredicate);
      if (parts.length === 2) {
        const [a, b] = parts as [RecordTest, RecordTest];
        return (record) => a(record) || b(record);
      }
      return (record) => {
        for (let i = 0; i < parts.length; i++) if (parts[i]!(record)) return true;
        return false;
      };
    }
  }
}

/**
 * The eventName values any matching record must have, or null when the condition does not pin them down.
 * Sound by construction: AND → intersection of the children that constrain; OR → union, only if every branch
 * constrains; NOT → null (a negation never narrows the set of names).
 */
function eventNamesOf(node: Resolved): Set<string> | null {
  switch (node.kind) {
    case 'selection':
      return node.selection.eventNames;
    case 'not':
      return null;
    case 'and': {
      let result: Set<string> | null = null;
      for (const child of node.children) {
        const names = eventNamesOf(child);
        if (names) result = result ? intersect(result, names) : new Set(names);
      }
      return result;
    }
    case 'or': {
      const sets: Set<string>[] = [];
      for (const child of node.children) {
        const names = eventNamesOf(child);
        if (!names) return null;
        sets.push(names);
      }
      return union(sets);
    }
  }
}

function intersect(a: ReadonlySet<string>, b: ReadonlySet<string>): Set<string> {
  return new Set([...a].filter((name) => b.has(name)));
}

function union(sets: ReadonlySet<string>[]): Set<string> {
  const result = new Set<string>();
  for (const set of sets) for (const name of set) result.add(name);
  return result;
}

/** The rule's eventName values as written (lower-cased → as written): Sigma compares them case-insensitively. */
function spelledEventNames(detection: Record<string, unknown>): Map<string, string> {
  const spelled = new Map<string, string>();
  const visitMap = (map: Record<string, unknown>) => {
    for (const [key, value] of Object.entries(map)) {
      if (parseItemKey(key).field !== 'eventName') continue;
      for (const item of Array.isArray(value) ? value : [value]) {
        if (typeof item !== 'string') continue;
        const literal = literalValue(item);
        if (literal !== undefined && !spelled.has(literal.toLowerCase()))
          spelled.set(literal.toLowerCase(), literal);
      }
    }
  };
  for (const [name, value] of Object.entries(detection)) {
    if (RESERVED.has(name)) continue;
    for (const part of Array.isArray(value) ? value : [value]) {
      if (isMap(part)) visitMap(part);
    }
  }
  return spelled;
}
