/**
 * One Athena query run to its end: StartQueryExecution, then GetQueryExecution polled with backoff through
 * QUEUED / RUNNING until SUCCEEDED, FAILED or CANCELLED. When the signal aborts first, the query is stopped
 * (StopQueryExecution) so that it stops scanning, and billing, at once.
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

export const DEFAULT_POLL = { initialMs: 500, factor: 1.5, maxMs: 5_000 };

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
 * Runs `sql` until it succeeds. Throws AthenaSourceError when it fails or is cancelled by someone else (with
 * Athena's reason), and an AbortError when `ctx.signal` aborted (after stopping the query).
 * `onStarted` is told the query id as soon as Athena gives it.
 */
export async function runQuery(
  ctx: QueryContext,
  sql: string,
  what: string,
  onStarted?: (id: string) => void,
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
  if (signal?.aborted) {
    await stopQuery(ctx, id);
    throw abortError();
  }

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
      if (signal?.aborted) {
        await stopQuery(ctx, id);
        throw abortError();
      }
      throw new AthenaSourceError(
        `cannot follow the ${what} (query ${id}): ${describeAthenaError(err, ctx)}`,
      );
    }
    delay = Math.min(ctx.poll.maxMs, delay * ctx.poll.factor);
    const state = execution?.Status?.State;
    const reason = execution?.Status?.StateChangeReason;
    if (state === 'SUCCEEDED') {
      const s = execution?.Statistics ?? {};
      return {
        id,
        state,
        bytesScanned: s.DataScannedInBytes ?? 0,
        engineMs: s.EngineExecutionTimeInMillis ?? 0,
        totalMs: s.TotalExecutionTimeInMillis ?? 0,
      };
    }
    if (state === 'FAILED') {
      throw new AthenaSourceError(
        `the ${what} failed (query ${id}): ${oneLine(reason) || 'Athena gave no reason'}`,
      );
    }
    if (state === 'CANCELLED') {
      if (signal?.aborted) throw abortError();
      throw new AthenaSourceError(
        `the ${what} was cancelled outside this run (query ${id})${reason ? `: ${oneLine(reason)}` : ''}`,
      );
    }
    // QUEUED, RUNNING: poll again.
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

function oneLine(text: string | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim().slice(0, 1000);
}
