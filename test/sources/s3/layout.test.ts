import {
  dayFolders,
  deliveryRange,
  deliveryTime,
  lastSegment,
  ORGANIZATION_ID,
} from '../../../src/sources/s3/layout.js';
import { basePrefix } from '../../../src/core/trail-layout.js';

const t = (iso: string) => Date.parse(iso);

describe('s3 layout', () => {
  test('the delivery time is read from a log file name, to the minute', () => {
    expect(
      deliveryTime(
        'p/AWSLogs/1/CloudTrail/us-east-1/2024/06/04/111122223333_CloudTrail_us-east-1_20240604T0003Z_a1B2.json.gz',
      ),
    ).toBe(t('2024-06-04T00:03:00Z'));
    expect(deliveryTime('111122223333_CloudTrail_eu-central-1_20171211T1505Z_A6kvhMoVeCsc7v8U.json')).toBe(
      t('2017-12-11T15:05:00Z'),
    );
    for (const name of [
      'uploaded-by-hand.json.gz',
      '111122223333_CloudTrail_us-east-1_20240231T0003Z_x.json.gz', // 31 February
      '111122223333_CloudTrail_us-east-1_20240604T2460Z_x.json.gz',
      '111122223333_CloudTrail_us-east-1_20240604T003Z_x.json.gz',
    ]) {
      expect(deliveryTime(name)).toBeUndefined();
    }
  });

  test('the delivery range starts at the start minute and ends after the margin', () => {
    const range = deliveryRange(
      { start: t('2024-06-03T20:00:10.5Z'), end: t('2024-06-03T23:59:59.999Z') },
      60,
    );
    expect(range).toEqual({ from: t('2024-06-03T20:00:00Z'), to: t('2024-06-04T00:59:59.999Z') });
  });

  test('day folders: every UTC day of the range, across months and years', () => {
    expect(dayFolders({ from: t('2024-06-03T20:00:00Z'), to: t('2024-06-04T00:59:00Z') })).toEqual([
      '2024/06/03/',
      '2024/06/04/',
    ]);
    expect(dayFolders({ from: t('2023-12-31T23:00:00Z'), to: t('2024-01-01T00:30:00Z') })).toEqual([
      '2023/12/31/',
      '2024/01/01/',
    ]);
    expect(dayFolders({ from: t('2024-02-28T00:00:00Z'), to: t('2024-03-01T00:00:00Z') })).toEqual([
      '2024/02/28/',
      '2024/02/29/',
      '2024/03/01/',
    ]);
    expect(dayFolders({ from: t('2024-06-03T01:00:00Z'), to: t('2024-06-03T02:00:00Z') })).toEqual([
      '2024/06/03/',
    ]);
  });

  test('the base prefix', () => {
    expect(basePrefix(undefined)).toBe('');
    expect(basePrefix('')).toBe('');
    expect(basePrefix('/')).toBe('');
    expect(basePrefix('logs')).toBe('logs/');
    expect(basePrefix('/logs/trail/')).toBe('logs/trail/');
    expect(basePrefix('logs/AWSLogs/')).toBe('logs/');
    expect(basePrefix('AWSLogs')).toBe('');
  });

  test('names', () => {
    expect(lastSegment('a/AWSLogs/o-abc/')).toBe('o-abc');
    expect(ORGANIZATION_ID.test('o-a1b2c3d4e5')).toBe(true);
    expect(ORGANIZATION_ID.test('o-short')).toBe(false);
    expect(ORGANIZATION_ID.test('o-A1B2C3D4E5')).toBe(false);
  });
});
