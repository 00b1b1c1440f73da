// npm run bench [-- --events N] [--small N] [--medium N] [--app-events N] [--seed S] [--cache DIR] [--repeat K]
//                [--scan-repeat K] [--quick] [--skip-duckdb] [--skip-jq]
// Generates (or reuses from the cache, keyed by seed and size) a corpus with bench/corpus.mjs, then times in one
// run, on the same files: the floor (gunzip + JSON.parse one file at a time), gunzip alone on one core and on
// every core, DuckDB and jq applying the seed rules by hand, and the bundled CLI with the seed rules, the built-in
// set and the built-in set plus the SigmaHQ rules; DuckDB and the built-in set again on the --medium corpus; then the
// bundle sizes, the start-up of the CLI (scan of an empty folder) and of the action (on an empty log file and on the
// bundled samples), and the memory of the whole set at the small and the large size. A second table times the built-in set on pathological shapes: one application
// repeating one call (--app-events GetSecretValue of two secrets by one role over a day, one JSON Lines file).
// Each run is a child process; the median of --repeat runs is shown. Ratios, not seconds, are what to compare: the
// machine may be shared. The tables are also written as JSON to the cache.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { parse as parseYaml } from 'yaml';
import { SEED_RULE_IDS } from './cloudtrail-records.mjs';
import { JQ_SEED_FILTER } from './seed-detections.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    small: { type: 'string', default: '100000' },
    medium: { type: 'string', default: '200000' },
    'app-events': { type: 'string', default: '200000' },
    seed: { type: 'string', default: '1' },
    cache: { type: 'string', default: process.env.BENCH_CACHE ?? '/tmp/cloudtrail-audit-bench' },
    repeat: { type: 'string', default: '3' },
    'scan-repeat': { type: 'string', default: '2' },
    quick: { type: 'boolean', default: false },
    'skip-duckdb': { type: 'boolean', default: false },
    'skip-jq': { type: 'boolean', default: false },
  },
});
const repeat = Math.max(1, Number(values.repeat));
/** The CLI's scans are the slow runs: fewer repeats keep the whole bench within about ten minutes. */
const scanRepeat = Math.max(1, Number(values['scan-repeat']));
const largeEvents = Number(values.quick ? values.small : values.events);
const smallEvents = Number(values.small);
const cache = resolve(values.cache);
mkdirSync(cache, { recursive: true });
const work = mkdtempSync(join(cache, 'run-'));
const dist = snapshotDist();
const CLI = join(dist, 'cli/index.js');
const ACTION = join(dist, 'index.js');

/**
 * A copy of dist/ (the bundles sit beside dist/rules/builtin), so that every run times the same build even if
 * dist/ is rebuilt meanwhile. Waits a little for a rebuild in progress.
 */
