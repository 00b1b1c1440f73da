/**
 * Correlation findings over a generated multi-day stream: one run over the whole span against consecutive
 * scheduled runs that carry the engine's state, through the built-in rules console-login-failures (≥ 5 failures
 * for one user in 15 min) and console-password-spraying (≥ 10 user names of one account and Region in 1 h).
 */
import { describe, expect, it } from '@jest/globals';
import { CorrelationEngine } from '../../src/correlate/engine.js';
import type { Finding } from '../../src/core/finding.js';
import type { CloudTrailRecord } from '../../src/core/record.js';
import { mulberry32 } from '../helpers/random.js';
import {
  DAY,
  deniedToStolenSession,
  eventsByFingerprint,
  feed,
  HOUR,
  loginFailure,
  loginSuccess,
  MINUTE,
  only,
  RECON_CALLS,
  record,
  run,
  type RuleSet,
  loadRuleSet,
} from './helpers.js';

const START = Date.parse('2026-03-01T00:00:00Z');
const END = START + 3 * DAY;

/** Three days of sign-ins: background noise, random bursts of 2–8 failures, planted bursts, one spray. */
function stream(seed: number): CloudTrailRecord[] {
  const random = mulberry32(seed);
  const records: CloudTrailRecord[] = [];
  const users = Array.from({ length: 30 }, (_, i) => `user${i}`);
  // Background: a sign-in every few minutes; one in six fails.
  for (let t = START; t < END; t += Math.floor(2 * MINUTE + random() * 8 * MINUTE)) {
    const user = users[Math.floor(random() * users.length)]!;
    const ip = `198.51.100.${1 + Math.floor(random() * 200)}`;
    records.push(
      random() < 1 / 6 ? loginFailure(t, user, ip) : { ...loginSuccess(t, user), sourceIPAddress: ip },
    );
    if (random() < 0.2) records.push(record(t + 1000, 'ec2.amazonaws.com', 'DescribeInstances'));
  }
  // Random bursts: some over the threshold, some under, anywhere (also across run boundaries).
  for (let b = 0; b < 40; b++) {
    const user = `burst${b}`;
    const at = START + Math.floor(random() * (END - START - HOUR));
    const count = 2 + Math.floor(random() * 7);
    for (let i = 0; i < count; i++) records.push(loginFailure(at + Math.floor(random() * 14 * MINUTE), user));
  }
  // Planted: 5 failures in 8 minutes (fires), 4 in 10 minutes (does not), on day 2.
  for (let i = 0; i < 5; i++)
    records.push(loginFailure(START + DAY + 10 * HOUR + i * 2 * MINUTE, 'planted-over'));
  for (let i = 0; i < 4; i++)
    records.push(loginFailure(START + DAY + 12 * HOUR + i * 150_000, 'planted-under'));
  // Planted: 5 failures spread over 20 minutes: no 15-minute window holds 5.
  for (let i = 0; i < 5; i++)
    records.push(loginFailure(START + DAY + 14 * HOUR + i * 5 * MINUTE, 'planted-slow'));
  // A spray: 12 user names from one address in 40 minutes, straddling the end of day 1.
  for (let i = 0; i < 12; i++)
    records.push(loginFailure(START + DAY - 20 * MINUTE + i * 200_000, `sprayed${i}`, '192.0.2.66'));
  return records;
}

function fingerprintsOf(findings: Finding[], user: string): Finding[] {
  return findings.filter((f) => Object.values(f.group).some((v) => v.endsWith(`:${user}`) || v === user));
}

let set: RuleSet;

