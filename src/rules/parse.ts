/**
 * Sigma YAML → validated DetectionRule objects. One file may hold several YAML documents.
 *
 * What happens to each document:
 * - a rule for `logsource: {product: aws, service: cloudtrail}` that validates and compiles → `rules`;
 * - a correlation rule (a document with `correlation:`) that validates → `correlations` (src/correlate/; its
 *   references are resolved once every file is loaded); the rules of the same file that it refers to load with
 *   `generate: false` (their matches feed the correlation only) unless it says `generate: true`;
 * - a rule for another log source, a Sigma filter, or a Sigma 1 rule collection (`action: global`) → `skipped`,
 *   with the reason: not an error, a user may point us at all of SigmaHQ;
 * - anything else (bad YAML, a missing title or detection, a bad level, a condition that names an unknown selection,
 *   an unknown modifier, ...) → `problems`, naming the file, the title when there is one, and what is wrong. Other
 *   documents of the same file still load.
 */
import type { RuleProblem } from '../core/result.js';
import { isMap as isYamlMap, isNode, parseAllDocuments, visit, type Document } from 'yaml';
import { parseFirstSeenSpec, type FirstSeenSpec } from './first-seen-spec.js';
import { compileRule } from './compile.js';
import type { CorrelationRule, DetectionRule } from './model.js';
import { isCorrelationDocument, parseCorrelation } from './parse-correlation.js';
import { parseMeta, stringList } from './parse-meta.js';
import { derivedFieldProblem, isDerivedField, NO_CONTEXT, type RuleContext } from './derived.js';
import { deniedProblem, gatedDetection, parseDenied, requiresNoErrorCode } from './outcome.js';
import { expandPlaceholders } from './placeholders.js';

export interface ParsedRuleFile {
  rules: DetectionRule[];
  correlations: CorrelationRule[];
  problems: RuleProblem[];
  skipped: RuleProblem[];
}

export const DEFAULT_GROUP_BY: readonly string[] = ['recipientAccountId', 'actor'];

/** `context`: the rule set's placeholders, which `expand` items and some derived fields use. */
export function parseRuleFile(
  text: string,
  file: string,
  builtin: boolean,
  context: RuleContext = NO_CONTEXT,
): ParsedRuleFile {
  return rulesOfDocuments(ruleDocuments(text, file), file, builtin, context);
}

/** A rule file's YAML documents as data, or why they are not: what parseRuleFile reads (JSON-safe: it can be cached). */
export interface RuleDocuments {
  entries: { index: number; data: Record<string, unknown> }[];
  problems: RuleProblem[];
}

/** The YAML step of parseRuleFile: each document of the file as data (numbers of a detection as written). */
export function ruleDocuments(text: string, file: string): RuleDocuments {
  const out: RuleDocuments = { entries: [], problems: [] };
  const documents = parseAllDocuments(text);
  if (!Array.isArray(documents)) {
    out.problems.push({ file, message: 'the file holds no rule (it is empty)' });
    return out;
  }
  documents.forEach((document, index) => {
    const where = documents.length > 1 ? ` (document ${index + 1})` : '';
    if (document.errors.length > 0) {
      const first = document.errors[0]!;
      out.problems.push({
        file,
        message: `YAML syntax error${where}: ${first.message.split('\n')[0]!.replace(/:$/, '')}`,
      });
      return;
    }
    keepNumberSource(document);
    let data: unknown;
    try {
      data = document.toJS({ maxAliasCount: 100 });
    } catch (error) {
      out.problems.push({ file, message: `YAML error${where}: ${(error as Error).message}` });
      return;
    }
    if (data === null || data === undefined) return; // an empty document, e.g. after a trailing '---'
    if (!isPlainObject(data)) {
      out.problems.push({
        file,
        message: `a Sigma rule must be a YAML mapping${where}, not ${describe(data)}`,
      });
      return;
    }
    out.entries.push({ index, data });
  });
  if (out.entries.length === 0 && out.problems.length === 0) {
    out.problems.push({ file, message: 'the file holds no rule (it is empty)' });
  }
  return out;
}

