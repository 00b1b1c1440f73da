/** Messages between the main thread and a scan worker (see pool.ts and worker.ts). */
import type { MessagePort } from 'node:worker_threads';
import type { RuleSetOptions } from '../../rules/rule-set.js';
import type { EventColumns, ScanEntry, ScanPlan } from './entries.js';

/**
 * A batch of one file's entries, read by a worker: its events (in order) and its other entries (reports, unusable
 * records; in order). Merging a batch's events before its reports keeps every order that matters: de-duplication
 * and the timeline among events, the error list among reports.
 */
export interface FileBatch {
  events: EventColumns;
  reports: ScanEntry[];
}

/** workerData: how to load the same rule set as the main thread, and the scan's plan. */
export interface WorkerInit {
  rules: RuleSetOptions;
  plan: ScanPlan;
}

/**
 * `file`: read this file and post its batches on `port` (FileBatchMessage), each announced by `posted`. `taken`: the
 * main thread merged a batch of file `id`; the worker sends at most BATCHES_AHEAD batches of a file that the main
 * thread has not taken, so that a big file never piles up in memory.
 */
export type ToWorker =
  { type: 'file'; id: number; file: string; port: MessagePort } | { type: 'taken'; id: number };

/**
 * What a worker posts on a file's port: a batch, and whether it is the file's last (its `fileRead` report is in it).
 */
export interface FileBatchMessage {
  batch: FileBatch;
  last: boolean;
}

export type FromWorker =
  | { type: 'ready'; ruleIds: string[] }
  | { type: 'loadFailed'; message: string }
  /** A batch of file `id` was posted on its port. */
  | { type: 'posted'; id: number; last: boolean }
  | { type: 'failed'; id: number; message: string };

/** Batches of one file a worker may send ahead of the main thread. */
export const BATCHES_AHEAD = 2;
/**
 * A batch is sent when it holds this many events... Few enough that its texts (the events' eventTimes: 20 characters
 * each) stay below V8's large-object size (128 kB): a larger text is allocated in the main thread's old generation as
 * it arrives, and stays there, garbage, until a full collection (what the events carry is cut in texts of its own,
 * see event-columns.ts).
 */
export const BATCH_EVENTS = 1024;
/** ... or this many characters of carried record text. */
export const BATCH_TEXT_CHARS = 4 * 1024 * 1024;
