/**
 * SARIF 2.1.0 for GitHub code scanning. CloudTrail has no source files, so every result points at a synthetic
 * path `aws/<account>/<region>/<service>` (line 1) and carries its own fingerprint: code scanning tracks alerts
 * by `partialFingerprints.primaryLocationLineHash`, which upload-sarif cannot compute for a file that does not
 * exist. Limits of code scanning honoured here: 25,000 results a run (the most severe are kept, the rest counted),
 * at most 10 tags a rule (20 is the hard limit), names ≤ 255 and descriptions ≤ 1,024 characters, and a
 * non-empty `artifactLocation.uri` on every result.
 */
import { createHash } from 'node:crypto';
import type { Finding } from '../core/finding.js';
import { writeText } from '../core/write-file.js';
import type { ScanResult } from '../core/result.js';
import type { RuleMeta } from '../core/rule-meta.js';
import type { Severity } from '../core/severity.js';
import { severityRank } from '../core/severity.js';
import { VERSION } from '../core/version.js';
import { carriedElsewhere, ownPart } from '../findings/fold.js';
import { compare } from '../findings/order.js';
import { attackUrl, isWebUrl, text as markdownText } from './markdown.js';
import { plain } from './plain.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
/** Code scanning rejects a run with more results. */
export const MAX_RESULTS = 25_000;
/** Event ids listed in a result's properties (the findings file lists them all). */
export const MAX_EVENT_IDS = 50;
/** The key of our own fingerprint in `partialFingerprints` (versioned: a new scheme gets a new key). */
export const FINGERPRINT_KEY = 'cloudtrailAuditFingerprint/v1';
/** `tool.driver.informationUri`: the tool's home page. */
export const INFORMATION_URI = 'https://github.com/cloudtrail-audit/cloudtrail-audit';

const MAX_TAGS = 10;
const MAX_NOTIFICATIONS = 50;
/** One id per run keeps the file small when a run has very many results: about 100,000 ids in all. */
const EVENT_ID_BUDGET = 100_000;

export interface SarifOptions {
  /**
   * The analysis category's middle part (`cloudtrail-audit/<automationId>/`). Default: derived from the accounts
   * seen, so that audits of different accounts do not close each other's alerts.
   */
  automationId?: string;
  /** The tool's home page (`tool.driver.informationUri`); default {@link INFORMATION_URI}. */
  informationUri?: string;
}

export type SarifLevel = 'error' | 'warning' | 'note';

export interface SarifMessage {
  text: string;
  markdown?: string;
}

export interface SarifNotification {
  level: SarifLevel;
  message: SarifMessage;
}

export interface SarifReportingDescriptor {
  id: string;
  /** A readable PascalCase name, different from the id (left out when the id gives none). */
  name?: string;
  shortDescription: SarifMessage;
  fullDescription: SarifMessage;
  help: SarifMessage;
  helpUri?: string;
  defaultConfiguration: { level: SarifLevel };
  properties: { tags: string[]; 'security-severity': string; precision: string; severity: Severity };
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: SarifMessage;
  locations: {
    physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
    logicalLocations: { name: string; fullyQualifiedName: string; kind: string }[];
  }[];
  partialFingerprints: Record<string, string>;
  suppressions?: {
    kind: 'external';
    status: 'accepted';
    justification: string;
    properties: { entry: string };
  }[];
  properties: Record<string, unknown>;
}

export interface SarifRun {
  tool: {
    driver: {
      name: string;
      version: string;
      semanticVersion: string;
      informationUri: string;
      rules: SarifReportingDescriptor[];
    };
  };
  automationDetails: { id: string };
  invocations: {
    executionSuccessful: boolean;
    toolExecutionNotifications: SarifNotification[];
    toolConfigurationNotifications: SarifNotification[];
  }[];
  results: SarifResult[];
  properties: Record<string, unknown>;
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: [SarifRun];
}

const LEVEL: Record<Severity, SarifLevel> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  informational: 'note',
};

/** Code scanning reads > 9.0 as critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low. */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  informational: '1.0',
};

