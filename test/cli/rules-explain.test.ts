/** `rules list --explain`: what the prefilter looks for, per rule, and the rules that turn it off. */
import { describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { captureIo } from '../helpers/cli-io.js';
import { tempDir } from '../helpers/run-process.js';

const io = () => captureIo();

const RULE = (name: string, selection: string) => `title: ${name}
name: ${name}
logsource: {product: aws, service: cloudtrail}
detection:
    selection:
${selection}
    condition: selection
level: medium
`;

describe('rules list --explain', () => {
  it('says, for every built-in rule, what a record must show to be parsed for it', async () => {
    const cli = io();
    expect(await main(['rules', 'list', '--explain'], cli)).toBe(0);
    expect(cli.out).toMatch(/^iam-user-created +eventName is CreateUser$/m);
    expect(cli.out).toMatch(/^api-call-denied +\(errorCode = 'accessdenied' or /m);
    expect(cli.out).toMatch(/Prefilter on: each of the \d+ rules says what a record must hold/);
  });

  it('names the rules that say nothing usable, which make the scan parse every record', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'named.yml'), RULE('named-one', '        eventName: CreateUser'));
    writeFileSync(join(dir, 'vague.yml'), RULE('vague-one', '        sourceIPAddress|cidr: 10.0.0.0/8'));
    const cli = io();
    expect(await main(['rules', 'list', '--explain', '--no-builtin-rules', '--rules-path', dir], cli)).toBe(
      0,
    );
    expect(cli.out).toMatch(/^vague-one +nothing usable: every record is parsed$/m);
    expect(cli.out).toMatch(/Prefilter off: 1 of the 2 rules say nothing usable \(vague-one\)/);
  });
});
