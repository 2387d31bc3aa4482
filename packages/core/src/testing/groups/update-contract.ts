import { describe, expect } from 'vitest';
import { USER_PATCH_FIELDS, type User, type UserPatchField } from '../../model/user.js';
import type { Capabilities } from '../../spi/capabilities.js';
import type { ContractKit } from '../contract-kit.js';
import { expectProvisioningError } from '../expect-error.js';
import { expectPatched, patchFor } from './field-values.js';

const updatable =
  (field: UserPatchField) =>
  (caps: Capabilities): string | undefined =>
    caps.updatableFields.includes(field) ? undefined : `${field} is not in updatableFields`;

export function updateContract(kit: ContractKit): void {
  describe('.updateUser', () => {
    for (const field of USER_PATCH_FIELDS) {
      kit.test(
        `updates ${field}, returns the change and persists it`,
        { verbs: ['updateUser', 'createUser', 'getUser'], when: updatable(field) },
        async (t) => {
          const user = await t.createUser();
          const patch = patchFor(field, t);
          expectPatched(await t.directory.updateUser({ id: user.id }, patch), field, patch);
          const reread = await t.directory.getUser({ id: user.id });
          expectPatched(reread, field, patch);
          expect(reread.id).toBe(user.id);
        },
      );
    }

    kit.test(
      'sets isAdmin back to false: returned and read back',
      { verbs: ['updateUser', 'createUser', 'getUser'], when: updatable('isAdmin') },
      async (t) => {
        const user = t.creates('isAdmin')
          ? await t.createUser({ isAdmin: true })
          : await t.directory.updateUser({ id: (await t.createUser()).id }, { isAdmin: true });
        expect(user.isAdmin, 'isAdmin before').toBe(true);
        expect((await t.directory.updateUser({ id: user.id }, { isAdmin: false })).isAdmin).toBe(false);
        expect((await t.directory.getUser({ id: user.id })).isAdmin, 'isAdmin read back').toBe(false);
      },
    );

    // givenName is left out: a provider keeping one full name reads a lone family name as a given
    // name, so clearing the given name cannot round-trip there.
    for (const field of ['displayName', 'familyName'] as const) {
      kit.test(
        `clears ${field} with an empty string: returned and read back as empty or absent`,
        { verbs: ['updateUser', 'createUser', 'getUser'], when: updatable(field) },
        async (t) => {
          const cleared = (value: string | undefined) => value === undefined || value === '';
          let user = await t.createUser(field === 'displayName' ? { displayName: `Ada ${t.token()}` } : {});
          if (cleared(user[field])) user = await t.directory.updateUser({ id: user.id }, patchFor(field, t));
          expect(cleared(user[field]), `${field} before`).toBe(false);
          const updated = await t.directory.updateUser({ id: user.id }, { [field]: '' });
          expect(cleared(updated[field]), `${field} returned: ${updated[field]}`).toBe(true);
          const reread = await t.directory.getUser({ id: user.id });
          expect(cleared(reread[field]), `${field} read back: ${reread[field]}`).toBe(true);
        },
      );
    }

    kit.test(
      'leaves the fields it was not asked to change untouched',
      {
        verbs: ['updateUser', 'createUser', 'getUser'],
        when: (caps) => (sideField(caps) ? undefined : NO_SIDE_FIELD),
      },
      async (t) => {
        const user = await t.createUser({ externalId: `ext-${t.token()}`, attributes: { level: 'one' } });
        const field = sideField(t.capabilities)!;
        await t.directory.updateUser({ id: user.id }, patchFor(field, t));
        const after = await t.directory.getUser({ id: user.id });
        // Name fields are left out: providers may derive displayName from the name parts.
        const kept = KEPT_FIELDS.filter((name) => name !== field);
        expect(pick(after, kept)).toEqual(pick(user, kept));
      },
    );

    kit.test(
      "rejects renaming to another user's userName (in another case) with conflict",
      { verbs: ['updateUser', 'createUser', 'getUser'], when: updatable('userName') },
      async (t) => {
        const [first, second] = await t.createUsers(2);
        const clash = { userName: second!.userName.toUpperCase() };
        await expectProvisioningError(t.directory.updateUser({ id: first!.id }, clash), 'conflict');
        expect((await t.directory.getUser({ id: first!.id })).userName).toBe(first!.userName);
        expect((await t.directory.getUser({ userName: second!.userName })).id).toBe(second!.id);
      },
    );

    kit.test(
      'accepts renaming a user to its own userName in another case',
      { verbs: ['updateUser', 'createUser', 'getUser'], when: updatable('userName') },
      async (t) => {
        const user = await t.createUser();
        const renamed = await t.directory.updateUser(
          { id: user.id },
          { userName: user.userName.toUpperCase() },
        );
        expect(renamed.id).toBe(user.id);
        expect((await t.directory.getUser({ userName: user.userName })).id).toBe(user.id);
      },
    );

    kit.test(
      'after a rename the old userName is not_found and the new one finds the user',
      { verbs: ['updateUser', 'createUser', 'getUser'], when: updatable('userName') },
      async (t) => {
        const user = await t.createUser();
        const userName = t.userName();
        await t.directory.updateUser({ userName: user.userName }, { userName });
        expect((await t.directory.getUser({ userName })).id).toBe(user.id);
        await expectProvisioningError(t.directory.getUser({ userName: user.userName }), 'not_found');
      },
    );

    kit.test('fails with not_found for an unknown user', { verbs: ['updateUser'] }, async (t) => {
      const field = t.capabilities.updatableFields[0] ?? 'givenName';
      await expectProvisioningError(
        t.directory.updateUser({ id: t.unknownId() }, patchFor(field, t)),
        'not_found',
      );
    });
  });
}

const SIDE_FIELDS = ['externalId', 'attributes', 'displayName', 'email'] as const;
const NO_SIDE_FIELD = 'none of externalId, attributes, displayName, email is updatable';
const KEPT_FIELDS = [
  'id',
  'userName',
  'email',
  'status',
  'isAdmin',
  'groups',
  'externalId',
  'createdAt',
] as const;

/** A field whose change should not ripple into the fields the test compares. */
function sideField(caps: Capabilities): UserPatchField | undefined {
  return SIDE_FIELDS.find((field) => caps.updatableFields.includes(field));
}

function pick(user: User, fields: readonly (keyof User)[]): Partial<User> {
  return Object.fromEntries(fields.map((field) => [field, user[field]]));
}
