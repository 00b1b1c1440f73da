/**
 * The LookupEvents source against a CloudTrail JSON-protocol server on loopback, through the real SDK client
 * (AWS_ENDPOINT_URL_CLOUDTRAIL, dummy credentials): pagination, Regions in parallel, inclusive times, pacing,
 * throttling (the service's 2 requests per second, and 30 % random throttles), errors, de-duplication.
 */
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import {
  LookupEventsError,
  explainLookupPlans,
  pushdownTargets,
  readLookupEvents,
  type LookupEventsOptions,
  type RegionReport,
} from '../../../src/sources/lookup-events/index.js';
import type { RawRecord } from '../../../src/core/source.js';
import { generateBusyAccount } from '../../helpers/busy-account.js';
import { CloudTrailTestServer } from '../../helpers/cloudtrail-server.js';
import { RecordingReporter } from '../helpers.js';

// LookupEvents keeps 90 days: the window is the last day (to the hour, so that runs are alike).
const END = new Date(Math.floor(Date.now() / 3600_000) * 3600_000);
const START = new Date(END.getTime() - 24 * 3600_000);
const FAST = { requestsPerSecond: 200, retry: { baseDelayMs: 5, maxDelayMs: 50, maxAttempts: 12 } };

const saved: Record<string, string | undefined> = {};
const ENV = {
  AWS_ENDPOINT_URL_CLOUDTRAIL: '',
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLELOOPBACK',
  AWS_SECRET_ACCESS_KEY: 'loopback-secret',
  AWS_SESSION_TOKEN: undefined,
  AWS_PROFILE: undefined,
};
let server: CloudTrailTestServer;

