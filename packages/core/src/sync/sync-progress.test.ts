import { describe, expect, it } from 'vitest';
import { expectProvisioningError } from '../testing/expect-error.js';
import type { SyncProgress } from './sync-progress.js';
import { mockId, syncFixture } from './sync-test-helpers.js';

describe('SyncEngine', () => {
  describe('.sync onProgress', () => {
    it('reports the listing at its start, every 100 users with increasing counts, and at its end', async () => {
      const { kit, connection } = await syncFixture(250);
      const reports: SyncProgress[] = [];
      const run = await kit.sync(connection, { pageSize: 40, onProgress: (p) => reports.push(p) });
      expect(run.status).toBe('completed');
      expect(reports.map(({ listed, finished }) => [listed, finished])).toEqual([
        [0, false],
        [100, false],
        [200, false],
        [250, true],
      ]);
      expect(reports[0]).toEqual({
        tenant: 'acme',
        provider: 'mock',
        mode: 'full',
        listed: 0,
        finished: false,
      });
    });

    it('reports a changes run with its mode', async () => {
      const { kit, connection, admin } = await syncFixture(3);
      await kit.sync(connection);
      await admin.updateUser({ id: mockId(2) }, { givenName: 'Two' });
      const reports: SyncProgress[] = [];
      const run = await kit.sync(connection, {
        mode: 'changes',
        since: new Date(Date.now() - 60_000).toISOString(),
        onProgress: (p) => reports.push(p),
      });
      expect(run.status).toBe('completed');
      expect(reports.at(-1)).toMatchObject({
        mode: 'changes',
        finished: true,
        listed: run.counts.enumerated,
      });
    });

    it('ignores an observer that throws or rejects: the run completes as without one', async () => {
      const { kit, connection, admin, newEvents } = await syncFixture(150);
      await kit.sync(connection);
      await newEvents();
      await admin.updateUser({ id: mockId(3) }, { givenName: 'Three' });
      let calls = 0;
      const throwing = await kit.sync(connection, {
        mode: 'full',
        onProgress: () => {
          calls += 1;
          throw new Error('display broke');
        },
      });
      expect(calls).toBe(3);
      expect(throwing).toMatchObject({ status: 'completed', counts: { enumerated: 150, updated: 1 } });
      expect((await newEvents()).map((event) => event.type)).toEqual(['user.updated', 'sync.completed']);
      const rejecting = await kit.sync(connection, {
        mode: 'full',
        onProgress: () => Promise.reject(new Error('display broke')),
      });
      expect(rejecting).toMatchObject({ status: 'completed', counts: { enumerated: 150, unchanged: 150 } });
    });

    it('sends no finished report for a listing that fails', async () => {
      const { kit, connection, admin } = await syncFixture(10);
      admin.faults.failNext(1, 'unavailable', { verbs: ['listUsers'], onPage: 2 });
      const reports: SyncProgress[] = [];
      const run = await kit.sync(connection, { pageSize: 4, onProgress: (p) => reports.push(p) });
      expect(run).toMatchObject({ status: 'failed', reason: 'enumeration_failed' });
      expect(reports.some((report) => report.finished)).toBe(false);
    });

    it('refuses an observer that is not a function', async () => {
      const { kit, connection } = await syncFixture(1);
      await expectProvisioningError(kit.sync(connection, { onProgress: 'log' as never }), 'invalid_input');
    });
  });
});
