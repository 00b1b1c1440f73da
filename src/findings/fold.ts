/**
 * Folding findings that share events (docs/findings.md): one event, one place to look.
 *
 * Findings are ranked: the more severe first, then the more specific kind of rule (a correlation, then a first-seen
 * rule, then a single-event rule: the aggregate or the novelty over the per-event rule it builds on), then by rule id
 * and fingerprint. Each event that several findings list is *carried* by the highest-ranked of them. A finding that
 * carries none of its events is *folded* into the highest-ranked finding that carries them: it gets no issue, SARIF
 * result or summary row of its own, and the finding it is folded into names it ("also matched"). A finding that
 * carries some of its events stays, and reports those; the others are named as carried by the finding that has them.
 *
 * Works on event ids and fingerprints only: one table entry per distinct event id, whatever the number of findings.
 * Every event of a finding counts, also those it keeps out of memory (events.ts: read back from the scan's spill).
 */
import type { AlsoMatched, CarriedBy, Finding, FindingEvent } from '../core/finding.js';
import type { RuleMeta } from '../core/rule-meta.js';
import { severityRank } from '../core/severity.js';
import { FirstNumberById } from '../records/seen-ids.js';
import { eventIdsOf } from './events.js';
import { compare } from './order.js';

export interface FoldedFindings {
  /** The findings reported on their own (in the order given), with `alsoMatched` and `carriedBy` where they apply. */
  findings: Finding[];
  /** The folded findings (in the order given), each with `foldedInto` and `carriedBy`. */
  folded: Finding[];
}

const SPECIFICITY: Record<RuleMeta['kind'], number> = { correlation: 2, 'first-seen': 1, event: 0 };

/** Folds `findings` (none of them suppressed); `rules` tells each rule's kind (the run's catalogue). */
export function foldFindings(
  findings: readonly Finding[],
  rules: readonly Pick<RuleMeta, 'ruleId' | 'kind'>[],
): FoldedFindings {
  const kinds = new Map(rules.map((r) => [r.ruleId, r.kind]));
  const specificity = (f: Finding) => {
    const kind = kinds.get(f.ruleId);
    if (kind === undefined) throw new Error(`foldFindings: rule ${f.ruleId} is not in the catalogue`);
    return SPECIFICITY[kind];
  };
  const ranked = [...findings].sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) ||
      specificity(b) - specificity(a) ||
      compare(a.ruleId, b.ruleId) ||
      compare(a.fingerprint, b.fingerprint),
  );

  // Each event id → the rank of the finding that carries it (the first, in rank order, to list it). Kept as hashes
  // (~16 bytes an id), in a table made big enough at once: a finding may list most of a million-event scan.
  const carrier = new FirstNumberById(ranked.reduce((n, f) => n + f.count, 0));
  // For each finding, its events carried elsewhere, by carrier rank.
  let elsewhere: { byCarrier: Map<number, string[]>; folded: boolean }[];
  try {
    let shared = false;
    ranked.forEach((f, rank) => {
      for (const eventID of eventIdsOf(f)) {
        if (eventID === '') continue; // an event without an id cannot be told apart: it is its finding's own
        if (carrier.firstOrSet(eventID, rank) !== rank) shared = true;
      }
    });
    if (!shared) return { findings: [...findings], folded: [] };

    elsewhere = ranked.map((f, rank) => {
      const byCarrier = new Map<number, string[]>();
      let own = 0;
      for (const eventID of eventIdsOf(f)) {
        const at = eventID === '' ? rank : carrier.get(eventID)!;
        if (at === rank) {
          own++;
          continue;
        }
        const ids = byCarrier.get(at);
        if (ids) ids.push(eventID);
        else byCarrier.set(at, [eventID]);
      }
      return { byCarrier, folded: own === 0 };
    });
  } finally {
    carrier.release();
  }

  const alsoMatched = ranked.map((): AlsoMatched[] => []);
  elsewhere.forEach(({ byCarrier, folded }, rank) => {
    const f = ranked[rank]!;
    for (const [at, ids] of byCarrier) {
      alsoMatched[at]!.push({
        fingerprint: f.fingerprint,
        ruleId: f.ruleId,
        title: f.title,
        severity: f.severity,
        events: ids.length,
        folded,
      });
    }
  });

  const annotated = new Map<Finding, Finding>();
  ranked.forEach((f, rank) => {
    const { byCarrier, folded } = elsewhere[rank]!;
    const carriers = [...byCarrier.keys()].sort((a, b) => a - b);
    const carriedBy: CarriedBy[] = carriers.map((at) => ({
      fingerprint: ranked[at]!.fingerprint,
      ruleId: ranked[at]!.ruleId,
      eventIDs: byCarrier.get(at)!,
    }));
    annotated.set(f, {
      ...f,
      ...(folded ? { foldedInto: ranked[carriers[0]!]!.fingerprint } : {}),
      ...(carriedBy.length > 0 ? { carriedBy } : {}),
      ...(alsoMatched[rank]!.length > 0 ? { alsoMatched: alsoMatched[rank] } : {}),
    });
  });
  const out: FoldedFindings = { findings: [], folded: [] };
  for (const f of findings) {
    const a = annotated.get(f)!;
    (a.foldedInto !== undefined ? out.folded : out.findings).push(a);
  }
  return out;
}

/** The events a finding carries itself, of those it keeps in memory (all of them unless a higher-ranked finding carries some). */
export function ownEvents(f: Finding): FindingEvent[] {
  if (!f.carriedBy || f.carriedBy.length === 0) return f.events;
  const elsewhere = new Set(f.carriedBy.flatMap((c) => c.eventIDs));
  return f.events.filter((e) => !elsewhere.has(e.eventID));
}

/**
 * The finding as reports show it: its own events only (count, first and last seen to match; for a finding with more
 * events than it keeps in memory, the count is of all its own events, and the times those of the kept ones). The
 * events carried elsewhere stay in `carriedBy`, and in the findings file's full finding.
 */
export function ownPart(f: Finding): Finding {
  const events = ownEvents(f);
  if (events === f.events || events.length === 0) return f;
  return {
    ...f,
    events,
    count: f.count - carriedElsewhere(f),
    firstSeen: events[0]!.eventTime,
    lastSeen: events[events.length - 1]!.eventTime,
  };
}

/** How many of a finding's events are carried by other findings. */
export function carriedElsewhere(f: Finding): number {
  return (f.carriedBy ?? []).reduce((n, c) => n + c.eventIDs.length, 0);
}
