import type { TimedRecord } from '../core/record.js';
import type { CloudTrailRecord } from '../core/record.js';
import type { ScanStats } from '../core/stats.js';
import type { Origin, RawRecord } from '../core/source.js';
import { SeenIds } from './seen-ids.js';

/**
 * The records stage: parses each raw record, drops what is not a usable CloudTrail API event (naming it),
 * and de-duplicates by eventID (CloudTrail delivers some events twice).
 */

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

/**
 * Counts a parsed record into the stats and de-duplicates it by eventID (first occurrence wins): true when it
 * is a new event to scan.
 */
export function admitRecord(
  parsed: ParsedRecord,
  origin: Origin,
  eventID: unknown,
  seen: SeenIds,
  stats: ScanStats,
): boolean {
  if (parsed.kind === 'problem') {
    stats.recordSkipped(origin, parsed.message);
    return false;
  }
  if (parsed.kind === 'insight') {
    stats.recordsSkipped++;
    return false;
  }
  if (typeof eventID === 'string' && !seen.add(eventID)) {
    stats.duplicatesDropped++;
    return false;
  }
  stats.eventsScanned++;
  return true;
}

export async function* toRecords(
  raw: AsyncIterable<RawRecord>,
  stats: ScanStats,
): AsyncIterable<TimedRecord> {
  const seen = new SeenIds();
  for await (const { text, origin } of raw) {
    const parsed = parseRecord(text);
    if (
      admitRecord(parsed, origin, parsed.kind === 'event' ? parsed.record.eventID : undefined, seen, stats)
    ) {
      const { record, time } = parsed as { record: CloudTrailRecord; time: number };
      yield { record, time };
    }
  }
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
