/**
 * The merge (src/pipeline/parallel/merge.ts) admits each event once, by its id: it remembers every id until the read
 * is over, and lets them go then, before the findings are folded (which needs memory of its own).
 */
import { describe, expect, it } from '@jest/globals';
import { silentLogger } from '../../../src/core/logger.js';
import { ScanStats } from '../../../src/core/stats.js';
import { Detector } from '../../../src/detect/detector.js';
import { Analyzers } from '../../../src/pipeline/analyzers.js';
import type { EventEntry } from '../../../src/pipeline/parallel/entries.js';
import { EventColumnsBuilder } from '../../../src/pipeline/parallel/event-columns.js';
import { ScanMerger } from '../../../src/pipeline/parallel/merge.js';
import { collectGarbage } from '../../helpers/heap.js';
import { ruleSetOf } from '../../helpers/scan-records.js';

const event = (i: number): EventEntry => ({
  kind: 'event',
  id: `id-${i}`,
  time: Date.UTC(2026, 0, 1) + i,
  eventTime: new Date(Date.UTC(2026, 0, 1) + i).toISOString(),
  account: '111122223333',
  region: 'eu-west-1',
  matches: [],
});

describe('ScanMerger', () => {
  it('admits each id once, and forgets the ids once the read is over', () => {
    const stats = new ScanStats();
    const merger = new ScanMerger(
      [],
      { window: {}, records: 'none' },
      new Detector(),
      new Analyzers(ruleSetOf([]), {}, silentLogger),
      stats,
    );
    for (let i = 0; i < 400_000; i++) merger.merge(event(i));
    for (let i = 0; i < 1000; i++) merger.merge(event(i));
    expect([stats.eventsScanned, stats.duplicatesDropped]).toEqual([400_000, 1000]);
    // Two 32-bit hashes an id, in a table at most three quarters full: about 5 MiB for 400 000 ids, given back to
    // the system when the read is over (not when V8 collects it).
    collectGarbage();
    const held = process.memoryUsage.rss();
    merger.finish();
    expect(held - process.memoryUsage.rss()).toBeGreaterThan(4 * 1024 * 1024);
    expect(() => merger.merge(event(0))).toThrow(/after finish/);
  });

  it("merges a worker's batch as it merges the same events one by one", () => {
    const merged = (batched: boolean) => {
      const stats = new ScanStats();
      const merger = new ScanMerger(
        [],
        { window: { start: Date.UTC(2026, 0, 1) + 100, end: Date.UTC(2026, 0, 1) + 2900 }, records: 'none' },
        new Detector(),
        new Analyzers(ruleSetOf([]), {}, silentLogger),
        stats,
      );
      const events = Array.from({ length: 3000 }, (_, i) => ({
        ...event(i % 2000),
        id: i % 7 === 0 ? undefined : `id-${i % 2000}`,
        account: i % 5 === 0 ? undefined : `11112222333${i % 3}`,
        region: `eu-west-${i % 4}`,
        ...(i % 3 === 0 ? { unparsed: true } : {}),
      }));
      // Ids merged before the batch, one by one (a file this thread read), are duplicates in it too.
      for (const e of events.slice(0, 10)) merger.merge(e);
      if (batched) {
        const builder = new EventColumnsBuilder();
        for (const e of events.slice(10)) builder.add(e);
        merger.merge({ kind: 'events', events: structuredClone(builder.build()) });
      } else {
        for (const e of events.slice(10)) merger.merge(e);
      }
      return {
        stats: [stats.eventsScanned, stats.eventsInWindow, stats.eventsNotParsed, stats.duplicatesDropped],
        span: [merger.first, merger.last, merger.earliest],
        accounts: merger.accounts.sorted(),
        regions: merger.regions.sorted(),
      };
    };
    const one = merged(false);
    expect(one.stats[3]).toBeGreaterThan(500);
    expect(one.accounts).toHaveLength(3);
    expect(merged(true)).toEqual(one);
  });
});
