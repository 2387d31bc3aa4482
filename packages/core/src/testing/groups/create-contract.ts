import { describe, expect } from 'vitest';
import { collectListing } from '../collect-listing.js';
import type { ContractKit } from '../contract-kit.js';
import { expectProvisioningError } from '../expect-error.js';
import { expectStoredFields } from './field-values.js';

export function createContract(kit: ContractKit): void {
  describe('.createUser', () => {
    kit.test('returns the new user with the given fields', { verbs: ['createUser'] }, async (t) => {
      const input = t.newUser({ externalId: `ext-${t.token()}` });
      const user = await t.directory.createUser(input);
      expect(user.id).not.toBe('');
      expect(user.userName).toBe(input.userName);
      expectStoredFields(t.capabilities, user, input);
    });

    // displayName is asked for without name parts: a provider may hold one full name, and then
    // displayName and given/family names given together could not both be kept.
    kit.test('keeps a displayName given without name parts exactly', { verbs: ['createUser'] }, async (t) => {
      const { givenName: _given, familyName: _family, ...rest } = t.newUser();
      const input = { ...rest, displayName: `Ada  Created ${t.token()}` };
      const user = await t.directory.createUser(input);
      expectStoredFields(t.capabilities, user, input);
    });

    kit.test(
      'starts users as invited or active, as createsInvitedUsers declares',
      { verbs: ['createUser'] },
      async (t) => {
        expect((await t.createUser()).status).toBe(t.initialStatus);
      },
    );

    kit.test('creates a non-admin user unless isAdmin is asked for', { verbs: ['createUser'] }, async (t) => {
      expect((await t.createUser()).isAdmin).toBe(false);
    });

    kit.test(
      'persists the user: getUser returns what createUser returned',
      { verbs: ['createUser', 'getUser'] },
      async (t) => {
        const created = await t.createUser();
        const found = await t.directory.getUser({ id: created.id });
        expect({ id: found.id, userName: found.userName, status: found.status }).toEqual({
          id: created.id,
          userName: created.userName,
          status: created.status,
        });
      },
    );

    kit.test('gives every user its own id', { verbs: ['createUser'] }, async (t) => {
      const users = await t.createUsers(3);
      expect(new Set(users.map((user) => user.id)).size).toBe(3);
    });

    kit.test(
      'trims surrounding whitespace from userName',
      { verbs: ['createUser', 'getUser'] },
      async (t) => {
        const userName = t.userName();
        const user = await t.directory.createUser(t.newUser({ userName: `  ${userName} ` }));
        expect(user.userName).toBe(userName);
        expect((await t.directory.getUser({ userName })).id).toBe(user.id);
      },
    );

    kit.test('rejects a duplicate userName with conflict', { verbs: ['createUser'] }, async (t) => {
      const existing = await t.createUser();
      await expectProvisioningError(
        t.directory.createUser(t.newUser({ userName: existing.userName })),
        'conflict',
      );
    });

    kit.test(
      'rejects a duplicate userName that differs only in case with conflict',
      { verbs: ['createUser'] },
      async (t) => {
        const existing = await t.createUser();
        const shouted = existing.userName.toUpperCase();
        await expectProvisioningError(t.directory.createUser(t.newUser({ userName: shouted })), 'conflict');
      },
    );

    kit.test(
      'leaves the existing user untouched after a duplicate create',
      { verbs: ['createUser', 'getUser'] },
      async (t) => {
        const existing = await t.createUser({ givenName: 'Original' });
        const duplicate = t.newUser({ userName: existing.userName, givenName: 'Intruder', isAdmin: true });
        await expectProvisioningError(t.directory.createUser(duplicate), 'conflict');
        const after = await t.directory.getUser({ id: existing.id });
        expect(after.isAdmin).toBe(existing.isAdmin);
        expect(after.givenName).toBe(existing.givenName);
      },
    );

    kit.test('makes the new user visible in listUsers', { verbs: ['createUser', 'listUsers'] }, async (t) => {
      const created = await t.createUser();
      const ids = (await collectListing(t.directory.listUsers())).map((user) => user.id);
      expect(ids.filter((id) => id === created.id)).toHaveLength(1);
    });

    kit.test(
      'accepts an initial password and never returns it',
      {
        verbs: ['createUser'],
        when: (caps) => (caps.acceptsPassword ? undefined : 'acceptsPassword is false'),
      },
      async (t) => {
        const user = await t.directory.createUser(t.newUser({ password: t.canaryPassword }));
        expect(user).not.toHaveProperty('password');
        expect(JSON.stringify(user)).not.toContain(t.canaryPassword);
      },
    );

    kit.test('creates the user in the given groups', { verbs: ['createUser', 'addToGroups'] }, async (t) => {
      const groups = [t.groupName(), t.groupName()];
      const user = await t.createUser({ groups });
      expect([...user.groups].sort()).toEqual([...groups].sort());
    });
  });
}
