import type { Severity } from './severity.js';

/**
 * What every rule says about itself, whatever its kind: what reports, SARIF and issues show of the rule behind a
 * finding. Parsed once (src/rules/parse-meta.ts) for every kind of rule.
 */
export interface RuleMeta {
  /** The `ruleId` of findings: the rule's `name` (a kebab-case slug) or else its file name without extension. */
  ruleId: string;
  /**
   * `event`: each match of a single record is a finding; `first-seen`: matches feed the first-seen analyzer;
   * `correlation`: a Sigma correlation over other rules' matches.
   */
  kind: 'event' | 'first-seen' | 'correlation';
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
  /** Triage and remediation notes for the reader of the finding (our extension keys `triage`, `remediation`). */
  triage?: string;
  remediation?: string;
  /** Path of the YAML file the rule came from. */
  file: string;
  /** True for the rules shipped with the tool. */
  builtin: boolean;
}
