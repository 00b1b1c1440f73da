/**
 * The issue's "Done when" for LookupEvents: a scoped 90-day run for one access key over an account of 100,000
 * events (four Regions, the attack chain of the corpus generator inside) makes only the calls that key's events
 * need, counted here from the data with LookupEvents' own semantics, finds the key's attack events and nothing of
 * anyone else's; `--follow` picks up the key it created, the role session it assumed and the console password it
 * set, each hop shown. Through the CLI in-process, the real SDK client and the loopback CloudTrail server.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { DEFAULT_ENABLED_REGIONS } from '../../src/investigate/index.js';
import { CloudTrailTestServer, toLookupEvent, type LookupEvent } from '../helpers/cloudtrail-server.js';
import { tempDir } from '../helpers/run-process.js';
import {
  ACCOUNT,
  BACKDOOR_KEY,
  BACKDOOR_USER,
  LEAKED_KEY,
  SESSION_ARN,
  SESSION_KEY,
  compromisedAccount,
  type CompromisedAccount,
} from './compromised-account.js';

const NOW = Date.now();
const ENV: Record<string, string | undefined> = {
  AWS_ACCESS_KEY_ID: 'AKIDLOOPBACKTESTKEY1',
  AWS_SECRET_ACCESS_KEY: 'loopback-secret',
  AWS_SESSION_TOKEN: undefined,
  AWS_PROFILE: undefined,
  AWS_REGION: 'us-east-1',
};
const saved: Record<string, string | undefined> = {};
let server: CloudTrailTestServer;
let account: CompromisedAccount;
/** The account as LookupEvents sees it: each Region's events with their lookup attributes. */
const lookupView = new Map<string, LookupEvent[]>();

beforeAll(async () => {
  account = compromisedAccount({ end: new Date(NOW) });
  server = await CloudTrailTestServer.start({ requestsPerSecond: 1000 });
  for (const [region, records] of account.byRegion) {
    server.setEvents(region, records);
    lookupView.set(region, records.map(toLookupEvent));
  }
  for (const [key, value] of Object.entries({ ...ENV, AWS_ENDPOINT_URL_CLOUDTRAIL: server.url })) {
    saved[key] = process.env[key];
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
}, 60_000);

afterAll(async () => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  await server?.close();
});

/** Calls a lookup needs in every default Region: one per 50 events, and one to learn that a Region has none. */
function callsNeeded(match: (e: LookupEvent) => boolean): number {
  return DEFAULT_ENABLED_REGIONS.reduce((sum, region) => {
    const n = (lookupView.get(region) ?? []).filter(match).length;
    return sum + Math.max(1, Math.ceil(n / 50));
  }, 0);
}

async function investigate(args: string[]) {
  const dir = tempDir('cta-investigate-');
  const files = {
    summary: join(dir, 'summary.md'),
    timeline: join(dir, 'timeline.jsonl'),
    findings: join(dir, 'findings.json'),
  };
  let stdout = '';
  let stderr = '';
  server.requests.length = 0;
  const code = await main(
    [
      'scan',
      '--source',
      'lookup-events',
      ...args,
      '--summary-file',
      files.summary,
      '--timeline-file',
      files.timeline,
      '--findings-file',
      files.findings,
      '--explain',
    ],
    { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTTY: false, now: () => NOW },
  );
  const timeline = readFileSync(files.timeline, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, string>);
  const findings = JSON.parse(readFileSync(files.findings, 'utf8')) as {
    stats: { apiCalls: number };
    findings: { ruleId: string; events: { eventID: string }[] }[];
    folded: { ruleId: string; events: { eventID: string }[] }[];
  };
  return { code, stdout, stderr, summary: readFileSync(files.summary, 'utf8'), timeline, findings };
}

const ids = (records: Record<string, unknown>[]) => records.map((r) => r.eventID as string).sort();

