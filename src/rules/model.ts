/** The plain rule model that parsing produces and that matchers (in-process, later SQL) consume. */
import type { FirstSeenSpec } from '../first-seen/spec.js';
import type { DeniedHandling } from './outcome.js';

export const SEVERITIES = ['informational', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}

/** A CloudTrail record after JSON.parse: an object with at least eventTime and eventName (checked by records/). */
export type CloudTrailRecord = Record<string, unknown> & { eventTime: string; eventName: string };

/** A parsed, validated Sigma rule (detection kept as parsed; see compile.ts for its predicate). */
export interface SigmaRule {
  /** The `ruleId` of findings: the rule's `name` (a kebab-case slug) or else its file name without extension. */
  ruleId: string;
  /** Sigma `id` (a UUID), when the rule has one. */
  uuid?: string;
  title: string;
  description: string;
  status?: string;
  level: Severity;
  author: string;
  date?: string;
  references: string[];
  tags: string[];
  /** ATT&CK technique ids taken from tags such as `attack.t1098.001` → `T1098.001`. */
  attack: string[];
  falsepositives: string[];
  /** Record fields worth showing for a match (Sigma `fields`). */
  fields: string[];
  /** Fields whose values (with the rule id) make a finding's fingerprint; default account + actor. */
  groupBy: string[];
  /** Triage and remediation notes for the reader of the finding (our extension keys `triage`, `remediation`). */
  triage?: string;
  remediation?: string;
  /**
   * Extension key `first_seen`: the rule's matches feed the first-seen engine (src/first-seen/), which reports keys
   * absent from the history window, instead of each match making a finding. `groupBy` is then the key fields.
   */
  firstSeen?: FirstSeenSpec;
  /**
   * Extension key `denied` (with `denied_reason`): how calls AWS refused are reported (see outcome.ts). When set,
   * `detection` already holds the outcome gate.
   */
  denied?: DeniedHandling;
  logsource: Record<string, string>;
  detection: Record<string, unknown>;
  /** Path of the YAML file the rule came from. */
  file: string;
  /** True for the rules shipped with the tool. */
  builtin: boolean;
  /**
   * Sigma correlation `generate`: false when a correlation rule of the same file refers to this rule and does not
   * say `generate: true`; its matches then feed the correlation only and make no finding of their own.
   */
  generate?: boolean;
}
