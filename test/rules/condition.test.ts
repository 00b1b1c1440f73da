import { describe, expect, it } from '@jest/globals';
import {
  ConditionSyntaxError,
  parseCondition,
  resolvePattern,
  type ConditionNode,
} from '../../src/rules/condition.js';

/** A compact, fully parenthesised rendering of a tree, to compare structure. */
function show(node: ConditionNode): string {
  switch (node.kind) {
    case 'ref':
      return node.name;
    case 'not':
      return `(not ${show(node.child)})`;
    case 'of':
      return `[${node.quantifier} of ${node.pattern}]`;
    case 'and':
    case 'or':
      return `(${node.children.map(show).join(` ${node.kind} `)})`;
  }
}

const parse = (text: string) => show(parseCondition(text));

describe('parseCondition', () => {
  it('reads a single selection name, with letters, digits, _ and -', () => {
    expect(parseCondition('selection')).toEqual({ kind: 'ref', name: 'selection' });
    expect(parse('sel_2-b')).toBe('sel_2-b');
  });

  it('binds not tighter than and, and and tighter than or', () => {
    expect(parse('a or b and c')).toBe('(a or (b and c))');
    expect(parse('a and b or c')).toBe('((a and b) or c)');
    expect(parse('not a and b')).toBe('((not a) and b)');
    expect(parse('not a or b')).toBe('((not a) or b)');
    expect(parse('a and not b or not c and d')).toBe('((a and (not b)) or ((not c) and d))');
  });

  it('flattens chains of the same operator', () => {
    expect(parse('a and b and c')).toBe('(a and b and c)');
    expect(parse('a or b or c')).toBe('(a or b or c)');
  });

  it('lets parentheses override precedence', () => {
    expect(parse('(a or b) and c')).toBe('((a or b) and c)');
    expect(parse('not (a or b)')).toBe('(not (a or b))');
    expect(parse('((a))')).toBe('a');
    expect(parse('not not a')).toBe('(not (not a))');
  });

  it('reads 1 of / any of / all of with patterns and them', () => {
    expect(parseCondition('1 of selection_*')).toEqual({
      kind: 'of',
      quantifier: 'any',
      pattern: 'selection_*',
    });
    expect(parseCondition('any of sel*')).toEqual({ kind: 'of', quantifier: 'any', pattern: 'sel*' });
    expect(parseCondition('all of them')).toEqual({ kind: 'of', quantifier: 'all', pattern: 'them' });
    expect(parse('selection and not 1 of filter_main_*')).toBe(
      '(selection and (not [any of filter_main_*]))',
    );
    expect(parse('1 of sel* and all of f*')).toBe('([any of sel*] and [all of f*])');
  });

  it('reads the conditions of SigmaHQ rules', () => {
    expect(parse('selection_event_source and 1 of selection_action_* and 1 of selection_status_*')).toBe(
      '(selection_event_source and [any of selection_action_*] and [any of selection_status_*])',
    );
    expect(parse('selection_usertype and not selection_eventtype')).toBe(
      '(selection_usertype and (not selection_eventtype))',
    );
  });

  it('ignores extra white space, tabs and newlines', () => {
    expect(parse('  a\tand\n  (b or c) ')).toBe('(a and (b or c))');
  });

  const errors: Array<[string, RegExp]> = [
    ['', /empty/],
    ['   ', /empty/],
    ['a and', /condition ends/],
    ['and a', /'and' needs an expression before it/],
    ['a or or b', /'or' needs an expression before it/],
    ['(a or b', /expected '\)' to close the '\(' at position 0, found the end/],
    ['a or b)', /unexpected '\)' \(no matching '\('\)/],
    ['()', /unexpected '\)'/],
    ['a b', /expected 'and', 'or' or the end after 'a', found 'b'/],
    ['not', /condition ends/],
    ['sel*', /wildcard '\*' in 'sel\*' is only allowed after '1 of' or 'all of'/],
    ['2 of sel*', /'2 of' is not supported/],
    ['1 of', /expected a selection name pattern or 'them' after '1 of', found the end/],
    ['1 of (a)', /expected a selection name pattern/],
    ['of a', /'of' must follow/],
    ['them', /'them' is only allowed after/],
    ['a && b', /unexpected character '&' at position 2/],
    ['selection | count() > 5', /aggregations .* not supported/],
  ];
  it.each(errors)('rejects %j with a clear message', (text, message) => {
    let error: unknown;
    try {
      parseCondition(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConditionSyntaxError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toContain(`condition '${text}'`);
  });

  it('takes only lower-case operators, as the specification writes them', () => {
    expect(() => parseCondition('a AND b')).toThrow(/found 'AND'/);
  });
});

describe('resolvePattern', () => {
  const names = [
    'selection',
    'selection_a',
    'selection_b',
    'filter_main_x',
    'filter_optional',
    '_hidden',
    'sel',
  ];

  it('matches names with * anywhere, anchored at both ends', () => {
    expect(resolvePattern('selection_*', names)).toEqual(['selection_a', 'selection_b']);
    expect(resolvePattern('sel*', names)).toEqual(['selection', 'selection_a', 'selection_b', 'sel']);
    expect(resolvePattern('*_main_*', names)).toEqual(['filter_main_x']);
    expect(resolvePattern('sel', names)).toEqual(['sel']);
    expect(resolvePattern('nothing*', names)).toEqual([]);
  });

  it('leaves out names starting with _ (them and patterns alike)', () => {
    expect(resolvePattern('them', names)).toEqual(names.filter((n) => n !== '_hidden'));
    expect(resolvePattern('*hidden', names)).toEqual([]);
  });

  it('treats - and _ in patterns literally', () => {
    expect(resolvePattern('a-*', ['a-b', 'axb', 'a_b'])).toEqual(['a-b']);
  });
});
