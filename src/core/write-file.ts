import { statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { UserError } from './errors.js';

/** Writes a report file, creating its folder; a failure names the file. */
export async function writeText(path: string, content: string): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
  } catch (err) {
    const { code, message } = err as NodeJS.ErrnoException;
    throw new UserError(`cannot write ${path}: ${code ?? message}`);
  }
}

/** Why a report cannot be written at `path` (a folder is there), checked before a scan; undefined when it can. */
export function outputPathProblem(path: string): string | undefined {
  try {
    if (statSync(path).isDirectory()) return `'${path}' is a folder: give the path of a file`;
  } catch {
    // Absent (the usual case) or not visible yet: writing it will say.
  }
  return undefined;
}
