/**
 * The athena source against tables of every shape, through the real AthenaClient and S3Client: the loopback
 * Athena server keeps a catalog (DDL, GetTableMetadata) and runs each SELECT in DuckDB over the objects Athena
 * would read from the loopback S3 bucket (test/sql/athena-engine.ts). The bucket is the generated organization
 * trail of the s3 source's tests (two member accounts in two Regions, one account outside the organization).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { AthenaClient } from '@aws-sdk/client-athena';
import type { S3Client } from '@aws-sdk/client-s3';
import { ScanStats } from '../../src/core/stats.js';
import { compileRule, type CompiledRule } from '../../src/rules/compile.js';
import { builtinRulesDir, loadRules } from '../../src/rules/load.js';
import { parseRuleFile } from '../../src/rules/parse.js';
import {
  createAthenaClient,
  explainAthena,
  newAthenaReport,
  queryCostUsd,
  readAthena,
  type AthenaReport,
  type AthenaSourceOptions,
} from '../../src/sources/athena/index.js';
import { createS3Client } from '../../src/sources/s3/index.js';
import { athenaCreateTableSql, CLOUDTRAIL_COLUMNS } from '../../src/sql/index.js';
import { hiveType } from '../../src/sql/table.js';
import { AthenaTestServer } from '../helpers/athena-server.js';
import { S3TestServer } from '../helpers/s3-server.js';
import { athenaEngine } from '../sql/athena-engine.js';
import {
  ACCOUNT_1,
  ACCOUNT_2,
  ACCOUNT_3,
  BUCKET,
  buildTrailBucket,
  inWindow,
  ORG,
  PREFIX,
  WINDOW,
  type TrailBucket,
} from './s3/trail-layout.js';

const CREDENTIALS = { accessKeyId: 'AKIDTESTTESTTESTTEST', secretAccessKey: 'test-secret' };
const FAST_POLL = { initialMs: 1, factor: 2, maxMs: 4 };
const REGIONS = ['eu-west-1', 'us-east-1'];
let athena: AthenaTestServer;
let s3: S3TestServer;
let client: AthenaClient;
let s3Client: S3Client;
let bucket: TrailBucket;
let everything: CompiledRule;
let builtin: CompiledRule[];

/** A rule whose SQL is TRUE: every row of the window comes back. */
function allEvents(): CompiledRule {
  const text =
    'title: every event\nname: every-event\nlogsource: {product: aws, service: cloudtrail}\n' +
    'detection:\n  s:\n    eventTime|exists: true\n  condition: s\n';
  return compileRule(parseRuleFile(text, 'every-event.yml', false).rules[0]!);
}

beforeAll(async () => {
  bucket = buildTrailBucket();
  athena = await AthenaTestServer.start();
  athena.pollsQueued = 0;
  athena.pollsRunning = 0;
  s3 = await S3TestServer.start({ bucket: BUCKET, objects: bucket.objects, pageSize: 4 });
  client = createAthenaClient({ region: 'us-east-1', endpoint: athena.url, credentials: CREDENTIALS });
  s3Client = createS3Client({
    region: 'us-east-1',
    endpoint: s3.url,
    forcePathStyle: true,
    credentials: CREDENTIALS,
  });
  everything = allEvents();
  builtin = (await loadRules([builtinRulesDir()], { builtin: true })).rules;
});

afterAll(async () => {
  client?.destroy();
  s3Client?.destroy();
  await athena?.close();
  await s3?.close();
});

beforeEach(() => {
  athena.tables.clear();
  athena.queries.length = 0;
  athena.requests.length = 0;
  athena.answer = athenaEngine(athena, { bucket: BUCKET, objects: bucket.objects });
});

const trail = (prefix = PREFIX) => ({ client: s3Client, bucket: BUCKET, prefix });

async function read(
  extra: Partial<AthenaSourceOptions> = {},
): Promise<{ ids: string[]; stats: ScanStats; report: AthenaReport; error?: Error }> {
  const stats = new ScanStats();
  const report = newAthenaReport();
  const ids: string[] = [];
  try {
    for await (const record of readAthena(
      {
        client,
        database: 'security',
        table: 'cloudtrail_logs',
        window: WINDOW,
        rules: [everything],
        poll: FAST_POLL,
        ...extra,
      },
      stats,
      stats,
      report,
    ))
      ids.push((JSON.parse(record.text) as { eventID: string }).eventID);
  } catch (err) {
    return { ids, stats, report, error: err as Error };
  }
  return { ids: ids.sort(), stats, report };
}

