import type { TimeWindow } from '../core/window.js';
import type { AthenaInputs } from '../pipeline/aws-sources.js';
import type { SourceConfig } from '../pipeline/audit.js';
import { parseDuration, parseList, parseMaxLookupCalls, parseTime } from '../core/options.js';
import { UsageError } from '../core/errors.js';
import { notOneOf } from '../core/did-you-mean.js';

export interface SourceFlags {
  source?: string;
  since?: string;
  start?: string;
  end?: string;
  's3-bucket'?: string;
  's3-prefix'?: string;
  accounts?: string[];
  regions?: string[];
  region?: string;
  /** `--timeline all`: every event is wanted. */
  timelineAll?: boolean;
  'athena-database'?: string;
  'athena-table'?: string;
  'athena-workgroup'?: string;
  'athena-output-location'?: string;
  'athena-create-table'?: boolean;
  'max-scan-gb'?: string;
  'max-lookup-calls'?: string;
  explain?: boolean;
}

/** The flags that only an AWS source reads: refused with the files source rather than ignored. */
const AWS_ONLY = ['accounts', 'regions', 'region', 's3-bucket', 's3-prefix'] as const;

/** `--since`, named in its messages, with the unit suggested for a bare number (`--since 24`). */
export function parseSince(text: string): number {
  if (/^\s*\d+(\.\d+)?\s*$/.test(text)) {
    throw new UsageError(
      `--since: '${text}' has no unit: give ${text.trim()}h for hours (or m for minutes, d for days)`,
    );
  }
  return parseDuration(text, '--since');
}

/** The window of --since or --start/--end (either may be given alone), each flag named in its messages. */
export function cliWindow(flags: Pick<SourceFlags, 'since' | 'start' | 'end'>, now: number): TimeWindow {
  if (flags.since !== undefined && (flags.start !== undefined || flags.end !== undefined)) {
    throw new UsageError('give either --since or --start/--end, not both');
  }
  if (flags.since !== undefined) return { start: now - parseSince(flags.since), end: now };
  const window: TimeWindow = {};
  if (flags.start !== undefined) window.start = parseTime(flags.start, '--start');
  if (flags.end !== undefined) window.end = parseTime(flags.end, '--end');
  if (window.start !== undefined && window.end !== undefined && window.start > window.end) {
    throw new UsageError(
      `--start ${new Date(window.start).toISOString()} is after --end ${new Date(window.end).toISOString()}`,
    );
  }
  return window;
}

/** The --athena-* flags and --max-scan-gb; refused with another source rather than ignored. */
function athenaFlags(flags: SourceFlags, kind: string): AthenaInputs | undefined {
  const names = [
    'athena-database',
    'athena-table',
    'athena-workgroup',
    'athena-output-location',
    'athena-create-table',
    'max-scan-gb',
  ] as const;
  if (kind !== 'athena') {
    const given = names.filter((name) => flags[name] !== undefined);
    if (given.length > 0)
      throw new UsageError(`${given.map((n) => `--${n}`).join(', ')}: only for --source athena`);
    return undefined;
  }
  const maxScan = flags['max-scan-gb'];
  if (maxScan !== undefined && !(/^\d+(\.\d+)?$/.test(maxScan.trim()) && Number(maxScan) > 0)) {
    throw new UsageError(`--max-scan-gb: '${maxScan}' is not a positive number of gigabytes`);
  }
  return {
    database: flags['athena-database'],
    table: flags['athena-table'],
    workGroup: flags['athena-workgroup'],
    outputLocation: flags['athena-output-location'],
    createTable: flags['athena-create-table'] ?? false,
    ...(maxScan !== undefined ? { maxScanGb: Number(maxScan) } : {}),
  };
}

export interface CliSource {
  source: SourceConfig;
  window: TimeWindow;
  windowReason: string;
}

/** The scan's source and window from the command line: files (PATH...) or an AWS source. */
export function cliSource(flags: SourceFlags, paths: string[], now: number): CliSource {
  const kind = flags.source ?? 'files';
  const athena = athenaFlags(flags, kind);
  const maxLookupCalls = parseMaxLookupCalls(flags['max-lookup-calls'], '--max-lookup-calls', kind);
  const explicit = Boolean(flags.since || flags.start || flags.end);
  const windowReason = flags.since
    ? `the last ${flags.since} (--since)`
    : explicit
      ? '--start/--end'
      : kind === 'files'
        ? 'every event in the files'
        : 'the last 24 hours (default)';
  if (kind === 'files') {
    const given = AWS_ONLY.filter((name) => flags[name] !== undefined);
    if (given.length > 0) {
      throw new UsageError(
        `${given.map((n) => `--${n}`).join(', ')}: only for --source s3, lookup-events or athena (a scan of files ` +
          'reads every account and Region in them)',
      );
    }
    if (flags.explain) {
      throw new UsageError(
        '--explain: only for --source lookup-events, s3 or athena (and investigations): a scan of files calls no API',
      );
    }
    if (paths.length === 0)
      throw new UsageError('scan needs at least one PATH (a file or folder of CloudTrail logs)');
    return { source: { kind: 'files', paths }, window: cliWindow(flags, now), windowReason };
  }
  if (!(['lookup-events', 's3', 'athena'] as const).includes(kind as never))
    throw new UsageError(`--source: ${notOneOf(kind, ['files', 's3', 'lookup-events', 'athena'])}`);
  if (kind === 's3' && !flags['s3-bucket'])
    throw new UsageError('--source s3 needs --s3-bucket (the trail bucket)');
  if (paths.length > 0) throw new UsageError(`PATH arguments are for --source files, not --source ${kind}`);
  // AWS sources read a bounded window: the last 24 hours unless told otherwise; an open end is now.
  const window = explicit ? cliWindow(flags, now) : { start: now - 86_400_000, end: now };
  const bounded = { start: window.start ?? now - 86_400_000, end: window.end ?? now };
  return {
    source: {
      kind: kind as 'lookup-events' | 's3' | 'athena',
      region: flags.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1',
      bucket: flags['s3-bucket'],
      prefix: flags['s3-prefix'],
      accounts: (flags.accounts ?? []).flatMap(parseList),
      regions: (flags.regions ?? []).flatMap(parseList),
      everyEvent: flags.timelineAll ?? false,
      ...(athena ? { athena } : {}),
      ...(maxLookupCalls !== undefined ? { maxLookupCalls } : {}),
      budgetOption: '--max-lookup-calls',
    },
    window: bounded,
    windowReason,
  };
}
