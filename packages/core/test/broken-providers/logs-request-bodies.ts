import type { Logger, NewUser, UserDirectory } from '../../src/index.js';
import { forwardDirectory } from './forward-directory.js';

/**
 * Bug: each create logs its request body at `debug`, as text. The connection's logger scrubs the
 * connection's secrets, but a new user's password is the caller's: it ends up in the log.
 */
export function logsRequestBodies(inner: UserDirectory, logger: Logger): UserDirectory {
  const body = (input: NewUser) => `POST /users ${JSON.stringify(input)}`;
  return forwardDirectory(inner, {
    createUser: (input, options) => {
      logger.debug(body(input));
      return inner.createUser(input, options);
    },
  });
}
