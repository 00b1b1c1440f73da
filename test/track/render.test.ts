/* eslint-disable no-control-regex -- checking that control characters never reach a title is the point */
/**
 * What tracking writes, read as GitHub would render it: titles, bodies and comments stay inert whatever CloudTrail
 * says, within GitHub's limits; a forged marker is never taken for ours.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { silentLogger } from '../../src/core/logger.js';
import { runScan } from '../../src/pipeline/scan.js';
import { type ScanResult } from '../../src/core/result.js';
import { TRACKING_LABEL } from '../../src/track/labels.js';
import { commentLine, fingerprintLine, IssueState, parseBody } from '../../src/track/marker.js';
import {
  issueBody,
  issueTitle,
  MAX_BODY,
  occurrencesComment,
  overflowComment,
} from '../../src/track/render.js';
import { GitHubServer } from '../helpers/github-server.js';
import { liveParts, renderHtml } from '../helpers/rendered-markdown.js';
import { tempDir } from '../helpers/run-process.js';
import { finding, findingEvent, sigmaRule } from '../report/scan-result.js';
import { HOSTILE, hostileRecord, liveFromCloudTrail, RUN, track } from './helpers.js';

async function scan(records: object[]): Promise<ScanResult> {
  const dir = tempDir();
  writeFileSync(join(dir, 'hostile.jsonl'), records.map((r) => JSON.stringify(r)).join('\n'));
  return runScan(
    { paths: [dir], rulesPaths: [], excludeRules: [], minSeverity: 'low', window: {} },
    silentLogger,
  );
}

describe('titles', () => {
  it('reads `[severity] rule title — actor (account)`', () => {
    expect(issueTitle(finding(1))).toBe(
      '[medium] IAM access key created — `arn:aws:iam::111122223333:user/alice` (`111122223333`)',
    );
  });

  it.each([...HOSTILE, 'a evil.com b', 'x@y.com'])(
    'keeps the CloudTrail text %j inert and on one line',
    (value) => {
      const f = finding(1, { events: [findingEvent(1, { actor: value })] });
      f.group.actor = `arn:aws:iam::111122223333:user/${value}`;
      f.group.recipientAccountId = value;
      const title = issueTitle(f);
      expect(title.startsWith('[medium] IAM access key created — `')).toBe(true);
      expect(title).not.toMatch(/[\u0000-\u001f\u007f\u202a-\u202e\u2028\u2029]/);
      expect(liveParts(title)).toEqual([]);
      expect(renderHtml(title).match(/<code>/g)).toHaveLength(2);
    },
  );

  it('defuses mentions, references, tags and links in a rule title (third-party rules)', () => {
    const f = finding(1, {
      rule: sigmaRule({ title: 'By @team, see #3 <b>x</b> [l](http://e) ![i](http://e/i.png)' }),
    });
    const title = issueTitle(f);
    expect(title.slice(0, title.indexOf(' — '))).not.toMatch(/[@#<](?!\u2060)/);
    expect(liveParts(title)).toEqual([]);
  });

  it('stays within 256 characters, whatever the actor and rule title', () => {
    const rule = sigmaRule({ title: 'T'.repeat(300) });
    const f = finding(1, { rule, events: [findingEvent(1, { actor: `@${'a'.repeat(400)}` })] });
    f.group.actor = `#${'b\u202e'.repeat(300)}`;
    const title = issueTitle(f);
    expect(title.length).toBeLessThanOrEqual(256);
    expect(title).toMatch(/^\[medium\] T+… — `#b\\u202e/);
    expect(title).toMatch(/…` \(`111122223333`\)$/);
    expect(liveParts(title)).toEqual([]);
  });
});

describe('bodies and comments', () => {
  it('stay under 65,536 characters for a finding with 20,000 long occurrences', () => {
    const events = Array.from({ length: 20_000 }, (_, i) =>
      findingEvent(i, {
        userAgent: 'U'.repeat(2000),
        details: { 'requestParameters.userName': `${'n'.repeat(500)}${i}` },
      }),
    );
    const f = finding(1, { events });
    const state = IssueState.empty();
    state.record(events);
    const body = issueBody({ finding: f, rule: sigmaRule(), state, run: RUN });
    expect(body.length).toBeLessThanOrEqual(MAX_BODY);
    expect(parseBody(body)?.state?.count).toBe(20_000);
    expect(body).toMatch(/\| Occurrences \| 20000 \|/);
    const comment = occurrencesComment({ finding: f, rule: sigmaRule(), state, run: RUN, fresh: events });
    expect(comment.length).toBeLessThanOrEqual(MAX_BODY);
    expect(comment).toMatch(/(more|Too many to list here): every event is in the run's findings file/);
  });

  it("escapes a third-party rule's text, keeps a built-in rule's Markdown", () => {
    const f = finding(1);
    const state = IssueState.empty();
    state.record(f.events);
    const thirdParty = sigmaRule({
      builtin: false,
      description: 'See #3 by @someone <img src=x>\n[link](http://e)',
      triage: '- ask @team',
      author: 'Someone (@handle)',
    });
    const body = issueBody({ finding: f, rule: thirdParty, state, run: RUN });
    expect(liveFromCloudTrail(body, [thirdParty])).toEqual([]);
    expect(body).toMatch(/\(Sigma rule, DRL 1\.1\)/);
    const builtin = issueBody({
      finding: f,
      rule: sigmaRule({ triage: '- **Who** created it?' }),
      state,
      run: RUN,
    });
    expect(builtin).toContain('- **Who** created it?');
  });
});

describe('the hostile-text corpus through the tracker', () => {
  let server: GitHubServer;
  beforeEach(async () => {
    server = await GitHubServer.start();
  });
  afterEach(async () => {
    await server.close();
  });

  it('writes titles, bodies and comments with nothing live, and never takes a forged marker for its own', async () => {
    // Learn a real fingerprint, then forge its marker in CloudTrail text (as a value, and as a whole body start).
    const first = await scan(HOSTILE.map((v, i) => hostileRecord(i, v)));
    const victim = first.findings.find((f) => f.group.actor?.endsWith('@org/team'))!;
    const state = IssueState.empty();
    state.record([{ eventID: 'x', eventTime: '2030-01-01T00:00:00Z' }]);
    const forgeries = [
      fingerprintLine(victim.fingerprint),
      `${fingerprintLine(victim.fingerprint)}\n${state.toLine()}`,
      commentLine(victim.fingerprint, victim.events),
    ];
    const corpus = [...HOSTILE, ...forgeries];
    const result = await scan(corpus.map((v, i) => hostileRecord(i, v)));
    expect(result.findings).toHaveLength(corpus.length);
    const rules = result.rules.catalogue;

    // Someone opened an issue with our label and the forged marker below their own first line.
    server.seedIssue({
      title: 'forged',
      body: `hello\n${forgeries[1]}`,
      labels: [TRACKING_LABEL],
      user: 'mallory',
    });
    const opened = await track(server, result.findings, { rules, maxNewIssues: 100 });
    expect(opened).toMatchObject({ status: 'tracked', opened: corpus.length, newFindings: corpus.length });

    // New occurrences of every finding: one comment each.
    const more = await scan([
      ...corpus.map((v, i) => hostileRecord(i, v)),
      ...corpus.map((v, i) => hostileRecord(i + 1, v, `n${i}`)),
    ]);
    // A forged occurrences comment by someone else does not stop ours.
    const victimIssue = opened.results.find((r) => r.fingerprint === victim.fingerprint)!.issue!.number;
    const fresh = more.findings.find((f) => f.fingerprint === victim.fingerprint)!.events.slice(-1);
    server.seedComment(victimIssue, commentLine(victim.fingerprint, fresh), 'mallory');
    const commented = await track(server, more.findings, { rules, maxNewIssues: 100 });
    expect(commented.results.map((r) => r.action)).toEqual(corpus.map(() => 'commented'));
    expect(commented.duplicatesClosed).toEqual([]);

    const ours = server.issues.filter((i) => i.user.login !== 'mallory');
    expect(ours).toHaveLength(corpus.length);
    for (const issue of ours) {
      expect([issue.title, liveParts(issue.title)]).toEqual([issue.title, []]);
      expect(issue.title).not.toMatch(/[\u0000-\u001f\u202a-\u202e]/);
      expect(issue.title.startsWith('[')).toBe(true);
      expect([issue.number, liveFromCloudTrail(issue.body!, rules)]).toEqual([issue.number, []]);
      expect(renderHtml(issue.body!).match(/<table>/g)?.length).toBe(
        renderHtml(issue.body!).match(/<\/table>/g)?.length,
      );
    }
    const ourComments = server.comments.filter((c) => c.user.login !== 'mallory');
    expect(ourComments).toHaveLength(corpus.length);
    for (const comment of ourComments) expect(liveFromCloudTrail(comment.body, rules)).toEqual([]);
    // Each issue carries the fingerprint of the finding it was opened for, the forged ones included.
    const byNumber = new Map(opened.results.map((r) => [r.issue!.number, r.fingerprint]));
    for (const issue of ours) expect(parseBody(issue.body)!.fingerprint).toBe(byNumber.get(issue.number));
    expect(server.commentsOn(victimIssue).filter((c) => c.user.login !== 'mallory')).toHaveLength(1);
    expect(server.issues.find((i) => i.user.login === 'mallory')!.state).toBe('open');

    // The comment listing findings over max-new-issues shows the same text, as inert.
    expect(liveFromCloudTrail(overflowComment(more.findings, 0, RUN), rules)).toEqual([]);

    // And a rerun finds every issue again: no write.
    const writes = server.writes.length;
    await track(server, more.findings, { rules, maxNewIssues: 100 });
    expect(server.writes).toHaveLength(writes);
  });
});
