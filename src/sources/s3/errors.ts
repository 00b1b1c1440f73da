/** What S3 errors mean for the user, in messages that name the fix. */
import { UserError } from '../../core/errors.js';
import { credentialProblem } from '../../credentials/index.js';

/** A problem that stops the S3 source (the trail's logs cannot be found or listed at all). */
export class S3SourceError extends UserError {}

interface ErrorFields {
  name?: unknown;
  code?: unknown;
  Code?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: unknown; attempts?: unknown };
}

function fields(err: unknown): ErrorFields {
  return typeof err === 'object' && err !== null ? (err as ErrorFields) : {};
}

/** The S3 error code (AccessDenied, NoSuchKey...) or the error's name. */
export function errorCode(err: unknown): string {
  const { name, code, Code } = fields(err);
  for (const value of [Code, code, name]) if (typeof value === 'string' && value !== '') return value;
  return 'Error';
}

export function httpStatus(err: unknown): number | undefined {
  const status = fields(err).$metadata?.httpStatusCode;
  return typeof status === 'number' ? status : undefined;
}

/** HTTP attempts the SDK made for a request that failed (its retries included); 1 when it does not say. */
export function attemptsOf(err: unknown): number {
  const attempts = fields(err).$metadata?.attempts;
  return typeof attempts === 'number' && attempts > 0 ? attempts : 1;
}

export function isAccessDenied(err: unknown): boolean {
  const code = errorCode(err);
  return code === 'AccessDenied' || code === 'AllAccessDisabled' || httpStatus(err) === 403;
}

export function isAbort(err: unknown): boolean {
  const { name, code } = fields(err);
  return name === 'AbortError' || code === 'ABORT_ERR';
}

/** `Code: message` of an SDK error, on one line and bounded (the message comes from the server). */
export function describeError(err: unknown): string {
  const code = errorCode(err);
  const { message } = fields(err);
  const text = typeof message === 'string' ? message.replace(/\s+/g, ' ').trim().slice(0, 300) : '';
  const status = httpStatus(err);
  const head = status !== undefined && status >= 400 ? `${code} (HTTP ${status})` : code;
  return text && text !== code && text !== 'UnknownError' ? `${head}: ${text}` : head;
}

/** The permissions the S3 source needs, for error messages. */
export function permissionsHint(bucket: string, keyPrefix: string): string {
  return (
    `The credentials need s3:ListBucket on arn:aws:s3:::${bucket} (for the prefix "${keyPrefix}", ` +
    `if the policy has an s3:prefix condition), s3:GetObject on arn:aws:s3:::${bucket}/${keyPrefix}*, ` +
    `and kms:Decrypt on the trail's KMS key when the logs are encrypted with SSE-KMS; ` +
    `the bucket policy must not deny them.`
  );
}

/** Why listing `prefix` failed, naming the fix. */
export function listingErrorMessage(err: unknown, bucket: string, prefix: string, base: string): string {
  const where = `s3://${bucket}/${prefix}`;
  const code = errorCode(err);
  const credentials = credentialProblem(err);
  if (credentials) return `cannot list ${where}: ${credentials}`;
  if (isAccessDenied(err)) {
    return `access denied listing ${where} (ListObjectsV2: ${describeError(err)}). ${permissionsHint(bucket, base)}`;
  }
  if (code === 'NoSuchBucket') {
    return `bucket "${bucket}" does not exist (listing ${where}): check the bucket name (s3-bucket)`;
  }
  if (code === 'PermanentRedirect' || code === 'AuthorizationHeaderMalformed' || httpStatus(err) === 301) {
    return `cannot list ${where}: the bucket is in another region than the client's (${describeError(err)})`;
  }
  return `cannot list ${where}: ${describeError(err)}`;
}

/** Why fetching one object failed. */
export function getErrorMessage(err: unknown, bucket: string, key: string, attempts: number): string {
  const code = errorCode(err);
  const credentials = credentialProblem(err);
  if (credentials) return credentials;
  if (isAccessDenied(err)) {
    return (
      `access denied (GetObject: ${describeError(err)}): the credentials need s3:GetObject on ` +
      `arn:aws:s3:::${bucket}/${key}, and kms:Decrypt on the trail's KMS key when the logs use SSE-KMS`
    );
  }
  if (code === 'NoSuchKey') return 'object no longer exists (NoSuchKey): deleted after it was listed';
  if (code === 'InvalidObjectState') {
    return `object is archived (InvalidObjectState: ${describeError(err)}): restore it from Glacier to read it`;
  }
  return `cannot fetch after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${describeError(err)}`;
}
