import { describe, expect, it } from '@jest/globals';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { FileReadError, decodeText, readRecords } from '../../src/sources/files/index.js';
import { RecordingReporter, record, records } from './helpers.js';

/** A byte stream delivering `data` in chunks of `size` bytes (as a pipe or an HTTP body might). */
function byteStream(data: Buffer, size: number): Readable {
  const chunks: Buffer[] = [];
  for (let i = 0; i < data.length; i += size) chunks.push(data.subarray(i, i + size));
  return Readable.from(chunks, { objectMode: false });
}

async function decode(stream: Readable): Promise<string> {
  let text = '';
  for await (const chunk of decodeText(stream)) text += chunk;
  return text;
}

describe('decodeText: bytes → text chunks', () => {
  const text = JSON.stringify({ Records: [record(0, { userAgent: 'été ☃ 😀' })] });

  it('decodes UTF-8 split at every byte, and gzip whose magic bytes arrive one at a time', async () => {
    for (const size of [1, 2, 3, 7, 64, 1 << 20]) {
      expect(await decode(byteStream(Buffer.from(text), size))).toBe(text);
      expect(await decode(byteStream(gzipSync(text), size))).toBe(text);
    }
  });

  it('reads streams of 0 and 1 byte as text', async () => {
    expect(await decode(byteStream(Buffer.alloc(0), 1))).toBe('');
    expect(await decode(byteStream(Buffer.from([0x1f]), 1))).toBe('\u001f');
  });

  it('reports truncated gzip as a gzip error, after the text decoded before it', async () => {
    const big = JSON.stringify({ Records: records(0, 2000) });
    const gz = gzipSync(big);
    let text = '';
    const run = async () => {
      for await (const chunk of decodeText(byteStream(gz.subarray(0, gz.length >> 1), 4096))) text += chunk;
    };
    await expect(run()).rejects.toMatchObject({
      kind: 'gzip',
      message: expect.stringMatching(/^gzip data truncated or corrupt/),
    });
    expect(text.length).toBeGreaterThan(0);
    expect(big.startsWith(text)).toBe(true);
  });

  it('reports an error of the underlying stream as "cannot read"', async () => {
    const failing = new Readable({
      read() {
        this.destroy(Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' }));
      },
    });
    await expect(decode(failing)).rejects.toEqual(new FileReadError('cannot read: i/o error (EIO)', 'io'));
  });
});

describe('readRecords: any byte stream (an S3 object body, say)', () => {
  it('reads a gzipped Records body delivered in small chunks, reported under its key', async () => {
    const reporter = new RecordingReporter();
    const key = 'AWSLogs/111122223333/CloudTrail/us-east-1/2024/06/03/x.json.gz';
    const body = byteStream(gzipSync(JSON.stringify({ Records: records(0, 50) })), 333);
    const got = [];
    for await (const r of readRecords(key, body, reporter)) got.push(r);
    expect(got.map((r) => JSON.parse(r.text) as unknown)).toEqual(records(0, 50));
    expect(got[49]!.origin).toEqual({ file: key, index: 49 });
    expect(reporter.reports).toEqual([{ kind: 'read', file: key }]);
  });

  it('destroys the stream when the consumer stops early', async () => {
    const body = byteStream(Buffer.from(JSON.stringify({ Records: records(0, 50) })), 100);
    for await (const r of readRecords('k', body, new RecordingReporter())) {
      expect(r.origin.index).toBe(0);
      break;
    }
    expect(body.destroyed).toBe(true);
  });
});
