import { murmur128 } from './murmur-128.js';

/**
 * Marks a snapshot hash as a `UserCanonicalizer.digest` digest. Hashes written before it have no
 * marker (SHA-1 of the canonical JSON in base64url, whose alphabet has no `:`), so a store may hold
 * both kinds: a sync tells them apart by this prefix and checks an unmarked hash with `hashContent`.
 */
export const DIGEST_PREFIX = 'u2:';

/** Whether a snapshot hash is a current digest (else a SHA-1 hash from before digests). */
export function isUserDigest(hash: string): boolean {
  return hash.startsWith(DIGEST_PREFIX);
}

// Type tags of the framing. Every value starts with one, a string or list with its length in the
// same word, so the word stream is a prefix-free encoding of the canonical JSON value: "ab"+"c"
// and "a"+"bc", a missing field and a present one, "1" and 1 never give the same words.
const STRING = 1;
const NUMBER = 2;
const TRUE = 3;
const FALSE = 4;
const NULL = 5;
const ARRAY = 6;
const OBJECT = 7;
const END = 8;
const OTHER = 9;
/** A length too long to share a word with its tag (2^27 and more) follows it in a word of its own. */
const LONG = 10;
const TAG_BITS = 4;
/** Longest length that shares a word with its tag: 27 bits, so the word stays below 2^31. */
const SHORT_LIMIT = 2 ** 27 - 1;
/** A tracked field's index is written as `FIELD + index` before its value. */
const FIELD = 0x100;

/**
 * Writes canonical values as 32-bit words into a reused buffer, then hashes them in one pass
 * (`murmur128`). Values follow JSON's rules, so two values give one digest exactly when
 * `JSON.stringify` gives one text: a non-finite number is `null`, an `undefined` object entry is
 * left out (by the caller).
 */
export class DigestWriter {
  readonly #shortLimit: number;
  #words = new Uint32Array(256);
  #length = 0;

  /** `shortLimit`: tests lower it to reach the long-length form with short strings. */
  constructor(shortLimit = SHORT_LIMIT) {
    this.#shortLimit = shortLimit;
  }

  begin(): void {
    this.#length = 0;
  }

  field(index: number): void {
    this.#reserve(1);
    this.#words[this.#length++] = FIELD + index;
  }

  /** The tag and length, then the UTF-16 code units two to a word (the odd last one alone). */
  string(value: string): void {
    const length = value.length;
    this.#head(STRING, length, (length + 1) >>> 1);
    const words = this.#words;
    let at = this.#length;
    let index = 0;
    for (; index + 1 < length; index += 2) {
      words[at++] = value.charCodeAt(index) | (value.charCodeAt(index + 1) << 16);
    }
    if (index < length) words[at++] = value.charCodeAt(index);
    this.#length = at;
  }

  /** A number, boolean, null or (defensively, never in a validated user) anything else. */
  scalar(value: unknown): void {
    if (typeof value === 'string') this.string(value);
    else if (typeof value === 'boolean') this.#tag(value ? TRUE : FALSE);
    else if (value === null || (typeof value === 'number' && !Number.isFinite(value))) this.#tag(NULL);
    else if (typeof value === 'number') {
      this.#tag(NUMBER);
      this.string(String(value));
    } else {
      this.#tag(OTHER);
      this.string(String(JSON.stringify(value)));
    }
  }

  beginArray(length: number): void {
    this.#head(ARRAY, length, 0);
  }

  beginObject(): void {
    this.#tag(OBJECT);
  }

  endObject(): void {
    this.#tag(END);
  }

  /** `DIGEST_PREFIX` and the 128 bits in base64url (22 characters, the last one 2 bits). */
  end(): string {
    const [a, b, c, d] = murmur128(this.#words, this.#length);
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

  #tag(tag: number): void {
    this.#reserve(1);
    this.#words[this.#length++] = tag;
  }

  /** `tag` with `length` in one word (two for a long one), with room for `extra` words after it. */
  #head(tag: number, length: number, extra: number): void {
    this.#reserve(2 + extra);
    if (length <= this.#shortLimit) this.#words[this.#length++] = (length << TAG_BITS) | tag;
    else {
      this.#words[this.#length++] = (tag << TAG_BITS) | LONG;
      this.#words[this.#length++] = length;
    }
  }

  #reserve(words: number): void {
    const needed = this.#length + words;
    if (needed <= this.#words.length) return;
    const grown = new Uint32Array(Math.max(needed, this.#words.length * 2));
    grown.set(this.#words.subarray(0, this.#length));
    this.#words = grown;
  }
}

const PREFIX_CODES = Array.from(DIGEST_PREFIX, (char) => char.charCodeAt(0));
const B64 = Array.from('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_', (char) =>
  char.charCodeAt(0),
);
