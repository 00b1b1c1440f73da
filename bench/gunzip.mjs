// node bench/gunzip.mjs DIR [--threads N]: reads and gunzips every .json.gz under DIR, nothing else, on the main
// thread (N = 1) or spread over N worker threads (files dealt out largest first); prints the raw bytes.
import { readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { gunzipSync } from 'node:zlib';
import { corpusFiles } from './floor.mjs';

const gunzipAll = (files) => files.reduce((bytes, file) => bytes + gunzipSync(readFileSync(file)).length, 0);

if (!isMainThread) {
  parentPort.postMessage(gunzipAll(workerData));
} else {
  const { values, positionals } = parseArgs({
    options: { threads: { type: 'string', default: '1' } },
    allowPositionals: true,
  });
  const threads = Number(values.threads);
  const files = corpusFiles(positionals[0]);
  let bytes;
  if (threads <= 1) {
    bytes = gunzipAll(files);
  } else {
    // Greedy: each file, largest first, to the least loaded thread.
    const shares = Array.from({ length: threads }, () => ({ size: 0, files: [] }));
    const sized = files.map((f) => ({ f, size: statSync(f).size })).sort((a, b) => b.size - a.size);
    for (const { f, size } of sized) {
      const share = shares.reduce((a, b) => (b.size < a.size ? b : a));
      share.size += size;
      share.files.push(f);
    }
    const counts = await Promise.all(
      shares.map(
        (share) =>
          new Promise((resolve, reject) => {
            const worker = new Worker(new URL(import.meta.url), { workerData: share.files });
            worker.once('message', resolve);
            worker.once('error', reject);
          }),
      ),
    );
    bytes = counts.reduce((a, b) => a + b, 0);
  }
  console.log(`${bytes} bytes`);
}
