// npm run bench [-- --events N]: generates a corpus (deterministic), then times, in one run, the floor
// (gunzip + JSON.parse of every file) and the bundled CLI's scan with the built-in rules. Ratios, not absolute
// times, are what to compare: the machine is shared.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    corpus: { type: 'string' },
    generator: { type: 'string', default: '../shared/tools/gen-cloudtrail.mjs' },
  },
});
const corpus = values.corpus ?? join(tmpdir(), `cloudtrail-audit-bench-${values.events}`);
if (!existsSync(corpus)) {
  if (!existsSync(values.generator)) {
    console.error(
      `No corpus at ${corpus} and no generator at ${values.generator} (give --corpus or --generator).`,
    );
    process.exit(2);
  }
  console.log(`Generating ${values.events} events into ${corpus} ...`);
  const gen = spawnSync(
    'node',
    [values.generator, '--out', corpus, '--events', values.events, '--attacks', '--quiet'],
    {
      stdio: 'inherit',
    },
  );
  if (gen.status !== 0) process.exit(gen.status ?? 1);
}

function measure(name, script, args) {
  // Each run prints its record count; the rate uses what was really read, not the requested size.
  const started = process.hrtime.bigint();
  const run = spawnSync('node', ['bench/with-rusage.mjs', script, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== 0) throw new Error(`${name} failed (${run.status}): ${run.stderr.slice(-2000)}`);
  const rssKb = Number(/BENCH_MAX_RSS_KB=(\d+)/.exec(run.stderr)?.[1] ?? NaN);
  const events = Number(/(\d+) records|Scanned (\d+) events/.exec(run.stdout)?.slice(1).find(Boolean) ?? NaN);
  return { name, seconds, rssMiB: rssKb / 1024, events };
}

const rows = [
  measure('floor: gunzip + JSON.parse, one file at a time', 'bench/floor.mjs', [corpus]),
  measure('cloudtrail-audit scan, built-in rules', 'dist/cli/index.js', ['scan', corpus, '--quiet']),
];
const floor = rows[0].seconds;
if (rows.some((r) => r.events !== rows[0].events)) console.warn('The runs read different numbers of events!');
console.log(`\n${rows[0].events} events in ${corpus}, ${cpus().length} cores, Node ${process.version}`);
console.log('| run | wall s | events/s | peak RSS MiB | × floor |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const r of rows) {
  console.log(
    `| ${r.name} | ${r.seconds.toFixed(1)} | ${Math.round(r.events / r.seconds)} | ${r.rssMiB.toFixed(0)} | ${(r.seconds / floor).toFixed(2)} |`,
  );
}
