import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { User } from '../model/user.js';
import { hashContent, TRACKED_FIELDS, UserCanonicalizer } from './canonical-user.js';
import { DIGEST_PREFIX, isUserDigest } from './user-digest.js';

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

// Few distinct values, so many pairs of users are equal and many differ in one field only.
const small = fc.constantFrom('', 'a', 'b', 'ab', 'secret-abcd', 'x secret-abcd', 'x [REDACTED]');
const similarUser: fc.Arbitrary<User> = fc.record(
  {
    id: fc.constantFrom('1', '2'),
    userName: fc.constantFrom('a', 'ab', 'a secret-abcd', 'a [REDACTED]'),
    email: small,
    givenName: small,
    familyName: small,
    status: fc.constantFrom('active', 'suspended'),
    isAdmin: fc.boolean(),
    groups: fc.array(fc.constantFrom('a', 'b', 'ab'), { maxLength: 3 }),
    attributes: fc.dictionary(
      fc.constantFrom('a', 'b', 'ab', 'token', '10', '9'),
      fc.oneof(
        small,
        fc.constantFrom(0, 1, -0, 1.5, Number.NaN, Number.POSITIVE_INFINITY),
        fc.boolean(),
        fc.constant(null),
      ),
      { maxKeys: 3 },
    ),
    lastLoginAt: fc.constantFrom('2024-05-12T15:02:26Z', '2024-05-13T15:02:26Z'),
  },
  { requiredKeys: ['id', 'userName', 'status', 'isAdmin', 'groups', 'attributes'] },
) as fc.Arbitrary<User>;

/** Two users that differ at most in one field (often not at all: a value may be drawn twice). */
const oneFieldApart = fc
  .tuple(similarUser, similarUser, fc.constantFrom(...TRACKED_FIELDS, 'lastLoginAt' as const))
  .map(([a, b, field]): [User, User] => [a, { ...a, [field]: b[field] }]);

const base: User = {
  id: 'u1',
  userName: 'ada',
  status: 'active',
  isAdmin: false,
  groups: [],
  attributes: {},
};

describe('UserCanonicalizer', () => {
  describe('.digest', () => {
    it('is the same for two users exactly when their canonical JSON is the same', () => {
      const canonicalizer = new UserCanonicalizer(['secret-abcd']);
      fc.assert(
        fc.property(fc.oneof(fc.tuple(user, user), oneFieldApart), ([a, b]) => {
          const sameContent = canonicalizer.content(a) === canonicalizer.content(b);
          expect(canonicalizer.digest(a) === canonicalizer.digest(b)).toBe(sameContent);
        }),
        { numRuns: 2000 },
      );
    });

    it('changes with any one tracked field changed, in string, boolean, list or attribute', () => {
      const canonicalizer = new UserCanonicalizer();
      const digest = (user: User) => canonicalizer.digest(user);
      const changed: User[] = [
        { ...base, id: 'u2' },
        { ...base, userName: 'adb' },
        { ...base, email: 'ada' },
        { ...base, externalId: '' },
        { ...base, status: 'suspended' },
        { ...base, isAdmin: true },
        { ...base, groups: ['x'] },
        { ...base, attributes: { x: null } },
        { ...base, createdAt: '2024-05-11T15:02:26Z' },
      ];
      const digests = new Set([base, ...changed].map(digest));
      expect(digests.size).toBe(changed.length + 1);
    });

    it('tells apart values that read the same once concatenated or stringified', () => {
      const canonicalizer = new UserCanonicalizer();
      const pairs: [Partial<User>, Partial<User>][] = [
        [
          { givenName: 'ab', familyName: 'c' },
          { givenName: 'a', familyName: 'bc' },
        ],
        [{ givenName: 'ab' }, { familyName: 'ab' }],
        [{ groups: ['ab', 'c'] }, { groups: ['a', 'bc'] }],
        [{ groups: ['ab'] }, { groups: ['a', 'b'] }],
        [{ attributes: { a: 'bc' } }, { attributes: { ab: 'c' } }],
        [{ attributes: { a: '1' } }, { attributes: { a: 1 } }],
        [{ attributes: { a: 'true' } }, { attributes: { a: true } }],
        [{ attributes: { a: 'null' } }, { attributes: { a: null } }],
        [{ attributes: { a: '' } }, { attributes: {} }],
        [{ email: '' }, {}],
        [{ displayName: 'a"b' }, { displayName: 'a\\"b' }],
      ];
      for (const [a, b] of pairs) {
        expect(canonicalizer.digest({ ...base, ...a })).not.toBe(canonicalizer.digest({ ...base, ...b }));
      }
    });

    it('splits a text between two fields anywhere without two splits meeting', () => {
      const canonicalizer = new UserCanonicalizer();
      fc.assert(
        fc.property(fc.string({ maxLength: 12 }), fc.nat(), fc.nat(), (text, i, j) => {
          const [x, y] = [i % (text.length + 1), j % (text.length + 1)];
          fc.pre(x !== y);
          const split = (at: number): User => ({
            ...base,
            givenName: text.slice(0, at),
            familyName: text.slice(at),
          });
          expect(canonicalizer.digest(split(x))).not.toBe(canonicalizer.digest(split(y)));
        }),
      );
    });

    it('treats an undefined field or attribute as missing, and ignores attribute and group order', () => {
      const canonicalizer = new UserCanonicalizer();
      const digest = canonicalizer.digest({ ...base, groups: ['b', 'a'], attributes: { a: 1, b: 'x' } });
      expect(
        canonicalizer.digest({
          ...base,
          email: undefined,
          groups: ['a', 'b', 'a'],
          // Not a valid attribute value, but `undefined` is what a missing key reads as.
          attributes: { b: 'x', c: undefined, a: 1 } as unknown as User['attributes'],
        }),
      ).toBe(digest);
      expect(
        canonicalizer.digest({
          ...base,
          lastLoginAt: '2024-05-12T15:02:26Z',
          groups: ['a', 'b'],
          attributes: { b: 'x', a: 1 },
        }),
      ).toBe(digest);
    });

    it('carries its marker, and never a secret of the connection', () => {
      const canonicalizer = new UserCanonicalizer(['secret-abcd']);
      const digest = canonicalizer.digest({ ...base, givenName: 'secret-abcd' });
      expect(digest.startsWith(DIGEST_PREFIX)).toBe(true);
      expect(isUserDigest(digest)).toBe(true);
      expect(digest).toHaveLength(DIGEST_PREFIX.length + 22);
      expect(digest).not.toContain('secret');
      // Scrubbed before hashing: the secret and its redaction are one value to the snapshot.
      expect(digest).toBe(canonicalizer.digest({ ...base, givenName: '[REDACTED]' }));
    });
  });

  describe('.legacyHash', () => {
    it('is the SHA-1 of the canonical JSON that snapshots kept before digests, without the marker', () => {
      const canonicalizer = new UserCanonicalizer();
      const legacy = canonicalizer.legacyHash(base);
      expect(legacy).toBe(hashContent(canonicalizer.content(base)));
      expect(isUserDigest(legacy)).toBe(false);
    });
  });

  describe('.store', () => {
    it('keeps the canonical JSON and the digest', () => {
      const canonicalizer = new UserCanonicalizer();
      expect(canonicalizer.store(base)).toEqual({
        userId: 'u1',
        content: canonicalizer.content(base),
        hash: canonicalizer.digest(base),
        userNameKey: 'ada',
      });
    });
  });

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
