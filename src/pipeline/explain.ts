/**
 * What an AWS source will read, known before any AWS call (`--explain` prints it before the scan, so that it is
 * there even when the credentials are missing or the scan is stopped): the Regions and the LookupEvents pushdown the
 * rules allow, the S3 folders of the window, the Athena SQL. What depends on the account (the plan each Region
 * chooses from its first page, the Athena table's own columns and partitions) is reported after the scan.
 */
import { silentLogger } from '../core/logger.js';
import { plural } from '../report/console.js';
import { loadRuleSet } from '../rules/rule-set.js';
import { buildQueries, PROJECTED_TABLE_PARTITIONS } from '../sql/index.js';
import { qualifiedTable, windowDays } from '../sources/athena/index.js';
import { describeCoverage, lookupRegions, ruleCovers } from '../sources/lookup-events/index.js';
import type { AuditConfig, SourceConfig } from './audit.js';
import { checkAwsSource } from './aws-sources.js';
import { DEFAULT_MAX_LOOKUP_CALLS } from '../core/options.js';

type AwsSourceConfig = Exclude<SourceConfig, { kind: 'files' }>;

/** The plan of an AWS source as text; the rule set is loaded as the scan will load it. */
export async function explainBeforeReading(
  config: Pick<AuditConfig, 'source' | 'window' | 'rules' | 'now'>,
): Promise<string | undefined> {
  const source = config.source;
  if (source.kind === 'files') return undefined;
  checkAwsSource(source);
  const { rules, correlations } = await loadRuleSet(config.rules, silentLogger);
  const start = config.window.start ?? config.now - 86_400_000;
  const end = config.window.end ?? config.now;
  const window = `${new Date(start).toISOString()} .. ${new Date(end).toISOString()}`;
  const lines = ['Plan (made before any AWS call):'];
  if (source.kind === 'lookup-events') {
    const regions = lookupRegions(source.regions.length > 0 ? source.regions : [source.region]);
    lines.push(`LookupEvents in ${regions.join(', ')} over ${window}`);
    if (source.everyEvent) {
      lines.push('every event is wanted (--timeline all): each Region is read in full, without pushdown');
    } else {
      lines.push(
        describeCoverage(
          ruleCovers(rules, { correlations }),
          source.maxLookupCalls ?? DEFAULT_MAX_LOOKUP_CALLS,
          source.budgetOption ?? 'max-lookup-calls',
        ),
      );
    }
  } else if (source.kind === 's3') {
    const days = windowDays({ start, end });
    lines.push(
      `s3://${source.bucket}/${source.prefix ? `${source.prefix.replace(/\/$/, '')}/` : ''}AWSLogs/: ` +
        `${scopeText(source)}; the day folders ${days[0]} to ${days.at(-1)} (the window ${window}, and the next ` +
        'hour of deliveries); only the files delivered in the window are read',
    );
  } else {
    lines.push(...athenaPlan(source, rules, { start, end }));
  }
  return lines.join('\n');
}

function scopeText(source: AwsSourceConfig): string {
  const accounts = source.accounts.length > 0 ? `accounts ${source.accounts.join(', ')}` : 'every account';
  const regions = source.regions.length > 0 ? `Regions ${source.regions.join(', ')}` : 'every Region';
  return `${accounts}, ${regions} found in the bucket`;
}

function athenaPlan(
  source: AwsSourceConfig,
  rules: Parameters<typeof buildQueries>[0]['rules'],
  window: { start: number; end: number },
): string[] {
  const athena = source.athena ?? { createTable: false };
  const table = `${athena.database}.${athena.table}`;
  const plans = buildQueries({
    rules,
    dialect: 'athena',
    table: qualifiedTable(athena.database!, athena.table!),
    window,
    partitions: PROJECTED_TABLE_PARTITIONS,
    ...(source.accounts.length > 0 ? { accounts: source.accounts } : {}),
    ...(source.regions.length > 0 ? { regions: source.regions } : {}),
  });
  const ids = (list: string[]) => (list.length > 0 ? list.join(', ') : '-');
  const exact = plans.flatMap((p) => p.exact);
  const pushed = plans.flatMap((p) => p.pushedDown);
  const unconstrained = plans.flatMap((p) => p.unconstrained);
  return [
    `Athena over ${table}${athena.workGroup ? ` (workgroup ${athena.workGroup})` : ''}, the days of ${window.start ? new Date(window.start).toISOString() : '-'} .. ${new Date(window.end).toISOString()}: ` +
      `${plural(exact.length + pushed.length + unconstrained.length, 'rule')} in ${plans.length === 1 ? 'one query' : `${plans.length} queries`}`,
    `  exact: ${ids(exact)}`,
    `  pushed down (re-checked in-process): ${ids(pushed)}`,
    ...(unconstrained.length > 0 ? [`  unconstrained (every row of the window): ${ids(unconstrained)}`] : []),
    'The SQL, for a table as --athena-create-table makes it (partition projection on account, region and day); ' +
      "the query that runs follows the table's own columns and partitions:",
    '',
    ...plans.map((p) => p.sql),
  ];
}
