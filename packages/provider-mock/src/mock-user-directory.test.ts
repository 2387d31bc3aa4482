import { describe, expect, it } from 'vitest';
import { directory, expectValidUser, FIXED_NOW } from '../test/helpers.js';
import { createMockDirectory } from './create-mock-directory.js';
import { MockUserDirectory } from './mock-user-directory.js';

describe(MockUserDirectory, () => {
  describe('constructor', () => {
    it('declares every capability with the documented defaults', () => {
      const { capabilities, provider } = directory();
      expect(provider).toBe('mock');
      expect(capabilities.verbs).toHaveLength(15);
      expect(capabilities.listFilters).toEqual(['status', 'group']);
      expect(capabilities.updatableFields).toHaveLength(8);
      expect(capabilities).toMatchObject({
        maxBatchSize: 100,
        maxPageSize: 1000,
        defaultPageSize: 50,
        acceptsPassword: true,
        createsInvitedUsers: false,
        userNameFormat: 'any',
      });
    });

    it('with userNameFormat email, declares it and refuses other user names itself, naming them', async () => {
      const strict = directory({ userNameFormat: 'email' });
      expect(strict.capabilities.userNameFormat).toBe('email');
      await expect(strict.createUser({ userName: 'kiosk-7' })).rejects.toMatchObject({
        code: 'invalid_input',
        issues: [{ path: 'input.userName', message: expect.stringContaining('email address') }],
      });
      const batch = await strict.createUsers([{ userName: 'ada@example.com' }, { userName: 'kiosk-7' }]);
      expect(batch.items.map((item) => item.ok)).toEqual([true, false]);
      expect(batch.items[1]).toMatchObject({ error: { issues: [{ path: 'batch.1.userName' }] } });
      const ada = strict.peekUsers()[0]!;
      await expect(strict.updateUser({ id: ada.id }, { userName: 'kiosk-7' })).rejects.toMatchObject({
        code: 'invalid_input',
        issues: [{ path: 'patch.userName' }],
      });
      expect(strict.peekUsers().map((user) => user.userName)).toEqual(['ada@example.com']);
      expect(() => directory({ userNameFormat: 'email', seed: [{ userName: 'kiosk-7' }] })).toThrow(
        expect.objectContaining({ code: 'invalid_input' }),
      );
    });

    it('reports the configured provider id, batch size and invitation mode', () => {
      const custom = directory({ provider: 'fake', maxBatchSize: 5, createsInvitedUsers: true });
      expect(custom.provider).toBe('fake');
      expect(custom.capabilities).toMatchObject({ maxBatchSize: 5, createsInvitedUsers: true });
    });

    it('creates seed users in order with sequential ids', () => {
      const seeded = directory({ seed: [{ userName: 'a@example.com' }, { userName: 'b@example.com' }] });
      expect(seeded.peekUsers().map((user) => [user.id, user.userName])).toEqual([
        ['u-000001', 'a@example.com'],
        ['u-000002', 'b@example.com'],
      ]);
    });

    it('rejects seed users whose names collide case-insensitively', () => {
      expect(() =>
        directory({ seed: [{ userName: 'a@example.com' }, { userName: 'A@example.com' }] }),
      ).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    });

    it('rejects unknown options and a blank provider id with invalid_input', () => {
      const typo = { maxBatchSzie: 5 } as Parameters<typeof createMockDirectory>[0];
      expect(() => createMockDirectory(typo)).toThrow(expect.objectContaining({ code: 'invalid_input' }));
      expect(() => createMockDirectory({ provider: '' })).toThrow(
        expect.objectContaining({ code: 'invalid_input' }),
      );
    });

    it('rejects an invalid config with invalid_input and never echoes the api key', () => {
      const attempt = () => createMockDirectory({ apiKey: 'short' });
      expect(attempt).toThrow(expect.objectContaining({ code: 'invalid_input' }));
      try {
        attempt();
      } catch (error) {
        expect(JSON.stringify(error)).not.toContain('short');
      }
    });
  });

  describe('.createUser', () => {
    it('assigns sequential ids, defaults and the clock timestamp', async () => {
      const mock = directory();
      const ada = await mock.createUser({
        userName: 'Ada@Example.com',
        givenName: 'Ada',
        familyName: 'Lovelace',
      });
      const bob = await mock.createUser({ userName: 'bob' });
      expect(ada).toEqual({
        id: 'u-000001',
        userName: 'Ada@Example.com',
        email: 'Ada@Example.com',
        givenName: 'Ada',
        familyName: 'Lovelace',
        displayName: 'Ada Lovelace',
        status: 'active',
        isAdmin: false,
        groups: [],
        attributes: {},
        createdAt: FIXED_NOW.toISOString(),
      });
      expect(bob.id).toBe('u-000002');
      expect(bob.email).toBeUndefined();
      expect(bob.displayName).toBeUndefined();
      expectValidUser(ada);
    });

    it('keeps explicit email and displayName', async () => {
      const user = await directory().createUser({
        userName: 'ada',
        email: 'ada@example.com',
        givenName: 'Ada',
        displayName: 'The Countess',
      });
      expect(user).toMatchObject({ email: 'ada@example.com', displayName: 'The Countess' });
    });

    it('creates invited users when configured to', async () => {
      const user = await directory({ createsInvitedUsers: true }).createUser({ userName: 'ada' });
      expect(user.status).toBe('invited');
    });

    it('rejects a taken user name case-insensitively with conflict', async () => {
      const mock = directory({ seed: [{ userName: 'ada@example.com' }] });
      await expect(mock.createUser({ userName: 'ADA@example.com' })).rejects.toMatchObject({
        code: 'conflict',
        provider: 'mock',
      });
      expect(mock.peekUsers()).toHaveLength(1);
    });

    it('validates input when called directly', async () => {
      await expect(directory().createUser({ userName: '  ' })).rejects.toMatchObject({
        code: 'invalid_input',
        issues: [expect.objectContaining({ path: 'input.userName' })],
      });
    });

    it('stores the password without ever returning it', async () => {
      const mock = directory();
      const user = await mock.createUser({ userName: 'ada', password: 'correct horse' });
      expect(JSON.stringify(user)).not.toContain('correct horse');
      expect(JSON.stringify(await mock.getUser({ id: user.id }))).not.toContain('correct horse');
      expect(mock.passwordMatches({ userName: 'ada' }, 'correct horse')).toBe(true);
      expect(mock.passwordMatches({ userName: 'ada' }, 'wrong')).toBe(false);
    });

    it('keeps no reference to the input', async () => {
      const mock = directory();
      const input = { userName: 'ada', groups: ['eng'], attributes: { level: 1 } };
      await mock.createUser(input);
      input.groups.push('sales');
      input.attributes.level = 2;
      expect(await mock.getUser({ userName: 'ada' })).toMatchObject({
        groups: ['eng'],
        attributes: { level: 1 },
      });
    });
  });

  describe('.getUser', () => {
    it('finds a user by id and by user name case-insensitively', async () => {
      const mock = directory({ seed: [{ userName: 'ada@example.com' }] });
      expect((await mock.getUser({ id: 'u-000001' })).userName).toBe('ada@example.com');
      expect((await mock.getUser({ userName: 'ADA@EXAMPLE.COM' })).id).toBe('u-000001');
    });

    it('fails with not_found for an unknown user', async () => {
      const mock = directory();
      await expect(mock.getUser({ id: 'u-000009' })).rejects.toMatchObject({ code: 'not_found' });
      await expect(mock.getUser({ userName: 'nobody' })).rejects.toMatchObject({ code: 'not_found' });
    });

    it('returns copies that callers cannot use to change the store', async () => {
      const mock = directory({ seed: [{ userName: 'ada', groups: ['eng'] }] });
      const user = await mock.getUser({ userName: 'ada' });
      user.groups.push('admins');
      user.attributes.x = 'y';
      user.status = 'suspended';
      expect(await mock.getUser({ userName: 'ada' })).toMatchObject({
        groups: ['eng'],
        attributes: {},
        status: 'active',
      });
    });

    it('rejects a malformed ref with invalid_input', async () => {
      await expect(directory().getUser({ id: '' })).rejects.toMatchObject({ code: 'invalid_input' });
    });
  });

  describe('.updateUser', () => {
    it('applies the given fields and leaves the others', async () => {
      const mock = directory({ seed: [{ userName: 'ada', givenName: 'Ada', isAdmin: false }] });
      const user = await mock.updateUser({ userName: 'ada' }, { isAdmin: true, externalId: 'hr-1' });
      expect(user).toMatchObject({ givenName: 'Ada', isAdmin: true, externalId: 'hr-1' });
    });

    it('merges attributes: provided keys replace, null is stored as null', async () => {
      const mock = directory({ seed: [{ userName: 'ada', attributes: { a: 1, b: 'x' } }] });
      const user = await mock.updateUser({ userName: 'ada' }, { attributes: { b: null, c: true } });
      expect(user.attributes).toEqual({ a: 1, b: null, c: true });
    });

    it('renames, after which the old name is free and the new one resolves', async () => {
      const mock = directory({ seed: [{ userName: 'ada' }] });
      await mock.updateUser({ userName: 'ada' }, { userName: 'Ada.L' });
      expect((await mock.getUser({ userName: 'ada.l' })).id).toBe('u-000001');
      await expect(mock.getUser({ userName: 'ada' })).rejects.toMatchObject({ code: 'not_found' });
      expect((await mock.createUser({ userName: 'ada' })).id).toBe('u-000002');
    });

    it('allows changing only the case of the own user name', async () => {
      const mock = directory({ seed: [{ userName: 'ada' }] });
      expect((await mock.updateUser({ id: 'u-000001' }, { userName: 'ADA' })).userName).toBe('ADA');
    });

    it('rejects renaming to a taken name with conflict and changes nothing', async () => {
      const mock = directory({ seed: [{ userName: 'ada' }, { userName: 'bob' }] });
      await expect(
        mock.updateUser({ userName: 'bob' }, { userName: 'ADA', isAdmin: true }),
      ).rejects.toMatchObject({
        code: 'conflict',
      });
      expect(await mock.getUser({ userName: 'bob' })).toMatchObject({ userName: 'bob', isAdmin: false });
    });

    it('fails with not_found for an unknown user and invalid_input for an empty patch', async () => {
      const mock = directory({ seed: [{ userName: 'ada' }] });
      await expect(mock.updateUser({ userName: 'nobody' }, { isAdmin: true })).rejects.toMatchObject({
        code: 'not_found',
      });
      await expect(mock.updateUser({ userName: 'ada' }, {})).rejects.toMatchObject({ code: 'invalid_input' });
    });
  });

  describe('.verifyCredentials', () => {
    it('reports valid credentials with the clock timestamp', async () => {
      expect(await directory().verifyCredentials()).toEqual({
        status: 'valid',
        checkedAt: FIXED_NOW.toISOString(),
      });
    });
  });

  describe('.stats', () => {
    it('counts calls, including failed ones, and resets', async () => {
      const mock = directory();
      await mock.createUser({ userName: 'ada' });
      await expect(mock.getUser({ userName: 'nobody' })).rejects.toMatchObject({ code: 'not_found' });
      await mock.getUser({ userName: 'ada' });
      expect(mock.stats.calls).toMatchObject({ createUser: 1, getUser: 2, listUsers: 0 });
      mock.resetStats();
      expect(mock.stats.calls.getUser).toBe(0);
    });
  });
});
