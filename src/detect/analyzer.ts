/**
 * An analyzer looks at the matches of several records together (correlation rules, first-seen rules), where the
 * Detector turns each match into a finding on its own. The scan feeds every analyzer every match, keeps its state
 * between runs under its name, and asks it for the history it still needs before the window.
 */
import type { Finding } from '../core/finding.js';
import type { TimedRecord } from '../core/record.js';
import type { LearningRule } from '../core/result.js';
import type { CompiledRule } from '../rules/compile.js';

export interface Analyzer {
  /** Its section in the saved state. */
  readonly name: string;
  /**
   * Every match of a record in the window (inWindow) or in the history period before it (see historyWanted): the
   * same as observeDescribed(rule, describe(rule, timed, inWindow), timed.time, inWindow).
   */
  observe(rule: CompiledRule, timed: TimedRecord, inWindow: boolean): void;
  /**
   * What the analyzer needs of a match, computed where the record was parsed (a worker thread may describe it and
   * post the description): plain data, or undefined when the match is of no use to it. Reads only the rule set.
   */
  describe(rule: CompiledRule, timed: TimedRecord, inWindow: boolean): unknown;
  /** A match described by describe() (its record's time, epoch ms). */
  observeDescribed(rule: CompiledRule, described: unknown, time: number, inWindow: boolean): void;
  /**
   * Of matches described together (a worker's batch), the positions of those that observing the others makes
   * needless: leaving them out changes nothing the analyzer reports. Optional.
   */
  redundant?(matches: readonly DescribedMatch[]): Set<number>;
  /** The records before the window it still needs to judge the window, or undefined when it needs none. */
  historyWanted(): HistoryRequest | undefined;
  /**
   * The source delivered every record from `since` (epoch ms) up to the window's start to observe(..., false):
   * for the given rules (a backfill by their event names), or for every rule (the files at hand).
   */
  historyDelivered(since: number, ruleIds?: readonly string[]): void;
  /** The records at hand begin at `since` (epoch ms): nothing before it was seen. */
  recordsBeginAt(since: number): void;
  /**
   * The findings, sorted (src/findings/build.ts). Each one, as it is built, goes through `each` before the next is
   * built, and the list holds what `each` returned: the scan judges a finding and bounds its events there, so that
   * the analyzer's findings are never all in memory with every event at once.
   */
  findings(each?: (finding: Finding) => Finding): Finding[];
  /** Rules whose findings were withheld for lack of history. */
  learning(): LearningRule[];
  /** What the summary should say (state restarted, limits reached, events left out). */
  notes(): string[];
  exportState(now: number): unknown;
  /** Call before the first observe. A returned string is a warning: the section could not be used. */
  importState(section: unknown): string | undefined;
}

/** A match as describe() gave it. */
export interface DescribedMatch {
  rule: CompiledRule;
  described: unknown;
  /** The record's time, epoch ms. */
  time: number;
}

/** History before the window that an analyzer asks for. */
export interface HistoryRequest {
  /** Epoch milliseconds: records from here ... */
  since: number;
  /** ... up to here (the window's start); their matches go to observe(rule, record, false). */
  until: number;
  /** The event names the rules in `ruleIds` look at, as CloudTrail spells them (a backfill by EventName). */
  eventNames: string[];
  /** The rules a backfill by `eventNames` serves completely: tell historyDelivered(since, ruleIds) once it is done. */
  ruleIds: string[];
  /**
   * Rules that name no eventName: only a read of every event of the period serves them (files, S3), which
   * LookupEvents (2 calls a second, 50 events a call) cannot do cheaply; elsewhere they learn from the window.
   */
  unconstrained: string[];
}
