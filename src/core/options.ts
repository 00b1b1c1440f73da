import { UsageError } from './errors.js';
import { isSeverity, SEVERITIES, type Severity } from './severity.js';
import type { TimeWindow } from './window.js';
import { notOneOf } from './did-you-mean.js';

/** Shared by the CLI and the action: turning user text into scan options, with messages that say what is wrong. */
const DURATION = /^(\d+(?:\.\d+)?)\s*(m|min|h|d)$/i;

/** `90m`, `24h`, `7d` → milliseconds. */
export function parseDuration(text: string, what: string): number {
  const match = DURATION.exec(text.trim());
  if (!match) throw new UsageError(`${what}: '${text}' is not a duration such as 90m, 24h or 7d`);
  const amount = Number(match[1]);
  const unit = match[2]!.toLowerCase();
  const ms = amount * (unit === 'd' ? 86_400_000 : unit === 'h' ? 3_600_000 : 60_000);
  if (ms <= 0) throw new UsageError(`${what}: the duration must be greater than zero`);
  return ms;
}

export function parseTime(text: string, what: string): number {
  const trimmed = text.trim();
  const time = /^\d{4}-\d{2}-\d{2}/.test(trimmed) ? Date.parse(trimmed) : NaN;
  if (Number.isNaN(time)) {
    throw new UsageError(`${what}: '${text}' is not an ISO 8601 time such as 2024-06-03T00:00:00Z`);
  }
  return time;
}

/** A window from explicit bounds and/or a look-back duration ending at `now`. */
export function resolveWindow(
  input: { start?: string; end?: string; since?: string },
  now: number,
): TimeWindow {
  if (input.since && (input.start || input.end)) {
    throw new UsageError(
      'give either a look-back (--since / lookback-hours) or start and end times, not both',
    );
  }
  if (input.since) return { start: now - parseDuration(input.since, 'look-back'), end: now };
  const window: TimeWindow = {};
  if (input.start) window.start = parseTime(input.start, 'start time');
  if (input.end) window.end = parseTime(input.end, 'end time');
  if (window.start !== undefined && window.end !== undefined && window.start > window.end) {
    throw new UsageError(
      `the start time ${new Date(window.start).toISOString()} is after the end time ${new Date(window.end).toISOString()}`,
    );
  }
  return window;
}

export function parseSeverity(text: string, what: string): Severity {
  const value = text.trim().toLowerCase();
  if (!isSeverity(value)) throw new UsageError(`${what}: ${notOneOf(text, SEVERITIES)}`);
  return value;
}

/** `none` or a severity: the level at or above which a finding fails the run. */
export function parseFailOn(text: string, what: string): Severity | undefined {
  return text.trim().toLowerCase() === 'none' || text.trim() === '' ? undefined : parseSeverity(text, what);
}

/** Comma- or newline-separated list, blanks dropped. */
export function parseList(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * GitHub OIDC subjects (`repo:my-org/my-repo:ref:refs/heads/main`, `*` a wildcard), as comma- or newline-separated
 * text; `what` names the flag or input.
 */
export function parseGithubSubjects(texts: readonly string[], what: string): string[] {
  const subjects = texts.flatMap(parseList);
  for (const subject of subjects) {
    if (!subject.includes(':') || /\s/.test(subject))
      throw new UsageError(
        `${what}: '${subject}' is not a GitHub OIDC subject such as repo:my-org/my-repo:ref:refs/heads/main ('*' matches any text)`,
      );
  }
  return subjects;
}

/** A list of AWS account ids (12 digits each), as comma- or newline-separated text; `what` names the flag or input. */
export function parseAccountIds(texts: readonly string[], what: string): string[] {
  const ids = texts.flatMap(parseList);
  for (const id of ids) {
    if (/^\d{12}$/.test(id)) continue;
    const fromArn = /^arn:aws[a-z-]*:[a-z]*::(\d{12}):/.exec(id)?.[1];
    throw new UsageError(
      `${what}: '${id}' is not an AWS account id (12 digits)${fromArn ? `; did you mean '${fromArn}'?` : ''}`,
    );
  }
  return [...new Set(ids)];
}

export function parseTimelineMode(text: string, what: string): 'findings' | 'all' {
  const value = text.trim().toLowerCase();
  if (value !== 'findings' && value !== 'all')
    throw new UsageError(`${what}: '${text}' is not 'findings' or 'all'`);
  return value;
}

/** The most LookupEvents calls of a run when max-lookup-calls is not given (sized for an hourly schedule). */
export const DEFAULT_MAX_LOOKUP_CALLS = 40;

/**
 * `max-lookup-calls` / `--max-lookup-calls` (`name`): a whole number of calls, at least 1; undefined when not given.
 * Refused for another source than lookup-events, rather than ignored.
 */
export function parseMaxLookupCalls(
  value: string | undefined,
  name: string,
  source: string,
): number | undefined {
  const text = value?.trim() ?? '';
  if (text === '') return undefined;
  if (source !== 'lookup-events')
    throw new UsageError(`${name}: only for the lookup-events source (source is ${source})`);
  if (!/^\d{1,7}$/.test(text) || Number(text) < 1)
    throw new UsageError(
      `${name}: '${text}' is not a whole number of calls (at least 1; the default is ${DEFAULT_MAX_LOOKUP_CALLS})`,
    );
  return Number(text);
}
