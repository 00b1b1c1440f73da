import type { CompiledRule } from '../rules/compile.js';
import type { Logger } from '../core/logger.js';
import { severityRank } from '../core/severity.js';
import { resolveCorrelations } from '../rules/resolve-correlations.js';
import { builtinRulesDir, loadRules } from '../rules/load.js';
import type { RuleProblem } from '../core/result.js';
import { ruleCount, rulesMarkdown } from '../rules/docs-table.js';
import { loadRuleSet, ruleWarnings, type RuleSetOptions } from '../rules/rule-set.js';
import { describeRequirement, RecordPrefilter } from '../rules/prefilter.js';
import { runSelfTests } from '../rules/selftest.js';
import type { CliIo } from './io.js';
import { plural } from '../report/console.js';
import { terminalSafe as safe } from '../report/terminal.js';

export interface RulesOptions extends RuleSetOptions {
  /** `rules list` as the Markdown table of docs/rules.md. */
  markdown?: boolean;
  /** `rules list --explain`: what the prefilter looks for in a record's text for each rule (rules/prefilter.ts). */
  explain?: boolean;
}

/** The end of a command's last line when rule warnings were printed above it. */
function warningsNote(warnings: readonly RuleProblem[]): string {
  return warnings.length > 0 ? `; ${plural(warnings.length, 'rule warning')} (above)` : '';
}

function printProblems(problems: RuleProblem[], io: CliIo, kind: 'error' | 'warning' = 'error'): void {
  for (const p of problems) {
    io.stderr(safe(`${kind}: rule ${p.file}${p.title ? ` (${p.title})` : ''}: ${p.message}`) + '\n');
  }
}

/**
 * `rules list`: the rule set a scan with the same options runs, one line per rule, most severe first; the helper
 * rules that only feed correlations last, marked as such. Its count is the scan's ("with N rules").
 */
