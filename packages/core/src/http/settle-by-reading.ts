import { InvalidInputError, NotFoundError } from '../errors/error-classes.js';
import type { SettleHook } from './http-request.js';

/**
 * The `settle` hook of a create addressed by a unique key (a login, an email): `read` looks up what
 * the create would have made. Found: the write was applied and what was found is its answer.
 * `not_found`: it was not, so the toolkit may send it again. Any other failure of the read leaves
 * the outcome unknown, and the write's own error is thrown. (A user of that key that existed before
 * would have made the create a 409, an answer that is not ambiguous, so settle never runs for it.)
 */
export function settleByReading<T>(read: (signal: AbortSignal | undefined) => Promise<T>): SettleHook<T> {
  if (typeof read !== 'function') {
    throw new InvalidInputError('Invalid settleByReading argument: read: must be a function', [
      { path: 'read', message: 'must be a function' },
    ]);
  }
  return async ({ signal }) => {
    try {
      return { status: 'applied', value: await read(signal) };
    } catch (error) {
      if (NotFoundError.is(error)) return { status: 'not_applied' };
      throw error;
    }
  };
}
