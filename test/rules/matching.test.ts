/**
 * Sigma value semantics, one by one, each with records that must and must not match.
 * Detections are written in YAML, as in a rule file (compileYaml wraps them in a CloudTrail rule).
 */
import { describe, expect, it } from '@jest/globals';
import ipaddr from 'ipaddr.js';
import { simplifyForSearch } from '../../src/rules/detection-item.js';
import { compileDetection, compileYaml, yamlError } from './helpers.js';
import { mulberry32 } from '../helpers/random.js';

type Rec = Record<string, unknown>;

function verdicts(detection: string, records: Rec[]): boolean[] {
  const rule = compileYaml(detection);
  return records.map((record) => rule.matches(record));
}

describe('strings', () => {
  it('compares case-insensitively by default', () => {
    expect(
      verdicts(
        `
        selection:
            eventName: 'StopLogging'
        condition: selection`,
        [
          { eventName: 'StopLogging' },
          { eventName: 'stoplogging' },
          { eventName: 'STOPLOGGING' },
          { eventName: 'StopLoggingX' },
          { eventName: 'Stop' },
          {},
        ],
      ),
    ).toEqual([true, true, true, false, false, false]);
  });

  it('compares case-sensitively with cased', () => {
    expect(
      verdicts(
        `
        selection:
            eventName|cased: 'StopLogging'
        condition: selection`,
        [{ eventName: 'StopLogging' }, { eventName: 'stoplogging' }],
      ),
    ).toEqual([true, false]);
    expect(
      verdicts(
        `
        selection:
            userAgent|cased|contains: 'TruffleHog'
        condition: selection`,
        [{ userAgent: 'x TruffleHog y' }, { userAgent: 'x trufflehog y' }],
      ),
    ).toEqual([true, false]);
  });

  it('applies * and ? wildcards, anchored at both ends', () => {
    expect(
      verdicts(
        `
        selection:
            userAgent: 'aws-cli/?.*'
        condition: selection`,
        [
          { userAgent: 'aws-cli/2.15.0 Python/3.11' },
          { userAgent: 'AWS-CLI/1.0' },
          { userAgent: 'aws-cli/12.0' },
          { userAgent: 'boto3 aws-cli/2.1' },
        ],
      ),
    ).toEqual([true, true, false, false]);
  });

  it('honours backslash escapes (\\* literal star, \\\\ literal backslash)', () => {
    expect(
      verdicts(
        `
        selection:
            requestParameters.policy: 'arn:aws:s3:::bucket/\\*'
        condition: selection`,
        [
          { requestParameters: { policy: 'arn:aws:s3:::bucket/*' } },
          { requestParameters: { policy: 'arn:aws:s3:::bucket/key' } },
        ],
      ),
    ).toEqual([true, false]);
    expect(
      verdicts(
        `
        selection:
            path: 'C:\\\\Windows\\System32\\\\*'
        condition: selection`,
        [
          { path: 'C:\\Windows\\System32\\cmd.exe' },
          { path: 'C:\\\\Windows\\System32\\cmd.exe' },
          { path: 'C:/Windows/System32/cmd.exe' },
        ],
      ),
    ).toEqual([true, false, false]);
  });

  it("'' matches only the empty string", () => {
    expect(
      verdicts(
        `
        selection:
            errorCode: ''
        condition: selection`,
        [{ errorCode: '' }, {}, { errorCode: null }, { errorCode: 'AccessDenied' }],
      ),
    ).toEqual([true, false, false, false]);
  });
});

