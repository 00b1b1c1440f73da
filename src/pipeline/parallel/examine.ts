/**
 * The one place where a record's text is parsed and matched, whatever thread runs it (the main thread for
 * streaming sources and small scans, a worker thread for files otherwise): text → ScanEntry.
 *
 * Parse only what can match: when the rule set has a prefilter (rules/prefilter.ts), a record whose fields show that
 * no rule can match it, or that it lies outside the window and the history, is counted from those fields
 * (records/parse.ts, rawEvent) and not parsed; one that may match is parsed and tried only against the rules its
 * fields let through (the rules of its eventName, and of the rules that name none, those whose requirement its fields
 * meet: most records fail all but a few). A file as CloudTrail delivers it is split and its fields read in one
 * pass by the record scanner (records/record-scanner.ts, WebAssembly), which costs a fraction of parsing. Other
 * records (a stream, JSON Lines, a file the scanner does not take) are read with the key scanner of
 * records/raw-fields.ts, which costs about as much as parsing: there the prefilter is tried on the first SAMPLE
 * records of each file (and of every STREAM_PERIOD records of a stream) and kept for the rest only if it spared at
 * least SPARED of them. Per file, so that what a file gives does not depend on the thread that reads it.
 */
import { describeMatch, matchingRules } from '../../detect/detector.js';
import { parseRecord, RAW_EVENT_KEYS, rawEvent } from '../../records/parse.js';
import type { CompiledRule } from '../../rules/compile.js';
import { RuleIndex } from '../../rules/index.js';
import { makesFindings } from '../../rules/model.js';
import { RecordPrefilter } from '../../rules/prefilter.js';
import { placeOf } from '../../detect/gate.js';
import { fileRecords, readWholeFile } from '../../sources/files/index.js';
import { RecordScanner } from '../../records/record-scanner.js';
import type { FieldOccurrences } from '../../records/raw-fields.js';
import type { Origin, RawRecord, SourceReporter } from '../../core/source.js';
import type { Analyzers } from '../analyzers.js';
import type { EventEntry, ScanEntry, ScanPlan } from './entries.js';

const SAMPLE = 32;
const SPARED = 0.75;
const STREAM_PERIOD = 16_384;

export class RecordExaminer {
  private readonly position = new Map<CompiledRule, number>();
  private readonly historyIndex: RuleIndex | undefined;
  private readonly prefilter: RecordPrefilter | undefined;
  /** Splits a file read whole and reads the fields the prefilter needs, in one pass (records/record-scanner.ts). */
  readonly scanner: RecordScanner;
  /** Records examined since the file (or the stream's period) began, those the prefilter spared, and its use. */
  private examined = 0;
  private spared = 0;
  private prefilterOn = true;

  /**
   * `carry`: how a record travels to the merge. `record`: the parsed object, whenever it matched (the same thread:
   * the merge describes it). `text`, from a worker: the JSON text of the records the plan asks for (re-parsing the
   * few carried records is cheaper than cloning objects, and keeps one parse path); the other matches described
   * here, for the Detector and for the `analyzers`.
   */
  constructor(
    rules: readonly CompiledRule[],
    private readonly index: Pick<RuleIndex, 'candidates'>,
    private readonly plan: ScanPlan,
    private readonly carry: 'record' | 'text',
    private readonly analyzers?: Pick<Analyzers, 'describe'>,
  ) {
    rules.forEach((rule, i) => this.position.set(rule, i));
    const historyRules = new Set(plan.history?.ruleIds ?? []);
    this.historyIndex = plan.history
      ? new RuleIndex(rules.filter((r) => historyRules.has(r.rule.ruleId)))
      : undefined;
    this.prefilter = RecordPrefilter.of(rules, RAW_EVENT_KEYS).prefilter;
    this.scanner = this.prefilter
      ? new RecordScanner(this.prefilter.paths, this.prefilter.fields.keys)
      : new RecordScanner([], []);
  }

  /**
   * Record r of the file the scanner just scanned: counted from its fields when no rule can match it, else parsed
   * and matched against the rules its fields let through.
   */
  examineScanned(r: number, file: string): ScanEntry {
    const scanner = this.scanner;
    const origin = { file, index: r };
    if (!this.prefilter || scanner.unsure(r)) return this.parsed(scanner.recordText(r), origin);
    return this.examineFields(this.prefilter, scanner.fields(r), () => scanner.recordText(r), origin);
  }

  /** A file begins: the prefilter is tried again on its first records. */
  beginFile(): void {
    this.examined = 0;
    this.spared = 0;
    this.prefilterOn = true;
  }

  examine({ text, origin }: RawRecord): ScanEntry {
    if (this.prefilter) {
      const n = this.examined++;
      if (n === SAMPLE) this.prefilterOn = this.spared >= SAMPLE * SPARED;
      else if (n === STREAM_PERIOD) this.beginFile();
      const { fields } = this.prefilter;
      if (this.prefilterOn && fields.scan(text)) {
        const entry = this.examineFields(this.prefilter, fields, () => text, origin);
        if (entry.kind === 'event' && entry.unparsed) this.spared++;
        return entry;
      }
    }
    return this.parsed(text, origin);
  }

