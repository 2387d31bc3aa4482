import { describe, expect, it } from 'vitest';
import { expectProvisioningError } from '../testing/expect-error.js';
import { mockId, syncFixture, userChanges } from './sync-test-helpers.js';

describe('SyncEngine', () => {
  describe('.sync modes', () => {
    it('in auto mode lists only the changes after a full run, and never concludes a deletion from them', async () => {
      // The provider's clock: users were seeded an hour ago, the admin's changes happen now.
      let clock = new Date(Date.now() - 60 * 60 * 1000);
      const { kit, connection, admin, newEvents } = await syncFixture(50, { mockNow: () => clock });
      expect((await kit.sync(connection)).mode).toBe('full');
      await newEvents();
      clock = new Date();
      await admin.updateUser({ id: mockId(7) }, { givenName: 'Seven' });
      await admin.removeUser({ id: mockId(8) });
      admin.resetStats();
      const run = await kit.sync(connection);
      expect(run).toMatchObject({
        mode: 'changes',
        status: 'completed',
        counts: { enumerated: 1, updated: 1, deleted: 0 },
      });
      expect(run.since).toBeDefined();
      expect(admin.stats.calls.listUsers).toBe(0);
      expect(admin.stats.calls.listUsersChangedSince).toBe(1);
      expect(userChanges(await newEvents())).toEqual([['user.updated', mockId(7)]]);
      const full = await kit.sync(connection, { mode: 'full' });
      expect(full.counts).toMatchObject({ deleted: 1, unchanged: 49 });
      expect(userChanges(await newEvents())).toEqual([['user.deleted', mockId(8)]]);
    });

    it('in auto mode runs a full comparison again once the last one is older than fullEveryMs', async () => {
      const { kit, connection } = await syncFixture(3);
      await kit.sync(connection);
      await new Promise((resolve) => setTimeout(resolve, 5));
      expect((await kit.sync(connection, { fullEveryMs: 1 })).mode).toBe('full');
    });

    it('in changes mode records users created since, and takes an explicit since', async () => {
      const { kit, connection, admin, newEvents } = await syncFixture(3);
      const before = new Date(Date.now() - 1000).toISOString();
      await admin.createUser({ userName: 'new@acme.example' });
      const run = await kit.sync(connection, { mode: 'changes', since: before });
      expect(run).toMatchObject({ mode: 'changes', since: before, counts: { created: 4 } });
      expect(userChanges(await newEvents())).toHaveLength(4);
    });

    it('refuses changes mode where it cannot work', async () => {
      const { kit, connection } = await syncFixture(1);
      const first = await expectProvisioningError(kit.sync(connection, { mode: 'changes' }), 'invalid_input');
      expect(first.details?.issues).toEqual([expect.objectContaining({ path: 'options.since' })]);
      await expectProvisioningError(kit.sync(connection, { mode: 'sometimes' as 'full' }), 'invalid_input');
    });

    it('fails a changes run whose listing fails, changing nothing', async () => {
      const { kit, connection, admin, newEvents } = await syncFixture(3);
      await kit.sync(connection);
      await newEvents();
      await admin.updateUser({ id: mockId(1) }, { givenName: 'One' });
      admin.faults.failNext(1, 'unavailable', { verbs: ['listUsersChangedSince'] });
      expect(await kit.sync(connection)).toMatchObject({
        mode: 'changes',
        status: 'failed',
        reason: 'enumeration_failed',
      });
      expect((await newEvents()).map((event) => event.type)).toEqual(['sync.failed']);
    });
  });
});
