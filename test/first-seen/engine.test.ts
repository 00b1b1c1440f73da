import { describe, expect, it } from '@jest/globals';
import { gzipSync } from 'node:zlib';
import { FirstSeenEngine, historyRequest } from '../../src/first-seen/engine.js';
import { keyValue } from '../../src/first-seen/derived.js';
import { decodeSection, keyHash } from '../../src/first-seen/state.js';
import type { Finding } from '../../src/core/finding.js';
import type { TimedRecord } from '../../src/core/record.js';
import type { CompiledRule } from '../../src/rules/compile.js';
import { heapHeldBy } from '../helpers/heap.js';
import { mulberry32 } from '../helpers/random.js';
import { DAY, HOUR, T0, eventsByFingerprint, firstSeenRule, record, run } from './helpers.js';

const sendCommandByActor = () =>
  firstSeenRule(
    'ssm-new-actor',
    'SendCommand',
    'fields: [recipientAccountId, actor, eventName]\nhistory: 10d',
  );
const sendCommandFromIp = () =>
  firstSeenRule('ssm-new-ip', 'SendCommand', 'fields: [actor, sourceIPAddress]\nhistory: 3d');
const knownActorNewIp = () =>
  firstSeenRule(
    'ssm-known-actor-new-ip',
    'SendCommand',
    'fields: [actor, sourceIPAddress]\nrequire_known: [actor]\nhistory: 4d',
  );

/** Whole days of the stream, as [start, end] windows of a daily scheduled run (24 h lookback). */
const day = (n: number) => ({ start: T0 + n * DAY, end: T0 + (n + 1) * DAY - 1 });

