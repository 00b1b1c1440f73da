/**
 * Tracking a scan's findings as GitHub issues: one issue per fingerprint, found again by the marker in its body and
 * the `cloudtrail-audit` label (issues are listed, never searched). See lifecycle.ts for what each run does.
 *
 * A run plans first (planTracking: read-only, so that the reports it writes next show what triage suppressed),
 * then applies the plan (applyTracking: the writes) once the findings file and SARIF are written. A GitHub failure
 * never throws out of here: the outcome says which findings were not tracked and why, and the next run picks them up
 * (the marker makes it find the issues this run did open, so nothing is opened twice).
 */
import type { Finding, FindingEvent } from '../core/finding.js';
import type { Logger } from '../core/logger.js';
import type { ScanResult } from '../core/result.js';
import type { RuleMeta } from '../core/rule-meta.js';
import type { IssueLink, TrackedFinding, TrackingOutcome } from '../core/tracking.js';
import { describeGitHubError } from './errors.js';
import { responseData, status, type GitHubApi, type IssueInfo } from './github.js';
import { LabelMaker, labelsFor, TRACKING_LABEL } from './labels.js';
import {
  decide,
  decideFolded,
  indexIssues,
  type Decision,
  type FingerprintIssues,
  type FoldNote,
  type TrackedIssue,
} from './lifecycle.js';
import { digestOf, IssueState, parseCommentLine, parseFoldedCommentLine } from './marker.js';
import { ownPart } from '../findings/fold.js';
import {
  disarmedBody,
  duplicateComment,
  foldedBody,
  foldedComment,
  issueBody,
  issueTitle,
  occurrencesComment,
  overflowComment,
  type RunLink,
} from './render.js';

export interface TrackerOptions {
  api: GitHubApi;
  /** `issue-labels`: added to new issues. */
  labels: readonly string[];
  /** `issue-assignees`: assigned on new issues. */
  assignees: readonly string[];
  /** `max-new-issues`: at most this many issues opened a run. */
  maxNewIssues: number;
  /** `allow-public-repo`: write issues even when the repository is public. */
  allowPublicRepo: boolean;
  /** `issue-overflow-comment`: an issue to comment on with the findings over `max-new-issues`. */
  overflowIssue?: number;
  run?: RunLink;
  /** The rules that ran (issue bodies describe them). */
  rules: readonly RuleMeta[];
  log: Logger;
}

/** What a run will do with its findings' issues, read from GitHub without writing anything. */
export type TrackingPlan =
  | {
      kind: 'ready';
      repository: string;
      index: Map<string, FingerprintIssues>;
      /** Each finding reported on its own, as its issue shows it (the events it carries: findings/fold.ts). */
      decisions: (readonly [Finding, Decision])[];
      /** Folded findings whose own issue is to be told where their occurrences go. */
      notes: FoldNote[];
    }
  /** Nothing is written on purpose (a public repository). */
  | { kind: 'skipped'; repository: string; reason: string; findings: readonly Finding[] }
  /** GitHub could not be read. */
  | { kind: 'failed'; repository: string; reason: string; findings: readonly Finding[] };

/**
 * Lists the tracking issues and decides, for each finding, what to do with its issue: read-only, so that the
 * reports can show which findings triage suppressed (issues closed as not planned) before anything is written.
 * `folded`: the folded findings, whose issues (opened before they were folded) are told where occurrences go.
 * Never throws: a GitHub failure is a `failed` plan.
 */
export async function planTracking(
  findings: readonly Finding[],
  options: Pick<TrackerOptions, 'api' | 'allowPublicRepo'>,
  folded: readonly Finding[] = [],
): Promise<TrackingPlan> {
  const { api } = options;
  const repository = `${api.repo.owner}/${api.repo.repo}`;
  try {
    const info = await api.repository();
    if (!info.private && !options.allowPublicRepo) {
      return {
        kind: 'skipped',
        repository,
        findings,
        reason:
          `${info.fullName} is a public repository: issues would show account ids, user names and IP addresses ` +
          'to everyone, so none were written. Track findings in a private repository, or set allow-public-repo: true.',
      };
    }
    const index = indexIssues(await api.listIssues(TRACKING_LABEL));
    return {
      kind: 'ready',
      repository,
      index,
      decisions: findings.map((f) => {
        const own = ownPart(f);
        return [own, decide(own, index.get(f.fingerprint))] as const;
      }),
      notes: folded.flatMap((f) => decideFolded(f, index.get(f.fingerprint)) ?? []),
    };
  } catch (err) {
    return {
      kind: 'failed',
      repository,
      findings,
      reason: describeGitHubError(err, 'listing the tracking issues').message,
    };
  }
}

