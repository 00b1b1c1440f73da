/** Runs the bundled action (`node dist/index.js`) as a runner does, against the loopback GitHub server. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TRACKING_LABEL } from '../../src/track/labels.js';
import type { GitHubServer } from '../helpers/github-server.js';
import { actionEnv, readOutputs, ROOT, runNode, tempDir } from '../helpers/run-process.js';

export const ACTION = join(ROOT, 'dist/index.js');
/** Findings of the sample logs in 2024 reported on their own (each carries its events: docs/findings.md). */
export const SAMPLE_FINDINGS = 18;
/** Findings of the sample logs in 2024 folded into those: no issue of their own. */
export const SAMPLE_FOLDED = 18;

export async function runAction(server: GitHubServer, inputs: Record<string, string> = {}, dir = tempDir()) {
  const env = actionEnv(
    {
      source: 'files',
      path: join(ROOT, 'samples'),
      'start-time': '2024-01-01T00:00:00Z',
      'end-time': '2025-01-01T00:00:00Z',
      'create-issues': 'true',
      'max-new-issues': '50',
      ...inputs,
    },
    dir,
  );
  env.GITHUB_API_URL = server.url;
  env.GITHUB_SERVER_URL = 'https://github.example';
  env.CLOUDTRAIL_AUDIT_GITHUB_PACE = '0';
  const result = await runNode(ACTION, [], env);
  return {
    ...result,
    dir,
    outputs: readOutputs(join(dir, 'output.txt')),
    summary: readFileSync(join(dir, 'summary.md'), 'utf8'),
  };
}

/** The issues carrying our label. */
export function trackedIssues(server: GitHubServer) {
  return server.issues.filter((i) => i.labels.some((l) => l.name === TRACKING_LABEL));
}
