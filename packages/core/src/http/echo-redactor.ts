import { requireArray } from '../errors/argument-error.js';
import { EXCERPT_MAX_CHARS, scrubbedExcerpt, scrubEcho } from '../redaction/echo-text.js';
import { normalizeSecrets } from '../redaction/redact-text.js';

/**
 * Removes a connection's secrets from text a server sent back, with core's echo redaction (every
 * spelling of each secret, any long fragment of one, hash-like hex runs, and the values of
 * secret-named fields it was not told about). Built once per client.
 */
export class EchoRedactor {
  readonly secrets: readonly string[];

  constructor(secrets: readonly string[]) {
    // Public (a provider scrubs texts it keeps, such as a partial failure's messages): checked.
    this.secrets = normalizeSecrets(requireArray('EchoRedactor', 'secrets', secrets));
  }

  text(text: string): string {
    return scrubEcho(text, this.secrets);
  }

  /** A short single-line excerpt, redacted before it is cut (see `scrubbedExcerpt`). */
  excerpt(text: string, maxChars = EXCERPT_MAX_CHARS): string {
    return scrubbedExcerpt(text, this.secrets, maxChars);
  }
}
