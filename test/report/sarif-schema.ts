import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { ROOT } from '../helpers/run-process.js';

/**
 * The SARIF 2.1.0 schema as github/codeql-action validates uploads against it (test/fixtures/sarif/PROVENANCE.md),
 * compiled by ajv in its default strict mode. The schema's one stray `anyOf` under `region.properties` (not a property schema,
 * which strict mode refuses) is removed; its formats are checked by the small validators below.
 */
export function sarifValidator(): (value: unknown) => string[] {
  const schema = JSON.parse(
    readFileSync(join(ROOT, 'test/fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8'),
  ) as { definitions: { region: { properties: Record<string, unknown> } } };
  delete schema.definitions.region.properties.anyOf;
  const ajv = new Ajv2020({
    allErrors: true,
    formats: {
      uri: (value: string) => isUri(value),
      'uri-reference': (value: string) => isUriReference(value),
      'date-time': (value: string) =>
        /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(value) &&
        !Number.isNaN(Date.parse(value)),
    },
  });
  const validate = ajv.compile(schema);
  return (value) => {
    if (validate(value)) return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
  };
}

/** RFC 3986 absolute URI: a scheme, then URI characters only (percent-escapes well formed). */
function isUri(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(value) && isUriReference(value);
}

function isUriReference(value: string): boolean {
  return /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#[\]]|%[0-9A-Fa-f]{2})*$/.test(value);
}
