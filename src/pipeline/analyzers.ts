/**
 * The analyzers of a scan (correlation and first-seen rules, see src/detect/analyzer.ts) and the history they keep
 * between runs: built from the rule set, fed every match by the merge, their state read before the scan and written
 * after it, one section per analyzer name.
 */
import type { Finding } from '../core/finding.js';
import type { Logger } from '../core/logger.js';
import type { TimedRecord } from '../core/record.js';
import type { AnalysisSummary } from '../core/result.js';
import type { TimeWindow } from '../core/window.js';
import { applyToFindings, type Allowlist } from '../allowlist/allowlist.js';
import { CorrelationEngine } from '../correlate/engine.js';
import type { Analyzer, DescribedMatch, HistoryRequest } from '../detect/analyzer.js';
import { EventSpill, withBoundedEvents } from '../findings/events.js';
import { FirstSeenEngine } from '../first-seen/engine.js';
import type { CompiledRule } from '../rules/compile.js';
import type { RuleSet } from '../rules/rule-set.js';
import type { SourceContext } from '../sources/record-source.js';
import { decodeState, encodeState, type StateStore } from '../state/index.js';

export interface ScanState {
  store: StateStore;
  /** Keeps apart the histories of different audits (see src/state/scope.ts). */
  scope: string;
}

export class Analyzers {
  private readonly analyzers: Analyzer[];
  private readonly firstSeenRules: CompiledRule[];
  private stateLoaded = false;
  private readonly notes: string[] = [];

  constructor(
    private readonly ruleSet: Pick<RuleSet, 'rules' | 'correlations'>,
    window: TimeWindow,
    private readonly log: Logger,
    private readonly state?: ScanState,
  ) {
    this.firstSeenRules = ruleSet.rules.filter((r) => r.rule.kind === 'first-seen');
    this.analyzers = [];
    if (ruleSet.correlations.length > 0)
      this.analyzers.push(new CorrelationEngine(ruleSet.correlations, { window }));
    if (this.firstSeenRules.length > 0) this.analyzers.push(new FirstSeenEngine(this.firstSeenRules, window));
  }

  /** Reads the saved history (a missing or unusable one is a warning and a fresh start). */
  async load(signal?: AbortSignal): Promise<void> {
    if (!this.state || this.analyzers.length === 0) return;
    const bytes = await this.state.store.load(signal);
    if (bytes === undefined) {
      this.note(`no saved history in ${this.state.store.describe()}: starting fresh`);
      return;
    }
    const decoded = decodeState(bytes, this.state.scope);
    if ('warning' in decoded) {
      this.log.warning(`state in ${this.state.store.describe()}: ${decoded.warning}`);
      return;
    }
    this.stateLoaded = true;
    for (const analyzer of this.analyzers) {
      const section = decoded.doc.sections[analyzer.name];
      if (section === undefined) continue;
      const warning = analyzer.importState(section);
      if (warning) this.log.warning(`state section ${analyzer.name}: ${warning}`);
    }
  }

  /**
   * The history before the window the analyzers still need, and the rules to match its records against (every
   * first-seen rule: each learns from whatever history records arrive).
   */
  historyWanted(): { request: HistoryRequest; rules: CompiledRule[] } | undefined {
    const requests = this.analyzers.map((a) => a.historyWanted()).filter((r) => r !== undefined);
    if (requests.length === 0) return undefined;
    const union = (lists: string[][]) => [...new Set(lists.flat())].sort();
    return {
      request: {
        since: Math.min(...requests.map((r) => r.since)),
        until: Math.max(...requests.map((r) => r.until)),
        eventNames: union(requests.map((r) => r.eventNames)),
        ruleIds: union(requests.map((r) => r.ruleIds)),
        unconstrained: union(requests.map((r) => r.unconstrained)),
      },
      rules: this.firstSeenRules,
    };
  }

  /**
   * What a source that plans its reads is told: the correlations, and the history before the window that the
   * first-seen rules still need, with the call it makes once it read that history whole for some of them.
   */
  sourceContext(): SourceContext {
    const wanted = this.historyWanted();
    const ruleIds = wanted
      ? [...new Set([...wanted.request.ruleIds, ...wanted.request.unconstrained])].sort()
      : [];
    return {
      correlations: this.ruleSet.correlations,
      ...(wanted && ruleIds.length > 0
        ? {
            history: {
              since: wanted.request.since,
              ruleIds,
              delivered: (since: number, ids?: readonly string[]) => {
                for (const analyzer of this.analyzers) analyzer.historyDelivered(since, ids);
              },
            },
          }
        : {}),
    };
  }

