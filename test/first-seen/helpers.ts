import { FirstSeenEngine, type FirstSeenOptions } from '../../src/first-seen/engine.js';
import type { Finding } from '../../src/core/finding.js';
import type { TimedRecord } from '../../src/core/record.js';
import { compileRule, type CompiledRule } from '../../src/rules/compile.js';
import type { CloudTrailRecord } from '../../src/core/record.js';
import { parseRuleFile } from '../../src/rules/parse.js';
import { mulberry32 } from '../helpers/random.js';

export const DAY = 86_400_000;
export const HOUR = 3_600_000;
/** 2026-01-01T00:00:00Z: day 0 of generated streams. */
export const T0 = Date.UTC(2026, 0, 1);
export const ACCOUNT = '111122223333';

/** A first-seen rule parsed from YAML, as a rule file would hold it. */
export function firstSeenRule(
  name: string,
  eventName: string,
  firstSeen: string,
  eventSource = 'ssm.amazonaws.com',
): CompiledRule {
  const text = [
    `title: ${eventName} by a new ${name}`,
    `name: ${name}`,
    'logsource: {product: aws, service: cloudtrail}',
    'detection:',
    '    selection:',
    `        eventSource: ${eventSource}`,
    `        eventName: ${eventName}`,
    '        errorCode: null',
    '    condition: selection',
    'level: low',
    'first_seen:',
    ...firstSeen.split('\n').map((line) => `    ${line}`),
  ].join('\n');
  const parsed = parseRuleFile(text, `${name}.yml`, false);
  if (parsed.problems.length > 0) throw new Error(parsed.problems.map((p) => p.message).join('; '));
  return compileRule(parsed.rules[0]!);
}

export interface EventSpec {
  id: string;
  time: number;
  user: string;
  eventName?: string;
  eventSource?: string;
  ip?: string;
  userAgent?: string;
  region?: string;
}

/** A CloudTrail record shaped as CloudTrail writes it (an IAM user calling the API). */
export function record(spec: EventSpec): TimedRecord {
  const rec = {
    eventVersion: '1.09',
    userIdentity: {
      type: 'IAMUser',
      principalId: `AIDA${spec.user.toUpperCase()}`,
      arn: `arn:aws:iam::${ACCOUNT}:user/${spec.user}`,
      accountId: ACCOUNT,
      accessKeyId: `AKIA${spec.user.toUpperCase().padEnd(16, 'X')}`,
      userName: spec.user,
    },
    eventTime: new Date(spec.time).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    eventSource: spec.eventSource ?? 'ssm.amazonaws.com',
    eventName: spec.eventName ?? 'SendCommand',
    awsRegion: spec.region ?? 'eu-west-1',
    sourceIPAddress: spec.ip ?? '203.0.113.10',
    userAgent:
      spec.userAgent ??
      'aws-cli/2.15.0 md/awscrt#0.19.19 ua/2.0 os/linux#6.5 md/arch#x86_64 lang/python#3.11',
    requestParameters: { instanceIds: ['i-0abc'], documentName: 'AWS-RunShellScript' },
    responseElements: null,
    requestID: `req-${spec.id}`,
    eventID: spec.id,
    readOnly: false,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: ACCOUNT,
    eventCategory: 'Management',
  };
  return { record: rec as unknown as CloudTrailRecord, time: Date.parse(rec.eventTime) };
}

export interface RunInput {
  rules: CompiledRule[];
  records: TimedRecord[];
  window: { start: number; end: number };
  /** The state section of the previous run (already through JSON, as a store gives it back). */
  state?: unknown;
  /** Give records before the window (within the longest history) to observe(..., false), as the files at hand. */
  historyRecords?: boolean;
  /** Call historyDelivered(since) (a LookupEvents backfill from `since`). */
  declaredSince?: number;
  /** Seed for the order in which matches reach observe() (the detector's order may vary). */
  shuffleSeed?: number;
  options?: FirstSeenOptions;
}

export interface RunOutput {
  engine: FirstSeenEngine;
  findings: Finding[];
  state: unknown;
  warning?: string;
}

/** One scheduled run: what the detector would hand the engine, then the state as a store would save it. */
export function run(input: RunInput): RunOutput {
  const engine = new FirstSeenEngine(input.rules, input.window, input.options);
  const warning = input.state === undefined ? undefined : engine.importState(input.state);
  if (input.declaredSince !== undefined) engine.historyDelivered(input.declaredSince);
  const longest = Math.max(...input.rules.map((r) => r.rule.firstSeen!.history)) * 1000;
  const calls: [CompiledRule, TimedRecord, boolean][] = [];
  for (const timed of input.records) {
    const inWindow = timed.time >= input.window.start && timed.time <= input.window.end;
    const history =
      input.historyRecords && timed.time < input.window.start && timed.time >= input.window.start - longest;
    if (!inWindow && !history) continue;
    for (const rule of input.rules) if (rule.matches(timed.record)) calls.push([rule, timed, inWindow]);
  }
  if (input.shuffleSeed !== undefined) shuffle(calls, mulberry32(input.shuffleSeed));
  for (const [rule, timed, inWindow] of calls) engine.observe(rule, timed, inWindow);
  const findings = engine.findings();
  const state = JSON.parse(JSON.stringify(engine.exportState(input.window.end))) as unknown;
  return { engine, findings, state, ...(warning ? { warning } : {}) };
}

function shuffle<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}

/** fingerprint → sorted event ids, merged over runs (what the issue tracker ends up holding). */
export function eventsByFingerprint(findings: Finding[]): Map<string, string[]> {
  const merged = new Map<string, Set<string>>();
  for (const finding of findings) {
    const ids = merged.get(finding.fingerprint) ?? new Set<string>();
    for (const event of finding.events) ids.add(event.eventID);
    merged.set(finding.fingerprint, ids);
  }
  return new Map([...merged].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, [...v].sort()]));
}
