import { InvalidInputError } from '../errors/error-classes.js';
import { ProvisioningError } from '../errors/provisioning-error.js';

/**
 * `fn`, failing with `invalid_input` instead of a `TypeError` when its arguments do not have the
 * shape it documents. The store building blocks run once per user or delivery inside a store's
 * transactions, on records the store itself read back: a schema parse on each call would cost more
 * than the work, so they trust the shape and this turns a wrong one into a typed error. A
 * `ProvisioningError` they throw on purpose (a conflict, an unknown run) passes unchanged.
 */
export function withTypedArguments<A extends unknown[], R>(
  name: string,
  fn: (...args: A) => R,
): (...args: A) => R {
  const guarded = (...args: A): R => {
    try {
      return fn(...args);
    } catch (error) {
      if (ProvisioningError.is(error)) throw error;
      throw new InvalidInputError(
        `Invalid ${name} arguments: they do not have the documented shape`,
        [{ path: 'arguments', message: 'do not have the documented shape' }],
        { cause: error },
      );
    }
  };
  Object.defineProperty(guarded, 'name', { value: name });
  return guarded;
}
