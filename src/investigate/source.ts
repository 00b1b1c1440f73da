/**
 * The records of an investigation: only the events of the credentials in scope, from any source, with the scope
 * pushed down where the source can take it.
 *
 * - `lookup-events`: the scope becomes lookups (`AccessKeyId`, `Username`, `ResourceName` for a role's
 *   AssumeRole events) in each Region, and following a trail becomes rounds of lookups for the credentials found
 *   (sources/lookup-events/scoped.ts). What LookupEvents answers is checked again here: `Username=alice` also
 *   answers role sessions named alice.
 * - `s3`: no index; every log file of the window is read and filtered here. What that costs is estimated from
 *   the listing before the first download, logged, and refused past the read budget. Following reads again, from
 *   the time the first new credential was created (none of its events is older).
 * - `files`: read and filtered here; following reads the files again.
 * - `athena`: the scope becomes the query's condition (scopeRule: the credentials' events, every column), and
 *   following a trail one more query per round for the credentials found; each query is estimated against
 *   max-scan-gb before it runs.
 *
 * A record is parsed only when one of the credentials' distinctive strings occurs in its text (CredentialSet
 * .mayMatch), so the filter costs little more than reading; the events in scope are de-duplicated here by eventID
 * (a second pass meets them again).
 */
import { parseRecord } from '../records/parse.js';
import { SeenIds } from '../records/seen-ids.js';
import type { RecordSource } from '../sources/record-source.js';
import { UsageError } from '../core/errors.js';
import { readFiles } from '../sources/files/index.js';
import type { S3ClientOptions, S3Plan, S3SourceOptions } from '../sources/s3/index.js';
import type { ScopedLookup, ScopedLookupReport } from '../sources/lookup-events/scoped.js';
import type { RawRecord, SourceReporter } from '../core/source.js';
import type { ScanStats } from '../core/stats.js';
import { compileRule, type CompiledRule } from '../rules/compile.js';
import { type Credential, CredentialSet } from './credentials.js';

/** The Regions enabled by default in every AWS account (opt-in Regions are read when listed in `regions`). */
export const DEFAULT_ENABLED_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'sa-east-1',
  'eu-central-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-north-1',
  'ap-south-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-southeast-1',
  'ap-southeast-2',
];

export const DEFAULT_S3_MAX_READ_GB = 10;

export interface InvestigationSourceOptions {
  kind: string;
  /** `files`: the files and folders. */
  paths: string[];
  window: { start: number; end: number };
  credentials: CredentialSet;
  /** The SDK clients' region. */
  region: string;
  /** Regions to read; empty: for lookup-events the Regions enabled by default, for s3 every Region found. */
  regions: string[];
  accounts: string[];
  awsCredentials?: S3ClientOptions['credentials'];
  bucket?: string;
  prefix?: string;
  /** Compressed bytes an s3 investigation may read (all passes together). */
  s3MaxReadBytes: number;
  /** The flag or input that sets it, and the other names, for messages. */
  names: { s3MaxRead: string; source: string; since: string; regions: string };
  /** Requests per second per Region (LookupEvents); default 2. */
  requestsPerSecond?: number;
  /**
   * `athena`: runs the Athena source with one rule, the scope as a detection (scopeRule), over the window: the
   * query returns the rows of the credentials' events (every column), with the table's partitions pruned.
   */
  athena?: {
    query(rule: CompiledRule, stats: ScanStats, signal?: AbortSignal): AsyncIterable<RawRecord>;
    explain(): string;
    close(): void;
  };
}

/** What the investigation's source read and kept. */
export interface InvestigationReads {
  /** Records the source yielded (all of them, for s3 and files; the lookups' answers for lookup-events). */
  recordsRead: number;
  /** Records in scope, handed to the scan. */
  inScope: number;
  /** Passes over the source (s3, files): 1, and one more per round of following. */
  passes: number;
  /** s3: what each pass listed and read. */
  s3Passes: { objects: number; bytes: number; from: string }[];
  lookup?: ScopedLookupReport;
  /** Credentials found whose events were not read (budget). */
  notFollowed: string[];
}

export interface InvestigationSource {
  source: RecordSource;
  description: string;
  reads: InvestigationReads;
  /** What the source cost, as text (`--explain`, the action's log). */
  explain(): string;
  close(): void;
}

