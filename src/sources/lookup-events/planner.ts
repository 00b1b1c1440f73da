/**
 * The LookupEvents planner (pure functions): which lookups each Region makes, within the run's budget of calls.
 *
 * LookupEvents takes one lookup attribute per request and answers 50 events a page, about 2 requests per second per
 * account and Region, shared with every other caller in the account. A Region starts with the full scan's first page
 * (the probe: newest first, it covers [its oldest event, end] and shows the account's density and mix); the plan is
 * made once every Region has its probe, for the rest of the window and, on a first run, for the history before it.
 *
 * Costs: a lookup costs one call per 50 events it returns, at least one. Its events are estimated from the probe:
 * the share of the probe's events it would have returned, times the events expected in the period; lookups that
 * returned nothing in the probe share the "unseen" mass (one event in n + 2) between them.
 *
 * Each rule (coverage.ts) is served by its names (each by `EventName`, or by `ReadOnly=false` for write events: one
 * lookup for all of them, used in a Region when that is the cheaper way in all), else its eventSources,
 * `ReadOnly=false` when it needs only write events, or the full scan. The policy, in this order, within the budget:
 * 1. the window, for every rule a lookup can serve: by priority (level, highest first; a rule that feeds a
 *    correlation has the correlation's level when higher), each rule's cheapest way given what is already chosen;
 *    a Region whose full scan costs no more than serving every such rule by lookups is read in full;
 * 2. the history before the window (first run), for the first-seen rules a lookup can serve, the same way;
 * 3. the full scan of the window, where it fits what is left, so that rules needing every event are served too
 *    (cheapest Regions first);
 * 4. the full scan of the history, where it fits, for the first-seen rules that name no event;
 * 5. rules cut in 1 and 2, again, with what is left.
 * What the plan could not afford (the cut rules' lookups, then the full scans) is kept as spares: the estimates are
 * rough, and each Region runs them after its plan when what is left of the budget covers their estimate.
 * A rule not served in a Region is *partial* there: it runs on the events fetched for the other rules, and the
 * reports say so, with why (it needs every event, or the budget) and what would serve it.
 */
import { severityRank } from '../../core/severity.js';
import { hasCover, type RuleCover } from './coverage.js';

/** LookupEvents' largest page. */
export const PAGE_SIZE = 50;

export type AttributeKey = 'EventName' | 'EventSource' | 'ReadOnly';

/** One lookup: an attribute (or none: every event), paginated over a period. */
export interface Lookup {
  attribute?: { key: AttributeKey; value: string };
}

/** `all events`, `EventName=CreateUser`, `ReadOnly=false`. */
export function describeLookup(lookup: Lookup): string {
  return lookup.attribute ? `${lookup.attribute.key}=${lookup.attribute.value}` : 'all events';
}

const ALL = describeLookup({});
const WRITES = 'ReadOnly=false';

function lookupOf(key: string): Lookup {
  if (key === ALL) return {};
  const at = key.indexOf('=');
  return { attribute: { key: key.slice(0, at) as AttributeKey, value: key.slice(at + 1) } };
}

/** What the probe page showed in one Region. */
export interface RegionSample {
  region: string;
  /** The probe page held the whole window (no next page): the window is read. */
  complete: boolean;
  events: number;
  writes: number;
  /** Events of the probe per eventName and per eventSource. */
  names: ReadonlyMap<string, number>;
  sources: ReadonlyMap<string, number>;
  /** Seconds from the oldest event read to the window's end (what the page covered). */
  coveredSeconds: number;
  /** Seconds from the window's start to the oldest event read (what is left). */
  remainingSeconds: number;
}

export type Period = 'window' | 'history';

export interface PlanInput {
  regions: readonly RegionSample[];
  /** Every rule of the scan, with its priority level. */
  rules: readonly RuleCover[];
  /** A first run: the history before the window, for these first-seen rules (of `rules`). */
  history?: { seconds: number; ruleIds: readonly string[] };
  /** Calls left for the plan (the probes already made are not in it). */
  budget: number;
  /** Every event of the window is wanted (a timeline of all events): the full scan, whatever it costs. */
  everyEvent?: boolean;
}

