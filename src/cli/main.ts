import { parseArgs, type ParseArgsConfig } from 'node:util';
import { loadAllowlist } from '../allowlist/allowlist.js';
import { writeFindingsFile, writeText } from '../findings/write.js';
import { renderSummary } from '../report/summary.js';
import { writeSarif } from '../report/sarif.js';
import { TimelineWriter } from '../report/timeline.js';
import { findingsAtOrAbove } from '../pipeline/gate.js';
import type { Logger } from '../pipeline/logger.js';
import {
  parseAccountIds,
  parseFailOn,
  parseList,
  parseSeverity,
  parseTimelineMode,
  UsageError,
} from '../pipeline/options.js';
import { runScan } from '../pipeline/scan.js';
import { parseWorkers } from '../pipeline/parallel/workers.js';
import { formatScan } from './print-scan.js';
import { listRules, testRules } from './rules-commands.js';
import { cliSource } from './source.js';
import { S3SourceError } from '../sources/s3/index.js';
import { AthenaSourceError } from '../sources/athena/index.js';
import { terminalSafe } from './terminal.js';
import { VERSION } from '../version.js';
import { defaultStateScope } from '../state/scope.js';
import { createStateStore, type StateOptions } from '../state/index.js';

export const HELP = `cloudtrail-audit ${VERSION}: audit AWS CloudTrail logs with Sigma rules

Usage:
  cloudtrail-audit scan PATH... [options]   scan CloudTrail files and folders
  cloudtrail-audit scan --source s3 --s3-bucket B [--s3-prefix P] [--accounts IDS] [--regions R]
                                            scan the trail's log files in S3 (default: the last 24 hours)
  cloudtrail-audit scan --source lookup-events [--regions R] [--explain]
                                            read the CloudTrail LookupEvents API (us-east-1 always included),
                                            asking only for the events the rules can match when that is cheaper
  cloudtrail-audit scan --source athena --athena-database DB --athena-table T [--athena-workgroup W]
                    [--athena-output-location s3://B/P/] [--athena-create-table --s3-bucket B [--s3-prefix P]]
                    [--max-scan-gb N --s3-bucket B [--s3-prefix P]] [--accounts IDS] [--regions R] [--explain]
                                            run the rules as one Amazon Athena query over the trail's table
                                            (docs/athena.md); --max-scan-gb stops before a query estimated
                                            (from the S3 listing) to scan more
  cloudtrail-audit rules list [options]     list the rule set (--markdown: as the table of docs/rules.md)
  cloudtrail-audit rules test [options]     run every rule's own test events

PATH: CloudTrail log files as delivered to S3 (.json or .json.gz, in the AWSLogs/ layout or loose),
'aws cloudtrail lookup-events' output, JSON Lines of records, or a JSON array of records; folders are
read recursively. The format is recognised from the content.

AWS credentials and endpoints come from the SDK's standard places (environment, profile, AWS_ENDPOINT_URL_S3);
--region sets the client's region (default AWS_REGION, else us-east-1).

Scan options:
  --since DURATION        only events in the last DURATION (e.g. 90m, 24h, 7d); default: every event
  --start ISO --end ISO   only events in [start, end] (either may be given alone)
  --rules-path P          add your own Sigma rules (a file or folder; repeatable)
  --no-builtin-rules      run only the rules given with --rules-path
  --exclude-rules IDS     comma-separated rule ids (or Sigma UUIDs) not to run
  --min-severity S        do not run rules below S: informational|low|medium|high|critical (default: low)
  --org-accounts IDS      comma-separated account ids of your AWS Organization: policies that trust or share
                          with them are not reported as opened to outside accounts (default: only the account
                          itself is inside)
  --allowlist F           YAML allowlist of known-good activity (matches are reported as suppressed)
  --findings-file F       write the findings JSON to F
  --summary-file F        write the Markdown summary (as the action's job summary) to F
  --sarif-file F          write a SARIF 2.1.0 report (for GitHub code scanning) to F
  --timeline-file F       write a Timesketch timeline (JSON Lines) to F
  --timeline findings|all the timeline's events: those that matched a rule (default) or every event in the window
  --state-file F          keep the history of first-seen and correlation rules in F (gzip JSON) between scans
  --fail-on-severity S    exit 1 when a finding is at or above S (default: none)
  --workers N             threads reading files (default: CLOUDTRAIL_AUDIT_WORKERS, else the cores; 1 = none)
  --quiet                 print only the findings summary (no warnings, no progress)

Exit codes: 0 the scan ran (with or without findings), 1 a finding at or above --fail-on-severity
(or a failing rule test), 2 bad usage or nothing readable.
`;

const NOT_YET: Record<string, string> = {};

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
  since: { type: 'string' },
  start: { type: 'string' },
  end: { type: 'string' },
  'rules-path': { type: 'string', multiple: true },
  'no-builtin-rules': { type: 'boolean' },
  'exclude-rules': { type: 'string', multiple: true },
  'min-severity': { type: 'string' },
  'org-accounts': { type: 'string', multiple: true },
  'findings-file': { type: 'string' },
  'fail-on-severity': { type: 'string' },
  allowlist: { type: 'string' },
  source: { type: 'string' },
  's3-bucket': { type: 'string' },
  's3-prefix': { type: 'string' },
  accounts: { type: 'string', multiple: true },
  regions: { type: 'string', multiple: true },
  region: { type: 'string' },
  'athena-database': { type: 'string' },
  'athena-table': { type: 'string' },
  'athena-workgroup': { type: 'string' },
  'athena-output-location': { type: 'string' },
  'athena-create-table': { type: 'boolean' },
  'max-scan-gb': { type: 'string' },
  explain: { type: 'boolean' },
  'summary-file': { type: 'string' },
  'sarif-file': { type: 'string' },
  'timeline-file': { type: 'string' },
  timeline: { type: 'string' },
  workers: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  markdown: { type: 'boolean' },
  'state-file': { type: 'string' },
  ...Object.fromEntries(Object.keys(NOT_YET).map((name) => [name, { type: 'string' }])),
} satisfies ParseArgsConfig['options'];

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal (progress is shown only then). */
  isTTY: boolean;
  now: () => number;
}

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: Boolean(process.stderr.isTTY),
  now: () => Date.now(),
};

