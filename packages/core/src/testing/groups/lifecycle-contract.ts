import { describe, expect } from 'vitest';
import { collectListing } from '../collect-listing.js';
import type { ContractKit } from '../contract-kit.js';
import { removalContract } from './removal-contract.js';

export function lifecycleContract(kit: ContractKit): void {
  describe('.suspendUser / .reactivateUser', () => {
    kit.test(
      'suspends a user: returned and re-read as suspended',
      { verbs: ['suspendUser', 'createUser', 'getUser'] },
      async (t) => {
        const user = await t.createUser();
        expect((await t.directory.suspendUser({ id: user.id })).status).toBe('suspended');
        expect((await t.directory.getUser({ id: user.id })).status).toBe('suspended');
      },
    );

    kit.test(
      'suspending a suspended user is idempotent',
      { verbs: ['suspendUser', 'createUser', 'getUser'] },
      async (t) => {
        const user = await t.createUser();
        await t.directory.suspendUser({ id: user.id });
        expect((await t.directory.suspendUser({ userName: user.userName })).status).toBe('suspended');
        expect((await t.directory.getUser({ id: user.id })).status).toBe('suspended');
      },
    );

    kit.test(
      'keeps the data, groups and listing of a suspended user',
      { verbs: ['suspendUser', 'createUser', 'getUser', 'listUsers'] },
      async (t) => {
        const groups = t.capabilities.verbs.includes('addToGroups') ? [t.groupName()] : [];
        const user = await t.createUser({
          externalId: `ext-${t.token()}`,
          ...(groups.length > 0 ? { groups } : {}),
        });
        expect(user.groups).toEqual(groups);
        await t.directory.suspendUser({ id: user.id });
        const after = await t.directory.getUser({ id: user.id });
        expect({ ...after, status: user.status }).toEqual(user);
        expect((await collectListing(t.directory.listUsers())).map((listed) => listed.id)).toContain(user.id);
      },
    );

    kit.test(
      'reactivates a suspended user to the status it had before',
      { verbs: ['suspendUser', 'reactivateUser', 'createUser', 'getUser'] },
      async (t) => {
        const user = await t.createUser();
        await t.directory.suspendUser({ id: user.id });
        expect((await t.directory.reactivateUser({ id: user.id })).status).toBe(user.status);
        expect((await t.directory.getUser({ id: user.id })).status).toBe(user.status);
      },
    );

    kit.test(
      'reactivating a user who is not suspended changes nothing (idempotent)',
      { verbs: ['reactivateUser', 'createUser', 'getUser'] },
      async (t) => {
        const user = await t.createUser();
        expect((await t.directory.reactivateUser({ id: user.id })).status).toBe(user.status);
        expect(await t.directory.getUser({ id: user.id })).toEqual(user);
      },
    );
  });

  removalContract(kit);
}