describe('lists and maps', () => {
  it('a list of values is OR', () => {
    expect(
      verdicts(
        `
        selection:
            eventName:
                - StopLogging
                - DeleteTrail
        condition: selection`,
        [{ eventName: 'StopLogging' }, { eventName: 'DeleteTrail' }, { eventName: 'UpdateTrail' }],
      ),
    ).toEqual([true, true, false]);
  });

  it('a map is AND of its fields', () => {
    expect(
      verdicts(
        `
        selection:
            eventSource: cloudtrail.amazonaws.com
            eventName: StopLogging
        condition: selection`,
        [
          { eventSource: 'cloudtrail.amazonaws.com', eventName: 'StopLogging' },
          { eventSource: 'cloudtrail.amazonaws.com', eventName: 'StartLogging' },
          { eventSource: 'ec2.amazonaws.com', eventName: 'StopLogging' },
        ],
      ),
    ).toEqual([true, false, false]);
  });

  it('a list of maps is OR of the maps', () => {
    expect(
      verdicts(
        `
        filter:
            - eventSource: 'ssm.amazonaws.com'
            - eventName: 'RegisterManagedInstance'
              awsRegion: us-east-1
        condition: filter`,
        [
          { eventSource: 'ssm.amazonaws.com', eventName: 'X' },
          { eventSource: 'ec2.amazonaws.com', eventName: 'RegisterManagedInstance', awsRegion: 'us-east-1' },
          { eventSource: 'ec2.amazonaws.com', eventName: 'RegisterManagedInstance', awsRegion: 'eu-west-1' },
          { eventSource: 'ec2.amazonaws.com', eventName: 'X' },
        ],
      ),
    ).toEqual([true, true, false, false]);
  });
});

describe('null', () => {
  const detection = `
    selection:
        eventName: CreateUser
        errorCode: null
    condition: selection`;

  it('matches an absent field or a null value, not a present value', () => {
    expect(
      verdicts(detection, [
        { eventName: 'CreateUser' },
        { eventName: 'CreateUser', errorCode: null },
        { eventName: 'CreateUser', errorCode: 'AccessDenied' },
        { eventName: 'CreateUser', errorCode: '' },
      ]),
    ).toEqual([true, true, false, false]);
  });

  it('may be one value of a list', () => {
    expect(
      verdicts(
        `
        selection:
            errorCode: [null, 'AccessDenied']
        condition: selection`,
        [
          {},
          { errorCode: 'AccessDenied' },
          { errorCode: 'accessdenied' },
          { errorCode: 'ThrottlingException' },
        ],
      ),
    ).toEqual([true, true, true, false]);
  });

  it('on a path through arrays, means no item has a value there', () => {
    expect(
      verdicts(
        `
        selection:
            requestParameters.items.keyName: null
        condition: selection`,
        [
          { requestParameters: { items: [] } },
          { requestParameters: { items: [{ imageId: 'ami-1' }, { keyName: null }] } },
          { requestParameters: { items: [{ imageId: 'ami-1' }, { keyName: 'k' }] } },
        ],
      ),
    ).toEqual([true, true, false]);
  });
});

describe('numbers and booleans', () => {
  it('a rule value false matches false and "false"', () => {
    expect(
      verdicts(
        `
        selection:
            additionalEventData.MFAUsed: false
        condition: selection`,
        [
          { additionalEventData: { MFAUsed: false } },
          { additionalEventData: { MFAUsed: 'false' } },
          { additionalEventData: { MFAUsed: 'False' } },
          { additionalEventData: { MFAUsed: true } },
          { additionalEventData: { MFAUsed: 'No' } },
          { additionalEventData: {} },
        ],
      ),
    ).toEqual([true, true, true, false, false, false]);
  });

  it("a rule value 'true' (a string) matches the boolean true", () => {
    expect(
      verdicts(
        `
        selection:
            readOnly: 'true'
        condition: selection`,
        [{ readOnly: true }, { readOnly: false }],
      ),
    ).toEqual([true, false]);
  });

  it('a rule value 10 matches 10 and "10"', () => {
    expect(
      verdicts(
        `
        selection:
            requestParameters.maxCount: 10
        condition: selection`,
        [
          { requestParameters: { maxCount: 10 } },
          { requestParameters: { maxCount: '10' } },
          { requestParameters: { maxCount: 100 } },
          { requestParameters: { maxCount: 1 } },
        ],
      ),
    ).toEqual([true, true, false, false]);
  });

  it('keeps numbers as written in the rule (1.10 is not 1.1; long ids keep their digits)', () => {
    expect(
      verdicts(
        `
        selection:
            eventVersion: 1.10
        condition: selection`,
        [{ eventVersion: '1.10' }, { eventVersion: '1.1' }],
      ),
    ).toEqual([true, false]);
    expect(
      verdicts(
        `
        selection:
            requestParameters.id: 12345678901234567891
        condition: selection`,
        [
          { requestParameters: { id: '12345678901234567891' } },
          { requestParameters: { id: '12345678901234567000' } },
        ],
      ),
    ).toEqual([true, false]);
  });

  it('lt, lte, gt, gte compare numbers; text that is not a number does not match', () => {
    const records = [5, 10, 11, '11', 'eleven', null].map((maxCount) => ({
      requestParameters: { maxCount },
    }));
    const check = (modifier: string) =>
      verdicts(
        `
        selection:
            requestParameters.maxCount|${modifier}: 10
        condition: selection`,
        records,
      );
    expect(check('gt')).toEqual([false, false, true, true, false, false]);
    expect(check('gte')).toEqual([false, true, true, true, false, false]);
    expect(check('lt')).toEqual([true, false, false, false, false, false]);
    expect(check('lte')).toEqual([true, true, false, false, false, false]);
  });
});

