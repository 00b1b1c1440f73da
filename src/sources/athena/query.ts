/**
 * One Athena query run to its end: StartQueryExecution, then GetQueryExecution polled with backoff through
 * QUEUED / RUNNING until SUCCEEDED, FAILED or CANCELLED. When the signal aborts first, the query is stopped
 * (StopQueryExecution) so that it stops scanning, and billing, at once, and what it scanned until then is read.
 *
 * A FAILED query is read through Status.AthenaError (ErrorCategory 1 system, 2 user, 3 other; ErrorType;
 * Retryable): one that Athena marks retryable is run again (a new query), up to `retries` times, with backoff.
 * Every query that ended is told to `onEnded` with the bytes it scanned: Athena bills a cancelled query for them
 * (and reports them for a failed one, which it does not bill).
 *
 * Throttling (TooManyRequestsException) and 5xx answers are retried by the SDK's standard retry strategy,
 * which classifies TooManyRequestsException as a throttling error; `apiCalls` counts every HTTP attempt.
 */
import {
  GetQueryExecutionCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
  type AthenaClient,
  type QueryExecution,
  type StartQueryExecutionInput,
} from '@aws-sdk/client-athena';
import { abortError, sleep } from '../sleep.js';
import { AthenaSourceError, describeAthenaError } from './errors.js';

export interface QueryContext {
  client: AthenaClient;
  database: string;
  /** Default: the primary workgroup (or the credentials' default). */
  workGroup?: string;
  /** `s3://bucket/path/`; default: the workgroup's result location. */
  outputLocation?: string;
  stats: { apiCalls: number };
  /** Backoff of the status polls: first delay, growth factor, longest delay (ms). */
  poll: { initialMs: number; factor: number; maxMs: number };
  signal?: AbortSignal;
}

export interface FinishedQuery {
  id: string;
  state: 'SUCCEEDED';
  bytesScanned: number;
  engineMs: number;
  totalMs: number;
}

/** Status.AthenaError of a failed query. */
export interface AthenaErrorInfo {
  /** 1 system, 2 user, 3 other. */
  category?: number;
  type?: number;
  retryable?: boolean;
  message?: string;
}

/** A query that failed, or that someone else cancelled: Athena's reason, and what it scanned. */
export class QueryFailure extends AthenaSourceError {
  constructor(
    message: string,
    readonly queryId: string,
    readonly state: 'FAILED' | 'CANCELLED',
    readonly reason: string,
    readonly athenaError: AthenaErrorInfo | undefined,
  ) {
    super(message);
  }

  /**
   * Trino could not compile the query's expressions into JVM methods of at most 64 KB: QUERY_EXCEEDED_COMPILER_LIMIT
   * (current Trino; "Query exceeded maximum filters..."), COMPILER_ERROR "Compiler failed" or "Method too large"
   * (older engines). Fewer rules a query compile.
   */
  get compilerLimit(): boolean {
    return /QUERY_EXCEEDED_COMPILER_LIMIT|exceeded maximum filters|Compiler failed|Method (code )?too large/i.test(
      `${this.reason} ${this.athenaError?.message ?? ''}`,
    );
  }
}

/** How a query ended, for the bill: every query that Athena ran is told, whatever its end. */
export interface EndedQuery {
  id: string;
  state: 'SUCCEEDED' | 'FAILED' | 'CANCELLED';
  bytesScanned: number;
  engineMs: number;
}

export const DEFAULT_POLL = { initialMs: 500, factor: 1.5, maxMs: 5_000 };

/** Runs of a query that failed with an error Athena marks retryable, at most (the first run included). */
export const RETRYABLE_ATTEMPTS = 3;

/** HTTP attempts of an SDK call (its retries included); 1 when the error does not say. */
export function attempts(value: unknown): number {
  const n = (value as { $metadata?: { attempts?: unknown } } | undefined)?.$metadata?.attempts;
  return typeof n === 'number' && n > 0 ? n : 1;
}

async function send<T>(ctx: QueryContext, call: () => Promise<T>): Promise<T> {
  try {
    const output = await call();
    ctx.stats.apiCalls += attempts(output);
    return output;
  } catch (err) {
    ctx.stats.apiCalls += attempts(err);
    throw err;
  }
}

/**
 * Runs `sql` until it succeeds. Throws QueryFailure when it fails (after the retries of an error Athena marks
 * retryable) or is cancelled by someone else, and an AbortError when `ctx.signal` aborted (after stopping the
 * query). `onStarted` is told each query id as soon as Athena gives it, `onEnded` how each query ended.
 */
export async function runQuery(
  ctx: QueryContext,
  sql: string,
  what: string,
  onStarted?: (id: string) => void,
  onEnded?: (query: EndedQuery) => void,
): Promise<FinishedQuery> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await runOnce(ctx, sql, what, onStarted, onEnded);
    } catch (err) {
      if (!(err instanceof QueryFailure) || !err.athenaError?.retryable || attempt >= RETRYABLE_ATTEMPTS)
        throw err;
      await sleep(ctx.poll.initialMs * 4 ** attempt, ctx.signal);
    }
  }
}

