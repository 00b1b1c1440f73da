/**
 * A Sigma rule's detection → SQL over the CloudTrail table, with the in-process engine's semantics
 * (src/rules/compile.ts, detection-item.ts, pattern.ts, field-path.ts).
 *
 * Every part compiles to a pair of SQL conditions: `necessary` holds for every record the engine matches and
 * `sufficient` holds only for records it matches. Where the two are the same text the part is exact. Negation
 * swaps them (NOT sufficient is necessary for NOT x), so a rule with `not` stays sound when a part under the `not`
 * is not exact. Every leaf is two-valued (COALESCE(…, FALSE) or IS [NOT] NULL): a NULL under NOT would drop rows.
 *
 * What is exact (see docs/sql-compiler.md): plain string columns and struct fields of the documented table with
 * equality, wildcards `*`, contains/startswith/endswith, cased, null, all, neq, and conditions over them. Paths
 * into the JSON-text columns, `?` wildcards, re, cidr, lt/gt, fieldref, exists, keywords and values with
 * non-ASCII letters (case folding differs between JavaScript and SQL) only give a necessary condition.
 */
import { parseCondition, resolvePattern, type ConditionNode } from '../rules/condition.js';
import { parseItemKey } from '../rules/detection-item.js';
import type { DetectionRule } from '../rules/model.js';
import { gateSelection, OUTCOME_GATE } from '../rules/outcome.js';
import { parseWildcards } from '../rules/pattern.js';
import { escapeLike, like, quoteString } from './dialect.js';
import { requiredRuns } from '../rules/regex-literals.js';
import { CLOUDTRAIL_COLUMNS, type Field } from './table.js';

export const TRUE = 'TRUE';
export const FALSE = 'FALSE';

/** necessary ⇐ engine match ⇐ sufficient; exact when both are the same text. */
export interface Cond {
  necessary: string;
  sufficient: string;
}

const exact = (sql: string): Cond => ({ necessary: sql, sufficient: sql });
const UNKNOWN: Cond = { necessary: TRUE, sufficient: FALSE };
const needs = (sql: string): Cond => ({ necessary: sql, sufficient: FALSE });

export function isExact(cond: Cond): boolean {
  return cond.necessary === cond.sufficient;
}

export function and(parts: readonly string[]): string {
  if (parts.includes(FALSE)) return FALSE;
  const kept = [...new Set(parts.filter((p) => p !== TRUE))];
  if (kept.length === 0) return TRUE;
  return kept.length === 1 ? kept[0]! : `(${kept.join(' AND ')})`;
}

export function or(parts: readonly string[]): string {
  if (parts.includes(TRUE)) return TRUE;
  const kept = [...new Set(parts.filter((p) => p !== FALSE))];
  if (kept.length === 0) return FALSE;
  return kept.length === 1 ? kept[0]! : `(${kept.join(' OR ')})`;
}

export function not(sql: string): string {
  if (sql === TRUE) return FALSE;
  if (sql === FALSE) return TRUE;
  return sql.startsWith('(') && sql.endsWith(')') ? `(NOT ${sql})` : `(NOT (${sql}))`;
}

const andCond = (cs: Cond[]): Cond => ({
  necessary: and(cs.map((c) => c.necessary)),
  sufficient: and(cs.map((c) => c.sufficient)),
});
const orCond = (cs: Cond[]): Cond => ({
  necessary: or(cs.map((c) => c.necessary)),
  sufficient: or(cs.map((c) => c.sufficient)),
});
const notCond = (c: Cond): Cond => ({ necessary: not(c.sufficient), sufficient: not(c.necessary) });

/** A boolean that is FALSE where SQL would give NULL. */
const twoValued = (sql: string): string => `COALESCE(${sql}, FALSE)`;

/** Where a Sigma field path lands in the table. */
type Target =
  { kind: 'scalar'; sql: string } | { kind: 'json'; column: string; rest: string[] } | { kind: 'unknown' };

