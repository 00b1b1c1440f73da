/**
 * Sigma placeholders: a value `%name%` under the `expand` modifier stands for a list of values that the rule set is
 * given when it is loaded (the CLI's `--org-accounts`, the action's `org-accounts`), as pySigma's placeholder
 * transformations fill them. `requestParameters.accountId|expand: '%org_accounts%'` becomes
 * `requestParameters.accountId: [<each account>]`; a value with text around the placeholder expands to one value per
 * filling (`'arn:aws:iam::%org_accounts%:root'`).
 *
 * A placeholder that is known but not given expands to no values: the item then matches nothing (and with `neq`,
 * everything), which each rule that uses one documents. An unknown placeholder name is a rule problem, with a
 * did-you-mean. The expansion happens when the rule is parsed, on the rule's stored detection, so the in-process
 * matcher and the SQL compiler see the same values.
 */
import { closest } from '../core/did-you-mean.js';

/** Placeholder name → its values, for one rule set. */
export type Placeholders = Readonly<Record<string, readonly string[]>>;

/** The placeholders a rule may use, with what fills them (for messages and docs/rule-writing.md). */
export const KNOWN_PLACEHOLDERS: Readonly<Record<string, string>> = {
  org_accounts:
    'the account ids of your AWS Organization (CLI --org-accounts, action input org-accounts); derived.policy.outsideAccounts leaves them out too',
  github_oidc_subjects:
    "the subjects (sub claims, with Sigma's wildcards '*' and '?') of GitHub Actions workflows allowed to assume roles through GitHub's OIDC provider (CLI --github-oidc-subjects, action input github-oidc-subjects); derived.githubOidc.subjectNotAllowed uses them",
};

const PLACEHOLDER = /%([A-Za-z0-9_.-]+)%/g;
/** More values than this from one item is a mistake (a product of several long lists), not a rule. */
const MAX_VALUES = 10_000;

/** The detection with every `expand` item's placeholders replaced by their values, or the problems found. */
export function expandPlaceholders(
  detection: Record<string, unknown>,
  placeholders: Placeholders,
): { detection: Record<string, unknown> } | { problems: string[] } {
  const problems: string[] = [];
  const expandMap = (map: Record<string, unknown>): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(map)) {
      const modifiers = key.split('|').slice(1);
      if (!modifiers.some((m) => m.toLowerCase() === 'expand')) {
        out[key] = value;
        continue;
      }
      const values: unknown[] = [];
      for (const item of Array.isArray(value) ? value : [value]) {
        if (typeof item !== 'string') values.push(item);
        else values.push(...expandValue(item, placeholders, key, problems));
      }
      if (values.length > MAX_VALUES)
        problems.push(`'${key}' expands to ${values.length} values (at most ${MAX_VALUES})`);
      out[key] = values;
    }
    return out;
  };
  const isMap = (value: unknown): value is Record<string, unknown> =>
    value !== null && typeof value === 'object' && !Array.isArray(value);
  const expanded: Record<string, unknown> = {};
  for (const [name, selection] of Object.entries(detection)) {
    if (name === 'condition' || name === 'timeframe') expanded[name] = selection;
    else if (isMap(selection)) expanded[name] = expandMap(selection);
    else if (Array.isArray(selection))
      expanded[name] = selection.map((item) => (isMap(item) ? expandMap(item) : item));
    else expanded[name] = selection;
  }
  return problems.length > 0 ? { problems: [...new Set(problems)] } : { detection: expanded };
}

/** One value → every filling of its placeholders (the product when it holds several). */
function expandValue(value: string, placeholders: Placeholders, key: string, problems: string[]): string[] {
  let results = [''];
  let last = 0;
  for (const match of value.matchAll(PLACEHOLDER)) {
    const name = match[1]!;
    if (!(name in KNOWN_PLACEHOLDERS)) {
      const close = closest(name, Object.keys(KNOWN_PLACEHOLDERS));
      problems.push(
        `'${key}': unknown placeholder '%${name}%' (known: ${Object.keys(KNOWN_PLACEHOLDERS)
          .map((n) => `%${n}%`)
          .join(', ')})${close ? `; did you mean '%${close}%'?` : ''}`,
      );
      return [];
    }
    const prefix = value.slice(last, match.index);
    const fillings = placeholders[name] ?? [];
    const next: string[] = [];
    for (const start of results) {
      for (const filling of fillings) {
        next.push(start + prefix + filling);
        if (next.length > MAX_VALUES) return next;
      }
    }
    results = next;
    last = match.index + match[0].length;
  }
  return results.map((start) => start + value.slice(last));
}

/** Whether a value still holds a `%name%` placeholder (it was never expanded). */
export function unexpandedPlaceholder(value: string): string | undefined {
  const match = /%[A-Za-z0-9_.-]+%/.exec(value);
  return match ? match[0] : undefined;
}
