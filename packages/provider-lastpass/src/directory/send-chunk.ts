import { setTimeout as sleep } from 'node:timers/promises';
import {
  InvalidInputError,
  type Logger,
  ProviderError,
  type ProvisioningError,
  UnavailableError,
} from '@provisionkit/core';
import { delayForAttempt, type LastPassClient, type RetryPolicy } from '../client/index.js';
import { type BatchSlot, fail } from './batch-slots.js';
import { applyWarnings } from './batch-warnings.js';
import { findExisting } from './existence.js';
import { refuseUnsendable } from './unsendable-items.js';
import type { UserLocator } from './user-locator.js';

export interface SendDeps {
  readonly client: LastPassClient;
  readonly locator: UserLocator;
  readonly policy: RetryPolicy;
  readonly logger: Logger;
  /** Literal secrets to keep out of warning excerpts (the provhash). */
  readonly secrets: readonly string[];
}

/**
 * Sends one `batchadd` chunk. `batchadd` is not idempotent, so the client never resends it after a
 * failure whose effect is unknown (timeout, dropped connection, 5xx) and throws `unavailable`
 * instead. Here such a chunk is checked: the users that exist now were created by the lost request,
 * and only the others are sent again, up to the retry policy's attempts. Any other failure fails
 * every item of the chunk with that error, except on a resend: then the lost attempt may still
 * have created the users (a proxy may deliver it late, next to the resend), so the final read-back
 * decides, and an "already exists" in the resend's answer is not taken as a conflict either.
 */
export async function sendChunk(
  deps: SendDeps,
  chunk: readonly BatchSlot[],
  signal?: AbortSignal,
): Promise<void> {
  let pending = chunk;
  for (let attempt = 1; ; attempt++) {
    // Aborted: nothing more is sent; the caller settles what is still open.
    if (signal?.aborted) return;
    let error: ProvisioningError;
    try {
      const result = await deps.client.batchAdd(
        pending.map((slot) => slot.wire),
        { signal },
      );
      for (const slot of pending) slot.delivery = 'sent';
      if (result.kind === 'warn')
        applyWarnings(pending, result.errors, deps.secrets, { resent: attempt > 1 });
      return;
    } catch (caught) {
      if (signal?.aborted) return markUnknown(pending, undefined);
      // Refused before sending: items it cannot send fail alone, the others are sent (not an attempt).
      if (InvalidInputError.is(caught) && refuseUnsendable(pending) > 0) {
        pending = pending.filter((slot) => slot.result === undefined);
        if (pending.length === 0) return;
        attempt -= 1;
        continue;
      }
      if (!UnavailableError.is(caught)) {
        // After a lost attempt, a refused resend says nothing of that attempt; an answer that could
        // not be read (garbled, too large) says nothing of this one: the read-back decides.
        if (attempt > 1 || answerUnread(caught)) return markUnknown(pending, caught as ProvisioningError);
        for (const slot of pending) fail(slot, caught as ProvisioningError);
        return;
      }
      error = caught;
    }
    if (attempt >= deps.policy.maxAttempts) return markUnknown(pending, error);
    try {
      await sleep(delayForAttempt(deps.policy, attempt, error), undefined, { signal });
    } catch {
      return markUnknown(pending, error);
    }
    deps.logger.warn(
      { cmd: 'batchadd', users: pending.length, attempt, errorCode: error.code },
      'batchadd outcome unknown: checking which users exist before sending the rest again',
    );
    let existing: Awaited<ReturnType<typeof findExisting>>;
    try {
      existing = await findExisting(deps.locator, pending, pending.length, signal);
    } catch {
      // Without a reliable check nothing may be resent; the final read-back decides.
      return markUnknown(pending, error);
    }
    for (const slot of pending) if (existing.has(slot.key)) slot.delivery = 'sent';
    pending = pending.filter((slot) => !existing.has(slot.key));
    if (pending.length === 0) return;
  }
}

/** LastPass answered, but what it said was not read: the command may have run. */
function answerUnread(error: unknown): boolean {
  const reason = ProviderError.is(error) ? error.details?.reason : undefined;
  return reason === 'unreadable_body' || reason === 'response_too_large';
}

/** The request may or may not have applied: the read-back decides (`error` if it finds nobody). */
function markUnknown(slots: readonly BatchSlot[], error: ProvisioningError | undefined): void {
  for (const slot of slots) {
    slot.delivery = 'unknown';
    slot.unknownError = error;
  }
}
