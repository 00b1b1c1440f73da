import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { compileRule, type CompiledRule } from '../../src/rules/compile.js';
import { builtinRulesDir, loadRules } from '../../src/rules/load.js';
import { parseRuleFile } from '../../src/rules/parse.js';
import {
  buildQueries,
  buildQuery,
  MAX_RULES_PER_QUERY,
  parseMatchedRules,
  PROJECTED_TABLE_PARTITIONS,
} from '../../src/sql/index.js';
import { rulePredicate } from '../../src/sql/query.js';
import { loadCloudTrailTable, type CloudTrailTable } from './duckdb-table.js';

function rule(name: string, detection: string): CompiledRule {
  const text = `title: ${name}\nname: ${name}\nlogsource: {product: aws, service: cloudtrail}\ndetection:\n${detection}`;
  const parsed = parseRuleFile(text, `${name}.yml`, false);
  expect(parsed.problems).toEqual([]);
  return compileRule(parsed.rules[0]!);
}

let table: CloudTrailTable;
const records = [
  { eventTime: '2026-01-01T00:00:00Z', eventName: 'GetObject', eventID: 'a', userAgent: 'curl/8' },
  { eventTime: '2026-01-02T00:00:00Z', eventName: 'PutObject', eventID: 'b', managementEvent: false },
];

beforeAll(async () => {
  table = await loadCloudTrailTable(records);
});
afterAll(() => table?.close());

describe('buildQuery', () => {
  it('returns nothing for an empty rule set', async () => {
    const plan = buildQuery({ rules: [], dialect: 'duckdb', table: table.table, window: {} });
    expect(await table.query(plan.sql)).toEqual([]);
  });

  it('says which rules have no usable predicate, and returns every row of the window for them', async () => {
    const keywords = rule('keywords', '  words:\n    - curl\n  condition: words\n');
    const plan = buildQuery({
      rules: [keywords],
      dialect: 'duckdb',
      table: table.table,
      window: { start: Date.parse('2026-01-02T00:00:00Z') },
    });
    expect(plan.unconstrained).toEqual(['keywords']);
    expect(plan.outsideTable).toEqual(['keywords']);
    const rows = await table.query(plan.sql);
    expect(rows.map((r) => [r.eventid, parseMatchedRules(r.matched_rules)])).toEqual([['b', ['keywords']]]);
  });

  it('lists rules on fields the table does not hold, and still returns their matches', async () => {
    const management = rule('management', '  s:\n    managementEvent: false\n  condition: s\n');
    expect(management.matches(records[1]!)).toBe(true);
    const plan = buildQuery({ rules: [management], dialect: 'duckdb', table: table.table, window: {} });
    expect(plan).toMatchObject({ unconstrained: ['management'], outsideTable: ['management'] });
    expect((await table.query(plan.sql)).map((r) => r.eventid).sort()).toEqual(['a', 'b']);
  });

  it('prunes partitions only for the partitioned table', () => {
    const plan = (partitioned: boolean) =>
      buildQuery({
        rules: [rule('x', '  s:\n    eventName: GetObject\n  condition: s\n')],
        dialect: 'athena',
        table: '"t"',
        window: { start: 0, end: 1 },
        accounts: ['111122223333'],
        ...(partitioned ? { partitions: PROJECTED_TABLE_PARTITIONS } : {}),
      }).sql;
    expect(plan(true)).toContain(`"timestamp" >= '1970/01/01'`);
    expect(plan(true)).toContain(`"account" IN ('111122223333')`);
    expect(plan(false)).not.toContain('"timestamp"');
    expect(plan(false)).not.toContain('"account" IN');
    // Without an account partition, the accounts asked for are still the only ones returned.
    expect(plan(false)).toContain(`recipientaccountid IN ('111122223333')`);
  });
});

describe('rules per query', () => {
  let rules: CompiledRule[];
  beforeAll(async () => {
    const builtin = await loadRules([builtinRulesDir()], { builtin: true });
    const sigmahq = await loadRules([path.resolve('test/fixtures/sigmahq-aws')], { builtin: false });
    rules = [...builtin.rules, ...sigmahq.rules];
  });

  it('keeps the estimated bytecode of a query of average rules under the JVM method limit (docs/sql-compiler.md)', () => {
    const sql = rules.map((r) => rulePredicate(r).sql);
    const calls = sql.reduce((n, text) => n + (text.match(/\w+\(/g) ?? []).length, 0) / rules.length;
    const comparisons =
      sql.reduce((n, text) => n + (text.match(/ LIKE | = | IS NULL| IS NOT NULL| IN \(/g) ?? []).length, 0) /
      rules.length;
    // About 40 bytes of Trino bytecode a call or operator, 25 a column read (one a comparison).
    const perRule = calls * 40 + comparisons * 25;
    console.info(
      `${rules.length} rules: ${calls.toFixed(1)} calls, ${comparisons.toFixed(1)} comparisons a rule, ~${Math.round(perRule)} bytes`,
    );
    expect(perRule * MAX_RULES_PER_QUERY).toBeLessThan(65_535);
  });

  it('splits a rule set by rule count into equal parts', () => {
    const input = { rules, dialect: 'athena' as const, table: '"t"', window: {} };
    const parts = buildQueries(input);
    expect(parts.length).toBe(Math.ceil(rules.length / MAX_RULES_PER_QUERY));
    const sizes = parts.map((p) => p.exact.length + p.pushedDown.length + p.unconstrained.length);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(MAX_RULES_PER_QUERY);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(rules.length);
    expect(buildQueries({ ...input, rules: rules.slice(0, 68) })).toHaveLength(1);
  });
});
