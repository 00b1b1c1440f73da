/**
 * First-seen ("new terms") detection: a rule with `first_seen` names a key (fields of the records its detection
 * matches); an occurrence of a key is new when the key was not seen in the rule's history window before it.
 *
 * Precisely, for a key K and an in-window occurrence at time t (seconds), t is new when
 * - no occurrence of K that this run observed (in the window, or history records before it) lies in [t - H, t), and
 * - no occurrence of K that the saved state knows lies in [t - H, t), and
 * - the baseline is complete for [t - H, t): otherwise the occurrence is withheld and the rule is "learning".
 * The state carries history and never hides an occurrence: one it knows at t itself or after t says nothing about
 * [t - H, t), so a window scanned again gives the same findings, and runs over overlapping windows may report the
 * same key again (the issue tracker shows each occurrence once).
 * A finding is one key with its new occurrences in the window (usually one event; several when they share the
 * second, or when the key came back after more than H of absence within one long window). Everything is decided
 * in findings(), so the order of observe() calls does not matter.
 *
 * Memory: per key only the occurrences that can matter are kept: of three consecutive occurrences a < b < c with
 * c - a <= H, b is neither new (a precedes it within H) nor needed to judge another (a and c cover what it covers),
 * so it is dropped. A key keeps about two occurrences per history window of data. Only an occurrence with no other
 * within H before it can be new, and once one is found before it, one always stays (thinning keeps an occurrence
 * within H before it): so only such occurrences keep their events, and those wait on disk (findings/disk-store.ts)
 * until a finding lists them, as do the values of the keys of the window. A rule holds at most maxWindowKeysPerRule
 * keys of the window; the matches of keys beyond it are counted, said in the notes, and not judged.
 */
import type { LearningRule } from '../core/result.js';
import type { TimeWindow } from '../core/window.js';
import type { Finding, FindingEvent } from '../core/finding.js';
import type { TimedRecord } from '../core/record.js';
import type { CompiledRule } from '../rules/compile.js';
import type { Analyzer, DescribedMatch, HistoryRequest } from '../detect/analyzer.js';
import { keyValue } from './derived.js';
import { buildFinding, findingEvent, fingerprintOf, sortFindings } from '../findings/build.js';
import { DiskStore, type StoredRef } from '../findings/disk-store.js';
import { compare } from '../findings/order.js';
import { specFingerprint, type FirstSeenSpec } from '../rules/first-seen-spec.js';
import {
  decodeSection,
  encodeSection,
  keyHash,
  keyHashOfText,
  type KeyTimes,
  type RuleBaseline,
} from './state.js';

export const DEFAULT_MAX_KEYS_PER_RULE = 100_000;
export const DEFAULT_MAX_WINDOW_KEYS_PER_RULE = 50_000;
const MAX_REMEMBERED_HASHES = 4096;
const MAX_REMEMBERED_EARLIEST = 16_384;

export interface FirstSeenOptions {
  /** Most keys one rule remembers (default 100 000); beyond it the least recently seen are forgotten. */
  maxKeysPerRule?: number;
  /**
   * Most keys of the window one rule holds in memory (default 50 000, about 150 bytes each): the matches of keys
   * beyond it are counted and not judged (attacker-influenced volume: one address per call makes a key per call).
   */
  maxWindowKeysPerRule?: number;
}

interface Point {
  /** Epoch seconds. */
  t: number;
  /**
   * The in-window events of this key at this second, stored (one, or several): none for history occurrences, and
   * none once an occurrence within H before it shows that it is not new.
   */
  events: StoredRef | StoredRef[] | undefined;
}

/** A match as describe() gives it: plain data, posted by worker threads. */
interface FirstSeenMatch {
  /** A key field had no value: the match makes no key. */
  incomplete?: true;
  /** Left out, with the event, when describe() knows the occurrence cannot be new (describedWithin). */
  values?: string[];
  hash?: string;
  /** The hash of the `require_known` part of the key. */
  known?: string;
  /** In the window: the event a finding lists. */
  event?: FindingEvent;
}

interface KeyRun {
  /** The key's values, stored; only for keys seen in the window (findings show them). */
  values: StoredRef | undefined;
  /** Occurrences, by time, thinned (see the module comment): most keys have one, held without an array. */
  points: Point | Point[];
}

