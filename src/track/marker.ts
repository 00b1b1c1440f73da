/**
 * The hidden part of a tracking issue: two HTML comments that only this tool writes, as the first two lines of the
 * body it generates.
 *
 * - `<!-- cloudtrail-audit:fingerprint=<hex> -->` names the finding. It is recognised only as the body's very first
 *   line: CloudTrail text further down (even a copy of this marker inside a code span) is never read as one.
 * - `<!-- cloudtrail-audit:state v1 count=… first=… last=… floor=… seen=<base64> -->` records which occurrences the
 *   issue already reports, so that a run comments only on events not recorded before.
 * - When the finding is folded into another (src/findings/fold.ts), a third line
 *   `<!-- cloudtrail-audit:folded-into=<hex> -->` records that the issue was told where its occurrences go now.
 *
 * The record of occurrences is bounded. GitHub refuses a body over 65,536 characters, and a noisy finding can have
 * tens of thousands of events, so the state keeps the newest {@link MAX_SEEN} occurrences exactly (a 48-bit hash of
 * the eventID and the eventTime in seconds: 10 bytes, under 14 characters of base64 each, 20,000 characters in all)
 * and a `floor`: the eventTime of the newest occurrence it had to let go of. An event at or before the floor counts
 * as recorded. Runs overlap in time (a 24-hour window scanned every hour), so what a run must recognise is the
 * recent past, which is kept exactly; an event is mistaken for a recorded one only if it reaches the audit more than
 * 1,500 newer occurrences of the same finding late, or if its 48-bit hash collides (about one chance in 10^11 per
 * event). A Bloom filter would hold more in the same room, but with false positives across the whole history and no
 * way to age entries out; this record stays exact where it matters and degrades by time, which is easy to explain.
 */
import { createHash } from 'node:crypto';

export const MARKER_PREFIX = 'cloudtrail-audit';
/** Occurrences recorded exactly in an issue's state. */
export const MAX_SEEN = 1500;
const HASH_BYTES = 6;
const ENTRY_BYTES = HASH_BYTES + 4;

const FINGERPRINT_LINE = /^<!-- cloudtrail-audit:fingerprint=([0-9a-f]{8,128}) -->$/;
const STATE_LINE =
  /^<!-- cloudtrail-audit:state v1 count=(\d{1,15}) first=(\S{1,40}) last=(\S{1,40}) floor=(\d{1,12}|-) seen=([A-Za-z0-9+/]*={0,2}) -->$/;
const FOLDED_LINE = /^<!-- cloudtrail-audit:folded-into=([0-9a-f]{8,128}) -->$/;
const FOLDED_COMMENT_LINE =
  /^<!-- cloudtrail-audit:folded fingerprint=([0-9a-f]{8,128}) into=([0-9a-f]{8,128}) -->$/;
const COMMENT_LINE =
  /^<!-- cloudtrail-audit:occurrences fingerprint=([0-9a-f]{8,128}) digest=([0-9a-f]{16}) -->$/;
const ISO = /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/;

export function fingerprintLine(fingerprint: string): string {
  if (!/^[0-9a-f]{8,128}$/.test(fingerprint)) throw new Error(`not a fingerprint: ${fingerprint}`);
  return `<!-- ${MARKER_PREFIX}:fingerprint=${fingerprint} -->`;
}

/** An occurrence as the state knows it. */
export interface Occurrence {
  eventID: string;
  eventTime: string;
}

/** What an issue records: how many occurrences in all, first and last seen, and which ones (bounded, see above). */
export class IssueState {
  count = 0;
  firstSeen = '';
  lastSeen = '';
  /** Seconds since the epoch: occurrences at or before it count as recorded (undefined: none let go yet). */
  floor: number | undefined;
  /** hash (hex) → eventTime in seconds. */
  private readonly seen = new Map<string, number>();

  static empty(): IssueState {
    return new IssueState();
  }

  /** Whether the issue already reports this occurrence. */
  has(occurrence: Occurrence): boolean {
    if (this.seen.has(hashOf(occurrence.eventID))) return true;
    return this.floor !== undefined && seconds(occurrence.eventTime) <= this.floor;
  }

  /** The occurrences not reported yet, in the order given. */
  unrecorded<T extends Occurrence>(occurrences: readonly T[]): T[] {
    return occurrences.filter((o) => !this.has(o));
  }

  /** Records occurrences (callers pass only unrecorded ones): counts, first/last seen, and the bounded record. */
  record(occurrences: readonly Occurrence[]): void {
    for (const o of occurrences) {
      this.count++;
      if (this.firstSeen === '' || o.eventTime < this.firstSeen) this.firstSeen = o.eventTime;
      if (o.eventTime > this.lastSeen) this.lastSeen = o.eventTime;
      this.seen.set(hashOf(o.eventID), seconds(o.eventTime));
    }
    this.trim();
  }

  get size(): number {
    return this.seen.size;
  }

  private trim(): void {
    if (this.seen.size <= MAX_SEEN) return;
    const entries = [...this.seen].sort(byTimeThenHash);
    for (const [hash, time] of entries.slice(0, entries.length - MAX_SEEN)) {
      this.seen.delete(hash);
      this.floor = Math.max(this.floor ?? 0, time);
    }
  }

