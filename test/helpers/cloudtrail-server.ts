/**
 * A CloudTrail JSON-protocol server on 127.0.0.1 for tests, reached by the real SDK through
 * `AWS_ENDPOINT_URL_CLOUDTRAIL` (or a client's `endpoint`). Requests are signed by the SDK; signatures are not
 * checked, but the Region (and access key) are taken from the signature's credential scope, as AWS routes them.
 *
 * LookupEvents with its real semantics:
 * - `POST /` with `X-Amz-Target: CloudTrail_20131101.LookupEvents`, `application/x-amz-json-1.1`;
 * - at most one LookupAttribute (else InvalidLookupAttributesException), of the documented keys;
 * - StartTime/EndTime inclusive (epoch seconds, fractions allowed); StartTime after EndTime is
 *   InvalidTimeRangeException;
 * - newest first (ties: by EventId, so that pages are stable); MaxResults 1..50 (default 50, else
 *   InvalidMaxResultsException);
 * - NextToken bound to the request's parameters and Region: a token used with other parameters, or unknown, is
 *   InvalidNextTokenException;
 * - ThrottlingException (HTTP 400, `__type`) when `requestsPerSecond` requests of the Region were already
 *   served in the last second (throttled requests are not counted), and on top of that, at random, a share
 *   `randomThrottle` of the requests (seeded: runs repeat);
 * - AccessDeniedException for the Regions in `denyRegions`, and any error for the Regions in `failWith`
 *   (ExpiredTokenException, UnrecognizedClientException...).
 * Every request is logged (Region, attribute, times, whether it carried a token, status, error type).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mulberry32 } from './random.js';

/** One element of LookupEvents' `Events`, as CloudTrail answers it. */
export interface LookupEvent {
  EventId: string;
  EventName: string;
  ReadOnly: string;
  AccessKeyId?: string;
  /** Epoch seconds. */
  EventTime: number;
  EventSource: string;
  Username?: string;
  Resources: { ResourceType?: string; ResourceName?: string }[];
  CloudTrailEvent: string;
}

/** The LookupEvents element for a CloudTrail record (what CloudTrail derives from the record). */
export function toLookupEvent(record: Record<string, unknown>): LookupEvent {
  const identity = (record.userIdentity ?? {}) as Record<string, unknown>;
  const issuer = ((identity.sessionContext ?? {}) as Record<string, unknown>).sessionIssuer as
    Record<string, unknown> | undefined;
  const username =
    (identity.userName as string | undefined) ??
    (typeof identity.arn === 'string' ? identity.arn.split('/').pop() : undefined) ??
    (issuer?.userName as string | undefined);
  const resources = Array.isArray(record.resources)
    ? (record.resources as Record<string, unknown>[]).map((r) => ({
        ResourceType: String(r.type ?? ''),
        ResourceName: String(r.ARN ?? ''),
      }))
    : [];
  return {
    EventId: String(record.eventID),
    EventName: String(record.eventName),
    ReadOnly: String(record.readOnly ?? 'true'),
    ...(typeof identity.accessKeyId === 'string' ? { AccessKeyId: identity.accessKeyId } : {}),
    EventTime: Date.parse(String(record.eventTime)) / 1000,
    EventSource: String(record.eventSource),
    ...(username !== undefined ? { Username: username } : {}),
    Resources: resources,
    CloudTrailEvent: JSON.stringify(record),
  };
}

export interface LookupRequest {
  region: string;
  accessKeyId: string | undefined;
  attribute?: { key: string; value: string };
  startTime?: number;
  endTime?: number;
  withToken: boolean;
  status: number;
  error?: string;
  events: number;
  /** Milliseconds since the server started. */
  at: number;
}

export interface CloudTrailServerOptions {
  /** Requests served per second and Region before ThrottlingException; default 2 (the service's limit). */
  requestsPerSecond?: number;
  /** Share of requests (0..1) throttled at random on top of the rate limit; default 0. */
  randomThrottle?: number;
  /** Seed of the random throttling; default 1. */
  seed?: number;
  /** Milliseconds each answer waits (network latency); default 0. */
  delayMs?: number;
}

const ATTRIBUTE_KEYS = new Set([
  'EventId',
  'EventName',
  'ReadOnly',
  'Username',
  'ResourceType',
  'ResourceName',
  'EventSource',
  'AccessKeyId',
]);

