/**
 * What reading one file (or one record of a stream) produces, in order, for the main thread to merge: reports
 * for the stats, and one entry per record. Plain data, so that a worker thread can post it.
 */
import type { DescribedMatch } from '../../detect/detector.js';
import type { Periods } from '../../detect/gate.js';
import type { CloudTrailRecord } from '../../core/record.js';
import type { Origin } from '../../core/source.js';

export type ScanEntry =
  | { kind: 'fileRead'; file: string }
  | { kind: 'fileSkipped'; file: string; reason: string }
  | { kind: 'error'; origin: Origin; message: string; recordsLost?: number }
  /** A record that is not a usable event (invalid JSON, no eventTime...). */
  | { kind: 'problem'; origin: Origin; message: string }
  | { kind: 'insight' }
  | EventEntry;

/** A usable event: what de-duplication, the window and the stats need, its matches, and its record if needed. */
export interface EventEntry {
  kind: 'event';
  /** eventID when it is a string (de-duplication key). */
  id: string | undefined;
  time: number;
  eventTime: string;
  account: string | undefined;
  region: string | undefined;
  /** Indexes (in the scan's rule list) of the rules it matched: every rule in the window, history rules before it. */
  matches: number[];
  /** The matches described, when the record is not carried (same order as `matches`). */
  described?: DescribedMatch[];
  /** The record, when the main thread needs it: parsed (in-process) or as its JSON text (from a worker). */
  record?: CloudTrailRecord;
  text?: string;
}

/** What the main thread needs of each record; decided once per scan, the same for every thread. */
export interface ScanPlan extends Periods {
  /**
   * Records carried to the main thread: `none` (only described matches), `matched` (in-window records that
   * matched: observe, allowlist, timeline of findings), `all` (every in-window record: timeline of all events).
   */
  records: 'none' | 'matched' | 'all';
  /**
   * History before the window that analyzers asked for: its records are matched against these rules only, and
   * carried when they match.
   */
  history?: { since?: number; ruleIds: string[] };
}
