/**
 * The correlation Analyzer: collects the matches of the rules that correlations refer to, per correlation and
 * group, and turns the windows that satisfy a correlation (windows.ts) into findings. Its state section (state.ts)
 * carries history: the events of each group near the edge of the windows scanned, whether a run reported them, and
 * the instances still open. A run uses it for the time before its window only, so that consecutive scheduled runs
 * report what one run over the whole span would, each event once (a burst that straddles two windows is one
 * instance, an open one takes the later events), and a window scanned again gives the same findings (the state
 * never hides an event of the window; the issue tracker shows an occurrence once).
 *
 * Memory: a held event is its id, time, rules and counted values; the event a finding lists waits on disk
 * (findings/disk-store.ts) until findings() or exportState() reads it back. At most maxEventsHeld events are held
 * across all correlations; what is left out beyond is counted and said in the notes.
 */
import { createHash } from 'node:crypto';
import { buildFinding, findingEvent, fingerprintOf, sortFindings } from '../findings/build.js';
import { DiskStore, type StoredRef } from '../findings/disk-store.js';
import { compare } from '../findings/order.js';
import { type TimeWindow } from '../core/window.js';
import type { Finding, FindingEvent } from '../core/finding.js';
import type { LearningRule } from '../core/result.js';
import type { Analyzer } from '../detect/analyzer.js';
import type { TimedRecord } from '../core/record.js';
import type { CompiledRule } from '../rules/compile.js';
import type { ResolvedCorrelation } from '../rules/resolve-correlations.js';
import {
  decodeCorrelationState,
  encodeCorrelationState,
  type CarriedEvent,
  type CarriedGroup,
  type CarriedOpen,
} from './state.js';
import { fieldValues, groupKeys } from './values.js';
import { evaluateGroup, type Occurrence, type WindowSpec } from './windows.js';

/** A match as describe() gives it: plain data, posted by worker threads. */
interface CorrelationMatch {
  id: string;
  event: FindingEvent;
  /** Per correlation using the rule (in byRule's order): the counted values and the groups the event is in. */
  uses: { values: readonly string[]; keys: string[][] }[];
}

interface StoredEvent extends Occurrence {
  /** The event a finding lists, on disk. */
  event: StoredRef;
}

interface Group {
  values: string[];
  /**
   * This run's events, in arrival order. An event that matched several of the correlation's rules is here more
   * than once until evaluate() sorts the list and merges it.
   */
  events: StoredEvent[];
  /** Events carried by the state (any time: evaluate() takes those before the run's window). */
  carried: CarriedStored[];
  /** Instances still open, carried by the state. */
  open: CarriedOpen[];
  /** The list of one value, shared by every event of the group that has that value (value_count). */
  valueLists: Map<string, readonly string[]>;
}

/** A carried event: `stored` unless it is one that a run reported and no run can take again (no projection). */
interface CarriedStored {
  id: string;
  time: number;
  stored?: StoredEvent;
  reportedBy?: number;
}

interface Tracked {
  correlation: ResolvedCorrelation;
  spec: WindowSpec;
  groups: Map<string, Group>;
  /** The list of one member index, shared by every event that matched only that rule. */
  ruleLists: (readonly number[])[];
  /** The horizon carried by the state (the latest run's). */
  savedHorizon: number;
  latest: number;
}

interface Evaluated {
  group: Group;
  instances: StoredEvent[][];
  /** The carried events this run took as history (before its window, not reported by an earlier run). */
  history: Set<string>;
  openUntil?: number;
  /** The carried open instance this run continued. */
  continued?: CarriedOpen;
}

/** Events held by default (about 150 bytes each in memory), across all correlations: attacker-influenced volume. */
export const DEFAULT_MAX_EVENTS_HELD = 250_000;

export interface CorrelationOptions {
  /** `window.end` is the horizon: windows reaching past it wait for the next run (open end: nothing waits). */
  window?: TimeWindow;
  /** Most events held across all correlations (default 250 000): those beyond are counted and left out. */
  maxEventsHeld?: number;
}

export class CorrelationEngine implements Analyzer {
  readonly name = 'correlation';
  private readonly tracked: Tracked[];
  private readonly byRule = new Map<string, { tracked: Tracked; member: number }[]>();
  private readonly horizon: number;
  private stored = 0;
  private readonly maxEvents: number;
  private droppedEvents = 0;
  private readonly events = new DiskStore<FindingEvent>();
  private evaluated: Map<Tracked, Evaluated[]> | undefined;
  private readonly windowStart: number | undefined;
  /** Where the records at hand begin (files without a window start), see recordsBeginAt. */
  private recordsFrom: number | undefined;
  private firstObserved = Number.POSITIVE_INFINITY;

