/**
 * The heap a structure keeps alive, for tests of memory bounds: collected before and after, so that garbage made
 * while building it does not count. The collector is reached the way `node --expose-gc` would expose it.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** A full collection, twice (what a finalizer frees in the first is collected in the second). */
export function collectGarbage(): void {
  gc();
  gc();
}

/** Holds what is being measured until it is measured. */
const measuring: unknown[] = [];

/** Bytes of heap that `build`'s result keeps alive. */
export function heapHeldBy(build: () => unknown): number {
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  measuring.push(build());
  collectGarbage();
  const after = process.memoryUsage().heapUsed;
  measuring.length = 0;
  return after - before;
}
