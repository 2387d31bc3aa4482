import { describe, expect, it } from 'vitest';
import type { StagedChange } from '../../state/staged-change.js';
import type { BeginSyncRun, RunOutcome, StateStore } from '../../state/state-store.js';
import { expectProvisioningError } from '../expect-error.js';
import { ACME, at, GLOBEX, type StoreTestKit, stored } from './state-contract-kit.js';

const ALIVE = () => true;
const DEAD = () => false;
const COUNTS = { enumerated: 3, created: 1, updated: 1, deleted: 1, suspended: 0, unchanged: 0 };
const OUTCOME: RunOutcome = { counts: COUNTS, durationMs: 12, finishedAt: at(1, 5) };
const GUARD = { changes: 1, limit: 0.2, base: 2 };

function begin(id: string, overrides: Partial<BeginSyncRun> = {}): BeginSyncRun {
  return {
    key: ACME,
    id,
    mode: 'full',
    startedAt: at(1),
    owner: 'host-a:1:aaaa',
    leaseUntil: at(2),
    isOwnerAlive: ALIVE,
    ...overrides,
  };
}

/** Users 1 and 2 in the snapshot; the run's changes: create 3, update 1, delete 2. */
async function seeded(store: StateStore): Promise<StagedChange[]> {
  await store.recordUserWrites(
    ACME,
    [
      { kind: 'upsert', user: stored(1) },
      { kind: 'upsert', user: stored(2) },
    ],
    at(0),
  );
  return [
    { kind: 'created', userId: 'u-000003', baseHash: null, after: stored(3) },
    {
      kind: 'updated',
      userId: 'u-000001',
      baseHash: stored(1).hash,
      after: stored(1, { givenName: 'Ada' }),
      changes: [{ field: 'givenName', before: 'Given1', after: 'Ada' }],
      suspends: false,
    },
    { kind: 'deleted', userId: 'u-000002', baseHash: stored(2).hash },
  ];
}

async function types(store: StateStore): Promise<string[]> {
  return (await store.listEvents({ tenant: 'acme', limit: 100 })).map((event) => event.type);
}

