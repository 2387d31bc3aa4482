import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readBatchAddFast } from './batch-add-fast-check.js';
import { BatchAddRequest, BatchAddUser } from './batch-add-request.js';

// Values every field is tried with: what the directory sends, and what a caller of the client must
// not get through (wrong types, lengths at and beyond each limit, blank names, nesting).
// Texts at and just past each length limit of the schema (names, full name, password).
const atLimits = [256, 257, 512, 513, 1024, 1025].map((length) => 'x'.repeat(length));
const value = fc.oneof(
  // Without bias, and often: every limit must be met in a run.
  {
    weight: 4,
    arbitrary: fc.noBias(
      fc.constantFrom<unknown>(
        ...atLimits,
        ` ${atLimits[0]} `,
        '  ada@example.com ',
        'ada@example.com',
        Array.from({ length: 1001 }, () => 'g'),
        Object.create({ username: 'inherited@example.com' }),
        new Date(0),
      ),
    ),
  },
  fc.constantFrom<unknown>(undefined, null, '', ' ', 0, 1, true, false),
  // Group lists: names to trim, blank ones, a number among them.
  fc.array(fc.constantFrom<unknown>('Ops', ' Ops ', '', 3), { maxLength: 3 }),
  // Attribute maps: scalar values, an empty key, a nested object.
  fc.dictionary(
    fc.constantFrom('dept', 'level', ''),
    fc.oneof(
      fc.string({ maxLength: 4 }),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.constant({ a: 1 }),
    ),
    { maxKeys: 2 },
  ),
  fc.string({ maxLength: 20 }),
  fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }),
);
const key = fc.constantFrom(...Object.keys(BatchAddUser.shape), 'unknownKey', 'userName', '__proto__', '0');
const wellFormed = fc.record(
  {
    username: fc.string({ minLength: 1, maxLength: 30 }).map((name) => ` ${name}x@example.com`),
    fullname: fc.string({ maxLength: 40 }),
    groups: fc.array(
      fc.string({ minLength: 1, maxLength: 10 }).map((name) => `${name}g `),
      { maxLength: 3 },
    ),
    password: fc.string({ minLength: 1, maxLength: 20 }),
    password_reset_required: fc.boolean(),
    attribs: fc.dictionary(fc.string({ minLength: 1, maxLength: 5 }), fc.oneof(fc.string(), fc.integer())),
  },
  { requiredKeys: ['username'] },
);

// A sendable user with one to three fields set to any value (or removed): each limit and type is
// met alone, where a fully random item would almost always fail on several fields at once.
const altered = fc
  .tuple(wellFormed, fc.array(fc.tuple(fc.noBias(key), value, fc.boolean()), { minLength: 1, maxLength: 3 }))
  .map(([user, changes]) => {
    const copy: Record<string, unknown> = { ...user };
    for (const [field, replacement, remove] of changes) {
      if (remove) delete copy[field];
      else
        Object.defineProperty(copy, field, {
          value: replacement,
          enumerable: true,
          writable: true,
          configurable: true,
        });
    }
    return copy;
  });
const item = fc.oneof(
  { weight: 8, arbitrary: altered },
  { weight: 4, arbitrary: wellFormed },
  { weight: 2, arbitrary: fc.dictionary(key, value, { maxKeys: 5 }) },
  { weight: 1, arbitrary: value },
);

function expectSameAsSchema(request: unknown): 'fast' | 'schema' {
  const fast = readBatchAddFast(request);
  const schema = BatchAddRequest.safeParse(request);
  if (fast === undefined) return 'schema';
  expect(schema.success).toBe(true);
  expect(fast).toStrictEqual(schema.data);
  // Same keys in the same order: the request is encoded exactly as the schema's output would be.
  expect(JSON.stringify(fast)).toBe(JSON.stringify(schema.data));
  return 'fast';
}

describe('readBatchAddFast', () => {
  it('returns what the schema returns for what createUsers sends (user name trimmed)', () => {
    const request = [
      {
        username: ' ada@example.com ',
        fullname: 'Ada L',
        groups: [' Ops '],
        password: 'pw',
        password_reset_required: true,
      },
      { username: 'bob@example.com' },
    ];
    expect(readBatchAddFast(request)).toStrictEqual(BatchAddRequest.parse(request));
  });

  it('returns a copy, never the caller objects', () => {
    const user = { username: 'ada@example.com', groups: ['Ops'], attribs: { dept: 'R&D' } };
    const [read] = readBatchAddFast([user])!;
    expect(read).not.toBe(user);
    expect(read!.groups).not.toBe(user.groups);
    expect(read!.attribs).not.toBe(user.attribs);
  });

  it('puts keys in the schema order whatever order the input has', () => {
    const request = [{ password: 'pw', groups: ['Ops'], username: 'ada@example.com', fullname: 'Ada' }];
    expect(Object.keys(readBatchAddFast(request)![0]!)).toStrictEqual([
      'username',
      'fullname',
      'groups',
      'password',
    ]);
  });

  it('leaves empty, oversized and non-array requests to the schema', () => {
    const many = Array.from({ length: 2001 }, (_, index) => ({ username: `u${index}@example.com` }));
    for (const request of [[], many, {}, 'ada@example.com', null, [undefined], new Array(2)]) {
      expect(readBatchAddFast(request)).toBeUndefined();
      expect(BatchAddRequest.safeParse(request).success).toBe(false);
    }
  });

  it('agrees with the schema on varied and hostile requests, or leaves the decision to it', () => {
    let fast = 0;
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 4 }), (request) => {
        if (expectSameAsSchema(request) === 'fast') fast += 1;
      }),
      { numRuns: 10_000 },
    );
    // The property must not pass by leaving everything to the schema.
    expect(fast).toBeGreaterThan(300);
  });
});
