/**
 * The compiled rule set → one SELECT: the window and partition filters, a `matched_rules` column naming the rules
 * whose (necessary) condition the row satisfies, and only the rows with at least one name.
 */
import type { CompiledRule } from '../rules/compile.js';
import { dialectOf, quoteString } from './dialect.js';
import type { QueryPlan, QueryPlanInput } from './index.js';
import { and, compileDetection, fieldsOutsideTable, isExact, TRUE } from './predicate.js';
import { CLOUDTRAIL_COLUMNS } from './table.js';

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
export function rulePredicate(compiled: CompiledRule): RulePredicate {
  const cond = compileDetection(compiled.rule);
  const exact = isExact(cond);
  let sql = cond.necessary;
  if (!exact && compiled.eventNames && [...compiled.eventNames].every((n) => /^[\x20-\x7e]+$/.test(n))) {
    const names = [...compiled.eventNames].sort().map(quoteString).join(', ');
    sql = and([`COALESCE(lower(eventname) IN (${names}), FALSE)`, sql]);
  }
  return { ruleId: compiled.rule.ruleId, sql, exact };
}

/** Athena's limit on a query's text (StartQueryExecution QueryString: at most 262144 bytes). */
export const ATHENA_MAX_QUERY_BYTES = 262_144;

/**
 * The rule set as few queries as fit in `maxBytes` each (rules split in halves until every part fits). A record
 * that several parts return comes back once per part: merge the tags by eventID.
 */
export function buildQueries(input: QueryPlanInput, maxBytes = ATHENA_MAX_QUERY_BYTES): QueryPlan[] {
  const plan = buildQuery(input);
  if (Buffer.byteLength(plan.sql, 'utf8') <= maxBytes) return [plan];
  if (input.rules.length <= 1)
    throw new Error(
      `the SQL of rule '${input.rules[0]?.rule.ruleId ?? ''}' is longer than ${maxBytes} bytes on its own`,
    );
  const half = Math.ceil(input.rules.length / 2);
  return [
    ...buildQueries({ ...input, rules: input.rules.slice(0, half) }, maxBytes),
    ...buildQueries({ ...input, rules: input.rules.slice(half) }, maxBytes),
  ];
}

export function buildQuery(input: QueryPlanInput): QueryPlan {
  const dialect = dialectOf(input.dialect);
  const plan: QueryPlan = { sql: '', exact: [], pushedDown: [], unconstrained: [], outsideTable: [] };
  const predicates = input.rules.map(rulePredicate);
  for (const p of predicates) {
    if (p.exact) plan.exact.push(p.ruleId);
    else if (p.sql === TRUE) plan.unconstrained.push(p.ruleId);
    else plan.pushedDown.push(p.ruleId);
  }
  for (const compiled of input.rules)
    if (fieldsOutsideTable(compiled.rule).length > 0) plan.outsideTable.push(compiled.rule.ruleId);

  const tags = predicates.map((p) =>
    p.sql === TRUE
      ? quoteString(encodeRuleId(p.ruleId))
      : `CASE WHEN ${p.sql} THEN ${quoteString(encodeRuleId(p.ruleId))} END`,
  );
  const columns = CLOUDTRAIL_COLUMNS.map((c) =>
    c.type.kind === 'struct' || c.type.kind === 'array'
      ? `${dialect.structAsJson(c.name)} AS ${c.name}`
      : c.name,
  );
  columns.push('matched_rules');

  // Each predicate is written once: the inner query tags the rows of the window, the outer keeps tagged rows.
  const where = and([...(input.partitioned ? partitionFilters(input) : []), windowFilter(input.window)]);
  plan.sql = [
    `SELECT ${columns.join(',\n  ')}`,
    `FROM (SELECT *, ${concatTags(tags)} AS matched_rules`,
    `  FROM ${input.table}`,
    `  WHERE ${where}) AS tagged`,
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

function partitionFilters(input: QueryPlanInput): string[] {
  const filters: string[] = [];
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10).replace(/-/g, '/');
  const { start, end } = input.window;
  if (start !== undefined) filters.push(`"timestamp" >= ${quoteString(day(start))}`);
  if (end !== undefined) filters.push(`"timestamp" <= ${quoteString(day(end + DELIVERY_MARGIN_MS))}`);
  if (input.accounts && input.accounts.length > 0)
    filters.push(`account IN (${input.accounts.map(quoteString).join(', ')})`);
  if (input.regions && input.regions.length > 0)
    filters.push(`region IN (${input.regions.map(quoteString).join(', ')})`);
  return filters;
}