/** Field paths are case-sensitive in the engine, so only CloudTrail's exact key spelling maps to a column. */
export function resolveField(path: string, table: readonly Field[] = CLOUDTRAIL_COLUMNS): Target {
  const parts = path.split('.');
  let fields: readonly Field[] = table;
  const names: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const field = fields.find((x) => x.key === parts[i]);
    if (!field) return { kind: 'unknown' };
    names.push(field.name);
    const last = i === parts.length - 1;
    switch (field.type.kind) {
      case 'string':
        return last ? { kind: 'scalar', sql: names.join('.') } : { kind: 'unknown' };
      case 'json':
        return i === 0 ? { kind: 'json', column: field.name, rest: parts.slice(1) } : { kind: 'unknown' };
      case 'struct':
        if (last) return { kind: 'unknown' }; // an object: equality never holds, contains looks inside
        fields = field.type.fields;
        break;
      default:
        return { kind: 'unknown' }; // arrays and maps: not compiled
    }
  }
  return { kind: 'unknown' };
}

/**
 * Whether the table holds everything the engine may look at for this path: a string column or struct field, or
 * anything inside a JSON column. False for keys the documented table lacks (managementEvent, fields added to
 * userIdentity since) and for whole structs and arrays (their unknown members are dropped by the table).
 */
export function fieldInTable(path: string, table: readonly Field[] = CLOUDTRAIL_COLUMNS): boolean {
  const parts = path.split('.');
  let fields: readonly Field[] = table;
  for (let i = 0; i < parts.length; i++) {
    const field = fields.find((x) => x.key === parts[i]);
    if (!field) return false;
    if (field.type.kind === 'json') return true;
    if (field.type.kind === 'string') return i === parts.length - 1;
    if (field.type.kind !== 'struct') return false;
    fields = field.type.fields;
  }
  return false;
}

/** Field paths of a rule's detection that the table does not fully hold ('' for keyword searches). */
export function fieldsOutsideTable(
  rule: DetectionRule,
  table: readonly Field[] = CLOUDTRAIL_COLUMNS,
): string[] {
  const outside = new Set<string>();
  const visit = (value: unknown) => {
    if (Array.isArray(value)) {
      if (value.some(isMap)) value.forEach(visit);
      else outside.add('');
    } else if (isMap(value)) {
      for (const key of Object.keys(value)) {
        const { field } = parseItemKey(key);
        if (!fieldInTable(field, table)) outside.add(field);
      }
    } else if (value !== null && value !== undefined) outside.add('');
  };
  for (const [name, selection] of Object.entries(rule.detection))
    if (name !== 'condition' && name !== 'timeframe') visit(selection);
  return [...outside];
}

const ASCII = /^[\u0020-\u007e]*$/;
/** Characters that JSON text holds as they are (no escaping by any JSON writer). */
const JSON_SAFE = /^[A-Za-z0-9 ._:,;@#$!~^()=+{}[\]|'%*?`-]+$/;

const STAR = 0;
const ONE = 1;

/** The rule's detection → condition pair. The rule has compiled in-process already, so its syntax is valid. */
export function compileDetection(rule: DetectionRule, table: readonly Field[] = CLOUDTRAIL_COLUMNS): Cond {
  const detection = rule.detection;
  const names = Object.keys(detection).filter((k) => k !== 'condition' && k !== 'timeframe');
  const selections = new Map(
    names.map((name) => [
      name,
      usesOutcomeColumn(name, detection[name])
        ? exact(OUTCOME_COLUMN)
        : compileSelection(detection[name], table),
    ]),
  );
  const raw = detection.condition;
  const conditions = (Array.isArray(raw) ? raw : [raw]) as string[];
  const resolveNode = (node: ConditionNode): Cond => {
    switch (node.kind) {
      case 'ref':
        return selections.get(node.name) ?? UNKNOWN;
      case 'of': {
        const matched = resolvePattern(node.pattern, names).map((name) => selections.get(name)!);
        return node.quantifier === 'all' ? andCond(matched) : orCond(matched);
      }
      case 'not':
        return notCond(resolveNode(node.child));
      case 'and':
        return andCond(node.children.map(resolveNode));
      case 'or':
        return orCond(node.children.map(resolveNode));
    }
  };
  return orCond(conditions.map((condition) => resolveNode(parseCondition(condition))));
}

/**
 * The outcome gate of rules with a `denied` level (successful or denied calls, rules/outcome.ts) is the same for
 * every such rule: the query computes it once per row as this column (outcomeColumnSql) and each rule reads it,
 * which keeps the query's expression small enough for Trino's compiler (see MAX_RULES_PER_QUERY).
 */
export const OUTCOME_COLUMN = 'outcome_admitted';

function usesOutcomeColumn(name: string, selection: unknown): boolean {
  return name === OUTCOME_GATE && Array.isArray(selection);
}

/** Whether a rule reads OUTCOME_COLUMN (the query must then compute it). */
export function readsOutcomeColumn(rule: DetectionRule): boolean {
  return usesOutcomeColumn(OUTCOME_GATE, rule.detection[OUTCOME_GATE]);
}

/** The SQL of OUTCOME_COLUMN over the table's columns. */
export function outcomeColumnSql(table: readonly Field[] = CLOUDTRAIL_COLUMNS): string {
  const gate = compileSelection(gateSelection('low'), table);
  return gate.necessary;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function compileSelection(value: unknown, table: readonly Field[]): Cond {
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every(isMap)) return orCond(value.map((item) => compileMap(item, table)));
    return UNKNOWN; // keywords: any string anywhere in the record
  }
  if (isMap(value)) return compileMap(value, table);
  return UNKNOWN;
}

