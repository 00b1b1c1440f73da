import * as core from '@actions/core';
import { isAbsolute, resolve } from 'node:path';
import type { TimeWindow } from '../core/window.js';
import {
  parseAccountIds,
  parseGithubSubjects,
  parseFailOn,
  parseList,
  parseMaxLookupCalls,
  parseSeverity,
  parseTimelineMode,
  resolveWindow,
} from '../core/options.js';
import { UsageError } from '../core/errors.js';
import { outputPathProblem } from '../core/write-file.js';
import { createHash } from 'node:crypto';
import type { Severity } from '../core/severity.js';
import type { AthenaInputs } from '../pipeline/aws-sources.js';
import type { IssueTracking } from '../pipeline/audit.js';
import { labelProblem } from '../track/labels.js';
import {
  ACTION_SCOPE_NAMES,
  investigationWindow,
  isScoped,
  parseFollow,
  parseS3MaxReadGb,
  parseScope,
  type InvestigationRequest,
} from '../investigate/index.js';
import {
  defaultStateScope,
  STATE_KINDS,
  stateScopeProblem,
  type StateKind,
  type StateOptions,
} from '../state/index.js';
import { notOneOf } from '../core/did-you-mean.js';

export interface ActionInputs {
  paths: string[];
  window: TimeWindow;
  /** How the window was chosen, for the log. */
  windowReason: string;
  rulesPaths: string[];
  /** `allow-rule-errors`: scan without the rules that do not load instead of failing the run. */
  allowRuleErrors: boolean;
  excludeRules: string[];
  minSeverity: Severity;
  /** org-accounts: the organization's account ids (the rules' %org_accounts% placeholder). */
  orgAccounts: string[];
  /** github-oidc-subjects: the GitHub OIDC subjects allowed to assume roles (github-oidc-subject-not-allowed). */
  githubOidcSubjects: string[];
  findingsFile: string;
  failOn: Severity | undefined;
  allowlistPath?: string;
  sarifFile: string;
  timelineFile?: string;
  timelineMode: 'findings' | 'all';
  /** Keeps this audit's code-scanning alerts apart from other audits' (SARIF runAutomationDetails.id). */
  sarifCategory: string;
  /** Set when `create-issues` is true. */
  issues?: IssueTracking;
  /** Where the first-seen/correlation history lives between runs (`state`, `state-file`, `state-scope`). */
  state: StateOptions;
  source: string;
  /** Set when a scope is given (access-key-ids, user-names, principal-arns): an investigation. */
  investigation?: InvestigationRequest;
  aws: {
    roleToAssume?: string;
    roleSessionName?: string;
    durationSeconds: number;
    audience: string;
    regions: string[];
    accounts: string[];
    bucket?: string;
    prefix?: string;
    athena?: AthenaInputs;
    /** `max-lookup-calls` (lookup-events). */
    maxLookupCalls?: number;
  };
}

/** The athena-* inputs and max-scan-gb; given with another source, they fail the run rather than being ignored. */
function readAthenaInputs(source: string): AthenaInputs | undefined {
  const names = [
    'athena-database',
    'athena-table',
    'athena-workgroup',
    'athena-output-location',
    'max-scan-gb',
  ];
  if (source !== 'athena') {
    const given = names.filter((name) => core.getInput(name) !== '');
    if (booleanInput('athena-create-table', false)) given.push('athena-create-table');
    if (given.length > 0) throw new UsageError(`${given.join(', ')}: only for 'source: athena'`);
    return undefined;
  }
  const database = core.getInput('athena-database');
  const table = core.getInput('athena-table');
  if (!database || !table) {
    throw new UsageError("athena-database, athena-table: 'source: athena' needs the Glue database and table");
  }
  const maxScan = core.getInput('max-scan-gb').trim();
  if (maxScan !== '' && !(/^\d+(\.\d+)?$/.test(maxScan) && Number(maxScan) > 0)) {
    throw new UsageError(`max-scan-gb: '${maxScan}' is not a positive number of gigabytes`);
  }
  const createTable = booleanInput('athena-create-table', false);
  if ((createTable || maxScan !== '') && !core.getInput('s3-bucket')) {
    throw new UsageError(
      `s3-bucket: ${createTable ? 'athena-create-table' : 'max-scan-gb'} needs the trail bucket (and s3-prefix ` +
        'when the trail has one): ' +
        (createTable
          ? 'the table is created over its AWSLogs/ folder'
          : "the query's scan is estimated from the S3 objects of the partitions it selects"),
    );
  }
  const outputLocation = core.getInput('athena-output-location');
  if (outputLocation && !/^s3:\/\/[^/]+/.test(outputLocation)) {
    throw new UsageError(
      `athena-output-location: '${outputLocation}' is not an S3 location such as s3://bucket/athena-results/`,
    );
  }
  return {
    database,
    table,
    workGroup: core.getInput('athena-workgroup') || undefined,
    outputLocation: outputLocation || undefined,
    createTable,
    ...(maxScan !== '' ? { maxScanGb: Number(maxScan) } : {}),
  };
}

