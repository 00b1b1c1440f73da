/** What Athena errors mean for the user, in messages that name the fix. */
import { UserError } from '../../core/errors.js';
import { credentialProblem } from '../../credentials/index.js';
import { describeError, errorCode, isAccessDenied } from '../s3/errors.js';

/** A problem that stops the Athena source (the query cannot run, or failed). */
export class AthenaSourceError extends UserError {}

/** The permissions the Athena source needs, for error messages (docs/athena.md has the policy). */
export const ATHENA_PERMISSIONS =
  'athena:StartQueryExecution, athena:GetQueryExecution, athena:GetQueryResults and athena:StopQueryExecution ' +
  'on the workgroup; athena:GetTableMetadata on the data catalog AwsDataCatalog; glue:GetDatabase, glue:GetTable ' +
  '(and glue:CreateTable, glue:UpdateTable with athena-create-table) on the catalog, database and table; ' +
  's3:GetObject and s3:ListBucket on the trail bucket; s3:PutObject, s3:GetObject, s3:ListBucket and ' +
  's3:GetBucketLocation on the query result location';

/** `Code: message` of an SDK error, with the fix when the code names one. */
export function describeAthenaError(
  err: unknown,
  where: { workGroup?: string; outputLocation?: string },
): string {
  const credentials = credentialProblem(err);
  if (credentials) return credentials;
  const text = describeError(err);
  const code = errorCode(err);
  if (isAccessDenied(err) || code === 'AccessDeniedException') {
    return `${text}. The credentials need ${ATHENA_PERMISSIONS}`;
  }
  if (/output location|OutputLocation/i.test(text) && !where.outputLocation) {
    return `${text}: give a query result location (athena-output-location: s3://bucket/path/) or use a workgroup that has one (athena-workgroup)`;
  }
  if (/workgroup/i.test(text) && where.workGroup) {
    return `${text}: check athena-workgroup ('${where.workGroup}') and that it is enabled`;
  }
  return text;
}
