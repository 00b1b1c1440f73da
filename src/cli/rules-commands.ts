import type { CompiledRule } from '../rules/compile.js';
import type { CorrelationRule } from '../rules/model.js';
import { resolveCorrelations } from '../rules/resolve-correlations.js';
import { builtinRulesDir, loadRules } from '../rules/load.js';
import type { RuleProblem } from '../core/result.js';
import { rulesMarkdown } from '../rules/docs-table.js';
import { runSelfTests } from '../rules/selftest.js';
import type { CliIo } from './io.js';
import { terminalSafe as safe } from '../report/terminal.js';

export interface RulesOptions {
  rulesPaths: string[];
  noBuiltinRules: boolean;
  /** `rules list` as the Markdown table of docs/rules.md. */
  markdown?: boolean;
}

async function load(
  options: RulesOptions,
): Promise<{ rules: CompiledRule[]; correlations: CorrelationRule[]; problems: RuleProblem[] }> {
  const builtin = options.noBuiltinRules
    ? { rules: [], correlations: [], problems: [], skipped: [] }
    : await loadRules([builtinRulesDir()], { builtin: true });
  const own = await loadRules(options.rulesPaths, { builtin: false });
  const rules = [...builtin.rules, ...own.rules];
  const { resolved, problems } = resolveCorrelations([...builtin.correlations, ...own.correlations], rules);
  return {
    rules,
    correlations: resolved.map((c) => c.rule),
    problems: [...builtin.problems, ...own.problems, ...problems],
  };
}

function printProblems(problems: RuleProblem[], io: CliIo): void {
  for (const p of problems) {
    io.stderr(safe(`error: rule ${p.file}${p.title ? ` (${p.title})` : ''}: ${p.message}`) + '\n');
  }
}

/** `rules list`: one line per rule, as a table. */
export async function listRules(options: RulesOptions, io: CliIo): Promise<number> {
  const { rules, correlations, problems } = await load(options);
  printProblems(problems, io);
  if (options.markdown) {
    io.stdout(
      rulesMarkdown(
        rules.map((r) => r.rule),
        correlations,
      ),
    );
    return problems.length > 0 ? 2 : 0;
  }
  const rows = rules.map(({ rule }) => [
    rule.ruleId,
    rule.level,
    rule.attack.join(' ') || '-',
    rule.builtin ? 'built-in' : 'own',
    rule.title,
  ]);
  for (const c of correlations) {
    rows.push([
      c.ruleId,
      c.level,
      c.attack.join(' ') || '-',
      c.builtin ? 'built-in' : 'own',
      `${c.title} (correlation)`,
    ]);
  }
  const header = ['RULE ID', 'LEVEL', 'ATT&CK', 'SET', 'TITLE'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  io.stdout([line(header), ...rows.map(line)].map(safe).join('\n') + '\n');
  const correlated = correlations.length > 0 ? ` and ${correlations.length} correlation rules` : '';
  io.stdout(
    `${rules.length} rules${correlated}${problems.length ? `, ${problems.length} not loaded` : ''}\n`,
  );
  return problems.length > 0 && rules.length === 0 ? 2 : 0;
}

/** `rules test`: every rule's own must-fire and must-not-fire events. Exit 1 when any fails. */
export async function testRules(options: RulesOptions, io: CliIo): Promise<number> {
  const { rules, problems } = await load(options);
  printProblems(problems, io);
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
      `${counts.untested} without test events; ${counts.cases - counts.failedCases}/${counts.cases} cases passed\n`,
  );
  return report.passed && problems.length === 0 ? 0 : 1;
}
