import { describe, expect, it } from '@jest/globals';
import { requiredRuns } from '../../src/rules/regex-literals.js';
import { mulberry32 } from '../helpers/random.js';

describe('requiredRuns', () => {
  it.each([
    [':assumed-role/[^/]+/i-[0-9a-fA-F]{8,17}$', [':assumed-role/', '/i-']],
    ['.+:assumed-role/aws:.+', [':assumed-role/aws:']],
    ['(?i)^AKIA\\d+', ['AKIA']],
    ['ab?c', ['a', 'c']],
    ['abc*', ['ab']],
    ['a\\.b\\*', ['a.b*']],
    ['x(a|b)y', ['x', 'y']],
    ['abc|xyz', []],
    ['abc\\u0041|xyz', []],
    ['abc\\u0041def', ['abc']],
    ['a{2}bc', ['bc']],
    ['[abc]def', ['def']],
    ['\\bdef\\b', ['def']],
  ])('%s → %j', (source, runs) => {
    expect(requiredRuns(source)).toEqual(runs);
  });

  it('gives runs that every match contains (random patterns, random texts)', () => {
    const random = mulberry32(99);
    const atoms = [
      'a',
      'b',
      'ab',
      '.',
      'a?',
      'b*',
      '(a|b)',
      '[ab]',
      '\\.',
      'c+',
      '|',
      'x{1,2}',
      '\\d',
      '(?:ba)?',
    ];
    for (let n = 0; n < 3000; n++) {
      let source = '';
      for (let k = 0; k < 1 + Math.floor(random() * 6); k++)
        source += atoms[Math.floor(random() * atoms.length)];
      const regex = new RegExp(source);
      const runs = requiredRuns(source);
      for (let t = 0; t < 20; t++) {
        let text = '';
        for (let k = 0; k < Math.floor(random() * 8); k++) text += 'abcx.1'[Math.floor(random() * 6)];
        if (regex.test(text))
          for (const run of runs)
            expect({ source, text, run, in: text.includes(run) }).toEqual({ source, text, run, in: true });
      }
    }
  });
});
