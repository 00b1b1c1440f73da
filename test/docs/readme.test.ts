/**
 * Everything the README and the user docs that hold its recipes (docs/cli.md, docs/recipes.md, docs/reports.md)
 * show is exercised: their generated examples are what the code produces today, every YAML block parses (workflow
 * steps use only inputs action.yml has; allowlists load), the quick start is the file docs/examples/scheduled-audit.yml,
 * and every command of their shell blocks that runs without AWS is run here, in a scratch folder laid out as the
 * commands expect; the others are listed below with the reason.
 */
import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse, parseDocument } from 'yaml';
import { parseAllowlist } from '../../src/allowlist/allowlist.js';
import { HELP, main } from '../../src/cli/main.js';
import { actionEnv, ROOT, runNode, tempDir } from '../helpers/run-process.js';
// @ts-expect-error -- a plain ESM script, shared by `npm run docs:readme` and this test
import * as examples from '../../scripts/readme-examples.mjs';

const {
  withReadmeExamples,
  withReportExamples,
  QUICK_START_FILE,
  REPORTS_FILE,
  DEMO_COMMAND,
  SUMMARY_COMMAND,
} = examples as {
  withReadmeExamples: (readme: string, parts: { workflowYaml: string; demoOutput: string }) => string;
  withReportExamples: (reports: string, parts: { summaryMarkdown: string; issuesDoc: string }) => string;
  QUICK_START_FILE: string;
  REPORTS_FILE: string;
  DEMO_COMMAND: string[];
  SUMMARY_COMMAND: string[];
};

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
/** The README and the user docs its recipes and examples moved to: all checked alike. */
const DOCS = ['README.md', 'docs/cli.md', 'docs/recipes.md', 'docs/reports.md'];
const docs = DOCS.map((file) => readFileSync(join(ROOT, file), 'utf8')).join('\n');
const actionInputs = new Set(
  Object.keys((parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { inputs: object }).inputs),
);

function fencedBlocks(markdown: string, languages: string[]): string[] {
  const blocks: string[] = [];
  for (const m of markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)) {
    if (languages.includes(m[1]!)) blocks.push(m[2]!);
  }
  return blocks;
}

