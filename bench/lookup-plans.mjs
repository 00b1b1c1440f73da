// node bench/lookup-plans.mjs [--events N] [--hours H] [--throttle 0.3] [--latency MS]: calls and wall time of each
// LookupEvents plan with the default rule set on a generated busy account (see bench/lookup-plans-core.ts), run
// through its jest test. `--events 833 --hours 1` is the same account's hourly run.
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '20000' },
    hours: { type: 'string', default: '24' },
    throttle: { type: 'string', default: '0' },
    latency: { type: 'string', default: '0' },
  },
});
const run = spawnSync('npx', ['jest', 'test/sources/lookup-events/busy-account.test.ts', '-t', 'benchmark'], {
  stdio: 'inherit',
  env: {
    ...process.env,
    NODE_OPTIONS: '--experimental-vm-modules',
    NODE_NO_WARNINGS: '1',
    LOOKUP_BENCH_EVENTS: values.events,
    LOOKUP_BENCH_HOURS: values.hours,
    LOOKUP_BENCH_THROTTLE: values.throttle,
    LOOKUP_BENCH_LATENCY: values.latency,
  },
});
process.exit(run.status ?? 1);
