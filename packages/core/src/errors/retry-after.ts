import { InvalidInputError } from './error-classes.js';
import { clampRetryAfterMs } from './retry-after-ms.js';

const DELTA_SECONDS = /^\d+$/;
// RFC 9110 §5.6.7: IMF-fixdate, and the obsolete RFC 850 and asctime forms a recipient must accept.
const IMF_FIXDATE = /^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const RFC_850 = /^[A-Za-z]{6,9}, \d{2}-[A-Za-z]{3}-\d{2} \d{2}:\d{2}:\d{2} GMT$/;
const ASCTIME = /^[A-Za-z]{3} [A-Za-z]{3} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/;

/**
 * Reads an HTTP `Retry-After` header value (delta-seconds or an HTTP-date, relative to `now`) as
 * milliseconds to wait, clamped like `clampRetryAfterMs`. A missing or unreadable value gives
 * `undefined`, so the caller's normal back-off applies instead of a guess; a date in the past is 0.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number | Date = Date.now(),
): number | undefined {
  const at = instant(now);
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'string') throw invalid('value', 'must be a string, null or undefined');
  const trimmed = value.trim();
  if (DELTA_SECONDS.test(trimmed)) return clampRetryAfterMs(Number(trimmed) * 1000);
  const date = httpDate(trimmed);
  return date === undefined ? undefined : clampRetryAfterMs(date - at);
}

function httpDate(text: string): number | undefined {
  let parsed: number;
  if (IMF_FIXDATE.test(text) || RFC_850.test(text)) parsed = Date.parse(text);
  else if (ASCTIME.test(text)) parsed = Date.parse(`${text} GMT`);
  else return undefined;
  return Number.isNaN(parsed) ? undefined : parsed;
}

function instant(now: unknown): number {
  const time = now instanceof Date ? now.getTime() : now;
  if (typeof time === 'number' && Number.isFinite(time)) return time;
  throw invalid('now', 'must be a finite epoch in milliseconds or a valid Date');
}

function invalid(path: string, message: string): InvalidInputError {
  return new InvalidInputError(`Invalid parseRetryAfter arguments: ${path} ${message}`, [{ path, message }]);
}
