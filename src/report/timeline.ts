/**
 * A Timesketch timeline: JSON Lines, one line per CloudTrail event, written while the scan streams (memory stays
 * flat however many events there are). Each line has Timesketch's mandatory `message`, `datetime` (ISO 8601 with
 * an offset) and `timestamp_desc`, plus `timestamp` (microseconds), `tag` (a list: the matched rule ids and
 * `severity:<level>`, which Timesketch imports as the event's tags) and `data_type`, then the record's own fields.
 *
 * The record is flattened so that the OpenSearch index behind Timesketch maps it cleanly:
 * - nested objects become dotted keys (`userIdentity.arn`, `requestParameters.userName`), up to 10 levels deep;
 *   deeper objects are kept as JSON text;
 * - arrays are kept as JSON text in one field (`resources`: `[{"ARN":...}]`): indexed keys (`resources.0.ARN`)
 *   would add fields per array element and run into the index's field limit;
 * - every value is a string (numbers and booleans as their JSON text): the same field holding a number in one
 *   event and text in another would make OpenSearch reject the event;
 * - nulls and empty objects are left out (OpenSearch indexes nothing for them);
 * - a field name keeps the kind it first had (value or object), and the timeline uses at most 250 field names:
 *   what does not fit goes to `other_fields`, one JSON text of `{"dotted.path": "value"}` (see TimelineFormatter).
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { actorOf } from '../records/actor.js';
import type { RuleMeta } from '../core/rule-meta.js';
import type { CloudTrailRecord } from '../core/record.js';
import { SEVERITIES, severityRank } from '../core/severity.js';
import { plain } from './plain.js';

export type TimelineMode = 'all' | 'findings';

export const TIMELINE_DATA_TYPE = 'aws:cloudtrail:event';
/** Field names of our own; a record field of the same name (or a reserved one) is written as `record.<name>`. */
const OWN_FIELDS = new Set([
  'message',
  'datetime',
  'timestamp',
  'timestamp_desc',
  'tag',
  'data_type',
  'other_fields',
]);
/** Lines are buffered up to this size before a write. */
const BUFFER_BYTES = 256 * 1024;
const MAX_DEPTH = 10;

export class TimelineWriter {
  private fd: number | undefined;
  private buffer: string[] = [];
  private buffered = 0;
  private written = 0;
  private failure: Error | undefined;
  private readonly formatter: TimelineFormatter;
  /** Events passed to `add` that had no usable eventTime (not written). */
  skipped = 0;

  constructor(
    readonly path: string,
    readonly mode: TimelineMode,
    options: TimelineOptions = {},
  ) {
    this.formatter = new TimelineFormatter(options);
    mkdirSync(dirname(path), { recursive: true });
    this.fd = openSync(path, 'w');
  }

  /** Lines written (or buffered to be written) so far. */
  get lines(): number {
    return this.written;
  }

  /**
   * Adds one event (every event in the window, with the rules it matched). Never throws: a write error stops the
   * timeline and is reported by `close()`, so that a full disk cannot cost the scan its findings.
   */
  add(record: CloudTrailRecord, matched: readonly RuleMeta[]): void {
    if (this.failure || this.fd === undefined) return;
    if (this.mode === 'findings' && matched.length === 0) return;
    try {
      const line = this.formatter.format(record, matched);
      if (line === undefined) {
        this.skipped++;
        return;
      }
      this.buffer.push(line);
      this.buffered += line.length;
      this.written++;
      if (this.buffered >= BUFFER_BYTES) this.flush();
    } catch (err) {
      this.fail(err);
    }
  }

  /** Writes what is buffered and closes the file; rejects with the first write error, if there was one. */
  async close(): Promise<void> {
    if (this.fd !== undefined) {
      try {
        if (!this.failure) this.flush();
      } catch (err) {
        this.fail(err);
      }
      try {
        closeSync(this.fd);
      } catch (err) {
        this.failure ??= err as Error;
      }
      this.fd = undefined;
    }
    if (this.failure) throw new Error(`timeline ${this.path}: ${this.failure.message}`);
  }

  private flush(): void {
    if (this.buffer.length === 0 || this.fd === undefined) return;
    const data = Buffer.from(this.buffer.join(''), 'utf8');
    this.buffer = [];
    this.buffered = 0;
    let offset = 0;
    while (offset < data.length) offset += writeSync(this.fd, data, offset);
  }

  private fail(err: unknown): void {
    this.failure ??= err instanceof Error ? err : new Error(String(err));
    this.buffer = [];
    this.buffered = 0;
  }
}

export interface TimelineOptions {
  /**
   * Distinct field names the timeline may use (ours included). Timesketch refuses, or imports with no events, a
   * timeline whose fields exceed its OpenSearch mapping limit (1,000 mappings by default, about three per text
   * field): 250 stays clear of it. Values that find no field of their own go to `other_fields` (JSON text).
   */
  maxFields?: number;
}

export const DEFAULT_MAX_FIELDS = 250;
/** Field names kept for the fields every CloudTrail record has (top level, userIdentity, tlsDetails). */
const RESERVED_FOR_CORE = 60;
const OTHER_FIELDS = 'other_fields';

/**
 * Turns records into timeline lines. Stateful: it remembers which field names it has used and whether each held a
 * value or an object, so that the field set stays within the budget and a name never changes kind (OpenSearch
 * rejects an event whose `requestParameters.filter` is an object when an earlier event made it text, and the other
 * way round; CloudTrail does both). Such values, and those past the budget, go to `other_fields`.
 */
