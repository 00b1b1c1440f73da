import { describe, expect, it } from '@jest/globals';
import {
  athenaCreateTableSql,
  athenaSetPropertiesSql,
  quoteIdent,
  recordToRow,
  rowToRecord,
  tableSchema,
} from '../../src/sql/index.js';

const TABLE = {
  database: 'security',
  table: 'cloudtrail_logs',
  bucket: 'org-trail-bucket',
  prefix: 'trails/',
  organizationId: 'o-abc123def4',
  accounts: ['111122223333', '444455556666'],
  regions: ['us-east-1', 'eu-west-1'],
  projectionStartDate: '2026/01/01',
};

describe('athenaCreateTableSql', () => {
  it('creates the documented table with account, region and day projection over the organization trail', () => {
    const sql = athenaCreateTableSql(TABLE);
    expect(sql).toContain('CREATE EXTERNAL TABLE IF NOT EXISTS `security`.`cloudtrail_logs` (');
    expect(sql).toContain(
      'useridentity STRUCT<type: STRING, principalid: STRING, arn: STRING, accountid: STRING, invokedby: STRING',
    );
    expect(sql).toContain(
      'sessionissuer: STRUCT<type: STRING, principalid: STRING, arn: STRING, accountid: STRING, username: STRING>',
    );
    expect(sql).toContain('requestparameters STRING,');
    expect(sql).toContain('resources ARRAY<STRUCT<arn: STRING, accountid: STRING, type: STRING>>');
    expect(sql).toContain('PARTITIONED BY (account STRING, region STRING, `timestamp` STRING)');
    expect(sql).toContain("STORED AS INPUTFORMAT 'com.amazon.emr.cloudtrail.CloudTrailInputFormat'");
    expect(sql).toContain("LOCATION 's3://org-trail-bucket/trails/AWSLogs/o-abc123def4/'");
    expect(sql).toContain("'projection.account.values'='111122223333,444455556666'");
    expect(sql).toContain("'projection.region.values'='us-east-1,eu-west-1'");
    expect(sql).toContain("'projection.timestamp.range'='2026/01/01,NOW'");
    expect(sql).toContain("'projection.timestamp.format'='yyyy/MM/dd'");
    expect(sql).toContain(
      "'storage.location.template'='s3://org-trail-bucket/trails/AWSLogs/o-abc123def4/${account}/CloudTrail/${region}/${timestamp}'",
    );
  });

  it('takes the prefix as the S3 source does: a trailing AWSLogs segment and slashes are dropped', () => {
    for (const prefix of ['trails/AWSLogs', '/trails/AWSLogs/', 'trails/']) {
      const sql = athenaCreateTableSql({ ...TABLE, prefix });
      expect(sql).toContain("LOCATION 's3://org-trail-bucket/trails/AWSLogs/o-abc123def4/'");
      expect(sql).toContain(
        "'storage.location.template'='s3://org-trail-bucket/trails/AWSLogs/o-abc123def4/${account}/CloudTrail/${region}/${timestamp}'",
      );
    }
    expect(athenaCreateTableSql({ ...TABLE, prefix: 'AWSLogs/' })).toContain(
      "LOCATION 's3://org-trail-bucket/AWSLogs/o-abc123def4/'",
    );
  });

  it('sets table properties with ALTER TABLE, refusing quotes', () => {
    expect(
      athenaSetPropertiesSql('security', 'cloudtrail_logs', [
        ['projection.account.values', '111122223333,444455556666'],
      ]),
    ).toBe(
      "ALTER TABLE `security`.`cloudtrail_logs` SET TBLPROPERTIES (\n  'projection.account.values'='111122223333,444455556666'\n)",
    );
    expect(() =>
      athenaSetPropertiesSql('security', 't', [['projection.account.values', "1'; DROP"]]),
    ).toThrow(/is not valid/);
    expect(() => athenaSetPropertiesSql('se`c', 't', [])).toThrow(/database name/);
  });

  it('leaves out the organization folder for an account trail', () => {
    const sql = athenaCreateTableSql({ ...TABLE, prefix: undefined, organizationId: undefined });
    expect(sql).toContain("LOCATION 's3://org-trail-bucket/AWSLogs/'");
  });

  it.each([
    ['database', { database: 'x`; DROP' }],
    ['bucket', { bucket: "b'ucket" }],
    ['account', { accounts: ["1111'22223333"] }],
    ['region', { regions: ["us-east-1'"] }],
    ['prefix', { prefix: "a'b" }],
    ['organization', { organizationId: 'o-x' }],
    ['start date', { projectionStartDate: '2026-01-01' }],
  ])('rejects a bad %s', (_what, change) => {
    expect(() => athenaCreateTableSql({ ...TABLE, ...change })).toThrow(/is not valid/);
  });
});

describe('quoteIdent', () => {
  it('doubles quotes and refuses control characters', () => {
    expect(quoteIdent('a"b')).toBe('"a""b"');
    expect(() => quoteIdent('a\nb')).toThrow();
  });
});