  constructor(correlations: readonly ResolvedCorrelation[], options: CorrelationOptions = {}) {
    this.maxEvents = options.maxEventsHeld ?? DEFAULT_MAX_EVENTS_HELD;
    this.horizon = options.window?.end ?? Number.POSITIVE_INFINITY;
    this.windowStart = options.window?.start;
    this.tracked = correlations.map((correlation) => {
      const { rule, members } = correlation;
      const spec: WindowSpec = { type: rule.type, memberCount: members.length, timespanMs: rule.timespanMs };
      if (rule.condition) spec.condition = rule.condition;
      if (rule.eventCount) spec.eventCount = rule.eventCount;
      return {
        correlation,
        spec,
        groups: new Map(),
        ruleLists: members.map((_, index) => [index]),
        savedHorizon: Number.NEGATIVE_INFINITY,
        latest: Number.NEGATIVE_INFINITY,
      };
    });
    for (const tracked of this.tracked) {
      tracked.correlation.members.forEach((member, index) => {
        const list = this.byRule.get(member.rule.ruleId) ?? [];
        list.push({ tracked, member: index });
        this.byRule.set(member.rule.ruleId, list);
      });
    }
  }

  /** Rule ids whose matches this engine needs (the Detector must run them even when they make no finding). */
  ruleIds(): string[] {
    return [...this.byRule.keys()];
  }

  observe(rule: CompiledRule, timed: TimedRecord, inWindow: boolean): void {
    this.observeDescribed(rule, this.describe(rule, timed, inWindow), timed.time, inWindow);
  }

  /** The event, and for each correlation that uses the rule the counted values and the group keys. */
  describe(rule: CompiledRule, { record }: TimedRecord, inWindow: boolean): CorrelationMatch | undefined {
    if (!inWindow) return undefined;
    const uses = this.byRule.get(rule.rule.ruleId);
    if (!uses) return undefined;
    return {
      id: eventIdOf(record),
      event: findingEvent(record, rule.rule.fields),
      uses: uses.map(({ tracked, member }) => {
        const field = tracked.correlation.valueFields[member];
        return {
          values: field !== undefined ? fieldValues(record, field) : NO_VALUES,
          keys: groupKeys(record, tracked.correlation.groupFields[member]!),
        };
      }),
    };
  }

  observeDescribed(rule: CompiledRule, described: unknown, time: number, inWindow: boolean): void {
    if (!inWindow || described === undefined) return;
    const uses = this.byRule.get(rule.rule.ruleId);
    if (!uses) return;
    const { id, event: given, uses: parts } = described as CorrelationMatch;
    let event: StoredRef | undefined;
    if (time < this.firstObserved) this.firstObserved = time;
    uses.forEach(({ tracked, member }, u) => {
      const { values, keys } = parts[u]!;
      if (tracked.spec.type === 'value_count' && values.length === 0) return;
      for (const key of keys) {
        if (this.stored >= this.maxEvents) {
          this.droppedEvents++;
          continue;
        }
        const group = this.groupOf(tracked, key);
        this.stored++;
        event ??= this.events.add(given);
        const rules = tracked.ruleLists[member]!;
        group.events.push({ id, time, rules, values: sharedValues(group, values), event });
        if (time > tracked.latest) tracked.latest = time;
      }
    });
    this.evaluated = undefined;
  }

  /** Correlations judge the window alone: what they need from before it is carried in the state. */
  historyWanted(): undefined {
    return undefined;
  }

  historyDelivered(): void {}

  /** The records at hand (files read whole) begin at `since`: the state's events before it are history. */
  recordsBeginAt(since: number): void {
    this.recordsFrom = since;
    this.evaluated = undefined;
  }

  learning(): LearningRule[] {
    return [];
  }

  /** Notes for the run's log: events left out for the memory bound. */
  notes(): string[] {
    return this.droppedEvents > 0
      ? [
          `correlation: ${this.droppedEvents} matching events were left out (more than ${this.maxEvents} held); counts may be low`,
        ]
      : [];
  }

