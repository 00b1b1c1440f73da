/**
 * What a call's outcome means to a rule: the extension keys `denied` and `denied_reason`.
 *
 * The detection set's convention (docs/rule-writing.md, "Denied attempts"): a call AWS refused for lack of
 * permission is an attempt, reported one severity lower than the success, under a finding of its own. A rule opts
 * in with `denied: <level>` (or says `none` / `counted`, with a reason) and writes its detection without
 * `errorCode: null`. When the rule is parsed, a level or `none` turns its detection into
 * `(<condition>) and _outcome_gate`, where the gate admits successful calls and denied ones (only successful ones
 * for `none`), so the in-process matcher, the SQL compiler and the LookupEvents pushdown all see the same logic.
 * The detector then reads each match's outcome (outcomeOf) to pick the finding: the rule's level for a success,
 * the `denied` level for an attempt.
 */
import type { Severity } from '../core/severity.js';
import { notOneOf } from '../core/did-you-mean.js';
import { isSeverity, SEVERITIES, severityRank } from '../core/severity.js';

/** ok: no errorCode; denied: refused for lack of permission or quota; failed: any other error. */
export type Outcome = 'ok' | 'denied' | 'failed';

/**
 * How a rule treats denied calls:
 * - a severity: a denied call that otherwise matches is a finding of its own at that level;
 * - `none`: denied calls do not match (the gate admits successful calls only);
 * - `counted`: calls match whatever their outcome, as the detection is written (no gate): denied ones go into the
 *   same finding as successful ones, or count the same in the correlation or first-seen rule the rule feeds.
 */
export type DeniedLevel = Severity | 'none' | 'counted';

export interface DeniedHandling {
  level: DeniedLevel;
  /** Why the rule departs from the convention (one level lower); required then, shown in docs/rules.md. */
  reason?: string;
}

/** The selection the gate is added as; a leading `_` keeps it out of `1 of them` and `all of x*`. */
export const OUTCOME_GATE = '_outcome_gate';

/** Error codes of denied calls, as the reference defines them (detections.md, Conventions). */
const DENIED_CODES = ['AccessDenied', 'AccessDeniedException'];
const DENIED_SUFFIXES = ['UnauthorizedOperation', 'LimitExceeded'];
const DENIED_EXACT = new Set(DENIED_CODES.map((code) => code.toLowerCase()));
const DENIED_ENDINGS = DENIED_SUFFIXES.map((suffix) => suffix.toLowerCase());

/**
 * The outcome of a record with this `errorCode`, with the gate's Sigma semantics: no value (absent, null or an
 * empty list) is ok; codes compare case-insensitively.
 */
export function outcomeOf(errorCode: unknown): Outcome {
  if (errorCode === undefined || errorCode === null) return 'ok';
  if (Array.isArray(errorCode)) return errorCode.length === 0 ? 'ok' : 'failed';
  if (typeof errorCode !== 'string') return 'failed';
  const code = errorCode.toLowerCase();
  if (DENIED_EXACT.has(code) || DENIED_ENDINGS.some((ending) => code.endsWith(ending))) return 'denied';
  return 'failed';
}

/** The gate selection for a rule's handling of denied calls (a level or none). */
export function gateSelection(level: Severity | 'none'): unknown {
  if (level === 'none') return { errorCode: null };
  return [{ errorCode: null }, { errorCode: DENIED_CODES }, { 'errorCode|endswith': DENIED_SUFFIXES }];
}

/**
 * The detection with the gate added to every condition (none for `counted`); a problem when the rule already has
 * a selection of the gate's name.
 */
export function gatedDetection(
  detection: Record<string, unknown>,
  level: DeniedLevel,
): { detection: Record<string, unknown> } | { problem: string } {
  if (OUTCOME_GATE in detection) {
    return { problem: `the selection name '${OUTCOME_GATE}' is reserved (the 'denied' key adds it)` };
  }
  if (level === 'counted') return { detection };
  const { condition } = detection;
  const gate = (text: unknown) => (typeof text === 'string' ? `(${text}) and ${OUTCOME_GATE}` : text);
  return {
    detection: {
      ...detection,
      [OUTCOME_GATE]: gateSelection(level),
      condition: Array.isArray(condition) ? condition.map(gate) : gate(condition),
    },
  };
}

