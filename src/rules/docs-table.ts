import type { CorrelationRule, DetectionRule } from './model.js';
import { describeCondition } from './correlation.js';
import { isSeverity, severityRank } from '../core/severity.js';

type Documented = Pick<DetectionRule, 'ruleId' | 'level'>;

/** docs/rules.md: the table of rules, generated from the rule files (`npm run docs:rules`; a test checks it). */
export function rulesMarkdown(
  rules: readonly DetectionRule[],
  correlations: readonly CorrelationRule[] = [],
): string {
  const bySeverity = <T extends Documented>(list: readonly T[]): T[] =>
    [...list].sort(
      (a, b) => severityRank(b.level) - severityRank(a.level) || a.ruleId.localeCompare(b.ruleId),
    );
  const cell = (text: string) => text.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();
  const attack = (r: { attack: string[] }) =>
    r.attack.map((t) => `[${t}](https://attack.mitre.org/techniques/${t.replace('.', '/')}/)`).join(' ') ||
    '–';
  // Rules that only feed a correlation (generate: false) are listed with it, not as findings of their own.
  const generating = rules.filter((r) => r.generate !== false);
  const rows = bySeverity(generating).map(
    (r) =>
      `| \`${r.ruleId}\` | ${cell(r.title)} | ${r.level} | ${cell(deniedText(r))} | ${attack(r)} | ` +
      `${cell(firstSentence(r.description))} | ${cell(r.falsepositives.join('; ') || '–')} |`,
  );
  const helpers = rules.length - generating.length;
  const lines = [
    '# Built-in rules',
    '',
    `${ruleCount(generating.length + correlations.length, correlations.length, helpers)}. They ship with`,
    'cloudtrail-audit, in `rules/builtin/`, each beside its test events (`cloudtrail-audit rules test` runs them). A scan',
    'runs them all ("with N rules"); `cloudtrail-audit rules list` shows the same in a terminal. This page is generated',
    'from the rule files by `npm run docs:rules`; a test fails when it is stale.',
    '',
    'The "denied attempt" column says what a call gives when AWS refused it (AccessDenied, AccessDeniedException,',
    '`*UnauthorizedOperation`, `*LimitExceeded`) and it otherwise matches: a finding of its own at that severity,',
    'titled "(denied)", or the reason it is not reported (see [rule-writing.md](rule-writing.md#denied-attempts)).',
    '',
    '| id | title | severity | denied attempt | ATT&CK | what it catches | typical false positives |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ];
  if (correlations.length > 0) {
    const correlationRows = bySeverity(correlations).map(
      (c) =>
        `| \`${c.ruleId}\` | ${cell(c.title)} | ${c.level} | ${cell(correlationDenied(c, rules))} | ${attack(c)} | ` +
        `${cell(summary(c))} | ${cell(firstSentence(c.description))} | ${cell(c.falsepositives.join('; ') || '–')} |`,
    );
    lines.push(
      '## Correlation rules',
      '',
      `${correlations.length} Sigma correlation rules (see [correlation.md](correlation.md)) raise a finding when`,
      'several events together pass a threshold or form a sequence. The rules they are built from (named in the',
      '"correlation" column) make no finding of their own.',
      '',
      '| id | title | severity | denied calls | ATT&CK | correlation | what it catches | typical false positives |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
      ...correlationRows,
      '',
    );
  }
  lines.push(...firstSeenSection(bySeverity(generating), cell));
  return lines.join('\n');
}

/**
 * The rule count, said the same way by `rules list`, this page and the README: `79 rules (62 single-event and
 * first-seen, 17 correlation); 20 helper rules feed the correlations and make no findings of their own`. Rules are
 * counted as a scan counts them: those that can make findings.
 */
export function ruleCount(rules: number, correlations: number, helpers: number): string {
  return (
    `${rules} rule${rules === 1 ? '' : 's'} (${rules - correlations} single-event and first-seen, ${correlations} correlation)` +
    (helpers > 0 ? `; ${helpers} helper rules feed the correlations and make no findings of their own` : '')
  );
}

/** The first-seen rules' keys and history windows (docs/first-seen.md explains them). */
function firstSeenSection(rules: readonly DetectionRule[], cell: (text: string) => string): string[] {
  const firstSeen = rules.filter((r) => r.firstSeen);
  if (firstSeen.length === 0) return [];
  const key = (r: DetectionRule) =>
    r.firstSeen!.fields.map((f) => (r.firstSeen!.requireKnown?.includes(f) ? `**\`${f}\`**` : `\`${f}\``));
  return [
    '## First-seen rules',
    '',
    `${firstSeen.length} of the rules above are first-seen rules (see [first-seen.md](first-seen.md)): they report a`,
    'key (the values of the fields below) that was not seen during the history window before it, not every match.',
    'A new key is reported only when its part in bold was seen before.',
    '',
    '| id | key | history |',
    '| --- | --- | --- |',
    ...firstSeen.map(
      (r) => `| \`${r.ruleId}\` | ${cell(key(r).join(' + '))} | ${cell(r.firstSeen!.historyText)} |`,
    ),
    '',
  ];
}

/** What a denied attempt gives under a rule's `denied` key (rules/outcome.ts). */
function deniedText(rule: DetectionRule): string {
  const handling = rule.denied;
  if (!handling) return 'as the detection says';
  const reason = handling.reason ? `: ${handling.reason}` : '';
  if (isSeverity(handling.level)) return `${handling.level}${reason}`;
  if (handling.level === 'none') return `not reported${reason}`;
  return rule.firstSeen ? `counted${reason}` : `in the same finding${reason}`;
}

/** Whether a correlation counts denied calls: what the `denied` keys of the rules it is built from say. */
function correlationDenied(c: CorrelationRule, rules: readonly DetectionRule[]): string {
  const members = c.rules.map((reference) =>
    rules.find((r) => r.ruleId === reference || r.uuid === reference),
  );
  const texts = new Set(
    members.map((r) => {
      if (!r?.denied) return 'as the detection of its rules says';
      if (r.denied.level === 'none') return 'not counted';
      return 'counted like successful calls';
    }),
  );
  const reasons = new Set(members.flatMap((r) => (r?.denied?.reason ? [r.denied.reason] : [])));
  return [...texts].join('; ') + (reasons.size > 0 ? `: ${[...reasons].join('; ')}` : '');
}

function summary(c: CorrelationRule): string {
  const rules = c.rules.map((r) => `\`${r}\``).join(c.type === 'temporal_ordered' ? ' → ' : ', ');
  const by = c.groupBy.length > 0 ? ` per ${c.groupBy.join(' + ')}` : '';
  const what =
    c.type === 'event_count'
      ? `events ${describeCondition(c.condition!)}`
      : c.type === 'value_count'
        ? `distinct ${c.field} ${describeCondition(c.condition!)}` +
          (c.eventCount ? ` and events ${describeCondition(c.eventCount)}` : '')
        : c.type === 'temporal'
          ? c.condition
            ? `rules ${describeCondition(c.condition)}`
            : 'all of'
          : 'in order';
  return `${c.type}: ${what} in ${c.timespan}${by}; ${rules}`;
}

function firstSentence(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const end = flat.search(/[.!?](\s|$)/);
  return end === -1 ? flat : flat.slice(0, end + 1);
}
