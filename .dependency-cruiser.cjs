/* global module */
/**
 * The pipeline's dependency rule (`npm run lint` runs it): stages depend on the stages before them and on the kernel
 * (src/core), never on a later stage, and nothing imports in a cycle. See docs/architecture.md.
 */
// Each folder of src/ and the folders it may import (besides itself and src/core, which every folder may import).
const allowed = {
  core: [],
  records: [],
  rules: ['records'],
  findings: ['records', 'rules'],
  allowlist: ['records', 'rules'],
  sql: ['rules'],
  credentials: [],
  state: [],
  detect: ['records', 'rules', 'findings', 'allowlist'],
  correlate: ['records', 'rules', 'findings', 'detect'],
  'first-seen': ['records', 'rules', 'findings', 'detect'],
  sources: ['records', 'rules', 'sql', 'credentials'],
  report: ['records', 'rules', 'findings'],
  track: ['findings', 'report'],
  investigate: ['records', 'rules', 'findings', 'sources', 'report', 'track', 'credentials'],
  pipeline: [
    'records',
    'rules',
    'findings',
    'allowlist',
    'sql',
    'credentials',
    'state',
    'detect',
    'correlate',
    'first-seen',
    'sources',
    'report',
    'track',
    'investigate',
  ],
  action: ['pipeline', 'report', 'rules', 'state', 'track', 'credentials', 'investigate'],
  cli: ['pipeline', 'report', 'rules', 'state', 'investigate'],
};

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules import each other in a cycle: move what they share down a layer.',
      from: {},
      to: { circular: true },
    },
    ...Object.entries(allowed).map(([folder, others]) => ({
      name: `layer-${folder}`,
      severity: 'error',
      comment: `src/${folder} may import only src/core${others.length ? ` and src/{${others.join(',')}}` : ''}.`,
      from: { path: `^src/${folder}/` },
      to: {
        path: '^src/',
        pathNot: `^src/(core|${[folder, ...others].join('|').replace(/-/g, '\\-')})/`,
      },
    })),
    {
      name: 'every-file-in-a-stage',
      severity: 'error',
      comment: 'Every source file belongs to a stage folder listed in .dependency-cruiser.cjs.',
      from: { path: '^src/[^/]+$', pathNot: '^src/index\\.ts$' },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(node_modules|dist|test|bench|scripts)/' },
  },
};
