/**
 * What a new user meets at the command line, each case one mistake or surprise that once passed silently or
 * misled (issue #18): a window that holds none of the events read, a rule that does not load, typos in flags,
 * rule ids and rule fields, flags that a command or source does not read, and the status lines of a scan.
 */
import { describe, expect, it } from '@jest/globals';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli-io.js';
import { ROOT, tempDir } from '../helpers/run-process.js';

const SAMPLES = join(ROOT, 'samples');

const run = (argv: string[], now = '2024-08-03T00:00:00Z') => runCli(argv, now);

const RULE = (extra: string[]) =>
  [
    'title: Trail stopped',
    'name: my-trail-stopped',
    'logsource: { product: aws, service: cloudtrail }',
    ...extra,
    'level: high',
  ].join('\n');

describe('a window that holds none of the events read', () => {
  it('is a warning, never "No findings."', async () => {
    // The samples end in 2024; the last 24 hours of 2030 hold none of them.
    const result = await run(['scan', SAMPLES, '--since', '24h'], '2030-01-01T00:00:00Z');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /Warning: 167 events read, none in the window 2029-12-31T00:00:00\.000Z \.\. 2030-01-01T00:00:00\.000Z: nothing was audited/,
    );
    expect(result.stdout).not.toMatch(/No findings/);
    const quiet = await run(['scan', SAMPLES, '--since', '24h', '--quiet'], '2030-01-01T00:00:00Z');
    expect(quiet.stderr).toMatch(/^warning: 167 events read, none in the window/m);
  });
});

