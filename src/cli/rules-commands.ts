import type { CompiledRule } from '../rules/compile.js';
import type { CorrelationRule } from '../rules/model.js';
import { resolveCorrelations } from '../rules/resolve-correlations.js';
import { builtinRulesDir, loadRules } from '../rules/load.js';
import type { RuleProblem } from '../core/result.js';
import { rulesMarkdown } from '../rules/docs-table.js';
import { describeRequirement, RecordPrefilter } from '../rules/prefilter.js';
import { runSelfTests } from '../rules/selftest.js';
import type { CliIo } from './io.js';
import { terminalSafe as safe } from '../report/terminal.js';

export interface RulesOptions {
  rulesPaths: string[];
  noBuiltinRules: boolean;
  /** `rules list` as the Markdown table of docs/rules.md. */
  markdown?: boolean;
  /** `rules list --explain`: what the prefilter looks for in a record's text for each rule (rules/prefilter.ts). */
  explain?: boolean;
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
  if (options.explain) {
    explainPrefilter(rules, io);
    return problems.length > 0 && rules.length === 0 ? 2 : 0;
  }
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
