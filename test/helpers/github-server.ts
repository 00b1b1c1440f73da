/**
 * A GitHub REST server on 127.0.0.1 for tests: one repository, reached by the real Octokit through GITHUB_API_URL.
 *
 * Speaks what issue tracking uses, with GitHub's shapes and rules: the repository (`private`, `visibility`); issues
 * listed with the `labels` (all must match, case-insensitive), `state`, `sort`, `direction` and `since` filters and
 * `per_page`/`page` pagination with Link headers (pull requests are listed too, as GitHub does); an issue created
 * (title ≤ 256 characters, body ≤ 65,536, labels created on the fly, assignees checked against `assignable`),
 * read and updated (state, state_reason with `duplicate` optional, closed_at); comments listed (paginated) and
 * created; labels listed, read and created (name ≤ 50 characters, `already_exists`). A token is required.
 *
 * State is in memory for a test to seed and inspect. Faults on demand: chosen requests answered with an error
 * (secondary rate limits: 403 or 429 with `retry-after`), and the server going down, at once or after n more
 * requests (the listener closes and open connections are dropped, so that clients see connection failures).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ServerLabel {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

export interface ServerIssue {
  id: number;
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  state_reason: string | null;
  labels: ServerLabel[];
  assignees: { login: string }[];
  user: { login: string };
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  html_url: string;
  comments: number;
  pull_request?: { url: string };
  /** Set when closed as a duplicate with duplicate_issue_id. */
  duplicate_of?: number;
}

export interface ServerComment {
  id: number;
  issue_number: number;
  body: string;
  user: { login: string };
  created_at: string;
  html_url: string;
}

export interface RequestLog {
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
}

/** An error answered instead of the request, for matching requests. */
export interface Fault {
  method?: string;
  path: RegExp;
  /** Matching requests to let through first (default 0). */
  skip?: number;
  /** How many matching requests get the error (default 1). */
  times?: number;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface GitHubServerOptions {
  owner?: string;
  repo?: string;
  private?: boolean;
  /** The account the token belongs to (author of what is created). */
  login?: string;
  /** Highest per_page honoured (GitHub: 100). */
  maxPerPage?: number;
}

export const SECONDARY_RATE_LIMIT = {
  message:
    'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.',
  documentation_url:
    'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
};

export class GitHubServer {
  readonly owner: string;
  readonly repo: string;
  isPrivate: boolean;
  login: string;
  readonly htmlBase = 'https://github.example';
  issues: ServerIssue[] = [];
  comments: ServerComment[] = [];
  readonly labels = new Map<string, ServerLabel>();
  readonly requests: RequestLog[] = [];
  /** Accept `state_reason: duplicate` (GitHub.com does; older GitHub Enterprise Server answers 422). */
  supportsDuplicateReason = true;
  /** When set, only these logins can be assigned (others: 422). */
  assignable: Set<string> | undefined;
  readonly faults: (Fault & { seen: number; served: number })[] = [];
  private readonly maxPerPage: number;
  private nextId = 1000;
  private server!: Server;
  private downAfter: number | undefined;
  private down = false;
  url = '';

  private constructor(options: GitHubServerOptions) {
    this.owner = options.owner ?? 'octo';
    this.repo = options.repo ?? 'security';
    this.isPrivate = options.private ?? true;
    this.login = options.login ?? 'github-actions[bot]';
    this.maxPerPage = options.maxPerPage ?? 100;
  }

  static async start(options: GitHubServerOptions = {}): Promise<GitHubServer> {
    const gh = new GitHubServer(options);
    gh.server = createServer((req, res) => {
      gh.handle(req, res).catch((err: Error) => gh.send(res, 500, { message: err.message }, req));
    });
    await new Promise<void>((resolve) => gh.server.listen(0, '127.0.0.1', resolve));
    gh.url = `http://127.0.0.1:${(gh.server.address() as AddressInfo).port}`;
    return gh;
  }

  /** Writes that GitHub accepted (every method but GET, status below 400). */
  get writes(): RequestLog[] {
    return this.requests.filter((r) => r.method !== 'GET' && r.status < 400);
  }

