import type { Capabilities, UserDirectory } from '../../src/index.js';
import { forwardDirectory } from './forward-directory.js';

/**
 * Bug (above core): the directory declares `userNameFormat: 'email'` but creates users of any name,
 * so a host trusting the declaration is wrong about what it stored.
 */
export function acceptsNonEmailUserNames(inner: UserDirectory): UserDirectory {
  const capabilities = { ...inner.capabilities, userNameFormat: 'email' } as Capabilities;
  return forwardDirectory(inner, { capabilities });
}