function snapshotDist() {
  const bundles = ['dist/index.js', 'dist/cli/index.js'].map((f) => join(ROOT, f));
  const newest = () =>
    Math.max(
      ...readdirSync(join(ROOT, 'dist'), { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => statSync(join(e.parentPath, e.name)).mtimeMs),
    );
  // Present, and untouched for 20 s (a build writes its files one after the other).
  const settled = () => bundles.every((f) => existsSync(f)) && Date.now() - newest() > 20_000;
  for (let waited = 0; !settled(); waited += 5) {
    if (waited >= 600) throw new Error('dist/ has no settled bundles: run npm run package first');
    spawnSync('sleep', ['5']);
  }
  const copy = join(work, 'dist');
  cpSync(join(ROOT, 'dist'), copy, { recursive: true });
  return copy;
}

/** The corpus for this seed, size and shape (bench/corpus.mjs --shape), generated once into the cache. */
function corpus(events, shape = 'busy') {
  // Keyed by the generator's source too, so that a changed generator never reuses a stale corpus.
  const generator = createHash('sha256');
  for (const file of ['bench/corpus.mjs', 'bench/cloudtrail-records.mjs'])
    generator.update(readFileSync(join(ROOT, file)));
  const name = `corpus-${shape === 'busy' ? '' : `${shape}-`}s${values.seed}-${events}`;
  const dir = join(cache, `${name}-${generator.digest('hex').slice(0, 8)}`);
  if (!existsSync(join(dir, 'corpus.json'))) {
    const partial = `${dir}.partial`;
    rmSync(partial, { recursive: true, force: true });
    console.log(`Generating ${events} events (${shape}, seed ${values.seed}) into ${dir} ...`);
    const gen = spawnSync(
      process.execPath,
      [
        join(ROOT, 'bench/corpus.mjs'),
        ...['--out', partial, '--events', String(events), '--seed', values.seed, '--shape', shape],
      ],
      { stdio: 'inherit' },
    );
    if (gen.status !== 0) process.exit(gen.status ?? 1);
    rmSync(dir, { recursive: true, force: true });
    renameSync(partial, dir);
  }
  const manifest = JSON.parse(readFileSync(join(dir, 'corpus.json'), 'utf8'));
  const truth = JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8'));
  return { dir, logs: join(dir, 'AWSLogs'), manifest, truthIds: Object.keys(truth.matches).sort() };
}

/** Runs a command once: wall seconds, peak RSS (MiB) of the process tree's largest member, stdout. */
function runOnce(command, args, statuses = [0]) {
  const timed = existsSync('/usr/bin/time');
  const started = process.hrtime.bigint();
  const run = timed
    ? spawnSync('/usr/bin/time', ['-f', 'BENCH_MAX_RSS_KB=%M', command, ...args], {
        encoding: 'utf8',
        maxBuffer: 1 << 30,
      })
    : spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (!statuses.includes(run.status))
    throw new Error(`${command} ${args.join(' ')} failed (${run.status}): ${run.stderr.slice(-2000)}`);
  const rssKb = Number(/BENCH_MAX_RSS_KB=(\d+)/.exec(run.stderr)?.[1] ?? NaN);
  return { seconds, rssMiB: rssKb / 1024, stdout: run.stdout };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

/** Runs `times` times; the median wall time and the median peak RSS; `check` reads the last run's output. */
function measure(name, command, args, { times = repeat, check, statuses } = {}) {
  process.stdout.write(`  ${name} ...`);
  const runs = Array.from({ length: times }, () => runOnce(command, args, statuses));
  const row = {
    name,
    seconds: median(runs.map((r) => r.seconds)),
    rssMiB: median(runs.map((r) => r.rssMiB)),
    runs: runs.length,
  };
  Object.assign(row, check?.(runs.at(-1).stdout) ?? {});
  console.log(
    ` ${row.seconds.toFixed(2)} s (${runs.map((r) => r.seconds.toFixed(2)).join(', ')}), ${row.rssMiB.toFixed(0)} MiB`,
  );
  return row;
}

const node = (script, ...args) => [process.execPath, [resolve(ROOT, script), ...args]];

/** A folder with copies of the seven seed rules, for --no-builtin-rules --rules-path. */
function seedRulesDir() {
  const dir = join(work, 'seed-rules');
  mkdirSync(dir);
  for (const id of SEED_RULE_IDS)
    copyFileSync(join(ROOT, 'rules/builtin', `${id}.yml`), join(dir, `${id}.yml`));
  return dir;
}

function scanRow(name, logs, extraArgs, times = scanRepeat) {
  const findingsFile = join(work, `findings-${name.replace(/\W+/g, '-')}.json`);
  return measure(name, ...node(CLI, 'scan', logs, '--quiet', '--findings-file', findingsFile, ...extraArgs), {
    times,
    check: () => {
      const doc = JSON.parse(readFileSync(findingsFile, 'utf8'));
      const ids = new Set();
      // Denied attempts ("(denied)" findings) are left out: the ground truth, DuckDB and jq count successful calls.
      for (const finding of [...doc.findings, ...doc.suppressed])
        if (!finding.title.endsWith(' (denied)')) for (const e of finding.events) ids.add(e.eventID);
      return { events: doc.stats.eventsScanned, findings: doc.findings.length, ids: [...ids].sort() };
    },
  });
}

/** The env a runner gives the action (as test/helpers/run-process.ts actionEnv does), for an empty folder. */
function actionEnv(dir, path) {
  const action = parseYaml(readFileSync(join(ROOT, 'action.yml'), 'utf8'));
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    GITHUB_OUTPUT: join(dir, 'output.txt'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
    GITHUB_WORKSPACE: dir,
    GITHUB_REPOSITORY: 'octo/security',
    GITHUB_RUN_ID: '42',
    RUNNER_TEMP: dir,
  };
  const inputs = { source: 'files', path };
  for (const [name, spec] of Object.entries(action.inputs)) {
    const fallback = spec.default === '${{ github.token }}' ? 'ghs_test' : (spec.default ?? '');
    env[`INPUT_${name.toUpperCase()}`] = inputs[name] ?? fallback;
  }
  return env;
}

/**
 * The action's wall time (median): on `path`, or on an empty window (one log file with no records: an empty folder
 * is refused as unreadable).
 */
function actionStartup(path) {
  const dir = mkdtempSync(join(work, 'action-'));
  const empty = join(dir, 'logs');
  mkdirSync(empty, { recursive: true });
  writeFileSync(join(empty, 'empty.json.gz'), gzipSync('{"Records":[]}'));
  const env = actionEnv(dir, path ?? empty);
  const seconds = [];
  for (let i = 0; i < Math.max(3, repeat); i++) {
    writeFileSync(env.GITHUB_OUTPUT, '');
    writeFileSync(env.GITHUB_STEP_SUMMARY, '');
    const started = process.hrtime.bigint();
    const run = spawnSync(process.execPath, [ACTION], { env, encoding: 'utf8' });
    seconds.push(Number(process.hrtime.bigint() - started) / 1e9);
    if (run.status !== 0)
      throw new Error(
        `the action failed on an empty folder (${run.status}): ${run.stdout.slice(-1500)}${run.stderr.slice(-1500)}`,
      );
  }
  return median(seconds);
}

// ---------------------------------------------------------------- the runs
const large = corpus(largeEvents);
const small = largeEvents === smallEvents ? large : corpus(smallEvents);
const app = corpus(Number(values['app-events']), 'app-repeat');
const { events, files, rawBytes, gzipBytes } = large.manifest;
console.log(
  `\nCorpus: ${events} events, ${files} files, ${(rawBytes / 1e6).toFixed(0)} MB raw, ${(gzipBytes / 1e6).toFixed(0)} MB gzipped (${large.dir})`,
);
const threads = cpus().length;
const seedDir = seedRulesDir();
const SIGMAHQ = join(ROOT, 'test/fixtures/sigmahq-aws');
const countCheck = (re) => (stdout) => ({ events: Number(re.exec(stdout)?.[1]) });
const rows = [];
rows.push(
  measure('floor: gunzip + JSON.parse, one file at a time', ...node('bench/floor.mjs', large.logs), {
    check: countCheck(/(\d+) records/),
  }),
);
rows.push(measure('gunzip alone, 1 thread', ...node('bench/gunzip.mjs', large.logs, '--threads', '1')));
rows.push(
  measure(
    `gunzip alone, ${threads} threads`,
    ...node('bench/gunzip.mjs', large.logs, '--threads', String(threads)),
  ),
);
if (!values['skip-duckdb']) {
  const idsFile = join(work, 'duckdb-ids.json');
  rows.push(
    measure(
      'DuckDB, seed rules (read_json typed Records)',
      ...node('bench/duckdb-seed.mjs', large.logs, '--ids', idsFile),
      {
        check: () => ({ ids: JSON.parse(readFileSync(idsFile, 'utf8')) }),
      },
    ),
  );
}
if (!values['skip-jq'] && spawnSync('jq', ['--version']).status === 0) {
  const pipeline = `find '${large.logs}' -name '*.json.gz' -print0 | sort -z | xargs -0 zcat | jq -r '${JQ_SEED_FILTER}'`;
  rows.push(
    measure('jq, seed rules (zcat | jq)', 'sh', ['-c', pipeline], {
      times: 1,
      check: (out) => ({ ids: out.split('\n').filter(Boolean).sort() }),
    }),
  );
}
rows.push(
  scanRow('cloudtrail-audit, 7 seed rules', large.logs, ['--no-builtin-rules', '--rules-path', seedDir]),
);
const builtin = scanRow('cloudtrail-audit, built-in rules', large.logs, []);
rows.push(builtin);
const whole = scanRow('cloudtrail-audit, built-in + SigmaHQ rules', large.logs, ['--rules-path', SIGMAHQ]);
rows.push(whole);
const wholeSmall =
  small === large
    ? whole
    : scanRow('cloudtrail-audit, built-in + SigmaHQ, small corpus', small.logs, ['--rules-path', SIGMAHQ]);
const shapes = [
  {
    ...scanRow(
      `cloudtrail-audit, built-in rules, one app repeating one call`,
      join(app.dir, 'app.jsonl'),
      [],
    ),
    corpus: app.manifest,
    shape: `${app.manifest.events} GetSecretValue of 2 secrets by one role over ${app.manifest.hours} h, 1 JSON Lines file`,
  },
];
const medium = Number(values.medium) === largeEvents ? undefined : corpus(Number(values.medium));
const mediumRows = [];
if (medium) {
  if (!values['skip-duckdb']) {
    mediumRows.push(
      measure(
        `DuckDB, seed rules, ${medium.manifest.events} events`,
        ...node('bench/duckdb-seed.mjs', medium.logs, '--ids', join(work, 'duckdb-medium-ids.json')),
      ),
    );
  }
  mediumRows.push(
    scanRow(`cloudtrail-audit, built-in rules, ${medium.manifest.events} events`, medium.logs, []),
  );
}
const emptyFolder = join(work, 'empty-folder');
mkdirSync(emptyFolder);
// An empty folder has nothing readable: the CLI says so and exits 2; what is timed is the start-up.
const cliStartup = measure(
  'CLI start-up: scan of an empty folder',
  ...node(CLI, 'scan', emptyFolder, '--quiet'),
  {
    times: Math.max(5, repeat),
    statuses: [2],
  },
);
const startup = actionStartup();
const samplesStartup = actionStartup(join(ROOT, 'samples'));

// ---------------------------------------------------------------- the table
const floor = rows[0].seconds;
const duck = rows.find((r) => r.name.startsWith('DuckDB'));
const gunzipAll = rows[2];
const mb = (bytes, s) => (bytes / 1e6 / s).toFixed(0);
console.log(
  `\n${events} events in ${files} files (${(rawBytes / 1e6).toFixed(0)} MB raw, ${(gzipBytes / 1e6).toFixed(0)} MB gzipped), seed ${values.seed}`,
);
console.log(
  `Machine: ${threads} cores (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}; median of ${repeat} runs (CLI scans: ${scanRepeat}, jq: 1)`,
);
console.log(
  '\n| run | wall s | events/s | MB/s gz | MB/s raw | peak RSS MiB | × floor | × gunzip all cores | × DuckDB |',
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) {
  console.log(
    `| ${r.name} | ${r.seconds.toFixed(2)} | ${Math.round(events / r.seconds).toLocaleString('en-US')} | ${mb(gzipBytes, r.seconds)} | ${mb(rawBytes, r.seconds)} | ${r.rssMiB.toFixed(0)} | ${(r.seconds / floor).toFixed(2)} | ${(r.seconds / gunzipAll.seconds).toFixed(2)} | ${duck ? (r.seconds / duck.seconds).toFixed(2) : '-'} |`,
  );
}

console.log(
  '\n| pathological shape | run | events | wall s | events/s | MB/s raw | peak RSS MiB | findings |',
);
console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of shapes) {
  console.log(
    `| ${r.shape} | ${r.name} | ${r.events} | ${r.seconds.toFixed(2)} | ${Math.round(r.events / r.seconds).toLocaleString('en-US')} | ${mb(r.corpus.rawBytes, r.seconds)} | ${r.rssMiB.toFixed(0)} | ${r.findings} |`,
  );
}

const contains = (found, wanted) => {
  const set = new Set(found);
  return wanted.every((id) => set.has(id));
};
const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
const seedRow = rows.find((r) => r.name.includes('7 seed rules'));
const checks = {
  eventsCounted: rows.filter((r) => r.events !== undefined).every((r) => r.events === events),
  shapesReadWhole: shapes.every((r) => r.events === r.corpus.events),
  // Two secrets stay under bulk-secret-retrieval's five: nothing to report about the application.
  appRepeatQuiet: shapes[0].findings === 0,
  seedFindingsEqualGroundTruth: same(seedRow.ids, large.truthIds),
  // Every injected attack (the ground truth's events) is found by the larger sets too.
  builtinFindsEveryAttack: contains(rows.find((r) => r.name.endsWith('built-in rules')).ids, large.truthIds),
  wholeSetFindsEveryAttack: contains(whole.ids, large.truthIds),
  seedFindingsEqualDuckDB: duck ? same(seedRow.ids, duck.ids) : null,
  duckDBEqualsGroundTruth: duck ? same(duck.ids, large.truthIds) : null,
  jqEqualsGroundTruth: rows.find((r) => r.name.startsWith('jq'))
    ? same(rows.find((r) => r.name.startsWith('jq')).ids, large.truthIds)
    : null,
};
console.log(`\nEvery run read all ${events} events: ${checks.eventsCounted}`);
console.log(
  `Pathological shapes read whole: ${checks.shapesReadWhole}; no finding on the repeating app: ${checks.appRepeatQuiet}`,
);
console.log(
  `Seed-rule findings (${seedRow.ids.length} events) equal the ground truth (${large.truthIds.length}): ${checks.seedFindingsEqualGroundTruth}`,
);
console.log(
  `Every injected attack found by the built-in set: ${checks.builtinFindsEveryAttack}; by the whole set: ${checks.wholeSetFindsEveryAttack}`,
);
if (duck)
  console.log(
    `... equal DuckDB's rows (${duck.ids.length}): ${checks.seedFindingsEqualDuckDB}; DuckDB equals the ground truth: ${checks.duckDBEqualsGroundTruth}`,
  );
if (checks.jqEqualsGroundTruth !== null)
  console.log(`jq's rows equal the ground truth: ${checks.jqEqualsGroundTruth}`);

const bundles = Object.fromEntries(
  [ACTION, CLI].map((f) => [`dist/${f.slice(dist.length + 1)}`, statSync(f).size]),
);
console.log(
  `\nBundles: ${Object.entries(bundles)
    .map(([f, s]) => `${f} ${(s / 2 ** 20).toFixed(2)} MiB`)
    .join(', ')}`,
);
if (mediumRows.length > 0) {
  const [duckMedium, scanMedium] = mediumRows.length === 2 ? mediumRows : [undefined, mediumRows[0]];
  console.log(
    `${medium.manifest.events} events: built-in rules ${scanMedium.seconds.toFixed(2)} s, ${scanMedium.rssMiB.toFixed(0)} MiB` +
      (duckMedium
        ? `; DuckDB seed query ${duckMedium.seconds.toFixed(2)} s; ratio ${(scanMedium.seconds / duckMedium.seconds).toFixed(2)} (≤ 1.0)`
        : ''),
  );
}
console.log(
  `CLI start-up (scan of an empty folder): ${cliStartup.seconds.toFixed(2)} s (≤ 0.3), ${cliStartup.rssMiB.toFixed(0)} MiB (≤ 80)`,
);
console.log(`Action start-up on an empty log file (source files): ${startup.toFixed(2)} s (median)`);
console.log(`Action on the bundled samples: ${samplesStartup.toFixed(2)} s (median; ≤ 0.8)`);
const memoryRatio = whole.rssMiB / wholeSmall.rssMiB;
console.log(
  `Built-in + SigmaHQ: ${small.manifest.events} events ${wholeSmall.seconds.toFixed(2)} s, ${wholeSmall.rssMiB.toFixed(0)} MiB; ` +
    `${events} events ${whole.seconds.toFixed(2)} s, ${whole.rssMiB.toFixed(0)} MiB; peak RSS ratio ${memoryRatio.toFixed(2)}`,
);
// Issue #17's targets: speed with the built-in set, memory with the SigmaHQ rules added.
if (duck) {
  console.log(
    `Targets: built-in set / DuckDB seed query ${(builtin.seconds / duck.seconds).toFixed(2)} (≤ 1.0), built-in set / gunzip on ${threads} threads ` +
      `${(builtin.seconds / gunzipAll.seconds).toFixed(2)} (goal ≤ 1.25), built-in + SigmaHQ peak RSS ` +
      `${whole.rssMiB.toFixed(0)} MiB (≤ 256), 1M/100k RSS ${memoryRatio.toFixed(2)} (≤ 1.2)`,
  );
}

const result = {
  date: new Date().toISOString(),
  command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
  machine: {
    cores: threads,
    model: cpus()[0]?.model,
    memoryGiB: totalmem() / 2 ** 30,
    node: process.version,
  },
  corpus: { seed: values.seed, ...large.manifest, path: large.dir },
  repeat,
  scanRepeat,
  rows: rows.map(({ ids, ...r }) => ({ ...r, matchedEvents: ids?.length })),
  shapes: shapes.map(({ ids, corpus: shapeCorpus, ...r }) => ({
    ...r,
    corpus: { ...shapeCorpus, path: app.dir },
    matchedEvents: ids?.length,
  })),
  checks,
  bundles,
  actionStartupSeconds: startup,
  actionSamplesSeconds: samplesStartup,
  cliStartup: { seconds: cliStartup.seconds, rssMiB: cliStartup.rssMiB },
  medium: medium
    ? {
        events: medium.manifest.events,
        rows: mediumRows.map(({ ids, ...r }) => ({ ...r, matchedEvents: ids?.length })),
      }
    : undefined,
  memory: {
    small: { events: small.manifest.events, seconds: wholeSmall.seconds, rssMiB: wholeSmall.rssMiB },
    large: { events, seconds: whole.seconds, rssMiB: whole.rssMiB },
    ratio: memoryRatio,
  },
};
const out = join(cache, `results-s${values.seed}-${events}.json`);
writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
rmSync(work, { recursive: true, force: true });
console.log(`\nResults: ${out}`);