/** The events of the window in these accounts' logs (the corrupt object's aside): what the s3 source reads. */
function expectedIds(accounts: string[], regions = REGIONS): string[] {
  return bucket.logFiles
    .filter(
      (f) =>
        accounts.includes(f.trail.account) && regions.includes(f.trail.region) && f.key !== bucket.corruptKey,
    )
    .flatMap((f) => f.records)
    .filter((r) => inWindow(r.eventTime as string))
    .map((r) => r.eventID as string)
    .sort();
}

function projected(extra: Partial<Parameters<typeof athenaCreateTableSql>[0]> = {}): string {
  return athenaCreateTableSql({
    database: 'security',
    table: 'cloudtrail_logs',
    bucket: BUCKET,
    prefix: PREFIX,
    organizationId: ORG,
    accounts: [ACCOUNT_1, ACCOUNT_2],
    regions: REGIONS,
    projectionStartDate: '2013/11/01',
    ...extra,
  });
}

const selects = () => athena.queries.filter((q) => /^SELECT/.test(q.sql));

describe('athena-create-table and the s3-prefix (item 1)', () => {
  it('takes a prefix that ends in AWSLogs as the s3 source does, and its queries find the events', async () => {
    const { ids, error, stats } = await read({ trail: trail(`${PREFIX}/AWSLogs`), createTable: {} });
    expect(error).toBeUndefined();
    const ddl = athena.queries[0]!.sql;
    expect(ddl).toContain(`LOCATION 's3://${BUCKET}/${PREFIX}/AWSLogs/${ORG}/'`);
    expect(ddl).not.toContain('AWSLogs/AWSLogs');
    expect(ids).toEqual(expectedIds([ACCOUNT_1, ACCOUNT_2]));
    expect(ids.length).toBeGreaterThan(10);
    // The account outside the organization has its own folder, outside the table: said, not silent.
    expect(stats.errors.map((e) => e.message).join('\n')).toMatch(
      new RegExp(`account ${ACCOUNT_3} in the trail bucket are outside the table's location`),
    );
  });

  it('corrects the location template of a table made with the doubled AWSLogs segment', async () => {
    athena.define(projected({ prefix: `${PREFIX}/AWSLogs/AWSLogs` }), 'security');
    const broken = await read({ trail: trail() });
    expect(broken.ids).toEqual([]);
    expect(broken.stats.errors.map((e) => e.message).join('\n')).toMatch(
      /the table reads s3:\/\/org-trail-bucket\/cloudtrail\/AWSLogs\/AWSLogs\/o-a1b2c3d4e5\/, where none of the trail's folders is/,
    );
    const fixed = await read({ trail: trail(), createTable: {} });
    const alter = athena.queries.find((q) => /^ALTER TABLE/.test(q.sql))!;
    expect(alter.sql).toContain(
      `'storage.location.template'='s3://${BUCKET}/${PREFIX}/AWSLogs/${ORG}/\${account}/CloudTrail/\${region}/\${timestamp}'`,
    );
    expect(fixed.ids).toEqual(expectedIds([ACCOUNT_1, ACCOUNT_2]));
    expect(explainAthena(fixed.report)).toMatch(
      /table updated \(query q-\S+\): storage\.location\.template was/,
    );
  });
});

