import * as core from '@actions/core';
import { randomUUID } from 'node:crypto';
import { relative } from 'node:path';
import { writeSarif } from '../report/sarif.js';
import { renderSummary } from '../report/summary.js';
import { TimelineWriter } from '../report/timeline.js';
import { loadAllowlist } from '../allowlist/allowlist.js';
import { formatScan } from '../cli/print-scan.js';
import { writeFindingsFile } from '../findings/write.js';
import { findingsAtOrAbove, highestSeverity } from '../pipeline/gate.js';
import { UsageError } from '../pipeline/options.js';
import { runScan, type ScanResult } from '../pipeline/scan.js';
import { createStateStore } from '../state/index.js';
import { createOctokit } from '../track/client.js';
import { GitHubApi } from '../track/github.js';
import {
  runLinkFromEnv,
  trackFindings,
  untracked,
  withIssueSuppressions,
  type TrackingOutcome,
} from '../track/tracker.js';
import { readInputs, type ActionInputs, type IssueInputs } from './inputs.js';
import { CredentialsError, resolveCredentials } from '../credentials/index.js';
import { awsSource, type AwsSource } from '../pipeline/aws-sources.js';
import { S3SourceError } from '../sources/s3/index.js';
import { AthenaSourceError } from '../sources/athena/index.js';

const workspace = () => process.env.GITHUB_WORKSPACE || process.cwd();

/** The AWS source of the run, with credentials from the role (GitHub OIDC → STS) or the default chain. */
async function actionAwsSource(inputs: ActionInputs): Promise<AwsSource> {
  const region =
    process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || inputs.aws.regions[0] || 'us-east-1';
  const resolved = await resolveCredentials({
    roleToAssume: inputs.aws.roleToAssume,
    roleSessionName: inputs.aws.roleSessionName,
    durationSeconds: inputs.aws.durationSeconds,
    audience: inputs.aws.audience,
    region,
  });
  core.info(`AWS credentials: ${resolved.description}`);
  const { start, end } = inputs.window;
  return awsSource({
    kind: inputs.source,
    window: { start: start ?? 0, end: end ?? Date.now() },
    region,
    credentials: resolved.credentials,
    bucket: inputs.aws.bucket,
    prefix: inputs.aws.prefix,
    accounts: inputs.aws.accounts,
    regions: inputs.aws.regions,
    ...(inputs.aws.athena ? { athena: inputs.aws.athena } : {}),
    everyEvent: inputs.timelineMode === 'all' && inputs.timelineFile !== undefined,
  });
}

