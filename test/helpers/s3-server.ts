/**
 * A small S3-protocol server on 127.0.0.1 for tests: one bucket, path-style addressing
 * (`http://127.0.0.1:PORT/BUCKET/KEY`), reached by the real SDK through `AWS_ENDPOINT_URL_S3` and
 * `forcePathStyle: true`. Requests are signed by the SDK; signatures are not checked.
 *
 * Speaks ListObjectsV2 (`GET /BUCKET?list-type=2` with prefix, delimiter, continuation-token, start-after,
 * max-keys; common prefixes count towards max-keys, as in S3) and GetObject (bytes, or the 404 NoSuchKey XML
 * error). Faults on demand: a 500 InternalError on the first GET of chosen keys (or on every GET), a body that
 * breaks off (connection reset) or stalls halfway once, AccessDenied on listing (all or some prefixes) and on
 * chosen keys. Every request is logged (operation, prefix or key, status), GetObject requests in flight are
 * counted (the highest count is kept), and `pageSize` caps max-keys so that tests exercise pagination.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface S3Request {
  op: 'ListObjectsV2' | 'GetObject' | 'Other';
  /** ListObjectsV2: the prefix asked for. */
  prefix?: string;
  delimiter?: string;
  continuationToken?: string;
  /** GetObject: the key. */
  key?: string;
  status: number;
  /** The x-amz-expected-bucket-owner header, when sent. */
  expectedBucketOwner?: string;
}

export interface S3ServerOptions {
  bucket: string;
  objects?: Record<string, string | Buffer>;
  /** Highest max-keys honoured (S3: 1000). */
  pageSize?: number;
  /** Milliseconds each GetObject waits before answering (to make requests overlap). */
  getDelayMs?: number;
}

const XMLNS = 'http://s3.amazonaws.com/doc/2006-03-01/';

