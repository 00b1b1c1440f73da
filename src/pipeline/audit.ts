/**
 * One audit, whichever shell runs it: collect (the source, with credentials) → detect (the scan) → report (findings
 * file, SARIF, timeline, summary) → track (GitHub issues). The action and the CLI only turn their inputs into an
 * AuditConfig and the outcome into outputs, output text and an exit code.
 *
 * Order, so that nothing found is lost when a later stage fails: tracking is planned (read-only: which issues
 * triage closed as not planned) before the reports are written, once; issues are written after the reports.
 */
import { loadAllowlist } from '../allowlist/allowlist.js';
import type { Finding } from '../core/finding.js';
import type { Logger } from '../core/logger.js';
import type { ScanResult } from '../core/result.js';
import type { Severity } from '../core/severity.js';
import type { TrackingOutcome } from '../core/tracking.js';
import type { TimeWindow } from '../core/window.js';
import { resolveCredentials, type ResolveCredentialsOptions } from '../credentials/index.js';
import { writeFindingsFile } from '../findings/write.js';
import { writeSarif } from '../report/sarif.js';
import { renderSummary } from '../report/summary.js';
import { TimelineWriter } from '../report/timeline.js';
import { createStateStore, type StateOptions } from '../state/index.js';
import { createOctokit } from '../track/client.js';
import { GitHubApi, type RepoRef } from '../track/github.js';
import {
  applyTracking,
  planTracking,
  runLinkFromEnv,
  withIssueSuppressions,
  type TrackerOptions,
  type TrackingPlan,
} from '../track/tracker.js';
import { awsSource, checkAwsSource, type AwsSource, type AwsSourceOptions } from './aws-sources.js';
import { findingsAtOrAbove } from './gate.js';
import { runScan, type ScanOptions } from './scan.js';

export type SourceConfig =
  /** `description`: how the summary names the files (default: the paths as given). */
  | { kind: 'files'; paths: string[]; description?: string }
  | ({ kind: 'lookup-events' | 's3' | 'athena' } & Omit<AwsSourceOptions, 'kind' | 'window' | 'credentials'>);

/** `create-issues`: where and how findings are tracked as issues. */
export interface IssueTracking {
  token: string;
  repository: RepoRef;
  labels: string[];
  assignees: string[];
  maxNewIssues: number;
  allowPublicRepo: boolean;
  overflowIssue?: number;
}

export interface AuditConfig {
  source: SourceConfig;
  window: TimeWindow;
  /** How the window was chosen, for the summary. */
  windowReason: string;
  /** AWS credentials: a role assumed with GitHub's OIDC token, else the SDK's default chain. */
  credentials?: Omit<ResolveCredentialsOptions, 'region'>;
  rules: Pick<ScanOptions, 'rulesPaths' | 'noBuiltinRules' | 'excludeRules' | 'minSeverity'>;
  allowlistPath?: string;
  state?: StateOptions;
  workers?: number;
  findingsFile?: string;
  sarifFile?: string;
  /** Keeps this audit's code-scanning alerts apart from other audits' (SARIF runAutomationDetails.id). */
  sarifCategory?: string;
  timeline?: { file: string; mode: 'findings' | 'all' };
  issues?: IssueTracking;
  failOn?: Severity;
  /** The time the audit runs at (allowlist expiry). */
  now: number;
  signal?: AbortSignal;
  onProgress?: ScanOptions['onProgress'];
}

export interface AuditOutcome {
  /** As reported: findings whose issue triage closed as not planned are among the suppressed. */
  result: ScanResult;
  /** What the source was, in words (`files: samples`, `s3://bucket/prefix`...). */
  source: string;
  /** What an API source planned and spent (LookupEvents plans, the Athena query and its cost). */
  explain?: string;
  /** The job summary (Markdown). */
  summary: string;
  tracking?: TrackingOutcome;
  /** Findings at or above `failOn`. */
  failing: Finding[];
  /** The files source read no event and could not read something (or found no file). */
  nothingReadable: boolean;
  /** The run was cancelled: the reports hold what was found before; no issue was written. */
  cancelled: boolean;
}

