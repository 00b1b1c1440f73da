import { describe, expect, it } from '@jest/globals';
import {
  JsonRecordSplitter,
  JsonStructureError,
  splitJsonRecords,
  type SplitItem,
  type SplitterOptions,
} from '../../src/sources/files/json-splitter.js';

interface Split {
  items: SplitItem[];
  error?: JsonStructureError;
}

/** Splits the chunks with the push API (synchronous, so that thousands of splits stay fast). */
function split(chunks: readonly string[], options?: SplitterOptions): Split {
  const splitter = new JsonRecordSplitter(options);
  const items: SplitItem[] = [];
  for (const chunk of chunks) {
    items.push(...splitter.push(chunk));
    if (splitter.error) return { items, error: splitter.error };
  }
  items.push(...splitter.end());
  return splitter.error ? { items, error: splitter.error } : { items };
}

const texts = (result: Split): string[] =>
  result.items.map((item) => (item.kind === 'oversize' ? `<oversize ${item.chars}>` : item.text));

/** Chunks of `size` UTF-16 code units (so surrogate pairs are split too). */
function chunked(doc: string, size: number): string[] {
  const chunks: string[] = [];
  for (let i = 0; i < doc.length; i += size) chunks.push(doc.slice(i, i + size));
  return chunks;
}

/** Every way to cut `doc` into two chunks, then chunks of 1, 2 and 3 code units. */
function* cuts(doc: string): Generator<string[]> {
  for (let i = 0; i <= doc.length; i++) yield [doc.slice(0, i), doc.slice(i)];
  for (const size of [1, 2, 3]) yield chunked(doc, size);
}

// A document where every hazard sits somewhere: escaped quotes, backslashes right before a closing quote,
// braces and brackets inside strings and keys, unicode (including a surrogate pair), nested arrays, scalars,
// empty containers, whitespace and newlines, and a NextToken with a quote and a brace in it.
const tricky = [
  '\uFEFF{ "NextToken" : "abc\\"}]" ,',
  ' "Records":[',
  '{"eventName":"Put\\"Object\\\\","eventTime":"2024-01-01T00:00:00Z","k\\"{":"v\\\\\\"}",',
  '"requestParameters":{"policy":"{\\"Statement\\":[{\\"Effect\\":\\"Allow\\"}]}","arr":[[1,[2,[3]]],{},[]]},',
  '"userAgent":"Mozilla/5.0 (été ☃ 😀) [brackets] {braces}","n":-1.5e3,"t":true,"f":false,"z":null,"e":""},',
  '\n  {"eventName":"\\\\","x":"\\\\\\\\"} ,',
  '\t42 , -0.5e-7,true,null,"a \\"string\\" element",[ "nested", ["array"] ],{},',
  '\r\n{"eventName":"Last","s":"\\u0041\\/\\b\\f\\n\\r\\t"}',
  '],"Other":{"Records":[1,2,3]}}',
].join('');