describe('accounts and Regions outside the projection (item 2)', () => {
  it('reports an account of the bucket that the projection does not list, and reads the others', async () => {
    athena.define(projected({ accounts: [ACCOUNT_1] }), 'security');
    const { ids, stats, report } = await read({ trail: trail() });
    expect(ids).toEqual(expectedIds([ACCOUNT_1]));
    const problems = stats.errors.filter((e) => e.location === 'athena table security.cloudtrail_logs');
    expect(problems.map((p) => p.message).join('\n')).toMatch(
      new RegExp(
        `account ${ACCOUNT_2} found in the trail bucket is not in the table's partition projection ` +
          `\\(projection\\.account\\.values\\): their events are not read\\. Let the action add them ` +
          `\\(athena-create-table: true runs ALTER TABLE \\.\\.\\. SET TBLPROPERTIES\\).*injected`,
      ),
    );
    expect(report.table).toBe('partition projection, pruned on account, region, timestamp');
  });

  it('adds the accounts and Regions that joined with athena-create-table (ALTER TABLE ... SET TBLPROPERTIES)', async () => {
    athena.define(projected({ accounts: [ACCOUNT_1], regions: ['us-east-1'] }), 'security');
    const { ids, stats, report } = await read({ trail: trail(), createTable: {} });
    const alter = athena.queries.find((q) => /^ALTER TABLE/.test(q.sql))!;
    expect(alter.sql).toBe(
      'ALTER TABLE `security`.`cloudtrail_logs` SET TBLPROPERTIES (\n' +
        `  'projection.account.values'='${ACCOUNT_1},${ACCOUNT_2}',\n` +
        `  'projection.region.values'='us-east-1,eu-west-1'\n)`,
    );
    expect(athena.tables.get('security.cloudtrail_logs')!.properties['projection.account.values']).toBe(
      `${ACCOUNT_1},${ACCOUNT_2}`,
    );
    expect(ids).toEqual(expectedIds([ACCOUNT_1, ACCOUNT_2]));
    expect(stats.errors.filter((e) => /projection/.test(e.message))).toEqual([]);
    // DDL is free: the bill is the SELECT's.
    expect(report.costUsd).toBeCloseTo(queryCostUsd(selects()[0]!.answer.dataScannedInBytes!), 12);
    expect(report.createTable).toMatchObject({
      action: 'updated',
      changes: [`accounts added: ${ACCOUNT_2}`, 'Regions added: eu-west-1'],
    });
    // Up to date: the next run changes nothing.
    athena.queries.length = 0;
    await read({ trail: trail(), createTable: {} });
    expect(athena.queries.filter((q) => /^(ALTER|CREATE)/.test(q.sql))).toEqual([]);
  });

  it('refuses a run whose accounts are all outside the projection, naming them and the fix', async () => {
    athena.define(projected({ accounts: [ACCOUNT_1] }), 'security');
    const { error } = await read({ accounts: [ACCOUNT_2] });
    expect(error?.message).toMatch(
      new RegExp(
        `none of the accounts asked for \\(accounts: ${ACCOUNT_2}\\) is in the table's partition projection ` +
          `\\(projection\\.account\\.values: ${ACCOUNT_1}\\): the query would read nothing`,
      ),
    );
    expect(selects()).toEqual([]);
  });

  it('names the accounts of an injected projection in each query: given, or found in the bucket', async () => {
    const ddl = projected().replace(
      /'projection\.account\.type'='enum',\n {2}'projection\.account\.values'='[^']*'/,
      "'projection.account.type'='injected'",
    );
    athena.define(ddl, 'security');
    const found = await read({ trail: trail() });
    expect(found.error).toBeUndefined();
    // The accounts under the table's location (account 3 has a trail of its own, outside it).
    expect(selects()[0]!.sql).toContain(`"account" IN ('${ACCOUNT_1}', '${ACCOUNT_2}')`);
    expect(found.ids).toEqual(expectedIds([ACCOUNT_1, ACCOUNT_2]));
    const none = await read();
    expect(none.error?.message).toMatch(
      /the table's account partition is injected: each query must name the accounts\. Give them \(accounts\), or the trail bucket/,
    );
  });

  it('reports window days outside the projected date range', async () => {
    athena.define(projected({ projectionStartDate: '2024/06/04' }), 'security');
    const { stats } = await read();
    expect(stats.errors.map((e) => e.message).join('\n')).toMatch(
      /the window's days \(20240603 to 20240604\) go beyond the table's projection\.timestamp\.range \(2024\/06\/04,NOW\)/,
    );
  });
});

/** The documented columns as `name TYPE` lines, some left out or renamed. */
function columnsDdl(drop: string[] = [], rename: (type: string) => string = (t) => t): string {
  return CLOUDTRAIL_COLUMNS.filter((c) => !drop.includes(c.name))
    .map((c) => `  ${c.name} ${rename(hiveType(c.type))}`)
    .join(',\n');
}