describe('first-seen on a multi-day stream', () => {
  it('does not report on day 5 a key seen on day 1, and reports a new key', () => {
    const rule = sendCommandByActor();
    const records = [
      record({ id: 'alice-d1', time: T0 + DAY + 9 * HOUR, user: 'alice' }),
      record({ id: 'alice-d5', time: T0 + 5 * DAY + 10 * HOUR, user: 'alice' }),
      record({ id: 'bob-d5', time: T0 + 5 * DAY + 11 * HOUR, user: 'bob' }),
    ];
    // Day 1's run backfilled its history (nothing before), so it judges; its state carries alice's key.
    let state: unknown = run({ rules: [rule], records, window: day(1), declaredSince: T0 - 9 * DAY }).state;
    const reported: string[][] = [];
    for (let n = 2; n <= 5; n++) {
      const out = run({ rules: [rule], records, window: day(n), state });
      state = out.state;
      reported.push(out.findings.map((f) => f.group.actor!));
      expect(out.engine.learning()).toEqual([]);
    }
    expect(reported).toEqual([[], [], [], ['arn:aws:iam::111122223333:user/bob']]);
  });

  it('stores a key as the first 12 characters of the SHA-256 of its values (saved histories stay readable)', () => {
    expect(keyHash(['111122223333', 'arn:aws:iam::111122223333:user/carol', 'SendCommand'])).toBe(
      'FnEcne2g_CKM',
    );
  });

  it('forgets a key not seen for longer than the history, then reports it again', () => {
    const rule = sendCommandByActor();
    const records = [
      record({ id: 'carol-d1', time: T0 + DAY + HOUR, user: 'carol' }),
      record({ id: 'carol-d13', time: T0 + 13 * DAY + HOUR, user: 'carol' }),
    ];
    const carolKey = keyHash(['111122223333', 'arn:aws:iam::111122223333:user/carol', 'SendCommand']);
    let state: unknown;
    const fingerprints: string[] = [];
    const stored: boolean[] = [];
    for (let n = 1; n <= 13; n++) {
      const out = run({ rules: [rule], records, window: day(n), state, declaredSince: T0 - 10 * DAY });
      state = out.state;
      fingerprints.push(...out.findings.map((f) => `${n}:${f.fingerprint}`));
      const decoded = decodeSection(state);
      if ('warning' in decoded) throw new Error(decoded.warning);
      stored.push(decoded.baselines.get('ssm-new-actor')!.keys.has(carolKey));
    }
    // Kept through day 11 (last seen day 1 + 10 days), dropped at the end of day 12, back on day 13.
    expect(stored).toEqual([true, true, true, true, true, true, true, true, true, true, true, false, true]);
    expect(fingerprints).toHaveLength(2);
    expect(fingerprints[0]!.startsWith('1:')).toBe(true);
    expect(fingerprints[1]!.startsWith('13:')).toBe(true);
    expect(fingerprints[0]!.slice(2)).toBe(fingerprints[1]!.slice(3));
  });

  it('gives the same findings in three overlapping runs with state carried as in one run over the span', () => {
    const rules = [sendCommandByActor(), sendCommandFromIp(), knownActorNewIp()];
    const records = stream(42, 7);
    const span = { start: T0 + 10 * DAY + 5 * HOUR, end: T0 + 40 * DAY + 17 * HOUR };
    const windows = [
      { start: span.start, end: T0 + 21 * DAY },
      { start: T0 + 19 * DAY + 3 * HOUR, end: T0 + 31 * DAY + 12 * HOUR },
      { start: T0 + 30 * DAY, end: span.end },
    ];
    const single = run({
      rules,
      records,
      window: span,
      historyRecords: true,
      declaredSince: span.start - 10 * DAY,
    });
    const expected = eventsByFingerprint(single.findings);
    expect(expected).toEqual(eventsByFingerprint(oracle(rules, records, span)));
    expect(expected.size).toBeGreaterThan(20);
    expect(new Set(single.findings.map((f) => f.ruleId)).size).toBe(3);
    // Some keys came back after more than their history within the span: the same fingerprint, new events.
    expect([...expected.values()].some((ids) => ids.length > 1)).toBe(true);

    for (const filesAtHand of [false, true]) {
      let state: unknown;
      const all: Finding[] = [];
      const perRun: number[] = [];
      windows.forEach((window, i) => {
        const out = run({
          rules,
          records,
          window,
          state,
          historyRecords: i === 0 || filesAtHand,
          ...(i === 0 ? { declaredSince: window.start - 10 * DAY } : {}),
          shuffleSeed: 100 + i,
        });
        expect(out.engine.learning()).toEqual([]);
        state = out.state;
        perRun.push(out.findings.length);
        all.push(...out.findings);
      });
      expect(perRun.every((n) => n > 0)).toBe(true);
      // What the issue tracker accumulates is what one run finds. An occurrence in the overlap of two windows is
      // reported by both runs (the state never hides one): the tracker shows it once.
      expect(eventsByFingerprint(all)).toEqual(expected);
      const ids = all.flatMap((f) => f.events.map((e) => `${f.fingerprint}/${e.eventID}`));
      expect(new Set(ids).size).toBeLessThan(ids.length);
    }
  });

  it('reports a key first seen late (delivered after the run that covered its time) in the next run', () => {
    const rule = sendCommandByActor();
    const late = record({ id: 'dave-late', time: T0 + 2 * DAY - HOUR, user: 'dave' });
    const early = [record({ id: 'erin', time: T0 + DAY + HOUR, user: 'erin' })];
    const first = run({ rules: [rule], records: early, window: day(1), declaredSince: T0 - 9 * DAY });
    expect(first.findings.map((f) => f.events[0]!.eventID)).toEqual(['erin']);
    // The next run looks back 36 hours: it overlaps the first by 12 and now has dave's record.
    const second = run({
      rules: [rule],
      records: [...early, late],
      window: { start: T0 + 2 * DAY - 12 * HOUR, end: T0 + 3 * DAY },
      state: first.state,
    });
    expect(second.findings.map((f) => f.events.map((e) => e.eventID))).toEqual([['dave-late']]);
  });

  it('reports nothing on a first run without state or history, and says it is learning', () => {
    const rules = [sendCommandByActor(), sendCommandFromIp()];
    const records = stream(12, 3);
    const out = run({ rules, records, window: day(10) });
    expect(out.findings).toEqual([]);
    const learning = out.engine.learning();
    expect(learning.map((l) => l.ruleId).sort()).toEqual(['ssm-new-actor', 'ssm-new-ip']);
    for (const entry of learning) {
      expect(entry.coveredFrom).toBe(new Date(day(10).start).toISOString());
      expect(entry.withheld).toBeGreaterThan(0);
    }
    expect(learning.find((l) => l.ruleId === 'ssm-new-actor')!.needed).toBe(new Date(T0).toISOString());

    // Learning goes on quietly; the 3-day rule judges from day 13 on, the 10-day rule from day 20 on.
    let state = out.state;
    const judging: string[][] = [];
    const longer = stream(25, 3);
    for (let n = 11; n <= 20; n++) {
      const next = run({ rules, records: longer, window: day(n), state });
      state = next.state;
      judging.push(
        rules.map((r) => r.rule.ruleId).filter((id) => !next.engine.learning().some((l) => l.ruleId === id)),
      );
      for (const finding of next.findings) expect(judging[judging.length - 1]).toContain(finding.ruleId);
    }
    expect(judging[1]).toEqual([]); // day 12: [day 10, ...) does not cover [day 9, day 12)
    expect(judging[2]).toEqual(['ssm-new-ip']); // day 13
    expect(judging[8]).toEqual(['ssm-new-ip']); // day 19
    expect(judging[9]).toEqual(['ssm-new-actor', 'ssm-new-ip']); // day 20
  });

  it('with history records before the window (no state) reports only keys absent from them', () => {
    const rule = sendCommandByActor();
    const records = [
      record({ id: 'old-frank', time: T0 + 2 * DAY, user: 'frank' }),
      record({ id: 'frank', time: T0 + 11 * DAY + HOUR, user: 'frank' }),
      record({ id: 'grace', time: T0 + 11 * DAY + 2 * HOUR, user: 'grace' }),
      record({ id: 'grace-again', time: T0 + 11 * DAY + 3 * HOUR, user: 'grace' }),
    ];
    // History records alone prove nothing (a backfill by eventName may have brought only some rules' records).
    expect(
      run({ rules: [rule], records, window: day(11), historyRecords: true }).engine.learning(),
    ).toMatchObject([{ coveredFrom: '2026-01-12T00:00:00.000Z', withheld: 1 }]);
    // The files at hand start on day 2 (their earliest record): not the 10 days needed before day 11.
    const files = run({
      rules: [rule],
      records,
      window: day(11),
      historyRecords: true,
      declaredSince: T0 + 2 * DAY,
    });
    expect(files.findings).toEqual([]);
    expect(files.engine.learning()[0]).toMatchObject({
      coveredFrom: '2026-01-03T00:00:00.000Z',
      withheld: 1,
    });
    // A LookupEvents backfill of the whole history window.
    const plan = historyRequest([rule], day(11))!;
    expect(plan).toEqual({
      since: T0 + DAY,
      until: day(11).start,
      eventNames: ['SendCommand'],
      ruleIds: ['ssm-new-actor'],
      unconstrained: [],
    });
    const backfilled = run({
      rules: [rule],
      records,
      window: day(11),
      historyRecords: true,
      declaredSince: plan.since,
    });
    expect(backfilled.engine.learning()).toEqual([]);
    expect(backfilled.findings.map((f) => [f.group.actor, f.events.map((e) => e.eventID)])).toEqual([
      ['arn:aws:iam::111122223333:user/grace', ['grace']],
    ]);
    expect(backfilled.findings[0]).toMatchObject({ ruleId: 'ssm-new-actor', severity: 'low', count: 1 });
    expect(backfilled.findings[0]!.group).toEqual({
      recipientAccountId: '111122223333',
      actor: 'arn:aws:iam::111122223333:user/grace',
      eventName: 'SendCommand',
    });
  });

  it('asks for a backfill only for rules whose saved baseline does not cover the window', () => {
    const covered = sendCommandByActor();
    const records = stream(30, 5);
    let state: unknown;
    for (let n = 10; n <= 21; n++) state = run({ rules: [covered], records, window: day(n), state }).state;
    const added = firstSeenRule(
      'ssh-new-actor',
      'SendSSHPublicKey',
      'fields: [actor]',
      'ec2-instance-connect.amazonaws.com',
    );
    const engine = new FirstSeenEngine([covered, added], day(22));
    expect(engine.importState(state)).toBeUndefined();
    expect(engine.historyWanted()).toEqual({
      since: day(22).start - 10 * DAY,
      until: day(22).start,
      eventNames: ['SendSSHPublicKey'],
      ruleIds: ['ssh-new-actor'],
      unconstrained: [],
    });
  });

  it('gives the same result whatever the order of observations', () => {
    const rules = [sendCommandByActor(), sendCommandFromIp()];
    const records = stream(20, 11);
    const window = { start: T0 + 12 * DAY, end: T0 + 19 * DAY };
    const base = { rules, records, window, historyRecords: true, declaredSince: T0 };
    const a = run({ ...base, shuffleSeed: 1 });
    const b = run({ ...base, shuffleSeed: 2 });
    expect(a.findings.length).toBeGreaterThan(0);
    expect(b.findings).toEqual(a.findings);
    // Which of a key's earlier occurrences are kept depends on the order; the keys and their last times do not.
    const ends = (state: unknown) => {
      const decoded = decodeSection(state);
      if ('warning' in decoded) throw new Error(decoded.warning);
      return [...decoded.baselines].map(([ruleId, baseline]) => [
        ruleId,
        { ...baseline, keys: [...baseline.keys].map(([k, { times }]) => [k, times.at(-1)]) },
      ]);
    };
    expect(ends(b.state)).toEqual(ends(a.state));
  });

  it('gives the same findings when worker threads describe the matches, leaving out the events of repeated keys', () => {
    const rules = [sendCommandByActor(), sendCommandFromIp(), knownActorNewIp()];
    const records = stream(20, 13);
    const window = { start: T0 + 12 * DAY, end: T0 + 19 * DAY };
    const base = { rules, records, window, historyRecords: true, declaredSince: T0 };
    const one = run(base);
    // Two workers, each describing every other batch of 40 records (in a shuffled order), thinning each batch, and
    // the main thread observing what they posted.
    const longest = Math.max(...rules.map((r) => r.rule.firstSeen!.history)) * 1000;
    const timed = records.filter((r) => r.time >= window.start - longest && r.time <= window.end);
    shuffleInPlace(timed, mulberry32(3));
    const workers = [0, 1].map(() => new FirstSeenEngine(rules, window));
    const main = new FirstSeenEngine(rules, window);
    main.historyDelivered(T0);
    let omitted = 0;
    for (let at = 0; at < timed.length; at += 40) {
      const worker = workers[(at / 40) % 2]!;
      const batch = timed.slice(at, at + 40).flatMap((t) => {
        const inWindow = t.time >= window.start;
        return rules
          .filter((rule) => rule.matches(t.record))
          .map((rule) => ({ rule, described: worker.describe(rule, t, inWindow), time: t.time, inWindow }));
      });
      omitted += batch.filter((m) => m.inWindow && !(m.described as { event?: string }).event).length;
      const redundant = worker.redundant(batch);
      batch.forEach((m, i) => {
        if (!redundant.has(i)) main.observeDescribed(m.rule, m.described, m.time, m.inWindow);
      });
    }
    expect(omitted).toBeGreaterThan(20);
    expect(one.findings.length).toBeGreaterThan(0);
    expect(main.findings()).toEqual(one.findings);
  });

  it('gives the same findings when the same window is scanned again with the state it saved', () => {
    const rules = [sendCommandByActor(), sendCommandFromIp(), knownActorNewIp()];
    const records = stream(31, 9);
    const window = { start: T0 + 12 * DAY, end: T0 + 19 * DAY };
    const first = run({ rules, records, window, historyRecords: true, declaredSince: T0 });
    expect(first.findings.length).toBeGreaterThan(5);
    let state = first.state;
    for (let again = 0; again < 2; again++) {
      const rerun = run({ rules, records, window, state });
      expect(rerun.engine.learning()).toEqual([]);
      expect(rerun.findings).toEqual(first.findings);
      state = rerun.state;
    }
    // A version 1 state (each key's first and last time) is read: a later window is judged with it.
    const decoded = decodeSection(first.state);
    if ('warning' in decoded) throw new Error(decoded.warning);
    const v1 = {
      v: 1,
      rules: Object.fromEntries(
        [...decoded.baselines].map(([ruleId, b]) => {
          const hashes = [...b.keys.keys()].sort();
          const base = Math.min(...[...b.keys.values()].map((k) => k.times[0]!));
          return [
            ruleId,
            {
              spec: b.spec,
              history: b.history,
              learningSince: b.learningSince,
              until: b.until,
              base,
              keys: hashes.join(''),
              first: hashes.map((h) => b.keys.get(h)!.times[0]! - base),
              span: hashes.map((h) => b.keys.get(h)!.times.at(-1)! - b.keys.get(h)!.times[0]!),
            },
          ];
        }),
      ),
    };
    const next = { start: window.end + 1, end: window.end + 2 * DAY };
    const fromV1 = run({ rules, records, window: next, state: v1 });
    expect(fromV1.warning).toBeUndefined();
    expect(fromV1.findings).toEqual(run({ rules, records, window: next, state: first.state }).findings);
  });

  it('treats junk state as a warning and a fresh start', () => {
    const rule = sendCommandByActor();
    const records = [record({ id: 'heidi', time: T0 + 11 * DAY, user: 'heidi' })];
    const good = run({ rules: [rule], records, window: day(10), declaredSince: T0 }).state as {
      rules: Record<string, Record<string, unknown>>;
    };
    const junk: unknown[] = [
      'garbage',
      null,
      [],
      { v: 3, rules: {} },
      { v: 2 },
      { v: 2, rules: { 'ssm-new-actor': { ...good.rules['ssm-new-actor'], keys: 'short' } } },
      { v: 2, rules: { 'ssm-new-actor': { ...good.rules['ssm-new-actor'], times: [[-5]] } } },
      { v: 2, rules: { 'ssm-new-actor': { ...good.rules['ssm-new-actor'], times: [[]] } } },
      { v: 2, rules: { 'ssm-new-actor': { ...good.rules['ssm-new-actor'], until: 'yesterday' } } },
      { v: 1, rules: { 'ssm-new-actor': { ...good.rules['ssm-new-actor'], first: [-5], span: [0] } } },
    ];
    for (const state of junk) {
      const out = run({ rules: [rule], records, window: day(11), state });
      expect(out.warning).toMatch(/^first-seen state is unusable \(.+\); starting a fresh baseline$/);
      expect(out.findings).toEqual([]);
      expect(out.engine.learning().map((l) => l.ruleId)).toEqual(['ssm-new-actor']);
    }
    const fine = run({ rules: [rule], records, window: day(11), state: good });
    expect(fine.warning).toBeUndefined();
    expect(fine.findings).toHaveLength(1);
  });

  it('restarts the baseline of a rule whose key fields changed, with a note', () => {
    const before = sendCommandByActor();
    const records = [record({ id: 'ivan', time: T0 + 11 * DAY, user: 'ivan' })];
    const state = run({ rules: [before], records, window: day(10), declaredSince: T0 }).state;
    const after = firstSeenRule('ssm-new-actor', 'SendCommand', 'fields: [actor, awsRegion]\nhistory: 10d');
    const out = run({ rules: [after], records, window: day(11), state });
    expect(out.warning).toBeUndefined();
    expect(out.findings).toEqual([]);
    expect(out.engine.learning().map((l) => l.ruleId)).toEqual(['ssm-new-actor']);
    expect(out.engine.notes()).toEqual([
      'ssm-new-actor: its key fields or detection changed since the state was saved; its baseline starts again',
    ]);
  });

  it('keeps the keys of a rule whose history changed, and learns until the longer history is covered', () => {
    const before = sendCommandByActor();
    const records = [
      record({ id: 'ken-1', time: T0 + 10 * DAY + HOUR, user: 'ken' }),
      record({ id: 'ken-2', time: T0 + 11 * DAY + HOUR, user: 'ken' }),
      record({ id: 'lea', time: T0 + 11 * DAY + 2 * HOUR, user: 'lea' }),
    ];
    const state = run({ rules: [before], records, window: day(10), declaredSince: T0 }).state;
    const after = firstSeenRule(
      'ssm-new-actor',
      'SendCommand',
      'fields: [recipientAccountId, actor, eventName]\nhistory: 14d',
    );
    const out = run({ rules: [after], records, window: day(11), state });
    expect(out.engine.notes()).toEqual(['ssm-new-actor: history window changed from 10d to 14d']);
    expect(out.findings).toEqual([]);
    expect(out.engine.learning()).toEqual([
      expect.objectContaining({
        ruleId: 'ssm-new-actor',
        coveredFrom: new Date(T0).toISOString(),
        withheld: 1,
      }),
    ]);
  });

  it('keeps the baseline of a rule left out of a run', () => {
    const kept = sendCommandByActor();
    const other = sendCommandFromIp();
    const records = stream(12, 4);
    const first = run({ rules: [kept, other], records, window: day(10), declaredSince: T0 });
    const second = run({ rules: [other], records, window: day(11), state: first.state });
    const section = second.state as { rules: Record<string, unknown> };
    expect(Object.keys(section.rules).sort()).toEqual(['ssm-new-actor', 'ssm-new-ip']);
    // The same keys; only what is complete moves on (nothing before the history window counts any more).
    const saved = (first.state as { rules: Record<string, Record<string, unknown>> }).rules['ssm-new-actor']!;
    expect(section.rules['ssm-new-actor']).toEqual({
      ...saved,
      learningSince: Math.floor(day(11).end / 1000) - 864000,
    });
  });

  it('remembers at most maxKeysPerRule keys and says how many it forgot', () => {
    const rule = sendCommandByActor();
    const records = Array.from({ length: 30 }, (_, i) =>
      record({ id: `u${i}`, time: T0 + 10 * DAY + i * 60_000, user: `user${i}` }),
    );
    const out = run({
      rules: [rule],
      records,
      window: day(10),
      declaredSince: T0,
      options: { maxKeysPerRule: 20 },
    });
    expect(out.findings).toHaveLength(30); // the window's new keys are all reported
    const decoded = decodeSection(out.state);
    if ('warning' in decoded) throw new Error(decoded.warning);
    const keys = decoded.baselines.get('ssm-new-actor')!.keys;
    expect(keys.size).toBe(20);
    // The most recently seen are kept.
    expect(keys.has(keyHash(['111122223333', 'arn:aws:iam::111122223333:user/user29', 'SendCommand']))).toBe(
      true,
    );
    expect(keys.has(keyHash(['111122223333', 'arn:aws:iam::111122223333:user/user0', 'SendCommand']))).toBe(
      false,
    );
    expect(out.engine.notes()).toEqual([
      'ssm-new-actor: 10 keys not remembered (limit of 20 keys per rule); a forgotten key may be reported as new later',
    ]);
  });

  it('keeps the state of a busy account (50 000 keys) small', () => {
    const rules = Array.from({ length: 5 }, (_, i) =>
      firstSeenRule(`busy-${i}`, 'SendCommand', 'fields: [actor, sourceIPAddress]\nhistory: 10d'),
    );
    const engine = new FirstSeenEngine(rules, day(10));
    engine.historyDelivered(T0);
    const random = mulberry32(5);
    for (let i = 0; i < 50_000; i++) {
      const timed = record({
        id: `e${i}`,
        time: T0 + Math.floor(random() * 11 * DAY),
        user: `user${i % 700}`,
        ip: `198.${i % 250}.${Math.floor(random() * 256)}.${Math.floor(random() * 256)}`,
      });
      const rule = rules[i % 5]!;
      engine.observe(rule, timed, timed.time >= day(10).start);
    }
    const json = JSON.stringify(engine.exportState(day(10).end));
    const gzipped = gzipSync(json).length;
    const decoded = decodeSection(JSON.parse(json));
    if ('warning' in decoded) throw new Error(decoded.warning);
    const stored = [...decoded.baselines.values()].reduce((n, b) => n + b.keys.size, 0);
    expect(stored).toBeGreaterThan(49_000);
    process.stdout.write(
      `first-seen state for ${stored} keys: ${json.length} bytes of JSON, ${gzipped} bytes gzipped\n`,
    );
    expect(gzipped).toBeLessThan(1024 * 1024);
  });

  it('holds only a few occurrences per key, whatever the number of events', () => {
    const rule = sendCommandByActor();
    const engine = new FirstSeenEngine([rule], { start: T0, end: T0 + 40 * DAY });
    engine.historyDelivered(T0 - 10 * DAY);
    // One actor every minute for 40 days, with a 12-day pause: new at the start and after the pause.
    for (let m = 0; m < 40 * 1440; m++) {
      if (m >= 15 * 1440 && m < 27 * 1440) continue;
      engine.observe(rule, record({ id: `m${m}`, time: T0 + m * 60_000, user: 'judy' }), true);
    }
    const [finding] = engine.findings();
    expect(finding!.events.map((e) => e.eventID)).toEqual(['m0', `m${27 * 1440}`]);
    const kept = (
      engine as unknown as { runs: Map<string, { keys: Map<string, { points: unknown[] }> }> }
    ).runs
      .get('ssm-new-actor')!
      .keys.values()
      .next().value!.points.length;
    expect(kept).toBeLessThanOrEqual(10);
  });

  it('holds at most maxWindowKeysPerRule keys of the window and says how many matches it did not judge', () => {
    const rule = sendCommandByActor();
    const records = Array.from({ length: 30 }, (_, i) =>
      record({ id: `u${i}`, time: T0 + 10 * DAY + i * 60_000, user: `user${i}` }),
    );
    // A key already held is still judged: user3 again, after the limit was reached.
    records.push(record({ id: 'u3-again', time: T0 + 10 * DAY + 40 * 60_000, user: 'user3' }));
    const out = run({
      rules: [rule],
      records,
      window: day(10),
      declaredSince: T0,
      options: { maxWindowKeysPerRule: 20 },
    });
    expect(out.findings.map((f) => f.group.actor).sort()).toEqual(
      Array.from({ length: 20 }, (_, i) => `arn:aws:iam::111122223333:user/user${i}`).sort(),
    );
    expect(out.findings.find((f) => f.group.actor!.endsWith('/user3'))!.count).toBe(1);
    expect(out.engine.notes()).toEqual([
      'ssm-new-actor: 10 matching events in the window were not judged: their keys came after the limit of 20 keys of the window per rule; a new key among them is not reported',
    ]);
  });

  it('keeps the events and values of its keys on disk, not in memory', () => {
    const rule = sendCommandFromIp();
    // 20 000 keys (one address each), each with an event of about 2 kB: some 40 MB as objects.
    const records = Array.from({ length: 20_000 }, (_, i) =>
      record({
        id: `e${i}`,
        time: T0 + 10 * DAY + i * 1000,
        user: `user${i % 50}`,
        ip: `198.51.${(i >> 8) & 255}.${i & 255}`,
        userAgent: `agent-${i}-${'x'.repeat(2000)}`,
      }),
    );
    let engine: FirstSeenEngine | undefined;
    const held = heapHeldBy(() => {
      engine = new FirstSeenEngine([rule], day(10));
      engine.historyDelivered(T0);
      for (const timed of records) engine.observe(rule, timed, true);
      return engine;
    });
    expect(held).toBeLessThan(8_000_000);
    const findings = engine!.findings();
    expect(findings).toHaveLength(20_000);
    const last = findings.find((f) => f.events[0]!.eventID === 'e19999')!;
    expect(last.events[0]!.userAgent).toBe(`agent-19999-${'x'.repeat(2000)}`);
    expect(last.group).toEqual({
      actor: 'arn:aws:iam::111122223333:user/user49',
      sourceIPAddress: '198.51.78.31',
    });
  });
});