/** One lookup of the plan, in the order it runs. */
export interface PlannedLookup {
  region: string;
  period: Period;
  lookup: Lookup;
  /** Estimated calls. */
  estimate: number;
}

/** How a rule is served in one Region and period. */
export type Served =
  /** By these lookups (all of them must read to their end); `all events` for a full scan. */
  | { by: string[] }
  /** Not served: no lookup can fetch its events but the full scan, which did not fit the budget. */
  | { partial: 'needs-every-event' }
  /**
   * Not served by the plan: its lookups did not fit the budget. `spare`: its cheapest lookups, run after the plan if
   * what is left of the budget allows (the estimates are rough): it is served when they all read to their end.
   */
  | { partial: 'budget'; spare: string[] };

export interface RegionPlan {
  region: string;
  window: 'read' | 'full' | 'lookups';
  history: 'none' | 'full' | 'lookups';
  lookups: PlannedLookup[];
  /**
   * Run after `lookups`, each when what is left of the budget covers its estimate: the lookups of rules the budget
   * cut, by priority, then the full scans of the window and the history the plan could not afford.
   */
  spare: PlannedLookup[];
  /** What the choices were made on: calls to read the rest of the window (and the history) each way. */
  estimates: {
    eventsPerHour: number;
    full: number;
    lookups: number;
    historyFull?: number;
    historyLookups?: number;
  };
}

export interface Plan {
  regions: RegionPlan[];
  /** Calls the plan is expected to make (the probes not included). */
  estimated: number;
  /** Per Region, per rule: how the window is served. */
  window: Map<string, Map<string, Served>>;
  /** Per Region, per first-seen rule needing history: how its history is served. */
  history: Map<string, Map<string, Served>>;
  /** What a full scan of the window would cost, in all Regions (for notes: what would cover the partial rules). */
  fullWindow: number;
  fullHistory: number;
}

/** A share estimated with Laplace's rule, so that 0 of 50 is not taken as "none at all". */
interface Estimator {
  /** Estimated calls of a lookup over the period. */
  calls(key: string): number;
}

function estimator(sample: RegionSample, seconds: number, keys: Iterable<string>): Estimator {
  const rate = sample.events / Math.max(sample.coveredSeconds, 1);
  const expected = rate * Math.max(seconds, 0);
  const hitsOf = (key: string): number => {
    if (key === ALL) return sample.events;
    if (key === WRITES) return sample.writes;
    const lookup = lookupOf(key).attribute!;
    if (lookup.key === 'EventName') return sample.names.get(lookup.value) ?? 0;
    if (lookup.key === 'EventSource') return sample.sources.get(lookup.value) ?? 0;
    return 0;
  };
  const unseen = [...new Set(keys)].filter((k) => hitsOf(k) === 0).length;
  const n = sample.events;
  const memo = new Map<string, number>();
  return {
    calls(key) {
      let calls = memo.get(key);
      if (calls === undefined) {
        const hits = hitsOf(key);
        const events =
          key === ALL
            ? expected
            : hits > 0
              ? (expected * hits) / Math.max(n, 1)
              : expected / (n + 2) / Math.max(unseen, 1);
        calls = Math.max(1, Math.ceil(events / PAGE_SIZE));
        memo.set(key, calls);
      }
      return calls;
    },
  };
}

/**
 * The lookups that could serve a rule, each way; null: only the full scan. `writes`: the Region fetches write events
 * with `ReadOnly=false` (one lookup for all of them), so a name that is a write event is fetched that way.
 */
function optionsOf(cover: RuleCover, writes: boolean): string[][] | null {
  if (!hasCover(cover)) return null;
  const options: string[][] = [];
  if (cover.names !== null)
    options.push([...new Set(cover.names.map((n) => (writes && n.write ? WRITES : `EventName=${n.name}`)))]);
  // A source returns every event of its service, its reads included: only for rules whose names are not pinned.
  else if (cover.sources !== null) options.push(cover.sources.map((s) => `EventSource=${s}`));
  if (cover.writeOnly) options.push([WRITES]);
  return options;
}

