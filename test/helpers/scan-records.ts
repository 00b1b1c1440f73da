/** Scans records given as objects, with rules given as compiled rules, through the scan's own record path. */
import { silentLogger } from '../../src/core/logger.js';
import type { ScanResult } from '../../src/core/result.js';
import type { RawRecord } from '../../src/core/source.js';
import { scanWithRules, type ScanOptions } from '../../src/pipeline/scan.js';
import { type RecordSource } from '../../src/sources/record-source.js';
import type { CompiledRule } from '../../src/rules/compile.js';
import type { RuleSet } from '../../src/rules/rule-set.js';

/** A source of the given records (objects, or JSON text), in order. */
export function recordsSource(records: readonly unknown[], file = 'records.json'): RecordSource {
  return async function* (): AsyncIterable<RawRecord> {
    for (const [index, record] of records.entries())
      yield { text: typeof record === 'string' ? record : JSON.stringify(record), origin: { file, index } };
  };
}

/** A rule set of these compiled rules (no correlations), as loadRuleSet would give it. */
export function ruleSetOf(rules: CompiledRule[], correlations: RuleSet['correlations'] = []): RuleSet {
  const catalogue = [
    ...rules.map((r) => r.rule).filter((rule) => rule.kind !== 'event' || rule.generate !== false),
    ...correlations.map((c) => c.rule),
  ];
  return {
    rules,
    correlations,
    known: [...rules.map((r) => r.rule), ...correlations.map((c) => c.rule)],
    summary: {
      active: catalogue.length,
      catalogue,
      problems: [],
      warnings: [],
      skipped: [],
      excluded: [],
      belowMinSeverity: 0,
    },
  };
}

export function scanRecords(
  ruleSet: RuleSet,
  records: readonly unknown[],
  options: Partial<ScanOptions> = {},
): Promise<ScanResult> {
  return scanWithRules(
    ruleSet,
    {
      paths: [],
      rulesPaths: [],
      excludeRules: [],
      minSeverity: 'informational',
      window: {},
      source: recordsSource(records),
      ...options,
    },
    silentLogger,
  );
}
