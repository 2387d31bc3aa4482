import { describe, expect, it } from 'vitest';
import { fakeDirectory, user, wrap } from '../middleware/fake-directory-test-helpers.js';
import type { User } from '../model/user.js';
import { createMemoryStateStore } from '../state/memory/memory-state-store.js';
import { SyncEngine } from './sync-engine.js';

const key = { tenant: 'acme', provider: 'fake' };
const everyone = Array.from({ length: 10 }, (_, i) => user(String(i + 1)));

/**
 * A synced directory of ten users whose next listing yields `listed` users and runs `during` after
 * the third: the directory seen by the second run.
 */
async function secondRun(listed: readonly User[], during: (signal: AbortSignal) => void) {
  const store = createMemoryStateStore();
  const engine = new SyncEngine({ store });
  const fake = fakeDirectory({}, everyone);
  const lifetime = new AbortController();
  const directory = wrap(fake, { signal: lifetime.signal });
  expect((await engine.sync({ key, directory }, { mode: 'full' })).status).toBe('completed');
  const seen: AbortSignal[] = [];
  const stream = async function* (options?: { signal?: AbortSignal | undefined }): AsyncGenerator<unknown> {
    const signal = options?.signal;
    if (signal === undefined) throw new Error('the provider received no signal');
    seen.push(signal);
    for (const [index, item] of listed.entries()) {
      // Ends quietly once aborted, as a careless provider would: core must not read that as complete.
      if (signal.aborted) return;
      yield item;
      if (index === 2) during(signal);
    }
  };
  fake.listUsers.mockImplementation(stream);
  fake.listUsersChangedSince.mockImplementation(stream);
  const before = await store.lastCursor();
  return { store, engine, directory, lifetime, seen, before };
}

describe('SyncEngine', () => {
  describe('.sync cancellation', () => {
    it('hands its signal to the listing; an abort mid-listing fails the run as aborted, with no deletion', async () => {
      const controller = new AbortController();
      const { store, engine, directory, seen, before } = await secondRun(everyone.slice(0, 5), () =>
        controller.abort(),
      );
      const run = await engine.sync({ key, directory }, { mode: 'full', signal: controller.signal });
      expect(run).toMatchObject({ status: 'failed', reason: 'aborted', counts: { deleted: 0 } });
      expect(seen).toHaveLength(1);
      expect(seen[0]!.aborted).toBe(true);
      expect(await store.countSnapshotRows(key)).toBe(10);
      const events = await store.listEvents({ tenant: 'acme', after: before, limit: 100 });
      expect(events.map((event) => event.type)).toEqual(['sync.failed']);
    });

    it('fails the run as aborted when the connection closes during the listing, with no deletion', async () => {
      const { store, engine, directory, lifetime, before } = await secondRun(everyone.slice(0, 5), () =>
        lifetime.abort(),
      );
      const run = await engine.sync({ key, directory }, { mode: 'full' });
      expect(run).toMatchObject({
        status: 'failed',
        reason: 'aborted',
        counts: { deleted: 0 },
        error: { code: 'cancelled' },
      });
      expect(await store.countSnapshotRows(key)).toBe(10);
      const events = await store.listEvents({ tenant: 'acme', after: before, limit: 100 });
      expect(events.map((event) => event.type)).toEqual(['sync.failed']);
    });

    it('fails a changes run as aborted when its change listing is aborted, committing nothing', async () => {
      const controller = new AbortController();
      const changed = everyone.slice(0, 5).map((item) => ({ ...item, givenName: 'Changed' }));
      const { store, engine, directory, seen, before } = await secondRun(changed, () => controller.abort());
      const run = await engine.sync(
        { key, directory },
        { mode: 'changes', since: '2024-01-01T00:00:00Z', signal: controller.signal },
      );
      expect(run).toMatchObject({ status: 'failed', reason: 'aborted', counts: { updated: 0 } });
      expect(seen[0]!.aborted).toBe(true);
      const events = await store.listEvents({ tenant: 'acme', after: before, limit: 100 });
      expect(events.map((event) => event.type)).toEqual(['sync.failed']);
    });
  });
});
