/**
 * An Amazon Athena JSON-protocol server on 127.0.0.1 for tests, reached by the real SDK through
 * `AWS_ENDPOINT_URL_ATHENA` (or a client's `endpoint`). Requests are signed by the SDK; signatures are not checked.
 *
 * `POST /` with `X-Amz-Target: AmazonAthena.<Operation>`, `application/x-amz-json-1.1`:
 * - StartQueryExecution records the query (SQL, database, workgroup, output location) and answers its id; the
 *   test's `answer` function decides the query's outcome from its SQL: a terminal state (SUCCEEDED, FAILED with a
 *   reason and an AthenaError, CANCELLED), result columns and rows, bytes scanned. It may be asynchronous (an
 *   engine that runs the SQL, test/sql/athena-engine.ts).
 * - DDL that succeeds changes the catalog, as Athena's does in Glue: `CREATE EXTERNAL TABLE [IF NOT EXISTS]`
 *   (columns, PARTITIONED BY, LOCATION, TBLPROPERTIES), `ALTER TABLE ... SET TBLPROPERTIES`, `ALTER TABLE ... ADD
 *   [IF NOT EXISTS] PARTITION (...) LOCATION '...'`; CREATE of an existing table without IF NOT EXISTS and ALTER of
 *   a missing one fail as Athena's do.
 * - GetTableMetadata (CatalogName AwsDataCatalog) answers a catalog table's Columns, PartitionKeys and Parameters:
 *   its TBLPROPERTIES plus `location`, `inputformat`, `outputformat`, `serde.serialization.lib` and `EXTERNAL`,
 *   as Athena returns them; a missing table is a MetadataException "Entity Not Found ... EntityNotFoundException".
 * - GetQueryExecution walks a query through QUEUED → RUNNING → its terminal state, one state per poll
 *   (`pollsQueued` / `pollsRunning` polls each), with Statistics (DataScannedInBytes, engine time) once done, also
 *   for a failed or cancelled query (Athena reports what it scanned), and Status.AthenaError for a failed one.
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
  /** FAILED: Status.AthenaError (ErrorCategory 1 system, 2 user, 3 other). */
  error?: { category: number; type: number; retryable: boolean; message?: string };
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

/** A table of the catalog, as Glue holds it. */
export interface CatalogTable {
  columns: { Name: string; Type: string }[];
  partitionKeys: { Name: string; Type: string }[];
  /** TBLPROPERTIES (`projection.*`, `storage.location.template`). */
  properties: Record<string, string>;
  location?: string;
  /** Partitions added with ALTER TABLE ADD PARTITION, for a table without projection. */
  partitions: { values: Record<string, string>; location: string }[];
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
  /** The Glue catalog: `database.table` (lower case) → table. DDL that succeeds changes it. */
  readonly tables = new Map<string, CatalogTable>();
  /** The outcome of each query, from its SQL; default: SUCCEEDED with no rows. */
  answer: (sql: string, database: string | undefined) => QueryAnswer | Promise<QueryAnswer> = () => ({
    state: 'SUCCEEDED',
    columns: [],
    rows: [],
  });
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

  /** Runs DDL against the catalog directly, as a table made before the test (throws when it fails). */
  define(sql: string, database?: string): void {
    const outcome = this.applyDdl(sql, database);
    if (outcome?.state !== 'SUCCEEDED')
      throw new Error(`DDL not applied: ${outcome?.reason ?? sql.slice(0, 80)}`);
  }

