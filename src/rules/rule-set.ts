/**
 * The rule set of a scan: the built-in rules and the user's, minus what is excluded or below the minimum severity,
 * with correlations resolved against the whole set. Its summary's catalogue describes every rule that can make a
 * finding, whatever its kind, for the reports and the issue tracker.
 */
import type { Logger } from '../core/logger.js';
import type { RuleSetSummary } from '../core/result.js';
import type { RuleMeta } from '../core/rule-meta.js';
import { severityRank, type Severity } from '../core/severity.js';
import type { CompiledRule } from './compile.js';
import { builtinRulesDir, loadRules } from './load.js';
import { makesFindings, type Rule } from './model.js';
import type { Placeholders } from './placeholders.js';
import { resolveCorrelations, type ResolvedCorrelation } from './resolve-correlations.js';

export interface RuleSetOptions {
  /** The user's own rule files or folders, loaded after the built-in set. */
  rulesPaths: string[];
  /** Leave out the built-in set (tests, or a user who brings a whole rule set). */
  noBuiltinRules?: boolean;
  /** Rule ids (ruleId or Sigma UUID) not to run. */
  excludeRules: string[];
  /** Rules below this level are not run, and findings below it (a rule's denied attempts) are left out. */
  minSeverity: Severity;
  /** Values of the rules' `%name%` placeholders (`org_accounts`: --org-accounts / org-accounts). */
  placeholders?: Placeholders;
}

export interface RuleSet {
  /** Compiled detection rules that run on records (single-event, first-seen and correlation feeders), in load order. */
  rules: CompiledRule[];
  correlations: ResolvedCorrelation[];
  /** Every rule loaded, before exclusions and the minimum severity: the ids a user may name (allowlist entries). */
  known: Rule[];
  summary: RuleSetSummary;
}

export async function loadRuleSet(options: RuleSetOptions, log: Logger): Promise<RuleSet> {
  const builtin = options.noBuiltinRules
    ? { rules: [], correlations: [], problems: [], skipped: [] }
    : await loadRules([builtinRulesDir()], { builtin: true, placeholders: options.placeholders });
  const own = await loadRules(options.rulesPaths, { builtin: false, placeholders: options.placeholders });
  const builtinIds = new Set(builtin.rules.map(({ rule }) => rule.ruleId));
  const loaded = {
    rules: [...builtin.rules],
    correlations: [...builtin.correlations, ...own.correlations],
    problems: [...builtin.problems, ...own.problems],
    skipped: [...builtin.skipped, ...own.skipped],
  };
  for (const compiled of own.rules) {
    if (builtinIds.has(compiled.rule.ruleId)) {
      loaded.problems.push({
        file: compiled.rule.file,
        title: compiled.rule.title,
        message: `rule id '${compiled.rule.ruleId}' is already used by a built-in rule (exclude it or rename yours)`,
      });
    } else {
      loaded.rules.push(compiled);
    }
  }
  for (const problem of loaded.problems) {
    log.warning(
      `rule ${problem.file}${problem.title ? ` (${problem.title})` : ''} not loaded: ${problem.message}`,
    );
  }
  for (const skipped of loaded.skipped) log.info(`rule ${skipped.file} skipped: ${skipped.message}`);

  const exclude = new Set(options.excludeRules.map((id) => id.toLowerCase()));
  const matchedExclusions = new Set<string>();
  const minRank = severityRank(options.minSeverity);
  let belowMinSeverity = 0;
  // Rules that only feed correlations are kept whatever their level: the correlation's level is what counts.
  const keep = (rule: { ruleId: string; uuid?: string; level: Severity }, feeder: boolean) => {
    for (const id of [rule.ruleId, rule.uuid]) {
      if (id && exclude.has(id.toLowerCase())) {
        matchedExclusions.add(id.toLowerCase());
        return false;
      }
    }
    if (!feeder && severityRank(rule.level) < minRank) {
      belowMinSeverity++;
      return false;
    }
    return true;
  };
  const candidates = loaded.rules.filter(({ rule }) => keep(rule, rule.generate === false));
  const resolved = resolveCorrelations(
    loaded.correlations.filter((c) => keep(c, false)),
    candidates,
  );
  for (const problem of resolved.problems) {
    loaded.problems.push(problem);
    log.warning(
      `rule ${problem.file}${problem.title ? ` (${problem.title})` : ''} not loaded: ${problem.message}`,
    );
  }
  const correlations = resolved.resolved;
  const fed = new Set(correlations.flatMap((c) => c.members.map((m) => m.rule.ruleId)));
  const rules = candidates.filter(({ rule }) => rule.generate !== false || fed.has(rule.ruleId));
  for (const id of exclude) {
    if (!matchedExclusions.has(id)) log.warning(`exclude-rules: no rule has the id '${id}'`);
  }
  const catalogue: RuleMeta[] = [
    ...rules.map((r) => r.rule).filter((rule) => rule.kind === 'first-seen' || makesFindings(rule)),
    ...correlations.map((c) => c.rule),
  ];
  return {
    rules,
    correlations,
    known: [...loaded.rules.map((r) => r.rule), ...loaded.correlations],
    summary: {
      active: catalogue.length,
      catalogue,
      problems: loaded.problems,
      skipped: loaded.skipped,
      excluded: [...matchedExclusions],
      belowMinSeverity,
    },
  };
}
