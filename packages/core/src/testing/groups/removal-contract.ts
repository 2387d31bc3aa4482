import { describe, expect } from 'vitest';
import type { User } from '../../model/user.js';
import type { Capabilities } from '../../spi/capabilities.js';
import { collectListing } from '../collect-listing.js';
import type { ContractKit, ContractTest } from '../contract-kit.js';
import { expectProvisioningError } from '../expect-error.js';
import { callVerb, REF_VERBS } from './call-verb.js';

/** The irreversible lifecycle verbs: remove, purge, cancelInvitation. */
export function removalContract(kit: ContractKit): void {
  describe('.removeUser / .purgeUser', () => {
    kit.test(
      'removes a user: getUser fails with not_found and listUsers omits it',
      { verbs: ['removeUser', 'createUser', 'getUser', 'listUsers'] },
      async (t) => {
        const user = await t.createUser();
        await t.directory.removeUser({ id: user.id });
        await expectGone(t, user);
      },
    );

    kit.test(
      'purges a user: getUser fails with not_found and listUsers omits it',
      { verbs: ['purgeUser', 'createUser', 'getUser', 'listUsers'] },
      async (t) => {
        const user = await t.createUser();
        await t.directory.purgeUser({ userName: user.userName });
        await expectGone(t, user);
      },
    );

    kit.test(
      'a purged user stays gone: recreating its userName gives a new id and none of the old data',
      { verbs: ['purgeUser', 'createUser', 'getUser'] },
      async (t) => {
        const old = await t.createUser({
          givenName: 'Before',
          externalId: `ext-${t.token()}`,
          attributes: { era: 'old' },
        });
        await t.directory.purgeUser({ id: old.id });
        const reborn = await t.createUser({ userName: old.userName, givenName: 'After' });
        expect(reborn.id).not.toBe(old.id);
        expect(reborn.status).toBe(t.initialStatus);
        expect(reborn.externalId).toBeUndefined();
        expect(reborn.attributes).not.toHaveProperty('era');
        await expectProvisioningError(t.directory.getUser({ id: old.id }), 'not_found');
        expect((await t.directory.getUser({ userName: old.userName })).id).toBe(reborn.id);
      },
    );

    for (const verb of ['removeUser', 'purgeUser'] as const) {
      const state = verb === 'removeUser' ? 'removed' : 'purged';
      kit.test(
        `every verb on a ${state} user fails with not_found, and the user stays gone`,
        { verbs: [verb, 'createUser', 'getUser'] },
        async (t) => {
          const user = await t.createUser();
          await t.directory[verb]({ id: user.id });
          for (const other of REF_VERBS.filter((name) => t.capabilities.verbs.includes(name))) {
            for (const ref of [{ id: user.id }, { userName: user.userName }]) {
              await expectProvisioningError(callVerb(t, other, ref), 'not_found').catch(
                (failure: unknown) => {
                  throw new Error(`${other}(${JSON.stringify(ref)}): ${String(failure)}`);
                },
              );
            }
          }
          // A verb that answered not_found must not have brought the user back either.
          await expectGone(t, user);
        },
      );
    }
  });

  describe('.cancelInvitation', () => {
    kit.test(
      'withdraws the invitation of an invited user: the user is gone',
      { verbs: ['cancelInvitation', 'createUser', 'getUser', 'listUsers'], when: invitesUsers },
      async (t) => {
        const user = await t.createUser();
        expect(user.status).toBe('invited');
        await t.directory.cancelInvitation({ id: user.id });
        await expectGone(t, user);
      },
    );

    kit.test(
      'fails with conflict for a user who is not invited, and keeps the user',
      { verbs: ['cancelInvitation', 'createUser', 'getUser'], when: canMakeNonInvited },
      async (t) => {
        const user = await t.createUser();
        const before = t.capabilities.createsInvitedUsers
          ? await t.directory.suspendUser({ id: user.id })
          : user;
        await expectProvisioningError(t.directory.cancelInvitation({ id: user.id }), 'conflict');
        expect((await t.directory.getUser({ id: user.id })).status).toBe(before.status);
      },
    );
  });
}

async function expectGone(t: ContractTest, user: User): Promise<void> {
  await expectProvisioningError(t.directory.getUser({ id: user.id }), 'not_found');
  await expectProvisioningError(t.directory.getUser({ userName: user.userName }), 'not_found');
  if (!t.capabilities.verbs.includes('listUsers')) return;
  const listed = await collectListing(t.directory.listUsers());
  expect(listed.map((entry) => entry.id)).not.toContain(user.id);
  expect(listed.map((entry) => entry.userName.toLowerCase())).not.toContain(user.userName.toLowerCase());
}

function invitesUsers(caps: Capabilities): string | undefined {
  return caps.createsInvitedUsers ? undefined : 'createsInvitedUsers is false: no invited user to cancel';
}

/** Without createsInvitedUsers a new user is active; with it, suspending one makes it non-invited. */
function canMakeNonInvited(caps: Capabilities): string | undefined {
  if (!caps.createsInvitedUsers || caps.verbs.includes('suspendUser')) return undefined;
  return 'new users are invited and suspendUser is undeclared';
}
