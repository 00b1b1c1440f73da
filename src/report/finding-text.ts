/**
 * What the job summary and the tracking issues both say about a finding beyond its events: one line of why (the
 * rule's description), the matched fields, and how it relates to the findings it shares events with (folding,
 * src/findings/fold.ts). Markdown; every CloudTrail value goes through markdown.ts.
 */
import type { Finding } from '../core/finding.js';
import type { RuleMeta } from '../core/rule-meta.js';
import { code, text } from './markdown.js';

/** The first sentence of the rule's description, on one line, escaped (at most about 300 characters). */
export function whyLine(rule: Pick<RuleMeta, 'description'> | undefined): string | undefined {
  const description = (rule?.description ?? '').trim().replace(/\s+/g, ' ');
  if (description === '') return undefined;
  const end = /[.!?](?=\s+[A-Z(])/.exec(description);
  const sentence = end ? description.slice(0, end.index + 1) : description;
  return text(sentence.length > 300 ? `${sentence.slice(0, 299)}…` : sentence);
}

/**
 * The finding's grouping values and the values of its rule's `fields` across its events, as table rows
 * (field, values): at most 30 fields and `max` values each.
 */
export function matchedFields(f: Finding, max: number): string[][] {
  const fields = new Map<string, Set<string>>();
  const add = (field: string, value: string | undefined) => {
    if (value === undefined || value === '') return;
    let values = fields.get(field);
    if (!values) fields.set(field, (values = new Set()));
    values.add(value);
  };
  for (const [field, value] of Object.entries(f.group)) add(field, value);
  for (const e of f.events) for (const [field, value] of Object.entries(e.details ?? {})) add(field, value);
  return [...fields]
    .slice(0, 30)
    .map(([field, values]) => [code(field, 100), codes([...values], max, ', ', 200)]);
}

/** Distinct values as code spans, at most `max` of them and a count of the rest; an en dash when none. */
export function codes(values: string[], max: number, separator = ', ', width = 100): string {
  if (values.length === 0) return '–';
  const shown = values.slice(0, max).map((v) => code(v, width));
  const more = values.length - shown.length;
  return shown.join(separator) + (more > 0 ? ` and ${more} more` : '');
}

/** The ids of the rules that also matched the finding's events, once each, for a table cell. */
export function alsoMatchedIds(f: Finding): string | undefined {
  const ids = [...new Set((f.alsoMatched ?? []).map((a) => a.ruleId))];
  return ids.length > 0 ? `also matched: ${ids.map((id) => code(id)).join(', ')}` : undefined;
}

/**
 * A Markdown list: the findings that also matched this finding's events (folded into it, or with events of their
 * own), then where the events it does not carry itself are reported. Empty when it shares no event.
 */
export function sharedEventsList(f: Finding, max = 20): string[] {
  const out: string[] = [];
  const also = f.alsoMatched ?? [];
  for (const a of also.slice(0, max)) {
    const n = `${a.events} ${a.events === 1 ? 'event' : 'events'}`;
    out.push(
      `- also matched ${code(a.ruleId)} (${text(a.title)}, ${a.severity}): ${n} of this finding` +
        (a.folded
          ? `, folded into it (it has no report of its own)`
          : `; its other events are reported on their own`) +
        `; fingerprint ${code(a.fingerprint)}`,
    );
  }
  if (also.length > max) out.push(`- and ${also.length - max} more (see the findings file)`);
  for (const c of (f.carriedBy ?? []).slice(0, max)) {
    const n = c.eventIDs.length;
    out.push(
      `- ${n} more ${n === 1 ? 'event' : 'events'} of this finding ${n === 1 ? 'is' : 'are'} reported with ` +
        `${code(c.ruleId)}, which ranks higher; fingerprint ${code(c.fingerprint)}`,
    );
  }
  return out;
}