/** The action: read inputs, scan, write the findings file, set outputs, apply the severity gate. */
export async function run(now: number = Date.now()): Promise<void> {
  // A cancelled workflow run sends SIGINT, then SIGTERM: the scan stops (an Athena query is stopped, not left
  // running and billing) and what was found so far is written.
  const cancel = new AbortController();
  const onCancel = () => cancel.abort();
  process.once('SIGINT', onCancel);
  process.once('SIGTERM', onCancel);
  try {
    const inputs = readInputs(now);
    core.info(
      `Window: ${inputs.window.start !== undefined ? new Date(inputs.window.start).toISOString() : '-'} .. ` +
        `${inputs.window.end !== undefined ? new Date(inputs.window.end).toISOString() : '-'} (${inputs.windowReason})`,
    );
    const timeline = inputs.timelineFile
      ? new TimelineWriter(inputs.timelineFile, inputs.timelineMode)
      : undefined;
    const aws = inputs.source === 'files' ? undefined : await actionAwsSource(inputs);
    const log = { info: core.info, warning: (m: string) => core.warning(m), debug: core.debug };
    const stateStore = createStateStore(inputs.state, log);
    const result = await runScan(
      {
        paths: inputs.paths,
        source: aws?.source,
        rulesPaths: inputs.rulesPaths,
        excludeRules: inputs.excludeRules,
        minSeverity: inputs.minSeverity,
        placeholders: { org_accounts: inputs.orgAccounts },
        window: inputs.window,
        allowlist: inputs.allowlistPath ? await loadAllowlist(inputs.allowlistPath, now) : undefined,
        onEvent: timeline ? (record, matched) => timeline.add(record, matched) : undefined,
        onEventFor: inputs.timelineMode === 'all' ? 'all' : 'matches',
        signal: cancel.signal,
        state: stateStore ? { store: stateStore, scope: inputs.state.scope } : undefined,
      },
      log,
    ).finally(() => aws?.close());
    // The Athena plan (rules exact / pushed down), scan estimate and cost, in the log.
    if (inputs.source === 'athena' && aws?.explain) core.info(aws.explain());

    // Every report is written before anything else can fail, and before GitHub is called.
    await writeFindingsFile(inputs.findingsFile, result);
    await writeSarif(inputs.sarifFile, result, { automationId: inputs.sarifCategory });
    await timeline
      ?.close()
      .catch((err: Error) => core.warning(`timeline ${inputs.timelineFile}: ${err.message}`));
    if (cancel.signal.aborted) {
      core.setFailed(
        `The run was cancelled: the scan stopped early; the findings so far are in ${inputs.findingsFile}.`,
      );
      return;
    }

    const tracking = inputs.issues ? await trackIssues(inputs.issues, result) : undefined;
    // Findings whose issue was closed as not planned are reported as suppressed: the reports are written again.
    const reported = withIssueSuppressions(result, tracking);
    if (reported !== result) {
      await writeFindingsFile(inputs.findingsFile, reported);
      await writeSarif(inputs.sarifFile, reported, { automationId: inputs.sarifCategory });
    }

    if (process.env.GITHUB_STEP_SUMMARY) {
      const source =
        aws?.description ?? `files: ${inputs.paths.map((p) => relative(workspace(), p) || '.').join(', ')}`;
      await core.summary
        .addRaw(renderSummary(reported, { windowReason: inputs.windowReason, source, tracking }))
        .write();
    }
    // CloudTrail text is attacker-controlled: no line of it may be read by the runner as a workflow command.
    const token = randomUUID();
    core.info(`::stop-commands::${token}`);
    core.info(formatScan(reported, { findingsFile: inputs.findingsFile }));
    core.info(`::${token}::`);

    core.setOutput('events-scanned', result.stats.eventsScanned);
    core.setOutput('findings-count', reported.findings.length);
    core.setOutput('new-findings-count', tracking?.newFindings ?? reported.findings.length);
    core.setOutput('highest-severity', highestSeverity(reported.findings));
    core.setOutput('sarif-file', inputs.sarifFile);
    core.setOutput('findings-file', inputs.findingsFile);
    core.setOutput('issues-opened', tracking?.opened ?? 0);
    core.setOutput('issues-updated', tracking?.updated ?? 0);

    if (tracking?.status === 'skipped') core.warning(tracking.reason ?? 'issue tracking skipped');
    if (tracking?.status === 'incomplete') {
      const left = tracking.results.filter((r) => r.action === 'failed');
      core.setFailed(
        `Issue tracking incomplete: ${left.length} of ${tracking.results.length} findings not tracked ` +
          `(${left
            .slice(0, 20)
            .map((r) => `${r.ruleId} ${r.fingerprint}`)
            .join(', ')}${left.length > 20 ? ', ...' : ''}): ${tracking.reason}. ` +
          'The findings file and SARIF are written; the next run tracks them without duplicates.',
      );
    }
    if (result.stats.eventsScanned === 0 && (result.stats.errorCount > 0 || result.stats.filesRead === 0)) {
      core.setFailed(
        `Nothing readable in ${inputs.paths.join(', ')}: check the 'path' input and the warnings above.`,
      );
      return;
    }
    const failing = findingsAtOrAbove(reported.findings, inputs.failOn);
    if (failing.length > 0) {
      const names = failing.map((f) => `${f.ruleId} (${f.severity}, ${f.count} events)`).join(', ');
      core.setFailed(`${failing.length} findings at or above fail-on-severity ${inputs.failOn}: ${names}`);
    }
  } catch (err) {
    core.setFailed(
      err instanceof UsageError ||
        err instanceof CredentialsError ||
        err instanceof S3SourceError ||
        err instanceof AthenaSourceError
        ? err.message
        : err instanceof Error
          ? (err.stack ?? err.message)
          : String(err),
    );
  } finally {
    process.off('SIGINT', onCancel);
    process.off('SIGTERM', onCancel);
  }
}

/** Issue tracking: never throws (a failure is an outcome that names the findings left untracked). */
async function trackIssues(issues: IssueInputs, result: ScanResult): Promise<TrackingOutcome> {
  const repository = `${issues.repository.owner}/${issues.repository.repo}`;
  const log = { info: core.info, warning: (m: string) => core.warning(m), debug: core.debug };
  try {
    const api = new GitHubApi(createOctokit({ token: issues.token, log }), issues.repository);
    core.info(`Tracking ${result.findings.length} findings as issues in ${repository}`);
    return await trackFindings(result.findings, {
      api,
      labels: issues.labels,
      assignees: issues.assignees,
      maxNewIssues: issues.maxNewIssues,
      allowPublicRepo: issues.allowPublicRepo,
      overflowIssue: issues.overflowIssue,
      run: runLinkFromEnv(),
      rules: result.rules.activeRules,
      log,
    });
  } catch (err) {
    return untracked(
      result.findings,
      repository,
      issues.maxNewIssues,
      err instanceof Error ? err.message : String(err),
    );
  }
}
