/**
 * The main thread's side of a scan: entries from any thread, merged in read order. Here, and only here, events are
 * admitted (de-duplicated by eventID and counted), placed (window, history, outside) and dispatched: in-window
 * matches to the Detector (single-event findings) and the analyzers, history matches to the analyzers, in-window
 * events to the timeline. The result does not depend on how many threads read the files.
 */
import type { CloudTrailRecord, TimedRecord } from '../../core/record.js';
import type { ScanStats } from '../../core/stats.js';
import type { Detector } from '../../detect/detector.js';
import { placeOf, type Placement } from '../../detect/gate.js';
import { SeenIds } from '../../records/seen-ids.js';
import type { CompiledRule } from '../../rules/compile.js';
import type { DetectionRule } from '../../rules/model.js';
import type { Analyzers } from '../analyzers.js';
import type { EventColumns, EventEntry, ScanEntry, ScanPlan } from './entries.js';
import { ColumnsCursor } from './event-columns.js';

export interface MergeOptions {
  /** Called for every event in the window with the rules it matched (the timeline, an investigation). */
  onEvent?: (record: CloudTrailRecord, matched: readonly DetectionRule[]) => void;
  /** `matches`: onEvent only for events that matched a rule. */
  onEventFor?: 'all' | 'matches';
  /** Called every few thousand entries, for progress displays. */
  onProgress?: () => void;
}

export class ScanMerger {
  /** The ids admitted (about 16 bytes an event), until the read is over (finish). */
  private seen: SeenIds | undefined = new SeenIds();
  /** First and last eventTime of the events in the window. */
  first: string | null = null;
  last: string | null = null;
  private firstTime = Infinity;
  private lastTime = -Infinity;
  /** Epoch ms of the earliest event read, in the window or not (the history a files source has at hand). */
  earliest = Infinity;
  /** Accounts and regions of the events in the window (for the summary's header; bounded, attacker-fed). */
  readonly accounts = new BoundedSet(1000);
  readonly regions = new BoundedSet(1000);
  private sinceProgress = 0;

  constructor(
    private readonly rules: readonly CompiledRule[],
    private readonly plan: ScanPlan,
    private readonly detector: Detector,
    private readonly analyzers: Analyzers,
    private readonly stats: ScanStats,
    private readonly options: MergeOptions = {},
  ) {}

  /** Everything was read: the ids admitted are let go (what comes after, folding the findings, needs memory too). */
  finish(): void {
    this.seen?.release();
    this.seen = undefined;
  }

  merge(entry: ScanEntry): void {
    const { stats } = this;
    switch (entry.kind) {
      case 'fileRead':
        stats.fileRead(entry.file);
        return;
      case 'fileSkipped':
        stats.fileSkipped(entry.file, entry.reason);
        return;
      case 'error':
        stats.error(entry.origin, entry.message, entry.recordsLost);
        return;
      case 'problem':
        stats.recordSkipped(entry.origin, entry.message);
        break;
      case 'insight':
        stats.recordsSkipped++;
        break;
      case 'event':
        if (entry.id !== undefined && !this.seenIds().add(entry.id)) this.stats.duplicatesDropped++;
        else this.placeEvent(entry);
        break;
      case 'events':
        this.mergeEvents(entry.events);
        break;
    }
    if (!this.options.onProgress) return;
    this.sinceProgress += entry.kind === 'events' ? entry.events.count : 1;
    if (this.sinceProgress >= 5000) {
      this.sinceProgress = 0;
      this.options.onProgress();
    }
  }

  private seenIds(): SeenIds {
    if (!this.seen) throw new Error('ScanMerger: merge() after finish()');
    return this.seen;
  }

