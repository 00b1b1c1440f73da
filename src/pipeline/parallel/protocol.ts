/** Messages between the main thread and a scan worker (see pool.ts and worker.ts). */
import type { RuleSetOptions } from '../../rules/rule-set.js';
import type { ScanEntry, ScanPlan } from './entries.js';
import type { EventColumns } from './event-columns.js';

/**
 * One file read by a worker: its events (in order) and its other entries (reports, unusable records; in order).
 * Merging all events before the reports keeps every order that matters: de-duplication and the timeline among
 * events, the error list among reports.
 */
export interface FileResult {
  events: EventColumns;
  reports: ScanEntry[];
}

/** workerData: how to load the same rule set as the main thread, and the scan's plan. */
export interface WorkerInit {
  rules: RuleSetOptions;
  plan: ScanPlan;
}

export type ToWorker = { type: 'file'; id: number; file: string };

export type FromWorker =
  | { type: 'ready'; ruleIds: string[] }
  | { type: 'loadFailed'; message: string }
  | { type: 'result'; id: number; result: FileResult }
  | { type: 'failed'; id: number; message: string };
