import { ConflictError, ProviderError, type User, type UserRef } from '@provisionkit/core';
import { type DeleteAction, type LastPassClient, PROVIDER_ID } from '../client/index.js';
import type { UserLocator } from './user-locator.js';
import type { FoundUser } from './user-page.js';

export interface LifecycleDeps {
  readonly client: LastPassClient;
  readonly locator: UserLocator;
}

/** `disableuser`; a user already disabled is returned as it is (no write). */
export async function suspendUser(deps: LifecycleDeps, ref: UserRef, signal?: AbortSignal): Promise<User> {
  const current = await deps.locator.resolve(ref, signal);
  if (current.record.disabled) return current.user;
  await deps.client.disableUsers([current.record.username], { signal });
  return expectDisabled(deps, current, true, signal);
}

/** `enableuser`; a user who is not disabled is returned as it is (no write). */
export async function reactivateUser(deps: LifecycleDeps, ref: UserRef, signal?: AbortSignal): Promise<User> {
  const current = await deps.locator.resolve(ref, signal);
  if (!current.record.disabled) return current.user;
  await deps.client.enableUsers([current.record.username], { signal });
  return expectDisabled(deps, current, false, signal);
}

/** `deluser` 0: login blocked, data and company membership kept (reversed by `enableuser`). */
export async function deactivateUser(deps: LifecycleDeps, ref: UserRef, signal?: AbortSignal): Promise<User> {
  const current = await deps.locator.resolve(ref, signal);
  if (current.record.disabled) return current.user;
  await deps.client.deleteUser(current.record.username, 0, { signal });
  return expectDisabled(deps, current, true, signal);
}

/** `deluser` 1 (leave the company) or 2 (delete the account). */
export async function deleteUser(
  deps: LifecycleDeps,
  ref: UserRef,
  action: 1 | 2,
  signal?: AbortSignal,
): Promise<void> {
  const current = await deps.locator.resolve(ref, signal);
  await send(deps, current, action, signal);
}

/** `deluser` 3, only for a pending invitation: uninviting anyone else would be a removal in disguise. */
export async function cancelInvitation(
  deps: LifecycleDeps,
  ref: UserRef,
  signal?: AbortSignal,
): Promise<void> {
  const current = await deps.locator.resolve(ref, signal);
  if (current.user.status !== 'invited') {
    throw new ConflictError(`The user is ${current.user.status}, not invited`, {
      provider: PROVIDER_ID,
      details: { status: current.user.status },
    });
  }
  await send(deps, current, 3, signal);
}

async function send(
  deps: LifecycleDeps,
  user: FoundUser,
  action: DeleteAction,
  signal?: AbortSignal,
): Promise<void> {
  await deps.client.deleteUser(user.record.username, action, { signal });
  deps.locator.forget(user.record.id);
}

// The toggle commands answer "success" even for names they did not change: the re-read decides.
async function expectDisabled(deps: LifecycleDeps, user: FoundUser, disabled: boolean, signal?: AbortSignal) {
  const after = await deps.locator.reread(user.record.username, user.record.id, signal);
  if (after.record.disabled !== disabled) {
    throw new ProviderError(`LastPass did not ${disabled ? 'disable' : 'enable'} the user`, {
      provider: PROVIDER_ID,
      details: { reason: 'unchanged', disabled: after.record.disabled },
    });
  }
  return after.user;
}