function xmlEscape(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function compare(a: string, b: string): number {
  // S3 lists keys in the order of their UTF-8 bytes.
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

export class S3TestServer {
  readonly bucket: string;
  readonly objects = new Map<string, Buffer>();
  readonly requests: S3Request[] = [];
  pageSize: number;
  getDelayMs: number;
  /** Keys whose first GET answers 500 InternalError. */
  readonly failOnce = new Set<string>();
  /** Keys whose every GET answers 500 InternalError. */
  readonly failAlways = new Set<string>();
  /** Keys whose first GET sends half the body, then resets the connection. */
  readonly resetBodyOnce = new Set<string>();
  /** Keys whose first GET sends half the body, then sends nothing more. */
  readonly stallBodyOnce = new Set<string>();
  /** Keys whose GET answers 403 AccessDenied. */
  readonly denyGet = new Set<string>();
  /** Listing AccessDenied: for every prefix (true) or the prefixes the function picks. */
  denyList: boolean | ((prefix: string) => boolean) = false;
  inFlightGets = 0;
  maxInFlightGets = 0;

  private readonly server: Server;
  private readonly served = new Map<string, number>();
  private sorted: string[] | undefined;

  private constructor(options: S3ServerOptions) {
    this.bucket = options.bucket;
    this.pageSize = options.pageSize ?? 1000;
    this.getDelayMs = options.getDelayMs ?? 0;
    for (const [key, body] of Object.entries(options.objects ?? {})) this.put(key, body);
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        if (!res.headersSent) this.error(res, 500, 'InternalError', String(err));
        else res.destroy();
      });
    });
    this.server.keepAliveTimeout = 1000;
  }

  static async start(options: S3ServerOptions): Promise<S3TestServer> {
    const s3 = new S3TestServer(options);
    await new Promise<void>((resolve, reject) => {
      s3.server.once('error', reject);
      s3.server.listen(0, '127.0.0.1', () => resolve());
    });
    return s3;
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  put(key: string, body: string | Buffer): void {
    this.objects.set(key, typeof body === 'string' ? Buffer.from(body) : body);
    this.sorted = undefined;
  }

  remove(key: string): void {
    this.objects.delete(key);
    this.sorted = undefined;
  }

  /** Forgets the request log and the fault counters' state (not the faults configured). */
  resetLog(): void {
    this.requests.length = 0;
    this.served.clear();
    this.maxInFlightGets = 0;
  }

  count(op: S3Request['op']): number {
    return this.requests.filter((r) => r.op === op).length;
  }

  /** Prefixes asked for by ListObjectsV2, every page counted. */
  get listedPrefixes(): string[] {
    return this.requests.flatMap((r) => (r.op === 'ListObjectsV2' ? [r.prefix ?? ''] : []));
  }

  /** Keys asked for by GetObject, every attempt counted. */
  get fetchedKeys(): string[] {
    return this.requests.flatMap((r) => (r.op === 'GetObject' ? [r.key ?? ''] : []));
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname.slice(1);
    const slash = path.indexOf('/');
    const bucket = decodeURIComponent(slash < 0 ? path : path.slice(0, slash));
    const key = slash < 0 ? '' : decodeURIComponent(path.slice(slash + 1));
    req.resume(); // no request bodies are used
    const header = req.headers['x-amz-expected-bucket-owner'];
    const owner = typeof header === 'string' ? header : undefined;

    if (req.method === 'GET' && key === '' && url.searchParams.get('list-type') === '2') {
      this.list(bucket, url.searchParams, res, owner);
      return;
    }
    if (req.method === 'GET' && key !== '') {
      await this.get(bucket, key, res, owner);
      return;
    }
    this.requests.push({ op: 'Other', status: 501 });
    this.error(res, 501, 'NotImplemented', `${req.method} ${url.pathname} is not implemented here`);
  }

  private list(bucket: string, params: URLSearchParams, res: ServerResponse, owner?: string): void {
    const prefix = params.get('prefix') ?? '';
    const delimiter = params.get('delimiter') ?? '';
    const token = params.get('continuation-token') ?? undefined;
    const entry: S3Request = { op: 'ListObjectsV2', prefix, delimiter, status: 200 };
    if (owner !== undefined) entry.expectedBucketOwner = owner;
    if (token !== undefined) entry.continuationToken = token;
    this.requests.push(entry);
    if (bucket !== this.bucket) {
      entry.status = 404;
      this.error(res, 404, 'NoSuchBucket', 'The specified bucket does not exist');
      return;
    }
    if (this.denyList === true || (typeof this.denyList === 'function' && this.denyList(prefix))) {
      entry.status = 403;
      this.error(res, 403, 'AccessDenied', 'Access Denied');
      return;
    }
    const maxKeys = Math.min(Number(params.get('max-keys') ?? 1000), this.pageSize);
    // The marker: the last key or common prefix of the previous page.
    let marker: string | undefined;
    if (token !== undefined) {
      marker = Buffer.from(token, 'base64url').toString('utf8');
    } else if (params.get('start-after')) {
      marker = params.get('start-after')!;
    }

    this.sorted ??= [...this.objects.keys()].sort(compare);
    const contents: string[] = [];
    const prefixes: string[] = [];
    let last: string | undefined;
    let truncated = false;
    for (const key of this.sorted) {
      if (!key.startsWith(prefix)) continue;
      if (
        marker !== undefined &&
        (compare(key, marker) <= 0 ||
          (marker.endsWith(delimiter) && delimiter !== '' && key.startsWith(marker)))
      ) {
        continue;
      }
      let item = key;
      let isPrefix = false;
      if (delimiter !== '') {
        const at = key.indexOf(delimiter, prefix.length);
        if (at >= 0) {
          item = key.slice(0, at + delimiter.length);
          isPrefix = true;
        }
      }
      if (isPrefix && item === prefixes[prefixes.length - 1]) continue;
      if (contents.length + prefixes.length === maxKeys) {
        truncated = true;
        break;
      }
      if (isPrefix) prefixes.push(item);
      else contents.push(key);
      last = item;
    }

    const parts = [
      `<?xml version="1.0" encoding="UTF-8"?>`,
      `<ListBucketResult xmlns="${XMLNS}">`,
      `<Name>${xmlEscape(bucket)}</Name>`,
      `<Prefix>${xmlEscape(prefix)}</Prefix>`,
      delimiter ? `<Delimiter>${xmlEscape(delimiter)}</Delimiter>` : '',
      `<MaxKeys>${maxKeys}</MaxKeys>`,
      `<KeyCount>${contents.length + prefixes.length}</KeyCount>`,
      `<IsTruncated>${truncated}</IsTruncated>`,
      token !== undefined ? `<ContinuationToken>${xmlEscape(token)}</ContinuationToken>` : '',
      truncated && last !== undefined
        ? `<NextContinuationToken>${Buffer.from(last, 'utf8').toString('base64url')}</NextContinuationToken>`
        : '',
      ...contents.map((key) => {
        const body = this.objects.get(key)!;
        return (
          `<Contents><Key>${xmlEscape(key)}</Key><LastModified>2024-06-04T00:00:00.000Z</LastModified>` +
          `<ETag>&quot;${body.length.toString(16)}&quot;</ETag><Size>${body.length}</Size>` +
          `<StorageClass>STANDARD</StorageClass></Contents>`
        );
      }),
      ...prefixes.map((p) => `<CommonPrefixes><Prefix>${xmlEscape(p)}</Prefix></CommonPrefixes>`),
      `</ListBucketResult>`,
    ];
    const xml = parts.join('');
    res.writeHead(200, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(xml) });
    res.end(xml);
  }

  private async get(bucket: string, key: string, res: ServerResponse, owner?: string): Promise<void> {
    const entry: S3Request = { op: 'GetObject', key, status: 200 };
    if (owner !== undefined) entry.expectedBucketOwner = owner;
    this.requests.push(entry);
    const served = this.served.get(key) ?? 0;
    this.served.set(key, served + 1);
    this.inFlightGets++;
    this.maxInFlightGets = Math.max(this.maxInFlightGets, this.inFlightGets);
    res.once('close', () => this.inFlightGets--);
    if (this.getDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.getDelayMs));

    const body = this.objects.get(key);
    const fail = (status: number, code: string, message: string) => {
      entry.status = status;
      this.error(res, status, code, message, key);
    };
    if (bucket !== this.bucket) return fail(404, 'NoSuchBucket', 'The specified bucket does not exist');
    if (this.denyGet.has(key)) return fail(403, 'AccessDenied', 'Access Denied');
    if (this.failAlways.has(key) || (this.failOnce.has(key) && served === 0)) {
      return fail(500, 'InternalError', 'We encountered an internal error. Please try again.');
    }
    if (!body) return fail(404, 'NoSuchKey', 'The specified key does not exist.');

    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-length': body.length,
      etag: `"${body.length.toString(16)}"`,
      'last-modified': 'Tue, 04 Jun 2024 00:00:00 GMT',
    });
    const half = Math.floor(body.length / 2);
    if (served === 0 && this.resetBodyOnce.has(key)) {
      entry.status = -1;
      res.write(body.subarray(0, half), () => setTimeout(() => res.socket?.destroy(), 10));
      return;
    }
    if (served === 0 && this.stallBodyOnce.has(key)) {
      entry.status = -2;
      res.write(body.subarray(0, half)); // and nothing more: the client gives up (close() ends it)
      return;
    }
    res.end(body);
  }

  private error(res: ServerResponse, status: number, code: string, message: string, key?: string): void {
    const xml =
      `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${xmlEscape(message)}</Message>` +
      (key !== undefined ? `<Key>${xmlEscape(key)}</Key>` : '') +
      `<RequestId>TEST0000000000000000</RequestId></Error>`;
    res.writeHead(status, {
      'content-type': 'application/xml',
      'content-length': Buffer.byteLength(xml),
      'x-amz-request-id': 'TEST0000000000000000',
    });
    res.end(xml);
  }
}
