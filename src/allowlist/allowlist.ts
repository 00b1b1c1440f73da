import ipaddr from 'ipaddr.js';
import { readFile } from 'node:fs/promises';
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { UsageError } from '../core/errors.js';
import type { Finding, FindingEvent, Suppression } from '../core/finding.js';
import { actorOf } from '../records/actor.js';
import type { CloudTrailRecord } from '../core/record.js';
import { closest } from '../core/did-you-mean.js';
import { makesFindings, type Rule } from '../rules/model.js';
import { globToRegExp } from './glob.js';

/**
 * The allowlist: known-good activity that rules would otherwise report (CI roles, AWS services, admin roles).
 * An entry applies to a match of a single-event rule when its rules include the rule and every condition it names
 * holds for the record (a list of values is any-of); to a correlation or first-seen finding when its rules include
 * that rule and its conditions hold for every event of the finding. Suppressed matches and findings are kept and
 * reported as suppressed, never dropped.
 */
export interface AllowlistEntry {
  /** `file:line` of the entry, for messages and the findings file. */
  where: string;
  reason: string;
  expires?: string;
  /** Rule ids the entry applies to, or null for every rule (`*`). */
  rules: Set<string> | null;
  test: (subject: Subject) => boolean;
}

/**
 * What an entry's conditions look at, taken from a record or from a finding's event (which keeps the same fields):
 * the actor (and, for an assumed role, its session ARN), user agent, address, account, Region and invokedBy.
 */
export interface Subject {
  actor: string;
  /** `userIdentity.arn` when it differs from the actor (an assumed role's session ARN). */
  sessionArn?: string;
  userAgent: unknown;
  sourceIPAddress: unknown;
  account: unknown;
  region: unknown;
  invokedBy: unknown;
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
    const tests: ((s: Subject) => boolean)[] = [];
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
      test: (subject) => tests.every((t) => t(subject)),
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

/** The first entry that suppresses this match of a single-event rule, if any. */
export function suppressingEntry(
  allowlist: Allowlist,
  ruleId: string,
  record: CloudTrailRecord,
): AllowlistEntry | undefined {
  const subject = recordSubject(record);
  return entriesFor(allowlist, ruleId).find((e) => e.test(subject));
}

/**
 * The suppression of a finding made of several records (a correlation or first-seen finding): the first entry that
 * names its rule (or every rule) and whose conditions hold for every one of its events.
 */
export function findingSuppression(allowlist: Allowlist, finding: Finding): Suppression | undefined {
  const subjects = finding.events.map(eventSubject);
  const entry = entriesFor(allowlist, finding.ruleId).find((e) => subjects.every((s) => e.test(s)));
  return entry ? { kind: 'allowlist', reason: entry.reason, entry: entry.where } : undefined;
}

/** Findings of several records split into those reported and those the allowlist suppresses. */
export function applyToFindings(
  allowlist: Allowlist | undefined,
  findings: Finding[],
): { findings: Finding[]; suppressed: Finding[] } {
  if (!allowlist || allowlist.entries.length === 0) return { findings, suppressed: [] };
  const out = { findings: [] as Finding[], suppressed: [] as Finding[] };
  for (const finding of findings) {
    const suppression = findingSuppression(allowlist, finding);
    if (suppression) out.suppressed.push({ ...finding, suppression });
    else out.findings.push(finding);
  }
  return out;
}

function entriesFor(allowlist: Allowlist, ruleId: string): AllowlistEntry[] {
  const id = ruleId.toLowerCase();
  return allowlist.entries.filter((e) => e.rules === null || e.rules.has(id));
}

function recordSubject(r: CloudTrailRecord): Subject {
  const identity = (r.userIdentity ?? {}) as { arn?: unknown; invokedBy?: unknown };
  const actor = actorOf(r);
  return {
    actor,
    ...(typeof identity.arn === 'string' && identity.arn !== actor ? { sessionArn: identity.arn } : {}),
    userAgent: r.userAgent,
    sourceIPAddress: r.sourceIPAddress,
    account: r.recipientAccountId,
    region: r.awsRegion,
    invokedBy: identity.invokedBy,
  };
}

/**
 * An event as findings list it has what a record gives the conditions: the actor, and (records/actor.ts) for an
 * assumed role `arn:P:iam::A:role/PATH/NAME/SESSION`, whose session ARN is `arn:P:sts::A:assumed-role/NAME/SESSION`.
 */
function eventSubject(e: FindingEvent): Subject {
  const role = /^arn:([^:]+):iam::(\d{12}):role\/(?:.*\/)?([^/]+)\/([^/]+)$/.exec(e.actor);
  return {
    actor: e.actor,
    ...(role ? { sessionArn: `arn:${role[1]}:sts::${role[2]}:assumed-role/${role[3]}/${role[4]}` } : {}),
    userAgent: e.userAgent,
    sourceIPAddress: e.sourceIPAddress,
    account: e.recipientAccountId,
    region: e.awsRegion,
    invokedBy: e.invokedBy,
  };
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
): (s: Subject) => boolean {
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
      return (s) => {
        const ip = typeof s.sourceIPAddress === 'string' ? s.sourceIPAddress : '';
        if (!ipaddr.isValid(ip)) return false;
        let address = ipaddr.parse(ip);
        if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()) {
          address = (address as ipaddr.IPv6).toIPv4Address();
        }
        return ranges.some(([net, bits]) => net.kind() === address.kind() && address.match(net, bits));
      };
    }
    case 'account':
      return (s) => values.includes(String(s.account ?? ''));
    default: {
      const patterns = values.map(globToRegExp);
      const matches = (value: unknown) => typeof value === 'string' && patterns.some((p) => p.test(value));
      if (condition === 'region') return (s) => matches(s.region);
      if (condition === 'userAgent') return (s) => matches(s.userAgent);
      if (condition === 'invokedBy') return (s) => matches(s.invokedBy);
      // Either the normalised actor (role ARN + session) or the raw session ARN (arn:aws:sts::...:assumed-role/...).
      return (s) => matches(s.actor) || matches(s.sessionArn);
    }
  }
}

