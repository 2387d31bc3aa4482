import { describe, expect, it } from 'vitest';
import { collect, directory, expectValidUser, seedUsers } from '../test/helpers.js';
import { MockUserDirectory } from './mock-user-directory.js';

describe(MockUserDirectory, () => {
  describe('.listUsers', () => {
    it('lists every user in id order with the default page size', async () => {
      const mock = directory({ seed: seedUsers(120) });
      const users = await collect(mock.listUsers());
      expect(users.map((user) => user.id)).toEqual(mock.peekUsers().map((user) => user.id));
      expect(users[0]?.id).toBe('u-000001');
      expect(users.at(-1)?.id).toBe('u-000120');
      expect(mock.stats.pagesServed).toBe(3);
      for (const user of users) expectValidUser(user);
    });

    it('fetches pages lazily, only as the caller iterates', async () => {
      const mock = directory({ seed: seedUsers(10) });
      const iterator = mock.listUsers({ pageSize: 3 })[Symbol.asyncIterator]();
      expect(mock.stats.pagesServed).toBe(0);
      await iterator.next();
      expect(mock.stats.pagesServed).toBe(1);
      await iterator.next();
      await iterator.next();
      expect(mock.stats.pagesServed).toBe(1);
      await iterator.next();
      expect(mock.stats.pagesServed).toBe(2);
    });

    it('serves exactly ceil(n / pageSize) pages without filters, and one page when empty', async () => {
      const mock = directory({ seed: seedUsers(4) });
      await collect(mock.listUsers({ pageSize: 2 }));
      expect(mock.stats.pagesServed).toBe(2);
      const empty = directory();
      expect(await collect(empty.listUsers())).toEqual([]);
      expect(empty.stats.pagesServed).toBe(1);
    });

    it('filters by one status or several', async () => {
      const mock = directory({ seed: seedUsers(5) });
      await mock.suspendUser({ id: 'u-000002' });
      await mock.suspendUser({ id: 'u-000004' });
      const suspended = await collect(mock.listUsers({ status: 'suspended', pageSize: 1 }));
      expect(suspended.map((user) => user.id)).toEqual(['u-000002', 'u-000004']);
      const both = await collect(mock.listUsers({ status: ['active', 'suspended'] }));
      expect(both).toHaveLength(5);
    });

    it('filters by group, combined with status', async () => {
      const mock = directory({
        seed: [
          { userName: 'a', groups: ['eng'] },
          { userName: 'b', groups: ['sales'] },
          { userName: 'c', groups: ['eng', 'sales'] },
        ],
      });
      await mock.suspendUser({ userName: 'a' });
      const eng = await collect(mock.listUsers({ group: 'eng' }));
      expect(eng.map((user) => user.userName)).toEqual(['a', 'c']);
      const activeEng = await collect(mock.listUsers({ group: 'eng', status: 'active' }));
      expect(activeEng.map((user) => user.userName)).toEqual(['c']);
    });

    it('neither repeats nor skips existing users when users are created or removed between pages', async () => {
      const mock = directory({ seed: seedUsers(6) });
      const seen: string[] = [];
      for await (const user of mock.listUsers({ pageSize: 2 })) {
        seen.push(user.id);
        if (user.id === 'u-000002') {
          await mock.removeUser({ id: 'u-000001' });
          await mock.removeUser({ id: 'u-000004' });
          await mock.createUser({ userName: 'late' });
        }
      }
      expect(seen).toEqual(['u-000001', 'u-000002', 'u-000003', 'u-000005', 'u-000006', 'u-000007']);
    });

    it('throws cancelled when the signal aborts, without fetching more pages', async () => {
      const mock = directory({ seed: seedUsers(10) });
      const controller = new AbortController();
      const seen: string[] = [];
      const listing = (async () => {
        for await (const user of mock.listUsers({ pageSize: 2, signal: controller.signal })) {
          seen.push(user.id);
          if (seen.length === 3) controller.abort();
        }
      })();
      await expect(listing).rejects.toMatchObject({ code: 'cancelled' });
      expect(seen).toHaveLength(3);
      expect(mock.stats.pagesServed).toBe(2);
    });

    it('throws cancelled at the end of a page when the signal aborted while it was read', async () => {
      const mock = directory({ seed: seedUsers(4) });
      const controller = new AbortController();
      const iterator = mock.listUsers({ pageSize: 2, signal: controller.signal })[Symbol.asyncIterator]();
      await iterator.next();
      await iterator.next();
      controller.abort();
      await expect(iterator.next()).rejects.toMatchObject({ code: 'cancelled' });
      expect(mock.stats.pagesServed).toBe(1);
    });

    it('yields nothing and throws cancelled for an already aborted signal', async () => {
      const mock = directory({ seed: seedUsers(3) });
      await expect(collect(mock.listUsers({ signal: AbortSignal.abort() }))).rejects.toMatchObject({
        code: 'cancelled',
      });
      expect(mock.stats.pagesServed).toBe(0);
    });

    it('ends a listing of one full page normally when nothing aborted', async () => {
      const mock = directory({ seed: seedUsers(2) });
      const listed = await collect(mock.listUsers({ pageSize: 2, signal: new AbortController().signal }));
      expect(listed).toHaveLength(2);
    });

    it('rejects a page size above maxPageSize and unknown options with invalid_input', async () => {
      const mock = directory();
      await expect(collect(mock.listUsers({ pageSize: 1001 }))).rejects.toMatchObject({
        code: 'invalid_input',
        issues: [expect.objectContaining({ path: 'options.pageSize' })],
      });
      const typo = { pagesize: 10 } as unknown as Parameters<typeof mock.listUsers>[0];
      await expect(collect(mock.listUsers(typo))).rejects.toMatchObject({ code: 'invalid_input' });
    });
  });
});
