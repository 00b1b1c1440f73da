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
import { runScan } from '../pipeline/scan.js';
import { readInputs } from './inputs.js';

const workspace = () => process.env.GITHUB_WORKSPACE || process.cwd();

/** The action: read inputs, scan, write the findings file, set outputs, apply the severity gate. */
export async function run(now: number = Date.now()): Promise<void> {
  try {
    const inputs = readInputs(now);
    core.info(
      `Window: ${inputs.window.start !== undefined ? new Date(inputs.window.start).toISOString() : '-'} .. ` +
        `${inputs.window.end !== undefined ? new Date(inputs.window.end).toISOString() : '-'} (${inputs.windowReason})`,
    );
    const timeline = inputs.timelineFile
      ? new TimelineWriter(inputs.timelineFile, inputs.timelineMode)
      : undefined;
    const result = await runScan(
      {
        paths: inputs.paths,
        rulesPaths: inputs.rulesPaths,
        excludeRules: inputs.excludeRules,
        minSeverity: inputs.minSeverity,
        window: inputs.window,
        allowlist: inputs.allowlistPath ? await loadAllowlist(inputs.allowlistPath, now) : undefined,
        onEvent: timeline ? (record, matched) => timeline.add(record, matched) : undefined,
      },
      { info: core.info, warning: (m) => core.warning(m), debug: core.debug },
    );

    // Every report is written before anything else can fail (and before GitHub is called, once issues are tracked).
    await writeFindingsFile(inputs.findingsFile, result);
    await writeSarif(inputs.sarifFile, result, { automationId: inputs.sarifCategory });
    await timeline
      ?.close()
      .catch((err: Error) => core.warning(`timeline ${inputs.timelineFile}: ${err.message}`));
    if (process.env.GITHUB_STEP_SUMMARY) {
      const source = `files: ${inputs.paths.map((p) => relative(workspace(), p) || '.').join(', ')}`;
      await core.summary.addRaw(renderSummary(result, { windowReason: inputs.windowReason, source })).write();
    }
    // CloudTrail text is attacker-controlled: no line of it may be read by the runner as a workflow command.
    const token = randomUUID();
    core.info(`::stop-commands::${token}`);
    core.info(formatScan(result, { findingsFile: inputs.findingsFile }));
    core.info(`::${token}::`);

    core.setOutput('events-scanned', result.stats.eventsScanned);
    core.setOutput('findings-count', result.findings.length);
    core.setOutput('new-findings-count', result.findings.length);
    core.setOutput('highest-severity', highestSeverity(result.findings));
    core.setOutput('sarif-file', inputs.sarifFile);
    core.setOutput('findings-file', inputs.findingsFile);
    core.setOutput('issues-opened', 0);
    core.setOutput('issues-updated', 0);

    if (result.stats.eventsScanned === 0 && (result.stats.errorCount > 0 || result.stats.filesRead === 0)) {
      core.setFailed(
        `Nothing readable in ${inputs.paths.join(', ')}: check the 'path' input and the warnings above.`,
      );
      return;
    }
    const failing = findingsAtOrAbove(result.findings, inputs.failOn);
    if (failing.length > 0) {
      const names = failing.map((f) => `${f.ruleId} (${f.severity}, ${f.count} events)`).join(', ');
      core.setFailed(`${failing.length} findings at or above fail-on-severity ${inputs.failOn}: ${names}`);
    }
  } catch (err) {
    core.setFailed(
      err instanceof UsageError
        ? err.message
        : err instanceof Error
          ? (err.stack ?? err.message)
          : String(err),
    );
  }
}
