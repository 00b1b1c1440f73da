import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { compileRule } from '../../src/rules/compile.js';
import { parseRuleFile } from '../../src/rules/parse.js';
import { deniedLevelOf, OUTCOME_GATE, outcomeOf } from '../../src/rules/outcome.js';
import { buildQuery } from '../../src/sql/index.js';
import { rulePredicate } from '../../src/sql/query.js';
import { loadCloudTrailTable, type CloudTrailTable } from '../sql/duckdb-table.js';

/** A rule for iam:CreateUser with the given extension keys (YAML lines) and detection lines. */
function ruleText(
  keys: string,
  detection = 'selection:\n        eventName: CreateUser\n    condition: selection',
): string {
  return [
    'title: IAM user created',
    'name: iam-user-created',
    'logsource: {product: aws, service: cloudtrail}',
    'level: medium',
    keys,
    'detection:',
    `    ${detection}`,
    '',
  ].join('\n');
}

function parse(text: string) {
  return parseRuleFile(text, 'rules/iam-user-created.yml', false);
}

function compiled(keys: string, detection?: string) {
  const result = parse(ruleText(keys, detection));
  expect(result.problems).toEqual([]);
  return compileRule(result.rules[0]!);
}

function problem(text: string): string {
  const result = parse(text);
  expect(result.rules).toEqual([]);
  expect(result.problems).toHaveLength(1);
  return result.problems[0]!.message;
}

const call = (errorCode?: string) => ({
  eventTime: '2024-08-01T13:33:28Z',
  eventSource: 'iam.amazonaws.com',
  eventName: 'CreateUser',
  eventID: `id-${errorCode ?? 'ok'}`,
  recipientAccountId: '229654561268',
  ...(errorCode ? { errorCode, errorMessage: 'refused' } : {}),
});

describe('outcomeOf', () => {
  it.each([
    [undefined, 'ok'],
    [null, 'ok'],
    [[], 'ok'],
    ['AccessDenied', 'denied'],
    ['accessdenied', 'denied'],
    ['AccessDeniedException', 'denied'],
    ['Client.UnauthorizedOperation', 'denied'],
    ['UnauthorizedOperation', 'denied'],
    ['VcpuLimitExceeded', 'denied'],
    ['Client.InstanceLimitExceeded', 'denied'],
    ['ValidationError', 'failed'],
    ['NoSuchEntity', 'failed'],
    ['ThrottlingException', 'failed'],
    ['', 'failed'],
    [['AccessDenied'], 'failed'],
    [403, 'failed'],
  ])('%p is %s', (errorCode, outcome) => {
    expect(outcomeOf(errorCode)).toBe(outcome);
  });
});

