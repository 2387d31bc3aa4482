import type { EventDraft, ProvisionEvent } from '../../events/provision-event.js';
import { normalizeUserName } from '../../model/primitives.js';
import type { UserRef } from '../../model/user.js';
import type { ConnectionKey } from '../connection-key.js';
import { planWrite, type UserWrite } from '../plan-change.js';
import type { SnapshotHash, SnapshotStore } from '../state-store.js';
import type { SnapshotEntry, SnapshotRow } from '../stored-user.js';
import type { MemoryData } from './memory-data.js';

const SCAN_CHUNK = 1000;

/** `SnapshotStore` over `MemoryData`. */
export class MemorySnapshots implements SnapshotStore {
  readonly #data: MemoryData;

  constructor(data: MemoryData) {
    this.#data = data;
  }

  async *scanSnapshotHashes(key: ConnectionKey): AsyncIterable<readonly SnapshotHash[]> {
    this.#data.ensureOpen();
    // A copy of the ids first: the caller may write while it reads, as it could with a database.
    const rows = [...this.#data.snapshot(key).entries.values()].filter(isLive);
    for (let start = 0; start < rows.length; start += SCAN_CHUNK) {
      yield rows.slice(start, start + SCAN_CHUNK).map((row) => ({ userId: row.userId, hash: row.hash }));
    }
  }

  async getSnapshotRows(key: ConnectionKey, userIds: readonly string[]): Promise<SnapshotRow[]> {
    this.#data.ensureOpen();
    const entries = this.#data.snapshot(key).entries;
    return userIds
      .map((id) => entries.get(id))
      .filter(isLive)
      .map(toRow);
  }

  async findSnapshotRow(key: ConnectionKey, ref: UserRef): Promise<SnapshotRow | undefined> {
    this.#data.ensureOpen();
    const snapshot = this.#data.snapshot(key);
    const id = 'id' in ref ? ref.id : snapshot.byName.get(normalizeUserName(ref.userName));
    const entry = id === undefined ? undefined : snapshot.entries.get(id);
    return isLive(entry) ? toRow(entry) : undefined;
  }

  async listSnapshotRows(
    key: ConnectionKey,
    page: { after?: string | undefined; limit: number },
  ): Promise<SnapshotRow[]> {
    this.#data.ensureOpen();
    const after = page.after;
    return [...this.#data.snapshot(key).entries.values()]
      .filter(isLive)
      .filter((row) => after === undefined || row.userId > after)
      .sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0))
      .slice(0, page.limit)
      .map(toRow);
  }

  async countSnapshotRows(key: ConnectionKey): Promise<number> {
    this.#data.ensureOpen();
    let count = 0;
    for (const entry of this.#data.snapshot(key).entries.values()) if (!entry.deleted) count += 1;
    return count;
  }

  async recordUserWrites(
    key: ConnectionKey,
    writes: readonly UserWrite[],
    at: string,
  ): Promise<ProvisionEvent[]> {
    this.#data.ensureOpen();
    const entries = this.#data.snapshot(key).entries;
    const drafts: EventDraft[] = [];
    for (const write of writes) {
      const userId = write.kind === 'delete' ? write.userId : write.user.userId;
      const plan = planWrite(entries.get(userId), write, { key, source: 'provisionkit', time: at });
      if (!plan.apply) continue;
      this.#data.putEntry(key, plan.entry);
      if (plan.event !== undefined) drafts.push(plan.event);
    }
    return structuredClone(this.#data.append(key, drafts));
  }
}

export function isLive(entry: SnapshotEntry | undefined): entry is SnapshotEntry & { deleted: false } {
  return entry !== undefined && !entry.deleted;
}

function toRow(entry: SnapshotEntry & { deleted: false }): SnapshotRow {
  const { deleted: _deleted, ...row } = entry;
  return row;
}
