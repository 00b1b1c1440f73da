import { visible } from './markdown.js';

/**
 * CloudTrail text for a plain-text field a person reads (a SARIF message, a timeline's `message`): control,
 * bidirectional and zero-width characters, and the Unicode line and paragraph separators, become visible `\uXXXX`
 * escapes, so the text stays on one line and reads as it is; the length is capped (with `…`).
 */
export function plain(value: string, max: number): string {
  return visible(
    value.replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`),
    max,
  );
}