interface RuleRun {
  compiled: CompiledRule;
  spec: FirstSeenSpec;
  specId: string;
  keys: Map<string, KeyRun>;
  /** The saved baseline, when it was learnt for this same rule. */
  prior?: RuleBaseline;
  /** Matches whose record had no value for a key field: they make no key. */
  incomplete: number;
  /** Keys not remembered because the rule reached its key limit (history keys, then the least recent). */
  dropped: number;
  /** Keys made by matches in the window (held whatever maxKeysPerRule says, up to maxWindowKeysPerRule). */
  windowKeys: number;
  /** Matches in the window not judged: their key came when the rule held maxWindowKeysPerRule keys of the window. */
  unjudged: number;
  declaredSince?: number;
  /** Indexes in `fields` of the `require_known` part of the key. */
  known?: number[];
}

/** A finding to be: a new key and where its new occurrences' events are stored. */
interface NewKey {
  run: RuleRun;
  values: string[];
  events: StoredRef[];
}

interface Judgement {
  /** In the order of the keys; findings() builds and sorts them. */
  newKeys: NewKey[];
  learning: LearningRule[];
}

export class FirstSeenEngine implements Analyzer {
  readonly name = 'firstSeen';
  private readonly runs = new Map<string, RuleRun>();
  private prior = new Map<string, RuleBaseline>();
  private readonly maxKeys: number;
  private readonly maxWindowKeys: number;
  /** The events of occurrences that may be new, and the values of keys of the window, until findings() lists them. */
  private readonly events = new DiskStore<FindingEvent>();
  private readonly keyValues = new DiskStore<string[]>();
  private readonly stateNotes: string[] = [];
  private declaredAll?: number;
  /** Seconds from which this run's own records are complete, when later than the window's start (files). */
  private observedFrom?: number;
  /** Earliest and latest in-window occurrence over all rules (seconds). */
  private firstInWindow?: number;
  private lastInWindow?: number;
  private judged?: Judgement;
  private readonly hashes = new Map<string, string>();
  /**
   * Per rule and key, the earliest occurrence this engine has described (seconds): a later one within the history
   * window is not new, whatever else the scan finds, so describe() leaves its event out (the same app calling the
   * same API all day makes one event to keep, not thousands). Forgotten when full: then events are described again.
   */
  private readonly earliest = new Map<string, number>();

  /** `rules`: the scan's compiled rules (those without `first_seen` are ignored); observe() ignores any other rule. */
  constructor(
    rules: readonly CompiledRule[],
    private readonly window: TimeWindow,
    options: FirstSeenOptions = {},
  ) {
    this.maxKeys = options.maxKeysPerRule ?? DEFAULT_MAX_KEYS_PER_RULE;
    this.maxWindowKeys = options.maxWindowKeysPerRule ?? DEFAULT_MAX_WINDOW_KEYS_PER_RULE;
    for (const compiled of rules) {
      const spec = compiled.rule.firstSeen;
      if (!spec) continue;
      this.runs.set(compiled.rule.ruleId, {
        compiled,
        spec,
        specId: specFingerprint(spec, compiled.rule.detection),
        keys: new Map(),
        incomplete: 0,
        dropped: 0,
        windowKeys: 0,
        unjudged: 0,
        ...(spec.requireKnown ? { known: spec.requireKnown.map((f) => spec.fields.indexOf(f)) } : {}),
      });
    }
  }

  /** Loads the saved section; a warning (and a fresh baseline) when it is unusable. Call before observe(). */
  importState(section: unknown): string | undefined {
    this.judged = undefined;
    this.prior = new Map();
    const decoded = decodeSection(section);
    if ('warning' in decoded) return decoded.warning;
    this.prior = decoded.baselines;
    for (const [ruleId, run] of this.runs) {
      const saved = this.prior.get(ruleId);
      if (!saved) continue;
      if (saved.spec !== run.specId) {
        this.stateNotes.push(
          `${ruleId}: its key fields or detection changed since the state was saved; its baseline starts again`,
        );
        continue;
      }
      if (saved.history !== run.spec.history) {
        this.stateNotes.push(
          `${ruleId}: history window changed from ${duration(saved.history)} to ${duration(run.spec.history)}`,
        );
      }
      run.prior = saved;
    }
    return undefined;
  }

