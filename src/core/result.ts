/** What a scan produces: the findings and everything the reports say about how they were found. */
import type { Finding } from './finding.js';
import type { RuleMeta } from './rule-meta.js';
import type { ScanStats } from './stats.js';

/** A rule file or rule that could not be used (or was skipped on purpose), named for the user. */
export interface RuleProblem {
  file: string;
  title?: string;
  message: string;
}

export interface RuleSetSummary {
  /** Rules that ran and can make findings (correlation feeders are not counted). */
  active: number;
  /** Every rule that can make findings, of every kind, in load order: reports describe findings from it. */
  catalogue: RuleMeta[];
  problems: RuleProblem[];
  /** Your rules that loaded with a part that can never match (a field no CloudTrail record has: a typo). */
  warnings: RuleProblem[];
  skipped: RuleProblem[];
  excluded: string[];
  belowMinSeverity: number;
}

/** A first-seen rule whose findings were withheld because its history does not cover the window yet. */
export interface LearningRule {
  ruleId: string;
  title: string;
  /** ISO time from which the baseline is complete. */
  coveredFrom: string;
  /** ISO time from which it must be complete to judge the whole window (window start - history). */
  needed: string;
  /** Keys that would have been reported. */
  withheld: number;
}

/** What the analyzers (correlation, first-seen) did, for the summary and the findings file. */
export interface AnalysisSummary {
  correlationRules: number;
  firstSeenRules: number;
  /** First-seen rules whose history does not cover the window yet: their findings were withheld. */
  learning: LearningRule[];
  /** Where the history lives, or null when none is kept. */
  state: string | null;
  /** Whether a saved history was found and used. */
  stateLoaded: boolean;
  notes: string[];
}

export interface ScanResult {
  /** The window as requested; bounds left open are filled with the first/last eventTime seen (null if none). */
  window: { start: string | null; end: string | null };
  stats: ScanStats;
  /** The findings reported on their own (issues, SARIF results, summary rows), most severe first. */
  findings: Finding[];
  /**
   * Findings whose every event a higher-ranked finding carries (src/findings/fold.ts): each names the finding it is
   * folded into (`foldedInto`), which lists it under `alsoMatched`.
   */
  folded: Finding[];
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
