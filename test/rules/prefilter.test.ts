/**
 * The prefilter never turns away a record a rule matches (soundness), whatever the JSON looks like, and it turns away
 * most records of a busy account for rules that name their eventNames (its use).
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadRules } from '../../src/rules/load.js';
import type { CompiledRule } from '../../src/rules/compile.js';
import { describeRequirement, RecordPrefilter, requirementOf } from '../../src/rules/prefilter.js';
import { parseTestsFile } from '../../src/rules/selftest.js';
import { RAW_EVENT_KEYS, rawEvent } from '../../src/records/parse.js';
import type { FieldOccurrences } from '../../src/records/raw-fields.js';
import { RecordScanner } from '../../src/records/record-scanner.js';
import { generateBusyAccount, SEED_RULE_IDS } from '../helpers/busy-account.js';
import { mulberry32 } from '../helpers/random.js';
import { readAll, REAL, ROOT } from '../sources/helpers.js';
import { compileYaml, SIGMAHQ_DIR } from './helpers.js';

type Json = Record<string, unknown>;

/** Whether the prefilter of this one rule lets the record's text through. */
function passes(prefilter: RecordPrefilter, text: string): boolean {
  return !prefilter.fields.scan(text) || prefilter.mayMatch(text);
}

/** The same record written other ways: pretty, keys reversed, values in upper case, keys with dots, nested look-alikes. */
function variants(record: Json, random: () => number): Json[] {
  const reversed = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(reversed)
      : value && typeof value === 'object'
        ? Object.fromEntries(
            Object.entries(value)
              .reverse()
              .map(([k, v]) => [k, reversed(v)]),
          )
        : value;
  const upper = (value: unknown): unknown =>
    typeof value === 'string'
      ? value.toUpperCase()
      : Array.isArray(value)
        ? value.map(upper)
        : value && typeof value === 'object'
          ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, upper(v)]))
          : value;
  // userIdentity.* as top-level keys with dots (field paths find them; see field-path.ts).
  const dotted: Json = { ...record };
  if (record.userIdentity && typeof record.userIdentity === 'object') {
    delete dotted.userIdentity;
    for (const [k, v] of Object.entries(record.userIdentity)) dotted[`userIdentity.${k}`] = v;
  }
  const lookAlike = { ...record, requestParameters: { eventName: `X${random()}`, nested: record } };
  return [record, reversed(record) as Json, upper(record) as Json, dotted, lookAlike];
}

