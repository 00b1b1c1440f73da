/**
 * The responder's report of an investigation: the activity of the credentials in scope as a timeline (first and
 * last seen, Regions, source addresses and user agents with counts, the write calls in order, the findings, the
 * hops followed) and a Mermaid picture of it, as a Markdown section of the job summary (and `--summary-file`).
 *
 * It observes every event in scope as the scan streams them (onEvent), in any order: memory is bounded by the
 * caps below, not by the events (distinct addresses and agents are counted up to a limit, the earliest write
 * calls are kept, activity is kept as hours with events). Everything from CloudTrail is rendered through
 * report/markdown.ts, and into the picture through mermaid.ts's labels.
 */
import type { Finding } from '../core/finding.js';
import type { ScanResult } from '../core/result.js';
import type { DetectionRule } from '../rules/model.js';
import type { CloudTrailRecord } from '../core/record.js';
import { SEVERITIES, SEVERITY_ICON, severityRank } from '../core/severity.js';
import { code, table, text } from '../report/markdown.js';
import type { Credential, CredentialSet } from './credentials.js';
import { renderGantt, type GanttSection, type GanttTask } from './mermaid.js';
import { describeScope, type InvestigationScope } from './scope.js';
import { describeReads, type InvestigationReads } from './source.js';

const HOUR = 3_600_000;
/** Distinct values counted per table (addresses, agents, Regions, error codes); more are counted as others. */
const MAX_DISTINCT = 5_000;
const WRITES_KEPT = 1_000;
const WRITES_SHOWN = 200;
const TOP_SHOWN = 20;
const CREDENTIALS_SHOWN = 50;
const CHART_CREDENTIALS = 8;
const CHART_BARS = 12;
const CHART_WRITES = 8;
const CHART_FINDINGS = 15;

/** Counts of distinct values, up to MAX_DISTINCT of them; the rest go to `others`. */
class Counter {
  readonly counts = new Map<string, number>();
  others = 0;

  add(value: string): void {
    const n = this.counts.get(value);
    if (n !== undefined) this.counts.set(value, n + 1);
    else if (this.counts.size < MAX_DISTINCT) this.counts.set(value, 1);
    else this.others++;
  }

  top(n: number): [string, number][] {
    return [...this.counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, n);
  }
}

interface WriteCall {
  time: number;
  eventTime: string;
  credential: string;
  eventName: string;
  eventSource: string;
  region: string;
  address: string;
  errorCode: string;
  eventID: string;
  /** Rules that matched it. */
  rules: string[];
}

interface Activity {
  events: number;
  first: number;
  last: number;
  firstTime: string;
  lastTime: string;
  regions: Counter;
  /** Events per hour (epoch hour number): the chart's bars. */
  hours: Map<number, number>;
}

export class InvestigationReport {
  private events = 0;
  private writeCount = 0;
  private errorCount = 0;
  private readonly regions = new Counter();
  private readonly addresses = new Counter();
  private readonly agents = new Counter();
  private readonly errors = new Counter();
  private readonly activity = new Map<Credential, Activity>();
  private writes: WriteCall[] = [];
  private first = Infinity;
  private last = -Infinity;
  private firstTime = '';
  private lastTime = '';

  constructor(
    readonly scope: InvestigationScope,
    private readonly credentials: CredentialSet,
  ) {}

  /** One line naming what was investigated (the issue's title, the log). */
  get title(): string {
    return `Investigation of ${describeScope(this.scope)}`;
  }

