/**
 * A generated organization trail's bucket, as CloudTrail lays it out: two member accounts of an organization
 * (and one account outside it, with its own trail), two regions each, log files on both sides of midnight,
 * digest files, an Insights file, a corrupt (truncated gzip) object and some objects that are not log files.
 * Records take the shape of a real record (trailscraper's fixture), with times, ids and names replaced.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { REAL } from '../helpers.js';

export const BUCKET = 'org-trail-bucket';
export const PREFIX = 'cloudtrail';
export const ORG = 'o-a1b2c3d4e5';
export const ACCOUNT_1 = '111122223333';
export const ACCOUNT_2 = '444455556666';
/** An account outside the organization, with a trail of its own into the same bucket. */
export const ACCOUNT_3 = '777788889999';
export const REGIONS = ['eu-west-1', 'us-east-1'] as const;

/** The scan window: 20:00:10 to the end of 2024-06-03 (UTC). */
export const WINDOW = {
  start: Date.parse('2024-06-03T20:00:10Z'),
  end: Date.parse('2024-06-03T23:59:59.999Z'),
};
export const inWindow = (time: string) => {
  const t = Date.parse(time);
  return t >= WINDOW.start && t <= WINDOW.end;
};

export interface Trail {
  org?: string;
  account: string;
  region: string;
}

export const TRAILS: Trail[] = [
  ...[ACCOUNT_1, ACCOUNT_2].flatMap((account) => REGIONS.map((region) => ({ org: ORG, account, region }))),
  { account: ACCOUNT_3, region: 'us-east-1' },
];

/** `[prefix/]AWSLogs/[o-org/]ACCOUNT/` */
export function accountFolder(trail: Pick<Trail, 'org' | 'account'>): string {
  return `${PREFIX}/AWSLogs/${trail.org ? `${trail.org}/` : ''}${trail.account}/`;
}

/** `.../ACCOUNT/CloudTrail/REGION/` */
export function trailFolder(trail: Trail): string {
  return `${accountFolder(trail)}CloudTrail/${trail.region}/`;
}

/**
 * The files of each trail: when each is delivered, and when its events happened. The window starts at
 * 20:00:10 and ends at 23:59:59.999; with the 60-minute margin, files delivered from 20:00 (the start's minute)
 * to 00:59:59.999 the next day are read.
 */
export const DELIVERIES: { delivered: string; events: string[] }[] = [
  { delivered: '2024-06-02T12:05Z', events: ['2024-06-02T11:58:00Z', '2024-06-02T12:01:00Z'] }, // day not listed
  { delivered: '2024-06-03T09:00Z', events: ['2024-06-03T08:55:00Z'] }, // listed, not fetched
  { delivered: '2024-06-03T19:40Z', events: ['2024-06-03T19:35:00Z'] }, // listed, not fetched
  { delivered: '2024-06-03T20:00Z', events: ['2024-06-03T19:59:50Z', '2024-06-03T20:00:30Z'] }, // start's minute
  { delivered: '2024-06-03T21:05Z', events: ['2024-06-03T21:00:00Z', '2024-06-03T21:02:00Z'] },
  { delivered: '2024-06-03T23:05Z', events: ['2024-06-03T23:00:00Z', '2024-06-03T23:01:00Z'] },
  { delivered: '2024-06-04T00:03Z', events: ['2024-06-03T23:58:00Z', '2024-06-04T00:01:00Z'] }, // next day's folder
  { delivered: '2024-06-04T00:55Z', events: ['2024-06-04T00:50:00Z', '2024-06-03T23:59:59Z'] }, // late delivery
  { delivered: '2024-06-04T01:10Z', events: ['2024-06-04T01:05:00Z'] }, // after the margin: not fetched
  { delivered: '2024-06-06T10:00Z', events: ['2024-06-06T09:55:00Z'] }, // day not listed
];

export function deliveredWithinMargin(delivered: string): boolean {
  const t = Date.parse(delivered);
  return t >= Date.parse('2024-06-03T20:00:00Z') && t <= WINDOW.end + 60 * 60_000;
}

/** `ACCOUNT_CloudTrail_REGION_YYYYMMDDTHHmmZ_UNIQUE.json.gz` in its day folder. */
export function logKey(trail: Trail, delivered: string, unique: string): string {
  const [date, time] = delivered.split('T') as [string, string];
  const [yyyy, mm, dd] = date.split('-');
  const stamp = `${yyyy}${mm}${dd}T${time.replace(':', '').replace('Z', '')}Z`;
  return `${trailFolder(trail)}${yyyy}/${mm}/${dd}/${trail.account}_CloudTrail_${trail.region}_${stamp}_${unique}.json.gz`;
}

const template = (
  JSON.parse(
    readFileSync(
      join(
        REAL,
        'trailscraper/uncompressed/111111111111_CloudTrail_eu-central-1_20171211T1505Z_A6kvhMoVeCsc7v8U.json',
      ),
      'utf8',
    ),
  ) as { Records: Record<string, unknown>[] }
).Records[0]!;

let serial = 0;
/** A record shaped like the real one, for this trail and time. */
export function makeRecord(
  trail: Trail,
  eventTime: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  serial++;
  const base = JSON.parse(JSON.stringify(template).replaceAll('111111111111', trail.account)) as Record<
    string,
    unknown
  >;
  return {
    ...base,
    eventTime,
    awsRegion: trail.region,
    requestID: `req-${serial}`,
    eventID: `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`,
    recipientAccountId: trail.account,
    ...extra,
  };
}

