// Marks a free slot: keys are whole numbers of at least 0.
const FREE = -1;
const FIRST_CAPACITY = 1024;

/**
 * A set of whole numbers from 0 to 2^53 - 1, open-addressed in a `Float64Array`. A listing keeps
 * every id it has seen until it ends; for 100,000 numeric ids a `Set` holds about 2.6 MB on the
 * JavaScript heap (and copies itself as it grows), while this keeps 2 MB outside it, in a typed
 * array's buffer, where it adds nothing to the garbage collector's work.
 */
export class NumberSet {
  #slots = new Float64Array(FIRST_CAPACITY).fill(FREE);
  #size = 0;

  get size(): number {
    return this.#size;
  }

  has(key: number): boolean {
    return this.#slots[this.#find(this.#slots, key)] === key;
  }

  /** Adds `key`; false when it was already there. */
  add(key: number): boolean {
    const at = this.#find(this.#slots, key);
    if (this.#slots[at] === key) return false;
    this.#slots[at] = key;
    this.#size += 1;
    // At most half full, so a probe sequence stays short.
    if (this.#size * 2 > this.#slots.length) this.#grow();
    return true;
  }

  #find(slots: Float64Array, key: number): number {
    const mask = slots.length - 1;
    let at = hash(key) & mask;
    while (slots[at] !== FREE && slots[at] !== key) at = (at + 1) & mask;
    return at;
  }

  #grow(): void {
    const old = this.#slots;
    const slots = new Float64Array(old.length * 2).fill(FREE);
    for (const key of old) if (key !== FREE) slots[this.#find(slots, key)] = key;
    this.#slots = slots;
  }
}

/** Mixes both 32-bit halves of the number (ids are often consecutive). */
function hash(key: number): number {
  const low = key >>> 0;
  const high = Math.floor(key / 4_294_967_296) >>> 0;
  return Math.imul(low ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b) >>> 0;
}
