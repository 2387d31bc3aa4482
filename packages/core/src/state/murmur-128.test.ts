import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Murmur128 } from './murmur-128.js';

/** MurmurHash3_x86_128 of ASCII text whose length is a multiple of 4, fed as little-endian words. */
function hashAscii(text: string, seed: number): number[] {
  const hash = new Murmur128().reset(seed);
  for (let index = 0; index < text.length; index += 4) {
    hash.word(
      text.charCodeAt(index) |
        (text.charCodeAt(index + 1) << 8) |
        (text.charCodeAt(index + 2) << 16) |
        (text.charCodeAt(index + 3) << 24),
    );
  }
  return hash.digest();
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

describe('Murmur128', () => {
  describe('.digest', () => {
    it.each(VECTORS)('gives the reference hash of %j with seed %i', (text, seed, words) => {
      expect(hashAscii(text, seed)).toEqual(words);
    });

    it('starts over after reset, so a reused hasher gives the same result', () => {
      const hash = new Murmur128();
      hash.reset().text('first user');
      const first = hash.digest();
      hash.reset().text('something else entirely');
      hash.reset().text('first user');
      expect(hash.digest()).toEqual(first);
    });
  });

  describe('.text', () => {
    it('packs two UTF-16 code units to a word, the odd last one alone', () => {
      const packed = new Murmur128().reset();
      packed.text('aé€');
      const words = new Murmur128().reset();
      words.word(0x61 | (0xe9 << 16));
      words.word(0x20ac);
      expect(packed.digest()).toEqual(words.digest());
    });

    it('hashes whole blocks as the words would, whatever the alignment the text starts at', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.nat({ max: 5 }), (text, before) => {
          const packed = new Murmur128().reset();
          const words = new Murmur128().reset();
          for (let word = 0; word < before; word += 1) {
            packed.word(word);
            words.word(word);
          }
          packed.text(text);
          for (let index = 0; index < text.length; index += 2) {
            words.word(text.charCodeAt(index) | ((text.charCodeAt(index + 1) || 0) << 16));
          }
          expect(packed.digest()).toEqual(words.digest());
        }),
        { numRuns: 500 },
      );
    });
  });
});