describe('modifiers', () => {
  it('contains', () => {
    expect(
      verdicts(
        `
        selection:
            userAgent|contains: 'TruffleHog'
        condition: selection`,
        [{ userAgent: 'Mozilla trufflehog/3.1' }, { userAgent: 'TruffleHog' }, { userAgent: 'Truffle' }, {}],
      ),
    ).toEqual([true, true, false, false]);
  });

  it('startswith and endswith', () => {
    expect(
      verdicts(
        `
        selection:
            eventName|startswith: 'UpdateFunctionConfiguration'
        condition: selection`,
        [
          { eventName: 'UpdateFunctionConfiguration20150331v2' },
          { eventName: 'GetUpdateFunctionConfiguration' },
        ],
      ),
    ).toEqual([true, false]);
    expect(
      verdicts(
        `
        selection:
            userIdentity.invokedBy|endswith: '.amazonaws.com'
        condition: selection`,
        [
          { userIdentity: { invokedBy: 'ssm.AMAZONAWS.com' } },
          { userIdentity: { invokedBy: 'amazonaws.com.evil' } },
        ],
      ),
    ).toEqual([true, false]);
  });

  it('all: every listed value must match (each may match a different value of the field)', () => {
    const detection = `
        selection:
            requestParameters.policyDocument|contains|all:
                - '"s3:GetObject"'
                - '"Allow"'
        condition: selection`;
    expect(
      verdicts(detection, [
        { requestParameters: { policyDocument: '{"Effect":"Allow","Action":"s3:GetObject"}' } },
        { requestParameters: { policyDocument: '{"Effect":"Deny","Action":"s3:GetObject"}' } },
        { requestParameters: { policyDocument: ['{"Effect":"Allow"}', '{"Action":"s3:GetObject"}'] } },
      ]),
    ).toEqual([true, false, true]);
    // Without all, one is enough.
    expect(
      compileYaml(detection.replace('|all', '')).matches({
        requestParameters: { policyDocument: '"Allow"' },
      }),
    ).toBe(true);
  });

  it('re: a case-sensitive search, with i, m and s flags', () => {
    const re = (modifiers: string, pattern: string, text: string) =>
      compileDetection({ sel: { [`f|re${modifiers}`]: pattern }, condition: 'sel' }).matches({ f: text });
    expect(re('', '^Admin', 'Admin-1')).toBe(true);
    expect(re('', '^Admin', 'admin-1')).toBe(false);
    expect(re('|i', '^Admin', 'admin-1')).toBe(true);
    expect(re('', 'dmi', 'Admin')).toBe(true); // unanchored
    expect(re('', '^b', 'a\nb')).toBe(false);
    expect(re('|m', '^b', 'a\nb')).toBe(true);
    expect(re('', 'a.b', 'a\nb')).toBe(false);
    expect(re('|s', 'a.b', 'a\nb')).toBe(true);
    expect(re('', '(?i)^admin', 'ADMIN')).toBe(true);
    expect(re('|ignorecase|dotall', 'A.B', 'a\nb')).toBe(true);
  });

  it('re: leading and trailing .* / .+ keep their meaning', () => {
    const rule = compileYaml(`
        selection:
            userIdentity.arn|re: '.+:assumed-role/aws:.+'
        condition: selection`);
    const arn = (value: string) => rule.matches({ userIdentity: { arn: value } });
    expect(arn('arn:aws:sts::1:assumed-role/aws:ec2-instance/i-1')).toBe(true);
    expect(arn(':assumed-role/aws:x')).toBe(false);
    expect(arn('x:assumed-role/aws:')).toBe(false);
    expect(arn('arn:aws:sts::1:assumed-role/AWS:x')).toBe(false);
    const dot = compileDetection({ sel: { 'f|re': 'a\\.*' }, condition: 'sel' });
    expect(dot.matches({ f: 'a' })).toBe(true);
    expect(compileDetection({ sel: { 'f|re': '^x.*|y' }, condition: 'sel' }).matches({ f: 'zy' })).toBe(true);
  });

  it('cidr: IPv4 and IPv6 networks; values that are not addresses do not match', () => {
    const detection = `
        selection:
            sourceIPAddress|cidr:
                - 10.0.0.0/8
                - '2001:db8::/32'
        condition: selection`;
    expect(
      verdicts(
        detection,
        [
          '10.1.2.3',
          '11.0.0.1',
          '2001:db8::1',
          '2001:db9::1',
          '::ffff:10.9.9.9',
          'AWS Internal',
          'ec2.amazonaws.com',
          '10.1',
          '',
        ].map((sourceIPAddress) => ({ sourceIPAddress })),
      ),
    ).toEqual([true, false, true, false, true, false, false, false, false]);
    expect(verdicts(detection, [{ sourceIPAddress: 167837955 }, {}])).toEqual([false, false]);
  });

  it('cidr: IPv4 addresses as ipaddr.js reads them, at every prefix length', () => {
    const random = mulberry32(5);
    const octet = () => Math.floor(random() * 256);
    const texts = [
      '0.0.0.0',
      '255.255.255.255',
      '256.1.1.1',
      '01.2.3.4',
      '1.2.3',
      '1.2.3.4.5',
      '1.2.3.4 ',
      '١.2.3.4',
    ];
    for (let i = 0; i < 200; i++) texts.push([octet(), octet(), octet(), octet()].join('.'));
    for (const bits of [0, 1, 7, 8, 12, 16, 23, 24, 31, 32]) {
      const network = `${octet()}.${octet()}.${octet()}.${octet()}/${bits}`;
      const rule = compileYaml(`selection:\n    sourceIPAddress|cidr: '${network}'\ncondition: selection`);
      const parsed = ipaddr.parseCIDR(network);
      // Addresses near the network too, so that both answers are exercised.
      const near = texts.map((t) => t.replace(/^\d+/, network.split('.')[0]!));
      for (const text of [...texts, ...near]) {
        const expected = ipaddr.IPv4.isValidFourPartDecimal(text) && ipaddr.IPv4.parse(text).match(parsed);
        expect([network, text, rule.matches({ sourceIPAddress: text })]).toEqual([network, text, expected]);
      }
    }
  });

  it('cidr: a bare address is a single-address network', () => {
    expect(
      verdicts(
        `
        selection:
            sourceIPAddress|cidr: 203.0.113.7
        condition: selection`,
        [{ sourceIPAddress: '203.0.113.7' }, { sourceIPAddress: '203.0.113.8' }],
      ),
    ).toEqual([true, false]);
  });

  it('exists: true/false; a key with a null value exists', () => {
    const exists = (want: boolean) => `
        selection:
            errorCode|exists: ${want}
        condition: selection`;
    const records = [{ errorCode: 'AccessDenied' }, { errorCode: null }, { errorCode: '' }, {}];
    expect(verdicts(exists(true), records)).toEqual([true, true, true, false]);
    expect(verdicts(exists(false), records)).toEqual([false, false, false, true]);
    expect(
      verdicts(
        `
        selection:
            requestParameters.items.keyName|exists: true
        condition: selection`,
        [
          { requestParameters: { items: [{}, { keyName: 'k' }] } },
          { requestParameters: { items: [{}, { keyName: null }] } },
          { requestParameters: { items: [{}, {}] } },
        ],
      ),
    ).toEqual([true, true, false]);
  });

  it('fieldref: compares with another field of the same record', () => {
    const detection = `
        selection:
            requestParameters.userName|fieldref: userIdentity.userName
        condition: selection`;
    expect(
      verdicts(detection, [
        { requestParameters: { userName: 'alice' }, userIdentity: { userName: 'Alice' } },
        { requestParameters: { userName: 'alice' }, userIdentity: { userName: 'bob' } },
        { requestParameters: { userName: 'alice' }, userIdentity: {} },
        { requestParameters: {}, userIdentity: {} },
      ]),
    ).toEqual([true, false, false, false]);
  });

  it('fieldref with endswith, contains and cased', () => {
    const records = [
      { userIdentity: { arn: 'arn:aws:iam::1:user/alice' }, requestParameters: { userName: 'alice' } },
      { userIdentity: { arn: 'arn:aws:iam::1:user/ALICE' }, requestParameters: { userName: 'alice' } },
      { userIdentity: { arn: 'arn:aws:iam::1:user/bob' }, requestParameters: { userName: 'alice' } },
    ];
    const check = (modifiers: string) =>
      verdicts(
        `
        selection:
            userIdentity.arn|fieldref${modifiers}: requestParameters.userName
        condition: selection`,
        records,
      );
    expect(check('|endswith')).toEqual([true, true, false]);
    expect(check('|contains')).toEqual([true, true, false]);
    expect(check('|endswith|cased')).toEqual([true, false, false]);
    expect(check('')).toEqual([false, false, false]);
  });

  it('neq: the field is none of the values (absent counts as none)', () => {
    expect(
      verdicts(
        `
        selection:
            eventSource|neq:
                - iam.amazonaws.com
                - sts.amazonaws.com
        condition: selection`,
        [
          { eventSource: 'ec2.amazonaws.com' },
          { eventSource: 'IAM.amazonaws.com' },
          { eventSource: 'sts.amazonaws.com' },
          {},
        ],
      ),
    ).toEqual([true, false, false, true]);
  });
});

