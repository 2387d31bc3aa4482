import type { UserDirectory } from '../../src/index.js';
import { forwardDirectory } from './forward-directory.js';

/**
 * Bug (above core): capabilities leave `purgeUser` out, but the directory handed to hosts still runs
 * it, so a host that trusts capabilities is surprised by a purge that happened.
 */
export function undeclaredVerbRuns(wrapped: UserDirectory): UserDirectory {
  return forwardDirectory(wrapped, {
    capabilities: {
      ...wrapped.capabilities,
      verbs: wrapped.capabilities.verbs.filter((verb) => verb !== 'purgeUser'),
    },
  });
}
