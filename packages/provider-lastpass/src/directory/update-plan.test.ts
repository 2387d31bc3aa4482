import { describe, expect, it } from 'vitest';
import { GetUserDataResponse } from '../client/index.js';
import { planUpdate } from './update-plan.js';
import { mapUserPage } from './user-page.js';

const [current] = mapUserPage(
  GetUserDataResponse.parse({
    Users: { '5': { username: 'mary@example.com', fullname: 'Mary Ann van der Berg' } },
  }),
  'UTC',
);

describe('planUpdate', () => {
  it('recomposes the full name from a new given name or family name', () => {
    expect(planUpdate(current!, { givenName: 'Anne' })).toEqual({ fullname: 'Anne van der Berg' });
    expect(planUpdate(current!, { familyName: 'de Vries' })).toEqual({ fullname: 'Mary Ann de Vries' });
    expect(planUpdate(current!, { givenName: 'Jo', familyName: 'Smith' })).toEqual({ fullname: 'Jo Smith' });
  });

  it('sets displayName as the full name exactly', () => {
    expect(planUpdate(current!, { displayName: 'Dr. M. A. van der Berg' })).toEqual({
      fullname: 'Dr. M. A. van der Berg',
    });
  });

  it('plans no write for values the user already has', () => {
    expect(planUpdate(current!, { givenName: 'Mary Ann', email: 'mary@example.com' })).toEqual({});
  });

  it('renames through userName or email, also to another case', () => {
    expect(planUpdate(current!, { userName: 'm@example.com' })).toEqual({ newUserName: 'm@example.com' });
    expect(planUpdate(current!, { email: 'MARY@example.com' })).toEqual({ newUserName: 'MARY@example.com' });
  });

  it('refuses different userName and email with invalid_input on patch.email', () => {
    expect(() => planUpdate(current!, { userName: 'a@example.com', email: 'b@example.com' })).toThrow(
      expect.objectContaining({
        code: 'invalid_input',
        issues: [expect.objectContaining({ path: 'patch.email' })],
      }),
    );
  });

  it('refuses a userName that is not an email with invalid_input on patch.userName', () => {
    expect(() => planUpdate(current!, { userName: 'mary' })).toThrow(
      expect.objectContaining({
        code: 'invalid_input',
        issues: [expect.objectContaining({ path: 'patch.userName' })],
      }),
    );
  });
});
