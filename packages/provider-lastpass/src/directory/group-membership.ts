import { echoExcerpt, NotFoundError, ProviderError, type User, type UserRef } from '@provisionkit/core';
import { PROVIDER_ID } from '../client/index.js';
import type { LifecycleDeps } from './lifecycle.js';

const MISSING = /does not exist|no such user|not found/i;

/**
 * `batchchangegrp` for one user. Only real changes are sent (groups the user is not in yet, or is
 * in), so repeats are no-ops without relying on how LastPass answers them; the user is re-read.
 */
export async function changeGroups(
  deps: LifecycleDeps,
  ref: UserRef,
  groups: readonly string[],
  direction: 'add' | 'del',
  signal?: AbortSignal,
): Promise<User> {
  const current = await deps.locator.resolve(ref, signal);
  const member = new Set(current.user.groups);
  const change = [...new Set(groups)].filter((group) => member.has(group) === (direction === 'del'));
  if (change.length === 0) return current.user;
  const { username, id } = current.record;
  const request = direction === 'add' ? { username, add: change } : { username, del: change };
  const result = await deps.client.batchChangeGroups([request], { signal });
  if (result.kind === 'warn') throw warningError(result.errors);
  return (await deps.locator.reread(username, id, signal)).user;
}

/** A WARN for a single-user change: "does not exist" (user or group) is `not_found`. */
function warningError(texts: readonly string[]): NotFoundError | ProviderError {
  const details = {
    cmd: 'batchchangegrp',
    status: 'WARN',
    messages: texts.slice(0, 5).map((text) => echoExcerpt(text, [], 200)),
  };
  return texts.some((text) => MISSING.test(text))
    ? new NotFoundError('LastPass reports that the user or group does not exist', {
        provider: PROVIDER_ID,
        details,
      })
    : new ProviderError('LastPass did not apply the group change', { provider: PROVIDER_ID, details });
}
