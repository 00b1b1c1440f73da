import type { RecordSource } from '../sources/record-source.js';
import { loadRuleSet, type RuleSet, type RuleSetOptions } from '../rules/rule-set.js';
import type { ScanResult } from '../core/result.js';
import { checkAllowlistRules, type Allowlist } from '../allowlist/allowlist.js';
import { Detector } from '../detect/detector.js';
import { type TimeWindow } from '../core/window.js';
import type { DetectionRule } from '../rules/model.js';
import type { CloudTrailRecord } from '../core/record.js';
import { Analyzers, type ScanState } from './analyzers.js';
import { sortFindings } from '../findings/build.js';
import { EventSpill, type FindingEventBounds } from '../findings/events.js';
import { foldFindings } from '../findings/fold.js';
import type { Logger } from '../core/logger.js';
import type { ScanPlan } from './parallel/entries.js';
import { ScanMerger } from './parallel/merge.js';
import { readEntries } from './parallel/read-files.js';
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
  /** How many of the findings' events stay in memory (default: 50 at each end; the rest wait in a temporary file). */
  findingEvents?: FindingEventBounds;
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
  // Findings keep their oldest and newest events in memory; the rest wait in this file for the findings file.
  const spill = new EventSpill(options.findingEvents);
  const detector = new Detector(options.allowlist, options.minSeverity, spill);
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
        : options.onEvent || detector.needsRecords
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
  await readEntries(
    { ...options, ruleOptions: ruleSetOptions(options), context },
    rules,
    plan,
    stats,
    log,
    (entry) => merger.merge(entry),
  );
  merger.finish();
  const { first, last } = merger;
  // Files at hand hold every event from the earliest one read: the analyzers have seen that history whole.
  if (!options.source) analyzers.historyFromRecordsAtHand(merger.earliest);
  // The detector applies the allowlist match by match; a correlation or first-seen finding is judged whole.
  const analyzed = analyzers.findings(options.allowlist, spill);
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

/** How worker threads load the same rule set as this scan. */
function ruleSetOptions(options: ScanOptions): RuleSetOptions {
  return {
    rulesPaths: options.rulesPaths,
    noBuiltinRules: options.noBuiltinRules,
    excludeRules: options.excludeRules,
    minSeverity: options.minSeverity,
    ...(options.placeholders ? { placeholders: options.placeholders } : {}),
  };
}