  observe(rule: CompiledRule, timed: TimedRecord, inWindow: boolean): void {
    for (const analyzer of this.analyzers) analyzer.observe(rule, timed, inWindow);
  }

  /**
   * What the analyzers need of a match (one description per analyzer, see Analyzer.describe), where the record was
   * parsed; undefined when none has a use for it.
   */
  describe(rule: CompiledRule, timed: TimedRecord, inWindow: boolean): unknown[] | undefined {
    let described: unknown[] | undefined;
    this.analyzers.forEach((analyzer, i) => {
      const one = analyzer.describe(rule, timed, inWindow);
      if (one !== undefined) (described ??= new Array<unknown>(this.analyzers.length))[i] = one;
    });
    return described;
  }

  /**
   * Leaves out (sets to undefined) the descriptions that the other matches of the same list make needless (see
   * Analyzer.redundant): `described[m]` is match m's list of descriptions, one per analyzer.
   */
  thin(matches: readonly { rule: CompiledRule; described: unknown[]; time: number }[]): void {
    this.analyzers.forEach((analyzer, a) => {
      if (!analyzer.redundant) return;
      const mine: DescribedMatch[] = [];
      const at: number[] = [];
      matches.forEach(({ rule, described, time }, m) => {
        if (described[a] === undefined || described[a] === null) return;
        mine.push({ rule, described: described[a], time });
        at.push(m);
      });
      for (const i of analyzer.redundant(mine)) matches[at[i]!]!.described[a] = undefined;
    });
  }

  /**
   * A match described by describe(), wherever that ran (the same rule set, the same analyzers); after a trip through
   * JSON, an analyzer without a description has null.
   */
  observeDescribed(rule: CompiledRule, described: unknown[], time: number, inWindow: boolean): void {
    this.analyzers.forEach((analyzer, i) => {
      const one = described[i];
      if (one !== undefined && one !== null) analyzer.observeDescribed(rule, one, time, inWindow);
    });
  }

  /**
   * The records of a files source before the window are history the analyzers have seen completely: from the
   * earliest record read, and nothing before it.
   */
  historyFromRecordsAtHand(earliest: number): void {
    if (!Number.isFinite(earliest)) return;
    for (const analyzer of this.analyzers) {
      analyzer.historyDelivered(earliest);
      analyzer.recordsBeginAt(earliest);
    }
  }

  /**
   * The analyzers' findings, judged whole against the allowlist (the detector judges match by match) and then
   * bounded as the detector's are (their events beyond the kept ones go to `spill`), one at a time as they are built.
   */
  findings(
    allowlist: Allowlist | undefined,
    spill: EventSpill,
  ): { findings: Finding[]; suppressed: Finding[] } {
    const out = { findings: [] as Finding[], suppressed: [] as Finding[] };
    const each = (finding: Finding): Finding => {
      const judged = applyToFindings(allowlist, [finding]);
      const suppressed = judged.suppressed.length > 0;
      const bounded = withBoundedEvents(suppressed ? judged.suppressed[0]! : finding, spill);
      (suppressed ? out.suppressed : out.findings).push(bounded);
      return bounded;
    };
    for (const analyzer of this.analyzers) analyzer.findings(each);
    return out;
  }

  /** Writes the history for the next run; never throws (a store that cannot write warns). */
  async save(): Promise<void> {
    if (!this.state || this.analyzers.length === 0) return;
    const now = Date.now();
    const { bytes, warnings } = encodeState({
      version: 1,
      savedAt: new Date(now).toISOString(),
      scope: this.state.scope,
      sections: Object.fromEntries(this.analyzers.map((a) => [a.name, a.exportState(now)])),
    });
    for (const warning of warnings) this.log.warning(`state: ${warning}`);
    await this.state.store.save(bytes);
  }

  summary(): AnalysisSummary {
    for (const analyzer of this.analyzers) for (const note of analyzer.notes()) this.note(note);
    return {
      correlationRules: this.ruleSet.correlations.length,
      firstSeenRules: this.firstSeenRules.length,
      learning: this.analyzers.flatMap((a) => a.learning()),
      state: this.state ? this.state.store.describe() : null,
      stateLoaded: this.stateLoaded,
      notes: [...new Set(this.notes)],
    };
  }

  private note(message: string): void {
    this.log.info(message);
    this.notes.push(message);
  }
}
