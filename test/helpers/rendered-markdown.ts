import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: true, linkify: true });

/**
 * Renders Markdown as GitHub would (GFM tables, raw HTML allowed, bare URLs linked) and returns what could act:
 * HTML elements other than the ones we write ourselves, links, images, and @mention / #reference patterns in text
 * outside code (GitHub finds those in the rendered text, skipping code).
 */
export function liveParts(markdown: string): string[] {
  const html = md.render(markdown);
  const live: string[] = [];
  for (const m of html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9-]*)[^>]*>/g)) {
    const tag = m[1]!.toLowerCase();
    if (!ALLOWED_TAGS.has(tag)) live.push(`element ${m[0]}`);
  }
  if (/<!--/.test(html)) live.push('HTML comment');
  const outsideCode = html.replace(/<code>[\s\S]*?<\/code>/g, ' ').replace(/<[^>]+>/g, ' ');
  const textNodes = decodeEntities(outsideCode);
  for (const m of textNodes.matchAll(/(?:^|[^\w`])@[a-z0-9][\w-]*(?:\/[\w-]+)?/gi))
    live.push(`mention ${m[0]}`);
  for (const m of textNodes.matchAll(/(?:^|[^\w&])(?:[\w.-]+\/[\w.-]+)?#\d+/g))
    live.push(`reference ${m[0]}`);
  return live;
}

const ALLOWED_TAGS = new Set([
  'h2',
  'h3',
  'p',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'code',
  'strong',
  'br',
  'details',
  'summary',
  'ul',
  'li',
  'blockquote',
  'em',
  'ol',
  'h4',
]);

function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

export function renderHtml(markdown: string): string {
  return md.render(markdown);
}
