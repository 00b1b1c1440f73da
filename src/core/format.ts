/** Sizes and prices as the reports show them. */

/** `1.2 GB`, `350 MB`, `12 KB`, `0 bytes` (binary units: a GB is 2^30 bytes, as max-scan-gb). */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} bytes` : `${value.toFixed(value < 10 ? 2 : 1)} ${units[unit]}`;
}

/** `$0.000048`, `$0.016`, `$12.34`: two significant digits below a dollar, so that a small query does not read as free. */
export function formatUsd(usd: number): string {
  if (usd === 0) return '$0';
  if (usd < 1) return `$${Number(usd.toPrecision(2))}`;
  return `$${usd.toFixed(2)}`;
}
