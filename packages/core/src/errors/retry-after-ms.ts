/**
 * Longest wait a `RateLimitedError` reports: one hour. A server asking for more (a date years
 * away, a number of 400 digits) is reported as one hour: the host asks again then and learns the
 * remaining wait, instead of scheduling a retry in 2099 or reading `Infinity` (`null` in JSON).
 */
export const MAX_RETRY_AFTER_MS = 3_600_000;

/**
 * `ms` as a wait a host can schedule: whole milliseconds, at least 0, at most `MAX_RETRY_AFTER_MS`.
 * `Infinity` is the maximum, `-Infinity` and negatives are 0; `NaN` and non-numbers are `undefined`
 * (the provider did not say anything usable).
 */
export function clampRetryAfterMs(ms: unknown): number | undefined {
  if (typeof ms !== 'number' || Number.isNaN(ms)) return undefined;
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, Math.ceil(ms)));
}
