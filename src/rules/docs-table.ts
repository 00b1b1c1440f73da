import type { SigmaRule } from './model.js';
import { severityRank } from './model.js';

/** docs/rules.md: the table of rules, generated from the rule files (`npm run docs:rules`; a test checks it). */
export function rulesMarkdown(rules: readonly SigmaRule[]): string {
  const sorted = [...rules].sort(
    (a, b) => severityRank(b.level) - severityRank(a.level) || a.ruleId.localeCompare(b.ruleId),
  );
  const cell = (text: string) => text.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();
  const attack = (r: SigmaRule) =>
    r.attack.map((t) => `[${t}](https://attack.mitre.org/techniques/${t.replace('.', '/')}/)`).join(' ') ||
    '–';
  const rows = sorted.map(
    (r) =>
      `| \`${r.ruleId}\` | ${cell(r.title)} | ${r.level} | ${attack(r)} | ${cell(firstSentence(r.description))} | ` +
      `${cell(r.falsepositives.join('; ') || '–')} |`,
  );
  return [
    '# Built-in rules',
    '',
    `${rules.length} Sigma rules ship with cloudtrail-audit, in \`rules/builtin/\`, each beside its test events`,
    '(`cloudtrail-audit rules test` runs them). This page is generated from the rule files by `npm run docs:rules`;',
    'a test fails when it is stale. `cloudtrail-audit rules list` shows the same in a terminal.',
    '',
    '| id | title | severity | ATT&CK | what it catches | typical false positives |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

function firstSentence(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const end = flat.search(/[.!?](\s|$)/);
  return end === -1 ? flat : flat.slice(0, end + 1);
}
