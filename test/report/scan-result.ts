import type { Finding, FindingEvent } from '../../src/core/finding.js';
import type { ScanResult } from '../../src/core/result.js';
import { ScanStats } from '../../src/core/stats.js';
import type { DetectionRule } from '../../src/rules/model.js';
import type { Severity } from '../../src/core/severity.js';

/** Hand-built scan results for report tests (no files, no rules engine). */

export function sigmaRule(overrides: Partial<DetectionRule> = {}): DetectionRule {
  return {
    ruleId: 'iam-access-key-created',
    kind: 'event',
    uuid: '20f0595e-ff4c-4d6c-b5d5-d4ede1b2484e',
    title: 'IAM access key created',
    description: 'A new access key was created for an IAM user.',
    status: 'stable',
    level: 'medium',
    author: 'cloudtrail-audit',
    references: ['https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateAccessKey.html'],
    tags: ['attack.persistence', 'attack.t1098.001'],
    attack: ['T1098.001'],
    falsepositives: ['Users rotating their own keys.'],
    fields: ['requestParameters.userName'],
    groupBy: ['recipientAccountId', 'actor'],
    triage: '- Who created the key, for whom?',
    remediation: '- Deactivate the key.',
    logsource: { product: 'aws', service: 'cloudtrail' },
    detection: { selection: { eventName: 'CreateAccessKey' }, condition: 'selection' },
    file: 'rules/builtin/iam-access-key-created.yml',
    builtin: true,
    ...overrides,
  };
}

export function findingEvent(i: number, overrides: Partial<FindingEvent> = {}): FindingEvent {
  return {
    eventID: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    eventTime: new Date(Date.UTC(2024, 5, 3, 10, 0, 0) + i * 1000).toISOString().replace('.000', ''),
    eventSource: 'iam.amazonaws.com',
    eventName: 'CreateAccessKey',
    awsRegion: 'us-east-1',
    recipientAccountId: '111122223333',
    actor: 'arn:aws:iam::111122223333:user/alice',
    sourceIPAddress: '198.51.100.7',
    userAgent: 'aws-cli/2.15.0',
    ...overrides,
  };
}

export function finding(
  i: number,
  options: { severity?: Severity; rule?: DetectionRule; events?: FindingEvent[]; fingerprint?: string } = {},
): Finding {
  const rule = options.rule ?? sigmaRule();
  const events = options.events ?? [findingEvent(i)];
  return {
    ruleId: rule.ruleId,
    title: rule.title,
    severity: options.severity ?? rule.level,
    fingerprint: options.fingerprint ?? i.toString(16).padStart(32, '0'),
    firstSeen: events[0]!.eventTime,
    lastSeen: events[events.length - 1]!.eventTime,
    count: events.length,
    author: rule.author,
    attack: rule.attack,
    group: { recipientAccountId: events[0]!.recipientAccountId, actor: events[0]!.actor },
    events,
  };
}

export function scanResult(overrides: Partial<ScanResult> = {}): ScanResult {
  const findings = overrides.findings ?? [];
  const suppressed = overrides.suppressed ?? [];
  const accounts = [
    ...new Set([...findings, ...suppressed].flatMap((f) => f.events.map((e) => e.recipientAccountId))),
  ].sort();
  return {
    window: { start: '2024-06-03T00:00:00.000Z', end: '2024-06-04T00:00:00.000Z' },
    stats: new ScanStats(),
    findings,
    folded: [],
    suppressed,
    seen: { accounts, regions: ['us-east-1'], more: false },
    expiredAllowlistEntries: [],
    rules: {
      active: 1,
      catalogue: [sigmaRule()],
      problems: [],
      warnings: [],
      skipped: [],
      excluded: [],
      belowMinSeverity: 0,
    },
    analysis: {
      correlationRules: 0,
      firstSeenRules: 0,
      learning: [],
      state: null,
      stateLoaded: false,
      notes: [],
    },
    durationMs: 12,
    ...overrides,
  };
}