/** Carries out a plan: opens, comments on and reopens issues, closes duplicates. Never throws. */
export async function applyTracking(plan: TrackingPlan, options: TrackerOptions): Promise<TrackingOutcome> {
  const { api, log } = options;
  if (plan.kind === 'failed')
    return untracked(plan.findings, plan.repository, options.maxNewIssues, plan.reason);
  const outcome: TrackingOutcome = {
    status: plan.kind === 'skipped' ? 'skipped' : 'tracked',
    repository: plan.repository,
    results: [],
    opened: 0,
    updated: 0,
    newFindings: undefined,
    duplicatesClosed: [],
    foldNotes: [],
    maxNewIssues: options.maxNewIssues,
    warnings: [],
  };
  if (plan.kind === 'skipped') {
    outcome.reason = plan.reason;
    return outcome;
  }
  const { index, decisions, notes } = plan;
  outcome.newFindings = decisions.filter(([, d]) => d.kind === 'open').length;
  const rules = new Map(options.rules.map((r) => [r.ruleId, r]));
  const labels = new LabelMaker(api);
  let stopped: string | undefined;

  const attempt = async (doing: string, action: () => Promise<void>): Promise<string | undefined> => {
    if (stopped) return `not attempted: ${stopped}`;
    try {
      await action();
      return undefined;
    } catch (err) {
      const problem = describeGitHubError(err, doing);
      log.warning(problem.message);
      if (problem.fatal) {
        stopped = problem.message;
        outcome.status = 'incomplete';
        outcome.reason ??= problem.message;
      }
      return problem.message;
    }
  };

  // Issues opened twice for one fingerprint (two runs raced): close the newer ones, keep tracking the oldest.
  for (const entry of index.values()) {
    for (const duplicate of entry.duplicates) {
      const error = await attempt(
        `closing #${duplicate.number} as a duplicate of #${entry.canonical.number}`,
        () => closeDuplicate(api, duplicate, entry),
      );
      if (error === undefined) {
        outcome.duplicatesClosed.push({ duplicate: linkOf(duplicate), of: linkOf(entry.canonical) });
        outcome.updated++;
        log.info(`#${duplicate.number} closed as a duplicate of #${entry.canonical.number}`);
      } else {
        outcome.warnings.push(error);
      }
    }
  }

  const overLimit: Finding[] = [];
  for (const [finding, decision] of decisions) {
    // The catalogue describes every rule that can make a finding, whatever its kind.
    const rule = rules.get(finding.ruleId);
    if (!rule) throw new Error(`applyTracking: rule ${finding.ruleId} is not in the catalogue`);
    const result = await handle(finding, decision, rule);
    outcome.results.push(result);
    const where = result.issue ? `#${result.issue.number}` : 'no issue';
    log.info(
      `${where} ${finding.ruleId} ${finding.fingerprint.slice(0, 12)}: ${result.action}` +
        (result.fresh ? ` (${result.fresh} new ${result.fresh === 1 ? 'occurrence' : 'occurrences'})` : '') +
        (result.error ? `: ${result.error}` : ''),
    );
  }

  // Folded findings' own issues, told once where occurrences go: to the issue of the finding they are folded into,
  // once it has one (a finding over max-new-issues gets its issue, and its folded findings their note, later).
  const issues = new Map(outcome.results.flatMap((r) => (r.issue ? [[r.fingerprint, r] as const] : [])));
  const carriers = new Map(decisions.map(([f]) => [f.fingerprint, f]));
  for (const note of notes) {
    const into = issues.get(note.into);
    const carrier = carriers.get(note.into);
    if (!into?.issue || !carrier) continue;
    const content = {
      fingerprint: note.finding.fingerprint,
      into: {
        fingerprint: note.into,
        ruleId: carrier.ruleId,
        title: carrier.title,
        issue: into.issue.number,
      },
      run: options.run,
    };
    const error = await attempt(
      `telling #${note.issue.number} (${note.finding.ruleId}) that its occurrences go to #${into.issue.number}`,
      async () => {
        // A run that failed between the comment and the body update left the comment: do not post it twice.
        const posted = (await api.listComments(note.issue.number)).some((c) => {
          const marker = parseFoldedCommentLine(c.body);
          return (
            c.author === note.issue.author &&
            marker?.fingerprint === note.finding.fingerprint &&
            marker.into === note.into
          );
        });
        if (!posted) await api.createComment(note.issue.number, foldedComment(content));
        await api.updateIssue(note.issue.number, { body: foldedBody(note.issue.body, content) });
      },
    );
    if (error) {
      outcome.warnings.push(error);
      continue;
    }
    outcome.updated++;
    outcome.foldNotes.push({
      fingerprint: note.finding.fingerprint,
      ruleId: note.finding.ruleId,
      issue: linkOf(note.issue),
      into: into.issue,
    });
    log.info(`#${note.issue.number} ${note.finding.ruleId}: folded into #${into.issue.number}`);
  }

  if (overLimit.length > 0 && options.overflowIssue !== undefined && !stopped) {
    const issueNumber = options.overflowIssue;
    const error = await attempt(
      `commenting on #${issueNumber} with the findings over max-new-issues`,
      async () => {
        const comment = await api.createComment(
          issueNumber,
          overflowComment(overLimit, options.maxNewIssues, options.run),
        );
        outcome.overflowComment = comment.url;
      },
    );
    if (error) outcome.warnings.push(error);
  }
  return outcome;

  async function handle(finding: Finding, decision: Decision, rule: RuleMeta): Promise<TrackedFinding> {
    const isNew = decision.kind === 'open';
    const known = decision.kind === 'open' ? undefined : decision.issue;
    const result: TrackedFinding = {
      ...base(finding),
      action: 'unchanged',
      isNew,
      ...(known ? { issue: linkOf(known) } : {}),
    };
    switch (decision.kind) {
      case 'unchanged':
        return result;
      case 'suppressed':
        return { ...result, action: 'suppressed', closedAs: decision.reason };
      case 'open': {
        if (outcome.opened >= options.maxNewIssues) {
          overLimit.push(finding);
          return { ...result, action: 'over-limit' };
        }
        const error = await attempt(
          `opening an issue for ${finding.ruleId} ${finding.fingerprint}`,
          async () => {
            const issue = await openIssue(finding, rule);
            result.issue = linkOf(issue);
          },
        );
        if (error) return { ...result, action: 'failed', error };
        outcome.opened++;
        return { ...result, action: 'opened', fresh: finding.events.length };
      }
      case 'comment':
      case 'reopen': {
        const { issue, fresh } = decision;
        const verb = decision.kind === 'reopen' ? 'reopening' : 'commenting on';
        const error = await attempt(`${verb} #${issue.number} (${finding.ruleId})`, () =>
          addOccurrences(finding, rule, issue, fresh, decision.kind === 'reopen'),
        );
        if (error) return { ...result, action: 'failed', error };
        outcome.updated++;
        return {
          ...result,
          action: decision.kind === 'reopen' ? 'reopened' : 'commented',
          fresh: fresh.length,
        };
      }
    }
  }

  async function openIssue(finding: Finding, rule: RuleMeta): Promise<IssueInfo> {
    const state = IssueState.empty();
    state.record(finding.events);
    const specs = labelsFor(finding, options.labels);
    await labels.ensure(specs);
    const issue = {
      title: issueTitle(finding),
      body: issueBody({ finding, rule, state, run: options.run }),
      labels: specs.map((s) => s.name),
      assignees: [...options.assignees],
    };
    try {
      return await api.createIssue(issue);
    } catch (err) {
      // An assignee GitHub cannot assign (not a collaborator, a typo) must not cost the finding its issue.
      if (
        status(err) === 422 &&
        issue.assignees.length > 0 &&
        /assignee/i.test(JSON.stringify(responseData(err)))
      ) {
        log.warning(
          `issue-assignees: GitHub refused ${issue.assignees.join(', ')}; opening the issue unassigned`,
        );
        return api.createIssue({ ...issue, assignees: [] });
      }
      throw err;
    }
  }

  async function addOccurrences(
    finding: Finding,
    rule: RuleMeta,
    issue: TrackedIssue,
    fresh: FindingEvent[],
    reopen: boolean,
  ): Promise<void> {
    const state = issue.record ?? IssueState.empty();
    state.record(fresh);
    const content = { finding, rule, state, run: options.run };
    // A run that failed between this comment and the body update left the comment: do not post it twice.
    const digest = digestOf(fresh);
    const posted = (await api.listComments(issue.number)).some((c) => {
      const marker = parseCommentLine(c.body);
      return (
        c.author === issue.author && marker?.fingerprint === finding.fingerprint && marker.digest === digest
      );
    });
    if (!posted) {
      await api.createComment(
        issue.number,
        occurrencesComment({
          ...content,
          fresh,
          ...(reopen ? { reopened: { closedAt: issue.closedAt } } : {}),
        }),
      );
    }
    await api.updateIssue(issue.number, {
      body: issueBody(content),
      ...(reopen ? { state: 'open' as const, state_reason: 'reopened' as const } : {}),
    });
  }
}

