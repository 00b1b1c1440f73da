/**
 * The main thread's side: entries from any thread, merged in the order they were read (file order), so that
 * de-duplication (first occurrence wins), the stats, the error list and the findings do not depend on how many
 * threads read the files.
 */
import { type Detector } from '../../detect/detector.js';
import { makesFindings } from '../../rules/model.js';
import type { TimedRecord } from '../../core/record.js';
import { SeenIds } from '../../records/seen-ids.js';
import type { CompiledRule } from '../../rules/compile.js';
import type { DetectionRule } from '../../rules/model.js';
import type { CloudTrailRecord } from '../../core/record.js';
import type { ScanStats } from '../../core/stats.js';
import type { EventEntry, ScanEntry } from './entries.js';

export class ScanMerger {
  private readonly seen = new SeenIds();
  /** First and last eventTime of the events in the window. */
  first: string | null = null;
  last: string | null = null;
  private firstTime = Infinity;
  private lastTime = -Infinity;
  /** Epoch ms of the earliest event read, in the window or not (the history a files source has at hand). */
  earliest = Infinity;
  private sinceProgress = 0;

  constructor(
    private readonly rules: readonly CompiledRule[],
    private readonly detector: Detector,
    private readonly stats: ScanStats,
    private readonly onEvent?: (record: CloudTrailRecord, matched: readonly DetectionRule[]) => void,
    private readonly onProgress?: () => void,
    private readonly onEventFor: 'all' | 'matches' = 'all',
  ) {}

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
        this.mergeEvent(entry);
        break;
    }
    if (this.onProgress && ++this.sinceProgress === 5000) {
      this.sinceProgress = 0;
      this.onProgress();
    }
  }

  private mergeEvent(entry: EventEntry): void {
    if (entry.id !== undefined && !this.seen.add(entry.id)) {
      this.stats.duplicatesDropped++;
      return;
    }
    this.stats.eventsScanned++;
    if (entry.time < this.earliest) this.earliest = entry.time;
    const { detector } = this;
    const record = entry.record ?? (entry.text !== undefined ? parse(entry.text) : undefined);
    if (!detector.admit(entry.time, entry.account, entry.region)) {
      if (record) detector.observeHistory({ record, time: entry.time });
      return;
    }
    if (entry.time < this.firstTime) [this.firstTime, this.first] = [entry.time, entry.eventTime];
    if (entry.time > this.lastTime) [this.lastTime, this.last] = [entry.time, entry.eventTime];
    const matched = entry.matches.map((i) => this.rules[i]!);
    if (record) {
      const timed: TimedRecord = { record, time: entry.time };
      for (const rule of matched) detector.add(rule, timed);
      // The timeline tags an event with the rules that report findings (not those feeding analyzers only).
      const reported = matched.filter((r) => makesFindings(r.rule)).map((r) => r.rule);
      if (this.onEventFor === 'all' || reported.length > 0) this.onEvent?.(record, reported);
    } else {
      matched.forEach((rule, i) => detector.addDescribed(rule, entry.described![i]!));
    }
  }
}

/** A carried record: it was parsed once already (in the worker), so it parses again. */
function parse(text: string): CloudTrailRecord {
  return JSON.parse(text) as CloudTrailRecord;
}
