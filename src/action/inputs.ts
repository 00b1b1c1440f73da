import * as core from '@actions/core';
import { isAbsolute, resolve } from 'node:path';
import type { TimeWindow } from '../detect/detector.js';
import {
  parseFailOn,
  parseList,
  parseSeverity,
  parseTimelineMode,
  resolveWindow,
  UsageError,
} from '../pipeline/options.js';
import { createHash } from 'node:crypto';
import type { Severity } from '../rules/model.js';
import type { RepoRef } from '../track/github.js';
import { labelProblem } from '../track/labels.js';

/** The inputs of issue tracking (`create-issues: true`). */
export interface IssueInputs {
  token: string;
  repository: RepoRef;
  labels: string[];
  assignees: string[];
  maxNewIssues: number;
  allowPublicRepo: boolean;
  /** `issue-overflow-comment`: the issue to comment on with the findings over `max-new-issues`. */
  overflowIssue?: number;
}

export interface ActionInputs {
  paths: string[];
  window: TimeWindow;
  /** How the window was chosen, for the log. */
  windowReason: string;
  rulesPaths: string[];
  excludeRules: string[];
  minSeverity: Severity;
  findingsFile: string;
  failOn: Severity | undefined;
  allowlistPath?: string;
  sarifFile: string;
  timelineFile?: string;
  timelineMode: 'findings' | 'all';
  /** Keeps this audit's code-scanning alerts apart from other audits' (SARIF runAutomationDetails.id). */
  sarifCategory: string;
  /** Set when `create-issues` is true. */
  issues?: IssueInputs;
  source: string;
  aws: {
    roleToAssume?: string;
    roleSessionName?: string;
    durationSeconds: number;
    audience: string;
    regions: string[];
    accounts: string[];
    bucket?: string;
    prefix?: string;
  };
}

/**
 * Inputs whose features are not built yet, with their defaults: a value other than the default fails the run
 * rather than being silently ignored.
 */
const NOT_SUPPORTED_YET: Record<string, string> = {
  'athena-database': '',
  'athena-table': '',
  'athena-workgroup': '',
  'athena-output-location': '',
  'athena-create-table': 'false',
  'max-scan-gb': '',
};

