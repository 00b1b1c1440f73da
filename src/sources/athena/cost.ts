/**
 * What an Athena query costs, from the bytes it scanned.
 *
 * AWS's pricing page (https://aws.amazon.com/athena/pricing/, SQL queries): "$5.00 per TB of data scanned" and
 * "You are charged for the number of bytes scanned by Amazon Athena, rounded up to the nearest megabyte, with a
 * 10 MB minimum per query. There are no charges for Data Definition Language (DDL) statements like
 * CREATE/ALTER/DROP TABLE, statements for managing partitions, or failed queries. Cancelled queries are charged
 * based on the amount of data scanned."
 * The price is the us-east-1 list price (some Regions charge more). AWS bills in decimal units: a megabyte is
 * 10^6 bytes and a terabyte 10^12 ($5 for 10^12 bytes, not 2^40). A query cancelled while it ran (by the run being
 * cancelled, or by the workgroup's cutoff) is billed as one that succeeded for what it scanned.
 */

export const USD_PER_TB = 5;
const MB = 1e6;
const TB = 1e12;
const MINIMUM_MB = 10;

/** The estimated charge of one query (DML, succeeded or cancelled) that scanned `bytes`. */
export function queryCostUsd(bytes: number): number {
  const megabytes = Math.max(MINIMUM_MB, Math.ceil(Math.max(0, bytes) / MB));
  return (megabytes * MB * USD_PER_TB) / TB;
}
