import type { CliIo } from './io.js';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError, UserError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { Severity } from '../core/severity.js';
import { outputPathProblem, writeText } from '../core/write-file.js';
import { runAudit, type AuditConfig } from '../pipeline/audit.js';
import { closest } from '../core/did-you-mean.js';
import {
  parseAccountIds,
  parseGithubSubjects,
  parseFailOn,
  parseList,
  parseSeverity,
  parseTimelineMode,
} from '../core/options.js';
import { parseWorkers } from '../pipeline/parallel/workers.js';
import { emptyWindowWarning, formatScan, plural } from '../report/console.js';
import { listRules, testRules } from './rules-commands.js';
import { cliInvestigation, withFollowDepth } from '../investigate/index.js';
import { cliSource, parseSince } from './source.js';
import { terminalSafe } from '../report/terminal.js';
import { VERSION } from '../core/version.js';
import { defaultStateScope } from '../state/scope.js';

export const HELP = `cloudtrail-audit ${VERSION}: audit AWS CloudTrail logs with Sigma rules

Usage:
  cloudtrail-audit scan PATH... [options]   scan CloudTrail files and folders (every event in them by default)
  cloudtrail-audit scan --source s3 --s3-bucket B [--s3-prefix P] [--accounts IDS] [--regions R] [--explain]
                                            scan the trail's log files in S3 (default: the last 24 hours)
  cloudtrail-audit scan --source lookup-events [--regions R] [--max-lookup-calls N] [--explain]
                                            read the CloudTrail LookupEvents API (us-east-1 always included),
                                            asking only for the events the rules can match when that is cheaper,
                                            in at most N calls (default 40; docs/lookup-events.md)
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
  cloudtrail-audit rules list [--rules-path P]... [--no-builtin-rules] [--exclude-rules IDS]
                    [--min-severity S] [--markdown] [--explain]
                                            the rules a scan with these options runs, most severe first, and
                                            the helper rules that only feed correlations (--markdown: the
                                            table of docs/rules.md; --explain: what a record's text must show
                                            to be parsed for each rule)
  cloudtrail-audit rules test [--rules-path P]... [--no-builtin-rules]
                                            run every rule's own test events

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
  --allow-rule-errors     scan without the rules that do not load (default: exit 2, naming them)
  --exclude-rules IDS     comma-separated rule ids (or Sigma UUIDs) not to run
  --min-severity S        do not run rules below S: informational|low|medium|high|critical (default: low)
  --org-accounts IDS      comma-separated account ids of your AWS Organization: policies that trust or share
                          with them are not reported as opened to outside accounts (default: only the account
                          itself is inside)
  --github-oidc-subjects S  comma-separated GitHub OIDC subjects allowed to assume roles ('*' matches any text,
                          e.g. repo:my-org/*:ref:refs/heads/main); others are reported (default: rule off)
  --allowlist F           YAML allowlist of known-good activity (matches are reported as suppressed)
  --findings-file F       write the findings JSON to F
  --summary-file F        write the Markdown summary (as the action's job summary) to F
  --sarif-file F          write a SARIF 2.1.0 report (for GitHub code scanning) to F
  --timeline-file F       write a Timesketch timeline (JSON Lines) to F
  --timeline findings|all the timeline's events: those that matched a rule (default) or every event in the window
  --state-file F          keep the history of first-seen and correlation rules in F (gzip JSON) between scans
  --fail-on-severity S    exit 1 when a finding is at or above S (default: none)
  --explain               AWS sources: print the plan before reading (made without calling AWS: the Regions
                          and the LookupEvents pushdown, the S3 folders, the Athena SQL), and after the scan
                          what each Region or query did
  --workers N             threads reading files, the main one included (default: CLOUDTRAIL_AUDIT_WORKERS,
                          else the cores; 1 = no worker thread)
  --quiet                 print only the scan's summary and its problems (no warnings as they come, no progress)

Exit codes: 0 the scan ran (with or without findings), 1 a finding at or above --fail-on-severity
(or a failing rule test), 2 bad usage, a rule that does not load, or nothing readable.
`;

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
  since: { type: 'string' },
  start: { type: 'string' },
  end: { type: 'string' },
  'rules-path': { type: 'string', multiple: true },
  'no-builtin-rules': { type: 'boolean' },
  'allow-rule-errors': { type: 'boolean' },
  'exclude-rules': { type: 'string', multiple: true },
  'min-severity': { type: 'string' },
  'org-accounts': { type: 'string', multiple: true },
  'github-oidc-subjects': { type: 'string', multiple: true },
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
  'max-lookup-calls': { type: 'string' },
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
} satisfies ParseArgsConfig['options'];

