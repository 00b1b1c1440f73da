import { describe, expect, it } from '@jest/globals';
import { parseRuleFile } from '../../src/rules/parse.js';
import { attackTechniques } from '../../src/rules/parse-meta.js';

const FILE = 'rules/my-rule.yml';

const RULE = `title: IAM user created
id: 613ca101-7e77-4ca0-8d03-936d8c6e9a03
name: iam-user-created
status: stable
description: A user was created.
references:
    - https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateUser.html
author: cloudtrail-audit
date: 2026-11-28
tags:
    - attack.persistence
    - attack.t1136.003
    - attack.T1098.001
    - attack.t1136.003
    - cve.2021-1234
logsource:
    product: aws
    service: cloudtrail
detection:
    selection:
        eventSource: 'iam.amazonaws.com'
        eventName: 'CreateUser'
        errorCode: null
    condition: selection
fields:
    - requestParameters.userName
falsepositives:
    - Onboarding
level: high
triage: |
    Who created it?
remediation: Delete the user.
group-by: [recipientAccountId, requestParameters.userName]
`;

/** The rule text with `key: ...` (a top-level line and its indented continuation) replaced or removed. */
function edit(key: string, replacement: string | null, text = RULE): string {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`${key}:`));
  if (start < 0) throw new Error(`no ${key}`);
  let end = start + 1;
  while (end < lines.length && /^\s+\S/.test(lines[end]!)) end++;
  lines.splice(start, end - start, ...(replacement === null ? [] : [replacement]));
  return lines.join('\n');
}

function problemOf(text: string, file = FILE) {
  const result = parseRuleFile(text, file, false);
  expect(result.rules).toEqual([]);
  expect(result.skipped).toEqual([]);
  expect(result.problems).toHaveLength(1);
  return result.problems[0]!;
}

describe('parseRuleFile: a valid rule', () => {
  it('reads every attribute into the model', () => {
    const { rules, problems, skipped } = parseRuleFile(RULE, FILE, true);
    expect(problems).toEqual([]);
    expect(skipped).toEqual([]);
    expect(rules).toHaveLength(1);
    const rule = rules[0]!;
    expect(rule).toMatchObject({
      ruleId: 'iam-user-created',
      uuid: '613ca101-7e77-4ca0-8d03-936d8c6e9a03',
      title: 'IAM user created',
      description: 'A user was created.',
      status: 'stable',
      level: 'high',
      author: 'cloudtrail-audit',
      date: '2026-11-28',
      references: ['https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateUser.html'],
      tags: [
        'attack.persistence',
        'attack.t1136.003',
        'attack.T1098.001',
        'attack.t1136.003',
        'cve.2021-1234',
      ],
      attack: ['T1136.003', 'T1098.001'],
      falsepositives: ['Onboarding'],
      fields: ['requestParameters.userName'],
      groupBy: ['recipientAccountId', 'requestParameters.userName'],
      triage: 'Who created it?\n',
      remediation: 'Delete the user.',
      logsource: { product: 'aws', service: 'cloudtrail' },
      file: FILE,
      builtin: true,
    });
    expect(rule.detection).toEqual({
      selection: { eventSource: 'iam.amazonaws.com', eventName: 'CreateUser', errorCode: null },
      condition: 'selection',
    });
  });

  it('defaults: ruleId from the file name, level medium, author unknown, group-by account and actor', () => {
    let text = edit('name', null);
    text = edit('level', null, text);
    text = edit('author', null, text);
    text = edit('group-by', null, text);
    text = edit('id', null, text);
    for (const file of ['rules/aws/stop-logging.yml', 'rules/aws/stop-logging.yaml']) {
      const { rules, problems } = parseRuleFile(text, file, false);
      expect(problems).toEqual([]);
      expect(rules[0]).toMatchObject({
        ruleId: 'stop-logging',
        level: 'medium',
        author: 'unknown',
        builtin: false,
      });
      expect(rules[0]!.groupBy).toEqual(['recipientAccountId', 'actor']);
      expect(rules[0]!.uuid).toBeUndefined();
    }
  });

  it('takes only ATT&CK technique tags into attack', () => {
    expect(
      attackTechniques([
        'attack.t1098',
        'attack.t1098.001',
        'attack.ta0003',
        'attack.persistence',
        'attack.t12',
        'car.2016-04-005',
      ]),
    ).toEqual(['T1098', 'T1098.001']);
  });

  it('loads several rules from one file when each has a name', () => {
    const second = RULE.replace('name: iam-user-created', 'name: iam-user-created-2');
    const { rules, problems } = parseRuleFile(`${RULE}---\n${second}---\n`, FILE, false);
    expect(problems).toEqual([]);
    expect(rules.map((r) => r.ruleId)).toEqual(['iam-user-created', 'iam-user-created-2']);
  });

  it('reports the second of several unnamed rules in one file (both would get the file name as id)', () => {
    const unnamed = edit('name', null);
    const { rules, problems } = parseRuleFile(`${unnamed}---\n${unnamed}`, FILE, false);
    expect(rules.map((r) => r.ruleId)).toEqual(['my-rule']);
    expect(problems).toEqual([
      {
        file: FILE,
        title: 'IAM user created',
        message: expect.stringMatching(/several rules without 'name'/),
      },
    ]);
  });
});

