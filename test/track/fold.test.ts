/**
 * Tracking folded findings (docs/findings.md) against the loopback GitHub server: a folded finding opens no issue,
 * a finding that shares some events reports the events it carries, and an issue opened for a finding before it was
 * folded is told once where its occurrences go, then left alone while they go there.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Finding } from '../../src/core/finding.js';
import type { RuleMeta } from '../../src/core/rule-meta.js';
import { foldFindings } from '../../src/findings/fold.js';
import { TRACKING_LABEL } from '../../src/track/labels.js';
import { parseBody } from '../../src/track/marker.js';
import { applyTracking, planTracking, type TrackerOptions } from '../../src/track/tracker.js';
import { GitHubServer } from '../helpers/github-server.js';
import { findingEvent, sigmaRule } from '../report/scan-result.js';
import { apiFor, memoryLog, RUN } from './helpers.js';

let server: GitHubServer;
beforeEach(async () => {
  server = await GitHubServer.start();
});
afterEach(async () => {
  await server.close();
});

const CORRELATION: RuleMeta = {
  ...sigmaRule({
    ruleId: 'bulk-secret-retrieval',
    title: 'Many secrets read by one caller',
    description: 'One caller read the values of five or more different secrets within an hour.',
    triage: '- Which secrets?',
    remediation: '- Rotate them.',
    level: 'high',
  }),
  kind: 'correlation',
};
const FIRST_SEEN = sigmaRule({
  ruleId: 'first-seen-access-key-source-ip',
  kind: 'first-seen',
  level: 'medium',
});
const SINGLE = sigmaRule({ ruleId: 'secret-value-read', kind: 'event', level: 'medium' });
const RULES = [CORRELATION, FIRST_SEEN, SINGLE];

function make(rule: RuleMeta, ids: number[]): Finding {
  const events = ids.map((i) => findingEvent(i, { eventName: 'GetSecretValue' }));
  return {
    ruleId: rule.ruleId,
    title: rule.title,
    severity: rule.level,
    fingerprint: Buffer.from(rule.ruleId).toString('hex').slice(0, 32).padEnd(32, '0'),
    firstSeen: events[0]!.eventTime,
    lastSeen: events[events.length - 1]!.eventTime,
    count: events.length,
    author: rule.author,
    attack: rule.attack,
    group: { recipientAccountId: events[0]!.recipientAccountId, actor: events[0]!.actor },
    events,
  };
}

async function run(findings: Finding[], folded: Finding[] = []) {
  const log = memoryLog();
  const options: TrackerOptions = {
    api: apiFor(server, log),
    labels: [],
    assignees: [],
    maxNewIssues: 20,
    allowPublicRepo: false,
    run: RUN,
    rules: RULES,
    log,
  };
  return applyTracking(await planTracking(findings, options, folded), options);
}

const ours = () => server.issues.filter((i) => i.labels.some((l) => l.name === TRACKING_LABEL));
const issueOf = (f: Finding) => ours().find((i) => parseBody(i.body)?.fingerprint === f.fingerprint)!;

describe('tracking folded findings', () => {
  it('opens one issue per carrying finding; the carrier lists the folded rules; a partial finding its own events', async () => {
    const burst = make(CORRELATION, [1, 2, 3, 4, 5]);
    const single = make(SINGLE, [2, 3]);
    const novel = make(FIRST_SEEN, [0, 1]);
    const { findings, folded } = foldFindings([burst, single, novel], RULES);
    expect(folded.map((f) => f.ruleId)).toEqual(['secret-value-read']);
    const outcome = await run(findings, folded);
    expect(outcome.opened).toBe(2);
    expect(ours()).toHaveLength(2);
    const carrier = issueOf(burst).body;
    expect(carrier).toContain('#### Also matched');
    expect(carrier).toMatch(
      /- also matched `secret-value-read` \(.*\): 2 events of this finding, folded into it/,
    );
    expect(carrier).toMatch(
      /- also matched `first-seen-access-key-source-ip` .*: 1 event of this finding; its other/,
    );
    // The correlation's own rule text: description, triage, remediation.
    expect(carrier).toContain('One caller read the values of five or more different secrets within an hour.');
    expect(carrier).toContain('#### Triage');
    expect(carrier).toContain('#### Remediation');
    // The first-seen finding reports the one event it carries, and says where the other is.
    const partial = issueOf(novel);
    expect(parseBody(partial.body)!.state!.count).toBe(1);
    expect(partial.body).toContain(findingEvent(0).eventID);
    expect(partial.body).not.toContain(findingEvent(1).eventID);
    expect(partial.body).toMatch(/- 1 more event of this finding is reported with `bulk-secret-retrieval`/);
  });

  it("tells a folded finding's old issue once where its occurrences go, then leaves it alone", async () => {
    const burst = make(CORRELATION, [1, 2, 3, 4, 5]);
    const single = make(SINGLE, [2, 3]);
    // Before folding: each finding had its own issue.
    await run([single]);
    expect(ours()).toHaveLength(1);
    const old = issueOf(single);

    const folding = foldFindings([burst, single], RULES);
    const first = await run(folding.findings, folding.folded);
    const carrier = issueOf(burst);
    expect(first.opened).toBe(1);
    expect(first.foldNotes).toEqual([
      {
        fingerprint: single.fingerprint,
        ruleId: 'secret-value-read',
        issue: { number: old.number, url: old.html_url },
        into: { number: carrier.number, url: carrier.html_url },
      },
    ]);
    const comments = server.commentsOn(old.number);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain(
      `**From now on, new occurrences of this finding are reported in #${carrier.number}**`,
    );
    const body = server.issue(old.number).body;
    expect(parseBody(body)).toMatchObject({ fingerprint: single.fingerprint, foldedInto: burst.fingerprint });
    expect(body).toContain(`> **Folded into #${carrier.number}** (\`bulk-secret-retrieval\`)`);
    expect(server.issue(old.number).state).toBe('open');

    // Rerun: nothing to write anywhere.
    const writes = server.writes.length;
    const again = await run(folding.findings, folding.folded);
    expect(again).toMatchObject({ opened: 0, updated: 0, foldNotes: [] });
    expect(server.writes).toHaveLength(writes);

    // A new occurrence of both: it goes to the carrier's issue only.
    const later = foldFindings([make(CORRELATION, [1, 2, 3, 4, 5, 6]), make(SINGLE, [2, 3, 6])], RULES);
    const third = await run(later.findings, later.folded);
    expect(third.results.map((r) => [r.ruleId, r.action, r.fresh])).toEqual([
      ['bulk-secret-retrieval', 'commented', 1],
    ]);
    expect(server.commentsOn(carrier.number)).toHaveLength(1);
    expect(server.commentsOn(old.number)).toHaveLength(1);
  });

  it('waits for the carrying finding to have an issue before telling the old one, and skips triaged issues', async () => {
    const single = make(SINGLE, [2, 3]);
    const other = make(FIRST_SEEN, [7]);
    await run([single, other]);
    server.closeIssue(issueOf(other).number, 'not_planned');
    const burst = make(CORRELATION, [1, 2, 3]);
    const otherBurst = { ...make(CORRELATION, [7, 8]), fingerprint: 'f'.repeat(32) };
    const folding = foldFindings([burst, single, other, otherBurst], RULES);
    expect(folding.folded.map((f) => f.ruleId).sort()).toEqual([
      'first-seen-access-key-source-ip',
      'secret-value-read',
    ]);
    // max-new-issues 0: the carriers get no issue this run, so nothing can be said yet.
    const log = memoryLog();
    const options: TrackerOptions = {
      api: apiFor(server, log),
      labels: [],
      assignees: [],
      maxNewIssues: 0,
      allowPublicRepo: false,
      run: RUN,
      rules: RULES,
      log,
    };
    const held = await applyTracking(await planTracking(folding.findings, options, folding.folded), options);
    expect(held.foldNotes).toEqual([]);
    expect(server.commentsOn(issueOf(single).number)).toHaveLength(0);
    // Next run, with room: the open issue is told; the one closed as not planned is not written to.
    const told = await run(folding.findings, folding.folded);
    expect(told.foldNotes.map((n) => n.ruleId)).toEqual(['secret-value-read']);
    expect(server.commentsOn(issueOf(other).number)).toHaveLength(0);
  });
});
