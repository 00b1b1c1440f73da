import { DEFAULT_MAX_LOOKUP_CALLS } from '../core/options.js';
import type { SourceCoverage } from '../core/stats.js';
import type { CompiledRule } from '../rules/compile.js';
import {
  explainLookupPlans,
  lookupRegions,
  readLookupEvents,
  type RegionReport,
} from '../sources/lookup-events/index.js';
import { createS3Client, readS3 } from '../sources/s3/index.js';
import type { S3ClientOptions } from '../sources/s3/index.js';
import { createAthenaClient, explainAthena, newAthenaReport, readAthena } from '../sources/athena/index.js';
import { UsageError } from '../core/errors.js';
import type { RecordSource } from '../sources/record-source.js';

/** An AWS source ready for a scan, shared by the CLI and the action. */
export interface AwsSource {
  source: RecordSource;
  description: string;
  /** What an API source planned and spent (`--explain`). */
  explain?: () => string;
  close(): void;
}

export interface AwsSourceOptions {
  kind: string;
  window: { start: number; end: number };
  region: string;
  credentials?: S3ClientOptions['credentials'];
  bucket?: string;
  prefix?: string;
  accounts: string[];
  regions: string[];
  /** Every event is wanted (a timeline of all events): no pushdown. */
  everyEvent: boolean;
  /** `source: lookup-events`: the most LookupEvents calls of the run (default DEFAULT_MAX_LOOKUP_CALLS), and its option. */
  maxLookupCalls?: number;
  budgetOption?: string;
  /** `source: athena`. */
  athena?: AthenaInputs;
}

/** The athena-* inputs (and max-scan-gb). */
export interface AthenaInputs {
  database?: string;
  table?: string;
  workGroup?: string;
  outputLocation?: string;
  createTable: boolean;
  /** Gigabytes (2^30 bytes). */
  maxScanGb?: number;
}

/** Throws a UsageError naming what an AWS source lacks: checked before credentials are looked for. */
export function checkAwsSource(options: Omit<AwsSourceOptions, 'window' | 'credentials'>): void {
  if (options.kind === 's3' && !options.bucket)
    throw new UsageError('the s3 source needs the trail bucket (s3-bucket / --s3-bucket)');
  if (options.kind === 'athena') {
    const inputs = options.athena ?? { createTable: false };
    if (!inputs.database || !inputs.table) {
      throw new UsageError(
        'the athena source needs the Glue database and the CloudTrail table (athena-database and athena-table / ' +
          '--athena-database and --athena-table)',
      );
    }
    if ((inputs.createTable || inputs.maxScanGb !== undefined) && !options.bucket) {
      throw new UsageError(
        `${inputs.createTable ? 'athena-create-table' : 'max-scan-gb'} needs the trail bucket (s3-bucket / --s3-bucket, ` +
          'and s3-prefix when the trail has one): ' +
          (inputs.createTable
            ? 'the table is created over its AWSLogs/ folder'
            : "the query's scan is estimated from the S3 objects of the partitions it selects"),
      );
    }
  }
  if (!['s3', 'lookup-events', 'athena'].includes(options.kind))
    throw new UsageError(`source ${options.kind}: not one of files, s3, lookup-events, athena`);
}

export function awsSource(options: AwsSourceOptions): AwsSource {
  checkAwsSource(options);
  const { window } = options;
  if (options.kind === 's3') {
    const bucket = options.bucket!;
    const client = createS3Client({ region: options.region, credentials: options.credentials });
    const prefix = options.prefix ?? '';
    return {
      source: (stats, rules, signal, context) =>
        readS3(
          {
            client,
            bucket,
            prefix,
            accounts: options.accounts,
            regions: options.regions,
            window,
            ...(signal ? { signal } : {}),
            ...(context?.history ? { history: { ...context.history, spans: historySpans(rules) } } : {}),
            onCoverage: (coverage) => (stats.coverage = coverage),
          },
          stats,
          stats,
        ),
      description: `s3://${bucket}/${prefix}`,
      close: () => client.destroy(),
    };
  }
  if (options.kind === 'lookup-events') {
    const regions = options.regions.length > 0 ? options.regions : [options.region];
    const reports: RegionReport[] = [];
    let coverage: SourceCoverage | undefined;
    return {
      source: async function* (stats, rules, signal, context) {
        yield* readLookupEvents(
          {
            regions,
            start: new Date(window.start),
            end: new Date(window.end),
            rules,
            ...(context ? { context } : {}),
            credentials: options.credentials,
            plan: options.everyEvent ? 'full' : 'auto',
            maxCalls: options.maxLookupCalls ?? DEFAULT_MAX_LOOKUP_CALLS,
            budgetOption: options.budgetOption ?? 'max-lookup-calls',
            ...(signal ? { signal } : {}),
            onRegionDone: (report) => reports.push(report),
          },
          stats,
          stats,
        );
        coverage = stats.coverage;
      },
      description: `lookup-events: ${lookupRegions(regions, true).join(', ')}`,
      explain: () => explainLookupPlans(coverage, reports),
      close() {},
    };
  }
  if (options.kind === 'athena') return athenaSource(options);
  throw new UsageError(`source ${options.kind}: not one of files, s3, lookup-events, athena`);
}

/** Each first-seen rule's history window, in milliseconds. */
function historySpans(rules: readonly CompiledRule[]): Map<string, number> {
  const spans = new Map<string, number>();
  for (const { rule } of rules) if (rule.firstSeen) spans.set(rule.ruleId, rule.firstSeen.history * 1000);
  return spans;
}

function athenaSource(options: AwsSourceOptions): AwsSource {
  const inputs = options.athena ?? { createTable: false };
  const client = createAthenaClient({ region: options.region, credentials: options.credentials });
  const s3 = options.bucket
    ? createS3Client({ region: options.region, credentials: options.credentials })
    : undefined;
  const report = newAthenaReport();
  const database = inputs.database!;
  const table = inputs.table!;
  return {
    source: (stats, rules, signal) => {
      stats.query = report;
      return readAthena(
        {
          client,
          database,
          table,
          window: options.window,
          accounts: options.accounts,
          regions: options.regions,
          rules,
          ...(inputs.workGroup ? { workGroup: inputs.workGroup } : {}),
          ...(inputs.outputLocation ? { outputLocation: inputs.outputLocation } : {}),
          ...(s3 && options.bucket
            ? {
                trail: {
                  client: s3,
                  bucket: options.bucket,
                  ...(options.prefix ? { prefix: options.prefix } : {}),
                },
              }
            : {}),
          ...(inputs.createTable
            ? { createTable: { accounts: options.accounts, regions: options.regions } }
            : {}),
          ...(inputs.maxScanGb !== undefined ? { maxScanBytes: inputs.maxScanGb * 2 ** 30 } : {}),
          ...(signal ? { signal } : {}),
        },
        stats,
        stats,
        report,
      );
    },
    description: `athena: ${database}.${table}${inputs.workGroup ? ` (workgroup ${inputs.workGroup})` : ''}`,
    explain: () => explainAthena(report),
    close: () => {
      client.destroy();
      s3?.destroy();
    },
  };
}
