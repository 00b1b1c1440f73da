/**
 * Rule files and folders → compiled rules. Folders are walked recursively for `*.yml` / `*.yaml` (test-event files
 * `*.tests.yml` beside the rules and hidden folders such as `.git` are left out), in sorted order, so the rule
 * order (and with it the order of findings of equal rank) does not depend on the file system.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CorrelationRule } from './model.js';
import { compileRule, type CompiledRule } from './compile.js';
import type { Placeholders } from './placeholders.js';
import { ruleDocuments, rulesOfDocuments, type RuleDocuments } from './parse.js';
import type { RuleProblem } from '../core/result.js';

export interface LoadedRules {
  rules: CompiledRule[];
  /** Correlation rules, references not yet resolved (src/correlate/resolve.ts does that over the whole set). */
  correlations: CorrelationRule[];
  problems: RuleProblem[];
  skipped: RuleProblem[];
}

const RULE_FILE = /\.ya?ml$/i;
const TESTS_FILE = /\.tests\.ya?ml$/i;

/** `placeholders`: the values of the rule set's `%name%` placeholders (placeholders.ts); none given by default. */
export async function loadRules(
  paths: string[],
  opts: { builtin: boolean; placeholders?: Placeholders },
): Promise<LoadedRules> {
  const context = { placeholders: opts.placeholders ?? {} };
  const result: LoadedRules = { rules: [], correlations: [], problems: [], skipped: [] };
  const owners = new Map<string, string>();
  for await (const { file, documents } of readDocuments(paths, opts.builtin, result)) {
    const parsed = rulesOfDocuments(documents, file, opts.builtin, context);
    result.problems.push(...parsed.problems);
    result.skipped.push(...parsed.skipped);
    for (const rule of parsed.rules) {
      const owner = owners.get(rule.ruleId);
      if (owner !== undefined) {
        result.problems.push({
          file,
          title: rule.title,
          message: `rule id '${rule.ruleId}' is already used by ${owner}; this rule in ${file} is not loaded (give one of them another 'name')`,
        });
        continue;
      }
      try {
        result.rules.push(compileRule(rule, context));
        owners.set(rule.ruleId, file);
      } catch (error) {
        result.problems.push({ file, title: rule.title, message: (error as Error).message });
      }
    }
    for (const correlation of parsed.correlations) {
      const owner = owners.get(correlation.ruleId);
      if (owner !== undefined) {
        result.problems.push({
          file,
          title: correlation.title,
          message: `rule id '${correlation.ruleId}' is already used by ${owner}; this correlation rule in ${file} is not loaded (give one of them another 'name')`,
        });
        continue;
      }
      result.correlations.push(correlation);
      owners.set(correlation.ruleId, file);
    }
  }
  return result;
}

/**
 * The built-in rules' documents as `npm run package` wrote them beside the folder (dist/rules/builtin.json, made from
 * the same files by scripts/rules-cache.ts): the YAML of the built-in set is not parsed at each start.
 */
export interface RulesCache {
  files: { name: string; documents: RuleDocuments }[];
}

/** The documents of every rule file of `dir`, in load order, for the cache. */
export async function rulesCacheOf(dir: string): Promise<RulesCache> {
  const files: string[] = [];
  const result: LoadedRules = { rules: [], correlations: [], problems: [], skipped: [] };
  await collect(dir, true, files, new Set(), result);
  if (result.problems.length > 0) throw new Error(result.problems.map((p) => p.message).join('; '));
  const cache: RulesCache = { files: [] };
  for (const file of files) {
    cache.files.push({
      name: path.relative(dir, file),
      documents: ruleDocuments(await readFile(file, 'utf8'), file),
    });
  }
  return cache;
}

/** The files' documents: from the cache beside the built-in folder when there is one, else read and parsed. */
async function* readDocuments(
  paths: string[],
  builtin: boolean,
  result: LoadedRules,
): AsyncGenerator<{ file: string; documents: RuleDocuments }> {
  const cacheFile = builtin && paths.length === 1 ? `${paths[0]}.json` : undefined;
  if (cacheFile && existsSync(cacheFile)) {
    const cache = JSON.parse(readFileSync(cacheFile, 'utf8')) as RulesCache;
    for (const { name, documents } of cache.files) yield { file: path.join(paths[0]!, name), documents };
    return;
  }
  const files: string[] = [];
  const seen = new Set<string>();
  for (const given of paths) await collect(given, true, files, seen, result);
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      result.problems.push({ file, message: `cannot read the file: ${(error as Error).message}` });
      continue;
    }
    yield { file, documents: ruleDocuments(text, file) };
  }
}

async function collect(
  given: string,
  explicit: boolean,
  files: string[],
  seen: Set<string>,
  result: LoadedRules,
): Promise<void> {
  let info;
  try {
    info = await stat(given);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    result.problems.push({
      file: given,
      message: code === 'ENOENT' ? 'no such file or folder' : `cannot read: ${(error as Error).message}`,
    });
    return;
  }
  let real: string;
  try {
    real = await realpath(given);
  } catch {
    real = path.resolve(given);
  }
  if (seen.has(real)) return; // the same file or folder given twice, or a symbolic link loop
  seen.add(real);

  if (info.isDirectory()) {
    let entries;
    try {
      entries = await readdir(given, { withFileTypes: true });
    } catch (error) {
      result.problems.push({ file: given, message: `cannot read the folder: ${(error as Error).message}` });
      return;
    }
    const names = entries.map((entry) => entry.name).sort(compareNames);
    for (const name of names) {
      if (name.startsWith('.')) continue;
      const child = path.join(given, name);
      let childInfo;
      try {
        childInfo = await stat(child);
      } catch {
        continue; // a dangling symbolic link
      }
      if (childInfo.isDirectory() || (RULE_FILE.test(name) && !TESTS_FILE.test(name))) {
        await collect(child, false, files, seen, result);
      }
    }
    return;
  }
  if (explicit && TESTS_FILE.test(given)) {
    result.skipped.push({
      file: given,
      message: 'a file of test events, not a rule (it is read by `rules test`)',
    });
    return;
  }
  files.push(given);
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The folder of the built-in rules. In the repository it is `rules/builtin`; in the package, the bundles
 * (`dist/index.js`, `dist/cli/index.js`) sit beside `dist/rules/builtin`. Walks up from this module's folder.
 */
export function builtinRulesDir(): string {
  const start = path.dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'rules', 'builtin');
    if (existsSync(candidate) && statSync(candidate).isDirectory()) return candidate;
    if (path.dirname(dir) === dir) break;
  }
  throw new Error(
    `the built-in rules (rules/builtin) were not found in ${start} or any folder above it; reinstall cloudtrail-audit, or run with --no-builtin-rules and --rules-path`,
  );
}
