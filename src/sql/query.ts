/**
 * The compiled rule set → one SELECT: the window and partition filters, a `matched_rules` column naming the rules
 * whose (necessary) condition the row satisfies, and only the rows with at least one name.
 */
import type { CompiledRule } from '../rules/compile.js';
import { dialectOf, quoteIdent, quoteString } from './dialect.js';
import type { PartitionColumn, PartitionScheme, QueryPlan, QueryPlanInput } from './plan.js';
import {
  and,
  compileDetection,
  fieldsOutsideTable,
  isExact,
  or,
  OUTCOME_COLUMN,
  outcomeColumnSql,
  readsOutcomeColumn,
  TRUE,
} from './predicate.js';
import { CLOUDTRAIL_COLUMNS, type Field } from './table.js';

/**
 * How far past the window's end the day partitions reach: CloudTrail files land in the folder of their delivery
 * day, minutes after the event (the same margin as the S3 source's DEFAULT_DELIVERY_MARGIN_MINUTES).
 */
const DELIVERY_MARGIN_MS = 60 * 60_000;
/** Trino cannot call a function with more than 254 arguments: matched_rules is built in chunks. */
const CONCAT_CHUNK = 100;

export interface RulePredicate {
  ruleId: string;
  /** SQL that holds for every row the rule matches (exactly the rule when `exact`). */
  sql: string;
  exact: boolean;
}

/** One rule → its predicate. A rule that is not exact gets its eventName set as well (implied, but explicit). */
export function rulePredicate(
  compiled: CompiledRule,
  fields: readonly Field[] = CLOUDTRAIL_COLUMNS,
): RulePredicate {
  const cond = compileDetection(compiled.rule, fields);
  const exact = isExact(cond);
  let sql = cond.necessary;
  if (
    !exact &&
    compiled.eventNames &&
    fields.some((f) => f.name === 'eventname') &&
    [...compiled.eventNames].every((n) => /^[\x20-\x7e]+$/.test(n))
  ) {
    const names = [...compiled.eventNames].sort().map(quoteString).join(', ');
    sql = and([`COALESCE(lower(eventname) IN (${names}), FALSE)`, sql]);
  }
  return { ruleId: compiled.rule.ruleId, sql, exact };
}

/** Athena's limit on a query's text (StartQueryExecution QueryString: at most 262144 bytes). */
export const ATHENA_MAX_QUERY_BYTES = 262_144;

/**
 * Rules in one query, at most. Trino compiles the scan's filter and each projected expression into one JVM
 * method each, and the JVM refuses a method of more than 65,535 bytes of bytecode: Athena then fails the query
 * with QUERY_EXCEEDED_COMPILER_LIMIT. Every rule's predicate is in both the filter and `matched_rules`. Trino's
 * generated code costs about 40 bytes a function call or operator (its null checks included) and 25 a column
 * read; the built-in and SigmaHQ rules average 14 calls and 6 comparisons a rule (test/sql/query.test.ts counts
 * them; the outcome gate of rules with a `denied` level is one column read, computed once a row), about 690 bytes,
 * so some 95 rules fill a method. 90 keeps the 82 built-in rules in one query (each more
 * query reads the data again: the bill grows with the parts); a heavier rule set that still fails is split in two
 * and run again (src/sources/athena), which costs nothing, since a query that does not compile scans nothing.
 */
export const MAX_RULES_PER_QUERY = 90;

/**
 * The rule set as few queries as needed: at most `maxRules` rules and `maxBytes` bytes of text each (rules split
 * in halves until every part fits). A record that several parts return comes back once per part: merge the tags
 * by eventID.
 */
export function buildQueries(
  input: QueryPlanInput,
  maxBytes = ATHENA_MAX_QUERY_BYTES,
  maxRules = MAX_RULES_PER_QUERY,
): QueryPlan[] {
  if (input.rules.length > maxRules) {
    // Equal parts (not halves): 41 rules make two queries of 20 and 21, not 40 and 1.
    const parts = Math.ceil(input.rules.length / maxRules);
    const size = Math.ceil(input.rules.length / parts);
    const plans: QueryPlan[] = [];
    for (let i = 0; i < input.rules.length; i += size)
      plans.push(...buildQueries({ ...input, rules: input.rules.slice(i, i + size) }, maxBytes, maxRules));
    return plans;
  }
  const plan = buildQuery(input);
  if (Buffer.byteLength(plan.sql, 'utf8') <= maxBytes) return [plan];
  if (input.rules.length <= 1)
    throw new Error(
      `the SQL of rule '${input.rules[0]?.rule.ruleId ?? ''}' is longer than ${maxBytes} bytes on its own`,
    );
  return splitPlan(input, plan, maxBytes);
}

