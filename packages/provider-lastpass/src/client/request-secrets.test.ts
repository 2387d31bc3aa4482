import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requestSecrets } from './request-secrets.js';

describe('requestSecrets', () => {
  it('collects the strings under secret keys of a batchadd request, at any depth', () => {
    const data = [
      { username: 'ada@example.com', password: 'pw-one' },
      { username: 'bob@example.com', attribs: { apiKey: 'key-two', dept: 'R&D' } },
    ];
    expect(requestSecrets({ cmd: 'batchadd', provhash: 'hash', data })).toEqual([
      'hash',
      'pw-one',
      'key-two',
    ]);
  });

  it('reads a user reached again under a secret key', () => {
    const user = { note: 'pw-shared' };
    expect(requestSecrets({ info: user, password: user })).toEqual(['pw-shared']);
  });

  it('ends on cycles and on subtrees repeated at every level', () => {
    const cyclic: Record<string, unknown> = { password: 'pw-cycle' };
    cyclic.self = cyclic;
    expect(requestSecrets([cyclic, cyclic])).toEqual(['pw-cycle']);
    // Ten references per level and eight levels: read per reference, 10^8 visits.
    let level: unknown = [{ password: 'pw-deep' }];
    for (let depth = 0; depth < 7; depth++) level = Array.from({ length: 10 }, () => level);
    expect(requestSecrets(level)).toEqual(['pw-deep']);
  });

  it('finds exactly the strings under secret keys of any tree of users (property)', () => {
    const user = fc.dictionary(
      fc.constantFrom('username', 'fullname', 'password', 'Password', 'groups', 'provhash'),
      fc.oneof(
        fc.string({ maxLength: 4 }),
        fc.array(fc.string({ maxLength: 4 }), { maxLength: 2 }),
        fc.integer(),
      ),
      { maxKeys: 4 },
    );
    fc.assert(
      fc.property(fc.array(user, { maxLength: 5 }), (users) => {
        const expected = new Set<string>();
        for (const item of users) {
          for (const [key, value] of Object.entries(item)) {
            if (!['password', 'provhash'].includes(key.toLowerCase())) continue;
            for (const text of [value].flat()) if (typeof text === 'string') expected.add(text);
          }
        }
        expect(new Set(requestSecrets({ data: users }))).toStrictEqual(expected);
      }),
    );
  });
});
