import { beforeAll, describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { silentLogger } from '../../src/core/logger.js';
import { runScan } from '../../src/pipeline/scan.js';
import { SEED_RULE_IDS } from '../helpers/busy-account.js';
import { ROOT, runNode, tempDir } from '../helpers/run-process.js';

interface GroundTruth {
  seedRules: string[];
  matches: Record<string, string[]>;
  nearMisses: string[];
  attacks: string[];
}

const ARGS = ['--events', '3000', '--accounts', '2', '--regions', '2', '--seed', 'jest', '--quiet'];
const LAYOUT =
  /^AWSLogs\/(\d{12})\/CloudTrail\/([a-z]{2}-[a-z]+-\d)\/(\d{4})\/(\d{2})\/(\d{2})\/\1_CloudTrail_\2_\3\4\5T(\d{2})(\d{2})Z_[A-Za-z0-9]{16}\.json\.gz$/;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

async function generate(args: string[]): Promise<string> {
  const out = tempDir('cta-corpus-');
  const run = await runNode(join(ROOT, 'bench/corpus.mjs'), ['--out', out, ...args]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return out;
}

describe('bench/corpus.mjs', () => {
  let out: string;
  let truth: GroundTruth;
  beforeAll(async () => {
    out = await generate(ARGS);
    truth = JSON.parse(readFileSync(join(out, 'ground-truth.json'), 'utf8')) as GroundTruth;
  });

  it('writes the same bytes for the same seed, and other bytes for another seed', async () => {
    const again = await generate(ARGS);
    const files = filesUnder(out);
    expect(filesUnder(again)).toEqual(files);
    for (const file of files)
      expect(readFileSync(join(again, file)).equals(readFileSync(join(out, file)))).toBe(true);

    const other = await generate(ARGS.map((a) => (a === 'jest' ? 'other' : a)));
    expect(readFileSync(join(other, 'ground-truth.json'))).not.toEqual(
      readFileSync(join(out, 'ground-truth.json')),
    );
  });

  it('lays out one gzipped {"Records":[...]} file per 5 minutes, account and Region', () => {
    const manifest = JSON.parse(readFileSync(join(out, 'corpus.json'), 'utf8')) as {
      accounts: string[];
      regions: string[];
      events: number;
      files: number;
    };
    const logs = filesUnder(out).filter((f) => f.startsWith('AWSLogs/'));
    expect(logs.length).toBe(manifest.files);
    const periods = new Set<string>();
    let records = 0;
    for (const file of logs) {
      const m = LAYOUT.exec(file);
      expect(m).not.toBeNull();
      const [, account, region, year, month, day, hour, minute] = m!;
      expect(manifest.accounts).toContain(account);
      expect(manifest.regions).toContain(region);
      expect(Number(minute) % 5).toBe(0);
      const key = `${account}|${region}|${year}${month}${day}${hour}${minute}`;
      expect(periods.has(key)).toBe(false);
      periods.add(key);

      const doc = JSON.parse(gunzipSync(readFileSync(join(out, file))).toString('utf8')) as {
        Records: Record<string, unknown>[];
      };
      expect(Object.keys(doc)).toEqual(['Records']);
      for (const record of doc.Records) {
        expect(record.recipientAccountId).toBe(account);
        expect(record.awsRegion).toBe(region);
        // A file holds the five minutes that end at its time stamp.
        const end = Date.UTC(+year!, +month! - 1, +day!, +hour!, +minute!);
        const time = Date.parse(record.eventTime as string);
        expect(time).toBeLessThan(end);
        expect(time).toBeGreaterThanOrEqual(end - 300_000);
      }
      records += doc.Records.length;
    }
    expect(records).toBe(3000);
    expect(manifest.events).toBe(3000);
  });

  it('lists ground truth for the seed rules: the attacks, and near misses', () => {
    expect(truth.seedRules).toEqual([...SEED_RULE_IDS]);
    // One chain of ten steps an account, seven of which match one seed rule each.
    expect(truth.attacks).toHaveLength(20);
    const attackRules = truth.attacks.flatMap((id) => truth.matches[id] ?? []);
    for (const rule of SEED_RULE_IDS) expect(attackRules.filter((r) => r === rule)).toHaveLength(2);
    expect(truth.nearMisses.length).toBeGreaterThanOrEqual(6);
  });

  it('is what the scan finds with the seed rules: every match, and nothing else', async () => {
    const result = await runScan(
      {
        paths: [join(out, 'AWSLogs')],
        rulesPaths: SEED_RULE_IDS.map((id) => join(ROOT, 'rules/builtin', `${id}.yml`)),
        noBuiltinRules: true,
        excludeRules: [],
        minSeverity: 'low',
        window: {},
      },
      silentLogger,
    );
    expect(result.stats.toJSON()).toMatchObject({ eventsScanned: 3000, recordsSkipped: 0, errors: [] });
    const found: Record<string, string[]> = {};
    const deniedAttempts: string[] = [];
    for (const finding of result.findings) {
      // The seed rules report calls AWS refused as findings of their own ("(denied)"): the ground truth counts
      // them among the near misses (successful calls only), which the check below covers.
      if (finding.title.endsWith(' (denied)')) deniedAttempts.push(...finding.events.map((e) => e.eventID));
      else for (const event of finding.events) (found[event.eventID] ??= []).push(finding.ruleId);
    }
    expect(deniedAttempts.length).toBeGreaterThan(0);
    for (const id of deniedAttempts) expect(truth.nearMisses).toContain(id);
    for (const rules of Object.values(found)) rules.sort();
    const expected = Object.fromEntries(
      Object.entries(truth.matches).map(([id, rules]) => [id, [...rules].sort()]),
    );
    expect(found).toEqual(expected);
    for (const id of truth.nearMisses) expect(found[id]).toBeUndefined();
  });
});
