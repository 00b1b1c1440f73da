// The README's inputs and outputs tables, generated from action.yml: `npm run docs:action` rewrites them, and a
// test fails when the README's copy differs.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const BEGIN =
  '<!-- action-tables:begin (generated from action.yml by `npm run docs:action`; do not edit) -->';
const END = '<!-- action-tables:end -->';

const cell = (text) => String(text).replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();

export function actionTables(actionYaml) {
  const action = parse(actionYaml);
  const inputs = Object.entries(action.inputs).map(
    ([name, spec]) =>
      `| \`${name}\` | ${cell(spec.description ?? '')} | ${spec.default ? `\`${cell(spec.default)}\`` : ''} |`,
  );
  const outputs = Object.entries(action.outputs).map(
    ([name, spec]) => `| \`${name}\` | ${cell(spec.description ?? '')} |`,
  );
  return [
    BEGIN,
    '',
    '### Inputs',
    '',
    '| input | description | default |',
    '| --- | --- | --- |',
    ...inputs,
    '',
    '### Outputs',
    '',
    '| output | description |',
    '| --- | --- |',
    ...outputs,
    '',
    END,
  ].join('\n');
}

/** The README with its generated section replaced. */
export function withActionTables(readme, actionYaml) {
  const start = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (start === -1 || end === -1) throw new Error('README.md has no action-tables markers');
  return readme.slice(0, start) + actionTables(actionYaml) + readme.slice(end + END.length);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const readme = readFileSync('README.md', 'utf8');
  writeFileSync('README.md', withActionTables(readme, readFileSync('action.yml', 'utf8')));
}
