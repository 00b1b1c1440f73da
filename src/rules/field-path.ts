/**
 * Compiled accessors for dotted field names (`requestParameters.ipPermissions.items.cidrIp`).
 *
 * - A path goes through nested objects and through arrays at any level: every value it reaches counts, and an
 *   array at the end of the path contributes its items (flattened), not itself.
 * - Keys may themselves contain dots (some CloudTrail services log keys such as `x-amz-server-side-encryption` or
 *   `s3.bucket`): at each level the longest key that is present wins, so `a.b.c` looks for `a.b.c`, then `a.b`,
 *   then `a`, and goes on with what remains. records/fields.ts uses these accessors for display too.
 * - Field names are case-sensitive, as CloudTrail keys are. Only own properties count (a rule field `constructor`
 *   does not find Object.prototype.constructor); a property whose value is undefined counts as absent.
 *
 * Nothing is allocated per record: the key candidates are joined once here.
 */

type Predicate = (value: unknown) => boolean;

export interface FieldPath {
  readonly path: string;
  /** True when some value reached by the path (arrays flattened) satisfies the predicate. */
  some(record: unknown, predicate: Predicate): boolean;
  /** True when the path's last key is present somewhere (whatever its value: null, [] and {} included). */
  exists(record: unknown): boolean;
}

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * Keys that no Object.prototype member answers to: for these, `object[key] !== undefined` proves an own property
 * (records are plain JSON objects, where no value is undefined), which is cheaper than hasOwnProperty.
 */
function isSafeKey(key: string): boolean {
  return !(key in Object.prototype);
}

export function compileFieldPath(path: string): FieldPath {
  const parts = path.split('.');
  const n = parts.length;
  if (n === 1) return singleKey(path);

  // At part `at`, the keys to try (longest first) and the part each one leads to.
  const keysAt: string[][] = [];
  const nextAt: number[][] = [];
  const safeAt: boolean[][] = [];
  for (let at = 0; at < n; at++) {
    const keys: string[] = [];
    const nexts: number[] = [];
    for (let end = n; end > at; end--) {
      keys.push(parts.slice(at, end).join('.'));
      nexts.push(end);
    }
    keysAt.push(keys);
    nextAt.push(nexts);
    safeAt.push(keys.map(isSafeKey));
  }

  const someAt = (value: unknown, at: number, predicate: Predicate): boolean => {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) if (someAt(value[i], at, predicate)) return true;
      return false;
    }
    if (at === n) return predicate(value);
    if (value === null || typeof value !== 'object') return false;
    const keys = keysAt[at]!;
    const safe = safeAt[at]!;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const child = (value as Record<string, unknown>)[key];
      if (child === undefined ? false : safe[i] || hasOwn.call(value, key))
        return someAt(child, nextAt[at]![i]!, predicate);
    }
    return false;
  };

  const existsAt = (value: unknown, at: number): boolean => {
    if (at === n) return true;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) if (existsAt(value[i], at)) return true;
      return false;
    }
    if (value === null || typeof value !== 'object') return false;
    const keys = keysAt[at]!;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const child = (value as Record<string, unknown>)[key];
      if (child !== undefined && hasOwn.call(value, key)) return existsAt(child, nextAt[at]![i]!);
    }
    return false;
  };

  return {
    path,
    some: (record, predicate) => someAt(record, 0, predicate),
    exists: (record) => existsAt(record, 0),
  };
}

/** The common case (`eventName`, `errorCode`): one lookup, no recursion. */
function singleKey(key: string): FieldPath {
  const safe = isSafeKey(key);
  return {
    path: key,
    some(record, predicate) {
      if (record === null || typeof record !== 'object') return false;
      const value = (record as Record<string, unknown>)[key];
      if (value === undefined || (!safe && !hasOwn.call(record, key))) return false;
      if (Array.isArray(value)) return someFlat(value, predicate);
      return predicate(value);
    },
    exists(record) {
      return (
        record !== null &&
        typeof record === 'object' &&
        (record as Record<string, unknown>)[key] !== undefined &&
        hasOwn.call(record, key)
      );
    },
  };
}

function someFlat(values: unknown[], predicate: Predicate): boolean {
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (Array.isArray(value) ? someFlat(value, predicate) : predicate(value)) return true;
  }
  return false;
}

/** True when some scalar (string, number, boolean) anywhere inside `value` satisfies the predicate. */
export function someLeaf(value: unknown, predicate: (text: string) => boolean): boolean {
  if (typeof value === 'string') return predicate(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return predicate(String(value));
  }
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (someLeaf(value[i], predicate)) return true;
    return false;
  }
  for (const key in value) {
    if (hasOwn.call(value, key) && someLeaf((value as Record<string, unknown>)[key], predicate)) return true;
  }
  return false;
}
