/**
 * Rule values are user input: quotes, backslashes, LIKE wildcards and odd rule ids must compile to SQL that means
 * what the engine means, in both dialects (the DuckDB one is run).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CompiledRule } from '../../src/rules/compile.js';
import { compileRule } from '../../src/rules/compile.js';
import { parseRuleFile } from '../../src/rules/parse.js';
import { buildQuery, parseMatchedRules, quoteIdent } from '../../src/sql/index.js';
import { loadCloudTrailTable, type CloudTrailTable } from './duckdb-table.js';

const RULES = String.raw`
title: quotes
name: hostile-quotes
logsource: {product: aws, service: cloudtrail}
detection:
  selection:
    userAgent|contains: "O'Brien'; DROP TABLE cloudtrail_logs; --"
  condition: selection
---
title: like wildcards are literal
name: hostile-like
logsource: {product: aws, service: cloudtrail}
detection:
  selection:
    userAgent|startswith: '100%_'
  condition: selection
---
title: backslashes and escaped sigma wildcards
name: hostile-backslash
logsource: {product: aws, service: cloudtrail}
detection:
  selection:
    errorMessage:
      - 'C:\Windows\*'
      - 'a\\b\*c'
  condition: selection
---
title: cased with a quote
name: hostile-cased
logsource: {product: aws, service: cloudtrail}
detection:
  selection:
    userIdentity.userName|cased|endswith: "'--"
  condition: selection
---
title: json path with a quote
name: hostile-json
logsource: {product: aws, service: cloudtrail}
detection:
  selection:
    requestParameters.note|contains: "it's \"quoted\" \\ 100%"
  condition: selection
`;

const AGENTS = [
  "x O'Brien'; DROP TABLE cloudtrail_logs; -- y",
  "o'brien'; drop table cloudtrail_logs; --",
  "O'Brien; DROP TABLE cloudtrail_logs; --",
  '100%_done',
  '100%xdone',
  '1000_done',
  '100%',
];
const MESSAGES = [
  'C:\\Windows\\*',
  'C:\\Windows\\system32',
  'c:\\windows\\*',
  'a\\b*c',
  'a\\bxc',
  'a\\\\b*c',
];
const USERS = ["o'--", "O'--", 'o--', "'--"];
const NOTES = [
  `it's "quoted" \\ 100%`,
  `IT'S "QUOTED" \\ 100%`,
  `its "quoted" \\ 100`,
  `it's 'quoted' \\ 100%`,
];

let rules: CompiledRule[];
let records: Record<string, unknown>[];
let table: CloudTrailTable;

beforeAll(async () => {
  const parsed = parseRuleFile(RULES, 'hostile.yml', false);
  expect(parsed.problems).toEqual([]);
  // A rule without `name` takes its id from the file name: quotes and commas reach the SQL as a tag.
  const odd = parseRuleFile(
    'title: odd id\nlogsource: {product: aws, service: cloudtrail}\ndetection:\n  s:\n    eventName: x\n  condition: s\n',
    "it's,odd%.yml",
    false,
  );
  rules = [...parsed.rules, ...odd.rules].map((rule) => compileRule(rule));
  records = [];
  let n = 0;
  const record = (extra: Record<string, unknown>) => {
    records.push({ eventTime: '2026-01-01T00:00:00Z', eventName: 'X', eventID: `h${n++}`, ...extra });
  };
  for (const userAgent of AGENTS) record({ userAgent });
  for (const errorMessage of MESSAGES) record({ errorMessage });
  for (const userName of USERS) record({ userIdentity: { userName } });
  for (const note of NOTES) record({ requestParameters: { note } });
  table = await loadCloudTrailTable(records);
});

afterAll(() => table?.close());

describe('hostile rule values', () => {
  it('compile to the same predicates in both dialects', () => {
    const strip = (sql: string) => sql.slice(sql.indexOf('\nFROM '));
    const input = { rules, table: quoteIdent('t'), window: {} };
    expect(strip(buildQuery({ ...input, dialect: 'athena' }).sql)).toBe(
      strip(buildQuery({ ...input, dialect: 'duckdb' }).sql),
    );
  });

  it('match in DuckDB exactly what the engine matches, and the table survives', async () => {
    const plan = buildQuery({ rules, dialect: 'duckdb', table: table.table, window: {} });
    expect(plan.exact).toEqual(
      expect.arrayContaining([
        'hostile-quotes',
        'hostile-like',
        'hostile-backslash',
        'hostile-cased',
        "it's,odd%",
      ]),
    );
    expect(plan.pushedDown).toEqual(['hostile-json']);
    const rows = new Map((await table.query(plan.sql)).map((row) => [row.eventid, row]));
    let matches = 0;
    for (const record of records) {
      const expected = rules.filter((r) => r.matches(record)).map((r) => r.rule.ruleId);
      matches += expected.length;
      const tags = parseMatchedRules(rows.get(record.eventID as string)?.matched_rules);
      const exactTags = tags.filter((t) => plan.exact.includes(t));
      expect({ record, tags: exactTags }).toEqual({
        record,
        tags: expected.filter((t) => plan.exact.includes(t)),
      });
      for (const ruleId of expected) expect(tags).toContain(ruleId);
    }
    // Each hostile rule matches something and misses something, so the comparison above is not vacuous.
    expect(matches).toBeGreaterThanOrEqual(rules.length - 1);
    for (const rule of rules.filter((r) => r.rule.ruleId.startsWith('hostile-'))) {
      const hits = records.filter((record) => rule.matches(record)).length;
      expect({ rule: rule.rule.ruleId, some: hits > 0, notAll: hits < records.length }).toEqual({
        rule: rule.rule.ruleId,
        some: true,
        notAll: true,
      });
    }
    const count = await table.query(`SELECT count(*) AS n FROM ${table.table}`);
    expect(count[0]!.n).toBe(String(records.length));
  });

  it('percent-encodes commas in rule ids so that tags split back', () => {
    expect(parseMatchedRules("it's%2Codd%25,hostile-like")).toEqual(["it's,odd%", 'hostile-like']);
    expect(parseMatchedRules('')).toEqual([]);
    expect(parseMatchedRules(null)).toEqual([]);
  });
});