/** Shell words of one command line: quotes, `\` line continuations and `#` comments as sh reads them. */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'" || c === '"') {
      const close = line.indexOf(c, i + 1);
      if (close === -1) throw new Error(`unclosed quote in: ${line}`);
      word = (word ?? '') + line.slice(i + 1, close);
      i = close;
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === '#' && word === undefined) {
      break;
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

function shellCommands(markdown: string): string[][] {
  return fencedBlocks(markdown, ['sh', 'bash', 'shell'])
    .flatMap((block) => block.replace(/\\\n/g, ' ').split('\n'))
    .map(shellWords)
    .filter((words) => words.length > 0);
}

/** Commands the README shows that this test does not run, and why. */
const DOCUMENTED_ONLY: { when: (words: string[]) => boolean; reason: string }[] = [
  { when: (w) => w[0] === 'aws', reason: 'needs an AWS account (the CLI scans of what they leave are run)' },
  {
    when: (w) => w[0] === 'curl' && w.at(-1)!.endsWith('/deploy/cloudformation/audit-role.yml'),
    reason: 'network: fetches deploy/cloudformation/audit-role.yml, which test/deploy checks',
  },
  { when: (w) => w[0] === 'npm', reason: '.ci/run and CI run npm ci, npm test and npm run package' },
  { when: (w) => w[0] === 'bash' && w[1] === '.ci/run', reason: 'CI runs it' },
  {
    when: (w) => w[0] === 'node' && w[1]!.startsWith('bench/'),
    reason:
      'benchmarks are run by hand, never as timed tests (test/sources/athena-pruning.test.ts covers its estimator)',
  },
  {
    when: (w) => w[0] === 'git' && w[1] === 'clone',
    reason:
      'network: the checkout under test stands for this repository, the SigmaHQ rules fixture for SigmaHQ',
  },
  { when: (w) => w[0] === 'cd', reason: 'the commands run in a scratch folder laid out as a clone' },
  {
    when: (w) => w[0] === 'npx' && w[1] === '@github/local-action',
    reason: 'not a dependency: its .env is checked and run through the bundle below',
  },
];

/** `cloudtrail-audit ARGS`, `npx cloudtrail-audit ARGS` or `node dist/cli/index.js ARGS`: the CLI's arguments. */
function cliArgs(words: string[]): string[] | undefined {
  if (words[0] === 'cloudtrail-audit') return words.slice(1);
  if (words[0] === 'npx' && words[1] === 'cloudtrail-audit') return words.slice(2);
  // Until the package is on npm (test/package checks that npm installs it from the repository).
  if (words[0] === 'npx' && words[1] === 'github:cloudtrail-audit/cloudtrail-audit') return words.slice(2);
  if (words[0] === 'node' && words[1] === 'dist/cli/index.js') return words.slice(2);
  return undefined;
}

/** A folder laid out as the README's commands expect: the samples, pulled logs, lookup-events output, rules. */
function scratch(): string {
  const dir = tempDir('cta-readme-');
  symlinkSync(join(ROOT, 'samples'), join(dir, 'samples'));
  cpSync(join(ROOT, 'samples/AWSLogs'), join(dir, 'logs'), { recursive: true });
  cpSync(join(ROOT, 'samples/aws-cli/lookup-events-ConsoleLogin.json'), join(dir, 'events.json'));
  mkdirSync(join(dir, 'sigma/rules/cloud/aws'), { recursive: true });
  symlinkSync(
    join(ROOT, 'test/fixtures/sigmahq-aws/cloudtrail'),
    join(dir, 'sigma/rules/cloud/aws/cloudtrail'),
  );
  symlinkSync(join(ROOT, 'docs'), join(dir, 'docs'));
  symlinkSync(join(ROOT, 'rules'), join(dir, 'rules'));
  return dir;
}

const OUTPUT_FLAGS = ['--findings-file', '--summary-file', '--sarif-file', '--timeline-file'];

describe('README.md and the user docs', () => {
  it('have the generated examples as the code writes them today (else `npm run package && npm run docs:readme`)', async () => {
    expect(process.cwd()).toBe(ROOT); // the commands name samples/ relative to the repository
    const dir = tempDir('cta-readme-summary-');
    const file = join(dir, 'summary.md');
    const silent = { stdout: () => {}, stderr: () => {}, isTTY: false, now: () => Date.now() };
    expect(await main([...SUMMARY_COMMAND, file], silent)).toBe(0);
    let demoOutput = '';
    expect(await main(DEMO_COMMAND, { ...silent, stdout: (t) => (demoOutput += t) })).toBe(0);
    const generated = withReadmeExamples(readme, {
      workflowYaml: readFileSync(join(ROOT, QUICK_START_FILE), 'utf8'),
      demoOutput,
    });
    const reports = readFileSync(join(ROOT, REPORTS_FILE), 'utf8');
    const generatedReports = withReportExamples(reports, {
      summaryMarkdown: readFileSync(file, 'utf8'),
      issuesDoc: readFileSync(join(ROOT, 'docs/issues.md'), 'utf8'),
    });
    if (generated !== readme || generatedReports !== reports) {
      throw new Error(
        'README.md or docs/reports.md examples are stale: run `npm run package && npm run docs:readme` and commit them',
      );
    }
    expect(readme).toMatch(
      /^\$ node dist\/cli\/index\.js scan samples\/ --min-severity high\nScanned \d+ events/m,
    );
    expect(readme).toMatch(
      /^\d+ findings: \d+ high \(\d+ more folded into them: they matched the same events\)\.$/m,
    );
    expect(reports).toMatch(/> \*\*\d+ findings:\*\*/);
    expect(reports).toContain('**Title:** [high] One SSH key pushed to several instances');
  });

  it('get a new user from nothing to a scheduled audit in the first two screens of the README', () => {
    const lines = readme.split('\n');
    const at = (pattern: RegExp) => lines.findIndex((line) => pattern.test(line));
    // What it is, the demo, and the quick-start workflow, before anything else.
    expect(at(/^## /)).toBeLessThan(12);
    expect(at(/^node dist\/cli\/index\.js scan samples\//)).toBeLessThan(30);
    expect(at(/readme-example:quick-start:begin/)).toBeLessThan(80);
    const headings = lines.filter((line) => line.startsWith('## ')).slice(0, 3);
    expect(headings).toEqual([
      '## Try it: one minute, no AWS account',
      '## A scheduled audit in ten minutes',
      '## Install the command line',
    ]);
    expect(lines.length).toBeLessThan(400);
  });

  it('have YAML blocks that all parse', () => {
    const blocks = fencedBlocks(docs, ['yaml', 'yml']);
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    for (const block of blocks) {
      const doc = parseDocument(block);
      expect([...doc.errors, ...doc.warnings].map(String)).toEqual([]);
    }
  });

  it('uses only inputs that action.yml has, in every step that runs the action', () => {
    let steps = 0;
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(visit);
      if (!node || typeof node !== 'object') return;
      const step = node as { uses?: string; with?: Record<string, unknown> };
      if (typeof step.uses === 'string' && step.uses.startsWith('cloudtrail-audit/cloudtrail-audit@')) {
        steps++;
        expect(Object.keys(step.with ?? {}).filter((name) => !actionInputs.has(name))).toEqual([]);
      }
      Object.values(node).forEach(visit);
    };
    fencedBlocks(docs, ['yaml', 'yml']).forEach((block) => visit(parse(block)));
    expect(steps).toBeGreaterThanOrEqual(4);
  });

  it('shows the quick start exactly as docs/examples/scheduled-audit.yml, with what a scheduled audit needs', () => {
    const file = readFileSync(join(ROOT, QUICK_START_FILE), 'utf8');
    expect(fencedBlocks(readme, ['yaml'])).toContain(file);
    const workflow = parse(file) as {
      on: { schedule: { cron: string }[]; workflow_dispatch: { inputs: Record<string, unknown> } };
      permissions: Record<string, string>;
      concurrency: { group: string; 'cancel-in-progress': boolean };
      jobs: { audit: { steps: { uses?: string; if?: string; with?: Record<string, string> }[] } };
    };
    expect(workflow.on.schedule[0]!.cron).toMatch(/^\d+ \* \* \* \*$/); // hourly
    expect(Object.keys(workflow.on.workflow_dispatch.inputs).sort()).toEqual([
      'end-time',
      'lookback-hours',
      'start-time',
    ]);
    expect(workflow.permissions).toEqual({
      contents: 'read',
      'id-token': 'write',
      issues: 'write',
      'security-events': 'write',
    });
    expect(workflow.concurrency).toEqual({ group: 'cloudtrail-audit-issues', 'cancel-in-progress': false });
    const [audit, upload] = workflow.jobs.audit.steps;
    // Hourly runs over two hours: each window overlaps the last for CloudTrail's delivery delay.
    expect(audit!.with!['lookback-hours']).toBe("${{ inputs.lookback-hours || '2' }}");
    expect(upload!.uses).toMatch(/^github\/codeql-action\/upload-sarif@v\d+$/);
    expect(upload!.if).toMatch(/^always\(\)/);
    expect(upload!.with!.category).toBeTruthy();
  });

  it('have JSON blocks that parse, and a trust policy that checks aud and sub as deploy/ does', () => {
    const blocks = fencedBlocks(docs, ['json']).map((b) => JSON.parse(b) as Record<string, unknown>);
    const trust = blocks.find((b) => b.Action === 'sts:AssumeRoleWithWebIdentity') as {
      Condition: { StringEquals: Record<string, string> };
    };
    expect(trust.Condition.StringEquals).toEqual({
      'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
      'token.actions.githubusercontent.com:sub': 'repo:OWNER/REPO:ref:refs/heads/main',
    });
  });

  it('has an allowlist example that the allowlist loader accepts', () => {
    const allowlists = fencedBlocks(docs, ['yaml']).filter((b) => /^entries:/m.test(b));
    expect(allowlists).toHaveLength(1);
    const allowlist = parseAllowlist(allowlists[0]!, 'README.md', Date.parse('2026-01-01T00:00:00Z'));
    expect(allowlist.entries).toHaveLength(2);
  });

  const commands = shellCommands(docs);
  const runnable = commands.filter((w) => !DOCUMENTED_ONLY.some((d) => d.when(w)));

  it('lists each shell command it does not run, with a reason', () => {
    const skipped = commands.filter((w) => DOCUMENTED_ONLY.some((d) => d.when(w)));
    expect(skipped.map((w) => w.slice(0, 2).join(' '))).toEqual(
      expect.arrayContaining([
        'aws s3',
        'aws cloudtrail',
        'aws cloudformation',
        'git clone',
        'npx @github/local-action',
      ]),
    );
    for (const words of runnable) {
      if (!cliArgs(words) && words[0] !== 'env')
        throw new Error(`a README command this test cannot run: ${words.join(' ')}`);
    }
    expect(runnable.length).toBeGreaterThanOrEqual(8);
  });

  it("shows in its usage block only flags that the CLI's --help lists", () => {
    const usage = fencedBlocks(readme, ['']).find((b) => b.startsWith('cloudtrail-audit scan PATH...'))!;
    const cliUsage = fencedBlocks(readFileSync(join(ROOT, 'docs/cli.md'), 'utf8'), ['']).find((b) =>
      b.startsWith('cloudtrail-audit scan PATH...'),
    )!;
    const flags = [...new Set([...(usage + cliUsage).matchAll(/--[a-z][a-z0-9-]*/g)].map((m) => m[0]))];
    expect(flags.length).toBeGreaterThanOrEqual(15);
    expect(flags.filter((flag) => !new RegExp(`${flag}\\b`).test(HELP))).toEqual([]);
  });

  it('deploys the role with parameters the CloudFormation template has', () => {
    const deploy = commands.find((w) => w[0] === 'aws' && w[1] === 'cloudformation' && w[2] === 'deploy')!;
    const template = readFileSync(join(ROOT, 'deploy/cloudformation/audit-role.yml'), 'utf8');
    const parameters = new Set(
      [
        ...template
          .slice(template.indexOf('\nParameters:'), template.indexOf('\nConditions:'))
          .matchAll(/^ {2}(\w+):$/gm),
      ].map((m) => m[1]!),
    );
    const overrides = deploy
      .slice(deploy.indexOf('--parameter-overrides') + 1)
      .filter((w) => !w.startsWith('--'));
    expect(overrides.map((o) => o.split('=')[0]!).filter((name) => !parameters.has(name))).toEqual([]);
    expect(overrides.length).toBeGreaterThan(0);
    expect(deploy[deploy.indexOf('--template-file') + 1]).toBe('audit-role.yml');
  });

  it.each(runnable.filter((w) => cliArgs(w)).map((w) => [w.join(' '), cliArgs(w)!] as [string, string[]]))(
    'runs `%s` on the sample logs',
    async (_line, args) => {
      const dir = scratch();
      const result = await runNode(join(ROOT, 'dist/cli/index.js'), args, {}, dir);
      if (result.code !== 0) throw new Error(`exit ${result.code}\n${result.stderr}`);
      if (args[0] === 'scan') {
        expect(result.stdout).toMatch(/\d+ findings?|No findings/i);
        args.forEach((arg, i) => {
          if (OUTPUT_FLAGS.includes(arg)) expect(statSync(join(dir, args[i + 1]!)).size).toBeGreaterThan(0);
        });
      } else {
        expect(result.stdout.length).toBeGreaterThan(0);
      }
    },
  );

  it.each(runnable.filter((w) => w[0] === 'env').map((w) => [w.join(' '), w] as [string, string[]]))(
    'runs the action bundle as `%s`',
    async (_line, words) => {
      const dir = scratch();
      const nodeAt = words.indexOf('node');
      const env: Record<string, string> = {};
      for (const assignment of words.slice(1, nodeAt)) {
        const eq = assignment.indexOf('=');
        env[assignment.slice(0, eq)] = assignment.slice(eq + 1).replace('$PWD', dir);
      }
      expect(words.slice(nodeAt + 1)).toEqual(['dist/index.js']);
      const result = await runNode(join(ROOT, 'dist/index.js'), [], env, dir);
      if (result.code !== 0) throw new Error(`exit ${result.code}\n${result.stdout}\n${result.stderr}`);
      const written = JSON.parse(readFileSync(join(dir, 'cloudtrail-audit-findings.json'), 'utf8')) as {
        findings: unknown[];
      };
      expect(written.findings.length).toBeGreaterThan(0);
    },
  );
});

describe('docs/examples/local-action.env', () => {
  const file = join(ROOT, 'docs/examples/local-action.env');
  const inputs = Object.fromEntries(
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => {
        const m = /^INPUT_([A-Z0-9-]+)=(.*)$/.exec(line);
        if (!m) throw new Error(`not an INPUT_ line: ${line}`);
        return [m[1]!.toLowerCase(), m[2]!];
      }),
  );

  /**
   * `npx @github/local-action run . src/action/main.ts docs/examples/local-action.env`, as the README says, with the
   * workspace in a scratch folder. local-action stands in for @actions/core and @actions/cache with its own
   * modules (its cache offers restoreCache and saveCache only), and exits 0 whatever happened: the log says.
   */
  async function localAction(envFile: string): Promise<{ log: string; dir: string }> {
    const dir = scratch();
    const result = await new Promise<{ code: number | null; log: string }>((resolvePromise, reject) => {
      const child = spawn(
        join(ROOT, 'node_modules/.bin/local-action'),
        ['run', '.', 'src/action/main.ts', envFile],
        {
          cwd: ROOT,
          env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', GITHUB_WORKSPACE: dir },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let log = '';
      child.stdout.on('data', (d: Buffer) => (log += d.toString()));
      child.stderr.on('data', (d: Buffer) => (log += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolvePromise({ code, log }));
    });
    if (result.code !== 0) throw new Error(`local-action exited ${result.code}\n${result.log}`);
    return { log: result.log, dir };
  }

  it('runs with `npx @github/local-action`, keeping the history in its state file', async () => {
    const { log, dir } = await localAction(file);
    expect(log).not.toMatch(/::error::/);
    expect(log).toMatch(/\d+ findings: /);
    const findings = JSON.parse(readFileSync(join(dir, inputs['findings-file']!), 'utf8')) as {
      findings: unknown[];
    };
    expect(findings.findings.length).toBeGreaterThan(0);
    expect(statSync(join(dir, inputs['state-file']!)).size).toBeGreaterThan(0);
  }, 120_000);

  it('runs with `npx @github/local-action` and the default state (the Actions cache: local-action stands in)', async () => {
    const copy = join(tempDir('cta-local-action-'), 'default-state.env');
    writeFileSync(
      copy,
      readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => !/^INPUT_STATE/.test(line))
        .join('\n'),
    );
    const { log } = await localAction(copy);
    // Once `cache.isFeatureAvailable is not a function`: the run failed before reading anything.
    expect(log).not.toMatch(/::error::/);
    expect(log).toMatch(/\d+ findings: /);
  }, 120_000);

  it('sets only inputs that action.yml has, and the bundled action runs with them', async () => {
    const dir = scratch();
    const env = actionEnv(inputs, dir); // throws on an input action.yml does not have
    const result = await runNode(join(ROOT, 'dist/index.js'), [], env, dir);
    if (result.code !== 0) throw new Error(`exit ${result.code}\n${result.stdout}\n${result.stderr}`);
    const findings = JSON.parse(readFileSync(join(dir, inputs['findings-file']!), 'utf8')) as {
      findings: { severity: string }[];
    };
    expect(findings.findings.length).toBeGreaterThan(0);
    expect(findings.findings.every((f) => ['medium', 'high', 'critical'].includes(f.severity))).toBe(true);
    expect(existsSync(join(dir, inputs['sarif-file']!))).toBe(true);
    expect(dirname(file)).toBe(join(ROOT, 'docs/examples'));
  });
});
