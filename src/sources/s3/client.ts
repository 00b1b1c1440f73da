/** An S3 client configured for reading trail buckets; the caller owns it (and destroys it when done). */
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';

export interface S3ClientOptions {
  /** The client's region; requests to a bucket in another region are redirected (followRegionRedirects). */
  region: string;
  /** Credentials or a provider; default: the SDK's default provider chain. */
  credentials?: S3ClientConfig['credentials'];
  /**
   * Endpoint override. Default: the SDK's standard configuration (`AWS_ENDPOINT_URL_S3`, `AWS_ENDPOINT_URL`,
   * or the shared config file's `endpoint_url`), else the regional AWS endpoint.
   */
  endpoint?: string;
  /** Path-style addressing (`host/bucket/key`): needed by local S3 servers; default false. */
  forcePathStyle?: boolean;
  /** HTTP attempts per request, with the SDK's backoff for 5xx, throttling and network errors; default 5. */
  maxAttempts?: number;
  /** Milliseconds to connect; default 10 s. */
  connectionTimeoutMs?: number;
  /** Milliseconds a socket may stay idle during a request; default 60 s. */
  socketTimeoutMs?: number;
}

export const DEFAULT_MAX_ATTEMPTS = 5;

export function createS3Client(options: S3ClientOptions): S3Client {
  const config: S3ClientConfig = {
    region: options.region,
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    followRegionRedirects: true,
    forcePathStyle: options.forcePathStyle ?? false,
    requestHandler: {
      connectionTimeout: options.connectionTimeoutMs ?? 10_000,
      socketTimeout: options.socketTimeoutMs ?? 60_000,
    },
  };
  if (options.credentials !== undefined) config.credentials = options.credentials;
  if (options.endpoint !== undefined) config.endpoint = options.endpoint;
  return new S3Client(config);
}
