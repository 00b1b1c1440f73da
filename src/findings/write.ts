import { randomUUID } from 'node:crypto';
import { mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { FindingEvent } from '../core/finding.js';
import type { ScanResult } from '../core/result.js';
import { writeText } from '../core/write-file.js';
import { eventsOf, hasSpilledEvents } from './events.js';

/**
 * The findings file: the contract of DESIGN.md ("version": 1). Its findings list every matching event: for a finding
 * with more events than stay in memory, they are read back from the scan's spill (events.ts).
 */
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

/** Characters written at once when events are streamed. */
const WRITE_CHUNK = 1 << 20;

/**
 * Writes the findings file as JSON.stringify(findingsDocument(result), null, 2) would, with every event of every
 * finding, streaming the events of findings that hold more than memory keeps (so the file is not built whole).
 */
export async function writeFindingsFile(path: string, result: ScanResult): Promise<void> {
  const document = findingsDocument(result);
  const spilled = [...result.findings, ...result.folded, ...result.suppressed].filter(hasSpilledEvents);
  if (spilled.length === 0) {
    await writeText(path, JSON.stringify(document, null, 2) + '\n');
    return;
  }
  // Each spilled finding's events are written where a placeholder stands in the document's text.
  const token = `@@cloudtrail-audit-events-${randomUUID()}-`;
  const marked = new Map<unknown, number>(spilled.map((finding, i) => [finding.events, i]));
  const text =
    JSON.stringify(
      document,
      (key, value: unknown) =>
        key === 'events' && marked.has(value) ? `${token}${marked.get(value)}@@` : value,
      2,
    ) + '\n';
  await mkdir(dirname(path), { recursive: true });
  const file = await open(path, 'w');
  try {
    let out = '';
    const write = async (piece: string, force = false) => {
      out += piece;
      if (out.length >= WRITE_CHUNK || (force && out.length > 0)) {
        await file.write(out);
        out = '';
      }
    };
    const placeholder = new RegExp(`"${token}(\\d+)@@"`, 'g');
    let at = 0;
    for (const match of text.matchAll(placeholder)) {
      const before = text.slice(at, match.index);
      await write(before);
      const indent = before.length - before.lastIndexOf('\n') - 1 - '"events": '.length;
      await writeEvents(eventsOf(spilled[Number(match[1])]!), indent, write);
      at = match.index + match[0].length;
    }
    await write(text.slice(at), true);
  } finally {
    await file.close();
  }
}

/** A JSON array of events as JSON.stringify(..., null, 2) writes it at a property indented by `indent` spaces. */
async function writeEvents(
  events: Iterable<FindingEvent>,
  indent: number,
  write: (piece: string) => Promise<void>,
): Promise<void> {
  const inner = ' '.repeat(indent + 2);
  let first = true;
  await write('[');
  for (const event of events) {
    await write(
      `${first ? '' : ','}\n${inner}${JSON.stringify(event, null, 2).replace(/\n/g, `\n${inner}`)}`,
    );
    first = false;
  }
  await write(`\n${' '.repeat(indent)}]`);
}