export class TimelineFormatter {
  private readonly kinds = new Map<string, 'leaf' | 'object'>();
  private leaves = 0;
  private readonly maxFields: number;

  constructor(options: TimelineOptions = {}) {
    this.maxFields = Math.max(OWN_FIELDS.size, options.maxFields ?? DEFAULT_MAX_FIELDS);
    for (const name of OWN_FIELDS) this.kinds.set(name, 'leaf');
    this.leaves = OWN_FIELDS.size;
  }

  /** Distinct field names used so far. */
  get fieldCount(): number {
    return this.leaves;
  }

  /** One timeline line (with its `\n`), or undefined when the record's eventTime is not a date. */
  format(record: CloudTrailRecord, matched: readonly RuleMeta[]): string | undefined {
    const time = Date.parse(record.eventTime);
    if (Number.isNaN(time)) return undefined;
    const fields: string[] = [];
    const seen = new Set<string>();
    const other: Record<string, string> = Object.create(null) as Record<string, string>;
    let others = 0;
    const put = (key: string, value: unknown) => {
      if (seen.has(key)) return;
      seen.add(key);
      fields.push(`${JSON.stringify(key)}:${JSON.stringify(value)}`);
    };
    const leaf = (key: string, value: string) => {
      if (this.admit(key)) put(key, value);
      else if (!(key in other)) {
        other[key] = value;
        others++;
      }
    };
    const walk = (key: string, value: unknown, depth: number): void => {
      if (value === null || value === undefined) return;
      if (Array.isArray(value)) return leaf(key, JSON.stringify(value));
      if (typeof value === 'object') {
        const entries = Object.entries(value as Record<string, unknown>);
        if (entries.length === 0) return;
        if (depth >= MAX_DEPTH || this.kinds.get(key) === 'leaf') return leaf(key, JSON.stringify(value));
        for (const [k, v] of entries) walk(`${key}.${fieldName(k)}`, v, depth + 1);
        return;
      }
      leaf(key, typeof value === 'string' ? value : String(value));
    };

    put('message', message(record));
    put('datetime', isoWithOffset(time));
    put('timestamp', time * 1000);
    put('timestamp_desc', 'Event Time');
    put('tag', tags(matched));
    put('data_type', TIMELINE_DATA_TYPE);
    for (const [key, value] of Object.entries(record)) {
      const name = fieldName(key);
      walk(reserved(name) ? `record.${name}` : name, value, 1);
    }
    if (others > 0) put(OTHER_FIELDS, JSON.stringify(other));
    // JSON.stringify leaves U+0085, U+2028 and U+2029 raw: valid JSON, but Python's codecs readers (which
    // Timesketch has used to read uploads) split lines on them.
    return `{${fields.join(',')}}\n`.replace(
      /[\u0085\u2028\u2029]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
  }

  /** May `key` hold a value of its own? Yes if it already does, or if it is new, fits the budget and no conflict. */
  private admit(key: string): boolean {
    const kind = this.kinds.get(key);
    if (kind !== undefined) return kind === 'leaf';
    const limit = isCore(key) ? this.maxFields : this.maxFields - RESERVED_FOR_CORE;
    if (this.leaves >= limit) return false;
    const parts = key.split('.');
    for (let i = 1; i < parts.length; i++) {
      if (this.kinds.get(parts.slice(0, i).join('.')) === 'leaf') return false;
    }
    for (let i = 1; i < parts.length; i++) this.kinds.set(parts.slice(0, i).join('.'), 'object');
    this.kinds.set(key, 'leaf');
    this.leaves++;
    return true;
  }
}

/** Fields every CloudTrail record has or may have: top-level values, who made the call, and how. */
function isCore(key: string): boolean {
  return !key.includes('.') || key.startsWith('userIdentity.') || key.startsWith('tlsDetails.');
}

/** `2024-06-03T10:00:00+00:00` (milliseconds only when there are some). */
export function isoWithOffset(time: number): string {
  return new Date(time).toISOString().replace(/(\.000)?Z$/, '+00:00');
}

function message(record: CloudTrailRecord): string {
  const ip = typeof record.sourceIPAddress === 'string' ? record.sourceIPAddress : '';
  const error = typeof record.errorCode === 'string' && record.errorCode !== '' ? record.errorCode : '';
  return (
    `${plain(record.eventName, 200)} by ${plain(actorOf(record), 300)}` +
    (ip ? ` from ${plain(ip, 200)}` : '') +
    (error ? ` (${plain(error, 200)})` : '')
  );
}

/** Matched rule ids (sorted), then `severity:<level>` for each level matched, most severe first. */
function tags(matched: readonly RuleMeta[]): string[] {
  const ids = [...new Set(matched.map((r) => r.ruleId))].sort();
  const levels = [...new Set(matched.map((r) => r.level))].sort((a, b) => severityRank(b) - severityRank(a));
  return [...ids, ...levels.filter((l) => SEVERITIES.includes(l)).map((l) => `severity:${l}`)];
}

/** Our own fields, and what OpenSearch or Timesketch keep for themselves (`_id`, `__ts_timeline_id`, ...). */
function reserved(name: string): boolean {
  const first = name.split('.')[0]!;
  return OWN_FIELDS.has(first) || first.startsWith('_') || first.startsWith('timesketch_');
}

/** A key OpenSearch accepts: no empty parts between dots (`a..b`, `.a`, `a.`), never blank. */
function fieldName(key: string): string {
  return key
    .split('.')
    .map((part) => (part.trim() === '' ? '_' : part))
    .join('.');
}