describe('correlation over scheduled windows', () => {
  it('loads the built-in correlations', async () => {
    set = await loadRuleSet();
    expect(only(set, 'console-login-failures', 'console-password-spraying')).toHaveLength(2);
  });

  it('one run over the whole span: a burst over the threshold fires once, under it does not', () => {
    const correlations = only(set, 'console-login-failures', 'console-password-spraying');
    const { findings } = run(correlations, set, stream(7), { start: START, end: END });
    const over = fingerprintsOf(findings, 'planted-over');
    expect(over).toHaveLength(1);
    expect(over[0]!.ruleId).toBe('console-login-failures');
    expect(over[0]!.count).toBe(5);
    expect(over[0]!.group).toEqual({ recipientAccountId: '111122223333', actor: 'IAMUser:planted-over' });
    expect(fingerprintsOf(findings, 'planted-under')).toEqual([]);
    expect(fingerprintsOf(findings, 'planted-slow')).toEqual([]);
    const spray = findings.filter((f) => f.ruleId === 'console-password-spraying');
    // Spraying is counted per account and Region (attackers rotate addresses): the one-hour run that holds the
    // spray also holds the other failures of the account in that hour.
    expect(spray.map((f) => f.group)).toEqual([
      { recipientAccountId: '111122223333', awsRegion: 'us-east-1' },
    ]);
    const sprayed = spray[0]!.events.filter((e) => e.sourceIPAddress === '192.0.2.66');
    expect(sprayed).toHaveLength(12);
    // Some of the random bursts fire and some do not: the comparisons below are not vacuous.
    const bursts = findings.filter((f) => f.group.actor?.startsWith('IAMUser:burst'));
    expect(bursts.length).toBeGreaterThan(5);
    expect(bursts.length).toBeLessThan(40);
  });

  for (const [label, overlap] of [
    ['overlapping by 2 hours', 2 * HOUR],
    ['back to back', -1],
  ] as const) {
    it(`three scheduled runs ${label}, state carried, find what one run finds`, () => {
      const correlations = only(set, 'console-login-failures', 'console-password-spraying');
      let reportedTwice = 0;
      for (const seed of [7, 8, 9]) {
        const records = stream(seed);
        const whole = run(correlations, set, records, { start: START, end: END }).findings;
        const runs: Finding[][] = [];
        let state: unknown;
        for (let k = 0; k < 3; k++) {
          const window = { start: k === 0 ? START : START + k * DAY - overlap, end: START + (k + 1) * DAY };
          const result = run(correlations, set, records, window, state);
          expect(result.warning).toBeUndefined();
          runs.push(result.findings);
          state = result.state;
        }
        // What the issue tracker accumulates (the same fingerprint, its events) is what one run finds.
        expect(eventsByFingerprint(...runs)).toEqual(eventsByFingerprint(whole));
        const reported = runs.flatMap((findings) =>
          findings.flatMap((f) => f.events.map((e) => `${f.fingerprint}/${e.eventID}`)),
        );
        reportedTwice += reported.length - new Set(reported).size;
        // Each run reports a burst as one instance: no fingerprint twice in a run.
        for (const findings of runs)
          expect(new Set(findings.map((f) => f.fingerprint)).size).toBe(findings.length);
      }
      // Back to back, no event is reported by two runs; overlapping, the events of a burst in the overlap are
      // reported by both (the state never hides an event of a run's window): the tracker shows them once.
      if (overlap < 0) expect(reportedTwice).toBe(0);
      else expect(reportedTwice).toBeGreaterThan(0);
    });
  }

  it('a burst straddling two non-overlapping windows is found through the carried events', () => {
    const correlations = only(set, 'console-login-failures');
    const boundary = START + DAY;
    const records = [
      ...[4, 3, 2].map((m) => loginFailure(boundary - m * MINUTE, 'straddler')),
      ...[1, 2, 3].map((m) => loginFailure(boundary + m * MINUTE, 'straddler')),
    ];
    const first = { start: START, end: boundary };
    const second = { start: boundary + 1, end: boundary + DAY };
    const withoutState = [run(correlations, set, records, first), run(correlations, set, records, second)];
    expect(withoutState.flatMap((r) => r.findings)).toEqual([]);

    const one = run(correlations, set, records, first);
    expect(one.findings).toEqual([]);
    const two = run(correlations, set, records, second, one.state);
    expect(two.findings).toHaveLength(1);
    expect(two.findings[0]!.events.map((e) => e.eventID)).toEqual(records.map((r) => r.eventID));
    // The second window scanned again with the state it saved: the same finding.
    expect(run(correlations, set, records, second, two.state).findings).toEqual(two.findings);
    // A third run over a window that holds the burst's last events, after the second: the same burst again (one
    // instance, the same fingerprint and events: the issue tracker adds nothing).
    const three = run(correlations, set, records, { start: boundary, end: boundary + 2 * DAY }, two.state);
    expect(three.findings).toEqual(two.findings);
    // A run after the burst, back to back with the second: nothing.
    const four = run(
      correlations,
      set,
      records,
      { start: boundary + DAY + 1, end: boundary + 2 * DAY },
      two.state,
    );
    expect(four.findings).toEqual([]);
  });

  it('a sequence straddling two windows (temporal_ordered) is found through the carried events', () => {
    const correlations = only(set, 'ec2-stop-modify-user-data-start');
    const boundary = START + DAY;
    const ec2 = (t: number, eventName: string, requestParameters: Record<string, unknown>) =>
      record(t, 'ec2.amazonaws.com', eventName, { requestParameters });
    const records = [
      ec2(boundary - 2 * MINUTE, 'StopInstances', { instancesSet: { items: [{ instanceId: 'i-1' }] } }),
      ec2(boundary + MINUTE, 'ModifyInstanceAttribute', { instanceId: 'i-1', attribute: 'userData' }),
      ec2(boundary + 2 * MINUTE, 'StartInstances', { instancesSet: { items: [{ instanceId: 'i-1' }] } }),
    ];
    const one = run(correlations, set, records, { start: START, end: boundary });
    expect(one.findings).toEqual([]);
    const two = run(correlations, set, records, { start: boundary + 1, end: boundary + DAY }, one.state);
    expect(two.findings.map((f) => f.events.map((e) => e.eventName))).toEqual([
      ['StopInstances', 'ModifyInstanceAttribute', 'StartInstances'],
    ]);
    expect(run(correlations, set, records, { start: boundary + 1, end: boundary + DAY }).findings).toEqual(
      [],
    );
    expect(
      run(correlations, set, records, { start: boundary + 1, end: boundary + DAY }, two.state).findings,
    ).toEqual(two.findings);
  });

  it('access-denied-burst (event-count): a recon burst straddling two windows is found once', () => {
    const correlations = only(set, 'access-denied-burst');
    const boundary = START + DAY;
    // 12 refusals of 3 actions before the boundary, 12 of 3 others after: each run alone has 12 calls.
    const before = Array.from({ length: 12 }, (_, i) =>
      deniedToStolenSession(boundary - 12 * MINUTE + i * MINUTE, RECON_CALLS[i % 3]!),
    );
    const after = Array.from({ length: 12 }, (_, i) =>
      deniedToStolenSession(boundary + (i + 1) * MINUTE, RECON_CALLS[3 + (i % 3)]!),
    );
    const records = [...before, ...after];
    const first = { start: START, end: boundary };
    const second = { start: boundary + 1, end: boundary + DAY };
    expect(run(correlations, set, records, first).findings).toEqual([]);
    expect(run(correlations, set, records, second).findings).toEqual([]);

    const one = run(correlations, set, records, first);
    const two = run(correlations, set, records, second, one.state);
    expect(two.findings.map((f) => f.events.map((e) => e.eventID))).toEqual([records.map((r) => r.eventID)]);
    // The same as one run over both windows. A third run whose window holds the whole burst finds it again, as
    // one instance with the same fingerprint; a run after it, back to back with the second, finds nothing.
    const whole = run(correlations, set, records, { start: START, end: boundary + DAY });
    expect(eventsByFingerprint(two.findings)).toEqual(eventsByFingerprint(whole.findings));
    const three = run(
      correlations,
      set,
      records,
      { start: boundary - HOUR, end: boundary + 2 * DAY },
      two.state,
    );
    expect(eventsByFingerprint(three.findings)).toEqual(eventsByFingerprint(whole.findings));
    expect(
      run(correlations, set, records, { start: boundary + DAY + 1, end: boundary + 2 * DAY }, two.state)
        .findings,
    ).toEqual([]);
  });

  it('access-denied-burst (event-count): both counts reached before the horizon fire now; later calls join', () => {
    const correlations = only(set, 'access-denied-burst');
    const boundary = START + DAY;
    const records = Array.from({ length: 26 }, (_, i) =>
      deniedToStolenSession(boundary - 20 * MINUTE + i * MINUTE, RECON_CALLS[i % 5]!),
    );
    const one = run(correlations, set, records, { start: START, end: boundary });
    expect(one.findings.map((f) => f.count)).toEqual([21]);
    // Back to back: the next run's calls join the instance the first reported.
    const two = run(correlations, set, records, { start: boundary + 1, end: boundary + DAY }, one.state);
    expect(two.findings.map((f) => f.fingerprint)).toEqual(one.findings.map((f) => f.fingerprint));
    expect(two.findings[0]!.events.map((e) => e.eventID)).toEqual(records.slice(21).map((r) => r.eventID));
    // Overlapping the first by an hour: the burst lies in this run's window, reported whole, the same fingerprint.
    const late = run(correlations, set, records, { start: boundary - HOUR, end: boundary + DAY }, one.state);
    expect(late.findings.map((f) => f.fingerprint)).toEqual(one.findings.map((f) => f.fingerprint));
    expect(late.findings[0]!.events.map((e) => e.eventID)).toEqual(records.map((r) => r.eventID));
  });

  it('a burst that crosses the horizon is reported at once and its later events join it next run', () => {
    const correlations = only(set, 'console-login-failures');
    const boundary = START + DAY;
    const records = [-6, -5, -4, -3, -2, 1, 2].map((m) => loginFailure(boundary + m * MINUTE, 'fast'));
    const one = run(correlations, set, records, { start: START, end: boundary });
    expect(one.findings.map((f) => f.count)).toEqual([5]);
    // The first window scanned again with its state: the same finding.
    expect(run(correlations, set, records, { start: START, end: boundary }, one.state).findings).toEqual(
      one.findings,
    );
    const two = run(correlations, set, records, { start: boundary + 1, end: boundary + DAY }, one.state);
    expect(two.findings.map((f) => f.fingerprint)).toEqual(one.findings.map((f) => f.fingerprint));
    expect(two.findings[0]!.events.map((e) => e.eventID)).toEqual(records.slice(5).map((r) => r.eventID));
    // The second window scanned again with the state it saved: the joining events again, not a new instance.
    expect(
      run(correlations, set, records, { start: boundary + 1, end: boundary + DAY }, two.state).findings,
    ).toEqual(two.findings);
  });

  it('the order in which matches arrive does not change the findings', () => {
    const correlations = only(set, 'console-login-failures', 'console-password-spraying');
    const records = stream(11);
    const results = [1, 2, 3].map((seed) => {
      const engine = new CorrelationEngine(correlations, { window: { start: START, end: END } });
      feed(engine, set, records, { start: START, end: END }, seed);
      return engine.findings();
    });
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
  });

  it('runs without state, and answers junk state with a warning and a fresh start', () => {
    const correlations = only(set, 'console-login-failures');
    const records = [0, 1, 2, 3, 4].map((m) => loginFailure(START + m * MINUTE, 'someone'));
    const engine = new CorrelationEngine(correlations, { window: { start: START, end: END } });
    expect(engine.importState(undefined)).toBeUndefined();
    for (const junk of [
      'text',
      42,
      [],
      { version: 99, correlations: [] },
      { version: 1, correlations: [{ ruleId: 1 }] },
    ]) {
      expect(new CorrelationEngine(correlations).importState(junk)).toMatch(
        /correlation state ignored \(.+\)/,
      );
    }
    const fresh = new CorrelationEngine(correlations, { window: { start: START, end: END } });
    expect(fresh.importState({ version: 1, correlations: [{ ruleId: 'x' }] })).toMatch(/malformed/);
    feed(fresh, set, records, { start: START, end: END });
    expect(fresh.findings()).toHaveLength(1);
    expect(fresh.exportState(END)).toMatchObject({ version: 2 });
  });

  it('drops carried windows of a correlation whose timespan changed', () => {
    const correlations = only(set, 'console-login-failures');
    const boundary = START + DAY;
    const records = [3, 2, 1, -1, -2].map((m) => loginFailure(boundary - m * MINUTE, 'changed'));
    const one = run(correlations, set, records, { start: START, end: boundary });
    const state = JSON.parse(JSON.stringify(one.state)) as { correlations: { timespanMs: number }[] };
    state.correlations[0]!.timespanMs = 10 * MINUTE;
    const second = { start: boundary + 1, end: boundary + DAY };
    expect(run(correlations, set, records, second, one.state).findings).toHaveLength(1);
    const two = run(correlations, set, records, second, state);
    expect(two.warning).toBeUndefined();
    expect(two.findings).toEqual([]);
  });
});
