import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { User } from '../model/user.js';
import { readUserFast } from './user-fast-check.js';
import { checkUser } from './validate-output.js';

const POOL: unknown[] = [
  undefined,
  null,
  '',
  'x',
  'ada@example.com',
  'active',
  'invited',
  'suspended',
  'deleted',
  0,
  1,
  1.5,
  Number.NaN,
  true,
  false,
  [],
  ['Ops'],
  ['Ops', 3],
  {},
  { dept: 'R&D', level: 3, ok: true, gone: null },
  { '': 'x' },
  { nested: { a: 1 } },
  '2024-05-11T15:02:26Z',
  '2024-05-11T11:02:26-04:00',
  '2024-05-11 15:02:26',
  '2024-05-11T15:02:26',
];
const FIELDS = [
  'id',
  'userName',
  'email',
  'givenName',
  'familyName',
  'displayName',
  'status',
  'isAdmin',
  'groups',
  'externalId',
  'attributes',
  'createdAt',
  'lastLoginAt',
  'providerPayload',
];

function prng(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function wellFormed(): Record<string, unknown> {
  return {
    id: '100000001',
    userName: 'ada@example.com',
    email: 'ada@example.com',
    givenName: 'Ada',
    familyName: 'Lovelace',
    displayName: 'Ada Lovelace',
    status: 'active',
    isAdmin: false,
    groups: ['Engineering'],
    attributes: { department: 'R&D' },
    createdAt: '2024-05-11T11:02:26-04:00',
  };
}

describe('readUserFast', () => {
  it('returns a fresh copy equal to what the schema returns, unknown keys dropped', () => {
    const input: Record<string, unknown> = { ...wellFormed(), payload: { secret: 'x' } };
    const fast = readUserFast(input)!;
    expect(fast).toStrictEqual(User.parse(input));
    expect(fast).not.toBe(input);
    expect(fast.groups).not.toBe(input.groups);
    expect(fast.attributes).not.toBe(input.attributes);
    expect('payload' in fast).toBe(false);
  });

  it('agrees with the schema on 5,000 varied users, or leaves the decision to it', () => {
    const random = prng(11);
    let readFast = 0;
    let refused = 0;
    for (let round = 0; round < 5_000; round++) {
      const user = wellFormed();
      for (let changes = 1 + Math.floor(random() * 3); changes > 0; changes--) {
        const field = FIELDS[Math.floor(random() * FIELDS.length)]!;
        const value = POOL[Math.floor(random() * POOL.length)];
        if (value === undefined && random() < 0.5) delete user[field];
        else user[field] = value;
      }
      const fast = readUserFast(user);
      const schema = User.safeParse(user);
      if (!schema.success) refused += 1;
      if (fast === undefined) continue;
      readFast += 1;
      expect(schema.success, JSON.stringify(user)).toBe(true);
      expect(fast, JSON.stringify(user)).toStrictEqual(schema.data);
    }
    expect(readFast).toBeGreaterThan(500);
    expect(refused).toBeGreaterThan(500);
  });

  it('accepts a timestamp exactly when the schema does, for near-miss dates and offsets', () => {
    const pad = (value: number, width = 2) => String(value).padStart(width, '0');
    const stamps: string[] = [];
    for (const year of [1900, 2000, 2023, 2024, 2100, 0]) {
      for (const [month, day] of [
        [2, 28],
        [2, 29],
        [2, 30],
        [4, 30],
        [4, 31],
        [12, 31],
        [13, 1],
        [0, 10],
        [1, 0],
      ]) {
        const date = `${pad(year, 4)}-${pad(month!)}-${pad(day!)}`;
        for (const time of ['00:00:00', '23:59:59', '24:00:00', '12:60:00', '12:00:60']) {
          for (const zone of ['Z', '+00:00', '-05:00', '+14:00', '+24:00', '-03:60', 'z', '+0500', '']) {
            stamps.push(`${date}T${time}${zone}`);
          }
        }
      }
    }
    stamps.push('2024-01-01T00:00:00.5Z', '2024-01-01 00:00:00Z', '２024-01-01T00:00:00Z');
    for (const stamp of stamps) {
      const user = {
        id: '1',
        userName: 'a@example.com',
        status: 'active',
        isAdmin: false,
        groups: [],
        attributes: {},
        createdAt: stamp,
      };
      const fast = readUserFast(user);
      const schema = User.safeParse(user).success;
      // The fast reader never accepts what the schema refuses, and accepts every plain form it does.
      if (fast !== undefined) expect(schema).toBe(true);
      if (schema && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$/.test(stamp))
        expect(fast).toBeDefined();
    }
  });

  it('decides timestamps exactly as the schema does (property: one part away from valid)', () => {
    const pad = (width: number) => (value: number) => String(value).padStart(width, '0');
    // A stamp's parts, valid but for month ends: year, '-', month, '-', day, 'T', hour, ':', minute, ':', second, zone.
    const valid = fc.tuple(
      fc.oneof(fc.constantFrom(1900, 2000, 2023, 2024, 2100), fc.integer({ min: 0, max: 9999 })).map(pad(4)),
      fc.constant('-'),
      fc.oneof(fc.constant(2), fc.integer({ min: 1, max: 12 })).map(pad(2)),
      fc.constant('-'),
      // Month ends (and a day past them) in every month, leap years and February most often.
      fc.oneof(fc.integer({ min: 1, max: 28 }), fc.constantFrom(29, 30, 31)).map(pad(2)),
      fc.constant('T'),
      fc.integer({ min: 0, max: 23 }).map(pad(2)),
      fc.constant(':'),
      fc.integer({ min: 0, max: 59 }).map(pad(2)),
      fc.constant(':'),
      fc.integer({ min: 0, max: 59 }).map(pad(2)),
      fc.oneof(
        fc.constant('Z'),
        fc
          .tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
          .map(([sign, hour, minute]) => `${sign}${pad(2)(hour)}:${pad(2)(minute)}`),
      ),
    );
    // Edge values and stray characters, any of which may replace one part.
    const nearMiss = fc.oneof(
      fc.constantFrom(0, 1, 12, 13, 23, 24, 28, 29, 30, 31, 59, 60, 99).map(pad(2)),
      fc.constantFrom('1900', '2000', '2023', '2024', '2100', '0000', '999', '20240'),
      fc.constantFrom(
        '-',
        ':',
        'T',
        't',
        ' ',
        'Z',
        'z',
        '+',
        '0',
        '',
        '.5Z',
        '+0500',
        '+24:00',
        '-03:60',
        '+05:60',
      ),
    );
    const stamp = fc
      .tuple(valid, fc.option(fc.tuple(fc.nat({ max: 11 }), nearMiss), { freq: 4 }))
      .map(([parts, change]) => {
        const copy: string[] = [...parts];
        if (change !== null) copy[change[0]] = change[1];
        return copy.join('');
      });
    fc.assert(
      fc.property(stamp, fc.constantFrom('createdAt', 'lastLoginAt'), (text, key) => {
        const user = { ...wellFormed(), [key]: text };
        const schema = User.safeParse(user);
        expect(readUserFast(user)).toStrictEqual(schema.success ? schema.data : undefined);
      }),
      { numRuns: 3_000 },
    );
  });

  it('returns what the schema returns for random users, valid or not, or leaves it to the schema (property)', () => {
    // `undefined` most often: a key present with it is kept by the schema, so it must be by the copy.
    const odd = fc.oneof(
      fc.constant(undefined),
      fc.constantFrom<unknown>(null, '', 0, 1.5, Number.NaN, true, [], ['x', 1], {}, { a: { b: 1 } }),
    );
    const field = <T>(valid: fc.Arbitrary<T>) =>
      fc.oneof({ arbitrary: valid, weight: 20 }, { arbitrary: odd, weight: 1 });
    const stamp = fc.constantFrom(
      '2024-05-11T15:02:26Z',
      '2024-02-29T23:59:59+05:30',
      '2023-02-29T00:00:00Z',
      '2024-05-11 15:02:26',
    );
    const user = fc.record(
      {
        id: field(fc.string({ minLength: 1, maxLength: 4 })),
        userName: field(fc.string({ minLength: 1, maxLength: 4 })),
        email: field(fc.string({ maxLength: 4 })),
        givenName: field(fc.string({ maxLength: 4 })),
        familyName: field(fc.string({ maxLength: 4 })),
        displayName: field(fc.string({ maxLength: 4 })),
        externalId: field(fc.string({ maxLength: 4 })),
        status: field(fc.constantFrom('active', 'invited', 'suspended', 'deleted')),
        isAdmin: field(fc.boolean()),
        groups: field(fc.array(fc.oneof(fc.string({ maxLength: 3 }), fc.integer()), { maxLength: 3 })),
        attributes: field(
          fc.dictionary(
            fc.string({ maxLength: 3 }),
            fc.oneof(
              fc.string({ maxLength: 3 }),
              fc.double(),
              fc.boolean(),
              fc.constant(null),
              fc.constant([]),
            ),
            { maxKeys: 3 },
          ),
        ),
        createdAt: field(stamp),
        lastLoginAt: field(stamp),
        providerPayload: fc.anything(),
      },
      { requiredKeys: ['id', 'userName', 'status', 'isAdmin', 'groups', 'attributes'] },
    );
    let readFast = 0;
    fc.assert(
      fc.property(user, (value) => {
        const schema = User.safeParse(value);
        const fast = readUserFast(value);
        if (fast !== undefined) {
          readFast += 1;
          expect(schema.success).toBe(true);
          expect(fast).toStrictEqual(schema.data);
        }
        // Whichever path decides, the output check gives the schema's answer.
        if (schema.success) expect(checkUser('p', 'listUsers', value)).toStrictEqual(schema.data);
        else expect(() => checkUser('p', 'listUsers', value)).toThrow(/does not match the schema/);
      }),
      { numRuns: 3_000 },
    );
    // About 118 of 3,000 random users take the fast path (8 seeds: 103 to 127). The bound sits
    // far below that so chance never trips it, yet a fast path that stopped answering fails it.
    expect(readFast).toBeGreaterThan(50);
  });

  it('leaves non-objects and a `__proto__` attribute to the schema', () => {
    expect(readUserFast(null)).toBeUndefined();
    expect(readUserFast([wellFormed()])).toBeUndefined();
    const proto = { ...wellFormed(), attributes: JSON.parse('{"__proto__":"x"}') };
    expect(readUserFast(proto)).toBeUndefined();
  });
});
