/**
 * A user as the snapshot and the staging area keep it: its canonical JSON (secrets removed, fields
 * in a fixed order, groups sorted), the hash of that text, and the normalised user name that
 * resolves `{ userName }` refs. Built by `toStoredUser`; stores keep the three strings as given.
 */
export interface StoredUser {
  readonly userId: string;
  readonly content: string;
  readonly hash: string;
  readonly userNameKey: string;
}

/** A live snapshot row with its per-user version (1 on first sight, +1 on every change). */
export interface SnapshotRow extends StoredUser {
  readonly version: number;
  /** When the row last changed (ISO 8601). */
  readonly changedAt: string;
}

/**
 * The stored state of one user id: live, or a tombstone that keeps the version so a user id that
 * comes back continues its version instead of restarting at 1.
 */
export type SnapshotEntry =
  | (SnapshotRow & { readonly deleted: false })
  | {
      readonly userId: string;
      readonly version: number;
      readonly changedAt: string;
      readonly deleted: true;
    };
