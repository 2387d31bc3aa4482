/**
 * MurmurHash3 x86_128 (Austin Appleby, public domain) of the first `length` 32-bit words of
 * `words` (each word the little-endian bytes the reference reads), so a caller can hash a structure
 * it wrote as words, without first serialising it to a string or bytes.
 *
 * Why not a library: every maintained xxHash/Murmur package for Node hashes bytes (or encodes a
 * string to bytes first), so it would need the very string this exists to avoid building; the
 * algorithm is the reference one, with its published test vectors in the tests. Not for security:
 * see `UserCanonicalizer.digest` for why a non-cryptographic hash is enough there.
 *
 * Returns h1..h4 of the reference as unsigned 32-bit words.
 */
export function murmur128(words: Uint32Array, length: number, seed = 0): [number, number, number, number] {
  let h1 = seed;
  let h2 = seed;
  let h3 = seed;
  let h4 = seed;
  const blocks = length - (length % 4);
  for (let index = 0; index < blocks; index += 4) {
    h1 ^= Math.imul(rotl(Math.imul(words[index]!, C1), 15), C2);
    h1 = (Math.imul(rotl(h1, 19) + h2, 5) + 0x561ccd1b) | 0;
    h2 ^= Math.imul(rotl(Math.imul(words[index + 1]!, C2), 16), C3);
    h2 = (Math.imul(rotl(h2, 17) + h3, 5) + 0x0bcaa747) | 0;
    h3 ^= Math.imul(rotl(Math.imul(words[index + 2]!, C3), 17), C4);
    h3 = (Math.imul(rotl(h3, 15) + h4, 5) + 0x96cd1c35) | 0;
    h4 ^= Math.imul(rotl(Math.imul(words[index + 3]!, C4), 18), C1);
    h4 = (Math.imul(rotl(h4, 13) + h1, 5) + 0x32ac3b17) | 0;
  }
  // The reference's tail: the last block's leftover words, mixed without the state rounds.
  const tail = length - blocks;
  if (tail >= 3) h3 ^= Math.imul(rotl(Math.imul(words[blocks + 2]!, C3), 17), C4);
  if (tail >= 2) h2 ^= Math.imul(rotl(Math.imul(words[blocks + 1]!, C2), 16), C3);
  if (tail >= 1) h1 ^= Math.imul(rotl(Math.imul(words[blocks]!, C1), 15), C2);
  const bytes = length * 4;
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
