let lastMs = Number.NaN;
let lastIso = '';

/**
 * `new Date(ms).toISOString()`, remembering the last answer: the dispatcher stamps every attempt
 * with its start, many attempts start in the same millisecond (over ten a millisecond at full
 * speed), and making and formatting a date costs about half a microsecond each time. An invalid
 * time still throws `RangeError` (NaN never equals the remembered time).
 */
export function isoTime(ms: number): string {
  if (ms !== lastMs) {
    lastIso = new Date(ms).toISOString();
    lastMs = ms;
  }
  return lastIso;
}
