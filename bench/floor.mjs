// The floor: gunzip and JSON.parse every .json.gz file under a folder, one at a time, and count the records.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

const walk = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.json.gz') ? [join(dir, e.name)] : [],
  );
let records = 0;
for (const file of walk(process.argv[2])) {
  if (file.includes('CloudTrail-Digest') || file.includes('CloudTrail-Insight')) continue;
  records += JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')).Records.length;
}
console.log(`${records} records`);
