import { CancelledError, type User, type UserDirectory } from '../../src/index.js';
import { forwardDirectory } from './forward-directory.js';

/**
 * Bug (above core): a listing checks its signal only after its first page, so a listing whose
 * signal was aborted before it started still yields that page, then fails.
 */
export function yieldsFirstPageWhenAborted(wrapped: UserDirectory): UserDirectory {
  return forwardDirectory(wrapped, {
    async *listUsers(options) {
      const signal = options?.signal;
      if (signal?.aborted !== true) {
        yield* wrapped.listUsers(options);
        return;
      }
      const pageSize = options?.pageSize ?? wrapped.capabilities.defaultPageSize;
      const page: User[] = [];
      for await (const user of wrapped.listUsers({ ...options, signal: undefined, pageSize })) {
        page.push(user);
        if (page.length === pageSize) break;
      }
      yield* page;
      throw new CancelledError('listUsers was cancelled', { provider: wrapped.provider, reason: 'aborted' });
    },
  });
}
