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
 * The forms a server may echo a secret in: as sent, URL- or form-encoded, JSON-escaped,
 * HTML-escaped, base64 (Basic credentials) and base64url.
 */
export function echoForms(secret: string): string[] {
  const url = encodeURIComponent(secret);
  const forms = [
    secret,
    url,
    url.replace(/%20/g, '+'),
    JSON.stringify(secret).slice(1, -1),
    secret.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`),
    secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'),
    Buffer.from(secret).toString('base64'),
    Buffer.from(secret).toString('base64url'),
  ];
  return [...new Set(forms)];
}

/**
 * Removes a connection's secrets from text a server sent back: every echo form of each secret,
 * values of secret-named fields, and in excerpts also any long run of a secret's characters (a
 * server that echoes half a token, or a body cut in the middle of one). Built once per client.
 */
export class EchoRedactor {
  readonly #forms: readonly string[];
  readonly #raw: readonly string[];

  constructor(secrets: readonly string[]) {
    this.#raw = normalizeSecrets(secrets);
    this.#forms = normalizeSecrets(this.#raw.flatMap(echoForms));
  }

  /** Every echo form of every secret, longest first (for `copyError` and similar walkers). */
  get forms(): readonly string[] {
    return this.#forms;
  }

  /** `text` with every echo form of every secret replaced. Linear in the text. */
  text(text: string): string {
    return replaceSecrets(text, this.#forms).replace(SECRET_PAIR, `$1${REDACTED}`);
  }

  /** A short single-line excerpt, redacted before it is cut and checked for partial echoes after. */
  excerpt(text: string, maxChars: number = EXCERPT_MAX_CHARS): string {
    const longest = this.#forms[0]?.length ?? 0;
    const window = text.length > maxChars + longest ? text.slice(0, maxChars + longest) : text;
    // Whitespace is folded first: folding after redaction could join two pieces into a secret.
    const flat = this.partial(this.text(window.replace(/\s+/g, ' '))).trim();
    return flat.length > maxChars ? `${flat.slice(0, maxChars - 1)}…` : flat;
  }

  /**
   * Replaces every run of at least a quarter of a secret (8 characters or more) that the text
   * shares with it. Quadratic in text and secret length: for short texts only (excerpts, messages).
   */
  partial(text: string): string {
    const ranges: Array<[number, number]> = [];
    for (const secret of this.#raw) {
      if (secret.length < 8) continue;
      collectSharedRuns(text, secret, Math.max(8, Math.ceil(secret.length / 4)), ranges);
    }
    return ranges.length === 0 ? text : cutRanges(text, ranges);
  }
}

// Longest-common-substring table, one row at a time: marks each run of `minRun`+ equal characters.
function collectSharedRuns(text: string, secret: string, minRun: number, ranges: Array<[number, number]>) {
  let previous = new Uint16Array(secret.length + 1);
  let current = new Uint16Array(secret.length + 1);
  for (let i = 1; i <= text.length; i++) {
    for (let j = 1; j <= secret.length; j++) {
      current[j] = text.charCodeAt(i - 1) === secret.charCodeAt(j - 1) ? previous[j - 1]! + 1 : 0;
      if (current[j]! >= minRun) ranges.push([i - current[j]!, i]);
    }
    [previous, current] = [current, previous];
  }
}

function cutRanges(text: string, ranges: Array<[number, number]>): string {
  ranges.sort((a, b) => a[0] - b[0]);
  let out = '';
  let position = 0;
  for (const [start, end] of ranges) {
    if (end <= position) continue;
    if (start >= position) out += `${text.slice(position, start)}${REDACTED}`;
    position = end;
  }
  return out + text.slice(position);
}
