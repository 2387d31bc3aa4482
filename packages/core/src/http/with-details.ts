import type { ProvisioningError } from '../errors/provisioning-error.js';

/** A copy of `error` (same class and fields) with `extra` added to its details. */
export function withDetails<E extends ProvisioningError>(
  error: E,
  extra: Readonly<Record<string, unknown>>,
): E {
  const copy = Object.create(Object.getPrototypeOf(error)) as E;
  for (const key of Reflect.ownKeys(error)) {
    Object.defineProperty(copy, key, Object.getOwnPropertyDescriptor(error, key)!);
  }
  Object.defineProperty(copy, 'details', {
    value: { ...error.details, ...extra },
    enumerable: true,
    writable: false,
    configurable: true,
  });
  return copy;
}