/** Runs, leases, staging, commit, hold, approval and rejection. */
export function syncRunContract(kit: StoreTestKit): void {
  describe('sync runs', () => {
    it('starts a running run and refuses a second while the owner lives', async () => {
      const store = await kit.open();
      const { run, interrupted } = await store.beginSyncRun(begin('run-1'));
      expect(run).toMatchObject({
        id: 'run-1',
        status: 'running',
        tenant: 'acme',
        provider: 'mock',
        mode: 'full',
      });
      expect(interrupted).toEqual([]);
      const error = await expectProvisioningError(
        store.beginSyncRun(begin('run-2', { owner: 'host-a:2:bbbb' })),
        'conflict',
      );
      expect(error.details).toMatchObject({ reason: 'sync_in_progress', runId: 'run-1' });
      await store.beginSyncRun(begin('run-3', { key: GLOBEX }));
    });

    it('takes over from a dead owner or an expired lease: the old run fails as interrupted, its staging dropped', async () => {
      const store = await kit.open();
      const changes = await seeded(store);
      await store.beginSyncRun(begin('run-1'));
      await store.stageSyncChanges('run-1', 'host-a:1:aaaa', changes);
      const second = await store.beginSyncRun(
        begin('run-2', { owner: 'host-a:2:bbbb', isOwnerAlive: DEAD, startedAt: at(1, 30) }),
      );
      expect(second.interrupted.map((run) => [run.id, run.status, run.reason])).toEqual([
        ['run-1', 'failed', 'interrupted'],
      ]);
      expect(await store.getSyncRun('run-1')).toMatchObject({ status: 'failed', reason: 'interrupted' });
      expect(await store.listStagedChanges('run-1', { limit: 10 })).toEqual([]);
      await expectProvisioningError(store.stageSyncChanges('run-1', 'host-a:1:aaaa', changes), 'conflict');
      const third = await store.beginSyncRun(begin('run-3', { owner: 'host-b:3:cccc', startedAt: at(3) }));
      expect(third.interrupted.map((run) => run.id)).toEqual(['run-2']);
      expect((await types(store)).filter((type) => type === 'sync.failed')).toHaveLength(2);
      expect(await store.countSnapshotRows(ACME)).toBe(2);
    });

    it('commits staged changes in one step: snapshot, user events with the run id, then sync.completed', async () => {
      const store = await kit.open();
      const changes = await seeded(store);
      await store.beginSyncRun(begin('run-1'));
      await store.stageSyncChanges('run-1', 'host-a:1:aaaa', changes.slice(0, 2));
      await store.stageSyncChanges('run-1', 'host-a:1:aaaa', changes.slice(2));
      const listed = await store.listStagedChanges('run-1', { after: 0, limit: 5 });
      expect(listed.map((change) => [change.index, change.kind])).toEqual([
        [1, 'updated'],
        [2, 'deleted'],
      ]);
      const run = await store.commitSyncRun('run-1', {
        owner: 'host-a:1:aaaa',
        outcome: OUTCOME,
        guard: GUARD,
      });
      expect(run).toMatchObject({
        status: 'completed',
        counts: COUNTS,
        durationMs: 12,
        finishedAt: at(1, 5),
        guard: GUARD,
      });
      const events = await store.listEvents({ tenant: 'acme', limit: 100 });
      expect(
        events
          .slice(2)
          .map((event) => [event.type, event.source, 'runId' in event ? event.runId : undefined]),
      ).toEqual([
        ['user.created', 'sync', 'run-1'],
        ['user.updated', 'sync', 'run-1'],
        ['user.deleted', 'sync', 'run-1'],
        ['sync.completed', 'sync', 'run-1'],
      ]);
      expect(events.map((event) => event.sequence)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(
        (await store.getSnapshotRows(ACME, ['u-000001', 'u-000002', 'u-000003'])).map((row) => [
          row.userId,
          row.version,
        ]),
      ).toEqual(
        expect.arrayContaining([
          ['u-000001', 2],
          ['u-000003', 1],
        ]),
      );
      expect(await store.countSnapshotRows(ACME)).toBe(2);
      expect(await store.listStagedChanges('run-1', { limit: 10 })).toEqual([]);
    });

    it('skips a staged change whose row moved meanwhile, without a second event', async () => {
      const store = await kit.open();
      const changes = await seeded(store);
      await store.beginSyncRun(begin('run-1'));
      await store.stageSyncChanges('run-1', 'host-a:1:aaaa', changes);
      // Written through the framework during the run: user 3 created as the run saw it, user 1 changed otherwise.
      await store.recordUserWrites(
        ACME,
        [
          { kind: 'upsert', user: stored(3) },
          { kind: 'upsert', user: stored(1, { isAdmin: true }) },
        ],
        at(1, 2),
      );
      await store.commitSyncRun('run-1', { owner: 'host-a:1:aaaa', outcome: OUTCOME });
      const userEvents = (await store.listEvents({ tenant: 'acme', limit: 100 })).filter((event) =>
        event.type.startsWith('user.'),
      );
      expect(
        userEvents.map((event) => [event.type, event.source, 'userId' in event ? event.userId : '']),
      ).toEqual([
        ['user.created', 'provisionkit', 'u-000001'],
        ['user.created', 'provisionkit', 'u-000002'],
        ['user.created', 'provisionkit', 'u-000003'],
        ['user.updated', 'provisionkit', 'u-000001'],
        ['user.deleted', 'sync', 'u-000002'],
      ]);
      expect((await store.findSnapshotRow(ACME, { id: 'u-000001' }))?.hash).toBe(
        stored(1, { isAdmin: true }).hash,
      );
    });

    it('fails a run: staged changes dropped, snapshot untouched, sync.failed says why', async () => {
      const store = await kit.open();
      const changes = await seeded(store);
      await store.beginSyncRun(begin('run-1'));
      await store.stageSyncChanges('run-1', 'host-a:1:aaaa', changes);
      const error = { code: 'unavailable' as const, message: 'page 2 failed' };
      const run = await store.failSyncRun('run-1', {
        owner: 'host-a:1:aaaa',
        status: 'failed',
        reason: 'enumeration_failed',
        error,
        outcome: OUTCOME,
      });
      expect(run).toMatchObject({ status: 'failed', reason: 'enumeration_failed', error });
      const events = await store.listEvents({ tenant: 'acme', limit: 100 });
      expect(events.at(-1)).toMatchObject({
        type: 'sync.failed',
        data: { reason: 'enumeration_failed', error },
      });
      expect(events.filter((event) => event.type.startsWith('user.') && event.source === 'sync')).toEqual([]);
      expect(await store.countSnapshotRows(ACME)).toBe(2);
      await expectProvisioningError(
        store.commitSyncRun('run-1', { owner: 'host-a:1:aaaa', outcome: OUTCOME }),
        'conflict',
      );
      await store.beginSyncRun(begin('run-2', { startedAt: at(2) }));
    });

    it('holds a run until approved: nothing applied, new runs refused, then committed on approval', async () => {
      const store = await kit.open();
      const changes = await seeded(store);
      await store.beginSyncRun(begin('run-1'));
      await store.stageSyncChanges('run-1', 'host-a:1:aaaa', changes);
      const held = await store.holdSyncRun('run-1', 'host-a:1:aaaa', { ...OUTCOME, guard: GUARD });
      expect(held).toMatchObject({ status: 'held', reason: 'mass_change', guard: GUARD, counts: COUNTS });
      expect((await types(store)).slice(2)).toEqual(['sync.held']);
      expect(await store.countSnapshotRows(ACME)).toBe(2);
      expect(await store.listStagedChanges('run-1', { limit: 10 })).toHaveLength(3);
      const refused = await expectProvisioningError(
        store.beginSyncRun(begin('run-2', { startedAt: at(3) })),
        'conflict',
      );
      expect(refused.details).toMatchObject({ reason: 'sync_held', runId: 'run-1' });
      await expectProvisioningError(store.stageSyncChanges('run-1', 'host-a:1:aaaa', changes), 'conflict');
      const approved = await store.commitSyncRun('run-1', { approvedAt: at(4) });
      expect(approved).toMatchObject({
        status: 'completed',
        approvedAt: at(4),
        counts: COUNTS,
        durationMs: 12,
      });
      expect((await types(store)).slice(2)).toEqual([
        'sync.held',
        'user.created',
        'user.updated',
        'user.deleted',
        'sync.completed',
      ]);
      await expectProvisioningError(store.commitSyncRun('run-1', { approvedAt: at(5) }), 'conflict');
    });

    it('refuses a stale approval whole: one moved row and nothing is applied', async () => {
      const store = await kit.open();
      const changes = await seeded(store);
      await store.beginSyncRun(begin('run-1'));
      await store.stageSyncChanges('run-1', 'host-a:1:aaaa', changes);
      await store.holdSyncRun('run-1', 'host-a:1:aaaa', { ...OUTCOME, guard: GUARD });
      await store.recordUserWrites(ACME, [{ kind: 'upsert', user: stored(2, { isAdmin: true }) }], at(3));
      const error = await expectProvisioningError(
        store.commitSyncRun('run-1', { approvedAt: at(4) }),
        'conflict',
      );
      expect(error.details).toMatchObject({ reason: 'stale', runId: 'run-1' });
      expect(await store.getSyncRun('run-1')).toMatchObject({ status: 'failed', reason: 'stale' });
      expect(await store.findSnapshotRow(ACME, { id: 'u-000003' })).toBeUndefined();
      expect((await store.findSnapshotRow(ACME, { id: 'u-000001' }))?.hash).toBe(stored(1).hash);
      expect((await types(store)).at(-1)).toBe('sync.failed');
    });

    it('rejects a held run: staging dropped, sync.failed with reason rejected', async () => {
      const store = await kit.open();
      const changes = await seeded(store);
      await store.beginSyncRun(begin('run-1'));
      await store.stageSyncChanges('run-1', 'host-a:1:aaaa', changes);
      await store.holdSyncRun('run-1', 'host-a:1:aaaa', { ...OUTCOME, guard: GUARD });
      const run = await store.failSyncRun('run-1', {
        status: 'rejected',
        reason: 'rejected',
        outcome: { ...OUTCOME, finishedAt: at(5) },
      });
      expect(run).toMatchObject({
        status: 'rejected',
        reason: 'rejected',
        finishedAt: at(5),
        counts: COUNTS,
      });
      expect((await types(store)).slice(-1)).toEqual(['sync.failed']);
      expect(await store.listStagedChanges('run-1', { limit: 10 })).toEqual([]);
      expect(await store.countSnapshotRows(ACME)).toBe(2);
      await store.beginSyncRun(begin('run-2', { startedAt: at(6) }));
    });

    it('answers only the owner of a running run', async () => {
      const store = await kit.open();
      await store.beginSyncRun(begin('run-1'));
      const other = 'host-b:9:zzzz';
      for (const attempt of [
        store.renewSyncLease('run-1', other, at(3)),
        store.stageSyncChanges('run-1', other, []),
        store.holdSyncRun('run-1', other, { ...OUTCOME, guard: GUARD }),
        store.commitSyncRun('run-1', { owner: other, outcome: OUTCOME }),
      ]) {
        expect((await expectProvisioningError(attempt, 'conflict')).details).toMatchObject({
          reason: 'lease_lost',
        });
      }
      await store.renewSyncLease('run-1', 'host-a:1:aaaa', at(3));
      await expectProvisioningError(store.commitSyncRun('run-404', { approvedAt: at(3) }), 'not_found');
      expect(await store.getSyncRun('run-404')).toBeUndefined();
    });

    it('lists runs newest first, filtered by status, mode and start', async () => {
      const store = await kit.open();
      for (const [index, hour] of [1, 2, 3].entries()) {
        const id = `run-${index + 1}`;
        await store.beginSyncRun(begin(id, { startedAt: at(hour), mode: index === 1 ? 'changes' : 'full' }));
        await store.commitSyncRun(id, { owner: 'host-a:1:aaaa', outcome: OUTCOME });
      }
      await store.beginSyncRun(begin('run-g', { key: GLOBEX }));
      const ids = async (query: Partial<Parameters<StateStore['listSyncRuns']>[0]>) =>
        (await store.listSyncRuns({ key: ACME, limit: 10, ...query })).map((run) => run.id);
      expect(await ids({})).toEqual(['run-3', 'run-2', 'run-1']);
      expect(await ids({ mode: 'full' })).toEqual(['run-3', 'run-1']);
      expect(await ids({ before: at(3), limit: 1 })).toEqual(['run-2']);
      expect(await ids({ status: 'running' })).toEqual([]);
    });
  });
}