  /** Each finding, as it is built, goes through `each` (the scan bounds its events there) before the next is built. */
  findings(each: (finding: Finding) => Finding = (finding) => finding): Finding[] {
    const findings: Finding[] = [];
    for (const [tracked, evaluated] of this.evaluate()) {
      const rule = tracked.correlation.rule;
      for (const { group, instances } of evaluated) {
        if (instances.length === 0) continue;
        // Instances follow one another in time, each in (time, id) order.
        const events = this.events.read(instances.flat().map((e) => e.event));
        const groupRecord: Record<string, string> = {};
        rule.groupBy.forEach((name, i) => (groupRecord[name] = group.values[i]!));
        findings.push(
          each(buildFinding(rule, fingerprintOf([rule.ruleId, ...group.values]), groupRecord, events)),
        );
      }
    }
    return sortFindings(findings);
  }

  /**
   * The state for the next run (see state.ts): per group, the carried events of the last timespan before this run's
   * window (kept for a run over this window again, marked when this run reported them), carried events after this
   * run's window (a newer run's), this run's events of the last timespan before its horizon, and the open instances.
   */
  exportState(now: number): unknown {
    const evaluated = this.evaluate();
    const start = this.runStart();
    const correlations = this.tracked.map((tracked) => {
      const rule = tracked.correlation.rule;
      const span = rule.timespanMs;
      const horizon = Number.isFinite(this.horizon)
        ? this.horizon
        : Number.isFinite(tracked.latest)
          ? tracked.latest
          : now;
      const members = tracked.correlation.members.map((m) => m.rule.ruleId);
      const carriedOf = (e: StoredEvent, reportedBy?: number): CarriedEvent => ({
        id: e.id,
        time: e.time,
        rules: e.rules.map((m) => members[m]!),
        values: e.values,
        ...(reportedBy === undefined ? { event: this.events.get(e.event) } : {}),
        ...(reportedBy !== undefined ? { reportedBy } : {}),
      });
      const groups: CarriedGroup[] = [];
      for (const { group, instances, history, openUntil, continued } of evaluated.get(tracked)!) {
        const inInstance = new Set<string>();
        for (const instance of instances) for (const e of instance) inInstance.add(e.id);
        const events: CarriedEvent[] = [];
        for (const c of group.carried) {
          if (c.time >= start && c.time <= horizon) continue; // this run read that time itself
          if (c.time < start - span) continue; // no later run needs it
          const reportedBy = c.reportedBy ?? (history.has(c.id) && inInstance.has(c.id) ? start : undefined);
          if (c.stored) {
            const out = carriedOf(c.stored);
            if (reportedBy !== undefined) out.reportedBy = reportedBy;
            events.push(out);
          } else events.push({ id: c.id, time: c.time, rules: [], values: [], reportedBy: c.reportedBy! });
        }
        // group.events is sorted and merged by evaluate().
        for (const e of group.events)
          if (e.time > horizon - span) events.push(carriedOf(e, inInstance.has(e.id) ? start : undefined));
        const open = group.open.filter(
          (o) => (o.until - span < start && o.until >= start - span) || o.until - span > horizon,
        );
        if (openUntil !== undefined && openUntil > horizon && openUntil !== continued?.until)
          open.push({ until: openUntil, by: start });
        if (events.length > 0 || open.length > 0) groups.push({ key: group.values, events, open });
      }
      return {
        ruleId: rule.ruleId,
        timespanMs: span,
        rules: members,
        horizon: Math.max(horizon, tracked.savedHorizon),
        groups,
      };
    });
    return encodeCorrelationState(correlations);
  }

  /**
   * Where this run's own records begin: the window's start, else the start of the records at hand, else its first
   * match. The state's events before it are history; from it on, the run's own events decide.
   */
  private runStart(): number {
    return this.windowStart ?? this.recordsFrom ?? this.firstObserved;
  }

  /** Call before the first observe: the carried events and open instances of each group, for evaluate(). */
  importState(section: unknown): string | undefined {
    const decoded = decodeCorrelationState(section);
    if (typeof decoded === 'string') return decoded;
    for (const saved of decoded) {
      const tracked = this.tracked.find((t) => t.correlation.rule.ruleId === saved.ruleId);
      if (!tracked) continue; // the correlation is no longer loaded
      const members = tracked.correlation.members.map((m) => m.rule.ruleId);
      // A changed timespan or rule list makes the carried windows meaningless: start that correlation afresh.
      if (
        saved.timespanMs !== tracked.correlation.rule.timespanMs ||
        saved.rules.join('\n') !== members.join('\n')
      )
        continue;
      tracked.savedHorizon = saved.horizon;
      for (const carried of saved.groups) {
        if (carried.key.length !== tracked.correlation.rule.groupBy.length) continue;
        const group = this.groupOf(tracked, carried.key);
        group.open.push(...carried.open);
        for (const e of carried.events) {
          const entry: CarriedStored = { id: e.id, time: e.time };
          if (e.reportedBy !== undefined) entry.reportedBy = e.reportedBy;
          const rules = e.rules.map((r) => members.indexOf(r)).filter((i) => i >= 0);
          if (e.event !== undefined && rules.length > 0) {
            entry.stored = {
              id: e.id,
              time: e.time,
              rules,
              values: sharedValues(group, e.values),
              event: this.events.add(e.event),
            };
            this.stored++;
          } else if (e.reportedBy === undefined) continue; // no member rule left to count it for
          group.carried.push(entry);
        }
      }
    }
    this.evaluated = undefined;
    return undefined;
  }

