/** Sigma v2 correlation rules as this tool runs them (see docs/correlation.md for the supported subset). */
import type { Severity } from '../rules/model.js';

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

export interface CorrelationRule {
  /** The `ruleId` of its findings: Sigma `name`, else the file name (as for detection rules). */
  ruleId: string;
  uuid?: string;
  title: string;
  description: string;
  status?: string;
  level: Severity;
  author: string;
  date?: string;
  references: string[];
  tags: string[];
  attack: string[];
  falsepositives: string[];
  triage?: string;
  remediation?: string;
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
  file: string;
  builtin: boolean;
}

export function conditionHolds(condition: CountCondition, count: number): boolean {
  if (condition.gt !== undefined && !(count > condition.gt)) return false;
  if (condition.gte !== undefined && !(count >= condition.gte)) return false;
  if (condition.lt !== undefined && !(count < condition.lt)) return false;
  if (condition.lte !== undefined && !(count <= condition.lte)) return false;
  if (condition.eq !== undefined && count !== condition.eq) return false;
  return true;
}

/** True when a larger count can never turn a holding condition false (only lower bounds). */
export function isMonotone(condition: CountCondition): boolean {
  return condition.lt === undefined && condition.lte === undefined && condition.eq === undefined;
}

export function describeCondition(condition: CountCondition): string {
  const words: Record<keyof CountCondition, string> = { gt: '>', gte: '≥', lt: '<', lte: '≤', eq: '=' };
  return (Object.keys(words) as (keyof CountCondition)[])
    .filter((key) => condition[key] !== undefined)
    .map((key) => `${words[key]} ${condition[key]}`)
    .join(' and ');
}
