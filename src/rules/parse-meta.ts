/**
 * The metadata every kind of rule shares (title, level, ids, tags, texts), parsed and checked in one place for
 * detection, first-seen and correlation rules alike. Problems are pushed to `errors` in the rule author's terms.
 */
import path from 'node:path';
import type { RuleMeta } from '../core/rule-meta.js';
import { isSeverity, SEVERITIES, type Severity } from '../core/severity.js';
import { notOneOf } from '../core/did-you-mean.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SLUG = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const ATTACK_TECHNIQUE = /^attack\.(t\d{4}(?:\.\d{3})?)$/i;

export type ParsedMeta = Omit<RuleMeta, 'kind'>;

export function parseMeta(
  data: Record<string, unknown>,
  file: string,
  builtin: boolean,
  errors: string[],
): ParsedMeta {
  if (typeof data.title !== 'string' || data.title.trim() === '') {
    errors.push(data.title === undefined ? "'title' is missing" : "'title' must be a non-empty string");
  }

  // Sigma makes `level` optional; a rule without one is treated as medium, the middle of the scale, so that it
  // is neither dropped by the default minimum severity (low) nor made to look urgent.
  let level: Severity = 'medium';
  if (data.level !== undefined && data.level !== null) {
    if (isSeverity(data.level)) level = data.level;
    else errors.push(`level ${notOneOf(String(data.level), SEVERITIES)}`);
  }

  let uuid: string | undefined;
  if (data.id !== undefined && data.id !== null) {
    if (typeof data.id === 'string' && UUID.test(data.id)) uuid = data.id;
    else errors.push(`id '${String(data.id)}' is not a UUID`);
  }

  let ruleId = path.basename(file).replace(/\.ya?ml$/i, '');
  if (data.name !== undefined) {
    if (typeof data.name === 'string' && SLUG.test(data.name)) ruleId = data.name;
    else
      errors.push(
        `name '${String(data.name)}' must be a slug (letters, digits, '-', '_', '.'), used as the rule id`,
      );
  }

  const tags = stringList(data, 'tags', errors);
  const author = optionalText(data, 'author', errors);
  const meta: ParsedMeta = {
    ruleId,
    title: typeof data.title === 'string' ? data.title.trim() : '',
    description: optionalText(data, 'description', errors) ?? '',
    level,
    author: author && author.trim() !== '' ? author : 'unknown',
    references: stringList(data, 'references', errors),
    tags,
    attack: attackTechniques(tags),
    falsepositives: stringList(data, 'falsepositives', errors),
    file,
    builtin,
  };
  if (uuid !== undefined) meta.uuid = uuid;
  for (const key of ['status', 'date', 'triage', 'remediation'] as const) {
    const value = optionalText(data, key, errors);
    if (value !== undefined) meta[key] = value;
  }
  return meta;
}

/** A list of strings (a single string counts as a list of one); absent or null is an empty list. */
export function stringList(data: Record<string, unknown>, key: string, errors: string[]): string[] {
  const value = data[key];
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : typeof value === 'string' ? [value] : undefined;
  if (!list || list.some((item) => item === null || typeof item === 'object')) {
    errors.push(`'${key}' must be a list of strings`);
    return [];
  }
  return list.map(String);
}

function optionalText(data: Record<string, unknown>, key: string, errors: string[]): string | undefined {
  const value = data[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  errors.push(`'${key}' must be a string`);
  return undefined;
}

/** `attack.t1098.001` → `T1098.001`; tactic tags (`attack.persistence`) and other namespaces are left out. */
export function attackTechniques(tags: readonly string[]): string[] {
  const techniques: string[] = [];
  for (const tag of tags) {
    const match = ATTACK_TECHNIQUE.exec(tag);
    if (match) {
      const id = match[1]!.toUpperCase();
      if (!techniques.includes(id)) techniques.push(id);
    }
  }
  return techniques;
}
