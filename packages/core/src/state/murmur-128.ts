/**
 * MurmurHash3 x86_128 (Austin Appleby, public domain) fed 32-bit words one at a time, so a caller
 * can hash a structure field by field without first serialising it to a string or bytes.
 *
 * Why not a library: every maintained xxHash/Murmur package for Node hashes bytes (or encodes a
 * string to bytes first), so it would need the very string this exists to avoid building; the
 * algorithm is the reference one, with its published test vectors in the tests. Not for security:
 * see `digestUser` for why a non-cryptographic hash is enough there.
 */
export class Murmur128 {
  #h1 = 0;
  #h2 = 0;
  #h3 = 0;
  #h4 = 0;
  #k1 = 0;
  #k2 = 0;
  #k3 = 0;
  /** Words in the current 16-byte block (0-3). */
  #pending = 0;
  /** Words fed in all. */
  #words = 0;

  /** Starts over with `seed` (the hasher is reused: one per canonicalizer, not one per user). */
  reset(seed = 0): this {
    this.#h1 = seed;
    this.#h2 = seed;
    this.#h3 = seed;
    this.#h4 = seed;
    this.#pending = 0;
    this.#words = 0;
    return this;
  }

  /** Feeds one 32-bit word (little-endian bytes, as the reference reads a block). */
  word(value: number): void {
    this.#words += 1;
    switch (this.#pending) {
      case 0:
        this.#k1 = value;
        this.#pending = 1;
        return;
      case 1:
        this.#k2 = value;
        this.#pending = 2;
        return;
      case 2:
        this.#k3 = value;
        this.#pending = 3;
        return;
      default:
        this.#pending = 0;
        this.#block(this.#k1, this.#k2, this.#k3, value);
    }
  }

  /** Feeds a string's UTF-16 code units, two to a word (the caller frames it with its length). */
  text(value: string): void {
    const length = value.length;
    let index = 0;
    for (; index + 1 < length; index += 2)
      this.word(value.charCodeAt(index) | (value.charCodeAt(index + 1) << 16));
    if (index < length) this.word(value.charCodeAt(index));
  }

  /** The 128-bit result as four unsigned 32-bit words (h1..h4 of the reference). */
  digest(): [number, number, number, number] {
    let h1 = this.#h1;
    let h2 = this.#h2;
    let h3 = this.#h3;
    let h4 = this.#h4;
    const pending = this.#pending;
    // The reference's tail: the block's leftover words, mixed without the state rounds.
    if (pending >= 3) h3 ^= Math.imul(rotl(Math.imul(this.#k3, C3), 17), C4);
    if (pending >= 2) h2 ^= Math.imul(rotl(Math.imul(this.#k2, C2), 16), C3);
    if (pending >= 1) h1 ^= Math.imul(rotl(Math.imul(this.#k1, C1), 15), C2);
    const bytes = this.#words * 4;
    h1 ^= bytes;
    h2 ^= bytes;
    h3 ^= bytes;
    h4 ^= bytes;
    h1 = (h1 + h2 + h3 + h4) | 0;
    h2 = (h2 + h1) | 0;
    h3 = (h3 + h1) | 0;
    h4 = (h4 + h1) | 0;
    h1 = fmix(h1);
    h2 = fmix(h2);
    h3 = fmix(h3);
    h4 = fmix(h4);
    h1 = (h1 + h2 + h3 + h4) | 0;
    h2 = (h2 + h1) | 0;
    h3 = (h3 + h1) | 0;
    h4 = (h4 + h1) | 0;
    return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
  }

  #block(k1: number, k2: number, k3: number, k4: number): void {
    let h1 = this.#h1;
    let h2 = this.#h2;
    let h3 = this.#h3;
    let h4 = this.#h4;
    h1 ^= Math.imul(rotl(Math.imul(k1, C1), 15), C2);
    h1 = (Math.imul(rotl(h1, 19) + h2, 5) + 0x561ccd1b) | 0;
    h2 ^= Math.imul(rotl(Math.imul(k2, C2), 16), C3);
    h2 = (Math.imul(rotl(h2, 17) + h3, 5) + 0x0bcaa747) | 0;
    h3 ^= Math.imul(rotl(Math.imul(k3, C3), 17), C4);
    h3 = (Math.imul(rotl(h3, 15) + h4, 5) + 0x96cd1c35) | 0;
    h4 ^= Math.imul(rotl(Math.imul(k4, C4), 18), C1);
    h4 = (Math.imul(rotl(h4, 13) + h1, 5) + 0x32ac3b17) | 0;
    this.#h1 = h1;
    this.#h2 = h2;
    this.#h3 = h3;
    this.#h4 = h4;
  }
}

const C1 = 0x239b961b;
const C2 = 0xab0e9789;
const C3 = 0x38b34ae5;
const C4 = 0xa1e38b93;

function rotl(value: number, bits: number): number {
  return (value << bits) | (value >>> (32 - bits));
}

function fmix(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}