  /** The state as the body's second line. */
  toLine(): string {
    const entries = [...this.seen].sort(byTimeThenHash);
    const buffer = Buffer.alloc(entries.length * ENTRY_BYTES);
    entries.forEach(([hash, time], i) => {
      buffer.write(hash, i * ENTRY_BYTES, HASH_BYTES, 'hex');
      buffer.writeUInt32BE(time, i * ENTRY_BYTES + HASH_BYTES);
    });
    const stamp = (v: string) => (ISO.test(v) ? v : '-');
    return (
      `<!-- ${MARKER_PREFIX}:state v1 count=${this.count} first=${stamp(this.firstSeen)} last=${stamp(this.lastSeen)} ` +
      `floor=${this.floor ?? '-'} seen=${buffer.toString('base64')} -->`
    );
  }

  /** Parses a state line; undefined when it is not one (edited by hand, or another version). */
  static parse(line: string): IssueState | undefined {
    const m = STATE_LINE.exec(line);
    if (!m) return undefined;
    const buffer = Buffer.from(m[5]!, 'base64');
    if (buffer.length % ENTRY_BYTES !== 0) return undefined;
    const state = new IssueState();
    state.count = Number(m[1]);
    state.firstSeen = m[2] === '-' ? '' : m[2]!;
    state.lastSeen = m[3] === '-' ? '' : m[3]!;
    state.floor = m[4] === '-' ? undefined : Number(m[4]);
    for (let at = 0; at < buffer.length; at += ENTRY_BYTES) {
      state.seen.set(buffer.toString('hex', at, at + HASH_BYTES), buffer.readUInt32BE(at + HASH_BYTES));
    }
    state.count = Math.max(state.count, state.seen.size);
    return state;
  }
}

/** What the hidden part of an issue body says. */
export interface ParsedBody {
  fingerprint: string;
  /** Undefined when the state line is missing or unreadable: every occurrence then counts as new. */
  state: IssueState | undefined;
  /** The finding it was told it is folded into (the third line), if any. */
  foldedInto?: string;
}

export function foldedLine(into: string): string {
  if (!/^[0-9a-f]{8,128}$/.test(into)) throw new Error(`not a fingerprint: ${into}`);
  return `<!-- ${MARKER_PREFIX}:folded-into=${into} -->`;
}

/** Whether a body line is our folded-into line. */
export function isFoldedLine(line: string): boolean {
  return FOLDED_LINE.test(line);
}

/** The first line of the comment that tells a folded finding's issue where its occurrences go. */
export function foldedCommentLine(fingerprint: string, into: string): string {
  return `<!-- ${MARKER_PREFIX}:folded fingerprint=${fingerprint} into=${into} -->`;
}

export function parseFoldedCommentLine(
  body: string | null | undefined,
): { fingerprint: string; into: string } | undefined {
  const m = FOLDED_COMMENT_LINE.exec((body ?? '').split(/\r?\n/, 1)[0] ?? '');
  return m ? { fingerprint: m[1]!, into: m[2]! } : undefined;
}

/**
 * Reads our marker from an issue body: only the first line counts (a marker anywhere else, such as a forged one in
 * CloudTrail text, is not ours), and the state must be the second line.
 */
export function parseBody(body: string | null | undefined): ParsedBody | undefined {
  if (!body) return undefined;
  const lines = body.split(/\r?\n/, 3);
  const m = FINGERPRINT_LINE.exec(lines[0] ?? '');
  if (!m) return undefined;
  const folded = FOLDED_LINE.exec(lines[2] ?? '');
  return {
    fingerprint: m[1]!,
    state: lines[1] !== undefined ? IssueState.parse(lines[1]) : undefined,
    ...(folded ? { foldedInto: folded[1]! } : {}),
  };
}

/** The first line of an occurrences comment: which finding, and a digest of exactly which events it lists. */
export function commentLine(fingerprint: string, occurrences: readonly Occurrence[]): string {
  return `<!-- ${MARKER_PREFIX}:occurrences fingerprint=${fingerprint} digest=${digestOf(occurrences)} -->`;
}

export function parseCommentLine(
  body: string | null | undefined,
): { fingerprint: string; digest: string } | undefined {
  const m = COMMENT_LINE.exec((body ?? '').split(/\r?\n/, 1)[0] ?? '');
  return m ? { fingerprint: m[1]!, digest: m[2]! } : undefined;
}

/** A digest of a set of occurrences (order does not matter). */
export function digestOf(occurrences: readonly Occurrence[]): string {
  const ids = occurrences.map((o) => o.eventID).sort();
  return createHash('sha256').update(ids.join('\n')).digest('hex').slice(0, 16);
}

function hashOf(eventID: string): string {
  return createHash('sha256')
    .update(eventID)
    .digest('hex')
    .slice(0, HASH_BYTES * 2);
}

function seconds(eventTime: string): number {
  const ms = Date.parse(eventTime);
  return Number.isFinite(ms) ? Math.max(0, Math.min(0xffffffff, Math.floor(ms / 1000))) : 0;
}

function byTimeThenHash(a: [string, number], b: [string, number]): number {
  return a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
}