  issue(number: number): ServerIssue {
    const issue = this.issues.find((i) => i.number === number);
    if (!issue) throw new Error(`no issue #${number}`);
    return issue;
  }

  commentsOn(number: number): ServerComment[] {
    return this.comments.filter((c) => c.issue_number === number);
  }

  /** Adds an issue as if made by someone (labels created when missing). */
  seedIssue(
    fields: Partial<Omit<ServerIssue, 'labels' | 'user'>> & {
      labels?: string[];
      user?: string;
      title?: string;
    },
  ): ServerIssue {
    const number = this.nextNumber();
    const now = new Date().toISOString();
    const issue: ServerIssue = {
      id: this.nextId++,
      number,
      title: fields.title ?? `issue ${number}`,
      body: fields.body ?? '',
      state: fields.state ?? 'open',
      state_reason: fields.state_reason ?? null,
      labels: (fields.labels ?? []).map((name) => this.labelFor(name)),
      assignees: fields.assignees ?? [],
      user: { login: fields.user ?? this.login },
      created_at: fields.created_at ?? now,
      updated_at: now,
      closed_at: fields.state === 'closed' ? (fields.closed_at ?? now) : null,
      html_url: `${this.htmlBase}/${this.owner}/${this.repo}/${fields.pull_request ? 'pull' : 'issues'}/${number}`,
      comments: 0,
      ...(fields.pull_request ? { pull_request: fields.pull_request } : {}),
    };
    this.issues.push(issue);
    return issue;
  }

  seedComment(issueNumber: number, body: string, login = this.login): ServerComment {
    const comment: ServerComment = {
      id: this.nextId++,
      issue_number: issueNumber,
      body,
      user: { login },
      created_at: new Date().toISOString(),
      html_url: '',
    };
    comment.html_url = `${this.htmlBase}/${this.owner}/${this.repo}/issues/${issueNumber}#issuecomment-${comment.id}`;
    this.comments.push(comment);
    this.issue(issueNumber).comments++;
    return comment;
  }

  /** Closes an issue as a person would in the UI. */
  closeIssue(number: number, reason: 'completed' | 'not_planned' | 'duplicate'): void {
    const issue = this.issue(number);
    issue.state = 'closed';
    issue.state_reason = reason;
    issue.closed_at = new Date().toISOString();
  }

  fault(fault: Fault): void {
    this.faults.push({ ...fault, seen: 0, served: 0 });
  }

  /** Answers `n` more requests, then goes down (the request after them finds the connection dropped). */
  goDownAfter(n: number): void {
    this.downAfter = n;
  }

  /** Stops listening and drops every open connection: clients see connection refused or reset. */
  async goDown(): Promise<void> {
    this.down = true;
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  async close(): Promise<void> {
    if (!this.down) await this.goDown();
  }

  private nextNumber(): number {
    return this.issues.reduce((n, i) => Math.max(n, i.number), 0) + 1;
  }

  private labelFor(name: string): ServerLabel {
    const key = name.toLowerCase();
    let label = this.labels.get(key);
    if (!label) {
      label = { id: this.nextId++, name, color: 'ededed', description: null };
      this.labels.set(key, label);
    }
    return label;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (this.downAfter !== undefined && this.downAfter-- <= 0) {
      req.socket.destroy();
      void this.goDown();
      return;
    }
    const url = new URL(req.url ?? '/', this.url);
    const method = req.method ?? 'GET';
    const path = url.pathname;
    const query = Object.fromEntries(url.searchParams);
    const raw = await readBody(req);
    const log: RequestLog = { method, path, query, status: 0 };
    this.requests.push(log);
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      log.status = status;
      this.send(res, status, body, req, headers);
    };

    for (const fault of this.faults) {
      if ((fault.method && fault.method !== method) || !fault.path.test(path)) continue;
      fault.seen++;
      if (fault.seen > (fault.skip ?? 0) && fault.served < (fault.times ?? 1)) {
        fault.served++;
        return reply(fault.status, fault.body ?? { message: 'fault' }, fault.headers);
      }
    }
    if (!/^(token|bearer) \S+/i.test(req.headers.authorization ?? '')) {
      return reply(401, { message: 'Requires authentication' });
    }
    let body: Record<string, unknown> = {};
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        return reply(400, { message: 'Problems parsing JSON' });
      }
    }

