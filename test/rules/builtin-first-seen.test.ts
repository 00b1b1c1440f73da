/** The first-seen rules this change added or redefined, on real records over a history window. */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { TimedRecord } from '../../src/core/record.js';
import type { CompiledRule } from '../../src/rules/compile.js';
import { builtinRulesDir, loadRules } from '../../src/rules/load.js';
import type { CloudTrailRecord } from '../../src/core/record.js';
import { DAY, HOUR, run } from '../first-seen/helpers.js';

async function rule(ruleId: string): Promise<CompiledRule> {
  const { rules, problems } = await loadRules([builtinRulesDir()], { builtin: true });
  expect(problems).toEqual([]);
  return rules.find((r) => r.rule.ruleId === ruleId)!;
}

/** A real record from a built-in rule's tests file, by case name (the file says where it comes from). */
function realRecord(file: string, name: string): CloudTrailRecord {
  const cases = parseYaml(readFileSync(join(builtinRulesDir(), `${file}.tests.yml`), 'utf8')) as {
    name: string;
    event: CloudTrailRecord;
  }[];
  return cases.find((c) => c.name === name)!.event;
}

function at(
  base: CloudTrailRecord,
  time: number,
  id: string,
  changes: Record<string, unknown> = {},
): TimedRecord {
  const record = { ...structuredClone(base), ...changes, eventID: id } as CloudTrailRecord;
  record.eventTime = new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return { record, time: Date.parse(record.eventTime) };
}

describe('first-seen-access-key-source-ip', () => {
  // A leaked IAM user key validated by TruffleHog (record quoted in a CyberDefenders lab write-up).
  const leaked = realRecord('first-seen-access-key-source-ip', 'TruffleHog validates a leaked key');
  const t = Date.parse(leaked.eventTime);
  const window = { start: t - HOUR, end: t + HOUR };

  it('reports a dormant long-term key, unused during the whole history, calling from an address', async () => {
    const out = run({
      rules: [await rule('first-seen-access-key-source-ip')],
      records: [at(leaked, t, 'leaked')],
      window,
      historyRecords: true,
      declaredSince: t - 11 * DAY,
    });
    expect(out.findings.map((f) => [f.ruleId, f.events.map((e) => e.eventID)])).toEqual([
      ['first-seen-access-key-source-ip', ['leaked']],
    ]);
  });

  it('stays quiet for a key used from the same address during the history, and reports a new address', async () => {
    const rules = [await rule('first-seen-access-key-source-ip')];
    const history = [1, 3, 5, 7].map((d) => at(leaked, t - d * DAY, `before-${d}`));
    const base = { rules, window, historyRecords: true, declaredSince: t - 11 * DAY };
    expect(run({ ...base, records: [...history, at(leaked, t, 'same')] }).findings).toEqual([]);
    const moved = run({
      ...base,
      records: [...history, at(leaked, t, 'moved', { sourceIPAddress: '198.51.100.7' })],
    });
    expect(moved.findings.map((f) => f.events.map((e) => e.eventID))).toEqual([['moved']]);
  });

  it('leaves session keys out: each session has a new one', async () => {
    const session = realRecord(
      'first-seen-access-key-source-ip',
      'Call signed with a session key (ASIA..., new every session)',
    );
    const ts = Date.parse(session.eventTime);
    const out = run({
      rules: [await rule('first-seen-access-key-source-ip')],
      records: [at(session, ts, 'session')],
      window: { start: ts - HOUR, end: ts + HOUR },
      declaredSince: ts - 11 * DAY,
    });
    expect(out.findings).toEqual([]);
  });
});

describe('first-seen-instance-credentials-address', () => {
  // An instance's own call through its NAT gateway, with the Amazon Linux user agent the single-event rule leaves out.
  const own = realRecord(
    'first-seen-instance-credentials-address',
    'Instance session from a public address with an Amazon Linux user agent (judged here, whatever the user agent)',
  );
  const t = Date.parse(own.eventTime);
  const window = { start: t - HOUR, end: t + 2 * HOUR };

  it('reports a known instance session used from another address, even with an EC2 user agent', async () => {
    const rules = [await rule('first-seen-instance-credentials-address')];
    const history = [1, 2, 4].map((d) => at(own, t - d * DAY, `own-${d}`));
    const replayed = at(own, t + HOUR, 'replayed', { sourceIPAddress: '3.120.18.77' }); // an EC2 host elsewhere
    const out = run({
      rules,
      records: [...history, at(own, t, 'own-today'), replayed],
      window,
      historyRecords: true,
      declaredSince: t - 11 * DAY,
    });
    expect(out.findings.map((f) => [f.ruleId, f.severity, f.events.map((e) => e.eventID)])).toEqual([
      ['first-seen-instance-credentials-address', 'medium', ['replayed']],
    ]);
  });

  it('stays quiet for an instance never seen before (a new instance, or the cold start)', async () => {
    const out = run({
      rules: [await rule('first-seen-instance-credentials-address')],
      records: [at(own, t, 'first-call'), at(own, t + HOUR, 'second', { sourceIPAddress: '3.120.18.77' })],
      window,
      declaredSince: t - 11 * DAY,
    });
    // The first address teaches the instance; the second is new for a now known instance.
    expect(out.findings.map((f) => f.events.map((e) => e.eventID))).toEqual([['second']]);
    const alone = run({
      rules: [await rule('first-seen-instance-credentials-address')],
      records: [at(own, t, 'first-call')],
      window,
      declaredSince: t - 11 * DAY,
    });
    expect(alone.findings).toEqual([]);
  });
});