/**
 * Checks that every rule an entry names is a rule of this run that can make findings: a typo, a rule that only
 * feeds correlations, or a Sigma UUID instead of the rule id would otherwise suppress nothing, silently.
 * `known`: every rule loaded, before exclusions and the minimum severity (an entry for an excluded rule is fine).
 */
export function checkAllowlistRules(allowlist: Allowlist, known: readonly Rule[]): void {
  const byId = new Map(known.map((r) => [r.ruleId.toLowerCase(), r]));
  const ids = known.map((r) => r.ruleId);
  // Expired entries no longer apply: one naming a rule that has since gone away is left alone.
  for (const entry of allowlist.entries) {
    for (const id of entry.rules ?? []) {
      const rule = byId.get(id);
      if (rule && (rule.kind !== 'event' || makesFindings(rule))) continue;
      const fail = (message: string): never => {
        throw new UsageError(`allowlist ${entry.where}: ${message}`);
      };
      if (rule) {
        const feeds = known.filter(
          (c) => c.kind === 'correlation' && c.rules.some((r) => r === rule.ruleId || r === rule.uuid),
        );
        fail(
          `rule '${rule.ruleId}' makes no findings of its own: it only feeds ` +
            (feeds.length
              ? `the correlation${feeds.length > 1 ? 's' : ''} ${feeds.map((c) => `'${c.ruleId}'`).join(', ')}; name ${feeds.length > 1 ? 'one of those' : 'that'} instead`
              : 'correlations'),
        );
      }
      const byUuid = known.find((r) => r.uuid?.toLowerCase() === id);
      if (byUuid) fail(`'${id}' is the Sigma id of rule '${byUuid.ruleId}': name rules by their rule id`);
      const guess = closest(id, ids);
      fail(
        `no rule has the id '${id}'${guess ? ` (did you mean '${guess}'?)` : ''}; ` +
          "`cloudtrail-audit rules list` lists the rules' ids",
      );
    }
  }
}
