/**
 * The scan gives the same result whatever the number of worker threads: findings, suppressed findings, stats
 * (with the error list in order), the window, what analyzers observe and what the timeline receives.
 *
 * The worker threads run the bundled worker (dist/scan-worker.js): run `npm run package` first.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadAllowlist } from '../../src/allowlist/allowlist.js';
import { silentLogger } from '../../src/core/logger.js';
import { runScan, type ScanOptions } from '../../src/pipeline/scan.js';
import { type ScanResult } from '../../src/core/result.js';
import { ScanWorkerPool, WORKER_RESOURCE_LIMITS } from '../../src/pipeline/parallel/pool.js';
import { BATCH_EVENTS } from '../../src/pipeline/parallel/protocol.js';
import { parseWorkers, workerCount } from '../../src/pipeline/parallel/workers.js';
import { WHOLE_FILE_MAX_BYTES } from '../../src/sources/files/index.js';
import { runNode, tempDir } from '../helpers/run-process.js';
import { BAD, gzip, record, REAL, ROOT, tempTree } from '../sources/helpers.js';

const WORKER = join(ROOT, 'dist/scan-worker.js');
const SIGMAHQ = join(ROOT, 'test/fixtures/sigmahq-aws');
const SAMPLES = join(ROOT, 'samples');

const lines = (recs: object[]) => recs.map((r) => JSON.stringify(r)).join('\n');
const s3 = (recs: object[]) => gzip(JSON.stringify({ Records: recs }));

/** A corpus with duplicates across files, bad files and records, look-alike events and odd spellings. */
function corpus() {
  const base = Array.from({ length: 400 }, (_, i) => record(i));
  const lookAlike = record(1000, {
    eventName: 'ListUsers',
    requestParameters: { eventName: 'CreateUser', nested: { eventName: 'CreateAccessKey' } },
  });
  const otherCase = record(1001, { eventName: 'createuser' });
  const duplicateFirst = record(1002, { eventName: 'CreateAccessKey', userIdentity: { type: 'Root' } });
  // Same eventID, other content: the first one read (file order) wins.
  const duplicateLater = { ...duplicateFirst, eventName: 'ListUsers' };
  const outOfWindow = record(1003, { eventTime: '2020-01-01T00:00:00Z', eventName: 'CreateUser' });
  const insight = { ...record(1004), eventType: 'AwsCloudTrailInsight' };
  return tempTree({
    'AWSLogs/111122223333/CloudTrail/us-east-1/2024/06/03/a.json.gz': s3([
      ...base.slice(0, 150),
      duplicateFirst,
    ]),
    'AWSLogs/111122223333/CloudTrail/us-east-1/2024/06/03/b.json.gz': s3([
      ...base.slice(150, 300),
      lookAlike,
      otherCase,
      outOfWindow,
      insight,
    ]),
    'AWSLogs/111122223333/CloudTrail/us-east-1/2024/06/03/c.json.gz': s3([
      duplicateLater,
      ...base.slice(100, 120), // duplicates of file a
      ...base.slice(300),
    ]),
    'AWSLogs/111122223333/CloudTrail/us-east-1/2024/06/03/d-truncated.json.gz': s3(
      base.slice(0, 50),
    ).subarray(0, 400),
    'AWSLogs/111122223333/CloudTrail-Digest/us-east-1/digest.json.gz': gzip('{"digestStartTime":"x"}'),
    'loose/bad-lines.jsonl': `${lines([record(2000, { eventName: 'CreateUser' })])}\n{"eventName": tru}\n[1]\n${lines([{ eventTime: 'nope', eventName: 'X' }])}\n`,
    'loose/not-cloudtrail.json': '{"hello": "world"}',
    'loose/truncated.json': '{"Records": [{"eventName": "CreateUser", "eventTime": "2024-06-03T10:00:00Z"',
  });
}

/** What must not depend on the worker count (durationMs does). */
function comparable(result: ScanResult) {
  const { durationMs: _, ...rest } = result;
  return JSON.parse(JSON.stringify(rest)) as unknown;
}

async function scan(workers: number, options: Partial<ScanOptions> & { paths: string[] }) {
  const timeline: string[] = [];
  const result = await runScan(
    {
      rulesPaths: [],
      excludeRules: [],
      minSeverity: 'informational',
      window: {},
      workers,
      workerScript: WORKER,
      ...options,
      onEvent: (rec, matched) =>
        timeline.push(`${String(rec.eventID)} ${rec.eventName} ${matched.map((r) => r.ruleId).join(',')}`),
    },
    silentLogger,
  );
  // What the analyzers (correlation, first-seen rules) made of the matches they were handed.
  const kinds = new Map(result.rules.catalogue.map((r) => [r.ruleId, r.kind]));
  const analyzed = result.findings
    .filter((f) => kinds.get(f.ruleId) !== 'event')
    .map((f) => `${f.ruleId} ${f.fingerprint} ${f.events.map((e) => e.eventID).join(',')}`);
  return { result: comparable(result), analyzed, timeline };
}

