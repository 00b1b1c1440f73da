/**
 * One YAML document with a `correlation` section → a validated CorrelationRule, or a problem that says what is
 * wrong. References are resolved later (resolve.ts), once every rule file is loaded.
 */
import { parseMeta } from './parse-meta.js';
import {
  CORRELATION_TYPES,
  type CorrelationRule,
  type CorrelationType,
  type CountCondition,
} from './model.js';
import { notOneOf } from '../core/did-you-mean.js';

const TIMESPAN = /^(\d+)([smhd])$/;
const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
/** State carries up to one timespan of events per group; a week bounds it. */
export const MAX_TIMESPAN_MS = 7 * UNIT_MS.d;
const CONDITION_KEYS = ['gt', 'gte', 'lt', 'lte', 'eq'] as const;
/** Keys of the `correlation` section: Sigma's, and `event-count` (our extension, see docs/correlation.md). */
const SECTION_KEYS = [
  'type',
  'rules',
  'group-by',
  'timespan',
  'condition',
  'aliases',
  'generate',
  'field',
  'event-count',
] as const;

export type CorrelationOutcome =
  { kind: 'rule'; rule: CorrelationRule } | { kind: 'problem'; message: string };

export function isCorrelationDocument(data: Record<string, unknown>): boolean {
  return 'correlation' in data || data.type === 'correlation';
}

export function parseTimespan(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = TIMESPAN.exec(value.trim());
  if (!match) return undefined;
  const ms = Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
  return ms > 0 ? ms : undefined;
}

export function parseCorrelation(
  data: Record<string, unknown>,
  file: string,
  builtin: boolean,
): CorrelationOutcome {
  const errors: string[] = [];
  const section = data.correlation;
  if (!isPlainObject(section)) {
    return {
      kind: 'problem',
      message: "'correlation' must be a mapping (type, rules, group-by, timespan, condition)",
    };
  }

  const meta = parseMeta(data, file, builtin, errors);
  const type = section.type;
  if (!(CORRELATION_TYPES as readonly unknown[]).includes(type)) {
    errors.push(
      `correlation type ${notOneOf(String(type), CORRELATION_TYPES)}` +
        (type === undefined ? " ('type' is missing)" : ''),
    );
  }

  const rules = stringList(section.rules, 'rules', errors);
  if (section.rules !== undefined && rules.length === 0) errors.push("'rules' must name at least one rule");
  if (section.rules === undefined)
    errors.push("'rules' is missing: name the rules (by name or id) to correlate");
  if (new Set(rules).size !== rules.length) errors.push("'rules' names a rule twice");

  const groupBy =
    section['group-by'] === undefined ? [] : stringList(section['group-by'], 'group-by', errors);

  const timespanMs = parseTimespan(section.timespan);
  if (section.timespan === undefined) errors.push("'timespan' is missing (e.g. 15m, 1h, 1d)");
  else if (timespanMs === undefined)
    errors.push(`timespan '${String(section.timespan)}' must be a number and s, m, h or d (e.g. 90m)`);
  else if (timespanMs > MAX_TIMESPAN_MS)
    errors.push(`timespan '${String(section.timespan)}' is longer than 7d`);

  const aliases: Record<string, Record<string, string>> = {};
  if (section.aliases !== undefined) {
    if (!isPlainObject(section.aliases)) errors.push("'aliases' must map alias names to {rule: field}");
    else {
      for (const [alias, mapping] of Object.entries(section.aliases)) {
        if (
          !isPlainObject(mapping) ||
          Object.values(mapping).some((f) => typeof f !== 'string' || f === '')
        ) {
          errors.push(`alias '${alias}' must map rule names to field names`);
          continue;
        }
        for (const ref of Object.keys(mapping)) {
          if (!rules.includes(ref)) errors.push(`alias '${alias}' names '${ref}', which is not in 'rules'`);
        }
        aliases[alias] = mapping as Record<string, string>;
      }
    }
  }

  let condition: CountCondition | undefined;
  let field: string | undefined;
  const rawCondition = section.condition;
  if (rawCondition !== undefined && rawCondition !== null) {
    if (!isPlainObject(rawCondition)) errors.push("'condition' must be a mapping such as {gte: 5}");
    else {
      const { field: conditionField, ...bounds } = rawCondition;
      if (conditionField !== undefined) {
        if (typeof conditionField === 'string' && conditionField !== '') field = conditionField;
        else errors.push("condition 'field' must be a field name");
      }
      condition = countCondition(bounds, 'condition', ['field'], errors);
    }
  }
  if (typeof section.field === 'string' && field === undefined) field = section.field;

  let eventCount: CountCondition | undefined;
  const rawEventCount = section['event-count'];
  if (rawEventCount !== undefined && rawEventCount !== null) {
    if (type !== 'value_count')
      errors.push(
        "'event-count' belongs to value_count correlations (it adds a number of events to the distinct values); " +
          'an event_count correlation counts events in its condition',
      );
    else if (!isPlainObject(rawEventCount)) errors.push("'event-count' must be a mapping such as {gte: 20}");
    else eventCount = countCondition(rawEventCount, 'event-count', [], errors);
  }

  for (const key of Object.keys(section)) {
    if ((SECTION_KEYS as readonly string[]).includes(key)) continue;
    const close = SECTION_KEYS.find((known) => normalized(known) === normalized(key));
    errors.push(
      `unknown key '${key}' in 'correlation'` +
        (close ? ` (did you mean '${close}'?)` : ` (expected ${SECTION_KEYS.join(', ')})`),
    );
  }

  if (type === 'event_count' || type === 'value_count') {
    if (condition === undefined) errors.push(`a ${type} correlation needs a 'condition' such as {gte: 5}`);
  }
  if (type === 'value_count' && field === undefined)
    errors.push('a value_count correlation needs the field to count: condition: {field: ..., gte: ...}');
  if (type !== 'value_count' && field !== undefined)
    errors.push("'field' belongs to value_count correlations only");
  if (type === 'temporal_ordered' && condition !== undefined)
    errors.push('temporal_ordered requires every rule in order; drop its condition');
  if (
    type === 'temporal' &&
    condition &&
    rules.length > 0 &&
    (condition.gte ?? condition.gt ?? condition.eq)! > rules.length
  )
    errors.push(`the condition asks for more distinct rules than the ${rules.length} in 'rules'`);

  const generateValue = data.generate ?? section.generate;
  if (generateValue !== undefined && typeof generateValue !== 'boolean')
    errors.push("'generate' must be true or false");

  if (errors.length > 0) return { kind: 'problem', message: errors.join('; ') };

  const rule: CorrelationRule = {
    ...meta,
    kind: 'correlation',
    type: type as CorrelationType,
    rules,
    groupBy,
    aliases,
    timespan: String(section.timespan).trim(),
    timespanMs: timespanMs!,
    generate: generateValue === true,
  };
  if (condition) rule.condition = condition;
  if (field !== undefined) rule.field = field;
  if (eventCount) rule.eventCount = eventCount;
  return { kind: 'rule', rule };
}

