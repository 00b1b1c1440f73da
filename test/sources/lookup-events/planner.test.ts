import { compileRule } from '../../../src/rules/compile.js';
import type { DetectionRule } from '../../../src/rules/model.js';
import {
  availablePlans,
  choosePlan,
  estimateRemaining,
  lookupsOf,
  pushdownTargets,
  type ProbeSample,
} from '../../../src/sources/lookup-events/planner.js';
import { seedSet } from '../../helpers/busy-account.js';

function rule(ruleId: string, detection: Record<string, unknown>) {
  const sigma = { ruleId, detection, title: ruleId } as unknown as DetectionRule;
  return compileRule(sigma);
}

describe('pushdownTargets', () => {
  it('takes the union of the seed rules eventNames, spelled as the rules spell them', async () => {
    const { rules } = await seedSet(new Date('2026-01-02T00:00:00Z'), 'us-east-1');
    const targets = pushdownTargets(rules);
    expect(targets.eventNames).toEqual([
      'CreateAccessKey',
      'CreateUser',
      'DeleteDetector',
      'RunInstances',
      'SendCommand',
      'SendSSHPublicKey',
      'SendSerialConsoleSSHPublicKey',
    ]);
    expect(targets.unconstrained).toEqual([]);
    expect(targets.ruleCount).toBe(7);
    expect(availablePlans(targets)).toEqual(['full', 'event-names']);
  });

  it('offers no per-name plan when one rule does not constrain eventName', () => {
    const targets = pushdownTargets([
      rule('named', { selection: { eventName: ['StopLogging', 'DeleteTrail'] }, condition: 'selection' }),
      rule('by-source', { selection: { eventSource: 'iam.amazonaws.com' }, condition: 'selection' }),
      rule('negated', { selection: { eventName: 'ConsoleLogin' }, condition: 'not selection' }),
    ]);
    expect(targets.eventNames).toBeNull();
    expect(targets.unconstrained).toEqual(['by-source', 'negated']);
    expect(availablePlans(targets)).toEqual(['full']);
  });

  it('handles lists of maps, OR and AND conditions and the cased modifier', () => {
    const targets = pushdownTargets([
      rule('lists', {
        a: [{ eventName: 'PutBucketPolicy' }, { 'eventName|cased': 'PutBucketAcl' }],
        b: { eventName: 'DeleteBucketPolicy' },
        condition: 'a or b',
      }),
      rule('and', {
        a: { eventName: ['GetSecretValue', 'ListSecrets'] },
        b: { eventName: 'GetSecretValue' },
        condition: 'a and b',
      }),
    ]);
    expect(targets.eventNames).toEqual([
      'DeleteBucketPolicy',
      'GetSecretValue',
      'PutBucketAcl',
      'PutBucketPolicy',
    ]);
  });

  it('without rules, or with a wildcard name, reads everything', () => {
    expect(pushdownTargets([]).eventNames).toBeNull();
    const wildcard = pushdownTargets([rule('w', { s: { eventName: 'Delete*' }, condition: 's' })]);
    expect(wildcard.eventNames).toBeNull();
  });

  it('offers ReadOnly=false only when the caller says so', () => {
    const rules = [rule('r', { s: { eventName: 'StopLogging' }, condition: 's' })];
    expect(pushdownTargets(rules).writeOnly).toBe(false);
    expect(availablePlans(pushdownTargets(rules, { writeOnly: true }))).toEqual([
      'full',
      'event-names',
      'write-only',
    ]);
  });
});

describe('estimates and the choice', () => {
  const day = 24 * 3600;
  const seven = {
    ruleCount: 7,
    eventNames: ['A', 'B', 'C', 'D', 'E', 'F', 'G'],
    unconstrained: [],
    writeOnly: false,
  };

  it('a busy account: 50 events in 4 minutes of a 24-hour window → per-name lookups', () => {
    const sample: ProbeSample = {
      pages: 1,
      events: 50,
      writes: 1,
      matching: 0,
      coveredSeconds: 216,
      remainingSeconds: day - 216,
    };
    const estimates = estimateRemaining(sample, seven);
    expect(estimates.full).toBeGreaterThan(390);
    expect(estimates.full).toBeLessThan(400);
    expect(estimates['event-names']).toBeLessThan(20);
    expect(estimates['write-only']).toBeUndefined();
    expect(choosePlan(estimates).plan).toBe('event-names');
  });

  it('a quiet account: 50 events in 10 hours → the full scan goes on (two more pages beat seven lookups)', () => {
    const sample: ProbeSample = {
      pages: 1,
      events: 50,
      writes: 5,
      matching: 1,
      coveredSeconds: 36_000,
      remainingSeconds: day - 36_000,
    };
    const estimates = estimateRemaining(sample, seven);
    expect(estimates.full).toBe(2);
    expect(estimates['event-names']).toBe(7);
    const choice = choosePlan(estimates);
    expect(choice.plan).toBe('full');
    expect(choice.reason).toMatch(/full needs the fewest calls: ~2 \(against event-names ~7\)/);
  });

  it('write-only wins when offered, many names are wanted and writes are rare', () => {
    const many = { ...seven, eventNames: Array.from({ length: 60 }, (_, i) => `Name${i}`), writeOnly: true };
    const sample: ProbeSample = {
      pages: 2,
      events: 100,
      writes: 2,
      matching: 10,
      coveredSeconds: 600,
      remainingSeconds: day,
    };
    const estimates = estimateRemaining(sample, many);
    expect(estimates['write-only']).toBeLessThan(estimates['event-names']!);
    expect(choosePlan(estimates).plan).toBe('write-only');
  });

  it('matching events add pages to the per-name estimate', () => {
    const sample: ProbeSample = {
      pages: 1,
      events: 50,
      writes: 0,
      matching: 25,
      coveredSeconds: 360,
      remainingSeconds: day,
    };
    const estimates = estimateRemaining(sample, seven);
    // About half of ~12,000 remaining events match: ~120 pages on top of the 7 first calls.
    expect(estimates['event-names']).toBeGreaterThan(100);
    expect(estimates['event-names']).toBeLessThan(estimates.full);
  });

  it('an empty name set costs nothing; ties keep the full scan', () => {
    const none = { ...seven, eventNames: [] };
    const sample: ProbeSample = {
      pages: 1,
      events: 50,
      writes: 0,
      matching: 0,
      coveredSeconds: 60,
      remainingSeconds: day,
    };
    expect(estimateRemaining(sample, none)['event-names']).toBe(0);
    expect(choosePlan({ eventsPerHour: 1, remainingEvents: 1, full: 3, 'event-names': 3 }).plan).toBe('full');
  });

  it('lookups of each plan', () => {
    expect(lookupsOf('full', seven)).toEqual([{}]);
    expect(lookupsOf('write-only', seven)).toEqual([{ attribute: { key: 'ReadOnly', value: 'false' } }]);
    expect(lookupsOf('event-names', seven).map((l) => l.attribute?.value)).toEqual(seven.eventNames);
  });
});
