import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../../src/action/main.js';
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
      'findings-count': '9',
      'new-findings-count': '9',
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
    ['role-to-assume', 'arn:aws:iam::111122223333:role/audit'],
    ['regions', 'us-west-2'],
    ['create-issues', 'true'],
    ['max-new-issues', '5'],
  ])('fails rather than ignore the unsupported input %s', async (name, value) => {
    const dir = setInputs({ source: 'files', path: join(ROOT, 'samples'), [name]: value });
    await run(NOW);
    expect(process.exitCode).toBe(1);
    expect(() => readFileSync(join(dir, 'cloudtrail-audit-findings.json'))).toThrow();
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
    expect(outputs['findings-count']).toBe('13');
    expect(readFileSync(join(dir, 'cloudtrail-audit-findings.json'), 'utf8')).toContain('ec2-serial-console');
  });
});
