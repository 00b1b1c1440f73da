/**
 * Key values of first-seen rules: record fields read as fieldText reads them, and the pseudo-fields
 * - `actor`: the caller (records/actor.ts), for assumed roles the role ARN plus the session name;
 * - `principal`: the actor without the session name of a role session (the role ARN), except for IAM Identity
 *   Center roles, whose session name is the person: role session names are often random or per run (CI jobs,
 *   SDK defaults, instance ids), which would make every session a new actor;
 * - `userAgentFamily`: the tool behind the call, without versions or platform (`aws-cli`, `boto3`, `terraform`);
 * - `instanceFamily`: the family of `requestParameters.instanceType` (`p4d` for `p4d.24xlarge`).
 */
import { actorOf } from '../records/actor.js';
import { fieldText } from '../records/fields.js';

/** The key's value for one field, or undefined when the record has none (such a match makes no key). */
export function keyValue(record: Record<string, unknown>, field: string): string | undefined {
  if (field === 'principal') return principalOf(record);
  if (field === 'userAgentFamily') return userAgentFamily(record.userAgent);
  if (field === 'instanceFamily') return instanceFamily(record);
  const value = fieldText(record, field);
  return value === '' ? undefined : value;
}

/**
 * Ordered: a user agent names several products (`aws-cli/2 ... botocore/2`, `Terraform/1.6 ... aws-sdk-go-v2/1`);
 * the first pattern that matches names the tool a person chose.
 */
const FAMILIES: readonly [RegExp, string][] = [
  [/^AWS Internal$/i, 'aws-internal'],
  [/\bterraform\b/i, 'terraform'],
  [/\bpulumi\b/i, 'pulumi'],
  [/\baws-cdk\b|\bCDK\b/, 'aws-cdk'],
  [/\bcloudformation\b/i, 'cloudformation'],
  [/^aws-cli\//i, 'aws-cli'],
  [/\baws-cli\//i, 'aws-cli'],
  [/\bAWSPowerShell\b|\bAWS\.Tools\b/i, 'aws-powershell'],
  [/\bstratus-red-team/i, 'stratus-red-team'],
  [/\bPacu\b/i, 'pacu'],
  [/\bTruffleHog\b/i, 'trufflehog'],
  [/\bS3 Browser\b/i, 's3-browser'],
  [/\bBoto3\//i, 'boto3'],
  [/\bBotocore\//i, 'botocore'],
  [/\baws-sdk-go-v2\b/i, 'aws-sdk-go-v2'],
  [/\baws-sdk-go\b/i, 'aws-sdk-go'],
  [/\baws-sdk-java\b|\bAWSSDKJava\b/i, 'aws-sdk-java'],
  [/\baws-sdk-(?:js|nodejs)\b/i, 'aws-sdk-js'],
  [/\baws-sdk-dotnet|\baws-sdk-net\b/i, 'aws-sdk-dotnet'],
  [/\baws-sdk-ruby/i, 'aws-sdk-ruby'],
  [/\baws-sdk-php\b/i, 'aws-sdk-php'],
  [/\baws-sdk-rust\b/i, 'aws-sdk-rust'],
  [/\baws-sdk-cpp\b/i, 'aws-sdk-cpp'],
  [/\baws-sdk-kotlin\b/i, 'aws-sdk-kotlin'],
  [/\baws-sdk-swift\b/i, 'aws-sdk-swift'],
  [/^(?:[\w-]+\.)*console(?:\.[\w-]+)*\.amazonaws\.com$|^signin\.amazonaws\.com$/i, 'console'],
  [/^Mozilla\//, 'console'],
];
const AWS_SERVICE = /^([a-z0-9-]+(?:\.[a-z0-9-]+)*)\.amazonaws\.com$/i;
const MAX_FAMILY = 40;

/** A normalised tool family for a userAgent string; undefined for an empty or absent user agent. */
export function userAgentFamily(userAgent: unknown): string | undefined {
  if (typeof userAgent !== 'string') return undefined;
  const text = userAgent.trim();
  if (text === '') return undefined;
  for (const [pattern, family] of FAMILIES) if (pattern.test(text)) return family;
  // An AWS service acting for the caller: the service's host name is its family (`ssm.amazonaws.com`).
  const service = AWS_SERVICE.exec(text);
  if (service) return text.toLowerCase();
  // Anything else: the first product token without its version (`python-requests/2.31 ...` → `python-requests`).
  const product = text
    .split(/[\s/(;]/)[0]!
    .toLowerCase()
    .replace(/[^a-z0-9._-]/g, '');
  return (product === '' ? 'other' : product).slice(0, MAX_FAMILY);
}

/** `requestParameters.instanceType` up to its first dot, lower-cased; undefined without an instance type. */
export function instanceFamily(record: Record<string, unknown>): string | undefined {
  const type = fieldText(record, 'requestParameters.instanceType');
  if (type === undefined || type.trim() === '') return undefined;
  return type.trim().split('.')[0]!.toLowerCase();
}

const SSO_ROLE = ':role/aws-reserved/sso.amazonaws.com/';

/** The actor, with a role session reduced to its role unless the role is an IAM Identity Center one. */
export function principalOf(record: Record<string, unknown>): string {
  const identity = record.userIdentity as Record<string, unknown> | undefined;
  if (identity && typeof identity === 'object' && identity.type === 'AssumedRole') {
    const issuer = (identity.sessionContext as { sessionIssuer?: { arn?: unknown } } | undefined)
      ?.sessionIssuer?.arn;
    if (typeof issuer === 'string' && issuer.includes(':role/') && !issuer.includes(SSO_ROLE)) return issuer;
  }
  return actorOf(record);
}
