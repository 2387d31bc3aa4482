import { createHash } from 'node:crypto';

const WORDS = 5;
const MODULUS = 2 ** 48;

/**
 * A directory's revision: an order-independent digest of its users' snapshot hashes (SHA-1 of the
 * canonical JSON, as a sync stores them), so the same users listed in any order give the same
 * revision, and any change to any tracked field of any user, an added or a removed user changes it.
 * Linear: each hash is added into five word sums, exact in a double below 2^53.
 */
export class RevisionDigest {
  readonly #sums = new Array<number>(WORDS).fill(0);
  #count = 0;

  add(hash: string): void {
    const bytes = Buffer.from(hash, 'base64url');
    for (let word = 0; word < WORDS; word += 1) {
      const value = bytes.length >= (word + 1) * 4 ? bytes.readUInt32BE(word * 4) : 0;
      this.#sums[word] = (this.#sums[word]! + value) % MODULUS;
    }
    this.#count += 1;
  }

  get count(): number {
    return this.#count;
  }

  /** `r1:` and the SHA-256 of the count and the sums. */
  finish(): string {
    return `r1:${createHash('sha256')
      .update(`${this.#count}:${this.#sums.join(',')}`)
      .digest('hex')}`;
  }
}
