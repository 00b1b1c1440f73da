import type { TimeWindow } from '../detect/detector.js';
import { awsSource } from '../pipeline/aws-sources.js';
import { parseList, resolveWindow, UsageError } from '../pipeline/options.js';
import type { RecordSource } from '../pipeline/scan.js';

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
}

export interface CliSource {
  /** Undefined for the files source (the scan reads `paths`). */
  source?: RecordSource;
  window: TimeWindow;
  windowReason: string;
  description: string;
  explain?: () => string;
  close(): void;
}

/** The scan's source and window from the command line: files (PATH...) or an AWS source. */
export function cliSource(flags: SourceFlags, paths: string[], now: number): CliSource {
  const kind = flags.source ?? 'files';
  const explicit = Boolean(flags.since || flags.start || flags.end);
  const windowReason = flags.since
    ? `the last ${flags.since} (--since)`
    : explicit
      ? '--start/--end'
      : kind === 'files'
        ? 'every event in the files'
        : 'the last 24 hours (default)';
  if (kind === 'files') {
    if (paths.length === 0)
      throw new UsageError('scan needs at least one PATH (a file or folder of CloudTrail logs)');
    const window = resolveWindow({ start: flags.start, end: flags.end, since: flags.since }, now);
    return { window, windowReason, description: `files: ${paths.join(', ')}`, close() {} };
  }
  if (kind === 's3' && !flags['s3-bucket'])
    throw new UsageError('--source s3 needs --s3-bucket (the trail bucket)');
  if (paths.length > 0) throw new UsageError(`PATH arguments are for --source files, not --source ${kind}`);
  // AWS sources read a bounded window: the last 24 hours unless told otherwise; an open end is now.
  const window = resolveWindow(explicit ? flags : { since: '24h' }, now);
  const bounded = { start: window.start ?? now - 86_400_000, end: window.end ?? now };
  const aws = awsSource({
    kind,
    window: bounded,
    region: flags.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1',
    bucket: flags['s3-bucket'],
    prefix: flags['s3-prefix'],
    accounts: (flags.accounts ?? []).flatMap(parseList),
    regions: (flags.regions ?? []).flatMap(parseList),
    everyEvent: flags.timelineAll ?? false,
  });
  return { ...aws, window: bounded, windowReason };
}
