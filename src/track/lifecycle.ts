/**
 * The lifecycle decisions, as pure functions: which issue tracks a fingerprint, and what a run does with it.
 *
 * | the fingerprint's issue            | new occurrences | this run                                  |
 * | ---------------------------------- | --------------- | ----------------------------------------- |
 * | none                               | (all)           | opens an issue (up to `max-new-issues`)   |
 * | open                               | none            | nothing                                   |
 * | open                               | some            | one comment listing them; body updated    |
 * | closed as completed (or no reason) | none            | nothing                                   |
 * | closed as completed (or no reason) | some            | reopens it with a comment saying why      |
 * | closed as not planned or duplicate | any             | nothing: the finding is reported suppressed |
 *
 * A folded finding (src/findings/fold.ts) has no issue of its own: its events are the occurrences of the finding it
 * is folded into. An issue opened for it before (by an earlier version, or before the finding that carries its
 * events existed) is told once, with a comment, which issue its occurrences go to from then on (`decideFolded`).
 */
import type { Finding, FindingEvent } from '../core/finding.js';
import type { IssueInfo } from './github.js';
import { parseBody, type IssueState } from './marker.js';

export interface TrackedIssue extends IssueInfo {
  fingerprint: string;
  /** The record of occurrences in its body (undefined when unreadable: every occurrence then counts as new). */
  record: IssueState | undefined;
  /** The fingerprint its body says the finding is folded into (it was told where its occurrences go). */
  foldedInto?: string;
}

export interface FingerprintIssues {
  /** The issue that tracks the fingerprint: the oldest one. */
  canonical: TrackedIssue;
  /** Newer issues for the same fingerprint that are still open (two runs raced): to be closed as duplicates. */
  duplicates: TrackedIssue[];
}

/**
 * Groups listed issues by the fingerprint in their marker. Issues without our marker as the first line of the body
 * (hand-made issues with the label, or a forged marker further down) are ignored.
 */
export function indexIssues(issues: readonly IssueInfo[]): Map<string, FingerprintIssues> {
  const byFingerprint = new Map<string, TrackedIssue[]>();
  for (const issue of issues) {
    const parsed = parseBody(issue.body);
    if (!parsed) continue;
    const list = byFingerprint.get(parsed.fingerprint) ?? [];
    list.push({
      ...issue,
      fingerprint: parsed.fingerprint,
      record: parsed.state,
      ...(parsed.foldedInto ? { foldedInto: parsed.foldedInto } : {}),
    });
    byFingerprint.set(parsed.fingerprint, list);
  }
  const index = new Map<string, FingerprintIssues>();
  for (const [fingerprint, list] of byFingerprint) {
    list.sort((a, b) => a.number - b.number);
    const [canonical, ...rest] = list;
    index.set(fingerprint, { canonical: canonical!, duplicates: rest.filter((i) => i.state === 'open') });
  }
  return index;
}

export type Decision =
  | { kind: 'open' }
  | { kind: 'unchanged'; issue: TrackedIssue }
  | { kind: 'comment'; issue: TrackedIssue; fresh: FindingEvent[] }
  | { kind: 'reopen'; issue: TrackedIssue; fresh: FindingEvent[] }
  | { kind: 'suppressed'; issue: TrackedIssue; reason: 'not_planned' | 'duplicate' };

export function decide(finding: Finding, issues: FingerprintIssues | undefined): Decision {
  if (!issues) return { kind: 'open' };
  const issue = issues.canonical;
  if (
    issue.state === 'closed' &&
    (issue.stateReason === 'not_planned' || issue.stateReason === 'duplicate')
  ) {
    return { kind: 'suppressed', issue, reason: issue.stateReason };
  }
  const fresh = issue.record ? issue.record.unrecorded(finding.events) : [...finding.events];
  if (fresh.length === 0) return { kind: 'unchanged', issue };
  return issue.state === 'open' ? { kind: 'comment', issue, fresh } : { kind: 'reopen', issue, fresh };
}

/** A folded finding's own issue, to be told (once) which issue reports its occurrences now. */
export interface FoldNote {
  finding: Finding;
  issue: TrackedIssue;
  /** The fingerprint of the finding it is folded into. */
  into: string;
}

/**
 * Whether a folded finding's issue must be told where its occurrences go: it has an issue that triage did not close
 * as not planned (or as a duplicate), and that issue was not told about this same finding before.
 */
export function decideFolded(finding: Finding, issues: FingerprintIssues | undefined): FoldNote | undefined {
  const into = finding.foldedInto;
  if (!issues || into === undefined) return undefined;
  const issue = issues.canonical;
  if (issue.state === 'closed' && (issue.stateReason === 'not_planned' || issue.stateReason === 'duplicate'))
    return undefined;
  return issue.foldedInto === into ? undefined : { finding, issue, into };
}
