import { describe, expect, it } from '@jest/globals';
import { compileRule, RuleCompileError } from '../../src/rules/compile.js';
import { compileDetection, sigmaRule } from './helpers.js';

const A = { a: 'x' };
const B = { b: 'x' };
const C = { c: 'x' };

/** Truth table of a condition over selections a, b, c (each true when its field is 'x'). */
function truthTable(
  condition: string | string[],
  selections: Record<string, unknown> = { sa: A, sb: B, sc: C },
) {
  const rule = compileDetection({ ...selections, condition });
  const rows: string[] = [];
  for (let bits = 0; bits < 8; bits++) {
    const record: Record<string, string> = {};
    if (bits & 1) record.a = 'x';
    if (bits & 2) record.b = 'x';
    if (bits & 4) record.c = 'x';
    if (rule.matches(record))
      rows.push(`${bits & 1 ? 'a' : '-'}${bits & 2 ? 'b' : '-'}${bits & 4 ? 'c' : '-'}`);
  }
  return rows;
}

describe('conditions', () => {
  it('and, or, not and parentheses', () => {
    expect(truthTable('sa and sb')).toEqual(['ab-', 'abc']);
    expect(truthTable('sa or sb')).toEqual(['a--', '-b-', 'ab-', 'a-c', '-bc', 'abc']);
    expect(truthTable('sa and not sb')).toEqual(['a--', 'a-c']);
    expect(truthTable('not sa')).toEqual(['---', '-b-', '--c', '-bc']);
  });

  it('not binds tighter than and, and tighter than or', () => {
    expect(truthTable('not sa and sb')).toEqual(truthTable('(not sa) and sb'));
    expect(truthTable('not sa and sb')).not.toEqual(truthTable('not (sa and sb)'));
    expect(truthTable('sa or sb and sc')).toEqual(truthTable('sa or (sb and sc)'));
    expect(truthTable('sa or sb and sc')).not.toEqual(truthTable('(sa or sb) and sc'));
  });

  it('1 of / all of a pattern', () => {
    expect(truthTable('1 of s*')).toEqual(truthTable('sa or sb or sc'));
    expect(truthTable('all of s*')).toEqual(['abc']);
    expect(truthTable('sa and 1 of filter_*', { sa: A, filter_b: B, filter_c: C })).toEqual(
      truthTable('sa and (sb or sc)'),
    );
  });

  it('1 of them / all of them leave out selections starting with _', () => {
    const selections = { sa: A, sb: B, _sc: C };
    expect(truthTable('all of them', selections)).toEqual(['ab-', 'abc']);
    expect(truthTable('1 of them', selections)).toEqual(['a--', '-b-', 'ab-', 'a-c', '-bc', 'abc']);
    expect(truthTable('sa and _sc', selections)).toEqual(['a-c', 'abc']);
  });

  it('a list of conditions is OR', () => {
    expect(truthTable(['sa and sb', 'sc'])).toEqual(truthTable('(sa and sb) or sc'));
  });

  it('rejects a condition naming an unknown selection', () => {
    expect(() => compileDetection({ selection: A, condition: 'selection and not sel2' })).toThrow(
      "condition references unknown selection 'sel2'",
    );
    expect(() => compileDetection({ a: A, b: B, condition: 'a AND b' })).toThrow(/operators are lower-case/);
  });

  it('rejects a pattern that matches no selection', () => {
    expect(() => compileDetection({ selection: A, condition: 'selection and not 1 of filter*' })).toThrow(
      "'1 of filter*' in condition 'selection and not 1 of filter*' matches no selection (selections: selection)",
    );
  });

  it('rejects syntax errors, missing and malformed conditions, bad selection names', () => {
    expect(() => compileDetection({ a: A, condition: 'a and (' })).toThrow(RuleCompileError);
    expect(() => compileDetection({ a: A })).toThrow('detection has no condition');
    expect(() => compileDetection({ a: A, condition: 5 })).toThrow('condition must be a string');
    expect(() => compileDetection({ condition: 'a' })).toThrow('detection has no selections');
    expect(() => compileDetection({ 'a b': A, condition: 'a' })).toThrow(
      "selection name 'a b' may only contain",
    );
    expect(() => compileRule(sigmaRule([] as unknown as Record<string, unknown>))).toThrow(
      'detection must be a mapping',
    );
  });
});

