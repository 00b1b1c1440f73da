/**
 * Correlation rules → the detection rules they refer to, over the whole loaded rule set (built-in and own rules
 * are loaded separately, and a user's correlation may refer to a built-in rule).
 */
import type { CompiledRule } from './compile.js';
import type { RuleProblem } from '../core/result.js';
import type { CorrelationRule } from './model.js';

export interface ResolvedCorrelation {
  rule: CorrelationRule;
  /** The referenced detection rules, in the order of `rules`. */
  members: CompiledRule[];
  /** Per member (same order): the field path of each `group-by` entry, aliases applied. */
  groupFields: string[][];
  /** value_count: per member, the path of `field` (an alias name resolves per rule, as in group-by). */
  valueFields: (string | undefined)[];
}

export function resolveCorrelations(
  correlations: readonly CorrelationRule[],
  rules: readonly CompiledRule[],
): { resolved: ResolvedCorrelation[]; problems: RuleProblem[] } {
  const byReference = new Map<string, CompiledRule>();
  for (const compiled of rules) {
    byReference.set(compiled.rule.ruleId, compiled);
    if (compiled.rule.uuid) byReference.set(compiled.rule.uuid.toLowerCase(), compiled);
  }
  const correlationNames = new Set<string>();
  for (const c of correlations) {
    correlationNames.add(c.ruleId);
    if (c.uuid) correlationNames.add(c.uuid.toLowerCase());
  }

  const resolved: ResolvedCorrelation[] = [];
  const problems: RuleProblem[] = [];
  for (const rule of correlations) {
    const errors: string[] = [];
    const members: CompiledRule[] = [];
    for (const reference of rule.rules) {
      const found = byReference.get(reference) ?? byReference.get(reference.toLowerCase());
      if (found) members.push(found);
      else if (correlationNames.has(reference) || correlationNames.has(reference.toLowerCase()))
        errors.push(
          `'rules' names the correlation rule '${reference}': chained correlations are not supported ` +
            "(for a number of events and of distinct values in one window, use value_count with 'event-count')",
        );
      else
        errors.push(
          `'rules' names '${reference}', which is not a loaded rule (no rule has that name or id, or it was excluded or is below the minimum severity)`,
        );
    }
    if (new Set(members).size !== members.length) errors.push("'rules' refers to the same rule twice");
    if (errors.length > 0) {
      problems.push({ file: rule.file, title: rule.title, message: errors.join('; ') });
      continue;
    }
    const groupFields = rule.rules.map((reference) =>
      rule.groupBy.map((name) => rule.aliases[name]?.[reference] ?? name),
    );
    const field = rule.field;
    const valueFields = rule.rules.map((reference) =>
      field === undefined ? undefined : (rule.aliases[field]?.[reference] ?? field),
    );
    resolved.push({ rule, members, groupFields, valueFields });
  }
  return { resolved, problems };
}
