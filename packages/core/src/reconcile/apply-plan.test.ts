import { describe, expect, it } from 'vitest';
import { WRITE_VERBS } from '../spi/verbs.js';
import { isOwnerAlive } from '../sync/run-owner.js';
import { expectProvisioningError } from '../testing/expect-error.js';
import type { ApplyProgress } from './apply-options.js';
import { readDesiredUsers } from './read-desired-users.js';
import { DESIRED, reconcileFixture } from './reconcile-test-helpers.js';

async function planned(options: Parameters<typeof reconcileFixture>[0] = {}) {
  const fixture = await reconcileFixture(options);
  const plan = await fixture.kit.plan({
    desired: readDesiredUsers(DESIRED),
    connections: [fixture.connection],
    policy: { unmatched: 'suspend' },
  });
  const count = () => [...WRITE_VERBS].reduce((sum, verb) => sum + (fixture.admin.stats.calls[verb] ?? 0), 0);
  const seeded = count(); // the fixture's own suspension of carol
  return { ...fixture, plan, writes: () => count() - seeded };
}

const APPROVED = { approveMassChange: true } as const;

describe('ProvisionKit', () => {
  describe('.apply', () => {
    it('applies every action and logs each write as an event', async () => {
      const { kit, connection, plan, admin, store } = await planned();
      await kit.sync(connection);
      const cursor = await store.lastCursor();
      const progress: ApplyProgress[] = [];
      const result = await kit.apply(plan, {
        connections: [connection],
        ...APPROVED,
        onProgress: (step) => progress.push(step),
      });
      expect(result).toMatchObject({
        status: 'applied',
        total: 6,
        done: 6,
        failed: 0,
        pending: 0,
        resumed: false,
      });
      const users = new Map(admin.peekUsers().map((user) => [user.userName, user]));
      expect(users.get('ada@acme.example')?.familyName).toBe('King');
      expect(users.get('bob@acme.example')?.groups.sort()).toEqual(['Marketing', 'Sales']);
      expect(users.get('carol@acme.example')?.status).toBe('active');
      expect(users.get('dave@acme.example')?.status).toBe('suspended');
      expect(users.get('erin@acme.example')?.groups).toEqual(['Engineering']);
      expect(admin.stats.calls.createUsers).toBe(1);
      expect(progress.at(0)).toEqual({ total: 6, done: 0, failed: 0 });
      expect(progress.at(-1)).toEqual({ total: 6, done: 6, failed: 0 });
      const events = (await kit.listEvents({ tenant: 'acme', after: cursor, limit: 100 })).events;
      expect(events.every((event) => event.source === 'provisionkit')).toBe(true);
      expect(events.map((event) => event.type).sort()).toEqual([
        'user.created',
        ...Array.from({ length: 5 }, () => 'user.updated'),
      ]);
      expect(await store.getApplyJournal(plan.id)).toMatchObject({
        status: 'finished',
        outcome: { status: 'applied', done: 6, failed: 0 },
      });
      // A directory that now matches plans nothing.
      const again = await kit.plan({
        desired: readDesiredUsers(DESIRED),
        connections: [connection],
        policy: { unmatched: 'suspend' },
      });
      expect(again.connections[0]).toMatchObject({ actions: [], unchanged: 4 });
    });

    it('does nothing for a plan already applied, and says so', async () => {
      const { kit, connection, plan, writes } = await planned();
      await kit.apply(plan, { connections: [connection], ...APPROVED });
      const before = writes();
      const again = await kit.apply(plan, { connections: [connection], ...APPROVED });
      expect(again).toMatchObject({ status: 'applied', alreadyApplied: true, done: 6 });
      expect(writes()).toBe(before);
    });

    it('refuses a stale plan and writes nothing', async () => {
      const { kit, connection, plan, admin, writes, store } = await planned();
      await admin.updateUser({ userName: 'dave@acme.example' }, { givenName: 'David' });
      const before = writes();
      const error = await expectProvisioningError(
        kit.apply(plan, { connections: [connection], ...APPROVED }),
        'conflict',
      );
      expect(error.details).toMatchObject({ reason: 'stale_plan', connections: ['acme/mock'] });
      expect(error.message).toContain('The plan is stale');
      expect(writes()).toBe(before);
      expect(await store.getApplyJournal(plan.id)).toBeUndefined();
    });

    it('holds a plan beyond the mass-change guard until approved', async () => {
      const { kit, connection, plan, writes } = await planned();
      const held = await kit.apply(plan, { connections: [connection] });
      expect(held).toMatchObject({ status: 'held', done: 0, pending: 6 });
      expect(held.connections[0]?.guard).toEqual({ changes: 1, limit: 0.4, base: 4, hold: true });
      expect(writes()).toBe(0);
      const relaxed = await kit.apply(plan, { connections: [connection], massChange: { maxShare: 0.5 } });
      expect(relaxed.status).toBe('applied');
    });

    it("uses the connection's own guard settings", async () => {
      const { kit, connection, plan } = await planned({ sync: { massChange: false } });
      expect(plan.connections[0]?.guard.hold).toBe(false);
      expect((await kit.apply(plan, { connections: [connection] })).status).toBe('applied');
    });

    it('computes everything in a dry run and writes nothing', async () => {
      const { kit, connection, plan, writes, store } = await planned();
      const dry = await kit.apply(plan, { connections: [connection], dryRun: true, ...APPROVED });
      expect(dry).toMatchObject({ status: 'dry_run', pending: 6, done: 0 });
      expect(writes()).toBe(0);
      expect(await store.getApplyJournal(plan.id)).toBeUndefined();
      expect(await store.lastCursor()).toBe('0');
    });

    it('refuses a plan edited after planning', async () => {
      const { kit, connection, plan } = await planned();
      const edited = structuredClone(plan);
      edited.connections[0]!.actions.push({
        ...edited.connections[0]!.actions.at(-1)!,
        id: 'a99',
        userName: 'ada@acme.example',
      } as never);
      const error = await expectProvisioningError(
        kit.apply(edited, { connections: [connection] }),
        'invalid_input',
      );
      expect(error.message).toContain('changed after planning');
      await expectProvisioningError(
        kit.apply({ ...plan, version: 2 } as never, { connections: [connection] }),
        'invalid_input',
      );
    });

    it('records a failed action and goes on with the others: partial', async () => {
      const { kit, connection, plan, admin } = await planned();
      admin.faults.failNext(1, 'conflict', { verbs: ['updateUser'] });
      const result = await kit.apply(plan, { connections: [connection], ...APPROVED });
      expect(result).toMatchObject({ status: 'partial', done: 5, failed: 1 });
      expect(result.failures).toEqual([
        {
          actionId: expect.any(String),
          kind: 'update',
          userName: 'ada@acme.example',
          error: expect.objectContaining({ code: 'conflict' }),
        },
      ]);
    });

    it('stops when the provider goes down and finishes the plan on the next apply, sending nothing twice', async () => {
      const { kit, connection, plan, admin, writes } = await planned();
      admin.faults.failNext(1, 'unavailable', { verbs: ['reactivateUser'] });
      const first = await kit.apply(plan, { connections: [connection], ...APPROVED, concurrency: 1 });
      expect(first).toMatchObject({ status: 'interrupted', error: { code: 'unavailable' } });
      expect(first.pending).toBeGreaterThan(0);
      const sent = writes();
      const second = await kit.apply(plan, { connections: [connection], ...APPROVED });
      expect(second).toMatchObject({ status: 'applied', resumed: true, done: 6, failed: 0 });
      // Each action was answered exactly once: the failed reactivation was resent, nothing else.
      expect(writes()).toBe(6 + 1);
      expect(sent).toBeLessThan(6 + 1);
    });

    it('settles an action left in flight by reading: done when its effect shows, sent when it does not', async () => {
      const { kit, connection, plan, admin, store, writes } = await planned();
      const actions = plan.connections[0]!.actions;
      const reactivate = actions.find((action) => action.kind === 'reactivate')!;
      const suspend = actions.find((action) => action.kind === 'suspend')!;
      // A process died after sending both: carol's reactivation went through, dave's suspension did not.
      const dead = 'elsewhere:1:dead';
      await store.beginApply({
        planId: plan.id,
        planDigest: plan.digest,
        startedAt: new Date().toISOString(),
        owner: dead,
        leaseUntil: new Date(Date.now() + 60_000).toISOString(),
        isOwnerAlive,
      });
      const at = new Date().toISOString();
      await store.recordApplyEntries(plan.id, dead, [
        { actionId: reactivate.id, status: 'in_flight', at },
        { actionId: suspend.id, status: 'in_flight', at },
      ]);
      await admin.reactivateUser({ userName: 'carol@acme.example' });
      await store.releaseApply(plan.id, dead);
      const before = writes();
      const result = await kit.apply(plan, { connections: [connection], ...APPROVED });
      expect(result).toMatchObject({ status: 'applied', resumed: true, done: 6 });
      expect(admin.stats.calls.reactivateUser).toBe(1); // only the admin's own: never resent
      expect(writes() - before).toBe(5);
    });

    it('refuses a second apply of the same plan while the first runs', async () => {
      const { kit, connection, plan, admin } = await planned();
      admin.faults.addLatency(100, { verbs: ['createUsers'] });
      const first = kit.apply(plan, { connections: [connection], ...APPROVED });
      await new Promise((resolve) => setTimeout(resolve, 30));
      const error = await expectProvisioningError(
        kit.apply(plan, { connections: [connection], ...APPROVED }),
        'conflict',
      );
      expect(error.details?.reason).toBe('apply_in_progress');
      expect((await first).status).toBe('applied');
    });

    it('needs a state store and a connection for each planned one', async () => {
      const { kit, connection, plan } = await planned();
      const other = await reconcileFixture();
      await expectProvisioningError(kit.apply(plan, { connections: [other.connection] }), 'invalid_input');
      const error = await expectProvisioningError(kit.apply(plan, { connections: [] }), 'invalid_input');
      expect(error.message).toContain('options.connections');
      expect(connection).toBeDefined();
    });
  });
});