/**
 * Closes a newer issue for a fingerprint: a comment linking the older one, the marker disarmed (so that the newer
 * issue is never taken for the finding's again), and closed as a duplicate of the older. GitHub Enterprise Server
 * versions that do not know `state_reason: duplicate` refuse it (422): those close it as not planned.
 */
async function closeDuplicate(
  api: GitHubApi,
  duplicate: TrackedIssue,
  entry: FingerprintIssues,
): Promise<void> {
  const older = entry.canonical;
  await api.createComment(duplicate.number, duplicateComment(older));
  const body = disarmedBody(duplicate.body, older);
  try {
    await api.updateIssue(duplicate.number, {
      body,
      state: 'closed',
      state_reason: 'duplicate',
      duplicate_issue_id: older.id,
    });
  } catch (err) {
    if (status(err) !== 422) throw err;
    await api.updateIssue(duplicate.number, { body, state: 'closed', state_reason: 'not_planned' });
  }
}

/** The outcome when nothing could be tracked (GitHub unreachable, the token refused...). */
export function untracked(
  findings: readonly Finding[],
  repository: string,
  maxNewIssues: number,
  message: string,
): TrackingOutcome {
  return {
    status: 'incomplete',
    reason: message,
    repository,
    results: findings.map((f) => ({ ...base(f), action: 'failed', isNew: false, error: message })),
    opened: 0,
    updated: 0,
    newFindings: undefined,
    duplicatesClosed: [],
    foldNotes: [],
    maxNewIssues,
    warnings: [],
  };
}