async function scanPlain(workers: number, options: Partial<ScanOptions> & { paths: string[] }) {
  const result = await runScan(
    {
      rulesPaths: [],
      excludeRules: [],
      minSeverity: 'informational',
      window: {},
      workers,
      workerScript: WORKER,
      ...options,
    },
    silentLogger,
  );
  return comparable(result);
}

describe('a scan with worker threads', () => {
  let tree: ReturnType<typeof corpus>;
  beforeAll(() => {
    if (!existsSync(WORKER)) throw new Error(`${WORKER} is missing: run 'npm run package' first`);
    tree = corpus();
  });
  afterAll(() => tree.cleanup());

  it('finds, counts and reports the same as the main thread alone (generated corpus, bad files)', async () => {
    const paths = [tree.dir, BAD];
    const one = await scanPlain(1, { paths, rulesPaths: [SIGMAHQ] });
    const stats = (one as { stats: { duplicatesDropped: number; errors: unknown[]; eventsScanned: number } })
      .stats;
    // 21 in the complete files, plus those read from the truncated copy before its gzip data ends.
    expect(stats.duplicatesDropped).toBeGreaterThanOrEqual(21);
    expect(stats.errors.length).toBeGreaterThanOrEqual(5);
    for (const workers of [2, 3])
      expect(await scanPlain(workers, { paths, rulesPaths: [SIGMAHQ] })).toEqual(one);
  });

  it('gives the same result on the real fixtures and samples, with a window', async () => {
    const options = {
      paths: [REAL, SAMPLES, tree.dir],
      rulesPaths: [SIGMAHQ],
      window: { start: Date.parse('2020-06-01T00:00:00Z'), end: Date.parse('2025-01-01T00:00:00Z') },
    };
    const one = await scanPlain(1, options);
    expect((one as { findings: unknown[] }).findings.length).toBeGreaterThan(10);
    expect(await scanPlain(2, options)).toEqual(one);
  });

  it('hands analyzers and the timeline the same records, and suppresses the same matches', async () => {
    const allowlistFile = join(tree.dir, 'allow.yml');
    writeFileSync(allowlistFile, 'entries:\n  - reason: CI user\n    actor: "*u1*"\n');
    const allowlist = await loadAllowlist(allowlistFile, Date.parse('2024-06-03T00:00:00Z'));
    const options = { paths: [REAL, tree.dir], rulesPaths: [SIGMAHQ], allowlist };
    const one = await scan(1, options);
    expect(one.analyzed.length).toBeGreaterThan(0);
    // onEventFor 'all' (the default): unmatched events too.
    expect(one.timeline.some((line) => line.endsWith(' '))).toBe(true);
    expect((one.result as { suppressed: unknown[] }).suppressed.length).toBeGreaterThan(0);
    expect(await scan(2, options)).toEqual(one);

    const matchesOnly = { ...options, onEventFor: 'matches' as const };
    const oneMatches = await scan(1, matchesOnly);
    const twoMatches = await scan(2, matchesOnly);
    expect(twoMatches.result).toEqual(one.result);
    expect(twoMatches.analyzed).toEqual(one.analyzed);
    // Only the matched events reach onEvent from workers; the timeline of findings keeps those alone anyway.
    const matchedOnly = (t: string[]) => t.filter((line) => line.split(' ')[2] !== '');
    expect(twoMatches.timeline).toEqual(matchedOnly(one.timeline));
    expect(matchedOnly(oneMatches.timeline)).toEqual(twoMatches.timeline);
  });

  it('fails with a clear message when a worker cannot start or dies, and does not hang', async () => {
    const broken = join(tree.dir, 'broken-worker.mjs');
    writeFileSync(broken, "throw new Error('no luck');\n");
    await expect(scanPlain(2, { paths: [tree.dir], workerScript: broken })).rejects.toThrow(
      /scan worker thread failed to start: no luck/,
    );
    // Ready with the right rules, then dies on its first file.
    const { rules } = await import('../../src/rules/rule-set.js').then((m) =>
      m.loadRuleSet({ rulesPaths: [], excludeRules: [], minSeverity: 'informational' }, silentLogger),
    );
    const dying = join(tree.dir, 'dying-worker.mjs');
    writeFileSync(
      dying,
      `import { parentPort } from 'node:worker_threads';
parentPort.postMessage({ type: 'ready', ruleIds: ${JSON.stringify(rules.map((r) => r.rule.ruleId))} });
parentPort.on('message', () => process.exit(3));
`,
    );
    await expect(scanPlain(2, { paths: [tree.dir], workerScript: dying })).rejects.toThrow(
      /scan worker thread exited unexpectedly \(code 3\) while reading \/.*\.json(\.gz)?; the scan was stopped/,
    );
  });

  it('starts its workers with bounded heaps', async () => {
    // A worker that says what heap it was given, as the reason it cannot start.
    const telling = join(tree.dir, 'telling-worker.mjs');
    writeFileSync(
      telling,
      `import { resourceLimits } from 'node:worker_threads';
throw new Error(JSON.stringify(resourceLimits));
`,
    );
    const failure = await scanPlain(2, { paths: [tree.dir], workerScript: telling }).catch(
      (err: Error) => err.message,
    );
    const limits = JSON.parse(/failed to start: (\{.*\})/.exec(failure as string)![1]!) as Record<
      string,
      number
    >;
    expect(limits).toMatchObject(WORKER_RESOURCE_LIMITS);
    expect(limits.maxOldGenerationSizeMb).toBe(1024);
  });

  it('reads each file whole when a big one waits for its batches to be taken while the next ones arrive', async () => {
    // The big file's worker sends two batches, then waits for the merge to take them; meanwhile the pool sends it the
    // small files that follow. A worker that started those at once scanned them into the scanner under the big file
    // and lost the rest of it.
    const big = Array.from({ length: 4 * BATCH_EVENTS + 100 }, (_, i) => record(20_000 + i));
    const files: Record<string, Buffer> = { 'a/0-big.json.gz': s3(big) };
    for (let k = 1; k <= 30; k++)
      files[`a/${String(k).padStart(2, '0')}.json.gz`] = s3(
        Array.from({ length: 20 }, (_, i) => record(40_000 + k * 100 + i)),
      );
    const folder = tempTree(files);
    try {
      const one = await scanPlain(1, { paths: [folder.dir] });
      expect((one as { stats: { eventsScanned: number } }).stats.eventsScanned).toBe(big.length + 30 * 20);
      for (const workers of [2, 3]) expect(await scanPlain(workers, { paths: [folder.dir] })).toEqual(one);
    } finally {
      folder.cleanup();
    }
  });

  it('does not stall when workers are handed files of many batches ahead of the merge', async () => {
    // Workers read files ahead of the merge; one that has sent BATCHES_AHEAD batches of a file waits until the merge
    // takes them. Were a worker handed a nearer file after a farther one, the merge would wait for the nearer file
    // while the worker waited for the merge: handed in walk order, it cannot.
    const files: Record<string, Buffer> = {};
    for (let k = 0; k < 40; k++) {
      const size = k % 7 === 3 ? 3 * BATCH_EVENTS + 50 : 20;
      files[`a/${String(k).padStart(2, '0')}.json.gz`] = s3(
        Array.from({ length: size }, (_, i) => record(1_000_000 + k * 10_000 + i)),
      );
    }
    const folder = tempTree(files);
    try {
      const one = await scanPlain(1, { paths: [folder.dir] });
      for (const workers of [2, 3]) expect(await scanPlain(workers, { paths: [folder.dir] })).toEqual(one);
    } finally {
      folder.cleanup();
    }
  });

  it('streams a file too big to be read whole in this thread, while the workers read the others', async () => {
    // A worker that is sent the big file dies: the scan then fails instead of giving the result of --workers 1.
    const guarded = join(tree.dir, 'guarded-worker.mjs');
    writeFileSync(
      guarded,
      `import { parentPort } from 'node:worker_threads';
parentPort.on('message', (m) => { if (m.type === 'file' && m.file.endsWith('big.jsonl')) process.exit(7); });
await import(${JSON.stringify(pathToFileURL(WORKER).href)});
`,
    );
    const padding = 'x'.repeat(3000);
    const big = Array.from({ length: 11_500 }, (_, i) =>
      record(100_000 + i, { requestParameters: { padding } }),
    );
    const files: Record<string, Buffer> = {};
    for (let k = 1; k <= 20; k++)
      files[`a/${String(k).padStart(2, '0')}.json.gz`] = s3(
        Array.from({ length: 20 }, (_, i) => record(70_000 + k * 100 + i)),
      );
    const folder = tempTree(files);
    try {
      writeFileSync(join(folder.dir, 'a/10-big.jsonl'), lines(big));
      expect(statSync(join(folder.dir, 'a/10-big.jsonl')).size).toBeGreaterThan(WHOLE_FILE_MAX_BYTES);
      const one = await scanPlain(1, { paths: [folder.dir] });
      expect((one as { stats: { eventsScanned: number } }).stats.eventsScanned).toBe(big.length + 20 * 20);
      expect(await scanPlain(2, { paths: [folder.dir], workerScript: guarded })).toEqual(one);
    } finally {
      folder.cleanup();
    }
  });

  it("hands a file's events over in batches of at most BATCH_EVENTS", async () => {
    const { rules } = await import('../../src/rules/rule-set.js').then((m) =>
      m.loadRuleSet({ rulesPaths: [], excludeRules: [], minSeverity: 'informational' }, silentLogger),
    );
    const file = join(tree.dir, 'many.jsonl');
    writeFileSync(file, lines(Array.from({ length: 3000 }, (_, i) => record(5000 + i))));
    const pool = await ScanWorkerPool.start(
      WORKER,
      1,
      {
        rules: { rulesPaths: [], excludeRules: [], minSeverity: 'informational' },
        plan: { window: {}, records: 'none' },
      },
      rules.map((r) => r.rule.ruleId),
    );
    try {
      const sizes: number[] = [];
      for await (const batch of pool.scan(file))
        sizes.push(
          [...batch].reduce((n, entry) => n + (entry.kind === 'events' ? entry.events.count : 0), 0),
        );
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(3000);
      expect(Math.max(...sizes)).toBe(BATCH_EVENTS);
    } finally {
      await pool.close();
    }
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    const result = await runScan(
      {
        paths: [REAL, tree.dir],
        rulesPaths: [],
        excludeRules: [],
        minSeverity: 'informational',
        window: {},
        workers: 2,
        workerScript: WORKER,
        signal: controller.signal,
        onEvent: () => controller.abort(),
      },
      silentLogger,
    );
    const full = (await scanPlain(2, { paths: [REAL, tree.dir] })) as { stats: { eventsScanned: number } };
    expect(result.stats.eventsScanned).toBeLessThan(full.stats.eventsScanned);
  });
});