describe('an investigation of one access key over 100,000 events (LookupEvents)', () => {
  it('makes only the calls the key’s events need and finds exactly its events', async () => {
    expect(account.total).toBe(100_000);
    const run = await investigate(['--access-key-id', LEAKED_KEY]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);

    // Every request asked for the key, in each default Region, over the last 90 days.
    expect(server.requests.length).toBeGreaterThan(0);
    for (const request of server.requests) {
      expect(request.attribute).toEqual({ key: 'AccessKeyId', value: LEAKED_KEY });
      expect(request.status).toBe(200);
      expect(request.endTime! - request.startTime!).toBeCloseTo(90 * 86_400, -1);
    }
    expect(new Set(server.requests.map((r) => r.region))).toEqual(new Set(DEFAULT_ENABLED_REGIONS));
    const needed = callsNeeded((e) => e.AccessKeyId === LEAKED_KEY);
    const keyEventCount = account.attack.leaked.length;
    expect(server.calls()).toBe(needed);
    expect(needed).toBeLessThan(25); // 17 Regions asked once, two of them for more than one page
    expect(run.findings.stats.apiCalls).toBe(server.calls());

    // Exactly the key's events: its routine and the attack's first steps, nobody else's.
    expect(run.timeline.map((e) => e.eventID).sort()).toEqual(ids(account.attack.leaked));
    for (const event of run.timeline) expect(event['userIdentity.accessKeyId']).toBe(LEAKED_KEY);
    // Every rule that matched the key's events, reported on its own or folded into the finding that carries them.
    const raised = [...run.findings.findings, ...run.findings.folded];
    const rules = new Set(raised.map((f) => f.ruleId));
    expect([...rules]).toEqual(expect.arrayContaining(['iam-user-created', 'iam-access-key-created']));
    expect(rules.has('guardduty-detector-deleted')).toBe(false); // the new user's, not the key's
    const keyEvents = new Set(ids(account.attack.leaked));
    for (const finding of raised) {
      for (const event of finding.events)
        expect([finding.ruleId, keyEvents.has(event.eventID)]).toEqual([finding.ruleId, true]);
    }
    const lookAlike = new Set(ids(account.lookAlikes));
    expect(run.timeline.some((e) => lookAlike.has(e.eventID!))).toBe(false);

    // The report says what the key did and what it cost.
    expect(run.summary).toContain(`## Investigation of access key ${LEAKED_KEY}`);
    expect(run.summary).toMatch(/\| First seen \| `\d{4}-/);
    expect(run.summary).toContain('`203.0.113.77`');
    expect(run.summary).toContain('```mermaid\ngantt');
    expect(run.stdout).toContain(
      `LookupEvents, scoped: ${needed} requests in 1 round, ${keyEventCount} events`,
    );
    expect(run.stdout).toMatch(/Regions probed: 17 .*found in: us-east-1 \(\d+ events/);
  }, 60_000);

  it('--follow adds the key it created, the role session it assumed and the console password it set, each hop shown', async () => {
    const run = await investigate(['--access-key-id', LEAKED_KEY, '--follow']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const { leaked, backdoor, console, session } = account.attack;
    expect(run.timeline.map((e) => e.eventID).sort()).toEqual(
      ids([...leaked, ...backdoor, ...console, ...session]),
    );
    // The administrator's later session has the same ARN, but another key: not the attacker's.
    const lookAlike = new Set(ids(account.lookAlikes));
    expect(run.timeline.filter((e) => lookAlike.has(e.eventID!))).toEqual([]);

    // Round 1: the key; round 2: what it created, each in every Region; nothing more to follow.
    const lookups = [
      ...new Set(server.requests.map((r) => `${r.attribute!.key}=${r.attribute!.value}`)),
    ].sort();
    expect(lookups).toEqual(
      [
        `AccessKeyId=${LEAKED_KEY}`,
        `AccessKeyId=${BACKDOOR_KEY}`,
        `AccessKeyId=${SESSION_KEY}`,
        `Username=${BACKDOOR_USER}`,
      ].sort(),
    );
    const passwordSet =
      Date.parse(
        account.attack.leaked.find((r) => r.eventName === 'CreateLoginProfile')!.eventTime as string,
      ) / 1000;
    const needed =
      callsNeeded((e) => e.AccessKeyId === LEAKED_KEY) +
      callsNeeded((e) => e.AccessKeyId === BACKDOOR_KEY) +
      callsNeeded((e) => e.AccessKeyId === SESSION_KEY) +
      callsNeeded((e) => e.Username === BACKDOOR_USER && e.EventTime >= passwordSet);
    expect(server.calls()).toBe(needed);
    for (const r of server.requests.filter((r) => r.attribute!.key === 'Username')) {
      expect(r.startTime).toBe(passwordSet); // the console sessions are looked up from the password on
    }

    // Findings of the whole chain, reported on their own or folded into the finding that carries their events.
    const raised = [...run.findings.findings, ...run.findings.folded];
    const rules = new Set(raised.map((f) => f.ruleId));
    for (const id of [
      'iam-user-created',
      'iam-access-key-created',
      'guardduty-detector-deleted',
      'ec2-instances-launched',
      'ec2-instance-connect-ssh-key-pushed',
      'ec2-serial-console-ssh-key-pushed',
      'ssm-send-command',
    ]) {
      expect([id, rules.has(id)]).toEqual([id, true]);
    }

    // Each hop: who created what, with which call.
    const row = (value: string) =>
      run.summary.split('\n').find((line) => line.startsWith(`| \`${value}\``)) ?? '';
    expect(row(LEAKED_KEY)).toContain('| given |');
    expect(row(BACKDOOR_KEY)).toMatch(
      new RegExp(`hop 1: created by \`CreateAccessKey\` of \`${LEAKED_KEY}\``),
    );
    expect(row(SESSION_KEY)).toContain(`\`${SESSION_ARN}\``);
    expect(row(SESSION_KEY)).toMatch(new RegExp(`hop 1: created by \`AssumeRole\` of \`${LEAKED_KEY}\``));
    expect(row(BACKDOOR_USER)).toMatch(/hop 1: console sessions after `CreateLoginProfile`/);
    expect(run.summary).toContain(`⤷ CreateAccessKey by ${LEAKED_KEY}`);
    expect(run.stdout).toContain(`LookupEvents, scoped: ${needed} requests in 2 rounds`);
  }, 60_000);

  it('--user-name keeps the IAM user’s events, not a role session that LookupEvents names alike', async () => {
    const run = await investigate(['--user-name', 'backup-legacy']);
    expect(run.code).toBe(0);
    for (const request of server.requests)
      expect(request.attribute).toEqual({ key: 'Username', value: 'backup-legacy' });
    // LookupEvents answered the role session named backup-legacy too; the investigation dropped it.
    const answered = server.requests.reduce((n, r) => n + r.events, 0);
    expect(answered).toBe(account.attack.leaked.length + 1);
    expect(run.timeline.map((e) => e.eventID).sort()).toEqual(ids(account.attack.leaked));
  }, 60_000);

  it('a role ARN takes in the sessions its AssumeRole events started, then their activity', async () => {
    const run = await investigate(['--principal-arn', `arn:aws:iam::${ACCOUNT}:role/ops-admin`]);
    expect(run.code).toBe(0);
    expect(server.requests[0]!.attribute).toEqual({
      key: 'ResourceName',
      value: `arn:aws:iam::${ACCOUNT}:role/ops-admin`,
    });
    expect(
      server.requests.some((r) => r.attribute!.key === 'AccessKeyId' && r.attribute!.value === SESSION_KEY),
    ).toBe(true);
    expect(run.timeline.map((e) => e.eventID).sort()).toEqual(ids(account.attack.session));
    expect(run.summary).toMatch(
      /session of the role, started by `arn:aws:iam::123456789012:user\/backup-legacy`/,
    );
  }, 60_000);
});
