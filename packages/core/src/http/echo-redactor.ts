import { FIELD_SENSITIVITY, REDACTED } from '../model/sensitivity.js';
import { normalizeSecrets, replaceSecrets } from '../redaction/redact-text.js';

/** Longest excerpt of a body that goes into an error's details. */
export const EXCERPT_MAX_CHARS = 200;

const SECRET_KEYS = Object.keys(FIELD_SENSITIVITY).filter((key) => FIELD_SENSITIVITY[key] === 'secret');
// `"token":"..."`, `token=...`, `password: ...`: a secret-named field echoed in JSON, a form or text.
const SECRET_PAIR = new RegExp(
  `(["']?(?:${SECRET_KEYS.join('|')})["']?\\s*[:=]\\s*["']?)([^"'&,;\\s}]+)`,
  'gi',
);

/**
 * Removes a connection's secrets from text a server sent back, with core's redaction (every echo
 * form of each secret and any long fragment of one), plus the values of secret-named fields it was
 * not told about (`"password":"…"` in an echoed body). Built once per client.
 */
export class EchoRedactor {
  readonly secrets: readonly string[];

  constructor(secrets: readonly string[]) {
    this.secrets = normalizeSecrets(secrets);
  }

  text(text: string): string {
    return replaceSecrets(text, this.secrets).replace(SECRET_PAIR, `$1${REDACTED}`);
  }

  /**
   * A short single-line excerpt. Whitespace is folded first (folding after redaction could join two
   * pieces into a secret), and the text is redacted before it is cut, on a window long enough that
   * a secret crossing the cut is still seen whole.
   */
  excerpt(text: string, maxChars: number = EXCERPT_MAX_CHARS): string {
    const window = text.length > maxChars * 2 + 4096 ? text.slice(0, maxChars * 2 + 4096) : text;
    const flat = this.text(window.replace(/\s+/g, ' ')).trim();
    return flat.length > maxChars ? `${flat.slice(0, maxChars - 1)}…` : flat;
  }
}