export function buildSarif(result: ScanResult, opts: SarifOptions = {}): SarifLog {
  const rules: SarifReportingDescriptor[] = [];
  const ruleIndex = new Map<string, number>();
  for (const rule of result.rules.catalogue) {
    if (!ruleIndex.has(rule.ruleId)) ruleIndex.set(rule.ruleId, rules.push(descriptor(rule)) - 1);
  }

  const all = [...result.findings, ...result.suppressed].sort(bySeverity);
  const kept = all.slice(0, MAX_RESULTS);
  const leftOut = all.length - kept.length;
  const idsPerResult = Math.max(1, Math.min(MAX_EVENT_IDS, Math.floor(EVENT_ID_BUDGET / (kept.length || 1))));

  // The catalogue describes every rule that can make a finding, whatever its kind.
  const results = kept.map((finding) => {
    const index = ruleIndex.get(finding.ruleId);
    if (index === undefined) throw new Error(`buildSarif: rule ${finding.ruleId} is not in the catalogue`);
    return toResult(ownPart(finding), index, idsPerResult);
  });

  const notifications: SarifNotification[] = [];
  if (leftOut > 0) {
    notifications.push({
      level: 'warning',
      message: {
        text:
          `${leftOut} of ${all.length} findings are not in this SARIF file: code scanning accepts at most ` +
          `${MAX_RESULTS} results a run. The most severe were kept; every finding is in the findings file.`,
      },
    });
  }
  const { stats } = result;
  for (const problem of stats.errors.slice(0, MAX_NOTIFICATIONS)) {
    notifications.push({
      level: 'warning',
      message: { text: plain(`${problem.location}: ${problem.message}`, 1000) },
    });
  }
  const unlisted = stats.errorCount - Math.min(stats.errors.length, MAX_NOTIFICATIONS);
  if (unlisted > 0) {
    notifications.push({
      level: 'warning',
      message: { text: `${unlisted} more problems reading the input (see the findings file).` },
    });
  }

  const configuration: SarifNotification[] = [
    ...result.rules.problems.map((p) => ({
      level: 'warning' as const,
      message: { text: plain(`Rule ${p.file} not loaded: ${p.message}`, 1000) },
    })),
    ...result.expiredAllowlistEntries.map((e) => ({
      level: 'note' as const,
      message: {
        text: plain(`Allowlist entry ${e.entry} expired on ${e.expires} and no longer applies.`, 1000),
      },
    })),
  ].slice(0, MAX_NOTIFICATIONS);

  const run: SarifRun = {
    tool: {
      driver: {
        name: 'cloudtrail-audit',
        version: VERSION,
        semanticVersion: VERSION,
        informationUri: opts.informationUri ?? INFORMATION_URI,
        rules,
      },
    },
    automationDetails: { id: automationId(result, opts.automationId) },
    invocations: [
      {
        executionSuccessful: true,
        toolExecutionNotifications: notifications,
        toolConfigurationNotifications: configuration,
      },
    ],
    results,
    properties: {
      window: result.window,
      eventsScanned: stats.eventsScanned,
      eventsInWindow: stats.eventsInWindow,
      findings: result.findings.length,
      folded: result.folded.length,
      suppressed: result.suppressed.length,
      resultsLeftOut: leftOut,
      ...(leftOut > 0
        ? {
            note: `${leftOut} findings left out (limit ${MAX_RESULTS} results a run); see the findings file.`,
          }
        : {}),
    },
  };
  return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] };
}

export async function writeSarif(path: string, result: ScanResult, opts: SarifOptions = {}): Promise<void> {
  await writeText(path, JSON.stringify(buildSarif(result, opts), null, 2) + '\n');
}

/**
 * `cloudtrail-audit/<id>/`: the category of the analysis. Code scanning closes the alerts of a category that are
 * absent from its latest upload, so runs over different accounts need different categories.
 */
