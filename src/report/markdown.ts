/**
 * The one way CloudTrail text reaches Markdown (job summary, issues). Every caller-controlled string is attacker
 * text; rendered through `code()` it is an inline code span, where GitHub makes no @mention, no #reference, no
 * link, no image and no HTML. Control and bidirectional characters become visible `\uXXXX` escapes, the span's
 * fence is longer than any backtick run inside, and `|` is escaped so that a table cell cannot break out.
 */

/* eslint-disable no-control-regex, no-misleading-character-class -- matching these characters is the point */
const INVISIBLE =
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb]/g;
/* eslint-enable no-control-regex, no-misleading-character-class */

const MAX_CELL = 300;

/** Replaces control, zero-width and bidi characters with a visible escape; caps the length. */
export function visible(text: string, max = MAX_CELL): string {
  const clean = text.replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

/** Attacker-controlled text as an inline code span, safe in paragraphs and in table cells. Empty → an en dash. */
export function code(text: string | undefined | null, max = MAX_CELL): string {
  if (text === undefined || text === null || text === '') return '–';
  return fence(visible(String(text), max).replace(/\|/g, '\\|'));
}

/**
 * A code span outside tables (an issue title, where GitHub renders code spans but a `\|` would show its
 * backslash): the same as `code()` without the escaping of `|`.
 */
export function codeSpan(text: string | undefined | null, max = MAX_CELL): string {
  if (text === undefined || text === null || text === '') return '–';
  return fence(visible(String(text), max));
}

function fence(content: string): string {
  const longestRun = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  const ticks = '`'.repeat(longestRun + 1);
  const pad = content.startsWith('`') || content.endsWith('`') || /^ .* $/.test(content) ? ' ' : '';
  return `${ticks}${pad}${content}${pad}${ticks}`;
}

/**
 * Our own text (rule titles and authors, which may come from third-party Sigma rules) outside code spans:
 * backslash-escapes the ASCII punctuation that Markdown gives meaning to, and puts a word joiner (U+2060) after
 * `@` and `#`, since GitHub finds mentions and references in the rendered text, where entities would not help.
 */
export function text(value: string): string {
  return visible(value, 2000)
    .replace(/[\\`*_{}[\]()<>!|~+\-.=:&]/g, (c) => `\\${c}`)
    .replace(/([@#])/g, '$1\u2060');
}

export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Our own text inside raw HTML (a `<summary>` line), where Markdown escapes would show: HTML entities instead. */
export function htmlText(value: string): string {
  return visible(value, 2000)
    .replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
    .replace(/([@#])/g, '$1\u2060');
}

/** Our own multi-line text from a file we do not control (a third-party rule): each line escaped, breaks kept. */
export function textBlock(value: string): string {
  return value
    .trim()
    .split(/\r\n|\r|\n/)
    .map((line) => (line.trim() === '' ? '' : text(line)))
    .join('\n');
}

/**
 * A link we make ourselves (the run, an issue): only to an http(s) URL, with the characters that could end the
 * link's destination early percent-encoded; the label is escaped like `text()`. Anything else renders as text.
 */
export function link(label: string, url: string): string {
  let href: string;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return text(label);
    href = parsed.href.replace(/[()<>\s"'`\\]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  } catch {
    return text(label);
  }
  return `[${text(label)}](${href})`;
}

/** An http(s) URL that parses: the only references rendered as links (rule references, in issues and SARIF). */
export function isWebUrl(value: string): boolean {
  if (!/^https?:\/\//i.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

/** The ATT&CK page of a technique id (`T1098.001`), or undefined for anything else. */
export function attackUrl(id: string): string | undefined {
  const m = /^T(\d{4})(?:\.(\d{3}))?$/.exec(id);
  if (!m) return undefined;
  return `https://attack.mitre.org/techniques/T${m[1]}/${m[2] ? `${m[2]}/` : ''}`;
}
