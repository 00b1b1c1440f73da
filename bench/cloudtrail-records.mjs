// Builds realistic CloudTrail records for the benchmark corpus (bench/corpus.mjs): identities of several kinds,
// a weighted catalogue of management events (mostly reads, some writes with large parameters or responses, a few
// per cent of errors), and the events of the seven seed rules, both routine and injected, with their look-alikes.
// Every builder draws from the Random it is given, so a corpus is a pure function of its seed.

/** The rules whose matches the ground truth lists (test/helpers/busy-account.ts: SEED_RULE_IDS). */
export const SEED_RULE_IDS = [
  'guardduty-detector-deleted',
  'ec2-instance-connect-ssh-key-pushed',
  'ec2-instances-launched',
  'ec2-serial-console-ssh-key-pushed',
  'ssm-send-command',
  'iam-user-created',
  'iam-access-key-created',
];

/** A small, fast, seedable generator (sfc32 seeded by a string hash). */
export class Random {
  constructor(seed) {
    let h1 = 1779033703,
      h2 = 3144134277,
      h3 = 1013904242,
      h4 = 2773480762;
    const text = String(seed);
    for (let i = 0; i < text.length; i++) {
      const k = text.charCodeAt(i);
      h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
      h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
      h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
      h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
    }
    this.a = h1 >>> 0;
    this.b = h2 >>> 0;
    this.c = h3 >>> 0;
    this.d = h4 >>> 0;
    for (let i = 0; i < 12; i++) this.u32();
  }
  u32() {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }
  float() {
    return this.u32() / 4294967296;
  }
  int(n) {
    return Math.floor(this.float() * n);
  }
  chance(p) {
    return this.float() < p;
  }
  pick(list) {
    return list[this.int(list.length)];
  }
  hex(n) {
    let s = '';
    while (s.length < n) s += this.u32().toString(16).padStart(8, '0');
    return s.slice(0, n);
  }
  chars(alphabet, n) {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[this.int(alphabet.length)];
    return s;
  }
  uuid() {
    const h = this.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[this.int(4)]}${h.slice(17, 20)}-${h.slice(20)}`;
  }
}

const UPPER_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

const USER_AGENTS = [
  'aws-cli/2.15.30 md/awscrt#0.19.19 ua/2.0 os/linux#6.5.0-1016-aws md/arch#x86_64 lang/python#3.11.8 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/distrib#ubuntu.22 md/prompt#off md/command#ec2.describe-instances',
  'aws-sdk-go-v2/1.25.2 os/linux lang/go#1.22.1 md/GOOS#linux md/GOARCH#amd64 api/ec2#1.150.0',
  'aws-sdk-js/3.535.0 ua/2.0 os/linux#5.10.213-201.855.amzn2.x86_64 lang/js md/nodejs#20.11.1 api/dynamodb#3.535.0',
  'Boto3/1.34.69 md/Botocore#1.34.69 ua/2.0 os/linux#5.10.213-201.855.amzn2.x86_64 md/arch#x86_64 lang/python#3.12.2 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.69',
  'APN/1.0 HashiCorp/1.0 Terraform/1.7.5 (+https://www.terraform.io) terraform-provider-aws/5.42.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.25.3 os/linux lang/go#1.22.1 md/GOOS#linux md/GOARCH#amd64 api/iam#1.31.3',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Safari/537.36',
  'AWS Internal',
  'console.amazonaws.com',
];
const CONSOLE_UA =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15';
const ATTACKER_UA = [
  'aws-cli/1.18.69 Python/3.9.2 Linux/5.10.0-kali7-amd64 botocore/1.16.19',
  'Boto3/1.17.112 Python/3.8.10 Linux/5.4.0-72-generic Botocore/1.20.112',
];
const SERVICES_INVOKING = [
  'autoscaling.amazonaws.com',
  'cloudformation.amazonaws.com',
  'ecs-tasks.amazonaws.com',
  'lambda.amazonaws.com',
  'config.amazonaws.com',
  's3.amazonaws.com',
  'secretsmanager.amazonaws.com',
];
const ERRORS = [
  [
    'AccessDenied',
    'User is not authorized to perform this operation because no identity-based policy allows it',
  ],
  ['Client.UnauthorizedOperation', 'You are not authorized to perform this operation.'],
  ['ResourceNotFoundException', 'Requested resource not found'],
  ['ThrottlingException', 'Rate exceeded'],
  ['NoSuchEntity', 'The role with name deploy-old cannot be found.'],
];

/** Per-account identities, drawn once from the corpus's Random. */
export function makeAccount(random, index) {
  const id = String(100000000000 + (random.u32() % 899999999999)).padStart(12, '0');
  const user = (name) => ({
    type: 'IAMUser',
    principalId: `AIDA${random.chars(UPPER_DIGITS, 16)}`,
    arn: `arn:aws:iam::${id}:user/${name}`,
    accountId: id,
    accessKeyId: `AKIA${random.chars(UPPER_DIGITS, 16)}`,
    userName: name,
  });
  const role = (name, session) => ({ name, session, roleId: `AROA${random.chars(UPPER_DIGITS, 16)}` });
  return {
    index,
    id,
    users: [user('alice'), user('bob'), user('backup-legacy'), user('ci-legacy')],
    roles: [
      role('app-api', 'app-api-session'),
      role('app-worker', 'botocore-session-1717372800'),
      role('GitHubActions-deploy', 'GitHubActions'),
      role('AWSReservedSSO_AdministratorAccess_5a1b2c3d4e5f6a7b', 'carol@example.com'),
      role('eks-nodegroup-NodeInstanceRole', `i-0${random.hex(16)}`),
      role('lambda-ingest-role', 'lambda-ingest'),
    ],
    vpc: `vpc-0${random.hex(16)}`,
    subnet: `subnet-0${random.hex(16)}`,
    sg: `sg-0${random.hex(16)}`,
    instances: Array.from({ length: 8 }, () => `i-0${random.hex(16)}`),
  };
}

function assumedRole(random, account, role, time, invokedBy) {
  const identity = {
    type: 'AssumedRole',
    principalId: `${role.roleId}:${role.session}`,
    arn: `arn:aws:sts::${account.id}:assumed-role/${role.name}/${role.session}`,
    accountId: account.id,
    accessKeyId: `ASIA${random.chars(UPPER_DIGITS, 16)}`,
    sessionContext: {
      sessionIssuer: {
        type: 'Role',
        principalId: role.roleId,
        arn: `arn:aws:iam::${account.id}:role/${role.name}`,
        accountId: account.id,
        userName: role.name,
      },
      attributes: {
        creationDate: new Date(time - 1800_000).toISOString().slice(0, 19) + 'Z',
        mfaAuthenticated: 'false',
      },
    },
  };
  if (invokedBy) identity.invokedBy = invokedBy;
  return identity;
}

/** Picks a caller: mostly assumed roles, some IAM users, AWS services, and (rarely) root. */
function caller(random, account, time) {
  const r = random.float();
  if (r < 0.6) {
    const role = random.pick(account.roles);
    // Instance-role sessions (named after the instance) call from inside the VPC.
    const address = role.session.startsWith('i-') ? privateAddress(random) : privateOrPublic(random);
    return { identity: assumedRole(random, account, role, time), address };
  }
  if (r < 0.75) {
    const user = random.pick(account.users);
    return { identity: { ...user }, address: publicAddress(random) };
  }
  if (r < 0.87) {
    // A service calling on its own behalf (AssumeRole for a Lambda function, KMS for S3 ...).
    const service = random.pick(SERVICES_INVOKING);
    return { identity: { type: 'AWSService', invokedBy: service }, address: service };
  }
  if (r < 0.9995) {
    // A service acting with a role of the account (Auto Scaling, CloudFormation ...).
    const service = random.pick(SERVICES_INVOKING);
    return {
      identity: assumedRole(random, account, random.pick(account.roles), time, service),
      address: service,
    };
  }
  return {
    identity: {
      type: 'Root',
      principalId: account.id,
      arn: `arn:aws:iam::${account.id}:root`,
      accountId: account.id,
      accessKeyId: `ASIA${random.chars(UPPER_DIGITS, 16)}`,
    },
    address: publicAddress(random),
  };
}

function publicAddress(random) {
  return `${random.pick([3, 18, 34, 52, 54, 81, 93, 185])}.${random.int(256)}.${random.int(256)}.${1 + random.int(254)}`;
}
function privateAddress(random) {
  return `10.${random.int(256)}.${random.int(256)}.${1 + random.int(254)}`;
}
function privateOrPublic(random) {
  return random.chance(0.7) ? privateAddress(random) : publicAddress(random);
}

function policyDocument(random, statements) {
  const actions = [
    's3:GetObject',
    's3:PutObject',
    'dynamodb:Query',
    'sqs:SendMessage',
    'kms:Decrypt',
    'logs:PutLogEvents',
  ];
  const list = [];
  for (let i = 0; i < statements; i++) {
    list.push({
      Sid: `Stmt${random.hex(8)}`,
      Effect: 'Allow',
      Action: Array.from({ length: 2 + random.int(5) }, () => random.pick(actions)),
      Resource: Array.from({ length: 1 + random.int(4) }, () => `arn:aws:s3:::bucket-${random.hex(10)}/*`),
    });
  }
  return JSON.stringify({ Version: '2012-10-17', Statement: list });
}

const regional = (source, name, weight, readOnly, req = () => null, resp = () => null) => ({
  source,
  name,
  weight,
  readOnly,
  global: false,
  req,
  resp,
});
const global = (source, name, weight, readOnly, req = () => null, resp = () => null) => ({
  source,
  name,
  weight,
  readOnly,
  global: true,
  req,
  resp,
});

/** Routine activity: weights are relative frequencies among non-seed events. */
const CATALOGUE = [
  regional(
    'sts.amazonaws.com',
    'AssumeRole',
    180,
    true,
    (r, a) => ({
      roleArn: `arn:aws:iam::${a.id}:role/${r.pick(a.roles).name}`,
      roleSessionName: `session-${r.hex(12)}`,
      durationSeconds: 3600,
    }),
    (r, a, t) => ({
      credentials: {
        accessKeyId: `ASIA${r.chars(UPPER_DIGITS, 16)}`,
        sessionToken: r.chars(ALNUM, 380),
        expiration: new Date(t + 3600_000).toUTCString(),
      },
      assumedRoleUser: {
        assumedRoleId: `AROA${r.chars(UPPER_DIGITS, 16)}:session`,
        arn: `arn:aws:sts::${a.id}:assumed-role/app/session`,
      },
    }),
  ),
  regional('kms.amazonaws.com', 'Decrypt', 140, true, (r, a, t, region) => ({
    encryptionAlgorithm: 'SYMMETRIC_DEFAULT',
    encryptionContext: { 'aws:s3:arn': `arn:aws:s3:::data-${r.hex(8)}/${r.hex(24)}` },
    keyId: `arn:aws:kms:${region}:${a.id}:key/${r.uuid()}`,
  })),
  regional('kms.amazonaws.com', 'GenerateDataKey', 60, true, (r, a, t, region) => ({
    keyId: `arn:aws:kms:${region}:${a.id}:alias/aws/s3`,
    keySpec: 'AES_256',
  })),
  regional('ec2.amazonaws.com', 'DescribeInstances', 80, true, (r, a) => ({
    instancesSet: { items: [{ instanceId: r.pick(a.instances) }] },
    filterSet: {},
  })),
  regional('ec2.amazonaws.com', 'DescribeSecurityGroups', 40, true, (r, a) => ({
    securityGroupSet: {},
    securityGroupIdSet: { items: [{ groupId: a.sg }] },
    filterSet: {},
  })),
  regional('ec2.amazonaws.com', 'DescribeVolumes', 25, true),
  regional('ec2.amazonaws.com', 'DescribeSubnets', 20, true, (r, a) => ({
    subnetSet: { items: [{ subnetId: a.subnet }] },
    filterSet: {},
  })),
  regional(
    'ec2.amazonaws.com',
    'CreateTags',
    10,
    false,
    (r, a) => ({
      resourcesSet: { items: [{ resourceId: r.pick(a.instances) }] },
      tagSet: {
        items: [
          { key: 'team', value: r.pick(['payments', 'search', 'data']) },
          { key: 'env', value: 'prod' },
        ],
      },
    }),
    () => ({ _return: true }),
  ),
  regional(
    'ec2.amazonaws.com',
    'AuthorizeSecurityGroupIngress',
    2,
    false,
    (r, a) => ({
      groupId: a.sg,
      ipPermissions: {
        items: [
          {
            ipProtocol: 'tcp',
            fromPort: 8080,
            toPort: 8080,
            ipRanges: { items: [{ cidrIp: '10.0.0.0/8' }] },
          },
        ],
      },
    }),
    () => ({ _return: true }),
  ),
  global('s3.amazonaws.com', 'ListBuckets', 20, true, () => ({ Host: 's3.amazonaws.com' })),
  regional('s3.amazonaws.com', 'GetBucketAcl', 30, true, (r) => ({
    bucketName: `data-${r.hex(8)}`,
    Host: 's3.amazonaws.com',
    acl: '',
  })),
  regional('s3.amazonaws.com', 'GetBucketLocation', 25, true, (r) => ({
    bucketName: `data-${r.hex(8)}`,
    location: '',
  })),
  global('iam.amazonaws.com', 'GetRole', 30, true, (r, a) => ({ roleName: r.pick(a.roles).name })),
  global('iam.amazonaws.com', 'ListAttachedRolePolicies', 15, true, (r, a) => ({
    roleName: r.pick(a.roles).name,
  })),
  global('iam.amazonaws.com', 'GetPolicyVersion', 10, true, (r, a) => ({
    policyArn: `arn:aws:iam::${a.id}:policy/app-${r.hex(6)}`,
    versionId: 'v3',
  })),
  global('iam.amazonaws.com', 'PutRolePolicy', 2, false, (r, a) => ({
    roleName: r.pick(a.roles).name,
    policyName: `inline-${r.hex(6)}`,
    policyDocument: policyDocument(r, 6 + r.int(20)),
  })),
  global('sts.amazonaws.com', 'GetCallerIdentity', 25, true),
  global(
    'signin.amazonaws.com',
    'ConsoleLogin',
    1,
    false,
    () => null,
    () => ({ ConsoleLogin: 'Success' }),
  ),
  regional('lambda.amazonaws.com', 'ListFunctions20150331', 10, true),
  regional('lambda.amazonaws.com', 'GetFunction20150331v2', 8, true, (r) => ({
    functionName: `ingest-${r.hex(6)}`,
  })),
  regional(
    'lambda.amazonaws.com',
    'UpdateFunctionConfiguration20150331v2',
    1,
    false,
    (r) => ({
      functionName: `ingest-${r.hex(6)}`,
      environment: {},
      memorySize: 512,
    }),
    (r, a, t, region) => ({
      functionName: `ingest-${r.hex(6)}`,
      functionArn: `arn:aws:lambda:${region}:${a.id}:function:ingest`,
      runtime: 'nodejs20.x',
      role: `arn:aws:iam::${a.id}:role/lambda-ingest-role`,
      handler: 'index.handler',
      codeSize: 48213,
      description: '',
      timeout: 30,
      memorySize: 512,
      lastModified: new Date(t).toISOString(),
      codeSha256: r.chars(ALNUM, 44),
      version: '$LATEST',
      vpcConfig: { subnetIds: [a.subnet], securityGroupIds: [a.sg], vpcId: a.vpc },
      environment: {},
      tracingConfig: { mode: 'PassThrough' },
      revisionId: r.uuid(),
      layers: Array.from({ length: 3 }, (_, i) => ({
        arn: `arn:aws:lambda:${region}:${a.id}:layer:shared-${i}:4`,
        codeSize: 1024 * (i + 3),
      })),
      state: 'Active',
      lastUpdateStatus: 'InProgress',
      packageType: 'Zip',
      architectures: ['x86_64'],
      ephemeralStorage: { size: 512 },
      snapStart: { applyOn: 'None', optimizationStatus: 'Off' },
      loggingConfig: { logFormat: 'Text', logGroup: '/aws/lambda/ingest' },
    }),
  ),
  regional('logs.amazonaws.com', 'CreateLogStream', 30, false, (r) => ({
    logGroupName: `/aws/lambda/ingest-${r.hex(4)}`,
    logStreamName: `2024/06/03/[$LATEST]${r.hex(32)}`,
  })),
  regional('logs.amazonaws.com', 'DescribeLogGroups', 10, true),
  regional('monitoring.amazonaws.com', 'GetMetricData', 30, true, (r) => ({
    metricDataQueries: Array.from({ length: 1 + r.int(6) }, (_, i) => ({
      id: `m${i}`,
      metricStat: {
        metric: {
          namespace: 'AWS/EC2',
          metricName: 'CPUUtilization',
          dimensions: [{ name: 'InstanceId', value: `i-0${r.hex(16)}` }],
        },
        period: 300,
        stat: 'Average',
      },
    })),
    startTime: 'Jun 3, 2024, 12:00:00 AM',
    endTime: 'Jun 3, 2024, 1:00:00 AM',
  })),
  regional('ssm.amazonaws.com', 'GetParameter', 35, true, (r) => ({
    name: `/app/prod/${r.pick(['db-url', 'api-key', 'feature-flags'])}`,
    withDecryption: true,
  })),
  regional('ssm.amazonaws.com', 'UpdateInstanceInformation', 25, false, (r, a) => ({
    instanceId: r.pick(a.instances),
    agentVersion: '3.3.131.0',
    platformType: 'Linux',
    platformName: 'Amazon Linux',
    platformVersion: '2023',
    computerName: `ip-10-0-${r.int(256)}-${r.int(256)}.ec2.internal`,
    agentStatus: 'Active',
    availabilityZone: 'use1-az4',
  })),
  regional('secretsmanager.amazonaws.com', 'GetSecretValue', 25, true, (r, a, t, region) => ({
    secretId: `arn:aws:secretsmanager:${region}:${a.id}:secret:prod/db-${r.chars(ALNUM, 6)}`,
  })),
  regional('dynamodb.amazonaws.com', 'DescribeTable', 20, true, (r) => ({
    tableName: `orders-${r.pick(['prod', 'staging'])}`,
  })),
  regional('ecr.amazonaws.com', 'GetAuthorizationToken', 15, true),
  regional('ecs.amazonaws.com', 'RegisterTaskDefinition', 1, false, (r, a) => ({
    family: `svc-${r.hex(4)}`,
    taskRoleArn: `arn:aws:iam::${a.id}:role/app-api`,
    networkMode: 'awsvpc',
    containerDefinitions: Array.from({ length: 2 + r.int(4) }, (_, i) => ({
      name: `c${i}`,
      image: `${a.id}.dkr.ecr.us-east-1.amazonaws.com/app:${r.hex(40)}`,
      cpu: 256,
      memory: 512,
      essential: i === 0,
      portMappings: [{ containerPort: 8080, hostPort: 8080, protocol: 'tcp' }],
      environment: Array.from({ length: 10 + r.int(30) }, (_, k) => ({
        name: `SETTING_${k}`,
        value: r.chars(ALNUM, 24),
      })),
      logConfiguration: {
        logDriver: 'awslogs',
        options: {
          'awslogs-group': '/ecs/app',
          'awslogs-region': 'us-east-1',
          'awslogs-stream-prefix': 'ecs',
        },
      },
    })),
    requiresCompatibilities: ['FARGATE'],
    cpu: '1024',
    memory: '2048',
  })),
  regional('cloudformation.amazonaws.com', 'DescribeStacks', 12, true, (r) => ({
    stackName: `app-${r.hex(6)}`,
  })),
  regional('config.amazonaws.com', 'PutEvaluations', 10, false, (r) => ({
    evaluations: Array.from({ length: 1 + r.int(20) }, () => ({
      complianceResourceType: 'AWS::EC2::Instance',
      complianceResourceId: `i-0${r.hex(16)}`,
      complianceType: r.pick(['COMPLIANT', 'NON_COMPLIANT']),
      orderingTimestamp: 'Jun 3, 2024, 12:00:00 AM',
    })),
    resultToken: r.chars(ALNUM, 600),
    testMode: false,
  })),
];

const GLOBAL_ENTRIES = CATALOGUE.filter((e) => e.global);
const REGIONAL_ENTRIES = CATALOGUE.filter((e) => !e.global);
function cumulative(entries) {
  let sum = 0;
  return { entries, cum: entries.map((e) => (sum += e.weight)), total: sum };
}
const ALL_TABLE = cumulative(CATALOGUE);
const REGIONAL_TABLE = cumulative(REGIONAL_ENTRIES);
export const GLOBAL_EVENT_SHARE = GLOBAL_ENTRIES.reduce((s, e) => s + e.weight, 0) / ALL_TABLE.total;

function pickEntry(random, table) {
  const x = random.float() * table.total;
  let lo = 0,
    hi = table.cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (table.cum[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return table.entries[lo];
}

function base(random, account, region, time, source, name, readOnly, who) {
  const record = {
    eventVersion: '1.09',
    userIdentity: who.identity,
    eventTime: new Date(time).toISOString().slice(0, 19) + 'Z',
    eventSource: source,
    eventName: name,
    awsRegion: region,
    sourceIPAddress: who.address,
    userAgent: who.userAgent ?? (who.identity.invokedBy ? who.identity.invokedBy : random.pick(USER_AGENTS)),
    requestParameters: null,
    responseElements: null,
    requestID: random.uuid(),
    eventID: random.uuid(),
    readOnly,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: account.id,
    eventCategory: 'Management',
  };
  if (!who.identity.invokedBy) {
    record.tlsDetails = {
      tlsVersion: 'TLSv1.3',
      cipherSuite: 'TLS_AES_128_GCM_SHA256',
      clientProvidedHostHeader: `${source.split('.')[0]}.${region}.amazonaws.com`,
    };
  }
  return record;
}

function withError(random, record, code, message) {
  record.errorCode = code ?? random.pick(ERRORS)[0];
  record.errorMessage = message ?? ERRORS.find((e) => e[0] === record.errorCode)?.[1] ?? 'Access denied';
  record.responseElements = null;
  return record;
}

/** A routine record (no seed rule matches it). `global` selects IAM/STS/sign-in events (us-east-1 only). */
export function routineRecord(random, account, region, time, globalRegion) {
  const entry = pickEntry(random, globalRegion ? ALL_TABLE : REGIONAL_TABLE);
  const who = caller(random, account, time);
  if (entry.name === 'ConsoleLogin') {
    who.identity = { ...account.users[random.int(2)] };
    delete who.identity.accessKeyId;
    who.userAgent = CONSOLE_UA;
  }
  const record = base(random, account, region, time, entry.source, entry.name, entry.readOnly, who);
  record.requestParameters = entry.req(random, account, time, region);
  if (entry.name === 'ConsoleLogin')
    record.additionalEventData = {
      MFAUsed: 'Yes',
      MobileVersion: 'No',
      LoginTo: 'https://console.aws.amazon.com/console/home',
    };
  if (random.chance(0.03)) return withError(random, record);
  record.responseElements = entry.resp(random, account, time, region);
  return record;
}

// ---------------------------------------------------------------- seed-rule events
// Each builder returns { record, expect }, expect being the seed rules that must match it (empty for look-alikes).

const ec2InstanceConnect = (random, account, region, time, who, name, extra = {}) => {
  const record = base(random, account, region, time, 'ec2-instance-connect.amazonaws.com', name, false, who);
  record.requestParameters = {
    instanceId: random.pick(account.instances),
    ...(name === 'SendSSHPublicKey' ? { instanceOSUser: 'ec2-user' } : { serialPort: 0 }),
    sSHPublicKey: `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${random.chars(ALNUM, 43)}`,
    ...extra,
  };
  record.responseElements = { requestId: record.requestID, success: true };
  return record;
};

function runInstances(random, account, region, time, who, { gpu = false, count = 1 } = {}) {
  const record = base(random, account, region, time, 'ec2.amazonaws.com', 'RunInstances', false, who);
  const type = gpu ? 'p3.8xlarge' : random.pick(['t3.medium', 'm6i.large', 'c6g.xlarge']);
  record.requestParameters = {
    instancesSet: { items: [{ imageId: `ami-0${random.hex(16)}`, minCount: count, maxCount: count }] },
    instanceType: type,
    blockDeviceMapping: {
      items: [
        { deviceName: '/dev/xvda', ebs: { volumeSize: 50, volumeType: 'gp3', deleteOnTermination: true } },
      ],
    },
    monitoring: { enabled: false },
    disableApiTermination: false,
    disableApiStop: false,
    clientToken: random.uuid(),
    networkInterfaceSet: {
      items: [{ deviceIndex: 0, subnetId: account.subnet, groupSet: { items: [{ groupId: account.sg }] } }],
    },
    userData: '<sensitiveDataRemoved>',
    iamInstanceProfile: { name: 'eks-nodegroup-NodeInstanceProfile' },
    tagSpecificationSet: {
      items: [{ resourceType: 'instance', tags: [{ key: 'Name', value: `node-${random.hex(6)}` }] }],
    },
  };
  const items = [];
  for (let i = 0; i < count; i++) {
    items.push({
      instanceId: `i-0${random.hex(16)}`,
      imageId: record.requestParameters.instancesSet.items[0].imageId,
      instanceState: { code: 0, name: 'pending' },
      privateDnsName: `ip-10-0-${random.int(256)}-${random.int(256)}.ec2.internal`,
      amiLaunchIndex: i,
      productCodes: {},
      instanceType: type,
      launchTime: time,
      placement: { availabilityZone: `${region}a`, tenancy: 'default' },
      monitoring: { state: 'disabled' },
      subnetId: account.subnet,
      vpcId: account.vpc,
      privateIpAddress: `10.0.${random.int(256)}.${random.int(256)}`,
      stateReason: { code: 'pending', message: 'pending' },
      architecture: 'x86_64',
      rootDeviceType: 'ebs',
      rootDeviceName: '/dev/xvda',
      blockDeviceMapping: {},
      virtualizationType: 'hvm',
      hypervisor: 'xen',
      groupSet: { items: [{ groupId: account.sg, groupName: 'nodes' }] },
      networkInterfaceSet: {
        items: [
          {
            networkInterfaceId: `eni-0${random.hex(16)}`,
            subnetId: account.subnet,
            vpcId: account.vpc,
            status: 'in-use',
            privateIpAddress: '10.0.0.1',
          },
        ],
      },
      ebsOptimized: false,
      enaSupport: true,
      cpuOptions: { coreCount: 1, threadsPerCore: 2 },
      capacityReservationSpecification: { capacityReservationPreference: 'open' },
      enclaveOptions: { enabled: false },
      metadataOptions: {
        state: 'pending',
        httpTokens: 'required',
        httpPutResponseHopLimit: 2,
        httpEndpoint: 'enabled',
      },
      maintenanceOptions: { autoRecovery: 'default' },
      privateDnsNameOptions: {
        hostnameType: 'ip-name',
        enableResourceNameDnsARecord: false,
        enableResourceNameDnsAAAARecord: false,
      },
    });
  }
  record.responseElements = {
    requestId: record.requestID,
    reservationId: `r-0${random.hex(16)}`,
    ownerId: account.id,
    groupSet: {},
    instancesSet: { items },
    requesterId: '940372691376',
  };
  return record;
}

function iamCall(random, account, time, who, name, params, response) {
  const record = base(random, account, 'us-east-1', time, 'iam.amazonaws.com', name, false, who);
  record.requestParameters = params;
  record.responseElements = response;
  return record;
}

function createUser(random, account, time, who, userName) {
  return iamCall(
    random,
    account,
    time,
    who,
    'CreateUser',
    { userName, tags: [] },
    {
      user: {
        path: '/',
        userName,
        userId: `AIDA${random.chars(UPPER_DIGITS, 16)}`,
        arn: `arn:aws:iam::${account.id}:user/${userName}`,
        createDate: new Date(time).toUTCString(),
      },
    },
  );
}

function createAccessKey(random, account, time, who, userName) {
  return iamCall(
    random,
    account,
    time,
    who,
    'CreateAccessKey',
    { userName },
    {
      accessKey: {
        userName,
        accessKeyId: `AKIA${random.chars(UPPER_DIGITS, 16)}`,
        status: 'Active',
        createDate: new Date(time).toUTCString(),
      },
    },
  );
}

function sendCommand(random, account, region, time, who) {
  const record = base(random, account, region, time, 'ssm.amazonaws.com', 'SendCommand', false, who);
  const instanceIds = [random.pick(account.instances), random.pick(account.instances)];
  record.requestParameters = {
    instanceIds,
    documentName: 'AWS-RunShellScript',
    parameters: 'HIDDEN_DUE_TO_SECURITY_REASONS',
    interactive: false,
  };
  record.responseElements = {
    command: {
      commandId: random.uuid(),
      documentName: 'AWS-RunShellScript',
      documentVersion: '$DEFAULT',
      comment: '',
      expiresAfter: new Date(time + 3600_000).toUTCString(),
      parameters: 'HIDDEN_DUE_TO_SECURITY_REASONS',
      instanceIds,
      targets: [],
      requestedDateTime: new Date(time).toUTCString(),
      status: 'Pending',
      statusDetails: 'Pending',
      outputS3Region: region,
      maxConcurrency: '50',
      maxErrors: '0',
      targetCount: 2,
      completedCount: 0,
      errorCount: 0,
      deliveryTimedOutCount: 0,
      serviceRole: '',
      notificationConfig: { notificationArn: '', notificationEvents: [], notificationType: '' },
      cloudWatchOutputConfig: { cloudWatchLogGroupName: '', cloudWatchOutputEnabled: false },
      timeoutSeconds: 3600,
      alarmConfiguration: { ignorePollAlarmFailure: false, alarms: [] },
      triggeredAlarms: [],
    },
  };
  return record;
}

function deleteDetector(random, account, region, time, who) {
  const record = base(random, account, region, time, 'guardduty.amazonaws.com', 'DeleteDetector', false, who);
  record.requestParameters = { detectorId: random.hex(32) };
  record.responseElements = null;
  return record;
}

function admin(random, account, time) {
  return { identity: assumedRole(random, account, account.roles[3], time), address: publicAddress(random) };
}
function ops(random, account) {
  return { identity: { ...account.users[random.int(2)] }, address: publicAddress(random) };
}
function service(random, account, time, invokedBy) {
  return { identity: assumedRole(random, account, account.roles[4], time, invokedBy), address: invokedBy };
}

/**
 * Routine events that carry a seed eventName, drawn at a low rate among ordinary traffic: some match a seed rule
 * (Auto Scaling launching nodes, an engineer connecting with EC2 Instance Connect), others are near misses that
 * must not (denied calls, State Manager's own SendCommand, AWS Transfer Family's CreateUser, a policy document
 * that names the seed actions).
 */
export function routineSeedNameRecord(random, account, region, time, globalRegion) {
  const kinds = globalRegion ? 10 : 7;
  switch (random.int(kinds)) {
    case 0:
      return {
        record: runInstances(
          random,
          account,
          region,
          time,
          service(random, account, time, 'autoscaling.amazonaws.com'),
          { count: 1 + random.int(3) },
        ),
        expect: ['ec2-instances-launched'],
      };
    case 1:
      return {
        record: withError(
          random,
          runInstances(random, account, region, time, ops(random, account, time)),
          'Client.UnauthorizedOperation',
        ),
        expect: [],
      };
    case 2:
      return {
        record: ec2InstanceConnect(
          random,
          account,
          region,
          time,
          ops(random, account, time),
          'SendSSHPublicKey',
        ),
        expect: ['ec2-instance-connect-ssh-key-pushed'],
      };
    case 3: {
      const record = sendCommand(
        random,
        account,
        region,
        time,
        service(random, account, time, 'ssm.amazonaws.com'),
      );
      return { record, expect: [] };
    }
    case 4: {
      // Run Command from the console: invokedBy signin.amazonaws.com is kept by the rule.
      const who = {
        identity: assumedRole(random, account, account.roles[3], time, 'signin.amazonaws.com'),
        address: publicAddress(random),
      };
      return { record: sendCommand(random, account, region, time, who), expect: ['ssm-send-command'] };
    }
    case 5: {
      const record = base(
        random,
        account,
        region,
        time,
        'transfer.amazonaws.com',
        'CreateUser',
        false,
        admin(random, account, time),
      );
      record.requestParameters = {
        serverId: `s-${random.hex(17)}`,
        userName: `sftp-${random.hex(4)}`,
        role: `arn:aws:iam::${account.id}:role/sftp`,
        homeDirectory: '/data',
      };
      record.responseElements = {
        serverId: record.requestParameters.serverId,
        userName: record.requestParameters.userName,
      };
      return { record, expect: [] };
    }
    case 6:
      return {
        record: withError(
          random,
          deleteDetector(random, account, region, time, ops(random, account, time)),
          'AccessDeniedException',
        ),
        expect: [],
      };
    case 7: {
      const record = iamCall(
        random,
        account,
        time,
        admin(random, account, time),
        'PutRolePolicy',
        {
          roleName: 'ops-break-glass',
          policyName: 'instance-access',
          policyDocument: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: [
                  'ec2-instance-connect:SendSSHPublicKey',
                  'ssm:SendCommand',
                  'iam:CreateAccessKey',
                  'iam:CreateUser',
                  'guardduty:DeleteDetector',
                  'ec2:RunInstances',
                ],
                Resource: '*',
              },
            ],
          }),
        },
        null,
      );
      return { record, expect: [] };
    }
    case 8:
      return {
        record: createAccessKey(random, account, time, ops(random, account, time), 'ci-legacy'),
        expect: ['iam-access-key-created'],
      };
    default:
      return {
        record: withError(
          random,
          createUser(random, account, time, ops(random, account, time), `temp-${random.hex(4)}`),
          'AccessDenied',
        ),
        expect: [],
      };
  }
}

