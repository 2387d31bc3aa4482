import { describe, expect, it } from 'vitest';
import { ProvisionEvent } from '../../events/provision-event.js';
import { ACME, ACME_OTHER, at, GLOBEX, type StoreTestKit, scanAll, stored } from './state-contract-kit.js';

/** Snapshot rows, versions, tombstones and writes made through the framework. */
export function snapshotContract(kit: StoreTestKit): void {
  describe('snapshots and recorded writes', () => {
    it('starts empty', async () => {
      const store = await kit.open();
      expect(await scanAll(store, ACME)).toEqual([]);
      expect(await store.countSnapshotRows(ACME)).toBe(0);
      expect(await store.findSnapshotRow(ACME, { id: 'u-000001' })).toBeUndefined();
      expect(await store.lastCursor()).toBe('0');
      expect(await store.listEvents({ tenant: 'acme', limit: 10 })).toEqual([]);
    });

    it('records a new user as version 1 with a user.created event from provisionkit', async () => {
      const store = await kit.open();
      const [event] = await store.recordUserWrites(ACME, [{ kind: 'upsert', user: stored(1) }], at(1));
      expect(ProvisionEvent.parse(event)).toMatchObject({
        type: 'user.created',
        source: 'provisionkit',
        tenant: 'acme',
        provider: 'mock',
        userId: 'u-000001',
        version: 1,
        sequence: 1,
        time: at(1),
        data: { user: { id: 'u-000001', userName: 'user1@example.test' } },
      });
      expect(await store.findSnapshotRow(ACME, { id: 'u-000001' })).toMatchObject({
        ...stored(1),
        version: 1,
        changedAt: at(1),
      });
    });

    it('logs nothing for a write that changes nothing, and the changed fields for one that does', async () => {
      const store = await kit.open();
      await store.recordUserWrites(ACME, [{ kind: 'upsert', user: stored(1) }], at(1));
      expect(await store.recordUserWrites(ACME, [{ kind: 'upsert', user: stored(1) }], at(2))).toEqual([]);
      const changed = stored(1, { givenName: 'Ada', status: 'suspended', attributes: { level: 2 } });
      const [event] = await store.recordUserWrites(ACME, [{ kind: 'upsert', user: changed }], at(3));
      expect(event).toMatchObject({ type: 'user.updated', version: 2, sequence: 2 });
      expect(event?.type === 'user.updated' && event.data.changes).toEqual([
        { field: 'givenName', before: 'Given1', after: 'Ada' },
        { field: 'status', before: 'active', after: 'suspended' },
        { field: 'attributes.level', after: 2 },
      ]);
      expect((await store.findSnapshotRow(ACME, { id: 'u-000001' }))?.version).toBe(2);
    });

    it('keeps a tombstone: a deleted id is gone from reads, and coming back continues its version', async () => {
      const store = await kit.open();
      await store.recordUserWrites(ACME, [{ kind: 'upsert', user: stored(1) }], at(1));
      const [deleted] = await store.recordUserWrites(ACME, [{ kind: 'delete', userId: 'u-000001' }], at(2));
      expect(deleted).toMatchObject({ type: 'user.deleted', version: 2, data: { user: { id: 'u-000001' } } });
      expect(await store.findSnapshotRow(ACME, { id: 'u-000001' })).toBeUndefined();
      expect(await store.findSnapshotRow(ACME, { userName: 'user1@example.test' })).toBeUndefined();
      expect(await store.getSnapshotRows(ACME, ['u-000001'])).toEqual([]);
      expect(await scanAll(store, ACME)).toEqual([]);
      expect(await store.countSnapshotRows(ACME)).toBe(0);
      expect(await store.recordUserWrites(ACME, [{ kind: 'delete', userId: 'u-000001' }], at(3))).toEqual([]);
      const [back] = await store.recordUserWrites(ACME, [{ kind: 'upsert', user: stored(1) }], at(4));
      expect(back).toMatchObject({ type: 'user.created', version: 3 });
    });

    it('finds a row by user name case-insensitively, and not by a name it no longer has', async () => {
      const store = await kit.open();
      await store.recordUserWrites(ACME, [{ kind: 'upsert', user: stored(1) }], at(1));
      expect((await store.findSnapshotRow(ACME, { userName: 'USER1@Example.Test' }))?.userId).toBe(
        'u-000001',
      );
      await store.recordUserWrites(
        ACME,
        [{ kind: 'upsert', user: stored(1, { userName: 'ada@example.test' }) }],
        at(2),
      );
      expect(await store.findSnapshotRow(ACME, { userName: 'user1@example.test' })).toBeUndefined();
      expect((await store.findSnapshotRow(ACME, { userName: 'Ada@example.test' }))?.userId).toBe('u-000001');
    });

    it('keeps connections apart: rows, versions and sequences are per tenant and provider', async () => {
      const store = await kit.open();
      await store.recordUserWrites(ACME, [{ kind: 'upsert', user: stored(1) }], at(1));
      const [other] = await store.recordUserWrites(ACME_OTHER, [{ kind: 'upsert', user: stored(1) }], at(1));
      const [globex] = await store.recordUserWrites(GLOBEX, [{ kind: 'upsert', user: stored(2) }], at(1));
      expect(other).toMatchObject({ sequence: 1, version: 1, provider: 'lastpass' });
      expect(globex).toMatchObject({ sequence: 1, tenant: 'globex' });
      expect(await store.findSnapshotRow(GLOBEX, { id: 'u-000001' })).toBeUndefined();
      expect(await store.countSnapshotRows(ACME)).toBe(1);
    });

    it('scans, gets and lists every live row across chunks', async () => {
      const store = await kit.open();
      const writes = Array.from({ length: 2_500 }, (_, i) => ({
        kind: 'upsert' as const,
        user: stored(i + 1),
      }));
      await store.recordUserWrites(ACME, writes, at(1));
      await store.recordUserWrites(ACME, [{ kind: 'delete', userId: 'u-000007' }], at(2));
      const scanned = await scanAll(store, ACME);
      expect(scanned).toHaveLength(2_499);
      expect(new Set(scanned.map((row) => row.userId)).has('u-000007')).toBe(false);
      expect(scanned.find((row) => row.userId === 'u-000002')?.hash).toBe(stored(2).hash);
      const rows = await store.getSnapshotRows(ACME, ['u-000001', 'u-000007', 'u-999999', 'u-002500']);
      expect(rows.map((row) => row.userId).sort()).toEqual(['u-000001', 'u-002500']);
      const first = await store.listSnapshotRows(ACME, { limit: 3 });
      expect(first.map((row) => row.userId)).toEqual(['u-000001', 'u-000002', 'u-000003']);
      const next = await store.listSnapshotRows(ACME, { after: 'u-000006', limit: 2 });
      expect(next.map((row) => row.userId)).toEqual(['u-000008', 'u-000009']);
      expect(await store.countSnapshotRows(ACME)).toBe(2_499);
    });
  });
}
