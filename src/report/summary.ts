import type { Finding } from '../findings/model.js';
import type { ScanResult } from '../pipeline/scan.js';
import { SEVERITIES } from '../rules/model.js';
import { code, htmlText, table, text } from './markdown.js';

/** GitHub refuses a step summary over 1 MiB; stay clear of it, with room for the closing note. */
export const SUMMARY_LIMIT = 1_000_000;
const OCCURRENCES_SHOWN = 20;
const PROBLEMS_SHOWN = 50;

export interface SummaryContext {
  /** How the window was chosen ("the last 24 hours (lookback-hours)"). */
  windowReason: string;
  /** What was read ("files: logs/" ...). */
  source: string;
}

const ICON: Record<string, string> = {
  critical: '🟥',
  high: '🟧',
  medium: '🟨',
  low: '🟦',
  informational: '⬜',
};

/** The job summary (Markdown) a responder reads first. Everything from CloudTrail goes through markdown.ts. */
export function renderSummary(result: ScanResult, context: SummaryContext): string {
  const { stats, findings, window } = result;
  const head: string[] = [
    '## CloudTrail audit',
    '',
    table(
      ['', ''],
      [
        ['Window', `${code(window.start)} to ${code(window.end)} (${text(context.windowReason)})`],
        ['Source', text(context.source)],
        ['Accounts', list(result.seen.accounts, result.seen.more)],
        ['Regions', list(result.seen.regions, result.seen.more)],
        [
          'Events',
          `${stats.eventsScanned} scanned, ${stats.eventsInWindow} in the window, ${stats.recordsSkipped} records skipped, ` +
            `${stats.duplicatesDropped} duplicates dropped`,
        ],
        ['Files', `${stats.filesRead} read, ${stats.filesSkipped} skipped (digest and Insights files)`],
        ['API calls', String(stats.apiCalls)],
        ['Rules', `${result.rules.active} run`],
        ['Time taken', `${(result.durationMs / 1000).toFixed(1)} s`],
      ],
    ),
    '',
  ];
  if (findings.length === 0) {
    head.push('**No findings.**', '');
  } else {
    const counts = [...SEVERITIES]
      .reverse()
      .map((s) => [s, findings.filter((f) => f.severity === s).length] as const)
      .filter(([, n]) => n > 0)
      .map(([s, n]) => `${ICON[s]} ${n} ${s}`);
    head.push(`**${findings.length} findings:** ${counts.join(' · ')}`, '');
    const rows: string[][] = [];
    let tableBytes = 0;
    for (const f of findings) {
      const row = [
        `${ICON[f.severity]} ${f.severity}`,
        `${text(f.title)}<br>${code(f.ruleId)}`,
        code(actorOf(f)),
        `${code(f.group.recipientAccountId ?? f.events[0]?.recipientAccountId)} / ${code(regions(f))}`,
        String(f.count),
        code(f.firstSeen),
        code(f.lastSeen),
      ];
      tableBytes += Buffer.byteLength(row.join(' | ')) + 4;
      if (tableBytes > SUMMARY_LIMIT / 2) break;
      rows.push(row);
    }
    head.push(
      table(['Severity', 'Rule', 'Actor', 'Account / region', 'Events', 'First seen', 'Last seen'], rows),
      '',
    );
    if (rows.length < findings.length) {
      head.push(
        `> ${findings.length - rows.length} more findings are not listed here: a job summary is limited to 1 MiB. ` +
          'Every finding is in the findings file.',
        '',
      );
    }
  }

  const tail = tailSections(result);
  const parts = [head.join('\n')];
  let size = Buffer.byteLength(parts[0]!) + Buffer.byteLength(tail);
  let shown = 0;
  for (const finding of findings) {
    const section = occurrences(finding);
    const bytes = Buffer.byteLength(section);
    if (size + bytes > SUMMARY_LIMIT) break;
    parts.push(section);
    size += bytes;
    shown++;
  }
  if (shown < findings.length) {
    parts.push(
      `> The occurrences of ${findings.length - shown} more findings are left out: a job summary is limited to 1 MiB. ` +
        'Every event is in the findings file.\n',
    );
  }
  parts.push(tail);
  return parts.join('\n');
}

