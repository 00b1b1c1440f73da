/**
 * The engine of `cloudtrail-audit rules test`: every rule file `X.yml` may have its test events beside it in
 * `X.tests.yml`, a YAML list of `{ name, expect: match | denied | no-match, source?, rule?, placeholders?, event }`
 * (`placeholders`: the values of the rule's derived fields' placeholders for this case, as the rule set's options
 * would give them, e.g. `github_oidc_subjects`). Each event is
 * run through the same path a scan uses (the rule index, then matches(), then the outcome that picks the finding)
 * and must give the expected verdict: `match` for the rule's finding, `denied` for a denied attempt's finding (rules
 * with a `denied` level, see outcome.ts), `no-match` for none.
 *
 * Built-in rules must have a tests file with at least two `match` cases and two `no-match` near misses
 * (rules/README.md), and a case of a denied call that shows what a `denied` level or `counted` gives; for the
 * user's own rules a tests file is optional.
 */
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { compileRule, type CompiledRule } from './compile.js';
import type { Placeholders } from './placeholders.js';
import { RuleIndex } from './index.js';
import { deniedLevelOf, outcomeOf } from './outcome.js';

export type Expectation = 'match' | 'denied' | 'no-match';
const EXPECTATIONS: readonly Expectation[] = ['match', 'denied', 'no-match'];

export interface TestCase {
  name: string;
  expect: Expectation;
  source?: string;
  /** Only for files with several rules: the ruleId the case is for (default: every rule of the file). */
  rule?: string;
  /** Placeholder values the rule is compiled with for this case (else the rule set's). */
  placeholders?: Placeholders;
  event: Record<string, unknown>;
}

export interface SelfTestCase {
  ruleId: string;
  file: string;
  name: string;
  expect: Expectation;
  /** The verdict the rule gave. */
  actual: Expectation;
  passed: boolean;
  source?: string;
}

export interface RuleSelfTest {
  ruleId: string;
  title: string;
  file: string;
  builtin: boolean;
  /** The tests file read for the rule, or null when there is none. */
  testsFile: string | null;
  cases: SelfTestCase[];
  /** Failures beyond single cases: no test events (built-in rules), an unreadable or malformed tests file, too few cases. */
  errors: string[];
  /** No tests file, for a rule that does not need one (not a failure). */
  untested: boolean;
  passed: boolean;
}

export interface SelfTestReport {
  rules: RuleSelfTest[];
  /** Every case of every rule, in rule order. */
  cases: SelfTestCase[];
  passed: boolean;
  counts: { rules: number; failedRules: number; untested: number; cases: number; failedCases: number };
}

const MIN_BUILTIN_CASES = 2;
const CASE_KEYS = new Set(['name', 'expect', 'source', 'rule', 'placeholders', 'event']);

/** `rules/x.yml` → the tests files to look for, in order. */
export function testsFilesFor(ruleFile: string): string[] {
  const base = ruleFile.replace(/\.ya?ml$/i, '');
  return [`${base}.tests.yml`, `${base}.tests.yaml`];
}

/** Parses and validates a tests file. Errors name the case (by number and name) and what is wrong. */
export function parseTestsFile(text: string): { cases: TestCase[]; errors: string[] } {
  const errors: string[] = [];
  let data: unknown;
  try {
    data = parseYaml(text, { maxAliasCount: 100 });
  } catch (error) {
    return {
      cases: [],
      errors: [`YAML syntax error: ${(error as Error).message.split('\n')[0]!.replace(/:$/, '')}`],
    };
  }
  if (data === null || data === undefined) return { cases: [], errors: ['the tests file is empty'] };
  if (!Array.isArray(data))
    return { cases: [], errors: ['the tests file must be a YAML list of test cases'] };

  const cases: TestCase[] = [];
  data.forEach((item: unknown, i) => {
    const label = `case ${i + 1}`;
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      errors.push(`${label}: must be a mapping with name, expect and event`);
      return;
    }
    const entry = item as Record<string, unknown>;
    const name = typeof entry.name === 'string' && entry.name.trim() !== '' ? entry.name : undefined;
    const where = name ? `${label} ('${name}')` : label;
    const problems: string[] = [];
    if (!name) problems.push("'name' must be a non-empty string");
    if (!EXPECTATIONS.includes(entry.expect as Expectation)) {
      problems.push(
        `'expect' must be 'match', 'denied' or 'no-match'${entry.expect === undefined ? '' : `, not '${String(entry.expect)}'`}`,
      );
    }
    if (entry.source !== undefined && typeof entry.source !== 'string')
      problems.push("'source' must be a string");
    if (entry.rule !== undefined && typeof entry.rule !== 'string') problems.push("'rule' must be a rule id");
    const placeholders = entry.placeholders;
    const isList = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');
    if (
      placeholders !== undefined &&
      (placeholders === null ||
        typeof placeholders !== 'object' ||
        Array.isArray(placeholders) ||
        !Object.values(placeholders).every(isList))
    ) {
      problems.push("'placeholders' must map placeholder names to lists of strings");
    }
    const event = entry.event;
    if (event === null || typeof event !== 'object' || Array.isArray(event)) {
      problems.push("'event' must be a CloudTrail record (a mapping)");
    }
    for (const key of Object.keys(entry)) {
      if (!CASE_KEYS.has(key))
        problems.push(`unknown key '${key}' (expected name, expect, source, rule, placeholders, event)`);
    }
    if (problems.length > 0) {
      errors.push(`${where}: ${problems.join('; ')}`);
      return;
    }
    const testCase: TestCase = {
      name: name!,
      expect: entry.expect as Expectation,
      event: event as Record<string, unknown>,
    };
    if (typeof entry.source === 'string') testCase.source = entry.source;
    if (typeof entry.rule === 'string') testCase.rule = entry.rule;
    if (placeholders !== undefined) testCase.placeholders = placeholders as Placeholders;
    cases.push(testCase);
  });
  if (data.length === 0) errors.push('the tests file has no test cases');
  return { cases, errors };
}

