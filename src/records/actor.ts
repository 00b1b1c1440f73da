/**
 * The principal behind a record, as one string: what findings group by and what people read.
 * - IAM users, federated users, roles used cross-account: `userIdentity.arn`.
 * - Assumed-role sessions: the role's ARN (with its path, from `sessionContext.sessionIssuer.arn`) + `/` + session name.
 * - Root: `arn:aws:iam::<account>:root`.
 * - Calls made by an AWS service (no ARN of their own): the service's `invokedBy`.
 */
export function actorOf(record: Record<string, unknown>): string {
  const identity = asObject(record.userIdentity);
  if (!identity) return 'unknown';
  const type = str(identity.type);
  const arn = str(identity.arn);
  if (type === 'Root') {
    const account = str(identity.accountId) ?? str(record.recipientAccountId);
    return arn ?? (account ? `arn:aws:iam::${account}:root` : 'root');
  }
  if (type === 'AssumedRole' && arn) {
    const issuerArn = str(asObject(asObject(identity.sessionContext)?.sessionIssuer)?.arn);
    const session = arn.slice(arn.lastIndexOf('/') + 1);
    return issuerArn && issuerArn.includes(':role/') ? `${issuerArn}/${session}` : arn;
  }
  if (arn) return arn;
  const invokedBy = str(identity.invokedBy);
  if (invokedBy) return invokedBy;
  const principalId = str(identity.principalId);
  const userName = str(identity.userName);
  if (type && (userName || principalId)) return `${type}:${userName ?? principalId}`;
  if (type === 'AWSAccount' && str(identity.accountId)) return `account:${str(identity.accountId)}`;
  return principalId ?? type ?? 'unknown';
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
