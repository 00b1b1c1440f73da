import type { Allowlist } from '../allowlist/allowlist.js';
import { Detector, type TimeWindow } from '../detect/detector.js';
import type { Finding } from '../findings/model.js';
import { toRecords } from '../records/parse.js';
import type { CompiledRule } from '../rules/compile.js';
import { RuleIndex } from '../rules/index.js';
import { builtinRulesDir, loadRules } from '../rules/load.js';
import type { CloudTrailRecord, Severity, SigmaRule } from '../rules/model.js';
import { severityRank } from '../rules/model.js';
import type { RuleProblem } from '../rules/parse.js';
import { readFiles } from '../sources/files/index.js';
import type { RawRecord } from '../sources/types.js';
import type { Logger } from './logger.js';
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
  /** Rules below this level are not run. */
  minSeverity: Severity;
  window: TimeWindow;
  /** Known-good activity: matches it covers are reported as suppressed. */
  allowlist?: Allowlist;
  signal?: AbortSignal;
  /** Called for every event inside the window with the rules it matched (the timeline writer listens here). */
  onEvent?: (record: CloudTrailRecord, matched: readonly SigmaRule[]) => void;
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
  durationMs: number;
}

export async function loadRuleSet(
  options: Pick<ScanOptions, 'rulesPaths' | 'noBuiltinRules' | 'excludeRules' | 'minSeverity'>,
  log: Logger,
): Promise<{ rules: CompiledRule[]; summary: RuleSetSummary }> {
  const builtin = options.noBuiltinRules
    ? { rules: [], problems: [], skipped: [] }
    : await loadRules([builtinRulesDir()], { builtin: true });
  const own = await loadRules(options.rulesPaths, { builtin: false });
  const builtinIds = new Set(builtin.rules.map(({ rule }) => rule.ruleId));
  const loaded = {
    rules: [...builtin.rules],
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
  const rules = loaded.rules.filter(({ rule }) => {
    for (const id of [rule.ruleId, rule.uuid]) {
      if (id && exclude.has(id.toLowerCase())) {
        matchedExclusions.add(id.toLowerCase());
        return false;
      }
    }
    if (severityRank(rule.level) < minRank) {
      belowMinSeverity++;
      return false;
    }
    return true;
  });
  for (const id of exclude) {
    if (!matchedExclusions.has(id)) log.warning(`exclude-rules: no rule has the id '${id}'`);
  }
  return {
    rules,
    summary: {
      active: rules.length,
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
  const { rules, summary } = await loadRuleSet(options, log);
  const stats = new ScanStats((message) => log.warning(message));
  const detector = new Detector(new RuleIndex(rules), options.window, options.allowlist);
  for (const entry of options.allowlist?.expired ?? []) {
    log.warning(
      `allowlist entry ${entry.where} expired on ${entry.expires} and no longer applies (${entry.reason})`,
    );
  }

  let first: string | null = null;
  let last: string | null = null;
  let firstTime = Infinity;
  let lastTime = -Infinity;
  let sinceProgress = 0;
  const raw = options.source
    ? options.source(stats, rules, options.signal)
    : readFiles(options.paths, stats, { signal: options.signal });
  for await (const timed of toRecords(raw, stats)) {
    const before = detector.eventsInWindow;
    const matched = detector.consume(timed);
    if (detector.eventsInWindow !== before) {
      options.onEvent?.(timed.record, matched);
      if (timed.time < firstTime) [firstTime, first] = [timed.time, timed.record.eventTime];
      if (timed.time > lastTime) [lastTime, last] = [timed.time, timed.record.eventTime];
    }
    if (options.onProgress && ++sinceProgress === 5000) {
      sinceProgress = 0;
      options.onProgress(stats, detector.groupCount);
    }
  }
  stats.eventsInWindow = detector.eventsInWindow;
  const { start, end } = options.window;
  return {
    window: {
      start: start !== undefined ? new Date(start).toISOString() : first,
      end: end !== undefined ? new Date(end).toISOString() : last,
    },
    stats,
    findings: detector.findings(),
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
    durationMs: Date.now() - started,
  };
}
