/**
 * The correlation Analyzer: collects the matches of the rules that correlations refer to, per correlation and
 * group, and turns the windows that satisfy a correlation (windows.ts) into findings. Its state section (state.ts)
 * carries the undecided tail of each group and the events already reported, so that scheduled runs over
 * consecutive or overlapping windows report what one run over the whole span would, each event once.
 */
import { createHash } from 'node:crypto';
import { buildFinding, findingEvent, fingerprintOf, sortFindings } from '../findings/build.js';
import { type TimeWindow } from '../core/window.js';
import type { Finding, FindingEvent } from '../core/finding.js';
import type { LearningRule } from '../core/result.js';
import type { Analyzer } from '../detect/analyzer.js';
import type { TimedRecord } from '../core/record.js';
import type { CompiledRule } from '../rules/compile.js';
import type { ResolvedCorrelation } from '../rules/resolve-correlations.js';
import { decodeCorrelationState, encodeCorrelationState, type CarriedGroup } from './state.js';
import { fieldValues, groupKeys } from './values.js';
import { evaluateGroup, type Occurrence } from './windows.js';

export interface StoredEvent extends Occurrence {
  event: FindingEvent;
}

interface Group {
  values: string[];
  /** Events not in any instance reported so far: carried from the last run and seen in this one. */
  events: Map<string, StoredEvent>;
  /** Events already in a reported instance (eventID → time), carried from earlier runs. */
  reported: Map<string, number>;
  openUntil?: number;
}

interface Tracked {
  correlation: ResolvedCorrelation;
  groups: Map<string, Group>;
  /** Events at or before this time were decided by an earlier run (its horizon minus the timespan). */
  settledUpTo: number;
  latest: number;
}

interface Evaluated {
  tracked: Tracked;
  group: Group;
  instances: StoredEvent[][];
  openUntil?: number;
}

/** In-memory bound on collected events, across all correlations (attacker-influenced volume). */
const MAX_EVENTS_IN_MEMORY = 1_000_000;

export class CorrelationEngine implements Analyzer {
  readonly name = 'correlation';
  private readonly tracked: Tracked[];
  private readonly byRule = new Map<string, { tracked: Tracked; member: number }[]>();
  private readonly horizon: number;
  private stored = 0;
  private droppedEvents = 0;
  private evaluated: Evaluated[] | undefined;

