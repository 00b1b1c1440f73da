/**
 * Issue tracking from the bundle when GitHub pushes back or fails, and with hostile CloudTrail text: the bundled
 * action run as a process against the loopback GitHub server. Run `npm run package` after changing src/.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinRulesDir, loadRules } from '../../src/rules/load.js';
import { parseBody } from '../../src/track/marker.js';
import { GitHubServer, SECONDARY_RATE_LIMIT } from '../helpers/github-server.js';
import { liveParts } from '../helpers/rendered-markdown.js';
import { tempDir } from '../helpers/run-process.js';
import { HOSTILE, hostileRecord, liveFromCloudTrail } from './helpers.js';
import { runAction as run, SAMPLE_FINDINGS, trackedIssues } from './run-action.js';

let server: GitHubServer;
beforeEach(async () => {
  server = await GitHubServer.start();
});
afterEach(async () => {
  await server.close();
});

const runAction = (inputs: Record<string, string> = {}, dir?: string) => run(server, inputs, dir);
const ours = () => trackedIssues(server);

describe('rate limits', () => {
  it('waits out a secondary rate limit and opens every issue once', async () => {
    server.fault({
      method: 'POST',
      path: /\/issues$/,
      skip: 2,
      status: 403,
      headers: { 'retry-after': '1' },
      body: SECONDARY_RATE_LIMIT,
    });
    const run = await runAction();
    expect(run.code).toBe(0);
    expect(run.outputs['issues-opened']).toBe(String(SAMPLE_FINDINGS));
    expect(ours()).toHaveLength(SAMPLE_FINDINGS);
    expect(run.stdout).toMatch(/::warning::GitHub secondary rate limit on POST [^\n]*waiting 1 s/);
  });
});

describe('GitHub failing', () => {
  it('fails the job after writing the reports when GitHub is unreachable after the scan', async () => {
    await server.goDown();
    const run = await runAction();
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /::error::Issue tracking incomplete: 18 of 18 findings not tracked \(cloudtrail-logging-stopped [0-9a-f]{32}, [^\n]*GitHub did not answer[^\n]*the next run tracks them/,
    );
    expect(existsSync(run.outputs['findings-file']!)).toBe(true);
    expect(existsSync(run.outputs['sarif-file']!)).toBe(true);
    expect(run.outputs).toMatchObject({
      'findings-count': String(SAMPLE_FINDINGS),
      'issues-opened': '0',
      'issues-updated': '0',
    });
    expect(run.summary).toMatch(/\*\*Issue tracking is incomplete:\*\*/);
    expect(run.summary).toMatch(/\*\*Not tracked:\*\*/);
  });

  it('picks up, without duplicates, what a run left when GitHub went down mid-run', async () => {
    server.goDownAfter(12);
    const broken = await runAction();
    expect(broken.code).toBe(1);
    const opened = Number(broken.outputs['issues-opened']);
    expect(opened).toBeGreaterThan(0);
    expect(opened).toBeLessThan(SAMPLE_FINDINGS);
    expect(broken.stdout).toMatch(
      new RegExp(
        `::error::Issue tracking incomplete: ${SAMPLE_FINDINGS - opened} of ${SAMPLE_FINDINGS} findings not tracked`,
      ),
    );

    const { issues, comments, labels } = server;
    server = await GitHubServer.start();
    server.issues = issues;
    server.comments = comments;
    for (const [k, v] of labels) server.labels.set(k, v);
    const next = await runAction();
    expect(next.code).toBe(0);
    expect(next.outputs).toMatchObject({
      'issues-opened': String(SAMPLE_FINDINGS - opened),
      'new-findings-count': String(SAMPLE_FINDINGS - opened),
    });
    expect(new Set(ours().map((i) => parseBody(i.body)!.fingerprint)).size).toBe(SAMPLE_FINDINGS);
    expect(ours()).toHaveLength(SAMPLE_FINDINGS);
  });
});

describe('hostile CloudTrail text', () => {
  it('leaves nothing live in the titles, bodies and job summary', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'hostile.jsonl'),
      HOSTILE.map((v, i) => JSON.stringify(hostileRecord(i, v))).join('\n'),
    );
    const run = await runAction(
      {
        path: 'hostile.jsonl',
        'start-time': '2024-06-03T00:00:00Z',
        'end-time': '2024-06-04T00:00:00Z',
        'max-new-issues': '100',
      },
      dir,
    );
    expect(run.code).toBe(0);
    expect(ours()).toHaveLength(HOSTILE.length);
    const rules = (await loadRules([builtinRulesDir()], { builtin: true })).rules.map((r) => r.rule);
    for (const issue of ours()) {
      expect(liveParts(issue.title)).toEqual([]);
      expect(liveFromCloudTrail(issue.body!, rules)).toEqual([]);
    }
    expect(liveFromCloudTrail(run.summary)).toEqual([]);
  });
});
