#!/usr/bin/env node
import { main } from './main.js';

// The AWS SDK's nine-line notice about the Node versions it will drop is not for our users (README: Node support).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// `cloudtrail-audit ... | head` closes the pipe early: that is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

// Ctrl-C, or a kill: exit as the signal would (128 + its number), by way of the 'exit' handlers, which remove the
// temporary files of a big scan (findings/spill.ts); the signal's default would leave them behind.
process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(
      `cloudtrail-audit: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exitCode = 2;
  },
);
