/**
 * State in the GitHub Actions cache: the default for the action, needing no set-up and no `permissions:` entry (the
 * cache is reached with the runner's own ACTIONS_RUNTIME_TOKEN).
 *
 * Cache entries are immutable, so every run saves under a key of its own and the next run restores the newest entry
 * whose key starts with this scope's prefix. @actions/cache works on files (it tars them with the system tar), so the
 * document goes through a file under RUNNER_TEMP. The library is loaded only when a run uses this store.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Logger } from '../core/logger.js';
import type { StateStore } from './store.js';

const KEY_PREFIX = 'cloudtrail-audit-state-';

type CacheLibrary = typeof import('@actions/cache');

/**
 * The restore prefix of a scope. The scope ends with `--`, which a scope never contains (see `stateScopeProblem`),
 * so one scope's prefix never matches another scope's keys (`prod` and `prod-eu`).
 */
export function stateCacheKeyPrefix(scope: string): string {
  return `${KEY_PREFIX}${scope}--`;
}

export function stateCacheKey(scope: string, env: NodeJS.ProcessEnv = process.env): string {
  const run = env.GITHUB_RUN_ID || String(Date.now());
  return `${stateCacheKeyPrefix(scope)}${run}-${env.GITHUB_RUN_ATTEMPT || '1'}`;
}

export class ActionsCacheStateStore implements StateStore {
  private readonly file: string;
  private available: boolean | undefined;

  constructor(
    readonly scope: string,
    private readonly log: Logger,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    // The path is part of the cache entry's version, so it must be the same in every run: no random folder.
    this.file = join(env.RUNNER_TEMP || tmpdir(), 'cloudtrail-audit-state', scope, 'state.json.gz');
  }

  describe(): string {
    return `the Actions cache (keys ${stateCacheKeyPrefix(this.scope)}<run id>-<attempt>)`;
  }

  async load(signal?: AbortSignal): Promise<Uint8Array | undefined> {
    const cache = await this.library();
    if (!cache || signal?.aborted) return undefined;
    const prefix = stateCacheKeyPrefix(this.scope);
    try {
      // A file left by an earlier step must not pass for a restored one.
      await rm(this.file, { force: true });
      await mkdir(dirname(this.file), { recursive: true });
      const matched = await cache.restoreCache([this.file], stateCacheKey(this.scope, this.env), [prefix]);
      if (!matched) {
        this.log.info(
          `state: nothing restored from the Actions cache under ${prefix}* (first run, an entry unused for 7 days ` +
            'and evicted, or a cache error logged above): starting with no history',
        );
        return undefined;
      }
      const bytes = new Uint8Array(await readFile(this.file));
      this.log.info(`state: restored ${bytes.length} bytes from the Actions cache entry ${matched}`);
      return bytes;
    } catch (err) {
      this.log.warning(
        `state: cannot restore from the Actions cache (${(err as Error).message}): starting with no history`,
      );
      return undefined;
    }
  }

  async save(bytes: Uint8Array): Promise<void> {
    const cache = await this.library();
    if (!cache) return;
    const key = stateCacheKey(this.scope, this.env);
    try {
      await mkdir(dirname(this.file), { recursive: true });
      await writeFile(this.file, bytes);
      // saveCache logs its own failures (an existing key, a service error) and answers -1 instead of throwing.
      const id = await cache.saveCache([this.file], key);
      if (id === -1) {
        this.log.warning(
          `state: not saved to the Actions cache as ${key} (see the cache message above); ` +
            'the next run reads the newest state saved before this one',
        );
      } else {
        this.log.info(`state: saved ${bytes.length} bytes to the Actions cache as ${key}`);
      }
    } catch (err) {
      this.log.warning(`state: cannot save to the Actions cache as ${key} (${(err as Error).message})`);
    } finally {
      await rm(this.file, { force: true }).catch(() => {});
    }
  }

  /** The cache library, or undefined (said once, as a warning) when there is no cache service to talk to. */
  private async library(): Promise<CacheLibrary | undefined> {
    if (this.available === false) return undefined;
    let cache: CacheLibrary;
    try {
      // A separate chunk in the bundles: runs without this store never load it.
      cache = await import('@actions/cache');
    } catch (err) {
      this.available = false;
      this.log.warning(
        `state: cannot load the Actions cache library (${(err as Error).message}): no state is kept`,
      );
      return undefined;
    }
    if (this.available === undefined) {
      // Stand-ins for the library (@github/local-action's keeps the cache in a local folder) may offer only
      // restoreCache and saveCache: with no isFeatureAvailable to ask, the cache is there to use.
      this.available =
        typeof cache.isFeatureAvailable === 'function' ? cache.isFeatureAvailable() : 'restoreCache' in cache;
      if (!this.available) {
        this.log.warning(
          'state: the Actions cache is not available here (no ACTIONS_RESULTS_URL or ACTIONS_CACHE_URL: not a ' +
            'GitHub Actions run?): no history is read or saved, so first-seen rules only learn from this run; ' +
            "use 'state: file' to keep it elsewhere",
        );
        return undefined;
      }
    }
    return cache;
  }
}
