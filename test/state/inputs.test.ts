/** The action's `state`, `state-file` and `state-scope` inputs, read as the runner passes them (INPUT_*). */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { readInputs } from '../../src/action/inputs.js';
import { defaultStateScope } from '../../src/state/index.js';

const NOW = Date.UTC(2024, 5, 3, 12);

describe('state inputs', () => {
  let saved: NodeJS.ProcessEnv;
  beforeEach(() => {
    saved = { ...process.env };
    for (const name of Object.keys(process.env)) if (name.startsWith('INPUT_')) delete process.env[name];
    Object.assign(process.env, { INPUT_SOURCE: 's3', 'INPUT_S3-BUCKET': 'trail', GITHUB_WORKSPACE: '/ws' });
  });
  afterEach(() => {
    process.env = saved;
  });

  it('defaults to the Actions cache with a scope derived from the source and what it reads', () => {
    process.env.INPUT_ACCOUNTS = '222233334444, 111122223333';
    const { state } = readInputs(NOW);
    expect(state).toEqual({
      kind: 'actions-cache',
      scope: defaultStateScope({
        source: 's3',
        bucket: 'trail',
        prefix: '',
        accounts: ['111122223333', '222233334444'],
        regions: [],
        roleToAssume: '',
      }),
    });
    expect(state.scope).toMatch(/^s3-[0-9a-f]{12}$/);
  });

  it('reads a state file relative to the workspace, and a scope the user names', () => {
    Object.assign(process.env, {
      INPUT_STATE: 'file',
      'INPUT_STATE-FILE': 'state/audit.json.gz',
      'INPUT_STATE-SCOPE': 'prod-eu',
    });
    expect(readInputs(NOW).state).toEqual({
      kind: 'file',
      file: '/ws/state/audit.json.gz',
      scope: 'prod-eu',
    });
  });

  it('none keeps no history', () => {
    process.env.INPUT_STATE = 'none';
    expect(readInputs(NOW).state.kind).toBe('none');
  });

  it.each([
    [{ INPUT_STATE: 'redis' }, /state: 'redis' is not one of actions-cache, file, none/],
    [{ INPUT_STATE: 'file' }, /state-file: 'state: file' needs the path/],
    [
      { 'INPUT_STATE-FILE': 'x.json.gz' },
      /state-file: only used with 'state: file' \(state is 'actions-cache'\)/,
    ],
    [{ 'INPUT_STATE-SCOPE': 'prod,eu' }, /state-scope: 'prod,eu' is not letters and digits/],
    [{ 'INPUT_STATE-SCOPE': 'prod--eu' }, /state-scope: /],
  ])('%j is a usage error naming the input', (inputs, message) => {
    Object.assign(process.env, inputs);
    expect(() => readInputs(NOW)).toThrow(message);
  });
});
