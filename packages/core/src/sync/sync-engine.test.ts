import { describe, expect, it } from 'vitest';
import { expectProvisioningError } from '../testing/expect-error.js';
import { mockId, syncFixture, userChanges } from './sync-test-helpers.js';

describe('SyncEngine', () => {
  describe('.sync', () => {
    it('announces every user of a first run as created, then nothing while nothing changes', async () => {
      const { kit, connection, newEvents } = await syncFixture(3);
      const first = await kit.sync(connection);
      expect(first).toMatchObject({
        status: 'completed',
        mode: 'full',
        counts: { enumerated: 3, created: 3, unchanged: 0 },
      });
      const events = await newEvents();
      expect(events.map((event) => [event.type, event.source])).toEqual([
        ['user.created', 'sync'],
        ['user.created', 'sync'],
        ['user.created', 'sync'],
        ['sync.completed', 'sync'],
      ]);
      expect(events[0]).toMatchObject({
        userId: mockId(1),
        version: 1,
        runId: first.id,
        data: { user: { givenName: 'User1' } },
      });
      const second = await kit.sync(connection);
      expect(second.counts).toMatchObject({
        enumerated: 3,
        created: 0,
        updated: 0,
        deleted: 0,
        unchanged: 3,
      });
      expect((await newEvents()).map((event) => event.type)).toEqual(['sync.completed']);
    });

    it('reports what an admin changed in the provider: created, updated with before and after, deleted', async () => {
      const { kit, connection, admin, newEvents } = await syncFixture(5);
      await kit.sync(connection);
      await newEvents();
      await admin.updateUser({ id: mockId(1) }, { givenName: 'Ada', attributes: { team: 'core' } });
      await admin.suspendUser({ id: mockId(2) });
      await admin.removeUser({ id: mockId(3) });
      await admin.createUser({ userName: 'new@acme.example' });
      const run = await kit.sync(connection, { mode: 'full', massChange: false });
      expect(run.status).toBe('completed');
      expect(run.counts).toEqual({
        enumerated: 5,
        created: 1,
        updated: 2,
        deleted: 1,
        suspended: 1,
        unchanged: 2,
      });
      const events = await newEvents();
      expect(userChanges(events)).toEqual([
        ['user.updated', mockId(1)],
        ['user.updated', mockId(2)],
        ['user.deleted', mockId(3)],
        ['user.created', mockId(6)],
      ]);
      const byUser = new Map(events.map((event) => ['userId' in event ? event.userId : event.type, event]));
      const ada = byUser.get(mockId(1));
      expect(ada?.type === 'user.updated' && ada.data.changes).toEqual([
        { field: 'givenName', before: 'User1', after: 'Ada' },
        { field: 'attributes.team', after: 'core' },
      ]);
      expect(ada).toMatchObject({ version: 2, source: 'sync' });
      expect(byUser.get(mockId(3))).toMatchObject({
        version: 2,
        data: { user: { userName: 'user3@acme.example' } },
      });
      expect(events.at(-1)).toMatchObject({
        type: 'sync.completed',
        runId: run.id,
        data: { counts: run.counts },
      });
    });

    it('concludes no deletion from a listing that fails halfway, and the next run starts clean', async () => {
      const { kit, connection, admin, store, newEvents } = await syncFixture(10);
      await kit.sync(connection);
      await newEvents();
      await admin.updateUser({ id: mockId(1) }, { givenName: 'Changed' });
      admin.faults.failNext(1, 'unavailable', { verbs: ['listUsers'], onPage: 2 });
      const failed = await kit.sync(connection, { mode: 'full', pageSize: 4 });
      expect(failed).toMatchObject({
        status: 'failed',
        reason: 'enumeration_failed',
        error: { code: 'unavailable' },
      });
      expect(failed.counts.enumerated).toBe(4);
      const events = await newEvents();
      expect(events.map((event) => event.type)).toEqual(['sync.failed']);
      expect(events[0]).toMatchObject({
        data: { reason: 'enumeration_failed', error: { code: 'unavailable' } },
      });
      expect(await store.countSnapshotRows({ tenant: 'acme', provider: 'mock' })).toBe(10);
      const next = await kit.sync(connection, { mode: 'full', pageSize: 4 });
      expect(next).toMatchObject({ status: 'completed', counts: { updated: 1, deleted: 0, unchanged: 9 } });
      expect(userChanges(await newEvents())).toEqual([['user.updated', mockId(1)]]);
    });

    it('ends an aborted run as failed without deletions', async () => {
      const { kit, connection, newEvents } = await syncFixture(10);
      await kit.sync(connection);
      await newEvents();
      const controller = new AbortController();
      controller.abort();
      const run = await kit.sync(connection, { mode: 'full', signal: controller.signal, pageSize: 2 });
      expect(run).toMatchObject({ status: 'failed', reason: 'aborted', counts: { deleted: 0 } });
      expect((await newEvents()).map((event) => event.type)).toEqual(['sync.failed']);
    });

    it('holds a run that would delete 30% until the host approves it', async () => {
      const { kit, connection, admin, newEvents } = await syncFixture(100);
      await kit.sync(connection);
      await newEvents();
      for (let n = 1; n <= 30; n += 1) await admin.removeUser({ id: mockId(n) });
      const held = await kit.sync(connection, { mode: 'full' });
      expect(held).toMatchObject({
        status: 'held',
        reason: 'mass_change',
        counts: { deleted: 30 },
        guard: { changes: 30, limit: 10, base: 100 },
      });
      expect((await newEvents()).map((event) => event.type)).toEqual(['sync.held']);
      const review = await kit.listSyncChanges(held.id, { limit: 20 });
      expect(review.changes).toHaveLength(20);
      expect(review.changes[0]).toEqual({ index: 0, kind: 'deleted', userId: mockId(1) });
      expect((await kit.listSyncChanges(held.id, { after: review.next!, limit: 20 })).changes).toHaveLength(
        10,
      );
      const refused = await expectProvisioningError(kit.sync(connection), 'conflict');
      expect(refused.details).toMatchObject({ reason: 'sync_held', runId: held.id });
      const approved = await kit.approveSync(held.id);
      expect(approved).toMatchObject({ status: 'completed', counts: { deleted: 30 } });
      expect(approved.approvedAt).toBeDefined();
      const events = await newEvents();
      expect(events.filter((event) => event.type === 'user.deleted')).toHaveLength(30);
      expect(events.at(-1)?.type).toBe('sync.completed');
      expect((await kit.sync(connection, { mode: 'full' })).counts).toMatchObject({
        enumerated: 70,
        unchanged: 70,
      });
    });

    it('counts suspensions towards the guard, and a rejected run changes nothing', async () => {
      const { kit, connection, admin, newEvents } = await syncFixture(20);
      await kit.sync(connection);
      await newEvents();
      for (let n = 1; n <= 3; n += 1) await admin.suspendUser({ id: mockId(n) });
      const held = await kit.sync(connection);
      expect(held).toMatchObject({ status: 'held', guard: { changes: 3, limit: 2 } });
      const rejected = await kit.rejectSync(held.id);
      expect(rejected).toMatchObject({ status: 'rejected', reason: 'rejected' });
      expect((await newEvents()).map((event) => event.type)).toEqual(['sync.held', 'sync.failed']);
      expect(
        (await kit.sync(connection, { massChange: { maxUsers: 500, maxShare: 0.5 } })).counts.suspended,
      ).toBe(3);
    });

    it('takes the guard from the connection settings, and a call can turn it off', async () => {
      const { kit, connection, admin } = await syncFixture(10, {
        sync: { massChange: { maxUsers: 500, maxShare: 0.5 } },
      });
      await kit.sync(connection);
      for (let n = 1; n <= 4; n += 1) await admin.removeUser({ id: mockId(n) });
      expect((await kit.sync(connection, { mode: 'full' })).status).toBe('completed');
      for (let n = 5; n <= 10; n += 1) await admin.removeUser({ id: mockId(n) });
      expect((await kit.sync(connection, { mode: 'full', massChange: false })).counts.deleted).toBe(6);
    });

    it('refuses a stale approval when a write through the kit touched a user the held run changes', async () => {
      const { kit, connection, admin } = await syncFixture(10);
      await kit.sync(connection);
      for (let n = 1; n <= 3; n += 1) await admin.removeUser({ id: mockId(n) });
      await admin.updateUser({ id: mockId(4) }, { givenName: 'Console' });
      const held = await kit.sync(connection, { mode: 'full' });
      expect(held.status).toBe('held');
      await connection.directory.updateUser({ id: mockId(4) }, { givenName: 'Kit' });
      const error = await expectProvisioningError(kit.approveSync(held.id), 'conflict');
      expect(error.details).toMatchObject({ reason: 'stale' });
      expect((await kit.listSyncRuns({ tenant: 'acme', provider: 'mock', limit: 1 }))[0]).toMatchObject({
        status: 'failed',
        reason: 'stale',
      });
      expect((await kit.sync(connection, { mode: 'full', massChange: false })).counts).toMatchObject({
        deleted: 3,
        updated: 0,
      });
    });

    it('refuses a second run of the same connection while one is running', async () => {
      const { kit, connection, admin } = await syncFixture(4);
      admin.faults.addLatency(30, { verbs: ['listUsers'] });
      const first = kit.sync(connection, { pageSize: 1 });
      await new Promise((resolve) => setTimeout(resolve, 10));
      const error = await expectProvisioningError(kit.sync(connection), 'conflict');
      expect(error.details).toMatchObject({ reason: 'sync_in_progress' });
      expect((await first).status).toBe('completed');
    });

    it('records every run: when, how long, counts, outcome and why', async () => {
      const { kit, connection, admin } = await syncFixture(3);
      await kit.sync(connection);
      admin.faults.failNext(1, 'rate_limited', { verbs: ['listUsers'] });
      await kit.sync(connection, { mode: 'full' });
      const runs = await kit.listSyncRuns({ tenant: 'acme', provider: 'mock' });
      expect(runs.map((run) => [run.status, run.reason])).toEqual([
        ['failed', 'enumeration_failed'],
        ['completed', undefined],
      ]);
      for (const run of runs) {
        expect(Date.parse(run.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(run.startedAt));
        expect(run.durationMs).toBeGreaterThanOrEqual(0);
      }
    });
  });
});
