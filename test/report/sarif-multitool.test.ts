/**
 * Microsoft's SARIF validator (the `@microsoft/sarif-multitool` npm package, a self-contained binary that runs
 * offline) on the SARIF of real scans, with the rule kinds GitHub code scanning asks for (`Gh`) and SARIF's own
 * (`Sarif`): no error, no warning. Its own report is SARIF too: every result in it is a complaint.
 */
import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseAllowlist } from '../../src/allowlist/allowlist.js';
import { silentLogger } from '../../src/core/logger.js';
import { runScan } from '../../src/pipeline/scan.js';
import { writeSarif } from '../../src/report/sarif.js';
import { ROOT, tempDir } from '../helpers/run-process.js';

const multitool = createRequire(import.meta.url)('@microsoft/sarif-multitool') as string;

interface Complaint {
  ruleId: string;
  level?: string;
  message: { text?: string; id?: string; arguments?: string[] };
}

async function validate(file: string): Promise<Complaint[]> {
  const out = join(tempDir(), 'validation.sarif');
  // No shell: `Gh;Sarif` would otherwise end the command at the `;` (the package's own bin.js uses a shell).
  await promisify(execFile)(multitool, ['validate', '--rule-kind', 'Gh;Sarif', '--output', out, file], {
    timeout: 120_000,
    env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' },
  });
  const log = JSON.parse(readFileSync(out, 'utf8')) as { runs: { results?: Complaint[] }[] };
  return log.runs.flatMap((run) => run.results ?? []);
}

const summary = (complaints: Complaint[]) =>
  complaints.map((c) => `${c.level ?? 'warning'} ${c.ruleId}: ${c.message.arguments?.join(' | ') ?? ''}`);

describe('the SARIF multitool (Gh;Sarif rules)', () => {
  it.each([
    ['samples', [join(ROOT, 'samples')]],
    ['the real fixtures', [join(ROOT, 'test/fixtures/real-cloudtrail')]],
  ])(
    'finds no error and no warning in the SARIF of %s (with suppressed and folded findings)',
    async (_name, paths) => {
      const file = join(tempDir(), 'audit.sarif');
      const allowlist = parseAllowlist(
        `- rules: '*'\n  actor: 'arn:aws:iam::*:user/christophe'\n  region: 'us-*'\n  reason: a suppressed result\n`,
        'allow.yml',
        Date.parse('2026-12-01T00:00:00Z'),
      );
      const result = await runScan(
        { paths, rulesPaths: [], excludeRules: [], minSeverity: 'low', window: {}, allowlist },
        silentLogger,
      );
      expect(result.findings.length).toBeGreaterThan(0);
      expect(result.folded.length).toBeGreaterThan(0);
      await writeSarif(file, result);
      expect(summary(await validate(file))).toEqual([]);
    },
    180_000,
  );

  it('would say so: a rule named as its id and a tool without informationUri are warnings', async () => {
    const file = join(tempDir(), 'bad.sarif');
    const bad = {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'cloudtrail-audit',
              rules: [{ id: 'some-rule', name: 'some-rule', shortDescription: { text: 'Some rule.' } }],
            },
          },
          results: [],
        },
      ],
    };
    writeFileSync(file, JSON.stringify(bad));
    const rules = (await validate(file)).map((c) => c.ruleId);
    expect(rules).toEqual(expect.arrayContaining(['SARIF1001', 'SARIF2005']));
  }, 120_000);
});
