/**
 * The job summary's "Source coverage" section: what a source that plans its reads spent against its budget, the
 * rules it served only in part, and the history it read on a first run; and the same in the findings file's stats.
 */
import { describe, expect, it } from '@jest/globals';
import { ScanStats } from '../../src/core/stats.js';
import { renderSummary } from '../../src/report/summary.js';
import { liveParts } from '../helpers/rendered-markdown.js';
import { scanResult } from './scan-result.js';

function statsWith(coverage: ScanStats['coverage']): ScanStats {
  const stats = new ScanStats();
  stats.apiCalls = 38;
  stats.coverage = coverage;
  return stats;
}

describe('the Source coverage section', () => {
  const coverage: ScanStats['coverage'] = {
    budget: {
      of: 'LookupEvents calls',
      unit: 'calls',
      option: 'max-lookup-calls',
      limit: 40,
      estimated: 28,
      spent: 38,
    },
    partial: [
      {
        ruleId: 'access-denied-burst',
        regions: ['us-east-1'],
        reason: 'needs-every-event',
        via: 'api-call-denied',
      },
      { ruleId: 'api-call-denied', regions: ['us-east-1'], reason: 'needs-every-event' },
      { ruleId: 's3-object-deleted', regions: [], reason: 'data-events' },
      // A user's rule id, as the user wrote it: rendered as code, never as Markdown.
      { ruleId: 'evil-@octocat-#1-<img src=x>', regions: ['eu-west-1', 'us-east-1'], reason: 'budget' },
    ],
    remedy: 'a full scan of the window would need about 401 calls (max-lookup-calls: 401)',
    history: {
      since: '2026-11-26T05:00:00.000Z',
      until: '2026-12-06T05:00:00.000Z',
      served: ['first-seen-ssm-command-actor', 'first-seen-actor-region'],
      notServed: ['first-seen-access-key-source-ip'],
      spent: 9,
    },
  };

  it('says what was spent, which rules were served in part and why, what would serve them, and the history', () => {
    const summary = renderSummary(scanResult({ stats: statsWith(coverage) }), {
      windowReason: 'the last 24 hours',
      source: 'lookup-events: us-east-1',
    });
    const section = summary.slice(summary.indexOf('### Source coverage'));
    expect(section).toMatch(
      /^### Source coverage\n\nLookupEvents calls: 38 of at most 40 \(`max-lookup-calls`\); the plan estimated 28\.\n/,
    );
    expect(section).toMatch(
      /\| `access-denied-burst` \(through `api-call-denied`\) \| `us-east-1` \| needs every event: no lookup selects them/,
    );
    expect(section).toMatch(/\| `s3-object-deleted` \| everywhere \| matches data events/);
    expect(section).toMatch(/\| `eu-west-1`, `us-east-1` \| its lookups did not fit the budget \|/);
    expect(section).toMatch(/To serve them: a full scan of the window would need about 401 calls/);
    expect(section).toMatch(
      /History read before the window \(no saved state: a first run\): `2026-11-26T05:00:00.000Z` to `2026-12-06T05:00:00.000Z`, 9 calls\. 2 first-seen rules judged the window with it; still learning \(their history needs more than the budget\): `first-seen-access-key-source-ip`\./,
    );
    expect(liveParts(summary)).toEqual([]);
  });

  it('says how many throttled requests were made again, apart from the budget', () => {
    const throttled = { ...coverage!, budget: { ...coverage!.budget, throttled: 16 } };
    const summary = renderSummary(scanResult({ stats: statsWith(throttled) }), {
      windowReason: 'the last 24 hours',
      source: 'lookup-events: us-east-1',
    });
    expect(summary).toMatch(
      /LookupEvents calls: 38 of at most 40 \(`max-lookup-calls`\); the plan estimated 28\. 16 more requests were refused by throttling and made again \(not counted\)\.\n/,
    );
  });

  it('bytes for the S3 history; nothing at all for a source that plans nothing', () => {
    const s3 = renderSummary(
      scanResult({
        stats: statsWith({
          budget: {
            of: 'S3 bytes read for the history',
            unit: 'bytes',
            limit: 2 ** 30,
            estimated: 5e6,
            spent: 5e6,
          },
          partial: [],
          history: { since: 'a', until: 'b', served: ['x'], notServed: [], spent: 5e6 },
        }),
      }),
      { windowReason: 'w', source: 's3://bucket/' },
    );
    expect(s3).toMatch(
      /S3 bytes read for the history: 4\.77 MB of at most 1\.00 GB; the plan estimated 4\.77 MB\./,
    );
    expect(s3).not.toMatch(/served in part/);
    const files = renderSummary(scanResult(), { windowReason: 'w', source: 'files: x' });
    expect(files).not.toMatch(/Source coverage/);
  });

  it('is in the findings file’s stats', () => {
    expect(JSON.parse(JSON.stringify(statsWith(coverage)))).toMatchObject({ apiCalls: 38, coverage });
    expect(JSON.parse(JSON.stringify(new ScanStats()))).not.toHaveProperty('coverage');
  });
});
