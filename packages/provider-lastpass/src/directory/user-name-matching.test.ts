import { describe, expect, it, vi } from 'vitest';
import type { LastPassUser } from '../client/index.js';
import { UserNameMatchingProbe } from './user-name-matching.js';
import type { FoundUser } from './user-page.js';

const user = (id: string, username: string) =>
  ({ record: { id, username } as LastPassUser, user: { id, userName: username } }) as FoundUser;

describe('UserNameMatchingProbe', () => {
  describe('.missesAreReliable', () => {
    it('probes once, with the stored name in the other case, however many misses ask at once', async () => {
      const someUser = vi.fn(async () => user('7', 'Mary.Ann@Example.com'));
      const lookupOnce = vi.fn(async (name: string) =>
        name === 'mARY.aNN@eXAMPLE.COM' ? user('7', 'Mary.Ann@Example.com') : undefined,
      );
      const probe = new UserNameMatchingProbe('auto', { someUser, lookupOnce });
      expect(await Promise.all([probe.missesAreReliable(), probe.missesAreReliable()])).toEqual([true, true]);
      expect(await probe.missesAreReliable()).toBe(true);
      expect(someUser).toHaveBeenCalledTimes(1);
      expect(lookupOnce).toHaveBeenCalledTimes(1);
      expect(probe.known).toBe('case-insensitive');
    });

    it('distrusts misses when the other spelling finds nobody, or another user', async () => {
      for (const answer of [undefined, user('8', 'mary.ann@example.com')]) {
        const probe = new UserNameMatchingProbe('auto', {
          someUser: async () => user('7', 'Mary.Ann@Example.com'),
          lookupOnce: async () => answer,
        });
        expect(await probe.missesAreReliable()).toBe(false);
        expect(probe.known).toBe('exact');
      }
    });

    it('stays unknown, distrusting misses, in an empty company, and probes again later', async () => {
      const someUser = vi.fn(async (): Promise<FoundUser | undefined> => undefined);
      const probe = new UserNameMatchingProbe('auto', { someUser, lookupOnce: async () => undefined });
      expect(await probe.missesAreReliable()).toBe(false);
      expect(await probe.missesAreReliable()).toBe(false);
      expect(someUser).toHaveBeenCalledTimes(2);
      expect(probe.known).toBeUndefined();
    });

    it("probes again for a caller whose own signal holds when another caller's abort ended the shared probe", async () => {
      const aborted = new AbortController();
      let calls = 0;
      const someUser = vi.fn(async (signal?: AbortSignal) => {
        calls += 1;
        if (calls === 1) {
          await new Promise((resolve) => setTimeout(resolve, 10));
          signal?.throwIfAborted();
        }
        return user('7', 'Mary.Ann@Example.com');
      });
      const probe = new UserNameMatchingProbe('auto', { someUser, lookupOnce: async () => user('7', 'x') });
      const first = probe.missesAreReliable(aborted.signal);
      const second = probe.missesAreReliable(new AbortController().signal);
      aborted.abort(new Error('first gave up'));
      await expect(first).rejects.toThrow('first gave up');
      expect(await second).toBe(true);
      expect(someUser).toHaveBeenCalledTimes(2);
    });

    it('never probes when configured', async () => {
      const someUser = vi.fn(async () => undefined);
      const exact = new UserNameMatchingProbe('exact', { someUser, lookupOnce: async () => undefined });
      expect(await exact.missesAreReliable()).toBe(false);
      expect(someUser).not.toHaveBeenCalled();
    });
  });
});
