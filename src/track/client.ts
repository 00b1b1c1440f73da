/**
 * The Octokit that tracking uses: @actions/github's (proxy-aware, GITHUB_API_URL for GitHub Enterprise Server) with
 * the throttling and retry plugins.
 *
 * - Secondary rate limits (403/429 with `retry-after`, or a "secondary rate limit" message) are waited out, up to
 *   three times a request; a primary rate limit is waited out only when it resets within five minutes (a scheduled
 *   audit should fail and be picked up by the next run rather than hold a runner for an hour).
 * - Writes are spaced as GitHub asks: one second apart, and three seconds apart for those that notify people
 *   (new issues, comments). The throttling plugin's own spacing is used, with its limiter groups made per client.
 * - Server errors and dropped connections are retried (1 s, 4 s, 9 s); 4xx answers are not, 429 included, which is
 *   the throttling plugin's to wait out.
 * - Every request gives up after 60 s, so that a GitHub that stops answering cannot hold the job until it times out.
 *
 * `CLOUDTRAIL_AUDIT_GITHUB_PACE` (a factor, default 1) scales the waits this tool chooses (write spacing, retry
 * back-off), never a wait GitHub asks for; tests against a local server set it to 0.
 */
import { getOctokit } from '@actions/github';
import { defaults as actionsDefaults } from '@actions/github/lib/utils';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import type { Logger } from '../core/logger.js';

export type Octokit = ReturnType<typeof getOctokit>;

export interface ClientOptions {
  token: string;
  /** The REST API root; default GITHUB_API_URL, else https://api.github.com. */
  baseUrl?: string;
  log: Logger;
  /** Scales this tool's own waits (default from CLOUDTRAIL_AUDIT_GITHUB_PACE, else 1). */
  pace?: number;
  /** Per-request time limit in milliseconds (default 60,000). */
  requestTimeoutMs?: number;
}

const SECONDARY_RETRIES = 3;
const PRIMARY_WAIT_MAX_S = 300;

export function createOctokit(options: ClientOptions): Octokit {
  const pace = options.pace ?? paceFromEnv();
  const log = options.log;
  const timeout = options.requestTimeoutMs ?? 60_000;
  const baseFetch = (actionsDefaults.request?.fetch as typeof fetch | undefined) ?? fetch;
  const timedFetch: typeof fetch = (input, init) =>
    baseFetch(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(timeout) });

  return getOctokit(
    options.token,
    {
      baseUrl: (options.baseUrl || process.env.GITHUB_API_URL || 'https://api.github.com').replace(
        /\/+$/,
        '',
      ),
      request: { fetch: timedFetch },
      log: {
        debug: (m: string) => log.debug(m),
        info: (m: string) => log.debug(m),
        warn: (m: string) => log.warning(m),
        error: (m: string) => log.warning(m),
      },
      throttle: {
        // Groups of our own (the plugin's default groups are shared by every client in the process).
        write: new Spacer(1000 * pace) as never,
        notifications: new Spacer(3000 * pace) as never,
        onSecondaryRateLimit: (retryAfter, request, _octokit, retryCount) => {
          const again = retryCount < SECONDARY_RETRIES;
          log.warning(
            `GitHub secondary rate limit on ${request.method} ${request.url}: ` +
              (again ? `waiting ${retryAfter} s as GitHub asks, then retrying` : 'giving up after 3 waits'),
          );
          return again;
        },
        onRateLimit: (retryAfter, request, _octokit, retryCount) => {
          const again = retryCount < 1 && retryAfter <= PRIMARY_WAIT_MAX_S;
          log.warning(
            `GitHub rate limit reached on ${request.method} ${request.url}: ` +
              (again ? `waiting ${retryAfter} s for the reset` : `it resets in ${retryAfter} s; not waiting`),
          );
          return again;
        },
      },
      retry: {
        doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
        retries: 3,
        retryAfterBaseValue: 1000 * pace,
      },
    },
    throttling,
    retry,
  );
}

function paceFromEnv(): number {
  const value = Number(process.env.CLOUDTRAIL_AUDIT_GITHUB_PACE ?? '1');
  return Number.isFinite(value) && value >= 0 ? Math.min(value, 10) : 1;
}

/**
 * Spaces jobs `minTime` ms apart, one at a time: the part of a Bottleneck group the throttling plugin uses for its
 * write and notification limiters (`group.key(id).schedule(options, fn, ...args)`).
 */
export class Spacer {
  private next = 0;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly minTime: number) {}

  key(): this {
    return this;
  }

  schedule<T, A extends unknown[]>(
    _options: unknown,
    fn: (...args: A) => T | Promise<T>,
    ...args: A
  ): Promise<T> {
    const turn = this.queue.then(async () => {
      const wait = this.next - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      this.next = Date.now() + this.minTime;
    });
    this.queue = turn.catch(() => undefined);
    return turn.then(() => fn(...args));
  }
}
