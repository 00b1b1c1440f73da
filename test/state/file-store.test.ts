import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../../src/core/logger.js';
import {
  createStateStore,
  decodeState,
  defaultStateScope,
  encodeState,
  FileStateStore,
  newStateDocument,
  stateScopeProblem,
} from '../../src/state/index.js';
import { tempDir } from '../helpers/run-process.js';

function recordingLogger() {
  const warnings: string[] = [];
  const infos: string[] = [];
  const log: Logger = { info: (m) => infos.push(m), warning: (m) => warnings.push(m), debug: () => {} };
  return { log, warnings, infos };
}

describe('FileStateStore', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir('cta-state-');
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('a missing file is no state; saving creates the parent folders and the next load reads it back', async () => {
    const { log, warnings, infos } = recordingLogger();
    const path = join(dir, 'nested', 'deeper', 'state.json.gz');
    const store = new FileStateStore(path, log);
    expect(store.describe()).toBe(`the file ${path}`);
    expect(await store.load()).toBeUndefined();
    expect(infos).toEqual([expect.stringContaining('does not exist yet')]);

    const bytes = encodeState(newStateDocument('files-1', { firstSeen: { n: 1 } }, 0)).bytes;
    await store.save(bytes);
    const loaded = await new FileStateStore(path, log).load();
    expect(loaded).toEqual(bytes);
    expect(decodeState(loaded!, 'files-1')).toHaveProperty('doc.sections.firstSeen.n', 1);
    expect(warnings).toEqual([]);
  });

  it('replaces the file atomically, leaving no temporary file behind', async () => {
    const { log } = recordingLogger();
    const path = join(dir, 'state.json.gz');
    writeFileSync(path, 'old');
    const store = new FileStateStore(path, log);
    await store.save(new Uint8Array([1, 2, 3]));
    expect([...readFileSync(path)]).toEqual([1, 2, 3]);
    expect(readdirSync(dir)).toEqual(['state.json.gz']);
  });

  it('an unreadable path is a warning and no state; an unwritable one is a warning, not a throw', async () => {
    const { log, warnings } = recordingLogger();
    mkdirSync(join(dir, 'a-folder'));
    expect(await new FileStateStore(join(dir, 'a-folder'), log).load()).toBeUndefined();
    expect(warnings).toEqual([
      expect.stringMatching(/cannot read .*a-folder .*EISDIR.*starting with no history/),
    ]);

    warnings.length = 0;
    writeFileSync(join(dir, 'a-file'), '');
    await expect(
      new FileStateStore(join(dir, 'a-file', 'state.json.gz'), log).save(new Uint8Array([1])),
    ).resolves.toBeUndefined();
    expect(warnings).toEqual([
      expect.stringMatching(/cannot write .*a-file.*this run's history is not kept/),
    ]);
  });
});

describe('createStateStore', () => {
  const { log } = recordingLogger();
  it('makes the store the options name, and none for `none`', () => {
    expect(createStateStore({ kind: 'none', scope: 'x' }, log)).toBeUndefined();
    expect(createStateStore({ kind: 'file', file: '/tmp/s.json.gz', scope: 'x' }, log)).toBeInstanceOf(
      FileStateStore,
    );
    expect(() => createStateStore({ kind: 'file', scope: 'x' }, log)).toThrow(/needs a file path/);
  });
});

describe('defaultStateScope / stateScopeProblem', () => {
  it('is the source and a hash of what it reads, independent of list order', () => {
    const a = defaultStateScope({
      source: 's3',
      bucket: 'trail',
      accounts: ['1', '2'],
      regions: ['eu-west-1'],
    });
    const b = defaultStateScope({
      source: 's3',
      bucket: 'trail',
      accounts: ['2', '1'],
      regions: ['eu-west-1'],
    });
    expect(a).toBe(b);
    expect(a).toMatch(/^s3-[0-9a-f]{12}$/);
    expect(defaultStateScope({ source: 's3', bucket: 'other', accounts: ['1', '2'] })).not.toBe(a);
    expect(defaultStateScope({ source: 'lookup-events', roleToAssume: 'arn:aws:iam::1:role/a' })).not.toBe(
      defaultStateScope({ source: 'lookup-events', roleToAssume: 'arn:aws:iam::2:role/a' }),
    );
    expect(stateScopeProblem(a)).toBeUndefined();
    expect(stateScopeProblem(defaultStateScope({ source: 'lookup-events' }))).toBeUndefined();
  });

  it.each(['prod', 'prod-eu', 'prod.eu_1', 'A1'])('accepts %s', (scope) => {
    expect(stateScopeProblem(scope)).toBeUndefined();
  });

  it.each(['', 'prod--eu', '-prod', 'prod-', 'a,b', 'a b', 'a/b', 'x'.repeat(101)])('rejects %j', (scope) => {
    expect(stateScopeProblem(scope)).toBeDefined();
  });
});
