import type { Origin, SourceReporter } from './source.js';
import { formatOrigin } from './source.js';

export interface ScanProblem {
  /** File (or object key / API page), with the record's index when the problem is one record. */
  location: string;
  message: string;
}

/** The `stats` object of the findings file. */
export interface StatsJson {
  eventsScanned: number;
  eventsInWindow: number;
  filesRead: number;
  filesSkipped: number;
  recordsSkipped: number;
  duplicatesDropped: number;
  apiCalls: number;
  errors: ScanProblem[];
  errorsNotListed: number;
  /** Query-engine sources (athena) only: bytes the query scanned and its estimated charge in US dollars. */
  bytesScanned?: number;
  estimatedCostUsd?: number;
}

/** What a query engine (the athena source) scanned and what it cost; the source updates it as it goes. */
export interface QueryStats {
  queryId?: string;
  bytesScanned: number;
  costUsd: number;
  engineMs: number;
}

/** Keeps the error list readable when a file holds a million bad records: the rest are only counted. */
const MAX_LISTED_ERRORS = 200;

/** Counters for one scan; sources and stages report into it. */
export class ScanStats implements SourceReporter {
  eventsScanned = 0;
  eventsInWindow = 0;
  filesRead = 0;
  filesSkipped = 0;
  recordsSkipped = 0;
  duplicatesDropped = 0;
  /** Events counted from a few fields of their raw text, not parsed: no rule could match them (the prefilter). */
  eventsNotParsed = 0;
  apiCalls = 0;
  readonly errors: ScanProblem[] = [];
  errorsNotListed = 0;
  readonly skippedFiles: { file: string; reason: string }[] = [];
  /** Set by a query-engine source (athena). */
  query?: QueryStats;

  constructor(private readonly warn: (message: string) => void = () => {}) {}

  fileRead(_file: string): void {
    this.filesRead++;
  }

  fileSkipped(file: string, reason: string): void {
    this.filesSkipped++;
    if (this.skippedFiles.length < MAX_LISTED_ERRORS) this.skippedFiles.push({ file, reason });
  }

  error(origin: Origin, message: string, recordsLost?: number): void {
    if (recordsLost) this.recordsSkipped += recordsLost;
    this.problem(formatOrigin(origin), message);
  }

  /** A record that was read but cannot be used (invalid JSON, not an object, no eventTime...). */
  recordSkipped(origin: Origin, message: string): void {
    this.recordsSkipped++;
    this.problem(formatOrigin(origin), message);
  }

  private problem(location: string, message: string): void {
    if (this.errors.length < MAX_LISTED_ERRORS) {
      this.errors.push({ location, message });
      this.warn(`${location}: ${message}`);
    } else {
      this.errorsNotListed++;
    }
  }

  get errorCount(): number {
    return this.errors.length + this.errorsNotListed;
  }

  toJSON(): StatsJson {
    return {
      eventsScanned: this.eventsScanned,
      eventsInWindow: this.eventsInWindow,
      filesRead: this.filesRead,
      filesSkipped: this.filesSkipped,
      recordsSkipped: this.recordsSkipped,
      duplicatesDropped: this.duplicatesDropped,
      apiCalls: this.apiCalls,
      errors: this.errors,
      errorsNotListed: this.errorsNotListed,
      ...(this.query ? { bytesScanned: this.query.bytesScanned, estimatedCostUsd: this.query.costUsd } : {}),
    };
  }
}