export async function listRules(options: RulesOptions, io: CliIo, log: Logger): Promise<number> {
  const { rules, correlations, summary } = await loadRuleSet(options, log);
  if (options.explain) {
    explainPrefilter(rules, io);
    return 0;
  }
  if (options.markdown) {
    io.stdout(
      rulesMarkdown(
        rules.map((r) => r.rule),
        correlations.map((c) => c.rule),
      ),
    );
    return 0;
  }
  const feeds = new Map<string, string[]>();
  for (const c of correlations) {
    for (const member of c.members) {
      feeds.set(member.rule.ruleId, [...(feeds.get(member.rule.ruleId) ?? []), c.rule.ruleId]);
    }
  }
  const finding = summary.catalogue;
  const helpers = rules.map((r) => r.rule).filter((rule) => !finding.includes(rule));
  const bySeverity = <T extends { level: string; ruleId: string }>(list: readonly T[]): T[] =>
    [...list].sort(
      (a, b) =>
        severityRank(b.level as never) - severityRank(a.level as never) || a.ruleId.localeCompare(b.ruleId),
    );
  const set = (rule: { builtin: boolean }) => (rule.builtin ? 'built-in' : 'own');
  const rows = bySeverity(finding).map((rule) => [
    rule.ruleId,
    rule.kind === 'event' ? 'event' : rule.kind,
    rule.level,
    rule.attack.join(' ') || '-',
    set(rule),
    rule.title,
  ]);
  for (const rule of [...helpers].sort((a, b) => a.ruleId.localeCompare(b.ruleId))) {
    rows.push([
      rule.ruleId,
      'helper',
      '-',
      rule.attack.join(' ') || '-',
      set(rule),
      `${rule.title} (feeds ${(feeds.get(rule.ruleId) ?? []).join(', ')}; no findings of its own)`,
    ]);
  }
  const header = ['RULE ID', 'KIND', 'LEVEL', 'ATT&CK', 'SET', 'TITLE'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  io.stdout([line(header), ...rows.map(line)].map(safe).join('\n') + '\n');
  const correlationCount = finding.filter((r) => r.kind === 'correlation').length;
  const notLoaded = summary.problems.length > 0 ? `; ${summary.problems.length} not loaded` : '';
  io.stdout(
    `${ruleCount(finding.length, correlationCount, helpers.length)}${notLoaded}${warningsNote(summary.warnings)}\n`,
  );
  return 0;
}

async function load(
  options: RulesOptions,
): Promise<{ rules: CompiledRule[]; problems: RuleProblem[]; warnings: RuleProblem[] }> {
  const builtin = options.noBuiltinRules
    ? { rules: [], correlations: [], problems: [], skipped: [] }
    : await loadRules([builtinRulesDir()], { builtin: true });
  const own = await loadRules(options.rulesPaths, { builtin: false });
  const rules = [...builtin.rules, ...own.rules];
  const { problems } = resolveCorrelations([...builtin.correlations, ...own.correlations], rules);
  const warnings = ruleWarnings(own.rules);
  return { rules, problems: [...builtin.problems, ...own.problems, ...problems], warnings };
}

/**
 * `rules list --explain`: per rule, what a record's raw text must show before the scan parses it for that rule; the
 * rules that say nothing usable are listed apart, since with any of them in the set every record is parsed.
 */
function explainPrefilter(rules: readonly CompiledRule[], io: CliIo): void {
  const rows = rules.map((rule) => [
    rule.rule.ruleId,
    rule.eventNamesAsWritten
      ? `eventName is ${rule.eventNamesAsWritten.join(' or ')}`
      : rule.prefilter
        ? describeRequirement(rule.prefilter)
        : 'nothing usable: every record is parsed',
  ]);
  const header = ['RULE ID', 'A RECORD IS PARSED FOR THE RULE ONLY IF ITS TEXT SHOWS'];
  const width = Math.max(header[0]!.length, ...rows.map((r) => r[0]!.length));
  const line = ([id, text]: string[]) => `${id!.padEnd(width)}  ${text}`;
  io.stdout([line(header), ...rows.map(line)].map(safe).join('\n') + '\n');
  const { unusable } = RecordPrefilter.of(rules);
  io.stdout(
    unusable.length === 0
      ? `\nPrefilter on: each of the ${rules.length} rules says what a record must hold; a record that holds none of it is counted and not parsed.\n`
      : safe(
          `\nPrefilter off: ${unusable.length} of the ${rules.length} rules say nothing usable (${unusable
            .map((r) => r.rule.ruleId)
            .join(', ')}), so every record is parsed for them. ` +
            'Give such a rule an eventName, or a value it requires, to let the scan skip the records it cannot match.',
        ) + '\n',
  );
}

/** `rules test`: every rule's own must-fire and must-not-fire events. Exit 1 when any fails. */
export async function testRules(options: RulesOptions, io: CliIo): Promise<number> {
  const { rules, problems, warnings } = await load(options);
  printProblems(problems, io);
  // A field no record has passes its test events when they have it too: said, since the scan never matches it.
  printProblems(warnings, io, 'warning');
  const report = await runSelfTests(rules);
  for (const rule of report.rules) {
    if (rule.untested) continue;
    const failed = rule.cases.filter((c) => !c.passed);
    const status = rule.passed ? 'ok  ' : 'FAIL';
    io.stdout(
      safe(`${status} ${rule.ruleId} (${rule.cases.length - failed.length}/${rule.cases.length} cases)`) +
        '\n',
    );
    for (const c of failed) {
      io.stdout(safe(`       ${c.name}: expected ${c.expect}, got ${c.actual}`) + '\n');
    }
    for (const error of rule.errors) io.stdout(safe(`       ${error}`) + '\n');
  }
  const { counts } = report;
  io.stdout(
    `${counts.rules - counts.failedRules - counts.untested} rules passed, ${counts.failedRules} failed, ` +
      `${counts.untested} without test events; ${counts.cases - counts.failedCases}/${counts.cases} cases passed` +
      warningsNote(warnings) +
      '\n',
  );
  return report.passed && problems.length === 0 ? 0 : 1;
}
