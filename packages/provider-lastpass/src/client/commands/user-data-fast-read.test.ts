import { describe, expect, it } from 'vitest';
import { GetUserDataResponse } from './get-user-data.js';
import { readUserDataFast } from './user-data-fast-read.js';

// Values every field is tried with: what LastPass sends, what it might, and what it must not.
const POOL: unknown[] = [
  undefined,
  null,
  '',
  ' ',
  '0',
  '1',
  'true',
  'false',
  'yes',
  0,
  1,
  2,
  -3,
  1.5,
  '12',
  '-1.5',
  ' 7 ',
  '1e3',
  'abc',
  true,
  false,
  [],
  ['a', 'b'],
  [1],
  { 0: 'x', 1: 'y' },
  { dept: 'ops', password: 'p' },
  { n: 1 },
  '2024-05-01 10:00:00',
];
const FIELDS = [
  'username',
  'fullname',
  'mpstrength',
  'created',
  'last_pw_change',
  'last_login',
  'neverloggedin',
  'disabled',
  'admin',
  'password_reset_required',
  'totalscore',
  'duousername',
  'securidusername',
  'sites',
  'notes',
  'formfills',
  'applications',
  'attachments',
  'groups',
  'linked',
  'multifactor',
  'attribs',
];

/** A deterministic PRNG, so a failure reproduces. */
function prng(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function wellFormed(index: number): Record<string, unknown> {
  return {
    username: `user${index}@example.com`,
    fullname: 'Mary Ann van der Berg',
    mpstrength: '83',
    created: '2024-05-01 10:00:00',
    last_pw_change: '',
    last_login: index % 2 === 0 ? null : '2024-06-01 09:30:00',
    neverloggedin: index % 2 === 0,
    disabled: '0',
    admin: 0,
    password_reset_required: false,
    totalscore: 71.5,
    duousername: 'mary',
    securidusername: null,
    sites: index % 2 === 0 ? null : 12,
    notes: 0,
    formfills: '3',
    applications: 0,
    attachments: 1,
    groups: ['Engineering'],
    linked: null,
    multifactor: 'duo',
    attribs: index % 3 === 0 ? [] : { department: 'R&D', password: 'never-kept' },
  };
}

function both(body: unknown) {
  return { fast: readUserDataFast(body), schema: GetUserDataResponse.safeParse(body) };
}

describe('readUserDataFast', () => {
  it('reads well-formed pages itself, exactly as the schema does', () => {
    const users = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [String(100 + i), wellFormed(i)]));
    const body = { total: '120', count: 50, Users: users, Groups: { Engineering: ['user1@example.com'] } };
    const { fast, schema } = both(body);
    expect(fast).toBeDefined();
    expect(schema.success).toBe(true);
    expect(fast).toStrictEqual(schema.data);
    expect(fast!.users[0]!.attribs).toStrictEqual({}); // `[]` is PHP's empty object
    expect(fast!.users[1]!.attribs).toStrictEqual({ department: 'R&D' }); // secret keys dropped
  });

  it('reads PHP empty arrays and missing maps as the schema does', () => {
    for (const body of [{ Users: [] }, { Users: [], Groups: [] }, {}, { Users: null, invited: null }]) {
      const { fast, schema } = both(body);
      expect(fast).toStrictEqual(schema.data);
    }
  });

  it('agrees with the schema on 5,000 varied records, or leaves the decision to it', () => {
    const random = prng(7);
    const pick = () => POOL[Math.floor(random() * POOL.length)];
    let readFast = 0;
    let refusedBySchema = 0;
    for (let round = 0; round < 5_000; round++) {
      const record = wellFormed(round);
      // One to three fields take an arbitrary value; the rest stay well formed.
      for (let changes = 1 + Math.floor(random() * 3); changes > 0; changes--) {
        const field = FIELDS[Math.floor(random() * FIELDS.length)]!;
        const value = pick();
        if (value === undefined) delete record[field];
        else record[field] = value;
      }
      const extra = random() < 0.2 ? { total: pick(), count: pick(), Groups: pick(), invited: pick() } : {};
      const body = { Users: { '7': record }, ...extra };
      const { fast, schema } = both(body);
      if (!schema.success) refusedBySchema += 1;
      if (fast === undefined) continue;
      readFast += 1;
      expect(schema.success, JSON.stringify(body)).toBe(true);
      expect(fast, JSON.stringify(body)).toStrictEqual(schema.data);
    }
    // Both outcomes occur, so the comparison above covered accepted and refused bodies alike.
    expect(readFast).toBeGreaterThan(500);
    expect(refusedBySchema).toBeGreaterThan(500);
  });

  it('leaves a non-object body, a bad total and a `__proto__` attribute to the schema', () => {
    expect(readUserDataFast([])).toBeUndefined();
    expect(readUserDataFast({ total: null, Users: [] })).toBeUndefined();
    expect(
      readUserDataFast(JSON.parse('{"Users":{"1":{"username":"a","attribs":{"__proto__":{}}}}}')),
    ).toBeUndefined();
  });
});