describe("the 'denied' key", () => {
  it('adds the outcome gate: successful and denied calls match, other failures do not', () => {
    const rule = compiled('denied: low');
    expect(rule.rule.denied).toEqual({ level: 'low' });
    expect(rule.rule.detection[OUTCOME_GATE]).toBeDefined();
    expect(rule.rule.detection.condition).toBe(`(selection) and ${OUTCOME_GATE}`);
    expect(rule.matches(call())).toBe(true);
    for (const code of [
      'AccessDenied',
      'AccessDeniedException',
      'Client.UnauthorizedOperation',
      'LimitExceeded',
    ])
      expect(rule.matches(call(code))).toBe(true);
    for (const code of ['ValidationError', 'NoSuchEntity', 'EntityAlreadyExists'])
      expect(rule.matches(call(code))).toBe(false);
    expect(rule.eventNames).toEqual(new Set(['createuser']));
  });

  it('says which matches are denied attempts, and at what level', () => {
    const rule = compiled('denied: low').rule;
    expect(deniedLevelOf(rule, undefined)).toBeUndefined();
    expect(deniedLevelOf(rule, 'AccessDenied')).toBe('low');
    expect(deniedLevelOf(compiled('').rule, 'AccessDenied')).toBeUndefined();
  });

  it("'none' admits only successful calls", () => {
    const rule = compiled("denied: none\ndenied_reason: 'a refused call is reported by another rule'");
    expect(rule.rule.denied).toEqual({ level: 'none', reason: 'a refused call is reported by another rule' });
    expect(rule.matches(call())).toBe(true);
    expect(rule.matches(call('AccessDenied'))).toBe(false);
    expect(deniedLevelOf(rule.rule, 'AccessDenied')).toBeUndefined();
  });

  it('gates every condition of a list, and keeps the gate out of `1 of them`', () => {
    const rule = compiled(
      'denied: low',
      "a:\n        eventName: CreateUser\n    b:\n        eventName: DeleteUser\n    condition: ['a', '1 of them']",
    );
    expect(rule.rule.detection.condition).toEqual([
      `(a) and ${OUTCOME_GATE}`,
      `(1 of them) and ${OUTCOME_GATE}`,
    ]);
    expect(rule.matches(call())).toBe(true);
    // A record that only the gate would accept (no errorCode) does not match through `1 of them`.
    expect(rule.matches({ ...call(), eventName: 'ListUsers' })).toBe(false);
  });

  it('is a problem with a value that is not a level, none or counted, with a did-you-mean', () => {
    expect(problem(ruleText('denied: meduim'))).toBe(
      "denied: 'meduim' is not one of informational, low, medium, high, critical, none, counted; did you mean 'medium'?",
    );
    expect(problem(ruleText('denied: [low]'))).toMatch(/^denied: 'low' is not one of/);
  });

  it('needs a reason when it departs from one level lower', () => {
    expect(problem(ruleText('denied: medium'))).toBe(
      "'denied: medium' departs from the convention (one level below the rule's medium): say why in 'denied_reason'",
    );
    expect(problem(ruleText('denied: none'))).toMatch(/say why in 'denied_reason'/);
    expect(problem(ruleText('denied: informational'))).toMatch(/say why in 'denied_reason'/);
    expect(compiled("denied: medium\ndenied_reason: 'as serious as a success'").rule.denied).toEqual({
      level: 'medium',
      reason: 'as serious as a success',
    });
  });

  it('is a problem when the detection still requires errorCode: null', () => {
    expect(
      problem(
        ruleText(
          'denied: low',
          'selection:\n        eventName: CreateUser\n        errorCode: null\n    condition: selection',
        ),
      ),
    ).toMatch(/^with 'denied', the detection leaves out 'errorCode: null'/);
  });

  it('reserves the gate selection name', () => {
    expect(
      problem(
        ruleText(
          'denied: low',
          `${OUTCOME_GATE}:\n        eventName: CreateUser\n    condition: ${OUTCOME_GATE}`,
        ),
      ),
    ).toBe(`the selection name '${OUTCOME_GATE}' is reserved (the 'denied' key adds it)`);
  });

  it('names the misspelled and orphaned reason keys', () => {
    expect(problem(ruleText("denied: low\ndenied-reason: 'x'"))).toBe(
      "the extension key 'denied-reason' is spelled 'denied_reason'",
    );
    expect(problem(ruleText("denied_reason: 'x'"))).toBe(
      "'denied_reason' needs 'denied' (the level of a denied attempt, none or counted)",
    );
    expect(problem(ruleText("denied: none\ndenied_reason: ''"))).toBe(
      "'denied_reason' must be a non-empty string",
    );
  });

  it("'counted' leaves the detection as written: every outcome it matches counts", () => {
    const rule = compiled("denied: counted\ndenied_reason: 'the tool is the signal, whatever the answer'");
    expect(rule.rule.detection[OUTCOME_GATE]).toBeUndefined();
    expect(rule.rule.detection.condition).toBe('selection');
    for (const code of [undefined, 'AccessDenied', 'NoSuchEntity'])
      expect(rule.matches(call(code))).toBe(true);
    expect(deniedLevelOf(rule.rule, 'AccessDenied')).toBeUndefined();
  });

  it('a level is for rules whose matches make findings of their own', () => {
    const firstSeen = 'first_seen:\n    fields: [recipientAccountId, principal]\n';
    expect(problem(ruleText(`${firstSeen}denied: low`))).toMatch(
      /make no finding of their own .* can only be none .* or counted .*, not low$/,
    );
    const none = parse(ruleText(`${firstSeen}denied: none\ndenied_reason: 'keys of successful calls only'`));
    expect(none.problems).toEqual([]);
    expect(compileRule(none.rules[0]!).matches(call('AccessDenied'))).toBe(false);
  });

  it('checks a feeder of a correlation in the same file against what it feeds', () => {
    const correlation = [
      'title: burst',
      'name: burst',
      'correlation: {type: event_count, rules: [iam-user-created], group-by: [actor], timespan: 1h, condition: {gte: 5}}',
      '---',
    ].join('\n');
    const result = parse(`${correlation}\n${ruleText('denied: low')}`);
    expect(result.rules).toEqual([]);
    expect(result.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/^this rule's matches make no finding of their own/),
    ]);
  });
});

describe('the gate in SQL', () => {
  let table: CloudTrailTable;
  const records = [call(), call('AccessDenied'), call('Client.UnauthorizedOperation'), call('NoSuchEntity')];

  beforeAll(async () => {
    table = await loadCloudTrailTable(records);
  });
  afterAll(() => table?.close());

  it('compiles exactly and returns the rows the in-process matcher matches', async () => {
    const rule = compiled('denied: low');
    expect(rulePredicate(rule).exact).toBe(true);
    const plan = buildQuery({ rules: [rule], dialect: 'duckdb', table: table.table, window: {} });
    const rows = (await table.query(plan.sql)) as { eventid: string }[];
    expect(rows.map((r) => r.eventid).sort()).toEqual(
      records
        .filter((r) => rule.matches(r))
        .map((r) => r.eventID)
        .sort(),
    );
    expect(rows).toHaveLength(3);
  });
});
