// node bench/corpus.mjs --out DIR --events N [--seed S] [--accounts A] [--regions R] [--days D] [--shape S] [--quiet]
// Writes a deterministic CloudTrail corpus in the S3 layout under DIR/AWSLogs/ (one gzipped {"Records":[...]} file
// per 5 minutes per account and Region), DIR/ground-truth.json (every event a seed rule must match, by eventID,
// and the near misses that must not) and DIR/corpus.json (sizes). Same arguments => byte-identical files.
// --shape app-repeat writes instead one JSON Lines file, DIR/app.jsonl: one application role reading the same two
// secrets over and over (GetSecretValue, N events over D days or H hours, in time order), the pattern of issue #17.
import { mkdirSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import {
  Random,
  SEED_RULE_IDS,
  appSecretRead,
  appSession,
  attackChain,
  makeAccount,
  routineRecord,
  routineSeedNameRecord,
} from './cloudtrail-records.mjs';

const gzip = promisify(gzipCallback);
const REGIONS = [
  'us-east-1',
  'eu-west-1',
  'us-west-2',
  'eu-central-1',
  'ap-southeast-2',
  'ap-northeast-1',
  'sa-east-1',
];
const START = Date.UTC(2024, 5, 3);
const PERIOD_MS = 300_000;
/** Share of routine records that carry a seed eventName (matches and near misses). */
const SEED_NAME_RATE = 0.001;

export async function generateCorpus({
  out,
  events,
  seed = '1',
  accounts = 3,
  regions = 3,
  days = 1,
  onFile,
}) {
  if (!(events > 0)) throw new Error('--events must be a positive number');
  if (regions < 1 || regions > REGIONS.length) throw new Error(`--regions must be 1 to ${REGIONS.length}`);
  const random = new Random(`corpus|${seed}`);
  const accountList = Array.from({ length: accounts }, (_, i) => makeAccount(random, i));
  const regionList = REGIONS.slice(0, regions);
  const periods = days * 288;

  // Cells (account, Region, 5 minutes) get a share of the events: busier accounts, us-east-1 (global services),
  // business hours; a little noise.
  const cells = [];
  for (const account of accountList) {
    for (const [ri, region] of regionList.entries()) {
      for (let p = 0; p < periods; p++) {
        const hour = ((p % 288) * 5) / 60;
        const diurnal = 0.35 + Math.max(0, Math.sin(((hour - 6) / 24) * 2 * Math.PI));
        const weight =
          (1 / (1 + account.index)) * (ri === 0 ? 2 : 1 / ri) * diurnal * (0.8 + 0.4 * random.float());
        cells.push({ account, region, global: ri === 0, start: START + p * PERIOD_MS, weight, steps: [] });
      }
    }
  }
  const cellAt = (account, region, time) =>
    cells[
      (account.index * regionList.length + regionList.indexOf(region)) * periods +
        Math.floor((time - START) / PERIOD_MS)
    ];

  // One attack chain per account, placed at a random time (its regional steps in the last Region listed).
  let attackEvents = 0;
  for (const account of accountList) {
    const chain = attackChain(random, account);
    const begin = START + random.int(periods * PERIOD_MS - 1_800_000);
    for (const step of chain) {
      const time = begin + step.offsetMs;
      const region = step.global ? regionList[0] : regionList[regionList.length - 1];
      cellAt(account, region, time).steps.push({ time, build: step.build });
      attackEvents++;
    }
  }
  if (events < attackEvents) throw new Error(`--events must be at least ${attackEvents}`);
  allocate(cells, events - attackEvents);

  const truth = { matches: {}, nearMisses: [], attacks: [] };
  const stats = { files: 0, events: 0, rawBytes: 0, gzipBytes: 0 };
  const inFlight = new Set();
  for (const [index, cell] of cells.entries()) {
    const n = cell.count + cell.steps.length;
    if (n === 0) continue;
    const r = new Random(`cell|${seed}|${index}`);
    const items = [];
    for (let i = 0; i < cell.count; i++) {
      const time = cell.start + r.int(PERIOD_MS);
      if (r.chance(SEED_NAME_RATE)) {
        const made = routineSeedNameRecord(r, cell.account, cell.region, time, cell.global);
        items.push({ time, ...made, kind: 'routine' });
      } else {
        items.push({ time, record: routineRecord(r, cell.account, cell.region, time, cell.global) });
      }
    }
    for (const step of cell.steps)
      items.push({ time: step.time, ...step.build(r, cell.region, step.time), kind: 'attack' });
    items.sort((a, b) => a.time - b.time);
    const parts = [];
    for (const item of items) {
      parts.push(JSON.stringify(item.record));
      if (!item.expect) continue;
      const id = item.record.eventID;
      if (item.expect.length > 0) truth.matches[id] = item.expect;
      else truth.nearMisses.push(id);
      if (item.kind === 'attack') truth.attacks.push(id);
    }
    const text = `{"Records":[${parts.join(',')}]}`;
    const stamp = new Date(cell.start + PERIOD_MS);
    const iso = stamp.toISOString();
    const dir = join(
      out,
      'AWSLogs',
      cell.account.id,
      'CloudTrail',
      cell.region,
      iso.slice(0, 4),
      iso.slice(5, 7),
      iso.slice(8, 10),
    );
    const name = `${cell.account.id}_CloudTrail_${cell.region}_${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}Z_${r.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 16)}.json.gz`;
    mkdirSync(dir, { recursive: true });
    stats.files++;
    stats.events += n;
    stats.rawBytes += Buffer.byteLength(text);
    // Compression runs on the libuv pool (both cores) while the next file is generated.
    const job = gzip(text, { level: 6 })
      .then(async (zipped) => {
        stats.gzipBytes += zipped.length;
        await writeFile(join(dir, name), zipped);
        onFile?.(stats);
      })
      .finally(() => inFlight.delete(job));
    inFlight.add(job);
    if (inFlight.size >= 4) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);

  const manifest = {
    generator: 'cloudtrail-audit bench/corpus.mjs',
    seed: String(seed),
    accounts: accountList.map((a) => a.id),
    regions: regionList,
    start: new Date(START).toISOString(),
    days,
    ...stats,
  };
  writeFileSync(join(out, 'corpus.json'), JSON.stringify(manifest, null, 2) + '\n');
  const sortedMatches = Object.fromEntries(
    Object.entries(truth.matches).sort(([a], [b]) => a.localeCompare(b)),
  );
  writeFileSync(
    join(out, 'ground-truth.json'),
    JSON.stringify(
      {
        seedRules: SEED_RULE_IDS,
        matches: sortedMatches,
        nearMisses: truth.nearMisses.sort(),
        attacks: truth.attacks.sort(),
      },
      null,
      1,
    ) + '\n',
  );
  return manifest;
}

/**
 * One application without a secret cache, as JSON Lines: `events` GetSecretValue calls of two secrets by one role
 * session (renewed hourly), at random times over `hours` hours, in time order. No seed rule matches; no built-in
 * correlation may fire (two distinct secrets stay under bulk-secret-retrieval's five).
 */
export async function generateAppCorpus({ out, events, seed = '1', days = 1, hours = days * 24 }) {
  if (!(events > 0)) throw new Error('--events must be a positive number');
  const random = new Random(`app|${seed}`);
  const account = makeAccount(random, 0);
  const region = 'eu-west-1';
  const secrets = ['prod/app/db', 'prod/app/api-key'].map(
    (name) =>
      `arn:aws:secretsmanager:${region}:${account.id}:secret:${name}-${random.chars('abcdefghij', 6)}`,
  );
  const span = hours * 3_600_000;
  const times = Array.from({ length: events }, () => START + random.int(span)).sort((a, b) => a - b);
  mkdirSync(out, { recursive: true });
  const lines = [];
  let session;
  let sessionHour = -1;
  for (const time of times) {
    const hour = Math.floor((time - START) / 3_600_000);
    if (hour !== sessionHour) {
      session = appSession(random, account, START + hour * 3_600_000);
      sessionHour = hour;
    }
    lines.push(JSON.stringify(appSecretRead(random, account, region, time, session, random.pick(secrets))));
  }
  const text = lines.join('\n') + '\n';
  await writeFile(join(out, 'app.jsonl'), text);
  const manifest = {
    generator: 'cloudtrail-audit bench/corpus.mjs --shape app-repeat',
    seed: String(seed),
    accounts: [account.id],
    regions: [region],
    start: new Date(START).toISOString(),
    hours,
    files: 1,
    events,
    rawBytes: Buffer.byteLength(text),
    gzipBytes: 0,
  };
  writeFileSync(join(out, 'corpus.json'), JSON.stringify(manifest, null, 2) + '\n');
  writeFileSync(
    join(out, 'ground-truth.json'),
    JSON.stringify({ seedRules: SEED_RULE_IDS, matches: {}, nearMisses: [], attacks: [] }, null, 1) + '\n',
  );
  return manifest;
}

/** Splits `total` over the cells in proportion to their weight (largest remainders), so the sum is exact. */
function allocate(cells, total) {
  const sum = cells.reduce((s, c) => s + c.weight, 0);
  let given = 0;
  for (const cell of cells) {
    const exact = (total * cell.weight) / sum;
    cell.count = Math.floor(exact);
    cell.remainder = exact - cell.count;
    given += cell.count;
  }
  const order = cells.map((c, i) => i).sort((a, b) => cells[b].remainder - cells[a].remainder || a - b);
  for (let i = 0; i < total - given; i++) cells[order[i % cells.length]].count++;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      events: { type: 'string' },
      seed: { type: 'string', default: '1' },
      accounts: { type: 'string', default: '3' },
      regions: { type: 'string', default: '3' },
      days: { type: 'string', default: '1' },
      shape: { type: 'string', default: 'busy' },
      hours: { type: 'string' },
      quiet: { type: 'boolean', default: false },
    },
  });
  if (!values.out || !values.events || !['busy', 'app-repeat'].includes(values.shape)) {
    console.error(
      'Usage: node bench/corpus.mjs --out DIR --events N [--seed S] [--accounts A] [--regions R] [--days D] [--shape busy|app-repeat] [--hours H]',
    );
    process.exit(2);
  }
  const started = Date.now();
  let last = 0;
  const generate = values.shape === 'app-repeat' ? generateAppCorpus : generateCorpus;
  const manifest = await generate({
    out: values.out,
    events: Number(values.events),
    seed: values.seed,
    accounts: Number(values.accounts),
    regions: Number(values.regions),
    days: Number(values.days),
    ...(values.hours !== undefined ? { hours: Number(values.hours) } : {}),
    onFile: (s) => {
      if (!values.quiet && process.stderr.isTTY && Date.now() - last > 2000) {
        last = Date.now();
        process.stderr.write(`  ${s.events} events, ${s.files} files\r`);
      }
    },
  });
  if (!values.quiet) {
    console.log(
      `${manifest.events} events in ${manifest.files} file(s), ${(manifest.rawBytes / 1e6).toFixed(0)} MB raw, ` +
        `${(manifest.gzipBytes / 1e6).toFixed(0)} MB gzipped, in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  }
}
