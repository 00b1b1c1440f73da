/**
 * What tracking writes: issue titles, bodies and comments. Every CloudTrail string goes through report/markdown.ts
 * (code spans; plain, defused text in titles); rule text is our own Markdown for built-in rules and escaped line by
 * line for any other rule. Bodies and comments stay under GitHub's 65,536-character limit by showing fewer rows.
 */
import type { Finding, FindingEvent } from '../core/finding.js';
import {
  attackUrl,
  isWebUrl,
  code,
  codeSpan,
  link,
  table,
  text,
  textBlock,
  visible,
} from '../report/markdown.js';
import { plain } from '../report/plain.js';
import { SEVERITY_ICON } from '../core/severity.js';
import { codes, matchedFields, sharedEventsList } from '../report/finding-text.js';
import type { RuleMeta } from '../core/rule-meta.js';
import {
  commentLine,
  fingerprintLine,
  foldedCommentLine,
  foldedLine,
  isFoldedLine,
  type IssueState,
} from './marker.js';

/** GitHub's limit for a body or a comment is 65,536 characters; keep a margin. */
export const MAX_BODY = 65_000;
/** GitHub's limit for a title. */
export const MAX_TITLE = 256;

export interface RunLink {
  /** "octo/security run 42". */
  label: string;
  url?: string;
}

export interface IssueContent {
  finding: Finding;
  /** The rule's metadata (description, triage...), from the run's catalogue, whatever the kind of rule. */
  rule: RuleMeta;
  /** The issue's record after this run (cumulative count, first and last seen). */
  state: IssueState;
  run: RunLink | undefined;
}

/**
 * `[severity] rule title — actor (account)`, at most 256 characters, always starting with `[severity]` (which GitHub
 * gives no meaning to). GitHub renders code spans and `#123` references in titles, and other tools (notifications,
 * chat integrations) render titles as Markdown: the actor and account, CloudTrail text, are code spans (inert
 * anywhere, exact to copy and search; control and bidi characters shown as escapes). The rule title, from a rule
 * file, is plain text with a word joiner after the characters that could start a mention, reference, tag or link.
 */
export function issueTitle(f: Finding): string {
  const head = `[${f.severity}] ${titleText(f.title, 100)}`;
  const account = accountOf(f);
  const tail = account ? ` (${fitSpan(account, 40)})` : '';
  const room = MAX_TITLE - head.length - tail.length - ' — '.length;
  const actor = actorOf(f);
  const who = actor && room >= 16 ? ` — ${fitSpan(actor, room)}` : '';
  const title = `${head}${who}${tail}`;
  return title.length > MAX_TITLE ? `${title.slice(0, MAX_TITLE - 1)}…` : title;
}

/** A code span of CloudTrail text no longer than `room` characters, fences included. */
function fitSpan(value: string, room: number): string {
  const oneLine = value.replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
  let max = room - 2;
  let span = codeSpan(oneLine, max);
  while (span.length > room && max > 1) {
    max = Math.max(1, max - (span.length - room));
    span = codeSpan(oneLine, max);
  }
  return span;
}

