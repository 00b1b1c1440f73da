/**
 * Which LookupEvents lookups can fetch every event a rule can match (pure functions).
 *
 * A rule's detection is read for three fields that LookupEvents can look up: `eventName` (exact names, or prefixes
 * by `startswith`), `eventSource` and `readOnly`. The analysis is sound by construction, as the rule index's is
 * (src/rules/compile.ts): a selection constrains a field when one of its items pins it with plain values; AND is
 * constrained by any constrained child; OR only when every branch is (the union); NOT never. The ways to fetch a
 * rule's events are then:
 * - its names: one `EventName` lookup per name, or `ReadOnly=false` for names that are write events (catalog.ts);
 *   names of data events are not in LookupEvents at all;
 * - its eventSources: one `EventSource` lookup each;
 * - `ReadOnly=false`, when the rule requires `readOnly: false`, or names its events by prefixes of write events;
 * - otherwise every event: the rule needs a full scan.
 */
import { parseCondition, resolvePattern, type ConditionNode } from '../../rules/condition.js';
import type { CompiledRule } from '../../rules/compile.js';
import { parseItemKey } from '../../rules/detection-item.js';
import { literalValue } from '../../rules/pattern.js';
import type { Severity } from '../../core/severity.js';
import { DATA_EVENTS, WRITE_EVENTS, WRITE_PREFIXES } from './catalog.js';

/** A value constraint on one field: the value is one of `exact` or starts with one of `prefixes`. */
interface Constraint {
  exact: Set<string>;
  prefixes: Set<string>;
}

/** How LookupEvents can fetch a rule's events. */
export interface RuleCover {
  ruleId: string;
  level: Severity;
  /**
   * The names to fetch: each by `EventName`, or by `ReadOnly=false` when `write`. Null when the rule's names are not
   * pinned (no name cover).
   */
  names: { name: string; write: boolean }[] | null;
  /** Names of data events the rule matches: no lookup returns them. */
  dataNames: string[];
  /** EventSource values that hold every event it matches, or null. */
  sources: string[] | null;
  /** `ReadOnly=false` returns every event it matches. */
  writeOnly: boolean;
}

type Field = 'eventName' | 'eventSource' | 'readOnly';

/** The ways LookupEvents can fetch the events of a compiled rule. */
export function ruleCover(
  compiled: Pick<CompiledRule, 'rule' | 'eventNamesAsWritten'>,
  level?: Severity,
): RuleCover {
  const { rule } = compiled;
  const fields = analyze(rule.detection);
  const nameConstraint = fields.eventName;
  let names: RuleCover['names'] = null;
  const dataNames: string[] = [];
  let writeOnly = false;
  const exact = compiled.eventNamesAsWritten;
  if (exact && exact.length > 0) {
    names = [];
    for (const name of exact) {
      if (DATA_EVENTS.has(name)) dataNames.push(name);
      else names.push({ name, write: WRITE_EVENTS.has(name) });
    }
  } else if (nameConstraint && nameConstraint.prefixes.size > 0) {
    const prefixesWrite = [...nameConstraint.prefixes].every((p) => WRITE_PREFIXES.has(p));
    const exactWrite = [...nameConstraint.exact].every((n) => WRITE_EVENTS.has(n));
    if (prefixesWrite && exactWrite) writeOnly = true;
  }
  const readOnly = fields.readOnly;
  if (readOnly && readOnly.prefixes.size === 0 && readOnly.exact.size === 1 && readOnly.exact.has('false'))
    writeOnly = true;
  const source = fields.eventSource;
  const sources =
    source && source.prefixes.size === 0 && source.exact.size > 0 ? [...source.exact].sort() : null;
  return { ruleId: rule.ruleId, level: level ?? rule.level, names, dataNames, sources, writeOnly };
}

/** Whether some lookup other than a full scan can fetch every event of the rule. */
export function hasCover(cover: RuleCover): boolean {
  return cover.names !== null || cover.sources !== null || cover.writeOnly;
}

