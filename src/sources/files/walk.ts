/**
 * Turns the paths a user gave into the files to read, in a deterministic order: folders are walked recursively,
 * entries sorted by name (UTF-16 code unit order, independent of the locale).
 *
 * In a folder walk, only names ending in .json, .jsonl, .ndjson or .gz (any case; .json.gz included) are read,
 * and hidden entries (a leading dot) are left out; other files (README, NOTICE, .DS_Store...) are ignored
 * silently. A path given explicitly is always read, whatever its name. Files under a `CloudTrail-Digest` or
 * `CloudTrail-Insight` folder (the S3 layout `AWSLogs/[o-org/]ACCOUNT/CloudTrail-Digest/...`) hold no API
 * events: they are listed as skipped, and never opened.
 *
 * Memory: one directory listing per level of the folder being walked; nothing is kept per file.
 */
import { opendir, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { SourceReporter } from '../../core/source.js';
import { describeFsError, isAbortError } from './decompress.js';

export interface WalkEntry {
  file: string;
  /** Set when the file is not to be read as events: the reason to report with fileSkipped. */
  skip?: string;
}

const EVENT_FILE = /\.(?:json|jsonl|ndjson|gz)$/i;

export const DIGEST_REASON = 'CloudTrail digest file';
export const INSIGHTS_REASON = 'CloudTrail Insights file';

/** Why files under a folder of this name are skipped, if they are. */
export function skippedFolderReason(name: string): string | undefined {
  const lower = name.toLowerCase();
  if (lower === 'cloudtrail-digest') return DIGEST_REASON;
  if (lower === 'cloudtrail-insight') return INSIGHTS_REASON;
  return undefined;
}

/** Whether a folder walk reads a file of this name. */
export function isEventFileName(name: string): boolean {
  return !name.startsWith('.') && EVENT_FILE.test(name);
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `dev:ino` of a folder, to stop at a symbolic link back to one of its ancestors. */
function identity(stats: Stats): string {
  return `${stats.dev}:${stats.ino}`;
}

/**
 * The files to read (or to report as skipped), in order. Paths that do not exist or cannot be listed are
 * reported as errors and the walk goes on.
 */
export async function* walkPaths(
  paths: readonly string[],
  reporter: SourceReporter,
  signal?: AbortSignal,
): AsyncGenerator<WalkEntry> {
  for (const path of paths) {
    if (signal?.aborted) return;
    let stats: Stats;
    try {
      stats = await stat(path);
    } catch (err) {
      reporter.error({ file: path }, `cannot read: ${describeFsError(err)}`);
      continue;
    }
    if (stats.isDirectory()) {
      // A folder given inside a digest or Insights tree (AWSLogs/123/CloudTrail-Digest/us-east-1) is one too.
      const skip = resolve(path)
        .split(sep)
        .map(skippedFolderReason)
        .find((reason) => reason !== undefined);
      let found = 0;
      for await (const entry of walkFolder(path, skip, [identity(stats)], reporter, signal)) {
        found++;
        yield entry;
      }
      // A folder with nothing to read is most often the wrong folder: named, not passed over.
      if (found === 0 && !signal?.aborted) {
        reporter.error(
          { file: path },
          'no CloudTrail log file in this folder (a folder walk reads the files named *.json, *.jsonl, *.ndjson ' +
            'or *.gz)',
        );
      }
    } else {
      // Any other kind (a regular file, a pipe such as <(zcat ...), a device): read it as asked.
      yield { file: path };
    }
  }
}

async function* walkFolder(
  folder: string,
  skip: string | undefined,
  ancestors: string[],
  reporter: SourceReporter,
  signal: AbortSignal | undefined,
): AsyncGenerator<WalkEntry> {
  const names: { name: string; isDirectory: boolean; isFile: boolean }[] = [];
  try {
    for await (const entry of await opendir(folder)) {
      if (entry.name.startsWith('.')) continue;
      names.push({ name: entry.name, isDirectory: entry.isDirectory(), isFile: entry.isFile() });
    }
  } catch (err) {
    if (isAbortError(err)) return;
    reporter.error({ file: folder }, `cannot read: ${describeFsError(err)}`);
    return;
  }
  names.sort((a, b) => compareNames(a.name, b.name));

  for (const entry of names) {
    if (signal?.aborted) return;
    const path = join(folder, entry.name);
    if (entry.isFile) {
      if (isEventFileName(entry.name)) yield skip ? { file: path, skip } : { file: path };
      continue;
    }
    // A folder, or a symbolic link (or an entry of unknown type) to follow.
    let stats: Stats;
    try {
      stats = await stat(path);
    } catch (err) {
      // A dangling link: an error only if it would have been read.
      if (entry.isDirectory || isEventFileName(entry.name)) {
        reporter.error({ file: path }, `cannot read: ${describeFsError(err)}`);
      }
      continue;
    }
    if (stats.isDirectory()) {
      const id = identity(stats);
      if (ancestors.includes(id)) continue; // a link back up the tree, already being walked
      yield* walkFolder(path, skip ?? skippedFolderReason(entry.name), [...ancestors, id], reporter, signal);
    } else if (isEventFileName(entry.name)) {
      yield skip ? { file: path, skip } : { file: path };
    }
  }
}
