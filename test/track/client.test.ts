import { afterEach, describe, expect, it } from '@jest/globals';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { silentLogger } from '../../src/core/logger.js';
import { createOctokit, Spacer } from '../../src/track/client.js';
import { GitHubServer } from '../helpers/github-server.js';

let saved: string | undefined;
afterEach(() => {
  if (saved === undefined) delete process.env.GITHUB_API_URL;
  else process.env.GITHUB_API_URL = saved;
});

describe('the GitHub client', () => {
  it('spaces jobs one at a time, minTime apart (the write and notification limiters)', async () => {
    const spacer = new Spacer(60);
    const started = Date.now();
    const times: number[] = [];
    await Promise.all(
      [1, 2, 3].map(() => spacer.key().schedule({}, async () => times.push(Date.now() - started))),
    );
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(55);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(55);
  });

  it('talks to GITHUB_API_URL (GitHub Enterprise Server, or a test server)', async () => {
    const server = await GitHubServer.start();
    saved = process.env.GITHUB_API_URL;
    process.env.GITHUB_API_URL = `${server.url}/`;
    try {
      const octokit = createOctokit({ token: 'ghs_test', log: silentLogger, pace: 0 });
      const { data } = await octokit.rest.repos.get({ owner: 'octo', repo: 'security' });
      expect(data.full_name).toBe('octo/security');
      expect(server.requests).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it('gives up on a request that gets no answer (and retries it, as a connection failure)', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    let requests = 0;
    silent.on('request', () => requests++);
    try {
      const octokit = createOctokit({
        token: 'ghs_test',
        baseUrl: `http://127.0.0.1:${(silent.address() as AddressInfo).port}`,
        log: silentLogger,
        pace: 0,
        requestTimeoutMs: 100,
      });
      await expect(octokit.rest.repos.get({ owner: 'octo', repo: 'security' })).rejects.toMatchObject({
        status: 500,
      });
      expect(requests).toBe(4);
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });
});
