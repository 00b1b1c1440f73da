/**
 * The responder's report and its picture against hostile CloudTrail text: every string field of the suspect's
 * events (and of the credentials its calls hand out) carries Markdown, HTML, mention, Mermaid and fence
 * injections. The summary must have nothing live, one Mermaid block that the Mermaid library parses into exactly
 * the sections and tasks the report wrote, with no link, directive or stray section; the follow must not take a
 * hostile "key id" in.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { LABEL_CHARS, renderGantt, safeLabel } from '../../src/investigate/mermaid.js';
import { liveParts } from '../helpers/rendered-markdown.js';
import { mulberry32 } from '../helpers/random.js';
import { tempDir } from '../helpers/run-process.js';
import { mermaidBlocks, parseGantt } from './mermaid-parser.js';

const KEY = 'AKIAHOSTILETESTKEY01';
const CREATED = 'AKIAHOSTILECREATED02';
const SESSION = 'ASIAHOSTILESESSION03';

/** test/report's corpus, and what breaks Mermaid out: directives, clicks, sections, keywords, colons, fences. */
const HOSTILE = [
  '@org/team',
  '@octocat please look',
  '#1',
  'octo/repo#12',
  '<img src=x onerror=alert(1)>',
  '![x](http://e/p.png)',
  '[x](http://y)',
  'http://evil.example/login',
  '<!-- -->',
  '</details><script>alert(1)</script>',
  '``` fenced ```',
  'a`b``c```d',
  '|broken|table|',
  'right\u202Eleft',
  'nul\u0000byte',
  'new\nline\r\n## heading',
  '%%{init: {"securityLevel": "loose", "theme": "dark"}}%%',
  'x :crit, 2020-01-01 00:00:00, 1d\n  click x href "javascript:alert(1)"',
  'click a1 call alert(1)',
  'section pwned',
  'title pwned',
  'excludes weekends',
  'dateFormat YYYY',
  'todayMarker off',
  'a;b#c:d',
  '\n```\n\n<script>alert(1)</script>\n```mermaid\n',
  '%% comment',
  'accTitle: x',
];

function hostileEvents(): Record<string, unknown>[] {
  const base = Date.parse('2024-06-03T10:00:00Z');
  const events: Record<string, unknown>[] = HOSTILE.map((value, i) => ({
    eventVersion: '1.09',
    eventID: `hostile-${i}`,
    eventTime: new Date(base + i * 60_000).toISOString().replace('.000', ''),
    eventSource: value,
    eventName: value,
    awsRegion: value,
    sourceIPAddress: value,
    userAgent: value,
    errorCode: i % 3 === 0 ? value : undefined,
    readOnly: i % 2 === 0 ? false : 'false',
    recipientAccountId: '111122223333',
    userIdentity: {
      type: 'IAMUser',
      userName: value,
      arn: `arn:aws:iam::111122223333:user/${value}`,
      accessKeyId: KEY,
    },
    requestParameters: { userName: value },
  }));
  const at = (minutes: number) => new Date(base + minutes * 60_000).toISOString().replace('.000', '');
  const identity = {
    type: 'IAMUser',
    userName: 'x',
    accessKeyId: KEY,
    arn: 'arn:aws:iam::111122223333:user/x',
  };
  events.push(
    // A key created (to follow), and hostile "keys" that must not be followed.
    {
      eventID: 'create-1',
      eventTime: at(40),
      eventSource: 'iam.amazonaws.com',
      eventName: 'CreateAccessKey',
      awsRegion: 'us-east-1',
      readOnly: false,
      userIdentity: identity,
      responseElements: { accessKey: { userName: HOSTILE[17], accessKeyId: CREATED } },
    },
    {
      eventID: 'create-2',
      eventTime: at(41),
      eventSource: 'iam.amazonaws.com',
      eventName: 'CreateAccessKey',
      awsRegion: 'us-east-1',
      readOnly: false,
      userIdentity: identity,
      responseElements: { accessKey: { userName: 'y', accessKeyId: 'AKIA:crit\n  click' } },
    },
    {
      eventID: 'assume-1',
      eventTime: at(42),
      eventSource: 'sts.amazonaws.com',
      eventName: 'AssumeRole',
      awsRegion: 'us-east-1',
      readOnly: true,
      userIdentity: identity,
      responseElements: {
        credentials: { accessKeyId: SESSION },
        assumedRoleUser: { arn: `arn:aws:sts::111122223333:assumed-role/${HOSTILE[16]}/${HOSTILE[25]}` },
      },
    },
    ...[CREATED, SESSION].map((key, i) => ({
      eventID: `used-${i}`,
      eventTime: at(50 + i),
      eventSource: HOSTILE[18],
      eventName: HOSTILE[19],
      awsRegion: HOSTILE[20],
      readOnly: false,
      sourceIPAddress: HOSTILE[4],
      userAgent: HOSTILE[26],
      userIdentity: { type: 'IAMUser', userName: HOSTILE[0], accessKeyId: key },
    })),
  );
  return events.map((e) => JSON.parse(JSON.stringify(e)) as Record<string, unknown>);
}

