import { type BatchItemResult, batchResult, type UserDirectory } from '../../src/index.js';
import { forwardDirectory } from './forward-directory.js';

/**
 * Bug (c): a batch item that failed as a duplicate is reported created, with the user that already
 * held the name, as a provider that reads "already exists" as success would.
 */
export function reportsFailedItemsAsCreated(inner: UserDirectory): UserDirectory {
  return forwardDirectory(inner, {
    async createUsers(batch) {
      const result = await inner.createUsers(batch);
      const items = await Promise.all(
        result.items.map(async (item): Promise<BatchItemResult> => {
          if (item.ok || item.error.code !== 'conflict') return item;
          const holder = await inner.getUser({ userName: item.userName });
          return { index: item.index, userName: item.userName, ok: true, user: holder };
        }),
      );
      return batchResult(items);
    },
  });
}