export function automationId(result: Pick<ScanResult, 'seen'>, given?: string): string {
  if (given !== undefined && given.trim() !== '') {
    const id = plain(given.trim(), 200).replace(/^\/+|\/+$/g, '');
    return `cloudtrail-audit/${id}/`;
  }
  const accounts = [...new Set(result.seen.accounts)].sort();
  if (accounts.length === 0) return 'cloudtrail-audit/accounts-none/';
  const joined = accounts.map(pathSegment).join('+');
  if (accounts.length <= 4 && !result.seen.more && joined.length <= 120) {
    return `cloudtrail-audit/accounts-${joined}/`;
  }
  const digest = createHash('sha256').update(accounts.join('\n')).digest('hex').slice(0, 16);
  return `cloudtrail-audit/accounts-${accounts.length}${result.seen.more ? '-plus' : ''}-${digest}/`;
}

function bySeverity(a: Finding, b: Finding): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    Number(a.suppression !== undefined) - Number(b.suppression !== undefined) ||
    compare(a.firstSeen, b.firstSeen) ||
    compare(a.ruleId, b.ruleId) ||
    compare(a.fingerprint, b.fingerprint)
  );
}

function descriptor(rule: RuleMeta): SarifReportingDescriptor {
  const title = oneLine(rule.title, 1024) || rule.ruleId;
  const description = oneLine(rule.description, 1024) || title;
  const helpUri = rule.references.find(isWebUrl);
  const name = pascalCase(rule.ruleId);
  return {
    id: rule.ruleId,
    ...(name ? { name } : {}),
    shortDescription: { text: title },
    fullDescription: { text: description },
    help: { text: helpText(rule), markdown: helpMarkdown(rule) },
    ...(helpUri ? { helpUri } : {}),
    defaultConfiguration: { level: LEVEL[rule.level] },
    properties: {
      tags: tags(rule),
      'security-severity': SECURITY_SEVERITY[rule.level],
      precision: rule.status === 'stable' ? 'high' : 'medium',
      severity: rule.level,
    },
  };
}

/**
 * A rule's SARIF `name`: its id in PascalCase (`iam-access-key-created` → `IamAccessKeyCreated`), the readable
 * identifier SARIF asks for, which must differ from the id; undefined when the id gives none.
 */
export function pascalCase(ruleId: string): string | undefined {
  const name = ruleId
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('')
    .slice(0, 255);
  return name !== '' && name !== ruleId ? name : undefined;
}

function tags(rule: RuleMeta): string[] {
  const out = new Set<string>(['security', 'cloudtrail']);
  for (const id of rule.attack) out.add(`external/mitre-attack/${id}`);
  for (const tag of rule.tags) {
    if (/^attack\.t\d{4}/i.test(tag)) continue; // already there as a technique id
    out.add(oneLine(tag, 100));
  }
  return [...out].filter((t) => t !== '').slice(0, MAX_TAGS);
}

function licenceLine(rule: RuleMeta): string | undefined {
  return rule.builtin
    ? undefined
    : `Rule author: ${oneLine(rule.author, 500) || 'unknown'} (Sigma rule, DRL 1.1)`;
}

function helpText(rule: RuleMeta): string {
  const parts: string[] = [block(rule.description) || oneLine(rule.title, 1024)];
  if (rule.triage) parts.push(`Triage:\n${block(rule.triage)}`);
  if (rule.remediation) parts.push(`Remediation:\n${block(rule.remediation)}`);
  if (rule.falsepositives.length) {
    parts.push(`False positives:\n${rule.falsepositives.map((f) => `- ${oneLine(f, 1000)}`).join('\n')}`);
  }
  if (rule.attack.length) {
    parts.push(
      `MITRE ATT&CK:\n${rule.attack.map((id) => `- ${oneLine(id, 40)}${attackUrl(id) ? ` ${attackUrl(id)}` : ''}`).join('\n')}`,
    );
  }
  const refs = rule.references.filter(isWebUrl);
  if (refs.length) parts.push(`References:\n${refs.map((r) => `- ${r}`).join('\n')}`);
  const licence = licenceLine(rule);
  if (licence) parts.push(licence);
  return parts.join('\n\n');
}

