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
    const buffers = () => {
      collectGarbage();
      return process.memoryUsage().arrayBuffers;
    };
    const before = buffers();
    for (let i = 0; i < 400_000; i++) merger.merge(event(i));
    for (let i = 0; i < 1000; i++) merger.merge(event(i));
    expect([stats.eventsScanned, stats.duplicatesDropped]).toEqual([400_000, 1000]);
    // Two 32-bit hashes an id, in a table at most half full: 8 MiB for 400 000 ids.
    const held = buffers() - before;
    expect(held).toBeGreaterThan(4 * 1024 * 1024);
    merger.finish();
    expect(buffers() - before).toBeLessThan(held / 4);
    expect(() => merger.merge(event(0))).toThrow(/after finish/);
  });
});
