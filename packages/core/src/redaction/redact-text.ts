import { REDACTED } from '../model/sensitivity.js';

/**
 * Secrets shorter than this are not replaced: scrubbing `'abc'` out of every message would mangle
 * ordinary words while protecting nothing worth protecting.
 */
export const MIN_SECRET_LENGTH = 4;

/** Usable secrets, longest first so a secret that contains another is replaced whole. */
export function normalizeSecrets(secrets: readonly unknown[]): string[] {
  const unique = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret === 'string' && secret.length >= MIN_SECRET_LENGTH) unique.add(secret);
  }
  return [...unique].sort((a, b) => b.length - a.length);
}

/** Replaces every occurrence of each secret (ignoring empty or shorter than 4 characters) with `[REDACTED]`. */
export function redactText(text: string, secrets: readonly string[]): string {
  return replaceSecrets(text, normalizeSecrets(secrets));
}

/** `redactText` for secrets already passed through `normalizeSecrets` (hot path of `redact`). */
export function replaceSecrets(text: string, normalized: readonly string[]): string {
  let result = text;
  for (const secret of normalized) {
    if (result.includes(secret)) result = result.split(secret).join(REDACTED);
  }
  return result;
}