interface PeriodState {
  period: Period;
  covers: Map<string, RuleCover>;
  /** Per Region: whether write events are fetched with one `ReadOnly=false` lookup (the cheaper way in all). */
  writes: Map<string, boolean>;
  /** Per Region: the lookups chosen, in order; `all events` alone when read in full. */
  chosen: Map<string, string[]>;
  estimators: Map<string, Estimator>;
  /** The cheapest way to serve every coverable rule by lookups, and the full scan, per Region. */
  lookupsCost: Map<string, number>;
  fullCost: Map<string, number>;
  served: Map<string, Map<string, Served>>;
}

export function plan(input: PlanInput): Plan {
  let left = input.budget;
  const covers = new Map(input.rules.map((r) => [r.ruleId, r]));
  const byPriority = (ids: Iterable<string>) =>
    [...ids]
      .map((id) => covers.get(id)!)
      .filter(Boolean)
      .sort((a, b) => severityRank(b.level) - severityRank(a.level) || compare(a.ruleId, b.ruleId));
  const windowRules = byPriority(covers.keys());
  const historyRules = byPriority(input.history?.ruleIds ?? []);
  const open = input.regions.filter((r) => !r.complete).map((r) => r.region);
  const all = input.regions.map((r) => r.region);

  const windowState = periodState('window', windowRules, input.regions, (s) => s.remainingSeconds, open);
  const historyState = input.history
    ? periodState('history', historyRules, input.regions, () => input.history!.seconds, all)
    : undefined;

  const spend = (cost: number): boolean => {
    if (cost > left) return false;
    left -= cost;
    return true;
  };

  // 1 and 2: what lookups can serve, window first; a Region whose full scan is no dearer is read in full.
  const cutWindow = serveByLookups(windowState, windowRules, open, spend, input.everyEvent === true);
  const cutHistory = historyState ? serveByLookups(historyState, historyRules, all, spend, false) : [];
  // 3 and 4: full scans where they fit, for the rules that need every event (and those cut).
  const needsEvery = (rules: RuleCover[], cut: [string, string][]) =>
    rules.some((r) => !hasCover(r)) || cut.length > 0;
  if (needsEvery(windowRules, cutWindow))
    upgrade(
      windowState,
      open,
      (cost) => spend(cost),
      (c) => (left += c),
    );
  if (historyState && needsEvery(historyRules, cutHistory))
    upgrade(
      historyState,
      all,
      (cost) => spend(cost),
      (c) => (left += c),
    );
  // 5: what was cut, again.
  serveCut(windowState, cutWindow, spend);
  if (historyState) serveCut(historyState, cutHistory, spend);

  // Rules with no cover and no full scan are partial; record how every rule is served.
  const served = (state: PeriodState, rules: RuleCover[], regions: string[]) => {
    for (const region of regions) {
      const chosen = state.chosen.get(region) ?? [];
      const map = state.served.get(region) ?? new Map<string, Served>();
      for (const rule of rules) {
        if (chosen.includes(ALL)) map.set(rule.ruleId, { by: [ALL] });
        else if (!map.has(rule.ruleId)) map.set(rule.ruleId, { partial: 'needs-every-event' });
      }
      state.served.set(region, map);
    }
  };
  served(windowState, windowRules, open);
  for (const sample of input.regions.filter((r) => r.complete)) {
    windowState.served.set(
      sample.region,
      new Map(windowRules.map((r) => [r.ruleId, { by: [] } satisfies Served])),
    );
  }
  if (historyState) served(historyState, historyRules, all);

  const regions: RegionPlan[] = input.regions.map((sample) => {
    const windowChosen = windowState.chosen.get(sample.region) ?? [];
    const historyChosen = historyState?.chosen.get(sample.region) ?? [];
    const lookups: PlannedLookup[] = [
      ...windowChosen.map((key) => planned(sample.region, 'window', key, windowState)),
      ...historyChosen.map((key) => planned(sample.region, 'history', key, historyState!)),
    ];
    const rate = sample.events / Math.max(sample.coveredSeconds, 1);
    const spare: PlannedLookup[] = [];
    const spareOf = (state: PeriodState, chosen: string[], cut: [string, string][]) => {
      const seen = new Set(chosen);
      if (seen.has(ALL)) return;
      for (const [ruleId, region] of cut) {
        const served = state.served.get(region)?.get(ruleId);
        if (region !== sample.region || !served || !('spare' in served)) continue;
        for (const key of served.spare) {
          if (seen.has(key)) continue;
          seen.add(key);
          spare.push(planned(region, state.period, key, state));
        }
      }
    };
    spareOf(windowState, windowChosen, cutWindow);
    if (historyState) spareOf(historyState, historyChosen, cutHistory);
    // Then the full scans the plan could not afford, should the lookups cost less than estimated.
    if (!sample.complete && !windowChosen.includes(ALL) && needsEvery(windowRules, cutWindow))
      spare.push(planned(sample.region, 'window', ALL, windowState));
    if (historyState && !historyChosen.includes(ALL) && needsEvery(historyRules, cutHistory))
      spare.push(planned(sample.region, 'history', ALL, historyState));
    return {
      region: sample.region,
      window: sample.complete ? 'read' : windowChosen.includes(ALL) ? 'full' : 'lookups',
      history: !historyState ? 'none' : historyChosen.includes(ALL) ? 'full' : 'lookups',
      lookups,
      spare,
      estimates: {
        eventsPerHour: rate * 3600,
        full: windowState.fullCost.get(sample.region) ?? 0,
        lookups: windowState.lookupsCost.get(sample.region) ?? 0,
        ...(historyState
          ? {
              historyFull: historyState.fullCost.get(sample.region) ?? 0,
              historyLookups: historyState.lookupsCost.get(sample.region) ?? 0,
            }
          : {}),
      },
    };
  });
  const sum = (map: Map<string, number> | undefined) => [...(map?.values() ?? [])].reduce((a, b) => a + b, 0);
  return {
    regions,
    estimated: regions.reduce((n, r) => n + r.lookups.reduce((m, l) => m + l.estimate, 0), 0),
    window: windowState.served,
    history: historyState?.served ?? new Map(),
    fullWindow: sum(windowState.fullCost),
    fullHistory: sum(historyState?.fullCost),
  };
}

