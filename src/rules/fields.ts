import { derivedValues, isDerivedField } from './derived.js';
import { compileFieldPath, type FieldPath } from './field-path.js';
import { actorOf } from '../records/actor.js';

/** Compiled once per path name; rule files name a bounded set of fields. */
const paths = new Map<string, FieldPath>();

/**
 * A record field by dotted path, for display and grouping, walked as rules walk it (rules/field-path.ts: through
 * arrays, keys that contain dots). `actor` is the derived principal (see actor.ts), `derived.*` the derived fields
 * (rules/derived.ts). Several values are joined with ", "; objects are shown as JSON. Absent or null → undefined.
 */
export function fieldText(record: Record<string, unknown>, path: string): string | undefined {
  if (path === 'actor') return actorOf(record);
  if (isDerivedField(path)) {
    const values = derivedValues(record, path);
    return values.length === 0 ? undefined : values.join(', ');
  }
  let compiled = paths.get(path);
  if (!compiled) {
    compiled = compileFieldPath(path);
    paths.set(path, compiled);
  }
  const shown: string[] = [];
  compiled.some(record, (value) => {
    if (value !== undefined && value !== null)
      shown.push(typeof value === 'string' ? value : JSON.stringify(value));
    return false; // visit every value
  });
  return shown.length === 0 ? undefined : shown.join(', ');
}
