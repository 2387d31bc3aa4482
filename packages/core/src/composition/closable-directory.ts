import { UnavailableError } from '../errors/error-classes.js';
import type { UserDirectory } from '../spi/user-directory.js';

/**
 * A view of `directory` whose methods fail with `UnavailableError` once `isClosed()` is true, so a
 * closed connection fails clearly instead of using released resources. Put under the middleware, the
 * error is logged and typed like any other.
 */
export function closableDirectory(directory: UserDirectory, isClosed: () => boolean): UserDirectory {
  return new Proxy(directory, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (isClosed()) {
          throw new UnavailableError(`The ${target.provider} connection is closed`, {
            provider: target.provider,
            retryable: false,
          });
        }
        return value.apply(target, args);
      };
    },
  });
}