function planned(region: string, period: Period, key: string, state: PeriodState): PlannedLookup {
  return { region, period, lookup: lookupOf(key), estimate: state.estimators.get(region)!.calls(key) };
}

function periodState(
  period: Period,
  rules: RuleCover[],
  samples: readonly RegionSample[],
  seconds: (sample: RegionSample) => number,
  regions: string[],
): PeriodState {
  const state: PeriodState = {
    period,
    covers: new Map(rules.map((r) => [r.ruleId, r])),
    writes: new Map(),
    chosen: new Map(),
    estimators: new Map(),
    lookupsCost: new Map(),
    fullCost: new Map(),
    served: new Map(),
  };
  for (const sample of samples) {
    if (!regions.includes(sample.region)) continue;
    // Every coverable rule by lookups, ignoring the budget, with and without `ReadOnly=false` for the write events:
    // the cheaper is the Region's way, and what its choice between lookups and the full scan is made on.
    let best: { cost: number; writes: boolean; estimate: Estimator } | undefined;
    for (const writes of [true, false]) {
      const keys = new Set<string>([ALL]);
      for (const rule of rules)
        for (const option of optionsOf(rule, writes) ?? []) for (const k of option) keys.add(k);
      const estimate = estimator(sample, seconds(sample), keys);
      const chosen = new Set<string>();
      let cost = 0;
      for (const rule of rules) {
        const option = cheapest(optionsOf(rule, writes), chosen, estimate);
        if (!option) continue;
        for (const key of option.keys) chosen.add(key);
        cost += option.cost;
      }
      if (!best || cost < best.cost) best = { cost, writes, estimate };
    }
    state.writes.set(sample.region, best!.writes);
    state.estimators.set(sample.region, best!.estimate);
    state.fullCost.set(sample.region, best!.estimate.calls(ALL));
    state.lookupsCost.set(sample.region, best!.cost);
  }
  return state;
}

