import type { Allowlist } from '../allowlist/allowlist.js';
import { Detector, type DetectorHooks, type TimeWindow } from '../detect/detector.js';
import type { Finding } from '../findings/model.js';
import type { CompiledRule } from '../rules/compile.js';
import { RuleIndex } from '../rules/index.js';
import { builtinRulesDir, loadRules } from '../rules/load.js';
import type { CloudTrailRecord, Severity, SigmaRule } from '../rules/model.js';
import { severityRank } from '../rules/model.js';
import type { RuleProblem } from '../rules/parse.js';
import type { Placeholders } from '../rules/placeholders.js';
import { readFiles } from '../sources/files/index.js';
import type { RawRecord } from '../sources/types.js';
import type { ResolvedCorrelation } from '../correlate/index.js';
import { resolveCorrelations } from '../correlate/index.js';
import { Analyzers, sortFindings, type AnalysisSummary, type ScanState } from './analyzers.js';
import type { Logger } from './logger.js';
import type { ScanEntry, ScanPlan } from './parallel/entries.js';
import { RecordExaminer } from './parallel/examine.js';
import { ScanMerger } from './parallel/merge.js';
import { ScanWorkerPool } from './parallel/pool.js';
import { readFilesInPool } from './parallel/read-files.js';
import { bundledWorkerScript, workerCount } from './parallel/workers.js';
import { ScanStats } from './stats.js';

/**
 * Where records come from: any source yields raw records and reports into the scan's stats. It is given the
 * rules that will run, so that an API source can ask only for the events they can match.
 */
export type RecordSource = (
  stats: ScanStats,
  rules: readonly CompiledRule[],
  signal?: AbortSignal,
) => AsyncIterable<RawRecord>;

export interface ScanOptions {
  /** Local files and folders (the `files` source), read when no other `source` is given. */
  paths: string[];
  /** Another source (LookupEvents, S3): replaces `paths`. */
  source?: RecordSource;
  /** The user's own rule files or folders, loaded after the built-in set. */
  rulesPaths: string[];
  /** Leave out the built-in set (tests, or a user who brings a whole rule set). */
  noBuiltinRules?: boolean;
  /** Rule ids (ruleId or Sigma UUID) not to run. */
  excludeRules: string[];
  /** Rules below this level are not run, and findings below it (a rule's denied attempts) are left out. */
  minSeverity: Severity;
  /** Values of the rules' `%name%` placeholders (`org_accounts`: --org-accounts / org-accounts). */
  placeholders?: Placeholders;
  window: TimeWindow;
  /** Known-good activity: matches it covers are reported as suppressed. */
  allowlist?: Allowlist;
  signal?: AbortSignal;
  /** Called for every event inside the window with the rules it matched (the timeline writer listens here). */
  onEvent?: (record: CloudTrailRecord, matched: readonly SigmaRule[]) => void;
  /**
   * Which events onEvent needs: `all` (default: every event in the window) or `matches` (only those that matched
   * a rule, as a timeline of findings): then the others never leave the worker threads.
   */
  onEventFor?: 'all' | 'matches';
  /** Analyzer hooks (observe, history rules): see the Detector. */
  hooks?: DetectorHooks;
  /** Worker threads reading files (1 = in the main thread); default CLOUDTRAIL_AUDIT_WORKERS, else the cores. */
  workers?: number;
  /** The worker's script (default: the bundled scan-worker.js next to the running bundle). */
  workerScript?: string;
  /** Where correlation and first-seen rules keep their history between runs (none: every run starts fresh). */
  state?: ScanState;
  /** Called every few thousand records, for progress displays. */
  onProgress?: (stats: ScanStats, findings: number) => void;
}

export interface RuleSetSummary {
  /** Rules that ran. */
  active: number;
  /** Their metadata, in load order (reports describe them: SARIF rules, issue bodies). */
  activeRules: SigmaRule[];
  problems: RuleProblem[];
  skipped: RuleProblem[];
  excluded: string[];
  belowMinSeverity: number;
}

export interface ScanResult {
  /** The window as requested; bounds left open are filled with the first/last eventTime seen (null if none). */
  window: { start: string | null; end: string | null };
  stats: ScanStats;
  findings: Finding[];
  /** Findings that matched but are suppressed (allowlist): listed, never silently dropped. */
  suppressed: Finding[];
  /** Accounts and regions of the events in the window (at most 1,000 each; `more` when there were others). */
  seen: { accounts: string[]; regions: string[]; more: boolean };
  /** Allowlist entries past their `expires` date, which no longer applied. */
  expiredAllowlistEntries: { entry: string; reason: string; expires: string }[];
  rules: RuleSetSummary;
  /** Correlation and first-seen rules: learning status, notes, where the history lives. */
  analysis: AnalysisSummary;
  durationMs: number;
}

