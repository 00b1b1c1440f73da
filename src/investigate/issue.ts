/**
 * The investigation's GitHub issue (`create-issues: true`): one issue titled for the investigation, whose body is
 * the responder's report, instead of one issue per finding (an investigation is a case, not a stream of alerts).
 * As for findings, a public repository gets no issue unless allowed: the report names credentials and addresses.
 */
import { visible } from '../report/markdown.js';
import type { GitHubApi } from '../track/github.js';

/** GitHub refuses an issue body over 65,536 characters. */
const BODY_LIMIT = 60_000;

export interface InvestigationIssue {
  title: string;
  /** The report's Markdown section. */
  report: string;
  /** A link to the run, when known (Markdown made by report/markdown.ts's link). */
  runLink?: string;
  labels: string[];
  assignees: string[];
  allowPublicRepo: boolean;
}

export type IssueOutcome =
  | { status: 'opened'; number: number; url: string }
  | { status: 'skipped'; reason: string }
  | { status: 'failed'; reason: string };

/** Opens the investigation's issue; never throws (a failure is an outcome). */
export async function openInvestigationIssue(
  api: GitHubApi,
  issue: InvestigationIssue,
): Promise<IssueOutcome> {
  try {
    const repository = await api.repository();
    if (!repository.private && !issue.allowPublicRepo) {
      return {
        status: 'skipped',
        reason:
          `${repository.fullName} is ${repository.visibility}: an investigation's issue would publish the credential's ` +
          'activity; set allow-public-repo: true to open it anyway',
      };
    }
    const created = await api.createIssue({
      title: issueTitle(issue.title),
      body: issueBody(issue.report, issue.runLink),
      labels: issue.labels,
      assignees: issue.assignees,
    });
    return { status: 'opened', number: created.number, url: created.url };
  } catch (err) {
    return { status: 'failed', reason: err instanceof Error ? err.message : String(err) };
  }
}

/** GitHub titles are plain text, at most 256 characters: control and bidirectional characters shown escaped. */
export function issueTitle(title: string): string {
  const clean = visible(title, 250);
  return clean;
}

/** The report, cut at a section boundary when it is too long for an issue. */
export function issueBody(report: string, runLink?: string): string {
  const footer = runLink
    ? `\n\n---\nRun: ${runLink}. Every event in scope is in the run's timeline file.\n`
    : '\n';
  let body = report;
  if (body.length + footer.length > BODY_LIMIT) {
    const sections = body.split(/\n(?=### )/);
    while (sections.length > 1 && sections.join('\n').length + footer.length + 200 > BODY_LIMIT)
      sections.pop();
    body = sections.join('\n');
    if (body.length + footer.length + 200 > BODY_LIMIT)
      body = body.slice(0, body.lastIndexOf('\n', BODY_LIMIT - 400));
    body +=
      "\n\n> The rest of the report is longer than an issue allows: see the run's job summary and timeline file.";
  }
  return body + footer;
}
