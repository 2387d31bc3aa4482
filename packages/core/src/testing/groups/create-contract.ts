import { describe, expect } from 'vitest';
import { type Capabilities, CREATE_FIELDS } from '../../spi/capabilities.js';
import type { UserNameFormat } from '../../spi/user-name-format.js';
import { collectListing } from '../collect-listing.js';
import type { ContractKit } from '../contract-kit.js';
import { expectIssueAt, expectProvisioningError } from '../expect-error.js';
import { declaredFieldsInput, expectStoredFields, undeclaredFieldValues } from './field-values.js';

export function createContract(kit: ContractKit): void {
  describe('.createUser', () => {
    kit.test(
      'stores every field it declares: returned and read back',
      { verbs: ['createUser', 'getUser'] },
      async (t) => {
        const input = declaredFieldsInput(t);
        const user = await t.directory.createUser(input);
        expect(user.id).not.toBe('');
        expect(user.userName).toBe(input.userName);
        expectStoredFields(t.capabilities, user, input, 'returned');
        expectStoredFields(t.capabilities, await t.directory.getUser({ id: user.id }), input, 'read back');
      },
    );

    // displayName is asked for without name parts: a provider may hold one full name, and then
    // displayName and given/family names given together could not both be kept.
    kit.test(
      'keeps a displayName given without name parts exactly',
      { verbs: ['createUser'], when: (caps) => declares(caps.creatableFields, 'displayName') },
      async (t) => {
        const input = t.newUser({ displayName: `Ada  Created ${t.token()}` });
        const user = await t.directory.createUser(input);
        expect(user.displayName).toBe(input.displayName);
      },
    );

    kit.test(
      'keeps the letter case of userName as given: returned, read back and listed',
      { verbs: ['createUser'] },
      async (t) => {
        const userName = t.mixedCase(t.userName());
        const user = await t.directory.createUser(t.newUser({ userName }));
        expect(user.userName, 'userName returned').toBe(userName);
        if (t.capabilities.verbs.includes('getUser')) {
          expect((await t.directory.getUser({ id: user.id })).userName, 'userName read back').toBe(userName);
        }
        if (t.capabilities.verbs.includes('listUsers')) {
          const listed = (await collectListing(t.directory.listUsers())).find(
            (entry) => entry.id === user.id,
          );
          expect(listed?.userName, 'userName listed').toBe(userName);
        }
      },
    );

    kit.test(
      'refuses each field it does not declare with unsupported_operation and creates nothing',
      {
        verbs: ['createUser'],
        when: (caps) =>
          CREATE_FIELDS.every((field) => caps.creatableFields.includes(field)) &&
          caps.acceptsPassword &&
          caps.verbs.includes('addToGroups')
            ? 'every field is declared'
            : undefined,
      },
      async (t) => {
        for (const [field, value] of undeclaredFieldValues(t)) {
          const userName = t.userName();
          const error = await expectProvisioningError(
            t.directory.createUser({ userName, [field]: value }),
            'unsupported_operation',
          );
          expect(error.details?.field, `field named for ${field}`).toBe(`input.${field}`);
          if (t.capabilities.verbs.includes('getUser')) {
            await expectProvisioningError(t.directory.getUser({ userName }), 'not_found');
          }
        }
      },
    );

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
      'creates an admin when isAdmin: true is asked for: returned and read back',
      { verbs: ['createUser', 'getUser'], when: (caps) => declares(caps.creatableFields, 'isAdmin') },
      async (t) => {
        const user = await t.createUser({ isAdmin: true });
        expect(user.isAdmin, 'isAdmin returned').toBe(true);
        expect((await t.directory.getUser({ id: user.id })).isAdmin, 'isAdmin read back').toBe(true);
      },
    );

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

    kit.test(
      "refuses a userName that is not an email address with invalid_input, as userNameFormat 'email' declares, and creates nothing",
      { verbs: ['createUser'], when: (caps) => formatIs(caps, 'email') },
      async (t) => {
        const userName = t.nonEmailUserName();
        const error = await expectProvisioningError(
          t.directory.createUser(t.newUser({ userName })),
          'invalid_input',
        );
        expectIssueAt(error, 'input.userName');
        if (t.capabilities.verbs.includes('getUser')) {
          await expectProvisioningError(t.directory.getUser({ userName }), 'not_found');
        }
      },
    );

    kit.test(
      "accepts a userName that is not an email address, as userNameFormat 'any' declares: returned and read back",
      { verbs: ['createUser'], when: (caps) => formatIs(caps, 'any') },
      async (t) => {
        const userName = t.nonEmailUserName();
        const user = await t.directory.createUser(t.newUser({ userName }));
        expect(user.userName, 'userName returned').toBe(userName);
        if (t.capabilities.verbs.includes('getUser')) {
          expect((await t.directory.getUser({ id: user.id })).userName, 'userName read back').toBe(userName);
        }
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
        const existing = await t.createUser();
        const duplicate = t.newUser({
          userName: existing.userName,
          displayName: `Intruder ${t.token()}`,
          externalId: `ext-${t.token()}`,
          isAdmin: true,
        });
        await expectProvisioningError(t.directory.createUser(duplicate), 'conflict');
        const after = await t.directory.getUser({ id: existing.id });
        const fields = ['isAdmin', 'givenName', 'familyName', 'displayName', 'externalId', 'email'] as const;
        for (const field of fields) expect(after[field], field).toEqual(existing[field]);
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

function formatIs(caps: Capabilities, format: UserNameFormat): string | undefined {
  return caps.userNameFormat === format ? undefined : `userNameFormat is ${caps.userNameFormat}`;
}

function declares(fields: readonly string[], field: string): string | undefined {
  return fields.includes(field) ? undefined : `${field} is not in creatableFields`;
}
