import ipaddr from 'ipaddr.js';
import { readFile } from 'node:fs/promises';
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { UsageError } from '../core/errors.js';
import { actorOf } from '../records/actor.js';
import type { CloudTrailRecord } from '../core/record.js';
import { globToRegExp } from './glob.js';

/**
 * The allowlist: known-good activity that rules would otherwise report (CI roles, AWS services, admin roles).
 * An entry applies to a match when its rules include the rule and every condition it names holds (a list of
 * values is any-of). Suppressed matches are kept and reported as suppressed, never dropped.
 */
export interface AllowlistEntry {
  /** `file:line` of the entry, for messages and the findings file. */
  where: string;
  reason: string;
  expires?: string;
  /** Rule ids the entry applies to, or null for every rule (`*`). */
  rules: Set<string> | null;
  test: (record: CloudTrailRecord) => boolean;
}

export interface Allowlist {
  entries: AllowlistEntry[];
  /** Entries past their `expires` date: not applied, reported. */
  expired: AllowlistEntry[];
}

const CONDITIONS = ['actor', 'userAgent', 'sourceIPAddress', 'account', 'region', 'invokedBy'] as const;
type Condition = (typeof CONDITIONS)[number];
const KEYS = new Set<string>(['rules', 'reason', 'expires', ...CONDITIONS]);

export async function loadAllowlist(file: string, now: number): Promise<Allowlist> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(`allowlist ${file}: cannot read it (${(err as NodeJS.ErrnoException).code ?? err})`);
  }
  return parseAllowlist(text, file, now);
}

export function parseAllowlist(text: string, file: string, now: number): Allowlist {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const at = (node: Node | null | undefined) =>
    node?.range ? `${file}:${lines.linePos(node.range[0]).line}` : `${file}`;
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    throw new UsageError(
      `allowlist ${file}:${lines.linePos(e.pos[0]).line}: invalid YAML: ${e.message.split('\n')[0]}`,
    );
  }
  const root = doc.contents;
  const list = isMap(root) ? root.get('entries', true) : root;
  if (!isSeq(list)) {
    throw new UsageError(
      `allowlist ${at(root as Node)}: expected a list of entries (or a map with 'entries:')`,
    );
  }
  const allowlist: Allowlist = { entries: [], expired: [] };
  for (const item of list.items) {
    const where = at(item as Node);
    const fail = (message: string): never => {
      throw new UsageError(`allowlist ${where}: ${message}`);
    };
    if (!isMap(item)) fail('an entry must be a map with rules, conditions and a reason');
    const entry = (item as { toJSON(): unknown }).toJSON() as Record<string, unknown>;
    for (const key of Object.keys(entry)) {
      if (!KEYS.has(key)) fail(`unknown key '${key}' (known: ${[...KEYS].join(', ')})`);
    }
    if (typeof entry.reason !== 'string' || entry.reason.trim() === '') {
      fail("'reason' is mandatory: say why this activity is expected");
    }
    const rules = stringList(entry.rules ?? '*', 'rules', fail);
    const tests: ((r: CloudTrailRecord) => boolean)[] = [];
    for (const condition of CONDITIONS) {
      if (entry[condition] === undefined) continue;
      tests.push(conditionTest(condition, stringList(entry[condition], condition, fail), fail));
    }
    const allRules = rules.includes('*');
    if (allRules && tests.length === 0) fail("an entry for every rule ('*') needs at least one condition");
    let expires: string | undefined;
    if (entry.expires !== undefined) {
      expires = String(
        entry.expires instanceof Date ? entry.expires.toISOString().slice(0, 10) : entry.expires,
      );
      if (!/^\d{4}-\d{2}-\d{2}/.test(expires) || Number.isNaN(Date.parse(expires))) {
        fail(`'expires' must be a date such as 2027-01-31, not '${expires}'`);
      }
    }
    const compiled: AllowlistEntry = {
      where,
      reason: (entry.reason as string).trim(),
      expires,
      rules: allRules ? null : new Set(rules.map((r) => r.toLowerCase())),
      test: (record) => tests.every((t) => t(record)),
    };
    // An entry expires at the end of its `expires` day (UTC) when only a date is given.
    const end = /^\d{4}-\d{2}-\d{2}$/.test(expires ?? '')
      ? Date.parse(`${expires}T23:59:59.999Z`)
      : Date.parse(expires ?? '');
    if (expires !== undefined && end < now) allowlist.expired.push(compiled);
    else allowlist.entries.push(compiled);
  }
  return allowlist;
}

/** The first entry that suppresses this match, if any. */
export function suppressingEntry(
  allowlist: Allowlist,
  ruleId: string,
  record: CloudTrailRecord,
): AllowlistEntry | undefined {
  const id = ruleId.toLowerCase();
  return allowlist.entries.find((e) => (e.rules === null || e.rules.has(id)) && e.test(record));
}

function stringList(value: unknown, key: string, fail: (m: string) => never): string[] {
  const values = Array.isArray(value) ? value : [value];
  if (values.length === 0) fail(`'${key}' must not be empty`);
  return values.map((v) => {
    if (typeof v === 'number' && key === 'account') return String(v).padStart(12, '0');
    if (typeof v !== 'string' || v === '') fail(`'${key}' values must be non-empty strings`);
    return v as string;
  });
}

function conditionTest(
  condition: Condition,
  values: string[],
  fail: (m: string) => never,
): (r: CloudTrailRecord) => boolean {
  switch (condition) {
    case 'sourceIPAddress': {
      const ranges = values.map((v) => {
        try {
          return v.includes('/')
            ? ipaddr.parseCIDR(v)
            : ipaddr.parseCIDR(`${v}/${ipaddr.parse(v).kind() === 'ipv4' ? 32 : 128}`);
        } catch {
          return fail(`sourceIPAddress '${v}' is not an IP address or CIDR range`);
        }
      });
      return (r) => {
        const ip = typeof r.sourceIPAddress === 'string' ? r.sourceIPAddress : '';
        if (!ipaddr.isValid(ip)) return false;
        let address = ipaddr.parse(ip);
        if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()) {
          address = (address as ipaddr.IPv6).toIPv4Address();
        }
        return ranges.some(([net, bits]) => net.kind() === address.kind() && address.match(net, bits));
      };
    }
    case 'account':
      return (r) => values.includes(String(r.recipientAccountId ?? ''));
    default: {
      const patterns = values.map(globToRegExp);
      const matches = (value: unknown) => typeof value === 'string' && patterns.some((p) => p.test(value));
      const identity = (r: CloudTrailRecord) =>
        (r.userIdentity ?? {}) as { arn?: unknown; invokedBy?: unknown };
      if (condition === 'region') return (r) => matches(r.awsRegion);
      if (condition === 'userAgent') return (r) => matches(r.userAgent);
      if (condition === 'invokedBy') return (r) => matches(identity(r).invokedBy);
      // Either the normalised actor (role ARN + session) or the raw session ARN (arn:aws:sts::...:assumed-role/...).
      return (r) => matches(actorOf(r)) || matches(identity(r).arn);
    }
  }
}