export function investigationSource(options: InvestigationSourceOptions): InvestigationSource {
  const reads: InvestigationReads = {
    recordsRead: 0,
    inScope: 0,
    passes: 0,
    s3Passes: [],
    notFollowed: [],
  };
  const set = options.credentials;
  switch (options.kind) {
    case 'lookup-events': {
      const regions = options.regions.length > 0 ? options.regions : DEFAULT_ENABLED_REGIONS;
      // The AWS SDK loads when a source uses it, not at every start of the CLI.
      const scoped = import('../sources/lookup-events/scoped.js');
      let explainLookups: ((report: ScopedLookupReport) => string) | undefined;
      return {
        source: (stats, _rules, signal) =>
          filtered(
            scoped.then(({ readScopedLookupEvents, explainScopedLookups }) => {
              explainLookups = explainScopedLookups;
              return readScopedLookupEvents(
                {
                  regions,
                  start: new Date(options.window.start),
                  end: new Date(options.window.end),
                  lookups: set.all.flatMap(lookupsOf),
                  nextLookups: () => set.takeAdded().flatMap(lookupsOf),
                  credentials: options.awsCredentials,
                  ...(options.requestsPerSecond !== undefined
                    ? { requestsPerSecond: options.requestsPerSecond }
                    : {}),
                  ...(signal ? { signal } : {}),
                  onDone: (report) => (reads.lookup = report),
                },
                stats,
                stats,
              );
            }),
            set,
            reads,
          ),
        description: `lookup-events (scoped): ${regions.length} Regions`,
        reads,
        explain: () =>
          reads.lookup && explainLookups ? explainLookups(reads.lookup) : 'LookupEvents: nothing read',
        close() {},
      };
    }
    case 's3': {
      const bucket = options.bucket;
      if (!bucket) throw new UsageError('the s3 source needs the trail bucket (s3-bucket / --s3-bucket)');
      const s3 = import('../sources/s3/index.js').then((module) => ({
        module,
        client: module.createS3Client({ region: options.region, credentials: options.awsCredentials }),
      }));
      const prefix = options.prefix ?? '';
      return {
        source: (stats, _rules, signal) =>
          passes(
            (from, budget) =>
              readS3Lazily(
                s3,
                {
                  bucket,
                  prefix,
                  accounts: options.accounts,
                  regions: options.regions,
                  window: { start: from, end: options.window.end },
                  ...(signal ? { signal } : {}),
                  onPlan: (plan) => budget(plan),
                },
                stats,
              ),
            options,
            reads,
            stats,
          ),
        description: `s3://${bucket}/${prefix} (scoped: every file of the window read and filtered)`,
        reads,
        explain: () => explainPasses(reads),
        close: () => void s3.then(({ client }) => client.destroy()),
      };
    }
    case 'athena': {
      const athena = options.athena;
      if (!athena) throw new UsageError(`${options.names.source} athena: the Athena table is not set`);
      return {
        source: (stats, _rules, signal) => queryRounds(athena, stats, signal, options, reads),
        description: "athena (scoped: the credentials' events queried)",
        reads,
        explain: () => `${explainPasses(reads)}\n${athena.explain()}`,
        close: () => athena.close(),
      };
    }
    case 'files':
      if (options.paths.length === 0)
        throw new UsageError('scan needs at least one PATH (a file or folder of CloudTrail logs)');
      return {
        source: (stats, _rules, signal) =>
          passes(() => readFiles(options.paths, stats, signal ? { signal } : {}), options, reads, stats),
        description: `files: ${options.paths.join(', ')}`,
        reads,
        explain: () => explainPasses(reads),
        close() {},
      };
    default:
      checkInvestigationSource(options.kind, options.names);
      throw new UsageError(`${options.names.source} ${options.kind}: not a source an investigation reads`);
  }
}

/** Refuses a source an investigation cannot read, before credentials are looked for. */
export function checkInvestigationSource(
  kind: string,
  names: Pick<InvestigationSourceOptions['names'], 'source' | 's3MaxRead'>,
): void {
  if (!['files', 's3', 'lookup-events', 'athena'].includes(kind))
    throw new UsageError(`${names.source} ${kind}: not one of files, s3, lookup-events, athena`);
}

/** The LookupEvents lookups that find a credential's events. */
export function lookupsOf(credential: Credential): ScopedLookup[] {
  switch (credential.kind) {
    case 'access-key':
      return [{ key: 'AccessKeyId', value: credential.value }];
    case 'user':
      return [{ key: 'Username', value: credential.value }];
    case 'console':
      return [
        {
          key: 'Username',
          value: credential.value,
          ...(credential.since !== undefined
            ? { start: new Date(Math.floor(credential.since / 1000) * 1000) }
            : {}),
        },
      ];
    case 'role':
      // The role's sessions are found in the AssumeRole events that name it; their keys are looked up next.
      return [{ key: 'ResourceName', value: credential.value }];
    case 'principal': {
      const p = credential.principal!;
      return [{ key: 'Username', value: p.kind === 'assumed-role' ? p.session! : p.name }];
    }
  }
}