export function readInputs(now: number): ActionInputs {
  const source = core.getInput('source') || 'lookup-events';
  if (!['files', 'lookup-events', 's3'].includes(source)) {
    if (source === 'athena')
      throw new UsageError("source: 'athena' is not supported yet; use lookup-events, s3 or files");
    throw new UsageError(`source: '${source}' is not one of files, lookup-events, s3, athena`);
  }
  for (const [name, fallback] of Object.entries(NOT_SUPPORTED_YET)) {
    const value = core.getInput(name);
    if (value !== '' && value !== fallback) {
      throw new UsageError(
        `${name}: this input is not supported yet in this version; remove it from the workflow`,
      );
    }
  }

  const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
  const inWorkspace = (p: string) => (isAbsolute(p) ? p : resolve(workspace, p));
  const paths = parseList(core.getInput('path')).map(inWorkspace);
  if (source === 'files' && paths.length === 0) {
    throw new UsageError("path: 'source: files' needs the files or folders to read");
  }
  if (source === 's3' && !core.getInput('s3-bucket'))
    throw new UsageError("s3-bucket: 'source: s3' needs the trail bucket");
  const duration = Number(core.getInput('role-duration-seconds') || '3600');
  if (!Number.isInteger(duration) || duration < 900 || duration > 43200) {
    throw new UsageError('role-duration-seconds: give a whole number of seconds from 900 to 43200');
  }

  const start = core.getInput('start-time');
  const end = core.getInput('end-time');
  const lookback = core.getInput('lookback-hours') || '24';
  let window: TimeWindow;
  let windowReason: string;
  if (start || end) {
    window = resolveWindow({ start, end: end || new Date(now).toISOString() }, now);
    windowReason = 'start-time/end-time';
  } else {
    if (!/^\d+(\.\d+)?$/.test(lookback) || Number(lookback) <= 0) {
      throw new UsageError(`lookback-hours: '${lookback}' is not a positive number of hours`);
    }
    window = resolveWindow({ since: `${lookback}h` }, now);
    windowReason = `the last ${lookback} hours (lookback-hours)`;
  }

  return {
    paths,
    window,
    windowReason,
    rulesPaths: parseList(core.getInput('rules-path')).map(inWorkspace),
    excludeRules: parseList(core.getInput('exclude-rules')),
    minSeverity: parseSeverity(core.getInput('min-severity') || 'low', 'min-severity'),
    findingsFile: inWorkspace(core.getInput('findings-file') || 'cloudtrail-audit-findings.json'),
    failOn: parseFailOn(core.getInput('fail-on-severity') || 'none', 'fail-on-severity'),
    allowlistPath: core.getInput('allowlist-path') ? inWorkspace(core.getInput('allowlist-path')) : undefined,
    sarifFile: inWorkspace(core.getInput('sarif-file') || 'cloudtrail-audit.sarif'),
    timelineFile: core.getInput('timeline-file') ? inWorkspace(core.getInput('timeline-file')) : undefined,
    timelineMode: parseTimelineMode(core.getInput('timeline') || 'findings', 'timeline'),
    sarifCategory: `${source}-${createHash('sha256')
      .update(
        [
          ...parseList(core.getInput('path')).sort(),
          core.getInput('s3-bucket'),
          core.getInput('s3-prefix'),
          ...parseList(core.getInput('accounts')).sort(),
          ...parseList(core.getInput('regions')).sort(),
        ].join('\n'),
      )
      .digest('hex')
      .slice(0, 12)}`,
    source,
    aws: {
      roleToAssume: core.getInput('role-to-assume') || undefined,
      roleSessionName: core.getInput('role-session-name') || undefined,
      durationSeconds: duration,
      audience: core.getInput('audience') || 'sts.amazonaws.com',
      regions: parseList(core.getInput('regions')),
      accounts: parseList(core.getInput('accounts')),
      bucket: core.getInput('s3-bucket') || undefined,
      prefix: core.getInput('s3-prefix') || undefined,
    },
    issues: readIssueInputs(),
  };
}

/** A boolean input as the runner passes YAML 1.2 booleans; anything else is a usage error naming the input. */
export function booleanInput(name: string, fallback: boolean): boolean {
  const value = core.getInput(name).trim();
  if (value === '') return fallback;
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw new UsageError(`${name}: '${value}' is not true or false`);
}

function readIssueInputs(): IssueInputs | undefined {
  if (!booleanInput('create-issues', false)) return undefined;
  const token = core.getInput('github-token');
  if (!token) {
    throw new UsageError(
      "github-token: 'create-issues: true' needs a token that can write issues (the default, github.token, with 'permissions: issues: write')",
    );
  }
  const [owner, repo, ...rest] = (process.env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo || rest.length > 0) {
    throw new UsageError(
      `create-issues: GITHUB_REPOSITORY ('${process.env.GITHUB_REPOSITORY ?? ''}') is not owner/repo; the action must run in a workflow`,
    );
  }
  const max = core.getInput('max-new-issues').trim() || '20';
  if (!/^\d{1,6}$/.test(max)) {
    throw new UsageError(`max-new-issues: '${max}' is not a whole number (0 opens no new issue)`);
  }
  const labels = parseList(core.getInput('issue-labels'));
  for (const label of labels) {
    const problem = labelProblem(label);
    if (problem) throw new UsageError(`issue-labels: ${problem}`);
  }
  const assignees = parseList(core.getInput('issue-assignees')).map((a) => a.replace(/^@/, ''));
  for (const login of assignees) {
    if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/.test(login)) {
      throw new UsageError(`issue-assignees: '${login}' is not a GitHub user name`);
    }
  }
  const overflow = core.getInput('issue-overflow-comment').trim().replace(/^#/, '');
  if (overflow !== '' && !/^[1-9]\d{0,9}$/.test(overflow)) {
    throw new UsageError(`issue-overflow-comment: '${overflow}' is not an issue number`);
  }
  return {
    token,
    repository: { owner, repo },
    labels,
    assignees,
    maxNewIssues: Number(max),
    allowPublicRepo: booleanInput('allow-public-repo', false),
    ...(overflow ? { overflowIssue: Number(overflow) } : {}),
  };
}