describe('splitJsonRecords: structure', () => {
  it('emits the elements of a Records array as raw text, exactly as JSON.parse sees them', () => {
    const result = split([tricky]);
    expect(result.error).toBeUndefined();
    const expected = (JSON.parse(tricky.slice(1)) as { Records: unknown[] }).Records;
    expect(result.items.map((item) => item.kind)).toEqual(expected.map(() => 'element'));
    expect(texts(result).map((text) => JSON.parse(text) as unknown)).toEqual(expected);
    expect(texts(result)[0]).toMatch(/^\{"eventName":"Put\\"Object\\\\",/);
    expect(result.items.map((item) => item.index)).toEqual(expected.map((_, i) => i));
  });

  it('gives the same elements for chunk boundaries at every position', () => {
    const whole = texts(split([tricky]));
    let tried = 0;
    for (const chunks of cuts(tricky)) {
      const result = split(chunks);
      expect(result.error).toBeUndefined();
      expect(texts(result)).toEqual(whole);
      tried++;
    }
    expect(tried).toBe(tricky.length + 4);
  });

  it('gives the same elements for every pair of chunk boundaries in the densest part', () => {
    const whole = texts(split([tricky]));
    const start = tricky.indexOf('{"eventName":"Put');
    for (let i = start; i < start + 90; i++) {
      for (let j = i; j < start + 90; j++) {
        expect(texts(split([tricky.slice(0, i), tricky.slice(i, j), tricky.slice(j)]))).toEqual(whole);
      }
    }
  });

  it('tracks runs of backslashes across chunk boundaries', () => {
    // Strings ending in 1..8 backslashes (escaped in pairs), then a quote that closes or is escaped.
    for (let count = 1; count <= 8; count++) {
      const value = '\\'.repeat(count * 2) + (count % 2 ? '\\"x' : '');
      const doc = `[{"a":"${value}","b":"]"},{"c":1}]`;
      const expected = JSON.parse(doc) as unknown[];
      for (const chunks of cuts(doc)) {
        expect(texts(split(chunks)).map((text) => JSON.parse(text) as unknown)).toEqual(expected);
      }
    }
  });

  it('splits a bare array of records (the Stratus Red Team format)', () => {
    const doc = '[\n  {"eventName": "A"},\n  {"eventName": "B", "x": [1, {"y": "]"}]}\n]\n';
    const result = split([doc]);
    expect(result.error).toBeUndefined();
    expect(result.items).toEqual([
      { kind: 'element', index: 0, container: 'array', text: '{"eventName": "A"}' },
      { kind: 'element', index: 1, container: 'array', text: '{"eventName": "B", "x": [1, {"y": "]"}]}' },
    ]);
  });

  it('emits whole top-level objects with their keys: JSON Lines and concatenated objects', () => {
    const lines = [
      '{"eventName":"A","eventTime":"t"}',
      '{"eventVersion":"1.08","nested":{"eventName":"no"}}',
      '{}',
    ];
    for (const doc of [lines.join('\n') + '\n', lines.join('\r\n'), lines.join(''), lines.join('  \n\n ')]) {
      for (const chunks of cuts(doc)) {
        const result = split(chunks);
        expect(result.error).toBeUndefined();
        expect(result.items).toEqual([
          { kind: 'object', index: 0, text: lines[0], keys: ['eventName', 'eventTime'] },
          { kind: 'object', index: 1, text: lines[1], keys: ['eventVersion', 'nested'] },
          { kind: 'object', index: 2, text: lines[2], keys: [] },
        ]);
      }
    }
  });

  it('takes the Events arrays of concatenated lookup-events pages, with a running index', () => {
    const page = (ids: string[], token?: string) =>
      JSON.stringify(
        {
          Events: ids.map((id) => ({
            EventId: id,
            CloudTrailEvent: JSON.stringify({ eventID: id, eventName: 'X' }),
          })),
          ...(token ? { NextToken: token } : {}),
        },
        null,
        4,
      );
    const doc = `${page(['a', 'b'], 't1')}${page(['c'], 't2')}\n${page([])}\n${page(['d'])}`;
    for (const chunks of cuts(doc)) {
      const result = split(chunks);
      expect(result.error).toBeUndefined();
      expect(
        result.items.map((item) => [item.kind, item.index, item.kind === 'element' && item.container]),
      ).toEqual([
        ['element', 0, 'Events'],
        ['element', 1, 'Events'],
        ['element', 2, 'Events'],
        ['element', 3, 'Events'],
      ]);
      expect(texts(result).map((text) => (JSON.parse(text) as { EventId: string }).EventId)).toEqual([
        'a',
        'b',
        'c',
        'd',
      ]);
    }
  });

  it('treats a Records key that is not an array as an ordinary member', () => {
    const result = split(['{"Records": null, "x": [1]}']);
    expect(result.items).toEqual([
      { kind: 'object', index: 0, text: '{"Records": null, "x": [1]}', keys: ['Records', 'x'] },
    ]);
  });

  it('only treats top-level Records and Events as containers', () => {
    const doc = '{"eventName":"A","detail":{"Records":[{"a":1}],"Events":[2]}}';
    expect(split([doc]).items).toEqual([
      { kind: 'object', index: 0, text: doc, keys: ['eventName', 'detail'] },
    ]);
  });

  it('accepts empty containers and a trailing comma in a container', () => {
    expect(split(['{"Records":[]}', '[]', '{"Records":[ ]}']).items).toEqual([]);
    expect(split(['{"Records":[]}']).error).toBeUndefined();
    expect(texts(split(['[{"a":1},{"b":2},]']))).toEqual(['{"a":1}', '{"b":2}']);
  });

  it('reports records longer than the limit without keeping their text, and goes on', () => {
    const big = `{"eventName":"${'x'.repeat(500)}"}`;
    const doc = `{"Records":[{"eventName":"small"},${big},{"eventName":"after"}]}`;
    for (const chunks of [[doc], chunked(doc, 1), chunked(doc, 7)]) {
      const result = split(chunks, { maxRecordChars: 100 });
      expect(result.error).toBeUndefined();
      expect(result.items).toEqual([
        { kind: 'element', index: 0, container: 'Records', text: '{"eventName":"small"}' },
        { kind: 'oversize', index: 1, container: 'Records', chars: big.length },
        { kind: 'element', index: 2, container: 'Records', text: '{"eventName":"after"}' },
      ]);
    }
    expect(split([big], { maxRecordChars: 100 }).items).toEqual([
      { kind: 'oversize', index: 0, container: 'object', chars: big.length },
    ]);
  });

  it('drops the prefix of a large object as soon as it turns out to be a Records container', () => {
    const doc = `{"meta":"${'m'.repeat(300)}","Records":[{"eventName":"A"}]}`;
    const result = split(chunked(doc, 1), { maxRecordChars: 100 });
    expect(result.error).toBeUndefined();
    expect(texts(result)).toEqual(['{"eventName":"A"}']);
  });

  it('is also an async iterable over async chunks', async () => {
    async function* chunks(): AsyncGenerator<string> {
      yield '{"Records":[{"a":';
      yield '1},{"b":2}]}';
    }
    const items: SplitItem[] = [];
    for await (const item of splitJsonRecords(chunks())) items.push(item);
    expect(items.map((item) => item.kind === 'element' && item.text)).toEqual(['{"a":1}', '{"b":2}']);
  });

  it('throws the structural error after yielding what came before it', async () => {
    const items: SplitItem[] = [];
    const run = async () => {
      for await (const item of splitJsonRecords(['[{"a":1}', ',{"b":2}', ' {"c":3}]'])) items.push(item);
    };
    await expect(run()).rejects.toThrow(JsonStructureError);
    expect(items).toHaveLength(2);
  });
});

describe('splitJsonRecords: structural errors', () => {
  const errorOf = (chunks: string[]): JsonStructureError => {
    const { error } = split(chunks);
    if (!error) throw new Error(`no error for ${JSON.stringify(chunks)}`);
    return error;
  };

  it('reports a truncated document at every cut, after emitting the records before the cut', () => {
    const whole = texts(split([tricky]));
    for (let cut = 0; cut < tricky.length; cut++) {
      const prefix = tricky.slice(0, cut);
      for (const chunks of [[prefix], [prefix.slice(0, cut >> 1), prefix.slice(cut >> 1)]]) {
        const result = split(chunks);
        const got = texts(result);
        expect(whole.slice(0, got.length)).toEqual(got); // a prefix of the full result
        expect(result.error?.code).toBe(cut <= 1 ? 'empty' : 'truncated');
        expect(result.error?.message).toMatch(
          cut <= 1 ? /empty/ : /^truncated JSON (before any record|after record \d+): /,
        );
      }
    }
  });

  it('names the record a truncation is in, and counts it lost', () => {
    const error = errorOf(['{"Records":[{"eventName":"A"},{"eventName":"B"},{"eventNa']);
    expect(error.message).toBe('truncated JSON after record 1: the file ends inside record 2');
    expect(error.recordIndex).toBe(2);
    expect(error.recordsLost).toBe(1);
    const between = errorOf(['{"Records":[{"eventName":"A"},']);
    expect(between.message).toBe(
      'truncated JSON after record 0: the file ends before the Records array is closed',
    );
    expect(between.recordIndex).toBeUndefined();
    expect(errorOf(['{"eventName":"A"}\n{"eventName":"B"']).message).toBe(
      'truncated JSON after record 0: the file ends inside record 1',
    );
  });

  it('reports a missing comma between records with its line and column (the zmallen case)', () => {
    const doc =
      '{\n  "Records": [\n    {\n      "eventName": "A"\n    }\n{\n      "eventName": "B"\n    }\n  ]\n}\n';
    for (const chunks of cuts(doc)) {
      const result = split(chunks);
      expect(texts(result)).toEqual(['{\n      "eventName": "A"\n    }']);
      expect(result.error?.message).toBe(
        "invalid JSON at line 6 column 1 (after record 0): expected ',' or ']' between records in the Records array, found '{'",
      );
      expect([result.error?.line, result.error?.column]).toEqual([6, 1]);
    }
  });

  it('reports garbage between top-level values', () => {
    const error = errorOf(['{"eventName":"A"}\n{"eventName":"B"}\nnot json\n{"eventName":"C"}\n']);
    expect(error.code).toBe('syntax');
    expect(error.message).toBe(
      "invalid JSON at line 3 column 1 (after record 1): unexpected 'n' after the last top-level value",
    );
    expect(errorOf(['[{"a":1}],']).message).toMatch(/unexpected ',' after the last top-level value/);
  });

  it('reports broken structure inside a top-level object', () => {
    expect(errorOf(['{"a" 1}']).message).toMatch(
      /line 1 column 6 .*expected ':' after the key "a", found '1'/,
    );
    expect(errorOf(['{"a":1 "b":2}']).message).toMatch(
      /expected ',' or '}' after the value of "a", found '"'/,
    );
    expect(errorOf(['{a:1}']).message).toMatch(/expected a key or '}', found 'a'/);
    expect(errorOf(['{"a":1,}']).message).toMatch(/expected a key, found '}'/);
    expect(errorOf(['{"a":}']).message).toMatch(/expected a value, found '}'/);
    expect(errorOf(['{"Records":[{"a":1},:]}']).message).toMatch(/expected a value, found ':'/);
  });

  it('tells a top-level scalar (JSON, not CloudTrail) from text that is not JSON', () => {
    expect(errorOf(['"just a string"'])).toMatchObject({
      code: 'scalar',
      message: 'not CloudTrail: the file holds a JSON string, not an object or array',
    });
    expect(errorOf([' \n-42'])).toMatchObject({
      code: 'scalar',
      message: expect.stringMatching(/a JSON number/),
    });
    expect(errorOf(['null'])).toMatchObject({
      code: 'scalar',
      message: expect.stringMatching(/literal null/),
    });
    expect(errorOf(['hello'])).toMatchObject({
      code: 'syntax',
      message: "not JSON: unexpected 'h' at line 1 column 1",
    });
    expect(errorOf(['\u0000\u0001\u0002']).message).toBe(
      'not JSON: unexpected control character 0x00 (binary data?) at line 1 column 1',
    );
    expect(errorOf(['\uFFFD\uFFFD']).message).toMatch(/non-UTF-8 byte \(binary data\?\)/);
  });

  it('reports an empty or blank text', () => {
    for (const chunks of [[], [''], ['  \n\t\r\n '], ['\uFEFF']]) {
      expect(errorOf(chunks)).toMatchObject({
        code: 'empty',
        message: 'not CloudTrail: no JSON value (empty file)',
      });
    }
  });

  it('ignores input after the first error', () => {
    const splitter = new JsonRecordSplitter();
    expect(splitter.push('[1,2 3')).toHaveLength(2);
    const error = splitter.error;
    expect(error).toBeDefined();
    expect(splitter.push(',4]')).toEqual([]);
    expect(splitter.end()).toEqual([]);
    expect(splitter.error).toBe(error);
  });
});
