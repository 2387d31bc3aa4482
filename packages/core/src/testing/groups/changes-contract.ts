import { describe, expect } from 'vitest';
import { collectListing } from '../collect-listing.js';
import type { ContractKit } from '../contract-kit.js';
import { expectIssueAt, expectProvisioningError } from '../expect-error.js';

/**
 * listUsersChangedSince, the optional verb: users created or changed at or after `since` (by the
 * provider's clock, so the tests take it from a returned `createdAt`) are listed; listing more is
 * allowed, since a sync compares every user it gets.
 */
export function changesContract(kit: ContractKit): void {
  describe('.listUsersChangedSince', () => {
    kit.test(
      'lists the users created and changed since an instant, as they are now',
      { verbs: ['listUsersChangedSince', 'createUser', 'updateUser'] },
      async (t) => {
        const first = await t.directory.createUser(t.newUser());
        const since = first.createdAt ?? new Date(0).toISOString();
        const field = t.capabilities.updatableFields.includes('givenName') ? 'givenName' : undefined;
        const updated =
          field === undefined
            ? first
            : await t.directory.updateUser({ id: first.id }, { givenName: 'Changed' });
        const second = await t.directory.createUser(t.newUser());
        const listed = await collectListing(t.directory.listUsersChangedSince!({ since, pageSize: 2 }));
        const byId = new Map(listed.map((user) => [user.id, user]));
        expect(byId.get(first.id)?.givenName).toBe(updated.givenName);
        expect(byId.has(second.id)).toBe(true);
        expect(listed.filter((user) => user.id === first.id)).toHaveLength(1);
      },
    );

    kit.test(
      'refuses a since that is not an ISO 8601 instant, naming it',
      { verbs: ['listUsersChangedSince'] },
      async (t) => {
        for (const since of ['yesterday', '', undefined]) {
          const error = await expectProvisioningError(
            collectListing(t.directory.listUsersChangedSince!({ since } as { since: string })),
            'invalid_input',
          );
          expectIssueAt(error, 'options.since');
        }
      },
    );

    kit.test(
      'an abort between pages ends the change listing with cancelled, not quietly',
      { verbs: ['listUsersChangedSince', 'createUser'] },
      async (t) => {
        await t.createUsers(2);
        const controller = new AbortController();
        const since = new Date(0).toISOString();
        const iterator = t.directory.listUsersChangedSince!({
          since,
          pageSize: 1,
          signal: controller.signal,
        })[Symbol.asyncIterator]();
        expect((await iterator.next()).done, 'first step of the listing').toBe(false);
        controller.abort();
        await expectProvisioningError(iterator.next(), 'cancelled');
      },
    );
  });
}
