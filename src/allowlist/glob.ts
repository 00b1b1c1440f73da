/** `*` (any run of characters) and `?` (one character), case-insensitive, anchored: for ARNs and user agents. */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (const c of glob) {
    source += c === '*' ? '[\\s\\S]*' : c === '?' ? '[\\s\\S]' : c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'i');
}
