import { describe, expect, it } from 'vitest';
import { murmur128 } from './murmur-128.js';

/** MurmurHash3_x86_128 of ASCII text whose length is a multiple of 4, as little-endian words. */
function hashAscii(text: string, seed: number): number[] {
  const words = new Uint32Array(text.length / 4);
  for (let index = 0; index < text.length; index += 4) {
    words[index / 4] =
      text.charCodeAt(index) |
      (text.charCodeAt(index + 1) << 8) |
      (text.charCodeAt(index + 2) << 16) |
      (text.charCodeAt(index + 3) << 24);
  }
  return murmur128(words, words.length, seed);
}

// h1..h4 of the reference implementation (smhasher's MurmurHash3_x86_128), as the mmh3 package
// computes them: `mmh3.hash128(bytes, seed, False)` split into four little-endian words.
const VECTORS: [text: string, seed: number, words: number[]][] = [
  ['', 0, [0, 0, 0, 0]],
  ['', 42, [0xaf6d2cb6, 0x95c80cba, 0x95c80cba, 0x95c80cba]],
  ['abcd', 0, [0x96b6ccaa, 0x45afc62e, 0x45afc62e, 0x45afc62e]],
  ['abcdefghijkl', 0, [0x738503fe, 0xf48224c0, 0x27d4dfad, 0xd28ce553]],
  ['abcdefghijklmnopqrst', 0, [0x46253419, 0xb66d21a8, 0x9eb47328, 0x1fcb5d54]],
  ['The quick brown fox jumps over the lazy dog.', 0, [0x6cbb6099, 0x7dd6ed5e, 0x2bbf0fbb, 0x9b627b55]],
  ['The quick brown fox jumps over the lazy dog.', 42, [0x11ab6efe, 0x5345c261, 0xefaa41a4, 0x9bd8c50b]],
];

describe('murmur128', () => {
  it.each(VECTORS)('gives the reference hash of %j with seed %i', (text, seed, words) => {
    expect(hashAscii(text, seed)).toEqual(words);
  });

  it('hashes only the first length words of a larger buffer', () => {
    const buffer = Uint32Array.from([1, 2, 3, 4, 5, 99, 99]);
    expect(murmur128(buffer, 5)).toEqual(murmur128(Uint32Array.from([1, 2, 3, 4, 5]), 5));
    expect(murmur128(buffer, 5)).not.toEqual(murmur128(buffer, 6));
  });
});