function compileMap(map: Record<string, unknown>, table: readonly Field[]): Cond {
  return andCond(Object.entries(map).map(([key, value]) => compileItem(key, value, table)));
}

type Scalar = string | number | boolean | bigint | null;

function compileItem(key: string, value: unknown, table: readonly Field[]): Cond {
  const { field, modifiers } = parseItemKey(key);
  if (field === '') return UNKNOWN;
  const mods = new Set(modifiers.map((m) => m.toLowerCase()));
  const values = (Array.isArray(value) ? value : [value]) as Scalar[];
  const target = resolveField(field, table);
  let cond: Cond;
  if (mods.has('exists')) {
    const want = values[0] === true || values[0] === 'true';
    cond = existsCond(target, want);
  } else if (mods.has('fieldref')) {
    cond = target.kind === 'scalar' ? needs(`${target.sql} IS NOT NULL`) : notNull(target);
  } else {
    const parts = values.map((v) => valueCond(target, v, mods));
    cond = mods.has('all') ? andCond(parts) : orCond(parts);
  }
  return mods.has('neq') ? notCond(cond) : cond;
}

/** Necessary for any non-null test: the column the path starts from has a value. */
function notNull(target: Target): Cond {
  if (target.kind === 'scalar') return needs(`${target.sql} IS NOT NULL`);
  if (target.kind === 'json') return needs(`${target.column} IS NOT NULL`);
  return UNKNOWN;
}

function existsCond(target: Target, want: boolean): Cond {
  // SQL cannot tell an absent key from one present with null (CloudTrail writes `"responseElements": null`),
  // so neither form is exact: a value proves the key, and only a NULL can be an absent key.
  if (target.kind === 'scalar' || (target.kind === 'json' && target.rest.length === 0)) {
    const sql = target.kind === 'scalar' ? target.sql : target.column;
    return want ? { necessary: TRUE, sufficient: `${sql} IS NOT NULL` } : needs(`${sql} IS NULL`);
  }
  if (target.kind === 'json' && want) {
    const key = target.rest[target.rest.length - 1];
    const parts = [`${target.column} IS NOT NULL`];
    if (key !== undefined && JSON_SAFE.test(key))
      parts.push(twoValued(like(target.column, `%${escapeLike(key)}"%`)));
    return needs(and(parts));
  }
  return UNKNOWN;
}