  /** An event in scope (the scan's onEvent). */
  observe(record: CloudTrailRecord, matched: readonly DetectionRule[] = []): void {
    const by = this.credentials.match(record);
    if (!by) return;
    const time = Date.parse(record.eventTime);
    if (Number.isNaN(time)) return;
    this.events++;
    if (time < this.first) [this.first, this.firstTime] = [time, record.eventTime];
    if (time > this.last) [this.last, this.lastTime] = [time, record.eventTime];
    const region = str(record.awsRegion);
    this.regions.add(region);
    this.addresses.add(str(record.sourceIPAddress));
    this.agents.add(str(record.userAgent));
    const errorCode = str(record.errorCode);
    if (errorCode !== '') {
      this.errorCount++;
      this.errors.add(errorCode);
    }
    let a = this.activity.get(by);
    if (!a) {
      a = {
        events: 0,
        first: time,
        last: time,
        firstTime: record.eventTime,
        lastTime: record.eventTime,
        regions: new Counter(),
        hours: new Map(),
      };
      this.activity.set(by, a);
    }
    a.events++;
    if (time < a.first) [a.first, a.firstTime] = [time, record.eventTime];
    if (time > a.last) [a.last, a.lastTime] = [time, record.eventTime];
    a.regions.add(region);
    const hour = Math.floor(time / HOUR);
    a.hours.set(hour, (a.hours.get(hour) ?? 0) + 1);
    if (record.readOnly === false || record.readOnly === 'false') {
      this.writeCount++;
      this.writes.push({
        time,
        eventTime: record.eventTime,
        credential: by.value,
        eventName: str(record.eventName),
        eventSource: str(record.eventSource),
        region,
        address: str(record.sourceIPAddress),
        errorCode,
        eventID: str(record.eventID),
        rules: matched.map((r) => r.ruleId),
      });
      // The earliest WRITES_KEPT, whatever the order events arrive in (LookupEvents: newest first).
      if (this.writes.length >= 2 * WRITES_KEPT)
        this.writes = sortedWrites(this.writes).slice(0, WRITES_KEPT);
    }
  }

  /** The Markdown section (before the audit's summary). */
  render(result: ScanResult, reads: InvestigationReads, follow: number): string {
    const writes = sortedWrites(this.writes).slice(0, WRITES_KEPT);
    const findings = [...result.findings].sort((a, b) =>
      a.firstSeen < b.firstSeen ? -1 : a.firstSeen > b.firstSeen ? 1 : 0,
    );
    const out: string[] = [`## ${text(this.title)}`, ''];
    const counts = [...SEVERITIES]
      .reverse()
      .map((s) => [s, findings.filter((f) => f.severity === s).length] as const)
      .filter(([, n]) => n > 0)
      .map(([s, n]) => `${SEVERITY_ICON[s]} ${n} ${s}`);
    out.push(
      table(
        ['', ''],
        [
          [
            'Scope',
            `${this.scopeCell()}${follow > 0 ? `; trail followed up to ${follow} hop${follow === 1 ? '' : 's'}` : '; trail not followed'}`,
          ],
          ['Window', `${code(result.window.start)} to ${code(result.window.end)}`],
          ['First seen', this.events ? code(this.firstTime) : 'no activity in the window'],
          ['Last seen', this.events ? code(this.lastTime) : '–'],
          [
            'Events',
            `${this.events} in scope: ${this.writeCount} write calls, ${this.errorCount} failed` +
              `${
                this.errors.counts.size
                  ? ` (${this.errors
                      .top(5)
                      .map(([c, n]) => `${code(c, 60)} ${n}`)
                      .join(', ')})`
                  : ''
              }; ` +
              `${reads.recordsRead.toLocaleString('en-US')} records read`,
          ],
          ['Regions', counted(this.regions, 64)],
          ['Findings', findings.length ? counts.join(' · ') : 'none'],
          ['Source', text(describeReads(reads))],
        ],
      ),
      '',
    );
    if (reads.notFollowed.length > 0) {
      out.push(
        `> **Not followed** (read budget): ${reads.notFollowed
          .slice(0, 20)
          .map((v) => code(v))
          .join(', ')}`,
        '',
      );
    }
    out.push('### Credentials', '', this.credentialsTable(), '');
    if (this.events > 0) {
      out.push(
        '### Activity',
        '',
        'Times in UTC. Bars: hours with calls; ✎ write calls; ⤷ how a credential came in; ⚑ findings.',
        '',
      );
      out.push(this.chart(writes, findings), '');
    }
    if (writes.length > 0) {
      out.push(`### Write calls, in order (${this.writeCount})`, '');
      const shown = writes.slice(0, WRITES_SHOWN);
      out.push(
        table(
          ['Time', 'Credential', 'Call', 'Region', 'Source address', 'Result', 'Rules', 'Event ID'],
          shown.map((w) => [
            code(w.eventTime),
            code(w.credential),
            `${code(w.eventName)} (${code(w.eventSource, 60)})`,
            code(w.region, 64),
            code(w.address, 80),
            w.errorCode ? `failed: ${code(w.errorCode, 80)}` : 'ok',
            w.rules.length
              ? w.rules
                  .slice(0, 5)
                  .map((r) => code(r))
                  .join(' ')
              : '–',
            code(w.eventID),
          ]),
        ),
        '',
      );
      if (this.writeCount > shown.length) {
        out.push(
          `And ${this.writeCount - shown.length} more write calls: every event is in the timeline file.`,
          '',
        );
      }
    }
    if (this.events > 0) {
      out.push('### Source addresses', '', countTable('Address', this.addresses, 100), '');
      out.push('### User agents', '', countTable('User agent', this.agents, 200), '');
    }
    if (findings.length > 0) {
      out.push(
        '### Findings, in order',
        '',
        table(
          ['First seen', 'Severity', 'Rule', 'Events'],
          findings
            .slice(0, 100)
            .map((f) => [
              code(f.firstSeen),
              `${SEVERITY_ICON[f.severity]} ${f.severity}`,
              `${text(f.title)} ${code(f.ruleId)}`,
              String(f.count),
            ]),
        ),
        '',
      );
    }
    return out.join('\n');
  }

