import { describe, expect } from 'vitest';
import type { User } from '../../model/user.js';
import type { UserDirectory } from '../../spi/user-directory.js';
import { collectListing } from '../collect-listing.js';
import type { ContractKit } from '../contract-kit.js';

/** Page size small enough that a handful of users spans several pages. */
const PAGE = 3;
/** Users changed while a listing is between pages, in the page-size test. */
const CHANGED_LATER = 6;
/** Pages a listing may request ahead of the one its caller reads. */
const MAX_PAGES_AHEAD = 2;

/**
 * listUsers: paging at every boundary, filters, laziness. Counts consider only the users a test
 * created itself, so a directory seeded with other users (a shared simulator) passes too.
 */
export function listContract(kit: ContractKit): void {
  describe('.listUsers', () => {
    const boundaries = [
      { label: 'no users of its own', count: 0 },
      { label: 'one user', count: 1 },
      { label: 'exactly one page of users', count: PAGE },
      { label: 'one user more than a page', count: PAGE + 1 },
      { label: 'several pages of users', count: PAGE * 3 + 2 },
    ];
    for (const { label, count } of boundaries) {
      kit.test(
        `pages through ${label} with a small pageSize: each user once, none lost`,
        { verbs: ['listUsers', 'createUser'] },
        async (t) => {
          const created = await t.createUsers(count);
          const listed = await collectListing(t.directory.listUsers({ pageSize: pageSize(t.directory) }));
          expectListedOnce(listed, created);
        },
      );
    }

    kit.test(
      'lists every user once with the default page size',
      { verbs: ['listUsers', 'createUser'] },
      async (t) => {
        const created = await t.createUsers(PAGE + 1);
        expectListedOnce(await collectListing(t.directory.listUsers()), created);
      },
    );

    kit.test(
      'yields each existing user exactly once and ends, with a small page size and the default one alike',
      { verbs: ['listUsers', 'createUser'] },
      async (t) => {
        const created = await t.createUsers(PAGE + 1);
        const small = await collectListing(t.directory.listUsers({ pageSize: pageSize(t.directory) }));
        expectListedOnce(small, created);
        const large = await collectListing(t.directory.listUsers());
        expectListedOnce(large, created);
        expect(idsOf(large), 'users of the default-page listing').toEqual(idsOf(small));
      },
    );

    kit.test(
      'ends with exactly N users when listing N users with pageSize 1',
      { verbs: ['listUsers', 'createUser'] },
      async (t) => {
        await t.createUsers(3);
        const all = await collectListing(t.directory.listUsers());
        // One more than N is read if offered: a listing that does not stop at N fails here.
        const onePerPage = await collectListing(t.directory.listUsers({ pageSize: 1 }), all.length + 1);
        expect(onePerPage.length, `users listed one per page (N = ${all.length})`).toBe(all.length);
        expect(idsOf(onePerPage)).toEqual(idsOf(all));
      },
    );

    kit.test(
      'reports the same user as getUser does',
      { verbs: ['listUsers', 'createUser', 'getUser'] },
      async (t) => {
        const created = await t.createUser({ displayName: 'Listed Person' });
        const listed = (await collectListing(t.directory.listUsers())).find((user) => user.id === created.id);
        expect(listed).toEqual(await t.directory.getUser({ id: created.id }));
      },
    );

    kit.test(
      'is lazy: breaking out after the first user does not fail',
      { verbs: ['listUsers', 'createUser'] },
      async (t) => {
        await t.createUsers(PAGE + 1);
        let seen = 0;
        for await (const _user of t.directory.listUsers({ pageSize: pageSize(t.directory) })) {
          seen += 1;
          break;
        }
        expect(seen).toBe(1);
        // The directory stays usable after an abandoned iteration.
        expect((await collectListing(t.directory.listUsers())).length).toBeGreaterThanOrEqual(PAGE + 1);
      },
    );

    kit.test(
      'filters by status (one status and a list of statuses)',
      { verbs: ['listUsers', 'createUser', 'suspendUser'] },
      async (t) => {
        const [kept, suspended, other] = await t.createUsers(3);
        await t.directory.suspendUser({ id: suspended!.id });
        const ids = new Set([kept!.id, suspended!.id, other!.id]);
        const mine = async (status: User['status'] | User['status'][]): Promise<string[]> => {
          const listed = await collectListing(
            t.directory.listUsers({ status, pageSize: pageSize(t.directory) }),
          );
          for (const user of listed) expect([status].flat()).toContain(user.status);
          return listed.filter((user) => ids.has(user.id)).map((user) => user.id);
        };
        expect(await mine('suspended')).toEqual([suspended!.id]);
        expect((await mine(t.initialStatus)).sort()).toEqual([kept!.id, other!.id].sort());
        expect((await mine([t.initialStatus, 'suspended'])).sort()).toEqual([...ids].sort());
        // Lists that leave a status out: a provider ignoring a list of statuses returns all three.
        expect(await mine(['suspended']), 'status: [suspended]').toEqual([suspended!.id]);
        expect((await mine([t.initialStatus])).sort(), `status: [${t.initialStatus}]`).toEqual(
          [kept!.id, other!.id].sort(),
        );
        const otherStatus = t.initialStatus === 'active' ? 'invited' : 'active';
        expect(await mine([otherStatus, 'suspended']), `status: [${otherStatus}, suspended]`).toEqual([
          suspended!.id,
        ]);
      },
    );

    kit.test(
      'sees a change made between pages: each request carries at most pageSize users',
      { verbs: ['listUsers', 'createUser', 'suspendUser'] },
      async (t) => {
        const created = await t.createUsers(CHANGED_LATER + 1);
        const mine = new Set(created.map((user) => user.id));
        const seen = new Set<string>();
        const listed: User[] = [];
        for await (const user of t.directory.listUsers({ pageSize: 1 })) {
          if (!mine.has(user.id)) continue;
          if (seen.size === 0) {
            // After the first of this test's users, every other one is suspended: pages fetched
            // from now on must show it.
            for (const other of created)
              if (other.id !== user.id) await t.directory.suspendUser({ id: other.id });
          } else listed.push(user);
          seen.add(user.id);
        }
        expect(listed.length, 'users listed after the change').toBe(CHANGED_LATER);
        // Up to two pages fetched ahead (before the change) are allowed, so the server can build
        // them while the caller reads; a provider that fetched more than pageSize users per request
        // shows the state from before the change for all of them.
        const stale = listed.filter((user) => user.status !== 'suspended').map((user) => user.id);
        expect(stale.length, `users listed as before the change (${stale.join(', ')})`).toBeLessThanOrEqual(
          MAX_PAGES_AHEAD,
        );
      },
    );

    kit.test('filters by group', { verbs: ['listUsers', 'createUser', 'addToGroups'] }, async (t) => {
      const group = t.groupName();
      const [first, outsider, second] = await t.createUsers(3);
      await t.directory.addToGroups({ id: first!.id }, [group]);
      await t.directory.addToGroups({ id: second!.id }, [group]);
      const listed = await collectListing(t.directory.listUsers({ group, pageSize: pageSize(t.directory) }));
      expect(listed.map((user) => user.id).sort()).toEqual([first!.id, second!.id].sort());
      for (const user of listed) expect(user.groups).toContain(group);
      expect(listed.map((user) => user.id)).not.toContain(outsider!.id);
    });

    kit.test(
      'lists nothing for a group without members',
      { verbs: ['listUsers', 'createUser'] },
      async (t) => {
        await t.createUser();
        expect(await collectListing(t.directory.listUsers({ group: t.groupName() }))).toEqual([]);
      },
    );
  });
}

function idsOf(users: readonly User[]): string[] {
  return users.map((user) => user.id).sort();
}

function pageSize(directory: UserDirectory): number {
  return Math.min(PAGE, directory.capabilities.maxPageSize);
}

/** Every created user is listed exactly once, and no user (created here or not) is listed twice. */
function expectListedOnce(listed: readonly User[], created: readonly User[]): void {
  const ids = listed.map((user) => user.id);
  const duplicates = ids.filter((id, index) => ids.indexOf(id) !== index);
  expect(duplicates, 'users listed more than once').toEqual([]);
  const listedIds = new Set(ids);
  const lost = created.filter((user) => !listedIds.has(user.id)).map((user) => user.id);
  expect(lost, 'created users missing from the listing').toEqual([]);
}
