/**
 * The LookupEvents planner's pure parts: what lookups can fetch a rule's events (coverage.ts, catalog.ts), and the
 * plan made within a budget from the probes (planner.ts).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { silentLogger } from '../../../src/core/logger.js';
import { compileRule } from '../../../src/rules/compile.js';
import type { DetectionRule } from '../../../src/rules/model.js';
import type { ResolvedCorrelation } from '../../../src/rules/resolve-correlations.js';
import { severityRank } from '../../../src/core/severity.js';
import { loadRuleSet } from '../../../src/rules/rule-set.js';
import {
  DATA_EVENTS,
  WRITE_EVENTS,
  WRITE_PREFIXES,
  plan,
  ruleCover,
  ruleCovers,
  type RegionSample,
  type RuleCover,
} from '../../../src/sources/lookup-events/index.js';
import { seedSet } from '../../helpers/busy-account.js';
import { ROOT } from '../../helpers/run-process.js';

function rule(ruleId: string, detection: Record<string, unknown>, level = 'medium') {
  const sigma = { ruleId, detection, title: ruleId, level } as unknown as DetectionRule;
  return compileRule(sigma);
}

const coverOf = (ruleId: string, detection: Record<string, unknown>) => ruleCover(rule(ruleId, detection));

describe('what lookups can fetch a rule', () => {
  it('the seed rules: their names, each a write event', async () => {
    const { rules } = await seedSet(new Date('2026-01-02T00:00:00Z'), 'us-east-1');
    const covers = rules.map((r) => ruleCover(r));
    expect(covers.flatMap((c) => c.names!.map((n) => n.name)).sort()).toEqual([
      'CreateAccessKey',
      'CreateUser',
      'DeleteDetector',
      'RunInstances',
      'SendCommand',
      'SendSSHPublicKey',
      'SendSerialConsoleSSHPublicKey',
    ]);
    expect(covers.every((c) => c.names!.every((n) => n.write))).toBe(true);
  });

  it('lists of maps, OR and AND conditions, the cased modifier; a read is looked up by its name', () => {
    const lists = coverOf('lists', {
      a: [{ eventName: 'PutBucketPolicy' }, { 'eventName|cased': 'PutBucketAcl' }],
      b: { eventName: 'GetBucketPolicy' },
      condition: 'a or b',
    });
    expect(lists.names).toEqual([
      { name: 'GetBucketPolicy', write: false },
      { name: 'PutBucketAcl', write: true },
      { name: 'PutBucketPolicy', write: true },
    ]);
    const and = coverOf('and', {
      a: { eventName: ['GetSecretValue', 'ListSecrets'] },
      b: { eventName: 'GetSecretValue', eventSource: 'secretsmanager.amazonaws.com' },
      condition: 'a and b',
    });
    expect(and.names).toEqual([{ name: 'GetSecretValue', write: false }]);
    expect(and.sources).toEqual(['secretsmanager.amazonaws.com']);
  });

  it('by eventSource, by readOnly: false, by prefixes of write events; NOT and wildcards pin nothing', () => {
    expect(coverOf('src', { s: { eventSource: 'iam.amazonaws.com' }, condition: 's' })).toMatchObject({
      names: null,
      sources: ['iam.amazonaws.com'],
      writeOnly: false,
    });
    expect(
      coverOf('writes', {
        s: { readOnly: false },
        f: { eventType: 'AwsServiceEvent' },
        condition: 's and not f',
      }),
    ).toMatchObject({ names: null, sources: null, writeOnly: true });
    expect(coverOf('reads', { s: { readOnly: true }, condition: 's' }).writeOnly).toBe(false);
    expect(
      coverOf('lambda', {
        s: { eventSource: 'lambda.amazonaws.com' },
        a: { 'eventName|startswith': ['UpdateFunctionCode', 'AddPermission'] },
        condition: 's and a',
      }),
    ).toMatchObject({ names: null, sources: ['lambda.amazonaws.com'], writeOnly: true });
    expect(coverOf('prefix-read', { a: { 'eventName|startswith': 'Get' }, condition: 'a' }).writeOnly).toBe(
      false,
    );
    for (const detection of [
      { s: { eventName: 'ConsoleLogin' }, condition: 'not s' },
      { s: { eventName: 'Delete*' }, condition: 's' },
      { s: { 'eventName|contains': 'Delete' }, condition: 's' },
      { s: { errorCode: 'AccessDenied' }, condition: 's' },
      { s: { eventName: 'A' }, t: { eventSource: 'x' }, condition: 's or not t' },
    ]) {
      expect(coverOf('none', detection)).toMatchObject({ names: null, sources: null, writeOnly: false });
    }
  });

  it('data events are named apart: no lookup returns them', () => {
    expect(
      coverOf('objects', { s: { eventName: ['PutObject', 'PutBucketPolicy'] }, condition: 's' }),
    ).toMatchObject({
      names: [{ name: 'PutBucketPolicy', write: true }],
      dataNames: ['PutObject'],
    });
  });

  it('a rule feeding a correlation is planned at the correlation’s level when higher', async () => {
    const set = await loadRuleSet({ rulesPaths: [], excludeRules: [], minSeverity: 'low' }, silentLogger);
    const covers = new Map(
      ruleCovers(set.rules, { correlations: set.correlations }).map((c) => [c.ruleId, c]),
    );
    for (const correlation of set.correlations)
      for (const member of correlation.members)
        expect(severityRank(covers.get(member.rule.ruleId)!.level)).toBeGreaterThanOrEqual(
          severityRank(correlation.rule.level),
        );
    const feeder = rule('feeder', { s: { eventName: 'GetSecretValue' }, condition: 's' }, 'low');
    const correlation = {
      rule: { ruleId: 'burst', level: 'high' },
      members: [feeder],
    } as unknown as ResolvedCorrelation;
    expect(ruleCovers([feeder], { correlations: [correlation] })[0]!.level).toBe('high');
    expect(ruleCovers([feeder])[0]!.level).toBe('low');
  });
});

describe('the catalogue of write events', () => {
  /** Every record of the repository's real CloudTrail files (test fixtures and samples). */
  function realRecords(): Record<string, unknown>[] {
    const out: Record<string, unknown>[] = [];
    const visit = (path: string) => {
      if (statSync(path).isDirectory()) {
        for (const name of readdirSync(path)) visit(join(path, name));
        return;
      }
      if (!/\.json(\.gz)?$/.test(path)) return;
      let text = readFileSync(path);
      if (path.endsWith('.gz')) text = gunzipSync(text);
      let doc: unknown;
      try {
        doc = JSON.parse(text.toString('utf8'));
      } catch {
        return;
      }
      const d = doc as { Records?: unknown[]; Events?: { CloudTrailEvent: string }[] };
      const records = Array.isArray(doc)
        ? doc
        : (d.Records ?? d.Events?.map((e) => JSON.parse(e.CloudTrailEvent) as unknown) ?? [doc]);
      for (const r of records) if (r && typeof r === 'object') out.push(r as Record<string, unknown>);
    };
    visit(join(ROOT, 'test/fixtures/real-cloudtrail'));
    visit(join(ROOT, 'samples'));
    return out;
  }

  it('agrees with every real record: a listed name is never recorded as read-only', () => {
    const records = realRecords().filter((r) => typeof r.eventName === 'string');
    expect(records.length).toBeGreaterThan(100);
    const listed = records.filter((r) => WRITE_EVENTS.has(r.eventName as string));
    expect(new Set(listed.map((r) => r.eventName)).size).toBeGreaterThan(25);
    for (const r of listed) expect([r.eventName, r.readOnly]).toEqual([r.eventName, false]);
    for (const r of records.filter((r) =>
      [...WRITE_PREFIXES].some((p) => (r.eventName as string).startsWith(p)),
    ))
      expect([r.eventName, r.readOnly]).toEqual([r.eventName, false]);
  });

  it('lists only names the built-in rules use, and every built-in name is a write, a data event or looked up by name', async () => {
    const set = await loadRuleSet({ rulesPaths: [], excludeRules: [], minSeverity: 'low' }, silentLogger);
    const names = new Set(set.rules.flatMap((r) => r.eventNamesAsWritten ?? []));
    for (const name of WRITE_EVENTS) expect([name, names.has(name)]).toEqual([name, true]);
    for (const name of DATA_EVENTS) expect(WRITE_EVENTS.has(name)).toBe(false);
    // The reads the built-in rules name: each costs a lookup by name.
    const reads = [...names].filter((n) => !WRITE_EVENTS.has(n) && !DATA_EVENTS.has(n)).sort();
    expect(reads).toEqual([
      'AssumeRoleWithWebIdentity',
      'BatchGetSecretValue',
      'ConsoleLogin',
      'GetCallerIdentity',
      'GetParameter',
      'GetParameters',
      'GetParametersByPath',
      'GetPasswordData',
      'GetSecretValue',
      'GetSigninToken',
    ]);
  });
});