/** Runs every rule's test events. */
export async function runSelfTests(rules: readonly CompiledRule[]): Promise<SelfTestReport> {
  const files = new Map<string, Promise<{ file: string | null; cases: TestCase[]; errors: string[] }>>();
  const report: RuleSelfTest[] = [];
  for (const compiled of rules) {
    const { rule } = compiled;
    let loaded = files.get(rule.file);
    if (!loaded) {
      loaded = readTestsFor(rule.file);
      files.set(rule.file, loaded);
    }
    const { file: testsFile, cases, errors: fileErrors } = await loaded;
    const entry: RuleSelfTest = {
      ruleId: rule.ruleId,
      title: rule.title,
      file: rule.file,
      builtin: rule.builtin,
      testsFile,
      cases: [],
      errors: [...fileErrors],
      untested: false,
      passed: false,
    };
    if (testsFile === null) {
      if (rule.builtin) entry.errors.push('no test events (built-in rules need a tests file beside them)');
      else entry.untested = true;
    }
    const index = new RuleIndex([compiled]);
    const ruleCases = cases.filter((c) => c.rule === undefined || c.rule === rule.ruleId);
    for (const testCase of ruleCases) {
      const eventName = typeof testCase.event.eventName === 'string' ? testCase.event.eventName : '';
      const withCase = testCase.placeholders
        ? compileRule(rule, { placeholders: testCase.placeholders })
        : compiled;
      const matched = index.candidates(eventName).length > 0 && withCase.matches(testCase.event);
      const actual: Expectation = !matched
        ? 'no-match'
        : deniedLevelOf(rule, testCase.event.errorCode) !== undefined
          ? 'denied'
          : 'match';
      const result: SelfTestCase = {
        ruleId: rule.ruleId,
        file: rule.file,
        name: testCase.name,
        expect: testCase.expect,
        actual,
        passed: actual === testCase.expect,
      };
      if (testCase.source !== undefined) result.source = testCase.source;
      entry.cases.push(result);
    }
    if (testsFile !== null && fileErrors.length === 0 && entry.cases.length === 0) {
      entry.errors.push(`${testsFile} has no case for this rule`);
    }
    if (rule.builtin && testsFile !== null) {
      const count = (expect: Expectation) => entry.cases.filter((c) => c.expect === expect).length;
      const matches = count('match');
      const misses = count('no-match');
      if (matches < MIN_BUILTIN_CASES || misses < MIN_BUILTIN_CASES) {
        entry.errors.push(
          `built-in rules need at least ${MIN_BUILTIN_CASES} 'match' and ${MIN_BUILTIN_CASES} 'no-match' cases (found ${matches} and ${misses})`,
        );
      }
      const deniedNeed = deniedCaseNeeded(compiled);
      const deniedCases = entry.cases.filter(
        (c, i) => c.expect === deniedNeed?.expect && outcomeOf(ruleCases[i]!.event.errorCode) === 'denied',
      );
      if (deniedNeed && deniedCases.length === 0) entry.errors.push(deniedNeed.message);
    }
    entry.passed = entry.errors.length === 0 && entry.cases.every((c) => c.passed);
    report.push(entry);
  }
  const cases = report.flatMap((r) => r.cases);
  const failedRules = report.filter((r) => !r.passed).length;
  return {
    rules: report,
    cases,
    passed: failedRules === 0,
    counts: {
      rules: report.length,
      failedRules,
      untested: report.filter((r) => r.untested).length,
      cases: cases.length,
      failedCases: cases.filter((c) => !c.passed).length,
    },
  };
}

/**
 * The case of a denied call a built-in rule's tests must hold to show what its `denied` key says: a `denied` case
 * for a level, a `match` case for `counted`. (`none` asks for nothing: some calls are never refused with an error
 * code, such as console sign-ins and sts:GetCallerIdentity.)
 */
function deniedCaseNeeded({ rule }: CompiledRule): { expect: Expectation; message: string } | undefined {
  const level = rule.denied?.level;
  if (level === undefined || level === 'none') return undefined;
  if (level === 'counted')
    return { expect: 'match', message: "'denied: counted' needs a 'match' case of a denied call" };
  return {
    expect: 'denied',
    message: `'denied: ${level}' needs a 'denied' case (a denied call that matches)`,
  };
}

async function readTestsFor(
  ruleFile: string,
): Promise<{ file: string | null; cases: TestCase[]; errors: string[] }> {
  for (const candidate of testsFilesFor(ruleFile)) {
    let text: string;
    try {
      text = await readFile(candidate, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      return {
        file: candidate,
        cases: [],
        errors: [`cannot read ${candidate}: ${(error as Error).message}`],
      };
    }
    const { cases, errors } = parseTestsFile(text);
    return { file: candidate, cases, errors: errors.map((e) => `${candidate}: ${e}`) };
  }
  return { file: null, cases: [], errors: [] };
}
