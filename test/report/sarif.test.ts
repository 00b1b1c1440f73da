import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseAllowlist } from '../../src/allowlist/allowlist.js';
import { silentLogger } from '../../src/core/logger.js';
import { runScan } from '../../src/pipeline/scan.js';
import { type ScanResult } from '../../src/core/result.js';
import { SEVERITIES, severityRank, type Severity } from '../../src/core/severity.js';
import {
  automationId,
  buildSarif,
  FINGERPRINT_KEY,
  INFORMATION_URI,
  MAX_EVENT_IDS,
  MAX_RESULTS,
  messageValue,
  pascalCase,
  pathSegment,
  writeSarif,
  type SarifLog,
  type SarifResult,
} from '../../src/report/sarif.js';
import { VERSION } from '../../src/core/version.js';
import { liveParts } from '../helpers/rendered-markdown.js';
import { ROOT, tempDir } from '../helpers/run-process.js';
import { sarifValidator } from './sarif-schema.js';
import { finding, findingEvent, scanResult, sigmaRule } from './scan-result.js';

const validate = sarifValidator();

const LEVELS: Record<Severity, string> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  informational: 'note',
};

/** What code scanning needs beyond the schema (docs: "SARIF support for code scanning", upload limits). */
function expectCodeScanningRules(log: SarifLog): void {
  expect(validate(log)).toEqual([]);
  expect(log.version).toBe('2.1.0');
  expect(log.$schema).toMatch(/^https:\/\//);
  expect(log.runs).toHaveLength(1);
  const run = log.runs[0];
  expect(run.tool.driver.name).toBe('cloudtrail-audit');
  expect(run.tool.driver.version).toBe(VERSION);
  expect(run.results.length).toBeLessThanOrEqual(MAX_RESULTS);
  expect(run.automationDetails.id).toMatch(/^cloudtrail-audit\/[^/]+\/$/);
  expect(run.invocations[0]!.executionSuccessful).toBe(true);
  const ids = run.tool.driver.rules.map((r) => r.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const rule of run.tool.driver.rules) {
    if (rule.name !== undefined) {
      expect(rule.name.length).toBeLessThanOrEqual(255);
      expect(rule.name).not.toBe(rule.id);
    }
    expect(rule.shortDescription.text).not.toBe('');
    expect(rule.shortDescription.text.length).toBeLessThanOrEqual(1024);
    expect(rule.fullDescription.text).not.toBe('');
    expect(rule.fullDescription.text.length).toBeLessThanOrEqual(1024);
    expect(rule.help.text).not.toBe('');
    const severity = rule.properties['security-severity'];
    expect(severity).toMatch(/^\d+\.\d$/);
    expect(Number(severity)).toBeGreaterThan(0);
    expect(Number(severity)).toBeLessThanOrEqual(10);
    expect(rule.properties.tags).toContain('security');
    expect(rule.properties.tags.length).toBeLessThanOrEqual(10);
    expect(['very-high', 'high', 'medium', 'low']).toContain(rule.properties.precision);
    expect(rule.defaultConfiguration.level).toBe(LEVELS[rule.properties.severity]);
  }
  for (const result of run.results) {
    expect(run.tool.driver.rules[result.ruleIndex]!.id).toBe(result.ruleId);
    expect(result.message.text).not.toBe('');
    expect(result.locations.length).toBeGreaterThanOrEqual(1);
    const uri = result.locations[0]!.physicalLocation.artifactLocation.uri;
    expect(uri).toMatch(/^aws\/[A-Za-z0-9._-]+\/[A-Za-z0-9._-]+\/[A-Za-z0-9._-]+$/);
    for (const segment of uri.split('/')) expect(segment).not.toMatch(/^\.+$/);
    expect(result.locations[0]!.physicalLocation.region.startLine).toBe(1);
    expect(result.partialFingerprints[FINGERPRINT_KEY]).toMatch(/^[0-9a-f]+$/);
    expect(result.partialFingerprints.primaryLocationLineHash).toBe(
      `${result.partialFingerprints[FINGERPRINT_KEY]}:1`,
    );
    expect(result.level).toBe(LEVELS[result.properties.severity as Severity]);
    expect((result.properties.eventIDs as string[]).length).toBeLessThanOrEqual(MAX_EVENT_IDS);
  }
}

describe('SARIF from a real scan (samples/)', () => {
  let result: ScanResult;
  let log: SarifLog;
  beforeAll(async () => {
    result = await runScan(
      { paths: [join(ROOT, 'samples')], rulesPaths: [], excludeRules: [], minSeverity: 'low', window: {} },
      silentLogger,
    );
    log = buildSarif(result, {});
  });

  it('is valid SARIF 2.1.0 that code scanning accepts', () => {
    expect(result.findings.length).toBeGreaterThan(0);
    expectCodeScanningRules(log);
  });

  it('describes every rule of the catalogue (every kind), in load order, and one result per reported finding', () => {
    const run = log.runs[0];
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(result.rules.catalogue.map((r) => r.ruleId));
    expect(new Set(result.rules.catalogue.map((r) => r.kind))).toEqual(
      new Set(['event', 'first-seen', 'correlation']),
    );
    expect(run.results).toHaveLength(result.findings.length);
    expect(new Set(run.results.map((r) => r.partialFingerprints[FINGERPRINT_KEY]))).toEqual(
      new Set(result.findings.map((f) => f.fingerprint)),
    );
    // Folded findings make no result of their own: the result of the finding they are folded into names them.
    expect(result.folded.length).toBeGreaterThan(0);
    const fingerprints = new Set(run.results.map((r) => r.partialFingerprints[FINGERPRINT_KEY]));
    for (const f of result.folded) {
      expect(fingerprints.has(f.fingerprint)).toBe(false);
      const carrier = run.results.find((r) => r.partialFingerprints[FINGERPRINT_KEY] === f.foldedInto)!;
      expect(carrier.message.text).toMatch(/Also matched: .+\.$/);
      expect(carrier.message.text).toContain(f.ruleId);
      expect(carrier.properties.alsoMatched).toContainEqual(
        expect.objectContaining({ ruleId: f.ruleId, fingerprint: f.fingerprint, folded: true }),
      );
    }
  });

  it('keeps the description, triage, remediation and references of correlation and first-seen rules', () => {
    const rules = log.runs[0].tool.driver.rules;
    for (const kind of ['correlation', 'first-seen'] as const) {
      const reported = result.findings.filter(
        (f) => result.rules.catalogue.find((r) => r.ruleId === f.ruleId)!.kind === kind,
      );
      expect(reported.length).toBeGreaterThan(0);
      for (const f of reported) {
        const meta = result.rules.catalogue.find((r) => r.ruleId === f.ruleId)!;
        const d = rules.find((r) => r.id === f.ruleId)!;
        expect(meta.description.length).toBeGreaterThan(meta.title.length);
        expect(d.fullDescription.text).not.toBe(d.shortDescription.text);
        expect(d.help.text).toContain('Triage:');
        expect(d.help.text).toContain('Remediation:');
        expect(d.help.markdown).toContain('## Triage');
        if (meta.references.some((r) => r.startsWith('https://'))) expect(d.helpUri).toMatch(/^https:\/\//);
      }
    }
  });

  it('carries the rule documentation: help with triage, remediation, ATT&CK links, helpUri', () => {
    const rule = log.runs[0].tool.driver.rules.find((r) => r.id === 'iam-access-key-created')!;
    expect(rule.shortDescription.text).toBe('IAM access key created for another user');
    expect(rule.helpUri).toBe('https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateAccessKey.html');
    expect(rule.defaultConfiguration.level).toBe('warning');
    expect(rule.properties['security-severity']).toBe('5.5');
    expect(rule.properties.tags).toEqual(
      expect.arrayContaining(['security', 'external/mitre-attack/T1098.001', 'attack.persistence']),
    );
    for (const help of [rule.help.text, rule.help.markdown!]) {
      expect(help).toContain('Triage');
      expect(help).toContain('Remediation');
      expect(help).toContain('False positives');
      expect(help).toContain('https://attack.mitre.org/techniques/T1098/001/');
    }
    expect(rule.help.markdown).toContain('- [T1098.001](https://attack.mitre.org/techniques/T1098/001/)');
    expect(rule.help.text).not.toContain('Rule author'); // built-in rule: ours
  });

  it('writes a readable message and a synthetic path naming account, region and service', () => {
    const run = log.runs[0];
    const f = result.findings.find((x) => x.ruleId === 'ec2-instance-connect-key-reused')!;
    const r = run.results.find((x) => x.partialFingerprints[FINGERPRINT_KEY] === f.fingerprint)!;
    expect(r.message.text).toBe(
      `${f.title}: 3 events by arn:aws:iam::572910899909:user/christophe in account 572910899909 at ${f.firstSeen}. ` +
        'Also matched: ec2-instance-connect-multi-instance, first-seen-access-key-source-ip, ' +
        'first-seen-ssh-key-push-actor, ec2-instance-connect-ssh-key-pushed.',
    );
    expect(r.locations[0]!.physicalLocation.artifactLocation.uri).toBe(
      'aws/572910899909/eu-south-1r/ec2-instance-connect',
    );
    expect(r.locations[0]!.logicalLocations[0]!.name).toBe('arn:aws:iam::572910899909:user/christophe');
    expect(r.properties).toMatchObject({
      count: 3,
      firstSeen: f.firstSeen,
      lastSeen: f.lastSeen,
      actor: 'arn:aws:iam::572910899909:user/christophe',
      account: '572910899909',
      eventIDs: f.events.map((e) => e.eventID),
      author: 'cloudtrail-audit',
      attack: f.attack,
    });
  });

  it('reports a finding that shares some events by the events it carries, naming where the others are', () => {
    const run = log.runs[0];
    const partial = result.findings.find((f) => f.carriedBy && !f.foldedInto)!;
    expect(partial).toBeDefined();
    const r = run.results.find((x) => x.partialFingerprints[FINGERPRINT_KEY] === partial.fingerprint)!;
    const elsewhere = partial.carriedBy!.reduce((n, c) => n + c.eventIDs.length, 0);
    expect(r.properties.count).toBe(partial.count - elsewhere);
    expect(r.message.text).toContain(
      `${elsewhere} more events are reported with ${partial.carriedBy![0]!.ruleId}.`,
    );
  });

  it('is deterministic', () => {
    expect(JSON.stringify(buildSarif(result, {}))).toBe(JSON.stringify(log));
  });

  it('writeSarif creates the folder and writes JSON', async () => {
    const path = join(tempDir(), 'a', 'b', 'cloudtrail-audit.sarif');
    await writeSarif(path, result, { automationId: 'nightly' });
    const written = JSON.parse(readFileSync(path, 'utf8')) as SarifLog;
    expect(written.runs[0].automationDetails.id).toBe('cloudtrail-audit/nightly/');
    expect(validate(written)).toEqual([]);
  });
});

describe('SARIF edge cases', () => {
  it('writes a valid empty run for an empty scan', () => {
    const log = buildSarif(scanResult({ seen: { accounts: [], regions: [], more: false } }), {});
    expectCodeScanningRules(log);
    expect(log.runs[0].results).toEqual([]);
    expect(log.runs[0].tool.driver.rules).toHaveLength(1);
    expect(log.runs[0].automationDetails.id).toBe('cloudtrail-audit/accounts-none/');
  });

  it('marks suppressed findings with an accepted external suppression', async () => {
    const dir = tempDir();
    const file = join(dir, 'allow.yml');
    const yaml = `- rules: [ssm-send-command]\n  actor: arn:aws:iam::056392974792:user/christophe\n  reason: patching [runs] from this user\n`;
    writeFileSync(file, yaml);
    const result = await runScan(
      {
        paths: [join(ROOT, 'samples')],
        rulesPaths: [],
        excludeRules: [],
        minSeverity: 'low',
        window: {},
        allowlist: parseAllowlist(yaml, file, Date.parse('2025-01-01T00:00:00Z')),
      },
      silentLogger,
    );
    expect(result.suppressed).toHaveLength(1);
    const log = buildSarif(result, {});
    expectCodeScanningRules(log);
    const results = log.runs[0].results;
    expect(results).toHaveLength(result.findings.length + 1);
    const suppressed = results.filter((r) => r.suppressions);
    expect(suppressed).toHaveLength(1);
    expect(suppressed[0]!.suppressions).toEqual([
      {
        kind: 'external',
        status: 'accepted',
        justification: 'patching [runs] from this user',
        properties: { entry: `${file}:1` },
      },
    ]);
    expect(suppressed[0]!.partialFingerprints[FINGERPRINT_KEY]).toBe(result.suppressed[0]!.fingerprint);
    expect(suppressed[0]!.message.text).toMatch(/\(suppressed by the allowlist\)\.$/);
    expect(log.runs[0].properties).toMatchObject({ findings: result.findings.length, suppressed: 1 });
  });

  it(`keeps the ${MAX_RESULTS} most severe results and says how many were left out`, () => {
    const rules = SEVERITIES.map((level) =>
      sigmaRule({ ruleId: `rule-${level}`, title: `Rule ${level}`, level }),
    );
    // 25,100 findings: the 100 informational ones must be the ones left out.
    const findings = Array.from({ length: MAX_RESULTS + 100 }, (_, i) => {
      const level: Severity = i < 100 ? 'informational' : SEVERITIES[1 + (i % 4)]!;
      return finding(i, { rule: rules[severityRank(level)]!, severity: level });
    });
    const result = scanResult({
      findings: findings.sort((a, b) => severityRank(b.severity) - severityRank(a.severity)),
      rules: { ...scanResult().rules, active: rules.length, catalogue: rules },
    });
    const log = buildSarif(result, {});
    expectCodeScanningRules(log);
    const run = log.runs[0];
    expect(run.results).toHaveLength(MAX_RESULTS);
    expect(run.results.some((r) => r.ruleId === 'rule-informational')).toBe(false);
    const ranks = run.results.map((r) => severityRank(r.properties.severity as Severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    expect(run.properties.resultsLeftOut).toBe(100);
    const note = run.invocations[0]!.toolExecutionNotifications[0]!;
    expect(note.level).toBe('warning');
    expect(note.message.text).toMatch(/^100 of 25100 findings are not in this SARIF file/);
  });

  it('keeps a file of 25,000 results with 60 events each under the 10 MB (gzipped) upload limit', () => {
    const events = (i: number) => Array.from({ length: 60 }, (_, j) => findingEvent(i * 100 + j));
    const findings = Array.from({ length: MAX_RESULTS }, (_, i) => finding(i, { events: events(i) }));
    const log = buildSarif(scanResult({ findings }), {});
    const text = JSON.stringify(log, null, 2);
    const gzipped = gzipSync(text).length;
    expect(gzipped).toBeLessThan(10 * 1024 * 1024);
    const ids = log.runs[0].results[0]!.properties.eventIDs as string[];
    expect(ids.length).toBeGreaterThan(0);
    expect(log.runs[0].results[0]!.properties.eventIDsNotListed).toBe(60 - ids.length);
  });

  it('lists at most 50 event ids per result when there are few results', () => {
    const events = Array.from({ length: 70 }, (_, j) => findingEvent(j));
    const log = buildSarif(scanResult({ findings: [finding(1, { events })] }), {});
    const props = log.runs[0].results[0]!.properties;
    expect(props.eventIDs).toEqual(events.slice(0, MAX_EVENT_IDS).map((e) => e.eventID));
    expect(props.eventIDsNotListed).toBe(20);
    expect(log.runs[0].results[0]!.message.text).toBe(
      'IAM access key created: 70 events by arn:aws:iam::111122223333:user/alice in account 111122223333 ' +
        'between 2024-06-03T10:00:00Z and 2024-06-03T10:01:09Z.',
    );
  });

  it('derives the category from the sorted accounts seen, so audits of other accounts keep their alerts', () => {
    const seen = (accounts: string[], more = false) => ({ seen: { accounts, regions: [], more } });
    expect(automationId(seen(['444455556666', '111122223333']))).toBe(
      'cloudtrail-audit/accounts-111122223333+444455556666/',
    );
    expect(automationId(seen(['111122223333', '444455556666']))).toBe(
      automationId(seen(['444455556666', '111122223333'])),
    );
    expect(automationId(seen(['111122223333']))).not.toBe(automationId(seen(['444455556666'])));
    const many = Array.from({ length: 30 }, (_, i) => String(100000000000 + i));
    expect(automationId(seen(many))).toMatch(/^cloudtrail-audit\/accounts-30-[0-9a-f]{16}\/$/);
    expect(automationId(seen(many))).not.toBe(automationId(seen(many.slice(1))));
    expect(automationId(seen(many, true))).toMatch(/^cloudtrail-audit\/accounts-30-plus-/);
    expect(automationId(seen([]), 'prod-org')).toBe('cloudtrail-audit/prod-org/');
    expect(automationId(seen([]), '/a/b/')).toBe('cloudtrail-audit/a/b/');

    const a = buildSarif(scanResult({ findings: [finding(1)] }), {});
    const b = buildSarif(
      scanResult({
        findings: [finding(2, { events: [findingEvent(2, { recipientAccountId: '444455556666' })] })],
      }),
      {},
    );
    expect(a.runs[0].automationDetails.id).toBe('cloudtrail-audit/accounts-111122223333/');
    expect(b.runs[0].automationDetails.id).toBe('cloudtrail-audit/accounts-444455556666/');
  });

  it('maps every severity to a level and a security-severity code scanning reads the same way', () => {
    const rules = SEVERITIES.map((level) => sigmaRule({ ruleId: `r-${level}`, level }));
    const findings = rules.map((rule, i) => finding(i, { rule }));
    const log = buildSarif(
      scanResult({ findings, rules: { ...scanResult().rules, active: 5, catalogue: rules } }),
      {},
    );
    expectCodeScanningRules(log);
    const bySeverity = Object.fromEntries(
      log.runs[0].tool.driver.rules.map((r) => [
        r.properties.severity,
        [r.defaultConfiguration.level, r.properties['security-severity']],
      ]),
    );
    expect(bySeverity).toEqual({
      critical: ['error', '9.5'], // > 9.0: critical
      high: ['error', '8.0'], // 7.0–8.9: high
      medium: ['warning', '5.5'], // 4.0–6.9: medium
      low: ['note', '3.0'], // 0.1–3.9: low
      informational: ['note', '1.0'],
    });
  });

  it('credits third-party rule authors (DRL 1.1) with their text defused', () => {
    const rule = sigmaRule({
      ruleId: 'sigma-aws-iam-backdoor',
      title: 'Backdoor @org/team see #12',
      description: 'Detects <img src=x onerror=alert(1)> and [a link](http://evil.example)\nby @someone',
      author: 'Florian Roth (@Neo23x0), #3',
      triage: 'ping @octocat',
      remediation: undefined,
      builtin: false,
      status: 'experimental',
      references: ['javascript:alert(1)', 'https://github.com/SigmaHQ/sigma'],
    });
    const log = buildSarif(
      scanResult({ findings: [finding(1, { rule })], rules: { ...scanResult().rules, catalogue: [rule] } }),
      {},
    );
    expectCodeScanningRules(log);
    const d = log.runs[0].tool.driver.rules[0]!;
    expect(d.help.text).toContain('Rule author: Florian Roth (@Neo23x0), #3 (Sigma rule, DRL 1.1)');
    expect(d.help.markdown).toMatch(
      /\nRule author: Florian Roth \\\(@\u2060Neo23x0\\\), #\u20603 \(Sigma rule, DRL 1\.1\)$/,
    );
    // Live: only the links we write (ATT&CK, the rule's https references), none from the rule's text.
    const ours = /^element <\/?a( href="https:\/\/(attack\.mitre\.org|github\.com\/SigmaHQ)\/[^"]*")?>$/;
    expect(liveParts(d.help.markdown!).filter((p) => !ours.test(p))).toEqual([]);
    expect(d.help.markdown).not.toContain('javascript:');
    expect(d.helpUri).toBe('https://github.com/SigmaHQ/sigma');
    expect(d.properties.precision).toBe('medium');
  });

  it('caps names and descriptions at the lengths code scanning allows, and lists a rule id once', () => {
    const rule = sigmaRule({
      ruleId: 'r'.repeat(300),
      title: 'T'.repeat(2000),
      description: 'D'.repeat(3000),
      builtin: false,
    });
    const result = scanResult({ rules: { ...scanResult().rules, active: 2, catalogue: [rule, rule] } });
    const log = buildSarif(result, {});
    expectCodeScanningRules(log);
    const [d] = log.runs[0].tool.driver.rules;
    expect(log.runs[0].tool.driver.rules).toHaveLength(1);
    expect(d!.name).toHaveLength(255);
    expect(d!.shortDescription.text).toHaveLength(1024);
    expect(d!.fullDescription.text).toHaveLength(1024);
    expect(d!.fullDescription.text.endsWith('…')).toBe(true);
  });

  it('names rules in readable PascalCase, never equal to their id, and the tool by its home page', () => {
    expect(pascalCase('iam-access-key-created')).toBe('IamAccessKeyCreated');
    expect(pascalCase('aws_cloudtrail_disable_logging')).toBe('AwsCloudtrailDisableLogging');
    expect(pascalCase('Already')).toBeUndefined();
    expect(pascalCase('---')).toBeUndefined();
    const log = buildSarif(scanResult(), {});
    expect(log.runs[0].tool.driver.rules[0]!.name).toBe('IamAccessKeyCreated');
    expect(log.runs[0].tool.driver.informationUri).toBe(INFORMATION_URI);
  });

  it('refuses a finding whose rule the catalogue does not describe (a bug, never a guess)', () => {
    const other = sigmaRule({ ruleId: 'gone', title: 'Gone rule', level: 'high' });
    expect(() => buildSarif(scanResult({ findings: [finding(1, { rule: other })] }), {})).toThrow(
      /rule gone is not in the catalogue/,
    );
  });

  it('reports read problems as warnings, capped', () => {
    const result = scanResult();
    for (let i = 0; i < 260; i++) result.stats.recordSkipped({ file: `f${i}.json\u202e` }, 'invalid JSON');
    const log = buildSarif(result, {});
    expectCodeScanningRules(log);
    const notes = log.runs[0].invocations[0]!.toolExecutionNotifications;
    expect(notes).toHaveLength(51);
    expect(notes[0]).toEqual({ level: 'warning', message: { text: 'f0.json\\u202e: invalid JSON' } });
    expect(notes[50]!.message.text).toBe('210 more problems reading the input (see the findings file).');
  });
});

const HOSTILE = [
  '[x](1) and [y](http://evil.example)',
  'back\\slash',
  'new\nline\r\n## heading',
  'right\u202Eleft',
  'nul\u0000byte',
  '<img src=x onerror=alert(1)>',
  '@org/team #1',
  '../../../etc/passwd',
  '..',
  '',
  'x'.repeat(5000),
  '\ud800 lone surrogate',
];

describe('SARIF with hostile CloudTrail strings', () => {
  it.each(HOSTILE.map((v) => [JSON.stringify(v).slice(0, 60), v]))(
    'stays valid with %s in actor, account, region, service, user agent',
    (_label, value) => {
      const event = findingEvent(1, {
        actor: value,
        recipientAccountId: value,
        awsRegion: value,
        eventSource: value,
        userAgent: value,
        eventID: value,
      });
      const f = { ...finding(1, { events: [event] }), title: `Title ${value}` };
      const log = buildSarif(scanResult({ findings: [f] }), {});
      expectCodeScanningRules(log);
      const r: SarifResult = log.runs[0].results[0]!;
      // eslint-disable-next-line no-control-regex
      expect(r.message.text).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      expect(r.message.text.length).toBeLessThan(1000);
      expect(r.message.text).not.toMatch(/(^|[^\\])\[/); // every [ escaped: no embedded link
      expect(r.locations[0]!.logicalLocations[0]!.name.length).toBeLessThanOrEqual(1001);
    },
  );

  it('runs hostile records through the whole pipeline into valid SARIF', async () => {
    const dir = tempDir();
    const records = HOSTILE.map((value, i) => ({
      eventID: `h${i}`,
      eventTime: `2024-06-03T10:${String(i).padStart(2, '0')}:00Z`,
      eventSource: 'iam.amazonaws.com',
      eventName: 'CreateUser',
      awsRegion: value,
      recipientAccountId: value,
      sourceIPAddress: value,
      userAgent: value,
      userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::111122223333:user/${value}` },
      requestParameters: { userName: value },
    }));
    writeFileSync(join(dir, 'hostile.jsonl'), records.map((r) => JSON.stringify(r)).join('\n'));
    const result = await runScan(
      { paths: [dir], rulesPaths: [], excludeRules: [], minSeverity: 'low', window: {} },
      silentLogger,
    );
    expect(result.findings.length).toBeGreaterThan(0);
    expectCodeScanningRules(buildSarif(result, {}));
  });

  it('escapes and caps message values', () => {
    expect(messageValue('[a](b) \\ ]')).toBe('\\[a\\](b) \\\\ \\]');
    expect(messageValue('a\u202eb\nc')).toBe('a\\u202eb\\u000ac');
    expect(messageValue('x'.repeat(500))).toHaveLength(201);
    expect(pathSegment('')).toBe('unknown');
    expect(pathSegment('..')).toBe('__');
    expect(pathSegment('eu-west-1')).toBe('eu-west-1');
    expect(pathSegment('a/b c?d#e')).toBe('a_b_c_d_e');
  });
});