describe('field paths', () => {
  const ingress = {
    eventName: 'AuthorizeSecurityGroupIngress',
    requestParameters: {
      groupId: 'sg-1',
      ipPermissions: {
        items: [
          { ipProtocol: 'tcp', fromPort: 443, ipRanges: { items: [{ cidrIp: '10.0.0.0/16' }] } },
          {
            ipProtocol: 'tcp',
            fromPort: 22,
            ipRanges: { items: [{ cidrIp: '192.168.0.0/24' }, { cidrIp: '0.0.0.0/0' }] },
          },
        ],
      },
    },
  };

  it('goes through nested objects and arrays at any level; any reached value may match', () => {
    const open = (cidr: string) =>
      compileYaml(`
        selection:
            requestParameters.ipPermissions.items.ipRanges.items.cidrIp: '${cidr}'
        condition: selection`).matches(ingress);
    expect(open('0.0.0.0/0')).toBe(true);
    expect(open('10.0.0.0/16')).toBe(true);
    expect(open('172.16.0.0/12')).toBe(false);
  });

  it('matches numbers reached through arrays by their text', () => {
    const port = (value: string) =>
      compileYaml(`
        selection:
            requestParameters.ipPermissions.items.fromPort: ${value}
        condition: selection`).matches(ingress);
    expect(port('22')).toBe(true);
    expect(port('23')).toBe(false);
  });

  it('flattens an array at the end of the path (and arrays of arrays)', () => {
    const rule = compileYaml(`
        selection:
            requestParameters.layers|endswith: ':layer:evil:1'
        condition: selection`);
    expect(
      rule.matches({
        requestParameters: { layers: ['arn:aws:lambda:x:1:layer:ok:1', 'arn:aws:lambda:x:1:layer:evil:1'] },
      }),
    ).toBe(true);
    expect(rule.matches({ requestParameters: { layers: [['arn:x:layer:evil:1']] } })).toBe(true);
    expect(rule.matches({ requestParameters: { layers: [] } })).toBe(false);
  });

  it('prefers a key that itself contains dots before splitting the path', () => {
    const rule = compileYaml(`
        selection:
            requestParameters.x-amz-server-side-encryption.aws-kms-key-id: 'key-1'
        condition: selection`);
    expect(
      rule.matches({ requestParameters: { 'x-amz-server-side-encryption.aws-kms-key-id': 'key-1' } }),
    ).toBe(true);
    expect(
      rule.matches({ requestParameters: { 'x-amz-server-side-encryption': { 'aws-kms-key-id': 'key-1' } } }),
    ).toBe(true);
    const both = compileYaml(`
        selection:
            a.b: 'x'
        condition: selection`);
    expect(both.matches({ 'a.b': 'x', a: { b: 'y' } })).toBe(true);
    expect(both.matches({ 'a.b': 'y', a: { b: 'x' } })).toBe(false);
  });

  it('field names are case-sensitive', () => {
    const rule = compileYaml(`
        selection:
            EventName: 'StopLogging'
        condition: selection`);
    expect(rule.matches({ eventName: 'StopLogging' })).toBe(false);
    expect(rule.matches({ EventName: 'StopLogging' })).toBe(true);
  });

  it('only own properties count (no Object.prototype members)', () => {
    const rule = compileDetection({ sel: { constructor: '*' }, condition: 'sel' });
    expect(rule.matches({})).toBe(false);
    expect(rule.matches({ constructor: 'x' })).toBe(true);
    const nested = compileDetection({ sel: { 'a.toString|exists': true }, condition: 'sel' });
    expect(nested.matches({ a: {} })).toBe(false);
  });
});

