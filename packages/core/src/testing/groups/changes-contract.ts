import { describe, expect } from 'vitest';
import { collectListing } from '../collect-listing.js';
import type { ContractKit, ContractTest } from '../contract-kit.js';
import { expectIssueAt, expectProvisioningError } from '../expect-error.js';
import { expectPatched, patchFor } from './field-values.js';

/** Users created at most, waiting a few milliseconds between them, for the provider's clock to move. */
const CLOCK_TRIES = 50;

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
      'lists a user created before since and changed after it',
      { verbs: ['listUsersChangedSince', 'createUser', 'updateUser'] },
      async (t) => {
        const old = await t.directory.createUser(t.newUser());
        const since = await instantAfter(t, old.createdAt);
        // A provider that reports no createdAt gives the kit no clock to reason with.
        if (since === undefined) return;
        const field = t.capabilities.updatableFields.find((name) => name !== 'userName');
        if (field === undefined) return;
        const patch = patchFor(field, t);
        await t.directory.updateUser({ id: old.id }, patch);
        const listed = await collectListing(t.directory.listUsersChangedSince!({ since }));
        const found = listed.find((user) => user.id === old.id);
        expect(found, 'the user changed after since').toBeDefined();
        expectPatched(found!, field, patch);
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

/**
 * A `createdAt` later than `after` by the provider's own clock: users are created until one's
 * `createdAt` moves past it. Undefined when the provider reports no `createdAt`.
 */
async function instantAfter(t: ContractTest, after: string | undefined): Promise<string | undefined> {
  if (after === undefined) return undefined;
  for (let tries = 0; tries < CLOCK_TRIES; tries += 1) {
    const marker = await t.createUser();
    if (marker.createdAt === undefined) return undefined;
    if (Date.parse(marker.createdAt) > Date.parse(after)) return marker.createdAt;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  throw new Error(`the provider's createdAt did not move past ${after} in ${CLOCK_TRIES} creates`);
}
