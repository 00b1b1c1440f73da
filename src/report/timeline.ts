/**
 * A Timesketch timeline: JSON Lines, one line per CloudTrail event, in time order. Lines are formatted while the
 * scan streams and kept in sorted runs of bounded size on disk; when the scan ends they are merged into the file,
 * tagged with every finding's rule: the per-event rules known as the event passed, and the correlation and
 * first-seen rules known only at the end (memory stays flat however many events there are). Each line has Timesketch's mandatory `message`, `datetime` (ISO 8601 with
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
import { detach } from '../core/detach.js';
import { eventsOf } from '../findings/events.js';
import { compare } from '../findings/order.js';
import { ChunkPool, SpillFile, WaitingLines, type Run } from '../findings/spill.js';
import { actorOf } from '../records/actor.js';
import type { Finding } from '../core/finding.js';
import type { RuleMeta } from '../core/rule-meta.js';
import type { CloudTrailRecord } from '../core/record.js';
import type { ScanResult } from '../core/result.js';
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
/** Formatted lines held in memory before they are sorted and written to a run file. */
const DEFAULT_RUN_BYTES = 16 * 1024 * 1024;
const MAX_DEPTH = 10;

/**
 * One formatted event read back from a run's line (runLine), waiting for its place in time and its tags; with the line,
 * which a merge writes again as it is.
 */
class Pending {
  constructor(
    readonly line: string,
    readonly time: number,
    readonly id: string,
    /** Ids of the per-event rules it matched that make findings. */
    readonly rules: string[],
    /** The line before and after its `tag` field. */
    readonly head: string,
    readonly tail: string,
  ) {}
}

/** The rules of a finding that an event is tagged with: `ruleId` and level. */
type Tag = Pick<RuleMeta, 'ruleId' | 'level'>;

export class TimelineWriter {
  /**
   * The formatted events of the next run, as run lines outside the JavaScript heap (WaitingLines), with the time and
   * id each is sorted by.
   */
  private readonly pending = new WaitingLines(new ChunkPool());
  private pendingTimes: number[] = [];
  private pendingIds: string[] = [];
  private pendingBytes = 0;
  /** Sorted runs of lines on disk (the same external merge sort as the findings' events). */
  private readonly spillFile = new SpillFile();
  private runs: Run[] = [];
  private readonly levels = new Map<string, RuleMeta['level']>();
  private written = 0;
  private failure: Error | undefined;
  private closed = false;
  private readonly formatter: TimelineFormatter;
  private readonly runBytes: number;
  /** Events passed to `add` that had no usable eventTime (not written). */
  skipped = 0;

  constructor(
    readonly path: string,
    readonly mode: TimelineMode,
    options: TimelineOptions = {},
  ) {
    this.formatter = new TimelineFormatter(options);
    this.runBytes = options.runBytes ?? DEFAULT_RUN_BYTES;
    mkdirSync(dirname(path), { recursive: true });
    closeSync(openSync(path, 'w'));
  }

  /** Lines written to the file (known once `close` has run). */
  get lines(): number {
    return this.written;
  }

  /** Sorted runs written to the spill file so far (memory holds at most one run's worth of lines). */
  get spilledRuns(): number {
    return this.runs.length;
  }

  /**
   * Adds one event of the window with the per-event rules it matched that make findings. In mode `findings`, pass
   * also the events that matched only rules feeding correlation or first-seen rules (`candidate`): whether they
   * belong is known at the end. Never throws: a write error stops the timeline and is reported by `close()`, so
   * that a full disk cannot cost the scan its findings.
   */
  add(record: CloudTrailRecord, matched: readonly RuleMeta[], candidate = matched.length > 0): void {
    if (this.failure || this.closed) return;
    if (this.mode === 'findings' && !candidate) return;
    try {
      const parts = this.formatter.parts(record);
      if (parts === undefined) {
        this.skipped++;
        return;
      }
      for (const rule of matched) this.levels.set(rule.ruleId, rule.level);
      const id = typeof record.eventID === 'string' ? record.eventID : '';
      const line = runLine(
        parts.time,
        id,
        matched.map((r) => r.ruleId),
        parts.head,
        parts.tail,
      );
      this.pending.push(line);
      this.pendingTimes.push(parts.time);
      // Detached: an id JSON.parse made may be a view of the whole record's text, which would wait with it.
      this.pendingIds.push(detach(id));
      this.pendingBytes += line.length;
      if (this.pendingBytes >= this.runBytes) this.spill();
    } catch (err) {
      this.fail(err);
    }
  }

