/**
 * What partition pruning saves an Athena query over an organization trail: on a generated multi-day,
 * multi-account corpus of real CloudTrail log files (gzip JSON, in the trail's S3 layout, seeded), the bytes
 * the query of a 24-hour window for one account scans, against a query over the whole table. Both figures come
 * from the athena source's own estimator (src/sources/athena/estimate.ts: ListObjectsV2 of the partitions'
 * folders) against the loopback S3 server, and are checked against the objects' sizes.
 *
 * Run: `node bench/athena-pruning.mjs` (it runs test/sources/athena-pruning.test.ts, which prints the table).
 */
import { gzipSync } from 'node:zlib';
import { estimateScanBytes, queryCostUsd, windowDays } from '../src/sources/athena/index.js';
import { createS3Client, listTrailFolders } from '../src/sources/s3/index.js';
import { ScanStats } from '../src/core/stats.js';
import { generateBusyAccount } from '../test/helpers/busy-account.js';
import { mulberry32 } from '../test/helpers/random.js';
import { S3TestServer } from '../test/helpers/s3-server.js';

export interface PruningBenchOptions {
  accounts?: number;
  regions?: number;
  days?: number;
  /** Events a day in an ordinary account and region; busier accounts have up to 4 times as many. */
  eventsPerDay?: number;
  seed?: number;
}

export interface PruningBenchResult {
  accounts: number;
  regions: number;
  days: number;
  events: number;
  objects: number;
  /** The whole table (every object of every partition). */
  tableBytes: number;
  /** The 24-hour window for one account, every region. */
  window: { start: string; end: string; account: string; days: readonly string[] };
  prunedBytes: number;
  /** The same, summed from the objects' keys and sizes (the estimator must agree). */
  prunedBytesExpected: number;
  tableEstimate: number;
  listCalls: number;
  generateMs: number;
}

const BUCKET = 'org-trail-bench';
const ORG = 'o-bench0000001';
const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2', 'us-west-2', 'eu-central-1'];
const DAY_MS = 86_400_000;
/** The corpus's last day; the window ends at its noon. */
const LAST_DAY = Date.parse('2024-06-10T00:00:00Z');

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function dayFolder(time: number): string {
  const d = new Date(time);
  return `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/`;
}

/** Log files of one account, region and day: the events grouped by delivery hour, in the trail's layout. */
function logFiles(
  account: string,
  region: string,
  day: number,
  events: number,
  seed: number,
): Record<string, Buffer> {
  const records = generateBusyAccount({
    events,
    region,
    accountId: account,
    end: new Date(day + DAY_MS - 1000),
    hours: 24,
    seed,
  });
  const byDelivery = new Map<number, Record<string, unknown>[]>();
  for (const record of records) {
    // Delivered within about 5 minutes; one file an hour keeps the corpus to a few thousand objects.
    const delivered = Math.floor((Date.parse(String(record.eventTime)) + 5 * 60_000) / 3_600_000) * 3_600_000;
    const group = byDelivery.get(delivered) ?? [];
    group.push(record);
    byDelivery.set(delivered, group);
  }
  const files: Record<string, Buffer> = {};
  for (const [delivered, group] of byDelivery) {
    const d = new Date(delivered);
    const stamp = `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}Z`;
    const key =
      `AWSLogs/${ORG}/${account}/CloudTrail/${region}/${dayFolder(delivered)}` +
      `${account}_CloudTrail_${region}_${stamp}_${seed.toString(16)}.json.gz`;
    files[key] = gzipSync(JSON.stringify({ Records: group }));
  }
  return files;
}

