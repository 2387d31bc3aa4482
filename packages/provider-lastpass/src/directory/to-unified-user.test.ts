import { User } from '@provisionkit/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loggedInUser } from '../client/commands/recorded-users-test-helpers.js';
import { GetUserDataResponse } from '../client/index.js';
import { invitedNames, statusOf, toAttributes, toUnifiedUser } from './to-unified-user.js';
import { mapUserPage } from './user-page.js';

const alice = loggedInUser('alice@example.com', { totalscore: '0' });
const bob = {
  ...alice,
  username: 'bob@example.com',
  fullname: '',
  last_login: '',
  neverloggedin: true,
  admin: false,
  totalscore: null,
  sites: null,
  notes: null,
  formfills: null,
  applications: null,
  attachments: null,
  groups: [],
  attribs: { Department: 'Ops', Manager: { name: 'Eve' }, Tags: ['a', 'b'], Level: 3, Remote: true },
};

function page(body: unknown) {
  return mapUserPage(GetUserDataResponse.parse(body), 'UTC');
}

describe('toUnifiedUser', () => {
  it('maps a recorded user: id is the numeric key, userName and email the username', () => {
    const [found] = page({ total: 1, count: 1, Users: { '100000001': alice } });
    expect(found!.user).toEqual({
      id: '100000001',
      userName: 'alice@example.com',
      email: 'alice@example.com',
      givenName: 'Alice',
      familyName: 'Example',
      displayName: 'Alice Example',
      status: 'active',
      isAdmin: true,
      groups: ['Engineering'],
      attributes: {},
      createdAt: '2022-05-11T11:02:26Z',
      lastLoginAt: '2022-06-02T09:20:59Z',
    });
    expect(User.safeParse(found!.user).success).toBe(true);
  });

  it('leaves out names and lastLoginAt for an empty fullname and a never-logged-in user (null counters)', () => {
    const [found] = page({ total: 1, count: 1, Users: { '7': bob } });
    expect(found!.user).not.toHaveProperty('displayName');
    expect(found!.user).not.toHaveProperty('givenName');
    expect(found!.user).not.toHaveProperty('lastLoginAt');
    expect(found!.user.createdAt).toBe('2022-05-11T11:02:26Z');
    expect(User.safeParse(found!.user).success).toBe(true);
  });

  it('keeps fullname exactly as displayName, spacing included', () => {
    const [found] = page({ Users: { '9': { ...alice, fullname: ' Mary  Ann van der Berg' } } });
    expect(found!.user).toMatchObject({
      displayName: ' Mary  Ann van der Berg',
      givenName: 'Mary Ann',
      familyName: 'van der Berg',
    });
  });

  it('reads timestamps in the configured zone', () => {
    const parsed = GetUserDataResponse.parse({ Users: { '1': alice } });
    const user = toUnifiedUser(parsed.users[0]!, { invited: false, timeZone: 'America/New_York' });
    expect(user.createdAt).toBe('2022-05-11T11:02:26-04:00');
    expect(user.lastLoginAt).toBe('2022-06-02T09:20:59-04:00');
  });

  it('keeps scalar attributes and JSON-encodes the others', () => {
    const [found] = page({ Users: { '7': bob } });
    expect(found!.user.attributes).toEqual({
      Department: 'Ops',
      Manager: '{"name":"Eve"}',
      Tags: '["a","b"]',
      Level: 3,
      Remote: true,
    });
  });

  it('reads {"Users":[]} as no users and tolerates a missing Groups map', () => {
    expect(page({ Users: [] })).toEqual([]);
    const [found] = page({ total: 1, count: 1, Users: { '7': { ...bob, groups: [] } } });
    expect(found!.user.groups).toEqual([]);
  });

  it('adds memberships the page Groups map gives, without duplicates', () => {
    const body = {
      Users: { '1': { ...alice, groups: undefined }, '2': { ...alice, username: 'x@example.com' } },
      Groups: {
        Engineering: ['ALICE@example.com', 'x@example.com', 'elsewhere@example.com'],
        Ops: ['alice@example.com'],
      },
    };
    const [first, second] = page(body);
    expect(first!.user.groups).toEqual(['Engineering', 'Ops']);
    expect(second!.user.groups).toEqual(['Engineering']);
  });

  it("lists the record's groups then the page's extra ones, each once (property)", () => {
    const name = fc.constantFrom('Ops', 'Eng', 'Legal', 'ops', '');
    fc.assert(
      fc.property(fc.array(name, { maxLength: 4 }), fc.array(name, { maxLength: 4 }), (own, extra) => {
        const user = toUnifiedUser(
          { ...page({ Users: { '1': alice } })[0]!.record, groups: own },
          { invited: false, timeZone: 'UTC', extraGroups: extra },
        );
        expect(user.groups).toEqual([...new Set([...own, ...extra])]);
      }),
      { numRuns: 1_000 },
    );
  });

  it("gives each user its own groups, then the Groups map's others for its name in any case, each once (property)", () => {
    const names = ['a@example.com', 'b@example.com', 'c@example.com'];
    const group = fc.constantFrom('Ops', 'Eng', 'Legal');
    const member = fc.constantFrom(...names, 'A@EXAMPLE.COM', ' b@example.com', 'elsewhere@example.com');
    fc.assert(
      fc.property(
        fc.array(fc.array(group, { maxLength: 3 }), { minLength: 3, maxLength: 3 }),
        fc.dictionary(group, fc.array(member, { maxLength: 4 })),
        (own, map) => {
          const users = Object.fromEntries(
            names.map((username, index) => [String(index + 1), { ...alice, username, groups: own[index] }]),
          );
          const mapped = page({ Users: users, Groups: map });
          names.forEach((username, index) => {
            const extra = Object.entries(map)
              .filter(([, members]) => members.some((entry) => entry.trim().toLowerCase() === username))
              .map(([name]) => name);
            expect(mapped[index]!.user.groups).toEqual([...new Set([...own[index]!, ...extra])]);
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('marks users of the invited list invited, unless disabled', () => {
    const body = {
      Users: { '1': alice, '2': { ...bob, disabled: true } },
      invited: ['Alice@Example.com', 'bob@example.com'],
    };
    expect(page(body).map((found) => found.user.status)).toEqual(['invited', 'suspended']);
  });

  it('reads never-logged-in users as invited when the answer has no invited list (recorded style)', () => {
    const body = {
      Users: { '1': alice, '2': bob, '3': { ...bob, username: 'c@example.com', disabled: true } },
    };
    expect(page(body).map((found) => found.user.status)).toEqual(['active', 'invited', 'suspended']);
    // With a list, the list alone decides, even for a user who never logged in.
    expect(page({ ...body, invited: [] }).map((found) => found.user.status)).toEqual([
      'active',
      'active',
      'suspended',
    ]);
  });
});

describe('statusOf', () => {
  it('puts suspended before invited before active', () => {
    expect(statusOf(true, true)).toBe('suspended');
    expect(statusOf(true, false)).toBe('suspended');
    expect(statusOf(false, true)).toBe('invited');
    expect(statusOf(false, false)).toBe('active');
  });
});

describe('invitedNames', () => {
  it('accepts strings and objects naming a username or email', () => {
    const names = invitedNames(['A@x.com', { username: 'b@x.com' }, { email: 'C@x.com' }, 42, null, '']);
    expect([...names].sort()).toEqual(['a@x.com', 'b@x.com', 'c@x.com']);
  });
});

describe('toAttributes', () => {
  it('drops empty keys and keeps null', () => {
    expect(toAttributes({ '': 'x', cost: null })).toEqual({ cost: null });
  });
});
