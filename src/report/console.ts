import type { ScanResult } from '../core/result.js';
import { SEVERITIES } from '../core/severity.js';
import { carriedElsewhere, ownPart } from '../findings/fold.js';
import { terminalSafe as safe } from './terminal.js';

const SHOWN_EVENTS = 5;
/** Problems listed in the text when they were not shown as warnings (--quiet); the rest are counted. */
const SHOWN_PROBLEMS = 10;

/** `1 event`, `2 events`. */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}

/**
 * When events were read but none fell in the window, the scan audited nothing: a warning, never an all-clear.
 * Undefined otherwise.
 */
export function emptyWindowWarning(result: ScanResult): string | undefined {
  const { stats, window } = result;
  if (stats.eventsScanned === 0 || stats.eventsInWindow > 0) return undefined;
  return (
    `${plural(stats.eventsScanned, 'event')} read, none in the window ${window.start ?? '-'} .. ${window.end ?? '-'}: ` +
    'nothing was audited. Widen the window, or check the clock and the time range of the logs.'
  );
}

/**
 * First-seen rules whose history does not cover the window judged nothing: said, with what they need, so that a scan
 * of a day of logs is not read as "nothing new". Undefined when every first-seen rule judged the window.
 */
export function learningNote({ analysis }: ScanResult): string | undefined {
  const { learning } = analysis;
  if (learning.length === 0) return undefined;
  const earliest = (times: string[]) => [...times].sort()[0]!;
  const coveredFrom = earliest(learning.map((l) => l.coveredFrom));
  const needed = earliest(learning.map((l) => l.needed));
  const withheld = learning.reduce((n, l) => n + l.withheld, 0);
  // Those that held back keys first.
  const ids = [...learning].sort((a, b) => b.withheld - a.withheld).map((l) => l.ruleId);
  const shown = ids.slice(0, 5).join(', ') + (ids.length > 5 ? ` and ${ids.length - 5} more` : '');
  return (
    `${plural(learning.length, 'first-seen rule is', 'first-seen rules are')} still learning (${shown}): the history ` +
    `at hand begins ${coveredFrom}, and judging this window needs it from ${needed}, so ` +
    `${plural(withheld, 'key', 'keys')} not seen before in it ${withheld === 1 ? 'was' : 'were'} withheld. They ` +
    'judge once older logs are scanned too, or once the history kept between runs covers the window.'
  );
}

export interface ConsoleOptions {
  /** Where the findings file was written, if it was. */
  findingsFile?: string;
  /** Whether warnings were printed as they came (not --quiet): problems are then only counted here. */
  warningsShown: boolean;
  /** The scan read nothing at all (a fatal error follows): no verdict on findings. */
  nothingReadable?: boolean;
}

