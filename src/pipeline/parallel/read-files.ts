/**
 * Every entry of a scan, handed to `merge` in read order: the `files` source through worker threads or in this
 * thread, any other source (S3, LookupEvents, Athena) in this thread.
 *
 * Worker threads cost a start (each loads the rule set): unless a number of threads was asked for (--workers,
 * CLOUDTRAIL_AUDIT_WORKERS), they start only when the walk has found enough to read, MIN_POOL_BYTES in at least
 * two files (a thread reads one file at a time, so one big file gains nothing from them). Until then the walk's
 * entries wait in order; a scan of a few small files (the samples, a day of one account) is read here without
 * starting any.
 *
 * N threads reading (--workers N, by default the cores) are this one and N - 1 workers. The walk runs here (its
 * reports keep their place in the order); this thread reads files at the head of the order while the workers read
 * files ahead of it, and their entries are merged in walk order, batch after batch; the workers start while this
 * thread reads the first files. A file too big to be read whole (a JSON Lines export) is streamed here when its turn
 * comes: streamed through a worker, every one of its events would also cross threads as columns and JSON, which cost
 * more than reading it.
 */
import { statSync } from 'node:fs';
import type { Logger } from '../../core/logger.js';
import type { SourceReporter } from '../../core/source.js';
import type { ScanStats } from '../../core/stats.js';
import type { RecordSource, SourceContext } from '../../sources/record-source.js';
import type { CompiledRule } from '../../rules/compile.js';
import { RuleIndex } from '../../rules/index.js';
import type { RuleSetOptions } from '../../rules/rule-set.js';
import { walkPaths, WHOLE_FILE_MAX_BYTES, type WalkEntry } from '../../sources/files/index.js';
import type { ScanEntry, ScanPlan } from './entries.js';
import { examineFile, RecordExaminer } from './examine.js';
import { FileReading, ScanWorkerPool } from './pool.js';
import { bundledWorkerScript, workerCount, workersRequested } from './workers.js';

/**
 * Steps of the walk looked ahead for this thread: workers are handed the farthest files, and the walk's next ones while
 * they have room; this thread reads from the nearest.
 */
const LOOK_AHEAD = 16;
/**
 * Files a worker has been handed and not finished: enough to keep it busy while this thread reads a file of its own
 * (it hands out files between two of its own).
 */
const QUEUED_PER_WORKER = 4;
/** Files handed to workers and not merged yet (each file's entries wait in at most BATCHES_AHEAD batches). */
const MERGE_AHEAD = 12;

/** Bytes of files (as stored: gzip counts compressed) the walk must find before worker threads start. */
export const MIN_POOL_BYTES = 8 * 1024 * 1024;

export interface ReadOptions {
  paths: readonly string[];
  /** Another source: replaces `paths`, read in this thread. */
  source?: RecordSource;
  /** How worker threads load the same rule set (see protocol.ts). */
  ruleOptions: RuleSetOptions;
  /** What a planning source may use besides the rules (correlations, history wanted). */
  context?: SourceContext;
  workers?: number;
  workerScript?: string;
  signal?: AbortSignal;
}

export async function readEntries(
  options: ReadOptions,
  rules: CompiledRule[],
  plan: ScanPlan,
  stats: ScanStats,
  log: Logger,
  merge: (entry: ScanEntry) => void,
): Promise<void> {
  const { signal } = options;
  const examiner = () => new RecordExaminer(rules, new RuleIndex(rules), plan, 'record');
  if (options.source) {
    const one = examiner();
    for await (const record of options.source(stats, rules, signal, options.context))
      merge(one.examine(record));
    return;
  }
  // Threads reading files: this one and the workers.
  const threads = workerCount(options.workers);
  const script = threads > 1 ? (options.workerScript ?? bundledWorkerScript()) : undefined;
  if (threads > 1 && script === undefined)
    log.debug('no bundled scan worker: reading files in the main thread');
  const walk = new Walk(options.paths, signal);
  const minBytes = workersRequested(options.workers) ? 0 : MIN_POOL_BYTES;
  if (script !== undefined && (await walk.findsAtLeast(minBytes))) {
    // This thread reads the first files while the workers start (each loads the rule set).
    const pool = new StartingPool(
      ScanWorkerPool.start(
        script,
        threads - 1,
        { rules: options.ruleOptions, plan },
        rules.map((r) => r.rule.ruleId),
      ),
    );
    const stop = () => void pool.close();
    signal?.addEventListener('abort', stop, { once: true });
    try {
      // Asked for a number of threads: they all read, from the first file on.
      if (workersRequested(options.workers)) await pool.started();
      await readInPool(walk, { pool, here: examiner }, merge, signal);
      await pool.started();
    } catch (err) {
      if (signal?.aborted) return;
      throw err;
    } finally {
      signal?.removeEventListener('abort', stop);
      await pool.close();
    }
    return;
  }
  const here = examiner();
  const sink = { add: merge };
  for (let step = await walk.next(); step; step = await walk.next()) {
    if (signal?.aborted) return;
    if ('file' in step) await examineFile(step.file, here, sink, signal);
    else merge(step.report);
  }
}

/** A pool of workers being started: `ready` once they all have loaded the rules, until then nothing. */
class StartingPool {
  ready: ScanWorkerPool | undefined;
  private failure: unknown;

  constructor(private readonly starting: Promise<ScanWorkerPool>) {
    starting.then(
      (pool) => (this.ready = pool),
      (err: unknown) => (this.failure = err ?? new Error('the scan workers did not start')),
    );
  }

  /** Throws why the workers could not start, if that is known yet. */
  check(): void {
    if (this.failure !== undefined) throw this.failure;
  }