describe('parseRuleFile: invalid rules', () => {
  it('bad YAML: names the file and the line', () => {
    const problem = problemOf('title: x\ndetection:\n  selection:\n    a: [b\n  condition: selection\n');
    expect(problem.file).toBe(FILE);
    expect(problem.message).toMatch(/^YAML syntax error: .*line \d+/);
  });

  it('duplicate keys are a YAML error, not a silent override', () => {
    expect(problemOf(`${RULE}level: low\n`).message).toMatch(/YAML syntax error: Map keys must be unique/);
  });

  it('a YAML document that is not a mapping', () => {
    expect(problemOf('- a\n- b\n').message).toBe('a Sigma rule must be a YAML mapping, not a list');
    expect(problemOf('').message).toMatch(/empty/);
  });

  it('missing detection', () => {
    const problem = problemOf(edit('detection', null));
    expect(problem).toEqual({ file: FILE, title: 'IAM user created', message: "'detection' is missing" });
  });

  it('detection without condition', () => {
    const text = RULE.replace('    condition: selection\n', '');
    expect(problemOf(text)).toMatchObject({
      title: 'IAM user created',
      message: "'detection' has no 'condition'",
    });
  });

  it('condition referencing an unknown selection', () => {
    const text = RULE.replace('condition: selection', 'condition: selection and not sel2');
    expect(problemOf(text)).toEqual({
      file: FILE,
      title: 'IAM user created',
      message: "condition references unknown selection 'sel2'",
    });
  });

  it('unknown modifier', () => {
    const text = RULE.replace("eventName: 'CreateUser'", "eventName|foo: 'CreateUser'");
    expect(problemOf(text)).toEqual({
      file: FILE,
      title: 'IAM user created',
      message: "selection 'selection', 'eventName|foo': unknown modifier 'foo'",
    });
    const typo = RULE.replace("eventName: 'CreateUser'", "eventName|contans: 'CreateUser'");
    expect(problemOf(typo)?.message).toBe(
      "selection 'selection', 'eventName|contans': unknown modifier 'contans'; did you mean 'contains'?",
    );
  });

  it('bad level, bad id, bad name: all named in one message', () => {
    let text = edit('level', 'level: severe');
    text = edit('id', 'id: 12345', text);
    text = edit('name', 'name: has spaces', text);
    const problem = problemOf(text);
    expect(problem.title).toBe('IAM user created');
    expect(problem.message).toContain(
      "level 'severe' is not one of informational, low, medium, high, critical",
    );
    expect(problem.message).toContain("id '12345' is not a UUID");
    expect(problem.message).toContain("name 'has spaces' must be a slug");
  });

  it('missing title and logsource', () => {
    expect(problemOf(edit('title', null)).message).toBe("'title' is missing");
    expect(problemOf(edit('title', null)).title).toBeUndefined();
    expect(problemOf(edit('logsource', null)).message).toBe("'logsource' is missing");
  });

  it('attributes of the wrong type', () => {
    expect(problemOf(edit('tags', 'tags: {a: b}')).message).toBe("'tags' must be a list of strings");
    expect(problemOf(edit('triage', 'triage: [a]')).message).toBe("'triage' must be a string");
  });

  it('other documents of the same file still load', () => {
    const bad = RULE.replace('name: iam-user-created', 'name: bad').replace(
      'condition: selection',
      'condition: nope',
    );
    const { rules, problems } = parseRuleFile(`${bad}---\n${RULE}`, FILE, false);
    expect(rules.map((r) => r.ruleId)).toEqual(['iam-user-created']);
    expect(problems).toEqual([
      { file: FILE, title: 'IAM user created', message: "condition references unknown selection 'nope'" },
    ]);
  });
});

