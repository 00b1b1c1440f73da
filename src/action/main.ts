/** The action: inputs → an audit → outputs, the job summary and the run's status. */
import * as core from '@actions/core';
import { randomUUID } from 'node:crypto';
import { relative } from 'node:path';
import { UserError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { highestSeverity } from '../pipeline/gate.js';
import { runAudit, type AuditConfig } from '../pipeline/audit.js';
import { emptyWindowWarning, formatScan } from '../report/console.js';
import { readInputs, type ActionInputs } from './inputs.js';

const workspace = () => process.env.GITHUB_WORKSPACE || process.cwd();

export async function run(now: number = Date.now()): Promise<void> {
  // The AWS SDK's nine-line notice about Node versions it will drop is for the SDK's maintainers' users, not ours.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
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
    const log: Logger = { info: core.info, warning: (m) => core.warning(m), debug: core.debug };
    const outcome = await runAudit(auditConfig(inputs, now, cancel.signal), log);
    const { result, tracking } = outcome;
    // What an investigation looked up, and the Athena plan (rules exact / pushed down, scan estimate, cost).
    if ((inputs.investigation || inputs.source === 'athena') && outcome.explain) core.info(outcome.explain);
    if (outcome.investigationIssue?.status === 'opened')
      core.info(`Investigation issue: ${outcome.investigationIssue.url}`);
    else if (outcome.investigationIssue)
      core.warning(`No investigation issue: ${outcome.investigationIssue.reason}`);
    if (outcome.cancelled) {
      core.setFailed(
        `The run was cancelled: the scan stopped early; the findings so far are in ${inputs.findingsFile}.`,
      );
      return;
    }
    if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(outcome.summary).write();
    // CloudTrail text is attacker-controlled: no line of it may be read by the runner as a workflow command.
    const token = randomUUID();
    core.info(`::stop-commands::${token}`);
    core.info(formatScan(result, { findingsFile: inputs.findingsFile, warningsShown: true }));
    core.info(`::${token}::`);
    const empty = emptyWindowWarning(result);
    if (empty) core.warning(empty);

    core.setOutput('events-scanned', result.stats.eventsScanned);
    core.setOutput('findings-count', result.findings.length);
    core.setOutput('new-findings-count', tracking?.newFindings ?? result.findings.length);
    core.setOutput('highest-severity', highestSeverity(result.findings));
    core.setOutput('sarif-file', inputs.sarifFile);
    core.setOutput('findings-file', inputs.findingsFile);
    core.setOutput(
      'issues-opened',
      tracking?.opened ?? (outcome.investigationIssue?.status === 'opened' ? 1 : 0),
    );
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
    if (outcome.nothingReadable) {
      core.setFailed(
        `Nothing readable in ${inputs.paths.join(', ')}: check the 'path' input and the warnings above.`,
      );
      return;
    }
    if (outcome.failing.length > 0) {
      const names = outcome.failing.map((f) => `${f.ruleId} (${f.severity}, ${f.count} events)`).join(', ');
      core.setFailed(
        `${outcome.failing.length} findings at or above fail-on-severity ${inputs.failOn}: ${names}`,
      );
    }
  } catch (err) {
    core.setFailed(
      err instanceof UserError
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

function auditConfig(inputs: ActionInputs, now: number, signal: AbortSignal): AuditConfig {
  const region =
    process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || inputs.aws.regions[0] || 'us-east-1';
  const { aws } = inputs;
  return {
    source:
      inputs.source === 'files'
        ? { kind: 'files', paths: inputs.paths, description: filesDescription(inputs.paths) }
        : {
            kind: inputs.source as 'lookup-events' | 's3' | 'athena',
            region,
            bucket: aws.bucket,
            prefix: aws.prefix,
            accounts: aws.accounts,
            regions: aws.regions,
            ...(aws.athena ? { athena: aws.athena } : {}),
            everyEvent: inputs.timelineMode === 'all' && inputs.timelineFile !== undefined,
          },
    window: inputs.window,
    windowReason: inputs.windowReason,
    credentials: {
      roleToAssume: aws.roleToAssume,
      roleSessionName: aws.roleSessionName,
      durationSeconds: aws.durationSeconds,
      audience: aws.audience,
    },
    rules: {
      rulesPaths: inputs.rulesPaths,
      excludeRules: inputs.excludeRules,
      minSeverity: inputs.minSeverity,
      placeholders: { org_accounts: inputs.orgAccounts, github_oidc_subjects: inputs.githubOidcSubjects },
      ruleErrors: inputs.allowRuleErrors ? 'warn' : 'fail',
    },
    ...(inputs.allowlistPath ? { allowlistPath: inputs.allowlistPath } : {}),
    state: inputs.state,
    findingsFile: inputs.findingsFile,
    sarifFile: inputs.sarifFile,
    sarifCategory: inputs.sarifCategory,
    ...(inputs.timelineFile ? { timeline: { file: inputs.timelineFile, mode: inputs.timelineMode } } : {}),
    ...(inputs.issues ? { issues: inputs.issues } : {}),
    ...(inputs.investigation
      ? {
          investigation: {
            request: inputs.investigation,
            names: {
              s3MaxRead: 's3-max-read-gb',
              source: 'source:',
              since: 'lookback-hours/start-time/end-time',
              regions: 'regions/accounts',
            },
          },
        }
      : {}),
    ...(inputs.failOn ? { failOn: inputs.failOn } : {}),
    now,
    signal,
  };
}

/** How the files source is named in the summary: relative to the workspace. */
function filesDescription(paths: string[]): string {
  return `files: ${paths.map((p) => relative(workspace(), p) || '.').join(', ')}`;
}
