import type { TimeWindow } from '../core/window.js';
import { buildFinding, findingEvent, fingerprintOf, sortFindings } from '../findings/build.js';
import { suppressingEntry, type Allowlist } from '../allowlist/allowlist.js';
import type { Finding, FindingEvent, Suppression } from '../core/finding.js';
import type { TimedRecord } from '../core/record.js';
import { fieldText } from '../records/fields.js';
import type { CompiledRule } from '../rules/compile.js';
import type { RuleIndex } from '../rules/index.js';
import { makesFindings, type DetectionRule } from '../rules/model.js';
import type { CloudTrailRecord } from '../core/record.js';

const NO_MATCH: readonly DetectionRule[] = [];

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
  return { group, event: findingEvent(record, rule.rule.fields) };
}

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
    private readonly hooks: DetectorHooks = {},
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
  consume(timed: TimedRecord): readonly DetectionRule[] {
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
    // A suppressed finding has a fingerprint of its own, so it never shares one with a reported finding.
    const fingerprint = fingerprintOf([
      rule.rule.ruleId,
      ...rule.rule.groupBy.map((f) => group[f] ?? ''),
      ...(allowed ? ['suppressed'] : []),
    ]);
    const groups = allowed ? this.suppressedGroups : this.groups;
    let entry = groups.get(fingerprint);
    if (!entry) {
      entry = { rule, group, events: [] };
      if (allowed) entry.suppression = { kind: 'allowlist', reason: allowed.reason, entry: allowed.where };
      groups.set(fingerprint, entry);
    }
    entry.events.push(event);
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
  return sortFindings(
    [...groups].map(([fingerprint, { rule, group, events, suppression }]) =>
      buildFinding(rule.rule, fingerprint, group, events, suppression),
    ),
  );
}
