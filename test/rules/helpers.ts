import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { compileRule, type CompiledRule } from '../../src/rules/compile.js';
import type { DetectionRule } from '../../src/rules/model.js';
import { parseRuleFile } from '../../src/rules/parse.js';
import { mulberry32 } from '../helpers/random.js';

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
export const SIGMAHQ_DIR = path.join(FIXTURES, 'sigmahq-aws', 'cloudtrail');
export const STRATUS_DIR = path.join(FIXTURES, 'real-cloudtrail', 'datadog-stratus-red-team', 'original');

/** A DetectionRule around a detection given as an object. */
export function sigmaRule(
  detection: Record<string, unknown>,
  extra: Partial<DetectionRule> = {},
): DetectionRule {
  return {
    ruleId: 'test-rule',
    kind: 'event',
    title: 'Test rule',
    description: '',
    level: 'medium',
    author: 'tester',
    references: [],
    tags: [],
    attack: [],
    falsepositives: [],
    fields: [],
    groupBy: ['recipientAccountId', 'actor'],
    logsource: { product: 'aws', service: 'cloudtrail' },
    detection,
    file: 'test-rule.yml',
    builtin: false,
    ...extra,
  };
}

/** Compiles a detection written in YAML (as a rule file would hold it), through parseRuleFile. */
export function compileYaml(detectionYaml: string): CompiledRule {
  const text = `title: Test rule\nlogsource:\n    product: aws\n    service: cloudtrail\ndetection:\n${indent(detectionYaml)}`;
  const parsed = parseRuleFile(text, 'test-rule.yml', false);
  if (parsed.problems.length > 0) throw new Error(parsed.problems.map((p) => p.message).join('; '));
  if (parsed.rules.length !== 1) throw new Error(`expected one rule, got ${parsed.rules.length}`);
  return compileRule(parsed.rules[0]!);
}

/** Compiles a detection given as an object (no YAML). */
export function compileDetection(detection: Record<string, unknown>): CompiledRule {
  return compileRule(sigmaRule(detection));
}

/** The message compileYaml fails with. */
export function yamlError(detectionYaml: string): string {
  try {
    compileYaml(detectionYaml);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the detection to be rejected');
}

function indent(text: string): string {
  const lines = text.replace(/^\n+/, '').replace(/\s+$/, '').split('\n');
  const margin = Math.min(...lines.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
  return lines.map((l) => `    ${l.slice(margin)}`).join('\n') + '\n';
}

export function yamlRecord(text: string): Record<string, unknown> {
  return parseYaml(text) as Record<string, unknown>;
}

/** Real CloudTrail records: the Stratus Red Team detonation logs (bare JSON arrays). */
export function stratusRecords(): Array<{ file: string; record: Record<string, unknown> }> {
  const out: Array<{ file: string; record: Record<string, unknown> }> = [];
  for (const file of readdirSync(STRATUS_DIR).sort()) {
    const records = JSON.parse(readFileSync(path.join(STRATUS_DIR, file), 'utf8')) as Record<
      string,
      unknown
    >[];
    for (const record of records) out.push({ file, record });
  }
  return out;
}

/** Deterministic pseudo-random numbers in [0, 1). */
export const random = mulberry32;
