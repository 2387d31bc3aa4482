import type { ListUsersOptions, User, UserDirectory } from '../../src/index.js';
import { forwardDirectory } from './forward-directory.js';

type Step = IteratorResult<User, undefined>;
const END: Step = { done: true, value: undefined };

/**
 * A listing, seen from above core, that turns a cancellation into a quiet end: what a caller
 * would see from a provider that "stops paging" on abort. `when` says which aborts are swallowed.
 */
function quietOnAbort(wrapped: UserDirectory, when: 'in flight' | 'between pages'): UserDirectory {
  return forwardDirectory(wrapped, {
    listUsers(options?: ListUsersOptions) {
      const aborted = () => options?.signal?.aborted === true;
      return {
        [Symbol.asyncIterator]() {
          const iterator = wrapped.listUsers(options)[Symbol.asyncIterator]();
          return {
            async next(): Promise<Step> {
              const abortedBefore = aborted();
              if (abortedBefore && when === 'between pages') return END;
              try {
                return (await iterator.next()) as Step;
              } catch (error) {
                if (!abortedBefore && aborted() && when === 'in flight') return END;
                throw error;
              }
            },
            return: async () => (await iterator.return?.()) ?? END,
          };
        },
      };
    },
  });
}

/** Bug (j): an abort that lands while a page is in flight ends the listing as if it were complete. */
export function quietAbortInFlight(wrapped: UserDirectory): UserDirectory {
  return quietOnAbort(wrapped, 'in flight');
}

/** Bug (k): a listing whose signal aborted between two pages ends as if it were complete. */
export function quietAbortBetweenPages(wrapped: UserDirectory): UserDirectory {
  return quietOnAbort(wrapped, 'between pages');
}
