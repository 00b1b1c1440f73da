/**
 * A scan worker thread: loads the rule set as the main thread did, then reads the files it is sent (decompress,
 * split, parse, match) and posts each file's entries back in bounded batches, never more than BATCHES_AHEAD that
 * the main thread has not taken. Bundled on its own as dist/scan-worker.js.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { silentLogger } from '../../core/logger.js';
import type { CompiledRule } from '../../rules/compile.js';
import { loadRuleSet } from '../../rules/rule-set.js';
import { Analyzers } from '../analyzers.js';
import { RuleIndex } from '../../rules/index.js';
import { examineFile, RecordExaminer, type EntrySink } from './examine.js';
import { EventColumnsBuilder } from './event-columns.js';
import type { ScanEntry } from './entries.js';
import {
  BATCH_EVENTS,
  BATCH_TEXT_CHARS,
  BATCHES_AHEAD,
  type FileBatchMessage,
  type FromWorker,
  type ToWorker,
  type WorkerInit,
} from './protocol.js';

const port = parentPort;
if (!port) throw new Error('scan-worker must run as a worker thread');
const post = (message: FromWorker) => port.postMessage(message);
const init = workerData as WorkerInit;

/** Per file being read: batches sent and not taken yet, and who waits for one to be taken. */
const ahead = new Map<number, { sent: number; waiting?: () => void }>();
/** The files sent, read one after another. */
let reading: Promise<void> = Promise.resolve();

try {
  const ruleSet = await loadRuleSet(init.rules, silentLogger);
  const { rules } = ruleSet;
  // Analyzers here only describe matches (plain data the main thread's analyzers observe): no state, no history.
  const analyzers = new Analyzers(ruleSet, init.plan.window, silentLogger);
  const examiner = new RecordExaminer(rules, new RuleIndex(rules), init.plan, 'text', analyzers);
  port.on('message', (message: ToWorker) => {
    if (message.type === 'taken') {
      const file = ahead.get(message.id);
      if (!file) return;
      file.sent--;
      file.waiting?.();
      return;
    }
    const { id, port } = message;
    ahead.set(id, { sent: 0 });
    const sink = new BatchSink(id, port, rules, analyzers);
    // One file at a time, in the order they came: a file waiting for its batches to be taken must not let the next
    // one start, which would scan into the examiner's scanner under it (and lose the rest of the first file).
    reading = reading
      .then(() => examineFile(message.file, examiner, sink))
      .then(
        () => sink.send(true),
        (err: unknown) =>
          post({ type: 'failed', id, message: err instanceof Error ? err.message : String(err) }),
      )
      .finally(() => ahead.delete(id));
  });
  post({ type: 'ready', ruleIds: rules.map((r) => r.rule.ruleId) });
} catch (err) {
  post({ type: 'loadFailed', message: err instanceof Error ? err.message : String(err) });
}

/**
 * Collects one file's entries into batches; a full batch is posted, after waiting while too many are ahead. Before
 * posting, the analyzers leave out the descriptions that the batch's other matches make needless (Analyzers.thin).
 */
class BatchSink implements EntrySink {
  private events = new EventColumnsBuilder();
  private reports: ScanEntry[] = [];
  private chars = 0;
  private described: { rule: CompiledRule; described: unknown[]; time: number }[] = [];

  constructor(
    private readonly id: number,
    private readonly port: MessagePort,
    private readonly rules: readonly CompiledRule[],
    private readonly analyzers: Analyzers,
  ) {}

  add(entry: ScanEntry): void | Promise<void> {
    if (entry.kind === 'event') {
      this.events.add(entry);
      if (entry.text !== undefined) this.chars += entry.text.length;
      entry.analyzed?.forEach((described, i) => {
        if (described)
          this.described.push({ rule: this.rules[entry.matches[i]!]!, described, time: entry.time });
      });
    } else {
      this.reports.push(entry);
    }
    if (
      this.events.count < BATCH_EVENTS &&
      this.chars < BATCH_TEXT_CHARS &&
      this.reports.length < BATCH_EVENTS
    )
      return;
    const file = ahead.get(this.id)!;
    if (file.sent < BATCHES_AHEAD) return this.send(false);
    return new Promise<void>((resolve) => {
      file.waiting = () => {
        file.waiting = undefined;
        resolve();
      };
    }).then(() => this.send(false));
  }

  send(last: boolean): void {
    if (this.described.length > 0) this.analyzers.thin(this.described);
    this.described = [];
    const batch: FileBatchMessage = { batch: { events: this.events.build(), reports: this.reports }, last };
    this.port.postMessage(batch);
    post({ type: 'posted', id: this.id, last });
    const file = ahead.get(this.id);
    if (file) file.sent++;
    this.events = new EventColumnsBuilder();
    this.reports = [];
    this.chars = 0;
  }
}
