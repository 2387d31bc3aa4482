import { describe, expect, it } from 'vitest';
import { NewUser } from '../model/user.js';
import { readNewUserFast } from './new-user-fast-check.js';

const LONG = 'x'.repeat(300);
const POOL: unknown[] = [
  undefined,
  null,
  '',
  ' ',
  '  ada@example.com ',
  'ada@example.com',
  'not an email',
  LONG,
  'x'.repeat(257),
  'x'.repeat(513),
  'x'.repeat(1025),
  0,
  1,
  true,
  false,
  [],
  ['Ops'],
  [' Ops '],
  [''],
  ['Ops', 3],
  {},
  { dept: 'R&D', level: 3 },
  { '': 'x' },
  { nested: { a: 1 } },
];
const FIELDS = [
  'userName',
  'email',
  'givenName',
  'familyName',
  'displayName',
  'isAdmin',
  'groups',
  'externalId',
  'attributes',
  'password',
  'unknownKey',
];

function prng(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('readNewUserFast', () => {
  it('returns what the schema returns for a typical item (user name trimmed)', () => {
    const input = { userName: ' ada@example.com ', givenName: 'Ada', groups: [' Ops '], password: 'pw' };
    expect(readNewUserFast(input)).toStrictEqual(NewUser.parse(input));
  });

  it('agrees with the schema on 5,000 varied items, or leaves the decision to it', () => {
    const random = prng(3);
    let readFast = 0;
    let refused = 0;
    for (let round = 0; round < 5_000; round++) {
      const user: Record<string, unknown> = { userName: 'ada@example.com', givenName: 'Ada' };
      for (let changes = 1 + Math.floor(random() * 3); changes > 0; changes--) {
        const field = FIELDS[Math.floor(random() * FIELDS.length)]!;
        const value = POOL[Math.floor(random() * POOL.length)];
        if (value === undefined && random() < 0.5) delete user[field];
        else user[field] = value;
      }
      const fast = readNewUserFast(user);
      const schema = NewUser.safeParse(user);
      if (!schema.success) refused += 1;
      if (fast === undefined) continue;
      readFast += 1;
      expect(schema.success, JSON.stringify(user)).toBe(true);
      expect(fast, JSON.stringify(user)).toStrictEqual(schema.data);
    }
    expect(readFast).toBeGreaterThan(200);
    expect(refused).toBeGreaterThan(500);
  });
});