/**
 * One attack chain in an account: the leaked key of 'backup-legacy' is used from an unfamiliar address to create
 * a user and a key, launch GPU instances, push SSH keys, run commands and delete GuardDuty. Returns the steps
 * as { offsetMs, global, build(random, region, time) } for the caller to place in files.
 */
export function attackChain(random, account) {
  const address = `${random.pick([45, 89, 103, 185, 193])}.${random.int(256)}.${random.int(256)}.${1 + random.int(254)}`;
  const userAgent = random.pick(ATTACKER_UA);
  const victim = account.users[2];
  const who = () => ({ identity: { ...victim }, address, userAgent });
  const newUser = `svc-${random.chars('abcdefghijklmnopqrstuvwxyz', 6)}`;
  const step = (offsetMs, global, build) => ({ offsetMs, global, build });
  return [
    step(0, true, (r, region, t) => {
      const record = base(r, account, region, t, 'sts.amazonaws.com', 'GetCallerIdentity', true, who());
      return { record, expect: [] };
    }),
    step(40_000, true, (r, region, t) => ({
      record: createUser(r, account, t, who(), newUser),
      expect: ['iam-user-created'],
    })),
    step(55_000, true, (r, region, t) => ({
      record: createAccessKey(r, account, t, who(), newUser),
      expect: ['iam-access-key-created'],
    })),
    step(70_000, true, (r, region, t) => ({
      record: withError(
        r,
        createAccessKey(r, account, t, who(), 'alice'),
        'LimitExceeded',
        'Cannot exceed quota for AccessKeysPerUser: 2',
      ),
      expect: [],
    })),
    step(400_000, false, (r, region, t) => ({
      record: runInstances(r, account, region, t, who(), { gpu: true, count: 4 }),
      expect: ['ec2-instances-launched'],
    })),
    step(700_000, false, (r, region, t) => ({
      record: ec2InstanceConnect(r, account, region, t, who(), 'SendSSHPublicKey'),
      expect: ['ec2-instance-connect-ssh-key-pushed'],
    })),
    step(760_000, false, (r, region, t) => ({
      record: ec2InstanceConnect(r, account, region, t, who(), 'SendSerialConsoleSSHPublicKey'),
      expect: ['ec2-serial-console-ssh-key-pushed'],
    })),
    step(900_000, false, (r, region, t) => ({
      record: sendCommand(r, account, region, t, who()),
      expect: ['ssm-send-command'],
    })),
    step(1_500_000, false, (r, region, t) => ({
      record: withError(
        r,
        deleteDetector(r, account, region, t, who()),
        'AccessDeniedException',
        'not authorized to perform guardduty:DeleteDetector',
      ),
      expect: [],
    })),
    step(1_560_000, false, (r, region, t) => ({
      record: deleteDetector(r, account, region, t, who()),
      expect: ['guardduty-detector-deleted'],
    })),
  ];
}

/**
 * One application without a secret cache: the role session `identity` (see appSession; one SDK, addresses inside
 * the VPC) reads `secretId` with secretsmanager:GetSecretValue. An everyday pattern that puts every event in one
 * correlation group with a couple of values (bulk-secret-retrieval), and that none of the seed rules matches.
 */
export function appSecretRead(random, account, region, time, identity, secretId) {
  const who = {
    identity,
    address: `10.0.${random.int(4)}.${10 + random.int(20)}`,
    userAgent: USER_AGENTS[2].replace('api/dynamodb', 'api/secrets-manager'),
  };
  const record = base(
    random,
    account,
    region,
    time,
    'secretsmanager.amazonaws.com',
    'GetSecretValue',
    true,
    who,
  );
  record.requestParameters = { secretId };
  return record;
}

/** The application's role session (its credentials change when the session is renewed, e.g. hourly). */
export function appSession(random, account, time) {
  return assumedRole(random, account, account.roles[0], time);
}