  /** `window.end` is the horizon: windows reaching past it wait for the next run (open end: nothing waits). */
  constructor(correlations: readonly ResolvedCorrelation[], options: { window?: TimeWindow } = {}) {
    this.horizon = options.window?.end ?? Number.POSITIVE_INFINITY;
    this.tracked = correlations.map((correlation) => ({
      correlation,
      groups: new Map(),
      settledUpTo: Number.NEGATIVE_INFINITY,
      latest: Number.NEGATIVE_INFINITY,
    }));
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

  observe(rule: CompiledRule, { record, time }: TimedRecord, inWindow: boolean): void {
    if (!inWindow) return;
    const uses = this.byRule.get(rule.rule.ruleId);
    if (!uses) return;
    const id = eventIdOf(record);
    let event: FindingEvent | undefined;
    for (const { tracked, member } of uses) {
      if (time <= tracked.settledUpTo) continue; // an earlier run decided this part of the timeline
      const correlation = tracked.correlation.rule;
      const field = tracked.correlation.valueFields[member];
      const values = field !== undefined ? fieldValues(record, field) : [];
      if (correlation.type === 'value_count' && values.length === 0) continue;
      for (const key of groupKeys(record, tracked.correlation.groupFields[member]!)) {
        const group = this.groupOf(tracked, key);
        if (group.reported.has(id)) continue;
        const known = group.events.get(id);
        if (known) {
          if (!known.rules.includes(member)) known.rules.push(member);
          for (const value of values) if (!known.values.includes(value)) known.values.push(value);
          continue;
        }
        if (this.stored >= MAX_EVENTS_IN_MEMORY) {
          this.droppedEvents++;
          continue;
        }
        this.stored++;
        event ??= findingEvent(record, rule.rule.fields);
        group.events.set(id, { id, time, rules: [member], values, event });
        if (time > tracked.latest) tracked.latest = time;
      }
    }
    this.evaluated = undefined;
  }

  /** Correlations judge the window alone: what they need from before it is carried in the state. */
  historyWanted(): undefined {
    return undefined;
  }

  historyDelivered(): void {}

  recordsBeginAt(): void {}

  learning(): LearningRule[] {
    return [];
  }

  /** Notes for the run's log: events left out for the memory bound. */
  notes(): string[] {
    return this.droppedEvents > 0
      ? [
          `correlation: ${this.droppedEvents} matching events were left out (more than ${MAX_EVENTS_IN_MEMORY} held); counts may be low`,
        ]
      : [];
  }

  findings(): Finding[] {
    const findings: Finding[] = [];
    for (const { tracked, group, instances } of this.evaluate()) {
      if (instances.length === 0) continue;
      const rule = tracked.correlation.rule;
      const events = instances
        .flat()
        .sort(byTimeThenId)
        .map((e) => e.event);
      const groupRecord: Record<string, string> = {};
      rule.groupBy.forEach((name, i) => (groupRecord[name] = group.values[i]!));
      findings.push(buildFinding(rule, fingerprintOf([rule.ruleId, ...group.values]), groupRecord, events));
    }
    return sortFindings(findings);
  }

  exportState(now: number): unknown {
    const correlations = this.tracked.map((tracked) => {
      const rule = tracked.correlation.rule;
      const horizon = Number.isFinite(this.horizon)
        ? this.horizon
        : Number.isFinite(tracked.latest)
          ? tracked.latest
          : now;
      const keepAfter = Math.max(horizon - rule.timespanMs, tracked.settledUpTo);
      const groups: CarriedGroup[] = [];
      for (const { group, instances, openUntil } of this.evaluate().filter((e) => e.tracked === tracked)) {
        const reported = new Map(group.reported);
        for (const instance of instances) for (const e of instance) reported.set(e.id, e.time);
        const inInstance = new Set(reported.keys());
        const carried: CarriedGroup = {
          key: group.values,
          reported: [...reported].filter(([, time]) => time > keepAfter),
          pending: [...group.events.values()]
            .filter((e) => !inInstance.has(e.id) && e.time > keepAfter)
            .sort(byTimeThenId)
            .map((e) => ({
              id: e.id,
              time: e.time,
              rules: e.rules.map((m) => tracked.correlation.members[m]!.rule.ruleId),
              values: e.values,
              event: e.event,
            })),
        };
        if (openUntil !== undefined && openUntil > horizon) carried.openUntil = openUntil;
        if (carried.reported.length > 0 || carried.pending.length > 0 || carried.openUntil !== undefined)
          groups.push(carried);
      }
      return {
        ruleId: rule.ruleId,
        timespanMs: rule.timespanMs,
        rules: tracked.correlation.members.map((m) => m.rule.ruleId),
        horizon,
        groups,
      };
    });
    return encodeCorrelationState(correlations);
  }

  /** Call before the first observe: carried horizons decide which of the run's events are already settled. */
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
      tracked.settledUpTo = saved.horizon - saved.timespanMs;
      for (const carried of saved.groups) {
        if (carried.key.length !== tracked.correlation.rule.groupBy.length) continue;
        const group = this.groupOf(tracked, carried.key);
        for (const [id, time] of carried.reported) group.reported.set(id, time);
        if (carried.openUntil !== undefined) group.openUntil = carried.openUntil;
        for (const e of carried.pending) {
          const rules = e.rules.map((r) => members.indexOf(r)).filter((i) => i >= 0);
          if (rules.length === 0 || group.reported.has(e.id)) continue;
          group.events.set(e.id, { id: e.id, time: e.time, rules, values: e.values, event: e.event });
          this.stored++;
          if (e.time > tracked.latest) tracked.latest = e.time;
        }
      }
    }
    this.evaluated = undefined;
    return undefined;
  }

  private groupOf(tracked: Tracked, key: string[]): Group {
    const id = JSON.stringify(key);
    let group = tracked.groups.get(id);
    if (!group) {
      group = { values: key, events: new Map(), reported: new Map() };
      tracked.groups.set(id, group);
    }
    return group;
  }

  private evaluate(): Evaluated[] {
    if (this.evaluated) return this.evaluated;
    const evaluated: Evaluated[] = [];
    for (const tracked of this.tracked) {
      const { rule, members } = tracked.correlation;
      const spec = { type: rule.type, memberCount: members.length, timespanMs: rule.timespanMs };
      const withCondition = rule.condition ? { ...spec, condition: rule.condition } : spec;
      for (const group of tracked.groups.values()) {
        const events = [...group.events.values()].sort(byTimeThenId);
        const outcome = evaluateGroup(events, withCondition, this.horizon, group.openUntil);
        const entry: Evaluated = { tracked, group, instances: outcome.instances };
        if (outcome.openUntil !== undefined) entry.openUntil = outcome.openUntil;
        evaluated.push(entry);
      }
    }
    this.evaluated = evaluated;
    return evaluated;
  }
}

function eventIdOf(record: Record<string, unknown>): string {
  if (typeof record.eventID === 'string' && record.eventID !== '') return record.eventID;
  return 'sha256:' + createHash('sha256').update(JSON.stringify(record)).digest('hex').slice(0, 32);
}

function byTimeThenId(a: Occurrence, b: Occurrence): number {
  return a.time - b.time || compare(a.id, b.id);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
