/** What tracking findings as GitHub issues did, for the summary, the outputs and the logs. */

export interface IssueLink {
  number: number;
  url: string;
}

export type TrackAction =
  /** A new issue. */
  | 'opened'
  /** New occurrences commented on the open issue. */
  | 'commented'
  /** The issue was closed as completed and reopened for new occurrences. */
  | 'reopened'
  /** Nothing new: no write. */
  | 'unchanged'
  /** The issue was closed as not planned (or as a duplicate): no write, the finding is suppressed. */
  | 'suppressed'
  /** No issue yet, and `max-new-issues` was reached: listed, opened by a later run. */
  | 'over-limit'
  /** GitHub failed: not tracked this run. */
  | 'failed';

export interface TrackedFinding {
  fingerprint: string;
  ruleId: string;
  action: TrackAction;
  issue?: IssueLink;
  /** Occurrences this run added to the issue (not recorded before). */
  fresh: number;
  /** The fingerprint had no issue before this run. */
  isNew: boolean;
  /** How the issue was closed, for suppressed findings. */
  closedAs?: 'not_planned' | 'duplicate';
  error?: string;
}

export interface TrackingOutcome {
  /** tracked: every finding handled; skipped: nothing written, on purpose; incomplete: GitHub failed. */
  status: 'tracked' | 'skipped' | 'incomplete';
  /** Why nothing was written (skipped) or the first thing that went wrong (incomplete). */
  reason?: string;
  repository: string;
  /** One entry per finding, in the findings' order (empty when skipped). */
  results: TrackedFinding[];
  opened: number;
  /** Issues written to other than those opened: comments, reopenings, duplicates closed. */
  updated: number;
  /** Findings whose fingerprint had no issue; undefined when the issues could not be listed. */
  newFindings: number | undefined;
  duplicatesClosed: { duplicate: IssueLink; of: IssueLink }[];
  /**
   * Issues of folded findings (src/findings/fold.ts) told this run, once, which issue reports their occurrences
   * from now on: the issue of the finding they are folded into.
   */
  foldNotes: { fingerprint: string; ruleId: string; issue: IssueLink; into: IssueLink }[];
  maxNewIssues: number;
  /** The comment listing the findings over `max-new-issues`, when one was asked for and written. */
  overflowComment?: string;
  /** Problems that did not stop tracking (an overflow comment that failed...). */
  warnings: string[];
}