  /** `told`: which rules the prefilter lets through (by default, every candidate of the record's eventName). */
  private parsed(text: string, origin: Origin, told?: (rule: CompiledRule) => boolean): ScanEntry {
    const parsed = parseRecord(text);
    if (parsed.kind === 'problem') return { kind: 'problem', origin, message: parsed.message };
    if (parsed.kind === 'insight') return parsed;
    const { record, time } = parsed;
    const place = placeOf(this.plan, time);
    const matched =
      place === 'window'
        ? matchingRules(this.index, record, told)
        : place === 'history'
          ? matchingRules(this.historyIndex!, record, told)
          : [];
    const entry: EventEntry = {
      kind: 'event',
      id: typeof record.eventID === 'string' ? record.eventID : undefined,
      time,
      eventTime: record.eventTime,
      account: typeof record.recipientAccountId === 'string' ? record.recipientAccountId : undefined,
      region: typeof record.awsRegion === 'string' ? record.awsRegion : undefined,
      matches: matched.map((rule) => this.position.get(rule)!),
    };
    const { records } = this.plan;
    const carried =
      this.carry === 'record'
        ? matched.length > 0 || (place === 'window' && records === 'all')
        : place === 'window' && (records === 'all' || (records === 'matched' && matched.length > 0));
    if (carried) {
      if (this.carry === 'record') entry.record = record;
      else entry.text = text;
    } else if (matched.length > 0) {
      // The Detector makes findings only of rules that report on their own (not feeders of analyzers).
      if (place === 'window' && matched.some((rule) => makesFindings(rule.rule)))
        entry.described = matched.map((rule) =>
          makesFindings(rule.rule) ? describeMatch(rule, record) : null,
        );
      const timed = { record, time };
      const analyzed = matched.map((rule) => this.analyzers?.describe(rule, timed, place === 'window'));
      if (analyzed.some((a) => a !== undefined)) entry.analyzed = analyzed;
    }
    return entry;
  }

  /**
   * A record the prefilter reads from its fields: counted from them when no rule can match it (or it lies outside the
   * window and the history); else parsed and matched against the rules they let through, or against every candidate
   * when they leave its time in doubt or every event travels whole.
   */
  private examineFields(
    prefilter: RecordPrefilter,
    fields: FieldOccurrences,
    text: () => string,
    origin: Origin,
  ): ScanEntry {
    const event = rawEvent(fields);
    if (!event) return this.parsed(text(), origin);
    const place = placeOf(this.plan, event.time);
    if (place !== 'outside') {
      // Every event of the window travels whole for a timeline of all events.
      if (place === 'window' && this.plan.records === 'all') return this.parsed(text(), origin);
      if (prefilter.mayMatch(text, fields))
        return this.parsed(text(), origin, (rule) => prefilter.mayMatchRule(rule, text, fields));
    }
    return {
      kind: 'event',
      id: event.id,
      time: event.time,
      eventTime: event.eventTime,
      account: event.account,
      region: event.region,
      matches: [],
      unparsed: true,
    };
  }
}

/**
 * Where examined entries go, in order. `add` returns a promise when the reader must wait before going on (a worker
 * whose batches the main thread has not taken yet).
 */
export interface EntrySink {
  add(entry: ScanEntry): void | Promise<void>;
}

/** Reads one file to the end: its reports and records, examined, in order, into `sink`. */
export async function examineFile(
  file: string,
  examiner: RecordExaminer,
  sink: EntrySink,
  signal?: AbortSignal,
): Promise<void> {
  // Reports are few: they wait for the next record (or the end) rather than making the reporter async.
  const reports: ScanEntry[] = [];
  const collector: SourceReporter = {
    fileRead: (f) => reports.push({ kind: 'fileRead', file: f }),
    fileSkipped: (f, reason) => reports.push({ kind: 'fileSkipped', file: f, reason }),
    error: (origin: Origin, message, recordsLost) =>
      reports.push(
        recordsLost === undefined
          ? { kind: 'error', origin, message }
          : { kind: 'error', origin, message, recordsLost },
      ),
  };
  const add = async (entry: ScanEntry): Promise<void> => {
    while (reports.length > 0) {
      const wait = sink.add(reports.shift()!);
      if (wait) await wait;
    }
    const wait = sink.add(entry);
    if (wait) await wait;
  };
  examiner.beginFile();
  const bytes = readWholeFile(file);
  if (bytes !== undefined && examiner.scanner.scan(bytes)) {
    // The usual case, a file as CloudTrail delivers it: no promise per record unless the sink asks to wait.
    for (let r = 0; r < examiner.scanner.count; r++) {
      if (signal?.aborted) return;
      const wait = sink.add(examiner.examineScanned(r, file));
      if (wait) await wait;
    }
    const wait = sink.add({ kind: 'fileRead', file });
    if (wait) await wait;
    return;
  }
  // Read once: a file the scanner did not take is split from the same bytes (or streamed, when it was too big).
  const records = fileRecords(file, bytes, collector, signal ? { signal } : {});
  if (Symbol.asyncIterator in records) {
    for await (const raw of records) await add(examiner.examine(raw));
  } else {
    // A file read whole: no promise per record unless the sink asks to wait.
    for (const raw of records) {
      const entry = examiner.examine(raw);
      if (reports.length > 0) {
        await add(entry);
        continue;
      }
      const wait = sink.add(entry);
      if (wait) await wait;
    }
  }
  for (const report of reports.splice(0)) {
    const wait = sink.add(report);
    if (wait) await wait;
  }
}
