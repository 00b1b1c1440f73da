/**
 * A generated busy account for the LookupEvents tests and benchmark (deterministic for its options): N
 * management events over the last H hours in one Region, a few per cent of them writes, plus the seven seed
 * events (the first `match` test event of each seed rule, moved into the window). Records have the shape of
 * real CloudTrail records (eventVersion 1.09, an AssumedRole identity with its session context, tlsDetails,
 * requestParameters of the API, readOnly, managementEvent, eventCategory), as in the repository's real
 * fixtures.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadRules } from '../../src/rules/load.js';
import type { CompiledRule } from '../../src/rules/compile.js';
import { parseTestsFile } from '../../src/rules/selftest.js';
import { mulberry32 } from './random.js';

const ROOT = resolve(import.meta.dirname, '../..');
export const SEED_RULE_IDS = [
  'guardduty-detector-deleted',
  'ec2-instance-connect-ssh-key-pushed',
  'ec2-instances-launched',
  'ec2-serial-console-ssh-key-pushed',
  'ssm-send-command',
  'iam-user-created',
  'iam-access-key-created',
] as const;

export { mulberry32 };

function uuid(random: () => number): string {
  const hex = (digits: number) =>
    Math.floor(random() * 16 ** digits)
      .toString(16)
      .padStart(digits, '0');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(6)}${hex(6)}`;
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

interface Template {
  source: string;
  name: string;
  readOnly: boolean;
  params: (r: () => number, region: string, account: string) => Record<string, unknown> | null;
  /** Relative frequency within its kind (read or write). */
  weight: number;
}

const READS: Template[] = [
  {
    source: 'ec2.amazonaws.com',
    name: 'DescribeInstances',
    readOnly: true,
    weight: 8,
    params: () => ({ instancesSet: {}, filterSet: {} }),
  },
  {
    source: 'ec2.amazonaws.com',
    name: 'DescribeSecurityGroups',
    readOnly: true,
    weight: 3,
    params: () => ({ securityGroupSet: {}, securityGroupIdSet: {}, filterSet: {} }),
  },
  {
    source: 'kms.amazonaws.com',
    name: 'Decrypt',
    readOnly: true,
    weight: 10,
    params: (r, region, account) => ({
      encryptionAlgorithm: 'SYMMETRIC_DEFAULT',
      encryptionContext: {
        'aws:lambda:FunctionArn': `arn:aws:lambda:${region}:${account}:function:worker-${Math.floor(r() * 20)}`,
      },
    }),
  },
  {
    source: 'sts.amazonaws.com',
    name: 'AssumeRole',
    readOnly: true,
    weight: 6,
    params: (r, _region, account) => ({
      roleArn: `arn:aws:iam::${account}:role/app-${Math.floor(r() * 8)}`,
      roleSessionName: `session-${Math.floor(r() * 1e6)}`,
    }),
  },
  { source: 'sts.amazonaws.com', name: 'GetCallerIdentity', readOnly: true, weight: 2, params: () => null },
  {
    source: 's3.amazonaws.com',
    name: 'ListBuckets',
    readOnly: true,
    weight: 2,
    params: () => ({ Host: 's3.amazonaws.com' }),
  },
  {
    source: 'logs.amazonaws.com',
    name: 'DescribeLogGroups',
    readOnly: true,
    weight: 3,
    params: () => ({ limit: 50 }),
  },
  {
    source: 'ssm.amazonaws.com',
    name: 'GetParameter',
    readOnly: true,
    weight: 5,
    params: (r) => ({ name: `/app/config/key-${Math.floor(r() * 40)}`, withDecryption: true }),
  },
  {
    source: 'iam.amazonaws.com',
    name: 'GetRole',
    readOnly: true,
    weight: 2,
    params: (r) => ({ roleName: `app-${Math.floor(r() * 8)}` }),
  },
  {
    source: 'monitoring.amazonaws.com',
    name: 'DescribeAlarms',
    readOnly: true,
    weight: 3,
    params: () => ({ maxRecords: 100 }),
  },
  {
    source: 'autoscaling.amazonaws.com',
    name: 'DescribeAutoScalingGroups',
    readOnly: true,
    weight: 3,
    params: () => null,
  },
  {
    source: 'lambda.amazonaws.com',
    name: 'ListFunctions20150331',
    readOnly: true,
    weight: 1,
    params: () => null,
  },
];

