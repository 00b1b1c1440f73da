/**
 * The rows of a succeeded SELECT, page by page (GetQueryResults, NextToken), as column → value maps.
 *
 * Athena's ResultSet for a SELECT starts with a header row (the column names) on the first page; columns are
 * named by ResultSetMetadata.ColumnInfo, and a cell is `{VarCharValue}`, or `{}` for NULL.
 */
import { GetQueryResultsCommand, type AthenaClient } from '@aws-sdk/client-athena';
import { attempts } from './query.js';

export interface ResultRow {
  /** 1-based row number in the result (the header row not counted). */
  number: number;
  /** The page it came on (1-based). */
  page: number;
  values: Record<string, string | null>;
}

export interface ResultContext {
  client: AthenaClient;
  stats: { apiCalls: number };
  /** Rows a page, 1..1000 (Athena's maximum). */
  pageSize: number;
  /** Pages at most (a bound on a server that never stops paginating). */
  maxPages: number;
  signal?: AbortSignal;
  /** Called after each page (pages read, rows so far). */
  onPage?: (pages: number, rows: number) => void;
}

export async function* readResults(ctx: ResultContext, queryId: string): AsyncGenerator<ResultRow> {
  let token: string | undefined;
  let columns: string[] | undefined;
  let number = 0;
  const seen = new Set<string>();
  for (let page = 1; ; page++) {
    if (page > ctx.maxPages) {
      throw new Error(`more than ${ctx.maxPages} pages of results for query ${queryId}: reading stopped`);
    }
    let output;
    try {
      output = await ctx.client.send(
        new GetQueryResultsCommand({
          QueryExecutionId: queryId,
          MaxResults: ctx.pageSize,
          ...(token !== undefined ? { NextToken: token } : {}),
        }),
        { abortSignal: ctx.signal },
      );
    } catch (err) {
      ctx.stats.apiCalls += attempts(err);
      throw err;
    }
    ctx.stats.apiCalls += attempts(output);
    const rows = output.ResultSet?.Rows ?? [];
    let first = 0;
    if (columns === undefined) {
      columns = (output.ResultSet?.ResultSetMetadata?.ColumnInfo ?? []).map((c, i) => c.Name ?? `_col${i}`);
      // The header row repeats the column names: skip it (and only it).
      const header = rows[0]?.Data?.map((d) => d.VarCharValue ?? null);
      if (header && header.length === columns.length && header.every((name, i) => name === columns![i])) {
        first = 1;
      }
    }
    for (let i = first; i < rows.length; i++) {
      const data = rows[i]!.Data ?? [];
      const values: Record<string, string | null> = {};
      columns.forEach((name, c) => (values[name] = data[c]?.VarCharValue ?? null));
      yield { number: ++number, page, values };
    }
    ctx.onPage?.(page, number);
    const next = output.NextToken;
    if (next === undefined || next === '') return;
    if (seen.has(next))
      throw new Error(`GetQueryResults returned the same NextToken twice (query ${queryId})`);
    seen.add(next);
    token = next;
  }
}