function occurrences(f: Finding): string {
  const rows = f.events
    .slice(0, OCCURRENCES_SHOWN)
    .map((e) => [
      code(e.eventTime),
      code(e.eventName),
      code(e.awsRegion),
      code(e.sourceIPAddress),
      code(e.userAgent, 120),
      code(e.eventID),
    ]);
  const more =
    f.events.length > OCCURRENCES_SHOWN ? `\nand ${f.events.length - OCCURRENCES_SHOWN} more\n` : '';
  return [
    '<details>',
    `<summary>${ICON[f.severity]} ${htmlText(f.title)} (${htmlText(f.ruleId)}): ${f.count} events</summary>`,
    '',
    `Rule author: ${text(f.author)}${f.attack.length ? ` · ATT&CK ${f.attack.map((t) => text(t)).join(', ')}` : ''}`,
    '',
    table(['Time', 'Event', 'Region', 'Source IP', 'User agent', 'Event ID'], rows),
    more,
    '</details>',
    '',
  ].join('\n');
}

function tailSections(result: ScanResult): string {
  const out: string[] = [];
  const { stats, rules } = result;
  if (result.suppressed.length > 0) {
    out.push(
      '### Suppressed',
      '',
      table(
        ['Rule', 'Actor', 'Events', 'Why'],
        result.suppressed.map((f) => [
          code(f.ruleId),
          code(actorOf(f)),
          String(f.count),
          `${code(f.suppression?.reason)} (${code(f.suppression?.entry)})`,
        ]),
      ),
      '',
    );
  }
  if (result.expiredAllowlistEntries.length > 0) {
    out.push(
      '### Expired allowlist entries',
      '',
      ...result.expiredAllowlistEntries.map(
        (e) => `- ${code(e.entry)} expired on ${code(e.expires)}: ${code(e.reason)}`,
      ),
      '',
    );
  }
  if (stats.errorCount > 0) {
    out.push(
      `### Problems (${stats.errorCount})`,
      '',
      'These inputs were skipped, in whole or in part; the scan went on.',
      '',
    );
    for (const p of stats.errors.slice(0, PROBLEMS_SHOWN))
      out.push(`- ${code(p.location)}: ${code(p.message)}`);
    const more = stats.errorCount - Math.min(stats.errors.length, PROBLEMS_SHOWN);
    if (more > 0) out.push(`- and ${more} more (see the findings file)`);
    out.push('');
  }
  const ruleNotes = [
    ...rules.problems.map((p) => `- not loaded: ${code(p.file)}: ${code(p.message)}`),
    ...rules.skipped.map((p) => `- skipped: ${code(p.file)}: ${code(p.message)}`),
    ...(rules.excluded.length ? [`- excluded: ${rules.excluded.map((id) => code(id)).join(', ')}`] : []),
    ...(rules.belowMinSeverity
      ? [`- ${rules.belowMinSeverity} rules below the minimum severity were not run`]
      : []),
  ];
  if (ruleNotes.length > 0) out.push('### Rules not run', '', ...ruleNotes, '');
  return out.join('\n');
}

function list(values: string[], more: boolean): string {
  if (values.length === 0) return '–';
  const shown = values.slice(0, 20).map((v) => code(v, 64));
  const rest = values.length - shown.length;
  return shown.join(', ') + (rest > 0 ? ` and ${rest} more` : '') + (more ? ' (and others, not listed)' : '');
}

function actorOf(f: Finding): string {
  return f.group.actor ?? f.events[0]?.actor ?? '';
}

function regions(f: Finding): string {
  return [...new Set(f.events.map((e) => e.awsRegion))].slice(0, 3).join(', ');
}
