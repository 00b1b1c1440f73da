/**
 * A scan worker thread: loads the rule set as the main thread did, then reads the files it is sent (decompress,
 * split, parse, match) and posts each file's entries back. Bundled on its own as dist/scan-worker.js.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { silentLogger } from '../../core/logger.js';
import { loadRuleSet } from '../../rules/rule-set.js';
import { RuleIndex } from '../../rules/index.js';
import { examineFile, RecordExaminer } from './examine.js';
import { EventColumnsBuilder } from './event-columns.js';
import type { ScanEntry } from './entries.js';
import type { FileResult, FromWorker, ToWorker, WorkerInit } from './protocol.js';

const port = parentPort;
if (!port) throw new Error('scan-worker must run as a worker thread');
const post = (message: FromWorker) => port.postMessage(message);
const init = workerData as WorkerInit;

try {
  const { rules } = await loadRuleSet(init.rules, silentLogger);
  const examiner = new RecordExaminer(rules, new RuleIndex(rules), init.plan, 'text');
  port.on('message', (message: ToWorker) => {
    examineFile(message.file, examiner).then(
      (entries) => post({ type: 'result', id: message.id, result: toFileResult(entries) }),
      (err: unknown) =>
        post({ type: 'failed', id: message.id, message: err instanceof Error ? err.message : String(err) }),
    );
  });
  post({ type: 'ready', ruleIds: rules.map((r) => r.rule.ruleId) });
} catch (err) {
  post({ type: 'loadFailed', message: err instanceof Error ? err.message : String(err) });
}

function toFileResult(entries: ScanEntry[]): FileResult {
  const events = new EventColumnsBuilder();
  const reports: ScanEntry[] = [];
  for (const entry of entries) {
    if (entry.kind === 'event') events.add(entry);
    else reports.push(entry);
  }
  return { events: events.build(), reports };
}
