import { createHash } from 'node:crypto';
import { suppressingEntry, type Allowlist } from '../allowlist/allowlist.js';
import type { Finding, FindingEvent, Suppression } from '../findings/model.js';
import type { TimedRecord } from '../records/parse.js';
import { actorOf } from '../records/actor.js';
import { fieldText } from '../records/fields.js';
import type { CompiledRule } from '../rules/compile.js';
import type { RuleIndex } from '../rules/index.js';
import type { CloudTrailRecord, Severity, SigmaRule } from '../rules/model.js';
import { severityRank } from '../rules/model.js';
import { deniedLevelOf, deniedTitle } from '../rules/outcome.js';

/** Inclusive bounds in epoch milliseconds; an absent bound is open. */
export interface TimeWindow {
  start?: number;
  end?: number;
}

const NO_MATCH: readonly SigmaRule[] = [];

/** Called for every match in the main thread (analyzers: correlation, first-seen); see docs in notes/analyzers. */
export type MatchObserver = (rule: CompiledRule, timed: TimedRecord, inWindow: boolean) => void;

export interface DetectorHooks {
  /** Every match of every rule of an in-window record; with historyIndex, matches of history records too. */
  observe?: MatchObserver;
  /** Rules whose matches of records in [historySince, window.start) reach observe (inWindow = false). */
  historyIndex?: Pick<RuleIndex, 'candidates'>;
  historySince?: number;
}

/** What a match contributes to its finding; computed where the record was parsed (possibly a worker thread). */
export interface DescribedMatch {
  group: Record<string, string>;
  event: FindingEvent;
}

/** The rules of the index that match the record, in rule order. */
export function matchingRules(
  index: Pick<RuleIndex, 'candidates'>,
  record: CloudTrailRecord,
): CompiledRule[] {
  const matched: CompiledRule[] = [];
  for (const rule of index.candidates(record.eventName)) if (rule.matches(record)) matched.push(rule);
  return matched;
}

/** A match's group values and finding event: everything a finding needs from the record. */
export function describeMatch(rule: CompiledRule, record: CloudTrailRecord): DescribedMatch {
  const group: Record<string, string> = {};
  for (const field of rule.rule.groupBy) group[field] = fieldText(record, field) ?? '';
  return { group, event: findingEvent(record, rule) };
}

/** False for rules whose matches only feed analyzers (Sigma `generate: false`, first-seen rules). */
export function makesFindings(rule: SigmaRule): boolean {
  const r = rule as SigmaRule & { generate?: boolean; firstSeen?: unknown };
  return r.generate !== false && r.firstSeen === undefined;
}

interface Group {
  rule: CompiledRule;
  group: Record<string, string>;
  events: FindingEvent[];
  /** Set when the events are attempts AWS denied: the rule's `denied` level (rules/outcome.ts). */
  denied?: Severity;
  suppression?: Suppression;
}

/** Streams records through the rules that can match them and groups matches into findings by fingerprint. */
export class Detector {
  private readonly groups = new Map<string, Group>();
  private readonly suppressedGroups = new Map<string, Group>();
  eventsInWindow = 0;
  /** Accounts and regions of the events in the window (for the summary's header; bounded, attacker-fed). */
  readonly accounts = new BoundedSet(1000);
  readonly regions = new BoundedSet(1000);

  get groupCount(): number {
    return this.groups.size;
  }

  /** `minSeverity`: findings below it are left out (a rule's denied attempts may be below the rule's level). */
  constructor(
    private readonly index: Pick<RuleIndex, 'candidates'>,
    private readonly window: TimeWindow,
    private readonly allowlist?: Allowlist,
    private readonly hooks: DetectorHooks = {},
    private readonly minSeverity: Severity = 'informational',
  ) {}

  /** Whether a match must be handed over with its parsed record (observe and the allowlist look at it). */
  get needsRecords(): boolean {
    return this.hooks.observe !== undefined || this.allowlist !== undefined;
  }

  inWindow(time: number): boolean {
    return !(
      (this.window.start !== undefined && time < this.window.start) ||
      (this.window.end !== undefined && time > this.window.end)
    );
  }

  /** Whether history rules want this record (its time lies before the window, from historySince on). */
  inHistory(time: number): boolean {
    const { historyIndex, historySince } = this.hooks;
    if (historyIndex === undefined || this.window.start === undefined || time >= this.window.start)
      return false;
    return historySince === undefined || time >= historySince;
  }

  /** Counts an event (of a de-duplicated record) if it lies in the window; returns whether it does. */
  admit(time: number, account: unknown, region: unknown): boolean {
    if (!this.inWindow(time)) return false;
    this.eventsInWindow++;
    this.accounts.add(account);
    this.regions.add(region);
    return true;
  }

  /** Matches one record if it lies in the window; returns the rules it matched. */
  consume(timed: TimedRecord): readonly SigmaRule[] {
    const { record, time } = timed;
    if (!this.admit(time, record.recipientAccountId, record.awsRegion)) {
      this.observeHistory(timed);
      return NO_MATCH;
    }
    const matched = matchingRules(this.index, record);
    for (const rule of matched) this.add(rule, timed);
    return matched.length === 0 ? NO_MATCH : matched.map((r) => r.rule);
  }

