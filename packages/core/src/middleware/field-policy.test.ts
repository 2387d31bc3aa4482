import { describe, expect, it, vi } from 'vitest';
import type { NewUser } from '../model/user.js';
import { rejection, user } from './fake-directory-test-helpers.js';
import { wrapDirectory } from './wrap-directory.js';

/** A provider that stores only email and displayName, and takes no password nor groups. */
function smallProvider() {
  const createUser = vi.fn(async (input: NewUser) => user('1', { userName: input.userName }));
  const directory = {
    provider: 'small',
    capabilities: {
      verbs: ['createUser'],
      maxPageSize: 10,
      defaultPageSize: 10,
      creatableFields: ['email', 'displayName'],
    },
    createUser,
  };
  return { createUser, wrapped: wrapDirectory(directory as never) };
}

describe('the create field policy', () => {
  it.each([
    ['givenName', 'Ada'],
    ['isAdmin', true],
    ['externalId', 'ext-1'],
    ['attributes', { department: 'eng' }],
    ['password', 'hunter2-hunter2'],
    ['groups', ['admins']],
  ])('refuses %s, which the provider does not store, before calling it', async (field, value) => {
    const { wrapped, createUser } = smallProvider();
    const error = await rejection(wrapped.createUser({ userName: 'ada@x.test', [field]: value }));
    expect(error.code).toBe('unsupported_operation');
    expect(error.details?.field).toBe(`input.${field}`);
    expect(createUser).not.toHaveBeenCalled();
  });

  it('removes undeclared fields that ask for nothing, so the provider receives only what it declares', async () => {
    const { wrapped, createUser } = smallProvider();
    const input = {
      userName: 'ada@x.test',
      email: 'ada@x.test',
      isAdmin: false,
      givenName: '',
      groups: [],
      attributes: {},
    };
    await wrapped.createUser(input);
    expect(createUser.mock.calls[0]?.[0]).toEqual({ userName: 'ada@x.test', email: 'ada@x.test' });
    // The caller's object is not changed.
    expect(input).toHaveProperty('isAdmin', false);
  });

  it('fails a batch item with an undeclared field alone, naming it', async () => {
    const { wrapped } = smallProvider();
    const result = await wrapped.createUsers([
      { userName: 'a@x.test', isAdmin: true },
      { userName: 'b@x.test' },
    ]);
    const [refused, created] = result.items;
    expect(refused?.ok === false && refused.error.details?.field).toBe('batch.0.isAdmin');
    expect(created?.ok).toBe(true);
  });
});
