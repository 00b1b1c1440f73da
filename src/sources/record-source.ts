import type { RawRecord } from '../core/source.js';
import type { ScanStats } from '../core/stats.js';
import type { CompiledRule } from '../rules/compile.js';

/**
 * Where records come from: any source yields raw records and reports into the scan's stats. It is given the
 * rules that will run, so that an API source can ask only for the events they can match.
 */
export type RecordSource = (
  stats: ScanStats,
  rules: readonly CompiledRule[],
  signal?: AbortSignal,
) => AsyncIterable<RawRecord>;
