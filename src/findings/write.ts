import { writeText } from '../core/write-file.js';
import type { ScanResult } from '../core/result.js';

/** The findings file: the contract of DESIGN.md ("version": 1). */
export function findingsDocument(result: ScanResult): object {
  return {
    version: 1,
    window: result.window,
    stats: result.stats.toJSON(),
    findings: result.findings,
    folded: result.folded,
    suppressed: result.suppressed,
    expiredAllowlistEntries: result.expiredAllowlistEntries,
  };
}

export async function writeFindingsFile(path: string, result: ScanResult): Promise<void> {
  await writeText(path, JSON.stringify(findingsDocument(result), null, 2) + '\n');
}