/**
 * The rules of `plan` (one of buildQueries' parts for `input`) as two queries of half as many rules each: for a
 * query that Athena could not compile. Throws when the plan has one rule.
 */
export function splitPlan(
  input: QueryPlanInput,
  plan: QueryPlan,
  maxBytes = ATHENA_MAX_QUERY_BYTES,
): QueryPlan[] {
  const ids = new Set([...plan.exact, ...plan.pushedDown, ...plan.unconstrained]);
  const rules = input.rules.filter((r) => ids.has(r.rule.ruleId));
  if (rules.length <= 1)
    throw new Error(`the query of rule '${rules[0]?.rule.ruleId ?? ''}' cannot be split further`);
  const half = Math.ceil(rules.length / 2);
  return [
    ...buildQueries({ ...input, rules: rules.slice(0, half) }, maxBytes, half),
    ...buildQueries({ ...input, rules: rules.slice(half) }, maxBytes, half),
  ];
}

export function buildQuery(input: QueryPlanInput): QueryPlan {
  const dialect = dialectOf(input.dialect);
  const fields = input.fields ?? CLOUDTRAIL_COLUMNS;
  const plan: QueryPlan = { sql: '', exact: [], pushedDown: [], unconstrained: [], outsideTable: [] };
  const predicates = input.rules.map((rule) => rulePredicate(rule, fields));
  for (const p of predicates) {
    if (p.exact) plan.exact.push(p.ruleId);
    else if (p.sql === TRUE) plan.unconstrained.push(p.ruleId);
    else plan.pushedDown.push(p.ruleId);
  }
  for (const compiled of input.rules)
    if (fieldsOutsideTable(compiled.rule, fields).length > 0) plan.outsideTable.push(compiled.rule.ruleId);

  const tags = predicates.map((p) =>
    p.sql === TRUE
      ? quoteString(encodeRuleId(p.ruleId))
      : `CASE WHEN ${p.sql} THEN ${quoteString(encodeRuleId(p.ruleId))} END`,
  );
  const columns = fields.map((c) =>
    c.type.kind === 'struct' || c.type.kind === 'array'
      ? `${dialect.structAsJson(c.name)} AS ${c.name}`
      : c.name,
  );
  columns.push('matched_rules');

  // Each predicate is written once: the inner query tags the rows of the window, the outer keeps tagged rows.
  const where = and([
    ...scopeFilters(input, fields),
    fields.some((f) => f.name === 'eventtime') ? windowFilter(input.window) : TRUE,
  ]);
  // Rules with a `denied` level share one outcome gate: computed once a row, below the tags that read it.
  const source = input.rules.some((r) => readsOutcomeColumn(r.rule))
    ? [
        `  FROM (SELECT *, ${outcomeColumnSql(fields)} AS ${OUTCOME_COLUMN}`,
        `    FROM ${input.table}`,
        `    WHERE ${where}) AS gated) AS tagged`,
      ]
    : [`  FROM ${input.table}`, `  WHERE ${where}) AS tagged`];
  plan.sql = [
    `SELECT ${columns.join(',\n  ')}`,
    `FROM (SELECT *, ${concatTags(tags)} AS matched_rules`,
    ...source,
    `WHERE matched_rules <> ''`,
  ].join('\n');
  return plan;
}

function concatTags(tags: string[]): string {
  if (tags.length === 0) return "''";
  if (tags.length <= CONCAT_CHUNK) return `concat_ws(',', ${tags.join(', ')})`;
  const chunks: string[] = [];
  for (let i = 0; i < tags.length; i += CONCAT_CHUNK)
    chunks.push(`NULLIF(${concatTags(tags.slice(i, i + CONCAT_CHUNK))}, '')`);
  return concatTags(chunks);
}

/** Rule ids are joined with ',' in matched_rules: a ',' (or '%') inside an id is percent-encoded. */
export function encodeRuleId(id: string): string {
  return id.replace(/%/g, '%25').replace(/,/g, '%2C');
}

/** The rule ids in a row's matched_rules cell. */
export function parseMatchedRules(cell: string | null | undefined): string[] {
  if (!cell) return [];
  return cell.split(',').map((id) => id.replace(/%2C/g, ',').replace(/%25/g, '%'));
}

/**
 * eventTime between the window's ends, compared as text on its first 19 characters (YYYY-MM-DDTHH:MM:SS):
 * monotone in time for CloudTrail's UTC `Z` times with or without fractional seconds, which cut to the second
 * compare correctly with bounds cut to the second. Times in any other form are let through (the detector
 * applies the exact window to every record).
 */
