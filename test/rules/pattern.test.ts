import { describe, expect, it } from '@jest/globals';
import { compileStringTest, literalValue, parseWildcards, type Shape } from '../../src/rules/pattern.js';
import { random } from './helpers.js';

const matches = (pattern: string, text: string, shape: Shape = 'equals', cased = false) =>
  compileStringTest(pattern, shape, cased).match(text);

describe('Sigma wildcards and escapes', () => {
  it('* matches any run of characters, also none, also across lines', () => {
    expect(matches('a*b', 'ab')).toBe(true);
    expect(matches('a*b', 'axxxb')).toBe(true);
    expect(matches('a*b', 'a\nb')).toBe(true);
    expect(matches('a*b', 'axxxbc')).toBe(false);
    expect(matches('a*b', 'xab')).toBe(false);
    expect(matches('*', '')).toBe(true);
    expect(matches('*', 'anything')).toBe(true);
    expect(matches('a*b*c', 'a-b-c')).toBe(true);
    expect(matches('a*b*c', 'a-c-b')).toBe(false);
  });

  it('? matches exactly one character', () => {
    expect(matches('prog?.exe', 'progA.exe')).toBe(true);
    expect(matches('prog?.exe', 'prog.exe')).toBe(false);
    expect(matches('prog?.exe', 'progAB.exe')).toBe(false);
    expect(matches('??', 'ab')).toBe(true);
    expect(matches('??', 'abc')).toBe(false);
  });

  it('\\* and \\? are a literal star and question mark', () => {
    expect(parseWildcards('a\\*b')).toEqual(['a*b']);
    expect(matches('a\\*b', 'a*b')).toBe(true);
    expect(matches('a\\*b', 'axb')).toBe(false);
    expect(matches('a\\?b', 'a?b')).toBe(true);
    expect(matches('a\\?b', 'axb')).toBe(false);
  });

  it('\\\\ is one literal backslash; a backslash before another character is literal', () => {
    expect(parseWildcards('C:\\\\Windows')).toEqual(['C:\\Windows']);
    expect(parseWildcards('C:\\Windows')).toEqual(['C:\\Windows']);
    expect(matches('C:\\\\Windows', 'C:\\Windows')).toBe(true);
    expect(matches('C:\\\\Windows', 'C:\\\\Windows')).toBe(false);
    expect(matches('C:\\Windows', 'c:\\windows')).toBe(true);
  });

  it('\\\\* is a backslash followed by a wildcard; \\\\\\* a backslash and a star', () => {
    expect(matches('a\\\\*', 'a\\anything')).toBe(true);
    expect(matches('a\\\\*', 'aanything')).toBe(false);
    expect(matches('a\\\\\\*', 'a\\*')).toBe(true);
    expect(matches('a\\\\\\*', 'a\\x')).toBe(false);
    expect(parseWildcards('a\\\\\\\\')).toEqual(['a\\\\']);
  });

  it('regular-expression characters in values are plain text', () => {
    expect(matches('a.b*', 'a.bc')).toBe(true);
    expect(matches('a.b*', 'axbc')).toBe(false);
    expect(matches('(x)+[y]*', '(x)+[y]z')).toBe(true);
    expect(matches('^a$*', '^a$b')).toBe(true);
  });

  it('literalValue resolves escapes and refuses wildcards', () => {
    expect(literalValue('StopLogging')).toBe('StopLogging');
    expect(literalValue('a\\*b')).toBe('a*b');
    expect(literalValue('')).toBe('');
    expect(literalValue('Stop*')).toBeUndefined();
    expect(literalValue('Stop?ogging')).toBeUndefined();
  });
});

describe('shapes and case', () => {
  it('contains, startswith and endswith', () => {
    expect(matches('log', 'StopLogging', 'contains')).toBe(true);
    expect(matches('log', 'Stop', 'contains')).toBe(false);
    expect(matches('stop', 'StopLogging', 'startswith')).toBe(true);
    expect(matches('logging', 'StopLogging', 'startswith')).toBe(false);
    expect(matches('LOGGING', 'StopLogging', 'endswith')).toBe(true);
    expect(matches('stop', 'StopLogging', 'endswith')).toBe(false);
    expect(matches('a*c', 'xxabcxx', 'contains')).toBe(true);
    expect(matches('a*c', 'xxacb', 'contains')).toBe(true);
    expect(matches('a*c', 'xxcab', 'contains')).toBe(false);
    expect(matches('', 'anything', 'contains')).toBe(true);
  });

  it('is case-insensitive unless cased', () => {
    expect(matches('StopLogging', 'STOPLOGGING')).toBe(true);
    expect(matches('StopLogging', 'stoplogging', 'equals', true)).toBe(false);
    expect(matches('StopLogging', 'StopLogging', 'equals', true)).toBe(true);
    expect(matches('Stop*', 'stopLogging', 'equals', true)).toBe(false);
    expect(matches('Stop*', 'StopLogging', 'equals', true)).toBe(true);
    expect(matches('log', 'LOG', 'contains', true)).toBe(false);
  });

  it('folds case exactly as toLowerCase does, ASCII fast path or not', () => {
    const alphabet = ['a', 'B', 'z', 'Z', '-', '1', 'İ', 'i', 'K', 'k', 'ß', 'Σ', 'é', 'É', '\u0307', '😀'];
    const next = random(7);
    const word = (max: number) =>
      Array.from(
        { length: Math.floor(next() * max) },
        () => alphabet[Math.floor(next() * alphabet.length)],
      ).join('');
    for (let i = 0; i < 3000; i++) {
      const pattern = word(4);
      const text = next() < 0.3 ? pattern.toUpperCase() : word(6);
      const lower = text.toLowerCase();
      const p = pattern.toLowerCase();
      const escaped = pattern.replace(/[\\*?]/g, '\\$&');
      expect([i, matches(escaped, text)]).toEqual([i, lower === p]);
      expect([i, matches(escaped, text, 'startswith')]).toEqual([i, lower.startsWith(p)]);
      expect([i, matches(escaped, text, 'endswith')]).toEqual([i, lower.endsWith(p)]);
      expect([i, matches(escaped, text, 'contains')]).toEqual([i, lower.includes(p)]);
    }
  });
});