  /**
   * A DDL statement that Athena would run against the catalog: applied, and its outcome (undefined when `sql`
   * is not DDL this server knows).
   */
  private applyDdl(sql: string, database: string | undefined): QueryAnswer | undefined {
    const failed = (reason: string): QueryAnswer => ({
      state: 'FAILED',
      reason,
      error: { category: 2, type: 1301, retryable: false },
    });
    const create = /^\s*CREATE\s+EXTERNAL\s+TABLE\s+(IF\s+NOT\s+EXISTS\s+)?(\S+)\s*\(/i.exec(sql);
    if (create) {
      const name = tableKey(create[2]!, database);
      if (this.tables.has(name)) {
        return create[1]
          ? { state: 'SUCCEEDED' }
          : failed(`FAILED: AlreadyExistsException: Table ${name} already exists`);
      }
      const open = create.index + create[0].length - 1;
      const close = matching(sql, open);
      const partitioned = /^\s*PARTITIONED\s+BY\s*\(/i.exec(sql.slice(close + 1));
      const partitionKeys = partitioned
        ? columnList(
            sql.slice(close + 1 + partitioned[0].length, matching(sql, close + partitioned[0].length)),
          )
        : [];
      this.tables.set(name, {
        columns: columnList(sql.slice(open + 1, close)),
        partitionKeys,
        properties: properties(/TBLPROPERTIES\s*\(([\s\S]*)\)\s*$/i.exec(sql)?.[1] ?? ''),
        ...(/LOCATION\s+'([^']*)'/i.exec(sql) ? { location: /LOCATION\s+'([^']*)'/i.exec(sql)![1]! } : {}),
        partitions: [],
      });
      return { state: 'SUCCEEDED' };
    }
    const alter = /^\s*ALTER\s+TABLE\s+(\S+)\s+([\s\S]*)$/i.exec(sql);
    if (!alter) return undefined;
    const name = tableKey(alter[1]!, database);
    const table = this.tables.get(name);
    if (!table) return failed(`FAILED: SemanticException [Error 10001]: Table not found ${name}`);
    const rest = alter[2]!;
    const set = /^SET\s+TBLPROPERTIES\s*\(([\s\S]*)\)\s*$/i.exec(rest);
    if (set) {
      Object.assign(table.properties, properties(set[1]!));
      return { state: 'SUCCEEDED' };
    }
    if (/^ADD\s/i.test(rest)) {
      for (const m of rest.matchAll(/PARTITION\s*\(([^)]*)\)\s*LOCATION\s+'([^']*)'/gi)) {
        const values = Object.fromEntries(
          [...m[1]!.matchAll(/(\w+)\s*=\s*'([^']*)'/g)].map((v) => [v[1]!.toLowerCase(), v[2]!]),
        );
        table.partitions.push({ values, location: m[2]! });
      }
      return { state: 'SUCCEEDED' };
    }
    return undefined;
  }

  /** Requests of one operation (throttled ones included). */
  calls(op?: string): number {
    return op === undefined ? this.requests.length : this.requests.filter((r) => r.op === op).length;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', async () => {
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
        answer = await this.operation(op, input, request);
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

  private async operation(
    op: string,
    input: Record<string, unknown>,
    request: AthenaRequest,
  ): Promise<unknown> {
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
        let answer = await this.answer(sql, context.Database);
        if (answer.state === 'SUCCEEDED') answer = this.applyDdl(sql, context.Database) ?? answer;
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
          answer,
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
              ...(query.state === 'FAILED' && query.answer.error
                ? {
                    AthenaError: {
                      ErrorCategory: query.answer.error.category,
                      ErrorType: query.answer.error.type,
                      Retryable: query.answer.error.retryable,
                      ErrorMessage: query.answer.error.message ?? reason,
                    },
                  }
                : {}),
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
      case 'GetTableMetadata': {
        if (input.CatalogName !== 'AwsDataCatalog')
          throw new ApiError('MetadataException', `Catalog ${String(input.CatalogName)} was not found`);
        const name = `${String(input.DatabaseName)}.${String(input.TableName)}`.toLowerCase();
        const table = this.tables.get(name);
        if (!table) {
          throw new ApiError(
            'MetadataException',
            'Entity Not Found (Service: AmazonDataCatalog; Status Code: 400; Error Code: EntityNotFoundException; Request ID: test; Proxy: null)',
          );
        }
        return {
          TableMetadata: {
            Name: String(input.TableName).toLowerCase(),
            CreateTime: 1717372800,
            TableType: 'EXTERNAL_TABLE',
            Columns: table.columns,
            PartitionKeys: table.partitionKeys,
            Parameters: {
              EXTERNAL: 'TRUE',
              ...table.properties,
              ...(table.location !== undefined ? { location: table.location } : {}),
              inputformat: 'com.amazon.emr.cloudtrail.CloudTrailInputFormat',
              outputformat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
              'serde.serialization.lib': 'org.apache.hive.hcatalog.data.JsonSerDe',
            },
          },
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

/** `\`db\`.\`t\``, `"db"."t"`, `db.t` or `t` (in `database`) → `db.t`, lower case. */
function tableKey(text: string, database: string | undefined): string {
  const parts = text.split('.').map((p) => p.replace(/^[`"]|[`"]$/g, ''));
  return (parts.length === 1 ? `${database ?? 'default'}.${parts[0]}` : parts.join('.')).toLowerCase();
}

/** The index of the parenthesis closing the one at `open`. */
function matching(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i;
  }
  throw new Error(`unbalanced parentheses in ${text.slice(0, 80)}`);
}

/** `name TYPE, name TYPE` (types with <...>) → Glue columns: names lower-cased, as Glue keeps them; types as written. */
function columnList(text: string): { Name: string; Type: string }[] {
  const columns: { Name: string; Type: string }[] = [];
  let depth = 0;
  let start = 0;
  const push = (part: string) => {
    const m = /^\s*`?([^`\s]+)`?\s+([\s\S]+?)\s*$/.exec(part);
    if (m) columns.push({ Name: m[1]!.toLowerCase(), Type: m[2]!.replace(/\s+/g, '') });
  };
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '<') depth++;
    else if (text[i] === '>') depth--;
    else if (text[i] === ',' && depth === 0) {
      push(text.slice(start, i));
      start = i + 1;
    }
  }
  push(text.slice(start));
  return columns;
}

/** `'k'='v', 'k2'='v2'` → properties. */
function properties(text: string): Record<string, string> {
  return Object.fromEntries([...text.matchAll(/'([^']*)'\s*=\s*'([^']*)'/g)].map((m) => [m[1]!, m[2]!]));
}

function isTerminal(state: string): boolean {
  return state === 'SUCCEEDED' || state === 'FAILED' || state === 'CANCELLED';
}
