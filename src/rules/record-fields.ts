/**
 * The CloudTrail record schema rules are written against, to catch field names that can never match: field names
 * are case-sensitive (`eventname` is not `eventName`), and a field CloudTrail does not have (SigmaHQ's
 * `status: success`) leaves a selection that is always false, so the rule loads and never fires. Only what the
 * CloudTrail record contents reference fixes is checked: the top-level fields and the `userIdentity` element;
 * what lies under `requestParameters`, `responseElements` and the other service-defined elements is free.
 */
import { DERIVED_FIELDS, isDerivedField } from './derived.js';
import { parseItemKey } from './detection-item.js';
import { closest } from '../core/did-you-mean.js';

/** Top-level fields of a CloudTrail record (the CloudTrail record contents reference). */
export const RECORD_FIELDS: ReadonlySet<string> = new Set([
  'eventVersion',
  'userIdentity',
  'eventTime',
  'eventSource',
  'eventName',
  'awsRegion',
  'sourceIPAddress',
  'userAgent',
  'errorCode',
  'errorMessage',
  'requestParameters',
  'responseElements',
  'additionalEventData',
  'requestID',
  'eventID',
  'readOnly',
  'resources',
  'eventType',
  'apiVersion',
  'managementEvent',
  'recipientAccountId',
  'serviceEventDetails',
  'sharedEventID',
  'vpcEndpointId',
  'vpcEndpointAccountId',
  'eventCategory',
  'addendum',
  'sessionCredentialFromConsole',
  'edgeDeviceDetails',
  'tlsDetails',
]);

/** The fixed parts of the `userIdentity` element, by path (the CloudTrail userIdentity element reference). */
const NESTED_FIELDS: Readonly<Record<string, readonly string[]>> = {
  userIdentity: [
    'type',
    'principalId',
    'arn',
    'accountId',
    'accessKeyId',
    'userName',
    'sessionContext',
    'invokedBy',
    'identityProvider',
    'credentialId',
    'onBehalfOf',
    'inScopeOf',
  ],
  'userIdentity.sessionContext': [
    'sessionIssuer',
    'webIdFederationData',
    'attributes',
    'sourceIdentity',
    'ec2RoleDelivery',
    'ec2IssuedInVPC',
    'assumedRoot',
  ],
  'userIdentity.sessionContext.sessionIssuer': ['type', 'principalId', 'arn', 'accountId', 'userName'],
  'userIdentity.sessionContext.attributes': ['creationDate', 'mfaAuthenticated'],
};

/** `actor`: the principal the findings builder derives (records/actor.ts), usable where fields are shown. */
const DISPLAY_PSEUDO_FIELDS = ['actor'];

/**
 * Why `field` names nothing a CloudTrail record has, with the name it was probably meant to be; undefined when it
 * may exist. `display`: a `fields` or `group-by` entry, where `actor` is also known.
 */
export function unknownFieldProblem(field: string, use: 'detection' | 'display'): string | undefined {
  if (isDerivedField(field)) return undefined; // checked where derived fields are compiled (derived.ts)
  if (use === 'display' && DISPLAY_PSEUDO_FIELDS.includes(field)) return undefined;
  const parts = field.split('.');
  let path = parts[0]!;
  let known: readonly string[] = [...RECORD_FIELDS];
  for (let i = 0; ; i++) {
    const name = parts[i]!;
    if (!known.includes(name)) {
      const prefix = parts.slice(0, i).join('.');
      const choices =
        i === 0
          ? [...known, ...DERIVED_FIELDS, ...(use === 'display' ? DISPLAY_PSEUDO_FIELDS : [])]
          : known.map((k) => `${prefix}.${k}`);
      const close =
        (i === 0
          ? DERIVED_FIELDS.find((d) => d.toLowerCase() === `derived.${name.toLowerCase()}`)
          : undefined) ?? closest(i === 0 ? name : `${prefix}.${name}`, choices);
      const what = i === 0 ? 'a CloudTrail record field' : `a field of ${prefix}`;
      return `'${field}' is not ${what}${close ? `; did you mean '${close}'?` : ''} (field names are case-sensitive)`;
    }
    const nested = NESTED_FIELDS[path];
    if (!nested || i + 1 >= parts.length) return undefined;
    known = nested;
    path = `${path}.${parts[i + 1]}`;
  }
}

/** Field names in a rule that no CloudTrail record has: each makes a selection (or a shown field) always empty. */
export function unknownFieldWarnings(rule: {
  detection: Record<string, unknown>;
  fields: readonly string[];
  groupBy: readonly string[];
  firstSeen?: unknown;
}): string[] {
  const warnings = new Map<string, string>();
  const check = (field: string, use: 'detection' | 'display', where: string) => {
    const problem = unknownFieldProblem(field, use);
    const effect = use === 'detection' ? 'this part of the detection never matches' : 'it is always empty';
    if (problem && !warnings.has(field)) warnings.set(field, `${where}: ${problem}: ${effect}`);
  };
  for (const [name, selection] of Object.entries(rule.detection)) {
    if (name === 'condition' || name === 'timeframe') continue;
    const maps = (Array.isArray(selection) ? selection : [selection]).filter(
      (item): item is Record<string, unknown> =>
        item !== null && typeof item === 'object' && !Array.isArray(item),
    );
    for (const map of maps) {
      for (const [key, value] of Object.entries(map)) {
        const { field, modifiers } = parseItemKey(key);
        if (field === '') continue;
        const where = `selection '${name}'`;
        check(field, 'detection', where);
        if (modifiers.includes('fieldref')) {
          for (const ref of Array.isArray(value) ? value : [value]) {
            if (typeof ref === 'string') check(ref, 'detection', `${where}, fieldref`);
          }
        }
      }
    }
  }
  for (const field of rule.fields) check(field, 'display', "'fields'");
  if (!rule.firstSeen) for (const field of rule.groupBy) check(field, 'display', "'group-by'");
  return [...warnings.values()];
}
