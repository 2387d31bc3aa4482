import { batchResult, type NewUser, normalizeUserName, type UserDirectory } from '../../src/index.js';
import { forwardDirectory } from './forward-directory.js';

/**
 * Bug (f): a batch is deduplicated by user name before it is sent and the duplicates get no result
 * at all, as a provider answering per distinct name would: fewer results than items.
 */
export function mergesDuplicateItems(inner: UserDirectory): UserDirectory {
  return forwardDirectory(inner, {
    async createUsers(batch, options) {
      const firstIndexes: number[] = [];
      const seen = new Set<string>();
      batch.forEach((item: NewUser, index) => {
        const name = normalizeUserName(item.userName);
        if (seen.has(name)) return;
        seen.add(name);
        firstIndexes.push(index);
      });
      const result = await inner.createUsers(
        firstIndexes.map((index) => batch[index]!),
        options,
      );
      return batchResult(result.items.map((item) => ({ ...item, index: firstIndexes[item.index]! })));
    },
  });
}
