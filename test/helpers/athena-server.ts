/**
 * An Amazon Athena JSON-protocol server on 127.0.0.1 for tests, reached by the real SDK through
 * `AWS_ENDPOINT_URL_ATHENA` (or a client's `endpoint`). Requests are signed by the SDK; signatures are not checked.
 *
 * `POST /` with `X-Amz-Target: AmazonAthena.<Operation>`, `application/x-amz-json-1.1`:
 * - StartQueryExecution records the query (SQL, database, workgroup, output location) and answers its id; the
 *   test's `answer` function decides the query's outcome from its SQL: a terminal state (SUCCEEDED, FAILED with a
 *   reason, CANCELLED), result columns and rows, bytes scanned.
 * - GetQueryExecution walks a query through QUEUED → RUNNING → its terminal state, one state per poll
 *   (`pollsQueued` / `pollsRunning` polls each), with Statistics (DataScannedInBytes, engine time) once done.
 * - GetQueryResults: InvalidRequestException until the query SUCCEEDED; then the ResultSet as Athena gives it for a
 *   SELECT: the first row of the first page is the header (column names), cells are `{VarCharValue}` (a NULL is
 *   `{}`), ResultSetMetadata.ColumnInfo names and types the columns; `pageSize` rows a page (MaxResults when
 *   smaller), NextToken bound to the query.
 * - StopQueryExecution moves a query that is not done to CANCELLED.
 * Faults on demand: the next `throttleNext` requests answer TooManyRequestsException (HTTP 400), and
 * GetQueryResults answers `failResultsWith` when set.
 * Unknown query ids answer InvalidRequestException, as Athena does.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type TerminalState = 'SUCCEEDED' | 'FAILED' | 'CANCELLED';

/** What the test makes of a query. */
export interface QueryAnswer {
  state: TerminalState;
  /** FAILED/CANCELLED: Status.StateChangeReason. */
  reason?: string;
  /** Result columns (name; type defaults to varchar). */
  columns?: (string | { name: string; type: string })[];
  /** Result rows, one value per column (null is SQL NULL). */
  rows?: (string | null)[][];
  dataScannedInBytes?: number;
  engineExecutionTimeInMillis?: number;
}

export interface ReceivedQuery {
  id: string;
  sql: string;
  database?: string;
  catalog?: string;
  workGroup?: string;
  outputLocation?: string;
  clientRequestToken?: string;
  /** Where the query is: QUEUED, RUNNING or its terminal state. */
  state: string;
  polls: number;
  stopped: boolean;
  answer: QueryAnswer;
}

export interface AthenaRequest {
  op: string;
  queryId?: string;
  status: number;
  error?: string;
  maxResults?: number;
  withToken?: boolean;
}

class ApiError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

export class AthenaTestServer {
  readonly queries: ReceivedQuery[] = [];
  readonly requests: AthenaRequest[] = [];
  /** The outcome of each query, from its SQL; default: SUCCEEDED with no rows. */
  answer: (sql: string) => QueryAnswer = () => ({ state: 'SUCCEEDED', columns: [], rows: [] });
  /** Rows a GetQueryResults page holds at most (Athena: 1,000). */
  pageSize = 1000;
  /** GetQueryExecution polls that answer QUEUED, then RUNNING, before the terminal state. */
  pollsQueued = 1;
  pollsRunning = 1;
  /** Called on every GetQueryExecution, after the query moved on (tests cancel a run from here). */
  onPoll: (query: ReceivedQuery) => void = () => {};
  /** GetQueryResults answers this error (HTTP 400), when set. */
  failResultsWith: { type: string; message: string } | undefined;
  /** The next this many requests answer TooManyRequestsException. */
  throttleNext = 0;
  url = '';
  private counter = 0;
  private readonly tokens = new Map<string, { id: string; offset: number }>();

  private constructor(private readonly server: Server) {}

