import type { CloudTrailRecord } from '../rules/model.js';
import type { ScanStats } from '../pipeline/stats.js';
import type { RawRecord } from '../sources/types.js';
import { SeenIds } from './seen-ids.js';

/**
 * The records stage: parses each raw record, drops what is not a usable CloudTrail API event (naming it),
 * and de-duplicates by eventID (CloudTrail delivers some events twice).
 */
export interface TimedRecord {
  record: CloudTrailRecord;
  /** eventTime in epoch milliseconds. */
  time: number;
}

export async function* toRecords(
  raw: AsyncIterable<RawRecord>,
  stats: ScanStats,
): AsyncIterable<TimedRecord> {
  const seen = new SeenIds();
  for await (const { text, origin } of raw) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      stats.recordSkipped(origin, `invalid JSON: ${(err as Error).message}`);
      continue;
    }
    const problem = whyUnusable(value);
    if (problem) {
      stats.recordSkipped(origin, problem);
      continue;
    }
    const record = value as CloudTrailRecord;
    const time = Date.parse(record.eventTime);
    if (Number.isNaN(time)) {
      stats.recordSkipped(origin, `invalid eventTime ${JSON.stringify(record.eventTime).slice(0, 80)}`);
      continue;
    }
    if (record.eventType === 'AwsCloudTrailInsight') {
      stats.recordsSkipped++;
      continue;
    }
    if (typeof record.eventID === 'string' && !seen.add(record.eventID)) {
      stats.duplicatesDropped++;
      continue;
    }
    stats.eventsScanned++;
    yield { record, time };
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
