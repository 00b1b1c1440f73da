/**
 * The investigation's picture: a Mermaid Gantt chart (GitHub renders ```mermaid blocks), one section per
 * credential with its bursts of activity as bars, its first write calls and the hop that brought it in as
 * milestones, and a section of findings.
 *
 * CloudTrail text is attacker-controlled and Mermaid is a language: a label could end a task early (`:`), start a
 * comment (`%%`), a directive (`%%{init}`), a `click` with a link, a new section, or close the Markdown fence.
 * So a label keeps only letters, digits, space and `._/()-`, everything else becomes `_`, and it always starts
 * with a glyph of ours, so that no label can begin with a Mermaid keyword; lines are written by this module only.
 */

/** What a task shows; its glyph starts the label. */
export type TaskKind = 'activity' | 'write' | 'hop' | 'finding';

const GLYPH: Record<TaskKind, string> = { activity: '▶', write: '✎', hop: '⤷', finding: '⚑' };

export interface GanttTask {
  kind: TaskKind;
  /** Any text: made safe here. */
  label: string;
  /** Epoch milliseconds. */
  start: number;
  end: number;
  milestone?: boolean;
  crit?: boolean;
}

export interface GanttSection {
  title: string;
  tasks: GanttTask[];
}

export const LABEL_CHARS = /[^A-Za-z0-9 ._/()-]/g;
const MAX_LABEL = 70;

/** Text from anywhere as a label that Mermaid reads as text only (see the module comment). */
export function safeLabel(text: string, max = MAX_LABEL): string {
  const clean = text.replace(LABEL_CHARS, '_').replace(/\s+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}_` : clean;
}

/** `2024-06-03 10:00:00` (UTC), the chart's dateFormat. */
function stamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** The Gantt chart as the Markdown block (```mermaid ... ```). */
export function renderGantt(title: string, sections: GanttSection[]): string {
  const times = sections.flatMap((s) => s.tasks.flatMap((t) => [t.start, t.end]));
  const span = times.length ? Math.max(...times) - Math.min(...times) : 0;
  const lines = [
    '```mermaid',
    'gantt',
    `  title ${safeLabel(title, 100) || 'Activity'}`,
    '  dateFormat YYYY-MM-DD HH:mm:ss',
    `  axisFormat ${span > 3 * 86_400_000 ? '%m-%d' : '%m-%d %H:%M'}`,
  ];
  for (const section of sections) {
    if (section.tasks.length === 0) continue;
    lines.push(`  section ${safeLabel(section.title, 60) || '_'}`);
    for (const task of section.tasks) {
      const flags = [task.milestone ? 'milestone' : '', task.crit ? 'crit' : ''].filter(Boolean);
      const end = task.milestone ? '1m' : stamp(Math.max(task.end, task.start + 60_000));
      lines.push(
        `    ${GLYPH[task.kind]} ${safeLabel(task.label)} :${[...flags, stamp(task.start), end].join(', ')}`,
      );
    }
  }
  lines.push('```');
  return lines.join('\n');
}
