/**
 * A GitHub Actions cache service (v2) on 127.0.0.1 for tests, reached by the real @actions/cache through
 * ACTIONS_RESULTS_URL with ACTIONS_CACHE_SERVICE_V2 set, as on github.com runners.
 *
 * Speaks what @actions/cache v6 sends:
 * - Twirp JSON (`POST /twirp/github.actions.results.api.v1.CacheService/<Method>`, proto field names, bearer
 *   ACTIONS_RUNTIME_TOKEN): CreateCacheEntry (a key and version already taken: 409 `already_exists`, as the real
 *   service answers), FinalizeCacheEntryUpload (the uploaded size must match), GetCacheEntryDownloadURL (the exact
 *   key first, then each restore key as a prefix, newest entry first; a miss is `ok: false`). Errors are Twirp
 *   error bodies `{code, msg}`.
 * - Signed blob URLs that point back here (`/devstoreaccount1/actions-cache/<id>?sv=…&sig=…`): uploads arrive
 *   through the Azure Blob SDK as Put Blob, or Put Block + Put Block List for large archives; downloads are plain
 *   GETs (the library uses ranged Azure downloads only for *.blob.core.windows.net), ranged GETs answered too.
 *
 * Entries are immutable and only visible once finalized. Faults on demand: the next n requests of a kind answered
 * with a status, and the server going down (the listener closes; clients see connection refused).
 */
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const TWIRP_PREFIX = '/twirp/github.actions.results.api.v1.CacheService/';
const BLOB_PREFIX = '/devstoreaccount1/actions-cache/';

export interface CacheServerEntry {
  id: number;
  key: string;
  version: string;
  /** Order of creation: "newest" is the highest. */
  createdAt: number;
  data?: Buffer;
  finalized: boolean;
  blocks: Map<string, Buffer>;
}

export type CacheRequestKind = 'twirp' | 'upload' | 'download';

export interface CacheServerRequest {
  kind: CacheRequestKind;
  method: string;
  /** Twirp method name, or the blob operation (PutBlob, PutBlock, PutBlockList, GetBlob). */
  operation: string;
  status: number;
}

