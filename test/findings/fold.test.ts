/**
 * Folding findings that share events (src/findings/fold.ts, docs/findings.md): the rank, what is folded into what,
 * and, on the bundled samples and the real fixtures, the promise: no event is reported by two findings, and the
 * findings file keeps every finding.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../../src/core/finding.js';
import { silentLogger } from '../../src/core/logger.js';
import type { RuleMeta } from '../../src/core/rule-meta.js';
import type { Severity } from '../../src/core/severity.js';
import { foldFindings, ownEvents, ownPart } from '../../src/findings/fold.js';
import { writeFindingsFile } from '../../src/findings/write.js';
import { runScan } from '../../src/pipeline/scan.js';
import { ROOT, tempDir } from '../helpers/run-process.js';
import { findingEvent } from '../report/scan-result.js';

const RULES: Pick<RuleMeta, 'ruleId' | 'kind'>[] = [
  { ruleId: 'a-event', kind: 'event' },
  { ruleId: 'b-event', kind: 'event' },
  { ruleId: 'z-event', kind: 'event' },
  { ruleId: 'first-seen', kind: 'first-seen' },
  { ruleId: 'correlation', kind: 'correlation' },
];

/** A finding of `ruleId` over the sample events numbered `ids`. */
function make(
  ruleId: string,
  severity: Severity,
  ids: number[],
  fingerprint = `${ruleId}-${ids.join('-')}`,
): Finding {
  const events = ids.map((i) => findingEvent(i));
  return {
    ruleId,
    title: `Title of ${ruleId}`,
    severity,
    fingerprint: Buffer.from(fingerprint).toString('hex').padEnd(32, '0'),
    firstSeen: events[0]!.eventTime,
    lastSeen: events[events.length - 1]!.eventTime,
    count: events.length,
    author: 'test',
    attack: [],
    group: {},
    events,
  };
}

const byRule = (findings: Finding[]) => Object.fromEntries(findings.map((f) => [f.ruleId, f]));

describe('foldFindings', () => {
  it('leaves findings that share no event as they are', () => {
    const findings = [make('a-event', 'high', [1]), make('b-event', 'high', [2])];
    expect(foldFindings(findings, RULES)).toEqual({ findings, folded: [] });
  });

  it('folds a finding whose every event a more severe one carries', () => {
    const high = make('z-event', 'high', [1, 2]);
    const medium = make('a-event', 'medium', [1, 2]);
    const { findings, folded } = foldFindings([medium, high], RULES);
    expect(findings.map((f) => f.ruleId)).toEqual(['z-event']);
    expect(folded).toEqual([
      {
        ...medium,
        foldedInto: high.fingerprint,
        carriedBy: [
          { fingerprint: high.fingerprint, ruleId: 'z-event', eventIDs: medium.events.map((e) => e.eventID) },
        ],
      },
    ]);
    expect(findings[0]!.alsoMatched).toEqual([
      {
        fingerprint: medium.fingerprint,
        ruleId: 'a-event',
        title: 'Title of a-event',
        severity: 'medium',
        events: 2,
        folded: true,
      },
    ]);
  });

  it('ranks a correlation, then a first-seen rule, above the single-event rule at the same severity', () => {
    const event = make('a-event', 'medium', [1]);
    const firstSeen = make('first-seen', 'medium', [1]);
    const correlation = make('correlation', 'medium', [1, 2]);
    const { findings, folded } = foldFindings([event, firstSeen, correlation], RULES);
    expect(findings.map((f) => f.ruleId)).toEqual(['correlation']);
    expect(byRule(folded)['a-event']!.foldedInto).toBe(correlation.fingerprint);
    expect(byRule(folded)['first-seen']!.foldedInto).toBe(correlation.fingerprint);
    // Without the correlation, the first-seen finding carries the event.
    const two = foldFindings([event, firstSeen], RULES);
    expect(two.findings.map((f) => f.ruleId)).toEqual(['first-seen']);
  });

  it('breaks ties by rule id, then fingerprint, whatever the order given', () => {
    const a = make('a-event', 'high', [1]);
    const b = make('b-event', 'high', [1]);
    const a2 = make('a-event', 'high', [1], 'other-group');
    for (const order of [
      [a, b, a2],
      [b, a2, a],
      [a2, a, b],
    ]) {
      const { findings, folded } = foldFindings(order, RULES);
      const carrier = [a, a2].sort((x, y) => (x.fingerprint < y.fingerprint ? -1 : 1))[0]!;
      expect(findings.map((f) => f.fingerprint)).toEqual([carrier.fingerprint]);
      expect(folded).toHaveLength(2);
      for (const f of folded) expect(f.foldedInto).toBe(carrier.fingerprint);
    }
  });

  it('keeps a finding with events of its own, reporting those and naming where the others are', () => {
    const burst = make('correlation', 'medium', [1, 2, 3]);
    const novel = make('first-seen', 'medium', [0, 1, 2]);
    const { findings, folded } = foldFindings([burst, novel], RULES);
    expect(folded).toEqual([]);
    const kept = byRule(findings)['first-seen']!;
    expect(kept.foldedInto).toBeUndefined();
    expect(kept.carriedBy).toEqual([
      {
        fingerprint: burst.fingerprint,
        ruleId: 'correlation',
        eventIDs: [1, 2].map((i) => findingEvent(i).eventID),
      },
    ]);
    expect(ownEvents(kept).map((e) => e.eventID)).toEqual([findingEvent(0).eventID]);
    expect(ownPart(kept)).toMatchObject({
      count: 1,
      firstSeen: findingEvent(0).eventTime,
      lastSeen: findingEvent(0).eventTime,
    });
    expect(kept.count).toBe(3); // the finding itself keeps every event
    expect(byRule(findings)['correlation']!.alsoMatched).toEqual([
      expect.objectContaining({ ruleId: 'first-seen', events: 2, folded: false }),
    ]);
  });

  it('folds into the highest-ranked of several carriers, and each carrier names it', () => {
    const critical = make('z-event', 'critical', [1]);
    const high = make('b-event', 'high', [2]);
    const low = make('a-event', 'low', [1, 2]);
    const { findings, folded } = foldFindings([low, high, critical], RULES);
    expect(folded[0]!.foldedInto).toBe(critical.fingerprint);
    expect(folded[0]!.carriedBy!.map((c) => c.ruleId)).toEqual(['z-event', 'b-event']);
    for (const f of findings)
      expect(f.alsoMatched).toEqual([expect.objectContaining({ ruleId: 'a-event', events: 1 })]);
  });

  it('never shares an event without an id', () => {
    const noId = (f: Finding) => ({ ...f, events: f.events.map((e) => ({ ...e, eventID: '' })) });
    const { findings, folded } = foldFindings(
      [noId(make('a-event', 'high', [1])), noId(make('b-event', 'low', [1]))],
      RULES,
    );
    expect(findings).toHaveLength(2);
    expect(folded).toEqual([]);
  });
});