describe('rowToRecord', () => {
  const record = {
    eventVersion: '1.09',
    eventTime: '2026-01-01T00:00:00Z',
    eventName: 'PutBucketPolicy',
    readOnly: false,
    userIdentity: {
      type: 'AssumedRole',
      arn: 'arn:aws:sts::111122223333:assumed-role/admin/x',
      sessionContext: {
        sessionIssuer: { type: 'Role', userName: 'admin' },
        attributes: { mfaAuthenticated: 'false' },
      },
    },
    requestParameters: { bucketName: 'b', policy: { Statement: [{ Effect: 'Allow' }] }, n: 3, ok: true },
    responseElements: null,
    resources: [{ ARN: 'arn:aws:s3:::b', type: 'AWS::S3::Bucket' }],
    tlsDetails: { tlsVersion: 'TLSv1.3' },
  };

  it('reverses what the table holds (DuckDB-style struct JSON: objects by field name)', () => {
    const row = recordToRow(record);
    const text: Record<string, string | null> = {};
    for (const [key, value] of Object.entries(row))
      text[key] = value === null ? null : typeof value === 'string' ? value : JSON.stringify(value);
    expect(rowToRecord(text)).toEqual(record);
  });

  it('reads Trino rows cast to JSON arrays in field order', () => {
    const row = {
      eventtime: '2026-01-01T00:00:00Z',
      eventname: 'X',
      readonly: 'true',
      useridentity: JSON.stringify([
        'IAMUser',
        'AIDA',
        'arn:aws:iam::1:user/a',
        '1',
        null,
        null,
        'a',
        null,
        null,
      ]),
      resources: JSON.stringify([['arn:x', '1', 'T']]),
      requestparameters: null,
      tlsdetails: '',
    };
    expect(rowToRecord(row)).toEqual({
      eventTime: '2026-01-01T00:00:00Z',
      eventName: 'X',
      readOnly: true,
      userIdentity: {
        type: 'IAMUser',
        principalId: 'AIDA',
        arn: 'arn:aws:iam::1:user/a',
        accountId: '1',
        userName: 'a',
      },
      resources: [{ ARN: 'arn:x', accountId: '1', type: 'T' }],
      requestParameters: null,
    });
  });

  it('names the struct column that does not hold JSON', () => {
    expect(() => rowToRecord({ eventtime: 't', eventname: 'x', useridentity: '{bad' })).toThrow(
      /useridentity/,
    );
  });

  it('keeps the text of a JSON column that holds a plain string (the SerDe gives a JSON string unquoted)', () => {
    const record = { eventTime: 't', eventName: 'x', responseElements: 'Success', requestParameters: '{bad' };
    const row = recordToRow(record);
    expect(row).toMatchObject({ responseelements: 'Success', requestparameters: '{bad' });
    expect(
      rowToRecord({ eventtime: 't', eventname: 'x', responseelements: 'Success', requestparameters: '{bad' }),
    ).toEqual(record);
    expect(rowToRecord({ eventname: 'x', additionaleventdata: '[1, {"a": null}]' })).toEqual({
      eventName: 'x',
      additionalEventData: [1, { a: null }],
    });
  });

  it('gives requestParameters and responseElements back as null for a NULL cell, as CloudTrail writes them', () => {
    const record = { eventTime: 't', eventName: 'x', requestParameters: null, responseElements: null };
    const row = recordToRow(record);
    expect(row).toMatchObject({ requestparameters: null, responseelements: null, additionaleventdata: null });
    const cells = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v as string | null]));
    expect(rowToRecord(cells)).toEqual(record);
    // Columns the query did not select stay absent.
    expect(rowToRecord({ eventname: 'x' })).toEqual({ eventName: 'x' });
  });

  it('finds struct fields whatever their case (older AWS tables declare camelCase field names)', () => {
    const row = {
      eventname: 'x',
      useridentity: JSON.stringify({
        type: 'AssumedRole',
        principalId: 'AROA:x',
        sessionContext: { sessionIssuer: { userName: 'admin', accountId: '1' } },
      }),
    };
    expect(rowToRecord(row)).toEqual({
      eventName: 'x',
      userIdentity: {
        type: 'AssumedRole',
        principalId: 'AROA:x',
        sessionContext: { sessionIssuer: { userName: 'admin', accountId: '1' } },
      },
    });
  });
});

describe('tableSchema', () => {
  it('keeps the CloudTrail fields a table of another shape holds, with compatible types', () => {
    const schema = tableSchema([
      { name: 'eventVersion', type: 'string' },
      {
        name: 'userIdentity',
        type: 'struct<type:string,principalId:string,arn:string,sessionContext:struct<attributes:struct<mfaAuthenticated:string>>>',
      },
      { name: 'eventTime', type: 'string' },
      { name: 'eventName', type: 'string' },
      { name: 'requestParameters', type: 'string' },
      { name: 'readOnly', type: 'boolean' },
      { name: 'resources', type: 'array<struct<ARN:string,accountId:string,type:string>>' },
      { name: 'tlsdetails', type: 'not a type<' },
    ]);
    const names = schema.fields.map((f) => f.name);
    expect(names).toEqual([
      'eventversion',
      'useridentity',
      'eventtime',
      'eventname',
      'requestparameters',
      'resources',
    ]);
    const identity = schema.fields[1]!.type as unknown as { fields: { name: string }[] };
    expect(identity.fields.map((f) => f.name)).toEqual(['type', 'principalid', 'arn', 'sessioncontext']);
    expect(schema.missing).toContain('readOnly'); // boolean: compared with lower() it would fail
    expect(schema.missing).toContain('tlsDetails');
    expect(schema.missing).toContain('userIdentity.accountId');
    expect(schema.missing).toContain('userIdentity.sessionContext.sessionIssuer');
    expect(schema.missing).toContain('eventSource');
  });
});