/** Events the built-in rules report (a finding each), placed into chosen files. */
const SEEDS: { trail: number; delivery: number; event: number; fields: Record<string, unknown> }[] = [
  // CreateAccessKey by a user for another user, in the window (21:02).
  {
    trail: 0,
    delivery: 4,
    event: 1,
    fields: {
      eventSource: 'iam.amazonaws.com',
      eventName: 'CreateAccessKey',
      requestParameters: { userName: 'backdoor' },
      responseElements: { accessKey: { accessKeyId: 'AKIAEXAMPLE', status: 'Active', userName: 'backdoor' } },
    },
  },
  // StopLogging at 23:58, delivered into the next day's folder.
  {
    trail: 3,
    delivery: 6,
    event: 0,
    fields: {
      eventSource: 'cloudtrail.amazonaws.com',
      eventName: 'StopLogging',
      requestParameters: { name: 'org-trail' },
      responseElements: null,
    },
  },
  // CreateUser delivered after the margin (not in the window, never fetched).
  {
    trail: 1,
    delivery: 8,
    event: 0,
    fields: {
      eventSource: 'iam.amazonaws.com',
      eventName: 'CreateUser',
      requestParameters: { userName: 'x' },
    },
  },
];

export interface LogFile {
  key: string;
  trail: Trail;
  delivered: string;
  records: Record<string, unknown>[];
}

export interface TrailBucket {
  /** Every object in the bucket, key → bytes. */
  objects: Record<string, Buffer>;
  /** The CloudTrail log files (corrupt one included). */
  logFiles: LogFile[];
  /** The truncated gzip object. */
  corruptKey: string;
  /** An object whose first GET fails with a 500. */
  flakyKey: string;
  digestKeys: string[];
  insightKeys: string[];
}

export function buildTrailBucket(): TrailBucket {
  serial = 0;
  const objects: Record<string, Buffer> = {};
  const logFiles: LogFile[] = [];
  TRAILS.forEach((trail, t) => {
    DELIVERIES.forEach(({ delivered, events }, d) => {
      const records = events.map((eventTime, e) => {
        const seed = SEEDS.find((s) => s.trail === t && s.delivery === d && s.event === e);
        return makeRecord(trail, eventTime, seed?.fields);
      });
      const key = logKey(trail, delivered, `U${t}d${d}x${'abcdefgh'.slice(0, 4 + (d % 4))}`);
      logFiles.push({ key, trail, delivered, records });
      objects[key] = gzipSync(JSON.stringify({ Records: records }));
    });
  });

  // Account 2 in us-east-1: the 21:05 file is truncated in its gzip data (the last third missing).
  const corrupt = logFiles.find((f) => f.trail === TRAILS[3] && f.delivered === '2024-06-03T21:05Z')!;
  const whole = objects[corrupt.key]!;
  objects[corrupt.key] = whole.subarray(0, Math.floor((whole.length * 2) / 3));
  const flaky = logFiles.find((f) => f.trail === TRAILS[1] && f.delivered === '2024-06-03T23:05Z')!;

  // Digest files (every account and region, in the window) and an Insights file: never events.
  const digestKeys: string[] = [];
  for (const trail of TRAILS) {
    const key =
      `${accountFolder(trail)}CloudTrail-Digest/${trail.region}/2024/06/03/` +
      `${trail.account}_CloudTrail-Digest_${trail.region}_org-trail_${trail.region}_20240603T220000Z.json.gz`;
    digestKeys.push(key);
    objects[key] = gzipSync(
      JSON.stringify({
        awsAccountId: trail.account,
        digestStartTime: '2024-06-03T21:00:00Z',
        digestEndTime: '2024-06-03T22:00:00Z',
        digestS3Bucket: BUCKET,
        logFiles: [],
      }),
    );
  }
  const insightTrail = TRAILS[3]!;
  const insightKey =
    `${accountFolder(insightTrail)}CloudTrail-Insight/${insightTrail.region}/2024/06/03/` +
    `${insightTrail.account}_CloudTrail-Insight_${insightTrail.region}_20240603T2200Z_ins1.json.gz`;
  objects[insightKey] = gzipSync(
    JSON.stringify({
      Records: [
        makeRecord(insightTrail, '2024-06-03T22:00:00Z', {
          eventType: 'AwsCloudTrailInsight',
          eventCategory: 'Insight',
          eventName: 'CreateAccessKey',
          eventSource: 'iam.amazonaws.com',
        }),
      ],
    }),
  );

  // Not CloudTrail folders or files: ignored.
  objects[`${PREFIX}/AWSLogs/README.txt`] = Buffer.from('not a folder');
  objects[`${PREFIX}/AWSLogs/not-an-account/CloudTrail/us-east-1/2024/06/03/x.json.gz`] = gzipSync('{}');
  objects[`${PREFIX}/elsewhere/AWSLogs/${ACCOUNT_1}/CloudTrail/us-east-1/2024/06/03/y.json.gz`] =
    gzipSync('{}');
  objects[`${trailFolder(TRAILS[0]!)}2024/06/03/notes.txt`] = Buffer.from('a note');

  return {
    objects,
    logFiles,
    corruptKey: corrupt.key,
    flakyKey: flaky.key,
    digestKeys,
    insightKeys: [insightKey],
  };
}