export class ActionsCacheServer {
  readonly token = `runtime-${randomBytes(6).toString('hex')}`;
  readonly entries: CacheServerEntry[] = [];
  readonly requests: CacheServerRequest[] = [];
  private readonly secret = randomBytes(16);
  private readonly faults: { kind: CacheRequestKind; status: number; remaining: number }[] = [];
  private server?: Server;
  private base = '';
  private nextId = 1;
  private clock = 0;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: Error) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(err.message);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this.base;
  }

  /** The environment a github.com runner gives a step for the cache service. */
  env(): Record<string, string> {
    return {
      ACTIONS_CACHE_SERVICE_V2: 'True',
      ACTIONS_RESULTS_URL: this.base,
      ACTIONS_RUNTIME_TOKEN: this.token,
    };
  }

  /** Answers the next `count` requests of `kind` with `status`. */
  fail(kind: CacheRequestKind, status: number, count = 1): void {
    this.faults.push({ kind, status, remaining: count });
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Finalized entries, oldest first. */
  keys(): string[] {
    return this.entries.filter((e) => e.finalized).map((e) => e.key);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.base);
    const body = await readBody(req);
    if (url.pathname.startsWith(TWIRP_PREFIX)) {
      const method = url.pathname.slice(TWIRP_PREFIX.length);
      return this.twirp(req, res, method, body);
    }
    if (url.pathname.startsWith(BLOB_PREFIX)) return this.blob(req, res, url, body);
    res.writeHead(404).end();
  }

  private injected(kind: CacheRequestKind): number | undefined {
    const fault = this.faults.find((f) => f.kind === kind && f.remaining > 0);
    if (!fault) return undefined;
    fault.remaining--;
    return fault.status;
  }

  private twirp(req: IncomingMessage, res: ServerResponse, method: string, body: Buffer): void {
    const reply = (status: number, value: object) => {
      this.requests.push({ kind: 'twirp', method: req.method ?? '', operation: method, status });
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
    };
    const error = (status: number, code: string, msg: string) => reply(status, { code, msg });
    const fault = this.injected('twirp');
    if (fault) return error(fault, 'internal', `injected fault ${fault}`);
    if (req.method !== 'POST') return error(404, 'bad_route', `no handler for ${req.method}`);
    if (req.headers.authorization !== `Bearer ${this.token}`) {
      return error(401, 'unauthenticated', 'invalid or missing runtime token');
    }
    if (!String(req.headers['content-type']).startsWith('application/json')) {
      return error(404, 'bad_route', 'only the JSON protocol is served');
    }
    let request: Record<string, unknown>;
    try {
      request = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    } catch {
      return error(400, 'malformed', 'the body is not JSON');
    }
    const key = typeof request.key === 'string' ? request.key : '';
    const version = typeof request.version === 'string' ? request.version : '';
    if (!key || !version) return error(400, 'invalid_argument', 'key and version are required');

    switch (method) {
      case 'CreateCacheEntry': {
        if (this.entries.some((e) => e.key === key && e.version === version)) {
          return error(
            409,
            'already_exists',
            'cache entry with the same key, version, and scope already exists',
          );
        }
        const entry: CacheServerEntry = {
          id: this.nextId++,
          key,
          version,
          createdAt: ++this.clock,
          finalized: false,
          blocks: new Map(),
        };
        this.entries.push(entry);
        return reply(200, { ok: true, signed_upload_url: this.signedUrl(entry.id, 'w') });
      }
      case 'FinalizeCacheEntryUpload': {
        const entry = this.entries.find((e) => e.key === key && e.version === version && !e.finalized);
        if (!entry) return error(404, 'not_found', 'no cache entry reserved for this key and version');
        if (!entry.data || String(entry.data.length) !== String(request.size_bytes)) {
          return reply(200, {
            ok: false,
            message: `uploaded ${entry.data?.length ?? 0} bytes, size_bytes says ${String(request.size_bytes)}`,
          });
        }
        entry.finalized = true;
        return reply(200, { ok: true, entry_id: String(entry.id) });
      }
      case 'GetCacheEntryDownloadURL': {
        const restoreKeys = Array.isArray(request.restore_keys) ? (request.restore_keys as string[]) : [];
        const ready = this.entries.filter((e) => e.finalized && e.version === version);
        const newest = (list: CacheServerEntry[]) => list.sort((a, b) => b.createdAt - a.createdAt)[0];
        let found = ready.find((e) => e.key === key);
        for (const prefix of restoreKeys) {
          found ??= newest(ready.filter((e) => e.key.startsWith(prefix)));
        }
        if (!found) return reply(200, { ok: false, signed_download_url: '', matched_key: '' });
        return reply(200, {
          ok: true,
          signed_download_url: this.signedUrl(found.id, 'r'),
          matched_key: found.key,
        });
      }
      default:
        return error(404, 'bad_route', `no method ${method}`);
    }
  }

  private blob(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): void {
    const kind: CacheRequestKind = req.method === 'PUT' ? 'upload' : 'download';
    const comp = url.searchParams.get('comp');
    const operation =
      req.method !== 'PUT'
        ? 'GetBlob'
        : comp === 'block'
          ? 'PutBlock'
          : comp === 'blocklist'
            ? 'PutBlockList'
            : 'PutBlob';
    const reply = (status: number, headers: Record<string, string> = {}, data?: Buffer) => {
      this.requests.push({ kind, method: req.method ?? '', operation, status });
      res.writeHead(status, {
        'x-ms-request-id': randomBytes(8).toString('hex'),
        'x-ms-version': '2025-01-05',
        ...headers,
      });
      res.end(data);
    };
    const azureError = (status: number, code: string) =>
      reply(
        status,
        { 'content-type': 'application/xml', 'x-ms-error-code': code },
        Buffer.from(
          `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${code}</Message></Error>`,
        ),
      );
    const fault = this.injected(kind);
    if (fault) return azureError(fault, 'InternalError');
    const id = Number(url.pathname.slice(BLOB_PREFIX.length));
    const entry = this.entries.find((e) => e.id === id);
    const access = req.method === 'PUT' ? 'w' : 'r';
    if (!entry || url.searchParams.get('sig') !== this.signature(id, access)) {
      return azureError(403, 'AuthenticationFailed');
    }
    const written = {
      etag: `"0x${randomBytes(8).toString('hex')}"`,
      'last-modified': new Date().toUTCString(),
    };

    if (req.method === 'PUT') {
      if (entry.finalized) return azureError(409, 'BlobImmutableDueToPolicy');
      if (operation === 'PutBlob') {
        if (req.headers['x-ms-blob-type'] !== 'BlockBlob') return azureError(400, 'InvalidHeaderValue');
        entry.data = body;
        return reply(201, written);
      }
      if (operation === 'PutBlock') {
        const blockId = url.searchParams.get('blockid');
        if (!blockId) return azureError(400, 'InvalidQueryParameterValue');
        entry.blocks.set(blockId, body);
        return reply(201, written);
      }
      const ids = [...body.toString('utf8').matchAll(/<(?:Latest|Uncommitted)>([^<]*)<\//g)].map(
        (m) => m[1]!,
      );
      const parts = ids.map((blockId) => entry.blocks.get(blockId));
      if (parts.some((p) => p === undefined)) return azureError(400, 'InvalidBlockList');
      entry.data = Buffer.concat(parts as Buffer[]);
      entry.blocks.clear();
      return reply(201, written);
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return azureError(405, 'UnsupportedHttpVerb');
    if (!entry.finalized || !entry.data) return azureError(404, 'BlobNotFound');
    const data = entry.data;
    const range = /^bytes=(\d+)-(\d*)$/.exec(String(req.headers['x-ms-range'] ?? req.headers.range ?? ''));
    const common = { 'content-type': 'application/octet-stream', 'accept-ranges': 'bytes', ...written };
    if (range) {
      const start = Number(range[1]);
      const end = Math.min(range[2] ? Number(range[2]) : data.length - 1, data.length - 1);
      if (start >= data.length) return azureError(416, 'InvalidRange');
      const slice = data.subarray(start, end + 1);
      return reply(
        206,
        {
          ...common,
          'content-length': String(slice.length),
          'content-range': `bytes ${start}-${end}/${data.length}`,
        },
        req.method === 'HEAD' ? undefined : slice,
      );
    }
    return reply(
      200,
      { ...common, 'content-length': String(data.length) },
      req.method === 'HEAD' ? undefined : data,
    );
  }

  private signedUrl(id: number, access: 'r' | 'w'): string {
    const expiry = new Date(Date.now() + 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');
    return `${this.base}${BLOB_PREFIX.slice(1)}${id}?sv=2025-01-05&sp=${access}&se=${encodeURIComponent(expiry)}&sr=b&sig=${this.signature(id, access)}`;
  }

  private signature(id: number, access: 'r' | 'w'): string {
    return createHmac('sha256', this.secret).update(`${id}:${access}`).digest('hex');
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
