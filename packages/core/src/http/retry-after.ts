/**
 * The longest wait a `rate_limited` error from the toolkit announces in `retryAfterMs`. A server may
 * ask for a day or for 10^23 seconds; hosts schedule on this number, so it stays finite and sane.
 */
export const MAX_REPORTED_RETRY_AFTER_MS = 3_600_000;

// Only HTTP-date shapes (IMF-fixdate, RFC 850, asctime): Date.parse also takes "-5" or "2".
const HTTP_DATE = /^[A-Za-z]{3,9},?\s[\dA-Za-z ,:-]{10,40}$/;
const TIME_OF_DAY = /\d{1,2}:\d{2}:\d{2}/;

/**
 * Reads a `Retry-After` value (delta seconds or an HTTP date) as milliseconds from `nowMs`, or
 * `undefined` when it is absent or unreadable. The result is not clamped (it may be `Infinity` for
 * 400 digits): callers compare it with their limits, then clamp with `clampRetryAfter`.
 */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.length > 512) return undefined;
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  if (!HTTP_DATE.test(trimmed) || !TIME_OF_DAY.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

/** `ms` limited to `[0, maxMs]`, and 0 for anything that is not a positive number. */
export function clampRetryAfter(ms: number, maxMs: number): number {
  if (Number.isNaN(ms) || ms <= 0) return 0;
  return Math.min(ms, maxMs);
}
