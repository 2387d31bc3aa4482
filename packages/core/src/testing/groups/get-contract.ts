import { describe, expect } from 'vitest';
import type { ContractKit } from '../contract-kit.js';
import { expectProvisioningError } from '../expect-error.js';

export function getContract(kit: ContractKit): void {
  describe('.getUser', () => {
    kit.test('finds a user by id', { verbs: ['getUser', 'createUser'] }, async (t) => {
      const created = await t.createUser();
      const found = await t.directory.getUser({ id: created.id });
      expect(found.id).toBe(created.id);
      expect(found.userName.toLowerCase()).toBe(created.userName.toLowerCase());
    });

    kit.test('finds a user by userName', { verbs: ['getUser', 'createUser'] }, async (t) => {
      const created = await t.createUser();
      expect((await t.directory.getUser({ userName: created.userName })).id).toBe(created.id);
    });

    kit.test(
      'finds a user by userName in a different case (case-insensitive)',
      { verbs: ['getUser', 'createUser'] },
      async (t) => {
        const created = await t.createUser();
        expect((await t.directory.getUser({ userName: created.userName.toUpperCase() })).id).toBe(created.id);
        expect((await t.directory.getUser({ userName: created.userName.toLowerCase() })).id).toBe(created.id);
      },
    );

    kit.test('returns the same user on repeated reads', { verbs: ['getUser', 'createUser'] }, async (t) => {
      const created = await t.createUser();
      const first = await t.directory.getUser({ id: created.id });
      expect(await t.directory.getUser({ id: created.id })).toEqual(first);
    });

    kit.test(
      'fails with not_found for an unknown id and an unknown userName',
      { verbs: ['getUser'] },
      async (t) => {
        await expectProvisioningError(t.directory.getUser({ id: t.unknownId() }), 'not_found');
        await expectProvisioningError(t.directory.getUser({ userName: t.userName() }), 'not_found');
      },
    );

    kit.test(
      'tells users apart: two users are found under their own ids',
      { verbs: ['getUser', 'createUser'] },
      async (t) => {
        const [first, second] = await t.createUsers(2);
        expect(first!.id).not.toBe(second!.id);
        expect((await t.directory.getUser({ userName: second!.userName })).id).toBe(second!.id);
        expect((await t.directory.getUser({ id: first!.id })).userName).toBe(first!.userName);
      },
    );
  });
}
