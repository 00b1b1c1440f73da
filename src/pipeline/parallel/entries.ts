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
  | EventEntry
  /** A worker's batch of events, in columns: merged without an object per event. */
  | { kind: 'events'; events: EventColumns };

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
  /**
   * In the window, the matches described for the Detector when the record is not carried (same order as
   * `matches`; null for rules that make no finding of their own).
   */
  described?: (DescribedMatch | null)[];
  /** The matches described for the analyzers (Analyzers.describe), when the record is not carried (same order). */
  analyzed?: (unknown[] | undefined)[];
  /** The record, when the main thread needs it: parsed (in-process) or as its JSON text (from a worker). */
  record?: CloudTrailRecord;
  text?: string;
  /** Read from its raw text without parsing: the prefilter showed no rule can match it (rules/prefilter.ts). */
  unparsed?: boolean;
}

/** What the main thread needs of each record; decided once per scan, the same for every thread. */
export interface ScanPlan extends Periods {
  /**
   * Records carried whole to the main thread from a worker: `none` (matches described for the Detector and the
   * analyzers), `matched` (in-window records that matched: the allowlist, the timeline of findings), `all` (every
   * in-window record: a timeline of all events).
   */
  records: 'none' | 'matched' | 'all';
  /**
   * History before the window that analyzers asked for: its records are matched against these rules only, and
   * their matches described for the analyzers.
   */
  history?: { since?: number; ruleIds: string[] };
}

/** The events of a batch in columns (see event-columns.ts). */
export interface EventColumns {
  count: number;
  /** Per event, the two hashes of its eventID (records/seen-ids.ts): all de-duplication needs; 0 and 0 for none. */
  idHashes: Uint32Array;
  times: Float64Array;
  eventTimes: string;
  eventTimeEnds: Uint32Array;
  /** Distinct accounts and regions of the file; per event an index into them, -1 for none. */
  accountNames: string[];
  accounts: Int32Array;
  regionNames: string[];
  regions: Int32Array;
  /** 1 for an event read from its raw text without parsing. */
  unparsed: Uint8Array;
  /**
   * Events with matches or a carried record: their position among the batch's events, and what they carry; as JSON
   * arrays of at most about EXTRAS_CHARS characters each, in order.
   */
  extras: string[];
  /** The carried records' texts: texts[i] belongs to the i-th extra with `text: true`. */
  texts: string[];
}
