import { diffUsers } from '../events/field-changes.js';
import type { SyncCounts } from '../events/provision-event.js';
import { parseStoredContent } from '../state/canonical-user.js';
import type { ConnectionKey } from '../state/connection-key.js';
import type { StagedChange } from '../state/staged-change.js';
import type { StateStore } from '../state/state-store.js';
import type { StoredUser } from '../state/stored-user.js';
import { EMPTY_COUNTS } from '../state/sync-run.js';

/** Staged changes are written in chunks of this size, and updates looked up in chunks too. */
const CHUNK = 500;

interface Candidate {
  readonly after: StoredUser;
  /** The hash the run compared against (`null`: no live row). */
  readonly baseHash: string | null;
}

/**
 * Turns what a run found into staged changes and counts. A user whose hash differs is compared
 * field by field against its snapshot row, fetched in chunks; only a bounded buffer is held.
 */
export class ChangeStager {
  readonly counts: { -readonly [K in keyof SyncCounts]: number } = { ...EMPTY_COUNTS };
  readonly #store: StateStore;
  readonly #key: ConnectionKey;
  readonly #runId: string;
  readonly #owner: string;
  #candidates: Candidate[] = [];
  #pending: StagedChange[] = [];

  constructor(store: StateStore, key: ConnectionKey, runId: string, owner: string) {
    this.#store = store;
    this.#key = key;
    this.#runId = runId;
    this.#owner = owner;
  }

  /** A user the run must compare with its snapshot row (changed hash, or unknown in `changes` mode). */
  async compare(after: StoredUser, baseHash: string | null): Promise<void> {
    this.#candidates.push({ after, baseHash });
    if (this.#candidates.length >= CHUNK) await this.#resolveCandidates();
  }

  async created(after: StoredUser): Promise<void> {
    this.counts.created += 1;
    await this.#stage({ kind: 'created', userId: after.userId, baseHash: null, after });
  }

  async deleted(userId: string, baseHash: string): Promise<void> {
    this.counts.deleted += 1;
    await this.#stage({ kind: 'deleted', userId, baseHash });
  }

  async flush(): Promise<void> {
    await this.#resolveCandidates();
    if (this.#pending.length === 0) return;
    const pending = this.#pending;
    this.#pending = [];
    await this.#store.stageSyncChanges(this.#runId, this.#owner, pending);
  }

  async #stage(change: StagedChange): Promise<void> {
    this.#pending.push(change);
    if (this.#pending.length >= CHUNK) await this.flush();
  }

  /**
   * Looks the candidates' rows up. A row that no longer has the hash the run compared against was
   * written through the framework meanwhile: the run leaves that user to the next run (counted as
   * unchanged).
   */
  async #resolveCandidates(): Promise<void> {
    if (this.#candidates.length === 0) return;
    const candidates = this.#candidates;
    this.#candidates = [];
    const rows = await this.#store.getSnapshotRows(
      this.#key,
      candidates.map((candidate) => candidate.after.userId),
    );
    const byId = new Map(rows.map((row) => [row.userId, row]));
    for (const { after, baseHash } of candidates) {
      const row = byId.get(after.userId);
      if (baseHash === null) {
        // `changes` mode: the run did not know the row before this lookup.
        if (row === undefined) await this.created(after);
        else await this.#update(after, row.hash, row.content);
        continue;
      }
      if (row === undefined || row.hash !== baseHash) {
        this.counts.unchanged += 1;
        continue;
      }
      await this.#update(after, row.hash, row.content);
    }
  }

  async #update(after: StoredUser, baseHash: string, beforeContent: string): Promise<void> {
    if (after.hash === baseHash) {
      this.counts.unchanged += 1;
      return;
    }
    const before = parseStoredContent(beforeContent);
    const next = parseStoredContent(after.content);
    const changes = diffUsers(before, next);
    // Another hash of the same fields (a row hashed before digests): nothing to report or write.
    if (changes.length === 0) {
      this.counts.unchanged += 1;
      return;
    }
    const suspends = before.status !== 'suspended' && next.status === 'suspended';
    this.counts.updated += 1;
    if (suspends) this.counts.suspended += 1;
    await this.#stage({ kind: 'updated', userId: after.userId, baseHash, after, changes, suspends });
  }
}
