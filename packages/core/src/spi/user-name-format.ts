import { z } from 'zod';
import { argumentError, requireString } from '../errors/argument-error.js';
import { sameUserName } from '../model/primitives.js';

/**
 * What a provider's user names must look like: `email` where the login identifier is an email
 * address (LastPass), `any` where any non-empty name is a user name.
 */
export const UserNameFormat = z.enum(['any', 'email']);
export type UserNameFormat = z.infer<typeof UserNameFormat>;

const Email = z.email();
// The pattern `z.email()` checks with, tested directly: core checks every item of large batches and
// every desired row of a plan, where a zod parse per name costs more than the rest of the check.
const EMAIL_PATTERN: RegExp | undefined = Email.def.pattern;

/** Whether `text` is an email address as `NewUser.email` (`z.email()`) accepts one. */
export function isEmailAddress(text: string): boolean {
  if (typeof text !== 'string') return false;
  return EMAIL_PATTERN === undefined ? Email.safeParse(text).success : EMAIL_PATTERN.test(text);
}

/**
 * Why `userName` cannot be a user name of `provider`, which declares `format`, or undefined when it
 * can. The message names the provider but never repeats the user name (it is personal data).
 */
export function userNameFormatIssue(
  format: UserNameFormat,
  userName: string,
  provider: string,
): string | undefined {
  if (!UserNameFormat.safeParse(format).success) {
    throw argumentError('userNameFormatIssue', 'format', "must be 'any' or 'email'");
  }
  const name = requireString('userNameFormatIssue', 'userName', userName);
  const id = requireString('userNameFormatIssue', 'provider', provider);
  if (format === 'any' || isEmailAddress(name)) return undefined;
  return `must be an email address (${id} user names are email addresses)`;
}

/**
 * Why `email` cannot go with `userName` on a provider declaring `emailIsUserName` (one login email,
 * always the user name), or undefined when it can. Never repeats either value (personal data).
 */
export function oneLoginEmailIssue(
  capabilities: { readonly emailIsUserName: boolean },
  userName: string,
  email: string,
  provider: string,
): string | undefined {
  if (!capabilities.emailIsUserName || sameUserName(userName, email)) return undefined;
  return `must equal userName (${provider} keeps one login email, the user name)`;
}
