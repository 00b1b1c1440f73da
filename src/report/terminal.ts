/**
 * CloudTrail text is attacker-controlled: a userAgent can carry escape sequences that rewrite a terminal.
 * Control characters (C0, DEL, C1) and bidirectional overrides are shown as \u escapes instead.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
