/**
 * The Actions cache store through the real @actions/cache (service v2, system tar) against a loopback cache service.
 * The library reads its endpoints from process.env at call time, so each test sets a runner's environment.
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../../src/core/logger.js';
import {
  ActionsCacheStateStore,
  createStateStore,
  decodeState,
  encodeState,
  newStateDocument,
  stateCacheKeyPrefix,
} from '../../src/state/index.js';
import { ActionsCacheServer } from '../helpers/actions-cache-server.js';
import { tempDir } from '../helpers/run-process.js';

const RUNNER_VARS = [
  'ACTIONS_CACHE_SERVICE_V2',
  'ACTIONS_RESULTS_URL',
  'ACTIONS_CACHE_URL',
  'ACTIONS_RUNTIME_TOKEN',
  'GITHUB_WORKSPACE',
  'RUNNER_TEMP',
  'GITHUB_RUN_ID',
  'GITHUB_RUN_ATTEMPT',
  'GITHUB_SERVER_URL',
  'ACTIONS_CACHE_MODE',
];

function recordingLogger() {
  const messages: { level: 'info' | 'warning'; text: string }[] = [];
  const log: Logger = {
    info: (text) => messages.push({ level: 'info', text }),
    warning: (text) => messages.push({ level: 'warning', text }),
    debug: () => {},
  };
  const warnings = () => messages.filter((m) => m.level === 'warning').map((m) => m.text);
  return { log, messages, warnings };
}

function stateBytes(scope: string, marker: string): Uint8Array {
  return encodeState(newStateDocument(scope, { firstSeen: { marker } }, Date.UTC(2024, 5, 3))).bytes;
}

function markerOf(bytes: Uint8Array | undefined, scope: string): unknown {
  expect(bytes).toBeDefined();
  const decoded = decodeState(bytes!, scope);
  if (!('doc' in decoded)) throw new Error(decoded.warning);
  return (decoded.doc.sections.firstSeen as { marker: string }).marker;
}

describe('ActionsCacheStateStore with @actions/cache against a loopback cache service', () => {
  let server: ActionsCacheServer;
  let saved: Record<string, string | undefined>;
  let libraryOutput: string[];
  let dir: string;

  /** Sets the environment of one run: a runner's variables, with this run id. */
  function run(runId: string, attempt = '1'): void {
    Object.assign(process.env, server.env(), {
      GITHUB_WORKSPACE: join(dir, 'work'),
      RUNNER_TEMP: join(dir, 'temp'),
      GITHUB_RUN_ID: runId,
      GITHUB_RUN_ATTEMPT: attempt,
    });
    // A new job starts with an empty RUNNER_TEMP.
    rmSync(join(dir, 'temp'), { recursive: true, force: true });
    mkdirSync(join(dir, 'temp'), { recursive: true });
    mkdirSync(join(dir, 'work'), { recursive: true });
  }

  beforeEach(async () => {
    saved = Object.fromEntries(RUNNER_VARS.map((name) => [name, process.env[name]]));
    for (const name of RUNNER_VARS) delete process.env[name];
    dir = tempDir('cta-cache-');
    server = new ActionsCacheServer();
    await server.start();
    // @actions/core writes workflow commands (::warning::, ::debug::) to stdout: keep them to check what the
    // library told the log, and out of the test output.
    libraryOutput = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      libraryOutput.push(String(chunk));
      return true;
    });
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    await server.stop();
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('saves under a key per run and restores the newest entry of its scope in a later run', async () => {
    const { log, warnings } = recordingLogger();
    run('100');
    const first = new ActionsCacheStateStore('s3-abc', log);
    expect(await first.load()).toBeUndefined();
    await first.save(stateBytes('s3-abc', 'run 100'));

    run('101');
    const second = new ActionsCacheStateStore('s3-abc', log);
    expect(markerOf(await second.load(), 's3-abc')).toBe('run 100');
    await second.save(stateBytes('s3-abc', 'run 101'));

    // Another scope whose name starts like this one: its entries must never be restored here.
    run('102');
    const other = new ActionsCacheStateStore('s3-abc-eu', log);
    expect(await other.load()).toBeUndefined();
    await other.save(stateBytes('s3-abc-eu', 'other scope'));

    run('103');
    const third = new ActionsCacheStateStore('s3-abc', log);
    expect(markerOf(await third.load(), 's3-abc')).toBe('run 101');
    await third.save(stateBytes('s3-abc', 'run 103'));
    // The state file does not stay behind in RUNNER_TEMP after a save.
    expect(existsSync(join(dir, 'temp', 'cloudtrail-audit-state', 's3-abc', 'state.json.gz'))).toBe(false);

    expect(server.keys()).toEqual([
      `${stateCacheKeyPrefix('s3-abc')}100-1`,
      `${stateCacheKeyPrefix('s3-abc')}101-1`,
      `${stateCacheKeyPrefix('s3-abc-eu')}102-1`,
      `${stateCacheKeyPrefix('s3-abc')}103-1`,
    ]);
    expect(warnings()).toEqual([]);
    const operations = new Set(server.requests.map((r) => r.operation));
    expect(operations).toEqual(
      new Set([
        'GetCacheEntryDownloadURL',
        'CreateCacheEntry',
        'PutBlob',
        'FinalizeCacheEntryUpload',
        'GetBlob',
      ]),
    );
  });

  it('a second save under the same key (same run and attempt) warns and does not fail the run', async () => {
    const { log, warnings } = recordingLogger();
    run('200');
    const store = new ActionsCacheStateStore('lookup-events-1', log);
    await store.save(stateBytes('lookup-events-1', 'first'));
    await expect(store.save(stateBytes('lookup-events-1', 'second'))).resolves.toBeUndefined();
    expect(server.keys()).toEqual([`${stateCacheKeyPrefix('lookup-events-1')}200-1`]);
    expect(warnings()).toEqual([expect.stringContaining('not saved to the Actions cache')]);
    expect(server.requests.filter((r) => r.operation === 'CreateCacheEntry').map((r) => r.status)).toEqual([
      200, 409,
    ]);

    // A rerun (attempt 2) has a key of its own, and reads what attempt 1 saved.
    run('200', '2');
    const rerun = new ActionsCacheStateStore('lookup-events-1', log);
    expect(markerOf(await rerun.load(), 'lookup-events-1')).toBe('first');
    await rerun.save(stateBytes('lookup-events-1', 'rerun'));
    expect(server.keys()).toHaveLength(2);
  });

  it('a cache service that is down gives a warning and no state, not a crash', async () => {
    const { log, warnings } = recordingLogger();
    run('300');
    await server.stop();
    const store = new ActionsCacheStateStore('files-x', log);
    await expect(store.load()).resolves.toBeUndefined();
    await expect(store.save(stateBytes('files-x', 'lost'))).resolves.toBeUndefined();
    expect(libraryOutput.join('')).toMatch(/::warning::Failed to restore/);
    expect(warnings()).toEqual([expect.stringContaining('not saved to the Actions cache')]);
  });

  it('a failing download (500) gives a warning and no state', async () => {
    const { log } = recordingLogger();
    run('400');
    await new ActionsCacheStateStore('files-x', log).save(stateBytes('files-x', 'saved'));
    run('401');
    server.fail('download', 500);
    await expect(new ActionsCacheStateStore('files-x', log).load()).resolves.toBeUndefined();
    expect(libraryOutput.join('')).toMatch(/::(warning|error)::Failed to restore: .*500/);
    // The entry is still there for the next run.
    run('402');
    expect(markerOf(await new ActionsCacheStateStore('files-x', log).load(), 'files-x')).toBe('saved');
  });

  it('a rejected runtime token (401) gives a warning and no state', async () => {
    const { log } = recordingLogger();
    run('500');
    process.env.ACTIONS_RUNTIME_TOKEN = 'not-the-token';
    await expect(new ActionsCacheStateStore('files-x', log).load()).resolves.toBeUndefined();
    expect(libraryOutput.join('')).toMatch(/::warning::Failed to restore: .*401/);
  });

  it('a read-only cache (an untrusted event: ACTIONS_CACHE_MODE=read) restores, and saving warns', async () => {
    const { log, warnings } = recordingLogger();
    run('600');
    await new ActionsCacheStateStore('files-x', log).save(stateBytes('files-x', 'trusted run'));
    run('601');
    process.env.ACTIONS_CACHE_MODE = 'read';
    const store = new ActionsCacheStateStore('files-x', log);
    expect(markerOf(await store.load(), 'files-x')).toBe('trusted run');
    await store.save(stateBytes('files-x', 'untrusted run'));
    expect(warnings()).toEqual([expect.stringContaining('not saved to the Actions cache')]);
    expect(server.keys()).toEqual([`${stateCacheKeyPrefix('files-x')}600-1`]);
  });

  it('outside GitHub Actions (no cache service) it warns once and works as "no state"', async () => {
    const { log, warnings } = recordingLogger();
    const store = createStateStore({ kind: 'actions-cache', scope: 'files-x' }, log)!;
    expect(store.describe()).toContain('Actions cache');
    expect(await store.load()).toBeUndefined();
    await store.save(stateBytes('files-x', 'nowhere'));
    expect(warnings()).toEqual([expect.stringContaining('the Actions cache is not available here')]);
    expect(server.requests).toEqual([]);
  });
});
