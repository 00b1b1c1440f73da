// One temporary folder per test run: every test's temp dirs (and the tool's own spill files, in the processes the
// tests start) go below it through TMPDIR, and globalTeardown removes it, so a run leaves nothing in /tmp.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'cloudtrail-audit-tests-'));
  process.env.CLOUDTRAIL_AUDIT_TEST_TMP = dir;
  process.env.TMPDIR = dir;
}
