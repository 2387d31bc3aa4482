import { FIELD_SENSITIVITY, REDACTED } from '@provisionkit/core';

export const EXCERPT_MAX_CHARS = 120;

// Real provisioning hashes are 64 hex characters; anything that looks like one is hidden even
// when it is not the configured one (another tenant's hash echoed by a proxy error page).
const HEX_HASH = /(?<![0-9a-f])[0-9a-f]{64,}(?![0-9a-f])/gi;

const SECRET_KEYS = Object.entries(FIELD_SENSITIVITY)
  .filter(([, sensitivity]) => sensitivity === 'secret')
  .map(([key]) => key);

// `"provhash":"..."`, `provhash=...`, `password: ...` in JSON, form or free text echoes.
const SECRET_PAIR = new RegExp(
  `(["']?(?:${SECRET_KEYS.join('|')})["']?\\s*[:=]\\s*["']?)([^"'&,;\\s}]+)`,
  'gi',
);

/** Removes secrets from provider text. Redaction runs on the whole text, before any truncation. */
export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const value of secrets) {
    if (value.length > 0) out = out.split(value).join(REDACTED);
  }
  return out.replace(HEX_HASH, REDACTED).replace(SECRET_PAIR, `$1${REDACTED}`);
}

/** A short, single-line, redacted excerpt of a body we could not read, for error details. */
export function redactedExcerpt(
  text: string,
  secrets: readonly string[] = [],
  maxChars: number = EXCERPT_MAX_CHARS,
): string {
  const flat = redactText(text, secrets).replace(/\s+/g, ' ').trim();
  return flat.length > maxChars ? `${flat.slice(0, maxChars - 1)}…` : flat;
}