describe('the bundled CLI', () => {
  it('gives the same findings file with --workers 1, --workers 2 and CLOUDTRAIL_AUDIT_WORKERS=3', async () => {
    const cli = join(ROOT, 'dist/cli/index.js');
    expect(existsSync(join(ROOT, 'dist/cli/scan-worker.js'))).toBe(true);
    const tree = corpus();
    const outDir = tempDir();
    try {
      const outputs: string[] = [];
      for (const [args, env] of [
        [['--workers', '1'], {}],
        [['--workers', '2'], {}],
        [[], { CLOUDTRAIL_AUDIT_WORKERS: '3' }],
      ] as const) {
        const out = join(outDir, `findings-${outputs.length}.json`);
        const result = await runNode(
          cli,
          ['scan', tree.dir, REAL, '--rules-path', SIGMAHQ, '--quiet', '--findings-file', out, ...args],
          env,
        );
        expect(result.code).toBe(0);
        outputs.push(readFileSync(out, 'utf8'));
      }
      expect(JSON.parse(outputs[0]!).findings.length).toBeGreaterThan(10);
      expect(outputs[1]).toBe(outputs[0]);
      expect(outputs[2]).toBe(outputs[0]);
      const bad = await runNode(cli, ['scan', tree.dir, '--workers', 'lots'], {});
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain("--workers: 'lots' is not a number of threads from 1 to 256");
    } finally {
      tree.cleanup();
    }
  });
});

describe('worker count', () => {
  it('comes from the option, else CLOUDTRAIL_AUDIT_WORKERS, else the cores', () => {
    expect(workerCount(3, { CLOUDTRAIL_AUDIT_WORKERS: '5' })).toBe(3);
    expect(workerCount(undefined, { CLOUDTRAIL_AUDIT_WORKERS: '5' })).toBe(5);
    expect(workerCount(undefined, {})).toBeGreaterThanOrEqual(1);
    expect(() => workerCount(undefined, { CLOUDTRAIL_AUDIT_WORKERS: 'many' })).toThrow(
      /CLOUDTRAIL_AUDIT_WORKERS: 'many' is not a number of threads from 1 to 256/,
    );
    expect(() => parseWorkers('0', '--workers')).toThrow(/--workers: '0'/);
    expect(parseWorkers(' 2 ', '--workers')).toBe(2);
  });
});