  /**
   * The source delivered every record from `since` (epoch ms) up to the window's start to observe(..., false):
   * a LookupEvents backfill (its `since`, with the plan's ruleIds), or the files at hand (the earliest eventTime
   * of all their records, for every rule). Without ruleIds, for every rule.
   */
  historyDelivered(since: number, ruleIds?: readonly string[]): void {
    this.judged = undefined;
    const seconds = Math.floor(since / 1000);
    if (!ruleIds) this.declaredAll = seconds;
    else for (const id of ruleIds) if (this.runs.has(id)) this.runs.get(id)!.declaredSince = seconds;
  }

  /**
   * The records at hand begin at `since` (a files source whose window opens before its first record): the run
   * has seen nothing before it, so the window alone does not make the baseline complete before that time.
   */
  recordsBeginAt(since: number): void {
    this.judged = undefined;
    this.observedFrom = Math.floor(since / 1000);
  }

  /** What history to fetch before the window for the rules whose saved baseline does not cover it. */
  historyWanted(): HistoryRequest | undefined {
    if (this.window.start === undefined) return undefined;
    const start = Math.floor(this.window.start / 1000);
    const needing = [...this.runs.values()].filter(
      (run) => this.coveredFrom(run, start) > start - run.spec.history,
    );
    return historyRequest(
      needing.map((run) => run.compiled),
      this.window,
    );
  }

  observe(rule: CompiledRule, timed: TimedRecord, inWindow: boolean): void {
    this.observeDescribed(rule, this.describe(rule, timed, inWindow), timed.time, inWindow);
  }

  /** The key's values and hashes, and (in the window) the event a finding would list. */
  describe(rule: CompiledRule, { record, time }: TimedRecord, inWindow: boolean): FirstSeenMatch | undefined {
    const run = this.runs.get(rule.rule.ruleId);
    if (!run) return undefined;
    const values: string[] = [];
    for (const field of run.spec.fields) {
      const value = keyValue(record, field);
      if (value === undefined) return { incomplete: true };
      values.push(value);
    }
    const match: FirstSeenMatch = { hash: this.hashOf(values) };
    if (run.known) match.known = this.hashOf(['\u0000known', ...run.known.map((i) => values[i]!)]);
    if (this.describedWithin(run, match.hash!, time)) return match;
    match.values = values;
    if (inWindow) match.event = findingEvent(record, rule.rule.fields);
    return match;
  }

  observeDescribed(rule: CompiledRule, described: unknown, time: number, inWindow: boolean): void {
    const run = this.runs.get(rule.rule.ruleId);
    if (!run || described === undefined) return;
    this.judged = undefined;
    const match = described as FirstSeenMatch;
    if (match.incomplete) {
      run.incomplete++;
      return;
    }
    const t = Math.floor(time / 1000);
    if (inWindow) {
      this.firstInWindow = Math.min(this.firstInWindow ?? t, t);
      this.lastInWindow = Math.max(this.lastInWindow ?? t, t);
    }
    const judged = this.add(
      run,
      match.hash!,
      inWindow ? match.values : undefined,
      t,
      inWindow ? match.event : undefined,
      inWindow,
    );
    if (!judged && inWindow) run.unjudged++;
    if (match.known !== undefined) this.add(run, match.known, undefined, t, undefined, inWindow);
  }

