import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Logger } from '../core/logger.js';
import type { StateStore } from './store.js';

/** State in a file: for the CLI, and for users who keep the file elsewhere (an artifact, a bucket, a branch). */
export class FileStateStore implements StateStore {
  constructor(
    readonly path: string,
    private readonly log: Logger,
  ) {}

  describe(): string {
    return `the file ${this.path}`;
  }

  async load(signal?: AbortSignal): Promise<Uint8Array | undefined> {
    try {
      return new Uint8Array(await readFile(this.path, { signal }));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') {
        this.log.info(`state: ${this.path} does not exist yet; it is written at the end of this run`);
      } else if ((err as Error).name !== 'AbortError') {
        this.log.warning(
          `state: cannot read ${this.path} (${(err as Error).message}): starting with no history`,
        );
      }
      return undefined;
    }
  }

  /** Writes a temporary file next to the target and renames it over: a reader never sees half a document. */
  async save(bytes: Uint8Array): Promise<void> {
    const temp = join(dirname(this.path), `.${basename(this.path)}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      await mkdir(dirname(this.path), { recursive: true });
      await writeFile(temp, bytes);
      await rename(temp, this.path);
    } catch (err) {
      await rm(temp, { force: true }).catch(() => {});
      this.log.warning(
        `state: cannot write ${this.path} (${(err as Error).message}): this run's history is not kept`,
      );
    }
  }
}
