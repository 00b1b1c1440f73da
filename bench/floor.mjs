// The floor: gunzip and JSON.parse every .json.gz file under a folder, one at a time, and count the records.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** The CloudTrail log files under `dir` (digest and Insights files left out), in a stable order. */
export function corpusFiles(dir) {
  const walk = (d) =>
    readdirSync(d, { withFileTypes: true })
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .flatMap((e) =>
        e.isDirectory() ? walk(join(d, e.name)) : e.name.endsWith('.json.gz') ? [join(d, e.name)] : [],
      );
  return walk(dir).filter((f) => !f.includes('CloudTrail-Digest') && !f.includes('CloudTrail-Insight'));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let records = 0;
  for (const file of corpusFiles(process.argv[2])) {
    records += JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')).Records.length;
  }
  console.log(`${records} records`);
}
