import { FIELD_SENSITIVITY, REDACTED } from '@provisionkit/core';
import { fragmentLength, MIN_SECRET_LENGTH, secretForms } from './secret-forms.js';

// Real provisioning hashes are 64 hex characters; anything that looks like one, or like half of
// one, is hidden even when it is not the configured hash (another tenant's, echoed by a proxy).
const HEX_RUN = /(?<![0-9a-f])[0-9a-f]{32,}(?![0-9a-f])/gi;

const SECRET_KEYS = Object.entries(FIELD_SENSITIVITY)
  .filter(([, sensitivity]) => sensitivity === 'secret')
  .map(([key]) => key)
  .join('|');

// `"password":"a b"`, `provhash=...`, `password: x` in JSON, form or free text: a quoted value up to
// its closing quote (spaces included), a bare one up to a delimiter.
const SECRET_PAIR = new RegExp(
  `((?:["']?)(?:${SECRET_KEYS})["']?\\s*[:=]\\s*)("(?:[^"\\\\]|\\\\.)*"?|'(?:[^'\\\\]|\\\\.)*'?|[^"'&,;\\s}]+)`,
  'gi',
);
// The same pairs URL-encoded (`password%22%3A%22...`, `provhash%3D...`), as a form echo of JSON holds them.
const ENCODED_PAIR = new RegExp(
  `((?:%22|%27)?(?:${SECRET_KEYS})(?:%22|%27)?(?:%3A|%3D|=)(?:%22|%27)?)((?:(?!%22|%27|%2C|%7D|&)[^\\s])+)`,
  'gi',
);

/**
 * Removes secrets from text a provider sent back, whole, encoded or in large part: every spelling
 * of each known secret (`secretForms`), any run of `fragmentLength` characters of one, hash-like
 * hex runs, and values of secret-named keys. Built once per answer: the secrets of a `batchadd`
 * (its items' passwords) are indexed once, however many texts are scrubbed.
 */
export class SecretRedactor {
  readonly #forms: string[];
  readonly #fragments = new Map<number, Set<string>>();
  readonly #longest: number;

  constructor(secrets: readonly string[]) {
    const forms = new Set<string>();
    for (const secret of secrets) {
      if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) continue;
      const length = fragmentLength(secret);
      for (const form of secretForms(secret)) {
        forms.add(form);
        if (length !== undefined) this.#index(form, length);
      }
    }
    this.#forms = [...forms].sort((a, b) => b.length - a.length);
    this.#longest = this.#forms[0]?.length ?? 0;
  }

  /** The longest spelling of a secret: how far a secret cut at a text's edge can reach back. */
  get longest(): number {
    return Math.max(this.#longest, 64);
  }

  redact(text: string): string {
    let out = text;
    for (const form of this.#forms) if (out.includes(form)) out = out.split(form).join(REDACTED);
    out = this.#redactFragments(out);
    return out
      .replace(HEX_RUN, REDACTED)
      .replace(SECRET_PAIR, (_match, key: string, value: string) => `${key}${requoted(value)}`)
      .replace(ENCODED_PAIR, (_match, key: string) => `${key}${REDACTED}`);
  }

  #index(form: string, length: number): void {
    let grams = this.#fragments.get(length);
    if (grams === undefined) {
      grams = new Set();
      this.#fragments.set(length, grams);
    }
    for (let at = 0; at + length <= form.length; at++) grams.add(form.slice(at, at + length));
  }

  #redactFragments(text: string): string {
    if (this.#fragments.size === 0) return text;
    let marked: Uint8Array | undefined;
    for (const [length, grams] of this.#fragments) {
      for (let at = 0; at + length <= text.length; at++) {
        if (!grams.has(text.slice(at, at + length))) continue;
        marked ??= new Uint8Array(text.length);
        marked.fill(1, at, at + length);
      }
    }
    if (marked === undefined) return text;
    let out = '';
    for (let at = 0; at < text.length; ) {
      if (marked[at] === 0) {
        out += text[at];
        at += 1;
        continue;
      }
      out += REDACTED;
      while (at < text.length && marked[at] === 1) at += 1;
    }
    return out;
  }
}

function requoted(value: string): string {
  const quote = value.startsWith('"') ? '"' : value.startsWith("'") ? "'" : '';
  return `${quote}${REDACTED}${quote}`;
}
