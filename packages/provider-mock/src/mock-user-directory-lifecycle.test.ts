import { describe, expect, it } from 'vitest';
import { directory } from '../test/helpers.js';
import { MockUserDirectory } from './mock-user-directory.js';

const ADA = { userName: 'ada' };

describe(MockUserDirectory, () => {
  describe('.suspendUser', () => {
    it('suspends an active user and is idempotent', async () => {
      const mock = directory({ seed: [ADA] });
      expect((await mock.suspendUser(ADA)).status).toBe('suspended');
      expect((await mock.suspendUser(ADA)).status).toBe('suspended');
    });

    it('keeps data and group membership', async () => {
      const mock = directory({ seed: [{ ...ADA, groups: ['eng'], attributes: { a: 1 } }] });
      expect(await mock.suspendUser(ADA)).toMatchObject({ groups: ['eng'], attributes: { a: 1 } });
    });
  });

  describe('.reactivateUser', () => {
    it('restores active after suspension and is idempotent on an active user', async () => {
      const mock = directory({ seed: [ADA] });
      await mock.suspendUser(ADA);
      expect((await mock.reactivateUser(ADA)).status).toBe('active');
      expect((await mock.reactivateUser(ADA)).status).toBe('active');
    });

    it('restores invited when the user was invited before suspension', async () => {
      const mock = directory({ createsInvitedUsers: true, seed: [ADA] });
      await mock.suspendUser(ADA);
      await mock.suspendUser(ADA);
      expect((await mock.reactivateUser(ADA)).status).toBe('invited');
    });

    it('leaves an invited user invited', async () => {
      const mock = directory({ createsInvitedUsers: true, seed: [ADA] });
      expect((await mock.reactivateUser(ADA)).status).toBe('invited');
    });
  });

  describe.each(['removeUser', 'purgeUser'] as const)('.%s', (verb) => {
    it('makes the user gone for every verb, and never reuses its id', async () => {
      const mock = directory({ seed: [ADA] });
      await mock[verb](ADA);
      await expect(mock.getUser({ id: 'u-000001' })).rejects.toMatchObject({ code: 'not_found' });
      await expect(mock.suspendUser(ADA)).rejects.toMatchObject({ code: 'not_found' });
      await expect(mock[verb](ADA)).rejects.toMatchObject({ code: 'not_found' });
      expect(mock.peekUsers()).toEqual([]);
      expect((await mock.createUser(ADA)).id).toBe('u-000002');
    });
  });

  describe('.cancelInvitation', () => {
    it('removes an invited user', async () => {
      const mock = directory({ createsInvitedUsers: true, seed: [ADA] });
      await mock.cancelInvitation(ADA);
      await expect(mock.getUser(ADA)).rejects.toMatchObject({ code: 'not_found' });
    });

    it('fails with conflict for an active or suspended user and keeps it', async () => {
      const mock = directory({ seed: [ADA, { userName: 'bob' }] });
      await mock.suspendUser({ userName: 'bob' });
      await expect(mock.cancelInvitation(ADA)).rejects.toMatchObject({ code: 'conflict' });
      await expect(mock.cancelInvitation({ userName: 'bob' })).rejects.toMatchObject({ code: 'conflict' });
      expect(mock.peekUsers()).toHaveLength(2);
    });
  });

  describe.each(['suspendUser', 'reactivateUser', 'removeUser', 'purgeUser', 'cancelInvitation'] as const)(
    '.%s with an unknown user',
    (verb) => {
      it('fails with not_found', async () => {
        await expect(directory()[verb]({ userName: 'nobody' })).rejects.toMatchObject({ code: 'not_found' });
        await expect(directory()[verb]({ id: 'u-000001' })).rejects.toMatchObject({ code: 'not_found' });
      });
    },
  );
});
