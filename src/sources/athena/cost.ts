/**
 * What an Athena query costs, from the bytes it scanned.
 *
 * AWS's pricing page (https://aws.amazon.com/athena/pricing/, SQL queries): "$5.00 per TB of data scanned" and
 * "You are charged for the number of bytes scanned by Amazon Athena, rounded up to the nearest megabyte, with a
 * 10 MB minimum per query. There are no charges for Data Definition Language (DDL) statements like
 * CREATE/ALTER/DROP TABLE, statements for managing partitions, or failed queries. Cancelled queries are charged
 * based on the amount of data scanned."
 * The price is the us-east-1 list price (some Regions charge more); MB and TB are taken as 2^20 and 2^40 bytes.
 */

export const USD_PER_TB = 5;
const MB = 2 ** 20;
const TB = 2 ** 40;
const MINIMUM_MB = 10;

/** The estimated charge of one query (DML, not failed) that scanned `bytes`. */
export function queryCostUsd(bytes: number): number {
  const megabytes = Math.max(MINIMUM_MB, Math.ceil(Math.max(0, bytes) / MB));
  return (megabytes * MB * USD_PER_TB) / TB;
}
