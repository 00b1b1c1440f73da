import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { resolveCorrelations } from '../../src/rules/resolve-correlations.js';
import { loadRules } from '../../src/rules/load.js';
import { parseRuleFile } from '../../src/rules/parse.js';

const FILE = 'rules/many-users.yml';
const BASE = `title: IAM user created
id: 613ca101-7e77-4ca0-8d03-936d8c6e9a03
name: user-created
logsource: {product: aws, service: cloudtrail}
detection:
    selection: {eventSource: iam.amazonaws.com, eventName: CreateUser}
    condition: selection
level: low
`;
const correlation = (section: string, extra = '') => `title: Many users created
name: many-users
id: 0e95725d-7320-415d-80f7-004da920fc11
${extra}correlation:
${section}`;
const COUNT = `    type: event_count
    rules: [user-created]
    group-by: [recipientAccountId]
    timespan: 1h
    condition: {gte: 10}
`;

const VALUES = `    type: value_count
    rules: [user-created]
    group-by: [recipientAccountId]
    timespan: 1h
    condition: {field: requestParameters.userName, gte: 5}
`;

function parse(text: string) {
  return parseRuleFile(text, FILE, false);
}

describe('correlation documents', () => {
  it('load as correlation rules; the rules they use get generate: false', () => {
    const { rules, correlations, problems, skipped } = parse(
      `${BASE}---\n${correlation(COUNT, 'level: high\n')}`,
    );
    expect(problems).toEqual([]);
    expect(skipped).toEqual([]);
    expect(rules.map((r) => [r.ruleId, r.generate])).toEqual([['user-created', false]]);
    expect(correlations).toHaveLength(1);
    expect(correlations[0]).toMatchObject({
      ruleId: 'many-users',
      uuid: '0e95725d-7320-415d-80f7-004da920fc11',
      type: 'event_count',
      rules: ['user-created'],
      groupBy: ['recipientAccountId'],
      timespan: '1h',
      timespanMs: 3_600_000,
      condition: { gte: 10 },
      generate: false,
      level: 'high',
      file: FILE,
    });
  });

  it('value_count with event-count: both conditions', () => {
    const { correlations, problems } = parse(
      `${BASE}---\n${correlation(`${VALUES}    event-count: {gte: 20}\n`)}`,
    );
    expect(problems).toEqual([]);
    expect(correlations[0]).toMatchObject({
      type: 'value_count',
      field: 'requestParameters.userName',
      condition: { gte: 5 },
      eventCount: { gte: 20 },
    });
    expect(parse(`${BASE}---\n${correlation(VALUES)}`).correlations[0]!.eventCount).toBeUndefined();
  });

  it('generate: true keeps the referenced rules generating', () => {
    const { rules, correlations } = parse(`${BASE}---\n${correlation(COUNT, 'generate: true\n')}`);
    expect(rules[0]!.generate).toBeUndefined();
    expect(correlations[0]!.generate).toBe(true);
  });

  it.each([
    [
      'no type',
      COUNT.replace('    type: event_count\n', ''),
      /correlation type 'undefined' .*'type' is missing/,
    ],
    ['unknown type', COUNT.replace('event_count', 'rare'), /correlation type 'rare' is not one of/],
    ['no timespan', COUNT.replace('    timespan: 1h\n', ''), /'timespan' is missing/],
    ['bad timespan', COUNT.replace('1h', '1 hour'), /timespan '1 hour' must be a number and s, m, h or d/],
    ['long timespan', COUNT.replace('1h', '30d'), /longer than 7d/],
    ['no condition', COUNT.replace('    condition: {gte: 10}\n', ''), /needs a 'condition'/],
    ['only an upper bound', COUNT.replace('gte: 10', 'lt: 3'), /only lt\/lte .*absence/],
    ['bad number', COUNT.replace('gte: 10', 'gte: many'), /condition 'gte' must be a whole number/],
    ['unknown condition key', COUNT.replace('gte: 10', 'gte: 10, ne: 3'), /unknown condition key 'ne'/],
    ['value_count without field', COUNT.replace('event_count', 'value_count'), /needs the field to count/],
    [
      'temporal_ordered with a condition',
      COUNT.replace('event_count', 'temporal_ordered'),
      /temporal_ordered requires every rule in order/,
    ],
    ['no rules', COUNT.replace('    rules: [user-created]\n', ''), /'rules' is missing/],
    [
      'a misspelt key',
      COUNT.replace('group-by', 'group_by'),
      /unknown key 'group_by' in 'correlation' \(did you mean 'group-by'\?\)/,
    ],
    [
      'an unknown key',
      `${COUNT}    window: 1h\n`,
      /unknown key 'window' in 'correlation' \(expected type, rules, group-by, timespan, condition, aliases, generate, field, event-count\)/,
    ],
    [
      'event-count on an event_count correlation',
      `${COUNT}    event-count: {gte: 20}\n`,
      /'event-count' belongs to value_count correlations .*an event_count correlation counts events in its condition/,
    ],
    [
      'event-count not a mapping',
      `${VALUES}    event-count: 20\n`,
      /'event-count' must be a mapping such as \{gte: 20\}/,
    ],
    [
      'event-count with an unknown key',
      `${VALUES}    event-count: {min: 20}\n`,
      /unknown event-count key 'min' \(expected gt, gte, lt, lte, eq\)/,
    ],
    [
      'event-count with a bad number',
      `${VALUES}    event-count: {gte: -1}\n`,
      /event-count 'gte' must be a whole number ≥ 0, not '-1'/,
    ],
    [
      'event-count with only an upper bound',
      `${VALUES}    event-count: {lte: 20}\n`,
      /an 'event-count' condition with only lt\/lte .*absence/,
    ],
    ['a misspelt event-count', `${VALUES}    event_count: {gte: 20}\n`, /did you mean 'event-count'\?/],
  ])('a problem naming file and rule: %s', (_label, section, message) => {
    const { correlations, problems } = parse(`${BASE}---\n${correlation(section)}`);
    expect(correlations).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.file).toBe(FILE);
    expect(problems[0]!.title).toBe('Many users created');
    expect(problems[0]!.message).toMatch(message);
  });

  it('resolution by name or id; unknown and chained references are problems', () => {
    const { rules, correlations } = parse(
      `${BASE}---\n${correlation(COUNT)}---\n` +
        correlation(COUNT.replace('[user-created]', '[613CA101-7E77-4CA0-8D03-936D8C6E9A03]')).replace(
          /name: many-users\nid: .*\n/,
          'name: by-id\n',
        ) +
        '---\n' +
        correlation(COUNT.replace('[user-created]', '[many-users]')).replace(
          /name: many-users\nid: .*\n/,
          'name: chained\n',
        ) +
        '---\n' +
        correlation(COUNT.replace('[user-created]', '[nowhere]')).replace(
          /name: many-users\nid: .*\n/,
          'name: dangling\n',
        ),
    );
    const compiled = rules.map((rule) => ({
      rule,
      eventNames: null,
      eventNamesAsWritten: null,
      matches: () => true,
    }));
    const { resolved, problems } = resolveCorrelations(correlations, compiled);
    expect(resolved.map((r) => [r.rule.ruleId, r.members.map((m) => m.rule.ruleId)])).toEqual([
      ['many-users', ['user-created']],
      ['by-id', ['user-created']],
    ]);
    expect(problems.map((p) => p.message)).toEqual([
      "'rules' names the correlation rule 'many-users': chained correlations are not supported (for a number of events and of distinct values in one window, use value_count with 'event-count')",
      "'rules' names 'nowhere', which is not a loaded rule (no rule has that name or id, or it was excluded or is below the minimum severity)",
    ]);
  });

  it('aliases resolve group-by and the counted field per rule', () => {
    const text = `${BASE}---\n${BASE.replace('name: user-created', 'name: key-created')
      .replace('CreateUser', 'CreateAccessKey')
      .replace(/id: .*\n/, '')}---\n${correlation(`    type: value_count
    rules: [user-created, key-created]
    group-by: [target]
    aliases:
        target: {user-created: requestParameters.userName, key-created: responseElements.accessKey.userName}
        counted: {user-created: eventID, key-created: requestParameters.userName}
    timespan: 1h
    condition: {field: counted, gte: 2}
`)}`;
    const { rules, correlations, problems } = parse(text);
    expect(problems).toEqual([]);
    const compiled = rules.map((rule) => ({
      rule,
      eventNames: null,
      eventNamesAsWritten: null,
      matches: () => true,
    }));
    const [resolved] = resolveCorrelations(correlations, compiled).resolved;
    expect(resolved!.groupFields).toEqual([
      ['requestParameters.userName'],
      ['responseElements.accessKey.userName'],
    ]);
    expect(resolved!.valueFields).toEqual(['eventID', 'requestParameters.userName']);
  });
});

describe('loadRules with correlation files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'correlate-load-'));
    await writeFile(path.join(dir, 'a.yml'), `${BASE}---\n${correlation(COUNT)}`);
    await writeFile(
      path.join(dir, 'b.yml'),
      correlation(COUNT).replace('name: many-users', 'name: user-created'),
    );
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('lists correlations and reports a correlation whose id is taken', async () => {
    const loaded = await loadRules([dir], { builtin: false });
    expect(loaded.rules.map((r) => r.rule.ruleId)).toEqual(['user-created']);
    expect(loaded.correlations.map((c) => c.ruleId)).toEqual(['many-users']);
    expect(loaded.problems).toEqual([
      {
        file: path.join(dir, 'b.yml'),
        title: 'Many users created',
        message: expect.stringMatching(
          /rule id 'user-created' is already used by .*a\.yml; this correlation rule/,
        ),
      },
    ]);
  });
});
