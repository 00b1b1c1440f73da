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
import type { ResolveCredentialsOptions } from '../credentials/index.js';
import type { CloudTrailRecord } from '../core/record.js';
import { writeFindingsFile } from '../findings/write.js';
import {
  checkInvestigationSource,
  openInvestigationIssue,
  startInvestigation,
  type Investigation,
  type InvestigationNames,
  type InvestigationRequest,
  type IssueOutcome,
} from '../investigate/index.js';
import { link } from '../report/markdown.js';
import { makesFindings, type DetectionRule } from '../rules/model.js';
import { writeSarif } from '../report/sarif.js';
import { renderSummary } from '../report/summary.js';
import { findingTags, TimelineWriter } from '../report/timeline.js';
import { createStateStore, type StateOptions } from '../state/index.js';
import type { RepoRef } from '../track/github.js';
import {
  applyTracking,
  planTracking,
  runLinkFromEnv,
  withIssueSuppressions,
  type TrackerOptions,
  type TrackingPlan,
} from '../track/tracker.js';
import type { AwsSource, AwsSourceOptions } from './aws-sources.js';
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
  /** `issue-overflow-comment`: the issue to comment on with the findings over `max-new-issues`. */
  overflowIssue?: number;
}

export interface AuditConfig {
  source: SourceConfig;
  window: TimeWindow;
  /** How the window was chosen, for the summary. */
  windowReason: string;
  /** AWS credentials: a role assumed with GitHub's OIDC token, else the SDK's default chain. */
  credentials?: Omit<ResolveCredentialsOptions, 'region'>;
  rules: Pick<
    ScanOptions,
    'rulesPaths' | 'noBuiltinRules' | 'excludeRules' | 'minSeverity' | 'placeholders' | 'ruleErrors'
  >;
  allowlistPath?: string;
  state?: StateOptions;
  workers?: number;
  findingsFile?: string;
  sarifFile?: string;
  /** Keeps this audit's code-scanning alerts apart from other audits' (SARIF runAutomationDetails.id). */
  sarifCategory?: string;
  timeline?: { file: string; mode: 'findings' | 'all' };
  issues?: IssueTracking;
  /** An investigation scoped to credentials (src/investigate): its lookups replace the source's reads. */
  investigation?: { request: InvestigationRequest; names: InvestigationNames };
  failOn?: Severity;
  /** The time the audit runs at (allowlist expiry). */
  now: number;
  signal?: AbortSignal;
  onProgress?: ScanOptions['onProgress'];
  findingEvents?: ScanOptions['findingEvents'];
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
  /** An investigation's issue (`create-issues`), instead of one issue per finding. */
  investigationIssue?: IssueOutcome;
  /** Findings at or above `failOn`. */
  failing: Finding[];
  /** The files source read no event and could not read something (or found no file). */
  nothingReadable: boolean;
  /** The run was cancelled: the reports hold what was found before; no issue was written. */
  cancelled: boolean;
}

