import type { Logger } from '../core/logger.js';
import { ActionsCacheStateStore } from './actions-cache-store.js';
import { FileStateStore } from './file-store.js';
import type { StateStore } from './store.js';

export { ActionsCacheStateStore, stateCacheKey, stateCacheKeyPrefix } from './actions-cache-store.js';
export {
  DEFAULT_MAX_STATE_BYTES,
  decodeState,
  encodeState,
  newStateDocument,
  STATE_VERSION,
  type DecodedState,
  type EncodedState,
  type StateDocument,
} from './document.js';
export { FileStateStore } from './file-store.js';
export { defaultStateScope, stateScopeProblem, type ScopeSource } from './scope.js';
export type { StateStore } from './store.js';

export const STATE_KINDS = ['actions-cache', 'file', 'none'] as const;
export type StateKind = (typeof STATE_KINDS)[number];

/** Where the history lives between runs (the action's `state`, `state-file`, `state-scope`; the CLI's --state-file). */
export interface StateOptions {
  kind: StateKind;
  /** For `file`. */
  file?: string;
  /** Keeps apart the histories of different audits; checked against the saved document on load. */
  scope: string;
}

/** The store for these options; undefined for `none` (no history is read or kept). */
export function createStateStore(
  options: StateOptions,
  log: Logger,
  env: NodeJS.ProcessEnv = process.env,
): StateStore | undefined {
  switch (options.kind) {
    case 'none':
      return undefined;
    case 'file':
      if (!options.file) throw new Error("state: 'file' needs a file path");
      return new FileStateStore(options.file, log);
    case 'actions-cache':
      return new ActionsCacheStateStore(options.scope, log, env);
  }
}