  /**
   * Occurrences of a key strictly between two others of the same key at most the history window apart: such an
   * occurrence is not new (the earlier one precedes it within H) and every occurrence it would have shown to be
   * known, one of the two shows (the module comment's thinning, applied before observing). The two outer ones of
   * each run of occurrences within H are kept, and every occurrence at their seconds.
   */
  redundant(matches: readonly DescribedMatch[]): Set<number> {
    const groups = new Map<string, { i: number; t: number }[]>();
    matches.forEach(({ rule, described, time }, i) => {
      const match = described as FirstSeenMatch;
      if (match.incomplete || !this.runs.has(rule.rule.ruleId)) return;
      const id = `${rule.rule.ruleId}\u0000${match.hash!}`;
      let list = groups.get(id);
      if (!list) groups.set(id, (list = []));
      list.push({ i, t: Math.floor(time / 1000) });
    });
    const redundant = new Set<number>();
    for (const [id, list] of groups) {
      if (list.length < 3) continue;
      const history = this.runs.get(id.slice(0, id.indexOf('\u0000')))!.spec.history;
      list.sort((a, b) => a.t - b.t);
      for (let start = 0; start < list.length;) {
        // The run from `start`: occurrences within H of it; its first and last seconds stay.
        let end = start;
        while (end + 1 < list.length && list[end + 1]!.t - list[start]!.t <= history) end++;
        const first = list[start]!.t;
        const last = list[end]!.t;
        for (let k = start; k <= end; k++)
          if (list[k]!.t > first && list[k]!.t < last) redundant.add(list[k]!.i);
        start = end + 1;
      }
    }
    return redundant;
  }

  /**
   * Whether an occurrence of the key was described before, less than the history window before this one (and not in
   * the same second: occurrences of one second are all new, or none). An occurrence described is observed (thinning
   * keeps one within the window before any it drops), so this one cannot be new. Remembers this one otherwise.
   */
  private describedWithin(run: RuleRun, hash: string, time: number): boolean {
    const t = Math.floor(time / 1000);
    const id = `${run.compiled.rule.ruleId}\u0000${hash}`;
    const before = this.earliest.get(id);
    if (before !== undefined && before < t && t - before <= run.spec.history) return true;
    if (before === undefined || t < before) {
      if (this.earliest.size >= MAX_REMEMBERED_EARLIEST) this.earliest.clear();
      this.earliest.set(id, t);
    }
    return false;
  }

  /** keyHash, remembered for recent keys: most matches repeat a few keys, and a SHA-256 costs more than the rest. */
  private hashOf(values: string[]): string {
    const text = JSON.stringify(values);
    let hash = this.hashes.get(text);
    if (hash === undefined) {
      if (this.hashes.size >= MAX_REMEMBERED_HASHES) this.hashes.clear();
      this.hashes.set(text, (hash = keyHashOfText(text)));
    }
    return hash;
  }

  /**
   * Records an occurrence of a key; `values` and `event` only for occurrences in the window of a full key. False
   * when the key is not held (a rule's limits).
   */
  private add(
    run: RuleRun,
    hash: string,
    values: string[] | undefined,
    t: number,
    event: FindingEvent | undefined,
    inWindow: boolean,
  ): boolean {
    let key = run.keys.get(hash);
    if (!key) {
      // Keys of the window are kept up to their own limit (they may be findings); history beyond maxKeys is not.
      if (inWindow) {
        if (run.windowKeys >= this.maxWindowKeys) return false;
        run.windowKeys++;
      } else if (run.keys.size >= this.maxKeys) {
        run.dropped++;
        return false;
      }
      key = { values: undefined, points: { t, events: undefined } };
      run.keys.set(hash, key);
    }
    if (values && key.values === undefined) key.values = this.keyValues.add(values);
    const point = addOccurrence(key, t, run.spec.history);
    if (point && event) {
      const ref = this.events.add(event);
      if (point.events === undefined) point.events = ref;
      else if (typeof point.events === 'number') point.events = [point.events, ref];
      else point.events.push(ref);
    }
    return true;
  }

  /**
   * One finding per rule and new key, most severe first. Withheld while a rule is learning (see learning()). Each
   * finding, as it is built, goes through `each` (the scan bounds its events there).
   */
  findings(each: (finding: Finding) => Finding = (finding) => finding): Finding[] {
    const findings = this.judge().newKeys.map(({ run, values, events }) =>
      each(toFinding(run, values, this.events.read(events))),
    );
    return sortFindings(findings);
  }

  /** The rules whose history does not cover the window yet, and what they held back. */
  learning(): LearningRule[] {
    return this.judge().learning;
  }

