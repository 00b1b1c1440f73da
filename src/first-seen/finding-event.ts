import type { FindingEvent } from '../core/finding.js';
import { actorOf } from '../records/actor.js';
import { fieldText } from '../records/fields.js';
import type { DetectionRule } from '../rules/model.js';
import type { CloudTrailRecord } from '../core/record.js';

/** A matching record as findings list it (the same shape the detector gives single-event findings). */
export function findingEvent(record: CloudTrailRecord, rule: DetectionRule): FindingEvent {
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
  for (const field of rule.fields) {
    const value = fieldText(record, field);
    if (value !== undefined) details[field] = value;
  }
  if (Object.keys(details).length > 0) event.details = details;
  return event;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}
