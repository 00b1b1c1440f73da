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
  /** Sources that plan their reads (lookup-events, s3): the budget, the rules not served whole, the history. */
  coverage?: SourceCoverage;
}

/**
 * What a source that plans its reads spent, and what it could not read whole: the rules it served only in part
 * (they ran on the events that were read), and the history it fetched before the window on a first run.
 */
export interface SourceCoverage {
  /**
   * The run's budget: what it bounds (`LookupEvents calls`, `S3 bytes read for the history`), in which unit, the option
   * that sets it (none: a fixed bound), the plan's estimate and what was spent.
   */
  budget: {
    of: string;
    unit: 'calls' | 'bytes';
    option?: string;
    limit: number;
    estimated: number;
    spent: number;
    /** Requests refused by throttling and made again: not in `spent` (LookupEvents). */
    throttled?: number;
  };
  partial: PartialRule[];
  /** What would serve the partial rules (a smaller window, a larger budget, another source), when any is partial. */
  remedy?: string;
  history?: HistoryFetched;
}

/** A rule not served whole by the source. */
export interface PartialRule {
  ruleId: string;
  /** Where: the Regions (LookupEvents), or empty when it holds everywhere. */
  regions: string[];
  /**
   * `needs-every-event`: no lookup but a full scan fetches its events, and the full scan did not fit the budget;
   * `budget`: its lookups were cut by the budget; `data-events`: it matches data events, which the source does not
   * have; `errors`: a read it needed failed (see the problems).
   */
  reason: 'needs-every-event' | 'budget' | 'data-events' | 'errors';
  /** A correlation is partial through this member rule. */
  via?: string;
}

/** The history fetched before the window for first-seen rules (a first run without saved state). */
export interface HistoryFetched {
  /** ISO times: the period read. */
  since: string;
  until: string;
  /** Rules whose history was read whole: they judge the window now. */
  served: string[];
  /** Rules whose history was not (too dear for the budget, or it needs every event): they learn from the window. */
  notServed: string[];
  /** What it cost, in the budget's unit. */
  spent: number;
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
  /** Set by a source that plans its reads (lookup-events, s3). */
  coverage?: SourceCoverage;

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
      ...(this.coverage ? { coverage: this.coverage } : {}),
    };
  }
}
