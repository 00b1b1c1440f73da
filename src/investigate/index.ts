/**
 * Investigations: everything one credential (access keys, IAM users, principal ARNs) did, from any source, with
 * the trail of credentials it created or assumed followed on request, reported for a responder.
 *
 * scope.ts        the scope as the user gives it, checked (messages name the flag or input)
 * credentials.ts  the credentials in scope, which records they made, and following what they created
 * source.ts       the source of the scoped records (LookupEvents lookups, S3 and files filtered, S3 budget)
 * report.ts       the responder's report (Markdown section of the summary) and its data
 * mermaid.ts      the picture: a Gantt chart that CloudTrail text cannot break out of
 * issue.ts        the investigation's GitHub issue (`create-issues`)
 *
 * The shells call `startInvestigation` (or `cliInvestigation`) when a scope is given, and then use its source,
 * window, `observe` (onEvent) and `section` (the summary).
 */
import type { TimeWindow } from '../core/window.js';
import type { DetectionRule } from '../rules/model.js';
import type { CloudTrailRecord } from '../core/record.js';
import { parseDuration, parseList, parseTime } from '../core/options.js';
import { UsageError } from '../core/errors.js';
import type { ScanResult } from '../core/result.js';
import type { RecordSource } from '../sources/record-source.js';
import { CredentialSet } from './credentials.js';
import { InvestigationReport } from './report.js';
import { CLI_SCOPE_NAMES, describeScope, isScoped, parseScope, type InvestigationScope } from './scope.js';
import {
  DEFAULT_S3_MAX_READ_GB,
  investigationSource,
  type InvestigationReads,
  type InvestigationSource,
  type InvestigationSourceOptions,
} from './source.js';

export { ACTION_SCOPE_NAMES, CLI_SCOPE_NAMES, parseScope, isScoped, describeScope } from './scope.js';
export type { InvestigationScope, Principal, ScopeNames } from './scope.js';
export { checkInvestigationSource, DEFAULT_ENABLED_REGIONS, DEFAULT_S3_MAX_READ_GB } from './source.js';
export { openInvestigationIssue, type IssueOutcome } from './issue.js';

/** CloudTrail's LookupEvents keeps 90 days: the default window of an investigation. */
export const INVESTIGATION_DAYS = 90;
/** Hops followed by `--follow` without a number. */
export const DEFAULT_FOLLOW = 3;
const MAX_FOLLOW = 10;

export interface InvestigationRequest {
  scope: InvestigationScope;
  /** Hops to follow (0: none). */
  follow: number;
  /** Compressed gigabytes (2^30 bytes) an s3 investigation may read. */
  s3MaxReadGb: number;
}

/** `--follow` / `follow`: empty or false: 0; true or the flag alone: DEFAULT_FOLLOW; else 0 to 10 hops. */
export function parseFollow(text: string, what: string): number {
  const value = text.trim().toLowerCase();
  if (value === '' || value === 'false') return 0;
  if (value === 'true') return DEFAULT_FOLLOW;
  if (!/^\d{1,2}$/.test(value) || Number(value) > MAX_FOLLOW) {
    throw new UsageError(
      `${what}: '${text}' is not a number of hops from 0 to ${MAX_FOLLOW} (or true: ${DEFAULT_FOLLOW})`,
    );
  }
  return Number(value);
}

export function parseS3MaxReadGb(text: string, what: string): number {
  const value = text.trim();
  if (value === '') return DEFAULT_S3_MAX_READ_GB;
  if (!/^\d+(\.\d+)?$/.test(value) || !(Number(value) > 0)) {
    throw new UsageError(`${what}: '${text}' is not a positive number of gigabytes`);
  }
  return Number(value);
}

/**
 * The window of an investigation: the last 90 days unless told otherwise; a look-back, or start and/or end
 * (a start alone ends now; an end alone starts 90 days before it). Files (logs pulled during an incident, often
 * older) are read whole unless told otherwise: `scan` is then open.
 */
export function investigationWindow(
  input: { since?: string; start?: string; end?: string },
  now: number,
  names: { since: string; start: string; end: string },
  kind = 'lookup-events',
): { window: { start: number; end: number }; scan?: TimeWindow; reason: string } {
  if (kind === 'files' && !input.since && !input.start && !input.end) {
    return { window: { start: 0, end: now }, scan: {}, reason: 'every event in the files' };
  }
  const days = INVESTIGATION_DAYS * 86_400_000;
  if (input.since && (input.start || input.end)) {
    throw new UsageError(`give either ${names.since} or ${names.start} and ${names.end}, not both`);
  }
  if (input.since) {
    return {
      window: { start: now - parseDuration(input.since, names.since), end: now },
      reason: `the last ${input.since} (${names.since})`,
    };
  }
  if (input.start || input.end) {
    const end = input.end ? parseTime(input.end, names.end) : now;
    const start = input.start ? parseTime(input.start, names.start) : end - days;
    if (start > end) {
      throw new UsageError(
        `the start time ${new Date(start).toISOString()} is after the end time ${new Date(end).toISOString()}`,
      );
    }
    return { window: { start, end }, reason: `${names.start}/${names.end}` };
  }
  return {
    window: { start: now - days, end: now },
    reason: `the last ${INVESTIGATION_DAYS} days (an investigation's default: what LookupEvents keeps)`,
  };
}

