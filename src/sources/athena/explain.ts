/** The Athena plan and what it cost, as text: the CLI's `--explain`, the action's log and the summary's line. */
import { formatBytes, formatUsd } from '../../core/format.js';
import type { QueryPlan } from '../../sql/index.js';
import type { ScanEstimate } from './estimate.js';

function ids(list: readonly string[]): string {
  return list.length === 0 ? 'none' : list.join(', ');
}

/** `1.20 GB scanned, ~$0.0059 (engine 3.2 s)` — or why nothing was scanned. */
export function describeQueryCost(report: AthenaReport): string {
  if (report.state === 'planned') return 'no query ran';
  const engine = `engine ${(report.engineMs / 1000).toFixed(1)} s`;
  const stopped = report.state === 'stopped' ? '; stopped when the run was cancelled' : '';
  if (report.state !== 'succeeded') return `query ${report.queryId ?? '-'} did not finish${stopped}`;
  return `${formatBytes(report.bytesScanned)} scanned, ~${formatUsd(report.costUsd)} (${engine})`;
}

/** Several lines: the rules exact vs pushed down, the scan estimate and the guard, the query and its cost. */
export function explainAthena(report: AthenaReport): string {
  const lines: string[] = [];
  const plan = report.plan;
  if (plan) {
    const total = plan.exact.length + plan.pushedDown.length + plan.unconstrained.length;
    const queries =
      report.queries > 1 ? `${report.queries} queries (over Athena's limits on one query)` : 'one query';
    lines.push(
      `Athena query: ${total} rule${total === 1 ? '' : 's'} in ${queries}; ` +
        `${plan.exact.length} compiled exactly, ${plan.pushedDown.length} pushed down as a necessary condition ` +
        `(re-checked in-process), ${plan.unconstrained.length} unconstrained (every row in the window)`,
    );
    lines.push(`  exact: ${ids(plan.exact)}`);
    lines.push(`  pushed down: ${ids(plan.pushedDown)}`);
    if (plan.unconstrained.length) lines.push(`  unconstrained: ${ids(plan.unconstrained)}`);
    if (plan.outsideTable.length) {
      lines.push(
        `  outside the table: ${ids(plan.outsideTable)} (they use fields the CloudTrail table does not hold: ` +
          'they may find less than on the s3 source)',
      );
    }
  }
  if (report.table) lines.push(`  table: ${report.table}`);
  if (report.createTable) {
    lines.push(
      `  table ${report.createTable.action} (query ${report.createTable.queryId}): ${report.createTable.changes.join('; ')}`,
    );
  }
  if (report.estimate) {
    const e = report.estimate;
    const limit =
      report.maxScanBytes !== undefined ? ` (max-scan-gb: ${formatBytes(report.maxScanBytes)})` : '';
    const days = e.days ? `${e.days.length} days` : 'every day: not partitioned by day';
    lines.push(
      `  scan estimate: ${e.stoppedAbove ? 'more than ' : ''}${formatBytes(e.bytes)} in ${e.objects} objects, ` +
        `${e.partitions} partitions (${e.folders} account/region folders × ${days})${limit}` +
        (e.unlisted ? `; ${e.unlisted} partitions could not be listed` : ''),
    );
  }
  for (const note of report.notes) lines.push(`  note: ${note}`);
  if (report.queryId) {
    lines.push(
      `  ${report.queryIds.length > 1 ? 'queries' : 'query'} ${report.queryId}: ${describeQueryCost(report)}; ` +
        `${report.rows} rows in ${report.pages} pages` +
        (report.rowsSkipped ? ` (${report.rowsSkipped} skipped)` : ''),
    );
  }
  return lines.join('\n');
}

/** What the source planned and spent: for the summary, the findings file's stats and `--explain`. */
export interface AthenaReport {
  /** The plans of the query's parts, merged (`sql`: the parts' SQL, separated by blank lines). */
  plan?: QueryPlan;
  /** Queries the rule set needs (1 unless its SQL is over Athena's limits), those split on a failure included. */
  queries: number;
  /** Ids of the SELECT queries started (a retried or split query's too). */
  queryIds: string[];
  estimate?: ScanEstimate;
  maxScanBytes?: number;
  /** What athena-create-table did (nothing when the table was up to date). */
  createTable?: { queryId: string; action: 'created' | 'updated'; changes: string[] };
  /** The table's shape, in words (`projected: account, region, timestamp`). */
  table?: string;
  /** Things the reader should know that are not problems (a query split, the table left as it was). */
  notes: string[];
  /** The query ids, comma-separated. */
  queryId?: string;
  state: 'planned' | 'running' | 'succeeded' | 'stopped';
  /**
   * Sums over every query that ran (failed, cancelled and stopped ones included): AWS bills a succeeded or
   * cancelled query per MB scanned, 10 MB at least; a failed one is not billed.
   */
  bytesScanned: number;
  engineMs: number;
  costUsd: number;
  pages: number;
  rows: number;
  rowsSkipped: number;
}
