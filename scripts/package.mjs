// Builds what runs: dist/index.js (the action), dist/cli/index.js (the CLI) and dist/rules/ (the built-in rules).
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';

const ncc = (entry, out) =>
  execFileSync(
    'npx',
    ['ncc', 'build', entry, '-o', out, '--quiet', '--no-source-map-register', '--license', 'licenses.txt'],
    {
      stdio: 'inherit',
    },
  );

rmSync('dist', { recursive: true, force: true });
ncc('src/index.ts', 'dist');
ncc('src/cli/index.ts', 'dist/cli');
cpSync('rules/builtin', 'dist/rules/builtin', { recursive: true });