  /**
   * A worker's batch. Most of its events carry nothing (no match, no record): those are admitted, counted and placed
   * from the columns, without an object or a string per event.
   */
  private mergeEvents(events: EventColumns): void {
    const seen = this.seenIds();
    const { stats } = this;
    const { idHashes, times, unparsed, accounts, regions, accountNames, regionNames } = events;
    const cursor = new ColumnsCursor(events);
    const accountAdded = new Uint8Array(accountNames.length);
    const regionAdded = new Uint8Array(regionNames.length);
    for (let i = 0; i < events.count; i++) {
      const carried = cursor.carried(i);
      const h1 = idHashes[2 * i]!;
      if (h1 !== 0 && !seen.addHashes(h1, idHashes[2 * i + 1]!)) {
        stats.duplicatesDropped++;
        continue;
      }
      if (carried) {
        this.placeEvent(carried);
        continue;
      }
      const time = times[i]!;
      if (this.admit(time, unparsed[i] === 1) !== 'window') continue;
      stats.eventsInWindow++;
      const account = accounts[i]!;
      if (account >= 0 && accountAdded[account] === 0) {
        accountAdded[account] = 1;
        this.accounts.add(accountNames[account]);
      }
      const region = regions[i]!;
      if (region >= 0 && regionAdded[region] === 0) {
        regionAdded[region] = 1;
        this.regions.add(regionNames[region]);
      }
      if (time < this.firstTime || time > this.lastTime) this.widen(time, cursor.eventTime(i));
    }
  }

  /** Counts an event admitted (not a duplicate) and says where it falls. */
  private admit(time: number, unparsed: boolean | undefined): Placement {
    this.stats.eventsScanned++;
    if (unparsed) this.stats.eventsNotParsed++;
    if (time < this.earliest) this.earliest = time;
    return placeOf(this.plan, time);
  }

  /** The first and last eventTime of the window's events, with an event at `time`. */
  private widen(time: number, eventTime: string): void {
    if (time < this.firstTime) [this.firstTime, this.first] = [time, eventTime];
    if (time > this.lastTime) [this.lastTime, this.last] = [time, eventTime];
  }

  /** An event admitted: counted, placed and its matches dispatched. */
  private placeEvent(entry: EventEntry): void {
    const place = this.admit(entry.time, entry.unparsed);
    if (place === 'outside') return;
    const record = entry.record ?? (entry.text !== undefined ? parse(entry.text) : undefined);
    const matched = entry.matches.map((i) => this.rules[i]!);
    const timed: TimedRecord | undefined = record && { record, time: entry.time };
    if (place === 'history') {
      if (timed) for (const rule of matched) this.analyzers.observe(rule, timed, false);
      else this.observeDescribed(entry, matched, false);
      return;
    }
    this.stats.eventsInWindow++;
    this.accounts.add(entry.account);
    this.regions.add(entry.region);
    this.widen(entry.time, entry.eventTime);
    if (timed) {
      for (const rule of matched) {
        this.analyzers.observe(rule, timed, true);
        this.detector.add(rule, timed.record);
      }
      const { onEvent, onEventFor = 'all' } = this.options;
      if (onEventFor === 'all' || matched.length > 0)
        onEvent?.(
          timed.record,
          matched.map((r) => r.rule),
        );
    } else {
      matched.forEach((rule, i) => {
        const described = entry.described?.[i];
        if (described) this.detector.addDescribed(rule, described);
      });
      this.observeDescribed(entry, matched, true);
    }
  }

  /** Matches described where the record was parsed, handed to the analyzers. */
  private observeDescribed(entry: EventEntry, matched: readonly CompiledRule[], inWindow: boolean): void {
    const { analyzed } = entry;
    if (!analyzed) return;
    matched.forEach((rule, i) => {
      const described = analyzed[i];
      if (described) this.analyzers.observeDescribed(rule, described, entry.time, inWindow);
    });
  }
}

/** Keeps at most `limit` distinct strings and remembers that it could not keep some. */
export class BoundedSet {
  private readonly values = new Set<string>();
  overflow = false;

  constructor(private readonly limit: number) {}

  add(value: unknown): void {
    if (typeof value !== 'string' || value === '' || this.values.has(value)) return;
    if (this.values.size >= this.limit) this.overflow = true;
    else this.values.add(value);
  }

  sorted(): string[] {
    return [...this.values].sort();
  }
}

/** A carried record: it was parsed once already (in the worker), so it parses again. */
function parse(text: string): CloudTrailRecord {
  return JSON.parse(text) as CloudTrailRecord;
}
