/**
 * The `files` source read by the worker pool: the walk runs here (its reports keep their place in the order),
 * files are read by workers a few at a time ahead, and their entries come out in walk order (a list per file).
 */
import { walkPaths } from '../../sources/files/index.js';
import type { SourceReporter } from '../../core/source.js';
import type { ScanEntry } from './entries.js';
import type { ScanWorkerPool } from './pool.js';

export async function* readFilesInPool(
  paths: readonly string[],
  pool: ScanWorkerPool,
  inFlight: number,
  signal?: AbortSignal,
): AsyncGenerator<ScanEntry[]> {
  let reports: ScanEntry[] = [];
  const walkReporter: SourceReporter = {
    fileRead: (file) => reports.push({ kind: 'fileRead', file }),
    fileSkipped: (file, reason) => reports.push({ kind: 'fileSkipped', file, reason }),
    error: (origin, message, recordsLost) =>
      reports.push(
        recordsLost === undefined
          ? { kind: 'error', origin, message }
          : { kind: 'error', origin, message, recordsLost },
      ),
  };
  const queue: Promise<ScanEntry[]>[] = [];
  let reading = 0;
  const enqueue = (slot: Promise<ScanEntry[]>) => {
    slot.catch(() => {}); // awaited in order below; not an unhandled rejection meanwhile
    queue.push(slot);
  };
  const flushReports = () => {
    if (reports.length > 0) enqueue(Promise.resolve(reports));
    reports = [];
  };

  for await (const entry of walkPaths(paths, walkReporter, signal)) {
    flushReports();
    if (entry.skip !== undefined) {
      enqueue(Promise.resolve([{ kind: 'fileSkipped', file: entry.file, reason: entry.skip }]));
    } else {
      enqueue(pool.scan(entry.file).finally(() => reading--));
      reading++;
    }
    while (reading >= inFlight) {
      yield await queue.shift()!;
      if (signal?.aborted) return;
    }
  }
  flushReports();
  while (queue.length > 0) {
    yield await queue.shift()!;
    if (signal?.aborted) return;
  }
}