/** The source's records that are in scope (observing every one: role sessions, followed credentials). */
/** readS3 once its module (and the AWS SDK) has loaded. */
async function* readS3Lazily(
  s3: Promise<{ module: typeof import('../sources/s3/index.js'); client: S3SourceOptions['client'] }>,
  options: Omit<S3SourceOptions, 'client'>,
  stats: ScanStats,
): AsyncGenerator<RawRecord> {
  const { module, client } = await s3;
  yield* module.readS3({ ...options, client }, stats, stats);
}

async function* filtered(
  raw: Promise<AsyncIterable<RawRecord>>,
  set: CredentialSet,
  reads: InvestigationReads,
): AsyncGenerator<RawRecord> {
  reads.passes = 1;
  for await (const record of await raw) {
    reads.recordsRead++;
    const parsed = parseRecord(record.text);
    if (parsed.kind !== 'event') {
      yield record; // the records stage names the problem
      continue;
    }
    if (set.observe(parsed.record)) {
      reads.inScope++;
      yield record;
    }
  }
}

/**
 * Athena: one query for the credentials in scope, then, when following added credentials, one more for those
 * (a query per round, each estimated against max-scan-gb by the Athena source); rows are checked here again, as
 * the SQL is only a necessary condition (names compare case-insensitively there).
 */
async function* queryRounds(
  athena: NonNullable<InvestigationSourceOptions['athena']>,
  stats: ScanStats,
  signal: AbortSignal | undefined,
  options: InvestigationSourceOptions,
  reads: InvestigationReads,
): AsyncGenerator<RawRecord> {
  const set = options.credentials;
  const seen = new SeenIds();
  let round: readonly Credential[] = set.all;
  set.takeAdded();
  while (round.length > 0) {
    reads.passes++;
    for await (const record of athena.query(scopeRule(round), stats, signal)) {
      reads.recordsRead++;
      const parsed = parseRecord(record.text);
      if (parsed.kind !== 'event') {
        yield record; // the records stage names the problem
        continue;
      }
      const by = set.observe(parsed.record);
      if (!by || !round.includes(by)) continue;
      const id = parsed.record.eventID;
      if (typeof id === 'string' && !seen.add(id)) continue;
      reads.inScope++;
      yield record;
    }
    if (signal?.aborted) return;
    // A role's sessions are in its rows already: only followed credentials need another query.
    round = set.takeAdded().filter((c) => c.sessionOf === undefined);
  }
}

/** The credentials as one detection rule: the events they made (and the AssumeRole calls that name a role). */
export function scopeRule(credentials: readonly Credential[]): CompiledRule {
  const values = (kinds: Credential['kind'][]) => [
    ...new Set(credentials.filter((c) => kinds.includes(c.kind)).map((c) => c.value)),
  ];
  const selections: Record<string, unknown> = {};
  const keys = values(['access-key']);
  if (keys.length) selections.keys = { 'userIdentity.accessKeyId': keys };
  const arns = values(['principal']);
  if (arns.length) selections.principals = { 'userIdentity.arn': arns };
  const roles = values(['role']);
  if (roles.length) {
    selections.role_sessions = { 'userIdentity.sessionContext.sessionIssuer.arn': roles };
    selections.role_assumed = { eventName: 'AssumeRole', 'requestParameters.roleArn': roles };
  }
  const users = values(['user', 'console']);
  if (users.length) selections.users = { 'userIdentity.type': 'IAMUser', 'userIdentity.userName': users };
  return compileRule({
    ruleId: 'investigation-scope',
    kind: 'event',
    title: 'The events of the credentials investigated',
    description: '',
    level: 'informational',
    author: 'cloudtrail-audit',
    references: [],
    tags: [],
    attack: [],
    falsepositives: [],
    fields: [],
    groupBy: [],
    logsource: { product: 'aws', service: 'cloudtrail' },
    detection: { ...selections, condition: '1 of them' },
    file: 'investigation',
    builtin: true,
  });
}

class BudgetReached extends Error {}

/**
 * Sources without an index: every record read, the ones in scope kept; when following added credentials, another
 * pass from the time the earliest of them was created, keeping only their events (the others were all kept).
 */
