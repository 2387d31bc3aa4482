import { Murmur128 } from './murmur-128.js';

/**
 * Marks a snapshot hash as a `digestUser` digest. Hashes written before it have no marker (SHA-1 of
 * the canonical JSON in base64url, whose alphabet has no `:`), so a store may hold both kinds: a
 * sync tells them apart by this prefix and checks an unmarked hash with `hashContent`.
 */
export const DIGEST_PREFIX = 'u2:';

/** Whether a snapshot hash is a current digest (else a SHA-1 hash from before digests). */
export function isUserDigest(hash: string): boolean {
  return hash.startsWith(DIGEST_PREFIX);
}

// Type tags of the framing. Every value starts with one, and every string or list with its length,
// so the word stream is a prefix-free encoding of the canonical JSON value: "ab"+"c" and "a"+"bc",
// a missing field and a present one, "1" and 1 never feed the same words.
const STRING = 1;
const NUMBER = 2;
const TRUE = 3;
const FALSE = 4;
const NULL = 5;
const ARRAY = 6;
const OBJECT = 7;
const END = 8;
const OTHER = 9;
/** A tracked field's index is fed as `FIELD + index` before its value. */
export const FIELD = 0x100;

/**
 * Feeds canonical values to a reused 128-bit hasher. Values follow JSON's rules, so two values give
 * one digest exactly when `JSON.stringify` gives one text: a non-finite number is `null`, an
 * `undefined` object entry is left out.
 */
export class DigestWriter {
  readonly #hash = new Murmur128();

  begin(): void {
    this.#hash.reset();
  }

  field(index: number): void {
    this.#hash.word(FIELD + index);
  }

  string(value: string): void {
    this.#hash.word(STRING);
    this.#hash.word(value.length);
    this.#hash.text(value);
  }

  /** A number, boolean, null or (defensively, never in a validated user) anything else. */
  scalar(value: unknown): void {
    if (typeof value === 'boolean') this.#hash.word(value ? TRUE : FALSE);
    else if (value === null || (typeof value === 'number' && !Number.isFinite(value))) this.#hash.word(NULL);
    else if (typeof value === 'number') {
      this.#hash.word(NUMBER);
      this.string(String(value));
    } else if (typeof value === 'string') this.string(value);
    else {
      this.#hash.word(OTHER);
      this.string(String(JSON.stringify(value)));
    }
  }

  beginArray(length: number): void {
    this.#hash.word(ARRAY);
    this.#hash.word(length);
  }

  beginObject(): void {
    this.#hash.word(OBJECT);
  }

  endObject(): void {
    this.#hash.word(END);
  }

  /** `DIGEST_PREFIX` and the 128 bits in base64url (22 characters, the last one 2 bits). */
  end(): string {
    const [a, b, c, d] = this.#hash.digest();
    // One flat string from character codes: `toString(16)` and `padStart` per word took longer than
    // the hashing, and a concatenated (rope) string is flattened again by every comparison.
    return String.fromCharCode(
      PREFIX_CODES[0]!,
      PREFIX_CODES[1]!,
      PREFIX_CODES[2]!,
      B64[a >>> 26]!,
      B64[(a >>> 20) & 63]!,
      B64[(a >>> 14) & 63]!,
      B64[(a >>> 8) & 63]!,
      B64[(a >>> 2) & 63]!,
      B64[((a & 3) << 4) | (b >>> 28)]!,
      B64[(b >>> 22) & 63]!,
      B64[(b >>> 16) & 63]!,
      B64[(b >>> 10) & 63]!,
      B64[(b >>> 4) & 63]!,
      B64[((b & 15) << 2) | (c >>> 30)]!,
      B64[(c >>> 24) & 63]!,
      B64[(c >>> 18) & 63]!,
      B64[(c >>> 12) & 63]!,
      B64[(c >>> 6) & 63]!,
      B64[c & 63]!,
      B64[d >>> 26]!,
      B64[(d >>> 20) & 63]!,
      B64[(d >>> 14) & 63]!,
      B64[(d >>> 8) & 63]!,
      B64[(d >>> 2) & 63]!,
      B64[(d & 3) << 4]!,
    );
  }
}

const PREFIX_CODES = Array.from(DIGEST_PREFIX, (char) => char.charCodeAt(0));
const B64 = Array.from('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_', (char) =>
  char.charCodeAt(0),
);
