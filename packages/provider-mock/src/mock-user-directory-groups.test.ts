import { describe, expect, it } from 'vitest';
import { directory } from '../test/helpers.js';
import { MockUserDirectory } from './mock-user-directory.js';

const ADA = { userName: 'ada' };

describe(MockUserDirectory, () => {
  describe('.addToGroups', () => {
    it('adds groups, creating unknown ones, and is idempotent', async () => {
      const mock = directory({ seed: [{ ...ADA, groups: ['eng'] }] });
      expect((await mock.addToGroups(ADA, ['eng', 'ops'])).groups).toEqual(['eng', 'ops']);
      expect((await mock.addToGroups(ADA, ['ops'])).groups).toEqual(['eng', 'ops']);
      expect((await mock.listGroups()).map((group) => group.name)).toEqual(['eng', 'ops']);
    });

    it('fails with not_found for an unknown user and invalid_input for a blank group', async () => {
      const mock = directory({ seed: [ADA] });
      await expect(mock.addToGroups({ userName: 'nobody' }, ['eng'])).rejects.toMatchObject({
        code: 'not_found',
      });
      await expect(mock.addToGroups(ADA, [' '])).rejects.toMatchObject({
        code: 'invalid_input',
        issues: [expect.objectContaining({ path: 'groups.0' })],
      });
      expect(await mock.listGroups()).toEqual([]);
    });
  });

  describe('.removeFromGroups', () => {
    it('removes groups and ignores groups the user is not in', async () => {
      const mock = directory({ seed: [{ ...ADA, groups: ['eng', 'ops'] }] });
      expect((await mock.removeFromGroups(ADA, ['ops', 'sales'])).groups).toEqual(['eng']);
      expect((await mock.removeFromGroups(ADA, ['ops'])).groups).toEqual(['eng']);
    });

    it('fails with not_found for an unknown user', async () => {
      await expect(directory().removeFromGroups({ id: 'u-000404' }, ['eng'])).rejects.toMatchObject({
        code: 'not_found',
      });
    });
  });

  describe('.listGroups', () => {
    it('reports groups sorted by name with ids equal to names and member counts', async () => {
      const mock = directory({
        seed: [
          { userName: 'a', groups: ['sales', 'eng'] },
          { userName: 'b', groups: ['eng'] },
        ],
      });
      expect(await mock.listGroups()).toEqual([
        { id: 'eng', name: 'eng', memberCount: 2 },
        { id: 'sales', name: 'sales', memberCount: 1 },
      ]);
    });

    it('keeps a group that became empty, with memberCount 0', async () => {
      const mock = directory({ seed: [{ ...ADA, groups: ['eng'] }] });
      await mock.removeFromGroups(ADA, ['eng']);
      expect(await mock.listGroups()).toEqual([{ id: 'eng', name: 'eng', memberCount: 0 }]);
    });

    it('counts only remaining users', async () => {
      const mock = directory({
        seed: [
          { ...ADA, groups: ['eng'] },
          { userName: 'b', groups: ['eng'] },
        ],
      });
      await mock.purgeUser(ADA);
      expect(await mock.listGroups()).toEqual([{ id: 'eng', name: 'eng', memberCount: 1 }]);
    });
  });
});