describe('tables of other shapes (item 3)', () => {
  it("reads a table without partitions (the CloudTrail console's) whole, and says so with its cost", async () => {
    const location = `s3://${BUCKET}/${PREFIX}/AWSLogs/${ORG}/${ACCOUNT_1}/CloudTrail/`;
    athena.define(
      `CREATE EXTERNAL TABLE cloudtrail_logs (\n${columnsDdl()}\n)\n` +
        "ROW FORMAT SERDE 'org.apache.hive.hcatalog.data.JsonSerDe'\n" +
        `LOCATION '${location}'`,
      'security',
    );
    const { ids, stats, report, error } = await read({ trail: trail() });
    expect(error).toBeUndefined();
    expect(ids).toEqual(expectedIds([ACCOUNT_1]));
    expect(selects()[0]!.sql).not.toMatch(/"timestamp"|"account"/);
    expect(stats.errors.map((e) => e.message).join('\n')).toMatch(
      new RegExp(`the table is not partitioned by day: each query reads every object under ${location}`),
    );
    // Athena read every object under the location, whatever the window.
    const all = Object.entries(bucket.objects)
      .filter(([key]) => `s3://${BUCKET}/${key}`.startsWith(location))
      .reduce((sum, [, body]) => sum + body.length, 0);
    expect(report.bytesScanned).toBe(all);
    expect(report.table).toBe('no partitions, not pruned');

    // max-scan-gb: listing stops at the limit, and the run stops before the query.
    athena.queries.length = 0;
    const guarded = await read({ trail: trail(), maxScanBytes: 2000 });
    expect(guarded.error?.message).toMatch(
      /the Athena query would scan more than [\d.]+ KB \(\d+ objects in every day of 2 account\/region folders: the table is not partitioned by day\), over max-scan-gb/,
    );
    expect(selects()).toEqual([]);
  });

  it("prunes AWS's manually partitioned organization table on account, region, year, month and day", async () => {
    athena.define(
      `CREATE EXTERNAL TABLE cloudtrail_logs (\n${columnsDdl()}\n)\n` +
        'PARTITIONED BY (account string, region string, year string, month string, day string)\n' +
        `LOCATION 's3://${BUCKET}/${PREFIX}/AWSLogs/${ORG}/'`,
      'security',
    );
    for (const account of [ACCOUNT_1, ACCOUNT_2])
      for (const region of REGIONS)
        for (const day of ['02', '03', '04', '06'])
          athena.define(
            `ALTER TABLE cloudtrail_logs ADD PARTITION (account='${account}', region='${region}', year='2024', month='06', day='${day}') ` +
              `LOCATION 's3://${BUCKET}/${PREFIX}/AWSLogs/${ORG}/${account}/CloudTrail/${region}/2024/06/${day}/'`,
            'security',
          );
    const { ids, report, error } = await read({ trail: trail(), accounts: [ACCOUNT_2] });
    expect(error).toBeUndefined();
    expect(ids).toEqual(expectedIds([ACCOUNT_2]));
    const sql = selects()[0]!.sql;
    expect(sql).toContain(`("year" = '2024' AND "month" = '06' AND "day" BETWEEN '03' AND '04')`);
    expect(sql).toContain(`"account" IN ('${ACCOUNT_2}')`);
    // Only the window's days of account 2 were read.
    const read2 = Object.entries(bucket.objects)
      .filter(([key]) => new RegExp(`/${ACCOUNT_2}/CloudTrail/[a-z0-9-]+/2024/06/0[34]/`).test(key))
      .reduce((sum, [, body]) => sum + body.length, 0);
    expect(report.bytesScanned).toBe(read2);
    expect(report.table).toBe('partitions, pruned on account, region, year, month, day');
  });

  it('selects only the columns an older table has, and reads its camelCase struct fields', async () => {
    const camel = (type: string) =>
      type
        .replace('principalid', 'principalId')
        .replace('sessionissuer', 'sessionIssuer')
        .replace('username', 'userName');
    athena.define(
      projected().replace(
        /\(\n[\s\S]*?\n\)\nPARTITIONED/,
        `(\n${columnsDdl(['tlsdetails', 'onbehalfof', 'eventcategory'], camel)}\n)\nPARTITIONED`,
      ),
      'security',
    );
    const stats = new ScanStats();
    const report = newAthenaReport();
    const records: Record<string, unknown>[] = [];
    for await (const raw of readAthena(
      {
        client,
        database: 'security',
        table: 'cloudtrail_logs',
        window: WINDOW,
        rules: [everything],
        poll: FAST_POLL,
      },
      stats,
      stats,
      report,
    ))
      records.push(JSON.parse(raw.text) as Record<string, unknown>);
    expect(selects()[0]!.sql).not.toMatch(/tlsdetails|eventcategory/);
    expect(report.table).toMatch(/without eventCategory, tlsDetails/);
    const original = bucket.logFiles
      .flatMap((f) => f.records)
      .find((r) => r.eventID === records[0]!.eventID)!;
    expect(records[0]!.userIdentity).toEqual(original.userIdentity);
  });
});

