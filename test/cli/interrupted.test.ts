/**
 * A scan stopped by Ctrl-C or a kill leaves no temporary files behind (the events that findings and analyzers keep
 * on disk, findings/spill.ts) and exits as the signal would.
 */
import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, tempDir } from '../helpers/run-process.js';
import { record } from '../sources/helpers.js';

const CLI = join(ROOT, 'dist/cli/index.js');

/** Secrets read over and over: the correlation keeps each read on disk as it comes. */
function secretReads(dir: string): string {
  const file = join(dir, 'app.jsonl');
  const lines: string[] = [];
  for (let i = 0; i < 150_000; i++)
    lines.push(
      JSON.stringify(
        record(i, {
          eventSource: 'secretsmanager.amazonaws.com',
          eventName: 'GetSecretValue',
          requestParameters: { secretId: `app/secret-${i % 2}` },
        }),
      ),
    );
  writeFileSync(file, lines.join('\n'));
  return file;
}

const spillDirs = (dir: string) => readdirSync(dir).filter((name) => name.startsWith('cloudtrail-audit-'));

describe('an interrupted scan', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('removes its temporary files on %s and exits %i', async (signal, code) => {
    const dir = tempDir();
    const tmp = join(dir, 'tmp');
    try {
      const logs = secretReads(dir);
      mkdirSync(tmp);
      const child = spawn(process.execPath, [CLI, 'scan', logs, '--quiet'], {
        env: { PATH: process.env.PATH ?? '', TMPDIR: tmp },
        stdio: 'ignore',
      });
      const exited = new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
      // Kill it once it has started keeping events on disk.
      const started = Date.now();
      while (spillDirs(tmp).length === 0 && child.exitCode === null && Date.now() - started < 60_000)
        await new Promise((resolve) => setTimeout(resolve, 10));
      expect(spillDirs(tmp).length).toBeGreaterThan(0);
      child.kill(signal);
      expect(await exited).toBe(code);
      expect(spillDirs(tmp)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
