import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readFiles, type ReadFilesOptions } from '../../src/sources/files/index.js';
import type { Origin, RawRecord, SourceReporter } from '../../src/core/source.js';

export const ROOT = resolve(import.meta.dirname, '../..');
export const REAL = join(ROOT, 'test/fixtures/real-cloudtrail');
export const BAD = join(ROOT, 'test/fixtures/bad-input');

export type Report =
  | { kind: 'read'; file: string }
  | { kind: 'skipped'; file: string; reason: string }
  | { kind: 'error'; origin: Origin; message: string; recordsLost?: number };

/** A SourceReporter that records every call, in order. */
export class RecordingReporter implements SourceReporter {
  readonly reports: Report[] = [];
  fileRead(file: string): void {
    this.reports.push({ kind: 'read', file });
  }
  fileSkipped(file: string, reason: string): void {
    this.reports.push({ kind: 'skipped', file, reason });
  }
  error(origin: Origin, message: string, recordsLost?: number): void {
    this.reports.push(
      recordsLost === undefined
        ? { kind: 'error', origin, message }
        : { kind: 'error', origin, message, recordsLost },
    );
  }
  get read(): string[] {
    return this.reports.flatMap((r) => (r.kind === 'read' ? [r.file] : []));
  }
  get skipped(): { file: string; reason: string }[] {
    return this.reports.flatMap((r) => (r.kind === 'skipped' ? [{ file: r.file, reason: r.reason }] : []));
  }
  get errors(): { origin: Origin; message: string; recordsLost?: number }[] {
    return this.reports.flatMap(({ kind, ...error }) =>
      kind === 'error' ? [error as Omit<Extract<Report, { kind: 'error' }>, 'kind'>] : [],
    );
  }
}

export async function readAll(
  paths: string[],
  opts?: ReadFilesOptions,
): Promise<{ records: RawRecord[]; reporter: RecordingReporter }> {
  const reporter = new RecordingReporter();
  const records: RawRecord[] = [];
  for await (const record of readFiles(paths, reporter, opts)) records.push(record);
  return { records, reporter };
}

/** A synthetic CloudTrail record. */
export function record(i: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    eventVersion: '1.09',
    userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::111122223333:user/u${i}`, accountId: '111122223333' },
    eventTime: `2024-06-03T10:${String(i % 60).padStart(2, '0')}:00Z`,
    eventSource: 'iam.amazonaws.com',
    eventName: i % 2 ? 'CreateUser' : 'ListUsers',
    awsRegion: 'us-east-1',
    sourceIPAddress: '203.0.113.7',
    userAgent: 'test "quoted" \\ {agent}',
    eventID: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    recipientAccountId: '111122223333',
    ...extra,
  };
}

export const records = (from: number, count: number) =>
  Array.from({ length: count }, (_, k) => record(from + k));

/** A lookup-events page as the AWS CLI prints it (4-space indentation). */
export function lookupPage(recs: Record<string, unknown>[], nextToken?: string): string {
  const events = recs.map((r) => ({
    EventId: r.eventID,
    EventName: r.eventName,
    ReadOnly: 'false',
    EventTime: String(r.eventTime).replace('Z', '+00:00'),
    EventSource: r.eventSource,
    Username: 'u',
    Resources: [],
    CloudTrailEvent: JSON.stringify(r),
  }));
  return JSON.stringify(nextToken ? { Events: events, NextToken: nextToken } : { Events: events }, null, 4);
}

export const gzip = (text: string | Buffer) => gzipSync(text);

/** A temp dir holding `files` (path → content); removed by the returned cleanup. */
export function tempTree(files: Record<string, string | Buffer>): {
  dir: string;
  path: (p: string) => string;
  cleanup: () => void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'ct-files-'));
  for (const [path, content] of Object.entries(files)) {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return { dir, path: (p) => join(dir, p), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `eventName` of each record text (throws if a text is not a JSON object). */
export function eventNames(recs: RawRecord[]): string[] {
  return recs.map(({ text }) => {
    const value = JSON.parse(text) as unknown;
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      throw new Error(`not an object: ${text}`);
    return (value as { eventName: string }).eventName;
  });
}
