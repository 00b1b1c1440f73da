/**
 * The repository's workflows and Dependabot configuration, parsed with `yaml`: each has triggers, jobs with steps
 * and an explicit `permissions:` block; CI runs `.ci/run`; the example audit can get an OIDC token and never runs
 * on pushes; the release checks dist/ and moves the major tag.
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseDocument } from 'yaml';
import { ROOT } from '../helpers/run-process.js';

interface Step {
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Job {
  'runs-on': string;
  permissions?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  name: string;
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  concurrency?: unknown;
  jobs: Record<string, Job>;
}

const DIR = join(ROOT, '.github/workflows');
const files = readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f));
const workflows = Object.fromEntries(
  files.map((f) => {
    const doc = parseDocument(readFileSync(join(DIR, f), 'utf8'));
    if (doc.errors.length > 0) throw new Error(`${f}: ${doc.errors.map(String).join('\n')}`);
    return [f, doc.toJS() as Workflow];
  }),
);
const steps = (w: Workflow) => Object.values(w.jobs).flatMap((j) => j.steps);
const runs = (w: Workflow) => steps(w).flatMap((s) => (s.run ? [s.run] : []));

describe('.github/workflows', () => {
  it('has the CI, check-dist, CodeQL, release and example audit workflows', () => {
    expect(files.sort()).toEqual(
      expect.arrayContaining(['check-dist.yml', 'ci.yml', 'codeql.yml', 'example-audit.yml', 'release.yml']),
    );
  });

  it.each(files)('%s has triggers, jobs with steps, and permissions granted explicitly', (file) => {
    const w = workflows[file]!;
    expect(typeof w.name).toBe('string');
    expect(Object.keys(w.on).length).toBeGreaterThan(0);
    expect(Object.keys(w.jobs).length).toBeGreaterThan(0);
    for (const [name, job] of Object.entries(w.jobs)) {
      expect([name, typeof job['runs-on']]).toEqual([name, 'string']);
      expect(job.steps.length).toBeGreaterThan(0);
      // Without a permissions block, the token gets the repository's default, possibly write-all.
      expect([name, w.permissions ?? job.permissions]).toEqual([name, expect.any(Object)]);
      for (const step of job.steps) {
        expect(Boolean(step.uses) !== Boolean(step.run)).toBe(true);
        if (step.uses && !step.uses.startsWith('./')) expect(step.uses).toMatch(/^[\w.-]+\/[\w./-]+@v\d+/);
      }
    }
  });

  it('ci.yml runs .ci/run, with read-only contents', () => {
    const ci = workflows['ci.yml']!;
    expect(runs(ci)).toContain('bash .ci/run');
    expect(ci.permissions).toEqual({ contents: 'read' });
  });

  it('check-dist.yml rebuilds dist/ and fails when it differs from the commit', () => {
    const text = runs(workflows['check-dist.yml']!).join('\n');
    expect(text).toContain('npm run package');
    expect(text).toMatch(/git status --porcelain -- dist[\s\S]*exit 1/);
  });

  it('codeql.yml analyses javascript-typescript and may write security events', () => {
    const w = workflows['codeql.yml']!;
    const init = steps(w).find((s) => s.uses?.startsWith('github/codeql-action/init@'))!;
    expect(init.with!.languages).toBe('javascript-typescript');
    expect(steps(w).some((s) => s.uses?.startsWith('github/codeql-action/analyze@'))).toBe(true);
    expect(w.jobs.analyze!.permissions!['security-events']).toBe('write');
  });

  it('release.yml runs on vX.Y.Z tags or by hand, checks dist and tests, releases and moves the major tag', () => {
    const w = workflows['release.yml']!;
    expect((w.on.push as { tags: string[] }).tags).toEqual(['v[0-9]+.[0-9]+.[0-9]+']);
    expect((w.on.workflow_dispatch as { inputs: Record<string, unknown> }).inputs).toHaveProperty('version');
    expect(w.jobs.release!.permissions).toEqual({ contents: 'write', 'id-token': 'write' });
    const text = runs(w).join('\n');
    expect(text).toContain('npm run check-dist');
    expect(text).toContain('npm test');
    expect(text).toContain('gh release create "$TAG"');
    expect(text).toMatch(/git tag -fa "\$MAJOR"[\s\S]*git push -f origin "refs\/tags\/\$MAJOR"/);
    // The step that releases comes after the checks.
    const order = runs(w);
    const release = order.findIndex((r) => r.includes('gh release create'));
    expect(order.findIndex((r) => r.includes('npm run check-dist'))).toBeLessThan(release);
    expect(order.findIndex((r) => r === 'npm test')).toBeLessThan(release);
  });

  it('release.yml attaches the npm package to the release and publishes it to npm only with an NPM_TOKEN', () => {
    const w = workflows['release.yml']!;
    const all = steps(w);
    const at = (text: string) => all.findIndex((s) => s.run?.includes(text));
    expect(all[at('npm pack')]!.run).toBe('npm pack --pack-destination "$RUNNER_TEMP"');
    expect(all[at('gh release create')]!.run).toContain('"$RUNNER_TEMP/cloudtrail-audit-${TAG#v}.tgz"');
    const publish = all[at('npm publish')]!;
    expect(publish.if).toBe("env.NPM_TOKEN != ''");
    expect(publish.run).toBe(
      'npm publish --provenance --access public "$RUNNER_TEMP/cloudtrail-audit-${TAG#v}.tgz"',
    );
    expect((w.jobs.release as unknown as { env: Record<string, string> }).env.NPM_TOKEN).toBe(
      '${{ secrets.NPM_TOKEN }}',
    );
    // Published last: after the tests, the release and the tags.
    expect(at('npm test')).toBeLessThan(at('npm pack'));
    expect(at('gh release create')).toBeLessThan(at('npm publish'));
    const setup = all.find((s) => s.uses?.startsWith('actions/setup-node@'))!;
    expect(setup.with).toMatchObject({ 'registry-url': 'https://registry.npmjs.org' });
  });

  it('ci.yml tests on every Node the CLI supports (package.json engines)', () => {
    const ci = workflows['ci.yml']! as unknown as {
      jobs: { ci: { strategy: { matrix: { node: number[] } } } };
    };
    const { engines } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      engines: { node: string };
    };
    const lowest = Number(/^>=(\d+)$/.exec(engines.node)![1]);
    expect(ci.jobs.ci.strategy.matrix.node).toEqual([lowest, 24]);
  });

  it('example-audit.yml is the quick start, started by hand only, and can get an OIDC token', () => {
    const w = workflows['example-audit.yml']!;
    expect(Object.keys(w.on)).toEqual(['workflow_dispatch']);
    expect(w.permissions!['id-token']).toBe('write');
    const quickStart = parse(
      readFileSync(join(ROOT, 'docs/examples/scheduled-audit.yml'), 'utf8'),
    ) as Workflow;
    expect(w.on.workflow_dispatch).toEqual(quickStart.on.workflow_dispatch);
    expect({ ...w, name: '', on: {} }).toEqual({ ...quickStart, name: '', on: {} });
    expect(Object.keys(quickStart.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
  });
});

describe('.github/dependabot.yml', () => {
  const config = parse(readFileSync(join(ROOT, '.github/dependabot.yml'), 'utf8')) as {
    version: number;
    updates: {
      'package-ecosystem': string;
      directory: string;
      schedule: { interval: string };
      groups?: object;
    }[];
  };

  it('updates npm and GitHub Actions weekly, in groups', () => {
    expect(config.version).toBe(2);
    const byEcosystem = Object.fromEntries(config.updates.map((u) => [u['package-ecosystem'], u]));
    for (const ecosystem of ['npm', 'github-actions']) {
      expect(byEcosystem[ecosystem]!.schedule.interval).toBe('weekly');
      expect(byEcosystem[ecosystem]!.directory).toBe('/');
      expect(Object.keys(byEcosystem[ecosystem]!.groups ?? {}).length).toBeGreaterThan(0);
    }
  });
});
