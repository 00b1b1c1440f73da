/**
 * Golden tests of the Athena (Trino) SQL text. Each file in golden/ starts with `--` lines saying what was checked
 * against Athena's documented functions; the rest is the expected SQL. `UPDATE_GOLDEN=1` rewrites the SQL part
 * (keeping the comment) after a deliberate change: review the diff before keeping it.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CompiledRule } from '../../src/rules/compile.js';
import { loadRules } from '../../src/rules/load.js';
import { buildQuery, PROJECTED_TABLE_PARTITIONS, quoteIdent } from '../../src/sql/index.js';
import { rulePredicate } from '../../src/sql/query.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

let rules: Map<string, CompiledRule>;

beforeAll(async () => {
  const loaded = await loadRules(
    [path.join(root, 'test/fixtures/sql-golden'), path.join(root, 'test/fixtures/sigmahq-aws')],
    { builtin: true },
  );
  rules = new Map(loaded.rules.map((r) => [r.rule.ruleId, r]));
});

function checkGolden(name: string, actual: string): void {
  const file = path.join(here, 'golden', `${name}.sql`);
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const header = lines.filter(
    (line, i) => line.startsWith('--') && lines.slice(0, i).every((l) => l.startsWith('--')),
  );
  const expected = lines.slice(header.length).join('\n').trim();
  if (process.env.UPDATE_GOLDEN === '1' && expected !== actual.trim()) {
    writeFileSync(file, `${header.join('\n')}\n${actual.trim()}\n`);
    return;
  }
  expect(header.length).toBeGreaterThan(0); // every golden file says what was reviewed
  expect(actual.trim()).toBe(expected);
}

const PREDICATES: [string, boolean][] = [
  ['cloudtrail-logging-stopped', true],
  ['aws_sts_assumerole_misuse', true],
  ['aws_ec2_vm_export_failure', false],
  ['ami-shared-externally', false],
  ['instance-credentials-used-outside-aws', false],
];

describe('Athena SQL golden files', () => {
  for (const [ruleId, exact] of PREDICATES) {
    it(`predicate of ${ruleId} (${exact ? 'exact' : 'pushed down'})`, () => {
      const predicate = rulePredicate(rules.get(ruleId)!);
      expect(predicate.exact).toBe(exact);
      checkGolden(ruleId, predicate.sql);
    });
  }

  it('whole query: partition pruning, window, tags', () => {
    const plan = buildQuery({
      rules: ['cloudtrail-logging-stopped', 'ami-shared-externally'].map((id) => rules.get(id)!),
      dialect: 'athena',
      table: `${quoteIdent('security')}.${quoteIdent('cloudtrail_logs')}`,
      window: { start: Date.parse('2026-11-27T10:00:00.250Z'), end: Date.parse('2026-11-28T23:30:00Z') },
      accounts: ['111122223333', '444455556666'],
      regions: ['us-east-1', 'eu-west-1'],
      partitions: PROJECTED_TABLE_PARTITIONS,
    });
    expect(plan.exact).toEqual(['cloudtrail-logging-stopped']);
    expect(plan.pushedDown).toEqual(['ami-shared-externally']);
    checkGolden('query-partitioned', plan.sql);
  });
});