  private scopeCell(): string {
    const parts = [
      ...this.scope.accessKeyIds.map((k) => `access key ${code(k)}`),
      ...this.scope.userNames.map((u) => `IAM user ${code(u)}`),
      ...this.scope.principals.map(
        (p) => `${p.kind === 'role' ? 'every session of role' : p.kind} ${code(p.arn)}`,
      ),
    ];
    return parts.join(', ');
  }

  private credentialsTable(): string {
    const rows = this.credentials.all.slice(0, CREDENTIALS_SHOWN).map((c) => {
      const a = this.activity.get(c);
      return [
        `${code(c.value)}${c.label ? `<br>${code(c.label, 200)}` : ''}`,
        joined(c),
        String(a?.events ?? 0),
        code(a?.firstTime),
        code(a?.lastTime),
        a ? counted(a.regions, 64) : '–',
      ];
    });
    const more = this.credentials.all.length - rows.length;
    return (
      table(['Credential', 'How it came in', 'Events', 'First seen', 'Last seen', 'Regions'], rows) +
      (more > 0 ? `\n\nAnd ${more} more credentials (sessions of a role, followed keys).` : '')
    );
  }

  private chart(writes: WriteCall[], findings: Finding[]): string {
    const sections: GanttSection[] = [];
    const active = this.credentials.all.filter((c) => this.activity.has(c)).slice(0, CHART_CREDENTIALS);
    for (const credential of active) {
      const a = this.activity.get(credential)!;
      const tasks: GanttTask[] = [];
      if (credential.via && credential.sessionOf === undefined) {
        const at = Date.parse(credential.via.eventTime);
        if (!Number.isNaN(at)) {
          tasks.push({
            kind: 'hop',
            label: `${credential.via.eventName} by ${credential.via.from}`,
            start: at,
            end: at,
            milestone: true,
          });
        }
      }
      for (const bar of bars(a.hours)) {
        tasks.push({ kind: 'activity', label: `${bar.events} calls`, start: bar.start, end: bar.end });
      }
      // The write calls that rules flagged first, then the earliest others.
      const own = writes.filter((w) => w.credential === credential.value);
      const shown = [...own.filter((w) => w.rules.length > 0), ...own.filter((w) => w.rules.length === 0)]
        .slice(0, CHART_WRITES)
        .sort((x, y) => x.time - y.time);
      for (const w of shown) {
        tasks.push({ kind: 'write', label: w.eventName, start: w.time, end: w.time, milestone: true });
      }
      sections.push({ title: credential.value, tasks });
    }
    const findingTasks: GanttTask[] = findings.slice(0, CHART_FINDINGS).map((f) => {
      const at = Date.parse(f.firstSeen);
      return {
        kind: 'finding',
        label: `${f.ruleId} (${f.severity})`,
        start: at,
        end: at,
        milestone: true,
        crit: severityRank(f.severity) >= severityRank('high'),
      };
    });
    sections.push({ title: 'Findings', tasks: findingTasks.filter((t) => !Number.isNaN(t.start)) });
    return renderGantt(this.title, sections);
  }
}

