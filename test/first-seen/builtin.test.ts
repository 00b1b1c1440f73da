import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { historyRequest } from '../../src/first-seen/engine.js';
import type { TimedRecord } from '../../src/core/record.js';
import type { CompiledRule } from '../../src/rules/compile.js';
import { builtinRulesDir, loadRules } from '../../src/rules/load.js';
import type { CloudTrailRecord } from '../../src/core/record.js';
import { DAY, HOUR, run } from './helpers.js';

async function firstSeenBuiltins(): Promise<CompiledRule[]> {
  const { rules, problems } = await loadRules([builtinRulesDir()], { builtin: true });
  expect(problems).toEqual([]);
  return rules.filter((r) => r.rule.firstSeen);
}

/** A real record from a built-in rule's tests file (see that file for its provenance). */
function realRecord(rule: string, index: number): CloudTrailRecord {
  const cases = parseYaml(readFileSync(join(builtinRulesDir(), `${rule}.tests.yml`), 'utf8')) as {
    event: CloudTrailRecord;
  }[];
  return cases[index]!.event;
}

/** The record again at another time, with another eventID and the given changes. */
function again(
  base: CloudTrailRecord,
  time: number,
  id: string,
  changes: Record<string, unknown> = {},
): TimedRecord {
  const record = { ...structuredClone(base), ...changes, eventID: id } as CloudTrailRecord;
  record.eventTime = new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return { record, time: Date.parse(record.eventTime) };
}

describe('the built-in first-seen rules', () => {
  it('backfill by eventName where the rules name them, and learn quietly where they do not', async () => {
    const rules = await firstSeenBuiltins();
    expect(rules).toHaveLength(12);
    const plan = historyRequest(rules, { start: Date.UTC(2026, 5, 11), end: Date.UTC(2026, 5, 12) })!;
    expect(plan.since).toBe(Date.UTC(2026, 5, 1));
    expect(plan.unconstrained).toEqual([
      'first-seen-access-key-source-ip',
      'first-seen-actor-region',
      'first-seen-instance-credentials-address',
    ]);
    expect(plan.ruleIds).toHaveLength(9);
    expect(plan.eventNames).toEqual(
      expect.arrayContaining([
        'SendSSHPublicKey',
        'SendSerialConsoleSSHPublicKey',
        'SendCommand',
        'RunInstances',
      ]),
    );
    expect(plan.eventNames).toContain('GetCallerIdentity');
    expect(plan.eventNames).toContain('UpdateAssumeRolePolicy');
  });

  it('stay quiet for a launch like the ones before it and name what is new about another', async () => {
    const rules = await firstSeenBuiltins();
    // A CI user launching through Terraform (generated record, see ec2-instances-launched.tests.yml).
    const launch = realRecord('ec2-instances-launched', 0);
    const t0 = Date.parse(launch.eventTime) - 10 * DAY;
    const records: TimedRecord[] = [];
    for (let d = 0; d < 10; d++) records.push(again(launch, t0 + d * DAY + 9 * HOUR, `routine-${d}`));
    const window = { start: t0 + 10 * DAY, end: t0 + 11 * DAY };
    const base = { rules, window, historyRecords: true, declaredSince: t0 };

    const routine = run({ ...base, records: [...records, again(launch, t0 + 10 * DAY + 9 * HOUR, 'today')] });
    expect(routine.findings).toEqual([]);
    expect(routine.engine.learning().map((l) => l.ruleId)).toEqual([]);

    const elsewhere = again(launch, t0 + 10 * DAY + 10 * HOUR, 'elsewhere', {
      sourceIPAddress: '198.51.100.99',
      awsRegion: 'ap-southeast-3',
      requestParameters: { ...(launch.requestParameters as object), instanceType: 'p4d.24xlarge' },
    });
    const unusual = run({ ...base, records: [...records, elsewhere] });
    expect(unusual.findings.map((f) => f.ruleId).sort()).toEqual([
      // The same long-term key (AKIA...) is also used from a new address: its own rule says so.
      'first-seen-access-key-source-ip',
      'first-seen-run-instances-instance-family',
      'first-seen-run-instances-region',
      'first-seen-run-instances-source-ip',
    ]);
    for (const finding of unusual.findings)
      expect(finding.events.map((e) => e.eventID)).toEqual(['elsewhere']);
    const region = unusual.findings.find((f) => f.ruleId === 'first-seen-run-instances-region')!;
    expect(region.group).toEqual({
      recipientAccountId: launch.recipientAccountId,
      principal: (launch.userIdentity as { arn: string }).arn,
      awsRegion: 'ap-southeast-3',
    });
  });

  it('report a principal new to SSH key pushes once, by the actor-level rule', async () => {
    const rules = await firstSeenBuiltins();
    const push = realRecord('ec2-instance-connect-ssh-key-pushed', 0);
    const t = Date.parse(push.eventTime);
    const out = run({
      rules,
      records: [again(push, t, 'push-1'), again(push, t + 60_000, 'push-2')],
      window: { start: t - HOUR, end: t + HOUR },
      declaredSince: t - 11 * DAY,
    });
    // The IAM user's long-term key was not used during the (complete, empty) history either: a key unused for 10
    // days that calls from an address is reported too (a dormant key is the typical leaked one).
    expect(out.findings.map((f) => [f.ruleId, f.severity, f.events.map((e) => e.eventID)])).toEqual([
      ['first-seen-access-key-source-ip', 'medium', ['push-1']],
      ['first-seen-ssh-key-push-actor', 'medium', ['push-1']],
    ]);
  });
});