describe('a rule that does not load', () => {
  function rules(): string {
    const dir = tempDir('cta-rules-');
    writeFileSync(
      join(dir, 'good.yml'),
      RULE(['detection:', '  sel: { eventName: StopLogging }', '  condition: sel']),
    );
    writeFileSync(join(dir, 'broken.yml'), RULE(['detection:', '  sel: { eventName: StopLogging }']));
    return dir;
  }

  it('stops the scan with exit 2, naming the file and the problem', async () => {
    const dir = rules();
    const result = await run(['scan', SAMPLES, '--rules-path', dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `${join(dir, 'broken.yml')} (Trail stopped) not loaded: 'detection' has no 'condition'`,
    );
    expect(result.stderr).toMatch(/--allow-rule-errors/);
    expect(result.stdout).toBe('');
    // rules list and rules list --markdown say the same.
    expect((await run(['rules', 'list', '--rules-path', dir])).code).toBe(2);
  });

  it('is scanned without, named in the status line, when the user allows it', async () => {
    const dir = rules();
    const result = await run(['scan', SAMPLES, '--rules-path', dir, '--allow-rule-errors', '--quiet']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^1 rule not loaded\.$/m);
    expect(result.stdout).toContain(
      `    rule ${join(dir, 'broken.yml')} (Trail stopped): 'detection' has no 'condition'`,
    );
    const loud = await run(['scan', SAMPLES, '--rules-path', dir, '--allow-rule-errors']);
    expect(loud.stderr).toMatch(/^warning: rule .*broken\.yml \(Trail stopped\) not loaded/m);
    expect(loud.stdout).toMatch(/^1 rule not loaded \(listed above\)\.$/m);
  });
});

describe('typos', () => {
  it('in a flag: our message, with a did-you-mean', async () => {
    const result = await run(['scan', SAMPLES, '--sinse', '24h']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "cloudtrail-audit: unknown option '--sinse'; did you mean '--since'? ('cloudtrail-audit --help' lists the options)\n",
    );
    expect((await run(['scan', SAMPLES, '--rules', 'x'])).stderr).toMatch(
      /'--rules'; did you mean '--rules-path'\?/,
    );
    expect((await run(['scan', SAMPLES, '--min-severity', 'hgih'])).stderr).toMatch(
      /--min-severity: 'hgih' is not one of informational, low, medium, high, critical; did you mean 'high'\?/,
    );
    expect((await run(['scan', SAMPLES, '--since'])).stderr).toMatch(/--since needs a value/);
    expect((await run(['scan', SAMPLES, '--quiet=yes'])).stderr).toMatch(/--quiet takes no value/);
    expect((await run(['sacn', SAMPLES])).stderr).toMatch(/unknown command 'sacn'; did you mean 'scan'\?/);
  });

  it('in a duration: --since named, the unit suggested', async () => {
    const result = await run(['scan', SAMPLES, '--since', '24']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--since: '24' has no unit: give 24h for hours/);
    expect((await run(['scan', SAMPLES, '--since', 'yesterday'])).stderr).toMatch(
      /--since: 'yesterday' is not a duration/,
    );
    expect((await run(['scan', SAMPLES, '--start', 'monday'])).stderr).toMatch(/--start: 'monday' is not/);
    expect(
      (await run(['scan', SAMPLES, '--start', '2024-08-02T00:00:00Z', '--end', '2024-08-01T00:00:00Z']))
        .stderr,
    ).toMatch(/--start 2024-08-02T00:00:00\.000Z is after --end/);
  });

  it('in an excluded rule id: an error with a did-you-mean', async () => {
    const result = await run(['scan', SAMPLES, '--exclude-rules', 'iam-user-creatd']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /exclude-rules: no rule has the id 'iam-user-creatd'; did you mean 'iam-user-created'\?/,
    );
    const far = await run(['rules', 'list', '--exclude-rules', 'no-such-rule']);
    expect(far.code).toBe(2);
    expect(far.stderr).toMatch(
      /no rule has the id 'no-such-rule' \('cloudtrail-audit rules list' shows the ids\)/,
    );
  });

  it('in an allowlist rule id: an error naming the entry', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'allow.yml'),
      'entries:\n  - rules: [ssm-send-command]\n    reason: patching\n  - rules: [iam-user-craeted]\n    reason: CI\n',
    );
    const result = await run(['scan', SAMPLES, '--allowlist', join(dir, 'allow.yml')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /allowlist .*allow\.yml:4: no rule has the id 'iam-user-craeted' \(did you mean 'iam-user-created'\?\)/,
    );
  });

  it('in a rule field: a warning with the CloudTrail field it was meant to be, and the rule still runs', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'typo.yml'),
      RULE([
        'detection:',
        '  sel: { eventname: StopLogging, userIdentity.username: christophe }',
        '  other: { eventName: StopLogging }',
        '  condition: sel or other',
        'fields: [requestParameters.name, sourceIpAddress]',
      ]),
    );
    const result = await run(['scan', SAMPLES, '--no-builtin-rules', '--rules-path', dir]);
    expect(result.code).toBe(0);
    const warnings = result.stderr.split('\n').filter((l) => l.startsWith('warning: rule'));
    expect(warnings).toEqual([
      expect.stringMatching(
        /typo\.yml \(Trail stopped\): selection 'sel': 'eventname' is not a CloudTrail record field; did you mean 'eventName'\? \(field names are case-sensitive\): this part of the detection never matches$/,
      ),
      expect.stringMatching(
        /'userIdentity\.username' is not a field of userIdentity; did you mean 'userIdentity\.userName'\?/,
      ),
      expect.stringMatching(
        /'fields': 'sourceIpAddress' is not a CloudTrail record field; did you mean 'sourceIPAddress'\?.*always empty$/,
      ),
    ]);
    expect(result.stdout).toMatch(/1 finding: 1 high/);

    // --quiet prints no warning as it comes: the summary lists them, as it lists the problems; so do the job
    // summary and `rules test`, where the rule's own test events would pass with the same typo.
    const summary = join(dir, 'summary.md');
    const quiet = await run([
      'scan',
      SAMPLES,
      '--no-builtin-rules',
      '--rules-path',
      dir,
      '--quiet',
      '--summary-file',
      summary,
    ]);
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout).toMatch(/^3 rule warnings\.$/m);
    expect(quiet.stdout).toMatch(
      /^ {4}rule .*typo\.yml \(Trail stopped\): selection 'sel': 'eventname' is not a CloudTrail record field; did you mean 'eventName'\?/m,
    );
    expect(readFileSync(summary, 'utf8')).toMatch(
      /### Rule warnings\n\nThese rules ran, but a part of them can never match:\n\n- `.*typo\.yml`: `selection 'sel': 'eventname' is not a CloudTrail record field/,
    );
    const tested = await run(['rules', 'test', '--no-builtin-rules', '--rules-path', dir]);
    expect(tested.stderr.split('\n').filter((l) => l.startsWith('warning: rule'))).toHaveLength(3);
    expect(tested.stdout).toMatch(/; 3 rule warnings \(above\)$/m);
    const listed = await run(['rules', 'list', '--no-builtin-rules', '--rules-path', dir]);
    expect(listed.stderr.split('\n').filter((l) => l.startsWith('warning: rule'))).toHaveLength(3);
    expect(listed.stdout).toMatch(
      /^1 rule \(1 single-event and first-seen, 0 correlation\); 3 rule warnings \(above\)$/m,
    );
  });
});

describe('flags a command or a source does not read', () => {
  it('are refused with the files source, as the action refuses them', async () => {
    for (const [flags, named] of [
      [['--accounts', '111122223333'], /--accounts: only for --source s3, lookup-events or athena/],
      [['--regions', 'eu-west-1', '--s3-prefix', 'x'], /--regions, --s3-prefix: only for --source/],
      [['--explain'], /--explain: only for --source lookup-events, s3 or athena/],
    ] as const) {
      const result = await run(['scan', SAMPLES, ...flags]);
      expect([result.code, result.stderr]).toEqual([2, expect.stringMatching(named)]);
    }
  });

  it('are refused by a command that does not read them', async () => {
    const result = await run(['rules', 'list', '--since', '24h']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--since: not an option of 'rules list'/);
    expect((await run(['scan', SAMPLES, '--markdown'])).stderr).toMatch(
      /--markdown: not an option of 'scan'/,
    );
  });
});

