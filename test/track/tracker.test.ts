/**
 * The tracker against the loopback GitHub server, through the real Octokit over HTTP: lifecycle, idempotent reruns,
 * pagination, rate limits, GitHub failing, a public repository, races and the new-issue cap.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Finding } from '../../src/core/finding.js';
import { TRACKING_LABEL } from '../../src/track/labels.js';
import { IssueState, fingerprintLine, parseBody } from '../../src/track/marker.js';
import { planTracking, withIssueSuppressions } from '../../src/track/tracker.js';
import { buildSarif } from '../../src/report/sarif.js';
import { finding, findingEvent, scanResult } from '../report/scan-result.js';
import { GitHubServer, SECONDARY_RATE_LIMIT } from '../helpers/github-server.js';
import { apiFor, memoryLog, track } from './helpers.js';

let server: GitHubServer;
beforeEach(async () => {
  server = await GitHubServer.start();
});
afterEach(async () => {
  await server.close();
});

/** A finding with events numbered from `first` to `last`. */
function withEvents(i: number, first: number, last: number, severity?: Finding['severity']): Finding {
  const events = Array.from({ length: last - first + 1 }, (_, k) => findingEvent(first + k));
  return finding(i, { events, ...(severity ? { severity } : {}) });
}

function ourIssues() {
  return server.issues.filter((i) => i.labels.some((l) => l.name === TRACKING_LABEL));
}

