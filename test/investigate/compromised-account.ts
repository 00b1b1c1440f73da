/**
 * A generated account for the investigation tests (deterministic): N management events over the last 90 days in
 * four Regions, mostly the busy-account helper's role sessions (each with its own key), plus:
 *
 * - the leaked key's owner, the IAM user `backup-legacy` (key LEAKED_KEY), with its own routine: a nightly
 *   ListBuckets in us-east-1 and a weekly CreateSnapshot in eu-west-1;
 * - the attack chain of /work/shared/tools/gen-cloudtrail.mjs (--attacks), rebuilt here as records since tests do
 *   not read shared/: the leaked key, from 203.0.113.77 with an attacker's user agent, calls GetCallerIdentity,
 *   CreateUser, CreateAccessKey (for the new user: BACKDOOR_KEY), AttachUserPolicy (AdministratorAccess),
 *   CreateLoginProfile; then, beyond the generator's chain, AssumeRole into `ops-admin` (session `maint`, key
 *   SESSION_KEY); the new user's key disables and abuses in eu-west-1 (DeleteDetector, RunInstances,
 *   SendSSHPublicKey, SendSerialConsoleSSHPublicKey, SendCommand) and stops the trail (us-east-1); its console
 *   password is used once (ConsoleLogin and a console call); the session reads secrets and makes a key pair in
 *   us-west-2;
 * - look-alikes that are someone else's: IAM user alice creating users and keys and launching instances, a later
 *   `ops-admin/maint` session of an administrator (same session ARN, another key), and a role session named
 *   `backup-legacy` (LookupEvents' Username is the session name for roles).
 */
import { gzipSync } from 'node:zlib';
import { generateBusyAccount } from '../helpers/busy-account.js';

export const ACCOUNT = '123456789012';
export const LEAKED_KEY = 'AKIAQX3LEAKEDKEY7Z2W';
export const BACKDOOR_KEY = 'AKIAQX3BACKDOORK4Y9P';
export const SESSION_KEY = 'ASIAQX3SESSIONKEY5M1';
export const ADMIN_SESSION_KEY = 'ASIAQX3ADMINSESSN8K2';
export const ALICE_KEY = 'AKIAQX3ALICEKEY00001';
export const BACKDOOR_USER = 'svc-sync42';
export const SESSION_ARN = `arn:aws:sts::${ACCOUNT}:assumed-role/ops-admin/maint`;
export const ATTACKER_IP = '203.0.113.77';
export const REGIONS = ['us-east-1', 'eu-west-1', 'us-west-2', 'ap-southeast-2'] as const;
const ATTACKER_UA = 'aws-cli/1.18.69 Python/3.9.2 Linux/5.10.0-kali7-amd64 botocore/1.16.19';
const SHARE = [0.4, 0.3, 0.2, 0.1];

type Rec = Record<string, unknown>;

export interface CompromisedAccount {
  /** Every event, by Region. */
  byRegion: Map<string, Rec[]>;
  total: number;
  /** The injected attack, by the credential that made each event. */
  attack: { leaked: Rec[]; backdoor: Rec[]; console: Rec[]; session: Rec[] };
  /** Someone else's events that look like the attack's. */
  lookAlikes: Rec[];
  /** When the chain started. */
  attackStart: Date;
}

const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000', '');

function iamUser(name: string, key: string | undefined, id: string): Rec {
  return {
    type: 'IAMUser',
    principalId: id,
    arn: `arn:aws:iam::${ACCOUNT}:user/${name}`,
    accountId: ACCOUNT,
    ...(key ? { accessKeyId: key } : {}),
    userName: name,
  };
}

