import type { ScanResult } from '../core/result.js';
import { SEVERITIES } from '../core/severity.js';
import { carriedElsewhere, ownPart } from '../findings/fold.js';
import { terminalSafe as safe } from './terminal.js';

const SHOWN_EVENTS = 5;

/** The short human summary the CLI prints after a scan. */
export function formatScan(result: ScanResult, options: { findingsFile?: string }): string {
  const { stats, findings, rules, window } = result;
  const lines: string[] = [];
  const seconds = result.durationMs / 1000;
  const rate = seconds > 0 ? Math.round(stats.eventsScanned / seconds) : stats.eventsScanned;
  lines.push(
    `Scanned ${stats.eventsScanned} events (${stats.eventsInWindow} in window ${window.start ?? '-'} .. ${window.end ?? '-'}) ` +
      `from ${stats.filesRead} files in ${seconds.toFixed(1)} s (${rate} events/s) with ${rules.active} rules.`,
  );
  const skipped: string[] = [];
  if (stats.filesSkipped) skipped.push(`${stats.filesSkipped} digest/Insights files skipped`);
  if (stats.recordsSkipped) skipped.push(`${stats.recordsSkipped} records skipped`);
  if (stats.duplicatesDropped) skipped.push(`${stats.duplicatesDropped} duplicate deliveries dropped`);
  if (stats.errorCount) skipped.push(`${stats.errorCount} problems (listed above and in the findings file)`);
  if (rules.problems.length) skipped.push(`${rules.problems.length} rules failed to load`);
  if (skipped.length) lines.push(skipped.join('; ') + '.');

  if (findings.length === 0) {
    lines.push('No findings.');
  } else {
    const counts = SEVERITIES.slice()
      .reverse()
      .map((s) => [s, findings.filter((f) => f.severity === s).length] as const)
      .filter(([, n]) => n > 0)
      .map(([s, n]) => `${n} ${s}`);
    const folded = result.folded.length
      ? ` (${result.folded.length} more folded into them: they matched the same events)`
      : '';
    lines.push(`${findings.length} findings: ${counts.join(', ')}${folded}.`, '');
    for (const whole of findings) {
      const f = ownPart(whole);
      const account = f.group.recipientAccountId ? ` account ${f.group.recipientAccountId}` : '';
      const actor = f.group.actor ?? f.events[0]?.actor ?? '';
      lines.push(
        `[${f.severity.toUpperCase()}] ${safe(f.title)} (${f.ruleId}) — ${safe(actor)}${safe(account)}: ` +
          `${f.count} event${f.count === 1 ? '' : 's'}, ${f.firstSeen}${f.lastSeen !== f.firstSeen ? ` .. ${f.lastSeen}` : ''}`,
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
      if (f.events.length > SHOWN_EVENTS) lines.push(`    … and ${f.events.length - SHOWN_EVENTS} more`);
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
  if (result.suppressed.length > 0) {
    const events = result.suppressed.reduce((n, f) => n + f.count, 0);
    lines.push('', `${result.suppressed.length} findings (${events} events) suppressed by the allowlist:`);
    for (const f of result.suppressed) {
      lines.push(
        safe(
          `    ${f.ruleId} — ${f.group.actor ?? ''}: ${f.count} events (${f.suppression?.entry}: ${f.suppression?.reason})`,
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
