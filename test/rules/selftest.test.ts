import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { builtinRulesDir, loadRules } from '../../src/rules/load.js';
import { parseTestsFile, runSelfTests } from '../../src/rules/selftest.js';

const RULE = `title: CloudTrail logging stopped
name: cloudtrail-stopped
logsource:
    product: aws
    service: cloudtrail
detection:
    selection:
        eventSource: cloudtrail.amazonaws.com
        eventName: StopLogging
        errorCode: null
    condition: selection
level: high
`;

const TESTS = `# test events
- name: StopLogging succeeded
  expect: match
  source: Stratus Red Team aws.defense-evasion.cloudtrail-stop.json, record 0
  event:
    eventSource: cloudtrail.amazonaws.com
    eventName: StopLogging
    eventTime: "2024-07-31T13:06:24Z"
    recipientAccountId: "143434273843"
- name: StopLogging refused (wrongly expected to match)
  expect: match
  event:
    eventSource: cloudtrail.amazonaws.com
    eventName: StopLogging
    errorCode: AccessDenied
`;

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ct-rules-selftest-'));
  await writeFile(path.join(dir, 'cloudtrail-stopped.yml'), RULE);
  await writeFile(path.join(dir, 'cloudtrail-stopped.tests.yml'), TESTS);
  await writeFile(path.join(dir, 'untested.yml'), RULE.replace('cloudtrail-stopped', 'untested'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('runSelfTests', () => {
  it('runs each case and reports pass and fail per rule', async () => {
    const { rules, problems } = await loadRules([dir], { builtin: false });
    expect(problems).toEqual([]);
    const report = await runSelfTests(rules);
    const file = path.join(dir, 'cloudtrail-stopped.yml');
    expect(report.cases).toEqual([
      {
        ruleId: 'cloudtrail-stopped',
        file,
        name: 'StopLogging succeeded',
        expect: 'match',
        actual: 'match',
        passed: true,
        source: 'Stratus Red Team aws.defense-evasion.cloudtrail-stop.json, record 0',
      },
      {
        ruleId: 'cloudtrail-stopped',
        file,
        name: 'StopLogging refused (wrongly expected to match)',
        expect: 'match',
        actual: 'no-match',
        passed: false,
      },
    ]);
    expect(report.rules.map((r) => [r.ruleId, r.passed, r.untested, r.errors])).toEqual([
      ['cloudtrail-stopped', false, false, []],
      ['untested', true, true, []],
    ]);
    expect(report.rules[0]!.testsFile).toBe(path.join(dir, 'cloudtrail-stopped.tests.yml'));
    expect(report.passed).toBe(false);
    expect(report.counts).toEqual({ rules: 2, failedRules: 1, untested: 1, cases: 2, failedCases: 1 });
  });

  it('a built-in rule without test events fails; one with too few cases fails', async () => {
    const { rules } = await loadRules([dir], { builtin: true });
    const report = await runSelfTests(rules);
    expect(report.rules.map((r) => [r.ruleId, r.passed, r.errors])).toEqual([
      [
        'cloudtrail-stopped',
        false,
        ["built-in rules need at least 2 'match' and 2 'no-match' cases (found 2 and 0)"],
      ],
      ['untested', false, ['no test events (built-in rules need a tests file beside them)']],
    ]);
  });

  it('reports a malformed tests file against the rule', async () => {
    const bad = await mkdtemp(path.join(os.tmpdir(), 'ct-rules-selftest-bad-'));
    try {
      await writeFile(path.join(bad, 'r.yml'), RULE.replace('name: cloudtrail-stopped\n', ''));
      await writeFile(
        path.join(bad, 'r.tests.yml'),
        '- name: x\n  expect: maybe\n  event: {eventName: StopLogging}\n',
      );
      const report = await runSelfTests((await loadRules([bad], { builtin: false })).rules);
      expect(report.passed).toBe(false);
      expect(report.rules[0]!.errors).toEqual([
        `${path.join(bad, 'r.tests.yml')}: case 1 ('x'): 'expect' must be 'match', 'denied' or 'no-match', not 'maybe'`,
      ]);
    } finally {
      await rm(bad, { recursive: true, force: true });
    }
  });

  it("tells a denied attempt from a success for rules with 'denied', and asks built-in ones for a denied case", async () => {
    const denied = await mkdtemp(path.join(os.tmpdir(), 'ct-rules-selftest-denied-'));
    try {
      const rule = RULE.replace('        errorCode: null\n', '').replace(
        'level: high\n',
        'level: high\ndenied: medium\n',
      );
      await writeFile(path.join(denied, 'cloudtrail-stopped.yml'), rule);
      const event = (errorCode?: string) =>
        JSON.stringify({
          eventSource: 'cloudtrail.amazonaws.com',
          eventName: 'StopLogging',
          eventTime: '2024-07-31T13:06:24Z',
          ...(errorCode ? { errorCode } : {}),
        });
      const cases: [string, string, string][] = [
        ['succeeded', 'match', event()],
        ['refused', 'denied', event('AccessDenied')],
        ['refused, expected as a success', 'match', event('AccessDenied')],
        ['failed otherwise', 'no-match', event('TrailNotFoundException')],
      ];
      await writeFile(
        path.join(denied, 'cloudtrail-stopped.tests.yml'),
        cases.map(([name, expect, e]) => `- name: ${name}\n  expect: ${expect}\n  event: ${e}\n`).join(''),
      );
      const report = await runSelfTests((await loadRules([denied], { builtin: false })).rules);
      expect(report.cases.map((c) => [c.name, c.expect, c.actual])).toEqual([
        ['succeeded', 'match', 'match'],
        ['refused', 'denied', 'denied'],
        ['refused, expected as a success', 'match', 'denied'],
        ['failed otherwise', 'no-match', 'no-match'],
      ]);

      await writeFile(
        path.join(denied, 'cloudtrail-stopped.tests.yml'),
        [cases[0]!, cases[0]!, cases[3]!, cases[3]!]
          .map(([name, expect, e]) => `- name: ${name}\n  expect: ${expect}\n  event: ${e}\n`)
          .join(''),
      );
      const builtin = await runSelfTests((await loadRules([denied], { builtin: true })).rules);
      expect(builtin.rules[0]!.errors).toEqual([
        "'denied: medium' needs a 'denied' case (a denied call that matches)",
      ]);
    } finally {
      await rm(denied, { recursive: true, force: true });
    }
  });

  it('the built-in rules pass their own tests', async () => {
    const { rules, problems } = await loadRules([builtinRulesDir()], { builtin: true });
    expect(problems).toEqual([]);
    const report = await runSelfTests(rules);
    const failures = report.rules
      .filter((r) => !r.passed)
      .map((r) => ({ ruleId: r.ruleId, errors: r.errors, failed: r.cases.filter((c) => !c.passed) }));
    expect(failures).toEqual([]);
    expect(report.counts.cases).toBeGreaterThanOrEqual(rules.length * 4);
  });
});

describe('parseTestsFile', () => {
  it('accepts the documented shape', () => {
    const { cases, errors } = parseTestsFile(TESTS);
    expect(errors).toEqual([]);
    expect(cases).toHaveLength(2);
    expect(cases[0]).toMatchObject({
      name: 'StopLogging succeeded',
      expect: 'match',
      event: { recipientAccountId: '143434273843' },
    });
  });

  it('names what is wrong with each case', () => {
    const text = `- name: ok
  expect: no-match
  event: {eventName: A}
- expect: match
  event: {eventName: A}
- name: no event
  expect: no-match
- name: list event
  expect: match
  event: [1]
  note: extra
- just a string
`;
    expect(parseTestsFile(text).errors).toEqual([
      "case 2: 'name' must be a non-empty string",
      "case 3 ('no event'): 'event' must be a CloudTrail record (a mapping)",
      "case 4 ('list event'): 'event' must be a CloudTrail record (a mapping); unknown key 'note' (expected name, expect, source, rule, placeholders, event)",
      'case 5: must be a mapping with name, expect and event',
    ]);
  });

  it('rejects a file that is not a list, is empty, or is not YAML', () => {
    expect(parseTestsFile('name: x\n').errors).toEqual(['the tests file must be a YAML list of test cases']);
    expect(parseTestsFile('').errors).toEqual(['the tests file is empty']);
    expect(parseTestsFile('[]').errors).toEqual(['the tests file has no test cases']);
    expect(parseTestsFile('- [a\n').errors[0]).toMatch(/^YAML syntax error/);
  });
});
