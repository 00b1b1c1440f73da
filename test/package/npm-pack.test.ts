/**
 * The npm package as users get it: `npm pack`, then (1) what the tarball holds: the CLI bundle and the built-in rules,
 * once, and not the action's bundles (the action runs from the repository), (2) the CLI run straight from the
 * extracted tarball with no node_modules at all (the bundle is self-contained), (3) the tarball installed into an
 * empty project, which installs nothing else (no runtime dependency: the bundle never loads one), and run as
 * `npx cloudtrail-audit`, on a copy of the sample logs, and (4) the repository installed as a git dependency,
 * the way `npx github:cloudtrail-audit/cloudtrail-audit` installs it until the package is on npm.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runNode, tempDir } from '../helpers/run-process.js';

let tarball: string;
let files: string[];

function run(command: string, args: string[], cwd: string) {
  return spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 180_000 });
}

/** A folder with the sample logs the way `aws s3 cp --recursive` leaves them, and nothing else. */
function logsIn(dir: string): string {
  cpSync(join(ROOT, 'samples/AWSLogs'), join(dir, 'logs/AWSLogs'), { recursive: true });
  return 'logs';
}

beforeAll(() => {
  const out = tempDir('cta-pack-');
  const json = execFileSync('npm', ['pack', '--json', '--pack-destination', out], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const [packed] = JSON.parse(json) as { filename: string; files: { path: string }[] }[];
  tarball = join(out, packed!.filename);
  files = packed!.files.map((f) => f.path);
}, 120_000);

describe('npm pack', () => {
  it('holds the CLI bundle, the built-in rules once, the licence, README and CHANGELOG, and nothing else', () => {
    for (const file of [
      'package.json',
      'README.md',
      'CHANGELOG.md',
      'LICENSE',
      'dist/cli/index.js',
      'dist/cli/scan-worker.js',
      'dist/cli/licenses.txt',
      'dist/rules/builtin/iam-user-created.yml',
      'dist/rules/builtin/iam-user-created.tests.yml',
    ]) {
      expect(files).toContain(file);
    }
    // Not the action (dist/index.js and its chunks run from the repository), not the rules a second time.
    expect(files.filter((f) => !/^dist\/(cli|rules)\//.test(f) && !/^[^/]+$/.test(f))).toEqual([]);
    expect(files.filter((f) => /^[^/]+$/.test(f)).sort()).toEqual([
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'package.json',
    ]);
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies?: object;
      engines: { node: string };
    };
    expect(manifest.dependencies).toBeUndefined();
    expect(manifest.engines.node).toBe('>=22');
  });

  it('runs straight from the tarball with no node_modules: the CLI bundle needs none of the dependencies', async () => {
    const dir = tempDir('cta-unpacked-');
    execFileSync('tar', ['xzf', tarball, '-C', dir]);
    const logs = logsIn(dir);
    expect(readdirSync(dir).sort()).toEqual(['logs', 'package']);
    const result = await runNode(
      join(dir, 'package/dist/cli/index.js'),
      ['scan', logs, '--min-severity', 'high'],
      {},
      dir,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /\[HIGH\] CloudTrail logging stopped or trail deleted \(cloudtrail-logging-stopped\)/,
    );
    // So the runtime "dependencies" only cost installers time and disk (see this file's header).
  });

  it('installs into an empty project, with nothing else, and runs as `npx cloudtrail-audit` (scan and rules list)', () => {
    const dir = tempDir('cta-installed-');
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name: 'pack-test', version: '1.0.0', private: true }),
    );
    const install = run(
      'npm',
      [
        'install',
        '--no-save',
        '--ignore-scripts',
        '--omit=dev',
        '--no-audit',
        '--no-fund',
        '--offline',
        tarball,
      ],
      dir,
    );
    if (install.status !== 0) throw new Error(`npm install failed:\n${install.stderr}`);
    // The package alone: no runtime dependency to download, none to warn about (EBADENGINE).
    expect(readdirSync(join(dir, 'node_modules')).filter((n) => !n.startsWith('.'))).toEqual([
      'cloudtrail-audit',
    ]);
    const engines = [...install.stderr.matchAll(/EBADENGINE +package: '(.+)@[^@']+'/g)].map((m) => m[1]);
    expect(engines.filter((name) => name !== 'cloudtrail-audit')).toEqual([]);
    mkdirSync(join(dir, 'out'));
    const logs = logsIn(dir);

    const scan = run(
      'npx',
      ['--no-install', 'cloudtrail-audit', 'scan', logs, '--findings-file', 'out/findings.json'],
      dir,
    );
    expect(scan.status).toBe(0);
    expect(scan.stdout).toMatch(/Scanned 166 events .* from 10 files/);
    expect(scan.stdout).toMatch(/\[HIGH\] Administrator permissions granted to a user, role or group/);

    const list = run('npx', ['--no-install', 'cloudtrail-audit', 'rules', 'list'], dir);
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(/guardduty-detector-deleted/);

    const version = run('npx', ['--no-install', 'cloudtrail-audit', '--version'], dir);
    const { version: packageVersion } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(version.stdout.trim()).toContain(packageVersion);
  }, 180_000);

  it('installs from the repository as a git dependency (`npx github:...`), with what the tarball holds', () => {
    const dir = tempDir('cta-git-');
    // The committed tree, as GitHub serves it.
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${ROOT}`, join(dir, 'repo')]);
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name: 'git-test', version: '1.0.0', private: true }),
    );
    const install = run(
      'npm',
      ['install', '--no-save', '--no-audit', '--no-fund', '--offline', `git+file://${join(dir, 'repo')}`],
      dir,
    );
    if (install.status !== 0) throw new Error(`npm install failed:\n${install.stderr}`);
    // No script that makes npm prepare a git dependency (build, prepare, install...): that would install every
    // devDependency of the repository first.
    expect(install.stderr).not.toMatch(/git dep preparation/);
    const installed = join(dir, 'node_modules/cloudtrail-audit');
    expect(readdirSync(installed).sort()).toEqual([
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'dist',
      'package.json',
    ]);
    expect(readdirSync(join(dir, 'node_modules')).filter((n) => !n.startsWith('.'))).toEqual([
      'cloudtrail-audit',
    ]);
    const help = run('npx', ['--no-install', 'cloudtrail-audit', '--help'], dir);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^cloudtrail-audit \S+: audit AWS CloudTrail logs with Sigma rules/);
  }, 180_000);
});
