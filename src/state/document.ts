/**
 * The state document that carries the analyzers' history (first-seen keys, open correlation windows) from one run
 * to the next: versioned JSON, gzip-compressed, with a size bound. Decoding never throws: anything unusable comes
 * back as a warning, and the caller starts fresh.
 */
import { gunzipSync, gzipSync } from 'node:zlib';

export const STATE_VERSION = 1;

/** The largest encoded (gzip) document that is saved or read: 8 MiB. */
export const DEFAULT_MAX_STATE_BYTES = 8 * 1024 * 1024;

/** How far a document may expand when decompressed; more is treated as corrupt (a gzip bomb, or not ours). */
const MAX_EXPANSION = 64;

export interface StateDocument {
  version: 1;
  /** ISO-8601 time of the run that saved it. */
  savedAt: string;
  /** What the history is about (source, accounts, regions...): state of another scope is never mixed in. */
  scope: string;
  /** One section per analyzer (`firstSeen`, `correlation`), each in that analyzer's own format. */
  sections: Record<string, unknown>;
}

export interface EncodedState {
  bytes: Uint8Array;
  /** Sections left out to keep the document under the limit (largest first); those analyzers start fresh. */
  droppedSections: string[];
  warnings: string[];
}

export type DecodedState = { doc: StateDocument } | { warning: string };

export function newStateDocument(
  scope: string,
  sections: Record<string, unknown>,
  now: number,
): StateDocument {
  return { version: STATE_VERSION, savedAt: new Date(now).toISOString(), scope, sections };
}

/**
 * Encodes a document as gzip JSON. When the result is larger than `maxBytes`, the largest section is left out and
 * the rest encoded again, until it fits: one analyzer starting fresh (and learning quietly) is better than saving
 * nothing, which would make every analyzer report this run's keys as new again next time.
 */
export function encodeState(doc: StateDocument, maxBytes = DEFAULT_MAX_STATE_BYTES): EncodedState {
  const sections = { ...doc.sections };
  const droppedSections: string[] = [];
  const warnings: string[] = [];
  for (;;) {
    const json = JSON.stringify({ ...doc, sections });
    const bytes = new Uint8Array(gzipSync(json));
    if (bytes.length <= maxBytes) return { bytes, droppedSections, warnings };
    const sizes = Object.entries(sections).map(([name, value]) => [name, JSON.stringify(value)?.length ?? 0]);
    const largest = sizes.sort((a, b) => Number(b[1]) - Number(a[1]))[0];
    if (!largest) {
      // Only reachable with a limit smaller than an empty document.
      warnings.push(`state: even an empty document is larger than the limit of ${maxBytes} bytes: not saved`);
      return { bytes: new Uint8Array(0), droppedSections, warnings };
    }
    const [name, chars] = largest as [string, number];
    delete sections[name];
    droppedSections.push(name);
    warnings.push(
      `state: the encoded state (${bytes.length} bytes) is larger than the limit of ${maxBytes} bytes; ` +
        `its largest section '${name}' (${chars} characters of JSON) is not saved, so that analyzer starts fresh next run`,
    );
  }
}

/**
 * Decodes a saved document. Returns a warning (never throws) when the bytes are not gzip, not JSON, not a state
 * document, of another version, larger than `maxBytes`, or about another scope than `expectedScope`.
 */
export function decodeState(
  bytes: Uint8Array,
  expectedScope: string,
  maxBytes = DEFAULT_MAX_STATE_BYTES,
): DecodedState {
  const fresh = 'starting with no history';
  if (bytes.length > maxBytes) {
    return { warning: `state is ${bytes.length} bytes, over the limit of ${maxBytes}: ${fresh}` };
  }
  let text: string;
  try {
    text = gunzipSync(bytes, { maxOutputLength: maxBytes * MAX_EXPANSION }).toString('utf8');
  } catch (err) {
    return { warning: `state is not readable gzip (${(err as Error).message}): ${fresh}` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { warning: `state is not valid JSON (${(err as Error).message}): ${fresh}` };
  }
  if (!isObject(value)) return { warning: `state is not a state document (not a JSON object): ${fresh}` };
  if (value.version !== STATE_VERSION) {
    return {
      warning: `state has version ${JSON.stringify(value.version) ?? 'none'}, this version reads ${STATE_VERSION}: ${fresh}`,
    };
  }
  const problem = shapeProblem(value);
  if (problem) return { warning: `state is not a state document (${problem}): ${fresh}` };
  const doc = value as unknown as StateDocument;
  if (doc.scope !== expectedScope) {
    return {
      warning: `state is for scope '${doc.scope}', not '${expectedScope}' (another source or account set): ${fresh}`,
    };
  }
  return { doc };
}

function shapeProblem(value: Record<string, unknown>): string | undefined {
  if (typeof value.savedAt !== 'string' || Number.isNaN(Date.parse(value.savedAt))) {
    return 'savedAt is not a time';
  }
  if (typeof value.scope !== 'string' || value.scope === '') return 'scope is missing';
  if (!isObject(value.sections)) return 'sections is not an object';
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