  /** Things the summary should say: baselines restarted, keys forgotten, matches without a key. */
  notes(): string[] {
    const notes = [...this.stateNotes];
    for (const [ruleId, run] of this.runs) {
      if (run.dropped > 0)
        notes.push(
          `${ruleId}: ${run.dropped} keys not remembered (limit of ${this.maxKeys} keys per rule); ` +
            'a forgotten key may be reported as new later',
        );
      if (run.unjudged > 0)
        notes.push(
          `${ruleId}: ${run.unjudged} matching events in the window were not judged: their keys came after the limit ` +
            `of ${this.maxWindowKeys} keys of the window per rule; a new key among them is not reported`,
        );
      if (run.incomplete > 0)
        notes.push(
          `${ruleId}: ${run.incomplete} matching events had no value for a key field (${run.spec.fields.join(', ')}) and were not counted`,
        );
    }
    return notes;
  }

  /** The state section: per rule, keys seen within its history window before `now` (epoch ms). */
  exportState(now: number): unknown {
    const nowSeconds = Math.floor(now / 1000);
    const baselines = new Map<string, RuleBaseline>();
    // Rules not in this run's rule set keep their baseline (a rule excluded for one run does not lose it).
    for (const [ruleId, saved] of this.prior) {
      if (this.runs.has(ruleId)) continue;
      const cutoff = Math.max(saved.learningSince, nowSeconds - saved.history);
      baselines.set(
        ruleId,
        prune({ ...saved, learningSince: Math.min(cutoff, saved.until) }, cutoff, Infinity),
      );
    }
    const dataEnd = this.dataEnd();
    const start = this.dataStart();
    for (const [ruleId, run] of this.runs) {
      const history = run.spec.history;
      if (dataEnd === undefined || start === undefined) {
        // Nothing was scanned: the saved baseline stays as it was.
        if (run.prior) baselines.set(ruleId, prune(run.prior, run.prior.learningSince, this.maxKeys));
        continue;
      }
      const coveredFrom = this.coveredFrom(run, start);
      const chained = run.prior && run.prior.until + gapTolerance(history) >= start;
      const keys = new Map(run.prior?.keys ?? []);
      for (const [hash, key] of run.keys) {
        keys.set(hash, { times: mergeTimes(keys.get(hash)?.times, pointsOf(key), history) });
      }
      const until = chained ? Math.max(run.prior!.until, dataEnd) : dataEnd;
      // Keys last seen before the window's start minus the history are dropped: the next run, even one whose
      // window overlaps this one, judges nothing earlier than this window's start.
      const cutoff = Math.min(nowSeconds, start) - history;
      const learningSince = Math.max(coveredFrom, cutoff);
      const baseline: RuleBaseline = { spec: run.specId, history, learningSince, until, keys };
      const pruned = prune(baseline, cutoff, this.maxKeys);
      run.dropped += baseline.keys.size - countOlder(baseline, cutoff) - pruned.keys.size;
      baselines.set(ruleId, pruned);
    }
    return encodeSection(baselines);
  }

  private judge(): Judgement {
    if (this.judged) return this.judged;
    const newKeys: NewKey[] = [];
    const learning: LearningRule[] = [];
    const start = this.dataStart();
    for (const [ruleId, run] of this.runs) {
      if (start === undefined) continue;
      const history = run.spec.history;
      const coveredFrom = this.coveredFrom(run, start);
      let withheld = 0;
      for (const [hash, key] of run.keys) {
        if (key.values === undefined) continue;
        const saved = run.prior?.keys.get(hash);
        const fresh: StoredRef[] = [];
        let held = false;
        let values: string[] | undefined;
        const valuesOf = () => (values ??= this.keyValues.get(key.values!));
        const points = pointsOf(key);
        points.forEach((point, i) => {
          if (point.events === undefined) return;
          const previous = i > 0 ? points[i - 1]!.t : undefined;
          if (previous !== undefined && previous >= point.t - history) return;
          if (saved && seenIn(saved.times, point.t - history, point.t)) return;
          if (run.known && !this.knownAt(run, valuesOf(), point.t)) return;
          if (coveredFrom > point.t - history) held = true;
          else if (typeof point.events === 'number') fresh.push(point.events);
          else fresh.push(...point.events);
        });
        if (held && fresh.length === 0) withheld++;
        if (fresh.length > 0) newKeys.push({ run, values: valuesOf(), events: fresh });
      }
      if (coveredFrom > start - history) {
        learning.push({
          ruleId,
          title: run.compiled.rule.title,
          coveredFrom: iso(coveredFrom),
          needed: iso(start - history),
          withheld,
        });
      }
    }
    this.judged = { newKeys, learning };
    return this.judged;
  }

