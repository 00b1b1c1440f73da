/**
 * Literal text that every match of a JavaScript regular expression must contain: the runs of plain characters at
 * its top level (`:assumed-role/` in `:assumed-role/[^/]+/i-[0-9a-f]{8,17}$`). Used as a necessary condition for
 * `re`: by the SQL compiler (`LIKE '%run%'`, since regex dialects differ: JavaScript, Java for Trino, RE2 for
 * DuckDB) and by the prefilter on raw record text (prefilter.ts).
 *
 * Conservative by construction: groups and classes are skipped whole, a quantified character is dropped from its
 * run, any top-level `|` means nothing is required, and an escape it does not know ends the scan.
 */
export function requiredRuns(source: string): string[] {
  let s = source;
  const inline = /^\(\?[ims]+\)/.exec(s);
  if (inline) s = s.slice(inline[0].length);
  if (hasTopLevelAlternation(s)) return [];
  const runs: string[] = [];
  let run = '';
  const end = () => {
    if (run) runs.push(run);
    run = '';
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\') {
      const next = s[i + 1];
      if (next === undefined) break;
      i++;
      if ('dDwWsSbB'.includes(next)) end();
      else if (/[A-Za-z0-9]/.test(next))
        break; // \u…, \x…, \k<…>, \p{…}, back-references: stop here
      else run += next;
    } else if (c === '(' || c === '[') {
      end();
      const close = skipGroup(s, i);
      if (close < 0) return [];
      i = close;
    } else if (c === '*' || c === '+' || c === '?' || c === '{') {
      run = run.slice(0, -1); // the quantified character may be absent or repeated
      end();
      if (c === '{') {
        const close = s.indexOf('}', i);
        if (close < 0) break;
        i = close;
      }
      if (s[i + 1] === '?') i++;
    } else if (c === '|') {
      return [];
    } else if ('.^$)]}'.includes(c)) {
      end();
    } else {
      run += c;
    }
  }
  end();
  // Only printable ASCII: the runs become SQL LIKE patterns (and a lone surrogate half is not text).
  return runs.filter((r) => /^[\x20-\x7e]+$/.test(r));
}

function hasTopLevelAlternation(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') i++;
    else if (c === '(' || c === '[') {
      const close = skipGroup(s, i);
      if (close < 0) return true; // unbalanced: claim nothing
      i = close;
    } else if (c === '|') return true;
  }
  return false;
}

/** Index of the `)` or `]` closing the group or class opened at `open`, or -1. */
function skipGroup(s: string, open: number): number {
  let depth = 0;
  let inClass = false;
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') i++;
    else if (inClass) {
      if (c === ']') {
        inClass = false;
        if (depth === 0) return i;
      }
    } else if (c === '[') {
      inClass = true;
      if (s[i + 1] === '^') i++;
      if (s[i + 1] === ']') i++;
    } else if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}
