import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { compileRule, type CompiledRule } from '../../src/rules/compile.js';
import { parseRuleFile } from '../../src/rules/parse.js';
import { buildQuery, parseMatchedRules, PROJECTED_TABLE_PARTITIONS } from '../../src/sql/index.js';
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
    expect(plan(false)).not.toContain('account IN');
  });
});