describe('object values', () => {
  const record = {
    requestParameters: { bucketName: 'logs-bucket', acl: { grants: [{ grantee: 'AllUsers' }] } },
  };

  it('a plain string does not equal an object; exists sees it', () => {
    const check = (item: string) =>
      compileYaml(`
        selection:
            ${item}
        condition: selection`).matches(record);
    expect(check("requestParameters: '*'")).toBe(false);
    expect(check("requestParameters: 'logs-bucket'")).toBe(false);
    expect(check("requestParameters|startswith: '{'")).toBe(false);
    expect(check('requestParameters|exists: true')).toBe(true);
  });

  it('contains looks at the strings inside an object', () => {
    const check = (value: string) =>
      compileYaml(`
        selection:
            requestParameters|contains: '${value}'
        condition: selection`).matches(record);
    expect(check('logs-bucket')).toBe(true);
    expect(check('allusers')).toBe(true);
    expect(check('grantee')).toBe(false); // keys are not values
  });
});

describe('keywords', () => {
  const record = {
    eventName: 'PutBucketPolicy',
    userAgent: '[S3 Browser 11.5.7]',
    requestParameters: {
      bucketPolicy: { Statement: [{ Principal: '*', Action: ['s3:GetObject'] }] },
      size: 4096,
    },
  };

  it('a list of plain values looks for any of them inside every value of the record', () => {
    const rule = (words: string[]) =>
      compileDetection({ keywords: words, condition: 'keywords' }).matches(record);
    expect(rule(['s3 browser'])).toBe(true);
    expect(rule(['nothing', 'GETOBJECT'])).toBe(true);
    expect(rule(['409'])).toBe(true);
    expect(rule(['Statement'])).toBe(false); // keys are not searched
    expect(rule(['nothing'])).toBe(false);
    expect(rule(['s3:*Object'])).toBe(true);
  });

  it("'|all' needs every keyword", () => {
    const rule = (words: string[]) =>
      compileYaml(`
        keywords:
            '|all':
${words.map((w) => `                - '${w}'`).join('\n')}
        condition: keywords`).matches(record);
    expect(rule(['S3 Browser', 'GetObject'])).toBe(true);
    expect(rule(['S3 Browser', 'DeleteObject'])).toBe(false);
  });
});

