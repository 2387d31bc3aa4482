import {
  ConflictError,
  ProviderError,
  sameUserName,
  type User,
  type UserPatch,
  type UserRef,
} from '@provisionkit/core';
import { PROVIDER_ID } from '../client/index.js';
import type { LifecycleDeps } from './lifecycle.js';
import { planUpdate } from './update-plan.js';
import type { FoundUser } from './user-page.js';

const TAKEN = /already (exists|in use)/i;

/** `updateuser` (full name) then `updateemail` (login email), then the user as LastPass has it. */
export async function updateUser(
  deps: LifecycleDeps,
  ref: UserRef,
  patch: UserPatch,
  signal?: AbortSignal,
): Promise<User> {
  const current = await deps.locator.resolve(ref, signal);
  const plan = planUpdate(current, patch);
  const { username, id } = current.record;
  if (plan.fullname !== undefined) {
    await deps.client.updateUser({ username, fullname: plan.fullname }, { signal });
  }
  if (plan.newUserName !== undefined) await renameUser(deps, current, plan.newUserName, signal);
  if (plan.fullname === undefined && plan.newUserName === undefined) return current.user;
  return (await deps.locator.reread(plan.newUserName ?? username, id, signal)).user;
}

/**
 * `updateemail` is not idempotent (once applied, the old name is gone and a resend fails), so the
 * client resends it only after a read-back shows the rename did not happen. A name held by another
 * user is refused before anything is sent.
 */
async function renameUser(
  deps: LifecycleDeps,
  current: FoundUser,
  newUserName: string,
  signal: AbortSignal | undefined,
): Promise<void> {
  const { username, id } = current.record;
  if (!sameUserName(username, newUserName)) {
    const holder = await deps.locator.lookup(newUserName, signal);
    if (holder !== undefined && holder.record.id !== id) throw nameTaken();
  }
  const readBack = async () => (await deps.locator.lookup(newUserName, signal))?.record.id === id;
  try {
    await deps.client.updateEmail(username, newUserName, { readBack, signal });
  } catch (error) {
    if (ProviderError.is(error) && messagesOf(error).some((text) => TAKEN.test(text))) throw nameTaken();
    throw error;
  }
}

function messagesOf(error: ProviderError): string[] {
  const messages = error.details?.messages;
  return Array.isArray(messages) ? messages.filter((text): text is string => typeof text === 'string') : [];
}

function nameTaken(): ConflictError {
  return new ConflictError('Another LastPass user already has this userName', { provider: PROVIDER_ID });
}
