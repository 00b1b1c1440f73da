/**
 * The Mermaid library itself (a devDependency, never loaded by the production code), in Node with jsdom for the
 * DOM it expects: `mermaid.parse` checks a diagram's syntax as GitHub's renderer would, and the Gantt chart's model
 * (title, sections, tasks with their dates, links) is read back from the diagram Mermaid builds, which is where
 * bad dates and stray directives show.
 */

export interface ParsedGantt {
  type: string;
  title: string;
  sections: string[];
  tasks: { task: string; section: string; start: Date; end: Date; milestone: boolean; crit: boolean }[];
  links: number;
}

interface GanttDb {
  getDiagramTitle(): string;
  getSections(): string[];
  getTasks(): {
    task: string;
    section: string;
    startTime: Date;
    endTime: Date;
    milestone?: boolean;
    crit?: boolean;
  }[];
  getLinks(): Map<string, unknown> | Record<string, unknown>;
}

interface MermaidApi {
  parse(text: string): Promise<{ diagramType: string } | false>;
  mermaidAPI: { getDiagramFromText(text: string): Promise<{ type: string; db: unknown }> };
}

let loaded: Promise<MermaidApi> | undefined;

function mermaid(): Promise<MermaidApi> {
  loaded ??= (async () => {
    // DOMPurify (which Mermaid sanitizes with) binds to the global window when it is imported; parsing needs no
    // more. The globals are removed again: Jest's teardown cannot walk a jsdom window.
    const jsdom = 'jsdom'; // no type declarations (and none needed: one constructor, one property)
    const { JSDOM } = (await import(jsdom)) as {
      JSDOM: new (html: string) => { window: { document: unknown } };
    };
    const dom = new JSDOM('<!doctype html><html><body></body></html>');
    const g = globalThis as Record<string, unknown>;
    g.window = dom.window;
    g.document = dom.window.document;
    try {
      const module = (await import('mermaid')) as unknown as { default: MermaidApi };
      return module.default;
    } finally {
      delete g.window;
      delete g.document;
    }
  })();
  return loaded;
}

/** Parses a Gantt chart with Mermaid; throws Mermaid's error when it does not parse or has an invalid date. */
export async function parseGantt(text: string): Promise<ParsedGantt> {
  const api = await mermaid();
  const parsed = await api.parse(text);
  if (!parsed) throw new Error('mermaid.parse returned false');
  const diagram = await api.mermaidAPI.getDiagramFromText(text);
  const db = diagram.db as GanttDb;
  const links = db.getLinks();
  return {
    type: diagram.type,
    title: db.getDiagramTitle(),
    sections: db.getSections(),
    tasks: db.getTasks().map((t) => ({
      task: t.task,
      section: t.section,
      start: t.startTime,
      end: t.endTime,
      milestone: Boolean(t.milestone),
      crit: Boolean(t.crit),
    })),
    links: links instanceof Map ? links.size : Object.keys(links).length,
  };
}

/** The ```mermaid blocks of a Markdown text (their content). */
export function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
}
