/**
 * The LookupEvents source against a CloudTrail JSON-protocol server on loopback, through the real SDK client
 * (AWS_ENDPOINT_URL_CLOUDTRAIL, dummy credentials): pagination, Regions in parallel, inclusive times, pacing,
 * throttling (the service's 2 requests per second, and 30 % random throttles), errors, de-duplication.
 */
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import type { SourceCoverage } from '../../../src/core/stats.js';
import { compileRule } from '../../../src/rules/compile.js';
import type { DetectionRule } from '../../../src/rules/model.js';
import {
  LookupEventsError,
  explainLookupPlans,
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
// A budget that is not the subject of the test: large enough never to cut.
const FAST = {
  requestsPerSecond: 200,
  retry: { baseDelayMs: 5, maxDelayMs: 50, maxAttempts: 12 },
  maxCalls: 100_000,
};

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

function rule(ruleId: string, detection: Record<string, unknown>, level = 'medium') {
  return compileRule({ ruleId, detection, title: ruleId, level } as unknown as DetectionRule);
}

async function collect(options: Partial<LookupEventsOptions> & { regions: string[] }) {
  const reporter = new RecordingReporter();
  const stats: { apiCalls: number; coverage?: SourceCoverage } = { apiCalls: 0 };
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
      rule('a', { s: { eventName: ['StopLogging', 'DeleteTrail', 'PutEventSelectors'] }, condition: 's' }),
    ];
    const error = await collect({
      regions: ['eu-west-1'],
      includeGlobalRegion: true,
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
    await expect(
      collect({
        regions: ['eu-west-1'],
        includeGlobalRegion: true,
        maxCalls: 1,
        budgetOption: '--max-lookup-calls',
      }),
    ).rejects.toThrow(/--max-lookup-calls: 1 is fewer calls than Regions to read \(2\)/);
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
  const rules = seven.map((name) =>
    rule(name.toLowerCase(), { s: { eventName: name }, condition: 's' }, 'high'),
  );
  const denied = rule('denied', { s: { errorCode: 'AccessDenied' }, condition: 's' }, 'low');

  it('a quiet Region is read in full; a busy one with lookups after the probe', async () => {
    server.setEvents('eu-west-1', events('eu-west-1', 80, { spacingSeconds: 900 })); // 80 events over 20 h
    const busyEvents = generateBusyAccount({ events: 6000, end: END, region: 'us-east-1', seed: 3 });
    server.setEvents('us-east-1', busyEvents);
    const { ids, reports, stats } = await collect({
      regions: ['eu-west-1', 'us-east-1'],
      rules,
      maxCalls: 40,
    });
    const quiet = reports.find((r) => r.region === 'eu-west-1')!;
    const busy = reports.find((r) => r.region === 'us-east-1')!;
    expect(quiet).toMatchObject({ plan: 'full', calls: 2, complete: true });
    expect(busy.plan).toBe('lookups');
    expect(busy.probe).toMatchObject({ events: 50 });
    // The seven names one by one, or ReadOnly=false: whichever the probe says is cheaper.
    const lookups = busy.lookups.map((l) => l.lookup);
    expect(lookups[0]).toBe('all events');
    const perName = seven.map((n) => `EventName=${n}`).sort();
    expect([['ReadOnly=false'], perName]).toContainEqual(lookups.slice(1).sort());
    expect(busy.calls).toBeLessThanOrEqual(1 + 8);
    expect(stats.apiCalls).toBe(quiet.calls + busy.calls);
    expect(stats.coverage!.partial).toEqual([]);
    // Every event of the seven names in the busy Region was read (by the probe or by a lookup).
    const wanted = busyEvents
      .filter((e) => seven.includes(e.eventName as string))
      .map((e) => e.eventID as string);
    expect(wanted.length).toBeGreaterThan(10); // RunInstances
    for (const id of wanted) expect(ids).toContain(id);
    // The lookups read [start, oldest event of the probe page].
    const after = server.requests.filter((r) => r.attribute !== undefined);
    expect(
      after.every((r) => r.startTime === START.getTime() / 1000 && r.endTime! < END.getTime() / 1000),
    ).toBe(true);
    const text = explainLookupPlans(stats.coverage, reports);
    expect(text).toMatch(/^LookupEvents: \d+ of at most 40 calls \(maxCalls\); the plan estimated \d+\.\n/);
    expect(text).toMatch(/\neu-west-1: window: full scan\n {2}probe: 1 page, 50 events over /);
    expect(text).toMatch(/\nus-east-1: window: lookups\n/);
    expect(text).toMatch(
      /\n {2}window {2}(ReadOnly=false|EventName=RunInstances): ~\d+ estimated, \d+ calls?, \d+ events\n/,
    );
  });

  it('keeps to the budget: a rule that needs every event is served in part, named with the fix; a budget that holds the full scan serves it', async () => {
    server.setEvents(
      'us-east-1',
      generateBusyAccount({ events: 6000, end: END, region: 'us-east-1', seed: 4 }),
    );
    const tight = await collect({
      regions: ['us-east-1'],
      rules: [...rules, denied],
      maxCalls: 20,
      budgetOption: 'max-lookup-calls',
    });
    expect(server.calls()).toBeLessThanOrEqual(20);
    expect(tight.stats.coverage!.budget).toMatchObject({
      of: 'LookupEvents calls',
      limit: 20,
      spent: server.calls(),
    });
    expect(tight.stats.coverage!.partial).toEqual([
      { ruleId: 'denied', regions: ['us-east-1'], reason: 'needs-every-event' },
    ]);
    expect(tight.stats.coverage!.remedy).toMatch(
      /^a full scan of the window would need about \d+ calls \(max-lookup-calls: \d+\); or scan a shorter window/,
    );
    server.requests.length = 0;
    const ample = await collect({ regions: ['us-east-1'], rules: [...rules, denied], maxCalls: 200 });
    expect(ample.reports[0]!.plan).toBe('full');
    expect(ample.ids).toHaveLength(6000);
    expect(ample.stats.coverage!.partial).toEqual([]);
  });

  it('a lookup the budget stops halfway is cut, and its rules are served in part', async () => {
    // The newest 60 events are writes; 2,000 DescribeInstances before them: the probe sees none of them.
    const newest = events('eu-west-1', 60, { spacingSeconds: 5 }).map((e) => ({
      ...e,
      eventName: 'CreateTags',
      readOnly: false,
    }));
    const older = events('eu-west-1', 2000, {
      spacingSeconds: 30,
      end: new Date(END.getTime() - 3600_000),
      prefix: 'old',
    }).map((e) => ({ ...e, eventName: 'DescribeInstances', readOnly: true }));
    server.setEvents('eu-west-1', [...newest, ...older]);
    const describe = rule('describe', { s: { eventName: 'DescribeInstances' }, condition: 's' });
    const { reports, stats } = await collect({ regions: ['eu-west-1'], rules: [describe], maxCalls: 10 });
    expect(server.calls()).toBe(10);
    const lookup = reports[0]!.lookups.find((l) => l.lookup === 'EventName=DescribeInstances')!;
    // Estimated from a probe that saw none of them: a few calls; it needs 40.
    expect(lookup).toMatchObject({ calls: 9, complete: false, cut: true });
    expect(lookup.estimate).toBeLessThan(9);
    expect(stats.coverage!.partial).toEqual([
      { ruleId: 'describe', regions: ['eu-west-1'], reason: 'budget' },
    ]);
    expect(explainLookupPlans(stats.coverage, reports)).toMatch(
      /window {2}EventName=DescribeInstances: ~\d estimated, 9 calls, 450 events, CUT by the budget/,
    );
  });

  it('one budget for all Regions, Regions read in parallel', async () => {
    for (const region of ['eu-west-1', 'eu-central-1', 'us-east-1'])
      server.setEvents(region, generateBusyAccount({ events: 3000, end: END, region, seed: 5 }));
    const { stats, reports } = await collect({
      regions: ['eu-west-1', 'eu-central-1'],
      includeGlobalRegion: true,
      rules: [...rules, denied],
      maxCalls: 12,
    });
    expect(server.calls()).toBeLessThanOrEqual(12);
    expect(stats.apiCalls).toBe(server.calls());
    expect(reports.every((r) => r.calls >= 1)).toBe(true);
    const partial = stats.coverage!.partial.find((p) => p.ruleId === 'denied')!;
    expect(partial.regions).toEqual(['eu-central-1', 'eu-west-1', 'us-east-1']);
  });
});

describe('history on a first run', () => {
  const DAY = 86_400_000;
  const ssm = rule(
    'fs-ssm',
    { s: { eventSource: 'ssm.amazonaws.com', eventName: 'SendCommand' }, condition: 's' },
    'medium',
  );
  const everyCall = rule('fs-key-ip', {
    s: { 'userIdentity.accessKeyId|startswith': 'AKIA' },
    condition: 's',
  });

  function account(): Record<string, unknown>[] {
    // Twelve days, 500 events a day, and one principal's daily SendCommand.
    const filler = generateBusyAccount({
      events: 6000,
      end: END,
      region: 'eu-west-1',
      hours: 12 * 24,
      seed: 8,
    });
    const daily = Array.from({ length: 12 }, (_, d) => ({
      ...events('eu-west-1', 1, {
        end: new Date(END.getTime() - d * DAY - 3600_000),
        prefix: `ssm-${d}`,
      })[0]!,
      eventSource: 'ssm.amazonaws.com',
      eventName: 'SendCommand',
      readOnly: false,
    }));
    return [...filler, ...daily];
  }

  it('reads the history of the first-seen rules with lookups over [since, start], and says which got it whole', async () => {
    server.setEvents('eu-west-1', account());
    const delivered: [number, readonly string[] | undefined][] = [];
    const since = START.getTime() - 10 * DAY;
    const { ids, stats, reports } = await collect({
      regions: ['eu-west-1'],
      rules: [ssm, everyCall],
      maxCalls: 40,
      context: {
        correlations: [],
        history: { since, ruleIds: ['fs-key-ip', 'fs-ssm'], delivered: (s, r) => delivered.push([s, r]) },
      },
    });
    const history = server.requests.filter((r) => r.endTime === START.getTime() / 1000);
    expect(history.length).toBeGreaterThan(0);
    expect(history.every((r) => r.startTime === since / 1000)).toBe(true);
    // SendCommand is a write: one ReadOnly=false lookup (10 days of 3 % writes: a few calls) serves it; the full
    // scan of the history (about 100 calls) does not fit, so the rule that needs every event learns.
    expect(reports[0]!.history).toBe('lookups');
    expect(delivered).toEqual([[since, ['fs-ssm']]]);
    expect(stats.coverage!.history).toEqual({
      since: new Date(since).toISOString(),
      until: START.toISOString(),
      served: ['fs-ssm'],
      notServed: ['fs-key-ip'],
      spent: expect.any(Number),
    });
    expect(stats.coverage!.history!.spent).toBeLessThanOrEqual(8);
    expect(stats.apiCalls).toBeLessThanOrEqual(40);
    // Every SendCommand of the ten days before the window was read.
    for (let d = 1; d <= 10; d++) expect(ids).toContain(`ssm-${d}-00000`);
    expect(explainLookupPlans(stats.coverage, reports)).toMatch(
      /\nHistory .* \(first run, no saved state\): \d+ calls; 1 first-seen rule judges the window now; still learning: fs-key-ip$/,
    );
  });

  it('with a budget that holds it, the full scan of the history serves every first-seen rule', async () => {
    server.setEvents('eu-west-1', account());
    const delivered: [number, readonly string[] | undefined][] = [];
    const since = START.getTime() - 10 * DAY;
    const { reports } = await collect({
      regions: ['eu-west-1'],
      rules: [ssm, everyCall],
      maxCalls: 200,
      context: {
        correlations: [],
        history: { since, ruleIds: ['fs-key-ip', 'fs-ssm'], delivered: (s, r) => delivered.push([s, r]) },
      },
    });
    expect(reports[0]!.history).toBe('full');
    expect(delivered).toEqual([[since, ['fs-key-ip', 'fs-ssm']]]);
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
