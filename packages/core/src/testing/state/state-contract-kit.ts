import { afterEach } from 'vitest';
import type { User } from '../../model/user.js';
import { UserCanonicalizer } from '../../state/canonical-user.js';
import type { ConnectionKey } from '../../state/connection-key.js';
import type { StateStore } from '../../state/state-store.js';
import type { StoredUser } from '../../state/stored-user.js';

/** How a `StateStore` implementation runs the store contract. */
export interface StateStoreContractOptions {
  /** Shown in the suite title: `StateStore contract: <name>`. */
  readonly name: string;
  /** A fresh, empty store for one test. */
  readonly factory: () => StateStore | Promise<StateStore>;
  /** Called after each test with the store it used (default: `store.close()`). */
  readonly teardown?: ((store: StateStore) => void | Promise<void>) | undefined;
}

/** What each contract test gets: a fresh store and helpers that build valid records. */
export interface StoreTestKit {
  open(): Promise<StateStore>;
}

export const ACME: ConnectionKey = { tenant: 'acme', provider: 'mock' };
export const ACME_OTHER: ConnectionKey = { tenant: 'acme', provider: 'lastpass' };
export const GLOBEX: ConnectionKey = { tenant: 'globex', provider: 'mock' };

const canonicalizer = new UserCanonicalizer();

/** A valid user with id `u-<n>`; `overrides` change any field. */
export function user(n: number, overrides: Partial<User> = {}): User {
  return {
    id: `u-${String(n).padStart(6, '0')}`,
    userName: `user${n}@example.test`,
    email: `user${n}@example.test`,
    givenName: `Given${n}`,
    status: 'active',
    isAdmin: false,
    groups: [],
    attributes: {},
    ...overrides,
  };
}

export function stored(n: number, overrides: Partial<User> = {}): StoredUser {
  return canonicalizer.store(user(n, overrides));
}

/** Instants an hour apart from a fixed start, so tests never depend on the clock. */
export function at(hour: number, minute = 0): string {
  return new Date(Date.UTC(2024, 4, 11, hour, minute)).toISOString();
}

export function createStoreTestKit(options: StateStoreContractOptions): StoreTestKit {
  const opened: StateStore[] = [];
  afterEach(async () => {
    for (const store of opened.splice(0)) await (options.teardown ?? ((s: StateStore) => s.close()))(store);
  });
  return {
    async open() {
      const store = await options.factory();
      opened.push(store);
      return store;
    },
  };
}

/** Drains a scan into one list. */
export async function scanAll(
  store: StateStore,
  key: ConnectionKey,
): Promise<{ userId: string; hash: string }[]> {
  const rows: { userId: string; hash: string }[] = [];
  for await (const chunk of store.scanSnapshotHashes(key)) rows.push(...chunk);
  return rows;
}