describe('very large queries (item 6)', () => {
  it("splits a query that Athena cannot compile and runs the parts, every part's scan counted", async () => {
    athena.define(projected(), 'security');
    athena.answer = athenaEngine(athena, { bucket: BUCKET, objects: bucket.objects, compilerLimit: 30 });
    const rules = [...builtin, everything];
    const { ids, report, error } = await read({ rules });
    expect(error).toBeUndefined();
    expect(ids).toEqual(expectedIds([ACCOUNT_1, ACCOUNT_2]));
    const queries = selects();
    const failed = queries.filter((q) => q.answer.state === 'FAILED');
    const ran = queries.filter((q) => q.answer.state === 'SUCCEEDED');
    // 69 rules: too many, then 35 + 34, too many again, then four parts of 17 or 18.
    expect(failed).toHaveLength(3);
    expect(ran).toHaveLength(4);
    for (const q of ran) expect((q.sql.match(/CASE WHEN /g) ?? []).length).toBeLessThanOrEqual(30);
    expect(report.queries).toBe(4);
    expect(report.notes[0]).toMatch(
      /query q-\S+ was too large for Athena to compile \(QUERY_EXCEEDED_COMPILER_LIMIT/,
    );
    const perQuery = ran[0]!.answer.dataScannedInBytes!;
    expect(report.bytesScanned).toBe(perQuery * 4);
    expect(report.costUsd).toBeCloseTo(queryCostUsd(perQuery) * 4, 12);
  });

  it('stops when the parts a split needs would scan more than max-scan-gb', async () => {
    athena.define(projected(), 'security');
    athena.answer = athenaEngine(athena, { bucket: BUCKET, objects: bucket.objects, compilerLimit: 30 });
    const first = await read({ rules: [...builtin, everything], trail: trail(), maxScanBytes: 10 * 2 ** 30 });
    const perQuery = first.report.estimate!.bytes;
    athena.queries.length = 0;
    const { error } = await read({
      rules: [...builtin, everything],
      trail: trail(),
      maxScanBytes: perQuery * 1.5,
    });
    expect(error?.message).toMatch(
      /was too large for Athena to compile and must be split, which makes 2 queries of about [\d.]+ KB each, over max-scan-gb/,
    );
    expect(selects().filter((q) => q.answer.state === 'SUCCEEDED')).toEqual([]);
  });
});

describe('failed and cancelled queries (item 8)', () => {
  it('runs again a query that failed with an error Athena marks retryable, and bills only what succeeded', async () => {
    athena.define(projected(), 'security');
    const engine = athenaEngine(athena, { bucket: BUCKET, objects: bucket.objects });
    let failures = 1;
    athena.answer = async (sql, database) =>
      /^SELECT/.test(sql) && failures-- > 0
        ? {
            state: 'FAILED',
            reason: 'GENERIC_INTERNAL_ERROR: Worker node died',
            error: { category: 1, type: 200, retryable: true },
            dataScannedInBytes: 3_000_000,
          }
        : engine(sql, database);
    const { ids, report, error } = await read();
    expect(error).toBeUndefined();
    expect(ids).toEqual(expectedIds([ACCOUNT_1, ACCOUNT_2]));
    expect(selects()).toHaveLength(2);
    const scanned = selects()[1]!.answer.dataScannedInBytes!;
    expect(report.bytesScanned).toBe(3_000_000 + scanned);
    expect(report.costUsd).toBeCloseTo(queryCostUsd(scanned), 12); // a failed query is not billed
  });

  it("does not retry a user error, and says Athena's category", async () => {
    athena.define(projected(), 'security');
    athena.answer = () => ({
      state: 'FAILED',
      reason: "SYNTAX_ERROR: line 1:8: Column 'x' cannot be resolved",
      error: { category: 2, type: 1006, retryable: false },
    });
    const { error } = await read();
    expect(error?.message).toMatch(
      /the CloudTrail query failed \(query q-\S+; a user error, type 1006\): SYNTAX_ERROR: line 1:8: Column 'x' cannot be resolved/,
    );
    expect(selects()).toHaveLength(1);
  });

  it('bills a query stopped when the run is cancelled for what it scanned', async () => {
    athena.define(projected(), 'security');
    athena.answer = () => ({ state: 'SUCCEEDED', columns: [], rows: [], dataScannedInBytes: 25_000_000 });
    athena.pollsRunning = 1_000_000;
    const controller = new AbortController();
    athena.onPoll = (query) => {
      if (query.state === 'RUNNING' && query.polls === 2) controller.abort();
    };
    try {
      const { report } = await read({ signal: controller.signal });
      expect(report.state).toBe('stopped');
      expect(report.bytesScanned).toBe(25_000_000);
      expect(report.costUsd).toBeCloseTo(queryCostUsd(25_000_000), 12);
    } finally {
      athena.pollsRunning = 0;
      athena.onPoll = () => {};
    }
  });
});