describe('a report that cannot be written', () => {
  it('is said before the scan, naming the flag', async () => {
    const dir = tempDir();
    for (const flag of [
      '--findings-file',
      '--summary-file',
      '--sarif-file',
      '--timeline-file',
      '--state-file',
    ]) {
      const result = await run(['scan', SAMPLES, flag, dir]);
      expect([result.code, result.stdout, result.stderr]).toEqual([
        2,
        '',
        `cloudtrail-audit: ${flag}: '${dir}' is a folder: give the path of a file\n`,
      ]);
    }
  });
});

describe('rules list', () => {
  it('applies --min-severity and --exclude-rules, most severe first, helper rules marked, with the scan’s count', async () => {
    const all = await run(['rules', 'list']);
    const scan = await run(['scan', SAMPLES, '--quiet']);
    const scanCount = /with (\d+) rules\./.exec(scan.stdout)![1];
    expect(all.stdout).toMatch(new RegExp(`^${scanCount} rules \\(`, 'm'));

    const high = await run([
      'rules',
      'list',
      '--min-severity',
      'high',
      '--exclude-rules',
      'organization-left',
    ]);
    expect(high.code).toBe(0);
    const rows = high.stdout.trim().split('\n').slice(1, -1);
    const levels = rows.map((row) => row.split(/\s{2,}/)[2]);
    const finding = levels.filter((l) => l !== '-');
    expect(new Set(finding)).toEqual(new Set(['critical', 'high']));
    expect(finding).toEqual([...finding].sort((a, b) => (a === b ? 0 : a === 'critical' ? -1 : 1)));
    expect(high.stdout).not.toMatch(/^organization-left /m);
    const scanHigh = await run([
      'scan',
      SAMPLES,
      '--quiet',
      '--min-severity',
      'high',
      '--exclude-rules',
      'organization-left',
    ]);
    expect(high.stdout).toMatch(
      new RegExp(`^${/with (\d+) rules\./.exec(scanHigh.stdout)![1]} rules \\(`, 'm'),
    );
    // A helper rule is listed after the rules that make findings, with what it feeds.
    expect(all.stdout).toMatch(
      /^console-login-failed +helper +- +T1110 +built-in +Console sign-in failed \(feeds console-login-failures, console-password-spraying; no findings of its own\)$/m,
    );
    const kinds = all.stdout
      .trim()
      .split('\n')
      .slice(1, -1)
      .map((row) => row.split(/\s{2,}/)[1]);
    expect(kinds.indexOf('helper')).toBe(kinds.length - kinds.filter((k) => k === 'helper').length);
  });
});

describe('the status lines of a scan', () => {
  it('name each problem under --quiet, and the findings file only when there is one', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'logs'));
    writeFileSync(join(dir, 'logs', 'broken.json'), '{"Records": [');
    const lines = readFileSync(join(SAMPLES, 'aws-cli/lookup-events-ConsoleLogin.json'), 'utf8');
    writeFileSync(join(dir, 'logs', 'one.json'), lines);
    const quiet = await run(['scan', join(dir, 'logs'), '--quiet']);
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).toMatch(/^Scanned 1 event \(1 in the window .*\) from 2 files in /m);
    expect(quiet.stdout).toMatch(/^1 problem\.$/m);
    expect(quiet.stdout).toMatch(/^ {4}.*broken\.json: /m);
    expect(quiet.stdout).not.toMatch(/findings file/);
    const loud = await run(['scan', join(dir, 'logs'), '--findings-file', join(dir, 'f.json')]);
    expect(loud.stdout).toMatch(/^1 problem \(listed above and in the findings file\)\.$/m);
  });

  it('give no verdict when nothing was readable, and name an empty folder', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'empty'));
    const result = await run(['scan', join(dir, 'empty')]);
    expect(result.code).toBe(2);
    expect(result.stdout).not.toMatch(/No findings/);
    expect(result.stderr).toMatch(/empty: no CloudTrail log file in this folder/);
    expect(result.stderr).toMatch(/nothing readable in .*empty/);
    // An empty folder beside readable ones is named too.
    const mixed = await run(['scan', join(dir, 'empty'), join(SAMPLES, 'aws-cli')]);
    expect(mixed.code).toBe(0);
    expect(mixed.stderr).toMatch(/empty: no CloudTrail log file in this folder/);
  });
});