async function runOnce(
  ctx: QueryContext,
  sql: string,
  what: string,
  onStarted?: (id: string) => void,
  onEnded?: (query: EndedQuery) => void,
): Promise<FinishedQuery> {
  const { signal } = ctx;
  if (signal?.aborted) throw abortError();
  const input: StartQueryExecutionInput = {
    QueryString: sql,
    QueryExecutionContext: { Database: ctx.database },
    ...(ctx.workGroup ? { WorkGroup: ctx.workGroup } : {}),
    ...(ctx.outputLocation ? { ResultConfiguration: { OutputLocation: ctx.outputLocation } } : {}),
  };
  let id: string;
  try {
    // Not aborted midway: a query that Athena started must be known by its id, to be stopped.
    const started = await send(ctx, () => ctx.client.send(new StartQueryExecutionCommand(input)));
    if (!started.QueryExecutionId) throw new Error('StartQueryExecution returned no QueryExecutionId');
    id = started.QueryExecutionId;
  } catch (err) {
    if (signal?.aborted) throw abortError();
    throw new AthenaSourceError(`cannot start the ${what}: ${describeAthenaError(err, ctx)}`);
  }
  onStarted?.(id);
  const stopped = async () => {
    await stopQuery(ctx, id);
    const last = await lastExecution(ctx, id);
    onEnded?.({ id, state: 'CANCELLED', ...statistics(last) });
    return abortError();
  };
  if (signal?.aborted) throw await stopped();

  let delay = ctx.poll.initialMs;
  for (;;) {
    let execution: QueryExecution | undefined;
    try {
      await sleep(delay, signal);
      const output = await send(ctx, () =>
        ctx.client.send(new GetQueryExecutionCommand({ QueryExecutionId: id }), { abortSignal: signal }),
      );
      execution = output.QueryExecution;
    } catch (err) {
      if (signal?.aborted) throw await stopped();
      throw new AthenaSourceError(
        `cannot follow the ${what} (query ${id}): ${describeAthenaError(err, ctx)}`,
      );
    }
    delay = Math.min(ctx.poll.maxMs, delay * ctx.poll.factor);
    const state = execution?.Status?.State;
    const reason = oneLine(execution?.Status?.StateChangeReason);
    if (state === 'SUCCEEDED' || state === 'FAILED' || state === 'CANCELLED') {
      const { bytesScanned, engineMs } = statistics(execution);
      onEnded?.({ id, state, bytesScanned, engineMs });
      if (state === 'SUCCEEDED') {
        return {
          id,
          state,
          bytesScanned,
          engineMs,
          totalMs: execution?.Statistics?.TotalExecutionTimeInMillis ?? 0,
        };
      }
      if (state === 'CANCELLED' && signal?.aborted) throw abortError();
      const error = execution?.Status?.AthenaError;
      const info: AthenaErrorInfo | undefined = error
        ? {
            ...(error.ErrorCategory !== undefined ? { category: error.ErrorCategory } : {}),
            ...(error.ErrorType !== undefined ? { type: error.ErrorType } : {}),
            ...(error.Retryable !== undefined ? { retryable: error.Retryable } : {}),
            ...(error.ErrorMessage ? { message: oneLine(error.ErrorMessage) } : {}),
          }
        : undefined;
      const because = reason || info?.message || 'Athena gave no reason';
      const message =
        state === 'FAILED'
          ? `the ${what} failed (query ${id}${describeCategory(info)}): ${because}`
          : `the ${what} was cancelled outside this run (query ${id})${reason ? `: ${reason}` : ''}`;
      throw new QueryFailure(message, id, state, because, info);
    }
    // QUEUED, RUNNING: poll again.
  }
}

function statistics(execution: QueryExecution | undefined): { bytesScanned: number; engineMs: number } {
  return {
    bytesScanned: execution?.Statistics?.DataScannedInBytes ?? 0,
    engineMs: execution?.Statistics?.EngineExecutionTimeInMillis ?? 0,
  };
}

/** `; a user error, retryable`: Athena's ErrorCategory and Retryable, in words. */
function describeCategory(info: AthenaErrorInfo | undefined): string {
  if (!info) return '';
  const category = { 1: 'a system error', 2: 'a user error', 3: 'an error' }[info.category ?? 0];
  const parts = [
    ...(category ? [category] : []),
    ...(info.type !== undefined ? [`type ${info.type}`] : []),
    ...(info.retryable ? ['retryable'] : []),
  ];
  return parts.length ? `; ${parts.join(', ')}` : '';
}

/** The execution after a stop (best effort, bounded): what the stopped query scanned, for the bill. */
async function lastExecution(ctx: QueryContext, id: string): Promise<QueryExecution | undefined> {
  try {
    const output = await send(ctx, () =>
      ctx.client.send(new GetQueryExecutionCommand({ QueryExecutionId: id }), {
        abortSignal: AbortSignal.timeout(10_000),
      }),
    );
    return output.QueryExecution;
  } catch {
    return undefined;
  }
}

/** Asks Athena to stop a query (best effort: the run is being cancelled and must not wait long). */
export async function stopQuery(ctx: QueryContext, id: string): Promise<boolean> {
  try {
    await send(ctx, () =>
      ctx.client.send(new StopQueryExecutionCommand({ QueryExecutionId: id }), {
        abortSignal: AbortSignal.timeout(10_000),
      }),
    );
    return true;
  } catch {
    return false;
  }
}

export function oneLine(text: string | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim().slice(0, 1000);
}