function base(f: Finding): Pick<TrackedFinding, 'fingerprint' | 'ruleId' | 'fresh'> {
  return { fingerprint: f.fingerprint, ruleId: f.ruleId, fresh: 0 };
}

function linkOf(issue: { number: number; url: string }): IssueLink {
  return { number: issue.number, url: issue.url };
}

/**
 * The scan result as reported: findings whose issue was closed as not planned (or as a duplicate) move to the
 * suppressed findings, with a suppression saying which issue.
 */
export function withIssueSuppressions(result: ScanResult, plan: TrackingPlan | undefined): ScanResult {
  if (plan?.kind !== 'ready') return result;
  const closed = new Map<string, { issue: TrackedIssue; reason: 'not_planned' | 'duplicate' }>();
  for (const [finding, decision] of plan.decisions)
    if (decision.kind === 'suppressed') closed.set(finding.fingerprint, decision);
  if (closed.size === 0) return result;
  const findings: Finding[] = [];
  const suppressed: Finding[] = [...result.suppressed];
  for (const finding of result.findings) {
    const decision = closed.get(finding.fingerprint);
    if (!decision) {
      findings.push(finding);
      continue;
    }
    const how = decision.reason === 'duplicate' ? 'as a duplicate' : 'as not planned';
    suppressed.push({
      ...finding,
      suppression: {
        kind: 'issue-not-planned',
        reason: `issue #${decision.issue.number} was closed ${how}`,
        entry: decision.issue.url,
        issue: decision.issue.number,
      },
    });
  }
  return { ...result, findings, suppressed };
}

/** The link to this workflow run: `${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}`. */
export function runLinkFromEnv(env: NodeJS.ProcessEnv = process.env): RunLink | undefined {
  const repository = env.GITHUB_REPOSITORY;
  const runId = env.GITHUB_RUN_ID;
  if (!repository || !runId) return undefined;
  const server = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
  return { label: `run ${runId}`, url: `${server}/${repository}/actions/runs/${runId}` };
}
