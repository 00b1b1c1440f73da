/** An Athena client for the athena source; the caller owns it (and destroys it when done). */
import { AthenaClient, type AthenaClientConfig } from '@aws-sdk/client-athena';

export interface AthenaClientOptions {
  region: string;
  /** Credentials or a provider; default: the SDK's default provider chain. */
  credentials?: AthenaClientConfig['credentials'];
  /** Endpoint override; default: the SDK's standard configuration (`AWS_ENDPOINT_URL_ATHENA`, `AWS_ENDPOINT_URL`). */
  endpoint?: string;
  /**
   * HTTP attempts per request; default 8. The SDK's standard retry strategy backs off on throttling
   * (TooManyRequestsException, which Athena answers when StartQueryExecution or GetQueryExecution calls come too
   * fast), 5xx and network errors.
   */
  maxAttempts?: number;
}

export function createAthenaClient(options: AthenaClientOptions): AthenaClient {
  const config: AthenaClientConfig = {
    region: options.region,
    maxAttempts: options.maxAttempts ?? 8,
    requestHandler: { connectionTimeout: 10_000, requestTimeout: 60_000 },
  };
  if (options.credentials !== undefined) config.credentials = options.credentials;
  if (options.endpoint !== undefined) config.endpoint = options.endpoint;
  return new AthenaClient(config);
}
