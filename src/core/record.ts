/** A CloudTrail record after JSON.parse: an object with at least eventTime and eventName (checked by records/). */
export type CloudTrailRecord = Record<string, unknown> & { eventTime: string; eventName: string };

/** A record with its eventTime in epoch milliseconds. */
export interface TimedRecord {
  record: CloudTrailRecord;
  time: number;
}