/**
 * Reads `denied` and `denied_reason` from a rule document. Problems speak the rule author's terms.
 * `level` is the rule's own level: a reason is required unless the denied level is exactly one below it.
 */
export function parseDenied(
  data: Record<string, unknown>,
  level: Severity,
): { handling?: DeniedHandling; problems: string[] } {
  const problems: string[] = [];
  const raw = data.denied;
  const rawReason = data.denied_reason;
  for (const wrong of ['denied-reason', 'deniedReason'])
    if (wrong in data) problems.push(`the extension key '${wrong}' is spelled 'denied_reason'`);
  if (raw === undefined || raw === null) {
    if (rawReason !== undefined && rawReason !== null)
      problems.push("'denied_reason' needs 'denied' (the level of a denied attempt, none or counted)");
    return { problems };
  }
  const choices = [...SEVERITIES, 'none', 'counted'];
  const text = typeof raw === 'string' ? raw.trim().toLowerCase() : undefined;
  if (text === undefined || !choices.includes(text)) {
    problems.push(`denied: ${notOneOf(text ?? String(raw), choices)}`);
    return { problems };
  }
  const deniedLevel = text as DeniedLevel;
  let reason: string | undefined;
  if (rawReason !== undefined && rawReason !== null) {
    if (typeof rawReason === 'string' && rawReason.trim() !== '') reason = rawReason.trim();
    else problems.push("'denied_reason' must be a non-empty string");
  }
  if (reason === undefined && problems.length === 0 && !isConvention(deniedLevel, level)) {
    problems.push(
      `'denied: ${deniedLevel}' departs from the convention (one level below the rule's ${level}): say why in 'denied_reason'`,
    );
  }
  if (problems.length > 0) return { problems };
  return {
    handling: reason === undefined ? { level: deniedLevel } : { level: deniedLevel, reason },
    problems,
  };
}

/** Whether a denied level is the convention's: exactly one severity below the rule's own level. */
export function isConvention(denied: DeniedLevel, level: Severity): boolean {
  return isSeverity(denied) && severityRank(level) > 0 && severityRank(denied) === severityRank(level) - 1;
}

/**
 * What is wrong with a rule's `denied` given whether its matches make findings of their own: a rule that only feeds
 * a correlation or a first-seen rule makes none, so a level for denied attempts means nothing there.
 */
export function deniedProblem(rule: { denied?: DeniedHandling }, makesFindings: boolean): string | undefined {
  const level = rule.denied?.level;
  if (level === undefined || makesFindings || !isSeverity(level)) return undefined;
  return `this rule's matches make no finding of their own (they feed a correlation or a first-seen rule): 'denied' can only be none (denied calls do not count) or counted (they count like successful ones), not ${level}`;
}

/** Whether the detection (as written, before the gate) requires `errorCode: null` somewhere. */
export function requiresNoErrorCode(detection: Record<string, unknown>): boolean {
  const nullErrorCode = (map: unknown): boolean => {
    if (map === null || typeof map !== 'object' || Array.isArray(map)) return false;
    const value = (map as Record<string, unknown>).errorCode;
    return value === null || (Array.isArray(value) && value.includes(null));
  };
  return Object.entries(detection).some(
    ([name, selection]) =>
      name !== 'condition' &&
      (Array.isArray(selection) ? selection.some(nullErrorCode) : nullErrorCode(selection)),
  );
}

/**
 * The level of a match's finding when the match is a denied attempt that the rule reports as such (its `denied` is
 * a severity); undefined for every other match, which makes the rule's ordinary finding.
 */
export function deniedLevelOf(rule: { denied?: DeniedHandling }, errorCode: unknown): Severity | undefined {
  const level = rule.denied?.level;
  return level !== undefined && isSeverity(level) && outcomeOf(errorCode) === 'denied' ? level : undefined;
}

/** The title of a denied attempt's finding. */
export function deniedTitle(title: string): string {
  return `${title} (denied)`;
}
