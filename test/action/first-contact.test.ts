/**
 * The action as a new user first runs it (issue #18): `source: files` without a window scans every event of the
 * files, as the CLI does; a window that holds none of the events read is a warning in the log and the job summary,
 * never an all-clear; a rule that does not load fails the run unless `allow-rule-errors`; inputs that the files
 * source does not read are refused; `org-accounts` reaches the rules.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../../src/action/main.js';
import { actionEnv, readOutputs, ROOT, tempDir } from '../helpers/run-process.js';

const NOW = Date.parse('2030-01-01T00:00:00Z');
const SAMPLES = join(ROOT, 'samples');
let saved: NodeJS.ProcessEnv;

beforeEach(() => {
  saved = { ...process.env };
});
afterEach(() => {
  process.env = saved;
  process.exitCode = undefined;
});

/** Runs the action with these inputs; what it wrote to stdout (workflow commands) and its outputs. */
async function action(inputs: Record<string, string>) {
  const dir = tempDir();
  Object.assign(process.env, actionEnv({ state: 'none', ...inputs }, dir));
  process.exitCode = undefined;
  const out: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string) => out.push(String(chunk)) > 0) as typeof process.stdout.write;
  try {
    await run(NOW);
  } finally {
    process.stdout.write = write;
  }
  return {
    dir,
    stdout: out.join(''),
    exitCode: process.exitCode,
    outputs: readOutputs(join(dir, 'output.txt')),
  };
}

describe('the action on files', () => {
  it('scans every event of the files when no window is given', async () => {
    const result = await action({ source: 'files', path: SAMPLES });
    expect(result.exitCode).toBeUndefined();
    expect(result.outputs).toMatchObject({ 'events-scanned': '167', 'findings-count': '18' });
    expect(result.stdout).toMatch(/Window: - \.\. - \(every event in the files\)/);
  });

  it('warns, in the log and the job summary, when none of the events read is in the window', async () => {
    const result = await action({ source: 'files', path: SAMPLES, 'lookback-hours': '24' });
    expect(result.exitCode).toBeUndefined();
    expect(result.outputs['findings-count']).toBe('0');
    expect(result.stdout).toMatch(
      /^::warning::167 events read, none in the window 2029-12-31T00:00:00\.000Z \.\. 2030-01-01T00:00:00\.000Z: nothing was audited/m,
    );
    // The job summary says it too (test/bundle/bundles.test.ts, where each run has its own summary file).
  });

  it.each([
    ['regions', 'eu-west-1'],
    ['accounts', '111122223333'],
    ['s3-prefix', 'org-trail'],
  ])('refuses %s, which the files source does not read', async (name, value) => {
    const result = await action({ source: 'files', path: SAMPLES, [name]: value });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(new RegExp(`::error::${name}: not for 'source: files'`));
  });
});

describe('a report that cannot be written', () => {
  it('fails the run before the scan, naming the input', async () => {
    const result = await action({ source: 'files', path: SAMPLES, 'sarif-file': '.' });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/::error::sarif-file: '.*' is a folder: give the path of a file/);
    expect(result.outputs).toEqual({});
  });
});

describe('rules and the action', () => {
  const rule = (detection: string[]) =>
    [
      'title: Console sign-in in our organization',
      'name: org-console-login',
      'logsource: { product: aws, service: cloudtrail }',
      'detection:',
      ...detection,
      'level: high',
    ].join('\n');

  it('fails the run on a rule that does not load, unless allow-rule-errors', async () => {
    const dir = tempDir('cta-action-rules-');
    writeFileSync(join(dir, 'broken.yml'), rule(['  sel: { eventName: ConsoleLogin }']));
    const failed = await action({ source: 'files', path: SAMPLES, 'rules-path': dir });
    expect(failed.exitCode).toBe(1);
    expect(failed.stdout).toMatch(/::error::a rule did not load/);
    expect(failed.stdout).toContain(
      `${join(dir, 'broken.yml')} (Console sign-in in our organization) not loaded`,
    );
    expect(failed.outputs).toEqual({});

    const allowed = await action({
      source: 'files',
      path: SAMPLES,
      'rules-path': dir,
      'allow-rule-errors': 'true',
    });
    expect(allowed.exitCode).toBeUndefined();
    expect(allowed.stdout).toMatch(
      /::warning::rule .*broken\.yml \(Console sign-in in our organization\) not loaded/,
    );
    expect(allowed.outputs['findings-count']).toBe('18');
  });

  it('gives org-accounts to the rules (%org_accounts%)', async () => {
    const dir = tempDir('cta-action-rules-');
    writeFileSync(
      join(dir, 'org.yml'),
      rule([
        "  sel: { eventName: ConsoleLogin, 'recipientAccountId|expand': '%org_accounts%' }",
        '  condition: sel',
      ]),
    );
    const inputs = { source: 'files', path: join(SAMPLES, 'aws-cli'), 'rules-path': dir };
    const without = await action(inputs);
    expect(without.outputs['findings-count']).toBe('0');
    const withOrg = await action({ ...inputs, 'org-accounts': '123456789012' });
    expect(withOrg.outputs['findings-count']).toBe('1');
  });
});
