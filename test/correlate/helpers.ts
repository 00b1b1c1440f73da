/** Shared by the correlation tests: the built-in rule set, CloudTrail records, and a scan-like feed. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { resolveCorrelations, type ResolvedCorrelation } from '../../src/rules/resolve-correlations.js';
import { CorrelationEngine } from '../../src/correlate/engine.js';
import type { TimeWindow } from '../../src/core/window.js';
import type { Finding } from '../../src/core/finding.js';
import type { CompiledRule } from '../../src/rules/compile.js';
import { RuleIndex } from '../../src/rules/index.js';
import { builtinRulesDir, loadRules } from '../../src/rules/load.js';
import type { CloudTrailRecord } from '../../src/core/record.js';
import { mulberry32 } from '../helpers/random.js';
import { ROOT } from '../helpers/run-process.js';

export interface RuleSet {
  rules: CompiledRule[];
  index: RuleIndex;
  correlations: ResolvedCorrelation[];
}

export async function loadRuleSet(paths: string[] = [builtinRulesDir()]): Promise<RuleSet> {
  const loaded = await loadRules(paths, { builtin: paths[0] === builtinRulesDir() });
  if (loaded.problems.length > 0) throw new Error(JSON.stringify(loaded.problems, null, 2));
  const { resolved, problems } = resolveCorrelations(loaded.correlations, loaded.rules);
  if (problems.length > 0) throw new Error(JSON.stringify(problems, null, 2));
  return { rules: loaded.rules, index: new RuleIndex(loaded.rules), correlations: resolved };
}

/** Only the named correlations of a rule set (so a test looks at one rule's findings). */
export function only(set: RuleSet, ...ids: string[]): ResolvedCorrelation[] {
  const chosen = set.correlations.filter((c) => ids.includes(c.rule.ruleId));
  if (chosen.length !== ids.length) throw new Error(`missing correlation among ${ids.join(', ')}`);
  return chosen;
}

/**
 * What the Detector does for an analyzer: every match of every rule of an in-window record reaches observe.
 * Records are fed in a shuffled order (seeded) to show that the engine does not depend on it.
 */
export function feed(
  engine: CorrelationEngine,
  set: RuleSet,
  records: readonly CloudTrailRecord[],
  window: TimeWindow,
  seed = 1,
): void {
  const random = mulberry32(seed);
  const order = records.map((record) => ({ record, key: random() })).sort((a, b) => a.key - b.key);
  for (const { record } of order) {
    const time = Date.parse(record.eventTime);
    if (window.start !== undefined && time < window.start) continue;
    if (window.end !== undefined && time > window.end) continue;
    for (const rule of set.index.candidates(record.eventName)) {
      if (rule.matches(record)) engine.observe(rule, { record, time }, true);
    }
  }
}

export function run(
  correlations: ResolvedCorrelation[],
  set: RuleSet,
  records: readonly CloudTrailRecord[],
  window: TimeWindow,
  state?: unknown,
): { findings: Finding[]; state: unknown; warning: string | undefined } {
  const engine = new CorrelationEngine(correlations, { window });
  const warning = state === undefined ? undefined : engine.importState(JSON.parse(JSON.stringify(state)));
  feed(engine, set, records, window);
  const findings = engine.findings();
  return { findings, state: JSON.parse(JSON.stringify(engine.exportState(window.end ?? 0))), warning };
}

/** Findings as fingerprint → sorted event ids, merged over several runs (what the issue tracker accumulates). */
export function eventsByFingerprint(...runs: Finding[][]): Map<string, string[]> {
  const merged = new Map<string, Set<string>>();
  for (const findings of runs) {
    for (const finding of findings) {
      const ids = merged.get(finding.fingerprint) ?? new Set<string>();
      for (const event of finding.events) ids.add(event.eventID);
      merged.set(finding.fingerprint, ids);
    }
  }
  return new Map([...merged].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, [...v].sort()]));
}

let counter = 0;
export function eventId(): string {
  counter++;
  return `00000000-0000-4000-8000-${counter.toString(16).padStart(12, '0')}`;
}

export const ACCOUNT = '111122223333';

export function iamUser(name: string): Record<string, unknown> {
  return {
    type: 'IAMUser',
    principalId: `AIDA${name.toUpperCase().padEnd(16, 'X')}`,
    arn: `arn:aws:iam::${ACCOUNT}:user/${name}`,
    accountId: ACCOUNT,
    userName: name,
  };
}

