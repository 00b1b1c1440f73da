/**
 * The one place findings are made, whatever engine found them (single-event rules, correlations, first-seen rules):
 * a matching record reduced to the event a finding lists, the fingerprint issues are tracked by, the finding itself,
 * and the order findings are reported in.
 */
import { createHash } from 'node:crypto';
import type { Finding, FindingEvent, Suppression } from '../core/finding.js';
import type { CloudTrailRecord } from '../core/record.js';
import type { RuleMeta } from '../core/rule-meta.js';
import { detach } from '../core/detach.js';
import { severityRank } from '../core/severity.js';
import { actorOf } from '../records/actor.js';
import { fieldText } from '../rules/fields.js';
import { keptEvents, type FindingEventList } from './events.js';
import { compare, compareEvents } from './order.js';

export { compareEvents } from './order.js';

/** A matching record as findings list it: the contract's fields, and the values of the rule's `fields`. */
export function findingEvent(record: CloudTrailRecord, fields: readonly string[]): FindingEvent {
  // Detached: a finding keeps its events long after the record's text is gone (core/detach.ts).
  const event: FindingEvent = {
    eventID: text(record.eventID),
    eventTime: detach(record.eventTime),
    eventSource: text(record.eventSource),
    eventName: detach(record.eventName),
    awsRegion: text(record.awsRegion),
    recipientAccountId: text(record.recipientAccountId),
    actor: detach(actorOf(record)),
    sourceIPAddress: text(record.sourceIPAddress),
    userAgent: text(record.userAgent),
  };
  if (typeof record.errorCode === 'string') event.errorCode = detach(record.errorCode);
  const invokedBy = (record.userIdentity as { invokedBy?: unknown } | undefined)?.invokedBy;
  if (typeof invokedBy === 'string' && invokedBy !== '') event.invokedBy = detach(invokedBy);
  const details: Record<string, string> = {};
  for (const field of fields) {
    const value = fieldText(record, field);
    if (value !== undefined) details[field] = detach(value);
  }
  if (Object.keys(details).length > 0) event.details = details;
  return event;
}

/**
 * The key a finding is tracked by across runs (its GitHub issue's marker): a hash of the rule id and the values that
 * make its group. Stable: changing how it is computed would open every tracked issue again.
 */
export function fingerprintOf(parts: readonly string[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
}

/**
 * A finding of `rule` over `events` (sorted here, oldest first, ties by eventID), given in memory or as a list that
 * keeps the oldest and newest in memory and spills the rest (events.ts). There must be at least one event.
 */
export function buildFinding(
  rule: RuleMeta,
  fingerprint: string,
  group: Record<string, string>,
  given: FindingEvent[] | FindingEventList,
  suppression?: Suppression,
): Finding {
  const events = Array.isArray(given) ? given.sort(compareEvents) : keptEvents(given);
  const count = Array.isArray(given) ? given.length : given.count;
  return {
    ruleId: rule.ruleId,
    title: rule.title,
    severity: rule.level,
    fingerprint,
    firstSeen: events[0]!.eventTime,
    lastSeen: events[events.length - 1]!.eventTime,
    count,
    author: rule.author,
    attack: rule.attack,
    group,
    events,
    ...(suppression ? { suppression } : {}),
  };
}

/** Findings of every kind in one order: most severe first, then oldest, then by rule and fingerprint. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) ||
      compare(a.firstSeen, b.firstSeen) ||
      compare(a.ruleId, b.ruleId) ||
      compare(a.fingerprint, b.fingerprint),
  );
}

function text(value: unknown): string {
  return typeof value === 'string'
    ? detach(value)
    : value === undefined || value === null
      ? ''
      : String(value);
}