describe('parseRuleFile: skipped, not errors', () => {
  it('a rule for another log source', () => {
    const text = RULE.replace(
      'product: aws\n    service: cloudtrail',
      'product: windows\n    category: process_creation',
    ).replace("eventName: 'CreateUser'", "Image|windash: '-x'");
    const { rules, problems, skipped } = parseRuleFile(text, FILE, false);
    expect(rules).toEqual([]);
    expect(problems).toEqual([]);
    expect(skipped).toEqual([
      {
        file: FILE,
        title: 'IAM user created',
        message: 'logsource is not AWS CloudTrail (product: windows, category: process_creation)',
      },
    ]);
  });

  it('another AWS service is not CloudTrail either', () => {
    const text = RULE.replace('service: cloudtrail', 'service: guardduty');
    expect(parseRuleFile(text, FILE, false).skipped[0]!.message).toBe(
      'logsource is not AWS CloudTrail (product: aws, service: guardduty)',
    );
  });

  it('a correlation rule, and the rules only it uses', () => {
    const base = RULE;
    const unrelated = RULE.replace('name: iam-user-created', 'name: other-rule').replace(
      'id: 613ca101-7e77-4ca0-8d03-936d8c6e9a03',
      'id: 0e95725d-7320-415d-80f7-004da920fc11',
    );
    const correlation = `title: Many users created
correlation:
    type: event_count
    rules:
        - iam-user-created
    group-by:
        - recipientAccountId
    timespan: 1h
    condition:
        gte: 10
`;
    const { rules, correlations, problems, skipped } = parseRuleFile(
      `${base}---\n${unrelated}---\n${correlation}`,
      FILE,
      false,
    );
    expect(problems).toEqual([]);
    expect(skipped).toEqual([]);
    // The rule the correlation uses loads, but feeds the correlation only (src/correlate/).
    expect(rules.map((r) => [r.ruleId, r.generate])).toEqual([
      ['iam-user-created', false],
      ['other-rule', undefined],
    ]);
    expect(correlations.map((c) => c.title)).toEqual(['Many users created']);
    // generate: true keeps the base rule generating.
    const generating = correlation.replace('correlation:\n', 'generate: true\ncorrelation:\n');
    expect(parseRuleFile(`${base}---\n${generating}`, FILE, false).rules.map((r) => r.generate)).toEqual([
      undefined,
    ]);
  });

  it('type: correlation, Sigma 1 collections and aggregation conditions', () => {
    expect(parseRuleFile('title: x\ntype: correlation\n', FILE, false).problems[0]!.message).toBe(
      "'correlation' must be a mapping (type, rules, group-by, timespan, condition)",
    );
    const collection = `action: global\ntitle: x\nlogsource: {product: aws, service: cloudtrail}\n---\ndetection:\n    s: {a: b}\n    condition: s\n`;
    const result = parseRuleFile(collection, FILE, false);
    expect(result.problems).toEqual([]);
    expect(result.skipped[0]!.message).toMatch(/rule collections \(action: global.*\) are not supported/);
    const aggregation = RULE.replace(
      'condition: selection',
      'condition: selection | count() by userIdentity.arn > 5',
    );
    expect(problemOf(aggregation).message).toMatch(/aggregations .* obsolete form of Sigma correlations/);
  });
});