async function investigateFile(events: Record<string, unknown>[], extra: string[] = []) {
  const dir = tempDir('cta-investigate-hostile-');
  writeFileSync(join(dir, 'events.jsonl'), events.map((e) => JSON.stringify(e)).join('\n'));
  let stderr = '';
  const code = await main(
    [
      'scan',
      join(dir, 'events.jsonl'),
      '--access-key-id',
      KEY,
      ...extra,
      '--summary-file',
      join(dir, 's.md'),
      '--quiet',
    ],
    {
      stdout: () => {},
      stderr: (t) => (stderr += t),
      isTTY: false,
      now: () => Date.parse('2024-06-04T00:00:00Z'),
    },
  );
  return { code, stderr, summary: readFileSync(join(dir, 's.md'), 'utf8') };
}

describe('the investigation report with hostile CloudTrail text', () => {
  it('renders nothing live, and one Mermaid chart that Mermaid parses into exactly what the report wrote', async () => {
    const { code, stderr, summary } = await investigateFile(hostileEvents(), ['--follow', '2']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    // The fenced block renders as <pre>: the only element of ours the shared checker does not list.
    expect(liveParts(summary).filter((p) => !/^element <\/?pre>$/.test(p))).toEqual([]);

    const blocks = mermaidBlocks(summary);
    expect(blocks).toHaveLength(1);
    expect(summary.match(/^```/gm)).toHaveLength(2); // the chart's fence, opened and closed once
    const chart = blocks[0]!;
    const gantt = await parseGantt(chart);
    expect(gantt.type).toBe('gantt');
    expect(gantt.title).toBe(`Investigation of access key ${KEY}`);
    expect(gantt.links).toBe(0);
    expect(gantt.sections).toEqual([KEY, CREATED, SESSION, 'Findings']);
    // Every task line the report wrote is one task, with its glyph first, in its section; nothing else.
    const taskLines = chart.split('\n').filter((l) => l.startsWith('    '));
    expect(gantt.tasks).toHaveLength(taskLines.length);
    expect(gantt.tasks.map((t) => t.task.trim())).toEqual(
      taskLines.map((l) => l.trim().slice(0, l.trim().lastIndexOf(' :'))),
    );
    for (const task of gantt.tasks) {
      expect(task.task.trim()).toMatch(/^[▶✎⤷⚑] [A-Za-z0-9 ._/()-]*$/);
      expect(Number.isNaN(task.start.getTime())).toBe(false);
      expect(task.start.getUTCFullYear()).toBe(2024);
    }
    for (const line of chart.trimEnd().split('\n').slice(1)) {
      expect(line).toMatch(/^( {2}(title|dateFormat|axisFormat|section) | {4}[▶✎⤷⚑] )/);
      expect(line).not.toMatch(/%%|[#;`<>]/);
    }
    // The hops are drawn, the hostile "key" was not followed.
    expect(gantt.tasks.filter((t) => t.task.startsWith('⤷')).map((t) => t.task.trim())).toEqual([
      `⤷ CreateAccessKey by ${KEY}`,
      `⤷ AssumeRole by ${KEY}`,
    ]);
    // Not followed: the investigation's part names it nowhere (the audit's summary below shows it as a matched
    // field value of its CreateAccessKey finding, in a code span).
    expect(summary.slice(0, summary.indexOf('## CloudTrail audit'))).not.toContain('AKIA:crit');
    expect(summary).toContain('`AKIA:crit\\u000a  click`');
  });

  it('keeps every label in the characters Mermaid reads as text, for any input', async () => {
    const random = mulberry32(19);
    const alphabet = 'aZ09 :;#%`{}[]()<>"\'\n\r\t|\\/.-_=@!&*~\u202e\u0000é⚑';
    const tasks = Array.from({ length: 200 }, (_, i) => {
      const text = Array.from(
        { length: Math.floor(random() * 40) },
        () => alphabet[Math.floor(random() * alphabet.length)],
      ).join('');
      expect(safeLabel(text).replace(LABEL_CHARS, '')).toBe(safeLabel(text));
      return {
        kind: 'write' as const,
        label: text,
        start: Date.UTC(2024, 5, 3, 10, i),
        end: Date.UTC(2024, 5, 3, 10, i),
        milestone: true,
      };
    });
    const markdown = renderGantt('t:%%{init}', [{ title: 'section\nclick x', tasks }]);
    const gantt = await parseGantt(mermaidBlocks(markdown)[0]!);
    expect(gantt.tasks).toHaveLength(200);
    expect(gantt.sections).toHaveLength(1);
    expect(gantt.links).toBe(0);
  });

  it('has a parser that rejects what the escaping prevents', async () => {
    await expect(
      parseGantt('gantt\n  dateFormat YYYY-MM-DD HH:mm:ss\n  section a\n    x :2024-13-45 10:00:00, 1m\n'),
    ).rejects.toThrow(/Invalid date/);
    const injected = await parseGantt(
      'gantt\n  dateFormat YYYY-MM-DD HH:mm:ss\n  section a\n    x :a1, 2024-06-03 10:00:00, 1m\n  section pwned\n  click a1 href "https://evil.example"\n',
    );
    expect(injected.sections).toEqual(['a', 'pwned']);
    expect(injected.links).toBe(1);
  });
});