export async function loadRuleSet(
  options: Pick<
    ScanOptions,
    'rulesPaths' | 'noBuiltinRules' | 'excludeRules' | 'minSeverity' | 'placeholders'
  >,
  log: Logger,
): Promise<{ rules: CompiledRule[]; correlations: ResolvedCorrelation[]; summary: RuleSetSummary }> {
  const builtin = options.noBuiltinRules
    ? { rules: [], correlations: [], problems: [], skipped: [] }
    : await loadRules([builtinRulesDir()], { builtin: true, placeholders: options.placeholders });
  const own = await loadRules(options.rulesPaths, { builtin: false, placeholders: options.placeholders });
  const builtinIds = new Set(builtin.rules.map(({ rule }) => rule.ruleId));
  const loaded = {
    rules: [...builtin.rules],
    correlations: [...builtin.correlations, ...own.correlations],
    problems: [...builtin.problems, ...own.problems],
    skipped: [...builtin.skipped, ...own.skipped],
  };
  for (const compiled of own.rules) {
    if (builtinIds.has(compiled.rule.ruleId)) {
      loaded.problems.push({
        file: compiled.rule.file,
        title: compiled.rule.title,
        message: `rule id '${compiled.rule.ruleId}' is already used by a built-in rule (exclude it or rename yours)`,
      });
    } else {
      loaded.rules.push(compiled);
    }
  }
  for (const problem of loaded.problems) {
    log.warning(
      `rule ${problem.file}${problem.title ? ` (${problem.title})` : ''} not loaded: ${problem.message}`,
    );
  }
  for (const skipped of loaded.skipped) log.info(`rule ${skipped.file} skipped: ${skipped.message}`);

  const exclude = new Set(options.excludeRules.map((id) => id.toLowerCase()));
  const matchedExclusions = new Set<string>();
  const minRank = severityRank(options.minSeverity);
  let belowMinSeverity = 0;
  // Rules that only feed correlations are kept whatever their level: the correlation's level is what counts.
  const keep = (rule: { ruleId: string; uuid?: string; level: Severity }, feeder: boolean) => {
    for (const id of [rule.ruleId, rule.uuid]) {
      if (id && exclude.has(id.toLowerCase())) {
        matchedExclusions.add(id.toLowerCase());
        return false;
      }
    }
    if (!feeder && severityRank(rule.level) < minRank) {
      belowMinSeverity++;
      return false;
    }
    return true;
  };
  const candidates = loaded.rules.filter(({ rule }) => keep(rule, rule.generate === false));
  const resolved = resolveCorrelations(
    loaded.correlations.filter((c) => keep(c, false)),
    candidates,
  );
  for (const problem of resolved.problems) {
    loaded.problems.push(problem);
    log.warning(
      `rule ${problem.file}${problem.title ? ` (${problem.title})` : ''} not loaded: ${problem.message}`,
    );
  }
  const correlations = resolved.resolved;
  const fed = new Set(correlations.flatMap((c) => c.members.map((m) => m.rule.ruleId)));
  const rules = candidates.filter(({ rule }) => rule.generate !== false || fed.has(rule.ruleId));
  for (const id of exclude) {
    if (!matchedExclusions.has(id)) log.warning(`exclude-rules: no rule has the id '${id}'`);
  }
  return {
    rules,
    correlations,
    summary: {
      active: rules.filter(({ rule }) => rule.generate !== false).length + correlations.length,
      activeRules: rules.map((r) => r.rule),
      problems: loaded.problems,
      skipped: loaded.skipped,
      excluded: [...matchedExclusions],
      belowMinSeverity,
    },
  };
}

/** The whole offline pipeline: files → records → detect → findings. Reports are written by the callers. */
export async function runScan(options: ScanOptions, log: Logger): Promise<ScanResult> {
  const started = Date.now();
  const { rules, correlations, summary } = await loadRuleSet(options, log);
  const stats = new ScanStats((message) => log.warning(message));
  const analyzers = new Analyzers(rules, correlations, options.window, log, options.state);
  await analyzers.load(options.signal);
  const detector = new Detector(
    new RuleIndex(rules),
    options.window,
    options.allowlist,
    { ...analyzers.hooks(), ...options.hooks },
    options.minSeverity,
  );
  for (const entry of options.allowlist?.expired ?? []) {
    log.warning(
      `allowlist entry ${entry.where} expired on ${entry.expires} and no longer applies (${entry.reason})`,
    );
  }

  const plan: ScanPlan = {
    window: options.window,
    records:
      options.onEvent && options.onEventFor !== 'matches'
        ? 'all'
        : options.onEvent || detector.needsRecords
          ? 'matched'
          : 'none',
    ...(options.hooks?.historyIndex ? { history: { since: options.hooks.historySince } } : {}),
  };
  const merger = new ScanMerger(
    rules,
    detector,
    stats,
    options.onEvent,
    options.onProgress && (() => options.onProgress!(stats, detector.groupCount)),
    options.onEventFor,
  );
  await readEntries(options, rules, plan, stats, log, (entry) => merger.merge(entry));
  const { first, last } = merger;
  stats.eventsInWindow = detector.eventsInWindow;
  // Files at hand hold every event from the earliest one read: first-seen rules have seen that history whole.
  if (!options.source) analyzers.declareHistoryFrom(merger.earliest);
  const findings = sortFindings([...detector.findings(), ...analyzers.findings()]);
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
    suppressed: detector.suppressed(),
    seen: {
      accounts: detector.accounts.sorted(),
      regions: detector.regions.sorted(),
      more: detector.accounts.overflow || detector.regions.overflow,
    },
    expiredAllowlistEntries: (options.allowlist?.expired ?? []).map(({ where, reason, expires }) => ({
      entry: where,
      reason,
      expires: expires ?? '',
    })),
    rules: summary,
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
): Promise<void> {
  const { signal } = options;
  const workers = options.source ? 1 : workerCount(options.workers);
  const script = workers > 1 ? (options.workerScript ?? bundledWorkerScript()) : undefined;
  if (workers > 1 && script === undefined)
    log.debug('no bundled scan worker: reading files in the main thread');
  if (script === undefined) {
    const examiner = new RecordExaminer(rules, new RuleIndex(rules), plan, 'record');
    const raw = options.source
      ? options.source(stats, rules, signal)
      : readFiles(options.paths, stats, { signal });
    for await (const record of raw) merge(examiner.examine(record));
    return;
  }
  const ruleOptions = {
    rulesPaths: options.rulesPaths,
    noBuiltinRules: options.noBuiltinRules,
    excludeRules: options.excludeRules,
    minSeverity: options.minSeverity,
    placeholders: options.placeholders,
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