/**
 * Built-in rules are our own Markdown; any other rule's text is escaped line by line (no live mentions,
 * references, links or HTML from a third-party rule file), keeping its line breaks.
 */
function helpMarkdown(rule: RuleMeta): string {
  const md = (value: string) => (rule.builtin ? block(value) : escapeLines(value));
  const parts: string[] = [
    `**${markdownText(oneLine(rule.title, 1024))}** (\`${rule.ruleId.replace(/`/g, "'")}\`, severity ${rule.level})`,
    md(rule.description),
  ];
  if (rule.triage) parts.push('## Triage', md(rule.triage));
  if (rule.remediation) parts.push('## Remediation', md(rule.remediation));
  if (rule.falsepositives.length) {
    parts.push(
      '## False positives',
      rule.falsepositives.map((f) => `- ${markdownText(oneLine(f, 1000))}`).join('\n'),
    );
  }
  if (rule.attack.length) {
    parts.push(
      '## MITRE ATT&CK',
      rule.attack
        .map((id) => {
          const url = attackUrl(id);
          return url ? `- [${id}](${url})` : `- ${markdownText(oneLine(id, 40))}`;
        })
        .join('\n'),
    );
  }
  const refs = rule.references.filter(isWebUrl).filter((r) => !/[\s<>]/.test(r));
  if (refs.length) parts.push('## References', refs.map((r) => `- <${r}>`).join('\n'));
  if (!rule.builtin) {
    parts.push(`Rule author: ${markdownText(oneLine(rule.author, 500) || 'unknown')} (Sigma rule, DRL 1.1)`);
  }
  return parts.filter((p) => p !== '').join('\n\n');
}

function escapeLines(value: string): string {
  return value
    .trim()
    .split(/\r\n|\r|\n/)
    .map((line) => (line.trim() === '' ? '' : markdownText(line)))
    .join('\n');
}