beforeAll(async () => {
  server = await CloudTrailTestServer.start();
  for (const [key, value] of Object.entries({ ...ENV, AWS_ENDPOINT_URL_CLOUDTRAIL: server.url })) {
    saved[key] = process.env[key];
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

afterAll(async () => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  await server.close();
});

beforeEach(() => {
  server.requests.length = 0;
  server.requestsPerSecond = 1000;
  server.randomThrottle = 0;
  server.denyRegions.clear();
  server.failWith.clear();
});

function events(
  region: string,
  count: number,
  opts: { end?: Date; spacingSeconds?: number; prefix?: string } = {},
) {
  const end = opts.end ?? END;
  const spacing = opts.spacingSeconds ?? 60;
  return Array.from({ length: count }, (_, i) => ({
    eventVersion: '1.09',
    eventTime: new Date(end.getTime() - i * spacing * 1000).toISOString().replace('.000', ''),
    eventSource: 'ec2.amazonaws.com',
    eventName: i % 10 === 0 ? 'RunInstances' : 'DescribeInstances',
    readOnly: i % 10 !== 0,
    awsRegion: region,
    eventID: `${opts.prefix ?? region}-${String(i).padStart(5, '0')}`,
    userIdentity: { type: 'IAMUser', userName: 'alice', accessKeyId: 'AKIAEXAMPLE' },
    recipientAccountId: '123456789012',
  }));
}

async function collect(options: Partial<LookupEventsOptions> & { regions: string[] }) {
  const reporter = new RecordingReporter();
  const stats = { apiCalls: 0 };
  const reports: RegionReport[] = [];
  const records: RawRecord[] = [];
  for await (const record of readLookupEvents(
    {
      start: START,
      end: END,
      includeGlobalRegion: false,
      ...FAST,
      onRegionDone: (r) => reports.push(r),
      ...options,
    },
    reporter,
    stats,
  )) {
    records.push(record);
  }
  const ids = records.map((r) => (JSON.parse(r.text) as { eventID: string }).eventID);
  return {
    records,
    ids,
    reporter,
    stats,
    reports,
    errors: reporter.reports.filter((r) => r.kind === 'error'),
  };
}

describe('readLookupEvents', () => {
  it('reads every page of a Region, 50 events a page, newest first', async () => {
    server.setEvents('eu-west-1', events('eu-west-1', 237));
    const { ids, records, stats, errors, reports } = await collect({ regions: ['eu-west-1'], plan: 'full' });
    expect(errors).toEqual([]);
    expect(ids).toEqual(events('eu-west-1', 237).map((e) => e.eventID));
    expect(stats.apiCalls).toBe(5);
    expect(server.calls()).toBe(5);
    expect(server.requests.every((r) => r.region === 'eu-west-1' && r.attribute === undefined)).toBe(true);
    expect(server.requests.map((r) => r.withToken)).toEqual([false, true, true, true, true]);
    expect(records[0]!.origin).toEqual({ file: 'lookup-events eu-west-1 all events page 1', index: 0 });
    expect(records[236]!.origin).toEqual({ file: 'lookup-events eu-west-1 all events page 5', index: 36 });
    expect(reports[0]).toMatchObject({
      plan: 'full',
      forced: true,
      calls: 5,
      pages: 5,
      events: 237,
      complete: true,
    });
  });

  it('the window is inclusive at both ends', async () => {
    const all = events('eu-west-2', 5, { spacingSeconds: 3600, end: new Date(END.getTime() + 3600_000) });
    // Times: END+1h, END, END-1h, END-2h, END-3h; the window [END-2h, END] holds the middle three.
    server.setEvents('eu-west-2', all);
    const { ids } = await collect({ regions: ['eu-west-2'], start: new Date(END.getTime() - 2 * 3600_000) });
    expect(ids).toEqual([all[1]!.eventID, all[2]!.eventID, all[3]!.eventID]);
    const sent = server.requests[0]!;
    expect(sent.startTime).toBe((END.getTime() - 2 * 3600_000) / 1000);
    expect(sent.endTime).toBe(END.getTime() / 1000);
  });

  it('reads Regions in parallel, adds us-east-1, and drops events already read (by EventId)', async () => {
    server.setEvents('us-east-1', events('us-east-1', 120, { prefix: 'global' }));
    server.setEvents('eu-central-1', events('eu-central-1', 160));
    // The same events again under another Region (as a copy would be): read once.
    server.setEvents('ap-south-1', [
      ...events('ap-south-1', 90),
      ...events('ap-south-1', 30, { prefix: 'global' }),
    ]);
    const { ids, stats, reports } = await collect({
      regions: ['eu-central-1', 'ap-south-1', 'eu-central-1'],
      includeGlobalRegion: true,
      plan: 'full',
      requestsPerSecond: 20,
    });
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(120 + 160 + 90);
    expect(stats.apiCalls).toBe(3 + 4 + 3);
    expect(reports.map((r) => r.region).sort()).toEqual(['ap-south-1', 'eu-central-1', 'us-east-1']);
    expect(reports.reduce((n, r) => n + r.duplicates, 0)).toBe(30);
    expect(reports.reduce((n, r) => n + r.events, 0)).toBe(ids.length);
    // Parallel: each Region's first request comes before any Region's last one.
    const firstOf = (region: string) => server.requests.findIndex((r) => r.region === region);
    const last = Math.min(
      ...['us-east-1', 'eu-central-1', 'ap-south-1'].map((region) =>
        server.requests.map((r) => r.region).lastIndexOf(region),
      ),
    );
    for (const region of ['us-east-1', 'eu-central-1', 'ap-south-1'])
      expect(firstOf(region)).toBeLessThan(last);
  });

  it('paces at 2 requests per second per Region by default: the service never throttles', async () => {
    server.requestsPerSecond = 2;
    server.setEvents('eu-north-1', events('eu-north-1', 160));
    server.setEvents('sa-east-1', events('sa-east-1', 110));
    const started = performance.now();
    const { ids, stats } = await collect({
      regions: ['eu-north-1', 'sa-east-1'],
      plan: 'full',
      requestsPerSecond: undefined,
    });
    const elapsed = performance.now() - started;
    expect(ids.length).toBe(270);
    expect(stats.apiCalls).toBe(7);
    expect(server.throttled).toBe(0);
    expect(server.maxServedPerSecond('eu-north-1')).toBeLessThanOrEqual(2);
    // 4 requests in one Region, spaced 0.5 s: at least 1.5 s; both Regions together, not one after the other.
    expect(elapsed).toBeGreaterThan(1500);
    expect(elapsed).toBeLessThan(3000);
  });

  it('a client faster than the service is throttled, backs off and loses nothing', async () => {
    server.requestsPerSecond = 10;
    server.setEvents('eu-west-3', events('eu-west-3', 1000));
    const { ids, stats, reports, errors } = await collect({
      regions: ['eu-west-3'],
      plan: 'full',
      requestsPerSecond: 60,
    });
    expect(errors).toEqual([]);
    expect(new Set(ids).size).toBe(1000);
    expect(server.throttled).toBeGreaterThan(0);
    expect(reports[0]!.throttled).toBe(server.throttled);
    expect(stats.apiCalls).toBe(20 + server.throttled);
    expect(server.maxServedPerSecond('eu-west-3')).toBeLessThanOrEqual(10);
  });

  it('with 30 % of the calls throttled at random, in three Regions at once, no event is lost', async () => {
    server.requestsPerSecond = 40;
    server.randomThrottle = 0.3;
    const regions = ['us-east-1', 'us-west-2', 'ca-central-1'];
    for (const region of regions) server.setEvents(region, events(region, 500));
    const { ids, stats, errors, reports } = await collect({ regions, plan: 'full', requestsPerSecond: 30 });
    expect(errors).toEqual([]);
    expect(ids.length).toBe(1500);
    expect(new Set(ids).size).toBe(1500);
    expect(server.throttled).toBeGreaterThan(3);
    expect(stats.apiCalls).toBe(server.calls());
    expect(stats.apiCalls).toBe(3 * 10 + server.throttled);
    expect(reports.every((r) => r.complete)).toBe(true);
  });

  it('access denied in one Region: reported once, not retried, the other Regions are read', async () => {
    server.setEvents('eu-west-1', events('eu-west-1', 60));
    server.setEvents('eu-south-1', events('eu-south-1', 60));
    server.denyRegions.add('eu-south-1');
    const { ids, errors, reports } = await collect({ regions: ['eu-west-1', 'eu-south-1'], plan: 'full' });
    expect(ids.length).toBe(60);
    expect(server.calls('eu-south-1')).toBe(1);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ kind: 'error', origin: { file: 'lookup-events eu-south-1' } });
    expect((errors[0] as { message: string }).message).toMatch(
      /^access denied \(AccessDeniedException: .*cloudtrail:LookupEvents.*\): the credentials need cloudtrail:LookupEvents/,
    );
    expect(reports.find((r) => r.region === 'eu-south-1')).toMatchObject({ complete: false, pages: 0 });
  });

  it('access denied everywhere: throws, naming the permission; per-name lookups stop at the first denial', async () => {
    server.denyRegions.add('eu-west-1');
    server.denyRegions.add('us-east-1');
    const rules = [
      {
        rule: {
          ruleId: 'a',
          detection: { s: { eventName: ['StopLogging', 'DeleteTrail', 'PutEventSelectors'] } },
        },
        eventNames: new Set(['stoplogging', 'deletetrail', 'puteventselectors']),
        eventNamesAsWritten: ['DeleteTrail', 'PutEventSelectors', 'StopLogging'],
      },
    ] as unknown as LookupEventsOptions['rules'];
    const error = await collect({
      regions: ['eu-west-1'],
      includeGlobalRegion: true,
      plan: 'event-names',
      rules,
      lookupConcurrency: 1,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LookupEventsError);
    expect((error as Error).message).toMatch(
      /^cannot read CloudTrail with LookupEvents \(and in all 2 Regions\): (eu-west-1|us-east-1): access denied .*cloudtrail:LookupEvents/,
    );
    expect(server.calls('eu-west-1')).toBe(1);
    expect(server.calls('us-east-1')).toBe(1);
  });

  it('expired credentials are named as such, not retried', async () => {
    server.failWith.set('eu-west-1', {
      type: 'ExpiredTokenException',
      message: 'The security token included in the request is expired',
    });
    await expect(collect({ regions: ['eu-west-1'], plan: 'full' })).rejects.toThrow(
      /eu-west-1: the AWS credentials have expired \(ExpiredTokenException: The security token included in the request is expired\)/,
    );
    expect(server.calls()).toBe(1);
  });

  it('an error that retries cannot fix stops that lookup only, reported with its page', async () => {
    server.setEvents('eu-west-1', events('eu-west-1', 120));
    server.requestsPerSecond = 1000;
    server.randomThrottle = 1; // every request throttled
    const { ids, errors, stats } = await collect({
      regions: ['eu-west-1'],
      plan: 'full',
      retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
    }).catch((err: Error) => ({ ids: [], errors: [{ message: err.message }], stats: { apiCalls: -1 } }));
    expect(ids).toEqual([]);
    expect(errors[0]!.message).toMatch(
      /eu-west-1 all events page 1: gave up after 3 attempts \(ThrottlingException: Rate exceeded\): the rest of this lookup was not read/,
    );
    expect(stats.apiCalls).toBe(-1); // nothing read at all: thrown
    expect(server.calls()).toBe(3);
  });

  it('stops its requests when the consumer stops early', async () => {
    server.setEvents('eu-west-1', events('eu-west-1', 2000));
    const stats = { apiCalls: 0 };
    let n = 0;
    for await (const _record of readLookupEvents(
      { regions: ['eu-west-1'], start: START, end: END, includeGlobalRegion: false, plan: 'full', ...FAST },
      new RecordingReporter(),
      stats,
    )) {
      if (++n === 60) break;
    }
    const calls = server.calls();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.calls()).toBe(calls);
    expect(calls).toBeLessThan(10);
  });

  it('reports an event without CloudTrailEvent and goes on', async () => {
    server.setEvents('eu-west-1', events('eu-west-1', 3));
    // A record whose JSON the server cannot give (CloudTrailEvent empty).
    const stats = { apiCalls: 0 };
    const reporter = new RecordingReporter();
    const out: string[] = [];
    (server as unknown as { events: Map<string, { CloudTrailEvent: string }[]> }).events.get(
      'eu-west-1',
    )![1]!.CloudTrailEvent = '';
    for await (const r of readLookupEvents(
      { regions: ['eu-west-1'], start: START, end: END, includeGlobalRegion: false, ...FAST },
      reporter,
      stats,
    )) {
      out.push(r.text);
    }
    expect(out).toHaveLength(2);
    expect(reporter.reports).toEqual([
      {
        kind: 'error',
        origin: { file: 'lookup-events eu-west-1 all events page 1', index: 1 },
        message: 'LookupEvents returned event eu-west-1-00001 without its CloudTrailEvent',
        recordsLost: 1,
      },
    ]);
  });

  it('rejects bad Regions and windows before any request', async () => {
    await expect(collect({ regions: ['eu-west-1', 'Frankfurt'] })).rejects.toThrow(
      /'Frankfurt' is not a Region name/,
    );
    await expect(collect({ regions: ['eu-west-1'], start: END, end: START })).rejects.toThrow(
      /start .* is after its end/,
    );
    await expect(collect({ regions: ['eu-west-1'], plan: 'event-names' })).rejects.toThrow(
      /plan event-names needs every rule/,
    );
    expect(server.calls()).toBe(0);
  });
});

