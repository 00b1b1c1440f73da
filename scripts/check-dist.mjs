// Fails when dist/ is not what the sources build to, or when a bundle would fail at run time.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

execFileSync('node', ['scripts/package.mjs'], { stdio: 'inherit' });
// dist/, and the WebAssembly record scanner that scripts/build-wasm.mjs compiles into src/ (bundled from there).
const changed = execFileSync(
  'git',
  ['status', '--porcelain', '--', 'dist', 'src/records/record-scanner.wasm.ts'],
  { encoding: 'utf8' },
);
if (changed.trim()) {
  console.error(`dist/ is stale: rebuild with 'npm run package' and commit it.\n${changed}`);
  process.exit(1);
}

// Each bundle starts its scan worker threads from the file next to it.
for (const worker of ['dist/scan-worker.js', 'dist/cli/scan-worker.js']) {
  if (!existsSync(worker)) {
    console.error(
      `${worker} is missing: scripts/package.mjs must build the scan worker next to each bundle.`,
    );
    process.exit(1);
  }
}

// A CommonJS build of ESM-only packages (@actions/core) bundles "fine" and fails when run.
const walk = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
for (const file of walk('dist').filter((f) => f.endsWith('.js'))) {
  if (readFileSync(file, 'utf8').includes('webpackMissingModule')) {
    console.error(`${file} contains webpackMissingModule: a module could not be bundled.`);
    process.exit(1);
  }
}
console.log('dist/ is up to date.');
