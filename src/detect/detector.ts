import { createHash } from 'node:crypto';
import { suppressingEntry, type Allowlist } from '../allowlist/allowlist.js';
import type { Finding, FindingEvent, Suppression } from '../findings/model.js';
import type { TimedRecord } from '../records/parse.js';
import { actorOf } from '../records/actor.js';
import { fieldText } from '../records/fields.js';
import type { CompiledRule } from '../rules/compile.js';
import type { RuleIndex } from '../rules/index.js';
import type { CloudTrailRecord, SigmaRule } from '../rules/model.js';
import { severityRank } from '../rules/model.js';

/** Inclusive bounds in epoch milliseconds; an absent bound is open. */
export interface TimeWindow {
  start?: number;
  end?: number;
}

const NO_MATCH: readonly SigmaRule[] = [];

interface Group {
  rule: CompiledRule;
  group: Record<string, string>;
  events: FindingEvent[];
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

  constructor(
    private readonly index: Pick<RuleIndex, 'candidates'>,
    private readonly window: TimeWindow,
    private readonly allowlist?: Allowlist,
  ) {}

  /** Matches one record if it lies in the window; returns the rules it matched. */
  consume({ record, time }: TimedRecord): readonly SigmaRule[] {
    if (this.window.start !== undefined && time < this.window.start) return NO_MATCH;
    if (this.window.end !== undefined && time > this.window.end) return NO_MATCH;
    this.eventsInWindow++;
    this.accounts.add(record.recipientAccountId);
    this.regions.add(record.awsRegion);
    let matched: readonly SigmaRule[] = NO_MATCH;
    for (const rule of this.index.candidates(record.eventName)) {
      if (rule.matches(record)) {
        this.add(rule, record);
        matched = matched === NO_MATCH ? [rule.rule] : [...matched, rule.rule];
      }
    }
    return matched;
  }

  private add(rule: CompiledRule, record: CloudTrailRecord): void {
    const group: Record<string, string> = {};
    for (const field of rule.rule.groupBy) group[field] = fieldText(record, field) ?? '';
    const allowed = this.allowlist && suppressingEntry(this.allowlist, rule.rule.ruleId, record);
    // A suppressed finding has a fingerprint of its own, so it never shares one with a reported finding.
    const key = [
      rule.rule.ruleId,
      ...rule.rule.groupBy.map((f) => group[f]),
      ...(allowed ? ['suppressed'] : []),
    ];
    const fingerprint = createHash('sha256').update(JSON.stringify(key)).digest('hex').slice(0, 32);
    const groups = allowed ? this.suppressedGroups : this.groups;
    let entry = groups.get(fingerprint);
    if (!entry) {
      entry = { rule, group, events: [] };
      if (allowed) entry.suppression = { kind: 'allowlist', reason: allowed.reason, entry: allowed.where };
      groups.set(fingerprint, entry);
    }
    entry.events.push(findingEvent(record, rule));
  }

  /** Findings, most severe first; events in each oldest first. The order does not depend on the input's order. */
  findings(): Finding[] {
    return toFindings(this.groups);
  }

  /** Matches suppressed by the allowlist, as findings with their suppression. */
  suppressed(): Finding[] {
    return toFindings(this.suppressedGroups);
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
  for (const [fingerprint, { rule, group, events, suppression }] of groups) {
    events.sort((a, b) => compare(a.eventTime, b.eventTime) || compare(a.eventID, b.eventID));
    const r = rule.rule;
    findings.push({
      ruleId: r.ruleId,
      title: r.title,
      severity: r.level,
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

function findingEvent(record: CloudTrailRecord, rule: CompiledRule): FindingEvent {
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
