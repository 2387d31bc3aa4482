import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { User } from '../model/user.js';
import { UserCanonicalizer } from './canonical-user.js';

// Short strings, and some holding the connection's secret whole or in part: each must be scrubbed.
const text = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.constantFrom('secret-abcd', 'x secret-abcd y', 'secret-ab'),
);
const user: fc.Arbitrary<User> = fc
  .record(
    {
      id: fc.string({ minLength: 1, maxLength: 4 }),
      userName: fc.oneof(fc.string({ minLength: 1, maxLength: 8 }), fc.constant('a secret-abcd')),
      email: text,
      givenName: text,
      familyName: text,
      displayName: text,
      status: fc.constantFrom('active', 'invited', 'suspended'),
      isAdmin: fc.boolean(),
      groups: fc.array(fc.constantFrom('b', 'a', 'c', 'secret-abcd'), { maxLength: 4 }),
      externalId: text,
      attributes: fc.dictionary(
        fc.constantFrom('z', 'a', 'token', 'm'),
        fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null)),
      ),
      createdAt: fc.constant('2024-05-11T15:02:26Z'),
      lastLoginAt: fc.constant('2024-05-12T15:02:26Z'),
    },
    { requiredKeys: ['id', 'userName', 'status', 'isAdmin', 'groups', 'attributes'] },
  )
  // As for LastPass, the email is often the user name itself: written once, it must read the same.
  .chain((value) => fc.boolean().map((same) => (same ? { ...value, email: value.userName } : value) as User));

describe('UserCanonicalizer', () => {
  describe('.content', () => {
    it('writes exactly the JSON of the projection, so both give one hash', () => {
      const canonicalizer = new UserCanonicalizer(['secret-abcd']);
      fc.assert(
        fc.property(user, (value) => {
          expect(canonicalizer.content(value)).toBe(JSON.stringify(canonicalizer.project(value)));
        }),
        { numRuns: 300 },
      );
    });
  });

  describe('.project', () => {
    it('keeps tracked fields in a fixed order, sorts groups and attribute keys, drops lastLoginAt and secrets', () => {
      const canonicalizer = new UserCanonicalizer(['secret-abcd']);
      const projected = canonicalizer.project({
        id: 'u1',
        userName: 'Ada',
        status: 'active',
        isAdmin: false,
        groups: ['ops', 'eng', 'ops'],
        attributes: { z: 1, password: 'hunter2', note: 'has secret-abcd inside' },
        lastLoginAt: '2024-05-12T15:02:26Z',
      });
      expect(JSON.stringify(projected)).toBe(
        '{"id":"u1","userName":"Ada","status":"active","isAdmin":false,"groups":["eng","ops"],"attributes":{"note":"has [REDACTED] inside","password":"[REDACTED]","z":1}}',
      );
    });
  });
});
