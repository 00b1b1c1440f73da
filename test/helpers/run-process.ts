import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

export const ROOT = resolve(import.meta.dirname, '../..');

export interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runNode(
  script: string,
  args: string[],
  env: Record<string, string> = {},
  cwd = ROOT,
): Promise<ProcessResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [script, ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}

export function tempDir(prefix = 'cta-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * The environment a runner gives an action: every input from action.yml with its default (the runner fills them in),
 * overridden by `inputs`, as INPUT_<NAME> (upper case, hyphens kept), plus GITHUB_OUTPUT and friends.
 */
export function actionEnv(inputs: Record<string, string>, dir: string): Record<string, string> {
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>;
  };
  const env: Record<string, string> = {
    GITHUB_OUTPUT: join(dir, 'output.txt'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
    GITHUB_WORKSPACE: dir,
    GITHUB_REPOSITORY: 'octo/security',
    GITHUB_RUN_ID: '42',
    RUNNER_TEMP: dir,
  };
  writeFileSync(env.GITHUB_OUTPUT!, ''); // the runner creates both files before the step runs
  writeFileSync(env.GITHUB_STEP_SUMMARY!, '');
  for (const [name, spec] of Object.entries(action.inputs)) {
    const fallback = spec.default === '${{ github.token }}' ? 'ghs_test' : (spec.default ?? '');
    env[`INPUT_${name.toUpperCase()}`] = inputs[name] ?? fallback;
  }
  for (const name of Object.keys(inputs)) {
    if (!(name in action.inputs)) throw new Error(`action.yml has no input '${name}'`);
  }
  return env;
}

/** GITHUB_OUTPUT holds `name<<DELIMITER\nvalue\nDELIMITER` blocks. */
export function readOutputs(file: string): Record<string, string> {
  const text = readFileSync(file, 'utf8');
  const outputs: Record<string, string> = {};
  const block = /^([^<\n]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const m of text.matchAll(block)) outputs[m[1]!] = m[3]!;
  return outputs;
}
