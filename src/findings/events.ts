/**
 * The events of one finding, however many: every one counted, the oldest and the newest kept in memory (what the
 * summary, SARIF and issues show), the rest written to the scan's spill file in sorted runs, and read back in order
 * when the findings file is written (write.ts), which lists every matching event.
 *
 * Events waiting to be spilled are held as their spill lines in a buffer outside the JavaScript heap: they wait for
 * thousands of other events, long enough for the collector to move them to the old generation if they were objects,
 * which would make the heap grow with every event of the scan (V8 collects the old generation late).
 *
 * A Finding's `events` is then the events kept in memory; `eventsOf(finding)` gives every one, oldest first (by
 * eventTime, then eventID, then arrival: the order buildFinding sorts a list in memory into, so a finding's events
 * come out the same whether they were spilled or not).
 */
import type { Finding, FindingEvent } from '../core/finding.js';
import { ChunkPool, SpillFile, WaitingLines, type Run } from './spill.js';
import { compare } from './order.js';
import { detach } from '../core/detach.js';

/** How much of the findings' events memory holds (ScanOptions.findingEvents). */
export interface FindingEventBounds {
  /** Events of a finding kept in memory at each end: the oldest `kept` and the newest `kept` (default 50). */
  kept: number;
  /** Events a finding gathers before it sorts them and spills the middle as one run (default 4096)... */
  batch: number;
  /** ... or all findings together, before the biggest do (default 8192). */
  total: number;
}

export const DEFAULT_FINDING_EVENT_BOUNDS: FindingEventBounds = { kept: 50, batch: 4096, total: 8192 };

/**
 * An event of a list, in memory or read back from the spill. A class, not an object literal: V8 watches the objects
 * of each literal and, once most of them outlive a young-generation collection (as the thousands spillPending sorts
 * at once do), makes every later one in the old generation (pretenuring); each Held read back while merging a
 * finding's runs would then keep its line, and the 16 kB text it was read with, until a full collection. Objects of
 * a class are not pretenured. (Before: some 1M-event scans with the SigmaHQ rules grew the main heap from 54 MB live
 * to 240 MB between full collections while folding and writing, and peaked at 370-390 MiB.)
 */
class Held {
  constructor(
    /** The event's eventTime and eventID: its place in the order (compareHeld), read from a line without parsing it. */
    readonly time: string,
    readonly id: string,
    /** Arrival order in the list: breaks ties of eventTime and eventID as a stable sort would. */
    readonly seq: number,
    /** The event; read back from `line` (after `eventAt`) only when it is asked for. */
    public event: FindingEvent | undefined,
    /** Its spill line, once made: `seq`, eventTime and eventID as JSON, the event as JSON, separated by tabs. */
    public line: string,
    readonly eventAt: number,
  ) {}
}

/** The spill of one scan: where its findings' events beyond the kept ones go, and what waits to go there. */
export class EventSpill {
  readonly file = new SpillFile();
  /** @internal where the lists' waiting lines are held. */
  readonly chunks = new ChunkPool();
  private pending = 0;
  private readonly waiting = new Set<FindingEventList>();

  constructor(readonly bounds: FindingEventBounds = DEFAULT_FINDING_EVENT_BOUNDS) {}

  /** Removes the spill file: the findings' full event lists can no longer be read. */
  release(): void {
    this.file.release();
  }

  /** @internal `list` has `n` more events waiting (fewer, after it spilled them). */
  gathered(list: FindingEventList, n: number): void {
    this.pending += n;
    if (list.pendingCount > 0) this.waiting.add(list);
    else this.waiting.delete(list);
    if (this.pending <= this.bounds.total) return;
    const biggest = [...this.waiting].sort((a, b) => b.pendingCount - a.pendingCount);
    for (const other of biggest) {
      if (this.pending <= this.bounds.total / 2) break;
      other.spillPending();
    }
  }
}

const lists = new WeakMap<readonly FindingEvent[], FindingEventList>();

export class FindingEventList {
  /** Events added. */
  count = 0;
  /** The first events, while there are at most 2 × kept (then all of them are kept). */
  private early: Held[] = [];
  /** Events waiting to be spilled, as spill lines. */
  private readonly waiting: WaitingLines;
  /** Of the events waiting (early and lines), those the spill counts (all once the list holds more than 2 × kept). */
  private counted = 0;
  /** After the first spill: the oldest and the newest `kept`, sorted. */
  private head: Held[] = [];
  private tail: Held[] = [];
  private runs: Run[] = [];

  /** Events kept at each end. */
  private readonly keep: number;

  constructor(private readonly spill: EventSpill) {
    this.keep = spill.bounds.kept;
    this.waiting = new WaitingLines(spill.chunks);
  }

  get pendingCount(): number {
    return this.early.length + this.waiting.length;
  }

  add(event: FindingEvent): void {
    const seq = this.count++;
    if (this.count <= 2 * this.keep) {
      this.early.push(held(event, seq));
      return;
    }
    this.waiting.push(lineOf(held(event, seq)));
    this.spill.gathered(this, this.pendingCount - this.counted);
    this.counted = this.pendingCount;
    if (this.pendingCount >= this.spill.bounds.batch) this.spillPending();
  }