  /** Whether the `require_known` part of a key had an occurrence in [t - H, t). */
  private knownAt(run: RuleRun, values: string[], t: number): boolean {
    const hash = knownHash(run.known!.map((i) => values[i]!));
    const saved = run.prior?.keys.get(hash);
    if (saved && seenIn(saved.times, t - run.spec.history, t)) return true;
    const key = run.keys.get(hash);
    const points = key ? pointsOf(key) : [];
    const at = points.findIndex((point) => point.t >= t);
    // t itself is an occurrence of the part: when thinning dropped it, an occurrence within H precedes it.
    if (at === -1 || points[at]!.t !== t) return true;
    return at > 0 && points[at - 1]!.t >= t - run.spec.history;
  }

  /** Start of the judged data (seconds): the window's start, or without one the earliest match in it. */
  private dataStart(): number | undefined {
    return this.window.start !== undefined ? Math.floor(this.window.start / 1000) : this.firstInWindow;
  }

  private dataEnd(): number | undefined {
    return this.window.end !== undefined ? Math.floor(this.window.end / 1000) : this.lastInWindow;
  }

  /**
   * The earliest time (seconds) from which the baseline is complete up to the window's start: the window itself,
   * extended back by the declared history and by the saved baseline when it reaches the window. History records
   * alone prove nothing: a backfill by eventName delivers some rules' records and not others', so only the caller
   * can say which period was delivered completely (historyDelivered).
   */
  private coveredFrom(run: RuleRun, start: number): number {
    const intervals: [from: number, to: number][] = [];
    const declared = run.declaredSince ?? this.declaredAll;
    if (declared !== undefined) intervals.push([declared, start]);
    if (run.prior) {
      const saved = run.prior;
      intervals.push([saved.learningSince, saved.until]);
    }
    const tolerance = gapTolerance(run.spec.history);
    let covered = Math.max(start, this.observedFrom ?? start);
    for (let changed = true; changed;) {
      changed = false;
      for (const [from, to] of intervals) {
        if (from < covered && to + tolerance >= covered) {
          covered = from;
          changed = true;
        }
      }
    }
    return covered;
  }
}

/** The history to fetch before the window so that these first-seen rules can judge it from the first run. */
export function historyRequest(
  rules: readonly CompiledRule[],
  window: TimeWindow,
): HistoryRequest | undefined {
  const firstSeen = rules.filter((r) => r.rule.firstSeen);
  if (firstSeen.length === 0 || window.start === undefined) return undefined;
  const named = firstSeen.filter((r) => r.eventNames !== null);
  const longest = Math.max(...firstSeen.map((r) => r.rule.firstSeen!.history));
  return {
    since: window.start - longest * 1000,
    until: window.start,
    eventNames: [...new Set(named.flatMap((r) => r.eventNamesAsWritten!))].sort(),
    ruleIds: named.map((r) => r.rule.ruleId).sort(),
    unconstrained: firstSeen
      .filter((r) => r.eventNames === null)
      .map((r) => r.rule.ruleId)
      .sort(),
  };
}

/**
 * A gap between the saved baseline and this run's data (a missed schedule, cron jitter) shorter than a tenth of
 * the history is ignored: a key used only in the gap could then be reported once more, which is the lesser harm
 * than a whole baseline learnt again.
 */
function gapTolerance(history: number): number {
  return Math.floor(history / 10);
}

/**
 * Inserts an occurrence and drops the occurrences that can no longer matter, and the events of those that can no
 * longer be new (see the module comment). The point at `t` when it may be new (its events are worth keeping).
 */