    const repoPath = `/repos/${this.owner}/${this.repo}`;
    if (!path.startsWith(repoPath)) return reply(404, { message: 'Not Found' });
    const rest = path.slice(repoPath.length);
    let m: RegExpExecArray | null;

    if (rest === '' && method === 'GET') {
      return reply(200, {
        id: 1,
        name: this.repo,
        full_name: `${this.owner}/${this.repo}`,
        private: this.isPrivate,
        visibility: this.isPrivate ? 'private' : 'public',
        has_issues: true,
      });
    }
    if (rest === '/issues' && method === 'GET') {
      let list = this.issues.filter((i) => {
        const state = query.state ?? 'open';
        if (state !== 'all' && i.state !== state) return false;
        if (query.labels) {
          const names = new Set(i.labels.map((l) => l.name.toLowerCase()));
          if (!query.labels.split(',').every((l) => names.has(l.trim().toLowerCase()))) return false;
        }
        if (query.since && i.updated_at < query.since) return false;
        return true;
      });
      const key = query.sort === 'updated' ? 'updated_at' : 'created_at';
      list = list.sort((a, b) => (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : a.number - b.number));
      if ((query.direction ?? 'desc') === 'desc') list.reverse();
      return this.page(list, url, query, reply);
    }
    if (rest === '/issues' && method === 'POST') {
      const title = body.title;
      if (typeof title !== 'string' || title.trim() === '')
        return reply(422, validation('Issue', 'title', 'missing_field'));
      if (title.length > 256)
        return reply(
          422,
          validation('Issue', 'title', 'custom', 'title is too long (maximum is 256 characters)'),
        );
      if (typeof body.body === 'string' && body.body.length > 65536) {
        return reply(
          422,
          validation('Issue', 'body', 'custom', 'body is too long (maximum is 65536 characters)'),
        );
      }
      const assignees = (body.assignees as string[] | undefined) ?? [];
      if (this.assignable && assignees.some((a) => !this.assignable!.has(a))) {
        return reply(422, validation('Issue', 'assignees', 'invalid'));
      }
      const issue = this.seedIssue({
        title,
        body: (body.body as string | undefined) ?? null,
        labels: (body.labels as string[] | undefined) ?? [],
        assignees: assignees.map((login) => ({ login })),
      });
      return reply(201, issue);
    }
    if ((m = /^\/issues\/(\d+)$/.exec(rest))) {
      const issue = this.issues.find((i) => i.number === Number(m![1]));
      if (!issue) return reply(404, { message: 'Not Found' });
      if (method === 'GET') return reply(200, issue);
      if (method === 'PATCH') {
        if (typeof body.body === 'string' && body.body.length > 65536) {
          return reply(
            422,
            validation('Issue', 'body', 'custom', 'body is too long (maximum is 65536 characters)'),
          );
        }
        const reason = body.state_reason as string | null | undefined;
        if (
          reason !== undefined &&
          reason !== null &&
          !['completed', 'not_planned', 'reopened', 'duplicate'].includes(reason)
        ) {
          return reply(422, validation('Issue', 'state_reason', 'invalid'));
        }
        if (reason === 'duplicate' && !this.supportsDuplicateReason) {
          return reply(422, validation('Issue', 'state_reason', 'invalid'));
        }
        if (reason === 'duplicate' && body.state === 'closed') {
          const of = this.issues.find((i) => i.id === body.duplicate_issue_id);
          if (!of) return reply(422, validation('Issue', 'duplicate_issue_id', 'invalid'));
          issue.duplicate_of = of.number;
        }
        if (typeof body.title === 'string') issue.title = body.title;
        if (typeof body.body === 'string') issue.body = body.body;
        if (body.state === 'closed' && issue.state !== 'closed') {
          issue.state = 'closed';
          issue.state_reason = reason ?? 'completed';
          issue.closed_at = new Date().toISOString();
        } else if (body.state === 'open' && issue.state !== 'open') {
          issue.state = 'open';
          issue.state_reason = 'reopened';
          issue.closed_at = null;
        }
        issue.updated_at = new Date().toISOString();
        return reply(200, issue);
      }
    }
    if ((m = /^\/issues\/(\d+)\/comments$/.exec(rest))) {
      const number = Number(m[1]);
      if (!this.issues.some((i) => i.number === number)) return reply(404, { message: 'Not Found' });
      if (method === 'GET') {
        const list = this.commentsOn(number).filter((c) => !query.since || c.created_at >= query.since);
        return this.page(list, url, query, reply);
      }
      if (method === 'POST') {
        if (typeof body.body !== 'string' || body.body === '')
          return reply(422, validation('IssueComment', 'body', 'missing_field'));
        if (body.body.length > 65536) {
          return reply(
            422,
            validation('IssueComment', 'body', 'custom', 'body is too long (maximum is 65536 characters)'),
          );
        }
        return reply(201, this.seedComment(number, body.body));
      }
    }
    if (rest === '/labels' && method === 'GET')
      return this.page([...this.labels.values()], url, query, reply);
    if (rest === '/labels' && method === 'POST') {
      const name = body.name;
      if (typeof name !== 'string' || name === '')
        return reply(422, validation('Label', 'name', 'missing_field'));
      if (name.length > 50)
        return reply(
          422,
          validation('Label', 'name', 'custom', 'name is too long (maximum is 50 characters)'),
        );
      if (typeof body.color === 'string' && !/^[0-9a-fA-F]{6}$/.test(body.color)) {
        return reply(422, validation('Label', 'color', 'invalid'));
      }
      if (this.labels.has(name.toLowerCase()))
        return reply(422, validation('Label', 'name', 'already_exists'));
      const label = this.labelFor(name);
      label.color = (body.color as string | undefined) ?? 'ededed';
      label.description = (body.description as string | undefined) || null;
      return reply(201, label);
    }
    if ((m = /^\/labels\/([^/]+)$/.exec(rest)) && method === 'GET') {
      const label = this.labels.get(decodeURIComponent(m[1]!).toLowerCase());
      return label ? reply(200, label) : reply(404, { message: 'Not Found' });
    }
    return reply(404, { message: 'Not Found' });
  }

  private page<T>(
    list: T[],
    url: URL,
    query: Record<string, string>,
    reply: (status: number, body: unknown, headers?: Record<string, string>) => void,
  ): void {
    const perPage = Math.min(Math.max(Number(query.per_page ?? 30) || 30, 1), this.maxPerPage);
    const page = Math.max(Number(query.page ?? 1) || 1, 1);
    const last = Math.max(1, Math.ceil(list.length / perPage));
    const at = (n: number) => {
      const u = new URL(url);
      u.searchParams.set('page', String(n));
      u.searchParams.set('per_page', String(perPage));
      return `<${u.href}>`;
    };
    const links: string[] = [];
    if (page < last) links.push(`${at(page + 1)}; rel="next"`, `${at(last)}; rel="last"`);
    if (page > 1) links.push(`${at(page - 1)}; rel="prev"`, `${at(1)}; rel="first"`);
    reply(
      200,
      list.slice((page - 1) * perPage, page * perPage),
      links.length ? { link: links.join(', ') } : {},
    );
  }

  private send(
    res: ServerResponse,
    status: number,
    body: unknown,
    _req: IncomingMessage,
    headers: Record<string, string> = {},
  ): void {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '4999',
      ...headers,
    });
    res.end(text);
  }
}

function validation(resource: string, field: string, code: string, message?: string) {
  return {
    message: 'Validation Failed',
    errors: [{ resource, field, code, ...(message ? { message } : {}) }],
    documentation_url: 'https://docs.github.com/rest',
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