export function readInputs(now: number): ActionInputs {
  const source = core.getInput('source') || 'lookup-events';
  if (!['files', 'lookup-events', 's3', 'athena'].includes(source)) {
    throw new UsageError(`source: ${notOneOf(source, ['files', 'lookup-events', 's3', 'athena'])}`);
  }
  const athena = readAthenaInputs(source);

  const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
  const inWorkspace = (p: string) => (isAbsolute(p) ? p : resolve(workspace, p));
  const paths = parseList(core.getInput('path')).map(inWorkspace);
  if (source === 'files' && paths.length === 0) {
    throw new UsageError("path: 'source: files' needs the files or folders to read");
  }
  if (source === 's3' && !core.getInput('s3-bucket'))
    throw new UsageError("s3-bucket: 'source: s3' needs the trail bucket");
  if (source === 'files') {
    const given = ['regions', 'accounts', 's3-bucket', 's3-prefix'].filter(
      (name) => core.getInput(name) !== '',
    );
    if (given.length > 0) {
      throw new UsageError(
        `${given.join(', ')}: not for 'source: files' (a scan of files reads every account and Region in them)`,
      );
    }
  }
  const duration = Number(core.getInput('role-duration-seconds') || '3600');
  if (!Number.isInteger(duration) || duration < 900 || duration > 43200) {
    throw new UsageError('role-duration-seconds: give a whole number of seconds from 900 to 43200');
  }

  const start = core.getInput('start-time');
  const end = core.getInput('end-time');
  const lookbackInput = core.getInput('lookback-hours').trim();
  const lookback = lookbackInput || '24';
  const investigation = readInvestigationInputs();
  let window: TimeWindow;
  let windowReason: string;
  if (investigation) {
    if (
      lookbackInput !== '' &&
      !(start || end) &&
      !(/^\d+(\.\d+)?$/.test(lookbackInput) && Number(lookbackInput) > 0)
    ) {
      throw new UsageError(`lookback-hours: '${lookbackInput}' is not a positive number of hours`);
    }
    const resolved = investigationWindow(
      { ...(start || end ? { start, end } : lookbackInput ? { since: `${lookbackInput}h` } : {}) },
      now,
      { since: 'lookback-hours', start: 'start-time', end: 'end-time' },
      source,
    );
    window = resolved.scan ?? resolved.window;
    windowReason = resolved.reason;
  } else if (start || end) {
    window = resolveWindow({ start, end: end || new Date(now).toISOString() }, now);
    windowReason = 'start-time/end-time';
  } else if (source === 'files' && lookbackInput === '') {
    // Files hold what they hold: a default look-back from now would leave out any logs older than a day and
    // report them as "no findings". As the CLI does, every event is scanned unless a window is given.
    window = {};
    windowReason = 'every event in the files';
  } else {
    if (!/^\d+(\.\d+)?$/.test(lookback) || Number(lookback) <= 0) {
      throw new UsageError(`lookback-hours: '${lookback}' is not a positive number of hours`);
    }
    window = resolveWindow({ since: `${lookback}h` }, now);
    windowReason = `the last ${lookback} hours (lookback-hours)`;
  }

  for (const name of ['findings-file', 'sarif-file', 'timeline-file', 'state-file']) {
    const problem = core.getInput(name) ? outputPathProblem(inWorkspace(core.getInput(name))) : undefined;
    if (problem) throw new UsageError(`${name}: ${problem}`);
  }

  return {
    paths,
    window,
    windowReason,
    rulesPaths: parseList(core.getInput('rules-path')).map(inWorkspace),
    allowRuleErrors: booleanInput('allow-rule-errors', false),
    excludeRules: parseList(core.getInput('exclude-rules')),
    minSeverity: parseSeverity(core.getInput('min-severity') || 'low', 'min-severity'),
    orgAccounts: parseAccountIds([core.getInput('org-accounts')], 'org-accounts'),
    githubOidcSubjects: parseGithubSubjects([core.getInput('github-oidc-subjects')], 'github-oidc-subjects'),
    findingsFile: inWorkspace(core.getInput('findings-file') || 'cloudtrail-audit-findings.json'),
    failOn: parseFailOn(core.getInput('fail-on-severity') || 'none', 'fail-on-severity'),
    allowlistPath: core.getInput('allowlist-path') ? inWorkspace(core.getInput('allowlist-path')) : undefined,
    sarifFile: inWorkspace(core.getInput('sarif-file') || 'cloudtrail-audit.sarif'),
    timelineFile: core.getInput('timeline-file') ? inWorkspace(core.getInput('timeline-file')) : undefined,
    timelineMode: parseTimelineMode(core.getInput('timeline') || 'findings', 'timeline'),
    // An investigation's alerts must not replace the scheduled audit's in code scanning: a category of its own.
    sarifCategory: `${investigation ? 'investigation' : source}-${createHash('sha256')
      .update(
        [
          ...parseList(core.getInput('path')).sort(),
          core.getInput('s3-bucket'),
          core.getInput('s3-prefix'),
          ...(athena ? [`${athena.database}.${athena.table}`] : []),
          ...parseList(core.getInput('accounts')).sort(),
          ...parseList(core.getInput('regions')).sort(),
          ...(investigation
            ? [
                source,
                ...parseList(core.getInput('access-key-ids')),
                ...parseList(core.getInput('user-names')),
                ...parseList(core.getInput('principal-arns')),
              ]
            : []),
        ].join('\n'),
      )
      .digest('hex')
      .slice(0, 12)}`,
    source,
    ...(investigation ? { investigation } : {}),
    aws: {
      roleToAssume: core.getInput('role-to-assume') || undefined,
      roleSessionName: core.getInput('role-session-name') || undefined,
      durationSeconds: duration,
      audience: core.getInput('audience') || 'sts.amazonaws.com',
      regions: parseList(core.getInput('regions')),
      accounts: parseList(core.getInput('accounts')),
      bucket: core.getInput('s3-bucket') || undefined,
      prefix: core.getInput('s3-prefix') || undefined,
      ...(athena ? { athena } : {}),
      ...maxLookupCalls(source, investigation !== undefined),
    },
    issues: readIssueTracking(),
    state: readStateInputs(source, inWorkspace),
  };
}

