import { type UserRef, Verb } from '@provisionkit/core';
import { describe, expect, it } from 'vitest';
import { collect, directory } from '../test/helpers.js';
import type { MockUserDirectory } from './mock-user-directory.js';

/** Calls `verb` on the raw mock with well-formed arguments and `signal`. */
function callWith(mock: MockUserDirectory, verb: Verb, ref: UserRef, signal: AbortSignal): Promise<unknown> {
  const options = { signal };
  switch (verb) {
    case 'listUsers':
      return collect(mock.listUsers(options));
    case 'listUsersChangedSince':
      return collect(mock.listUsersChangedSince({ since: new Date(0).toISOString(), ...options }));
    case 'createUser':
      return mock.createUser({ userName: 'new@example.com' }, options);
    case 'createUsers':
      return mock.createUsers([{ userName: 'new@example.com' }], options);
    case 'updateUser':
      return mock.updateUser(ref, { givenName: 'Changed' }, options);
    case 'addToGroups':
    case 'removeFromGroups':
      return mock[verb](ref, ['eng'], options);
    case 'listGroups':
    case 'verifyCredentials':
      return mock[verb](options);
    default:
      return mock[verb](ref, options);
  }
}

describe('MockUserDirectory', () => {
  describe('signal', () => {
    it.each(Verb.options.map((verb) => [verb]))(
      '%s with an aborted signal fails cancelled and changes nothing',
      async (verb) => {
        const mock = directory({ seed: [{ userName: 'ada@example.com', groups: ['eng'] }] });
        const before = mock.peekUsers();
        const ref = { id: before[0]!.id };
        await expect(callWith(mock, verb, ref, AbortSignal.abort())).rejects.toMatchObject({
          code: 'cancelled',
        });
        expect(mock.peekUsers()).toEqual(before);
      },
    );
  });
});
