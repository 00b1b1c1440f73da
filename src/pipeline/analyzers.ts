/**
 * The "unusual activity" analyzers of a scan (correlation and first-seen rules) and the history they keep
 * between runs: built from the rule set, fed through the Detector's observe hook, their state read before the
 * scan and written after it.
 */
import type { AnalysisSummary } from '../core/result.js';
import { CorrelationEngine } from '../correlate/engine.js';
import type { ResolvedCorrelation } from '../rules/resolve-correlations.js';
import type { DetectorHooks } from '../detect/detector.js';
import type { TimeWindow } from '../core/window.js';
import type { Finding } from '../core/finding.js';
import { FirstSeenEngine } from '../first-seen/engine.js';
import type { CompiledRule } from '../rules/compile.js';
import { RuleIndex } from '../rules/index.js';
import { decodeState, encodeState, type StateStore } from '../state/index.js';
import type { Logger } from '../core/logger.js';

export interface ScanState {
  store: StateStore;
  /** Keeps apart the histories of different audits (see src/state/scope.ts). */
  scope: string;
}

export class Analyzers {
  private readonly correlation: CorrelationEngine;
  private readonly firstSeen: FirstSeenEngine;
  private readonly firstSeenRules: CompiledRule[];
  private stateLoaded = false;
  private readonly notes: string[] = [];

  constructor(
    rules: readonly CompiledRule[],
    private readonly correlations: readonly ResolvedCorrelation[],
    private readonly window: TimeWindow,
    private readonly log: Logger,
    private readonly state?: ScanState,
  ) {
    this.correlation = new CorrelationEngine(correlations, { window });
    this.firstSeenRules = rules.filter((r) => r.rule.firstSeen !== undefined);
    this.firstSeen = new FirstSeenEngine(this.firstSeenRules, window);
  }

  get active(): boolean {
    return this.correlations.length > 0 || this.firstSeenRules.length > 0;
  }

  /** Reads the saved history (a missing or unusable one is a warning and a fresh start). */
  async load(signal?: AbortSignal): Promise<void> {
    if (!this.state || !this.active) return;
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
    const { sections } = decoded.doc;
    for (const [name, engine] of [
      ['correlation', this.correlation],
      ['firstSeen', this.firstSeen],
    ] as const) {
      if (sections[name] === undefined) continue;
      const warning = engine.importState(sections[name]);
      if (warning) this.log.warning(`state section ${name}: ${warning}`);
    }
  }

  /** The Detector's hooks: every match reaches both engines; first-seen rules also learn from earlier records. */
  hooks(): DetectorHooks {
    if (!this.active) return {};
    const hooks: DetectorHooks = {
      observe: (rule, timed, inWindow) => {
        this.correlation.observe(rule, timed, inWindow);
        this.firstSeen.observe(rule, timed, inWindow);
      },
    };
    const plan = this.firstSeen.backfillPlan();
    if (plan && this.firstSeenRules.length > 0) {
      hooks.historyIndex = new RuleIndex(this.firstSeenRules);
      hooks.historySince = plan.since;
    }
    return hooks;
  }

  /**
   * The records of a files source before the window are history the first-seen rules have seen completely:
   * from the earliest record read.
   */
  declareHistoryFrom(earliest: number | undefined): void {
    if (earliest === undefined || !Number.isFinite(earliest)) return;
    this.firstSeen.declareHistory(earliest);
    this.firstSeen.observedSince(earliest);
  }

  findings(): Finding[] {
    return [...this.correlation.findings(), ...this.firstSeen.findings()];
  }

  /** Writes the history for the next run; never throws (a store that cannot write warns). */
  async save(): Promise<void> {
    if (!this.state || !this.active) return;
    const now = Date.now();
    const { bytes, warnings } = encodeState({
      version: 1,
      savedAt: new Date(now).toISOString(),
      scope: this.state.scope,
      sections: {
        correlation: this.correlation.exportState(now),
        firstSeen: this.firstSeen.exportState(now),
      },
    });
    for (const warning of warnings) this.log.warning(`state: ${warning}`);
    await this.state.store.save(bytes);
  }

  summary(): AnalysisSummary {
    for (const warning of this.correlation.warnings()) this.note(warning);
    for (const note of this.firstSeen.notes()) this.note(note);
    return {
      correlationRules: this.correlations.length,
      firstSeenRules: this.firstSeenRules.length,
      learning: this.firstSeen.learning(),
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