export async function runAudit(config: AuditConfig, log: Logger): Promise<AuditOutcome> {
  const allowlist = config.allowlistPath ? await loadAllowlist(config.allowlistPath, config.now) : undefined;
  const timelineMode = config.investigation ? 'all' : config.timeline?.mode;
  const timeline = config.timeline ? new TimelineWriter(config.timeline.file, timelineMode!) : undefined;
  const investigation = config.investigation ? await openInvestigation(config, log) : undefined;
  const aws = config.source.kind === 'files' || investigation ? undefined : await openAwsSource(config, log);
  // An investigation's events are not the account's history: it neither reads nor writes the state.
  const stateStore = config.state && !investigation ? createStateStore(config.state, log) : undefined;
  const source = investigation?.source ?? aws?.source;
  const onEvent =
    timeline || investigation
      ? (record: CloudTrailRecord, matched: readonly DetectionRule[]) => {
          // Tagged with the rules that report findings; those feeding correlation and first-seen rules only are
          // known to belong once their findings are (timeline.close).
          const reporting = matched.filter(makesFindings);
          timeline?.add(record, reporting, matched.length > 0);
          investigation?.observe(record, reporting);
        }
      : undefined;
  const result = await runScan(
    {
      paths: config.source.kind === 'files' ? config.source.paths : [],
      ...(source ? { source } : {}),
      ...config.rules,
      window: config.window,
      ...(allowlist ? { allowlist } : {}),
      ...(onEvent
        ? { onEvent, onEventFor: timelineMode === 'all' ? ('all' as const) : ('matches' as const) }
        : {}),
      ...(config.workers !== undefined ? { workers: config.workers } : {}),
      ...(config.signal ? { signal: config.signal } : {}),
      ...(stateStore && config.state ? { state: { store: stateStore, scope: config.state.scope } } : {}),
      ...(config.onProgress ? { onProgress: config.onProgress } : {}),
      ...(config.findingEvents ? { findingEvents: config.findingEvents } : {}),
    },
    log,
  ).finally(() => {
    aws?.close();
    investigation?.close();
  });
  const cancelled = config.signal?.aborted === true;

  const tracker =
    config.issues && !cancelled && !investigation
      ? await trackerOptions(config.issues, result, log)
      : undefined;
  let plan: TrackingPlan | undefined;
  if (tracker) {
    log.info(
      `Tracking ${result.findings.length} findings as issues in ${tracker.api.repo.owner}/${tracker.api.repo.repo}`,
    );
    plan = await planTracking(result.findings, tracker, result.folded);
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
    ?.close(findingTags(reported))
    .catch((err: Error) => log.warning(`timeline ${config.timeline!.file}: ${err.message}`));

  const tracking = tracker && plan ? await applyTracking(plan, tracker) : undefined;
  const section = investigation?.section(reported);
  const investigationIssue =
    config.issues && investigation && !cancelled
      ? await openInvestigationIssue(await gitHubApi(config.issues, log), {
          title: investigation.title,
          report: section!,
          ...runLinkMarkdown(),
          labels: config.issues.labels,
          assignees: config.issues.assignees,
          allowPublicRepo: config.issues.allowPublicRepo,
        })
      : undefined;
  const description =
    investigation?.description ??
    (config.source.kind === 'files'
      ? (config.source.description ?? `files: ${config.source.paths.join(', ')}`)
      : aws!.description);
  const explain = investigation?.explain() ?? aws?.explain?.();
  const { stats } = result;
  return {
    result: reported,
    source: description,
    ...(explain ? { explain } : {}),
    summary: renderSummary(reported, {
      windowReason: config.windowReason,
      source: description,
      tracking,
      ...(section !== undefined ? { investigation: section } : {}),
    }),
    ...(tracking ? { tracking } : {}),
    ...(investigationIssue ? { investigationIssue } : {}),
    failing: findingsAtOrAbove(reported.findings, config.failOn),
    // An investigation that finds no activity has its answer; a scan of files that reads nothing does not.
    nothingReadable:
      config.source.kind === 'files' &&
      stats.eventsScanned === 0 &&
      (stats.errorCount > 0 || (stats.filesRead === 0 && !investigation)),
    cancelled,
  };
}

/** The investigation of the run, with AWS credentials unless it reads local files. */
async function openInvestigation(config: AuditConfig, log: Logger): Promise<Investigation> {
  const { awsSource, checkAwsSource } = await import('./aws-sources.js');
  const { source } = config;
  const { start, end } = config.window;
  checkInvestigationSource(source.kind, config.investigation!.names);
  const aws = source.kind === 'files' ? undefined : source;
  if (aws) checkAwsSource(aws);
  const credentials = aws ? await awsCredentials(config, aws.region, log) : undefined;
  const window = { start: start ?? 0, end: end ?? config.now };
  // Athena runs the investigation's scope as the query's one rule.
  const athena =
    aws?.kind === 'athena' ? awsSource({ ...aws, window, credentials: credentials! }) : undefined;
  return startInvestigation({
    request: config.investigation!.request,
    names: config.investigation!.names,
    kind: source.kind,
    paths: source.kind === 'files' ? source.paths : [],
    window,
    scanWindow: config.window,
    windowReason: config.windowReason,
    region: aws?.region ?? 'us-east-1',
    regions: aws?.regions ?? [],
    accounts: aws?.accounts ?? [],
    ...(credentials ? { awsCredentials: credentials } : {}),
    ...(athena
      ? {
          athena: {
            query: (rule, stats, signal) => athena.source(stats, [rule], signal),
            explain: () => athena.explain?.() ?? '',
            close: () => athena.close(),
          },
        }
      : {}),
    ...(aws?.bucket !== undefined ? { bucket: aws.bucket } : {}),
    ...(aws?.prefix !== undefined ? { prefix: aws.prefix } : {}),
  });
}

/** The AWS source of the run, with credentials from the role (GitHub OIDC → STS) or the default chain. */
async function openAwsSource(config: AuditConfig, log: Logger): Promise<AwsSource> {
  const source = config.source as Exclude<SourceConfig, { kind: 'files' }>;
  // The AWS clients load only when an AWS source is used: a scan of files starts without them.
  const { awsSource, checkAwsSource } = await import('./aws-sources.js');
  checkAwsSource(source);
  const { start, end } = config.window;
  return awsSource({
    ...source,
    window: { start: start ?? 0, end: end ?? config.now },
    credentials: await awsCredentials(config, source.region, log),
  });
}

/** Credentials from the role (GitHub OIDC → STS) or the SDK's default chain. */
async function awsCredentials(config: AuditConfig, region: string, log: Logger) {
  const { resolveCredentials } = await import('../credentials/index.js');
  const resolved = await resolveCredentials({ ...config.credentials, region });
  log.info(`AWS credentials: ${resolved.description}`);
  return resolved.credentials;
}

function runLinkMarkdown(): { runLink?: string } {
  const run = runLinkFromEnv();
  return run?.url ? { runLink: link(run.label, run.url) } : {};
}

/** The GitHub client, loaded when issues are written. */
async function gitHubApi(issues: IssueTracking, log: Logger) {
  const [{ createOctokit }, { GitHubApi }] = await Promise.all([
    import('../track/client.js'),
    import('../track/github.js'),
  ]);
  return new GitHubApi(createOctokit({ token: issues.token, log }), issues.repository);
}

async function trackerOptions(
  issues: IssueTracking,
  result: ScanResult,
  log: Logger,
): Promise<TrackerOptions> {
  const run = runLinkFromEnv();
  return {
    api: await gitHubApi(issues, log),
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
