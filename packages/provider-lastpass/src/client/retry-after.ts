/**
 * Longest wait a `Retry-After` is read as: one day. What a host reads in `retryAfterMs` stays a
 * finite, sane number whatever the header says (`99999999999999999999999`, 400 digits, a date in
 * 2099); the client's own waits are capped lower still (`retry.maxRetryAfterMs`).
 */
export const MAX_RETRY_AFTER_MS = 86_400_000;

// An HTTP date always names its day or month in letters ("Wed, 21 Oct 2015 07:28:00 GMT"); without
// them `Date.parse` takes "-5" or "12.5" for dates of 2001.
const HTTP_DATE = /[A-Za-z]{3}/;

/**
 * Reads an HTTP `Retry-After` value (delta seconds or an HTTP date) as whole milliseconds from
 * `now`, in [0, MAX_RETRY_AFTER_MS]. Unreadable values give `undefined` so the normal back-off
 * applies instead of a guess.
 */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (/^\d+$/.test(trimmed)) {
    // Compared as seconds: 400 digits are Infinity as a number, which the clamp turns into the cap.
    return clamp(Number(trimmed) * 1000);
  }
  if (!HTTP_DATE.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return clamp(at - now);
}

function clamp(ms: number): number {
  if (!(ms > 0)) return 0;
  return Math.min(Math.ceil(ms), MAX_RETRY_AFTER_MS);
}
