import { rmSync } from 'node:fs';

export default function teardown() {
  const dir = process.env.CLOUDTRAIL_AUDIT_TEST_TMP;
  if (dir) rmSync(dir, { recursive: true, force: true });
}