describe('rejected detections', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['unknown modifier', 'f|foo: x', /selection 'selection', 'f\|foo': unknown modifier 'foo'/],
    ['unsupported modifier', 'f|windash: x', /modifier 'windash' is not supported/],
    [
      'unknown placeholder',
      'f|expand: "%org_acounts%"',
      /unknown placeholder '%org_acounts%' \(known: %org_accounts%, %github_oidc_subjects%\); did you mean '%org_accounts%'\?/,
    ],
    ['base64', 'f|base64offset|contains: x', /modifier 'base64offset' is not supported/],
    ['two shapes', 'f|contains|startswith: x', /'contains' and 'startswith' cannot be combined/],
    ['re with contains', 'f|re|contains: x', /'re' cannot be combined with 'contains'/],
    ['flag without re', 'f|i: x', /'i' is a flag of 're' and needs it/],
    ['invalid regex', "f|re: '(a'", /invalid regular expression '\(a'/],
    ['bad cidr', 'f|cidr: 10.0.0.0/33', /'10.0.0.0\/33' is not an IPv4 or IPv6 network/],
    ['exists needs a boolean', 'f|exists: yes', /'exists' takes true or false/],
    ['exists with others', 'f|exists|neq: true', /'exists' cannot be combined with other modifiers/],
    ['all with one value', 'f|contains|all: x', /'all' needs a list of two or more values/],
    ['fieldref wildcard', 'f|fieldref: other*', /'fieldref' takes a field name without wildcards/],
    ['lt needs a number', 'f|lt: ten', /'lt' needs a number, not 'ten'/],
    ['null with contains', 'f|contains: null', /null cannot be used with 'contains'/],
    ['nested map', 'f: {a: b}', /a value cannot be a map/],
    ['empty list', 'f: []', /empty list of values/],
    ['empty modifier', 'f||contains: x', /empty modifier/],
    ['duplicate modifier', 'f|contains|contains: x', /modifier 'contains' appears twice/],
    ['keyword with startswith', "'|startswith': x", /needs a field/],
  ];
  it.each(cases)('%s', (_label, item, message) => {
    expect(
      yamlError(`
        selection:
            ${item}
        condition: selection`),
    ).toMatch(message);
  });

  it('mixed lists and empty selections', () => {
    expect(
      yamlError(`
        selection:
            - a
            - f: x
        condition: selection`),
    ).toMatch(/mixes maps and plain values/);
    expect(
      yamlError(`
        selection: {}
        condition: selection`),
    ).toMatch(/selection 'selection' is an empty map/);
    expect(
      yamlError(`
        selection:
        condition: selection`),
    ).toMatch(/selection 'selection' is empty/);
  });
});

describe('regular expressions are matched in an equivalent, cheaper form', () => {
  it('drops a leading/trailing .* and shortens .+ to . only where that keeps the meaning', () => {
    expect(simplifyForSearch('.+:assumed-role/aws:.+')).toBe('.:assumed-role/aws:.');
    expect(simplifyForSearch('.*abc.*')).toBe('abc');
    expect(simplifyForSearch('.*?abc')).toBe('.*?abc'); // lazy: left alone
    expect(simplifyForSearch('.+*')).toBe('.+*');
    expect(simplifyForSearch('abc\\.*')).toBe('abc\\.*'); // an escaped dot
    expect(simplifyForSearch('abc\\\\.*')).toBe('abc\\\\'); // an escaped backslash, then .*
    expect(simplifyForSearch('.*a|b')).toBe('.*a|b'); // top-level alternation: left alone
    expect(simplifyForSearch('.*(a|b)')).toBe('(a|b)');
    expect(simplifyForSearch('[.*]')).toBe('[.*]');
  });
});
