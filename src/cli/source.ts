import type { TimeWindow } from '../detect/detector.js';
import { parseList, resolveWindow, UsageError } from '../pipeline/options.js';
import type { RecordSource } from '../pipeline/scan.js';
import type { CompiledRule } from '../rules/compile.js';
import {
  explainLookupPlans,
  lookupRegions,
  pushdownTargets,
  readLookupEvents,
  type RegionReport,
} from '../sources/lookup-events/index.js';
import { createS3Client, readS3 } from '../sources/s3/index.js';

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
  /** What an API source planned and spent (`--explain`). */
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
  if (paths.length > 0) throw new UsageError(`PATH arguments are for --source files, not --source ${kind}`);
  // AWS sources read a bounded window: the last 24 hours unless told otherwise; an open end is now.
  const window = resolveWindow(explicit ? flags : { since: '24h' }, now);
  const bounded = { start: window.start ?? now - 86_400_000, end: window.end ?? now };
  if (kind === 's3') {
    const bucket = flags['s3-bucket'];
    if (!bucket) throw new UsageError('--source s3 needs --s3-bucket (the trail bucket)');
    const client = createS3Client({
      region: flags.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1',
    });
    const prefix = flags['s3-prefix'] ?? '';
    return {
      source: (stats, _rules, signal) =>
        readS3(
          {
            client,
            bucket,
            prefix,
            accounts: (flags.accounts ?? []).flatMap(parseList),
            regions: (flags.regions ?? []).flatMap(parseList),
            window: bounded,
            signal,
          },
          stats,
          stats,
        ),
      window: bounded,
      windowReason,
      description: `s3://${bucket}/${prefix}`,
      close: () => client.destroy(),
    };
  }
  if (kind === 'lookup-events') {
    const regions = (flags.regions ?? []).flatMap(parseList);
    if (regions.length === 0)
      regions.push(flags.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1');
    const reports: RegionReport[] = [];
    let ran: readonly CompiledRule[] = [];
    return {
      source: (stats, rules, signal) => {
        ran = rules;
        return readLookupEvents(
          {
            regions,
            start: new Date(bounded.start),
            end: new Date(bounded.end),
            rules,
            // A timeline of every event needs every event, whatever the rules can match.
            plan: flags.timelineAll ? 'full' : 'auto',
            signal,
            onRegionDone: (report) => reports.push(report),
          },
          stats,
          stats,
        );
      },
      window: bounded,
      windowReason,
      description: `lookup-events: ${lookupRegions(regions, true).join(', ')}`,
      explain: () => explainLookupPlans(pushdownTargets(ran), reports),
      close() {},
    };
  }
  throw new UsageError(`--source ${kind}: not one of files, s3, lookup-events (athena is not supported yet)`);
}
