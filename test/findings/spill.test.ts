/**
 * Findings keep a bounded number of events in memory and spill the rest to a temporary file (src/findings/events.ts,
 * spill.ts); the findings file still lists every matching event. These tests scan with the bounds set low through the
 * scan's own option (ScanOptions.findingEvents) and check that the findings file is byte for byte the one written
 * when every event stays in memory, and that the reports' findings hold no more than the bound.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../../src/core/finding.js';
import { silentLogger } from '../../src/core/logger.js';
import type { ScanResult } from '../../src/core/result.js';
import { hasSpilledEvents, type FindingEventBounds } from '../../src/findings/events.js';
import { mergeSorted } from '../../src/findings/spill.js';
import { findingsDocument, writeFindingsFile } from '../../src/findings/write.js';
import { findingTags } from '../../src/report/timeline.js';
import { runScan, type ScanOptions } from '../../src/pipeline/scan.js';
import { ROOT, tempDir } from '../helpers/run-process.js';

/** Nothing spilled: every event stays in memory (the findings file as it was before events were bounded). */
const IN_MEMORY: FindingEventBounds = { kept: 1e9, batch: 1e9, total: 1e9 };

async function findingsFileOf(options: ScanOptions): Promise<{ text: string; result: ScanResult }> {
  const result = await runScan(options, silentLogger);
  const file = join(tempDir(), 'findings.json');
  await writeFindingsFile(file, result);
  return { text: readFileSync(file, 'utf8'), result };
}

const allFindings = (r: ScanResult): Finding[] => [...r.findings, ...r.folded, ...r.suppressed];

/** Two rules on the same events (one folds into the other) and one on a part of them, as a user's rule files. */
function userRules(dir: string): string {
  const rule = (name: string, level: string, selection: string) =>
    [
      `title: Spill test ${name}`,
      `id: 00000000-0000-4000-8000-00000000000${name.length}`,
      `name: spill-${name}`,
      'status: test',
      'description: A rule of the spill test.',
      'author: test',
      'logsource:',
      '    product: aws',
      '    service: cloudtrail',
      'detection:',
      '    selection:',
      selection,
      '    condition: selection',
      `level: ${level}`,
      'fields:',
      '    - requestParameters.secretId',
      '',
    ].join('\n');
  writeFileSync(join(dir, 'a.yml'), rule('a', 'high', "        eventName: 'GetSecretValue'"));
  writeFileSync(
    join(dir, 'bb.yml'),
    rule('bb', 'medium', "        eventSource: 'secretsmanager.amazonaws.com'"),
  );
  writeFileSync(
    join(dir, 'ccc.yml'),
    rule('ccc', 'low', "        requestParameters.secretId: 'db-password'"),
  );
  return dir;
}

/**
 * `n` GetSecretValue calls by one role in shuffled order, many sharing an eventTime (ties are ordered by eventID),
 * as JSON Lines.
 */
function secretReads(dir: string, n: number): string {
  let seed = 17;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const records = Array.from({ length: n }, (_, i) => ({
    eventVersion: '1.08',
    eventTime: new Date(Date.UTC(2026, 10, 1) + Math.floor(i / 7) * 1000).toISOString().replace('.000', ''),
    eventSource: 'secretsmanager.amazonaws.com',
    eventName: 'GetSecretValue',
    awsRegion: 'eu-west-1',
    sourceIPAddress: `10.0.${i % 200}.${i % 7}`,
    userAgent: 'app/1.0',
    eventID: `e-${(i * 7919) % n}-${i}`,
    recipientAccountId: '111122223333',
    requestParameters: { secretId: i % 3 === 0 ? 'db-password' : 'api-key' },
    userIdentity: {
      type: 'AssumedRole',
      arn: 'arn:aws:sts::111122223333:assumed-role/app/i-1',
      accountId: '111122223333',
    },
  }));
  for (let i = records.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [records[i], records[j]] = [records[j]!, records[i]!];
  }
  const file = join(dir, 'reads.jsonl');
  writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return file;
}