/** How the shell names its options, for messages. */
export type InvestigationNames = InvestigationSourceOptions['names'];

/** The source's options, without what the investigation makes itself (the credentials, the S3 budget in bytes). */
export interface StartOptions extends Omit<InvestigationSourceOptions, 'credentials' | 's3MaxReadBytes'> {
  request: InvestigationRequest;
  /** The scan's window when it differs from the source's (files read whole). */
  scanWindow?: TimeWindow;
  windowReason: string;
}

/** One investigation: its source, what it observes while the scan runs, and its report. */
export class Investigation {
  readonly credentials: CredentialSet;
  readonly report: InvestigationReport;
  readonly input: InvestigationSource;
  readonly window: TimeWindow;
  readonly windowReason: string;

  constructor(readonly options: StartOptions) {
    this.credentials = new CredentialSet(options.request.scope, options.request.follow);
    this.report = new InvestigationReport(options.request.scope, this.credentials);
    this.window = options.scanWindow ?? options.window;
    this.windowReason = options.windowReason;
    const { request: _request, scanWindow: _scan, windowReason: _reason, ...source } = options;
    this.input = investigationSource({
      ...source,
      credentials: this.credentials,
      s3MaxReadBytes: options.request.s3MaxReadGb * 2 ** 30,
    });
  }

  get source(): RecordSource {
    return this.input.source;
  }

  get description(): string {
    return `${this.input.description}; ${describeScope(this.options.request.scope)}`;
  }

  get reads(): InvestigationReads {
    return this.input.reads;
  }

  get title(): string {
    return this.report.title;
  }

  /** The scan's onEvent (with onEventFor 'all': every event in scope is wanted). */
  observe(record: CloudTrailRecord, matched: readonly DetectionRule[] = []): void {
    this.report.observe(record, matched);
  }

  /** The report's Markdown section, put before the audit's summary. */
  section(result: ScanResult): string {
    return this.report.render(result, this.input.reads, this.options.request.follow);
  }

  explain(): string {
    return this.input.explain();
  }

  close(): void {
    this.input.close();
  }
}

export function startInvestigation(options: StartOptions): Investigation {
  return new Investigation(options);
}

/** The command line's investigation flags. */
export interface InvestigationFlags {
  source?: string;
  since?: string;
  start?: string;
  end?: string;
  'access-key-id'?: string[];
  'user-name'?: string[];
  'principal-arn'?: string[];
  follow?: string;
  's3-max-read-gb'?: string;
  's3-bucket'?: string;
  's3-prefix'?: string;
  accounts?: string[];
  regions?: string[];
  region?: string;
}

/** `--follow` may stand alone: it becomes `--follow=true` unless a number of hops follows it. */
export function withFollowDepth(argv: string[]): string[] {
  return argv.flatMap((arg, i) =>
    arg === '--follow' && !/^\d+$/.test(argv[i + 1] ?? '') ? ['--follow=true'] : [arg],
  );
}

/** What the command line asks to investigate, or undefined when it gives no scope. */
export interface CliInvestigation {
  request: InvestigationRequest;
  names: InvestigationNames;
  /** The scan's window: the source reads it (an open bound: from the first event, up to now). */
  window: TimeWindow;
  windowReason: string;
}

export function cliInvestigation(
  flags: InvestigationFlags,
  paths: string[],
  now: number,
): CliInvestigation | undefined {
  const scope = parseScope(
    {
      accessKeyIds: (flags['access-key-id'] ?? []).flatMap(parseList),
      userNames: (flags['user-name'] ?? []).flatMap(parseList),
      principalArns: (flags['principal-arn'] ?? []).flatMap(parseList),
    },
    CLI_SCOPE_NAMES,
  );
  if (!isScoped(scope)) {
    const stray = (['follow', 's3-max-read-gb'] as const).filter((name) => flags[name] !== undefined);
    if (stray.length > 0) {
      throw new UsageError(
        `${stray.map((n) => `--${n}`).join(', ')}: only for an investigation (--access-key-id, --user-name or --principal-arn)`,
      );
    }
    return undefined;
  }
  const kind = flags.source ?? 'files';
  const { window, scan, reason } = investigationWindow(
    flags,
    now,
    { since: '--since', start: '--start', end: '--end' },
    kind,
  );
  return {
    request: {
      scope,
      follow: parseFollow(flags.follow ?? '', '--follow'),
      s3MaxReadGb: parseS3MaxReadGb(flags['s3-max-read-gb'] ?? '', '--s3-max-read-gb'),
    },
    names: {
      s3MaxRead: '--s3-max-read-gb',
      source: '--source',
      since: '--since/--start/--end',
      regions: '--regions/--accounts',
    },
    window: scan ?? window,
    windowReason: reason,
  };
}
