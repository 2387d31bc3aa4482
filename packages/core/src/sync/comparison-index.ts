import type { SnapshotHash } from '../state/state-store.js';

/** What the enumeration says about one user compared with the snapshot. */
export type Sighting = 'new' | 'same' | 'repeated' | { readonly changedFrom: string };

// Hashes are never empty, so '' marks a user already seen in this enumeration.
const SEEN = '';

/**
 * The only per-user state a full sync holds: user id to snapshot hash (about 100 bytes per user),
 * never a second copy of the users. Seen users are marked in place, so what is left unmarked after
 * a complete enumeration is exactly what was deleted, and a user listed twice is noticed.
 */
export class ComparisonIndex {
  readonly #hashes = new Map<string, string>();

  load(chunk: readonly SnapshotHash[]): void {
    for (const { userId, hash } of chunk) this.#hashes.set(userId, hash);
  }

  get size(): number {
    return this.#hashes.size;
  }

  see(userId: string, hash: string): Sighting {
    const known = this.#hashes.get(userId);
    this.#hashes.set(userId, SEEN);
    if (known === undefined) return 'new';
    if (known === SEEN) return 'repeated';
    return known === hash ? 'same' : { changedFrom: known };
  }

  /** Users of the snapshot the enumeration never returned, with their hashes. */
  *unseen(): Iterable<SnapshotHash> {
    for (const [userId, hash] of this.#hashes) if (hash !== SEEN) yield { userId, hash };
  }
}