describe('new findings', () => {
  it('opens one issue per fingerprint with its labels (created with colours), assignees and marker', async () => {
    const findings = [withEvents(1, 1, 3, 'high'), withEvents(2, 4, 4)];
    const outcome = await track(server, findings, { labels: ['security'], assignees: ['alice'] });
    expect(outcome).toMatchObject({ status: 'tracked', opened: 2, updated: 0, newFindings: 2 });
    expect(outcome.results.map((r) => [r.action, r.issue?.number, r.fresh, r.isNew])).toEqual([
      ['opened', 1, 3, true],
      ['opened', 2, 1, true],
    ]);
    const [first] = server.issues;
    expect(first!.title).toBe(
      '[high] IAM access key created — `arn:aws:iam::111122223333:user/alice` (`111122223333`)',
    );
    expect(first!.labels.map((l) => l.name)).toEqual([
      'cloudtrail-audit',
      'severity:high',
      'rule:iam-access-key-created',
      'security',
    ]);
    expect(first!.assignees).toEqual([{ login: 'alice' }]);
    expect(server.labels.get('severity:high')).toMatchObject({ color: 'd93f0b' });
    expect(server.labels.get('cloudtrail-audit')).toMatchObject({ color: '5319e7' });
    const parsed = parseBody(first!.body);
    expect(parsed?.fingerprint).toBe(findings[0]!.fingerprint);
    expect(parsed?.state).toMatchObject({
      count: 3,
      firstSeen: findings[0]!.firstSeen,
      lastSeen: findings[0]!.lastSeen,
    });
    expect(first!.body).toContain('[run 42](https://github.example/octo/security/actions/runs/42)');
    // Labels: listed once, created once each (4 for the first issue, severity:medium for the second).
    expect(server.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/labels'))).toHaveLength(5);
    expect(server.requests.filter((r) => r.path.endsWith('/labels') && r.method === 'GET')).toHaveLength(1);
  });

  it('opens the issue unassigned when GitHub refuses an assignee', async () => {
    server.assignable = new Set(['alice']);
    const log = memoryLog();
    const outcome = await track(server, [withEvents(1, 1, 1)], { assignees: ['mallory'], log });
    expect(outcome.opened).toBe(1);
    expect(server.issues[0]!.assignees).toEqual([]);
    expect(log.lines.join('\n')).toMatch(/issue-assignees: GitHub refused mallory/);
  });
});

describe('reruns and new occurrences', () => {
  it('changes nothing when rerun three times over the same window', async () => {
    const findings = [withEvents(1, 1, 5), withEvents(2, 6, 7), withEvents(3, 8, 8)];
    await track(server, findings);
    const writes = server.writes.length;
    const issues = JSON.stringify(server.issues);
    for (let run = 0; run < 3; run++) {
      const outcome = await track(server, findings);
      expect(outcome).toMatchObject({ status: 'tracked', opened: 0, updated: 0, newFindings: 0 });
      expect(outcome.results.every((r) => r.action === 'unchanged')).toBe(true);
    }
    expect(server.writes).toHaveLength(writes);
    expect(JSON.stringify(server.issues)).toBe(issues);
    expect(server.comments).toEqual([]);
  });

  it('adds exactly one comment listing only the new occurrences, and updates the counters', async () => {
    await track(server, [withEvents(1, 1, 3)]);
    // The next window overlaps the first: events 2..3 again, 4..5 new.
    const outcome = await track(server, [withEvents(1, 2, 5)]);
    expect(outcome.results[0]).toMatchObject({ action: 'commented', fresh: 2, issue: { number: 1 } });
    expect(outcome.updated).toBe(1);
    const comments = server.commentsOn(1);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toMatch(/\*\*2 new occurrences\*\*/);
    expect(comments[0]!.body).toContain(findingEvent(4).eventID);
    expect(comments[0]!.body).toContain(findingEvent(5).eventID);
    expect(comments[0]!.body).not.toContain(findingEvent(3).eventID);
    const state = parseBody(server.issue(1).body)!.state!;
    expect(state).toMatchObject({
      count: 5,
      firstSeen: findingEvent(1).eventTime,
      lastSeen: findingEvent(5).eventTime,
    });
    expect(server.issue(1).body).toMatch(/\| Occurrences \| 5 \|/);
    // And once more over the same window: nothing.
    const writes = server.writes.length;
    await track(server, [withEvents(1, 2, 5)]);
    expect(server.writes).toHaveLength(writes);
  });

  it('does not post the same comment twice when a run failed between the comment and the body update', async () => {
    await track(server, [withEvents(1, 1, 2)]);
    server.fault({
      method: 'PATCH',
      path: /\/issues\/1$/,
      status: 422,
      body: { message: 'Validation Failed' },
    });
    const failed = await track(server, [withEvents(1, 1, 4)]);
    expect(failed.results[0]).toMatchObject({ action: 'failed' });
    expect(server.commentsOn(1)).toHaveLength(1);
    const retried = await track(server, [withEvents(1, 1, 4)]);
    expect(retried.results[0]).toMatchObject({ action: 'commented', fresh: 2 });
    expect(server.commentsOn(1)).toHaveLength(1);
    expect(parseBody(server.issue(1).body)!.state!.count).toBe(4);
  });
});

describe('triage steers the lifecycle', () => {
  it('reopens an issue closed as completed when the finding occurs again, with a comment saying why', async () => {
    await track(server, [withEvents(1, 1, 2)]);
    server.closeIssue(1, 'completed');
    // The same events again: nothing to say, the issue stays closed.
    expect((await track(server, [withEvents(1, 1, 2)])).results[0]!.action).toBe('unchanged');
    expect(server.issue(1).state).toBe('closed');
    const outcome = await track(server, [withEvents(1, 1, 3)]);
    expect(outcome.results[0]).toMatchObject({ action: 'reopened', fresh: 1 });
    expect(server.issue(1)).toMatchObject({ state: 'open', state_reason: 'reopened' });
    const comments = server.commentsOn(1);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toMatch(
      /\*\*Reopened:\*\* this issue was closed as completed on `[^`]+`, and the finding occurred again: 1 new occurrence/,
    );
  });

  it('treats an issue closed as not planned as suppression: no write, and the finding reported suppressed', async () => {
    const f = withEvents(1, 1, 2);
    await track(server, [f]);
    server.closeIssue(1, 'not_planned');
    const writes = server.writes.length;
    const later = withEvents(1, 1, 9);
    const outcome = await track(server, [later, withEvents(2, 20, 20)]);
    expect(outcome.results.map((r) => r.action)).toEqual(['suppressed', 'opened']);
    expect(server.writes.filter((w) => w.path.includes('/issues/1'))).toEqual([]);
    expect(server.writes.length).toBe(writes + 1); // the second finding's issue (its labels exist already)
    expect(server.issue(1).state).toBe('closed');

    const result = scanResult({ findings: [later, withEvents(2, 20, 20)] });
    const plan = await planTracking(result.findings, { api: apiFor(server), allowPublicRepo: false });
    const reported = withIssueSuppressions(result, plan);
    expect(reported.findings.map((x) => x.fingerprint)).toEqual([withEvents(2, 20, 20).fingerprint]);
    expect(reported.suppressed[0]!.suppression).toEqual({
      kind: 'issue-not-planned',
      reason: 'issue #1 was closed as not planned',
      entry: 'https://github.example/octo/security/issues/1',
      issue: 1,
    });
    const sarif = buildSarif(reported);
    const suppressedResult = sarif.runs[0].results.find((r) => r.suppressions);
    expect(suppressedResult?.suppressions).toEqual([
      {
        kind: 'external',
        status: 'accepted',
        justification: 'issue #1 was closed as not planned',
        properties: { entry: 'https://github.example/octo/security/issues/1' },
      },
    ]);
    expect(suppressedResult?.message.text).toMatch(/\(suppressed: issue #1 was closed as not planned\)\.$/);
    expect(sarif.runs[0].properties).toMatchObject({ findings: 1, suppressed: 1 });
  });
});

describe('many issues', () => {
  it('finds its issues among 150 existing ones, through the Link pages', async () => {
    const findings = Array.from({ length: 150 }, (_, i) => withEvents(i + 1, i + 1, i + 1));
    for (const f of findings) {
      const state = IssueState.empty();
      state.record(f.events);
      server.seedIssue({
        body: `${fingerprintLine(f.fingerprint)}\n${state.toLine()}\nbody`,
        labels: [TRACKING_LABEL],
      });
    }
    server.seedIssue({ title: 'a pull request', labels: [TRACKING_LABEL], pull_request: { url: 'x' } });
    server.seedIssue({ title: 'not ours', labels: ['bug'] });
    const outcome = await track(server, [...findings, withEvents(999, 1000, 1000)]);
    expect(outcome).toMatchObject({ status: 'tracked', opened: 1, updated: 0, newFindings: 1 });
    const listed = server.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/issues'));
    expect(listed.map((r) => [r.query.page ?? '1', r.query.labels, r.query.state])).toEqual([
      ['1', 'cloudtrail-audit', 'all'],
      ['2', 'cloudtrail-audit', 'all'],
    ]);
    expect(server.requests.some((r) => r.path.startsWith('/search'))).toBe(false);
  });
});

describe('rate limits', () => {
  it('waits out secondary rate limits (403 and 429 with retry-after) and writes everything once', async () => {
    server.fault({
      method: 'POST',
      path: /\/issues$/,
      skip: 1,
      status: 403,
      headers: { 'retry-after': '1' },
      body: SECONDARY_RATE_LIMIT,
    });
    server.fault({
      method: 'POST',
      path: /\/issues\/\d+\/comments$/,
      status: 429,
      headers: { 'retry-after': '1' },
      body: SECONDARY_RATE_LIMIT,
    });
    await track(server, [withEvents(1, 1, 1)]);
    const log = memoryLog();
    const started = Date.now();
    const outcome = await track(server, [withEvents(1, 1, 2), withEvents(2, 5, 5)], { log });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(outcome).toMatchObject({ status: 'tracked', opened: 1, updated: 1 });
    expect(server.requests.filter((r) => r.status === 403 || r.status === 429)).toHaveLength(2);
    expect(ourIssues()).toHaveLength(2);
    expect(server.comments).toHaveLength(1);
    expect(log.lines.filter((l) => /secondary rate limit.*waiting 1 s/.test(l))).toHaveLength(2);
  });

  it('retries a server error', async () => {
    server.fault({ method: 'POST', path: /\/issues$/, status: 502, body: { message: 'Bad Gateway' } });
    const outcome = await track(server, [withEvents(1, 1, 1)]);
    expect(outcome.opened).toBe(1);
    expect(ourIssues()).toHaveLength(1);
  });

  it('gives up on a primary rate limit that resets too late, and says so', async () => {
    server.fault({
      method: 'POST',
      path: /\/issues$/,
      status: 403,
      times: 5,
      headers: {
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
      },
      body: { message: 'API rate limit exceeded for installation.' },
    });
    const outcome = await track(server, [withEvents(1, 1, 1), withEvents(2, 2, 2)]);
    expect(outcome.status).toBe('incomplete');
    expect(outcome.results.map((r) => r.action)).toEqual(['failed', 'failed']);
    expect(outcome.results[0]!.error).toMatch(/rate limit.*next run/);
    expect(outcome.results[1]!.error).toMatch(/^not attempted: /);
  });
});

describe('GitHub failing', () => {
  it('reports the findings it could not track when GitHub goes down mid-run; the next run tracks them, no duplicates', async () => {
    const findings = Array.from({ length: 6 }, (_, i) => withEvents(i + 1, i + 1, i + 1));
    // repo, issue list, label list, 4 label creations, 2 issues opened: then down.
    server.goDownAfter(2 + 1 + 3 + 2);
    const outcome = await track(server, findings);
    expect(outcome.status).toBe('incomplete');
    expect(outcome.reason).toMatch(/GitHub did not answer/);
    const opened = outcome.results.filter((r) => r.action === 'opened');
    const failed = outcome.results.filter((r) => r.action === 'failed');
    expect(opened.length + failed.length).toBe(6);
    expect(failed.length).toBeGreaterThan(0);
    expect(outcome.opened).toBe(opened.length);

    // GitHub is back (same state, new address).
    const state = { issues: server.issues, comments: server.comments, labels: [...server.labels] };
    server = await GitHubServer.start();
    server.issues = state.issues;
    server.comments = state.comments;
    for (const [k, v] of state.labels) server.labels.set(k, v);
    const next = await track(server, findings);
    expect(next).toMatchObject({ status: 'tracked', opened: failed.length, newFindings: failed.length });
    expect(ourIssues()).toHaveLength(6);
    expect(new Set(ourIssues().map((i) => parseBody(i.body)!.fingerprint)).size).toBe(6);
  });

  it('fails every finding with the reason when GitHub is unreachable from the start', async () => {
    await server.goDown();
    const outcome = await track(server, [withEvents(1, 1, 1), withEvents(2, 2, 2)]);
    expect(outcome).toMatchObject({ status: 'incomplete', opened: 0, newFindings: undefined });
    expect(outcome.reason).toMatch(/^listing the tracking issues: GitHub did not answer/);
    expect(outcome.results.map((r) => r.action)).toEqual(['failed', 'failed']);
  });

  it('names the missing permission when the token cannot write issues', async () => {
    server.fault({
      method: 'POST',
      path: /\/labels$/,
      status: 403,
      times: 10,
      body: { message: 'Resource not accessible by integration' },
    });
    const outcome = await track(server, [withEvents(1, 1, 1)]);
    expect(outcome.status).toBe('incomplete');
    expect(outcome.reason).toMatch(/permissions: issues: write/);
  });
});

describe('public repository', () => {
  it('writes nothing to a public repository and says why', async () => {
    server.isPrivate = false;
    const outcome = await track(server, [withEvents(1, 1, 1)]);
    expect(outcome.status).toBe('skipped');
    expect(outcome.reason).toMatch(/octo\/security is a public repository: .* set allow-public-repo: true/);
    expect(server.writes).toEqual([]);
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /repos/octo/security']);
  });

  it('writes when allow-public-repo is set', async () => {
    server.isPrivate = false;
    const outcome = await track(server, [withEvents(1, 1, 1)], { allowPublicRepo: true });
    expect(outcome.opened).toBe(1);
  });
});

describe('races and the new-issue cap', () => {
  it('closes a newer duplicate issue for the same fingerprint, linking the older, and keeps tracking the older', async () => {
    const f = withEvents(1, 1, 2);
    await track(server, [f]);
    // A concurrent run opened the same finding again.
    const body = server.issue(1).body!;
    server.seedIssue({ title: 'dup', body, labels: [TRACKING_LABEL] });
    const outcome = await track(server, [withEvents(1, 1, 3)]);
    expect(outcome.duplicatesClosed).toEqual([
      {
        duplicate: { number: 2, url: 'https://github.example/octo/security/issues/2' },
        of: { number: 1, url: 'https://github.example/octo/security/issues/1' },
      },
    ]);
    expect(server.issue(2)).toMatchObject({ state: 'closed', state_reason: 'duplicate', duplicate_of: 1 });
    expect(server.commentsOn(2)[0]!.body).toMatch(/^Duplicate of #1\n/);
    expect(parseBody(server.issue(2).body)).toBeUndefined();
    expect(outcome.results[0]).toMatchObject({ action: 'commented', issue: { number: 1 } });
    expect(outcome.updated).toBe(2);
    // Settled: the next run sees one issue for the fingerprint.
    const writes = server.writes.length;
    await track(server, [withEvents(1, 1, 3)]);
    expect(server.writes).toHaveLength(writes);
  });

  it('closes a duplicate as not planned where GitHub does not know state_reason duplicate', async () => {
    server.supportsDuplicateReason = false;
    await track(server, [withEvents(1, 1, 2)]);
    server.seedIssue({ title: 'dup', body: server.issue(1).body, labels: [TRACKING_LABEL] });
    await track(server, [withEvents(1, 1, 2)]);
    expect(server.issue(2)).toMatchObject({ state: 'closed', state_reason: 'not_planned' });
  });

  it('opens at most max-new-issues, lists the rest and comments them on the tracking issue asked for', async () => {
    const tracking = server.seedIssue({ title: 'CloudTrail findings over the limit' });
    const findings = [
      withEvents(1, 1, 1, 'low'),
      withEvents(2, 2, 2, 'critical'),
      withEvents(3, 3, 3, 'high'),
      withEvents(4, 4, 4, 'medium'),
    ];
    const outcome = await track(server, findings, { maxNewIssues: 2, overflowIssue: tracking.number });
    expect(outcome.results.map((r) => r.action)).toEqual(['opened', 'opened', 'over-limit', 'over-limit']);
    expect(outcome.newFindings).toBe(4);
    expect(outcome.overflowComment).toMatch(/issues\/1#issuecomment-/);
    const comment = server.commentsOn(tracking.number);
    expect(comment).toHaveLength(1);
    expect(comment[0]!.body).toMatch(/\*\*2 new findings have no issue yet\*\*/);
    expect(comment[0]!.body).toContain(findings[2]!.fingerprint);
    expect(comment[0]!.body).toContain(findings[3]!.fingerprint);
    // The next run opens the rest.
    const next = await track(server, findings, { maxNewIssues: 2 });
    expect(next.results.map((r) => r.action)).toEqual(['unchanged', 'unchanged', 'opened', 'opened']);
    expect(ourIssues()).toHaveLength(4);
  });
});