  static async start(): Promise<AthenaTestServer> {
    const server = createServer();
    const athena = new AthenaTestServer(server);
    server.on('request', (req, res) => athena.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    athena.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return athena;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Requests of one operation (throttled ones included). */
  calls(op?: string): number {
    return op === undefined ? this.requests.length : this.requests.filter((r) => r.op === op).length;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const op = target.startsWith('AmazonAthena.') ? target.slice('AmazonAthena.'.length) : target;
      const request: AthenaRequest = { op, status: 200 };
      this.requests.push(request);
      let status = 200;
      let answer: unknown;
      try {
        if (this.throttleNext > 0) {
          this.throttleNext--;
          throw new ApiError('TooManyRequestsException', 'Rate exceeded');
        }
        const input = JSON.parse(body || '{}') as Record<string, unknown>;
        answer = this.operation(op, input, request);
      } catch (err) {
        status = 400;
        const type = err instanceof ApiError ? err.type : 'InternalServerException';
        if (!(err instanceof ApiError)) status = 500;
        request.error = type;
        answer = { __type: type, message: (err as Error).message };
      }
      request.status = status;
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'test' });
      res.end(JSON.stringify(answer));
    });
  }

  private query(input: Record<string, unknown>, request: AthenaRequest): ReceivedQuery {
    const id = String(input.QueryExecutionId ?? '');
    request.queryId = id;
    const query = this.queries.find((q) => q.id === id);
    if (!query) throw new ApiError('InvalidRequestException', `QueryExecution ${id} was not found`);
    return query;
  }

  private operation(op: string, input: Record<string, unknown>, request: AthenaRequest): unknown {
    switch (op) {
      case 'StartQueryExecution': {
        const sql = input.QueryString;
        if (typeof sql !== 'string' || sql === '') {
          throw new ApiError('InvalidRequestException', 'QueryString is required');
        }
        const context = (input.QueryExecutionContext ?? {}) as Record<string, string>;
        const result = (input.ResultConfiguration ?? {}) as Record<string, string>;
        const id = `q-${String(++this.counter).padStart(4, '0')}-0000-0000-0000-000000000000`;
        request.queryId = id;
        this.queries.push({
          id,
          sql,
          ...(context.Database !== undefined ? { database: context.Database } : {}),
          ...(context.Catalog !== undefined ? { catalog: context.Catalog } : {}),
          ...(typeof input.WorkGroup === 'string' ? { workGroup: input.WorkGroup } : {}),
          ...(result.OutputLocation !== undefined ? { outputLocation: result.OutputLocation } : {}),
          ...(typeof input.ClientRequestToken === 'string'
            ? { clientRequestToken: input.ClientRequestToken }
            : {}),
          state: 'QUEUED',
          polls: 0,
          stopped: false,
          answer: this.answer(sql),
        });
        return { QueryExecutionId: id };
      }
      case 'GetQueryExecution': {
        const query = this.query(input, request);
        query.polls++;
        if (!query.stopped && !isTerminal(query.state)) {
          if (query.polls > this.pollsQueued + this.pollsRunning) query.state = query.answer.state;
          else if (query.polls > this.pollsQueued) query.state = 'RUNNING';
        }
        this.onPoll(query);
        const done = isTerminal(query.state);
        const reason =
          query.state === 'CANCELLED' && query.stopped
            ? 'Query was cancelled by user'
            : query.state === query.answer.state
              ? query.answer.reason
              : undefined;
        return {
          QueryExecution: {
            QueryExecutionId: query.id,
            Query: query.sql,
            StatementType: /^\s*(create|drop|alter|msck)/i.test(query.sql) ? 'DDL' : 'DML',
            ...(query.workGroup !== undefined ? { WorkGroup: query.workGroup } : {}),
            Status: {
              State: query.state,
              ...(reason !== undefined ? { StateChangeReason: reason } : {}),
              SubmissionDateTime: 1717372800,
              ...(done ? { CompletionDateTime: 1717372810 } : {}),
            },
            Statistics: done
              ? {
                  DataScannedInBytes: query.answer.dataScannedInBytes ?? 0,
                  EngineExecutionTimeInMillis: query.answer.engineExecutionTimeInMillis ?? 0,
                  TotalExecutionTimeInMillis: (query.answer.engineExecutionTimeInMillis ?? 0) + 50,
                }
              : {},
          },
        };
      }
      case 'GetQueryResults': {
        const query = this.query(input, request);
        if (this.failResultsWith) throw new ApiError(this.failResultsWith.type, this.failResultsWith.message);
        if (query.state !== 'SUCCEEDED') {
          throw new ApiError(
            'InvalidRequestException',
            `Query has not yet finished. Current state: ${query.state}`,
          );
        }
        const max = typeof input.MaxResults === 'number' ? input.MaxResults : 1000;
        request.maxResults = max;
        const size = Math.min(max, this.pageSize);
        let offset = 0;
        if (typeof input.NextToken === 'string') {
          request.withToken = true;
          const token = this.tokens.get(input.NextToken);
          if (!token || token.id !== query.id) throw new ApiError('InvalidRequestException', 'invalid token');
          offset = token.offset;
        }
        const columns = (query.answer.columns ?? []).map((c) =>
          typeof c === 'string' ? { name: c, type: 'varchar' } : c,
        );
        // Row 0 is the header row: Athena returns the column names as the first row of a SELECT's results.
        const all = [columns.map((c) => c.name as string | null), ...(query.answer.rows ?? [])];
        const page = all.slice(offset, offset + size);
        const next = offset + size < all.length ? `tok-${query.id}-${offset + size}` : undefined;
        if (next) this.tokens.set(next, { id: query.id, offset: offset + size });
        return {
          UpdateCount: 0,
          ResultSet: {
            Rows: page.map((row) => ({
              Data: row.map((value) => (value === null ? {} : { VarCharValue: value })),
            })),
            ResultSetMetadata: {
              ColumnInfo: columns.map((c) => ({
                CatalogName: 'hive',
                SchemaName: '',
                TableName: '',
                Name: c.name,
                Label: c.name,
                Type: c.type,
                Precision: 0,
                Scale: 0,
                Nullable: 'UNKNOWN',
                CaseSensitive: c.type === 'varchar',
              })),
            },
          },
          ...(next !== undefined ? { NextToken: next } : {}),
        };
      }
      case 'StopQueryExecution': {
        const query = this.query(input, request);
        if (!isTerminal(query.state)) {
          query.stopped = true;
          query.state = 'CANCELLED';
        }
        return {};
      }
      default:
        throw new ApiError('UnknownOperationException', `operation ${op} is not served here`);
    }
  }
}

function isTerminal(state: string): boolean {
  return state === 'SUCCEEDED' || state === 'FAILED' || state === 'CANCELLED';
}
