import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { silentLogger } from '../../src/core/logger.js';
import { runScan } from '../../src/pipeline/scan.js';
import { type ScanResult } from '../../src/core/result.js';
import { ROOT } from '../helpers/run-process.js';

const STRATUS = join(ROOT, 'test/fixtures/real-cloudtrail/datadog-stratus-red-team/original');

/**
 * Stratus Red Team detonation file → the built-in rules that must fire on it (and nothing else). Every file is the
 * detonation of the one technique it is named after, so a rule firing on another file is a false positive.
 * Stratus's own user agent (stratus-red-team_...) is test traffic, not an offensive tool: caller-identity-probe, which
 * now looks at every call, leaves it out (it used to fire on the detonations' GetCallerIdentity calls).
 */
const EXPECTED: Record<string, string[]> = {
  // caller-identity-probe dropped: Stratus's user agent is test traffic (see above).
  'aws.credential-access.ec2-steal-instance-credentials.json': [
    'instance-credentials-used-outside-aws',
    'ssm-send-command',
  ],
  'aws.defense-evasion.cloudtrail-delete.json': ['cloudtrail-logging-stopped'],
  'aws.defense-evasion.cloudtrail-event-selectors.json': ['cloudtrail-trail-weakened'],
  'aws.defense-evasion.cloudtrail-stop.json': ['cloudtrail-logging-stopped'],
  'aws.defense-evasion.dns-delete-logs.json': ['log-pipeline-deleted'],
  // The detonation's LeaveOrganization was refused: an attempt, now organization-left's own "(denied)" finding at
  // high (organization-left-denied is gone; see DENIED below).
  'aws.defense-evasion.organizations-leave.json': ['organization-left'],
  'aws.defense-evasion.vpc-remove-flow-logs.json': ['vpc-flow-logs-deleted'],
  // The RunInstances of 10 p2.xlarge was refused: no launch, but a risky attempt, reported as the rule's "(denied)"
  // finding at medium (see DENIED below).
  'aws.execution.ec2-launch-unusual-instances.json': ['ec2-instances-launched-risky'],
  'aws.execution.ec2-user-data.json': ['ec2-stop-modify-user-data-start', 'ec2-user-data-modified'],
  'aws.execution.ssm-send-command.json': ['ssm-send-command', 'ssm-send-command-many-instances'],
  'aws.exfiltration.ec2-security-group-open-port-22-ingress.json': [
    'security-group-open-to-internet-admin-ports',
  ],
  'aws.exfiltration.ec2-share-ami.json': ['ami-shared-externally'],
  'aws.exfiltration.ec2-share-ebs-snapshot.json': ['snapshot-shared-externally'],
  'aws.exfiltration.rds-share-snapshot.json': ['snapshot-shared-externally'],
  'aws.initial-access.console-login-without-mfa.json': ['console-login-without-mfa'],
  // ec2-instance-connect-key-reused added: the detonation pushes one key to three instances (the reference escalates
  // on one caller or one key reaching two instances).
  'aws.lateral-movement.ec2-instance-connect.json': [
    'ec2-instance-connect-key-reused',
    'ec2-instance-connect-multi-instance',
    'ec2-instance-connect-ssh-key-pushed',
  ],
  'aws.lateral-movement.ec2-serial-console-send-ssh-public-key.json': [
    'ec2-serial-console-enabled',
    'ec2-serial-console-ssh-key-pushed',
  ],
  // A trust on an account outside the organization is now iam-role-trust-opened (high), per statement;
  // iam-role-trust-opened-external (medium) is gone.
  'aws.persistence.iam-backdoor-role.json': ['iam-role-trust-opened'],
  'aws.persistence.iam-backdoor-user.json': ['iam-access-key-created'],
  'aws.persistence.iam-create-admin-user.json': [
    'iam-access-key-created',
    'iam-admin-policy-granted',
    'iam-user-created',
    'iam-user-created-then-credentials',
  ],
  // As for iam-backdoor-role: the foreign account in the new role's trust is iam-role-trust-opened's.
  'aws.persistence.iam-create-backdoor-role.json': ['iam-admin-policy-granted', 'iam-role-trust-opened'],
  // caller-identity-probe dropped: Stratus's user agent is test traffic.
  'aws.persistence.iam-create-user-login-profile.json': ['login-profile-set-for-other-user'],
  // The invoke permission for principal "*" without a source condition makes the function public: the high rule
  // lambda-function-public, split from lambda-function-backdoored (which keeps code, layers and outside accounts).
  'aws.persistence.lambda-backdoor-function.json': ['lambda-function-public'],
  'aws.persistence.lambda-layer-extension.json': ['lambda-function-backdoored'],
  'aws.persistence.lambda-overwrite-code.json': ['lambda-function-backdoored'],
  'aws.persistence.rolesanywhere-create-trust-anchor.json': ['identity-provider-changed'],
  'aws.persistence.sts-federation-token.json': ['federation-token-minted'],
  'aws.privilege-escalation.iam-update-user-login-profile.json': ['login-profile-set-for-other-user'],
  // 30 refused GetPasswordData calls on 30 instances: bulk-instance-password-retrieval counts denied calls and fires
  // at 3 instances (it did not exist before).
  'aws.credential-access.ec2-get-password-data.json': ['bulk-instance-password-retrieval'],
  // BatchGetSecretValue by tag filters names no secret, and the per-secret GetSecretValue records AWS also writes
  // are not in this detonation log: nothing to count (bulk-secret-retrieval counts secretIdList entries).
  'aws.credential-access.secretsmanager-batch-retrieve-secrets.json': [],
  'aws.credential-access.secretsmanager-retrieve-secrets.json': ['bulk-secret-retrieval'],
  'aws.credential-access.ssm-retrieve-securestring-parameters.json': ['bulk-parameter-decryption'],
  'aws.discovery.ec2-download-user-data.json': [],
  'aws.execution.ssm-start-session.json': [],
  'aws.impact.bedrock-invoke-model.json': [],
};

