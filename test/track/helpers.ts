import type { Finding } from '../../src/core/finding.js';
import type { RuleMeta } from '../../src/core/rule-meta.js';
import type { Logger } from '../../src/core/logger.js';
import { createOctokit } from '../../src/track/client.js';
import { GitHubApi } from '../../src/track/github.js';
import type { TrackingOutcome } from '../../src/core/tracking.js';
import { applyTracking, planTracking, type TrackerOptions } from '../../src/track/tracker.js';
import { sigmaRule } from '../report/scan-result.js';
import type { GitHubServer } from '../helpers/github-server.js';
import { liveParts } from '../helpers/rendered-markdown.js';

export const RUN = { label: 'run 42', url: 'https://github.example/octo/security/actions/runs/42' };

/** A logger that keeps what it was told. */
export function memoryLog(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => lines.push(`info ${m}`),
    warning: (m) => lines.push(`warning ${m}`),
    debug: () => undefined,
  };
}

export function apiFor(server: GitHubServer, log: Logger = memoryLog()): GitHubApi {
  return new GitHubApi(createOctokit({ token: 'ghs_test', baseUrl: server.url, log, pace: 0 }), {
    owner: server.owner,
    repo: server.repo,
  });
}

/** A run's tracking: the plan, then the writes. */
export async function track(
  server: GitHubServer,
  findings: readonly Finding[],
  options: Partial<TrackerOptions> = {},
): Promise<TrackingOutcome> {
  const log = options.log ?? memoryLog();
  const full: TrackerOptions = {
    api: apiFor(server, log),
    labels: [],
    assignees: [],
    maxNewIssues: 20,
    allowPublicRepo: false,
    run: RUN,
    rules: [sigmaRule()],
    log,
    ...options,
  };
  return applyTracking(await planTracking(findings, full), full);
}

/**
 * What is live in Markdown we wrote, leaving out our own links: the run and issues of the test repository, ATT&CK
 * techniques, and the rules' references.
 */
export function liveFromCloudTrail(markdown: string, rules: readonly RuleMeta[] = []): string[] {
  const ours = [
    'https://github.example/octo/security/',
    'https://attack.mitre.org/techniques/',
    ...rules.flatMap((r) => r.references),
  ];
  // Our hidden marker lines (the first two of a body, the first of a comment) are the one HTML we write.
  const lines = markdown.split('\n');
  const unmarked = lines.filter((line, i) => !(i < 2 && /^<!-- cloudtrail-audit:[^\n]*-->$/.test(line)));
  return liveParts(unmarked.join('\n')).filter((part) => {
    if (part === 'element </a>') return false;
    const href = /^element <a href="([^"]*)">$/.exec(part)?.[1];
    return !(href && ours.some((prefix) => href.startsWith(prefix)));
  });
}

/** The issue's hostile-text corpus, with the summary's. */
export const HOSTILE = [
  '@org/team',
  '@octocat please look',
  '#1',
  'octo/repo#12',
  'GH-12',
  '<img src=x onerror=alert(1)>',
  '![x](http://e/p.png)',
  '[x](http://e)',
  'http://evil.example/login',
  '<!-- -->',
  '</details><script>alert(1)</script>',
  '<details><summary>x</summary>',
  '``` fenced ```',
  'a`b``c```d',
  '`````',
  '|broken|table|',
  'right\u202Eleft',
  'nul\u0000byte',
  'new\nline\r\n## heading',
  '<b>bold</b>',
  '-->',
];

export function hostileRecord(i: number, value: string, id = `e${i}`) {
  return {
    eventID: `${id}-${value}`,
    eventTime: `2024-06-03T10:${String(i % 60).padStart(2, '0')}:00Z`,
    eventSource: 'iam.amazonaws.com',
    eventName: 'CreateUser',
    awsRegion: value,
    recipientAccountId: '111122223333',
    sourceIPAddress: value,
    userAgent: value,
    userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::111122223333:user/${value}` },
    requestParameters: { userName: value },
  };
}
