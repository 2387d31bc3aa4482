import { type Group, normalizeUserName, type UserRef } from '@provisionkit/core';
import type { UserRecord } from './user-record.js';

export interface StorePage {
  readonly records: readonly UserRecord[];
  /** Sequence number of the last record scanned; the next page starts after it. */
  readonly lastSeq: number;
  /** True when the scan reached the end of the store. */
  readonly done: boolean;
}

/**
 * Users kept in creation order with name and id indexes. Paging is keyset-based (after a sequence
 * number), so users created or deleted while a caller pages never shift the pages it has not read yet.
 */
export class UserStore {
  #lastSeq = 0;
  readonly #byId = new Map<string, UserRecord>();
  readonly #byName = new Map<string, UserRecord>();
  readonly #ordered: UserRecord[] = [];
  // Groups outlive their last member, like group objects in real directories.
  readonly #groups = new Set<string>();

  /** Next sequence number; never reused, even after deletions. */
  allocateSeq(): number {
    this.#lastSeq += 1;
    return this.#lastSeq;
  }

  add(record: UserRecord): void {
    this.#byId.set(record.id, record);
    this.#byName.set(normalizeUserName(record.userName), record);
    this.#ordered.push(record);
    this.addGroups(record.groups);
  }

  find(ref: UserRef): UserRecord | undefined {
    return 'id' in ref ? this.#byId.get(ref.id) : this.#byName.get(normalizeUserName(ref.userName));
  }

  /** Whether `userName` belongs to a user other than `exceptId` (case-insensitively). */
  isNameTaken(userName: string, exceptId?: string): boolean {
    const owner = this.#byName.get(normalizeUserName(userName));
    return owner !== undefined && owner.id !== exceptId;
  }

  rename(record: UserRecord, userName: string): void {
    this.#byName.delete(normalizeUserName(record.userName));
    record.userName = userName;
    this.#byName.set(normalizeUserName(userName), record);
  }

  delete(record: UserRecord): void {
    this.#byId.delete(record.id);
    this.#byName.delete(normalizeUserName(record.userName));
    const index = this.#indexAfter(record.seq - 1);
    if (this.#ordered[index] === record) this.#ordered.splice(index, 1);
  }

  page(afterSeq: number, size: number, matches: (record: UserRecord) => boolean): StorePage {
    const records: UserRecord[] = [];
    let lastSeq = afterSeq;
    let index = this.#indexAfter(afterSeq);
    for (; index < this.#ordered.length && records.length < size; index += 1) {
      const record = this.#ordered[index]!;
      lastSeq = record.seq;
      if (matches(record)) records.push(record);
    }
    return { records, lastSeq, done: index >= this.#ordered.length };
  }

  all(): readonly UserRecord[] {
    return this.#ordered;
  }

  addGroups(names: readonly string[]): void {
    for (const name of names) this.#groups.add(name);
  }

  /** Every known group, sorted by name; `id` is the name. */
  groups(): Group[] {
    const counts = new Map<string, number>([...this.#groups].map((name) => [name, 0]));
    for (const record of this.#ordered) {
      for (const name of record.groups) counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    return [...counts]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, memberCount]) => ({ id: name, name, memberCount }));
  }

  /** Index of the first record whose seq is greater than `seq` (binary search; `#ordered` is sorted). */
  #indexAfter(seq: number): number {
    let low = 0;
    let high = this.#ordered.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.#ordered[mid]!.seq <= seq) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
