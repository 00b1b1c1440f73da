/**
 * `node rules-cache.js <rules folder> <cache file>`: writes the documents of the folder's rule files as
 * src/rules/load.ts reads them from `<folder>.json` (npm run package bundles and runs this for dist/rules/builtin).
 */
import { writeFileSync } from 'node:fs';
import { rulesCacheOf } from '../src/rules/load.js';

const [dir, out] = process.argv.slice(2);
if (!dir || !out) throw new Error('usage: rules-cache <rules folder> <cache file>');
writeFileSync(out, JSON.stringify(await rulesCacheOf(dir)));
