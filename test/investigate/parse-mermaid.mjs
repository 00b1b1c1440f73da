// node test/investigate/parse-mermaid.mjs FILE...: each file's Mermaid diagram parsed by the Mermaid library (with
// jsdom for the DOMPurify it sanitizes with), printed as one JSON array: per file, the diagram type and, for a Gantt
// chart, Mermaid's own model of it (title, sections, tasks with their dates, links), or the parse error. A process
// of its own: Jest's environments cannot hold a jsdom window.
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');

const results = [];
for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, 'utf8');
  try {
    const parsed = await mermaid.parse(text);
    if (!parsed) throw new Error('mermaid.parse returned false');
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    const db = diagram.db;
    const links = db.getLinks();
    results.push({
      ok: true,
      type: diagram.type,
      title: db.getDiagramTitle(),
      sections: db.getSections(),
      tasks: db.getTasks().map((t) => ({
        task: t.task,
        section: t.section,
        start: t.startTime.toISOString(),
        end: t.endTime.toISOString(),
        milestone: Boolean(t.milestone),
        crit: Boolean(t.crit),
      })),
      links: links instanceof Map ? links.size : Object.keys(links).length,
    });
  } catch (err) {
    results.push({ ok: false, error: String(err?.message ?? err) });
  }
}
process.stdout.write(JSON.stringify(results));
