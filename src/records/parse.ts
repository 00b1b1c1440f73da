/**
 * The records stage: parses each raw record and sets aside what is not a usable CloudTrail API event (naming it).
 * De-duplication by eventID (CloudTrail delivers some events twice) happens where entries are merged in order.
 */
import type { CloudTrailRecord } from '../core/record.js';
import { COMPLEX, onlyOccurrences, STRING, type FieldOccurrences } from './raw-fields.js';

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

/** The keys rawEvent reads (the scanner that gives it their occurrences must look for them). */
export const RAW_EVENT_KEYS = [
  'eventName',
  'eventTime',
  'eventID',
  'recipientAccountId',
  'awsRegion',
  'eventType',
];

/** What the scan counts of an event it does not parse. */
export interface RawEvent {
  time: number;
  eventTime: string;
  id: string | undefined;
  account: string | undefined;
  region: string | undefined;
}

/**
 * An event read from the fields of its raw text (raw-fields.ts) exactly as parseRecord would read it, or undefined
 * when the fields leave that in doubt (a key found twice, a value with escapes, an Insights event): the caller then
 * parses the record.
 */
export function rawEvent(fields: FieldOccurrences): RawEvent | undefined {
  const at = occurrencesOf(fields);
  const name = at[NAME]!;
  const time = at[TIME]!;
  if (name < 0 || time < 0) return undefined;
  if (fields.kind(name) !== STRING || fields.value(name) === '' || fields.kind(time) !== STRING)
    return undefined;
  const type = at[TYPE]!;
  if (type === -2 || (type >= 0 && fields.kind(type) === COMPLEX)) return undefined;
  if (type >= 0 && fields.kind(type) === STRING && fields.value(type) === 'AwsCloudTrailInsight')
    return undefined;
  const id = optionalString(fields, at[ID]!);
  const account = optionalString(fields, at[ACCOUNT]!);
  const region = optionalString(fields, at[REGION]!);
  if (id === null || account === null || region === null) return undefined;
  const eventTime = fields.value(time);
  const epoch = Date.parse(eventTime);
  if (Number.isNaN(epoch)) return undefined;
  return { time: epoch, eventTime, id, account, region };
}

const [NAME, TIME, ID, ACCOUNT, REGION, TYPE] = [0, 1, 2, 3, 4, 5];
/** Per key list (a scanner's), the index in it of each of RAW_EVENT_KEYS. */
const rawKeyIndexes = new WeakMap<readonly string[], Int32Array>();
/** Per RAW_EVENT_KEYS key, its occurrence in the record being read (onlyOccurrences). */
const occurrences = new Int32Array(RAW_EVENT_KEYS.length);

/** The occurrences of RAW_EVENT_KEYS in `fields` (their indexes in its key list found once per list). */
function occurrencesOf(fields: FieldOccurrences): Int32Array {
  let keys = rawKeyIndexes.get(fields.keys);
  if (!keys)
    rawKeyIndexes.set(fields.keys, (keys = Int32Array.from(RAW_EVENT_KEYS, (k) => fields.indexOf(k))));
  onlyOccurrences(fields, keys, occurrences);
  return occurrences;
}

/** The string at occurrence `i` (undefined when absent or not a string, as the parsed record would have it), or null
 * when it cannot be told (the key twice, a string with escapes). */
function optionalString(fields: FieldOccurrences, i: number): string | undefined | null {
  if (i === -1) return undefined;
  if (i === -2) return null;
  const kind = fields.kind(i);
  if (kind === STRING) return fields.value(i);
  return kind === COMPLEX ? null : undefined;
}
