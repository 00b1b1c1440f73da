/**
 * Issue tracking from the bundle: `node dist/index.js` run as a runner runs it (INPUT_*, GITHUB_OUTPUT,
 * GITHUB_STEP_SUMMARY, GITHUB_API_URL) against the loopback GitHub server. Run `npm run package` after changing src/.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parseBody } from '../../src/track/marker.js';
import { GitHubServer } from '../helpers/github-server.js';
import { runAction as run, SAMPLE_FINDINGS, SAMPLE_FOLDED, trackedIssues } from './run-action.js';

let server: GitHubServer;
beforeEach(async () => {
  server = await GitHubServer.start();
});
afterEach(async () => {
  await server.close();
});

const runAction = (inputs: Record<string, string> = {}) => run(server, inputs);
const ours = () => trackedIssues(server);

describe('the bundled action with create-issues', () => {
  it('opens one issue per finding, then changes nothing on three reruns', async () => {
    const first = await runAction({ 'issue-labels': 'security', 'issue-assignees': '@octocat' });
    expect(first.stdout).not.toMatch(/::error::/);
    expect(first.code).toBe(0);
    expect(first.outputs).toMatchObject({
      'findings-count': String(SAMPLE_FINDINGS),
      'new-findings-count': String(SAMPLE_FINDINGS),
      'issues-opened': String(SAMPLE_FINDINGS),
      'issues-updated': '0',
    });
    expect(ours()).toHaveLength(SAMPLE_FINDINGS);
    expect(ours()[0]!.labels.map((l) => l.name)).toContain('security');
    expect(ours()[0]!.assignees).toEqual([{ login: 'octocat' }]);
    expect(ours()[0]!.body).toContain('[run 42](https://github.example/octo/security/actions/runs/42)');
    expect(first.summary).toMatch(/\| Issue \|/);
    expect(first.summary).toContain('[#\u20601](https://github.example/octo/security/issues/1) opened');
    expect(first.summary).toMatch(/Issues in `octo\/security`: 18 opened, 0 with new occurrences/);

    const writes = server.writes.length;
    for (let run = 0; run < 3; run++) {
      const again = await runAction();
      expect(again.code).toBe(0);
      expect(again.outputs).toMatchObject({
        'issues-opened': '0',
        'issues-updated': '0',
        'new-findings-count': '0',
      });
      expect(again.summary).toContain('[#\u20601](https://github.example/octo/security/issues/1) no change');
    }
    expect(server.writes).toHaveLength(writes);
    expect(ours()).toHaveLength(SAMPLE_FINDINGS);
  });

  it('opens one issue per carrying finding: no event is in two issues, and every folded rule is named', async () => {
    const first = await runAction();
    expect(first.code).toBe(0);
    const doc = JSON.parse(readFileSync(first.outputs['findings-file']!, 'utf8')) as {
      findings: {
        fingerprint: string;
        events: { eventID: string }[];
        carriedBy?: { eventIDs: string[] }[];
      }[];
      folded: { ruleId: string; fingerprint: string; foldedInto: string }[];
    };
    expect(doc.findings).toHaveLength(SAMPLE_FINDINGS);
    expect(doc.folded).toHaveLength(SAMPLE_FOLDED);
    const issues = ours();
    expect(issues.map((i) => parseBody(i.body)!.fingerprint).sort()).toEqual(
      doc.findings.map((f) => f.fingerprint).sort(),
    );
    // Each event id of the findings appears in the occurrences of exactly one issue.
    const ids = new Set(doc.findings.flatMap((f) => f.events.map((e) => e.eventID)));
    for (const id of ids) {
      expect([id, issues.filter((i) => (i.body ?? '').includes(id)).length]).toEqual([id, 1]);
    }
    // Each folded finding is named, with its fingerprint, in the issue of the finding it is folded into.
    for (const f of doc.folded) {
      const carrier = issues.find((i) => parseBody(i.body)!.fingerprint === f.foldedInto)!;
      expect(carrier.body ?? '').toContain(`also matched \`${f.ruleId}\``);
      expect(carrier.body ?? '').toContain(f.fingerprint);
    }
    expect(first.summary).toMatch(/18 more findings matched only events that a finding below reports/);
  });

  it('reports a finding whose issue was closed as not planned as suppressed, in SARIF and the summary', async () => {
    await runAction();
    server.closeIssue(1, 'not_planned');
    const fingerprint = parseBody(server.issue(1).body)!.fingerprint;
    const run = await runAction();
    expect(run.code).toBe(0);
    expect(run.outputs['findings-count']).toBe(String(SAMPLE_FINDINGS - 1));
    const sarif = JSON.parse(readFileSync(run.outputs['sarif-file']!, 'utf8'));
    const suppressed = sarif.runs[0].results.filter((r: { suppressions?: unknown }) => r.suppressions);
    expect(suppressed).toHaveLength(1);
    expect(suppressed[0].partialFingerprints['cloudtrailAuditFingerprint/v1']).toBe(fingerprint);
    expect(suppressed[0].suppressions[0].justification).toBe('issue #1 was closed as not planned');
    const doc = JSON.parse(readFileSync(run.outputs['findings-file']!, 'utf8'));
    expect(doc.suppressed.map((f: { fingerprint: string }) => f.fingerprint)).toEqual([fingerprint]);
    expect(run.summary).toMatch(
      /### Suppressed[\s\S]*\[#\u20601\]\(https:\/\/github\.example\/octo\/security\/issues\/1\) closed as not planned/,
    );
    expect(server.issue(1).state).toBe('closed');
  });

  it('opens at most max-new-issues and lists the rest, in the summary and on the issue asked for', async () => {
    const tracking = server.seedIssue({ title: 'Findings over the limit' });
    const run = await runAction({ 'max-new-issues': '5', 'issue-overflow-comment': `#${tracking.number}` });
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({
      'issues-opened': '5',
      'new-findings-count': String(SAMPLE_FINDINGS),
    });
    expect(run.summary).toMatch(/\*\*Not opened this run\*\* \(`max-new-issues`: 5\)/);
    expect(run.summary.match(/not opened \(max-new-issues\)/g)).toHaveLength(SAMPLE_FINDINGS - 5);
    expect(server.commentsOn(tracking.number)).toHaveLength(1);
    expect(server.commentsOn(tracking.number)[0]!.body).toMatch(/\*\*13 new findings have no issue yet\*\*/);
  });

  it('writes nothing to a public repository and says why, in the log and the summary', async () => {
    server.isPrivate = false;
    const run = await runAction();
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/::warning::octo\/security is a public repository/);
    expect(run.summary).toMatch(/\*\*No issues written\.\*\* octo\/security is a public repository/);
    expect(run.outputs).toMatchObject({ 'issues-opened': '0', 'issues-updated': '0' });
    expect(server.writes).toEqual([]);
  });
});