function joined(c: Credential): string {
  if (c.sessionOf !== undefined) {
    return `session of the role, started by ${code(c.via?.from)} at ${code(c.via?.eventTime)} in ${code(c.via?.awsRegion)}`;
  }
  if (!c.via) return 'given';
  const what = c.kind === 'console' ? 'console sessions after' : 'created by';
  return (
    `hop ${c.depth}: ${what} ${code(c.via.eventName)} of ${code(c.via.from)} at ${code(c.via.eventTime)} in ` +
    `${code(c.via.awsRegion)} (event ${code(c.via.eventID)})`
  );
}

function counted(counter: Counter, max: number): string {
  const top = counter.top(TOP_SHOWN);
  if (top.length === 0) return '–';
  const rest = counter.counts.size - top.length;
  return (
    top.map(([v, n]) => `${code(v, max)} ${n}`).join(', ') +
    (rest > 0 ? ` and ${rest} more` : '') +
    (counter.others > 0 ? ` (and ${counter.others} events of other values)` : '')
  );
}

function countTable(header: string, counter: Counter, max: number): string {
  const top = counter.top(TOP_SHOWN);
  const rows = top.map(([v, n]) => [code(v, max), String(n)]);
  const rest = counter.counts.size - top.length;
  if (rest > 0 || counter.others > 0) rows.push([`${rest + (counter.others > 0 ? 1 : 0)} more values`, '']);
  return table([header, 'Events'], rows);
}

function sortedWrites(writes: WriteCall[]): WriteCall[] {
  return writes.sort(
    (a, b) => a.time - b.time || (a.eventID < b.eventID ? -1 : a.eventID > b.eventID ? 1 : 0),
  );
}

/** Runs of hours with events, merged over the smallest gaps until at most CHART_BARS remain. */
function bars(hours: Map<number, number>): { start: number; end: number; events: number }[] {
  const sorted = [...hours].sort((a, b) => a[0] - b[0]);
  const runs: { from: number; to: number; events: number }[] = [];
  for (const [hour, n] of sorted) {
    const last = runs.at(-1);
    if (last && hour === last.to + 1) {
      last.to = hour;
      last.events += n;
    } else {
      runs.push({ from: hour, to: hour, events: n });
    }
  }
  while (runs.length > CHART_BARS) {
    let best = 1;
    for (let i = 2; i < runs.length; i++) {
      if (runs[i]!.from - runs[i - 1]!.to < runs[best]!.from - runs[best - 1]!.to) best = i;
    }
    const [merged] = runs.splice(best, 1);
    runs[best - 1]!.to = merged!.to;
    runs[best - 1]!.events += merged!.events;
  }
  return runs.map((r) => ({ start: r.from * HOUR, end: (r.to + 1) * HOUR, events: r.events }));
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}
