// node bench/athena-pruning.mjs [--accounts N] [--regions N] [--days N] [--events N] [--seed S]
// The bytes an Athena query scans with partition pruning (24-hour window, one account) against the whole table,
// on a generated organization trail (real gzip log files in the S3 layout, seeded), from the athena source's
// scan estimator against the loopback S3 server. Runs test/sources/athena-pruning.test.ts through jest, which
// prints the table (see bench/athena-pruning-core.ts).
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '12' },
    regions: { type: 'string', default: '3' },
    days: { type: 'string', default: '10' },
    events: { type: 'string', default: '60' },
    seed: { type: 'string', default: '1' },
  },
});
const run = spawnSync('npx', ['jest', 'test/sources/athena-pruning.test.ts', '-t', 'benchmark'], {
  stdio: 'inherit',
  env: {
    ...process.env,
    NODE_OPTIONS: '--experimental-vm-modules',
    NODE_NO_WARNINGS: '1',
    ATHENA_BENCH_ACCOUNTS: values.accounts,
    ATHENA_BENCH_REGIONS: values.regions,
    ATHENA_BENCH_DAYS: values.days,
    ATHENA_BENCH_EVENTS: values.events,
    ATHENA_BENCH_SEED: values.seed,
  },
});
process.exit(run.status ?? 1);