export function record(
  time: number,
  eventSource: string,
  eventName: string,
  fields: Partial<CloudTrailRecord> = {},
): CloudTrailRecord {
  return {
    eventVersion: '1.09',
    userIdentity: iamUser('mallory'),
    eventTime: new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    eventSource,
    eventName,
    awsRegion: 'us-east-1',
    sourceIPAddress: '198.51.100.24',
    userAgent: 'aws-cli/2.15.30',
    requestParameters: null,
    responseElements: null,
    eventID: eventId(),
    eventType: 'AwsApiCall',
    recipientAccountId: ACCOUNT,
    ...fields,
  };
}

/** A failed console sign-in for a user (an IAM user, as CloudTrail logs failures: no ARN). */
export function loginFailure(time: number, user: string, ip = '203.0.113.77'): CloudTrailRecord {
  return record(time, 'signin.amazonaws.com', 'ConsoleLogin', {
    userIdentity: {
      type: 'IAMUser',
      principalId: `AIDA${user.toUpperCase()}`,
      accountId: ACCOUNT,
      userName: user,
    },
    sourceIPAddress: ip,
    responseElements: { ConsoleLogin: 'Failure' },
    errorMessage: 'Failed authentication',
    eventType: 'AwsConsoleSignIn',
  });
}

export function loginSuccess(time: number, user: string): CloudTrailRecord {
  return {
    ...loginFailure(time, user),
    responseElements: { ConsoleLogin: 'Success' },
    errorMessage: undefined,
  };
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/**
 * Real denied calls: the Stratus Red Team detonation ec2-get-password-data (test/fixtures/real-cloudtrail,
 * Apache-2.0): a stolen role session refused GetPasswordData 30 times (records 0-29, Client.UnauthorizedOperation)
 * and a user refused AssumeRole twice (32-33, AccessDenied), within 11 seconds.
 */
export const PASSWORD_DATA_DETONATION = JSON.parse(
  readFileSync(
    path.join(
      ROOT,
      'test/fixtures/real-cloudtrail/datadog-stratus-red-team/original/aws.credential-access.ec2-get-password-data.json',
    ),
    'utf8',
  ),
) as CloudTrailRecord[];

/** What a denied call is: the service, the event name, the IAM action and the error code that service uses. */
export interface DeniedCall {
  eventSource: string;
  eventName: string;
  action: string;
  errorCode: string;
}

/** Calls an enumeration tool makes with credentials it does not know yet, as each service refuses them. */
export const RECON_CALLS: DeniedCall[] = [
  ['ec2.amazonaws.com', 'DescribeInstances', 'ec2:DescribeInstances', 'Client.UnauthorizedOperation'],
  ['iam.amazonaws.com', 'ListUsers', 'iam:ListUsers', 'AccessDenied'],
  ['iam.amazonaws.com', 'ListRoles', 'iam:ListRoles', 'AccessDenied'],
  ['s3.amazonaws.com', 'ListBuckets', 's3:ListAllMyBuckets', 'AccessDenied'],
  ['secretsmanager.amazonaws.com', 'ListSecrets', 'secretsmanager:ListSecrets', 'AccessDeniedException'],
  ['lambda.amazonaws.com', 'ListFunctions20150331', 'lambda:ListFunctions', 'AccessDeniedException'],
  ['ssm.amazonaws.com', 'DescribeParameters', 'ssm:DescribeParameters', 'AccessDeniedException'],
].map(
  ([eventSource, eventName, action, errorCode]) =>
    ({ eventSource, eventName, action, errorCode }) as DeniedCall,
);

/**
 * The detonation's first refused GetPasswordData (record 0, the stolen session) as another refused call of the
 * same session at `time`: event source and name, error code and message, request parameters and TLS host
 * changed, a new eventID; identity, address, user agent and Region are the real ones.
 */
export function deniedToStolenSession(time: number, call: DeniedCall): CloudTrailRecord {
  const template = structuredClone(PASSWORD_DATA_DETONATION[0]!) as CloudTrailRecord & {
    userIdentity: { arn: string };
    tlsDetails: Record<string, string>;
  };
  const service = call.eventSource.split('.')[0]!;
  return {
    ...template,
    eventTime: new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    eventSource: call.eventSource,
    eventName: call.eventName,
    errorCode: call.errorCode,
    errorMessage:
      `User: ${template.userIdentity.arn} is not authorized to perform: ${call.action} because no ` +
      `identity-based policy allows the ${call.action} action`,
    requestParameters: null,
    readOnly: true,
    requestID: eventId(),
    eventID: eventId(),
    tlsDetails: {
      ...template.tlsDetails,
      clientProvidedHostHeader: `${service}.${template.awsRegion}.amazonaws.com`,
    },
  };
}