describe('the plan', () => {
  const HOUR = 3600;
  /** A probe page: 50 events over `coveredSeconds`, `writes` of them writes, with these names. */
  function sample(over: Partial<RegionSample> & { region: string }): RegionSample {
    return {
      complete: false,
      events: 50,
      writes: 2,
      names: new Map(),
      sources: new Map(),
      coveredSeconds: 240,
      remainingSeconds: 24 * HOUR - 240,
      ...over,
    };
  }
  const cover = (ruleId: string, level: RuleCover['level'], names: [string, boolean][] | null, extra = {}) =>
    ({
      ruleId,
      level,
      names: names?.map(([name, write]) => ({ name, write })) ?? null,
      dataNames: [],
      sources: null,
      writeOnly: false,
      ...extra,
    }) satisfies RuleCover;

  // Thirty write events (looked up one by one: at least 30 calls), two reads, a rule that needs every event.
  const writes = Array.from({ length: 30 }, (_, i) => `Write${i}`);
  const rules: RuleCover[] = [
    ...writes.map((n, i) => cover(`w${i}`, 'high', [[n, true]])),
    cover('secret', 'medium', [['GetSecretValue', false]]),
    cover('caller', 'low', [['GetCallerIdentity', false]]),
    cover('denied', 'low', null),
  ];

  it('a busy Region: one ReadOnly=false lookup for the write events, reads by name, the full scan out of budget', () => {
    // ~750 events/h: a full scan of the day is ~360 calls; writes 2 in 50.
    const out = plan({ regions: [sample({ region: 'us-east-1' })], rules, budget: 60 });
    const region = out.regions[0]!;
    expect(region.window).toBe('lookups');
    expect(region.lookups.map((l) => l.lookup.attribute?.value)).toEqual([
      'false',
      'GetSecretValue',
      'GetCallerIdentity',
    ]);
    expect(region.lookups[0]!.lookup.attribute?.key).toBe('ReadOnly');
    expect(out.estimated).toBeLessThanOrEqual(60);
    expect(out.window.get('us-east-1')!.get('w0')).toEqual({ by: ['ReadOnly=false'] });
    expect(out.window.get('us-east-1')!.get('denied')).toEqual({ partial: 'needs-every-event' });
    expect(out.fullWindow).toBe(359);
  });

  it('by priority within the budget: the high rules first, a low rule cut and kept as a spare', () => {
    const busy = sample({ region: 'us-east-1', names: new Map([['GetCallerIdentity', 10]]) });
    const out = plan({ regions: [busy], rules, budget: 60 });
    const served = out.window.get('us-east-1')!;
    // GetCallerIdentity is a fifth of the events: ~72 calls. Cut, with its lookup as a spare.
    expect(served.get('caller')).toEqual({ partial: 'budget', spare: ['EventName=GetCallerIdentity'] });
    expect(served.get('w29')).toEqual({ by: ['ReadOnly=false'] });
    expect(out.regions[0]!.spare.map((l) => l.lookup.attribute?.value)).toEqual(['GetCallerIdentity']);
  });

  it('a quiet Region is read in full: it costs no more than the lookups, and serves every rule', () => {
    const quiet = sample({ region: 'eu-west-1', coveredSeconds: 10 * HOUR, remainingSeconds: 14 * HOUR });
    const out = plan({ regions: [quiet], rules, budget: 40 });
    expect(out.regions[0]!.window).toBe('full');
    expect(out.regions[0]!.lookups.map((l) => l.lookup)).toEqual([{}]);
    expect(out.regions[0]!.lookups[0]!.estimate).toBe(2);
    expect(out.window.get('eu-west-1')!.get('denied')).toEqual({ by: ['all events'] });
  });

  it('the full scan where it fits the budget, when a rule needs every event; the budget split by cost', () => {
    const a = sample({ region: 'eu-west-1', coveredSeconds: 2 * HOUR, remainingSeconds: 22 * HOUR }); // ~11 calls
    const b = sample({ region: 'us-east-1' }); // ~300 calls
    const out = plan({ regions: [a, b], rules, budget: 40 });
    expect(out.regions.map((r) => [r.region, r.window])).toEqual([
      ['eu-west-1', 'full'],
      ['us-east-1', 'lookups'],
    ]);
    expect(out.window.get('us-east-1')!.get('denied')).toEqual({ partial: 'needs-every-event' });
    // Without a rule that needs every event, lookups are cheaper in both.
    const coverable = plan({ regions: [a, b], rules: rules.filter((r) => r.names), budget: 40 });
    expect(coverable.regions.map((r) => r.window)).toEqual(['lookups', 'lookups']);
    // Every event wanted (a timeline of all events): the full scan, as far as the budget goes.
    const every = plan({ regions: [a], rules, budget: 40, everyEvent: true });
    expect(every.regions[0]!.window).toBe('full');
  });

  it('a window read by the probe: nothing more for the window; the history by lookups or in full', () => {
    // 30 events in the whole day.
    const read = sample({
      region: 'eu-west-1',
      complete: true,
      events: 30,
      writes: 3,
      coveredSeconds: 24 * HOUR,
    });
    const firstSeen = [
      cover('fs-ssm', 'medium', [['SendCommand', true]]),
      cover('fs-ip', 'medium', null),
      cover('fs-region', 'low', null, { writeOnly: true }),
    ];
    const out = plan({
      regions: [read],
      rules: [...rules, ...firstSeen],
      history: { seconds: 10 * 24 * HOUR, ruleIds: ['fs-ssm', 'fs-ip', 'fs-region'] },
      budget: 40,
    });
    const region = out.regions[0]!;
    expect(region.window).toBe('read');
    // 10 days of 30 events a day: the full scan of the history (~6 calls) fits, and serves the rule needing it.
    expect(region.history).toBe('full');
    expect(out.history.get('eu-west-1')!.get('fs-ip')).toEqual({ by: ['all events'] });
    // With a budget that does not hold it, the history by lookups, and the rule needing every event is left.
    const tight = plan({
      regions: [read],
      rules: [...rules, ...firstSeen],
      history: { seconds: 10 * 24 * HOUR, ruleIds: ['fs-ssm', 'fs-ip', 'fs-region'] },
      budget: 3,
    });
    expect(tight.regions[0]!.history).toBe('lookups');
    expect(tight.regions[0]!.lookups.map((l) => [l.period, l.lookup.attribute?.key])).toEqual([
      ['history', 'ReadOnly'],
    ]);
    expect(tight.history.get('eu-west-1')!.get('fs-region')).toEqual({ by: ['ReadOnly=false'] });
    expect(tight.history.get('eu-west-1')!.get('fs-ip')).toEqual({ partial: 'needs-every-event' });
  });
});