export async function runPruningBench(options: PruningBenchOptions = {}): Promise<PruningBenchResult> {
  const accountCount = options.accounts ?? 8;
  const regionCount = Math.min(options.regions ?? 3, REGIONS.length);
  const dayCount = options.days ?? 7;
  const eventsPerDay = options.eventsPerDay ?? 60;
  const random = mulberry32(options.seed ?? 1);

  const started = performance.now();
  const accounts = Array.from({ length: accountCount }, (_, i) => String(100000000000 + i * 1111111));
  const objects: Record<string, Buffer> = {};
  let events = 0;
  let seed = 1;
  for (const account of accounts) {
    const busy = 1 + Math.floor(random() * 4);
    for (const region of REGIONS.slice(0, regionCount)) {
      for (let d = dayCount - 1; d >= 0; d--) {
        const n = Math.round(eventsPerDay * busy * (0.5 + random()));
        events += n;
        Object.assign(objects, logFiles(account, region, LAST_DAY - d * DAY_MS, n, seed++));
      }
    }
  }
  const generateMs = performance.now() - started;

  const server = await S3TestServer.start({ bucket: BUCKET, objects });
  const client = createS3Client({
    region: 'us-east-1',
    endpoint: server.url,
    forcePathStyle: true,
    credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' },
  });
  try {
    const stats = new ScanStats();
    const reporter = stats;
    const allDays = Array.from({ length: dayCount + 1 }, (_, d) =>
      dayFolder(LAST_DAY - (dayCount - 1 - d) * DAY_MS),
    );
    const folders = await listTrailFolders(
      { client, bucket: BUCKET, window: { start: 0, end: 0 } },
      reporter,
      stats,
    );
    const table = await estimateScanBytes(
      { client, bucket: BUCKET, folders, days: allDays },
      reporter,
      stats,
    );

    const window = { start: LAST_DAY + DAY_MS / 2 - DAY_MS, end: LAST_DAY + DAY_MS / 2 };
    const account = accounts[Math.floor(accounts.length / 2)]!;
    const days = windowDays(window);
    const pruned = await estimateScanBytes(
      { client, bucket: BUCKET, folders: folders.filter((f) => f.account === account), days },
      reporter,
      stats,
    );
    const prefixes = days.map(
      (day) => new RegExp(`^AWSLogs/${ORG}/${account}/CloudTrail/[^/]+/${day}[^/]+$`),
    );
    const sizes = Object.entries(objects);
    return {
      accounts: accountCount,
      regions: regionCount,
      days: dayCount,
      events,
      objects: sizes.length,
      tableBytes: sizes.reduce((sum, [, bytes]) => sum + bytes.length, 0),
      window: {
        start: new Date(window.start).toISOString(),
        end: new Date(window.end).toISOString(),
        account,
        days,
      },
      prunedBytes: pruned.bytes,
      prunedBytesExpected: sizes
        .filter(([key]) => prefixes.some((re) => re.test(key)))
        .reduce((sum, [, bytes]) => sum + bytes.length, 0),
      tableEstimate: table.bytes,
      listCalls: stats.apiCalls,
      generateMs,
    };
  } finally {
    client.destroy();
    await server.close();
  }
}

export function formatPruningBench(r: PruningBenchResult): string {
  const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(2)} MB`;
  const usd = (bytes: number) => `$${queryCostUsd(bytes).toFixed(6)}`;
  const saving = 1 - r.prunedBytes / r.tableEstimate;
  return [
    `Athena partition pruning: ${r.accounts} accounts × ${r.regions} regions × ${r.days} days, ` +
      `${r.events.toLocaleString('en-US')} events in ${r.objects} gzip log files (${mb(r.tableBytes)}), ` +
      `generated in ${(r.generateMs / 1000).toFixed(1)} s`,
    `  whole table:                   ${mb(r.tableEstimate)} scanned, ${usd(r.tableEstimate)} at $5/TB (10 MB minimum)`,
    `  24 h window, 1 account:        ${mb(r.prunedBytes)} scanned, ${usd(r.prunedBytes)} ` +
      `(${r.window.start} .. ${r.window.end}, account ${r.window.account}, day partitions ${r.window.days.join(' ')})`,
    `  saving from pruning:           ${(saving * 100).toFixed(1)} % of the bytes ` +
      `(×${(r.tableEstimate / Math.max(1, r.prunedBytes)).toFixed(1)} less)`,
    `  estimate: ${r.listCalls} ListObjectsV2 calls; pruned estimate ${r.prunedBytes === r.prunedBytesExpected ? 'equals' : 'DIFFERS FROM'} ` +
      `the objects' sizes`,
    ...(r.tableEstimate < 10 * 2 ** 20
      ? [
          `  (At this size both queries bill the 10 MB minimum; the ratio is what scales to an organization's bucket.)`,
        ]
      : []),
  ].join('\n');
}
