/**
 * The rule set of a scan: the built-in rules and the user's, minus what is excluded or below the minimum severity,
 * with correlations resolved against the whole set. Its summary's catalogue describes every rule that can make a
 * finding, whatever its kind, for the reports and the issue tracker.
 */
import { UsageError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { RuleProblem, RuleSetSummary } from '../core/result.js';
import type { RuleMeta } from '../core/rule-meta.js';
import { severityRank, type Severity } from '../core/severity.js';
import type { CompiledRule } from './compile.js';
import { closest } from '../core/did-you-mean.js';
import { builtinRulesDir, loadRules } from './load.js';
import { makesFindings, type Rule } from './model.js';
import type { Placeholders } from './placeholders.js';
import { unknownFieldWarnings } from './record-fields.js';
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
  /**
   * `fail`, what the shells ask unless the user allows rule errors (--allow-rule-errors / allow-rule-errors): a rule
   * that does not load stops the run before anything is read, naming each file and problem, so that a detection is
   * never silently off. `warn` (the default): each problem is logged and listed in the summary.
   */
  ruleErrors?: 'fail' | 'warn';
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
  for (const skipped of loaded.skipped) log.info(`rule ${skipped.file} skipped: ${skipped.message}`);
  const warnings = ruleWarnings(own.rules);
  for (const w of warnings) log.warning(`rule ${w.file} (${w.title}): ${w.message}`);

  const known = knownIds([...loaded.rules.map((r) => r.rule), ...loaded.correlations]);
  for (const id of options.excludeRules) {
    const problem = unknownIdProblem(id, known);
    if (problem) throw new UsageError(`exclude-rules: ${problem}`);
  }
  const exclude = new Set(options.excludeRules.map((id) => id.toLowerCase()));
  const matchedExclusions = new Set<string>();
  const excluded = (rule: { ruleId: string; uuid?: string }) => {
    const ids = [rule.ruleId, rule.uuid].filter((id): id is string => id !== undefined);
    const hit = ids.find((id) => exclude.has(id.toLowerCase()));
    if (hit) matchedExclusions.add(hit.toLowerCase());
    return hit !== undefined;
  };
  const minRank = severityRank(options.minSeverity);
  let belowMinSeverity = 0;
  // A rule below the minimum severity makes no finding, but still feeds the correlations built on it: the
  // correlation's level is what counts (as for the helper rules, which feed correlations only).
  // Load order is kept: it orders findings of equal rank.
  const candidates: CompiledRule[] = [];
  for (const compiled of loaded.rules) {
    if (excluded(compiled.rule)) continue;
    if (compiled.rule.generate !== false && severityRank(compiled.rule.level) < minRank) {
      belowMinSeverity++;
      candidates.push({ ...compiled, rule: { ...compiled.rule, generate: false } });
    } else {
      candidates.push(compiled);
    }
  }
  const excludedIds = new Set(
    loaded.rules.flatMap(({ rule }) => (excluded(rule) ? [rule.ruleId, rule.uuid?.toLowerCase()] : [])),
  );
  const kept = loaded.correlations.filter((c) => {
    if (excluded(c)) return false;
    // Excluding a rule leaves out what is built on it.
    const missing = c.rules.filter(
      (reference) => excludedIds.has(reference) || excludedIds.has(reference.toLowerCase()),
    );
    if (missing.length > 0) {
      log.warning(`rule ${c.ruleId} (${c.title}) not run: it is built on the excluded ${missing.join(', ')}`);
      return false;
    }
    if (severityRank(c.level) < minRank) {
      belowMinSeverity++;
      return false;
    }
    return true;
  });
  const resolved = resolveCorrelations(kept, candidates);
  loaded.problems.push(...resolved.problems);
  if (options.ruleErrors === 'fail' && loaded.problems.length > 0) {
    throw new UsageError(ruleErrorsMessage(loaded.problems));
  }
  for (const problem of loaded.problems) log.warning(`rule ${describeProblem(problem)}`);
  const correlations = resolved.resolved;
  const fed = new Set(correlations.flatMap((c) => c.members.map((m) => m.rule.ruleId)));
  const rules = candidates.filter(({ rule }) => rule.generate !== false || fed.has(rule.ruleId));
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
      warnings,
      skipped: loaded.skipped,
      excluded: [...matchedExclusions],
      belowMinSeverity,
    },
  };
}

/** Parts of these rules that can never match (a field no CloudTrail record has: record-fields.ts), to be listed. */
export function ruleWarnings(rules: readonly CompiledRule[]): RuleProblem[] {
  return rules.flatMap(({ rule }) =>
    unknownFieldWarnings(rule).map((message) => ({ file: rule.file, title: rule.title, message })),
  );
}

/** `file (title) not loaded: why`. */
export function describeProblem(problem: RuleProblem): string {
  return `${problem.file}${problem.title ? ` (${problem.title})` : ''} not loaded: ${problem.message}`;
}

function ruleErrorsMessage(problems: readonly RuleProblem[]): string {
  const count = problems.length === 1 ? 'a rule' : `${problems.length} rules`;
  return [
    `${count} did not load, so the scan would run without ${problems.length === 1 ? 'its' : 'their'} detections:`,
    ...problems.map((p) => `  ${describeProblem(p)}`),
    'Fix the rule files, or scan without these rules with --allow-rule-errors (in the action: allow-rule-errors: true).',
  ].join('\n');
}

/** Every id a rule answers to (its ruleId and Sigma UUID), lower-cased, with the ruleIds to suggest from. */
function knownIds(rules: readonly { ruleId: string; uuid?: string }[]): {
  ids: Set<string>;
  names: string[];
} {
  const ids = new Set<string>();
  for (const rule of rules) {
    ids.add(rule.ruleId.toLowerCase());
    if (rule.uuid) ids.add(rule.uuid.toLowerCase());
  }
  return { ids, names: rules.map((r) => r.ruleId) };
}

function unknownIdProblem(id: string, known: { ids: Set<string>; names: string[] }): string | undefined {
  if (known.ids.has(id.toLowerCase())) return undefined;
  const close = closest(id, known.names);
  return (
    `no rule has the id '${id}'` +
    (close ? `; did you mean '${close}'?` : " ('cloudtrail-audit rules list' shows the ids)")
  );
}
