/**
 * Differential test of the SQL compiler: the DuckDB dialect of the compiled query, run over the corpora loaded in
 * the shape of Athena's CloudTrail table, against the in-process engine, for every built-in and SigmaHQ rule.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CompiledRule } from '../../src/rules/compile.js';
import { loadRules } from '../../src/rules/load.js';
import {
  buildQueries,
  buildQuery,
  parseMatchedRules,
  PROJECTED_TABLE_PARTITIONS,
  rowToRecord,
  type QueryPlan,
} from '../../src/sql/index.js';
import { builtinTestEvents, generatedRecords, realRecords } from './corpus.js';
import { loadCloudTrailTable, type CloudTrailTable } from './duckdb-table.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface RuleSet {
  name: string;
  rules: CompiledRule[];
}

let sets: RuleSet[];
let corpus: Record<string, unknown>[];
let table: CloudTrailTable;

beforeAll(async () => {
  // Placeholders given, so that the rules that are off without them (github-oidc-subject-not-allowed) run too.
  const builtin = await loadRules([path.join(root, 'rules/builtin')], {
    builtin: true,
    placeholders: { github_oidc_subjects: ['repo:example-org/infra:ref:refs/heads/main'] },
  });
  const sigmahq = await loadRules([path.join(root, 'test/fixtures/sigmahq-aws')], { builtin: false });
  const edge = await loadRules([path.join(root, 'test/fixtures/sql-edge')], { builtin: false });
  expect(builtin.problems).toEqual([]);
  expect(sigmahq.problems).toEqual([]);
  expect(edge.problems).toEqual([]);
  sets = [
    { name: 'built-in', rules: builtin.rules },
    { name: 'SigmaHQ', rules: sigmahq.rules },
    { name: 'edge', rules: edge.rules },
  ];
  const all = [...builtin.rules, ...sigmahq.rules, ...edge.rules].map((r) => r.rule);
  corpus = [
    ...realRecords(root),
    ...builtinTestEvents(root),
    ...generatedRecords(all, 20261128),
    ...generatedRecords(all, 7, 2),
  ].map((record, i) => ({ ...record, eventID: `c${i}` }));
  table = await loadCloudTrailTable(corpus);
});

afterAll(() => table?.close());

function engineMatches(rules: readonly CompiledRule[], record: Record<string, unknown>): string[] {
  return rules.filter((r) => r.matches(record)).map((r) => r.rule.ruleId);
}

async function run(plan: QueryPlan): Promise<Map<string, Record<string, string | null>>> {
  const rows = await table.query(plan.sql);
  return new Map(rows.map((row) => [row.eventid!, row]));
}

describe('differential: DuckDB SQL vs the in-process engine', () => {
  it('has a corpus in which every rule matches and misses', () => {
    for (const { rules } of sets) {
      for (const rule of rules) {
        const hits = corpus.filter((record) => rule.matches(record)).length;
        expect({ rule: rule.rule.ruleId, matches: hits > 0 }).toEqual({
          rule: rule.rule.ruleId,
          matches: true,
        });
        expect(hits).toBeLessThan(corpus.length);
      }
    }
  });

  it('has İ mutations, JSON nulls and plain-string JSON columns in the corpus', () => {
    expect(corpus.filter((r) => JSON.stringify(r).includes('\u0130')).length).toBeGreaterThan(500);
    expect(corpus.filter((r) => r.responseElements === null).length).toBeGreaterThan(500);
    expect(corpus.filter((r) => r.requestParameters === null).length).toBeGreaterThan(100);
    expect(corpus.filter((r) => typeof r.responseElements === 'string').length).toBeGreaterThan(100);
  });

  for (const setName of ['built-in', 'SigmaHQ', 'edge']) {
    it(`${setName}: rows ⊇ engine matches, exact rules tag exactly, rows round-trip to the same matches`, async () => {
      const { rules } = sets.find((s) => s.name === setName)!;
      const plan = buildQuery({ rules, dialect: 'duckdb', table: table.table, window: {} });
      expect(plan.exact.length + plan.pushedDown.length + plan.unconstrained.length).toBe(rules.length);
      const exact = new Set(plan.exact);
      const inTable = rules.filter((r) => !plan.outsideTable.includes(r.rule.ruleId));
      const rows = await run(plan);
      let matchedRecords = 0;
      for (const record of corpus) {
        const id = record.eventID as string;
        const expected = engineMatches(rules, record);
        const row = rows.get(id);
        const tags = parseMatchedRules(row?.matched_rules);
        if (expected.length > 0) matchedRecords++;
        // (a) every engine match comes back, tagged with its rule.
        const missing = expected.filter((ruleId) => !tags.includes(ruleId));
        expect({ id, missing }).toEqual({ id, missing: [] });
        // (b) for exactly compiled rules, the tags are the engine's matches.
        expect({ id, tags: tags.filter((t) => exact.has(t)).sort() }).toEqual({
          id,
          tags: expected.filter((t) => exact.has(t)).sort(),
        });
        // (c) the row, turned back into a record, matches the same rules as the original.
        //     (rules on fields the table lacks cannot: they are listed in plan.outsideTable; and a record without
        //     requestParameters or responseElements is not one CloudTrail writes: API calls and sign-ins carry
        //     both, null when empty, and a NULL cell is read back as that null)
        if (row && 'requestParameters' in record && 'responseElements' in record)
          expect({ id, matches: engineMatches(inTable, rowToRecord(row)) }).toEqual({
            id,
            matches: engineMatches(inTable, record),
          });
      }
      expect(matchedRecords).toBeGreaterThan(0);
      console.info(
        `${setName}: ${rules.length} rules, ${plan.exact.length} exact, ${plan.pushedDown.length} pushed down, ` +
          `${plan.unconstrained.length} unconstrained, ${plan.outsideTable.length} on fields outside the table ` +
          `(${plan.outsideTable.join(', ')}); ${rows.size} of ${corpus.length} rows returned, ` +
          `${matchedRecords} matched in-process`,
      );
    });
  }

  it('keeps every matching record of a window and its partitions, whatever its fractional seconds', async () => {
    const rules = sets.flatMap((s) => s.rules);
    const start = Date.parse('2024-08-01T23:59:30.500Z');
    const end = Date.parse('2024-08-02T12:59:30.250Z');
    const accounts = ['111122223333', '118238665043'];
    const regions = ['us-east-1', 'eu-west-1', 'me-south-1r'];
    const plan = buildQuery({
      rules,
      dialect: 'duckdb',
      table: table.table,
      window: { start, end },
      accounts,
      regions,
      partitions: PROJECTED_TABLE_PARTITIONS,
    });
    const rows = await run(plan);
    let kept = 0;
    for (const record of corpus) {
      const time = Date.parse(record.eventTime as string);
      if (Number.isNaN(time) || time < start || time > end || engineMatches(rules, record).length === 0)
        continue;
      if (
        !accounts.includes(record.recipientAccountId as string) ||
        !regions.includes(record.awsRegion as string)
      )
        continue;
      kept++;
      expect({ id: record.eventID, returned: rows.has(record.eventID as string) }).toEqual({
        id: record.eventID,
        returned: true,
      });
    }
    expect(kept).toBeGreaterThan(0);
    // The filters do cut: nothing from outside the window's days, accounts or regions comes back.
    for (const row of rows.values()) {
      expect(row.eventtime!.slice(0, 10) >= '2024-08-01' && row.eventtime!.slice(0, 10) <= '2024-08-02').toBe(
        true,
      );
      expect(accounts).toContain(row.recipientaccountid);
      expect(regions).toContain(row.awsregion);
    }
    expect(rows.size).toBeLessThan(corpus.length / 4);
  });

  it('splits a rule set that is too long for one query into parts that return the same tags', async () => {
    const rules = sets.flatMap((s) => s.rules);
    const input = { rules, dialect: 'duckdb' as const, table: table.table, window: {} };
    const whole = await run(buildQuery(input));
    const parts = buildQueries(input, 20_000);
    expect(parts.length).toBeGreaterThan(2);
    for (const part of parts) expect(Buffer.byteLength(part.sql)).toBeLessThanOrEqual(20_000);
    expect(parts.flatMap((p) => [...p.exact, ...p.pushedDown, ...p.unconstrained]).sort()).toEqual(
      rules.map((r) => r.rule.ruleId).sort(),
    );
    const merged = new Map<string, string[]>();
    for (const part of parts)
      for (const [id, row] of await run(part))
        merged.set(id, [...(merged.get(id) ?? []), ...parseMatchedRules(row.matched_rules)]);
    expect(merged.size).toBe(whole.size);
    for (const [id, row] of whole)
      expect(merged.get(id)!.sort()).toEqual(parseMatchedRules(row.matched_rules).sort());
  });
});
