import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { silentLogger } from '../../src/pipeline/logger.js';
import { runScan, type ScanResult } from '../../src/pipeline/scan.js';
import { ROOT } from '../helpers/run-process.js';

const STRATUS = join(ROOT, 'test/fixtures/real-cloudtrail/datadog-stratus-red-team/original');

/** Stratus Red Team detonation file → the seed rules that must fire on it; every other file must give none. */
const EXPECTED: Record<string, string[]> = {
  'aws.credential-access.ec2-steal-instance-credentials.json': ['ssm-send-command'],
  'aws.execution.ssm-send-command.json': ['ssm-send-command'],
  'aws.persistence.iam-create-admin-user.json': ['iam-access-key-created', 'iam-user-created'],
  'aws.persistence.iam-backdoor-user.json': ['iam-access-key-created'],
  'aws.lateral-movement.ec2-instance-connect.json': ['ec2-instance-connect-ssh-key-pushed'],
  'aws.lateral-movement.ec2-serial-console-send-ssh-public-key.json': ['ec2-serial-console-ssh-key-pushed'],
  // The detonation's RunInstances was refused (Client.UnauthorizedOperation): the seed rule wants a launch.
  'aws.execution.ec2-launch-unusual-instances.json': [],
};

const SEED_CALLS = new Set([
  'DeleteDetector',
  'SendSSHPublicKey',
  'RunInstances',
  'SendSerialConsoleSSHPublicKey',
  'SendCommand',
  'CreateUser',
  'CreateAccessKey',
]);

const scan = (paths: string[]): Promise<ScanResult> =>
  runScan(
    { paths, rulesPaths: [], excludeRules: [], minSeverity: 'informational', window: {} },
    silentLogger,
  );

describe('the seed rules over the real Stratus Red Team detonation logs', () => {
  const files = readdirSync(STRATUS).filter((f) => f.endsWith('.json'));

  it.each(files)('%s', async (file) => {
    const result = await scan([join(STRATUS, file)]);
    const ruleIds = [...new Set(result.findings.map((f) => f.ruleId))].sort();
    expect(ruleIds).toEqual(EXPECTED[file] ?? []);

    // Every successful seed API call in the file is in a finding.
    const records = JSON.parse(readFileSync(join(STRATUS, file), 'utf8')) as Record<string, unknown>[];
    const expectedIds = records
      .filter((r) => SEED_CALLS.has(r.eventName as string) && r.errorCode === undefined)
      .map((r) => r.eventID)
      .sort();
    const foundIds = [...new Set(result.findings.flatMap((f) => f.events.map((e) => e.eventID)))].sort();
    expect(foundIds).toEqual(expectedIds);
    expect(result.stats.errors).toEqual([]);
  });

  it('finds the same in the gzipped S3-layout copies of the same logs', async () => {
    const original = await scan([STRATUS]);
    const derived = await scan([join(STRATUS, '../derived-s3-layout')]);
    expect(derived.findings).toEqual(original.findings);
    expect(derived.stats.eventsScanned).toBe(original.stats.eventsScanned);
  });
});
