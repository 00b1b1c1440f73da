import { createHash } from 'node:crypto';

/** What a default scope is derived from: the source and what it reads. */
export interface ScopeSource {
  source: string;
  bucket?: string;
  prefix?: string;
  accounts?: readonly string[];
  regions?: readonly string[];
  /** The role assumed: for lookup-events it is what says which account is read. */
  roleToAssume?: string;
}

/**
 * The default state scope: the source name and a hash of what it reads (order of lists ignored), e.g.
 * `s3-1f3a9c0e5b2d`. Two audits in one repository of different buckets, prefixes, accounts, regions or roles keep
 * apart histories; changing any of them starts a new history (set `state-scope` to keep one across such a change).
 * File paths are left out: the same account's logs are downloaded to a different folder each time.
 */
export function defaultStateScope(from: ScopeSource): string {
  const sorted = (list: readonly string[] | undefined) => [...(list ?? [])].sort();
  const parts = [
    `bucket=${from.bucket ?? ''}`,
    `prefix=${from.prefix ?? ''}`,
    `accounts=${sorted(from.accounts).join(',')}`,
    `regions=${sorted(from.regions).join(',')}`,
    `role=${from.roleToAssume ?? ''}`,
  ];
  const hash = createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 12);
  return `${from.source.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'source'}-${hash}`;
}

/**
 * Why a scope cannot be used, or undefined. Letters, digits and single `.`, `_` or `-` between them, at most 100
 * characters: it goes into cache keys (no commas, at most 512 characters) and file names, and the `--` that ends
 * a scope in a cache key must never occur inside one.
 */
export function stateScopeProblem(scope: string): string | undefined {
  if (scope.length > 100) return `'${scope.slice(0, 20)}…' is longer than 100 characters`;
  if (!/^[A-Za-z0-9]+(?:[._-][A-Za-z0-9]+)*$/.test(scope)) {
    return `'${scope}' is not letters and digits with single '.', '_' or '-' between them`;
  }
  return undefined;
}