  /** Matches of the history rules, for a record outside the window (observe only, never a finding). */
  observeHistory(timed: TimedRecord): void {
    const { observe, historyIndex } = this.hooks;
    if (!observe || !historyIndex || !this.inHistory(timed.time)) return;
    for (const rule of matchingRules(historyIndex, timed.record)) observe(rule, timed, false);
  }

  /** One match of an in-window record (already admitted). */
  add(rule: CompiledRule, timed: TimedRecord): void {
    this.hooks.observe?.(rule, timed, true);
    if (!makesFindings(rule.rule)) return;
    const allowed = this.allowlist && suppressingEntry(this.allowlist, rule.rule.ruleId, timed.record);
    this.group(rule, describeMatch(rule, timed.record), allowed || undefined);
  }

  /**
   * A match described where its record was parsed (a worker), for a detector with neither observe nor allowlist
   * (needsRecords false): the record itself never reaches this thread.
   */
  addDescribed(rule: CompiledRule, match: DescribedMatch): void {
    if (this.needsRecords) throw new Error('addDescribed: this detector needs the matched records');
    if (makesFindings(rule.rule)) this.group(rule, match, undefined);
  }

  private group(
    rule: CompiledRule,
    { group, event }: DescribedMatch,
    allowed: { reason: string; where: string } | undefined,
  ): void {
    // Denied attempts and suppressed matches have fingerprints of their own, so they never share a finding (or
    // an issue) with the successful calls that are reported.
    const denied = deniedLevelOf(rule.rule, event.errorCode);
    const key = [
      rule.rule.ruleId,
      ...rule.rule.groupBy.map((f) => group[f]),
      ...(denied !== undefined ? ['denied'] : []),
      ...(allowed ? ['suppressed'] : []),
    ];
    const fingerprint = createHash('sha256').update(JSON.stringify(key)).digest('hex').slice(0, 32);
    const groups = allowed ? this.suppressedGroups : this.groups;
    let entry = groups.get(fingerprint);
    if (!entry) {
      entry = { rule, group, events: [], ...(denied !== undefined ? { denied } : {}) };
      if (allowed) entry.suppression = { kind: 'allowlist', reason: allowed.reason, entry: allowed.where };
      groups.set(fingerprint, entry);
    }
    entry.events.push(event);
  }

  /** Findings, most severe first; events in each oldest first. The order does not depend on the input's order. */
  findings(): Finding[] {
    return this.atLeastMinSeverity(toFindings(this.groups));
  }

  /** Matches suppressed by the allowlist, as findings with their suppression. */
  suppressed(): Finding[] {
    return this.atLeastMinSeverity(toFindings(this.suppressedGroups));
  }

  private atLeastMinSeverity(findings: Finding[]): Finding[] {
    const min = severityRank(this.minSeverity);
    return findings.filter((f) => severityRank(f.severity) >= min);
  }
}

/** Keeps at most `limit` distinct strings and counts what it could not keep. */
class BoundedSet {
  private readonly values = new Set<string>();
  overflow = false;

  constructor(private readonly limit: number) {}

  add(value: unknown): void {
    if (typeof value !== 'string' || value === '' || this.values.has(value)) return;
    if (this.values.size >= this.limit) this.overflow = true;
    else this.values.add(value);
  }

  sorted(): string[] {
    return [...this.values].sort();
  }
}

function toFindings(groups: Map<string, Group>): Finding[] {
  const findings: Finding[] = [];
  for (const [fingerprint, { rule, group, events, denied, suppression }] of groups) {
    events.sort((a, b) => compare(a.eventTime, b.eventTime) || compare(a.eventID, b.eventID));
    const r = rule.rule;
    findings.push({
      ruleId: r.ruleId,
      title: denied !== undefined ? deniedTitle(r.title) : r.title,
      severity: denied ?? r.level,
      fingerprint,
      firstSeen: events[0]!.eventTime,
      lastSeen: events[events.length - 1]!.eventTime,
      count: events.length,
      author: r.author,
      attack: r.attack,
      group,
      events,
      ...(suppression ? { suppression } : {}),
    });
  }
  return findings.sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) ||
      compare(a.firstSeen, b.firstSeen) ||
      compare(a.ruleId, b.ruleId) ||
      compare(a.fingerprint, b.fingerprint),
  );
}

export function findingEvent(record: CloudTrailRecord, rule: CompiledRule): FindingEvent {
  const event: FindingEvent = {
    eventID: text(record.eventID),
    eventTime: record.eventTime,
    eventSource: text(record.eventSource),
    eventName: record.eventName,
    awsRegion: text(record.awsRegion),
    recipientAccountId: text(record.recipientAccountId),
    actor: actorOf(record),
    sourceIPAddress: text(record.sourceIPAddress),
    userAgent: text(record.userAgent),
  };
  if (typeof record.errorCode === 'string') event.errorCode = record.errorCode;
  const details: Record<string, string> = {};
  for (const field of rule.rule.fields) {
    const value = fieldText(record, field);
    if (value !== undefined) details[field] = value;
  }
  if (Object.keys(details).length > 0) event.details = details;
  return event;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