/** The bounds of a count condition ({gte: 5}, {gt: 1, lte: 9}); `where` names it in messages. */
function countCondition(
  raw: Record<string, unknown>,
  where: string,
  otherKeys: string[],
  errors: string[],
): CountCondition {
  const condition: CountCondition = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!(CONDITION_KEYS as readonly string[]).includes(key)) {
      errors.push(`unknown ${where} key '${key}' (expected ${[...CONDITION_KEYS, ...otherKeys].join(', ')})`);
    } else if (typeof value === 'number' && Number.isInteger(value) && value >= 0)
      condition[key as keyof CountCondition] = value;
    else errors.push(`${where} '${key}' must be a whole number ≥ 0, not '${String(value)}'`);
  }
  if (Object.keys(condition).length === 0) errors.push(`'${where}' needs one of gt, gte, lt, lte, eq`);
  else if (condition.gt === undefined && condition.gte === undefined && condition.eq === undefined)
    errors.push(
      `a${where === 'condition' ? '' : `n '${where}'`} condition with only lt/lte ("fewer than") is about the ` +
        'absence of events, which a window that starts at an event cannot show; add a lower bound (gt or gte), ' +
        'or use eq',
    );
  return condition;
}

function normalized(key: string): string {
  return key.toLowerCase().replace(/[_-]/g, '');
}

function stringList(value: unknown, key: string, errors: string[]): string[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  if (list.some((item) => typeof item !== 'string' || item.trim() === '')) {
    errors.push(`'${key}' must be a list of strings`);
    return [];
  }
  return list.map((item) => (item as string).trim());
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
