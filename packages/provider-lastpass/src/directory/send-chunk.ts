import {
  InvalidInputError,
  type Logger,
  ProviderError,
  ProvisioningError,
  UnavailableError,
} from '@provisionkit/core';
import type { SettleContext } from '@provisionkit/core/http';
import {
  type LastPassClient,
  type LastPassSettlement,
  type LastPassSuccess,
  READ_BACK_CONFIRMED,
} from '../client/index.js';
import { type BatchSlot, fail } from './batch-slots.js';
import { applyWarnings } from './batch-warnings.js';
import { findExisting } from './existence.js';
import { refuseUnsendable } from './unsendable-items.js';
import type { UserLocator } from './user-locator.js';

export interface SendDeps {
  readonly client: LastPassClient;
  readonly locator: UserLocator;
  readonly logger: Logger;
  /** Literal secrets to keep out of warning excerpts (the provhash). */
  readonly secrets: readonly string[];
}

/**
 * Sends one `batchadd` chunk. `batchadd` is not idempotent: after a failure whose effect is unknown
 * (timeout, dropped connection, 5xx) core's HTTP client never resends it blindly but asks this
 * chunk's settle hook, which reads which users exist now (the lost request created them) and lets
 * only the others be sent again, up to the retry policy's attempts. A resend that is then refused
 * is settled again (a proxy may deliver the lost attempt late, next to the resend). Whatever the
 * client finally throws fails every item still pending, except when an attempt was lost or an
 * answer was not read: then the final read-back decides, and an "already exists" in a resend's
 * answer is not taken as a conflict either.
 */
export async function sendChunk(
  deps: SendDeps,
  chunk: readonly BatchSlot[],
  signal?: AbortSignal,
): Promise<void> {
  let pending = chunk;
  let resent = false;
  for (;;) {
    // Aborted: nothing more is sent; the caller settles what is still open.
    if (signal?.aborted) return;
    const settle = async ({
      attempt,
      error,
      signal: settleSignal,
    }: SettleContext): Promise<LastPassSettlement> => {
      deps.logger.warn(
        { cmd: 'batchadd', users: pending.length, attempt, errorCode: error.code },
        'batchadd outcome unknown: checking which users exist before sending the rest again',
      );
      // A failed check throws: the client then reports the write's outcome as unknown.
      const existing = await findExisting(deps.locator, pending, pending.length, settleSignal);
      for (const slot of pending) if (existing.has(slot.key)) slot.delivery = 'sent';
      pending = pending.filter((slot) => !existing.has(slot.key));
      if (pending.length === 0) return { status: 'applied', value: CONFIRMED };
      resent = true;
      return { status: 'not_applied', resendData: pending.map((slot) => slot.wire) };
    };
    try {
      const result = await deps.client.batchAdd(
        pending.map((slot) => slot.wire),
        { signal, settle },
      );
      for (const slot of pending) slot.delivery = 'sent';
      if (result.kind === 'warn') applyWarnings(pending, result.errors, deps.secrets, { resent });
      return;
    } catch (caught) {
      if (signal?.aborted) return markUnknown(pending, undefined);
      // Refused before sending: items it cannot send fail alone, the others are sent.
      if (InvalidInputError.is(caught) && !resent && refuseUnsendable(pending) > 0) {
        pending = pending.filter((slot) => slot.result === undefined);
        if (pending.length === 0) return;
        continue;
      }
      const error = caught as ProvisioningError;
      // A lost attempt, a refused resend after one, or an answer that was not read (garbled, too
      // large): the command may have run, and the read-back decides.
      if (resent || UnavailableError.is(caught) || answerUnread(caught) || outcomeUnknown(caught)) {
        return markUnknown(pending, error);
      }
      for (const slot of pending) fail(slot, error);
      return;
    }
  }
}

const CONFIRMED: LastPassSuccess = { kind: 'ok', body: { status: 'OK' }, info: [READ_BACK_CONFIRMED] };

function outcomeUnknown(error: unknown): boolean {
  return ProvisioningError.is(error) && error.details?.writeOutcome === 'unknown';
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