/** Runs one command line; returns the exit code. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  try {
    const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
    if (values.version) {
      io.stdout(`${VERSION}\n`);
      return 0;
    }
    const [command, ...rest] = positionals;
    if (values.help || command === undefined || command === 'help') {
      io.stdout(HELP);
      return command === undefined && !values.help ? 2 : 0;
    }
    for (const name of Object.keys(NOT_YET)) {
      if ((values as Record<string, unknown>)[name] !== undefined) {
        throw new UsageError(`--${name}: ${NOT_YET[name]}`);
      }
    }
    const rulesOptions = {
      rulesPaths: values['rules-path'] ?? [],
      noBuiltinRules: values['no-builtin-rules'] ?? false,
      markdown: values.markdown ?? false,
    };
    if (command === 'rules') {
      const [sub, ...extra] = rest;
      if (extra.length) throw new UsageError(`unexpected arguments after 'rules ${sub}': ${extra.join(' ')}`);
      if (sub === 'list') return await listRules(rulesOptions, io);
      if (sub === 'test') return await testRules(rulesOptions, io);
      throw new UsageError(`'rules' takes 'list' or 'test', not '${sub ?? ''}'`);
    }
    if (command !== 'scan') throw new UsageError(`unknown command '${command}' (try --help)`);
    const input = cliSource({ ...values, timelineAll: values.timeline === 'all' }, rest, io.now());

    const failOn = parseFailOn(values['fail-on-severity'] ?? 'none', '--fail-on-severity');
    const timelineMode = parseTimelineMode(values.timeline ?? 'findings', '--timeline');
    const timeline = values['timeline-file']
      ? new TimelineWriter(values['timeline-file'], timelineMode)
      : undefined;
    const log = cliLogger(io, values.quiet ?? false);
    const state: StateOptions | undefined = values['state-file']
      ? {
          kind: 'file',
          file: values['state-file'],
          scope: defaultStateScope({
            source: values.source ?? 'files',
            bucket: values['s3-bucket'],
            prefix: values['s3-prefix'],
            accounts: (values.accounts ?? []).flatMap(parseList),
            regions: (values.regions ?? []).flatMap(parseList),
          }),
        }
      : undefined;
    const stateStore = state && createStateStore(state, log);
    const progress = io.isTTY && !values.quiet;
    const result = await runScan(
      {
        paths: rest,
        source: input.source,
        ...rulesOptions,
        excludeRules: (values['exclude-rules'] ?? []).flatMap(parseList),
        minSeverity: parseSeverity(values['min-severity'] ?? 'low', '--min-severity'),
        placeholders: { org_accounts: parseAccountIds(values['org-accounts'] ?? [], '--org-accounts') },
        window: input.window,
        allowlist: values.allowlist ? await loadAllowlist(values.allowlist, io.now()) : undefined,
        onEvent: timeline ? (record, matched) => timeline.add(record, matched) : undefined,
        onEventFor: timelineMode === 'all' ? 'all' : 'matches',
        workers: values.workers !== undefined ? parseWorkers(values.workers, '--workers') : undefined,
        state: state && stateStore ? { store: stateStore, scope: state.scope } : undefined,
        onProgress: progress
          ? (stats, findings) =>
              io.stderr(`\r${stats.filesRead} files, ${stats.eventsScanned} events, ${findings} findings…`)
          : undefined,
      },
      log,
    ).finally(() => input.close());
    if (progress) io.stderr('\r\x1b[K');
    const findingsFile = values['findings-file'];
    if (findingsFile) await writeFindingsFile(findingsFile, result);
    if (values['sarif-file']) await writeSarif(values['sarif-file'], result);
    await timeline
      ?.close()
      .catch((err: Error) => log.warning(`timeline ${values['timeline-file']}: ${err.message}`));
    const summaryFile = values['summary-file'];
    if (summaryFile) {
      await writeText(
        summaryFile,
        renderSummary(result, { windowReason: input.windowReason, source: input.description }),
      );
    }
    io.stdout(formatScan(result, { findingsFile }));
    if (values.explain && input.explain) io.stdout(`\n${input.explain()}\n`);

    if (result.stats.eventsScanned === 0 && (result.stats.errorCount > 0 || result.stats.filesRead === 0)) {
      io.stderr('cloudtrail-audit: nothing readable in the given paths\n');
      return 2;
    }
    const failing = findingsAtOrAbove(result.findings, failOn);
    if (failing.length > 0) {
      io.stderr(`cloudtrail-audit: ${failing.length} findings at or above ${failOn}\n`);
      return 1;
    }
    return 0;
  } catch (err) {
    if (
      err instanceof UsageError ||
      err instanceof S3SourceError ||
      err instanceof AthenaSourceError ||
      (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      io.stderr(`cloudtrail-audit: ${(err as Error).message}\n`);
      return 2;
    }
    throw err;
  }
}

function cliLogger(io: CliIo, quiet: boolean): Logger {
  return {
    info: () => {},
    warning: (message) => {
      if (!quiet) io.stderr(`warning: ${terminalSafe(message)}\n`);
    },
    debug: () => {},
  };
}