class ApiError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

export class CloudTrailTestServer {
  readonly requests: LookupRequest[] = [];
  /** Regions whose requests answer AccessDeniedException. */
  readonly denyRegions = new Set<string>();
  /** Regions whose requests answer this error (HTTP 400). */
  readonly failWith = new Map<string, { type: string; message: string }>();
  requestsPerSecond: number;
  randomThrottle: number;
  delayMs: number;
  url = '';
  private readonly events = new Map<string, LookupEvent[]>();
  private readonly served = new Map<string, number[]>();
  private readonly tokens = new Map<string, { key: string; offset: number }>();
  private readonly random: () => number;
  private readonly started = performance.now();
  private tokenCounter = 0;

  private constructor(
    private readonly server: Server,
    options: CloudTrailServerOptions,
  ) {
    this.requestsPerSecond = options.requestsPerSecond ?? 2;
    this.randomThrottle = options.randomThrottle ?? 0;
    this.delayMs = options.delayMs ?? 0;
    this.random = mulberry32(options.seed ?? 1);
  }

  static async start(options: CloudTrailServerOptions = {}): Promise<CloudTrailTestServer> {
    const server = createServer();
    const ct = new CloudTrailTestServer(server, options);
    server.on('request', (req, res) => ct.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    ct.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return ct;
  }

  /** The Region's events (CloudTrail records), replacing what it had. */
  setEvents(region: string, records: readonly Record<string, unknown>[]): void {
    const events = records.map(toLookupEvent);
    events.sort(
      (a, b) => b.EventTime - a.EventTime || (a.EventId < b.EventId ? -1 : a.EventId > b.EventId ? 1 : 0),
    );
    this.events.set(region, events);
  }

  /** LookupEvents requests received (throttled and failed ones included), in a Region or in all. */
  calls(region?: string): number {
    return region === undefined
      ? this.requests.length
      : this.requests.filter((r) => r.region === region).length;
  }

  get throttled(): number {
    return this.requests.filter((r) => r.error === 'ThrottlingException').length;
  }

  /** Most requests of one Region served (not throttled) within any 1-second window. */
  maxServedPerSecond(region: string): number {
    const times = this.requests.filter((r) => r.region === region && r.status === 200).map((r) => r.at);
    let best = 0;
    for (let i = 0, j = 0; i < times.length; i++) {
      while (times[i]! - times[j]! >= 1000) j++;
      best = Math.max(best, i - j + 1);
    }
    return best;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const auth = /Credential=([^/]+)\/\d{8}\/([^/]+)\/cloudtrail\/aws4_request/.exec(
        req.headers.authorization ?? '',
      );
      const hostRegion = /cloudtrail\.([a-z0-9-]+)\.amazonaws\.com/.exec(req.headers.host ?? '')?.[1];
      const request: LookupRequest = {
        region: auth?.[2] ?? hostRegion ?? 'us-east-1',
        accessKeyId: auth?.[1],
        withToken: false,
        status: 200,
        events: 0,
        at: performance.now() - this.started,
      };
      this.requests.push(request);
      let status = 200;
      let answer: unknown;
      try {
        answer = this.lookup(req, body, request);
      } catch (err) {
        const error = err instanceof ApiError ? err : new ApiError('InternalFailure', String(err));
        status = error.type === 'InternalFailure' ? 500 : 400;
        request.error = error.type;
        answer = { __type: error.type, message: error.message };
      }
      request.status = status;
      const send = () => {
        res.writeHead(status, {
          'content-type': 'application/x-amz-json-1.1',
          'x-amzn-requestid': `r-${this.requests.length}`,
        });
        res.end(JSON.stringify(answer));
      };
      if (this.delayMs > 0) setTimeout(send, this.delayMs);
      else send();
    });
  }

  private lookup(req: IncomingMessage, body: string, request: LookupRequest): unknown {
    if (req.method !== 'POST' || req.headers['x-amz-target'] !== 'CloudTrail_20131101.LookupEvents') {
      throw new ApiError(
        'UnknownOperationException',
        `unknown operation ${String(req.headers['x-amz-target'])}`,
      );
    }
    if (!String(req.headers['content-type']).startsWith('application/x-amz-json-1.1')) {
      throw new ApiError('SerializationException', 'expected application/x-amz-json-1.1');
    }
    if (this.denyRegions.has(request.region)) {
      throw new ApiError(
        'AccessDeniedException',
        `User: arn:aws:sts::123456789012:assumed-role/audit/session is not authorized to perform: cloudtrail:LookupEvents`,
      );
    }
    const failure = this.failWith.get(request.region);
    if (failure) throw new ApiError(failure.type, failure.message);
    // Rate limit, then random throttling; a throttled request is not served and does not count.
    const now = performance.now();
    const served = (this.served.get(request.region) ?? []).filter((t) => now - t < 1000);
    this.served.set(request.region, served);
    if (
      served.length >= this.requestsPerSecond ||
      (this.randomThrottle > 0 && this.random() < this.randomThrottle)
    ) {
      throw new ApiError('ThrottlingException', 'Rate exceeded');
    }
    served.push(now);

    const input = JSON.parse(body || '{}') as {
      LookupAttributes?: { AttributeKey?: string; AttributeValue?: string }[];
      StartTime?: number;
      EndTime?: number;
      MaxResults?: number;
      NextToken?: string;
      EventCategory?: string;
    };
    const attributes = input.LookupAttributes ?? [];
    if (attributes.length > 1) {
      throw new ApiError('InvalidLookupAttributesException', 'You can specify only one lookup attribute.');
    }
    const attribute = attributes[0];
    if (
      attribute &&
      (!ATTRIBUTE_KEYS.has(attribute.AttributeKey ?? '') || attribute.AttributeValue === undefined)
    ) {
      throw new ApiError(
        'InvalidLookupAttributesException',
        `invalid lookup attribute ${JSON.stringify(attribute)}`,
      );
    }
    if (attribute) request.attribute = { key: attribute.AttributeKey!, value: attribute.AttributeValue! };
    const start = input.StartTime;
    const end = input.EndTime;
    if (start !== undefined) request.startTime = start;
    if (end !== undefined) request.endTime = end;
    if (start !== undefined && end !== undefined && start > end) {
      throw new ApiError('InvalidTimeRangeException', 'Start time must be earlier than end time.');
    }
    const maxResults = input.MaxResults ?? 50;
    if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 50) {
      throw new ApiError('InvalidMaxResultsException', 'MaxResults must be from 1 to 50.');
    }
    const key = JSON.stringify([
      request.region,
      attribute ?? null,
      start ?? null,
      end ?? null,
      maxResults,
      input.EventCategory ?? null,
    ]);
    let offset = 0;
    if (input.NextToken !== undefined) {
      request.withToken = true;
      const token = this.tokens.get(input.NextToken);
      if (!token || token.key !== key) {
        throw new ApiError(
          'InvalidNextTokenException',
          'Invalid NextToken: it does not belong to these parameters.',
        );
      }
      offset = token.offset;
    }

    const matching = (this.events.get(request.region) ?? []).filter(
      (e) =>
        (start === undefined || e.EventTime >= start) &&
        (end === undefined || e.EventTime <= end) &&
        (!attribute || matches(e, attribute.AttributeKey!, attribute.AttributeValue!)),
    );
    const page = matching.slice(offset, offset + maxResults);
    request.events = page.length;
    const answer: { Events: LookupEvent[]; NextToken?: string } = { Events: page };
    if (offset + maxResults < matching.length) {
      const token = `tok${++this.tokenCounter}-${Buffer.from(key).toString('base64url').slice(0, 24)}`;
      this.tokens.set(token, { key, offset: offset + maxResults });
      answer.NextToken = token;
    }
    return answer;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function matches(event: LookupEvent, key: string, value: string): boolean {
  switch (key) {
    case 'EventId':
      return event.EventId === value;
    case 'EventName':
      return event.EventName === value;
    case 'ReadOnly':
      return event.ReadOnly === value;
    case 'Username':
      return event.Username === value;
    case 'EventSource':
      return event.EventSource === value;
    case 'AccessKeyId':
      return event.AccessKeyId === value;
    case 'ResourceType':
      return event.Resources.some((r) => r.ResourceType === value);
    case 'ResourceName':
      return event.Resources.some((r) => r.ResourceName === value);
    default:
      return false;
  }
}
