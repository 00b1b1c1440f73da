import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { compileRule } from '../../src/rules/compile.js';
import { loadRules } from '../../src/rules/load.js';
import { parseRuleFile } from '../../src/rules/parse.js';
import type { Placeholders } from '../../src/rules/placeholders.js';
import { buildQuery } from '../../src/sql/index.js';
import { loadCloudTrailTable, type CloudTrailTable } from '../sql/duckdb-table.js';

const ORG = ['111111111111', '222222222222'];

function ruleText(item: string): string {
  return [
    'title: Snapshot shared',
    'name: snapshot-shared',
    'logsource: {product: aws, service: cloudtrail}',
    'detection:',
    '    selection:',
    '        eventName: ModifySnapshotAttribute',
    `        ${item}`,
    '    condition: selection',
    '',
  ].join('\n');
}

function compiled(item: string, placeholders: Placeholders) {
  const parsed = parseRuleFile(ruleText(item), 'snapshot-shared.yml', false, { placeholders });
  expect(parsed.problems).toEqual([]);
  return compileRule(parsed.rules[0]!, { placeholders });
}

const shared = (userId: string) => ({
  eventTime: '2024-08-01T12:28:02Z',
  eventName: 'ModifySnapshotAttribute',
  eventID: `share-${userId}`,
  requestParameters: { createVolumePermission: { add: { items: [{ userId }] } } },
});

describe("the 'expand' modifier", () => {
  const userId = 'requestParameters.createVolumePermission.add.items.userId';

  it('fills a placeholder with the rule set’s values', () => {
    const rule = compiled(`${userId}|expand: '%org_accounts%'`, { org_accounts: ORG });
    expect(rule.rule.detection.selection).toEqual({
      eventName: 'ModifySnapshotAttribute',
      [`${userId}|expand`]: ORG,
    });
    expect(rule.matches(shared('222222222222'))).toBe(true);
    expect(rule.matches(shared('999999999999'))).toBe(false);
  });

  it('expands a placeholder inside a value into one value per filling', () => {
    const rule = compiled(`requestParameters.principal|expand: 'arn:aws:iam::%org_accounts%:root'`, {
      org_accounts: ORG,
    });
    expect(rule.rule.detection.selection).toMatchObject({
      'requestParameters.principal|expand': [
        'arn:aws:iam::111111111111:root',
        'arn:aws:iam::222222222222:root',
      ],
    });
  });

  it('with no values given, matches nothing, and with neq everything', () => {
    const none = compiled(`${userId}|expand: '%org_accounts%'`, {});
    expect(none.rule.detection.selection).toMatchObject({ [`${userId}|expand`]: [] });
    expect(none.matches(shared('111111111111'))).toBe(false);
    const outside = compiled(`${userId}|expand|neq: '%org_accounts%'`, {});
    expect(outside.matches(shared('111111111111'))).toBe(true);
    const filled = compiled(`${userId}|expand|neq: '%org_accounts%'`, { org_accounts: ORG });
    expect(filled.matches(shared('111111111111'))).toBe(false);
    expect(filled.matches(shared('999999999999'))).toBe(true);
  });

  it('refuses a rule compiled without expanding its placeholders', () => {
    const parsed = parseRuleFile(ruleText(`${userId}|expand: 'x'`), 'snapshot-shared.yml', false);
    const rule = parsed.rules[0]!;
    rule.detection = { ...rule.detection, selection: { [`${userId}|expand`]: '%org_accounts%' } };
    expect(() => compileRule(rule)).toThrow(/placeholder '%org_accounts%' was not expanded/);
  });

  it('leaves values without placeholders and items without expand as written', () => {
    const rule = compiled(`${userId}|expand: ['333333333333', '%org_accounts%']`, {
      org_accounts: ['1'.repeat(12)],
    });
    expect(rule.rule.detection.selection).toMatchObject({
      [`${userId}|expand`]: ['333333333333', '1'.repeat(12)],
    });
    const plain = compiled(`${userId}: '%org_accounts%'`, { org_accounts: ORG });
    expect(plain.rule.detection.selection).toMatchObject({ [userId]: '%org_accounts%' });
  });
});

describe('placeholders through loadRules and SQL', () => {
  let dir: string;
  let table: CloudTrailTable;
  // userIdentity.accountId is a column of the table: the SQL is exact, so both sides must agree row for row.
  const records = ['111111111111', '999999999999'].map((account) => ({
    ...shared(account),
    userIdentity: { type: 'IAMUser', accountId: account },
  }));

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ct-placeholders-'));
    await writeFile(
      path.join(dir, 'outside.yml'),
      ruleText("userIdentity.accountId|expand|neq: '%org_accounts%'").replace('snapshot-shared', 'outside'),
    );
    table = await loadCloudTrailTable(records);
  });
  afterAll(async () => {
    table?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    ['given', { org_accounts: ORG }],
    ['not given', {}],
  ])('loads and queries the same records in-process and in SQL (%s)', async (_label, placeholders) => {
    const { rules, problems } = await loadRules([dir], { builtin: false, placeholders });
    expect(problems).toEqual([]);
    const plan = buildQuery({ rules, dialect: 'duckdb', table: table.table, window: {} });
    const rows = (await table.query(plan.sql)) as { eventid: string }[];
    const inProcess = records.filter((r) => rules[0]!.matches(r)).map((r) => r.eventID);
    expect(rows.map((r) => r.eventid).sort()).toEqual(inProcess.sort());
    expect(inProcess).toEqual(
      Object.keys(placeholders).length > 0
        ? ['share-999999999999']
        : ['share-111111111111', 'share-999999999999'],
    );
  });
});
