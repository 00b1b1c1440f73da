import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../../src/action/main.js';
import { GitHubServer } from '../helpers/github-server.js';
import { actionEnv, readOutputs, ROOT, tempDir } from '../helpers/run-process.js';

const NOW = Date.parse('2024-08-03T00:00:00Z');
let saved: NodeJS.ProcessEnv;

beforeEach(() => {
  saved = { ...process.env };
});
afterEach(() => {
  process.env = saved;
  process.exitCode = undefined;
});

function setInputs(inputs: Record<string, string>): string {
  const dir = tempDir();
  Object.assign(process.env, actionEnv(inputs, dir));
  return dir;
}

describe('run() of the action', () => {
  it('scans files in the window and sets every output', async () => {
    const dir = setInputs({ source: 'files', path: join(ROOT, 'samples'), 'lookback-hours': '48' });
    await run(NOW);
    expect(process.exitCode).toBeUndefined();
    const outputs = readOutputs(join(dir, 'output.txt'));
    expect(outputs).toEqual({
      'events-scanned': '167',
      'findings-count': '12',
      'new-findings-count': '12',
      'highest-severity': 'high',
      'sarif-file': join(dir, 'cloudtrail-audit.sarif'),
      'findings-file': join(dir, 'cloudtrail-audit-findings.json'),
      'issues-opened': '0',
      'issues-updated': '0',
    });
    const doc = JSON.parse(readFileSync(outputs['findings-file']!, 'utf8'));
    expect(doc.window).toEqual({ start: '2024-08-01T00:00:00.000Z', end: '2024-08-03T00:00:00.000Z' });
  });

  it('fails for a source that is not built yet, with what to do', async () => {
    setInputs({});
    await run(NOW);
    expect(process.exitCode).toBe(1);
  });

  it.each([
    ['athena-database', 'cloudtrail'],
    ['max-scan-gb', '5'],
    ['athena-create-table', 'true'],
  ])('fails rather than ignore the unsupported input %s', async (name, value) => {
    const dir = setInputs({ source: 'files', path: join(ROOT, 'samples'), [name]: value });
    await run(NOW);
    expect(process.exitCode).toBe(1);
    expect(() => readFileSync(join(dir, 'cloudtrail-audit-findings.json'))).toThrow();
  });

  it.each([
    ['max-new-issues', 'many', /max-new-issues: 'many' is not a whole number/],
    ['create-issues', 'yes', /create-issues: 'yes' is not true or false/],
    ['issue-assignees', 'not a login', /issue-assignees: 'not a login' is not a GitHub user name/],
    ['issue-labels', 'x'.repeat(51), /issue-labels: 'x+' is longer than 50 characters/],
    [
      'issue-overflow-comment',
      'the usual one',
      /issue-overflow-comment: 'the usual one' is not an issue number/,
    ],
  ])('refuses a bad issue input %s before scanning', async (name, value, message) => {
    const dir = setInputs({
      source: 'files',
      path: join(ROOT, 'samples'),
      'create-issues': 'true',
      [name]: value,
    });
    const out: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => out.push(String(chunk)) > 0) as typeof process.stdout.write;
    try {
      await run(NOW);
    } finally {
      process.stdout.write = write;
    }
    expect(process.exitCode).toBe(1);
    expect(out.join('')).toMatch(message);
    expect(() => readFileSync(join(dir, 'cloudtrail-audit-findings.json'))).toThrow();
  });

  it('tracks findings as issues with create-issues, and sets the issue outputs', async () => {
    const server = await GitHubServer.start();
    try {
      const dir = setInputs({
        source: 'files',
        path: join(ROOT, 'samples'),
        'lookback-hours': '48',
        'create-issues': 'true',
      });
      process.env.GITHUB_API_URL = server.url;
      process.env.CLOUDTRAIL_AUDIT_GITHUB_PACE = '0';
      await run(NOW);
      expect(process.exitCode).toBeUndefined();
      expect(readOutputs(join(dir, 'output.txt'))).toMatchObject({
        'findings-count': '12',
        'new-findings-count': '12',
        // One issue per finding that carries its events (13 more are folded into them).
        'issues-opened': '12',
        'issues-updated': '0',
      });
      expect(server.issues).toHaveLength(12);
    } finally {
      await server.close();
    }
  });

  it('fails the job on fail-on-severity after writing the findings file', async () => {
    const dir = setInputs({
      source: 'files',
      path: join(ROOT, 'samples'),
      'start-time': '2024-01-01T00:00:00Z',
      'end-time': '2025-01-01T00:00:00Z',
      'fail-on-severity': 'high',
    });
    await run(NOW);
    expect(process.exitCode).toBe(1);
    const outputs = readOutputs(join(dir, 'output.txt'));
    expect(outputs['highest-severity']).toBe('high');
    expect(outputs['findings-count']).toBe('18');
    expect(readFileSync(join(dir, 'cloudtrail-audit-findings.json'), 'utf8')).toContain('ec2-serial-console');
  });
});