describe('findings with more events than memory keeps', () => {
  it('write the findings file every event would give, in memory or not (thousands of events, many runs)', async () => {
    const dir = tempDir();
    const options: ScanOptions = {
      paths: [secretReads(dir, 3000)],
      rulesPaths: [userRules(dir)],
      noBuiltinRules: true,
      excludeRules: [],
      minSeverity: 'low',
      window: {},
      workers: 1,
    };
    // 3000 events in runs of at most 20: more runs than one merge reads at once, merged in passes.
    const bounded = await findingsFileOf({ ...options, findingEvents: { kept: 3, batch: 20, total: 100 } });
    const whole = await findingsFileOf({ ...options, findingEvents: IN_MEMORY });
    expect(bounded.text).toBe(whole.text);
    // The file is streamed, a finding and an event at a time: as JSON.stringify writes the document.
    expect(whole.text).toBe(JSON.stringify(findingsDocument(whole.result), null, 2) + '\n');

    const doc = JSON.parse(bounded.text) as { findings: Finding[]; folded: Finding[] };
    expect(doc.findings.map((f) => [f.ruleId, f.count, f.events.length])).toEqual([['spill-a', 3000, 3000]]);
    expect(doc.folded.map((f) => [f.ruleId, f.count, f.events.length])).toEqual([
      ['spill-bb', 3000, 3000],
      ['spill-ccc', 1000, 1000],
    ]);
    // In memory: the 3 oldest and the 3 newest of each, the count of all; the reports read these.
    for (const f of allFindings(bounded.result)) {
      expect([f.ruleId, f.events.length, hasSpilledEvents(f)]).toEqual([f.ruleId, 6, true]);
      const full = [...doc.findings, ...doc.folded].find((d) => d.fingerprint === f.fingerprint)!;
      expect(f.events).toEqual([...full.events.slice(0, 3), ...full.events.slice(-3)]);
      expect([f.firstSeen, f.lastSeen]).toEqual([full.firstSeen, full.lastSeen]);
    }
    // Folding saw every event, not only those kept: each folded finding is carried whole.
    expect(doc.folded.map((f) => f.carriedBy!.reduce((n, c) => n + c.eventIDs.length, 0))).toEqual([
      3000, 1000,
    ]);
  });

  it.each([
    ['the bundled samples', 'samples'],
    ['the real fixtures', 'test/fixtures/real-cloudtrail'],
  ])(
    'give the same findings file on %s with the built-in rules, correlations and first-seen rules',
    async (_name, path) => {
      const options: ScanOptions = {
        paths: [join(ROOT, path)],
        rulesPaths: [],
        excludeRules: [],
        minSeverity: 'low',
        window: {},
        workers: 1,
      };
      const bounded = await findingsFileOf({ ...options, findingEvents: { kept: 1, batch: 2, total: 4 } });
      const whole = await findingsFileOf({ ...options, findingEvents: IN_MEMORY });
      expect(bounded.text).toBe(whole.text);
      expect(whole.text).toBe(JSON.stringify(findingsDocument(whole.result), null, 2) + '\n');
      const spilled = allFindings(bounded.result).filter(hasSpilledEvents);
      expect(spilled.length).toBeGreaterThan(0);
      for (const f of allFindings(bounded.result)) expect(f.events.length).toBeLessThanOrEqual(2);
      // The timeline tags every event of a correlation or first-seen finding, kept in memory or not.
      const tags = findingTags(bounded.result);
      expect(tags).toEqual(findingTags(whole.result));
      expect(tags.size).toBeGreaterThan(0);
    },
  );
});

describe('mergeSorted', () => {
  it('merges sorted sources in order, ties in the order of the sources, whatever their lengths', () => {
    // Pseudo-random sorted sources (empty ones too), items tagged with their source: the result is a stable sort.
    let seed = 7;
    const random = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    for (const width of [0, 1, 2, 3, 17, 70]) {
      const sources = Array.from({ length: width }, (_, s) =>
        Array.from({ length: random(40) }, () => random(25))
          .sort((a, b) => a - b)
          .map((key) => ({ key, s })),
      );
      const merged = [
        ...mergeSorted(
          sources.map((items) => items[Symbol.iterator]()),
          (a, b) => a.key - b.key,
        ),
      ];
      const expected = sources.flat().sort((a, b) => a.key - b.key || a.s - b.s);
      expect(merged).toEqual(expected);
    }
  });
});
