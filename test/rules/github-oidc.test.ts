/**
 * github-oidc-subject-not-allowed end to end at the command line: off without a list, reporting the subjects outside
 * --github-oidc-subjects with one, and a value that is not a subject refused with the flag named.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { runCli } from '../helpers/cli-io.js';
import { ROOT, tempDir } from '../helpers/run-process.js';

const run = (argv: string[], now = '2026-03-03T00:00:00Z') => runCli(argv, now);

/** The rule's own test events (AssumeRoleWithWebIdentity records of four subjects), as a log file. */
function logFile(): string {
  const cases = parseYaml(
    readFileSync(join(ROOT, 'rules/builtin/github-oidc-subject-not-allowed.tests.yml'), 'utf8'),
  ) as { event: Record<string, unknown> }[];
  const file = join(tempDir(), 'assume.jsonl');
  writeFileSync(file, cases.map((c) => JSON.stringify(c.event)).join('\n'));
  return file;
}

const subjectsReported = (findingsFile: string) => {
  const { findings } = JSON.parse(readFileSync(findingsFile, 'utf8')) as {
    findings: { ruleId: string; events: { eventID: string }[] }[];
  };
  return findings
    .filter((f) => f.ruleId.startsWith('github-oidc-subject-not-allowed'))
    .flatMap((f) => f.events);
};

describe('github-oidc-subject-not-allowed', () => {
  it('is off without --github-oidc-subjects', async () => {
    const findingsFile = join(tempDir(), 'f.json');
    const result = await run(['scan', logFile(), '--findings-file', findingsFile, '--quiet']);
    expect(result.code).toBe(0);
    expect(subjectsReported(findingsFile)).toEqual([]);
  });

  it('reports the subjects outside the list, successful and refused, and not the allowed ones', async () => {
    const findingsFile = join(tempDir(), 'f.json');
    const result = await run([
      'scan',
      logFile(),
      '--findings-file',
      findingsFile,
      '--github-oidc-subjects',
      'repo:example-org/infra:ref:refs/heads/main,repo:example-org/*:environment:production',
      '--quiet',
    ]);
    expect(result.code).toBe(0);
    const ids = subjectsReported(findingsFile)
      .map((e) => e.eventID)
      .sort();
    // Cases 1-3 of the tests file: another owner's repository, a pull request, a refused attempt. Cases 6 and 7
    // (the same outside subject, and GitLab's provider) repeat a subject or are not GitHub's: 6 is reported too.
    expect(ids).toEqual([
      'a1b2c3d4-0000-4e5f-8a9b-000000000001',
      'a1b2c3d4-0000-4e5f-8a9b-000000000002',
      'a1b2c3d4-0000-4e5f-8a9b-000000000003',
      'a1b2c3d4-0000-4e5f-8a9b-000000000006',
    ]);
  });

  it('refuses a value that is not a subject, naming the flag', async () => {
    const result = await run(['scan', logFile(), '--github-oidc-subjects', 'my-org/infra']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /--github-oidc-subjects: 'my-org\/infra' is not a GitHub OIDC subject such as repo:my-org\/my-repo:ref:refs\/heads\/main/,
    );
  });
});