function addOccurrence(key: KeyRun, t: number, history: number): Point | undefined {
  if (!Array.isArray(key.points) && key.points.t === t) return key.points;
  let points = pointsOf(key);
  const low = firstAtOrAfter(points, t);
  if (points[low]?.t === t) return mayBeNew(points, low, history) ? points[low] : undefined;
  const point: Point = { t, events: undefined };
  // A new array of the exact length (splice would leave room for 16 more).
  points = key.points = points.toSpliced(low, 0, point);
  let j = Math.max(1, low - 1);
  let stop = low + 1;
  let from = low;
  while (j <= stop && j < points.length - 1) {
    if (points[j + 1]!.t - points[j - 1]!.t <= history) {
      points.splice(j, 1);
      from = Math.min(from, j);
      stop = Math.max(stop - 1, j);
      j = Math.max(1, j - 1);
    } else {
      j++;
    }
  }
  // The occurrences whose predecessor changed (the new one's successor, those after a dropped one) may no longer be
  // new: their events go (clearing those of any occurrence that is not new is harmless).
  for (let i = Math.max(1, from - 1); i < Math.min(points.length, stop + 3); i++)
    if (!mayBeNew(points, i, history)) points[i]!.events = undefined;
  const at = firstAtOrAfter(points, t);
  return points[at] === point && mayBeNew(points, at, history) ? point : undefined;
}

function pointsOf(key: KeyRun): Point[] {
  return Array.isArray(key.points) ? key.points : [key.points];
}

/** The index of the first point at or after `t` (points.length when none is). */
function firstAtOrAfter(points: readonly Point[], t: number): number {
  let low = 0;
  let high = points.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (points[mid]!.t < t) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Whether points[i] has no occurrence within `history` before it (only such an occurrence can be new). */
function mayBeNew(points: readonly Point[], i: number, history: number): boolean {
  return i === 0 || points[i]!.t - points[i - 1]!.t > history;
}

/** Whether one of `times` (ascending) lies in [from, to). */
function seenIn(times: readonly number[], from: number, to: number): boolean {
  for (const t of times) {
    if (t >= to) return false;
    if (t >= from) return true;
  }
  return false;
}

/**
 * A key's saved times and this run's occurrences as one list, thinned the same whatever the order they came in:
 * walking the times in order, a time is dropped when the one after it is within `history` of the last time kept.
 * Between two kept times with dropped ones between them there is then at most `history`, so any [t - history, t)
 * that held a dropped time holds a kept one.
 */
function mergeTimes(
  saved: readonly number[] | undefined,
  points: readonly Point[],
  history: number,
): number[] {
  const all = [...new Set([...(saved ?? []), ...points.map((point) => point.t)])].sort((a, b) => a - b);
  const kept: number[] = [];
  all.forEach((t, i) => {
    const next = all[i + 1];
    if (kept.length === 0 || next === undefined || next - kept[kept.length - 1]! > history) kept.push(t);
  });
  return kept;
}

function lastOf(times: readonly number[]): number {
  return times[times.length - 1]!;
}

/** Keeps the keys seen at or after `cutoff` (their times from there on), at most `limit` of them (the most recent). */
function prune(baseline: RuleBaseline, cutoff: number, limit: number): RuleBaseline {
  let entries: [string, KeyTimes][] = [];
  for (const [hash, { times }] of baseline.keys) {
    if (lastOf(times) < cutoff) continue;
    entries.push([hash, { times: times[0]! >= cutoff ? times : times.filter((t) => t >= cutoff) }]);
  }
  if (entries.length > limit) {
    entries.sort(([ha, a], [hb, b]) => lastOf(b.times) - lastOf(a.times) || compare(ha, hb));
    entries = entries.slice(0, limit);
  }
  return { ...baseline, keys: new Map(entries) };
}

function countOlder(baseline: RuleBaseline, cutoff: number): number {
  let older = 0;
  for (const { times } of baseline.keys.values()) if (lastOf(times) < cutoff) older++;
  return older;
}

function toFinding(run: RuleRun, values: string[], events: FindingEvent[]): Finding {
  const rule = run.compiled.rule;
  const group: Record<string, string> = {};
  run.spec.fields.forEach((field, i) => (group[field] = values[i]!));
  return buildFinding(rule, fingerprintOf([rule.ruleId, 'first-seen', ...values]), group, events);
}

/** The `require_known` part of a key, hashed apart from full keys (both live in the rule's key set). */
function knownHash(values: string[]): string {
  return keyHash(['\u0000known', ...values]);
}

function duration(seconds: number): string {
  return seconds % 86400 === 0 ? `${seconds / 86400}d` : `${Math.round(seconds / 3600)}h`;
}

function iso(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}
