/**
 * Where the state document lives between runs. Stores never throw: a store that cannot read says so as a warning
 * and answers "no state" (the analyzers then start fresh); one that cannot write warns and the run goes on.
 */
export interface StateStore {
  /** For the log and the summary, e.g. "the file state/audit.json.gz". */
  describe(): string;
  /** The saved bytes, or undefined when there are none (first run, evicted, unreadable: see the warnings). */
  load(signal?: AbortSignal): Promise<Uint8Array | undefined>;
  save(bytes: Uint8Array): Promise<void>;
}
