import { SecretRedactor } from './secret-redactor.js';

export const EXCERPT_MAX_CHARS = 120;

/** Removes secrets from provider text (see `SecretRedactor`). Runs on the whole text. */
export function redactText(text: string, secrets: readonly string[] = []): string {
  return new SecretRedactor(secrets).redact(text);
}

/**
 * A short, single-line, redacted excerpt of a body we could not read, for error details. Redaction
 * runs BEFORE truncation, on the text's start with enough room behind the excerpt for any secret
 * cut at its end; what the redaction could not see whole (the very end of that start) is dropped,
 * never shown.
 */
export function redactedExcerpt(
  text: string,
  secrets: readonly string[] | SecretRedactor = [],
  maxChars: number = EXCERPT_MAX_CHARS,
): string {
  const redactor = secrets instanceof SecretRedactor ? secrets : new SecretRedactor(secrets);
  const room = maxChars + 2 * redactor.longest;
  const { flat, whole } = collapseWhitespace(text, room);
  const redacted = redactor.redact(flat);
  // A secret cut at the end of `flat` sits in its last `longest` characters, wherever earlier
  // replacements moved it: those are dropped unless the text ended there.
  const visible = whole ? redacted : redacted.slice(0, Math.max(0, redacted.length - redactor.longest));
  const trimmed = visible.trim();
  return trimmed.length > maxChars || !whole ? `${trimmed.slice(0, maxChars - 1)}…` : trimmed;
}

// Beyond this much raw text an excerpt reads nothing more: a huge body costs no more than this.
const EXCERPT_SCAN_CHARS = 64 * 1024;

/** The text's first `limit` characters once whitespace runs are one space, and whether that is all. */
function collapseWhitespace(text: string, limit: number): { flat: string; whole: boolean } {
  const scanned = text.length > EXCERPT_SCAN_CHARS ? text.slice(0, EXCERPT_SCAN_CHARS) : text;
  const flat = scanned.replace(/\s+/g, ' ').trimStart();
  return { flat: flat.slice(0, limit), whole: scanned === text && flat.length <= limit };
}
