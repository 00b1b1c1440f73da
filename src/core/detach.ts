/**
 * A copy of a string that holds no reference to a bigger one. V8 makes the strings JSON.parse returns, and those
 * `slice` returns, views into the text they come from: keeping a 40-character ARN of a record then keeps the whole
 * record's text (or the whole log file's) alive. What outlives its record (a finding's events, group values,
 * correlation and first-seen keys) is detached first, so memory holds what is kept, not the texts it came from.
 */
export function detach(text: string): string {
  // Short strings are copied by V8 anyway; for longer ones, concatenating and slicing makes a fresh string.
  return text.length < 13 ? text : (' ' + text).slice(1);
}
