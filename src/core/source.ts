/** What every source yields and reports; nothing downstream knows more about where a record came from. */

/** Where a record (or a problem) came from, for messages: a file path or object key, and the record's index in it. */
export interface Origin {
  file: string;
  /** 0-based index of the record within the file (or API page), when known. */
  index?: number;
}

/** One CloudTrail record as JSON text, not parsed yet (the records stage parses, validates and de-duplicates). */
export interface RawRecord {
  text: string;
  origin: Origin;
}

/** Counters and problems a source reports while it streams. */
export interface SourceReporter {
  /** A file (or object) was opened and read to its end or to its first fatal error. */
  fileRead(file: string): void;
  /** A file was deliberately not read as events (digest, Insights, ignored by name): counted, not an error. */
  fileSkipped(file: string, reason: string): void;
  /** Something could not be read: named, counted, and the scan goes on. `records` = records lost, when known. */
  error(origin: Origin, message: string, recordsLost?: number): void;
}

export function formatOrigin(origin: Origin): string {
  return origin.index === undefined ? origin.file : `${origin.file} (record ${origin.index})`;
}
