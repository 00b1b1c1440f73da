/**
 * An investigation through the action (in-process, the runner's environment): the scope inputs, the 90-day
 * default window, the report in the job summary, every event in scope in the timeline, a SARIF category apart from
 * the scheduled audit's, no history written, and with `create-issues` one issue titled for the investigation
 * (loopback GitHub server) rather than one per finding.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../../src/action/main.js';
import { GitHubServer } from '../helpers/github-server.js';
import { parse } from 'yaml';
import { actionEnv, readOutputs, ROOT, tempDir } from '../helpers/run-process.js';
import {
  BACKDOOR_KEY,
  LEAKED_KEY,
  compromisedAccount,
  type CompromisedAccount,
} from './compromised-account.js';

const NOW = Date.now();
let saved: NodeJS.ProcessEnv;
let github: GitHubServer;
let account: CompromisedAccount;
let logs: string;

beforeAll(async () => {
  github = await GitHubServer.start({ private: true });
  account = compromisedAccount({ events: 3_000, end: new Date(NOW) });
  logs = join(tempDir('cta-investigate-action-'), 'events.jsonl');
  writeFileSync(
    logs,
    [...account.byRegion.values()]
      .flat()
      .map((r) => JSON.stringify(r))
      .join('\n'),
  );
});
afterAll(async () => {
  await github?.close();
});
beforeEach(() => {
  saved = { ...process.env };
});
afterEach(() => {
  process.env = saved;
  process.exitCode = undefined;
});

describe('an investigation in the action', () => {
  it('reports the key’s activity, opens one issue for it and leaves the audit’s state and alerts alone', async () => {
    const dir = tempDir();
    Object.assign(
      process.env,
      actionEnv(
        {
          source: 'files',
          path: logs,
          'access-key-ids': LEAKED_KEY,
          follow: 'true',
          'timeline-file': 'timeline.jsonl',
          'create-issues': 'true',
          'issue-labels': 'incident',
          state: 'file',
          'state-file': 'state.json.gz',
        },
        dir,
      ),
      { GITHUB_API_URL: github.url, CLOUDTRAIL_AUDIT_GITHUB_PACE: '0' },
    );
    await run(NOW);
    expect(process.exitCode).toBeUndefined();
    const outputs = readOutputs(join(dir, 'output.txt'));
    expect(outputs['issues-opened']).toBe('1');

    const summary = readFileSync(join(dir, 'summary.md'), 'utf8');
    expect(summary.indexOf(`## Investigation of access key ${LEAKED_KEY}`)).toBe(0);
    expect(summary).toContain('```mermaid');
    expect(summary).toMatch(new RegExp(`\\| \`${BACKDOOR_KEY}\`.*hop 1: created by \`CreateAccessKey\``));

    const { leaked, backdoor, console, session } = account.attack;
    const timeline = readFileSync(join(dir, 'timeline.jsonl'), 'utf8').split('\n').filter(Boolean);
    expect(timeline).toHaveLength(leaked.length + backdoor.length + console.length + session.length);

    const sarif = JSON.parse(readFileSync(join(dir, 'cloudtrail-audit.sarif'), 'utf8'));
    expect(sarif.runs[0].automationDetails.id).toMatch(/^cloudtrail-audit\/investigation-[0-9a-f]{12}\//);
    expect(existsSync(join(dir, 'state.json.gz'))).toBe(false);
    expect(readdirSync(dir)).not.toContain('state.json.gz');

    expect(github.issues).toHaveLength(1);
    const [issue] = github.issues;
    expect(issue!.title).toBe(`Investigation of access key ${LEAKED_KEY}`);
    expect(issue!.labels.map((l) => l.name)).toEqual(['incident']);
    expect(issue!.body).toContain('### Credentials');
    expect(issue!.body).toContain('Run: [run 42]');
  });

  it('refuses follow without a scope, naming the input', async () => {
    const dir = tempDir();
    Object.assign(process.env, actionEnv({ source: 'files', path: logs, follow: '2' }, dir));
    await run(NOW);
    expect(process.exitCode).toBe(1);
    expect(existsSync(join(dir, 'cloudtrail-audit-findings.json'))).toBe(false);
  });
});

describe('docs/examples/investigation.yml', () => {
  const workflow = parse(readFileSync(join(ROOT, 'docs/examples/investigation.yml'), 'utf8')) as {
    on: Record<string, { inputs: Record<string, unknown> }>;
    permissions: Record<string, string>;
    jobs: Record<string, { steps: { uses?: string; with?: Record<string, string> }[] }>;
  };
  const inputs = new Set(
    Object.keys((parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { inputs: object }).inputs),
  );

  it('is started by hand with the scope as its inputs, and passes them to the action', () => {
    expect(Object.keys(workflow.on)).toEqual(['workflow_dispatch']);
    expect(Object.keys(workflow.on.workflow_dispatch!.inputs)).toEqual(
      expect.arrayContaining(['access-key-ids', 'user-names', 'principal-arns', 'follow']),
    );
    expect(workflow.permissions).toEqual({ contents: 'read', 'id-token': 'write', issues: 'write' });
    const step = Object.values(workflow.jobs)
      .flatMap((j) => j.steps)
      .find((s) => s.uses?.startsWith('cloudtrail-audit/cloudtrail-audit@'))!;
    expect(Object.keys(step.with!).filter((name) => !inputs.has(name))).toEqual([]);
    for (const name of ['access-key-ids', 'user-names', 'principal-arns', 'follow']) {
      expect(step.with![name]).toBe(`\${{ inputs.${name} }}`);
    }
  });
});
