/**
 * Single-event rules: each match of a record in the window is part of a finding, grouped by fingerprint (the rule
 * id and the values of the rule's group-by fields). Matching itself happens where the record is parsed (see
 * matchingRules), possibly in a worker thread, which then hands over either the record or the match described.
 */
import { suppressingEntry, type Allowlist } from '../allowlist/allowlist.js';
import { detach } from '../core/detach.js';
import type { Finding, FindingEvent, Suppression } from '../core/finding.js';
import { EventSpill, FindingEventList } from '../findings/events.js';
import type { CloudTrailRecord } from '../core/record.js';
import { buildFinding, findingEvent, fingerprintOf, sortFindings } from '../findings/build.js';
import { fieldText } from '../rules/fields.js';
import type { CompiledRule } from '../rules/compile.js';
import type { RuleIndex } from '../rules/index.js';
import { makesFindings } from '../rules/model.js';
import { deniedLevelOf, deniedTitle } from '../rules/outcome.js';
import { severityRank, type Severity } from '../core/severity.js';

/** What a match contributes to its finding; computed where the record was parsed (possibly a worker thread). */
export interface DescribedMatch {
  group: Record<string, string>;
  event: FindingEvent;
}

/** The rules of the index that match the record, in rule order. */
export function matchingRules(
  index: Pick<RuleIndex, 'candidates'>,
  record: CloudTrailRecord,
  mayMatch?: (rule: CompiledRule) => boolean,
): CompiledRule[] {
  const matched: CompiledRule[] = [];
  for (const rule of index.candidates(record.eventName))
    if ((mayMatch === undefined || mayMatch(rule)) && rule.matches(record)) matched.push(rule);
  return matched;
}

/** A match's group values and finding event: everything a finding needs from the record. */
export function describeMatch(rule: CompiledRule, record: CloudTrailRecord): DescribedMatch {
  const group: Record<string, string> = {};
  for (const field of rule.rule.groupBy) group[field] = detach(fieldText(record, field) ?? '');
  return { group, event: findingEvent(record, rule.rule.fields) };
}

interface Group {
  rule: CompiledRule;
  fingerprint: string;
  group: Record<string, string>;
  /** Bounded in memory: the oldest and newest kept, the rest spilled (findings/events.ts). */
  events: FindingEventList;
  /** Set when the events are attempts AWS denied: the rule's `denied` level (rules/outcome.ts). */
  denied?: Severity;
  suppression?: Suppression;
}

export class Detector {
  /** By the parts of the fingerprint as text: a match finds its group without hashing (the hash is made once). */
  private readonly groups = new Map<string, Group>();
  private readonly suppressedGroups = new Map<string, Group>();

  /**
   * `minSeverity`: findings below it are left out (a rule's denied attempts may be below the rule's level). `spill`:
   * where findings' events beyond the kept ones go (one per scan).
   */
  constructor(
    private readonly allowlist?: Allowlist,
    private readonly minSeverity: Severity = 'informational',
    private readonly spill: EventSpill = new EventSpill(),
  ) {}

  get groupCount(): number {
    return this.groups.size;
  }

  /** Whether a match must be handed over with its record (the allowlist looks at it), not only described. */
  get needsRecords(): boolean {
    return this.allowlist !== undefined;
  }

  /** One match of a record in the window. Rules that only feed analyzers make no finding here. */
  add(rule: CompiledRule, record: CloudTrailRecord): void {
    if (!makesFindings(rule.rule)) return;
    const allowed = this.allowlist && suppressingEntry(this.allowlist, rule.rule.ruleId, record);
    this.group(rule, describeMatch(rule, record), allowed || undefined);
  }

  /** A match described where its record was parsed (a detector that does not need records). */
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
    const parts = [
      rule.rule.ruleId,
      ...rule.rule.groupBy.map((f) => group[f] ?? ''),
      ...(denied !== undefined ? ['denied'] : []),
      ...(allowed ? ['suppressed'] : []),
    ];
    const key = JSON.stringify(parts);
    const groups = allowed ? this.suppressedGroups : this.groups;
    let entry = groups.get(key);
    if (!entry) {
      entry = {
        rule,
        fingerprint: fingerprintOf(parts),
        group,
        events: new FindingEventList(this.spill),
        ...(denied !== undefined ? { denied } : {}),
      };
      if (allowed) entry.suppression = { kind: 'allowlist', reason: allowed.reason, entry: allowed.where };
      groups.set(key, entry);
    }
    entry.events.add(event);
  }

  /** Findings, most severe first; events in each oldest first. The order does not depend on the input's order. */
  findings(): Finding[] {
    return this.toFindings(this.groups);
  }

  /** Matches suppressed by the allowlist, as findings with their suppression. */
  suppressed(): Finding[] {
    return this.toFindings(this.suppressedGroups);
  }

  private toFindings(groups: Map<string, Group>): Finding[] {
    const min = severityRank(this.minSeverity);
    const findings: Finding[] = [];
    for (const { rule, fingerprint, group, events, denied, suppression } of groups.values()) {
      const meta =
        denied !== undefined
          ? { ...rule.rule, title: deniedTitle(rule.rule.title), level: denied }
          : rule.rule;
      if (severityRank(meta.level) >= min)
        findings.push(buildFinding(meta, fingerprint, group, events, suppression));
    }
    return sortFindings(findings);
  }
}
