import { describe, expect, it } from '@jest/globals';
import type { CompiledRule } from '../../src/rules/compile.js';
import { RuleIndex } from '../../src/rules/index.js';
import { compileDetection, sigmaRule } from './helpers.js';

function fake(ruleId: string, eventNames: string[] | null): CompiledRule {
  return {
    rule: sigmaRule({}, { ruleId }),
    eventNames: eventNames && new Set(eventNames),
    eventNamesAsWritten: eventNames,
    matches: () => true,
  };
}

const ids = (rules: readonly CompiledRule[]) => rules.map((r) => r.rule.ruleId);

describe('RuleIndex', () => {
  const rules = [
    fake('a-stop', ['stoplogging']),
    fake('b-any', null),
    fake('c-stop-delete', ['stoplogging', 'deletetrail']),
    fake('d-never', []),
    fake('e-any', null),
    fake('f-create', ['createuser']),
  ];
  const index = new RuleIndex(rules);

  it('returns the rules for the eventName plus the unconstrained ones, in rule order', () => {
    expect(ids(index.candidates('StopLogging'))).toEqual(['a-stop', 'b-any', 'c-stop-delete', 'e-any']);
    expect(ids(index.candidates('DeleteTrail'))).toEqual(['b-any', 'c-stop-delete', 'e-any']);
    expect(ids(index.candidates('CreateUser'))).toEqual(['b-any', 'e-any', 'f-create']);
  });

  it('compares eventName case-insensitively', () => {
    expect(ids(index.candidates('stoplogging'))).toEqual(ids(index.candidates('STOPLOGGING')));
  });

  it('gives only the unconstrained rules for other names (also the empty name)', () => {
    expect(ids(index.candidates('ListBuckets'))).toEqual(['b-any', 'e-any']);
    expect(ids(index.candidates(''))).toEqual(['b-any', 'e-any']);
  });

  it('caches: the same name gives the same array', () => {
    expect(index.candidates('StopLogging')).toBe(index.candidates('StopLogging'));
    expect(index.candidates('stoplogging')).toBe(index.candidates('StopLogging'));
    expect(index.candidates('Nope')).toBe(index.candidates('Other'));
  });

  it('keeps working past its cache size with many distinct names', () => {
    for (let i = 0; i < 25_000; i++) expect(index.candidates(`Name${i}`)).toHaveLength(2);
    expect(ids(index.candidates('StopLogging'))).toEqual(['a-stop', 'b-any', 'c-stop-delete', 'e-any']);
  });

  it('works with no rules', () => {
    expect(new RuleIndex([]).candidates('StopLogging')).toEqual([]);
  });

  it('never leaves out a compiled rule that matches the record', () => {
    const compiled = [
      compileDetection({ s: { eventName: ['StopLogging', 'DeleteTrail'] }, condition: 's' }),
      compileDetection({ s: { eventSource: 'cloudtrail.amazonaws.com' }, condition: 's' }),
      compileDetection({ s: { 'eventName|startswith': 'Stop' }, condition: 's' }),
      compileDetection({
        a: { eventName: 'StopLogging' },
        b: { eventName: 'DeleteTrail' },
        condition: 'a or not b',
      }),
    ];
    const idx = new RuleIndex(compiled);
    for (const eventName of ['StopLogging', 'stoplogging', 'DeleteTrail', 'StopInstances', 'CreateUser']) {
      const record = { eventName, eventSource: 'cloudtrail.amazonaws.com' };
      const matching = compiled.filter((rule) => rule.matches(record));
      const candidates = idx.candidates(eventName);
      for (const rule of matching) expect(candidates).toContain(rule);
    }
  });
});
