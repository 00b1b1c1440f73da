/**
 * The Mermaid library itself (a devDependency, never loaded by the production code) parses the diagrams, in a
 * Node process of its own (parse-mermaid.mjs, with jsdom for the DOM it expects): `mermaid.parse` checks the
 * syntax as GitHub's renderer would, and the Gantt chart's model (title, sections, tasks with their dates, links)
 * is read back from the diagram Mermaid builds, which is where bad dates and stray directives show.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runNode, tempDir } from '../helpers/run-process.js';

export interface ParsedGantt {
  type: string;
  title: string;
  sections: string[];
  tasks: { task: string; section: string; start: Date; end: Date; milestone: boolean; crit: boolean }[];
  links: number;
}

type Task = ParsedGantt['tasks'][number];
type Result = { ok: true; tasks: (Omit<Task, 'start' | 'end'> & { start: string; end: string })[] } & Omit<
  ParsedGantt,
  'tasks'
>;

/** Parses Gantt charts with Mermaid; a chart that does not parse (or has an invalid date) rejects with its error. */
export async function parseGantts(texts: string[]): Promise<(ParsedGantt | Error)[]> {
  const dir = tempDir('cta-mermaid-');
  const files = texts.map((text, i) => {
    const file = join(dir, `${i}.mmd`);
    writeFileSync(file, text);
    return file;
  });
  const run = await runNode(join(ROOT, 'test/investigate/parse-mermaid.mjs'), files);
  if (run.code !== 0) throw new Error(`parse-mermaid.mjs failed: ${run.stderr}`);
  const results = JSON.parse(run.stdout) as (Result | { ok: false; error: string })[];
  return results.map((r) =>
    r.ok
      ? ({
          ...r,
          tasks: r.tasks.map((t) => ({ ...t, start: new Date(t.start), end: new Date(t.end) })),
        } as ParsedGantt)
      : new Error(r.error),
  );
}

export async function parseGantt(text: string): Promise<ParsedGantt> {
  const [result] = await parseGantts([text]);
  if (result instanceof Error) throw result;
  return result!;
}

/** The ```mermaid blocks of a Markdown text (their content). */
export function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
}
