import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CloudTrailRecord } from '../../src/core/record.js';
import { describeMatch, Detector } from '../../src/detect/detector.js';
import { compileRule, type CompiledRule } from '../../src/rules/compile.js';
import { parseRuleFile } from '../../src/rules/parse.js';
import { resolveCorrelations } from '../../src/rules/resolve-correlations.js';
import { ruleSetOf, scanRecords } from '../helpers/scan-records.js';

const RULES = `
title: User created
name: reporting
logsource: { product: aws, service: cloudtrail }
detection:
  selection: { eventName: CreateUser }
  condition: selection
level: medium
---
title: User created (feeds the burst)
name: feed-only
logsource: { product: aws, service: cloudtrail }
detection:
  selection: { eventName: CreateUser }
  condition: selection
level: low
---
title: Several users created
name: burst
correlation:
  type: event_count
  rules: [feed-only]
  group-by: [recipientAccountId]
  timespan: 1h
  condition: { gte: 2 }
level: high
---
title: New user creator
name: new-creator
logsource: { product: aws, service: cloudtrail }
detection:
  selection: { eventName: CreateUser }
  condition: selection
first_seen:
  fields: [actor]
  history: 2d
level: medium
`;

function rules(): {
  compiled: CompiledRule[];
  correlations: ReturnType<typeof resolveCorrelations>['resolved'];
} {
  const parsed = parseRuleFile(RULES, 'rules.yml', false);
  expect(parsed.problems).toEqual([]);
  const compiled = parsed.rules.map((r) => compileRule(r));
  return { compiled, correlations: resolveCorrelations(parsed.correlations, compiled).resolved };
}

const user = (id: string, time: string, name: string): CloudTrailRecord => ({
  eventID: id,
  eventTime: time,
  eventName: 'CreateUser',
  eventSource: 'iam.amazonaws.com',
  recipientAccountId: '111122223333',
  userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::111122223333:user/${name}` },
});

describe('the scan feeds analyzers', () => {
  const window = { start: Date.parse('2024-06-03T00:00:00Z'), end: Date.parse('2024-06-04T00:00:00Z') };

  it('gives every match to the analyzers, findings only for rules that make them, history to first-seen rules', async () => {
    const { compiled, correlations } = rules();
    const dir = mkdtempSync(join(tmpdir(), 'analyzers-'));
    try {
      const file = join(dir, 'records.json');
      const records = [
        user('alice-before', '2024-06-02T10:00:00Z', 'alice'),
        user('bob-too-old', '2024-05-30T10:00:00Z', 'bob'),
        user('alice', '2024-06-03T10:00:00Z', 'alice'),
        user('bob', '2024-06-03T10:10:00Z', 'bob'),
        user('after', '2024-06-05T10:00:00Z', 'carol'),
      ];
      writeFileSync(file, JSON.stringify({ Records: records }));
      const result = await scanRecords(ruleSetOf(compiled, correlations), [], {
        source: undefined,
        paths: [file],
        window,
        workers: 1,
      });
      // The correlation carries both events: the single-event and first-seen findings are folded into it.
      expect(result.findings.map((f) => f.ruleId)).toEqual(['burst']);
      const all = [...result.findings, ...result.folded];
      expect(all.map((f) => [f.ruleId, f.events.map((e) => e.eventID)])).toEqual([
        ['burst', ['alice', 'bob']],
        ['reporting', ['alice']],
        ['new-creator', ['bob']],
        ['reporting', ['bob']],
      ]);
      expect(result.stats.eventsInWindow).toBe(2);
      expect(result.analysis.learning).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('groups described matches (from a worker) like records', () => {
    const [reporting, feedOnly] = rules().compiled;
    const direct = new Detector();
    const described = new Detector();
    expect(described.needsRecords).toBe(false);
    for (const record of [user('a', '2024-06-03T10:00:00Z', 'u'), user('b', '2024-06-03T09:00:00Z', 'u')]) {
      for (const rule of [reporting!, feedOnly!]) {
        direct.add(rule, record);
        described.addDescribed(rule, describeMatch(rule, record));
      }
    }
    expect(described.findings()).toEqual(direct.findings());
    expect(described.findings().map((f) => f.ruleId)).toEqual(['reporting']);
    expect(described.findings()[0]!.events.map((e) => e.eventID)).toEqual(['b', 'a']);
    const allowlisted = new Detector({ entries: [], expired: [] } as never);
    expect(allowlisted.needsRecords).toBe(true);
    expect(() =>
      allowlisted.addDescribed(reporting!, describeMatch(reporting!, user('c', '2024-06-03T10:00:00Z', 'u'))),
    ).toThrow(/needs the matched records/);
  });
});