type Flag = keyof typeof OPTIONS;

/** The flags of the `rules` commands; `scan` takes every flag but `--markdown`. */
const RULES_FLAGS: Record<'list' | 'test', readonly Flag[]> = {
  list: [
    'rules-path',
    'no-builtin-rules',
    'allow-rule-errors',
    'exclude-rules',
    'min-severity',
    'org-accounts',
    'github-oidc-subjects',
    'markdown',
    'explain',
    'quiet',
  ],
  test: ['rules-path', 'no-builtin-rules', 'quiet'],
};

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: Boolean(process.stderr.isTTY),
  now: () => Date.now(),
};

/** Runs one command line; returns the exit code. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  try {
    const { values, positionals } = parseCommandLine(argv);
    if (values.version) {
      io.stdout(`${VERSION}\n`);
      return 0;
    }
    const [command, ...rest] = positionals;
    if (values.help || command === undefined || command === 'help') {
      io.stdout(HELP);
      return command === undefined && !values.help ? 2 : 0;
    }
    const given = (Object.keys(values) as Flag[]).filter((flag) => values[flag] !== undefined);
    const log = cliLogger(io, values.quiet ?? false);
    if (command === 'rules') {
      const [sub, ...extra] = rest;
      if (sub !== 'list' && sub !== 'test')
        throw new UsageError(`'rules' takes 'list' or 'test', not '${sub ?? ''}'`);
      if (extra.length) throw new UsageError(`unexpected arguments after 'rules ${sub}': ${extra.join(' ')}`);
      refuseFlags(given, RULES_FLAGS[sub], `rules ${sub}`);
      const options = {
        rulesPaths: values['rules-path'] ?? [],
        noBuiltinRules: values['no-builtin-rules'] ?? false,
        excludeRules: (values['exclude-rules'] ?? []).flatMap(parseList),
        minSeverity: parseSeverity(values['min-severity'] ?? 'low', '--min-severity'),
        placeholders: placeholdersOf(values),
        ruleErrors: values['allow-rule-errors'] ? ('warn' as const) : ('fail' as const),
        markdown: values.markdown ?? false,
        explain: values.explain ?? false,
      };
      return sub === 'list' ? await listRules(options, io, log) : await testRules(options, io);
    }
    if (command !== 'scan') {
      const close = closest(command, ['scan', 'rules']);
      throw new UsageError(
        `unknown command '${command}'${close ? `; did you mean '${close}'?` : ''} (commands: scan, rules list, rules test)`,
      );
    }
    refuseFlags(given, Object.keys(OPTIONS).filter((f) => f !== 'markdown') as Flag[], 'scan');
    return await scan(values, rest, io, log);
  } catch (err) {
    if (err instanceof UserError) {
      io.stderr(`cloudtrail-audit: ${safeLines(err.message)}\n`);
      return 2;
    }
    throw err;
  }
}

type Values = ReturnType<typeof parseCommandLine>['values'];

async function scan(values: Values, paths: string[], io: CliIo, log: Logger): Promise<number> {
  if (values.since !== undefined) parseSince(values.since);
  const investigation = cliInvestigation(values, paths, io.now());
  if (investigation && values['state-file']) {
    throw new UsageError("--state-file: not for an investigation (its events are not the account's history)");
  }
  if (investigation && values['max-lookup-calls'] !== undefined) {
    throw new UsageError("--max-lookup-calls: not for an investigation (it reads only the suspect's events)");
  }
  const input = cliSource(
    {
      ...values,
      timelineAll: values.timeline === 'all',
      // An investigation explains what it looked up, whatever its source.
      explain: investigation ? undefined : values.explain,
    },
    paths,
    io.now(),
  );
  const timelineMode = parseTimelineMode(values.timeline ?? 'findings', '--timeline');
  // A report that cannot be written is said before the scan, not after it.
  for (const flag of [
    'findings-file',
    'summary-file',
    'sarif-file',
    'timeline-file',
    'state-file',
  ] as const) {
    const problem = values[flag] === undefined ? undefined : outputPathProblem(values[flag]);
    if (problem) throw new UsageError(`--${flag}: ${problem}`);
  }
  const quiet = values.quiet ?? false;
  const progress = io.isTTY && !quiet;
  const findingsFile = values['findings-file'];
  const config: AuditConfig = {
    source: input.source,
    window: investigation?.window ?? input.window,
    windowReason: investigation?.windowReason ?? input.windowReason,
    ...(investigation ? { investigation } : {}),
    rules: {
      rulesPaths: values['rules-path'] ?? [],
      noBuiltinRules: values['no-builtin-rules'] ?? false,
      excludeRules: (values['exclude-rules'] ?? []).flatMap(parseList),
      minSeverity: parseSeverity(values['min-severity'] ?? 'low', '--min-severity'),
      placeholders: placeholdersOf(values),
      ruleErrors: values['allow-rule-errors'] ? 'warn' : 'fail',
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
    ...(values['timeline-file'] ? { timeline: { file: values['timeline-file'], mode: timelineMode } } : {}),
    ...failOnOption(values['fail-on-severity']),
    now: io.now(),
    ...(progress
      ? {
          onProgress: (stats, findings) =>
            io.stderr(`\r${stats.filesRead} files, ${stats.eventsScanned} events, ${findings} findings…`),
        }
      : {}),
  };
  // The plan first, made without calling AWS: it is printed even when the credentials or the scan fail.
  if (values.explain && !investigation) {
    // Loaded only here: it reads the AWS sources' planners.
    const { explainBeforeReading } = await import('../pipeline/explain.js');
    const plan = await explainBeforeReading(config);
    if (plan) io.stdout(`${safeLines(plan)}\n\n`);
  }
  const outcome = await runAudit(config, log);
  if (progress) io.stderr('\r\x1b[K');
  if (values['summary-file']) await writeText(values['summary-file'], outcome.summary);
  const text = formatScan(outcome.result, {
    ...(findingsFile ? { findingsFile } : {}),
    warningsShown: !quiet,
    nothingReadable: outcome.nothingReadable,
  });
  io.stdout(text);
  if (values.explain && outcome.explain) io.stdout(`\n${safeLines(outcome.explain)}\n`);

  if (outcome.nothingReadable) {
    io.stderr(
      `cloudtrail-audit: nothing readable in ${paths.map((p) => terminalSafe(p)).join(', ')}: ` +
        `${quiet ? 'see the problems listed above' : 'see the warnings above'}; ` +
        'give files or folders of CloudTrail logs (.json, .json.gz, lookup-events output, JSON Lines)\n',
    );
    return 2;
  }
  const empty = emptyWindowWarning(outcome.result);
  if (empty && quiet) io.stderr(`warning: ${empty}\n`);
  if (outcome.failing.length > 0) {
    io.stderr(
      `cloudtrail-audit: ${plural(outcome.failing.length, 'finding')} at or above ${values['fail-on-severity']}\n`,
    );
    return 1;
  }
  return 0;
}

/** The rules' placeholders from --org-accounts and --github-oidc-subjects. */
function placeholdersOf(values: { 'org-accounts'?: string[]; 'github-oidc-subjects'?: string[] }) {
  return {
    org_accounts: parseAccountIds(values['org-accounts'] ?? [], '--org-accounts'),
    github_oidc_subjects: parseGithubSubjects(values['github-oidc-subjects'] ?? [], '--github-oidc-subjects'),
  };
}

