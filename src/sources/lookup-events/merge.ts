/** Several producers (one per Region) into one async iterable, with backpressure. */

export type Producer<T> = (emit: (item: T) => Promise<void>, signal: AbortSignal) => Promise<void>;

/**
 * Runs the producers at once and yields what they emit, in arrival order. A producer that emits while
 * `capacity` items wait is held until the consumer takes one. When the consumer stops early (break, return,
 * throw), the producers' signal is aborted and they are awaited. A producer's rejection is rethrown to the
 * consumer after the items already emitted (producers are expected to report their own errors).
 */
export async function* mergeProducers<T>(producers: Producer<T>[], capacity = 4): AsyncGenerator<T> {
  const controller = new AbortController();
  const queue: T[] = [];
  const space: (() => void)[] = [];
  let wake: (() => void) | undefined;
  let running = producers.length;
  let failed = false;
  let failure: unknown;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const emit = async (item: T) => {
    while (queue.length >= capacity && !controller.signal.aborted) {
      await new Promise<void>((resolve) => space.push(resolve));
    }
    if (controller.signal.aborted) throw Object.assign(new Error('aborted'), { name: 'AbortError' });
    queue.push(item);
    notify();
  };
  const tasks = producers.map((produce) =>
    produce(emit, controller.signal)
      .catch((err: unknown) => {
        if (!controller.signal.aborted && !failed) {
          failed = true;
          failure = err;
        }
      })
      .finally(() => {
        running--;
        notify();
      }),
  );
  try {
    for (;;) {
      if (queue.length > 0) {
        const item = queue.shift()!;
        space.shift()?.();
        yield item;
        continue;
      }
      if (failed) throw failure;
      if (running === 0) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    controller.abort();
    for (const release of space.splice(0)) release();
    await Promise.allSettled(tasks);
  }
}
