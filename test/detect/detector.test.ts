import { describe, expect, it } from '@jest/globals';
import { ruleSetOf, scanRecords } from '../helpers/scan-records.js';
import type { CompiledRule } from '../../src/rules/compile.js';
import type { DetectionRule } from '../../src/rules/model.js';
import type { CloudTrailRecord } from '../../src/core/record.js';
import type { Severity } from '../../src/core/severity.js';

function rule(ruleId: string, eventName: string, extra: Partial<DetectionRule> = {}): CompiledRule {
  const sigma: DetectionRule = {
    ruleId,
    title: `${eventName} seen`,
    kind: 'event',
    description: '',
    level: 'medium' as Severity,
    author: 'tester',
    references: [],
    tags: [],
    attack: ['T1098.001'],
    falsepositives: [],
    fields: ['requestParameters.userName'],
    groupBy: ['recipientAccountId', 'actor'],
    logsource: { product: 'aws', service: 'cloudtrail' },
    detection: {},
    file: `${ruleId}.yml`,
    builtin: true,
    ...extra,
  };
  return {
    rule: sigma,
    eventNames: new Set([eventName.toLowerCase()]),
    eventNamesAsWritten: [eventName],
    matches: (r: Record<string, unknown>) => r.eventName === eventName,
  };
}

async function detect(rules: CompiledRule[], records: CloudTrailRecord[], window = {}) {
  return scanRecords(ruleSetOf(rules), records, { window });
}

function record(id: string, time: string, user: string, extra: object = {}): CloudTrailRecord {
  const rec = {
    eventID: id,
    eventTime: time,
    eventName: 'CreateAccessKey',
    eventSource: 'iam.amazonaws.com',
    awsRegion: 'us-east-1',
    recipientAccountId: '111122223333',
    sourceIPAddress: '203.0.113.7',
    userAgent: 'aws-cli/2',
    userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::111122223333:user/${user}` },
    requestParameters: { userName: 'victim' },
    ...extra,
  } as CloudTrailRecord;
  return rec;
}

describe('Detector', () => {
  it('groups matches by rule, account and actor, with every event oldest first', async () => {
    const { findings } = await detect(
      [rule('iam-access-key-created', 'CreateAccessKey')],
      [
        record('b', '2024-06-03T10:05:00Z', 'mallory'),
        record('a', '2024-06-03T10:00:00Z', 'mallory'),
        record('c', '2024-06-03T11:00:00Z', 'alice'),
        record('d', '2024-06-03T11:00:00Z', 'alice', { eventName: 'CreateUser' }),
      ],
    );
    expect(findings).toHaveLength(2);
    const mallory = findings.find((f) => f.group.actor?.endsWith('/mallory'))!;
    expect(mallory).toMatchObject({
      ruleId: 'iam-access-key-created',
      severity: 'medium',
      count: 2,
      firstSeen: '2024-06-03T10:00:00Z',
      lastSeen: '2024-06-03T10:05:00Z',
      author: 'tester',
      attack: ['T1098.001'],
      group: { recipientAccountId: '111122223333', actor: 'arn:aws:iam::111122223333:user/mallory' },
    });
    expect(mallory.events.map((e) => e.eventID)).toEqual(['a', 'b']);
    expect(mallory.events[0]).toEqual({
      eventID: 'a',
      eventTime: '2024-06-03T10:00:00Z',
      eventSource: 'iam.amazonaws.com',
      eventName: 'CreateAccessKey',
      awsRegion: 'us-east-1',
      recipientAccountId: '111122223333',
      actor: 'arn:aws:iam::111122223333:user/mallory',
      sourceIPAddress: '203.0.113.7',
      userAgent: 'aws-cli/2',
      details: { 'requestParameters.userName': 'victim' },
    });
    expect(mallory.fingerprint).toMatch(/^[0-9a-f]{32}$/);
  });

  it('gives the same fingerprints and order whatever the input order', async () => {
    const inputs = [
      record('a', '2024-06-03T10:00:00Z', 'u1'),
      record('b', '2024-06-03T10:01:00Z', 'u2'),
      record('c', '2024-06-03T10:02:00Z', 'u1'),
    ];
    const run = async (order: typeof inputs) =>
      (await detect([rule('r', 'CreateAccessKey')], order)).findings;
    expect(await run([...inputs].reverse())).toEqual(await run(inputs));
  });

  it('uses the rule grouping fields for the fingerprint', async () => {
    const perUser = rule('per-target', 'CreateAccessKey', { groupBy: ['requestParameters.userName'] });
    const { findings } = await detect(
      [perUser],
      [
        record('a', '2024-06-03T10:00:00Z', 'u1'),
        record('b', '2024-06-03T10:00:00Z', 'u2'),
        record('c', '2024-06-03T10:00:00Z', 'u2', { requestParameters: { userName: 'other' } }),
      ],
    );
    expect(findings.map((f) => f.group['requestParameters.userName']).sort()).toEqual(['other', 'victim']);
  });

  it('counts and matches only the events inside the window (inclusive bounds)', async () => {
    const window = { start: Date.parse('2024-06-03T10:00:00Z'), end: Date.parse('2024-06-03T11:00:00Z') };
    const result = await detect(
      [rule('r', 'CreateAccessKey')],
      [
        record('early', '2024-06-03T09:59:59Z', 'u'),
        record('start', '2024-06-03T10:00:00Z', 'u'),
        record('end', '2024-06-03T11:00:00Z', 'u'),
        record('late', '2024-06-03T11:00:01Z', 'u'),
      ],
      window,
    );
    expect(result.stats.eventsScanned).toBe(4);
    expect(result.stats.eventsInWindow).toBe(2);
    expect(result.findings[0]!.events.map((e) => e.eventID)).toEqual(['start', 'end']);
  });

  it('sorts findings most severe first', async () => {
    const { findings, folded } = await detect(
      [
        rule('low', 'CreateAccessKey', { level: 'low' }),
        rule('crit', 'CreateAccessKey', { level: 'critical' }),
      ],
      [record('a', '2024-06-03T10:00:00Z', 'u')],
    );
    // Both matched the one event: the critical finding reports it, the low one is folded into it.
    expect([...findings, ...folded].map((f) => f.severity)).toEqual(['critical', 'low']);
    expect(folded[0]!.foldedInto).toBe(findings[0]!.fingerprint);
  });
});
