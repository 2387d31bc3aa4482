import { UnavailableError, type UserDirectory } from '../../src/index.js';
import { forwardDirectory } from './forward-directory.js';

/**
 * Bug (l): closing refuses new calls but lets the operations in flight run on, as connections did
 * before they had a close signal: a listing started before `close()` keeps paging.
 */
export function closeWithoutCancelling(wrapped: UserDirectory): {
  readonly directory: UserDirectory;
  readonly close: () => void;
} {
  let closed = false;
  const refuseWhenClosed = <A extends unknown[], R>(call: (...args: A) => R) => {
    return (...args: A): R => {
      if (closed) throw new UnavailableError('The connection is closed', { provider: wrapped.provider });
      return call(...args);
    };
  };
  const directory = forwardDirectory(wrapped, {
    listUsers: (options) => {
      const open = !closed;
      const listing = wrapped.listUsers(options);
      return open ? listing : refuseWhenClosed(() => listing)();
    },
    getUser: refuseWhenClosed((ref, options) => wrapped.getUser(ref, options)),
  });
  return {
    directory,
    close: () => {
      closed = true;
    },
  };
}
