import { describe, expect, it } from 'vitest';
import { NewUser } from '../model/user.js';
import { isEmailAddress, userNameFormatIssue } from './user-name-format.js';

describe('userNameFormatIssue', () => {
  it('accepts any user name for any, and only email addresses for email', () => {
    expect(userNameFormatIssue('any', 'kiosk-7', 'acme')).toBeUndefined();
    expect(userNameFormatIssue('email', 'ada@example.com', 'acme')).toBeUndefined();
    expect(userNameFormatIssue('email', 'kiosk-7', 'acme')).toMatch(/must be an email address/);
  });

  it('names the provider and never repeats the user name', () => {
    const message = userNameFormatIssue('email', 'secret-looking-name', 'lastpass');
    expect(message).toContain('lastpass');
    expect(message).not.toContain('secret-looking-name');
  });

  it('refuses arguments of the wrong type with invalid_input', () => {
    expect(() => userNameFormatIssue('emails' as never, 'a', 'p')).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    expect(() => userNameFormatIssue('email', 5 as never, 'p')).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });
});

describe('isEmailAddress', () => {
  it('agrees with the email field of NewUser', () => {
    for (const text of ['ada@example.com', 'a.b+c@x.test', 'kiosk-7', 'a@b', '@x.test', 'a @x.test', '']) {
      expect(isEmailAddress(text), text).toBe(NewUser.shape.email.safeParse(text).success);
    }
  });
});
