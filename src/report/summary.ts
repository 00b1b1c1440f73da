import type { Finding } from '../core/finding.js';
import type { ScanResult } from '../core/result.js';
import type { PartialRule, SourceCoverage } from '../core/stats.js';
import type { RuleMeta } from '../core/rule-meta.js';
import { ownPart } from '../findings/fold.js';
import { alsoMatchedIds, matchedFields, sharedEventsList, whyLine } from './finding-text.js';
import { SEVERITIES, SEVERITY_ICON } from '../core/severity.js';
import type { TrackedFinding, TrackingOutcome } from '../core/tracking.js';
import { code, htmlText, link, table, text } from './markdown.js';
import { formatBytes, formatUsd } from '../core/format.js';
import { emptyWindowWarning } from './console.js';

/** GitHub refuses a step summary over 1 MiB; stay clear of it, with room for the closing note. */
export const SUMMARY_LIMIT = 1_000_000;
const OCCURRENCES_SHOWN = 20;
const PROBLEMS_SHOWN = 50;

export interface SummaryContext {
  /** How the window was chosen ("the last 24 hours (lookback-hours)"). */
  windowReason: string;
  /** What was read ("files: logs/" ...). */
  source: string;
  /** What issue tracking did (`create-issues`), when it ran. */
  tracking?: TrackingOutcome;
  /** An investigation's report (src/investigate), Markdown put before the audit's summary. */
  investigation?: string;
}

/** Findings over `max-new-issues` or not tracked, listed in the summary (the rest: see the log). */
const ISSUE_LIST_SHOWN = 200;