function windowFilter(window: { start?: number; end?: number }): string {
  const parts: string[] = [];
  const second = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19);
  if (window.start !== undefined)
    parts.push(`substr(eventtime, 1, 19) >= ${quoteString(second(window.start))}`);
  if (window.end !== undefined) parts.push(`substr(eventtime, 1, 19) <= ${quoteString(second(window.end))}`);
  if (parts.length === 0) return TRUE;
  return `(eventtime NOT LIKE '____-__-__T__:__:__%Z' OR ${and(parts)})`;
}

/**
 * The partitions of the window, accounts and Regions; where the table has no partition column for the accounts or
 * Regions asked for, the records' own recipientAccountId and awsRegion (the account and Region folders of the logs
 * hold these), so that the rows are those of the accounts and Regions asked for, as with the s3 source.
 */
function scopeFilters(input: QueryPlanInput, fields: readonly Field[]): string[] {
  const scheme: PartitionScheme = input.partitions ?? {};
  const filters: string[] = [];
  const { start, end } = input.window;
  if (scheme.day && start !== undefined && end !== undefined) {
    const filter = dayFilter(scheme.day, start, end + DELIVERY_MARGIN_MS);
    if (filter !== undefined) filters.push(filter);
  }
  const list = (column: string, values: string[]) => `${column} IN (${values.map(quoteString).join(', ')})`;
  const has = (name: string) => fields.some((f) => f.name === name);
  if (input.accounts?.length) {
    if (scheme.account) filters.push(list(quoteIdent(scheme.account), input.accounts));
    else if (has('recipientaccountid')) filters.push(list('recipientaccountid', input.accounts));
  }
  if (input.regions?.length) {
    if (scheme.region) filters.push(list(quoteIdent(scheme.region), input.regions));
    else if (has('awsregion')) filters.push(list('awsregion', input.regions));
  }
  return filters;
}

const DAY_MS = 86_400_000;

/** The UTC days from `from` to `to`, as [year, month, day]. */
function daysBetween(from: number, to: number): [number, number, number][] {
  const days: [number, number, number][] = [];
  for (let t = Math.floor(from / DAY_MS) * DAY_MS; t <= to; t += DAY_MS) {
    const d = new Date(t);
    days.push([d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()]);
  }
  return days;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * A day in a projection's date format (Java DateTimeFormatter letters: `yyyy`, `MM`, `dd`, and literal
 * characters between them), or undefined for a format with other letters (hours, names of months): such a
 * column is not pruned on.
 */
export function formatPartitionDay(
  format: string,
  [year, month, day]: [number, number, number],
): string | undefined {
  const tokens = format.match(/yyyy|MM|dd|[A-Za-z]|[^A-Za-z]+/g) ?? [];
  let out = '';
  for (const token of tokens) {
    if (token === 'yyyy') out += pad(year, 4);
    else if (token === 'MM') out += pad(month, 2);
    else if (token === 'dd') out += pad(day, 2);
    else if (/[A-Za-z]/.test(token) || token.includes("'")) return undefined;
    else out += token;
  }
  return out;
}

function dayFilter(day: NonNullable<PartitionScheme['day']>, from: number, to: number): string | undefined {
  const days = daysBetween(from, to);
  if ('column' in day) {
    const texts = days.map((d) => formatPartitionDay(day.format, d));
    if (texts.some((t) => t === undefined)) return undefined;
    const column = quoteIdent(day.column);
    // Text order is time order when the format is year, month, day with fixed widths: a range, whatever its length.
    if (/^yyyy[^A-Za-z']*MM[^A-Za-z']*dd$/.test(day.format))
      return and([`${column} >= ${quoteString(texts[0]!)}`, `${column} <= ${quoteString(texts.at(-1)!)}`]);
    return `${column} IN (${texts.map((t) => quoteString(t!)).join(', ')})`;
  }
  // year / month / day columns: one disjunct a month, the days of the month as a range.
  const literal = (column: PartitionColumn, value: number, width: number) =>
    /^(tinyint|smallint|int|integer|bigint)$/i.test(column.type)
      ? String(value)
      : quoteString(pad(value, width));
  const months = new Map<string, [number, number, number][]>();
  for (const d of days) {
    const key = day.month ? `${d[0]}-${d[1]}` : `${d[0]}`;
    months.set(key, [...(months.get(key) ?? []), d]);
  }
  const parts = [...months.values()].map((inMonth) => {
    const [y, m] = inMonth[0]!;
    const conditions = [`${quoteIdent(day.year.column)} = ${literal(day.year, y, 4)}`];
    if (day.month) conditions.push(`${quoteIdent(day.month.column)} = ${literal(day.month, m, 2)}`);
    if (day.month && day.day) {
      const first = inMonth[0]![2];
      const last = inMonth.at(-1)![2];
      conditions.push(
        `${quoteIdent(day.day.column)} BETWEEN ${literal(day.day, first, 2)} AND ${literal(day.day, last, 2)}`,
      );
    }
    return and(conditions);
  });
  return or(parts);
}