/** A stream over `days` days: a few daily users, rarer ones (gaps longer than the history), several addresses. */
function stream(days: number, seed: number): TimedRecord[] {
  const random = mulberry32(seed);
  const records: TimedRecord[] = [];
  let id = 0;
  for (let d = 0; d < days; d++) {
    for (let u = 0; u < 30; u++) {
      const daily = u < 5;
      if (!daily && random() > 0.07) continue;
      const count = 1 + Math.floor(random() * 3);
      for (let c = 0; c < count; c++) {
        records.push(
          record({
            id: `ev-${seed}-${id++}`,
            time: T0 + d * DAY + Math.floor(random() * DAY),
            user: `user${u}`,
            ip: `192.0.2.${daily ? u : Math.floor(random() * 6)}`,
            eventName: random() < 0.1 ? 'GetCommandInvocation' : 'SendCommand',
          }),
        );
      }
    }
  }
  return records;
}

/** The definition, by brute force: an occurrence is new when its key has no occurrence in [t - H, t). */
function oracle(rules: CompiledRule[], records: TimedRecord[], window: { start: number; end: number }) {
  const findings = [];
  for (const rule of rules) {
    const spec = rule.rule.firstSeen!;
    const matched = records.filter((r) => rule.matches(r.record));
    const keyOf = (r: TimedRecord) => JSON.stringify(spec.fields.map((f) => keyValue(r.record, f)));
    const seconds = (r: TimedRecord) => Math.floor(r.time / 1000);
    const byKey = new Map<string, string[]>();
    for (const r of matched) {
      if (r.time < window.start || r.time > window.end) continue;
      const t = seconds(r);
      const seenBefore = matched.some(
        (o) => keyOf(o) === keyOf(r) && seconds(o) < t && seconds(o) >= t - spec.history,
      );
      if (seenBefore) continue;
      const known = spec.requireKnown?.map((f) => keyValue(r.record, f));
      const knownPart = (o: TimedRecord) =>
        JSON.stringify(spec.requireKnown!.map((f) => keyValue(o.record, f)));
      if (
        known &&
        !matched.some(
          (o) => knownPart(o) === JSON.stringify(known) && seconds(o) < t && seconds(o) >= t - spec.history,
        )
      )
        continue;
      byKey.set(keyOf(r), [...(byKey.get(keyOf(r)) ?? []), r.record.eventID as string]);
    }
    for (const [key, ids] of byKey) {
      const values = JSON.parse(key) as string[];
      findings.push({
        fingerprint: fingerprintOf(rule.rule.ruleId, values),
        events: ids.map((eventID) => ({ eventID })),
      });
    }
  }
  return findings as unknown as Parameters<typeof eventsByFingerprint>[0];
}

function fingerprintOf(ruleId: string, values: string[]): string {
  // The engine's fingerprint, recomputed: rule id, a marker, the key values.
  return createHashHex(JSON.stringify([ruleId, 'first-seen', ...values]));
}

import { createHash } from 'node:crypto';
function createHashHex(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

function shuffleInPlace<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}
