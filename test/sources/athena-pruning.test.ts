/**
 * The partition-pruning benchmark (bench/athena-pruning-core.ts) at a small size: the estimator's figures must
 * equal the objects' sizes, and a 24-hour window for one account must scan a small share of the table.
 * `node bench/athena-pruning.mjs` runs it at other sizes and only prints the table.
 */
import { expect, it } from '@jest/globals';
import { formatPruningBench, runPruningBench } from '../../bench/athena-pruning-core.js';

const env = process.env;

it('benchmark: partition pruning scans one account-day of the table, as the S3 listing says', async () => {
  const sized = env.ATHENA_BENCH_ACCOUNTS !== undefined;
  const result = await runPruningBench({
    accounts: Number(env.ATHENA_BENCH_ACCOUNTS ?? 6),
    regions: Number(env.ATHENA_BENCH_REGIONS ?? 3),
    days: Number(env.ATHENA_BENCH_DAYS ?? 7),
    eventsPerDay: Number(env.ATHENA_BENCH_EVENTS ?? 80),
    seed: Number(env.ATHENA_BENCH_SEED ?? 1),
  });
  process.stdout.write(`\n${formatPruningBench(result)}\n\n`);
  expect(result.tableEstimate).toBe(result.tableBytes);
  expect(result.prunedBytes).toBe(result.prunedBytesExpected);
  expect(result.window.days).toEqual(['2024/06/09/', '2024/06/10/']);
  if (sized) return;
  // One account of 6, two day folders of the 8 the week's deliveries span (7 days and the spill-over).
  expect(result.prunedBytes).toBeGreaterThan(0);
  expect(result.prunedBytes / result.tableBytes).toBeLessThan(0.15);
});
