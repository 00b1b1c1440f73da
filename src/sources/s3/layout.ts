/**
 * The key layout of CloudTrail log files in S3, as pure functions (no I/O):
 *
 *   [prefix/]AWSLogs/[o-ORGID/]ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/ACCOUNT_CloudTrail_REGION_YYYYMMDDTHHmmZ_UNIQUE.json.gz
 *
 * `CloudTrail-Digest/` and `CloudTrail-Insight/` are siblings of `CloudTrail/` under the account: the source
 * lists `ACCOUNT/CloudTrail/` only, so they are never listed nor fetched.
 *
 * The time in a file's name is when CloudTrail delivered it (to the minute), and the day folder is that
 * delivery's UTC day: an event at 23:58 is usually delivered a few minutes later, into the next day's folder.
 */

/** An AWS organization id as it appears in an organization trail's keys. */
export const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;
/** A 12-digit AWS account id. */
export const ACCOUNT_ID = /^\d{12}$/;

const MINUTE = 60_000;
const DAY = 86_400_000;

/** The delivery time in a log file name (`..._20240603T2355Z_...`), epoch ms; undefined when there is none. */
export function deliveryTime(key: string): number | undefined {
  const name = key.slice(key.lastIndexOf('/') + 1);
  const match = /_(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})Z(?:_|\.)/.exec(name);
  if (!match) return undefined;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const time = Date.UTC(year, month - 1, day, hour, minute);
  const date = new Date(time);
  // Reject impossible dates (20240231, T2460) rather than let Date.UTC roll them over.
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day ||
    date.getUTCHours() !== hour ||
    date.getUTCMinutes() !== minute
  ) {
    return undefined;
  }
  return time;
}

/** Inclusive delivery-time bounds (epoch ms) of the files that can hold events of the window. */
export interface DeliveryRange {
  from: number;
  to: number;
}

/**
 * Which delivery times to read for events in [start, end]: from `start` rounded down to its minute (a name
 * carries minutes only, so a file named T2000Z may hold an event at 20:00:30) to `end` plus the delivery margin
 * (CloudTrail delivers within about 15 minutes of the call, usually 5).
 */
export function deliveryRange(window: { start: number; end: number }, marginMinutes: number): DeliveryRange {
  return { from: Math.floor(window.start / MINUTE) * MINUTE, to: window.end + marginMinutes * MINUTE };
}

/** `YYYY/MM/DD/` of each UTC day from the one of `from` to the one of `to`, in order. */
export function dayFolders(range: DeliveryRange): string[] {
  const folders: string[] = [];
  for (let day = Math.floor(range.from / DAY) * DAY; day <= range.to; day += DAY) {
    const date = new Date(day);
    const mm = String(date.getUTCMonth() + 1).padStart(2, '0');
    const dd = String(date.getUTCDate()).padStart(2, '0');
    folders.push(`${String(date.getUTCFullYear()).padStart(4, '0')}/${mm}/${dd}/`);
  }
  return folders;
}

/** The last segment of a common prefix (`a/b/c/` → `c`). */
export function lastSegment(commonPrefix: string): string {
  const trimmed = commonPrefix.endsWith('/') ? commonPrefix.slice(0, -1) : commonPrefix;
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** Code-unit order, independent of the locale (as S3 lists ASCII keys). */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
