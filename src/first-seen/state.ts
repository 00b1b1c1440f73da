/**
 * The `firstSeen` section of the state document: per rule, the keys seen within its history window.
 *
 * A key is stored as 12 base64url characters of the SHA-256 of its values (72 bits: with 100 000 keys the chance
 * that two collide is about 1 in 10^11, and a collision can only hide a new key, never invent one). The raw
 * values (ARNs, addresses) never reach the state. Columns keep the section small once gzipped:
 *
 * ```json
 * { "v": 1, "rules": { "<ruleId>": { "spec": "<16 hex>", "history": 864000, "learningSince": 1764000000, "until": 1764800000,
 *   "base": 1763000000, "keys": "<12 chars per key, sorted>", "first": [<first - base>], "span": [<last - first>] } } }
 * ```
 * Times are epoch seconds.
 */
import { createHash } from 'node:crypto';

export const SECTION_VERSION = 1;
export const HASH_CHARS = 12;

export interface KeyTimes {
  /** Epoch seconds of the earliest and the latest occurrence known. */
  first: number;
  last: number;
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
  first: number[];
  span: number[];
}

/** The key's stored form: a hash of its values, in order. */
export function keyHash(values: readonly string[]): string {
  return createHash('sha256').update(JSON.stringify(values)).digest('base64url').slice(0, HASH_CHARS);
}

export function encodeSection(baselines: ReadonlyMap<string, RuleBaseline>): unknown {
  const rules: Record<string, EncodedRule> = {};
  for (const ruleId of [...baselines.keys()].sort()) {
    const baseline = baselines.get(ruleId)!;
    const hashes = [...baseline.keys.keys()].sort();
    let base = Infinity;
    for (const times of baseline.keys.values()) base = Math.min(base, times.first);
    if (!Number.isFinite(base)) base = 0;
    rules[ruleId] = {
      spec: baseline.spec,
      history: baseline.history,
      learningSince: baseline.learningSince,
      until: baseline.until,
      base,
      keys: hashes.join(''),
      first: hashes.map((h) => baseline.keys.get(h)!.first - base),
      span: hashes.map((h) => baseline.keys.get(h)!.last - baseline.keys.get(h)!.first),
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
  if (section.v !== SECTION_VERSION) return bad(`version ${JSON.stringify(section.v)}, expected 1`);
  if (!isObject(section.rules)) return bad("no 'rules' mapping");
  const baselines = new Map<string, RuleBaseline>();
  for (const [ruleId, value] of Object.entries(section.rules)) {
    if (!isObject(value)) return bad(`rule ${ruleId}: not an object`);
    const { spec, history, learningSince, until, base, keys, first, span } = value;
    if (typeof spec !== 'string') return bad(`rule ${ruleId}: no spec`);
    if (!isTime(history) || !isTime(learningSince) || !isTime(until) || !isTime(base))
      return bad(`rule ${ruleId}: bad history, learningSince, until or base`);
    if (typeof keys !== 'string' || keys.length % HASH_CHARS !== 0) return bad(`rule ${ruleId}: bad keys`);
    const count = keys.length / HASH_CHARS;
    if (!Array.isArray(first) || !Array.isArray(span) || first.length !== count || span.length !== count)
      return bad(`rule ${ruleId}: ${count} keys but times do not match`);
    const map = new Map<string, KeyTimes>();
    for (let i = 0; i < count; i++) {
      const f = first[i] as unknown;
      const s = span[i] as unknown;
      if (!isTime(f) || !isTime(s)) return bad(`rule ${ruleId}: bad time for key ${i}`);
      map.set(keys.slice(i * HASH_CHARS, (i + 1) * HASH_CHARS), { first: base + f, last: base + f + s });
    }
    baselines.set(ruleId, { spec, history, learningSince, until, keys: map });
  }
  return { baselines };
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
