import { describe, expect, it } from 'vitest';
import { fakeDirectory, rejection, wrap } from './fake-directory-test-helpers.js';

/** A provider whose user names are email addresses, as LastPass declares. */
const emailOnly = () => fakeDirectory({ userNameFormat: 'email', updatableFields: ['userName'] });

describe('the userNameFormat check', () => {
  describe('.createUser', () => {
    it('refuses a user name that is not an email address with invalid_input, before calling the provider', async () => {
      const fake = emailOnly();
      const error = await rejection(wrap(fake).createUser({ userName: 'kiosk-7' }));
      expect(error.code).toBe('invalid_input');
      expect(error.details?.issues).toEqual([{ path: 'input.userName', message: expect.any(String) }]);
      expect(JSON.stringify(error)).not.toContain('kiosk-7');
      expect(fake.createUser).not.toHaveBeenCalled();
      expect(fake.createUsers).not.toHaveBeenCalled();
    });

    it('passes an email address on, trimmed, and any name when the format is any', async () => {
      const fake = emailOnly();
      await wrap(fake).createUser({ userName: ' ada@example.com ' });
      expect(fake.createUser.mock.calls[0]?.[0]).toEqual({ userName: 'ada@example.com' });
      const open = fakeDirectory();
      expect((await wrap(open).createUser({ userName: 'kiosk-7' })).userName).toBe('kiosk-7');
    });
  });

  describe('.createUsers', () => {
    it('fails each item whose user name is not an email address alone, naming it', async () => {
      const fake = emailOnly();
      const result = await wrap(fake).createUsers([
        { userName: 'ada@example.com' },
        { userName: 'kiosk-7' },
        { userName: 'bob@example.com' },
      ]);
      expect(result.items.map((item) => item.ok)).toEqual([true, false, true]);
      const refused = result.items[1]!;
      expect(refused.ok ? undefined : refused.error.code).toBe('invalid_input');
      expect(refused.ok ? undefined : refused.error.details?.issues).toEqual([
        { path: 'batch.1.userName', message: expect.any(String) },
      ]);
      const sent = fake.createUsers.mock.calls.flatMap(([batch]) => batch.map((item) => item.userName));
      expect(sent).toEqual(['ada@example.com', 'bob@example.com']);
    });
  });

  describe('.updateUser', () => {
    it('refuses a rename to a user name that is not an email address, before calling the provider', async () => {
      const fake = emailOnly();
      const error = await rejection(wrap(fake).updateUser({ id: '1' }, { userName: 'kiosk-7' }));
      expect(error.code).toBe('invalid_input');
      expect(error.details?.issues).toEqual([{ path: 'patch.userName', message: expect.any(String) }]);
      expect(fake.updateUser).not.toHaveBeenCalled();
      await wrap(fake).updateUser({ id: '1' }, { userName: 'ada@example.com' });
      expect(fake.updateUser).toHaveBeenCalledTimes(1);
    });
  });
});