  /** Waits for the start to end; throws why it failed. */
  async started(): Promise<void> {
    await this.starting;
  }

  async close(): Promise<void> {
    await this.starting.then(
      (pool) => pool.close(),
      () => undefined,
    );
  }
}

type Step = { report: ScanEntry } | { file: string; size: number };

/** The walk of the paths as steps (a file to read, or a report), with a look ahead. */
class Walk {
  private readonly steps: Step[] = [];
  private readonly iterator: AsyncIterator<WalkEntry>;
  private ended = false;

  constructor(paths: readonly string[], signal?: AbortSignal) {
    const reporter: SourceReporter = {
      fileRead: (file) => this.steps.push({ report: { kind: 'fileRead', file } }),
      fileSkipped: (file, reason) => this.steps.push({ report: { kind: 'fileSkipped', file, reason } }),
      error: (origin, message, recordsLost) =>
        this.steps.push({
          report:
            recordsLost === undefined
              ? { kind: 'error', origin, message }
              : { kind: 'error', origin, message, recordsLost },
        }),
    };
    this.iterator = walkPaths(paths, reporter, signal)[Symbol.asyncIterator]();
  }

  /**
   * Walks ahead until it has found `bytes` in two files or more (true), or to its end (false). With `bytes` 0, true
   * once it has found a file.
   */
  async findsAtLeast(bytes: number): Promise<boolean> {
    let files = 0;
    let found = 0;
    for (let seen = 0; ;) {
      for (; seen < this.steps.length; seen++) {
        const step = this.steps[seen]!;
        if (!('file' in step)) continue;
        files++;
        if (bytes === 0) return true;
        found += step.size;
        if (files >= 2 && found >= bytes) return true;
      }
      if (this.ended) return false;
      await this.pull();
    }
  }

  /** The next step, or undefined at the end. */
  async next(): Promise<Step | undefined> {
    while (this.steps.length === 0 && !this.ended) await this.pull();
    return this.steps.shift();
  }

  private async pull(): Promise<void> {
    const { done, value } = await this.iterator.next();
    if (done) {
      this.ended = true;
      return;
    }
    this.steps.push(
      value.skip !== undefined
        ? { report: { kind: 'fileSkipped', file: value.file, reason: value.skip } }
        : { file: value.file, size: sizeOf(value.file) },
    );
  }
}

/** A file a worker may read: not a report, not handed yet, small enough to be read whole. */
function handable(step: Step | FileReading): step is { file: string; size: number } {
  return !(step instanceof FileReading) && 'file' in step && step.size <= WHOLE_FILE_MAX_BYTES;
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/**
 * The walk's files, merged in walk order. This thread reads the file at the head of the order itself unless a worker
 * has it; the workers are handed the farthest files of the LOOK_AHEAD steps walked ahead, and the walk's next files
 * while they have room (each kept at QUEUED_PER_WORKER files not finished, at most MERGE_AHEAD handed and not merged),
 * so that they have read a file long before the merge reaches it, and take more files when this thread is slower.
 * Every thread reads files: a worker that only fed the merge left this thread idle much of the time, or, with as many
 * workers as cores, made three busy threads take turns on two cores. Files too big to be read whole are read here.
 */
async function readInPool(
  walk: Walk,
  { pool: starting, here }: { pool: StartingPool; here: () => RecordExaminer },
  merge: (entry: ScanEntry) => void,
  signal?: AbortSignal,
): Promise<void> {
  const queue: (Step | FileReading)[] = [];
  /** The walk position of queue[0], and of the last file handed to a worker. */
  let first = 0;
  let lastHanded = -1;
  let examiner: RecordExaminer | undefined;
  /** FileReadings in the queue. */
  let handed = 0;
  let walked = false;
  const sink = { add: merge };
  for (;;) {
    while (!walked && queue.length < LOOK_AHEAD) {
      const step = await walk.next();
      if (step) queue.push(step);
      else walked = true;
    }
    starting.check();
    const pool = starting.ready;
    if (pool) {
      let room = Math.min(MERGE_AHEAD - handed, pool.size * QUEUED_PER_WORKER - pool.unfinished);
      const hand = (i: number, file: string) => {
        queue[i] = pool.scan(file);
        handed++;
        lastHanded = first + i;
        room--;
      };
      // The farthest files, handed in walk order: a worker reads its files in the order it gets them, and one that
      // waits for the merge to take a big file's batches must not hold up a file the merge reaches first.
      let from = queue.length;
      for (let i = queue.length - 1, left = room; left > 0 && i >= 1 && first + i > lastHanded; i--) {
        if (handable(queue[i]!)) {
          from = i;
          left--;
        }
      }
      for (let i = from; i < queue.length; i++) {
        const step = queue[i]!;
        if (handable(step)) hand(i, step.file);
      }
      // A worker with room gets the walk's next files, beyond those of this thread.
      while (room > 0 && !walked && queue.length < LOOK_AHEAD + MERGE_AHEAD) {
        const step = await walk.next();
        if (!step) walked = true;
        else {
          queue.push(step);
          if (handable(step)) hand(queue.length - 1, step.file);
        }
      }
    }
    const head = queue.shift();
    if (!head) return;
    first++;
    if (head instanceof FileReading) {
      handed--;
      for await (const batch of head) {
        for (const entry of batch) merge(entry);
        if (signal?.aborted) return;
      }
    } else if ('file' in head) {
      await examineFile(head.file, (examiner ??= here()), sink, signal);
      // Lets the workers' messages in: a finished file frees a worker for the next one.
      await new Promise((resolve) => setImmediate(resolve));
    } else {
      merge(head.report);
    }
    if (signal?.aborted) return;
  }
}