describe('the prefilter', () => {
  let rules: CompiledRule[];
  let records: Json[];
  beforeAll(async () => {
    const builtin = await loadRules([join(ROOT, 'rules/builtin')], { builtin: true });
    const sigma = await loadRules([SIGMAHQ_DIR], { builtin: false });
    rules = [...builtin.rules, ...sigma.rules];
    records = [];
    // Every test event of the built-in rules (matches, denied attempts and near misses) ...
    const dir = join(ROOT, 'rules/builtin');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.tests.yml')))
      records.push(...parseTestsFile(readFileSync(join(dir, file), 'utf8')).cases.map((c) => c.event));
    // ... and the real CloudTrail of the fixtures and the samples.
    const { records: raw } = await readAll([REAL, join(ROOT, 'samples')]);
    for (const r of raw) {
      try {
        const value: unknown = JSON.parse(r.text);
        if (value && typeof value === 'object' && !Array.isArray(value)) records.push(value as Json);
      } catch {
        // bad input of the fixtures: not a record
      }
    }
  });

  it('lets through every record a rule matches, however the record is written', () => {
    const random = mulberry32(17);
    const written = records.flatMap((record) => variants(record, random));
    let checked = 0;
    for (const rule of rules) {
      const { prefilter } = RecordPrefilter.of([rule], RAW_EVENT_KEYS);
      if (!prefilter) continue;
      for (const variant of written) {
        if (!rule.matches(variant)) continue;
        checked++;
        for (const text of [JSON.stringify(variant), JSON.stringify(variant, null, 2)]) {
          if (!passes(prefilter, text))
            throw new Error(`${rule.rule.ruleId} matches but its prefilter refused: ${text.slice(0, 300)}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(500);
  });

  it('tells, of a whole set, which rules may match a record: every rule that matches it, by either reader', () => {
    const random = mulberry32(23);
    const written = records.flatMap((record) => variants(record, random));
    const usable = rules.filter((rule) => rule.prefilter);
    const { prefilter } = RecordPrefilter.of(usable, RAW_EVENT_KEYS);
    if (!prefilter) throw new Error('no prefilter');
    const scanner = new RecordScanner(prefilter.paths, prefilter.fields.keys);
    let told = 0;
    let turnedAway = 0;
    for (const variant of written) {
      const text = JSON.stringify(variant);
      const matching = usable.filter((rule) => rule.matches(variant));
      const readers: (() => FieldOccurrences | undefined)[] = [
        () => (prefilter.fields.scan(text) ? prefilter.fields : undefined),
        () =>
          scanner.scan(Buffer.from(`{"Records":[${text}]}`)) && !scanner.unsure(0)
            ? scanner.fields(0)
            : undefined,
      ];
      for (const read of readers) {
        const fields = read();
        if (!fields || !prefilter.mayMatch(text, fields)) continue;
        for (const rule of usable) {
          const may = prefilter.mayMatchRule(rule, text, fields);
          if (matching.includes(rule) && !may)
            throw new Error(`${rule.rule.ruleId} matches but was turned away: ${text.slice(0, 300)}`);
          if (rule.eventNames !== null) continue;
          if (may) told++;
          else turnedAway++;
        }
      }
    }
    expect(told).toBeGreaterThan(100);
    // Most rules that name no eventName are not worth trying on a given record.
    expect(turnedAway).toBeGreaterThan(told);
  });

  it('refuses texts it cannot read as they are: \\u escapes, \\/, not an object', () => {
    const rule = compileYaml('selection:\n    eventName: CreateUser\ncondition: selection');
    const { prefilter } = RecordPrefilter.of([rule], RAW_EVENT_KEYS);
    const record = { eventName: 'ListUsers', eventTime: '2024-06-03T10:00:00Z' };
    const plain = JSON.stringify(record);
    expect(prefilter!.fields.scan(plain)).toBe(true);
    expect(prefilter!.mayMatch(plain)).toBe(false);
    expect(rawEvent(prefilter!.fields)).toMatchObject({ eventTime: '2024-06-03T10:00:00Z', id: undefined });
    // "event\u004eame" is the key eventName; "Create\u0055ser" is CreateUser.
    expect(prefilter!.fields.scan('{"event\\u004eame":"Create\\u0055ser","eventTime":"x"}')).toBe(false);
    expect(prefilter!.fields.scan('{"eventName":"a\\/b"}')).toBe(false);
    expect(prefilter!.fields.scan('[{"eventName":"CreateUser"}]')).toBe(false);
    // Other escapes are fine, but a value with one is not read: it may hold anything.
    expect(prefilter!.fields.scan('{"eventName":"Create\\"User","eventTime":"x"}')).toBe(true);
    expect(prefilter!.mayMatch('{"eventName":"Create\\"User","eventTime":"x"}')).toBe(true);
  });

  it('reads an unparsed event as parseRecord would, or leaves it to parseRecord', () => {
    const { prefilter } = RecordPrefilter.of([], RAW_EVENT_KEYS);
    const read = (text: string) => (prefilter!.fields.scan(text) ? rawEvent(prefilter!.fields) : 'refused');
    const base = {
      eventTime: '2024-06-03T10:00:00Z',
      eventName: 'ListUsers',
      eventID: 'e1',
      recipientAccountId: '111122223333',
      awsRegion: 'us-east-1',
    };
    expect(read(JSON.stringify(base))).toEqual({
      time: Date.parse(base.eventTime),
      eventTime: base.eventTime,
      id: 'e1',
      account: '111122223333',
      region: 'us-east-1',
    });
    // Whatever leaves a doubt is parsed: a key twice (a nested one), no eventTime, a bad date, an Insights event,
    // an empty eventName, an eventID with escapes.
    expect(read(JSON.stringify({ ...base, requestParameters: { eventID: 'x' } }))).toBeUndefined();
    expect(read(JSON.stringify({ ...base, eventTime: undefined }))).toBeUndefined();
    expect(read(JSON.stringify({ ...base, eventTime: 'yesterday' }))).toBeUndefined();
    expect(read(JSON.stringify({ ...base, eventType: 'AwsCloudTrailInsight' }))).toBeUndefined();
    expect(read(JSON.stringify({ ...base, eventName: '' }))).toBeUndefined();
    expect(read(JSON.stringify({ ...base, eventID: 'a"b' }))).toBeUndefined();
    // An id that is not a string is no id, as in the parsed record.
    expect(read(JSON.stringify({ ...base, eventID: 7 }))).toMatchObject({ id: undefined });
  });

  it('spares most records of a busy account from parsing, for rules that name their eventNames', async () => {
    const seed = await loadRules(
      SEED_RULE_IDS.map((id) => join(ROOT, 'rules/builtin', `${id}.yml`)),
      { builtin: true },
    );
    const { prefilter } = RecordPrefilter.of(seed.rules, RAW_EVENT_KEYS);
    const events = generateBusyAccount({ events: 5000, end: new Date('2024-06-04T00:00:00Z') });
    let spared = 0;
    for (const event of events) {
      const text = JSON.stringify(event);
      if (!passes(prefilter!, text)) spared++;
      else
        expect(seed.rules.some((r) => r.eventNames?.has(String(event.eventName).toLowerCase()))).toBe(true);
    }
    expect(spared / events.length).toBeGreaterThan(0.9);
  });

  it('derives requirements from the detection, and says when there is none', () => {
    const req = (yaml: string) => {
      const rule = compileYaml(yaml);
      return rule.prefilter ? describeRequirement(rule.prefilter) : null;
    };
    expect(req('selection:\n    eventName: [CreateUser, DeleteUser]\ncondition: selection')).toBe(
      "(eventName = 'createuser' or eventName = 'deleteuser')",
    );
    expect(
      req(
        "selection:\n    errorCode|endswith: UnauthorizedOperation\n    userIdentity.arn|re: ':assumed-role/[^/]+/i-'\ncondition: selection",
      ),
    ).toBe(
      "errorCode endswith 'unauthorizedoperation' and userIdentity.arn contains ':assumed-role/' and '/i-'",
    );
    expect(req("keywords:\n    - 'TruffleHog'\n    - 'pacu'\ncondition: keywords")).toBe(
      "(text contains 'trufflehog' or text contains 'pacu')",
    );
    // A negation alone, cidr, a derived field, or one branch of an `or` without any: no requirement.
    expect(req('filter:\n    eventName: X\ncondition: not filter')).toBeNull();
    expect(req("a:\n    sourceIPAddress|cidr: '10.0.0.0/8'\ncondition: a")).toBeNull();
    expect(
      req("a:\n    eventName: X\nb:\n    sourceIPAddress|cidr: '10.0.0.0/8'\ncondition: a or b"),
    ).toBeNull();
    expect(req('a:\n    derived.policy.publicStatements|exists: true\ncondition: a')).toBeNull();
    expect(req('a:\n    userIdentity.invokedBy|exists: true\ncondition: a')).toBe(
      'userIdentity.invokedBy exists',
    );
    expect(req('a:\n    eventName: X\nb:\n    readOnly|exists: true\ncondition: a or b')).toBe(
      "(eventName = 'x' or readOnly exists)",
    );
    // A negation narrows a requirement, item by item (De Morgan's laws); keywords and fieldref do not negate.
    expect(req('a:\n    eventName: X\nb:\n    readOnly|exists: true\ncondition: a and not b')).toBe(
      "eventName = 'x' and not readOnly|exists: true",
    );
    expect(
      req(
        "a:\n    userIdentity.type: Root\nf1:\n    sourceIPAddress|cidr: ['10.0.0.0/8']\n    userAgent: x\nf2:\n    eventSource: [s3.amazonaws.com, kms.amazonaws.com]\ncondition: a and not 1 of f*",
      ),
    ).toBe(
      'userIdentity.type = \'root\' and not eventSource: ["s3.amazonaws.com", "kms.amazonaws.com"] and (not sourceIPAddress|cidr: ["10.0.0.0/8"] or not userAgent: "x")',
    );
    // A long list is shortened in words; two lists that differ after their third value stay two items.
    expect(
      req(
        'a:\n    userIdentity.type: Root\nf1:\n    eventSource: [a, b, c, d]\nf2:\n    eventSource: [a, b, c, e]\ncondition: a and not 1 of f*',
      ),
    ).toBe(
      'userIdentity.type = \'root\' and not eventSource: ["a", "b", "c", ... 4 in all] and not eventSource: ["a", "b", "c", ... 4 in all]',
    );
    expect(req("a:\n    userIdentity.type: Root\nf:\n    - 'x'\ncondition: a and not f")).toBe(
      "userIdentity.type = 'root'",
    );
    expect(
      req(
        'a:\n    userIdentity.type: Root\nf:\n    vpcEndpointAccountId|fieldref: recipientAccountId\ncondition: a and not f',
      ),
    ).toBe("userIdentity.type = 'root'");
    expect(requirementOf({ condition: 'selection', selection: { 'eventName|lt': 3 } })).toBeNull();
  });

  it('turns away, by a negated item, only what a record read at exact paths shows', () => {
    const rule = compileYaml(
      [
        'selection:',
        "    userIdentity.arn|contains: '/i-'",
        'filter_private:',
        "    sourceIPAddress|cidr: '10.0.0.0/8'",
        'filter_caller:',
        '    userIdentity.invokedBy|exists: true',
        'filter_read:',
        '    readOnly: true',
        'filter_region:',
        "    awsRegion|neq: 'us-east-1'",
        'condition: selection and not 1 of filter_*',
      ].join('\n'),
    );
    const { prefilter } = RecordPrefilter.of([rule], RAW_EVENT_KEYS);
    const scanner = new RecordScanner(prefilter!.paths, prefilter!.fields.keys);
    const base = {
      eventTime: '2024-06-03T10:00:00Z',
      eventName: 'DescribeInstances',
      awsRegion: 'us-east-1',
      readOnly: false,
      userIdentity: { arn: 'arn:aws:sts::1:assumed-role/r/i-0abc' },
      sourceIPAddress: '203.0.113.9',
    };
    const exact = (record: Json) => {
      const text = JSON.stringify(record);
      expect(scanner.scan(Buffer.from(`{"Records":[${text}]}`)) && !scanner.unsure(0)).toBe(true);
      return prefilter!.mayMatch(text, scanner.fields(0));
    };
    const anyDepth = (record: Json) => passes(prefilter!, JSON.stringify(record));
    const cases: [Json, boolean][] = [
      [base, true],
      [{ ...base, sourceIPAddress: '10.1.2.3' }, false],
      [{ ...base, sourceIPAddress: 'ec2.amazonaws.com' }, true],
      [{ ...base, sourceIPAddress: undefined }, true],
      // A string with an escape is not read: it may be anything.
      [{ ...base, sourceIPAddress: '10.1.2.3\n' }, true],
      [{ ...base, userIdentity: { ...base.userIdentity, invokedBy: 'ec2.amazonaws.com' } }, false],
      [{ ...base, userIdentity: { ...base.userIdentity, invokedBy: null } }, false],
      [{ ...base, readOnly: true }, false],
      [{ ...base, readOnly: 'true' }, false],
      [{ ...base, awsRegion: 'eu-west-1' }, false],
      // No awsRegion: `neq` matches, so the rule cannot.
      [{ ...base, awsRegion: undefined }, false],
      // Elsewhere than at the path, a value refutes nothing.
      [{ ...base, requestParameters: { sourceIPAddress: '10.1.2.3', readOnly: true } }, true],
    ];
    for (const [record, may] of cases) {
      expect([record, exact(record)]).toEqual([record, may]);
      expect(rule.matches(JSON.parse(JSON.stringify(record)) as Json)).toBe(may);
      // The key scanner finds keys at any depth: it cannot refute a negated item.
      expect([record, anyDepth(record)]).toEqual([record, true]);
    }
  });

  it('is off for a rule set with a rule that has no requirement, which it names', () => {
    const named = compileYaml('selection:\n    eventName: CreateUser\ncondition: selection');
    const none = compileYaml("selection:\n    sourceIPAddress|cidr: '10.0.0.0/8'\ncondition: selection");
    const { prefilter, unusable } = RecordPrefilter.of([named, none]);
    expect(prefilter).toBeUndefined();
    expect(unusable).toEqual([none]);
  });
});