const WRITES: Template[] = [
  {
    source: 'ec2.amazonaws.com',
    name: 'CreateTags',
    readOnly: false,
    weight: 5,
    params: (r) => ({
      resourcesSet: { items: [{ resourceId: `i-0${Math.floor(r() * 1e15).toString(16)}` }] },
      tagSet: { items: [{ key: 'team', value: 'platform' }] },
    }),
  },
  {
    source: 'logs.amazonaws.com',
    name: 'CreateLogStream',
    readOnly: false,
    weight: 6,
    params: (r) => ({
      logGroupName: `/aws/lambda/worker-${Math.floor(r() * 20)}`,
      logStreamName: `2024/06/01/[$LATEST]${Math.floor(r() * 1e12).toString(16)}`,
    }),
  },
  {
    source: 'ssm.amazonaws.com',
    name: 'UpdateInstanceInformation',
    readOnly: false,
    weight: 6,
    params: (r) => ({
      instanceId: `i-0${Math.floor(r() * 1e15).toString(16)}`,
      agentVersion: '3.3.40.0',
      platformType: 'Linux',
    }),
  },
  {
    source: 'autoscaling.amazonaws.com',
    name: 'SetDesiredCapacity',
    readOnly: false,
    weight: 2,
    params: (r) => ({ autoScalingGroupName: 'web', desiredCapacity: 2 + Math.floor(r() * 4) }),
  },
  {
    source: 'ec2.amazonaws.com',
    name: 'RunInstances',
    readOnly: false,
    weight: 1,
    params: (r) => ({
      instancesSet: { items: [{ imageId: 'ami-0abcdef1234567890', minCount: 1, maxCount: 1 }] },
      instanceType: pick(r, ['t3.micro', 'm5.large']),
      subnetId: 'subnet-0123456789abcdef0',
    }),
  },
];

function weighted(random: () => number, templates: readonly Template[]): Template {
  const total = templates.reduce((sum, t) => sum + t.weight, 0);
  let x = random() * total;
  for (const t of templates) {
    x -= t.weight;
    if (x < 0) return t;
  }
  return templates[templates.length - 1]!;
}

export interface BusyAccountOptions {
  events?: number;
  region?: string;
  accountId?: string;
  end: Date;
  hours?: number;
  /** Share of write events; default 0.03. */
  writeShare?: number;
  seed?: number;
}

/** The generated events (not the seed events), in no particular order. */
export function generateBusyAccount(options: BusyAccountOptions): Record<string, unknown>[] {
  const count = options.events ?? 20_000;
  const region = options.region ?? 'us-east-1';
  const account = options.accountId ?? '123456789012';
  const hours = options.hours ?? 24;
  const writeShare = options.writeShare ?? 0.03;
  const random = mulberry32(options.seed ?? 7);
  const endMs = Math.floor(options.end.getTime() / 1000) * 1000;
  const roles = ['app-0', 'app-1', 'app-2', 'ci-deploy', 'lambda-worker'];
  const records: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const template = random() < writeShare ? weighted(random, WRITES) : weighted(random, READS);
    const time = new Date(endMs - Math.floor(random() * hours * 3600) * 1000);
    const role = pick(random, roles);
    const session = `${role}-session-${Math.floor(random() * 50)}`;
    const fromService = template.name === 'Decrypt' && random() < 0.7;
    records.push({
      eventVersion: '1.09',
      userIdentity: {
        type: 'AssumedRole',
        principalId: `AROAEXAMPLEROLEID${roles.indexOf(role)}:${session}`,
        arn: `arn:aws:sts::${account}:assumed-role/${role}/${session}`,
        accountId: account,
        accessKeyId: `ASIAEXAMPLE${String(Math.floor(random() * 1e9)).padStart(9, '0')}`,
        sessionContext: {
          sessionIssuer: {
            type: 'Role',
            principalId: `AROAEXAMPLEROLEID${roles.indexOf(role)}`,
            arn: `arn:aws:iam::${account}:role/${role}`,
            accountId: account,
            userName: role,
          },
          attributes: {
            creationDate: new Date(time.getTime() - 600_000).toISOString().replace('.000', ''),
            mfaAuthenticated: 'false',
          },
        },
        ...(fromService ? { invokedBy: 'lambda.amazonaws.com' } : {}),
      },
      eventTime: time.toISOString().replace('.000', ''),
      eventSource: template.source,
      eventName: template.name,
      awsRegion: region,
      sourceIPAddress: fromService ? 'lambda.amazonaws.com' : `198.51.100.${1 + Math.floor(random() * 250)}`,
      userAgent: fromService
        ? 'lambda.amazonaws.com'
        : pick(random, [
            'aws-sdk-go-v2/1.30.3 os/linux lang/go#1.22.5',
            'Boto3/1.34.144 md/Botocore#1.34.144 ua/2.0 os/linux#5.10.219 lang/python#3.12.4',
            'aws-cli/2.17.20 md/awscrt#0.20.11 ua/2.0 os/linux#6.5.0',
          ]),
      requestParameters: template.params(random, region, account),
      responseElements: null,
      requestID: uuid(random),
      eventID: uuid(random),
      readOnly: template.readOnly,
      eventType: 'AwsApiCall',
      managementEvent: true,
      recipientAccountId: account,
      eventCategory: 'Management',
      ...(fromService
        ? {}
        : {
            tlsDetails: {
              tlsVersion: 'TLSv1.3',
              cipherSuite: 'TLS_AES_128_GCM_SHA256',
              clientProvidedHostHeader: `${template.source.split('.')[0]}.${region}.amazonaws.com`,
            },
          }),
    });
  }
  return records;
}