/** `max-lookup-calls`, for the lookup-events source of a scheduled audit (an investigation plans its own reads). */
function maxLookupCalls(source: string, investigation: boolean): { maxLookupCalls?: number } {
  const given = core.getInput('max-lookup-calls');
  if (investigation && given.trim() !== '')
    throw new UsageError("max-lookup-calls: not for an investigation (it reads only the suspect's events)");
  const calls = parseMaxLookupCalls(given, 'max-lookup-calls', source);
  return calls !== undefined ? { maxLookupCalls: calls } : {};
}

/** The scope of an investigation, or undefined; `follow` and `s3-max-read-gb` need one. */
function readInvestigationInputs(): InvestigationRequest | undefined {
  const scope = parseScope(
    {
      accessKeyIds: parseList(core.getInput('access-key-ids')),
      userNames: parseList(core.getInput('user-names')),
      principalArns: parseList(core.getInput('principal-arns')),
    },
    ACTION_SCOPE_NAMES,
  );
  const follow = parseFollow(core.getInput('follow'), 'follow');
  const s3MaxReadGb = parseS3MaxReadGb(core.getInput('s3-max-read-gb'), 's3-max-read-gb');
  if (!isScoped(scope)) {
    if (follow > 0)
      throw new UsageError(
        'follow: only for an investigation (access-key-ids, user-names or principal-arns)',
      );
    return undefined;
  }
  return { scope, follow, s3MaxReadGb };
}

function readStateInputs(source: string, inWorkspace: (path: string) => string): StateOptions {
  const kind = (core.getInput('state').trim() || 'actions-cache') as StateKind;
  if (!STATE_KINDS.includes(kind)) {
    throw new UsageError(`state: ${notOneOf(kind, STATE_KINDS)}`);
  }
  const file = core.getInput('state-file').trim();
  if (kind === 'file' && !file)
    throw new UsageError("state-file: 'state: file' needs the path of the state file");
  if (kind !== 'file' && file) {
    throw new UsageError(`state-file: only used with 'state: file' (state is '${kind}'); remove one of them`);
  }
  const scope =
    core.getInput('state-scope').trim() ||
    defaultStateScope({
      source,
      bucket: core.getInput('s3-bucket'),
      prefix: core.getInput('s3-prefix'),
      accounts: parseList(core.getInput('accounts')),
      regions: parseList(core.getInput('regions')),
      roleToAssume: core.getInput('role-to-assume'),
    });
  const problem = stateScopeProblem(scope);
  if (problem) throw new UsageError(`state-scope: ${problem}`);
  return { kind, scope, ...(kind === 'file' ? { file: inWorkspace(file) } : {}) };
}

/** A boolean input as the runner passes YAML 1.2 booleans; anything else is a usage error naming the input. */
export function booleanInput(name: string, fallback: boolean): boolean {
  const value = core.getInput(name).trim();
  if (value === '') return fallback;
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw new UsageError(`${name}: '${value}' is not true or false`);
}

function readIssueTracking(): IssueTracking | undefined {
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
