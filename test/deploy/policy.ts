/** Helpers shared by the deploy tests: the IAM actions a policy grants, and what makes one too broad. */

/** An action that grants more than one named API call: `*`, `service:*`, `service:Get*` and the like. */
export function isWildcardAction(action: string): boolean {
  return /[*?]/.test(action);
}

/** The IAM action pattern: `service:ApiName`. */
export const ACTION = /^[a-z0-9-]+:[A-Za-z0-9]+$/;

/** The actions that every IAM identity-policy must be allowed to use here, per policy (CloudFormation and Terraform agree). */
export const EXPECTED_ACTIONS: Record<string, string[]> = {
  'cloudtrail-lookup-events': ['cloudtrail:LookupEvents'],
  'cloudtrail-trail-bucket': ['s3:ListBucket', 's3:GetObject'],
  'cloudtrail-trail-key': ['kms:Decrypt'],
  'cloudtrail-athena': [
    'athena:StartQueryExecution',
    'athena:GetQueryExecution',
    'athena:GetQueryResults',
    'athena:StopQueryExecution',
    'athena:GetTableMetadata',
    'glue:GetDatabase',
    'glue:GetTable',
    'glue:GetPartitions',
    'glue:CreateTable',
    'glue:UpdateTable',
    's3:GetBucketLocation',
    's3:ListBucket',
    's3:GetObject',
    's3:PutObject',
    's3:AbortMultipartUpload',
  ],
};

export const OIDC_SUB = 'token.actions.githubusercontent.com:sub';
export const OIDC_AUD = 'token.actions.githubusercontent.com:aud';
