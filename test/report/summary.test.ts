import { describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { silentLogger } from '../../src/core/logger.js';
import { runScan } from '../../src/pipeline/scan.js';
import { code, htmlText, text, visible } from '../../src/report/markdown.js';
import { renderSummary, SUMMARY_LIMIT } from '../../src/report/summary.js';
import { liveParts, renderHtml } from '../helpers/rendered-markdown.js';
import { ROOT, tempDir } from '../helpers/run-process.js';

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
  '<!-- cloudtrail-audit:fingerprint=0000 -->',
  '</details><script>alert(1)</script>',
  '``` fenced ```',
  'a`b``c```d',
  '|broken|table|',
  'right\u202Eleft',
  'nul\u0000byte',
  'new\nline\r\n## heading',
  '<b>bold</b>',
];

function hostileRecord(i: number, value: string) {
  return {
    eventID: `e${i}`,
    eventTime: `2024-06-03T10:${String(i).padStart(2, '0')}:00Z`,
    eventSource: 'iam.amazonaws.com',
    eventName: 'CreateUser',
    awsRegion: value,
    recipientAccountId: '111122223333',
    sourceIPAddress: value,
    userAgent: value,
    userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::111122223333:user/${value}` },
    requestParameters: { userName: value },
  };
}

describe('markdown escaping', () => {
  it.each(HOSTILE)('renders %j as inert text, in a paragraph and in a table cell', (value) => {
    const rendered = `before ${code(value)} after\n\n| a | b |\n| --- | --- |\n| ${code(value)} | x |\n`;
    expect(liveParts(rendered)).toEqual([]);
    const html = renderHtml(rendered);
    expect(html.match(/<tr>/g)).toHaveLength(2); // header + one row: the cell did not break the table
    expect(html.match(/<td>/g)).toHaveLength(2);
  });

  it('has a checker that would see these strings if they were live', () => {
    const raw = HOSTILE.filter((v) => /[@<![]|http|#\d/.test(v));
    for (const value of raw) expect([value, liveParts(`x ${value} y`)]).not.toEqual([value, []]);
  });

  it('keeps the text readable: same characters, control characters as escapes', () => {
    expect(code('plain')).toBe('`plain`');
    expect(code('a`b')).toBe('``a`b``');
    expect(code('`x`')).toBe('`` `x` ``');
    expect(code('')).toBe('–');
    expect(visible('a\u202Eb\u0000')).toBe('a\\u202eb\\u0000');
    expect(code('x'.repeat(400))).toHaveLength(300 + 1 + 2);
  });

  it('defuses mentions and references in our own text too (third-party rule authors)', () => {
    expect(
      liveParts(`Rule author: ${text('Florian Roth (@Neo23x0), see #12 and <b>x</b> [l](http://x)')}`),
    ).toEqual([]);
    expect(
      liveParts(`<details>\n<summary>${htmlText('@team <img src=x> #3')}</summary>\n\nbody\n</details>\n`),
    ).toEqual([]);
  });
});

describe('job summary', () => {
  it('renders a scan full of hostile strings with nothing live', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'hostile.jsonl'),
      HOSTILE.map((v, i) => JSON.stringify(hostileRecord(i, v))).join('\n'),
    );
    writeFileSync(join(dir, 'broken <img src=x> @org.json'), '{"Records": [');
    const result = await runScan(
      { paths: [dir], rulesPaths: [], excludeRules: [], minSeverity: 'low', window: {} },
      silentLogger,
    );
    expect(result.findings).toHaveLength(HOSTILE.length);
    const summary = renderSummary(result, {
      windowReason: 'every event in the files',
      source: `files: ${dir}`,
    });
    expect(liveParts(summary)).toEqual([]);
    // Each finding's occurrences sit in their own closed <details>: nothing closed them early.
    const html = renderHtml(summary);
    expect(html.match(/<details>/g)).toHaveLength(HOSTILE.length);
    expect(html.match(/<\/details>/g)).toHaveLength(HOSTILE.length);
    expect(summary).toMatch(/### Problems \(1\)/);
  });

  it('shows the header, counts, findings table, capped occurrences and rule notes', async () => {
    const dir = tempDir();
    const many = Array.from({ length: 30 }, (_, i) => ({ ...hostileRecord(i, 'ok'), eventID: `m${i}` }));
    writeFileSync(join(dir, 'many.jsonl'), many.map((r) => JSON.stringify(r)).join('\n'));
    const result = await runScan(
      {
        paths: [dir, join(ROOT, 'samples')],
        rulesPaths: [],
        excludeRules: ['ec2-instances-launched'],
        minSeverity: 'medium',
        window: {},
      },
      silentLogger,
    );
    const summary = renderSummary(result, {
      windowReason: 'every event in the files',
      source: 'files: samples/',
    });
    expect(summary).toMatch(/^## CloudTrail audit/);
    expect(summary).toMatch(/\| Accounts \| `017622104382`, `056392974792`, [^|]*`111122223333`/);
    expect(summary).toMatch(/\| Events \| 197 scanned, 197 in the window/);
    expect(summary).toMatch(/\*\*20 findings:\*\* 🟧 8 high · 🟨 12 medium/);
    expect(summary).toMatch(/18 more findings matched only events that a finding below reports/);
    expect(summary).toMatch(/and 9 more/); // 30 users created; the first is carried by a first-seen finding
    expect(summary).toMatch(/- excluded: `ec2-instances-launched`/);
    expect(summary.indexOf('high')).toBeLessThan(summary.indexOf('medium'));
  });

  it("shows in each finding's section one line of why, the matched fields and the rules folded into it", async () => {
    const result = await runScan(
      { paths: [join(ROOT, 'samples')], rulesPaths: [], excludeRules: [], minSeverity: 'low', window: {} },
      silentLogger,
    );
    const summary = renderSummary(result, { windowReason: 'x', source: 'y' });
    const section = (ruleId: string) => {
      const start = summary.indexOf(`(${ruleId}):`);
      expect(start).toBeGreaterThan(0);
      return summary.slice(start, summary.indexOf('</details>', start));
    };
    const admin = section('iam-admin-policy-granted');
    expect(admin).toContain(
      '**Why:** Full administrator permissions were given to an IAM user, role or group\\: a policy whose ARN ends',
    );
    expect(admin).toContain(
      '| `requestParameters.policyArn` | `arn:aws:iam::aws:policy/AdministratorAccess` |',
    );
    expect(admin).toContain('| `requestParameters.userName` | `malicious-iam-user` |');
    expect(admin).toMatch(
      /- also matched `first-seen-actor-sensitive-api` \(.*\): 1 event of this finding, folded into it/,
    );
    // A finding with events of its own and events carried by a higher-ranked finding: its own, and where the rest are.
    const note = summary.indexOf('- 3 more events of this finding are reported with `bulk-secret-retrieval`');
    expect(note).toBeGreaterThan(0);
    const own = summary.slice(summary.lastIndexOf('<details>', note), summary.indexOf('</details>', note));
    expect(own).toContain('(first-seen-access-key-source-ip): 1 event</summary>');
    expect(own).toContain('`ListSecrets`');
    expect(own).not.toContain('`GetSecretValue`');
    expect(liveParts(summary)).toEqual([]);
  });

  it('stays under the 1 MiB step-summary limit, with a note', async () => {
    const dir = tempDir();
    const lines = Array.from({ length: 6000 }, (_, i) =>
      JSON.stringify({
        ...hostileRecord(0, 'x'),
        eventID: `big${i}`,
        userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::111122223333:user/u${i}` },
        userAgent: 'A'.repeat(500),
      }),
    );
    writeFileSync(join(dir, 'big.jsonl'), lines.join('\n'));
    const result = await runScan(
      { paths: [dir], rulesPaths: [], excludeRules: [], minSeverity: 'low', window: {} },
      silentLogger,
    );
    expect(result.findings).toHaveLength(6000);
    const summary = renderSummary(result, { windowReason: 'x', source: 'y' });
    expect(Buffer.byteLength(summary)).toBeLessThan(1024 * 1024);
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(SUMMARY_LIMIT + 200_000);
    expect(summary).toMatch(/\d+ more findings are not listed here/);
    expect(summary).toMatch(/The occurrences of \d+ more findings are left out/);
  });
});
