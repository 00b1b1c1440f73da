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
 * With workers, the walk runs here (its reports keep their place in the order), files are read a few at a time
 * ahead, and their entries are merged in walk order, batch after batch. A file too big to be read whole (a JSON Lines
 * export) is streamed here when its turn comes, while the workers read the files after it: streamed through a
 * worker, every one of its events would also cross threads as columns and JSON, which cost more than reading it.
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
 * Files handed to each worker ahead of the merge: enough that a worker always has one queued while the merge waits
 * for the file at the head of the walk order (each file's entries wait in at most BATCHES_AHEAD batches).
 */
const FILES_AHEAD_PER_WORKER = 8;

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
  const workers = workerCount(options.workers);
  const script = workers > 1 ? (options.workerScript ?? bundledWorkerScript()) : undefined;
  if (workers > 1 && script === undefined)
    log.debug('no bundled scan worker: reading files in the main thread');
  const walk = new Walk(options.paths, signal);
  const minBytes = workersRequested(options.workers) ? 0 : MIN_POOL_BYTES;
  if (script !== undefined && (await walk.findsAtLeast(minBytes))) {
    const pool = await ScanWorkerPool.start(
      script,
      workers,
      { rules: options.ruleOptions, plan },
      rules.map((r) => r.rule.ruleId),
    );
    const stop = () => void pool.close();
    signal?.addEventListener('abort', stop, { once: true });
    try {
      const read = { pool, here: examiner, inFlight: workers * FILES_AHEAD_PER_WORKER };
      await readInPool(walk, read, merge, signal);
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

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/**
 * The walk's files read by the pool, `inFlight` at a time, their batches merged in walk order; the files too big to
 * be read whole are read `here` (an examiner of this thread) when their turn comes.
 */
async function readInPool(
  walk: Walk,
  { pool, here, inFlight }: { pool: ScanWorkerPool; here: () => RecordExaminer; inFlight: number },
  merge: (entry: ScanEntry) => void,
  signal?: AbortSignal,
): Promise<void> {
  const queue: (ScanEntry | FileReading | { streamed: string })[] = [];
  let examiner: RecordExaminer | undefined;
  let reading = 0;
  const drainHead = async () => {
    const head = queue.shift()!;
    if ('streamed' in head) {
      await examineFile(head.streamed, (examiner ??= here()), { add: merge }, signal);
      return;
    }
    if (!(head instanceof FileReading)) {
      merge(head);
      return;
    }
    for await (const batch of head) {
      for (const entry of batch) merge(entry);
      if (signal?.aborted) return;
    }
    reading--;
  };
  for (let step = await walk.next(); step; step = await walk.next()) {
    if ('file' in step && step.size > WHOLE_FILE_MAX_BYTES) {
      queue.push({ streamed: step.file });
    } else if ('file' in step) {
      queue.push(pool.scan(step.file));
      reading++;
    } else {
      queue.push(step.report);
    }
    while (reading >= inFlight) {
      await drainHead();
      if (signal?.aborted) return;
    }
  }
  while (queue.length > 0) {
    await drainHead();
    if (signal?.aborted) return;
  }
}
