import type { Finding } from '../core/finding.js';
import { severityRank, type Severity } from '../core/severity.js';

/** The findings at or above the fail-on level (none when the gate is off). */
export function findingsAtOrAbove(findings: Finding[], level: Severity | undefined): Finding[] {
  if (level === undefined) return [];
  const rank = severityRank(level);
  return findings.filter((f) => severityRank(f.severity) >= rank);
}

export function highestSeverity(findings: Finding[]): Severity | 'none' {
  let best: Severity | 'none' = 'none';
  for (const f of findings)
    if (best === 'none' || severityRank(f.severity) > severityRank(best)) best = f.severity;
  return best;
}
