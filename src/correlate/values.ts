import { detach } from '../core/detach.js';
import { actorOf } from '../records/actor.js';
import { compileFieldPath, type FieldPath } from '../rules/field-path.js';

const paths = new Map<string, FieldPath>();
/** An event whose group-by fields hold long arrays joins at most this many groups. */
export const MAX_GROUPS_PER_EVENT = 64;

/**
 * Every value a field path reaches, one per array item, as text (the walk of rules/field-path.ts). A group-by
 * field that holds an array (`requestParameters.instancesSet.items.instanceId`) thus yields one value per
 * instance, and the event counts in each instance's group; records/fields.ts would join them into one string.
 */
export function fieldValues(record: Record<string, unknown>, path: string): string[] {
  if (path === 'actor') return [detach(actorOf(record))];
  let compiled = paths.get(path);
  if (!compiled) {
    compiled = compileFieldPath(path);
    paths.set(path, compiled);
  }
  const values = new Set<string>();
  compiled.some(record, (value) => {
    if (value !== undefined && value !== null)
      values.add(typeof value === 'string' ? detach(value) : JSON.stringify(value));
    return false;
  });
  return [...values];
}

/** The group keys an event belongs to: one per combination of its group-by values (absent → ''). */
export function groupKeys(record: Record<string, unknown>, fields: readonly string[]): string[][] {
  let keys: string[][] = [[]];
  for (const field of fields) {
    const values = fieldValues(record, field);
    const choices = values.length === 0 ? [''] : values;
    const next: string[][] = [];
    for (const key of keys) {
      for (const value of choices) {
        if (next.length >= MAX_GROUPS_PER_EVENT) break;
        next.push([...key, value]);
      }
    }
    keys = next;
  }
  return keys;
}
