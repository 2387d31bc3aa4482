import type { NewUser } from '@provisionkit/core';
import { describe, expect, it } from 'vitest';
import { directory, expectValidUser } from '../test/helpers.js';
import { MockUserDirectory } from './mock-user-directory.js';

describe(MockUserDirectory, () => {
  describe('.createUsers', () => {
    it('creates every valid item and reports results in input order', async () => {
      const mock = directory();
      const result = await mock.createUsers([{ userName: 'a' }, { userName: 'b' }]);
      expect(result).toMatchObject({ succeeded: 2, failed: 0 });
      expect(result.items.map((item) => [item.index, item.userName, item.ok])).toEqual([
        [0, 'a', true],
        [1, 'b', true],
      ]);
      for (const item of result.items) if (item.ok) expectValidUser(item.user);
    });

    it('fails duplicates of stored users and of earlier items with conflict, creating the rest', async () => {
      const mock = directory({ seed: [{ userName: 'taken' }] });
      const result = await mock.createUsers([
        { userName: 'TAKEN' },
        { userName: 'new' },
        { userName: 'New' },
        { userName: 'other' },
      ]);
      expect(result).toMatchObject({ succeeded: 2, failed: 2 });
      expect(result.items.map((item) => (item.ok ? 'ok' : item.error.code))).toEqual([
        'conflict',
        'ok',
        'conflict',
        'ok',
      ]);
      expect(mock.peekUsers().map((user) => user.userName)).toEqual(['taken', 'new', 'other']);
    });

    it('fails an invalid item with invalid_input naming its path, without throwing', async () => {
      const mock = directory();
      const batch = [{ userName: 'a' }, { userName: 'b', email: 'not-an-email' }] as NewUser[];
      const result = await mock.createUsers(batch);
      const failed = result.items[1];
      expect(failed?.ok).toBe(false);
      if (failed?.ok === false) {
        expect(failed.error).toMatchObject({
          code: 'invalid_input',
          issues: [expect.objectContaining({ path: 'batch.1.email' })],
        });
      }
      expect(result.succeeded).toBe(1);
    });

    it('never puts a password in a result, even a failed one', async () => {
      const result = await directory({ seed: [{ userName: 'a' }] }).createUsers([
        { userName: 'a', password: 'hunter22' },
        { userName: 'b', password: 'hunter22' },
      ]);
      expect(JSON.stringify(result)).not.toContain('hunter22');
    });

    it('returns an empty result for an empty batch', async () => {
      expect(await directory().createUsers([])).toEqual({ items: [], succeeded: 0, failed: 0 });
    });

    it('rejects a batch larger than maxBatchSize as a whole, creating nothing', async () => {
      const mock = directory({ maxBatchSize: 2 });
      const batch = [{ userName: 'a' }, { userName: 'b' }, { userName: 'c' }];
      await expect(mock.createUsers(batch)).rejects.toMatchObject({ code: 'invalid_input' });
      expect(mock.peekUsers()).toEqual([]);
    });
  });
});
