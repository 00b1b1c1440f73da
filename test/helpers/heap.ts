/**
 * The heap a structure keeps alive, for tests of memory bounds: collected before and after, so that garbage made
 * while building it does not count. The collector is reached the way `node --expose-gc` would expose it.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Holds what is being measured until it is measured. */
const measuring: unknown[] = [];

/** Bytes of heap that `build`'s result keeps alive. */
export function heapHeldBy(build: () => unknown): number {
  gc();
  gc();
  const before = process.memoryUsage().heapUsed;
  measuring.push(build());
  gc();
  gc();
  const after = process.memoryUsage().heapUsed;
  measuring.length = 0;
  return after - before;
}