  private groupOf(tracked: Tracked, key: string[]): Group {
    const id = unambiguousKey(key);
    let group = tracked.groups.get(id);
    if (!group) {
      group = { values: key, events: [], carried: [], open: [], valueLists: new Map() };
      tracked.groups.set(id, group);
    }
    return group;
  }

  /**
   * Per correlation, each group's instances and what stays open; sorts and merges each group's events once. The
   * timeline of a group is this run's events and, before the run's start, the carried events that no earlier run
   * reported; an instance that an earlier run left open before the run's start takes the first events.
   */
  private evaluate(): Map<Tracked, Evaluated[]> {
    if (this.evaluated) return this.evaluated;
    const start = this.runStart();
    const evaluated = new Map<Tracked, Evaluated[]>();
    for (const tracked of this.tracked) {
      const span = tracked.correlation.rule.timespanMs;
      const list: Evaluated[] = [];
      for (const group of tracked.groups.values()) {
        group.events = mergeDuplicates(group.events.sort(byTimeThenId));
        const history: StoredEvent[] = [];
        for (const c of group.carried) {
          if (c.time >= start || !c.stored) continue;
          if (c.reportedBy !== undefined && c.reportedBy < start) continue; // decided by an earlier run
          history.push(c.stored);
        }
        const timeline =
          history.length === 0
            ? group.events
            : mergeDuplicates([...history, ...group.events].sort(byTimeThenId));
        let continued: CarriedOpen | undefined;
        for (const open of group.open) {
          if (open.by >= start || open.until - span >= start) continue; // this run's own decision, or a later one
          if (!continued || open.until > continued.until) continued = open;
        }
        const outcome = evaluateGroup(timeline, tracked.spec, this.horizon, continued?.until);
        const entry: Evaluated = {
          group,
          instances: outcome.instances,
          history: new Set(history.map((e) => e.id)),
        };
        if (outcome.openUntil !== undefined) entry.openUntil = outcome.openUntil;
        if (continued) entry.continued = continued;
        list.push(entry);
      }
      evaluated.set(tracked, list);
    }
    this.evaluated = evaluated;
    return evaluated;
  }
}

const NO_VALUES: readonly string[] = [];

/**
 * `values`, or one list shared by the events with the same: the empty list, or the group's list for that one value
 * (events of a group repeat a few values; lists from a worker are new arrays each).
 */
function sharedValues(group: Group, values: readonly string[]): readonly string[] {
  if (values.length === 0) return NO_VALUES;
  if (values.length !== 1) return values;
  const shared = group.valueLists.get(values[0]!);
  if (shared) return shared;
  group.valueLists.set(values[0]!, values);
  return values;
}

/** One entry per eventID in a list sorted by (time, id): the rules and values of its duplicates joined. */
function mergeDuplicates(events: StoredEvent[]): StoredEvent[] {
  let out = 0;
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    const last = out > 0 ? events[out - 1]! : undefined;
    if (last && last.id === e.id) {
      const rules = [...new Set([...last.rules, ...e.rules])].sort((a, b) => a - b);
      const values = [...new Set([...last.values, ...e.values])];
      events[out - 1] = { ...last, rules, values };
    } else events[out++] = e;
  }
  events.length = out;
  return events;
}

/** One string for a list of strings, different for every list (each part prefixed by its length). */
function unambiguousKey(parts: readonly string[]): string {
  let key = '';
  for (const part of parts) key += `${part.length}:${part}`;
  return key;
}

function eventIdOf(record: Record<string, unknown>): string {
  if (typeof record.eventID === 'string' && record.eventID !== '') return record.eventID;
  return 'sha256:' + createHash('sha256').update(JSON.stringify(record)).digest('hex').slice(0, 32);
}

function byTimeThenId(a: Occurrence, b: Occurrence): number {
  return a.time - b.time || compare(a.id, b.id);
}
