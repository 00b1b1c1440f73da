/** The CLI run in-process with its output captured, for tests. */
import type { CliIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';

/** A CliIo that keeps what the CLI prints (`out`, `err`), not a terminal, at a fixed `now`. */
export function captureIo(now = '2024-08-03T00:00:00Z'): CliIo & { out: string; err: string } {
  const captured = {
    out: '',
    err: '',
    isTTY: false,
    now: () => Date.parse(now),
    stdout: (t: string) => void (captured.out += t),
    stderr: (t: string) => void (captured.err += t),
  };
  return captured;
}

/** Runs the CLI with `argv`: its exit code and what it printed. */
export async function runCli(argv: string[], now?: string) {
  const io = captureIo(now);
  const code = await main(argv, io);
  return { code, stdout: io.out, stderr: io.err };
}