describe('planner at work', () => {
  const seven = [
    'CreateAccessKey',
    'CreateUser',
    'DeleteDetector',
    'RunInstances',
    'SendCommand',
    'SendSSHPublicKey',
    'SendSerialConsoleSSHPublicKey',
  ];
  const rules = seven.map((name) => ({
    rule: {
      ruleId: name.toLowerCase(),
      detection: { selection: { eventName: name }, condition: 'selection' },
    },
    eventNames: new Set([name.toLowerCase()]),
    eventNamesAsWritten: [name],
  })) as unknown as LookupEventsOptions['rules'];

  it('a quiet Region keeps the full scan; a busy one switches to per-name lookups after the first page', async () => {
    server.setEvents('eu-west-1', events('eu-west-1', 80, { spacingSeconds: 900 })); // 80 events over 20 h
    server.setEvents(
      'us-east-1',
      generateBusyAccount({ events: 6000, end: END, region: 'us-east-1', seed: 3 }),
    );
    const { ids, reports, stats } = await collect({ regions: ['eu-west-1', 'us-east-1'], rules });
    const quiet = reports.find((r) => r.region === 'eu-west-1')!;
    const busy = reports.find((r) => r.region === 'us-east-1')!;
    expect(quiet).toMatchObject({ plan: 'full', calls: 2, lookups: ['all events'], complete: true });
    expect(busy.plan).toBe('event-names');
    expect(busy.probe).toMatchObject({ pages: 1, events: 50 });
    expect(busy.lookups).toEqual(['all events', ...seven.map((n) => `EventName=${n}`)]);
    expect(busy.calls).toBeLessThanOrEqual(1 + 7 + 2);
    expect(stats.apiCalls).toBe(quiet.calls + busy.calls);
    // Every RunInstances of the busy Region was read (by the probe or by its lookup).
    const busyRuns = generateBusyAccount({ events: 6000, end: END, region: 'us-east-1', seed: 3 })
      .filter((e) => e.eventName === 'RunInstances')
      .map((e) => e.eventID as string);
    expect(busyRuns.length).toBeGreaterThan(0);
    for (const id of busyRuns) expect(ids).toContain(id);
    // The per-name lookups read [start, oldest event of the probe page].
    const perName = server.requests.filter((r) => r.attribute?.key === 'EventName');
    expect(
      perName.every((r) => r.startTime === START.getTime() / 1000 && r.endTime! < END.getTime() / 1000),
    ).toBe(true);
    const text = explainLookupPlans(pushdownTargets(rules!), reports);
    expect(text).toMatch(
      /^LookupEvents pushdown: 7 rules; per-eventName lookups possible: 7 names \(CreateAccessKey, /,
    );
    expect(text).toMatch(
      /\nus-east-1: event-names — event-names needs the fewest calls: ~\d+ \(against full ~\d+\)\n {2}probe: 1 full-scan page, 50 events over/,
    );
    expect(text).toMatch(/\neu-west-1: full — the full scan stayed the cheapest plan\n/);
  });
});

describe('the loopback CloudTrail server keeps LookupEvents semantics', () => {
  const client = (region = 'eu-west-1') => new CloudTrailClient({ region, maxAttempts: 1 });

  it('one lookup attribute at most; a NextToken belongs to its parameters; MaxResults up to 50', async () => {
    server.setEvents('eu-west-1', events('eu-west-1', 120));
    const ct = client();
    try {
      await expect(
        ct.send(
          new LookupEventsCommand({
            LookupAttributes: [
              { AttributeKey: 'EventName', AttributeValue: 'RunInstances' },
              { AttributeKey: 'ReadOnly', AttributeValue: 'false' },
            ],
          }),
        ),
      ).rejects.toMatchObject({ name: 'InvalidLookupAttributesException' });
      const first = await ct.send(
        new LookupEventsCommand({ StartTime: START, EndTime: END, MaxResults: 50 }),
      );
      expect(first.Events).toHaveLength(50);
      expect(first.Events![0]!.EventTime).toEqual(END);
      expect(first.NextToken).toBeDefined();
      await expect(
        ct.send(
          new LookupEventsCommand({
            StartTime: new Date(START.getTime() + 1000),
            EndTime: END,
            NextToken: first.NextToken,
          }),
        ),
      ).rejects.toMatchObject({ name: 'InvalidNextTokenException' });
      const second = await ct.send(
        new LookupEventsCommand({
          StartTime: START,
          EndTime: END,
          MaxResults: 50,
          NextToken: first.NextToken,
        }),
      );
      expect(second.Events![0]!.EventId).toBe('eu-west-1-00050');
      await expect(ct.send(new LookupEventsCommand({ MaxResults: 51 }))).rejects.toMatchObject({
        name: 'InvalidMaxResultsException',
      });
      const writes = await ct.send(
        new LookupEventsCommand({
          LookupAttributes: [{ AttributeKey: 'ReadOnly', AttributeValue: 'false' }],
        }),
      );
      expect(writes.Events!.map((e) => e.EventName)).toEqual(Array(12).fill('RunInstances'));
    } finally {
      ct.destroy();
    }
  });

  it('throttles the third request within a second in a Region', async () => {
    server.requestsPerSecond = 2;
    const ct = client('me-south-1');
    try {
      await ct.send(new LookupEventsCommand({}));
      await ct.send(new LookupEventsCommand({}));
      await expect(ct.send(new LookupEventsCommand({}))).rejects.toMatchObject({
        name: 'ThrottlingException',
        $metadata: { httpStatusCode: 400 },
      });
    } finally {
      ct.destroy();
    }
  });
});
