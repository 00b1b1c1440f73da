/**
 * The `first_seen` extension key of a rule: which values make the key, and how long a key is remembered.
 *
 * ```yaml
 * first_seen:
 *   fields: [recipientAccountId, actor, eventName]   # record fields (dotted paths) and pseudo-fields
 *   history: 10d                                      # how long a key stays known after it was last seen
 * ```
 */
import { createHash } from 'node:crypto';
import { RECORD_FIELDS } from './record-fields.js';

export interface FirstSeenSpec {
  /** Record fields (dotted paths) and pseudo-fields whose values, in this order, make the key. */
  fields: string[];
  /** The history window in seconds. */
  history: number;
  /** The history window as written in the rule (`10d`). */
  historyText: string;
  /**
   * A part of the key (a subset of `fields`) that must have been seen before for a new key to be reported, e.g.
   * `[recipientAccountId, principal]`: a new address of a known principal, while a new principal is another rule's.
   */
  requireKnown?: string[];
}

export const DEFAULT_HISTORY = '10d';

/** Fields that are derived from a record rather than read from it (see derived.ts). */
export const PSEUDO_FIELDS: readonly string[] = ['actor', 'principal', 'userAgentFamily', 'instanceFamily'];

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };
const DURATION = /^(\d+)\s*([smhdw])$/;
/** A year: a longer history would keep the baseline (and the state) growing for little gain. */
const MAX_HISTORY = 366 * 86400;
const MAX_FIELDS = 8;

/** `10d` → seconds; undefined when the text is not a duration. Units: s, m, h, d, w (Sigma's timespan plus weeks). */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match) return undefined;
  return Number(match[1]) * UNITS[match[2]!]!;
}

/** Validates the value of a rule's `first_seen` key; problems say what is wrong in the rule author's terms. */
export function parseFirstSeenSpec(value: unknown): { spec: FirstSeenSpec } | { problems: string[] } {
  const problems: string[] = [];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return {
      problems: ["'first_seen' must be a mapping with 'fields' (and optionally 'history', 'require_known')"],
    };
  }
  const map = value as Record<string, unknown>;
  for (const key of Object.keys(map)) {
    if (!['fields', 'history', 'require_known'].includes(key))
      problems.push(`'first_seen' has an unknown key '${key}'`);
  }

  const fields: string[] = [];
  const rawFields = map.fields;
  if (rawFields === undefined || rawFields === null) {
    problems.push("'first_seen.fields' is missing: list the fields whose values make the key");
  } else if (!Array.isArray(rawFields) || rawFields.some((f) => typeof f !== 'string')) {
    problems.push("'first_seen.fields' must be a list of field names");
  } else if (rawFields.length === 0) {
    problems.push("'first_seen.fields' is empty: list the fields whose values make the key");
  } else if (rawFields.length > MAX_FIELDS) {
    problems.push(`'first_seen.fields' lists ${rawFields.length} fields; at most ${MAX_FIELDS}`);
  } else {
    for (const field of rawFields as string[]) {
      const problem = fieldProblem(field);
      if (problem) problems.push(problem);
      else if (fields.includes(field)) problems.push(`'first_seen.fields' lists '${field}' twice`);
      else fields.push(field);
    }
  }

  let historyText = DEFAULT_HISTORY;
  let history = parseDuration(DEFAULT_HISTORY)!;
  if (map.history !== undefined && map.history !== null) {
    historyText = String(map.history);
    const seconds = typeof map.history === 'string' ? parseDuration(map.history) : undefined;
    if (seconds === undefined) {
      problems.push(
        `'first_seen.history' '${historyText}' is not a duration such as 10d, 36h or 2w (units s, m, h, d, w)`,
      );
    } else if (seconds < 3600 || seconds > MAX_HISTORY) {
      problems.push(`'first_seen.history' '${historyText}' must be between 1h and 366d`);
    } else {
      history = seconds;
    }
  }

  let requireKnown: string[] | undefined;
  if (map.require_known !== undefined && map.require_known !== null) {
    const known = map.require_known;
    if (!Array.isArray(known) || known.length === 0 || known.some((f) => typeof f !== 'string')) {
      problems.push("'first_seen.require_known' must be a non-empty list of field names");
    } else if (known.some((f) => !fields.includes(f as string)) || known.length >= fields.length) {
      if (fields.length > 0)
        problems.push(
          "'first_seen.require_known' must list some, not all, of the fields of 'first_seen.fields'",
        );
    } else {
      // Kept in the order of `fields`, so that the same part written in another order is the same key.
      requireKnown = fields.filter((f) => (known as string[]).includes(f));
    }
  }

  if (problems.length > 0) return { problems };
  return { spec: { fields, history, historyText, ...(requireKnown ? { requireKnown } : {}) } };
}

function fieldProblem(field: string): string | undefined {
  const name = field.trim();
  if (name === '' || name !== field || name.split('.').some((part) => part === '')) {
    return `'first_seen.fields' has a malformed field name '${field}'`;
  }
  if (PSEUDO_FIELDS.includes(name)) return undefined;
  const top = name.split('.')[0]!;
  if (RECORD_FIELDS.has(top)) return undefined;
  const lower = name.toLowerCase().replace(/[_-]/g, '');
  const close = [...PSEUDO_FIELDS, ...RECORD_FIELDS].find((known) => known.toLowerCase() === lower);
  const hint = close ? `; did you mean '${close}'?` : '';
  return (
    `'first_seen.fields' names '${field}', which is neither a CloudTrail record field nor a pseudo-field ` +
    `(${PSEUDO_FIELDS.join(', ')})${hint}`
  );
}

/**
 * Identifies what a baseline was learnt for: the key fields and the events the rule looks at. When it changes,
 * the keys stored for the rule mean something else and its baseline starts again.
 */
export function specFingerprint(spec: FirstSeenSpec, detection: Record<string, unknown>): string {
  return createHash('sha256')
    .update(
      JSON.stringify({
        fields: spec.fields,
        known: spec.requireKnown ?? [],
        detection: canonical(detection),
      }),
    )
    .digest('hex')
    .slice(0, 16);
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return Object.fromEntries(entries.map(([k, v]) => [k, canonical(v)]));
  }
  return value;
}
