import { describe, expect, it } from 'vitest';
import { GetUserDataRequest, GetUserDataResponse } from './get-user-data.js';
import { loggedInUser, neverLoggedInUser } from './recorded-users-test-helpers.js';

const recorded = {
  total: 3,
  count: 2,
  Users: {
    '100000001': loggedInUser('alice@example.com'),
    '100000002': neverLoggedInUser('bob@example.com', {
      fullname: '',
      multifactor: 'lastpassauth',
      attribs: { Department: 'Ops', password: 'leaked-by-someone' },
    }),
  },
  Groups: { Engineering: ['alice@example.com'] },
};

describe('GetUserDataResponse', () => {
  it('turns the Users map into users carrying their id', () => {
    const page = GetUserDataResponse.parse(recorded);
    expect(page.users.map((user) => user.id)).toEqual(['100000001', '100000002']);
    expect(page.users[0]).toMatchObject({ id: '100000001', username: 'alice@example.com', admin: true });
    expect(page.groups).toEqual([{ name: 'Engineering', members: ['alice@example.com'] }]);
  });

  it('reads numeric strings as numbers', () => {
    const page = GetUserDataResponse.parse({ ...recorded, total: '3', count: '2' });
    expect(page).toMatchObject({ total: 3, count: 2 });
    expect(page.users[0]).toMatchObject({ mpstrength: 100, totalscore: 83.2 });
  });

  it('keeps null counters and a null score of a never-logged-in user as null', () => {
    const bob = GetUserDataResponse.parse(recorded).users[1];
    expect(bob).toMatchObject({
      sites: null,
      notes: null,
      attachments: null,
      totalscore: null,
      last_login: null,
    });
  });

  it('reads {"Users":[]} as no users', () => {
    expect(GetUserDataResponse.parse({ Users: [] })).toEqual({
      total: undefined,
      count: 0,
      users: [],
      groups: [],
      invited: undefined,
    });
  });

  it('accepts an absent Groups key', () => {
    const { Groups: _omitted, ...withoutGroups } = recorded;
    expect(GetUserDataResponse.parse(withoutGroups).groups).toEqual([]);
  });

  it('accepts 0/1 and string booleans', () => {
    const user = { username: 'c@example.com', disabled: '1', admin: 0, neverloggedin: 'true' };
    const page = GetUserDataResponse.parse({ Users: { '7': user } });
    expect(page.users[0]).toMatchObject({ disabled: true, admin: false, neverloggedin: true });
  });

  it('keeps optional linked / multifactor / attribs, minus secret attributes', () => {
    const bob = GetUserDataResponse.parse(recorded).users[1];
    expect(bob).toMatchObject({ multifactor: 'lastpassauth', linked: null, attribs: { Department: 'Ops' } });
    expect(bob?.attribs).not.toHaveProperty('password');
  });

  it('keeps the invited list when present', () => {
    expect(GetUserDataResponse.parse({ Users: [], invited: ['d@example.com'] }).invited).toEqual([
      'd@example.com',
    ]);
  });

  it('refuses a user without a username', () => {
    expect(GetUserDataResponse.safeParse({ Users: { '1': { fullname: 'x' } } }).success).toBe(false);
  });
});

describe('GetUserDataRequest', () => {
  it('sends filters as 1 and omits false ones', () => {
    expect(GetUserDataRequest.parse({ pageindex: 0, pagesize: 10, disabled: true, admin: false })).toEqual({
      pageindex: 0,
      pagesize: 10,
      disabled: 1,
    });
  });

  it('refuses a page size above 2000', () => {
    expect(GetUserDataRequest.safeParse({ pagesize: 2001 }).success).toBe(false);
  });
});
