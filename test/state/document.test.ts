import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import {
  DEFAULT_MAX_STATE_BYTES,
  decodeState,
  encodeState,
  newStateDocument,
  type StateDocument,
} from '../../src/state/index.js';

const NOW = Date.UTC(2024, 5, 3, 12);
const SCOPE = 'lookup-events-0123456789ab';

function doc(sections: Record<string, unknown> = {}): StateDocument {
  return newStateDocument(SCOPE, sections, NOW);
}

function warningOf(bytes: Uint8Array, scope = SCOPE): string {
  const decoded = decodeState(bytes, scope);
  if (!('warning' in decoded)) throw new Error('expected a warning, got a document');
  return decoded.warning;
}

const gz = (text: string) => new Uint8Array(gzipSync(text));

describe('encodeState / decodeState', () => {
  it('round-trips a document with its sections', () => {
    const original = doc({
      firstSeen: {
        keys: [['111122223333', 'arn:aws:iam::111122223333:user/alice', 'RunInstances', 1717400000]],
      },
      correlation: { open: [{ rule: 'console-login-failures', count: 3 }] },
    });
    const encoded = encodeState(original);
    expect(encoded.warnings).toEqual([]);
    expect(encoded.droppedSections).toEqual([]);
    // gzip magic bytes
    expect([...encoded.bytes.subarray(0, 2)]).toEqual([0x1f, 0x8b]);
    expect(decodeState(encoded.bytes, SCOPE)).toEqual({ doc: original });
    expect(original.savedAt).toBe('2024-06-03T12:00:00.000Z');
  });

  it.each([
    ['not gzip', new Uint8Array(Buffer.from('{"version":1}')), /not readable gzip/],
    ['truncated gzip', encodeState(doc({ a: 'x'.repeat(1000) })).bytes.subarray(0, 20), /not readable gzip/],
    ['not JSON', gz('{"version": 1,'), /not valid JSON/],
    ['a JSON array', gz('[1, 2]'), /not a JSON object/],
    ['JSON null', gz('null'), /not a JSON object/],
    ['another version', gz(JSON.stringify({ ...doc(), version: 2 })), /version 2, this version reads 1/],
    ['no version', gz(JSON.stringify({ savedAt: 'x', scope: SCOPE, sections: {} })), /version none/],
    ['a bad savedAt', gz(JSON.stringify({ ...doc(), savedAt: 'yesterday' })), /savedAt is not a time/],
    ['no scope', gz(JSON.stringify({ ...doc(), scope: '' })), /scope is missing/],
    ['sections not an object', gz(JSON.stringify({ ...doc(), sections: [] })), /sections is not an object/],
    ['empty bytes', new Uint8Array(0), /not readable gzip/],
  ])('%s gives a warning, not a throw', (_name, bytes, pattern) => {
    const warning = warningOf(bytes);
    expect(warning).toMatch(pattern);
    expect(warning).toMatch(/starting with no history$/);
  });

  it('a document of another scope gives a warning naming both scopes', () => {
    const bytes = encodeState(newStateDocument('s3-ffffffffffff', {}, NOW)).bytes;
    expect(warningOf(bytes)).toBe(
      `state is for scope 's3-ffffffffffff', not '${SCOPE}' (another source or account set): starting with no history`,
    );
  });

  it('refuses input over the size limit and a gzip bomb that expands past 64 times the limit', () => {
    const limit = 1024;
    const big = encodeState(doc({ noise: randomBytes(4096).toString('hex') })).bytes;
    const over = decodeState(big, SCOPE, limit);
    expect('warning' in over && over.warning).toMatch(/over the limit of 1024/);

    const bomb = gz(JSON.stringify({ ...doc(), sections: { zeros: '0'.repeat(limit * 64 + 10) } }));
    expect(bomb.length).toBeLessThan(limit);
    const decodedBomb = decodeState(bomb, SCOPE, limit);
    expect('warning' in decodedBomb && decodedBomb.warning).toMatch(/not readable gzip/);
  });

  it('over the size limit, drops the largest sections until the document fits, and says so', () => {
    const limit = 16 * 1024;
    // Random hex does not compress much: 20,000 characters are about 10 KB of gzip.
    const sections = {
      firstSeen: randomBytes(10_000).toString('hex'),
      correlation: randomBytes(6_000).toString('hex'),
      small: { keep: true },
    };
    const encoded = encodeState(doc(sections), limit);
    expect(encoded.bytes.length).toBeLessThanOrEqual(limit);
    expect(encoded.droppedSections).toEqual(['firstSeen']);
    expect(encoded.warnings).toEqual([
      expect.stringMatching(
        /larger than the limit of 16384 bytes; its largest section 'firstSeen' \(20002 characters/,
      ),
    ]);
    const decoded = decodeState(encoded.bytes, SCOPE);
    expect('doc' in decoded && Object.keys(decoded.doc.sections)).toEqual(['correlation', 'small']);

    const both = encodeState(doc(sections), 1024);
    expect(both.droppedSections).toEqual(['firstSeen', 'correlation']);
    expect(decodeState(both.bytes, SCOPE)).toEqual({ doc: doc({ small: { keep: true } }) });
  });

  it('the default limit is 8 MiB', () => {
    expect(DEFAULT_MAX_STATE_BYTES).toBe(8 * 1024 * 1024);
    const nearly = encodeState(doc({ blob: randomBytes(3 * 1024 * 1024).toString('base64') }));
    expect(nearly.droppedSections).toEqual([]);
    expect(nearly.bytes.length).toBeGreaterThan(3 * 1024 * 1024);
  });
});
