import { randomUUID } from 'node:crypto';
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Finding } from '../core/finding.js';
import { UserError } from '../core/errors.js';
import type { ScanResult } from '../core/result.js';
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

/** Bytes gathered before they are written (below V8's large-object size: no text of the file is built whole). */
const WRITE_BUFFER = 64 * 1024;

/**
 * Writes the findings file as JSON.stringify(findingsDocument(result), null, 2) would, with every event of every
 * finding. Streamed: the document a finding at a time and the spilled events an event at a time, through one
 * buffer, so that neither the file's text nor the events of a big finding are ever in memory whole.
 */
export async function writeFindingsFile(path: string, result: ScanResult): Promise<void> {
  const failed = (err: unknown) => {
    const { code, message } = err as NodeJS.ErrnoException;
    return new UserError(`cannot write ${path}: ${code ?? message}`);
  };
  let file: FileHandle;
  try {
    await mkdir(dirname(path), { recursive: true });
    file = await open(path, 'w');
  } catch (err) {
    throw failed(err);
  }
  try {
    const out = new BufferedWriter(file);
    await writeDocument(result, out);
    await out.flush();
  } catch (err) {
    throw err instanceof UserError ? err : failed(err);
  } finally {
    await file.close();
  }
}

/** The document with placeholders where each list of findings goes, then each list a finding at a time. */
async function writeDocument(result: ScanResult, out: BufferedWriter): Promise<void> {
  const token = `@@cloudtrail-audit-${randomUUID()}-`;
  const lists = [result.findings, result.folded, result.suppressed];
  const text = placeholders(findingsDocument(result), lists, token);
  await writeAround(text, token, out, async (i, indent) => {
    await writeArray(lists[i]!, indent, out, (finding, inner) => writeFinding(finding, inner, out));
  });
  await out.write('\n');
}

/** A finding as JSON.stringify(..., null, 2) writes it at `indent` spaces, its spilled events streamed. */
async function writeFinding(finding: Finding, indent: number, out: BufferedWriter): Promise<void> {
  const spilled = hasSpilledEvents(finding) ? [finding.events] : [];
  const token = `@@cloudtrail-audit-events-${randomUUID()}-`;
  const text = indented(placeholders(finding, spilled, token), indent);
  await writeAround(text, token, out, async (_, at) => {
    await writeArray(eventsOf(finding), at, out, (event, inner) =>
      out.write(indented(JSON.stringify(event, null, 2), inner)),
    );
  });
}

/** JSON.stringify(value, null, 2) with each of `marked` (by identity) replaced by a placeholder string. */
function placeholders(value: object, marked: readonly unknown[], token: string): string {
  return JSON.stringify(
    value,
    (_key, item: unknown) => {
      const at = marked.indexOf(item);
      return at === -1 ? item : `${token}${at}@@`;
    },
    2,
  );
}

/** Writes `text`, and in place of each placeholder what `fill` writes (given the placeholder's indent). */
async function writeAround(
  text: string,
  token: string,
  out: BufferedWriter,
  fill: (index: number, indent: number) => Promise<void>,
): Promise<void> {
  const placeholder = new RegExp(`"${token}(\\d+)@@"`, 'g');
  let at = 0;
  for (const match of text.matchAll(placeholder)) {
    const before = text.slice(at, match.index);
    await out.write(before);
    // The placeholder is the value of a property: `"name": ` precedes it on its line.
    const line = before.slice(before.lastIndexOf('\n') + 1);
    await fill(Number(match[1]), line.length - line.trimStart().length);
    at = match.index + match[0].length;
  }
  await out.write(text.slice(at));
}

/** A JSON array as JSON.stringify(..., null, 2) writes it at a property indented by `indent` spaces. */
async function writeArray<T>(
  items: Iterable<T>,
  indent: number,
  out: BufferedWriter,
  writeItem: (item: T, indent: number) => Promise<void>,
): Promise<void> {
  const inner = ' '.repeat(indent + 2);
  let first = true;
  for (const item of items) {
    await out.write(`${first ? '[' : ','}\n${inner}`);
    await writeItem(item, indent + 2);
    first = false;
  }
  await out.write(first ? '[]' : `\n${' '.repeat(indent)}]`);
}

/** JSON text written at `indent` spaces: its lines after the first indented (JSON strings hold no line feed). */
function indented(text: string, indent: number): string {
  return indent === 0 ? text : text.replace(/\n/g, `\n${' '.repeat(indent)}`);
}

/** Text written to a file through one reused buffer. */
class BufferedWriter {
  private readonly buffer = Buffer.allocUnsafe(WRITE_BUFFER);
  private used = 0;

  constructor(private readonly file: FileHandle) {}

  async write(text: string): Promise<void> {
    const bytes = Buffer.byteLength(text, 'utf8');
    if (this.used + bytes > this.buffer.length) await this.flush();
    if (bytes > this.buffer.length) {
      await this.writeAll(Buffer.from(text, 'utf8'), bytes);
      return;
    }
    this.used += this.buffer.write(text, this.used, 'utf8');
  }

  async flush(): Promise<void> {
    await this.writeAll(this.buffer, this.used);
    this.used = 0;
  }

  private async writeAll(data: Buffer, length: number): Promise<void> {
    for (let written = 0; written < length;) {
      const { bytesWritten } = await this.file.write(data, written, length - written);
      written += bytesWritten;
    }
  }
}
