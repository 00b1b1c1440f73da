import type { RawRecord } from '../core/source.js';
import type { ScanStats } from '../core/stats.js';
import type { CompiledRule } from '../rules/compile.js';
import type { ResolvedCorrelation } from '../rules/resolve-correlations.js';

/**
 * Where records come from: any source yields raw records and reports into the scan's stats. It is given the
 * rules that will run, so that an API source can ask only for the events they can match, and the context below.
 */
export type RecordSource = (
  stats: ScanStats,
  rules: readonly CompiledRule[],
  signal?: AbortSignal,
  context?: SourceContext,
) => AsyncIterable<RawRecord>;

/** What a source that plans its reads may use besides the rules (sources that read everything ignore it). */
export interface SourceContext {
  /** The scan's correlations: their member rules matter as much as they do, and are partial together. */
  correlations: readonly ResolvedCorrelation[];
  /** History before the window that first-seen rules still need (a first run, with no saved state). */
  history?: SourceHistory;
}

/**
 * History before the window: its records (from `since` up to the window's start) are yielded like the others, and
 * the scan gives them to the first-seen rules; the source then says which rules got their history whole.
 */
export interface SourceHistory {
  /** Epoch milliseconds: the history runs from here to the window's start. */
  since: number;
  /** The first-seen rules that need it (among the rules given to the source). */
  ruleIds: readonly string[];
  /** The source yielded every record of [since, window start] for these rules (every rule: no ruleIds). */
  delivered(since: number, ruleIds?: readonly string[]): void;
}
