import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { builtinRulesDir, loadRules } from '../../src/rules/load.js';

function ruleText(title: string, eventName: string, extra = ''): string {
  return `title: ${title}
${extra}logsource:
    product: aws
    service: cloudtrail
detection:
    selection:
        eventName: ${eventName}
    condition: selection
level: low
`;
}

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ct-rules-load-'));
  await mkdir(path.join(dir, 'b-folder', 'nested'), { recursive: true });
  await mkdir(path.join(dir, '.git'), { recursive: true });
  await writeFile(path.join(dir, 'z-last.yml'), ruleText('Z', 'DeleteTrail'));
  await writeFile(path.join(dir, 'a-first.yaml'), ruleText('A', 'StopLogging'));
  await writeFile(
    path.join(dir, 'a-first.tests.yml'),
    '- name: x\n  expect: match\n  event: {eventName: StopLogging}\n',
  );
  await writeFile(path.join(dir, 'b-folder', 'nested', 'c-deep.yml'), ruleText('C', 'CreateUser'));
  await writeFile(path.join(dir, 'b-folder', 'readme.md'), '# not a rule');
  await writeFile(
    path.join(dir, 'b-folder', 'windows.yml'),
    ruleText('W', 'x').replace('product: aws', 'product: windows'),
  );
  await writeFile(path.join(dir, 'b-folder', 'broken.yml'), 'title: Broken\ndetection: [\n');
  await writeFile(path.join(dir, '.git', 'hidden.yml'), ruleText('Hidden', 'X'));
  // Same ruleId as a-first (by name), in a later file.
  await writeFile(path.join(dir, 'y-dup.yml'), ruleText('Duplicate', 'StopLogging', 'name: a-first\n'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadRules', () => {
  it('walks folders recursively in sorted order, skipping tests files, hidden folders and other files', async () => {
    const { rules } = await loadRules([dir], { builtin: false });
    expect(rules.map((r) => r.rule.ruleId)).toEqual(['a-first', 'c-deep', 'z-last']);
    expect(rules.map((r) => r.rule.title)).toEqual(['A', 'C', 'Z']);
    expect(rules.every((r) => r.rule.builtin === false)).toBe(true);
    expect(rules[0]!.eventNames).toEqual(new Set(['stoplogging']));
    expect(rules[0]!.matches({ eventName: 'StopLogging' })).toBe(true);
  });

  it('reports problems with the file, skips other log sources, and drops later duplicate ids naming both files', async () => {
    const { problems, skipped } = await loadRules([dir], { builtin: true });
    expect(skipped).toEqual([
      {
        file: path.join(dir, 'b-folder', 'windows.yml'),
        title: 'W',
        message: 'logsource is not AWS CloudTrail (product: windows, service: cloudtrail)',
      },
    ]);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatchObject({ file: path.join(dir, 'b-folder', 'broken.yml') });
    expect(problems[0]!.message).toMatch(/^YAML syntax error/);
    expect(problems[1]).toEqual({
      file: path.join(dir, 'y-dup.yml'),
      title: 'Duplicate',
      message: `rule id 'a-first' is already used by ${path.join(dir, 'a-first.yaml')}; this rule in ${path.join(dir, 'y-dup.yml')} is not loaded (give one of them another 'name')`,
    });
  });

  it('takes single files, reads each path once, and reports missing paths', async () => {
    const file = path.join(dir, 'z-last.yml');
    const missing = path.join(dir, 'nope');
    const { rules, problems } = await loadRules([file, file, path.join(dir, 'b-folder'), missing], {
      builtin: true,
    });
    expect(rules.map((r) => r.rule.ruleId)).toEqual(['z-last', 'c-deep']);
    expect(rules[0]!.rule.builtin).toBe(true);
    expect(problems.map((p) => [p.file, p.message])).toContainEqual([missing, 'no such file or folder']);
  });

  it('says a tests file given by name is not a rule', async () => {
    const file = path.join(dir, 'a-first.tests.yml');
    const { rules, problems, skipped } = await loadRules([file], { builtin: false });
    expect(rules).toEqual([]);
    expect(problems).toEqual([]);
    expect(skipped[0]!.message).toMatch(/test events/);
  });

  it('survives a symbolic link loop', async () => {
    const loopDir = await mkdtemp(path.join(os.tmpdir(), 'ct-rules-loop-'));
    try {
      await writeFile(path.join(loopDir, 'r.yml'), ruleText('R', 'X'));
      await symlink(loopDir, path.join(loopDir, 'again'));
      const { rules } = await loadRules([loopDir], { builtin: false });
      expect(rules.map((r) => r.rule.ruleId)).toEqual(['r']);
    } finally {
      await rm(loopDir, { recursive: true, force: true });
    }
  });

  it('loads nothing from an empty list of paths', async () => {
    expect(await loadRules([], { builtin: false })).toEqual({
      rules: [],
      correlations: [],
      problems: [],
      skipped: [],
    });
  });
});

describe('builtinRulesDir', () => {
  it('finds rules/builtin at the repository root', async () => {
    const found = builtinRulesDir();
    expect(found).toBe(path.resolve(process.cwd(), 'rules', 'builtin'));
    expect(existsSync(found)).toBe(true);
    const { rules, problems } = await loadRules([found], { builtin: true });
    expect(problems).toEqual([]);
    expect(rules.length).toBeGreaterThan(0);
  });
});