/** The seed rules: every successful call of theirs in the logs must be in a finding. */
const SEED_RULES = new Set([
  'guardduty-detector-deleted',
  'ec2-instance-connect-ssh-key-pushed',
  'ec2-instances-launched',
  'ec2-serial-console-ssh-key-pushed',
  'ssm-send-command',
  'iam-user-created',
  // The seed's CreateAccessKey is split: keys for another user (medium) and for oneself (low).
  'iam-access-key-created',
  'iam-access-key-created-self',
]);

/**
 * Findings that are denied attempts (rules with `denied: <level>`): detonation file → rule id → the level its
 * "(denied)" finding has. Every other finding of the file must be a success.
 */
const DENIED: Record<string, Record<string, string>> = {
  'aws.defense-evasion.organizations-leave.json': { 'organization-left': 'high' },
  'aws.execution.ec2-launch-unusual-instances.json': { 'ec2-instances-launched-risky': 'medium' },
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

describe('the built-in rules over the real Stratus Red Team detonation logs', () => {
  const files = readdirSync(STRATUS).filter((f) => f.endsWith('.json'));

  it('has an expectation for every detonation file', () => {
    expect(files.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(files)('%s', async (file) => {
    const result = await scan([join(STRATUS, file)]);
    // What the rules raise, whether reported on its own or folded into a finding that carries the same events.
    const raised = [...result.findings, ...result.folded];
    const ruleIds = [...new Set(raised.map((f) => f.ruleId))].sort();
    expect(ruleIds).toEqual(EXPECTED[file]);
    const denied = Object.fromEntries(
      raised.filter((f) => f.title.endsWith(' (denied)')).map((f) => [f.ruleId, f.severity]),
    );
    expect(denied).toEqual(DENIED[file] ?? {});
    for (const finding of raised) {
      expect(finding.author).toBe('cloudtrail-audit'); // the Sigma licence asks findings to credit the rule's author
      expect(finding.attack.length).toBeGreaterThan(0);
      expect(finding.attack.every((t) => /^T\d{4}(\.\d{3})?$/.test(t))).toBe(true);
    }

    // Every successful seed API call in the file is in a finding.
    const records = JSON.parse(readFileSync(join(STRATUS, file), 'utf8')) as Record<string, unknown>[];
    const expectedIds = records
      .filter((r) => SEED_CALLS.has(r.eventName as string) && r.errorCode === undefined)
      .map((r) => r.eventID)
      .sort();
    const seedFindings = raised.filter((f) => SEED_RULES.has(f.ruleId));
    const foundIds = [...new Set(seedFindings.flatMap((f) => f.events.map((e) => e.eventID)))].sort();
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