/** The short human summary the CLI (and the action's log) prints after a scan. */
export function formatScan(result: ScanResult, options: ConsoleOptions): string {
  const { stats, findings, rules, window } = result;
  const lines: string[] = [];
  const seconds = result.durationMs / 1000;
  const rate = seconds > 0 ? Math.round(stats.eventsScanned / seconds) : stats.eventsScanned;
  lines.push(
    `Scanned ${plural(stats.eventsScanned, 'event')} (${stats.eventsInWindow} in the window ${window.start ?? '-'} .. ` +
      `${window.end ?? '-'}) from ${plural(stats.filesRead, 'file')} in ${seconds.toFixed(1)} s ` +
      `(${rate} events/s) with ${plural(rules.active, 'rule')}.`,
  );
  const skipped: string[] = [];
  if (stats.filesSkipped) skipped.push(`${plural(stats.filesSkipped, 'digest/Insights file')} skipped`);
  if (stats.recordsSkipped) skipped.push(`${plural(stats.recordsSkipped, 'record')} skipped`);
  if (stats.duplicatesDropped)
    skipped.push(`${plural(stats.duplicatesDropped, 'duplicate delivery', 'duplicate deliveries')} dropped`);
  if (stats.errorCount) {
    const file = options.findingsFile ? ' and in the findings file' : '';
    skipped.push(`${plural(stats.errorCount, 'problem')}${whereListed(options.warningsShown, file)}`);
  }
  if (rules.problems.length) {
    skipped.push(`${plural(rules.problems.length, 'rule')} not loaded${whereListed(options.warningsShown)}`);
  }
  if (rules.warnings.length) {
    skipped.push(`${plural(rules.warnings.length, 'rule warning')}${whereListed(options.warningsShown)}`);
  }
  if (skipped.length) lines.push(skipped.join('; ') + '.');
  if (!options.warningsShown) {
    const problems = [
      ...stats.errors.map((e) => `${e.location}: ${e.message}`),
      ...[...rules.problems, ...rules.warnings].map(
        (p) => `rule ${p.file}${p.title ? ` (${p.title})` : ''}: ${p.message}`,
      ),
    ];
    for (const problem of problems.slice(0, SHOWN_PROBLEMS)) lines.push(safe(`    ${problem}`));
    const more = problems.length - SHOWN_PROBLEMS + stats.errorsNotListed;
    if (more > 0)
      lines.push(`    … and ${more} more${options.findingsFile ? ' (in the findings file)' : ''}`);
  }
  if (options.nothingReadable) return lines.join('\n') + '\n';

  const empty = emptyWindowWarning(result);
  if (empty) lines.push(`Warning: ${empty}`);
  if (findings.length === 0) {
    if (!empty) lines.push('No findings.');
  } else {
    const counts = SEVERITIES.slice()
      .reverse()
      .map((s) => [s, findings.filter((f) => f.severity === s).length] as const)
      .filter(([, n]) => n > 0)
      .map(([s, n]) => `${n} ${s}`);
    const folded = result.folded.length
      ? ` (${result.folded.length} more folded into them: they matched the same events)`
      : '';
    lines.push(`${plural(findings.length, 'finding')}: ${counts.join(', ')}${folded}.`, '');
    for (const whole of findings) {
      const f = ownPart(whole);
      const account = f.group.recipientAccountId ? ` account ${f.group.recipientAccountId}` : '';
      const actor = f.group.actor ?? f.events[0]?.actor ?? '';
      lines.push(
        `[${f.severity.toUpperCase()}] ${safe(f.title)} (${f.ruleId}) — ${safe(actor)}${safe(account)}: ` +
          `${plural(f.count, 'event')}, ${f.firstSeen}${f.lastSeen !== f.firstSeen ? ` .. ${f.lastSeen}` : ''}`,
      );
      for (const e of f.events.slice(0, SHOWN_EVENTS)) {
        const details = e.details
          ? ' ' +
            Object.entries(e.details)
              .map(([k, v]) => `${k}=${v}`)
              .join(' ')
          : '';
        lines.push(
          safe(
            `    ${e.eventTime} ${e.eventName} ${e.awsRegion} from ${e.sourceIPAddress || '-'} ${e.eventID}${details}`,
          ),
        );
      }
      if (f.count > Math.min(SHOWN_EVENTS, f.events.length))
        lines.push(`    … and ${f.count - Math.min(SHOWN_EVENTS, f.events.length)} more`);
      const also = [...new Set((f.alsoMatched ?? []).map((a) => a.ruleId))];
      if (also.length) lines.push(safe(`    also matched: ${also.join(', ')}`));
      const elsewhere = carriedElsewhere(f);
      if (elsewhere) {
        const carriers = [...new Set(f.carriedBy!.map((c) => c.ruleId))].join(', ');
        lines.push(
          safe(`    ${elsewhere} more event${elsewhere === 1 ? '' : 's'} reported with ${carriers}`),
        );
      }
    }
  }
  const learning = learningNote(result);
  if (learning) lines.push('', learning);
  if (result.suppressed.length > 0) {
    const events = result.suppressed.reduce((n, f) => n + f.count, 0);
    lines.push(
      '',
      `${plural(result.suppressed.length, 'finding')} (${plural(events, 'event')}) suppressed by the allowlist:`,
    );
    for (const f of result.suppressed) {
      lines.push(
        safe(
          `    ${f.ruleId} — ${f.group.actor ?? ''}: ${plural(f.count, 'event')} (${f.suppression?.entry}: ${f.suppression?.reason})`,
        ),
      );
    }
  }
  for (const e of result.expiredAllowlistEntries) {
    lines.push(`Allowlist entry ${e.entry} expired on ${e.expires}: it no longer applies.`);
  }
  if (options.findingsFile) lines.push('', `Findings written to ${options.findingsFile}`);
  return lines.join('\n') + '\n';
}

/** Where the problems counted in the status line are listed: above as warnings, or on the lines that follow. */
function whereListed(warningsShown: boolean, also = ''): string {
  return warningsShown ? ` (listed above${also})` : '';
}