  /**
   * Writes the file: every event in time order, tagged with its per-event rules and with the rules of the
   * findings given (correlation and first-seen findings: `findingTags`); in mode `findings`, only the events of
   * a finding. Rejects with the first write error, if there was one.
   */
  async close(findingRules: ReadonlyMap<string, readonly Tag[]> = new Map()): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      if (!this.failure) this.write(findingRules);
    } catch (err) {
      this.fail(err);
    } finally {
      this.dropPending();
      this.spillFile.release();
    }
    if (this.failure) throw new Error(`timeline ${this.path}: ${this.failure.message}`);
  }

  private write(findingRules: ReadonlyMap<string, readonly Tag[]>): void {
    const out = new LineSink(this.path);
    try {
      const emit = (entry: Pending) => {
        const extra = findingRules.get(entry.id) ?? [];
        if (this.mode === 'findings' && entry.rules.length === 0 && extra.length === 0) return;
        const tagged: Tag[] = entry.rules.map((ruleId) => ({ ruleId, level: this.levels.get(ruleId)! }));
        out.write(taggedLine(entry, [...tagged, ...extra]));
        this.written++;
      };
      if (this.runs.length === 0) {
        for (const line of this.sortedPending()) emit(readPending(line));
      } else {
        this.spill();
        for (const entry of this.spillFile.merged(this.runs, readPending, byTime)) emit(entry);
      }
    } finally {
      out.close();
    }
  }

  /** Sorts what is held and writes it as one run (a line per event: runLine). */
  private spill(): void {
    if (this.pending.length === 0) return;
    this.runs.push(this.spillFile.appendRun(this.sortedPending()));
    this.dropPending();
  }

  /** The lines held, in time order (then by id, then as they came). */
  private *sortedPending(): Generator<string> {
    const times = this.pendingTimes;
    const ids = this.pendingIds;
    const order = Array.from(times, (_, i) => i).sort(
      (a, b) => times[a]! - times[b]! || compare(ids[a]!, ids[b]!) || a - b,
    );
    for (const i of order) yield this.pending.line(i);
  }

  private dropPending(): void {
    this.pending.clear();
    this.pendingTimes = [];
    this.pendingIds = [];
    this.pendingBytes = 0;
  }

  private fail(err: unknown): void {
    this.failure ??= err instanceof Error ? err : new Error(String(err));
    this.dropPending();
  }
}

/**
 * Event id → the correlation and first-seen rules whose findings (reported, folded or suppressed) hold the event:
 * the tags the timeline adds at the end.
 */
export function findingTags(result: ScanResult): Map<string, Tag[]> {
  const kinds = new Map(result.rules.catalogue.map((r) => [r.ruleId, r.kind]));
  const out = new Map<string, Tag[]>();
  const add = (f: Finding) => {
    if (kinds.get(f.ruleId) === 'event') return;
    // Every event, also those the finding keeps out of memory (findings/events.ts).
    for (const e of eventsOf(f)) {
      const list = out.get(e.eventID) ?? [];
      if (!list.some((t) => t.ruleId === f.ruleId)) list.push({ ruleId: f.ruleId, level: f.severity });
      out.set(e.eventID, list);
    }
  };
  for (const f of result.findings) add(f);
  for (const f of result.folded) add(f);
  for (const f of result.suppressed) add(f);
  return out;
}

function byTime(a: Pending, b: Pending): number {
  return a.time - b.time || compare(a.id, b.id);
}

/**
 * An event as a run holds it, one line: its time, id and rules, then its line's head and tail (JSON texts, which hold
 * no raw tab or line feed: the tail's closing line feed is left out), separated by tabs. Not one JSON array: the
 * head and tail would be escaped into it and unescaped again, the larger part of a line's cost.
 */
