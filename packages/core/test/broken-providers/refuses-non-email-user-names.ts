import type { Capabilities, UserDirectory } from '../../src/index.js';
import { forwardDirectory } from './forward-directory.js';

/**
 * Bug: the API takes only email addresses as user names (the inner mock is configured so), but the
 * declaration keeps the default `userNameFormat: 'any'`: hosts plan creates that fail at apply.
 */
export function refusesNonEmailUserNames(emailOnly: UserDirectory): UserDirectory {
  const capabilities = { ...emailOnly.capabilities, userNameFormat: 'any' } as Capabilities;
  return forwardDirectory(emailOnly, { capabilities });
}