describe('eventNames', () => {
  const names = (detection: Record<string, unknown>) => {
    const set = compileDetection(detection).eventNames;
    return set === null ? null : [...set].sort();
  };

  it('takes plain eventName values, lower-cased', () => {
    expect(names({ s: { eventSource: 'x', eventName: 'StopLogging' }, condition: 's' })).toEqual([
      'stoplogging',
    ]);
    expect(names({ s: { eventName: ['StopLogging', 'DeleteTrail'] }, condition: 's' })).toEqual([
      'deletetrail',
      'stoplogging',
    ]);
    expect(names({ s: { 'eventName|cased': 'StopLogging' }, condition: 's' })).toEqual(['stoplogging']);
    expect(names({ s: { eventName: 'Put\\*' }, condition: 's' })).toEqual(['put*']);
  });

  it('is null when eventName is not pinned down', () => {
    expect(names({ s: { eventSource: 'x' }, condition: 's' })).toBeNull();
    expect(names({ s: { eventName: 'Stop*' }, condition: 's' })).toBeNull();
    expect(names({ s: { 'eventName|startswith': 'Stop' }, condition: 's' })).toBeNull();
    expect(names({ s: { 'eventName|neq': 'Stop' }, condition: 's' })).toBeNull();
    expect(names({ s: { eventName: ['StopLogging', null] }, condition: 's' })).toBeNull();
    expect(names({ s: ['StopLogging'], condition: 's' })).toBeNull(); // keywords
    expect(names({ s: { EventName: 'StopLogging' }, condition: 's' })).toBeNull();
  });

  it('and: intersection of the constraining parts; or: union only if every branch constrains; not: nothing', () => {
    const a = { eventName: ['A', 'B'] };
    const b = { eventName: ['B', 'C'] };
    const free = { eventSource: 'x' };
    expect(names({ a, b, condition: 'a and b' })).toEqual(['b']);
    expect(names({ a, free, condition: 'a and free' })).toEqual(['a', 'b']);
    expect(names({ a, free, condition: 'free and not a' })).toBeNull();
    expect(names({ a, b, condition: 'a or b' })).toEqual(['a', 'b', 'c']);
    expect(names({ a, free, condition: 'a or free' })).toBeNull();
    expect(names({ a, b, condition: 'not a' })).toBeNull();
    expect(names({ a, b, condition: 'not (a or b) and a' })).toEqual(['a', 'b']);
    expect(names({ sel_a: a, sel_b: b, condition: '1 of sel_*' })).toEqual(['a', 'b', 'c']);
    expect(names({ sel_a: a, sel_b: b, condition: 'all of sel_*' })).toEqual(['b']);
    expect(names({ s: { eventName: 'A', 'eventName|cased': ['A', 'B'] }, condition: 's' })).toEqual(['a']);
  });

  it('a list of maps constrains only if every map does', () => {
    expect(names({ s: [{ eventName: 'A' }, { eventName: 'B' }], condition: 's' })).toEqual(['a', 'b']);
    expect(names({ s: [{ eventName: 'A' }, { eventSource: 'x' }], condition: 's' })).toBeNull();
  });

  it('may be empty for a rule that can never match (and then nothing is lost)', () => {
    const rule = compileDetection({ a: { eventName: 'A' }, b: { eventName: 'B' }, condition: 'a and b' });
    expect([...rule.eventNames!]).toEqual([]);
    expect(rule.matches({ eventName: 'A' })).toBe(false);
  });
});