/** node:util's parseArgs, with its errors said the way this tool says them (and a did-you-mean for a typo). */
function parseCommandLine(argv: string[]) {
  try {
    return parseArgs({ args: withFollowDepth(argv), options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    const { code, message } = err as { code?: string; message: string };
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const option = /'([^']*)'/.exec(message)?.[1] ?? '';
      const typed = option.replace(/^-+/, '');
      const names = Object.keys(OPTIONS);
      // `--rules` for `--rules-path`: the start of one option is as good a guess as a near miss.
      const starting = names.filter((name) => typed.length >= 3 && name.startsWith(typed));
      const close = closest(typed, names) ?? (starting.length === 1 ? starting[0] : undefined);
      throw new UsageError(
        `unknown option '${option}'${close ? `; did you mean '--${close}'?` : ''} ('cloudtrail-audit --help' lists the options)`,
      );
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const option = /(--[\w-]+)/.exec(message)?.[1] ?? 'an option';
      if (/does not take an argument/.test(message)) throw new UsageError(`${option} takes no value`);
      throw new UsageError(`${option} needs a value (${option}=VALUE when the value starts with '-')`);
    }
    throw err;
  }
}

/** Text for the terminal: each line made safe (control characters shown escaped), the line breaks kept. */
function safeLines(text: string): string {
  return text.split('\n').map(terminalSafe).join('\n');
}

/** A flag given to a command that does not read it is refused, never ignored. */
function refuseFlags(given: readonly Flag[], allowed: readonly Flag[], command: string): void {
  const stray = given.filter((flag) => !['help', 'version'].includes(flag) && !allowed.includes(flag));
  if (stray.length > 0) {
    throw new UsageError(
      `${stray.map((f) => `--${f}`).join(', ')}: not ${stray.length === 1 ? 'an option' : 'options'} of '${command}' ` +
        `('cloudtrail-audit --help' lists each command's options)`,
    );
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