function titleText(value: string, max: number): string {
  const defused = plain(value, 1000)
    .replace(/([@#<])/g, '$1\u2060')
    .replace(/\]\(/g, ']\u2060(')
    .replace(/:\/\//g, ':\u2060//');
  if (defused.length <= max) return defused;
  // A cut right after `@` or `#` leaves it followed by `…`, which GitHub does not read as a mention or reference.
  return `${defused.slice(0, max - 1).replace(/[\ud800-\udbff]$/, '')}…`;
}

export function issueBody(content: IssueContent): string {
  for (const [rows, values] of [
    [30, 10],
    [15, 5],
    [5, 3],
    [0, 1],
  ] as const) {
    const body = renderBody(content, rows, values);
    if (body.length <= MAX_BODY) return body;
  }
  return renderBody(content, 0, 0).slice(0, MAX_BODY);
}

function renderBody({ finding: f, rule, state, run }: IssueContent, rows: number, values: number): string {
  const builtin = rule.builtin;
  const out: string[] = [
    fingerprintLine(f.fingerprint),
    state.toLine(),
    `### ${SEVERITY_ICON[f.severity]} ${capitalise(f.severity)}: ${text(f.title)}`,
    '',
    whatHappened(f, state),
    '',
    table(
      ['', ''],
      [
        ['Rule', `${text(f.title)} (${code(f.ruleId)})`],
        ['Severity', f.severity],
        ['Actor', code(actorOf(f) || undefined)],
        ['Account', code(accountOf(f) || undefined)],
        ['Regions', codes(distinct(f.events.map((e) => e.awsRegion)), 10)],
        ['Source IPs', codes(distinct(f.events.map((e) => e.sourceIPAddress)), 10)],
        ['First seen', code(state.firstSeen || f.firstSeen)],
        ['Last seen', code(state.lastSeen || f.lastSeen)],
        ['Occurrences', String(Math.max(state.count, f.count))],
        ['Fingerprint', code(f.fingerprint)],
        ['Last run', run ? runLink(run) : '–'],
      ],
    ),
    '',
  ];
  if (rule.description) out.push('#### Why this is suspicious', '', ruleText(rule.description, builtin), '');
  const fields = matchedFields(f, values);
  if (fields.length > 0 && values > 0) {
    out.push('#### Matched fields', '', table(['Field', 'Values'], fields), '');
  }
  const shared = sharedEventsList(f, Math.max(rows, 5));
  if (shared.length > 0) {
    out.push(
      '#### Also matched',
      '',
      'Events of this finding matched other rules too. Each event is reported once, by the finding that ranks ' +
        'highest (severity, then correlation and first-seen rules before the single-event rules they build on); a ' +
        'finding whose every event is reported here is *folded* into this one and has no issue of its own.',
      '',
      ...shared,
      '',
    );
  }
  if (rows > 0) {
    const shown = f.events.slice(-rows);
    out.push(
      '#### Latest occurrences',
      '',
      shown.length < f.count
        ? `The latest ${shown.length} of the ${f.count} occurrences in the window of the last run; every occurrence is in the comments and in the run's findings file.`
        : `The occurrences in the window of the last run.`,
      '',
      occurrenceTable(shown),
      '',
    );
  }
  if (rule.triage) out.push('#### Triage', '', ruleText(rule.triage, builtin), '');
  if (rule.remediation) out.push('#### Remediation', '', ruleText(rule.remediation, builtin), '');
  const attack = f.attack.length ? f.attack : rule.attack;
  if (attack.length) {
    out.push(
      '#### MITRE ATT&CK',
      '',
      attack
        .slice(0, 20)
        .map((id) => {
          const url = attackUrl(id);
          return url ? `- ${link(id, url)}` : `- ${text(id)}`;
        })
        .join('\n'),
      '',
    );
  }
  // Autolinks to the rule's web references (the ATT&CK pages are listed above already).
  const references = rule.references
    .filter((r) => isWebUrl(r) && !/[\s<>]/.test(r))
    .filter((r) => !(attack.length && r.startsWith('https://attack.mitre.org/techniques/')))
    .slice(0, 20);
  if (references.length) out.push('#### References', '', references.map((r) => `- <${r}>`).join('\n'), '');
  out.push(
    `Rule ${code(f.ruleId)} by ${text(f.author || 'unknown')}${builtin ? '' : ' (Sigma rule, DRL 1.1)'}.`,
    '',
    '_Tracked by cloudtrail-audit. Close this issue as **completed** once it is handled: a new occurrence reopens it, ' +
      'with a comment. Close it as **not planned** to stop tracking this finding: later runs report it as suppressed. ' +
      'Discuss in the comments: the body is rewritten when new occurrences arrive._',
    '',
  );
  return out.join('\n');
}

export interface CommentContent extends IssueContent {
  /** The occurrences not recorded before (the comment lists these only). */
  fresh: FindingEvent[];
  /** Set when the comment reopens an issue closed as completed. */
  reopened?: { closedAt: string | null };
}

/** One comment a run: the new occurrences only, with the marker that lets a retried run recognise it. */
export function occurrencesComment(content: CommentContent): string {
  for (const rows of [50, 20, 5, 0]) {
    const body = renderComment(content, rows);
    if (body.length <= MAX_BODY) return body;
  }
  return renderComment(content, 0).slice(0, MAX_BODY);
}

function renderComment({ finding: f, state, run, fresh, reopened }: CommentContent, rows: number): string {
  const n = fresh.length;
  const occurrences = `${n} new ${n === 1 ? 'occurrence' : 'occurrences'}`;
  const by = run ? ` (${runLink(run)})` : '';
  const lead = reopened
    ? `**Reopened:** this issue was closed as completed${reopened.closedAt ? ` on ${code(reopened.closedAt)}` : ''}, ` +
      `and the finding occurred again: ${occurrences}${by}, ${Math.max(state.count, n)} in all.`
    : `**${occurrences}**${by}, ${Math.max(state.count, n)} in all.`;
  const shown = fresh.slice(0, rows);
  const out = [commentLine(f.fingerprint, fresh), lead, ''];
  if (shown.length > 0) out.push(occurrenceTable(shown), '');
  if (shown.length < n) {
    out.push(
      shown.length
        ? `And ${n - shown.length} more: every event is in the run's findings file.`
        : `Too many to list here: every event is in the run's findings file.`,
      '',
    );
  }
  return out.join('\n');
}

/** The comment on a duplicate issue (two runs raced) before it is closed. */
export function duplicateComment(older: { number: number }): string {
  return [
    `Duplicate of #${older.number}`,
    '',
    `Two cloudtrail-audit runs opened an issue for the same finding. This one is the newer: it is closed, and the finding ` +
      `is tracked in #${older.number}. A workflow \`concurrency:\` group keeps runs from racing.`,
    '',
  ].join('\n');
}

/** What a folded finding's issue is told: where its occurrences go now. */
export interface FoldedContent {
  fingerprint: string;
  /** The finding it is folded into: its fingerprint, rule and issue. */
  into: { fingerprint: string; ruleId: string; title: string; issue: number };
  run: RunLink | undefined;
}

/** The one comment on a folded finding's issue: its occurrences are reported in the carrying finding's issue now. */
export function foldedComment({ fingerprint, into, run }: FoldedContent): string {
  return [
    foldedCommentLine(fingerprint, into.fingerprint),
    `**From now on, new occurrences of this finding are reported in #${into.issue}**${run ? ` (${runLink(run)})` : ''}.`,
    '',
    `Every event of this finding is also an event of a finding that ranks higher: ${text(into.title)} ` +
      `(${code(into.ruleId)}), which carries them and names this rule under "Also matched" (this finding is ` +
      `*folded* into it: one event, one place to look). This issue gets no more occurrences; close it when you are ` +
      'done with it.',
    '',
  ].join('\n');
}

/**
 * A folded finding's issue body: the marker and the record of occurrences kept, the folded-into line after them
 * (so that the note is made once), a visible note, and the rest of the body as it was.
 */
export function foldedBody(body: string, { into }: Pick<FoldedContent, 'into'>): string {
  const lines = body.split('\n');
  const [marker = '', state = ''] = lines;
  let rest = lines.slice(2);
  if (isFoldedLine(rest[0] ?? '')) rest = rest.slice(3); // an earlier note: its line, its text, a blank line
  return [
    marker,
    state,
    foldedLine(into.fingerprint),
    `> **Folded into #${into.issue}** (${code(into.ruleId)}): new occurrences of this finding are reported there.`,
    '',
    ...rest,
  ].join('\n');
}

/** A duplicate's body with its marker disarmed, so that it is never taken for the finding's issue again. */
export function disarmedBody(body: string, older: { number: number }): string {
  const [first, ...rest] = body.split('\n');
  const fingerprint = /fingerprint=([0-9a-f]+)/.exec(first ?? '')?.[1] ?? 'unknown';
  return [`<!-- cloudtrail-audit:duplicate-of=${older.number} fingerprint=${fingerprint} -->`, ...rest].join(
    '\n',
  );
}

/** The comment listing the findings `max-new-issues` kept from getting an issue this run. */
export function overflowComment(findings: Finding[], maxNewIssues: number, run: RunLink | undefined): string {
  const head = [
    `**${findings.length} new ${findings.length === 1 ? 'finding has' : 'findings have'} no issue yet**` +
      `${run ? ` (${runLink(run)})` : ''}: this run opened its limit of ${maxNewIssues} (\`max-new-issues\`). ` +
      'The next runs open these, most severe first.',
    '',
  ];
  const rows: string[][] = [];
  let size = head.join('\n').length + 200;
  for (const f of findings) {
    const row = [
      `${SEVERITY_ICON[f.severity]} ${f.severity}`,
      `${text(f.title)} (${code(f.ruleId)})`,
      code(actorOf(f) || undefined, 200),
      code(accountOf(f) || undefined, 40),
      String(f.count),
      code(f.firstSeen),
      code(f.fingerprint),
    ];
    size += row.join(' | ').length + 4;
    if (size > MAX_BODY - 200) break;
    rows.push(row);
  }
  const out = [
    ...head,
    table(['Severity', 'Rule', 'Actor', 'Account', 'Events', 'First seen', 'Fingerprint'], rows),
    '',
  ];
  if (rows.length < findings.length)
    out.push(`And ${findings.length - rows.length} more (see the job summary).`, '');
  return out.join('\n');
}

export function runLink(run: RunLink): string {
  return run.url ? link(run.label, run.url) : text(run.label);
}

function whatHappened(f: Finding, state: IssueState): string {
  const count = Math.max(state.count, f.count);
  const names = distinct(f.events.map((e) => e.eventName));
  const calls = `${codes(names, 5, ' / ')} ${count === 1 ? 'once' : `${count} times`}`;
  const first = state.firstSeen || f.firstSeen;
  const last = state.lastSeen || f.lastSeen;
  const when = first === last ? `at ${code(first)}` : `between ${code(first)} and ${code(last)}`;
  const actor = actorOf(f);
  const who = actor ? code(actor) : `${distinct(f.events.map((e) => e.actor)).length} principals`;
  const account = accountOf(f);
  const where = account
    ? `in account ${code(account)}`
    : `in ${distinct(f.events.map((e) => e.recipientAccountId)).length} accounts`;
  return `**What happened:** ${who} called ${calls} ${where} ${when}.`;
}

function occurrenceTable(events: FindingEvent[]): string {
  return table(
    ['Time', 'Event', 'Region', 'Source IP', 'User agent', 'Error', 'Event ID'],
    events.map((e) => [
      code(e.eventTime),
      code(e.eventName),
      code(e.awsRegion),
      code(e.sourceIPAddress),
      code(e.userAgent, 120),
      code(e.errorCode),
      code(e.eventID),
    ]),
  );
}

/** Rule text: built-in rules are our own Markdown; any other rule's text is escaped. Capped at 6,000 characters. */
function ruleText(value: string, builtin: boolean): string {
  const lines = value
    .trim()
    .split(/\r\n|\r|\n/)
    .map((line) => (builtin ? visible(line.replace(/\t/g, '    '), 2000) : line));
  let kept = '';
  for (const line of lines) {
    if (kept.length + line.length > 6000) {
      kept += '\n…';
      break;
    }
    kept += (kept ? '\n' : '') + line;
  }
  return builtin ? kept : textBlock(kept);
}

/** The actor when the finding has one (its grouping value, or the only one among its events). */
export function actorOf(f: Finding): string {
  if (f.group.actor) return f.group.actor;
  const actors = distinct(f.events.map((e) => e.actor));
  return actors.length === 1 ? actors[0]! : '';
}

export function accountOf(f: Finding): string {
  if (f.group.recipientAccountId) return f.group.recipientAccountId;
  const accounts = distinct(f.events.map((e) => e.recipientAccountId));
  return accounts.length === 1 ? accounts[0]! : '';
}

function distinct(values: string[]): string[] {
  return [...new Set(values.filter((v) => v !== undefined && v !== ''))];
}

function capitalise(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1);
}