function runLine(time: number, id: string, rules: readonly string[], head: string, tail: string): string {
  return `${time}\t${JSON.stringify(id)}\t${JSON.stringify(rules)}\t${head}\t${tail.slice(0, -1)}`;
}

/** A run's line back as the event it holds. */
function readPending(line: string): Pending {
  const a = line.indexOf('\t');
  const b = line.indexOf('\t', a + 1);
  const c = line.indexOf('\t', b + 1);
  const d = line.indexOf('\t', c + 1);
  return new Pending(
    line,
    Number(line.slice(0, a)),
    JSON.parse(line.slice(a + 1, b)) as string,
    JSON.parse(line.slice(b + 1, c)) as string[],
    line.slice(c + 1, d),
    `${line.slice(d + 1)}\n`,
  );
}

/** Buffered synchronous writes to one file. */
class LineSink {
  private readonly fd: number;
  private buffer: string[] = [];
  private buffered = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  write(text: string): void {
    this.buffer.push(text);
    this.buffered += text.length;
    if (this.buffered >= BUFFER_BYTES) this.flush();
  }

  close(): void {
    try {
      this.flush();
    } finally {
      closeSync(this.fd);
    }
  }

  private flush(): void {
    if (this.buffer.length === 0) return;
    const data = Buffer.from(this.buffer.join(''), 'utf8');
    this.buffer = [];
    this.buffered = 0;
    let offset = 0;
    while (offset < data.length) offset += writeSync(this.fd, data, offset);
  }
}

export interface TimelineOptions {
  /**
   * Distinct field names the timeline may use (ours included). Timesketch refuses, or imports with no events, a
   * timeline whose fields exceed its OpenSearch mapping limit (1,000 mappings by default, about three per text
   * field): 250 stays clear of it. Values that find no field of their own go to `other_fields` (JSON text).
   */
  maxFields?: number;
  /** Formatted lines held in memory before a sorted run goes to a temporary file (default 16 MiB). */
  runBytes?: number;
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
  /** The record's field paths met so far, as a tree of their timeline names (see FieldNode). */
  private root = new Map<string, FieldNode>();
  private readonly marks = new Map<string, { record: number }>();
  private nodes = 0;
  /** Records formatted: which record last wrote a name (FieldNode.written). */
  private serial = 0;
  private readonly own: Record<string, FieldNode>;

  constructor(options: TimelineOptions = {}) {
    this.maxFields = Math.max(OWN_FIELDS.size, options.maxFields ?? DEFAULT_MAX_FIELDS);
    for (const name of OWN_FIELDS) this.kinds.set(name, 'leaf');
    this.leaves = OWN_FIELDS.size;
    this.own = Object.fromEntries([...OWN_FIELDS].map((name) => [name, this.node(name)]));
  }

  /** Distinct field names used so far. */
  get fieldCount(): number {
    return this.leaves;
  }

  /** One timeline line (with its `\n`), or undefined when the record's eventTime is not a date. */
  format(record: CloudTrailRecord, matched: readonly Tag[]): string | undefined {
    const parts = this.parts(record);
    return parts && taggedLine(parts, matched);
  }

