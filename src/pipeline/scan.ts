import type { RecordSource, SourceContext } from '../sources/record-source.js';
import { loadRuleSet, type RuleSet, type RuleSetOptions } from '../rules/rule-set.js';
import type { ScanResult } from '../core/result.js';
import { applyToFindings, checkAllowlistRules, type Allowlist } from '../allowlist/allowlist.js';
import { Detector } from '../detect/detector.js';
import { type TimeWindow } from '../core/window.js';
import type { CompiledRule } from '../rules/compile.js';
import { RuleIndex } from '../rules/index.js';
import type { DetectionRule } from '../rules/model.js';
import type { CloudTrailRecord } from '../core/record.js';
import { readFiles } from '../sources/files/index.js';
import { Analyzers, type ScanState } from './analyzers.js';
import { sortFindings } from '../findings/build.js';
import { foldFindings } from '../findings/fold.js';
import type { Logger } from '../core/logger.js';
import type { ScanEntry, ScanPlan } from './parallel/entries.js';
import { RecordExaminer } from './parallel/examine.js';
import { ScanMerger } from './parallel/merge.js';
import { ScanWorkerPool } from './parallel/pool.js';
import { readFilesInPool } from './parallel/read-files.js';
import { bundledWorkerScript, workerCount } from './parallel/workers.js';
import { ScanStats } from '../core/stats.js';

export interface ScanOptions extends RuleSetOptions {
  /** Local files and folders (the `files` source), read when no other `source` is given. */
  paths: string[];
  /** Another source (LookupEvents, S3): replaces `paths`. */
  source?: RecordSource;
  window: TimeWindow;
  /** Known-good activity: matches it covers are reported as suppressed. */
  allowlist?: Allowlist;
  signal?: AbortSignal;
  /** Called for every event inside the window with the rules it matched (the timeline writer listens here). */
  onEvent?: (record: CloudTrailRecord, matched: readonly DetectionRule[]) => void;
  /**
   * Which events onEvent needs: `all` (default: every event in the window) or `matches` (only those that matched
   * a rule, as a timeline of findings): then the others never leave the worker threads.
   */
  onEventFor?: 'all' | 'matches';
  /** Worker threads reading files (1 = in the main thread); default CLOUDTRAIL_AUDIT_WORKERS, else the cores. */
  workers?: number;
  /** The worker's script (default: the bundled scan-worker.js next to the running bundle). */
  workerScript?: string;
  /** Where correlation and first-seen rules keep their history between runs (none: every run starts fresh). */
  state?: ScanState;
  /** Called every few thousand records, for progress displays. */
  onProgress?: (stats: ScanStats, findings: number) => void;
}

/** Collect and detect: records from the source → matches → findings. Reports are written by the callers. */
export async function runScan(options: ScanOptions, log: Logger): Promise<ScanResult> {
  const started = Date.now();
  return scanWithRules(await loadRuleSet(options, log), options, log, started);
}

