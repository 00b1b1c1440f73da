/**
 * The bundled action (`node dist/index.js`, as a runner runs it) with `source: lookup-events` and the default rule
 * set against the loopback CloudTrail server (#16's "Done when"):
 * - a busy account (20,000 events in 24 h, ~3 % writes, the seven seed attacks inside): all seven found with at most
 *   40 calls, the default budget (a full scan is 400), and the rules served in part named in the summary; with
 *   30 % of the requests throttled, the same events and findings within the same budget;
 * - a first run with no saved state over twelve days of history (one principal's daily SendCommand among 6,000
 *   benign events): the new principal of the last day is reported and the known one is not, with at most 40 calls
 *   in all, for `state: file` and `state: actions-cache`; the run after it, with the saved state, reads no history.
 *
 * Run `npm run package` first: these run dist/index.js.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { accountWithHistory, generateBusyAccount, SEED_RULE_IDS, seedSet } from '../helpers/busy-account.js';
import { ActionsCacheServer } from '../helpers/actions-cache-server.js';
import { CloudTrailTestServer } from '../helpers/cloudtrail-server.js';
import { actionEnv, readOutputs, ROOT, runNode, tempDir } from '../helpers/run-process.js';

const ACTION = join(ROOT, 'dist/index.js');
// LookupEvents keeps 90 days: windows end at the last full hour.
const END = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
const START = new Date(END.getTime() - 24 * 3_600_000);
const AWS_ENV = {
  AWS_ACCESS_KEY_ID: 'AKIDLOOPBACKTESTKEY1',
  AWS_SECRET_ACCESS_KEY: 'loopback-secret',
  AWS_REGION: 'us-east-1',
};

interface FindingsDoc {
  stats: {
    apiCalls: number;
    eventsScanned: number;
    coverage?: {
      budget: { limit: number; spent: number; estimated: number; throttled?: number };
      partial: { ruleId: string; reason: string; regions: string[]; via?: string }[];
      history?: { served: string[]; notServed: string[]; spent: number };
    };
  };
  findings: RaisedFinding[];
  /** Findings whose events another finding carries (main's folding): raised by their rule all the same. */
  folded: RaisedFinding[];
}

interface RaisedFinding {
  ruleId: string;
  fingerprint: string;
  group: Record<string, string>;
  events: { eventID: string }[];
}

/** What the rules raised: the findings reported and those folded into them. */
const raised = (doc: FindingsDoc) => [...doc.findings, ...doc.folded];

let server: CloudTrailTestServer;

beforeAll(async () => {
  server = await CloudTrailTestServer.start({ requestsPerSecond: 1000 });
});

afterAll(async () => {
  await server?.close();
});

function env(inputs: Record<string, string>, dir: string, extra: Record<string, string> = {}) {
  return {
    ...actionEnv(
      {
        source: 'lookup-events',
        regions: 'us-east-1',
        'start-time': START.toISOString(),
        'end-time': END.toISOString(),
        ...inputs,
      },
      dir,
    ),
    ...AWS_ENV,
    AWS_ENDPOINT_URL_CLOUDTRAIL: server.url,
    ...extra,
  };
}

async function runAction(inputs: Record<string, string>, dir: string, extra: Record<string, string> = {}) {
  server.requests.length = 0;
  const result = await runNode(ACTION, [], env(inputs, dir, extra));
  expect(result.stdout).not.toMatch(/::error::/);
  expect(result.code).toBe(0);
  const outputs = readOutputs(join(dir, 'output.txt'));
  const doc = JSON.parse(readFileSync(outputs['findings-file']!, 'utf8')) as FindingsDoc;
  const summary = readFileSync(join(dir, 'summary.md'), 'utf8');
  return { result, outputs, doc, summary, calls: server.calls() };
}

