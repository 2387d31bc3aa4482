import { createMockProvider } from '@provisionkit/provider-mock';
import { describe, expect, it } from 'vitest';
import { createProvisionKit } from '../composition/create-provision-kit.js';
import { silentLogger } from '../logging/create-logger.js';
import type { StateStore } from '../state/state-store.js';
import { expectProvisioningError } from '../testing/expect-error.js';
import { mockId, syncFixture, userChanges } from './sync-test-helpers.js';

describe('KitState', () => {
  describe('writes through a connection', () => {
    it('log user events marked provisionkit and keep the next sync from reporting them again', async () => {
      const { kit, connection, newEvents } = await syncFixture(2);
      await kit.sync(connection);
      await newEvents();
      const { directory } = connection;
      const created = await directory.createUser({ userName: 'ada@acme.example', givenName: 'Ada' });
      await directory.createUsers([{ userName: 'bob@acme.example' }, { userName: 'ADA@acme.example' }]);
      await directory.updateUser({ id: created.id }, { familyName: 'Lovelace' });
      await directory.suspendUser({ userName: 'user1@acme.example' });
      await directory.addToGroups({ id: mockId(2) }, ['eng']);
      await directory.removeUser({ userName: 'BOB@acme.example' });
      const events = await newEvents();
      expect(events.every((event) => event.source === 'provisionkit')).toBe(true);
      expect(events.map((event) => [event.type, 'userId' in event ? event.userId : ''])).toEqual([
        ['user.created', mockId(3)],
        ['user.created', mockId(4)],
        ['user.updated', mockId(3)],
        ['user.updated', mockId(1)],
        ['user.updated', mockId(2)],
        ['user.deleted', mockId(4)],
      ]);
      const renamed = events[2];
      expect(renamed?.type === 'user.updated' && renamed.data.changes).toEqual([
        { field: 'familyName', after: 'Lovelace' },
      ]);
      expect(events[2]).toMatchObject({ version: 2 });
      const run = await kit.sync(connection, { mode: 'full' });
      expect(run.counts).toMatchObject({ created: 0, updated: 0, deleted: 0, unchanged: 3 });
      expect(userChanges(await newEvents())).toEqual([]);
    });

    it('log nothing for reads and failed writes, and a deletion only for users the log announced', async () => {
      const { connection, newEvents, admin } = await syncFixture(1);
      await connection.directory.getUser({ id: mockId(1) });
      for await (const _user of connection.directory.listUsers()) break;
      await expectProvisioningError(
        connection.directory.createUser({ userName: 'user1@acme.example' }),
        'conflict',
      );
      // Seeded users were never synced: the log does not know them, so their removal is not news.
      await connection.directory.removeUser({ id: mockId(1) });
      expect(await newEvents()).toEqual([]);
      expect(admin.peekUsers()).toEqual([]);
    });

    it('are still made when the store fails; the next sync records them', async () => {
      const { kit, connection, store, newEvents } = await syncFixture(1);
      const failing = store as { recordUserWrites: StateStore['recordUserWrites'] };
      const original = failing.recordUserWrites;
      failing.recordUserWrites = async () => {
        throw new Error('disk full');
      };
      const created = await connection.directory.createUser({ userName: 'ada@acme.example' });
      failing.recordUserWrites = original;
      expect(created.id).toBe(mockId(2));
      expect(await newEvents()).toEqual([]);
      await kit.sync(connection);
      expect(userChanges(await newEvents())).toEqual([
        ['user.created', mockId(1)],
        ['user.created', mockId(2)],
      ]);
    });

    it('racing a sync: the user is announced exactly once', async () => {
      const { kit, connection, admin, newEvents } = await syncFixture(6);
      await kit.sync(connection);
      await newEvents();
      admin.faults.addLatency(20, { verbs: ['listUsers'] });
      const running = kit.sync(connection, { mode: 'full', pageSize: 2 });
      await new Promise((resolve) => setTimeout(resolve, 30));
      await connection.directory.createUser({ userName: 'late@acme.example' });
      await connection.directory.updateUser({ id: mockId(6) }, { givenName: 'Kit' });
      expect((await running).status).toBe('completed');
      admin.faults.reset();
      await kit.sync(connection, { mode: 'full' });
      expect(userChanges(await newEvents())).toEqual([
        ['user.updated', mockId(6)],
        ['user.created', mockId(7)],
      ]);
    });
  });

  describe('without a store', () => {
    it('records nothing and refuses the sync and event methods with unsupported_operation', async () => {
      const kit = createProvisionKit({ plugins: [createMockProvider()], logger: silentLogger() });
      const connection = await kit.connect({ provider: 'mock', tenant: 'acme', config: {} });
      await connection.directory.createUser({ userName: 'ada@acme.example' });
      const error = await expectProvisioningError(kit.sync(connection), 'unsupported_operation');
      expect(error.details).toMatchObject({ reason: 'no_state_store' });
      await expectProvisioningError(kit.listEvents({ tenant: 'acme' }), 'unsupported_operation');
      await expectProvisioningError(kit.approveSync('run-1'), 'unsupported_operation');
    });
  });

  describe('.listEvents', () => {
    it('validates its query and pages by cursor', async () => {
      const { kit, connection } = await syncFixture(5);
      await kit.sync(connection);
      await expectProvisioningError(kit.listEvents({ tenant: 'has space' }), 'invalid_input');
      await expectProvisioningError(kit.listEvents({ tenant: 'acme', limit: 0 }), 'invalid_input');
      await expectProvisioningError(kit.listEvents({ tenant: 'acme', after: 'bogus' }), 'invalid_input');
      const first = await kit.listEvents({ tenant: 'acme', limit: 4 });
      const second = await kit.listEvents({ tenant: 'acme', after: first.next, limit: 4 });
      expect(first.events.map((event) => event.sequence)).toEqual([1, 2, 3, 4]);
      expect(second.events.map((event) => event.sequence)).toEqual([5, 6]);
      const caughtUp = await kit.listEvents({ tenant: 'acme', after: second.next });
      expect(caughtUp).toEqual({ events: [], next: second.next });
    });
  });

  describe('.sync', () => {
    it('refuses a connection another kit opened', async () => {
      const { kit } = await syncFixture(1);
      const other = await syncFixture(1);
      const error = await expectProvisioningError(kit.sync(other.connection), 'invalid_input');
      expect(error.details?.issues).toEqual([expect.objectContaining({ path: 'connection' })]);
    });
  });
});