/** The scan with its rule set loaded (worker threads, if any, load the same set from `options`). */
export async function scanWithRules(
  ruleSet: RuleSet,
  options: ScanOptions,
  log: Logger,
  started = Date.now(),
): Promise<ScanResult> {
  const { rules } = ruleSet;
  if (options.allowlist) checkAllowlistRules(options.allowlist, ruleSet.known);
  const stats = new ScanStats((message) => log.warning(message));
  const analyzers = new Analyzers(ruleSet, options.window, log, options.state);
  await analyzers.load(options.signal);
  const detector = new Detector(options.allowlist, options.minSeverity);
  for (const entry of options.allowlist?.expired ?? []) {
    log.warning(
      `allowlist entry ${entry.where} expired on ${entry.expires} and no longer applies (${entry.reason})`,
    );
  }

  const history = analyzers.historyWanted();
  const plan: ScanPlan = {
    window: options.window,
    records:
      options.onEvent && options.onEventFor !== 'matches'
        ? 'all'
        : options.onEvent || detector.needsRecords || analyzers.active
          ? 'matched'
          : 'none',
    ...(history
      ? { history: { since: history.request.since, ruleIds: history.rules.map((r) => r.rule.ruleId) } }
      : {}),
  };
  const merger = new ScanMerger(rules, plan, detector, analyzers, stats, {
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
    ...(options.onEventFor ? { onEventFor: options.onEventFor } : {}),
    ...(options.onProgress ? { onProgress: () => options.onProgress!(stats, detector.groupCount) } : {}),
  });
  const context = analyzers.sourceContext();
  await readEntries(options, rules, plan, stats, log, (entry) => merger.merge(entry), context);
  const { first, last } = merger;
  // Files at hand hold every event from the earliest one read: the analyzers have seen that history whole.
  if (!options.source) analyzers.historyFromRecordsAtHand(merger.earliest);
  // The detector applies the allowlist match by match; a correlation or first-seen finding is judged whole.
  const analyzed = applyToFindings(options.allowlist, analyzers.findings());
  const { findings, folded } = foldFindings(
    sortFindings([...detector.findings(), ...analyzed.findings]),
    ruleSet.summary.catalogue,
  );
  const analysis = analyzers.summary();
  if (!options.signal?.aborted) await analyzers.save();
  const { start, end } = options.window;
  return {
    window: {
      start: start !== undefined ? new Date(start).toISOString() : first,
      end: end !== undefined ? new Date(end).toISOString() : last,
    },
    stats,
    findings,
    folded,
    suppressed: sortFindings([...detector.suppressed(), ...analyzed.suppressed]),
    seen: {
      accounts: merger.accounts.sorted(),
      regions: merger.regions.sorted(),
      more: merger.accounts.overflow || merger.regions.overflow,
    },
    expiredAllowlistEntries: (options.allowlist?.expired ?? []).map(({ where, reason, expires }) => ({
      entry: where,
      reason,
      expires: expires ?? '',
    })),
    rules: ruleSet.summary,
    analysis,
    durationMs: Date.now() - started,
  };
}

/**
 * Every entry of the scan, handed to `merge` in read order: files through the worker pool, or any source in this
 * thread. (A callback, not a generator: one more async generator layer per record costs a promise each.)
 */
async function readEntries(
  options: ScanOptions,
  rules: CompiledRule[],
  plan: ScanPlan,
  stats: ScanStats,
  log: Logger,
  merge: (entry: ScanEntry) => void,
  context: SourceContext,
): Promise<void> {
  const { signal } = options;
  const workers = options.source ? 1 : workerCount(options.workers);
  const script = workers > 1 ? (options.workerScript ?? bundledWorkerScript()) : undefined;
  if (workers > 1 && script === undefined)
    log.debug('no bundled scan worker: reading files in the main thread');
  if (script === undefined) {
    const examiner = new RecordExaminer(rules, new RuleIndex(rules), plan, 'record');
    const raw = options.source
      ? options.source(stats, rules, signal, context)
      : readFiles(options.paths, stats, { signal });
    for await (const record of raw) merge(examiner.examine(record));
    return;
  }
  const ruleOptions = {
    rulesPaths: options.rulesPaths,
    noBuiltinRules: options.noBuiltinRules,
    excludeRules: options.excludeRules,
    minSeverity: options.minSeverity,
    ...(options.placeholders ? { placeholders: options.placeholders } : {}),
  };
  const pool = await ScanWorkerPool.start(
    script,
    workers,
    { rules: ruleOptions, plan },
    rules.map((r) => r.rule.ruleId),
  );
  const stop = () => void pool.close();
  signal?.addEventListener('abort', stop, { once: true });
  try {
    for await (const entries of readFilesInPool(options.paths, pool, workers * 2, signal)) {
      for (const entry of entries) merge(entry);
    }
  } catch (err) {
    if (signal?.aborted) return;
    throw err;
  } finally {
    signal?.removeEventListener('abort', stop);
    await pool.close();
  }
}
