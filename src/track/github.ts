/** The few GitHub REST calls tracking makes, typed for what it reads. Never the search API (it lags behind writes). */
import type { Octokit } from './client.js';

export interface RepoRef {
  owner: string;
  repo: string;
}

export interface IssueInfo {
  /** The issue's node-independent id (what `duplicate_issue_id` takes). */
  id: number;
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  /** completed, not_planned, duplicate, reopened, or null (issues closed before GitHub recorded reasons). */
  stateReason: string | null;
  /** Who opened it: comments by the same account are ours. */
  author: string;
  url: string;
  closedAt: string | null;
}

export interface CommentInfo {
  id: number;
  body: string;
  author: string;
  url: string;
}

export interface RepositoryInfo {
  fullName: string;
  private: boolean;
  visibility: string;
}

const PER_PAGE = 100;

export class GitHubApi {
  constructor(
    readonly octokit: Octokit,
    readonly repo: RepoRef,
  ) {}

  async repository(): Promise<RepositoryInfo> {
    const { data } = await this.octokit.rest.repos.get({ ...this.repo });
    return {
      fullName: data.full_name,
      private: data.private,
      visibility: data.visibility ?? (data.private ? 'private' : 'public'),
    };
  }

  /** Every issue (open and closed) with the label, oldest first, pages followed through their Link headers. */
  async listIssues(label: string): Promise<IssueInfo[]> {
    const items = await this.octokit.paginate(this.octokit.rest.issues.listForRepo, {
      ...this.repo,
      labels: label,
      state: 'all',
      sort: 'created',
      direction: 'asc',
      per_page: PER_PAGE,
    });
    return items.filter((item) => !item.pull_request).map(toIssue);
  }

  async listLabels(): Promise<string[]> {
    const labels = await this.octokit.paginate(this.octokit.rest.issues.listLabelsForRepo, {
      ...this.repo,
      per_page: PER_PAGE,
    });
    return labels.map((l) => l.name);
  }

  /** Creates a label; false when it exists already (made meanwhile by another run). */
  async createLabel(spec: LabelSpec): Promise<boolean> {
    try {
      await this.octokit.rest.issues.createLabel({ ...this.repo, ...spec });
      return true;
    } catch (err) {
      if (status(err) === 422 && /already_exists/.test(JSON.stringify(responseData(err)))) return false;
      throw err;
    }
  }

  async createIssue(issue: {
    title: string;
    body: string;
    labels: string[];
    assignees: string[];
  }): Promise<IssueInfo> {
    const { data } = await this.octokit.rest.issues.create({ ...this.repo, ...issue });
    return toIssue(data);
  }

  async updateIssue(
    issueNumber: number,
    changes: {
      body?: string;
      state?: 'open' | 'closed';
      state_reason?: 'completed' | 'not_planned' | 'duplicate' | 'reopened';
      duplicate_issue_id?: number;
    },
  ): Promise<IssueInfo> {
    const { data } = await this.octokit.rest.issues.update({
      ...this.repo,
      issue_number: issueNumber,
      ...changes,
    });
    return toIssue(data);
  }

  async listComments(issueNumber: number): Promise<CommentInfo[]> {
    const comments = await this.octokit.paginate(this.octokit.rest.issues.listComments, {
      ...this.repo,
      issue_number: issueNumber,
      per_page: PER_PAGE,
    });
    return comments.map((c) => ({
      id: c.id,
      body: c.body ?? '',
      author: c.user?.login ?? '',
      url: c.html_url,
    }));
  }

  async createComment(issueNumber: number, body: string): Promise<CommentInfo> {
    const { data } = await this.octokit.rest.issues.createComment({
      ...this.repo,
      issue_number: issueNumber,
      body,
    });
    return { id: data.id, body: data.body ?? '', author: data.user?.login ?? '', url: data.html_url };
  }
}

interface RawIssue {
  id: number;
  number: number;
  title: string;
  body?: string | null;
  state: string;
  state_reason?: string | null;
  user: { login: string } | null;
  html_url: string;
  closed_at: string | null;
}

function toIssue(data: RawIssue): IssueInfo {
  return {
    id: data.id,
    number: data.number,
    title: data.title,
    body: data.body ?? '',
    state: data.state === 'closed' ? 'closed' : 'open',
    stateReason: data.state_reason ?? null,
    author: data.user?.login ?? '',
    url: data.html_url,
    closedAt: data.closed_at,
  };
}

/** The HTTP status of an Octokit error (500 for a connection that failed), or undefined. */
export function status(err: unknown): number | undefined {
  const value = (err as { status?: unknown } | null)?.status;
  return typeof value === 'number' ? value : undefined;
}

export function responseData(err: unknown): unknown {
  return (err as { response?: { data?: unknown } } | null)?.response?.data;
}

/** A label as GitHub creates it. */
export interface LabelSpec {
  name: string;
  color: string;
  description: string;
}
