import type { CliIo } from './io.js';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError, UserError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { Severity } from '../core/severity.js';
import { writeText } from '../core/write-file.js';
import { runAudit } from '../pipeline/audit.js';
import {
  parseAccountIds,
  parseFailOn,
  parseList,
  parseSeverity,
  parseTimelineMode,
} from '../core/options.js';
import { parseWorkers } from '../pipeline/parallel/workers.js';
import { formatScan } from '../report/console.js';
import { listRules, testRules } from './rules-commands.js';
import { cliInvestigation, withFollowDepth } from '../investigate/index.js';
import { cliSource } from './source.js';
import { terminalSafe } from '../report/terminal.js';
import { VERSION } from '../core/version.js';
import { defaultStateScope } from '../state/scope.js';

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
  cloudtrail-audit scan [PATH...] --access-key-id K | --user-name U | --principal-arn ARN [--follow [DEPTH]]
                                            investigate one credential (docs/investigations.md): every event
                                            it made in the window (default: the last 90 days), from any source,
                                            following the keys and sessions it created (--follow), with a
                                            report for the responder (--summary-file) and every event in
                                            --timeline-file; with --source s3, --s3-max-read-gb N (default 10)
                                            bounds what is read
  cloudtrail-audit rules list [options]     list the rule set (--markdown: as the table of docs/rules.md;
                                            --explain: what a record must show to be parsed for each rule)
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
  'access-key-id': { type: 'string', multiple: true },
  'user-name': { type: 'string', multiple: true },
  'principal-arn': { type: 'string', multiple: true },
  follow: { type: 'string' },
  's3-max-read-gb': { type: 'string' },
  ...Object.fromEntries(Object.keys(NOT_YET).map((name) => [name, { type: 'string' }])),
} satisfies ParseArgsConfig['options'];

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: Boolean(process.stderr.isTTY),
  now: () => Date.now(),
};

/** Runs one command line; returns the exit code. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: withFollowDepth(argv),
      options: OPTIONS,
      allowPositionals: true,
    });
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
      explain: values.explain ?? false,
    };
    if (command === 'rules') {
      const [sub, ...extra] = rest;
      if (extra.length) throw new UsageError(`unexpected arguments after 'rules ${sub}': ${extra.join(' ')}`);
      if (sub === 'list') return await listRules(rulesOptions, io);
      if (sub === 'test') return await testRules(rulesOptions, io);
      throw new UsageError(`'rules' takes 'list' or 'test', not '${sub ?? ''}'`);
    }
    if (command !== 'scan') throw new UsageError(`unknown command '${command}' (try --help)`);
    const investigation = cliInvestigation(values, rest, io.now());
    if (investigation && values['state-file']) {
      throw new UsageError(
        "--state-file: not for an investigation (its events are not the account's history)",
      );
    }
    const input = cliSource({ ...values, timelineAll: values.timeline === 'all' }, rest, io.now());
    const timelineMode = parseTimelineMode(values.timeline ?? 'findings', '--timeline');
    const log = cliLogger(io, values.quiet ?? false);
    const progress = io.isTTY && !values.quiet;
    const findingsFile = values['findings-file'];
    const outcome = await runAudit(
      {
        source: input.source,
        window: investigation?.window ?? input.window,
        windowReason: investigation?.windowReason ?? input.windowReason,
        ...(investigation ? { investigation } : {}),
        rules: {
          rulesPaths: rulesOptions.rulesPaths,
          noBuiltinRules: rulesOptions.noBuiltinRules,
          excludeRules: (values['exclude-rules'] ?? []).flatMap(parseList),
          minSeverity: parseSeverity(values['min-severity'] ?? 'low', '--min-severity'),
          placeholders: { org_accounts: parseAccountIds(values['org-accounts'] ?? [], '--org-accounts') },
        },
        ...(values.allowlist ? { allowlistPath: values.allowlist } : {}),
        ...(values['state-file']
          ? {
              state: {
                kind: 'file' as const,
                file: values['state-file'],
                scope: defaultStateScope({
                  source: values.source ?? 'files',
                  bucket: values['s3-bucket'],
                  prefix: values['s3-prefix'],
                  accounts: (values.accounts ?? []).flatMap(parseList),
                  regions: (values.regions ?? []).flatMap(parseList),
                }),
              },
            }
          : {}),
        ...(values.workers !== undefined ? { workers: parseWorkers(values.workers, '--workers') } : {}),
        ...(findingsFile ? { findingsFile } : {}),
        ...(values['sarif-file'] ? { sarifFile: values['sarif-file'] } : {}),
        ...(values['timeline-file']
          ? { timeline: { file: values['timeline-file'], mode: timelineMode } }
          : {}),
        ...failOnOption(values['fail-on-severity']),
        now: io.now(),
        ...(progress
          ? {
              onProgress: (stats, findings) =>
                io.stderr(`\r${stats.filesRead} files, ${stats.eventsScanned} events, ${findings} findings…`),
            }
          : {}),
      },
      log,
    );
    if (progress) io.stderr('\r\x1b[K');
    if (values['summary-file']) await writeText(values['summary-file'], outcome.summary);
    io.stdout(formatScan(outcome.result, { findingsFile }));
    if (values.explain && outcome.explain) io.stdout(`\n${outcome.explain}\n`);

    if (outcome.nothingReadable) {
      io.stderr('cloudtrail-audit: nothing readable in the given paths\n');
      return 2;
    }
    if (outcome.failing.length > 0) {
      io.stderr(
        `cloudtrail-audit: ${outcome.failing.length} findings at or above ${values['fail-on-severity']}\n`,
      );
      return 1;
    }
    return 0;
  } catch (err) {
    if (err instanceof UserError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
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

/** `--fail-on-severity S` (default none). */
function failOnOption(text: string | undefined): { failOn?: Severity } {
  const failOn = parseFailOn(text ?? 'none', '--fail-on-severity');
  return failOn ? { failOn } : {};
}