  /** The line without its `tag` field: what comes before it and after it (`\n` included). */
  parts(record: CloudTrailRecord): { time: number; head: string; tail: string } | undefined {
    const time = Date.parse(record.eventTime);
    if (Number.isNaN(time)) return undefined;
    // The tree is forgotten when it gets big (field names an attacker chose, request parameters of every API): names
    // and admissions are found again from `kinds`, which holds only the timeline's own few hundred names.
    if (this.nodes > MAX_FIELD_NODES) this.forgetNodes();
    const current = ++this.serial;
    const fields: string[] = [];
    let other: Record<string, string> | undefined;
    /** Whether the node's name is still free in this record (a name is written once: the first path to it wins). */
    const claim = (node: FieldNode) => {
      if (node.written.record === current) return false;
      node.written.record = current;
      return true;
    };
    const put = (node: FieldNode, value: unknown) => {
      if (claim(node)) fields.push(node.quoted + JSON.stringify(value));
    };
    const leaf = (node: FieldNode, value: string) => {
      if ((node.admitted ??= this.admit(node.name))) put(node, value);
      else if (claim(node)) (other ??= Object.create(null) as Record<string, string>)[node.name] = value;
    };
    const walk = (node: FieldNode, value: unknown, depth: number): void => {
      if (value === null || value === undefined) return;
      if (Array.isArray(value)) return leaf(node, JSON.stringify(value));
      if (typeof value === 'object') {
        const keys = Object.keys(value);
        if (keys.length === 0) return;
        if (depth >= MAX_DEPTH || this.kinds.get(node.name) === 'leaf')
          return leaf(node, JSON.stringify(value));
        const children = (node.children ??= new Map());
        for (const k of keys) {
          let child = children.get(k);
          if (!child) children.set(k, (child = this.node(`${node.name}.${fieldName(k)}`)));
          walk(child, (value as Record<string, unknown>)[k], depth + 1);
        }
        return;
      }
      leaf(node, typeof value === 'string' ? value : String(value));
    };

    const own = this.own;
    put(own.message!, message(record));
    put(own.datetime!, isoWithOffset(time));
    put(own.timestamp!, time * 1000);
    put(own.timestamp_desc!, 'Event Time');
    const headFields = fields.length;
    put(own.data_type!, TIMELINE_DATA_TYPE);
    for (const key of Object.keys(record)) {
      let node = this.root.get(key);
      if (!node) {
        const name = fieldName(key);
        this.root.set(key, (node = this.node(reserved(name) ? `record.${name}` : name)));
      }
      walk(node, record[key], 1);
    }
    if (other) put(own[OTHER_FIELDS]!, JSON.stringify(other));
    return {
      time,
      head: escapeLineSeparators(`{${fields.slice(0, headFields).join(',')}`),
      tail: escapeLineSeparators(`,${fields.slice(headFields).join(',')}}\n`),
    };
  }

  private node(name: string): FieldNode {
    this.nodes++;
    let written = this.marks.get(name);
    if (!written) this.marks.set(name, (written = { record: 0 }));
    return { name, quoted: `${JSON.stringify(name)}:`, written, admitted: undefined, children: undefined };
  }

  private forgetNodes(): void {
    this.root = new Map();
    this.marks.clear();
    this.nodes = 0;
    for (const [name, node] of Object.entries(this.own)) {
      this.marks.set(name, node.written);
      this.nodes++;
    }
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

/**
 * A record's field path (`requestParameters` → `bucketName`) as the timeline names it (`requestParameters.bucketName`),
 * found once and kept: formatting a record then costs a lookup per field instead of building and checking each
 * dotted name again. Whether a name may hold a value never changes once decided (admit: a name, once a value or an
 * object, stays one; the budget only fills), so it is kept too.
 */
interface FieldNode {
  readonly name: string;
  /** The name as JSON text, with the colon that follows it in a line. */
  readonly quoted: string;
  /** Shared by the nodes of one name (two paths can make the same name: `a..b` and `a._.b`). */
  readonly written: { record: number };
  admitted: boolean | undefined;
  children: Map<string, FieldNode> | undefined;
}

/** Nodes kept before the tree is forgotten and built again. */
const MAX_FIELD_NODES = 20_000;

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

/**
 * JSON.stringify leaves U+0085, U+2028 and U+2029 raw: valid JSON, but Python's codecs readers (which Timesketch
 * has used to read uploads) split lines on them.
 */
function escapeLineSeparators(text: string): string {
  return text.replace(/[\u0085\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A timeline line: its head, the `tag` field of the rules matched, its tail. */
function taggedLine({ head, tail }: { head: string; tail: string }, matched: readonly Tag[]): string {
  return `${head},"tag":${escapeLineSeparators(JSON.stringify(tags(matched)))}${tail}`;
}

/** Matched rule ids (sorted), then `severity:<level>` for each level matched, most severe first. */
function tags(matched: readonly Tag[]): string[] {
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