/** The rest of parseRuleFile: the rules of a file's documents. */
export function rulesOfDocuments(
  documents: RuleDocuments,
  file: string,
  builtin: boolean,
  context: RuleContext = NO_CONTEXT,
): ParsedRuleFile {
  const result: ParsedRuleFile = {
    rules: [],
    correlations: [],
    problems: [...documents.problems],
    skipped: [],
  };
  const { entries } = documents;
  if (entries.length === 0) return result;

  // Sigma 1 rule collections: documents merge into each other, so the file only makes sense as a whole.
  if (entries.some(({ data }) => 'action' in data)) {
    result.skipped.push({
      file,
      message:
        'Sigma 1 rule collections (action: global/reset/repeat) are not supported; convert the file to Sigma 2',
    });
    return result;
  }

  // Rules that a correlation in the same file refers to do not produce matches of their own unless the correlation
  // says `generate: true` (Sigma correlation specification).
  const usedByCorrelation = new Map<string, string>();
  for (const { data } of entries) {
    if (!isCorrelation(data)) continue;
    const correlation = isPlainObject(data.correlation) ? data.correlation : {};
    if (data.generate === true || correlation.generate === true) continue;
    const title = typeof data.title === 'string' ? data.title : 'untitled';
    const rules = Array.isArray(correlation.rules) ? correlation.rules : [correlation.rules];
    for (const reference of rules) if (typeof reference === 'string') usedByCorrelation.set(reference, title);
  }

  const unnamed: number[] = [];
  for (const { index, data } of entries) {
    const title = typeof data.title === 'string' ? data.title : undefined;
    const where = entries.length > 1 && !title ? ` (document ${index + 1})` : '';
    if (isCorrelation(data)) {
      const outcome = parseCorrelation(data, file, builtin);
      if (outcome.kind === 'rule') result.correlations.push(outcome.rule);
      else result.problems.push(withTitle({ file, message: outcome.message + where }, title));
      continue;
    }
    if ('filter' in data && !('detection' in data)) {
      result.skipped.push(withTitle({ file, message: `Sigma filters are not supported yet${where}` }, title));
      continue;
    }
    const correlationTitle = [data.name, data.id]
      .map((key) => (typeof key === 'string' ? usedByCorrelation.get(key) : undefined))
      .find(Boolean);
    const outcome = buildRule(data, file, builtin, context);
    if (outcome.kind === 'rule' && correlationTitle) outcome.rule.generate = false;
    if (outcome.kind === 'rule') {
      const { rule } = outcome;
      const problem = deniedProblem(rule, rule.generate !== false && rule.firstSeen === undefined);
      if (problem) {
        result.problems.push(withTitle({ file, message: problem + where }, title));
        continue;
      }
    }
    if (outcome.kind === 'skipped')
      result.skipped.push(withTitle({ file, message: outcome.message + where }, title));
    else if (outcome.kind === 'problem')
      result.problems.push(withTitle({ file, message: outcome.message + where }, title));
    else {
      if (data.name === undefined) unnamed.push(result.rules.length);
      result.rules.push(outcome.rule);
    }
  }

  // Without `name`, a rule's id is the file name: several such rules in one file would collide.
  if (unnamed.length > 1) {
    const dropped = new Set(unnamed.slice(1));
    for (const i of dropped) {
      result.problems.push({
        file,
        title: result.rules[i]!.title,
        message: `the file holds several rules without 'name': give each one a 'name' (its rule id), or put them in separate files`,
      });
    }
    result.rules = result.rules.filter((_, i) => !dropped.has(i));
  }
  return result;
}

type Outcome =
  | { kind: 'rule'; rule: DetectionRule }
  | { kind: 'skipped'; message: string }
  | { kind: 'problem'; message: string };