  /** The events kept in memory, oldest first: every one while there are at most 2 × kept. */
  kept(): FindingEvent[] {
    if (this.count > 2 * this.keep) this.spillPending();
    const held =
      this.count > 2 * this.keep ? [...this.head, ...this.tail] : [...this.early].sort(compareHeld);
    return held.map(eventOf);
  }

  /** Every event, oldest first (the spilled ones read back from the spill file). */
  *all(): Generator<FindingEvent> {
    for (const h of this.held()) yield eventOf(h);
  }

  /** Every event's eventID, in the order of all(), without reading the events back whole. */
  *ids(): Generator<string> {
    // Detached: an id read from the spill is a view of the text read with it (16 kB), and callers keep some.
    for (const h of this.held()) yield detach(h.id);
  }

  private *held(): Generator<Held> {
    if (this.count <= 2 * this.keep) {
      yield* [...this.early].sort(compareHeld);
      return;
    }
    this.spillPending();
    // Narrowed once: the findings' events are read more than once (folding, then the findings file).
    this.runs = this.spill.file.narrowed(this.runs, readHeld, compareHeld);
    const merged = this.spill.file.merged(this.runs, readHeld, compareHeld);
    // The kept ones bound the spilled ones: the head comes before every spilled event, the tail after.
    yield* this.head;
    yield* merged;
    yield* this.tail;
  }

  /** @internal sorts what waits with the kept ends, keeps the new ends and writes the middle as one run. */
  spillPending(): void {
    if (this.pendingCount === 0 || this.count <= 2 * this.keep) return;
    const all = [...this.head, ...this.early, ...this.waiting.take().map(readHeld), ...this.tail].sort(
      compareHeld,
    );
    this.early = [];
    this.head = all.slice(0, this.keep);
    this.tail = all.slice(all.length - this.keep);
    const middle = all.slice(this.keep, all.length - this.keep);
    if (middle.length > 0) this.runs.push(this.spill.file.appendRun(middle.map(lineOf)));
    this.spill.gathered(this, -this.counted);
    this.counted = 0;
  }
}

/**
 * Every event of a finding, oldest first: those kept in memory, or, for a finding with more, all of them read back
 * from the spill (as long as the scan's spill is not released).
 */
export function eventsOf(finding: Pick<Finding, 'events'>): Iterable<FindingEvent> {
  const list = lists.get(finding.events);
  return list ? list.all() : finding.events;
}

/** Whether a finding holds fewer events in memory than it has (see eventsOf). */
export function hasSpilledEvents(finding: Pick<Finding, 'events' | 'count'>): boolean {
  return lists.has(finding.events) && finding.count > finding.events.length;
}

/** The kept events of a list, remembered as the way to all of them (eventsOf). */
export function keptEvents(list: FindingEventList): FindingEvent[] {
  const kept = list.kept();
  if (list.count > kept.length) lists.set(kept, list);
  return kept;
}

/**
 * A finding built with its events in memory, with only the kept ones left there when it has more: the analyzers'
 * findings (their events are held by the engines until the scan ends; the result keeps no more than the reports need).
 */
export function withBoundedEvents(finding: Finding, spill: EventSpill): Finding {
  if (finding.events.length <= 2 * spill.bounds.kept) return finding;
  const list = new FindingEventList(spill);
  for (const event of finding.events) list.add(event);
  return { ...finding, events: keptEvents(list) };
}

/**
 * The eventIDs of every event of a finding, in the order of eventsOf: for a finding with more events than it keeps
 * in memory, read from the spill without reading the events themselves.
 */
export function eventIdsOf(finding: Pick<Finding, 'events'>): Iterable<string> {
  const list = lists.get(finding.events);
  return list ? list.ids() : finding.events.map((e) => e.eventID);
}

function held(event: FindingEvent, seq: number): Held {
  return new Held(event.eventTime, event.eventID, seq, event, '', 0);
}

function eventOf(h: Held): FindingEvent {
  return (h.event ??= JSON.parse(h.line.slice(h.eventAt)) as FindingEvent);
}

function compareHeld(a: Held, b: Held): number {
  return compare(a.time, b.time) || compare(a.id, b.id) || a.seq - b.seq;
}

function lineOf(h: Held): string {
  // JSON text holds no tab (JSON.stringify escapes control characters): the fields split on the first three.
  return (h.line ||= `${h.seq}\t${JSON.stringify(h.time)}\t${JSON.stringify(h.id)}\t${JSON.stringify(h.event)}`);
}

function readHeld(line: string): Held {
  const a = line.indexOf('\t');
  const b = line.indexOf('\t', a + 1);
  const c = line.indexOf('\t', b + 1);
  return new Held(
    stringAt(line, a + 1, b),
    stringAt(line, b + 1, c),
    Number(line.slice(0, a)),
    undefined,
    line,
    c + 1,
  );
}

/** The JSON string at line[from, to): most need no unescaping. */
function stringAt(line: string, from: number, to: number): string {
  const quoted = line.slice(from, to);
  return quoted.includes('\\') ? (JSON.parse(quoted) as string) : quoted.slice(1, -1);
}