async function* passes(
  read: (from: number, budget: (plan: S3Plan) => void) => AsyncIterable<RawRecord>,
  options: InvestigationSourceOptions,
  reads: InvestigationReads,
  reporter: SourceReporter,
): AsyncGenerator<RawRecord> {
  const set = options.credentials;
  const seen = new SeenIds();
  let covered = new Set<Credential>();
  let from = options.window.start;
  for (;;) {
    reads.passes++;
    const coveredBefore = new Set(set.all);
    const budget = (plan: S3Plan) => {
      const spent = reads.s3Passes.reduce((sum, p) => sum + p.bytes, 0);
      reads.s3Passes.push({
        objects: plan.objectsSelected,
        bytes: plan.bytesSelected,
        from: new Date(from).toISOString(),
      });
      if (spent + plan.bytesSelected <= options.s3MaxReadBytes) return;
      if (reads.passes === 1) throw new UsageError(overBudgetMessage(plan, options));
      throw new BudgetReached();
    };
    try {
      for await (const record of read(from, budget)) {
        reads.recordsRead++;
        if (!set.mayMatch(record.text)) continue;
        const parsed = parseRecord(record.text);
        if (parsed.kind !== 'event') {
          if (reads.passes === 1) yield record; // the records stage names the problem, once
          continue;
        }
        const by = set.observe(parsed.record);
        if (!by || covered.has(by)) continue;
        const id = parsed.record.eventID;
        if (typeof id === 'string' && !seen.add(id)) continue;
        reads.inScope++;
        yield record;
      }
    } catch (err) {
      if (!(err instanceof BudgetReached)) throw err;
      const left = set.takeAdded().map((c) => c.value);
      reads.notFollowed.push(...left);
      reporter.error(
        { file: 'investigation' },
        `not followed: ${left.join(', ')}: reading again for their events would pass ${options.names.s3MaxRead} ` +
          `(${formatGiB(options.s3MaxReadBytes)})`,
      );
      return;
    }
    // Role sessions are matched through their role already: only followed credentials need another pass.
    const added = set.takeAdded().filter((c) => c.sessionOf === undefined);
    if (added.length === 0) return;
    covered = coveredBefore;
    const created = Math.min(...added.map((c) => Date.parse(c.via?.eventTime ?? '') || options.window.start));
    from = Math.max(options.window.start, Math.floor(created / 1000) * 1000);
  }
}

function overBudgetMessage(plan: S3Plan, options: InvestigationSourceOptions): string {
  const { names } = options;
  return (
    `an investigation on s3 reads every log file of the window and keeps the credential's events: ` +
    `${plan.objectsSelected.toLocaleString('en-US')} objects, ${formatGiB(plan.bytesSelected)} compressed ` +
    `(${plan.root}, ${plan.folders.length} account and Region folders, delivered ${plan.delivery.from} to ` +
    `${plan.delivery.to}), more than ${names.s3MaxRead} (${formatGiB(options.s3MaxReadBytes)}). Raise ` +
    `${names.s3MaxRead} to read it; or narrow it (${names.since}, ${names.regions}); or use ${names.source} ` +
    'lookup-events for the management events of the last 90 days (looked up by credential: a few calls), or Athena ' +
    "over the trail's table (docs/athena.md)"
  );
}

function formatGiB(bytes: number): string {
  const gib = bytes / 2 ** 30;
  return gib >= 0.1 ? `${gib.toFixed(1)} GiB` : `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

function explainPasses(reads: InvestigationReads): string {
  const lines = [
    `Investigation: ${reads.passes} pass${reads.passes === 1 ? '' : 'es'} over the source, ` +
      `${reads.recordsRead.toLocaleString('en-US')} records read, ${reads.inScope} in scope`,
  ];
  reads.s3Passes.forEach((p, i) =>
    lines.push(
      `  pass ${i + 1}: ${p.objects.toLocaleString('en-US')} objects, ${formatGiB(p.bytes)} (files from ${p.from})`,
    ),
  );
  if (reads.notFollowed.length > 0)
    lines.push(`  not followed (read budget): ${reads.notFollowed.join(', ')}`);
  return lines.join('\n');
}

/** One line on what the source cost, for the report. */
export function describeReads(reads: InvestigationReads): string {
  if (reads.lookup) {
    const l = reads.lookup;
    const found = l.regions.filter((r) => r.found.length > 0).map((r) => r.region);
    return (
      `LookupEvents: ${l.calls} calls in ${l.rounds.length} round${l.rounds.length === 1 ? '' : 's'} over ` +
      `${l.regions.length} Regions (activity found in ${found.length}), ${l.events} events`
    );
  }
  const s3 = reads.s3Passes.length
    ? `; S3: ${reads.s3Passes.reduce((n, p) => n + p.objects, 0).toLocaleString('en-US')} objects, ` +
      formatGiB(reads.s3Passes.reduce((n, p) => n + p.bytes, 0))
    : '';
  return `${reads.passes} pass${reads.passes === 1 ? '' : 'es'}, ${reads.recordsRead.toLocaleString('en-US')} records read${s3}`;
}
