import { actorOf } from './actor.js';

/**
 * A record field by dotted path, for display and grouping (matching has its own compiled accessors in rules/).
 * `actor` is the derived principal (see actor.ts). Arrays along the path are flattened; several values are joined
 * with ", "; objects are shown as JSON. Absent → undefined.
 */
export function fieldText(record: Record<string, unknown>, path: string): string | undefined {
  if (path === 'actor') return actorOf(record);
  const values: unknown[] = [];
  collect(record, path.split('.'), 0, values);
  const shown = values.filter((v) => v !== undefined && v !== null).map(show);
  return shown.length === 0 ? undefined : shown.join(', ');
}

function collect(value: unknown, parts: string[], at: number, out: unknown[]): void {
  if (Array.isArray(value)) {
    for (const item of value) collect(item, parts, at, out);
    return;
  }
  if (at === parts.length) {
    out.push(value);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const object = value as Record<string, unknown>;
  // Keys may themselves contain dots: prefer the longest key that matches the rest of the path.
  for (let end = parts.length; end > at; end--) {
    const key = end === at + 1 ? parts[at]! : parts.slice(at, end).join('.');
    if (key in object) {
      collect(object[key], parts, end, out);
      return;
    }
  }
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