/** The job summary (Markdown) a responder reads first. Everything from CloudTrail goes through markdown.ts. */
export function renderSummary(result: ScanResult, context: SummaryContext): string {
  const { stats, findings, window } = result;
  const head: string[] = [
    ...(context.investigation !== undefined ? [context.investigation, ''] : []),
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
        ...(stats.query
          ? [
              [
                'Data scanned',
                `${formatBytes(stats.query.bytesScanned)}, estimated cost ${formatUsd(stats.query.costUsd)} ` +
                  `(Athena query ${code(stats.query.queryId ?? '-')})`,
              ],
            ]
          : []),
        ['Rules', `${result.rules.active} run`],
        ['Time taken', `${(result.durationMs / 1000).toFixed(1)} s`],
      ],
    ),
    '',
  ];
  const empty = emptyWindowWarning(result);
  if (empty) head.push(`> [!WARNING]\n> ${text(empty)}`, '');
  if (findings.length === 0) {
    if (!empty) head.push('**No findings.**', '');
  } else {
    const counts = [...SEVERITIES]
      .reverse()
      .map((s) => [s, findings.filter((f) => f.severity === s).length] as const)
      .filter(([, n]) => n > 0)
      .map(([s, n]) => `${SEVERITY_ICON[s]} ${n} ${s}`);
    head.push(`**${findings.length} findings:** ${counts.join(' · ')}`, '');
    if (result.folded.length > 0) {
      head.push(
        `${result.folded.length} more ${result.folded.length === 1 ? 'finding matched' : 'findings matched'} only ` +
          'events that a finding below reports: each is named there ("also matched") rather than listed on its own.',
        '',
      );
    }
    const rows: string[][] = [];
    let tableBytes = 0;
    const tracked = trackedByFingerprint(context.tracking);
    for (const whole of findings) {
      const f = ownPart(whole);
      const also = alsoMatchedIds(f);
      const row = [
        `${SEVERITY_ICON[f.severity]} ${f.severity}`,
        `${text(f.title)}<br>${code(f.ruleId)}${also ? `<br>${also}` : ''}`,
        code(actorOf(f)),
        `${code(f.group.recipientAccountId ?? f.events[0]?.recipientAccountId)} / ${code(regions(f))}`,
        String(f.count),
        code(f.firstSeen),
        code(f.lastSeen),
        ...(tracked ? [issueCell(tracked.get(f.fingerprint))] : []),
      ];
      tableBytes += Buffer.byteLength(row.join(' | ')) + 4;
      if (tableBytes > SUMMARY_LIMIT / 2) break;
      rows.push(row);
    }
    head.push(
      table(
        [
          'Severity',
          'Rule',
          'Actor',
          'Account / region',
          'Events',
          'First seen',
          'Last seen',
          ...(tracked ? ['Issue'] : []),
        ],
        rows,
      ),
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

  if (context.tracking) head.push(issuesSection(result, context.tracking));
  const tail = tailSections(result);
  const parts = [head.join('\n')];
  let size = Buffer.byteLength(parts[0]!) + Buffer.byteLength(tail);
  let shown = 0;
  const rules = new Map(result.rules.catalogue.map((r) => [r.ruleId, r]));
  for (const finding of findings) {
    const section = occurrences(ownPart(finding), rules.get(finding.ruleId));
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

/** A finding's section: why, the matched fields, the findings it shares events with, and its events. */
function occurrences(f: Finding, rule: RuleMeta | undefined): string {
  const why = whyLine(rule);
  const fields = matchedFields(f, 5);
  const shared = sharedEventsList(f);
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
  const more = f.count > rows.length ? `\nand ${f.count - rows.length} more\n` : '';
  return [
    '<details>',
    `<summary>${SEVERITY_ICON[f.severity]} ${htmlText(f.title)} (${htmlText(f.ruleId)}): ${f.count} ${f.count === 1 ? 'event' : 'events'}</summary>`,
    '',
    ...(why ? [`**Why:** ${why}`, ''] : []),
    `Rule author: ${text(f.author)}${f.attack.length ? ` · ATT&CK ${f.attack.map((t) => text(t)).join(', ')}` : ''}`,
    '',
    ...(fields.length > 0 ? [table(['Field', 'Values'], fields), ''] : []),
    ...(shared.length > 0 ? [...shared, ''] : []),
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
          f.suppression?.kind === 'issue-not-planned'
            ? `${link(`#${f.suppression.issue}`, f.suppression.entry)} closed as ${/duplicate/.test(f.suppression.reason) ? 'a duplicate' : 'not planned'}`
            : `${code(f.suppression?.reason)} (${code(f.suppression?.entry)})`,
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
  if (rules.warnings.length > 0) {
    out.push('### Rule warnings', '', 'These rules ran, but a part of them can never match:', '');
    for (const w of rules.warnings) out.push(`- ${code(w.file)}: ${code(w.message)}`);
    out.push('');
  }
  out.push(...coverageSection(stats.coverage));
  out.push(...historySection(result));
  return out.join('\n');
}

const PARTIAL_WHY: Record<PartialRule['reason'], string> = {
  'needs-every-event': 'needs every event: no lookup selects them, and a full scan did not fit the budget',
  budget: 'its lookups did not fit the budget',
  'data-events': 'matches data events, which this source does not have',
  errors: 'a read it needed failed (see Problems)',
};

/**
 * What a source that plans its reads spent against its budget, the rules it served only in part (they ran on the
 * events fetched for the others), and the history it read before the window on a first run.
 */
function coverageSection(coverage: SourceCoverage | undefined): string[] {
  if (!coverage) return [];
  const { budget } = coverage;
  const amount = (n: number) => (budget.unit === 'bytes' ? formatBytes(n) : String(n));
  const out = [
    `### Source coverage`,
    '',
    `${text(budget.of)}: ${amount(budget.spent)} of at most ${amount(budget.limit)}` +
      `${budget.option ? ` (${code(budget.option)})` : ''}; the ` +
      `plan estimated ${amount(budget.estimated)}.` +
      (budget.throttled
        ? ` ${budget.throttled} more request${budget.throttled === 1 ? ' was' : 's were'} refused by throttling ` +
          'and made again (not counted).'
        : ''),
    '',
  ];
  if (coverage.partial.length > 0) {
    out.push(
      'These rules were served in part: they ran on the events fetched for the other rules, and may have missed',
      'what the rest of the window holds.',
      '',
      table(
        ['Rule', 'Where', 'Why'],
        coverage.partial.map((p) => [
          code(p.ruleId) + (p.via ? ` (through ${code(p.via)})` : ''),
          p.regions.length > 0 ? p.regions.map((r) => code(r)).join(', ') : 'everywhere',
          PARTIAL_WHY[p.reason],
        ]),
      ),
      '',
    );
    if (coverage.remedy) out.push(`To serve them: ${text(coverage.remedy)}.`, '');
  }
  if (coverage.history) {
    const h = coverage.history;
    out.push(
      `History read before the window (no saved state: a first run): ${code(h.since)} to ${code(h.until)}, ` +
        `${amount(h.spent)}${budget.unit === 'calls' ? ' calls' : ''}. ${h.served.length} first-seen rule${h.served.length === 1 ? '' : 's'} judged the ` +
        'window with it' +
        (h.notServed.length > 0
          ? `; still learning (their history needs more than the budget): ${h.notServed.map((id) => code(id)).join(', ')}`
          : '') +
        '.',
      '',
    );
  }
  return out;
}

/** First-seen rules still learning, and where the history of correlation and first-seen rules lives. */
function historySection({ analysis }: ScanResult): string[] {
  if (analysis.correlationRules === 0 && analysis.firstSeenRules === 0) return [];
  const where = analysis.state
    ? `History is kept in ${text(analysis.state)}${analysis.stateLoaded ? '' : ' (none was found: this run started fresh)'}.`
    : 'No history is kept between runs (each run starts fresh).';
  const out = ['### Unusual-activity history', '', where, ''];
  if (analysis.learning.length > 0) {
    out.push(
      'These first-seen rules are still learning what is usual: their history does not cover the window yet, so',
      'they reported nothing new (they will once it does).',
      '',
      table(
        ['Rule', 'History complete from', 'Needed from', 'Withheld'],
        analysis.learning.map((l) => [
          code(l.ruleId),
          code(l.coveredFrom),
          code(l.needed),
          String(l.withheld),
        ]),
      ),
      '',
    );
  }
  for (const note of analysis.notes.slice(0, 20)) out.push(`- ${text(note)}`);
  if (analysis.notes.length > 0) out.push('');
  return out;
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

function trackedByFingerprint(
  tracking: TrackingOutcome | undefined,
): Map<string, TrackedFinding> | undefined {
  if (!tracking || tracking.status === 'skipped') return undefined;
  return new Map(tracking.results.map((r) => [r.fingerprint, r]));
}

const ACTION_WORDS: Record<TrackedFinding['action'], string> = {
  opened: 'opened',
  commented: 'new occurrences',
  reopened: 'reopened',
  unchanged: 'no change',
  suppressed: 'closed as not planned',
  'over-limit': 'not opened (max-new-issues)',
  failed: 'not tracked (GitHub failed)',
};

function issueCell(tracked: TrackedFinding | undefined): string {
  if (!tracked) return '–';
  const words =
    ACTION_WORDS[tracked.action] +
    (tracked.fresh && tracked.action !== 'opened' ? ` (+${tracked.fresh})` : '');
  return tracked.issue ? `${link(`#${tracked.issue.number}`, tracked.issue.url)} ${words}` : words;
}

/** What issue tracking did: counts, the findings left without an issue and why, and any note for the reader. */
function issuesSection(result: ScanResult, tracking: TrackingOutcome): string {
  const out: string[] = ['### Issues', ''];
  if (tracking.status === 'skipped') {
    out.push(`**No issues written.** ${text(tracking.reason ?? '')}`, '');
    return out.join('\n');
  }
  const count = (action: TrackedFinding['action']) =>
    tracking.results.filter((r) => r.action === action).length;
  const parts = [
    `${tracking.opened} opened`,
    `${count('commented')} with new occurrences`,
    `${count('reopened')} reopened`,
    `${count('unchanged')} unchanged`,
    `${count('suppressed')} suppressed (closed as not planned)`,
  ];
  if (tracking.duplicatesClosed.length) parts.push(`${tracking.duplicatesClosed.length} duplicates closed`);
  out.push(`Issues in ${code(tracking.repository)}: ${parts.join(', ')}.`, '');
  if (tracking.foldNotes.length > 0) {
    out.push(
      `Issues of findings now folded into another, told where their occurrences go: ` +
        tracking.foldNotes
          .slice(0, ISSUE_LIST_SHOWN)
          .map((n) => `${link(`#${n.issue.number}`, n.issue.url)} → ${link(`#${n.into.number}`, n.into.url)}`)
          .join(', ') +
        (tracking.foldNotes.length > ISSUE_LIST_SHOWN
          ? ` and ${tracking.foldNotes.length - ISSUE_LIST_SHOWN} more`
          : '') +
        '.',
      '',
    );
  }
  if (tracking.status === 'incomplete') {
    out.push(`> **Issue tracking is incomplete:** ${code(tracking.reason ?? 'GitHub failed', 1000)}`, '>');
    out.push(
      '> The findings file and SARIF were written first; the next run tracks what is left, without duplicates.',
      '',
    );
  }
  const byFingerprint = new Map(result.findings.map((f) => [f.fingerprint, f]));
  const listed = (action: TrackedFinding['action'], heading: string) => {
    const entries = tracking.results.filter((r) => r.action === action);
    if (entries.length === 0) return;
    out.push(heading, '');
    const rows = entries.slice(0, ISSUE_LIST_SHOWN).map((r) => {
      const f = byFingerprint.get(r.fingerprint);
      return [
        f ? `${SEVERITY_ICON[f.severity]} ${f.severity}` : '–',
        code(r.ruleId),
        code(f ? actorOf(f) : undefined),
        String(f?.count ?? ''),
        code(r.fingerprint),
        ...(action === 'failed' ? [code(r.error, 300)] : []),
      ];
    });
    out.push(
      table(
        ['Severity', 'Rule', 'Actor', 'Events', 'Fingerprint', ...(action === 'failed' ? ['Error'] : [])],
        rows,
      ),
      '',
    );
    if (entries.length > rows.length) out.push(`And ${entries.length - rows.length} more (see the log).`, '');
  };
  listed(
    'over-limit',
    `**Not opened this run** (\`max-new-issues\`: ${tracking.maxNewIssues}): the next runs open these, most severe first.` +
      (tracking.overflowComment ? ` Also listed in ${link('this comment', tracking.overflowComment)}.` : ''),
  );
  listed('failed', '**Not tracked:** GitHub failed; the next run tracks these.');
  for (const warning of tracking.warnings.slice(0, 20)) out.push(`- ${code(warning, 500)}`);
  if (tracking.warnings.length) out.push('');
  return out.join('\n');
}
