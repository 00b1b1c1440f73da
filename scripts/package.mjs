// Builds what runs: dist/index.js (the action), dist/cli/index.js (the CLI), the scan worker thread next to each
// (dist/scan-worker.js, dist/cli/scan-worker.js: ncc does not follow `new Worker(...)`, so it is an entry of its
// own) and dist/rules/ (the built-in rules, with dist/rules/builtin.json: their documents parsed once here, by
// scripts/rules-cache.ts, so that a run does not parse their YAML again).
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ncc = (entry, out) =>
  execFileSync(
    'npx',
    ['ncc', 'build', entry, '-o', out, '--quiet', '--no-source-map-register', '--license', 'licenses.txt'],
    {
      stdio: 'inherit',
    },
  );

execFileSync(process.execPath, ['scripts/build-wasm.mjs'], { stdio: 'inherit' });
rmSync('dist', { recursive: true, force: true });
ncc('src/index.ts', 'dist');
ncc('src/cli/index.ts', 'dist/cli');
const workerOut = mkdtempSync(join(tmpdir(), 'scan-worker-'));
try {
  ncc('src/pipeline/parallel/worker.ts', workerOut);
  // Its dependencies are a subset of each bundle's, whose licenses.txt already lists them.
  copyFileSync(join(workerOut, 'index.js'), 'dist/scan-worker.js');
  copyFileSync(join(workerOut, 'index.js'), 'dist/cli/scan-worker.js');
} finally {
  rmSync(workerOut, { recursive: true, force: true });
}
cpSync('rules/builtin', 'dist/rules/builtin', { recursive: true });
const cacheOut = mkdtempSync(join(tmpdir(), 'rules-cache-'));
try {
  ncc('scripts/rules-cache.ts', cacheOut);
  execFileSync(process.execPath, [join(cacheOut, 'index.js'), 'rules/builtin', 'dist/rules/builtin.json'], {
    stdio: 'inherit',
  });
} finally {
  rmSync(cacheOut, { recursive: true, force: true });
}
