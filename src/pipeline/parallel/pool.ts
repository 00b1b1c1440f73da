/**
 * A fixed pool of scan worker threads. Files are handed to the least busy worker; each file's entries come back in
 * batches, and each batch taken (read by the caller) lets the worker send one more: a big file streams through in
 * bounded memory. A worker that dies (an uncaught error, out of memory, exit) breaks the pool: every pending and
 * later file is rejected with a message naming the worker's file, so the scan fails instead of hanging.
 */
import {
  MessageChannel,
  receiveMessageOnPort,
  Worker,
  type MessagePort,
  type ResourceLimits,
} from 'node:worker_threads';
import type { ScanEntry } from './entries.js';
import type { FileBatch, FileBatchMessage, FromWorker, ToWorker, WorkerInit } from './protocol.js';

/**
 * The heap of each worker. Its young generation: 16 MB instead of 48 (a worker's objects live for one record or
 * one batch). Its old generation: 1 GB, far above what a worker holds (the rules, the file it reads: files over 32 MB
 * are streamed), which also makes V8 let it grow to about 1.6 times what is live between full collections instead
 * of up to 4 times. Together some 70 MB less at the peak of a 1,000,000-event scan with two workers, for a little
 * more time collecting.
 */
export const WORKER_RESOURCE_LIMITS: ResourceLimits = {
  maxYoungGenerationSizeMb: 16,
  maxOldGenerationSizeMb: 1024,
};

/**
 * The batches of one file. A worker posts them on a channel of the file's own, where they wait as the worker wrote
 * them until the merge reaches the file and receives them, one at a time: batches that waited in this thread's heap
 * (a worker reads files ahead of the merge) would outlive young-generation collections and make its old generation
 * grow with every event. Taking one (the loop moving on) lets the worker send another.
 */
export class FileReading implements AsyncIterable<Iterable<ScanEntry>> {
  /** Batches the worker said it posted and the merge has not received. */
  private posted = 0;
  private failure: Error | undefined;
  private wake: (() => void) | undefined;

  constructor(
    readonly file: string,
    private readonly port: MessagePort,
    private readonly taken: () => void,
  ) {}

  /** The worker posted a batch on the file's port. */
  batchPosted(): void {
    this.posted++;
    this.signal();
  }

  fail(err: Error): void {
    this.failure ??= err;
    this.port.close();
    this.signal();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Iterable<ScanEntry>> {
    for (;;) {
      if (this.failure) throw this.failure;
      if (this.posted > 0) {
        this.posted--;
        // Posted on the file's port before it was announced on the worker's: it is there.
        const received = receiveMessageOnPort(this.port);
        if (!received) throw new Error(`a scan worker announced a batch of ${this.file} that did not arrive`);
        const { batch, last } = received.message as FileBatchMessage;
        // Closing this end closes the worker's too.
        if (last) this.port.close();
        yield entriesOf(batch);
        if (last) return;
        this.taken();
        continue;
      }
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  private signal(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}

interface PoolWorker {
  worker: Worker;
  pending: Map<number, FileReading>;
}

export class ScanWorkerPool {
  private nextId = 0;
  private broken: Error | undefined;
  private closing = false;

  private constructor(private readonly workers: PoolWorker[]) {
    for (const entry of workers) this.watch(entry);
  }

  /** Workers in the pool. */
  get size(): number {
    return this.workers.length;
  }

  /** Files handed to the workers whose last batch they have not announced yet. */
  get unfinished(): number {
    return this.workers.reduce((n, w) => n + w.pending.size, 0);
  }

  /** Starts `size` workers and waits until each has loaded the same rules (ids in order) as the main thread. */
  static async start(
    script: string,
    size: number,
    init: WorkerInit,
    ruleIds: readonly string[],
  ): Promise<ScanWorkerPool> {
    const workers = Array.from(
      { length: size },
      () => new Worker(script, { workerData: init, resourceLimits: WORKER_RESOURCE_LIMITS }),
    );
    try {
      await Promise.all(workers.map((worker) => ready(worker, ruleIds)));
    } catch (err) {
      await Promise.all(workers.map((w) => w.terminate()));
      throw err;
    }
    return new ScanWorkerPool(workers.map((worker) => ({ worker, pending: new Map() })));
  }

  /** The entries of one file, read by a worker, batch after batch. */
  scan(file: string): FileReading {
    const target = this.workers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const id = this.nextId++;
    const { port1, port2 } = new MessageChannel();
    const reading = new FileReading(file, port1, () => {
      if (!this.broken) target.worker.postMessage({ type: 'taken', id } satisfies ToWorker);
    });
    if (this.broken) {
      reading.fail(this.broken); // closing its port closes port2 too
      return reading;
    }
    target.pending.set(id, reading);
    target.worker.postMessage({ type: 'file', id, file, port: port2 } satisfies ToWorker, [port2]);
    return reading;
  }

  /** Stops every worker; files still pending are rejected. */
  async close(): Promise<void> {
    this.closing = true;
    this.breakWith(new Error('the scan was stopped'));
    await Promise.all(this.workers.map(({ worker }) => worker.terminate()));
  }

  private watch(entry: PoolWorker): void {
    const { worker, pending } = entry;
    worker.on('message', (message: FromWorker) => {
      if (message.type !== 'posted' && message.type !== 'failed') return;
      const job = pending.get(message.id);
      if (!job) return;
      if (message.type === 'posted') {
        if (message.last) pending.delete(message.id);
        job.batchPosted();
      } else {
        pending.delete(message.id);
        job.fail(new Error(`scan worker failed while reading ${job.file}: ${message.message}`));
      }
    });
    const crash = (why: string) => {
      if (this.closing) return;
      const files = [...pending.values()].map((p) => p.file);
      this.breakWith(
        new Error(
          `a scan worker thread ${why}${files.length > 0 ? ` while reading ${files[0]}` : ''}; the scan was stopped`,
        ),
      );
    };
    worker.on('error', (err) => crash(`crashed (${err.message})`));
    worker.on('exit', (code) => crash(`exited unexpectedly (code ${code})`));
  }

  private breakWith(err: Error): void {
    this.broken ??= err;
    for (const { pending } of this.workers) {
      for (const job of pending.values()) job.fail(this.broken);
      pending.clear();
    }
  }
}

/** A batch's events, then its reports (see FileBatch). */
function* entriesOf(batch: FileBatch): Generator<ScanEntry> {
  yield { kind: 'events', events: batch.events };
  yield* batch.reports;
}

function ready(worker: Worker, ruleIds: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const onMessage = (message: FromWorker) => {
      cleanup();
      if (message.type === 'loadFailed') {
        reject(new Error(`a scan worker thread could not load the rules: ${message.message}`));
      } else if (message.type !== 'ready') {
        reject(new Error(`a scan worker thread sent '${message.type}' before it was ready`));
      } else if (message.ruleIds.join('\n') !== ruleIds.join('\n')) {
        reject(new Error('a scan worker thread loaded a different rule set than the main thread'));
      } else {
        resolve();
      }
    };
    const onError = (err: Error) => {
      cleanup();
      reject(new Error(`a scan worker thread failed to start: ${err.message}`));
    };
    const onExit = (code: number) => {
      cleanup();
      reject(new Error(`a scan worker thread exited (code ${code}) before it was ready`));
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
  });
}
