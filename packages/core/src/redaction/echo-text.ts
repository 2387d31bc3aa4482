import { argumentError, requireArray, requireString } from '../errors/argument-error.js';
import { FIELD_SENSITIVITY, REDACTED } from '../model/sensitivity.js';
import { normalizeSecrets, replaceSecrets } from './redact-text.js';

/** Longest excerpt of a server's text that goes into an error's details. */
export const EXCERPT_MAX_CHARS = 200;

const SECRET_KEYS = Object.keys(FIELD_SENSITIVITY)
  .filter((key) => FIELD_SENSITIVITY[key] === 'secret')
  .join('|');

// Anything shaped like a hash of 128 bits or more (a LastPass provisioning hash is 64 hex
// characters, half of one 32) is hidden even when it is not a known secret: another tenant's,
// echoed by a shared proxy, is worth as much to an attacker.
const HEX_RUN = /(?<![0-9a-f])[0-9a-f]{32,}(?![0-9a-f])/gi;

// `"password":"a b"`, `token=...`, `password: x` in JSON, a form or free text: a quoted value up to
// its closing quote (spaces included), a bare one up to a delimiter.
const SECRET_PAIR = new RegExp(
  `(["']?(?:${SECRET_KEYS})["']?\\s*[:=]\\s*)("(?:[^"\\\\]|\\\\.)*"?|'(?:[^'\\\\]|\\\\.)*'?|[^"'&,;\\s}]+)`,
  'gi',
);

// The same pairs URL-encoded (`password%22%3A%22...`, `token%3D...`), as a form echo of JSON holds them.
const ENCODED_PAIR = new RegExp(
  `((?:%22|%27)?(?:${SECRET_KEYS})(?:%22|%27)?(?:%3A|%3D|=)(?:%22|%27)?)((?:(?!%22|%27|%2C|%7D|&)[^\\s])+)`,
  'gi',
);

// Beyond this much raw text an excerpt reads nothing more: a huge body costs no more than this.
const EXCERPT_WINDOW = 4096;

/**
 * `redactEcho` for secrets already passed through `normalizeSecrets` (the toolkit's hot path): each
 * secret in every spelling and any long fragment of one (`redactText`), hash-like hex runs, and the
 * values of secret-named fields, quoted or bare, plain or URL-encoded.
 */
export function scrubEcho(text: string, normalized: readonly string[]): string {
  return replaceSecrets(text, normalized)
    .replace(HEX_RUN, REDACTED)
    .replace(SECRET_PAIR, (_match, key: string, value: string) => `${key}${requoted(value)}`)
    .replace(ENCODED_PAIR, (_match, key: string) => `${key}${REDACTED}`);
}

/**
 * `echoExcerpt` for normalized secrets. Whitespace is folded first (folding after redaction could
 * join two pieces into a secret), and the text is redacted before it is cut, on a window long
 * enough that a secret crossing the cut is still seen whole.
 */
export function scrubbedExcerpt(text: string, normalized: readonly string[], maxChars: number): string {
  const window =
    text.length > maxChars * 2 + EXCERPT_WINDOW ? text.slice(0, maxChars * 2 + EXCERPT_WINDOW) : text;
  const flat = scrubEcho(window.replace(/\s+/g, ' '), normalized).trim();
  return flat.length > maxChars ? `${flat.slice(0, maxChars - 1)}…` : flat;
}

/**
 * Removes secrets from text a server sent back (an error page, a failure message, an echo of the
 * request): `secrets` whole, encoded or in large part, anything shaped like a hash, and the values
 * of secret-named fields (`"password":"…"`, `provhash=…`) even of secrets it was not told about.
 */
export function redactEcho(text: string, secrets: readonly string[]): string {
  requireString('redactEcho', 'text', text);
  return scrubEcho(text, normalizeSecrets(requireArray('redactEcho', 'secrets', secrets)));
}

/** `redactEcho` of `text` as one short line (at most `maxChars`), for an error's details. */
export function echoExcerpt(text: string, secrets: readonly string[], maxChars = EXCERPT_MAX_CHARS): string {
  requireString('echoExcerpt', 'text', text);
  const normalized = normalizeSecrets(requireArray('echoExcerpt', 'secrets', secrets));
  if (!Number.isSafeInteger(maxChars) || maxChars < 2) {
    throw argumentError('echoExcerpt', 'maxChars', 'must be a whole number of at least 2');
  }
  return scrubbedExcerpt(text, normalized, maxChars);
}

function requoted(value: string): string {
  const quote = value.startsWith('"') ? '"' : value.startsWith("'") ? "'" : '';
  return `${quote}${REDACTED}${quote}`;
}