function valueCond(target: Target, value: Scalar, mods: Set<string>): Cond {
  if (target.kind === 'unknown') return UNKNOWN;
  if (value === null) return target.kind === 'scalar' ? exact(`${target.sql} IS NULL`) : UNKNOWN;
  if (mods.has('re')) return regexCond(target, String(value), mods);
  if (['cidr', 'lt', 'lte', 'gt', 'gte'].some((m) => mods.has(m))) return notNull(target);
  const shape = mods.has('contains')
    ? 'contains'
    : mods.has('startswith')
      ? 'startswith'
      : mods.has('endswith')
        ? 'endswith'
        : 'equals';
  const cased = mods.has('cased');
  const fold = (s: string) => (cased ? s : s.toLowerCase());
  const segments = parseWildcards(String(value)).map((s) => (typeof s === 'string' ? fold(s) : s));
  const literals = segments.filter((s): s is string => typeof s === 'string');

  if (target.kind === 'json') {
    // The JSON text holds every string the path reaches; each literal run must appear in it.
    const column = cased ? target.column : `lower(${target.column})`;
    const parts = [`${target.column} IS NOT NULL`];
    for (const text of literals)
      if (JSON_SAFE.test(text)) parts.push(twoValued(like(column, `%${escapeLike(text)}%`)));
    return needs(and(parts));
  }

  const column = cased ? target.sql : lowerAsJavaScript(target.sql);
  // Non-ASCII letters in the rule's value may fold differently (final sigma); NUL cannot be a literal.
  if ((!cased && literals.some((s) => !ASCII.test(s))) || literals.some((s) => s.includes('\u0000')))
    return notNull(target);

  // parseWildcards gives 0 for `*` and 1 for `?` (pattern.ts).
  let pattern: (string | typeof STAR | typeof ONE)[] = segments.map((s) =>
    typeof s === 'string' ? s : s === 0 ? STAR : ONE,
  );
  if (shape === 'contains' || shape === 'endswith') pattern = [STAR, ...pattern];
  if (shape === 'contains' || shape === 'startswith') pattern = [...pattern, STAR];
  pattern = pattern.filter((s, i) => !(s === STAR && pattern[i - 1] === STAR));
  if (pattern.every((s) => typeof s === 'string'))
    return exact(twoValued(`${column} = ${quoteString(literals.join(''))}`));
  const toLike = (one: string) =>
    pattern.map((s) => (s === STAR ? '%' : s === ONE ? one : escapeLike(s))).join('');
  // `?` is one UTF-16 unit in the engine and one code point in SQL: only '%' is certain to cover it.
  if (pattern.includes(ONE)) return needs(twoValued(like(column, toLike('%'))));
  return exact(twoValued(like(column, toLike('_'))));
}

/**
 * SQL lower() as JavaScript's toLowerCase, for the exact comparisons. Trino's lower() (and DuckDB's) maps each
 * code point on its own, as Java's Character.toLowerCase does; JavaScript applies Unicode's full mapping, in
 * which U+0130 (İ) becomes 'i' followed by U+0307 (combining dot above), not 'i'. So `lower('sİgnin')` is
 * 'signin' in SQL but 'si̇gnin' in the engine: a filter under `not` would drop a row the engine matches. Replacing
 * İ by its full lower-case form first gives JavaScript's text exactly; the only other difference (final sigma,
 * Σ → ς) is between non-ASCII letters, which the exact comparisons never have in their literals (they are ASCII).
 */
function lowerAsJavaScript(sql: string): string {
  return `lower(replace(${sql}, '\u0130', 'i\u0307'))`;
}

/** `re`: the literal runs every match contains must appear in the value (or, for JSON paths, in the JSON text). */
function regexCond(target: Target, source: string, mods: Set<string>): Cond {
  if (target.kind === 'unknown') return UNKNOWN;
  const ignoreCase = mods.has('i') || mods.has('ignorecase') || /^\(\?[ms]*i[ims]*\)/.test(source);
  const column = target.kind === 'scalar' ? target.sql : target.column;
  const searched = ignoreCase ? `lower(${column})` : column;
  const parts = [`${column} IS NOT NULL`];
  for (const run of requiredRuns(source)) {
    if (target.kind === 'json' && !JSON_SAFE.test(run)) continue;
    const text = ignoreCase ? run.toLowerCase() : run;
    parts.push(twoValued(like(searched, `%${escapeLike(text)}%`)));
  }
  return needs(and(parts));
}
