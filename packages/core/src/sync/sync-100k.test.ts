import { describe, expect, it } from 'vitest';
import { mockId, syncFixture, userChanges } from './sync-test-helpers.js';

const USERS = 100_000;

describe('SyncEngine', () => {
  describe('.sync at scale', () => {
    it('reports exactly the 1% of 100,000 users that changed', async () => {
      const { kit, connection, admin, newEvents, skipEvents } = await syncFixture(USERS);
      const first = await kit.sync(connection, { pageSize: 1000 });
      expect(first.counts).toMatchObject({ enumerated: USERS, created: USERS });
      await skipEvents();
      const expected: [string, string][] = [];
      // 1,000 changes spread over the directory: 400 renames, 100 suspensions, 300 removals, 200 new users.
      for (let i = 0; i < 800; i += 1) {
        const id = mockId(1 + i * 125);
        if (i < 400) await admin.updateUser({ id }, { givenName: `Renamed ${i}` });
        else if (i < 500) await admin.suspendUser({ id });
        else await admin.removeUser({ id });
        expected.push([i < 500 ? 'user.updated' : 'user.deleted', id]);
      }
      for (let i = 0; i < 200; i += 1) {
        const created = await admin.createUser({ userName: `hire${i}@acme.example` });
        expected.push(['user.created', created.id]);
      }
      const run = await kit.sync(connection, { mode: 'full', pageSize: 1000 });
      expect(run).toMatchObject({
        status: 'completed',
        counts: {
          enumerated: USERS - 100,
          created: 200,
          updated: 500,
          suspended: 100,
          deleted: 300,
          unchanged: USERS - 800,
        },
      });
      const events = await newEvents();
      expect(userChanges(events)).toEqual(
        expected.sort(([a, x], [b, y]) => (x === y ? a.localeCompare(b) : x.localeCompare(y))),
      );
      expect(events.at(-1)?.type).toBe('sync.completed');
    }, 120_000);
  });
});
