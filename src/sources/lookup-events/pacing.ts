/**
 * Pacing and retries of LookupEvents requests, in one place: a gate per account and Region spaces the requests
 * (at most `requestsPerSecond`, slower after throttling), and `pacedCall` retries throttling and transient
 * errors with exponential backoff, each attempt going through the gate again. A throttled answer pauses the
 * whole Region's gate (all its lookups back off together) and slows its pace. Errors that a retry cannot
 * fix (access denied, bad credentials, invalid parameters) are thrown at once. The SDK's own retries are turned off (maxAttempts 1) so that no request
 * bypasses the gate and every request is counted.
 */

export interface RetryPolicy {
  /** Attempts per request, the first included. */
  maxAttempts: number;
  /** First backoff in milliseconds; doubled per attempt, with jitter, up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 10, baseDelayMs: 500, maxDelayMs: 20_000 };

import { abortError, sleep } from '../sleep.js';

/**
 * Spaces requests at least 1/rate seconds apart (plus 5 %: timers fire late, and a request that reaches the
 * service early counts against the previous second). Slots are handed out in call order. The rate adapts:
 * a throttled answer cuts it by 30 % (down to 1/8 of the configured rate: the account's quota is shared with
 * whatever else calls LookupEvents in it) and each success adds back 1/10 of the configured rate.
 */
export class RequestGate {
  private nextSlot = 0;
  private pausedUntil = 0;
  private rate: number;

  constructor(readonly requestsPerSecond: number) {
    if (!(requestsPerSecond > 0)) throw new RangeError('requestsPerSecond must be above 0');
    this.rate = requestsPerSecond;
  }

  /** The current spacing of requests, in milliseconds. */
  get intervalMs(): number {
    return (1000 / this.rate) * 1.05;
  }

  /** Waits for the next free slot. */
  async wait(signal?: AbortSignal): Promise<void> {
    for (;;) {
      let now = performance.now();
      if (this.pausedUntil > now) {
        await sleep(this.pausedUntil - now, signal);
        continue;
      }
      const slot = Math.max(now, this.nextSlot);
      this.nextSlot = slot + this.intervalMs;
      if (slot > now) await sleep(slot - now, signal);
      now = performance.now();
      // Paused while this caller slept (another request was throttled): queue again behind the pause.
      if (this.pausedUntil > now) continue;
      return;
    }
  }

  /** A request was throttled: no request before `ms` from now, and a slower pace. */
  throttled(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, performance.now() + ms);
    this.rate = Math.max(this.requestsPerSecond / 8, this.rate * 0.7);
  }

  /** A request was served: the pace recovers towards the configured rate. */
  succeeded(): void {
    this.rate = Math.min(this.requestsPerSecond, this.rate + this.requestsPerSecond / 10);
  }
}

export type ErrorKind = 'throttle' | 'transient' | 'fatal';

const THROTTLE_CODES = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
]);
const TRANSIENT_CODES = new Set([
  'InternalFailure',
  'InternalError',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
]);

/** Whether an error is worth retrying: throttling, a 5xx, or the network; anything else is fatal. */
export function classifyError(err: unknown): ErrorKind {
  const e = (typeof err === 'object' && err !== null ? err : {}) as {
    name?: unknown;
    code?: unknown;
    $metadata?: { httpStatusCode?: unknown };
  };
  const names = [e.name, e.code].filter((v): v is string => typeof v === 'string');
  const status = e.$metadata?.httpStatusCode;
  if (names.some((n) => THROTTLE_CODES.has(n)) || status === 429) return 'throttle';
  if (names.some((n) => n === 'AbortError')) return 'fatal';
  if (names.some((n) => TRANSIENT_CODES.has(n)) || (typeof status === 'number' && status >= 500)) {
    return 'transient';
  }
  // No HTTP answer at all (socket closed, DNS): the network.
  if (
    status === undefined &&
    err instanceof Error &&
    /socket|network|ECONN|EPIPE|ETIMEDOUT/i.test(err.message)
  ) {
    return 'transient';
  }
  return 'fatal';
}

export interface CallHooks {
  /** Before each attempt (every request, for stats.apiCalls). */
  onAttempt(): void;
  /** After a retryable failure, before the backoff. */
  onRetry?(kind: ErrorKind, attempt: number, delayMs: number, err: unknown): void;
}

/** Thrown when the attempts ran out; `cause` is the last error. */
export class RetriesExhaustedError extends Error {
  override readonly name = 'RetriesExhaustedError';
  constructor(
    readonly attempts: number,
    override readonly cause: unknown,
  ) {
    super(`gave up after ${attempts} attempts`);
  }
}

/** `send` through the gate, retried per `policy` (see the module comment). */
export async function pacedCall<T>(
  gate: RequestGate,
  send: () => Promise<T>,
  policy: RetryPolicy,
  hooks: CallHooks,
  signal?: AbortSignal,
  random: () => number = Math.random,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    await gate.wait(signal);
    hooks.onAttempt();
    try {
      const result = await send();
      gate.succeeded();
      return result;
    } catch (err) {
      if (signal?.aborted) throw abortError();
      const kind = classifyError(err);
      if (kind === 'fatal') throw err;
      if (attempt >= policy.maxAttempts) throw new RetriesExhaustedError(attempt, err);
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      const delay = ceiling / 2 + random() * (ceiling / 2);
      hooks.onRetry?.(kind, attempt, delay, err);
      if (kind === 'throttle') gate.throttled(delay);
      else await sleep(delay, signal);
    }
  }
}
