/** Where a CloudTrail trail delivers its files: `[prefix/]AWSLogs/[o-org/]ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/`. */

/**
 * The key prefix above `AWSLogs/`: `""` or `"path/"`. Slashes at either end are dropped, and a trailing
 * `AWSLogs` segment too (`logs/AWSLogs` means the trail prefix `logs`).
 */
export function basePrefix(prefix: string | undefined): string {
  const parts = (prefix ?? '').split('/').filter((part) => part !== '');
  if (parts[parts.length - 1] === 'AWSLogs') parts.pop();
  return parts.length === 0 ? '' : `${parts.join('/')}/`;
}
