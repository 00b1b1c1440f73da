/**
 * The rule catalogue's model: what parsing produces for every kind of rule and what the engines (in-process
 * matching, SQL, correlation, first-seen) and the reports consume. Every kind shares RuleMeta (src/core).
 */
import type { RuleMeta } from '../core/rule-meta.js';
import type { FirstSeenSpec } from './first-seen-spec.js';
import type { DeniedHandling } from './outcome.js';

export type { RuleMeta } from '../core/rule-meta.js';

/** A Sigma detection rule: one record at a time (detection kept as parsed; see compile.ts for its predicate). */
export interface DetectionRule extends RuleMeta {
  kind: 'event' | 'first-seen';
  /** Record fields worth showing for a match (Sigma `fields`). */
  fields: string[];
  /** Fields whose values (with the rule id) make a finding's fingerprint; default account + actor. */
  groupBy: string[];
  /**
   * Extension key `first_seen` (kind `first-seen`): the rule's matches feed the first-seen analyzer
   * (src/first-seen/), which reports keys absent from the history window. `groupBy` is then the key fields.
   */
  firstSeen?: FirstSeenSpec;
  /**
   * Extension key `denied` (with `denied_reason`): how calls AWS refused are reported (see outcome.ts). When set,
   * `detection` already holds the outcome gate.
   */
  denied?: DeniedHandling;
  logsource: Record<string, string>;
  detection: Record<string, unknown>;
  /**
   * Sigma correlation `generate`: false when a correlation rule of the same file refers to this rule and does not
   * say `generate: true`; its matches then feed the correlation only and make no finding of their own.
   */
  generate?: boolean;
}

export const CORRELATION_TYPES = ['event_count', 'value_count', 'temporal', 'temporal_ordered'] as const;
export type CorrelationType = (typeof CORRELATION_TYPES)[number];

/** A count condition: each bound present must hold (Sigma: several keys are joined with AND). */
export interface CountCondition {
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
  eq?: number;
}

/** A Sigma v2 correlation rule as this tool runs it (see docs/correlation.md for the supported subset). */
export interface CorrelationRule extends RuleMeta {
  kind: 'correlation';
  type: CorrelationType;
  /** References to detection rules, by `name` (our ruleId) or `id` (UUID), as written. */
  rules: string[];
  /** Fields (or aliases) whose values make a group; a field with several values puts the event in each group. */
  groupBy: string[];
  /** alias → (referenced rule name or id → field path in the events that rule matches). */
  aliases: Record<string, Record<string, string>>;
  timespan: string;
  timespanMs: number;
  /** For temporal types an absent condition means "every referenced rule". */
  condition?: CountCondition;
  /** value_count: the field whose distinct values are counted. */
  field?: string;
  /**
   * value_count, project extension `event-count`: a condition on the number of events of the window too (both
   * must hold), for "at least 20 events across at least 5 distinct values".
   */
  eventCount?: CountCondition;
  /** Sigma `generate`: true keeps the referenced rules' own findings. */
  generate: boolean;
}

export type Rule = DetectionRule | CorrelationRule;

/** False for rules whose matches only feed analyzers (Sigma `generate: false`, first-seen rules). */
export function makesFindings(rule: DetectionRule): boolean {
  return rule.kind === 'event' && rule.generate !== false;
}