/** The option adding the fewest calls to what is chosen (ties: the first). */
function cheapest(
  options: string[][] | null,
  chosen: ReadonlySet<string>,
  estimate: Estimator,
): { keys: string[]; cost: number } | undefined {
  if (!options) return undefined;
  let best: { keys: string[]; cost: number } | undefined;
  for (const keys of options) {
    const cost = keys.filter((k) => !chosen.has(k)).reduce((n, k) => n + estimate.calls(k), 0);
    if (!best || cost < best.cost) best = { keys, cost };
  }
  return best;
}

/**
 * Steps 1 and 2: each rule, by priority, in each Region, its cheapest lookups, or the Region's full scan when that
 * costs no more than serving every rule by lookups (or every event is wanted). Returns the [rule, Region] pairs cut.
 */
function serveByLookups(
  state: PeriodState,
  rules: RuleCover[],
  regions: string[],
  spend: (cost: number) => boolean,
  everyEvent: boolean,
): [string, string][] {
  const cut: [string, string][] = [];
  for (const region of regions) {
    const full = state.fullCost.get(region)!;
    if ((everyEvent || full <= state.lookupsCost.get(region)!) && spend(full))
      state.chosen.set(region, [ALL]);
  }
  for (const rule of rules) {
    for (const region of regions) {
      const options = optionsOf(rule, state.writes.get(region)!);
      if (!options) continue;
      const chosen = state.chosen.get(region) ?? [];
      const served = mapOf(state.served, region);
      if (chosen.includes(ALL)) {
        served.set(rule.ruleId, { by: [ALL] });
        continue;
      }
      const best = cheapest(options, new Set(chosen), state.estimators.get(region)!)!;
      if (spend(best.cost)) {
        state.chosen.set(region, [...chosen, ...best.keys.filter((k) => !chosen.includes(k))]);
        served.set(rule.ruleId, { by: best.keys });
      } else {
        served.set(rule.ruleId, { partial: 'budget', spare: best.keys });
        cut.push([rule.ruleId, region]);
      }
    }
  }
  return cut;
}

/** Steps 3 and 4: a Region's lookups replaced by its full scan where the difference fits, cheapest first. */
function upgrade(
  state: PeriodState,
  regions: string[],
  spend: (cost: number) => boolean,
  refund: (cost: number) => void,
): void {
  const costOf = (region: string) =>
    (state.chosen.get(region) ?? []).reduce((n, k) => n + state.estimators.get(region)!.calls(k), 0);
  const candidates = regions
    .filter((region) => !(state.chosen.get(region) ?? []).includes(ALL))
    .map((region) => ({ region, extra: state.fullCost.get(region)! - costOf(region) }))
    .sort((a, b) => a.extra - b.extra || compare(a.region, b.region));
  for (const { region } of candidates) {
    const current = costOf(region);
    refund(current);
    if (spend(state.fullCost.get(region)!)) {
      state.chosen.set(region, [ALL]);
      const served = mapOf(state.served, region);
      for (const id of served.keys()) served.set(id, { by: [ALL] });
    } else if (!spend(current)) {
      throw new Error('budget accounting: a refund could not be spent again');
    }
  }
}

/** Step 5: the rules cut, in priority order, with what is left. */
function serveCut(state: PeriodState, cut: [string, string][], spend: (cost: number) => boolean): void {
  for (const [ruleId, region] of cut) {
    const chosen = state.chosen.get(region) ?? [];
    const served = mapOf(state.served, region);
    if (chosen.includes(ALL)) continue; // upgraded: served
    const options = optionsOf(state.covers.get(ruleId)!, state.writes.get(region)!);
    const best = cheapest(options, new Set(chosen), state.estimators.get(region)!)!;
    if (spend(best.cost)) {
      state.chosen.set(region, [...chosen, ...best.keys.filter((k) => !chosen.includes(k))]);
      served.set(ruleId, { by: best.keys });
    }
  }
}

function mapOf<V>(maps: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let map = maps.get(key);
  if (!map) maps.set(key, (map = new Map()));
  return map;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