describe('the bundled action on a busy account, default rule set', () => {
  let calmBusy: Awaited<ReturnType<typeof runAction>> | undefined;

  it('finds the seven seed attacks with at most 40 calls (the default budget) and names the rules served in part', async () => {
    const { events } = await seedSet(END, 'us-east-1');
    server.setEvents('us-east-1', [
      ...generateBusyAccount({ events: 20_000 - events.size, end: END, region: 'us-east-1' }),
      ...events.values(),
    ]);
    const dir = tempDir();
    calmBusy = await runAction({ state: 'none' }, dir);
    const { doc, summary, calls, result } = calmBusy;
    const ruleIds = new Set(raised(doc).map((f) => f.ruleId));
    for (const id of SEED_RULE_IDS) expect(ruleIds).toContain(id);
    expect(calls).toBeLessThanOrEqual(40);
    expect(doc.stats.apiCalls).toBe(calls);
    const coverage = doc.stats.coverage!;
    expect(coverage.budget).toMatchObject({ limit: 40, spent: calls });
    const partial = new Map(coverage.partial.map((p) => [p.ruleId, p]));
    expect(partial.get('api-call-denied')).toMatchObject({
      reason: 'needs-every-event',
      regions: ['us-east-1'],
    });
    expect(partial.get('access-denied-burst')).toMatchObject({ via: 'api-call-denied' });
    for (const id of SEED_RULE_IDS) expect(partial.has(id)).toBe(false);
    // The summary says what was spent, which rules were served in part, and what would serve them.
    expect(summary).toMatch(
      /### Source coverage\n\nLookupEvents calls: \d+ of at most 40 \(`max-lookup-calls`\)/,
    );
    expect(summary).toMatch(/\| `api-call-denied` \| `us-east-1` \| needs every event/);
    expect(summary).toMatch(/To serve them: a full scan of the window would need about \d+ calls/);
    // The plan is in the log.
    expect(result.stdout).toMatch(/us-east-1: window: lookups/);
  });

  it('under 30 % throttling, reads the same events within the same budget, the throttled requests made again', async () => {
    const { events } = await seedSet(END, 'us-east-1');
    server.setEvents('us-east-1', [
      ...generateBusyAccount({ events: 20_000 - events.size, end: END, region: 'us-east-1' }),
      ...events.values(),
    ]);
    // The same account read without throttling (by the test above, or now when run alone).
    const calm = calmBusy ?? (await runAction({ state: 'none' }, tempDir()));
    server.randomThrottle = 0.3;
    try {
      const run = await runAction({ state: 'none' }, tempDir());
      const budget = run.doc.stats.coverage!.budget;
      expect(budget.throttled).toBeGreaterThan(0);
      expect(budget.spent).toBe(calm.doc.stats.coverage!.budget.spent);
      expect(budget.spent).toBeLessThanOrEqual(40);
      expect(run.calls).toBe(budget.spent + budget.throttled!);
      expect(run.doc.stats.eventsScanned).toBe(calm.doc.stats.eventsScanned);
      expect(run.doc.stats.coverage!.partial).toEqual(calm.doc.stats.coverage!.partial);
      expect(new Set(raised(run.doc).map((f) => f.fingerprint))).toEqual(
        new Set(raised(calm.doc).map((f) => f.fingerprint)),
      );
      expect(run.summary).toMatch(
        new RegExp(
          `${budget.throttled} more requests were refused by throttling and made again \\(not counted\\)`,
        ),
      );
    } finally {
      server.randomThrottle = 0;
    }
  }, 150_000);

  it('max-lookup-calls sets the budget: a smaller one is kept, and more rules are served in part', async () => {
    server.setEvents(
      'us-east-1',
      generateBusyAccount({ events: 2_000, end: END, region: 'us-east-1', seed: 3 }),
    );
    const dir = tempDir();
    const { doc, calls, summary } = await runAction({ state: 'none', 'max-lookup-calls': '12' }, dir);
    expect(calls).toBeLessThanOrEqual(12);
    expect(doc.stats.coverage!.budget).toMatchObject({ limit: 12, spent: calls });
    expect(doc.stats.coverage!.partial.some((p) => p.reason === 'needs-every-event')).toBe(true);
    expect(summary).toMatch(/LookupEvents calls: \d+ of at most 12 \(`max-lookup-calls`\)/);
  });

  it('refuses max-lookup-calls that is not a number of calls, or with another source', async () => {
    for (const [inputs, message] of [
      [{ 'max-lookup-calls': 'lots' }, /max-lookup-calls: 'lots' is not a whole number of calls/],
      [
        { source: 'files', path: 'x', regions: '', 'max-lookup-calls': '10' },
        /max-lookup-calls: only for the lookup-events/,
      ],
    ] as const) {
      const dir = tempDir();
      const result = await runNode(ACTION, [], env(inputs, dir));
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(message);
    }
  });
});

