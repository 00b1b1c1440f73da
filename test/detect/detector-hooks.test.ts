import { describe, expect, it } from '@jest/globals';
import { describeMatch, Detector } from '../../src/detect/detector.js';
import type { CompiledRule } from '../../src/rules/compile.js';
import type { DetectionRule } from '../../src/rules/model.js';
import type { CloudTrailRecord } from '../../src/core/record.js';

function rule(ruleId: string, eventName: string, extra: object = {}): CompiledRule {
  const sigma = {
    ruleId,
    title: ruleId,
    kind: 'event',
    description: '',
    level: 'medium',
    author: 't',
    references: [],
    tags: [],
    attack: [],
    falsepositives: [],
    fields: [],
    groupBy: ['recipientAccountId'],
    logsource: {},
    detection: {},
    file: `${ruleId}.yml`,
    builtin: true,
    ...extra,
  } as DetectionRule;
  return {
    rule: sigma,
    eventNames: new Set([eventName.toLowerCase()]),
    matches: (r) => r.eventName === eventName,
  };
}

const index = (rules: CompiledRule[]) => ({
  candidates: (name: string) => rules.filter((r) => r.eventNames?.has(name.toLowerCase())),
});

const timed = (id: string, time: string, eventName = 'CreateUser') => ({
  record: { eventID: id, eventTime: time, eventName, recipientAccountId: '111122223333' } as CloudTrailRecord,
  time: Date.parse(time),
});

describe('Detector hooks', () => {
  const reporting = rule('reporting', 'CreateUser');
  const feedOnly = rule('feed-only', 'CreateUser', { generate: false });
  const firstSeen = rule('first-seen', 'CreateUser', { kind: 'first-seen', firstSeen: { fields: ['x'] } });
  const history = rule('history', 'CreateUser');
  const window = { start: Date.parse('2024-06-03T00:00:00Z'), end: Date.parse('2024-06-04T00:00:00Z') };

  it('observes every match, makes findings only for rules that generate them, and learns from history', () => {
    const seen: string[] = [];
    const detector = new Detector(index([reporting, feedOnly, firstSeen]), window, undefined, {
      observe: (r, t, inWindow) => seen.push(`${r.rule.ruleId} ${String(t.record.eventID)} ${inWindow}`),
      historyIndex: index([history]),
      historySince: Date.parse('2024-06-01T00:00:00Z'),
    });
    detector.consume(timed('a', '2024-06-03T10:00:00Z'));
    detector.consume(timed('old', '2024-06-02T10:00:00Z'));
    detector.consume(timed('too-old', '2024-05-30T10:00:00Z'));
    detector.consume(timed('after', '2024-06-05T10:00:00Z'));
    expect(seen.sort()).toEqual([
      'feed-only a true',
      'first-seen a true',
      'history old false',
      'reporting a true',
    ]);
    expect(detector.findings().map((f) => f.ruleId)).toEqual(['reporting']);
    expect(detector.eventsInWindow).toBe(1);
    expect(detector.needsRecords).toBe(true);
  });

  it('groups described matches (from a worker) like records', () => {
    const direct = new Detector(index([reporting, feedOnly]), {});
    const described = new Detector(index([reporting, feedOnly]), {});
    expect(described.needsRecords).toBe(false);
    for (const t of [timed('a', '2024-06-03T10:00:00Z'), timed('b', '2024-06-03T09:00:00Z')]) {
      direct.consume(t);
      described.admit(t.time, t.record.recipientAccountId, undefined);
      for (const r of [reporting, feedOnly]) described.addDescribed(r, describeMatch(r, t.record));
    }
    expect(described.findings()).toEqual(direct.findings());
    expect(described.findings()[0]!.events.map((e) => e.eventID)).toEqual(['b', 'a']);
    const observing = new Detector(index([reporting]), {}, undefined, { observe: () => {} });
    expect(() =>
      observing.addDescribed(reporting, describeMatch(reporting, timed('c', '2024-06-03T10:00:00Z').record)),
    ).toThrow(/needs the matched records/);
  });
});
