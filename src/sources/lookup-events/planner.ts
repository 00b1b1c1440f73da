/**
 * The pushdown planner of the LookupEvents source (pure functions).
 *
 * LookupEvents takes one lookup attribute per request and answers 50 events a page, about 2 requests per
 * second per account and Region: reading a busy account costs many calls. The plans:
 * - `full`: every event of the window (no attribute): one call per 50 events;
 * - `write-only`: `ReadOnly=false`, offered only when the caller says every rule needs only write events
 *   (the eventNames of a rule do not tell whether they are read or write);
 * - `event-names`: one lookup per eventName, offered when every rule constrains eventName (the union of their
 *   names): at least one call per name, then one per 50 matching events.
 *
 * The probe is the full scan's own first page: newest first, it covers [its oldest event, end], so its time
 * span gives the account's event density (and its share of write events and of events with the wanted
 * names). After each full-scan page the remaining cost of each plan is estimated over [start, oldest event
 * seen]; the cheapest one takes over the rest of the window (events already read stay read). A pushdown plan
 * is chosen only when its estimate is below the full scan's remaining estimate, so the probe is the price of
 * looking; and the full scan's first page is never wasted, since it is also the first page of the full scan.
 */
import type { CompiledRule } from '../../rules/compile.js';

/** LookupEvents' largest page. */
export const PAGE_SIZE = 50;

export type PlanKind = 'full' | 'write-only' | 'event-names';

/** What the rules let the planner push down. */
export interface PushdownTargets {
  /** Rules considered. */
  ruleCount: number;
  /**
   * The eventNames some rule can match, spelled as the rules spell them (LookupEvents compares names exactly),
   * sorted; null when a rule does not constrain eventName (or there are no rules): no per-name plan.
   */
  eventNames: string[] | null;
  /** Ids of the rules that do not constrain eventName (they rule the per-name plan out). */
  unconstrained: string[];
  /** The caller says every rule needs only write events (`readOnly: false`). */
  writeOnly: boolean;
}

/** The pushdown the compiled rules allow (see PushdownTargets). */
export function pushdownTargets(
  rules: readonly Pick<CompiledRule, 'rule' | 'eventNames' | 'eventNamesAsWritten'>[],
  options: { writeOnly?: boolean } = {},
): PushdownTargets {
  const unconstrained = rules.filter((r) => r.eventNames === null).map((r) => r.rule.ruleId);
  let eventNames: string[] | null = null;
  if (rules.length > 0 && unconstrained.length === 0) {
    const names = new Set<string>();
    for (const rule of rules) for (const name of rule.eventNamesAsWritten!) names.add(name);
    eventNames = [...names].sort();
  }
  return { ruleCount: rules.length, eventNames, unconstrained, writeOnly: options.writeOnly === true };
}

/** What the full scan's pages read so far tell about the account (in one Region). */
export interface ProbeSample {
  pages: number;
  events: number;
  /** Events with `ReadOnly` false. */
  writes: number;
  /** Events whose eventName is one of the targets'. */
  matching: number;
  /** Seconds from the oldest event read to the window's end (what the pages covered). */
  coveredSeconds: number;
  /** Seconds from the window's start to the oldest event read (what is left to read). */
  remainingSeconds: number;
}

/** Expected calls to read the rest of the window with each plan that is available. */
export interface PlanEstimates {
  eventsPerHour: number;
  remainingEvents: number;
  full: number;
  'write-only'?: number;
  'event-names'?: number;
}

/** A share estimated from `hits` of `n` with Laplace's rule, so that 0 of 50 is not taken as "none at all". */
function share(hits: number, n: number): number {
  return (hits + 1) / (n + 2);
}

export function estimateRemaining(sample: ProbeSample, targets: PushdownTargets): PlanEstimates {
  const rate = sample.events / Math.max(sample.coveredSeconds, 1);
  const remainingEvents = rate * Math.max(sample.remainingSeconds, 0);
  const estimates: PlanEstimates = {
    eventsPerHour: rate * 3600,
    remainingEvents,
    // The scan goes on (it has a NextToken): at least one more call.
    full: Math.max(1, Math.ceil(remainingEvents / PAGE_SIZE)),
  };
  if (targets.writeOnly) {
    const writes = share(sample.writes, sample.events) * remainingEvents;
    estimates['write-only'] = Math.max(1, Math.ceil(writes / PAGE_SIZE));
  }
  if (targets.eventNames !== null) {
    // One call per name at least, then one per further 50 matching events.
    const matching =
      targets.eventNames.length === 0 ? 0 : share(sample.matching, sample.events) * remainingEvents;
    estimates['event-names'] = targets.eventNames.length + Math.floor(matching / PAGE_SIZE);
  }
  return estimates;
}

export interface PlanChoice {
  plan: PlanKind;
  reason: string;
}

/** The plan with the fewest expected calls; the full scan (already under way) wins ties. */
export function choosePlan(estimates: PlanEstimates): PlanChoice {
  let plan: PlanKind = 'full';
  let best = estimates.full;
  for (const kind of ['event-names', 'write-only'] as const) {
    const cost = estimates[kind];
    if (cost !== undefined && cost < best) [plan, best] = [kind, cost];
  }
  const others = (['full', 'event-names', 'write-only'] as const)
    .filter((k) => k !== plan && estimates[k] !== undefined)
    .map((k) => `${k} ~${estimates[k]}`);
  const against = others.length > 0 ? ` (against ${others.join(', ')})` : '';
  return { plan, reason: `${plan} needs the fewest calls: ~${best}${against}` };
}

/** The plans a forced choice or the targets allow, for messages. */
export function availablePlans(targets: PushdownTargets): PlanKind[] {
  const plans: PlanKind[] = ['full'];
  if (targets.eventNames !== null) plans.push('event-names');
  if (targets.writeOnly) plans.push('write-only');
  return plans;
}

/** One lookup: an attribute (or none: every event) over the window, paginated. */
export interface Lookup {
  attribute?: { key: 'EventName' | 'ReadOnly'; value: string };
}

/** The lookups of a plan. */
export function lookupsOf(plan: PlanKind, targets: PushdownTargets): Lookup[] {
  switch (plan) {
    case 'full':
      return [{}];
    case 'write-only':
      return [{ attribute: { key: 'ReadOnly', value: 'false' } }];
    case 'event-names':
      return (targets.eventNames ?? []).map((value) => ({ attribute: { key: 'EventName', value } }));
  }
}

export function describeLookup(lookup: Lookup): string {
  return lookup.attribute ? `${lookup.attribute.key}=${lookup.attribute.value}` : 'all events';
}
