import { describe, expect, it } from 'vitest';
import { fakeDirectory, rejection, wrap } from './fake-directory-test-helpers.js';

/** A provider with one login email, always the user name, as LastPass declares. */
const oneLoginEmail = () =>
  fakeDirectory({ emailIsUserName: true, updatableFields: ['userName', 'email', 'givenName'] });

describe('the emailIsUserName check', () => {
  describe('.createUser', () => {
    it('refuses an email other than the user name with invalid_input, before calling the provider', async () => {
      const fake = oneLoginEmail();
      const error = await rejection(
        wrap(fake).createUser({ userName: 'ada@example.com', email: 'ada.l@example.com' }),
      );
      expect(error.code).toBe('invalid_input');
      expect(error.details?.issues).toEqual([{ path: 'input.email', message: expect.any(String) }]);
      expect(JSON.stringify(error)).not.toContain('ada.l@example.com');
      expect(fake.createUser).not.toHaveBeenCalled();
      expect(fake.createUsers).not.toHaveBeenCalled();
    });

    it('passes an email equal to the user name (letter case aside) on, and any email when not declared', async () => {
      const fake = oneLoginEmail();
      await wrap(fake).createUser({ userName: 'ada@example.com', email: 'Ada@Example.com' });
      expect(fake.createUser).toHaveBeenCalledTimes(1);
      const open = fakeDirectory();
      await wrap(open).createUser({ userName: 'ada@example.com', email: 'ada.l@example.com' });
      expect(open.createUser).toHaveBeenCalledTimes(1);
    });
  });

  describe('.createUsers', () => {
    it('fails each item whose email is not its user name alone, naming it', async () => {
      const fake = oneLoginEmail();
      const result = await wrap(fake).createUsers([
        { userName: 'ada@example.com', email: 'ada@example.com' },
        { userName: 'bob@example.com', email: 'robert@example.com' },
        { userName: 'eve@example.com' },
      ]);
      expect(result.items.map((item) => item.ok)).toEqual([true, false, true]);
      const refused = result.items[1]!;
      expect(refused.ok ? undefined : refused.error.details?.issues).toEqual([
        { path: 'batch.1.email', message: expect.any(String) },
      ]);
      const sent = fake.createUsers.mock.calls.flatMap(([batch]) => batch.map((item) => item.userName));
      expect(sent).toEqual(['ada@example.com', 'eve@example.com']);
    });
  });

  describe('.updateUser', () => {
    it('refuses a patch whose userName and email differ, before calling the provider', async () => {
      const fake = oneLoginEmail();
      const error = await rejection(
        wrap(fake).updateUser({ id: '1' }, { userName: 'ada@example.com', email: 'ada.l@example.com' }),
      );
      expect(error.code).toBe('invalid_input');
      expect(error.details?.issues).toEqual([{ path: 'patch.email', message: expect.any(String) }]);
      expect(fake.updateUser).not.toHaveBeenCalled();
      await wrap(fake).updateUser({ id: '1' }, { userName: 'ada@example.com', email: 'ADA@example.com' });
      expect(fake.updateUser).toHaveBeenCalledTimes(1);
    });
  });
});