describe.each([
  ['the bundled samples', 'samples'],
  ['the real fixtures', 'test/fixtures/real-cloudtrail'],
])('folding on %s', (_name, path) => {
  it('reports every event by exactly one finding, and the findings file keeps every finding', async () => {
    const result = await runScan(
      { paths: [join(ROOT, path)], rulesPaths: [], excludeRules: [], minSeverity: 'low', window: {} },
      silentLogger,
    );
    const file = join(tempDir(), 'findings.json');
    await writeFindingsFile(file, result);
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { findings: Finding[]; folded: Finding[] };
    expect(doc.folded.length).toBeGreaterThan(0);

    // Each event of an unfolded finding, less those it says another finding carries, is reported by that finding
    // alone.
    const reportedBy = new Map<string, string[]>();
    for (const f of doc.findings) {
      for (const e of ownEvents(f))
        reportedBy.set(e.eventID, [...(reportedBy.get(e.eventID) ?? []), f.ruleId]);
    }
    const twice = [...reportedBy].filter(([, rules]) => rules.length > 1);
    expect(twice).toEqual([]);
    // And every event of every finding, folded or not, is reported somewhere.
    for (const f of [...doc.findings, ...doc.folded]) {
      for (const e of f.events)
        expect([f.ruleId, e.eventID, reportedBy.has(e.eventID)]).toEqual([f.ruleId, e.eventID, true]);
    }
    // Each folded finding names a reported finding that names it back; it keeps every event.
    const byFingerprint = new Map(doc.findings.map((f) => [f.fingerprint, f]));
    for (const f of doc.folded) {
      const carrier = byFingerprint.get(f.foldedInto!)!;
      expect(carrier).toBeDefined();
      expect(carrier.alsoMatched).toContainEqual(
        expect.objectContaining({ fingerprint: f.fingerprint, folded: true }),
      );
      expect(f.count).toBe(f.events.length);
      expect(ownEvents(f)).toEqual([]);
    }
    // Before folding, events were shared: the same scan's matches, counted per rule.
    const listed = [...doc.findings, ...doc.folded].reduce((n, f) => n + f.events.length, 0);
    expect(listed).toBeGreaterThan(reportedBy.size);
  });
});