export interface SeedSet {
  rules: CompiledRule[];
  /** ruleId → the seed event (its eventID, moved into the window). */
  events: Map<string, Record<string, unknown>>;
}

/**
 * The seven seed rules and, for each, the first `match` test event of its .tests.yml, with eventTime spread
 * over the window (one in each seventh of it, from the newest to the oldest) and awsRegion set.
 */
export async function seedSet(end: Date, region: string, hours = 24): Promise<SeedSet> {
  const dir = join(ROOT, 'rules/builtin');
  const loaded = await loadRules(
    SEED_RULE_IDS.map((id) => join(dir, `${id}.yml`)),
    { builtin: true },
  );
  if (loaded.problems.length > 0) throw new Error(JSON.stringify(loaded.problems));
  // The seed rules' files hold companion rules too (iam-access-key-created-self, ...): the set is the seven.
  const rules = loaded.rules.filter((r) => (SEED_RULE_IDS as readonly string[]).includes(r.rule.ruleId));
  const events = new Map<string, Record<string, unknown>>();
  SEED_RULE_IDS.forEach((id, i) => {
    const { cases, errors } = parseTestsFile(readFileSync(join(dir, `${id}.tests.yml`), 'utf8'));
    if (errors.length > 0) throw new Error(errors.join('; '));
    const match = cases.find((c) => c.expect === 'match');
    if (!match) throw new Error(`${id}: no match case`);
    const offsetHours = ((i + 0.5) * hours) / SEED_RULE_IDS.length;
    const time = new Date(Math.floor((end.getTime() - offsetHours * 3600_000) / 1000) * 1000);
    events.set(id, { ...match.event, eventTime: time.toISOString().replace('.000', ''), awsRegion: region });
  });
  return { rules, events };
}

/** `ssm:SendCommand` by an IAM user, shaped as CloudTrail records it. */
export function sendCommandBy(
  user: string,
  time: Date,
  id: string,
  region = 'us-east-1',
  account = '123456789012',
): Record<string, unknown> {
  return {
    eventVersion: '1.09',
    userIdentity: {
      type: 'IAMUser',
      principalId: `AIDA${user.toUpperCase().padEnd(17, 'X')}`,
      arn: `arn:aws:iam::${account}:user/${user}`,
      accountId: account,
      accessKeyId: `AKIA${user.toUpperCase().padEnd(16, 'X')}`,
      userName: user,
    },
    eventTime: new Date(Math.floor(time.getTime() / 1000) * 1000).toISOString().replace('.000', ''),
    eventSource: 'ssm.amazonaws.com',
    eventName: 'SendCommand',
    awsRegion: region,
    sourceIPAddress: '198.51.100.23',
    userAgent: 'aws-cli/2.17.20 md/awscrt#0.20.11 ua/2.0 os/linux#6.5.0',
    requestParameters: { documentName: 'AWS-RunShellScript', instanceIds: ['i-0a1b2c3d4e5f60718'] },
    responseElements: { command: { commandId: id.slice(0, 36) } },
    requestID: `req-${id}`,
    eventID: id,
    readOnly: false,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: account,
    eventCategory: 'Management',
    tlsDetails: {
      tlsVersion: 'TLSv1.3',
      cipherSuite: 'TLS_AES_128_GCM_SHA256',
      clientProvidedHostHeader: `ssm.${region}.amazonaws.com`,
    },
  };
}

/**
 * An account with history (issue #16's first run): `days` days of benign events (default 6,000 over 12 days, ~3 %
 * writes), `known` running SendCommand once a day every day, and `newcomer` running it once on the last day.
 */
export function accountWithHistory(options: {
  end: Date;
  days?: number;
  events?: number;
  region?: string;
  known?: string;
  newcomer?: string;
}): Record<string, unknown>[] {
  const days = options.days ?? 12;
  const region = options.region ?? 'us-east-1';
  const end = options.end.getTime();
  const benign = generateBusyAccount({
    events: options.events ?? 6000,
    end: options.end,
    hours: days * 24,
    region,
    seed: 12,
  });
  const daily = Array.from({ length: days }, (_, d) =>
    sendCommandBy(
      options.known ?? 'alice',
      new Date(end - d * 86_400_000 - 5 * 3_600_000),
      `00000000-0000-4000-8000-a11ce${String(d).padStart(7, '0')}`,
      region,
    ),
  );
  const newcomer = sendCommandBy(
    options.newcomer ?? 'mallory',
    new Date(end - 2 * 3_600_000),
    '00000000-0000-4000-8000-0000000b0b00',
    region,
  );
  return [...benign, ...daily, newcomer];
}
