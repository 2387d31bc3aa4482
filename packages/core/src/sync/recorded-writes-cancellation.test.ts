import { describe, expect, it } from 'vitest';
import type { NewUser } from '../model/user.js';
import type { OperationOptions } from '../spi/operation-options.js';
import { expectProvisioningError } from '../testing/expect-error.js';
import { mockId, syncFixture } from './sync-test-helpers.js';

const aborted = () => ({ signal: AbortSignal.abort() });

describe('KitState', () => {
  describe('cancelled writes', () => {
    it('records nothing for a write cancelled before it ran', async () => {
      const { kit, connection, store, newEvents } = await syncFixture(2);
      await kit.sync(connection);
      await newEvents();
      const d = connection.directory;
      const ref = { id: mockId(1) };
      const writes = [
        d.createUser({ userName: 'ada@acme.example' }, aborted()),
        d.createUsers([{ userName: 'bob@acme.example' }], aborted()),
        d.updateUser(ref, { givenName: 'Changed' }, aborted()),
        d.suspendUser(ref, aborted()),
        d.addToGroups(ref, ['eng'], aborted()),
        d.removeUser(ref, aborted()),
      ];
      for (const write of writes) await expectProvisioningError(write, 'cancelled');
      expect(await newEvents()).toEqual([]);
      expect(await store.countSnapshotRows({ tenant: 'acme', provider: 'mock' })).toBe(2);
    });

    it('records the users of a batch created before the abort, and none of the cancelled items', async () => {
      const { kit, connection, admin, newEvents } = await syncFixture(0);
      await kit.sync(connection);
      await newEvents();
      const controller = new AbortController();
      const original = admin.createUsers.bind(admin);
      // The abort lands once the first chunk is created: core sends no second chunk.
      admin.createUsers = async (batch: readonly NewUser[], options?: OperationOptions) => {
        const result = await original(batch, options);
        controller.abort();
        return result;
      };
      const batch = Array.from({ length: 1500 }, (_, i) => ({ userName: `new${i}@acme.example` }));
      const result = await connection.directory.createUsers(batch, { signal: controller.signal });
      const created = result.items.filter((item) => item.ok);
      expect(created).toHaveLength(1000);
      expect(result.items.filter((item) => !item.ok && item.error.code === 'cancelled')).toHaveLength(500);
      const events = await newEvents();
      expect(events).toHaveLength(1000);
      expect(events.every((event) => event.type === 'user.created')).toBe(true);
    });

    it('records a write the provider completed although the signal aborted meanwhile', async () => {
      const { kit, connection, admin, newEvents } = await syncFixture(1);
      await kit.sync(connection);
      await newEvents();
      const controller = new AbortController();
      const original = admin.updateUser.bind(admin);
      admin.updateUser = async (ref, patch) => {
        const user = await original(ref, patch);
        controller.abort();
        return user;
      };
      const updated = await connection.directory.updateUser(
        { id: mockId(1) },
        { givenName: 'Done' },
        { signal: controller.signal },
      );
      expect(updated.givenName).toBe('Done');
      expect((await newEvents()).map((event) => event.type)).toEqual(['user.updated']);
    });
  });
});
