/**
 * The records stage: parses each raw record and sets aside what is not a usable CloudTrail API event (naming it).
 * De-duplication by eventID (CloudTrail delivers some events twice) happens where entries are merged in order.
 */
import type { CloudTrailRecord } from '../core/record.js';

/** One raw record's text, parsed and checked: a usable event, a problem to report, or an Insights event. */
export type ParsedRecord =
  | { kind: 'event'; record: CloudTrailRecord; time: number }
  | { kind: 'problem'; message: string }
  | { kind: 'insight' };

/** Parses and checks one record (no de-duplication: that needs every record before it, in order). */
export function parseRecord(text: string): ParsedRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { kind: 'problem', message: `invalid JSON: ${(err as Error).message}` };
  }
  const problem = whyUnusable(value);
  if (problem) return { kind: 'problem', message: problem };
  const record = value as CloudTrailRecord;
  const time = Date.parse(record.eventTime);
  if (Number.isNaN(time)) {
    return { kind: 'problem', message: `invalid eventTime ${JSON.stringify(record.eventTime).slice(0, 80)}` };
  }
  if (record.eventType === 'AwsCloudTrailInsight') return { kind: 'insight' };
  return { kind: 'event', record, time };
}

function whyUnusable(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return `not a CloudTrail record: a JSON ${value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value}, not an object`;
  }
  const record = value as Record<string, unknown>;
  if (typeof record.eventName !== 'string' || record.eventName === '')
    return 'not a CloudTrail record: no eventName';
  if (typeof record.eventTime !== 'string') return 'not a CloudTrail record: no eventTime';
  return undefined;
}
