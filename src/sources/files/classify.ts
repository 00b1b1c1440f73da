/**
 * What a top-level JSON object is, from its top-level keys alone (the splitter collects them, so nothing is
 * parsed): a CloudTrail record (a line of JSON Lines), a CloudTrail digest, or something else. And the record
 * inside one `aws cloudtrail lookup-events` element.
 */

export type ObjectKind = { kind: 'record' } | { kind: 'digest' } | { kind: 'other'; message: string };

const RECORD_KEYS = ['eventName', 'eventTime', 'eventVersion'];
const DIGEST_KEYS = ['digestStartTime', 'logFiles'];
/** Keys listed in a "not CloudTrail" message. */
const KEYS_SHOWN = 8;

export function classifyObject(keys: readonly string[]): ObjectKind {
  if (RECORD_KEYS.some((key) => keys.includes(key))) return { kind: 'record' };
  if (DIGEST_KEYS.some((key) => keys.includes(key))) return { kind: 'digest' };
  // With a Records or Events array, the splitter would have taken the object as a container.
  for (const container of ['Records', 'Events']) {
    if (keys.includes(container)) {
      return { kind: 'other', message: `not CloudTrail: top-level "${container}" is not an array` };
    }
  }
  return {
    kind: 'other',
    message: `not CloudTrail: top-level object has neither Records nor Events nor eventName (${describeKeys(keys)})`,
  };
}

function describeKeys(keys: readonly string[]): string {
  if (keys.length === 0) return 'no keys';
  const shown = keys.slice(0, KEYS_SHOWN).map((key) => (key.length > 40 ? `${key.slice(0, 40)}…` : key));
  return `keys: ${shown.join(', ')}${keys.length > KEYS_SHOWN ? ', …' : ''}`;
}

/**
 * The record text inside one element of a lookup-events `Events` array: its `CloudTrailEvent` string (the
 * record as JSON text, as the API returns it). An element that is not such an object → a message.
 */
export function lookupEventRecord(elementText: string): { text: string } | { message: string } {
  let element: unknown;
  try {
    element = JSON.parse(elementText);
  } catch (err) {
    return { message: `invalid JSON in a lookup-events element: ${(err as Error).message}` };
  }
  if (element === null || typeof element !== 'object' || Array.isArray(element)) {
    return { message: 'not a lookup-events element: not an object' };
  }
  const text = (element as { CloudTrailEvent?: unknown }).CloudTrailEvent;
  if (typeof text !== 'string') {
    const has = Object.hasOwn(element, 'CloudTrailEvent');
    return {
      message: has
        ? 'not a lookup-events element: CloudTrailEvent is not a string'
        : 'not a lookup-events element: no CloudTrailEvent',
    };
  }
  return { text };
}