/** The constraints the detection puts on each looked-up field (null: none). */
function analyze(detection: Record<string, unknown>): Record<Field, Constraint | null> {
  const selections = new Map<string, Record<Field, Constraint | null>>();
  for (const [name, value] of Object.entries(detection)) {
    if (name === 'condition' || name === 'timeframe') continue;
    selections.set(name, selectionConstraints(value));
  }
  const none = { eventName: null, eventSource: null, readOnly: null };
  const condition = detection.condition;
  const conditions = Array.isArray(condition) ? condition : [condition];
  if (conditions.length === 0 || !conditions.every((c) => typeof c === 'string')) return none;
  const names = [...selections.keys()];
  const out = {} as Record<Field, Constraint | null>;
  for (const field of ['eventName', 'eventSource', 'readOnly'] as const) {
    let parsed: (Constraint | null)[];
    try {
      parsed = (conditions as string[]).map((c) => walk(parseCondition(c), field, selections, names));
    } catch {
      return none; // compile.ts reports a bad condition; the rule does not run
    }
    out[field] = union(parsed);
  }
  return out;
}

function walk(
  node: ConditionNode,
  field: Field,
  selections: Map<string, Record<Field, Constraint | null>>,
  names: string[],
): Constraint | null {
  switch (node.kind) {
    case 'ref':
      return selections.get(node.name)?.[field] ?? null;
    case 'of': {
      const matched = resolvePattern(node.pattern, names).map((n) => selections.get(n)?.[field] ?? null);
      return node.quantifier === 'all' ? narrowest(matched) : union(matched);
    }
    case 'not':
      return null;
    case 'and':
      return narrowest(node.children.map((child) => walk(child, field, selections, names)));
    case 'or':
      return union(node.children.map((child) => walk(child, field, selections, names)));
  }
}

/** AND: any constrained child constrains the whole; the one with the fewest values. */
function narrowest(parts: (Constraint | null)[]): Constraint | null {
  let best: Constraint | null = null;
  for (const part of parts) {
    if (!part) continue;
    if (!best || size(part) < size(best)) best = part;
  }
  return best;
}

/** OR: constrained only when every branch is. */
function union(parts: (Constraint | null)[]): Constraint | null {
  if (parts.length === 0 || parts.some((p) => p === null)) return null;
  const out: Constraint = { exact: new Set(), prefixes: new Set() };
  for (const part of parts as Constraint[]) {
    for (const v of part.exact) out.exact.add(v);
    for (const v of part.prefixes) out.prefixes.add(v);
  }
  return out;
}

function size(c: Constraint): number {
  return c.exact.size + c.prefixes.size;
}

function selectionConstraints(value: unknown): Record<Field, Constraint | null> {
  const none = { eventName: null, eventSource: null, readOnly: null };
  if (Array.isArray(value)) {
    if (value.length === 0 || !value.every(isMap)) return none; // keywords constrain no field
    const maps = value.map((item) => mapConstraints(item));
    return {
      eventName: union(maps.map((m) => m.eventName)),
      eventSource: union(maps.map((m) => m.eventSource)),
      readOnly: union(maps.map((m) => m.readOnly)),
    };
  }
  return isMap(value) ? mapConstraints(value) : none;
}

function mapConstraints(map: Record<string, unknown>): Record<Field, Constraint | null> {
  const out: Record<Field, Constraint | null> = { eventName: null, eventSource: null, readOnly: null };
  for (const [key, value] of Object.entries(map)) {
    const { field, modifiers } = parseItemKey(key);
    if (field !== 'eventName' && field !== 'eventSource' && field !== 'readOnly') continue;
    const constraint = itemConstraint(value, modifiers, field === 'readOnly');
    if (constraint) out[field] = narrowest([out[field], constraint]);
  }
  return out;
}

/** The values an item pins: plain values (or `startswith` prefixes), no other modifier but `cased`. */
function itemConstraint(value: unknown, modifiers: string[], boolean: boolean): Constraint | null {
  const rest = modifiers.map((m) => m.toLowerCase()).filter((m) => m !== 'cased');
  const prefix = rest.length === 1 && rest[0] === 'startswith';
  if (rest.length > 0 && !prefix) return null;
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) return null;
  const out: Constraint = { exact: new Set(), prefixes: new Set() };
  for (const item of list) {
    let text: string | undefined;
    if (typeof item === 'string') text = literalValue(item);
    else if (boolean && typeof item === 'boolean') text = String(item);
    if (text === undefined || text === '') return null;
    if (boolean) text = text.toLowerCase();
    (prefix ? out.prefixes : out.exact).add(text);
  }
  return out;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