describe('the bundled action on a first run with twelve days of history', () => {
  beforeAll(() => {
    server.setEvents('us-east-1', accountWithHistory({ end: END, known: 'alice', newcomer: 'mallory' }));
  });

  const newPrincipals = (doc: FindingsDoc) =>
    raised(doc)
      .filter((f) => f.ruleId === 'first-seen-ssm-command-actor')
      .map((f) => f.group.principal);

  function expectFirstRun(run: Awaited<ReturnType<typeof runAction>>) {
    expect(newPrincipals(run.doc)).toEqual(['arn:aws:iam::123456789012:user/mallory']);
    expect(run.calls).toBeLessThanOrEqual(40);
    const history = run.doc.stats.coverage!.history!;
    expect(history.served).toContain('first-seen-ssm-command-actor');
    expect(history.spent).toBeGreaterThan(0);
    // History requests end at the window's start; the window's at its end.
    expect(server.requests.some((r) => r.endTime === START.getTime() / 1000)).toBe(true);
    expect(run.summary).toMatch(/History read before the window \(no saved state: a first run\)/);
    expect(run.summary).not.toMatch(/first-seen-ssm-command-actor.*still learning/);
  }

  function expectSecondRun(
    first: Awaited<ReturnType<typeof runAction>>,
    second: Awaited<ReturnType<typeof runAction>>,
  ) {
    // The saved state covers the history of the rules it was read for: no history read, the same findings (the
    // state hides none). The rules that need every event are still learning: their history (a full scan of ten
    // days) does not fit the budget.
    expect(second.doc.stats.coverage!.history).toMatchObject({
      served: [],
      notServed: ['first-seen-access-key-source-ip', 'first-seen-instance-credentials-address'],
      spent: 0,
    });
    expect(server.requests.some((r) => r.endTime === START.getTime() / 1000)).toBe(false);
    expect(second.calls).toBeLessThan(first.calls);
    expect(newPrincipals(second.doc)).toEqual(newPrincipals(first.doc));
    expect(second.summary).toMatch(/History is kept in/);
  }

  it('state: file: the new principal is reported, the known one is not; the next run reads no history', async () => {
    const dir = tempDir();
    const first = await runAction({ state: 'file', 'state-file': 'state/audit.json.gz' }, dir);
    expectFirstRun(first);
    expect(existsSync(join(dir, 'state/audit.json.gz'))).toBe(true);
    const second = await runAction({ state: 'file', 'state-file': 'state/audit.json.gz' }, dir);
    expectSecondRun(first, second);
  });

  it('state: actions-cache: the same, the state carried by the Actions cache', async () => {
    const cache = new ActionsCacheServer();
    await cache.start();
    try {
      const dir = tempDir();
      const runner = (runId: string) => {
        rmSync(join(dir, 'temp'), { recursive: true, force: true });
        mkdirSync(join(dir, 'temp'), { recursive: true });
        return {
          ...cache.env(),
          RUNNER_TEMP: join(dir, 'temp'),
          GITHUB_RUN_ID: runId,
          GITHUB_RUN_ATTEMPT: '1',
        };
      };
      const first = await runAction({ state: 'actions-cache' }, dir, runner('101'));
      expectFirstRun(first);
      expect(cache.keys()).toHaveLength(1);
      const second = await runAction({ state: 'actions-cache' }, dir, runner('102'));
      expectSecondRun(first, second);
      expect(cache.keys()).toHaveLength(2);
    } finally {
      await cache.stop();
    }
  });

  it('with state: none, each run reads the history again (within the budget)', async () => {
    const dir = tempDir();
    const run = await runAction({ state: 'none' }, dir);
    expectFirstRun(run);
  });
});