function toResult(f: Finding, ruleIndex: number, idsPerResult: number): SarifResult {
  const actors = distinct(f.events.map((e) => e.actor));
  const accounts = distinct(f.events.map((e) => e.recipientAccountId));
  const regions = distinct(f.events.map((e) => e.awsRegion));
  const services = distinct(f.events.map((e) => service(e.eventSource)));
  const actor = f.group.actor ?? (actors.length === 1 ? actors[0]! : undefined);
  const account = f.group.recipientAccountId ?? (accounts.length === 1 ? accounts[0]! : undefined);
  const region = regions.length === 1 ? regions[0]! : regions.length === 0 ? '' : 'multiple-regions';
  const svc = services.length === 1 ? services[0]! : services.length === 0 ? '' : 'multiple-services';
  const uri = ['aws', account ?? 'multiple-accounts', region, svc].map(pathSegment).join('/');

  const who = actor !== undefined ? messageValue(actor) : `${actors.length} principals`;
  const where = account !== undefined ? `account ${messageValue(account)}` : `${accounts.length} accounts`;
  const when =
    f.firstSeen === f.lastSeen
      ? `at ${messageValue(f.firstSeen)}`
      : `between ${messageValue(f.firstSeen)} and ${messageValue(f.lastSeen)}`;
  const events = `${f.count} ${f.count === 1 ? 'event' : 'events'}`;
  const suppressed = !f.suppression
    ? ''
    : f.suppression.kind === 'allowlist'
      ? ' (suppressed by the allowlist)'
      : ` (suppressed: ${messageValue(f.suppression.reason)})`;
  const also = [...new Set((f.alsoMatched ?? []).map((a) => a.ruleId))];
  const alsoText = also.length ? ` Also matched: ${also.map((id) => messageValue(id)).join(', ')}.` : '';
  const elsewhere = carriedElsewhere(f);
  const elsewhereText = elsewhere
    ? ` ${elsewhere} more ${elsewhere === 1 ? 'event is' : 'events are'} reported with ${(f.carriedBy ?? []).map((c) => messageValue(c.ruleId)).join(', ')}.`
    : '';
  const message = `${messageValue(f.title)}: ${events} by ${who} in ${where} ${when}${suppressed}.${alsoText}${elsewhereText}`;

  const eventIDs = f.events.slice(0, idsPerResult).map((e) => cap(e.eventID, 200));
  const result: SarifResult = {
    ruleId: f.ruleId,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: message },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri }, region: { startLine: 1 } },
        logicalLocations: [
          {
            name: cap(actor ?? actors[0] ?? 'unknown', 1000),
            fullyQualifiedName: cap(
              `${account ?? 'multiple-accounts'}/${actor ?? actors[0] ?? 'unknown'}`,
              1000,
            ),
            kind: 'resource',
          },
        ],
      },
    ],
    partialFingerprints: {
      // What code scanning matches alerts by (it cannot hash a synthetic path); same shape as upload-sarif's.
      primaryLocationLineHash: `${f.fingerprint}:1`,
      [FINGERPRINT_KEY]: f.fingerprint,
    },
    properties: {
      severity: f.severity,
      count: f.count,
      firstSeen: f.firstSeen,
      lastSeen: f.lastSeen,
      actor: cap(actor ?? actors.slice(0, 20).join(', '), 1000),
      account: cap(account ?? accounts.slice(0, 20).join(', '), 1000),
      regions: regions.slice(0, 20).map((r) => cap(r, 100)),
      group: Object.fromEntries(Object.entries(f.group).map(([k, v]) => [k, cap(v, 1000)])),
      eventIDs,
      ...(f.count > eventIDs.length ? { eventIDsNotListed: f.count - eventIDs.length } : {}),
      author: cap(f.author, 500),
      attack: f.attack,
      ...(f.alsoMatched
        ? {
            alsoMatched: f.alsoMatched.slice(0, 50).map((a) => ({
              ruleId: a.ruleId,
              fingerprint: a.fingerprint,
              events: a.events,
              folded: a.folded,
            })),
          }
        : {}),
      ...(f.carriedBy
        ? {
            carriedBy: f.carriedBy
              .slice(0, 50)
              .map((c) => ({ ruleId: c.ruleId, fingerprint: c.fingerprint, events: c.eventIDs.length })),
          }
        : {}),
    },
  };
  if (f.suppression) {
    result.suppressions = [
      {
        kind: 'external',
        status: 'accepted',
        justification: plain(f.suppression.reason, 1000),
        properties: { entry: plain(f.suppression.entry, 500) },
      },
    ];
  }
  return result;
}

/** `iam.amazonaws.com` → `iam`. */
function service(eventSource: string): string {
  return eventSource.replace(/\.amazonaws\.com$/i, '');
}

/** One segment of the synthetic path: URI-safe, never empty, never `.` or `..`. */
export function pathSegment(value: string | undefined): string {
  const clean = (value ?? '').replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 64);
  if (clean === '') return 'unknown';
  return /^\.+$/.test(clean) ? clean.replace(/\./g, '_') : clean;
}

/**
 * CloudTrail text inside `message.text` (plain text): control, bidi and zero-width characters made visible,
 * length capped, and `\`, `[`, `]` escaped as SARIF asks, so that nothing reads as an embedded link.
 */
export function messageValue(value: string, max = 200): string {
  return plain(
    value.replace(/[\\[\]]/g, (c) => `\\${c}`),
    max,
  );
}

/** At most `max` characters on one line (a longer text ends with `…`). */
function oneLine(value: string | undefined, max: number): string {
  return plain((value ?? '').trim().replace(/\s*(\r\n|\r|\n)\s*/g, ' '), max - 1);
}

/** Multi-line text of our own: line breaks kept, other control characters made visible. */
function block(value: string | undefined): string {
  return (value ?? '')
    .trim()
    .split(/\r\n|\r|\n/)
    .map((line) => plain(line.replace(/\t/g, '    '), 2000))
    .join('\n');
}

function cap(value: string, max: number): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}

function distinct(values: string[]): string[] {
  return [...new Set(values.filter((v) => v !== ''))].sort();
}