function buildRule(
  data: Record<string, unknown>,
  file: string,
  builtin: boolean,
  context: RuleContext,
): Outcome {
  const errors: string[] = [];
  const logsource = data.logsource;
  if (logsource === undefined || logsource === null) {
    errors.push("'logsource' is missing");
  } else if (!isPlainObject(logsource)) {
    errors.push("'logsource' must be a mapping (product, service, category)");
  } else {
    const product = lower(logsource.product);
    const service = lower(logsource.service);
    if (product !== 'aws' || service !== 'cloudtrail') {
      const shown = ['product', 'service', 'category']
        .filter((key) => logsource[key] !== undefined && logsource[key] !== null)
        .map((key) => `${key}: ${String(logsource[key])}`)
        .join(', ');
      return { kind: 'skipped', message: `logsource is not AWS CloudTrail (${shown || 'empty'})` };
    }
  }
  const meta = parseMeta(data, file, builtin, errors);

  const detection = data.detection;
  if (detection === undefined || detection === null) errors.push("'detection' is missing");
  else if (!isPlainObject(detection))
    errors.push("'detection' must be a mapping of selections and a condition");
  else if (detection.condition === undefined || detection.condition === null)
    errors.push("'detection' has no 'condition'");

  const fields = stringList(data, 'fields', errors);
  const groupBy =
    data['group-by'] === undefined ? [...DEFAULT_GROUP_BY] : stringList(data, 'group-by', errors);
  if (groupBy.some((field) => field.trim() === '')) errors.push("'group-by' must list field names");
  let firstSeen: FirstSeenSpec | undefined;
  if ('first-seen' in data) errors.push("the first-seen extension key is spelled 'first_seen'");
  if (data.first_seen !== undefined) {
    const parsed = parseFirstSeenSpec(data.first_seen);
    if ('problems' in parsed) errors.push(...parsed.problems);
    else firstSeen = parsed.spec;
  }
  for (const [key, list] of [
    ['fields', fields],
    ['group-by', groupBy],
  ] as const) {
    for (const field of list.filter(isDerivedField)) {
      const problem = derivedFieldProblem(field, 'display');
      if (problem) errors.push(`'${key}': ${problem}`);
    }
  }
  const denied = parseDenied(data, meta.level);
  errors.push(...denied.problems);
  let written = detection as Record<string, unknown>;
  if (errors.length === 0) {
    const expanded = expandPlaceholders(written, context.placeholders);
    if ('problems' in expanded) errors.push(...expanded.problems);
    else written = expanded.detection;
  }
  if (errors.length === 0 && denied.handling) {
    if (requiresNoErrorCode(written)) {
      errors.push(
        "with 'denied', the detection leaves out 'errorCode: null': the outcome gate admits successful and denied calls, and 'denied' says what a denied one gives",
      );
    } else {
      const gated = gatedDetection(written, denied.handling.level);
      if ('problem' in gated) errors.push(gated.problem);
      else written = gated.detection;
    }
  }

  if (errors.length > 0) return { kind: 'problem', message: errors.join('; ') };

  const rule: DetectionRule = {
    ...meta,
    kind: firstSeen ? 'first-seen' : 'event',
    fields,
    groupBy: firstSeen ? [...firstSeen.fields] : groupBy,
    logsource: Object.fromEntries(
      Object.entries(logsource as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
    ),
    detection: written,
  };
  if (firstSeen !== undefined) rule.firstSeen = firstSeen;
  if (denied.handling) rule.denied = denied.handling;

  try {
    compileRule(rule, context);
  } catch (error) {
    return { kind: 'problem', message: (error as Error).message };
  }
  return { kind: 'rule', rule };
}

function isCorrelation(data: Record<string, unknown>): boolean {
  return isCorrelationDocument(data);
}

/**
 * Numbers under `detection` keep the text they were written as: `1.10` stays "1.10", `0x17` stays "0x17" and a
 * 20-digit account or request id keeps its digits (YAML would make them 1.1, 23 and a rounded float). Matching
 * compares text anyway (a rule value 10 matches 10 and "10"); `lt`/`gt` read the text as a number.
 */
function keepNumberSource(document: Document.Parsed): void {
  const root = document.contents;
  if (!isYamlMap(root)) return;
  const detection = root.get('detection', true);
  if (!isNode(detection)) return;
  visit(detection, {
    Scalar(_key, node) {
      if (typeof node.value === 'number' && typeof node.source === 'string') node.value = node.source;
    },
  });
}

function withTitle(problem: RuleProblem, title: string | undefined): RuleProblem {
  return title ? { file: problem.file, title, message: problem.message } : problem;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function lower(value: unknown): string | undefined {
  return typeof value === 'string' ? value.trim().toLowerCase() : undefined;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  return `a ${typeof value} (${JSON.stringify(value)?.slice(0, 40)})`;
}