export async function runAudit(config: AuditConfig, log: Logger): Promise<AuditOutcome> {
  const allowlist = config.allowlistPath ? await loadAllowlist(config.allowlistPath, config.now) : undefined;
  const timeline = config.timeline
    ? new TimelineWriter(config.timeline.file, config.timeline.mode)
    : undefined;
  const aws = config.source.kind === 'files' ? undefined : await openAwsSource(config, log);
  const stateStore = config.state && createStateStore(config.state, log);
  const result = await runScan(
    {
      paths: config.source.kind === 'files' ? config.source.paths : [],
      ...(aws ? { source: aws.source } : {}),
      ...config.rules,
      window: config.window,
      ...(allowlist ? { allowlist } : {}),
      ...(timeline
        ? {
            onEvent: (record, matched) => timeline.add(record, matched),
            onEventFor: config.timeline!.mode === 'all' ? ('all' as const) : ('matches' as const),
          }
        : {}),
      ...(config.workers !== undefined ? { workers: config.workers } : {}),
      ...(config.signal ? { signal: config.signal } : {}),
      ...(stateStore && config.state ? { state: { store: stateStore, scope: config.state.scope } } : {}),
      ...(config.onProgress ? { onProgress: config.onProgress } : {}),
    },
    log,
  ).finally(() => aws?.close());
  const cancelled = config.signal?.aborted === true;

  const tracker = config.issues && !cancelled ? trackerOptions(config.issues, result, log) : undefined;
  let plan: TrackingPlan | undefined;
  if (tracker) {
    log.info(
      `Tracking ${result.findings.length} findings as issues in ${tracker.api.repo.owner}/${tracker.api.repo.repo}`,
    );
    plan = await planTracking(result.findings, tracker);
  }
  const reported = withIssueSuppressions(result, plan);

  // Every report is written before GitHub is written to.
  if (config.findingsFile) await writeFindingsFile(config.findingsFile, reported);
  if (config.sarifFile)
    await writeSarif(
      config.sarifFile,
      reported,
      config.sarifCategory ? { automationId: config.sarifCategory } : {},
    );
  await timeline
    ?.close()
    .catch((err: Error) => log.warning(`timeline ${config.timeline!.file}: ${err.message}`));

  const tracking = tracker && plan ? await applyTracking(plan, tracker) : undefined;
  const source =
    config.source.kind === 'files'
      ? (config.source.description ?? `files: ${config.source.paths.join(', ')}`)
      : aws!.description;
  const explain = aws?.explain?.();
  return {
    result: reported,
    source,
    ...(explain ? { explain } : {}),
    summary: renderSummary(reported, { windowReason: config.windowReason, source, tracking }),
    ...(tracking ? { tracking } : {}),
    failing: findingsAtOrAbove(reported.findings, config.failOn),
    nothingReadable:
      config.source.kind === 'files' &&
      result.stats.eventsScanned === 0 &&
      (result.stats.errorCount > 0 || result.stats.filesRead === 0),
    cancelled,
  };
}

/** The AWS source of the run, with credentials from the role (GitHub OIDC → STS) or the default chain. */
async function openAwsSource(config: AuditConfig, log: Logger): Promise<AwsSource> {
  const source = config.source as Exclude<SourceConfig, { kind: 'files' }>;
  checkAwsSource(source);
  const resolved = await resolveCredentials({ ...config.credentials, region: source.region });
  log.info(`AWS credentials: ${resolved.description}`);
  const { start, end } = config.window;
  return awsSource({
    ...source,
    window: { start: start ?? 0, end: end ?? config.now },
    credentials: resolved.credentials,
  });
}

function trackerOptions(issues: IssueTracking, result: ScanResult, log: Logger): TrackerOptions {
  const run = runLinkFromEnv();
  return {
    api: new GitHubApi(createOctokit({ token: issues.token, log }), issues.repository),
    labels: issues.labels,
    assignees: issues.assignees,
    maxNewIssues: issues.maxNewIssues,
    allowPublicRepo: issues.allowPublicRepo,
    ...(issues.overflowIssue !== undefined ? { overflowIssue: issues.overflowIssue } : {}),
    ...(run ? { run } : {}),
    rules: result.rules.catalogue,
    log,
  };
}
