/**
 * The loopback cache service's blob side through the Azure Blob SDK that @actions/cache uploads with: the paths
 * the state store does not reach with its small documents (Put Block + Put Block List, used by the library above
 * 128 MiB; ranged downloads, used for *.blob.core.windows.net) and the signature check.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { BlobClient } from '@azure/storage-blob';
import { randomBytes } from 'node:crypto';
import { ActionsCacheServer } from '../helpers/actions-cache-server.js';

async function twirp(server: ActionsCacheServer, method: string, body: object, token = server.token) {
  const res = await fetch(
    `${server.env().ACTIONS_RESULTS_URL}twirp/github.actions.results.api.v1.CacheService/${method}`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    },
  );
  return { status: res.status, body: (await res.json()) as Record<string, string | boolean> };
}

describe('ActionsCacheServer', () => {
  let server: ActionsCacheServer;
  beforeEach(async () => {
    server = new ActionsCacheServer();
    await server.start();
  });
  afterEach(async () => {
    await server.stop();
  });

  it('assembles a blob uploaded in blocks, and serves it whole and in ranges', async () => {
    const data = randomBytes(100_000);
    const created = await twirp(server, 'CreateCacheEntry', { key: 'k-1', version: 'v' });
    expect(created.body.ok).toBe(true);
    await new BlobClient(String(created.body.signed_upload_url))
      .getBlockBlobClient()
      .uploadData(data, { blockSize: 30_000, maxSingleShotSize: 10_000, concurrency: 2 });
    expect(new Set(server.requests.filter((r) => r.kind === 'upload').map((r) => r.operation))).toEqual(
      new Set(['PutBlock', 'PutBlockList']),
    );
    // Not visible before it is finalized.
    expect((await twirp(server, 'GetCacheEntryDownloadURL', { key: 'k-1', version: 'v' })).body.ok).toBe(
      false,
    );
    const wrongSize = await twirp(server, 'FinalizeCacheEntryUpload', {
      key: 'k-1',
      version: 'v',
      size_bytes: '5',
    });
    expect(wrongSize.body).toEqual({ ok: false, message: 'uploaded 100000 bytes, size_bytes says 5' });
    const finalized = await twirp(server, 'FinalizeCacheEntryUpload', {
      key: 'k-1',
      version: 'v',
      size_bytes: '100000',
    });
    expect(finalized.body).toEqual({ ok: true, entry_id: '1' });

    const found = await twirp(server, 'GetCacheEntryDownloadURL', {
      key: 'k-2',
      restore_keys: ['k-'],
      version: 'v',
    });
    expect(found.body).toMatchObject({ ok: true, matched_key: 'k-1' });
    const url = String(found.body.signed_download_url);
    const whole = Buffer.from(await (await fetch(url)).arrayBuffer());
    expect(whole.equals(data)).toBe(true);
    // The SDK's download reads in ranges (x-ms-range).
    const ranged = await new BlobClient(url).downloadToBuffer(0, undefined, {
      blockSize: 40_000,
      concurrency: 2,
    });
    expect(ranged.equals(data)).toBe(true);
    expect(server.requests.some((r) => r.operation === 'GetBlob' && r.status === 206)).toBe(true);

    // A URL with another signature, or an upload URL used for reading, is refused.
    expect((await fetch(url.replace(/sig=[0-9a-f]+/, 'sig=00'))).status).toBe(403);
    expect((await fetch(String(created.body.signed_upload_url))).status).toBe(403);
  });

  it('keys are immutable and restore keys find the newest entry of a prefix, of the same version only', async () => {
    const save = async (key: string, version = 'v') => {
      const created = await twirp(server, 'CreateCacheEntry', { key, version });
      if (!created.body.ok) return created;
      await new BlobClient(String(created.body.signed_upload_url))
        .getBlockBlobClient()
        .uploadData(Buffer.from(key));
      return twirp(server, 'FinalizeCacheEntryUpload', { key, version, size_bytes: String(key.length) });
    };
    await save('p-1');
    await save('p-2');
    await save('p-3', 'other-version');
    expect(await save('p-1')).toEqual({
      status: 409,
      body: {
        code: 'already_exists',
        msg: 'cache entry with the same key, version, and scope already exists',
      },
    });
    const lookup = (key: string, restore_keys: string[]) =>
      twirp(server, 'GetCacheEntryDownloadURL', { key, restore_keys, version: 'v' });
    expect((await lookup('p-9', ['p-'])).body.matched_key).toBe('p-2');
    expect((await lookup('p-1', ['p-'])).body.matched_key).toBe('p-1');
    expect((await lookup('q-1', ['q-', 'p-1'])).body.matched_key).toBe('p-1');
    expect((await lookup('q-1', ['q-'])).body).toEqual({
      ok: false,
      signed_download_url: '',
      matched_key: '',
    });
    expect(
      (await twirp(server, 'GetCacheEntryDownloadURL', { key: 'p-1', version: 'v' }, 'bad')).status,
    ).toBe(401);
  });
});