function session(role: string, name: string, key: string, created: number): Rec {
  return {
    type: 'AssumedRole',
    principalId: `AROAQX3OPSADMINROLE1:${name}`,
    arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${role}/${name}`,
    accountId: ACCOUNT,
    accessKeyId: key,
    sessionContext: {
      sessionIssuer: {
        type: 'Role',
        principalId: 'AROAQX3OPSADMINROLE1',
        arn: `arn:aws:iam::${ACCOUNT}:role/${role}`,
        accountId: ACCOUNT,
        userName: role,
      },
      attributes: { creationDate: iso(created), mfaAuthenticated: 'false' },
    },
  };
}

let counter = 0;
function record(
  identity: Rec,
  time: number,
  region: string,
  source: string,
  name: string,
  readOnly: boolean,
  extra: Rec = {},
  who: { ip?: string; ua?: string } = {},
): Rec {
  counter++;
  const hex = counter.toString(16).padStart(12, '0');
  return {
    eventVersion: '1.09',
    userIdentity: identity,
    eventTime: iso(time),
    eventSource: `${source}.amazonaws.com`,
    eventName: name,
    awsRegion: region,
    sourceIPAddress: who.ip ?? '198.51.100.20',
    userAgent: who.ua ?? 'aws-cli/2.17.20 md/awscrt#0.20.11 ua/2.0 os/linux#6.5.0',
    requestParameters: null,
    responseElements: null,
    requestID: `7f3e1c2a-0000-4000-8000-${hex}`,
    eventID: `5b1d9e4c-0000-4000-9000-${hex}`,
    readOnly,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: ACCOUNT,
    eventCategory: 'Management',
    tlsDetails: {
      tlsVersion: 'TLSv1.3',
      cipherSuite: 'TLS_AES_128_GCM_SHA256',
      clientProvidedHostHeader: `${source}.${region}.amazonaws.com`,
    },
    ...extra,
  };
}

export function compromisedAccount(options: { events?: number; end: Date }): CompromisedAccount {
  counter = 0;
  const end = Math.floor(options.end.getTime() / 1000) * 1000 - 60_000;
  const days = 90;
  const start = end - days * 86_400_000 + 3_600_000;
  const attackStart = end - 9 * 86_400_000 - 5 * 3_600_000;
  const owner = iamUser('backup-legacy', LEAKED_KEY, 'AIDAQX3BACKUPLEGACY1');
  const attacker = { ip: ATTACKER_IP, ua: ATTACKER_UA };
  const t = (minutes: number) => attackStart + minutes * 60_000;

  // The key's own routine.
  const routine: Rec[] = [];
  for (let day = 0; day < days - 1; day++) {
    const night = start + day * 86_400_000 + 2 * 3_600_000;
    routine.push(
      record(owner, night, 'us-east-1', 's3', 'ListBuckets', true, {
        requestParameters: { Host: 's3.amazonaws.com' },
      }),
    );
    if (day % 7 === 3) {
      routine.push(
        record(owner, night + 600_000, 'eu-west-1', 'ec2', 'CreateSnapshot', false, {
          requestParameters: { volumeId: 'vol-0a1b2c3d4e5f60718', description: 'nightly backup' },
          responseElements: { snapshotId: `snap-0${String(day).padStart(16, '0')}`, status: 'pending' },
        }),
      );
    }
  }

  const leaked = [
    record(owner, t(0), 'us-east-1', 'sts', 'GetCallerIdentity', true, {}, attacker),
    record(
      owner,
      t(1),
      'us-east-1',
      'iam',
      'CreateUser',
      false,
      {
        requestParameters: { userName: BACKDOOR_USER },
        responseElements: {
          user: {
            path: '/',
            userName: BACKDOOR_USER,
            userId: 'AIDAQX3SVCSYNC42USER',
            arn: `arn:aws:iam::${ACCOUNT}:user/${BACKDOOR_USER}`,
            createDate: iso(t(1)),
          },
        },
      },
      attacker,
    ),
    record(
      owner,
      t(2),
      'us-east-1',
      'iam',
      'CreateAccessKey',
      false,
      {
        requestParameters: { userName: BACKDOOR_USER },
        responseElements: {
          accessKey: {
            userName: BACKDOOR_USER,
            accessKeyId: BACKDOOR_KEY,
            status: 'Active',
            createDate: iso(t(2)),
          },
        },
      },
      attacker,
    ),
    record(
      owner,
      t(3),
      'us-east-1',
      'iam',
      'AttachUserPolicy',
      false,
      {
        requestParameters: {
          userName: BACKDOOR_USER,
          policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
        },
      },
      attacker,
    ),
    record(
      owner,
      t(4),
      'us-east-1',
      'iam',
      'CreateLoginProfile',
      false,
      {
        requestParameters: { userName: BACKDOOR_USER, passwordResetRequired: false },
        responseElements: {
          loginProfile: { userName: BACKDOOR_USER, createDate: iso(t(4)), passwordResetRequired: false },
        },
      },
      attacker,
    ),
    record(
      owner,
      t(5),
      'us-east-1',
      'sts',
      'AssumeRole',
      true,
      {
        requestParameters: {
          roleArn: `arn:aws:iam::${ACCOUNT}:role/ops-admin`,
          roleSessionName: 'maint',
          durationSeconds: 3600,
        },
        responseElements: {
          credentials: {
            accessKeyId: SESSION_KEY,
            sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE',
            expiration: new Date(t(65)).toUTCString(),
          },
          assumedRoleUser: { assumedRoleId: 'AROAQX3OPSADMINROLE1:maint', arn: SESSION_ARN },
        },
        resources: [
          { accountId: ACCOUNT, type: 'AWS::IAM::Role', ARN: `arn:aws:iam::${ACCOUNT}:role/ops-admin` },
        ],
      },
      attacker,
    ),
  ];

  const backdoorId = iamUser(BACKDOOR_USER, BACKDOOR_KEY, 'AIDAQX3SVCSYNC42USER');
  const backdoor = [
    record(
      backdoorId,
      t(12),
      'eu-west-1',
      'guardduty',
      'DeleteDetector',
      false,
      {
        requestParameters: { detectorId: '12abc34d567e8fa901bc2d34e56789f0' },
      },
      attacker,
    ),
    record(
      backdoorId,
      t(15),
      'eu-west-1',
      'ec2',
      'RunInstances',
      false,
      {
        requestParameters: {
          instancesSet: { items: [{ imageId: 'ami-0abcdef1234567890', minCount: 8, maxCount: 8 }] },
          instanceType: 'p3.16xlarge',
        },
      },
      attacker,
    ),
    record(
      backdoorId,
      t(20),
      'eu-west-1',
      'ec2-instance-connect',
      'SendSSHPublicKey',
      false,
      {
        requestParameters: {
          instanceId: 'i-0123456789abcdef0',
          instanceOSUser: 'root',
          sSHPublicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEXAMPLE',
        },
      },
      attacker,
    ),
    record(
      backdoorId,
      t(21),
      'eu-west-1',
      'ec2-instance-connect',
      'SendSerialConsoleSSHPublicKey',
      false,
      {
        requestParameters: {
          instanceId: 'i-0123456789abcdef0',
          serialPort: 0,
          sSHPublicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEXAMPLE',
        },
      },
      attacker,
    ),
    record(
      backdoorId,
      t(25),
      'eu-west-1',
      'ssm',
      'SendCommand',
      false,
      {
        requestParameters: {
          documentName: 'AWS-RunShellScript',
          instanceIds: ['i-0123456789abcdef0'],
          parameters: 'HIDDEN_DUE_TO_SECURITY_REASONS',
        },
      },
      attacker,
    ),
    record(
      backdoorId,
      t(40),
      'us-east-1',
      'cloudtrail',
      'StopLogging',
      false,
      {
        requestParameters: { name: `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/management` },
      },
      attacker,
    ),
  ];
  // The new user's console password, used once.
  const consoleUser = iamUser(BACKDOOR_USER, undefined, 'AIDAQX3SVCSYNC42USER');
  const browser = {
    ip: ATTACKER_IP,
    ua: 'Mozilla/5.0 (X11; Linux x86_64; rv:109.0) Gecko/20100101 Firefox/115.0',
  };
  const console = [
    record(
      consoleUser,
      t(30),
      'us-east-1',
      'signin',
      'ConsoleLogin',
      false,
      {
        eventType: 'AwsConsoleSignIn',
        responseElements: { ConsoleLogin: 'Success' },
        additionalEventData: {
          MFAUsed: 'No',
          MobileVersion: 'No',
          LoginTo: 'https://console.aws.amazon.com/console/home',
        },
      },
      browser,
    ),
    record(
      { ...consoleUser, accessKeyId: 'ASIAQX3CONSOLESESS01' },
      t(31),
      'us-east-1',
      'iam',
      'ListUsers',
      true,
      {
        sessionCredentialFromConsole: 'true',
      },
      browser,
    ),
  ];
  const sessionId = session('ops-admin', 'maint', SESSION_KEY, t(5));
  const sessionEvents = [
    record(sessionId, t(8), 'us-west-2', 'secretsmanager', 'ListSecrets', true, {}, attacker),
    record(
      sessionId,
      t(9),
      'us-west-2',
      'secretsmanager',
      'GetSecretValue',
      true,
      {
        requestParameters: { secretId: 'prod/db/password' },
      },
      attacker,
    ),
    record(
      sessionId,
      t(10),
      'us-west-2',
      'ec2',
      'CreateKeyPair',
      false,
      { requestParameters: { keyName: 'ops' } },
      attacker,
    ),
  ];

  const alice = iamUser('alice', ALICE_KEY, 'AIDAQX3ALICEUSER0001');
  const adminSession = session('ops-admin', 'maint', ADMIN_SESSION_KEY, t(2000));
  const roleNamedLikeUser = session('backup-role', 'backup-legacy', 'ASIAQX3BACKUPROLE001', t(100));
  const lookAlikes = [
    record(alice, t(-3000), 'us-east-1', 'iam', 'CreateUser', false, {
      requestParameters: { userName: 'ci-deploy' },
    }),
    record(alice, t(-2990), 'us-east-1', 'iam', 'CreateAccessKey', false, {
      requestParameters: { userName: 'ci-deploy' },
      responseElements: {
        accessKey: { userName: 'ci-deploy', accessKeyId: 'AKIAQX3CIDEPLOYKEY01', status: 'Active' },
      },
    }),
    record(alice, t(-2900), 'eu-west-1', 'ec2', 'RunInstances', false, {
      requestParameters: {
        instanceType: 't3.micro',
        instancesSet: { items: [{ minCount: 1, maxCount: 1 }] },
      },
    }),
    record(adminSession, t(2001), 'us-west-2', 'secretsmanager', 'GetSecretValue', true, {
      requestParameters: { secretId: 'prod/db/password' },
    }),
    record(roleNamedLikeUser, t(101), 'us-east-1', 'ec2', 'DescribeInstances', true, {}),
  ];

  const injected = [...routine, ...leaked, ...backdoor, ...console, ...sessionEvents, ...lookAlikes];
  const total = options.events ?? 100_000;
  const background = total - injected.length;
  const byRegion = new Map<string, Rec[]>();
  let left = background;
  REGIONS.forEach((region, i) => {
    const count = i === REGIONS.length - 1 ? left : Math.round(background * SHARE[i]!);
    left -= count;
    byRegion.set(
      region,
      generateBusyAccount({
        events: count,
        region,
        accountId: ACCOUNT,
        end: new Date(end),
        hours: days * 24 - 2,
        seed: 11 + i,
      }),
    );
  });
  for (const r of injected) byRegion.get(r.awsRegion as string)!.push(r);
  const sum = [...byRegion.values()].reduce((n, list) => n + list.length, 0);
  if (sum !== total) throw new Error(`generated ${sum} events, not ${total}`);
  return {
    byRegion,
    total,
    attack: { leaked: [...routine, ...leaked], backdoor, console, session: sessionEvents },
    lookAlikes,
    attackStart: new Date(attackStart),
  };
}

/** One gzipped log file per Region and day, delivered 10 minutes after the day's last event. */
export function trailObjects(byRegion: Map<string, Record<string, unknown>[]>): Record<string, Buffer> {
  const objects: Record<string, Buffer> = {};
  for (const [region, records] of byRegion) {
    const days = new Map<string, Record<string, unknown>[]>();
    for (const r of records) {
      const day = (r.eventTime as string).slice(0, 10);
      (days.get(day) ?? days.set(day, []).get(day)!).push(r);
    }
    for (const [day, list] of days) {
      const last = Math.max(...list.map((r) => Date.parse(r.eventTime as string)));
      const delivered = new Date(last + 600_000).toISOString();
      const stamp = `${delivered.slice(0, 4)}${delivered.slice(5, 7)}${delivered.slice(8, 10)}T${delivered.slice(11, 13)}${delivered.slice(14, 16)}Z`;
      const folder = `${delivered.slice(0, 4)}/${delivered.slice(5, 7)}/${delivered.slice(8, 10)}`;
      const key = `AWSLogs/${ACCOUNT}/CloudTrail/${region}/${folder}/${ACCOUNT}_CloudTrail_${region}_${stamp}_${day.replace(/-/g, '')}abcdefgh.json.gz`;
      objects[key] = gzipSync(JSON.stringify({ Records: list }));
    }
  }
  return objects;
}
