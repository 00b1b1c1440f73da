/**
 * Key values of first-seen rules: record fields read as fieldText reads them, and the pseudo-fields
 * - `actor`: the caller (records/actor.ts), for assumed roles the role ARN plus the session name;
 * - `principal`: the actor without the session name of a role session (the role ARN), except for IAM Identity
 *   Center roles, whose session name is the person: role session names are often random or per run (CI jobs,
 *   SDK defaults, instance ids), which would make every session a new actor;
 * - `userAgentFamily`: the tool behind the call, without versions or platform (`aws-cli`, `boto3`, `terraform`);
 * - `instanceFamily`: the family of `requestParameters.instanceType` (`p4d` for `p4d.24xlarge`).
 * They are the derived fields rules name as `derived.principal`, ... (src/rules/derived.ts).
 */
import { detach } from '../core/detach.js';
import { fieldText } from '../rules/fields.js';
import { instanceFamily, principalOf, userAgentFamily } from '../rules/derived.js';

export { instanceFamily, principalOf, userAgentFamily };

/** The key's value for one field, or undefined when the record has none (such a match makes no key). */
export function keyValue(record: Record<string, unknown>, field: string): string | undefined {
  // Kept as first-seen keys long after the record: detached from its text (core/detach.ts).
  if (field === 'principal') return detachOptional(principalOf(record));
  if (field === 'userAgentFamily') return detachOptional(userAgentFamily(record.userAgent));
  if (field === 'instanceFamily') return detachOptional(instanceFamily(record));
  const value = fieldText(record, field);
  return value === '' || value === undefined ? undefined : detach(value);
}

function detachOptional<T extends string | undefined>(value: T): T {
  return (value === undefined ? value : detach(value)) as T;
}
