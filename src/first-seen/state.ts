/**
 * The `firstSeen` section of the state document: per rule, the keys seen within its history window, each with the
 * times it occurred at (thinned as the engine thins them: of three occurrences within one history window the middle
 * one is dropped, which keeps the answer to "was the key seen in [t - history, t)" for every t). Times, not only
 * the first and last one, are what lets a run over a window already scanned judge it as the first run did: an
 * occurrence is new when the key was not seen in the history before it, and a later occurrence in the state says
 * nothing about that.
 *
 * A key is stored as 12 base64url characters of the SHA-256 of its values (72 bits: with 100 000 keys the chance
 * that two collide is about 1 in 10^11, and a collision can only hide a new key, never invent one). The raw
 * values (ARNs, addresses) never reach the state. Columns keep the section small once gzipped:
 *
 * ```json
 * { "v": 2, "rules": { "<ruleId>": { "spec": "<16 hex>", "history": 864000, "learningSince": 1764000000, "until": 1764800000,
 *   "base": 1763000000, "keys": "<12 chars per key, sorted>", "times": [[<first - base>, <gap to the next>, ...], ...] } } }
 * ```
 * Times are epoch seconds. A version 1 section (first and last time of each key) is read as those two times.
 */
import { hash } from 'node:crypto';

export const SECTION_VERSION = 2;
export const HASH_CHARS = 12;

export interface KeyTimes {
  /** Epoch seconds of the occurrences kept, ascending (at least one). */
  times: number[];
}

export interface RuleBaseline {
  /** specFingerprint of the rule the keys were learnt for. */
  spec: string;
  /** The rule's history window (seconds) when the baseline was saved. */
  history: number;
  /** Epoch seconds from which the baseline is complete (the first window, or the start of a backfill). */
  learningSince: number;
  /** Epoch seconds up to which the baseline has seen every matching record (the end of the last run's data). */
  until: number;
  keys: Map<string, KeyTimes>;
}

interface EncodedRule {
  spec: string;
  history: number;
  learningSince: number;
  until: number;
  base: number;
  keys: string;
  /** Per key: its first time minus base, then the gaps between its times. */
  times: number[][];
}

/** The key's stored form: a hash of its values, in order. */
export function keyHash(values: readonly string[]): string {
  return keyHashOfText(JSON.stringify(values));
}

/** keyHash of values whose JSON text is `text`. One-shot hash(): a third of createHash's cost on short texts. */
export function keyHashOfText(text: string): string {
  return hash('sha256', text, 'base64url').slice(0, HASH_CHARS);
}

export function encodeSection(baselines: ReadonlyMap<string, RuleBaseline>): unknown {
  const rules: Record<string, EncodedRule> = {};
  for (const ruleId of [...baselines.keys()].sort()) {
    const baseline = baselines.get(ruleId)!;
    const hashes = [...baseline.keys.keys()].sort();
    let base = Infinity;
    for (const { times } of baseline.keys.values()) base = Math.min(base, times[0]!);
    if (!Number.isFinite(base)) base = 0;
    rules[ruleId] = {
      spec: baseline.spec,
      history: baseline.history,
      learningSince: baseline.learningSince,
      until: baseline.until,
      base,
      keys: hashes.join(''),
      times: hashes.map((h) =>
        baseline.keys.get(h)!.times.map((t, i, all) => t - (i === 0 ? base : all[i - 1]!)),
      ),
    };
  }
  return { v: SECTION_VERSION, rules };
}

/** The section back as baselines, or a warning saying why it cannot be used (the caller starts afresh). */
export function decodeSection(
  section: unknown,
): { baselines: Map<string, RuleBaseline> } | { warning: string } {
  const bad = (why: string) => ({
    warning: `first-seen state is unusable (${why}); starting a fresh baseline`,
  });
  if (!isObject(section)) return bad('not an object');
  if (section.v !== SECTION_VERSION && section.v !== 1)
    return bad(`version ${JSON.stringify(section.v)}, expected ${SECTION_VERSION}`);
  if (!isObject(section.rules)) return bad("no 'rules' mapping");
  const baselines = new Map<string, RuleBaseline>();
  for (const [ruleId, value] of Object.entries(section.rules)) {
    if (!isObject(value)) return bad(`rule ${ruleId}: not an object`);
    const { spec, history, learningSince, until, base, keys } = value;
    if (typeof spec !== 'string') return bad(`rule ${ruleId}: no spec`);
    if (!isTime(history) || !isTime(learningSince) || !isTime(until) || !isTime(base))
      return bad(`rule ${ruleId}: bad history, learningSince, until or base`);
    if (typeof keys !== 'string' || keys.length % HASH_CHARS !== 0) return bad(`rule ${ruleId}: bad keys`);
    const count = keys.length / HASH_CHARS;
    const gaps = section.v === 1 ? firstAndLast(value) : value.times;
    if (!Array.isArray(gaps) || gaps.length !== count)
      return bad(`rule ${ruleId}: ${count} keys but times do not match`);
    const map = new Map<string, KeyTimes>();
    for (let i = 0; i < count; i++) {
      const list = gaps[i] as unknown;
      if (!Array.isArray(list) || list.length === 0 || !list.every(isTime))
        return bad(`rule ${ruleId}: bad time for key ${i}`);
      let t = base;
      const times = list.map((gap: number) => (t += gap));
      map.set(keys.slice(i * HASH_CHARS, (i + 1) * HASH_CHARS), { times });
    }
    baselines.set(ruleId, { spec, history, learningSince, until, keys: map });
  }
  return { baselines };
}

/** A version 1 rule's `first` and `span` columns as version 2 `times` (a key's first and last time). */
function firstAndLast(value: Record<string, unknown>): unknown {
  const { first, span } = value;
  if (!Array.isArray(first) || !Array.isArray(span) || first.length !== span.length) return undefined;
  return first.map((f: unknown, i) => (span[i] === 0 ? [f] : [f, span[i] as unknown]));
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
