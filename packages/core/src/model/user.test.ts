import { describe, expect, it } from 'vitest';
import { describeRef, NewUser, User, UserPatch, UserRef } from './user.js';

const VALID_USER = {
  id: '42',
  userName: 'ada@example.com',
  status: 'active',
  isAdmin: false,
  groups: ['Engineering'],
  attributes: { costCenter: 'R&D', seats: 2, billable: true, manager: null },
  createdAt: '2024-05-11T15:02:26Z',
};

describe('User', () => {
  it('accepts a complete user and strips provider payload keys', () => {
    const parsed = User.parse({ ...VALID_USER, rawPayload: { provhash: 'x' } });
    expect(parsed).not.toHaveProperty('rawPayload');
    expect(parsed.id).toBe('42');
  });

  it('rejects an unknown status and a timestamp without offset', () => {
    expect(User.safeParse({ ...VALID_USER, status: 'deleted' }).success).toBe(false);
    expect(User.safeParse({ ...VALID_USER, createdAt: '2024-05-11 15:02' }).success).toBe(false);
  });

  it('rejects nested attribute values', () => {
    expect(User.safeParse({ ...VALID_USER, attributes: { nested: { a: 1 } } }).success).toBe(false);
  });
});

describe('NewUser', () => {
  it('accepts the minimal input', () => {
    expect(NewUser.parse({ userName: ' ada@example.com ' })).toEqual({ userName: 'ada@example.com' });
  });

  it('rejects unknown keys so typos do not vanish', () => {
    const result = NewUser.safeParse({ userName: 'ada@example.com', emial: 'ada@example.com' });
    expect(result.success).toBe(false);
  });

  it('rejects an empty user name and a malformed email', () => {
    expect(NewUser.safeParse({ userName: '   ' }).success).toBe(false);
    expect(NewUser.safeParse({ userName: 'ada', email: 'not-an-email' }).success).toBe(false);
  });
});

describe('UserRef', () => {
  it('accepts a ref by id or by user name', () => {
    expect(UserRef.parse({ id: '42' })).toEqual({ id: '42' });
    expect(UserRef.parse({ userName: 'Ada@Example.com' })).toEqual({ userName: 'Ada@Example.com' });
  });

  it.each([[{}], [{ id: '' }], [{ id: '1', userName: 'a' }], [{ email: 'a@example.com' }], [null], ['42']])(
    'rejects %o',
    (value) => {
      expect(UserRef.safeParse(value).success).toBe(false);
    },
  );
});

describe('UserPatch', () => {
  it('accepts a patch that changes one field', () => {
    expect(UserPatch.parse({ givenName: 'Ada' })).toEqual({ givenName: 'Ada' });
  });

  it('needs at least one field', () => {
    expect(UserPatch.safeParse({}).success).toBe(false);
    expect(UserPatch.safeParse({ givenName: undefined }).success).toBe(false);
  });

  it('rejects fields that are not patchable (password, groups, status)', () => {
    expect(UserPatch.safeParse({ password: 'x' }).success).toBe(false);
    expect(UserPatch.safeParse({ groups: ['a'] }).success).toBe(false);
    expect(UserPatch.safeParse({ status: 'suspended' }).success).toBe(false);
  });
});

describe('describeRef', () => {
  it('names the ref by id or user name only', () => {
    expect(describeRef({ id: '42' })).toBe('id 42');
    expect(describeRef({ userName: 'ada@example.com' })).toBe('userName ada@example.com');
  });
});
