/** How many threads read files (the main one and N - 1 workers), and where the worker's script is. */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../../core/errors.js';

export const WORKERS_ENV = 'CLOUDTRAIL_AUDIT_WORKERS';

/** `--workers N` / CLOUDTRAIL_AUDIT_WORKERS as a count of threads reading files (1 = the main thread alone). */
export function parseWorkers(text: string, what: string): number {
  const value = text.trim();
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 256) {
    throw new UsageError(`${what}: '${text}' is not a number of threads from 1 to 256`);
  }
  return Number(value);
}

/** Whether a number of threads was asked for (the option or the environment variable), rather than defaulted. */
export function workersRequested(
  requested: number | undefined,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  return requested !== undefined || (env[WORKERS_ENV] ?? '').trim() !== '';
}

/** The option, else the environment variable, else the cores Node may use. */
export function workerCount(requested: number | undefined, env: NodeJS.ProcessEnv = process.env): number {
  if (requested !== undefined) return requested;
  const fromEnv = env[WORKERS_ENV];
  if (fromEnv !== undefined && fromEnv.trim() !== '') return parseWorkers(fromEnv, WORKERS_ENV);
  return availableParallelism();
}

/**
 * The bundled worker next to the running bundle (dist/scan-worker.js, dist/cli/scan-worker.js); undefined when
 * running from the sources (tests), where files are read in the main thread unless a script is given.
 */
export function bundledWorkerScript(): string | undefined {
  // Built from a variable, not a literal: the bundler must not try to resolve the worker at build time.
  const name = 'scan-worker.js';
  const script = join(dirname(fileURLToPath(import.meta.url)), name);
  return existsSync(script) ? script : undefined;
}
