/**
 * The one place where a record's text is parsed and matched, whatever thread runs it (the main thread for
 * streaming sources and `--workers 1`, a worker thread for files otherwise): text → ScanEntry.
 */
import { describeMatch, matchingRules } from '../../detect/detector.js';
import { parseRecord } from '../../records/parse.js';
import type { CompiledRule } from '../../rules/compile.js';
import { RuleIndex } from '../../rules/index.js';
import { placeOf } from '../../detect/gate.js';
import { fileRecords } from '../../sources/files/index.js';
import type { Origin, RawRecord, SourceReporter } from '../../core/source.js';
import type { EventEntry, ScanEntry, ScanPlan } from './entries.js';

export class RecordExaminer {
  private readonly position = new Map<CompiledRule, number>();
  private readonly historyIndex: RuleIndex | undefined;

  /**
   * `carry`: how a needed record travels to the merge: as the parsed object (same thread) or as its text (from
   * a worker: re-parsing the few carried records is cheaper than cloning objects, and keeps one parse path).
   */
  constructor(
    rules: readonly CompiledRule[],
    private readonly index: Pick<RuleIndex, 'candidates'>,
    private readonly plan: ScanPlan,
    private readonly carry: 'record' | 'text',
  ) {
    rules.forEach((rule, i) => this.position.set(rule, i));
    const historyRules = new Set(plan.history?.ruleIds ?? []);
    this.historyIndex = plan.history
      ? new RuleIndex(rules.filter((r) => historyRules.has(r.rule.ruleId)))
      : undefined;
  }

  examine({ text, origin }: RawRecord): ScanEntry {
    const parsed = parseRecord(text);
    if (parsed.kind === 'problem') return { kind: 'problem', origin, message: parsed.message };
    if (parsed.kind === 'insight') return parsed;
    const { record, time } = parsed;
    const place = placeOf(this.plan, time);
    const matched =
      place === 'window'
        ? matchingRules(this.index, record)
        : place === 'history'
          ? matchingRules(this.historyIndex!, record)
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
    const needed =
      place === 'window'
        ? records === 'all' || (records === 'matched' && matched.length > 0)
        : matched.length > 0;
    if (needed) {
      if (this.carry === 'record') entry.record = record;
      else entry.text = text;
    } else if (matched.length > 0) {
      entry.described = matched.map((rule) => describeMatch(rule, record));
    }
    return entry;
  }
}

/** Reads one file to the end: its reports and records, examined, in order. */
export async function examineFile(
  file: string,
  examiner: RecordExaminer,
  signal?: AbortSignal,
): Promise<ScanEntry[]> {
  const entries: ScanEntry[] = [];
  const collector: SourceReporter = {
    fileRead: (f) => entries.push({ kind: 'fileRead', file: f }),
    fileSkipped: (f, reason) => entries.push({ kind: 'fileSkipped', file: f, reason }),
    error: (origin: Origin, message, recordsLost) =>
      entries.push(
        recordsLost === undefined
          ? { kind: 'error', origin, message }
          : { kind: 'error', origin, message, recordsLost },
      ),
  };
  for await (const raw of fileRecords(file, collector, signal ? { signal } : {}))
    entries.push(examiner.examine(raw));
  return entries;
}
