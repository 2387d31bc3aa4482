import { describe, expect, it } from 'vitest';
import type { ApplyEntry, BeginApply } from '../../state/apply-journal.js';
import { expectProvisioningError } from '../expect-error.js';
import { at, type StoreTestKit } from './state-contract-kit.js';

const OWNER = 'host-a:1:aaaa';
const OTHER = 'host-b:2:bbbb';

function begin(overrides: Partial<BeginApply> = {}): BeginApply {
  return {
    planId: 'plan_1',
    planDigest: 'sha256:one',
    startedAt: at(1),
    owner: OWNER,
    leaseUntil: at(2),
    isOwnerAlive: () => true,
    ...overrides,
  };
}

async function expectConflict(action: Promise<unknown>, reason: string): Promise<void> {
  const error = await expectProvisioningError(action, 'conflict');
  expect(error.details?.reason).toBe(reason);
}

function entry(actionId: string, status: ApplyEntry['status'], extra: Partial<ApplyEntry> = {}): ApplyEntry {
  return { actionId, status, at: at(1, 1), ...extra };
}

/** Apply journals: one per plan, leased like sync runs, with an entry per action sent. */
export function journalContract(kit: StoreTestKit): void {
  describe('apply journals', () => {
    it('opens a journal, refuses a second owner while the first lives, and lets one take over from a dead owner', async () => {
      const store = await kit.open();
      const first = await store.beginApply(begin());
      expect(first).toEqual({
        journal: { planId: 'plan_1', planDigest: 'sha256:one', status: 'running', startedAt: at(1) },
        resumed: false,
      });
      await expectConflict(store.beginApply(begin({ owner: OTHER })), 'apply_in_progress');
      const taken = await store.beginApply(begin({ owner: OTHER, isOwnerAlive: () => false }));
      expect(taken.resumed).toBe(true);
      expect(taken.journal.startedAt).toBe(at(1));
      // The first owner lost it: its writes are refused.
      await expectConflict(store.recordApplyEntries('plan_1', OWNER, [entry('a1', 'done')]), 'lease_lost');
    });

    it('lets anyone take over once the lease expired, and renewing keeps it', async () => {
      const store = await kit.open();
      await store.beginApply(begin());
      await store.renewApplyLease('plan_1', OWNER, at(5));
      await expectConflict(store.beginApply(begin({ owner: OTHER, startedAt: at(3) })), 'apply_in_progress');
      const taken = await store.beginApply(begin({ owner: OTHER, startedAt: at(6) }));
      expect(taken.resumed).toBe(true);
    });

    it('keeps entries per action, the latest write of an action winning, listed by action id', async () => {
      const store = await kit.open();
      await store.beginApply(begin());
      await store.recordApplyEntries('plan_1', OWNER, [entry('a1', 'in_flight'), entry('a2', 'in_flight')]);
      await store.recordApplyEntries('plan_1', OWNER, [
        entry('a1', 'done', { userId: 'u-1' }),
        entry('a2', 'failed', { error: { code: 'conflict', message: 'taken' } }),
        entry('a3', 'in_flight'),
      ]);
      expect(await store.listApplyEntries('plan_1', { limit: 10 })).toEqual([
        entry('a1', 'done', { userId: 'u-1' }),
        entry('a2', 'failed', { error: { code: 'conflict', message: 'taken' } }),
        entry('a3', 'in_flight'),
      ]);
      expect(await store.listApplyEntries('plan_1', { after: 'a1', limit: 1 })).toEqual([
        entry('a2', 'failed', { error: { code: 'conflict', message: 'taken' } }),
      ]);
      expect(await store.listApplyEntries('plan_other', { limit: 10 })).toEqual([]);
    });

    it('keeps the entries of a journal taken over', async () => {
      const store = await kit.open();
      await store.beginApply(begin());
      await store.recordApplyEntries('plan_1', OWNER, [entry('a1', 'in_flight')]);
      await store.beginApply(begin({ owner: OTHER, isOwnerAlive: () => false }));
      expect(await store.listApplyEntries('plan_1', { limit: 10 })).toEqual([entry('a1', 'in_flight')]);
    });

    it('finishes a journal, which is then returned as it is and never taken', async () => {
      const store = await kit.open();
      await store.beginApply(begin());
      const outcome = { status: 'partial' as const, done: 3, failed: 1 };
      const finished = await store.finishApply('plan_1', OWNER, { finishedAt: at(1, 30), outcome });
      expect(finished).toMatchObject({ status: 'finished', finishedAt: at(1, 30), outcome });
      const again = await store.beginApply(begin({ owner: OTHER }));
      expect(again).toEqual({ journal: finished, resumed: false });
      expect(await store.getApplyJournal('plan_1')).toEqual(finished);
      await expectConflict(store.recordApplyEntries('plan_1', OTHER, [entry('a1', 'done')]), 'lease_lost');
    });

    it('lets a released journal be resumed at once, even by a live process', async () => {
      const store = await kit.open();
      await store.beginApply(begin());
      await store.releaseApply('plan_1', OWNER);
      expect((await store.beginApply(begin({ owner: OTHER }))).resumed).toBe(true);
    });

    it('refuses a journal of the same plan id with another digest', async () => {
      const store = await kit.open();
      await store.beginApply(begin());
      await expectConflict(store.beginApply(begin({ planDigest: 'sha256:two' })), 'plan_changed');
      expect(await store.getApplyJournal('plan_none')).toBeUndefined();
    });
  });
}
