import { describe, expect, it } from 'vitest';
import { hashContent } from '../state/canonical-user.js';
import { createMemoryStateStore } from '../state/memory/memory-state-store.js';
import type { StateStore } from '../state/state-store.js';
import { isUserDigest } from '../state/user-digest.js';
import { mockId, syncFixture, userChanges } from './sync-test-helpers.js';

const ACME = { tenant: 'acme', provider: 'mock' };
const USERS = 20;

/**
 * A synced fixture whose snapshot rows carry the SHA-1 hashes that snapshots had before digests,
 * as a store written by an earlier version does; `lookups` counts the ids read back from it.
 */
async function legacySnapshot() {
  const memory = createMemoryStateStore();
  const lookups = { ids: 0 };
  const store: StateStore = {
    ...memory,
    getSnapshotRows: (key, ids) => {
      lookups.ids += ids.length;
      return memory.getSnapshotRows(key, ids);
    },
  };
  const fixture = await syncFixture(USERS, { store });
  await fixture.kit.sync(fixture.connection);
  const rows = await memory.listSnapshotRows(ACME, { limit: 1000 });
  // Same fields, another hash: the store rewrites the rows without an event.
  await memory.recordUserWrites(
    ACME,
    rows.map((row) => ({ kind: 'upsert' as const, user: { ...row, hash: hashContent(row.content) } })),
    new Date().toISOString(),
  );
  const legacy = await memory.listSnapshotRows(ACME, { limit: 1000 });
  expect(legacy.map((row) => isUserDigest(row.hash))).toEqual(rows.map(() => false));
  await fixture.skipEvents();
  lookups.ids = 0;
  return { ...fixture, memory, lookups };
}

describe('SyncEngine', () => {
  describe('.sync over a snapshot hashed before digests', () => {
    it('in full mode finds every unchanged user unchanged without reading its row back', async () => {
      const { kit, connection, admin, newEvents, lookups } = await legacySnapshot();
      await admin.updateUser({ id: mockId(3) }, { givenName: 'Ada' });
      const run = await kit.sync(connection, { mode: 'full' });
      expect(run.counts).toMatchObject({ enumerated: USERS, updated: 1, unchanged: USERS - 1, created: 0 });
      const events = await newEvents();
      expect(userChanges(events)).toEqual([['user.updated', mockId(3)]]);
      const updated = events.find((event) => event.type === 'user.updated');
      expect(updated?.type === 'user.updated' && updated.data.changes).toEqual([
        { field: 'givenName', before: 'User3', after: 'Ada' },
      ]);
      // Only the changed user's row was read for its before-image.
      expect(lookups.ids).toBe(1);
    });

    it('in changes mode reports no update for a user whose fields are the same', async () => {
      const { kit, connection, admin, newEvents } = await legacySnapshot();
      await admin.updateUser({ id: mockId(7) }, { givenName: 'Seven' });
      const since = new Date(Date.now() - 24 * 60 * 60 * 1000).toISOString();
      const run = await kit.sync(connection, { mode: 'changes', since });
      expect(run.counts).toMatchObject({ enumerated: USERS, updated: 1, unchanged: USERS - 1 });
      expect(userChanges(await newEvents())).toEqual([['user.updated', mockId(7)]]);
    });

    it('writes the digest of a changed user, and the next run compares digests only', async () => {
      const { kit, connection, admin, memory } = await legacySnapshot();
      await admin.updateUser({ id: mockId(2) }, { familyName: 'Lovelace' });
      await kit.sync(connection, { mode: 'full' });
      const row = (await memory.getSnapshotRows(ACME, [mockId(2)]))[0];
      expect(row !== undefined && isUserDigest(row.hash)).toBe(true);
      const again = await kit.sync(connection, { mode: 'full' });
      expect(again.counts).toMatchObject({ updated: 0, unchanged: USERS });
    });
  });
});
