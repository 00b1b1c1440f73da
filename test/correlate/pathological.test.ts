/**
 * The engine on the inputs that made it quadratic (issue #17): one application reading the same secrets over and
 * over (one group, two values, 200,000 events), every event a distinct value, and many groups. Records arrive in a
 * shuffled order. The walk's linearity itself is counted in windows.test.ts; here the findings must be exact.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { CorrelationEngine } from '../../src/correlate/engine.js';
import { MAX_CARRIED_PER_GROUP } from '../../src/correlate/state.js';
import type { CloudTrailRecord } from '../../src/core/record.js';
import { heapHeldBy } from '../helpers/heap.js';
import { mulberry32 } from '../helpers/random.js';
import { ACCOUNT, DAY, HOUR, MINUTE, only, record, type RuleSet, loadRuleSet } from './helpers.js';

const START = Date.parse('2026-03-02T00:00:00Z');
const N = 200_000;
let set: RuleSet;
beforeAll(async () => {
  set = await loadRuleSet();
});

interface Read {
  time: number;
  secret: string;
  role: string;
}

const arn = (name: string) => `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:${name}`;
const identities = new Map<string, Record<string, unknown>>();
/** One role's session, shared by its records (as the texts of parsed records are equal, if not shared). */
function session(role: string): Record<string, unknown> {
  let identity = identities.get(role);
  if (!identity) {
    identity = {
      type: 'AssumedRole',
      principalId: `AROAEXAMPLE${role.toUpperCase()}:session`,
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${role}/session`,
      accountId: ACCOUNT,
      sessionContext: {
        sessionIssuer: {
          type: 'Role',
          principalId: `AROAEXAMPLE${role.toUpperCase()}`,
          arn: `arn:aws:iam::${ACCOUNT}:role/${role}`,
          accountId: ACCOUNT,
          userName: role,
        },
      },
    };
    identities.set(role, identity);
  }
  return identity;
}

function secretRead({ time, secret, role }: Read): CloudTrailRecord {
  return record(time, 'secretsmanager.amazonaws.com', 'GetSecretValue', {
    userIdentity: session(role),
    sourceIPAddress: '10.0.1.17',
    userAgent: 'aws-sdk-js/3.535.0 ua/2.0 os/linux lang/js md/nodejs#20.11.1 api/secrets-manager#3.535.0',
    requestParameters: { secretId: arn(secret) },
  });
}

/** Feeds the reads to a bulk-secret-retrieval engine in a shuffled order; returns its findings and event ids. */
function scan(reads: Read[], seed = 1) {
  const engine = new CorrelationEngine(only(set, 'bulk-secret-retrieval'), { window: {} });
  const random = mulberry32(seed);
  const order = reads.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const ids: string[] = new Array<string>(reads.length);
  for (const i of order) {
    const r = secretRead(reads[i]!);
    ids[i] = r.eventID as string;
    const time = Date.parse(r.eventTime);
    for (const rule of set.index.candidates(r.eventName))
      if (rule.matches(r)) engine.observe(rule, { record: r, time }, true);
  }
  return { engine, findings: engine.findings(), ids };
}

/** One application over a day: `count` reads of two secrets, spread evenly (CloudTrail times are in seconds). */
function application(count: number, role = 'app-api'): Read[] {
  return Array.from({ length: count }, (_, i) => ({
    time: START + Math.floor((i * DAY) / count / 1000) * 1000,
    secret: i % 3 === 0 ? 'prod/app/api-key' : 'prod/app/db',
    role,
  }));
}

describe('correlation on pathological inputs', () => {
  it('one group, two values repeated 200,000 times: nothing to report', () => {
    const { engine, findings } = scan(application(N));
    expect(findings).toEqual([]);
    // Without a window end the state keeps the last timespan's events, within its per-group bound.
    const state = engine.exportState(START + DAY) as { correlations: { groups: { events: unknown[] }[] }[] };
    expect(state.correlations[0]!.groups[0]!.events).toHaveLength(MAX_CARRIED_PER_GROUP);
  });

  it('… and three other secrets read in the middle: one instance holding every event of its run', () => {
    const reads = application(N);
    const burst = START + 13 * HOUR;
    const others = ['prod/billing/db', 'prod/ledger/db', 'prod/hr/api-key'];
    others.forEach((secret, k) => reads.push({ time: burst + k * MINUTE, secret, role: 'app-api' }));
    const { findings, ids } = scan(reads);
    expect(findings).toHaveLength(1);
    // Every earlier run lacks the third new secret; the first run that reaches it starts at the first event at
    // or after (its time − 1 h), and holds everything up to one hour later.
    const last = burst + 2 * MINUTE;
    const anchor = Math.min(...reads.map((r) => r.time).filter((t) => t >= last - HOUR));
    const expected = reads
      .map((r, i) => ({ time: r.time, id: ids[i]! }))
      .filter((r) => r.time >= anchor && r.time <= anchor + HOUR)
      .sort((a, b) => a.time - b.time || (a.id < b.id ? -1 : 1))
      .map((r) => r.id);
    expect(expected.length).toBeGreaterThan(8_000);
    expect(findings[0]!.count).toBe(expected.length);
    expect(findings[0]!.events.map((e) => e.eventID)).toEqual(expected);
    expect(findings[0]!.group).toEqual({
      recipientAccountId: ACCOUNT,
      actor: `arn:aws:iam::${ACCOUNT}:role/app-api/session`,
    });
  });

  it('every read a different secret: every run fires, and the finding lists all 100,000 events', () => {
    const reads = application(N / 2).map((r, i) => ({ ...r, secret: `tenant-${i}` }));
    const { findings, ids } = scan(reads, 2);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.count).toBe(N / 2);
    expect(new Set(findings[0]!.events.map((e) => e.eventID))).toEqual(new Set(ids));
  });

  it('25,000 groups, one of them over the threshold', () => {
    const reads: Read[] = [];
    for (let g = 0; g < 25_000; g++)
      for (let k = 0; k < 4; k++)
        reads.push({ time: START + g * 1000 + k, secret: `s${k}`, role: `fn-${g}` });
    for (let k = 4; k < 9; k++) reads.push({ time: START + k * MINUTE, secret: `s${k}`, role: 'fn-7' });
    const { findings } = scan(reads, 3);
    expect(findings.map((f) => [f.group.actor, f.count])).toEqual([
      [`arn:aws:iam::${ACCOUNT}:role/fn-7/session`, 9],
    ]);
  });
  it('holds at most maxEventsHeld events, and says how many it left out', () => {
    const engine = new CorrelationEngine(only(set, 'bulk-secret-retrieval'), {
      window: {},
      maxEventsHeld: 1000,
    });
    // 1500 reads of distinct secrets by one role within a minute: one instance, of the 1000 events held.
    for (let i = 0; i < 1500; i++) {
      const r = secretRead({ time: START + i * 10, secret: `tenant-${i}`, role: 'app-api' });
      for (const rule of set.index.candidates(r.eventName))
        if (rule.matches(r)) engine.observe(rule, { record: r, time: Date.parse(r.eventTime) }, true);
    }
    expect(engine.findings().map((f) => f.count)).toEqual([1000]);
    expect(engine.notes()).toEqual([
      'correlation: 500 matching events were left out (more than 1000 held); counts may be low',
    ]);
  });

  it('keeps the events it holds on disk: in memory, each is its id, time, rules and values', () => {
    // Each event with a user agent of its own: 2 kB that no two events share.
    const userAgent = (i: number) => `app/1.0 (${i}) ${'x'.repeat(2000)}`;
    const records = Array.from({ length: 30_000 }, (_, i) => ({
      ...secretRead({ time: START + i * 1000, secret: i % 3 === 0 ? 'a' : 'b', role: 'app-api' }),
      userAgent: userAgent(i),
    }));
    // Matched first: what the rules keep (their caches) is not the engine's.
    const matches = records.flatMap((r) =>
      set.index
        .candidates(r.eventName)
        .filter((rule) => rule.matches(r))
        .map((rule) => ({ rule, timed: { record: r, time: Date.parse(r.eventTime) } })),
    );
    let engine: CorrelationEngine | undefined;
    const held = heapHeldBy(() => {
      engine = new CorrelationEngine(only(set, 'bulk-secret-retrieval'), { window: {} });
      for (const { rule, timed } of matches) engine.observe(rule, timed, true);
      return engine;
    });
    // About 200 bytes an event; with their events in memory (2 kB each), 60 MB and more.
    expect(held).toBeLessThan(12_000_000);
    const state = engine!.exportState(START + DAY) as {
      correlations: { groups: { events: { event?: { userAgent: string } }[] }[] }[];
    };
    // What the state carries is read back from disk.
    const carried = state.correlations[0]!.groups[0]!.events;
    expect(carried[carried.length - 1]!.event!.userAgent).toBe(userAgent(29_999));
  });
});
