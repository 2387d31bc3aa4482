import {
  type BatchResult,
  batchResult,
  ConflictError,
  type NewUser,
  ProviderError,
  type ProvisioningError,
  UnavailableError,
  UnsupportedOperationError,
} from '@provisionkit/core';
import pLimit from 'p-limit';
import { PROVIDER_ID } from '../client/index.js';
import { type BatchSlot, fail, prepareSlots, succeed } from './batch-slots.js';
import { findExisting } from './existence.js';
import { type SendDeps, sendChunk } from './send-chunk.js';

const CHUNKS_IN_FLIGHT = 3;

export interface CreateDeps extends SendDeps {
  /** Items per `batchadd` request. */
  readonly batchSize: number;
  /**
   * Normalized user names a `createUsers` call of this connection is creating right now. A second
   * call for the same name is a conflict: both would pass the check before, and on accounts where
   * `batchadd` updates existing users both would report the user created.
   */
  readonly inFlight: Set<string>;
}

/**
 * Creates users and reports each one's real outcome, whatever `batchadd` does with existing users
 * (warn or silently update). Call budget for N users into a company of M: one check before (a
 * listing, or N lookups when cheaper), ceil(N / batchSize) `batchadd` calls for the users that do
 * not exist, one check after. A user is reported created only when the check after finds it.
 */
export async function createUsers(
  deps: CreateDeps,
  batch: readonly NewUser[],
  signal?: AbortSignal,
): Promise<BatchResult> {
  const slots = prepareSlots(batch);
  const claimed: string[] = [];
  for (const slot of slots) {
    if (slot.result !== undefined) continue;
    if (deps.inFlight.has(slot.key)) fail(slot, beingCreated());
    else claimed.push(slot.key);
  }
  for (const key of claimed) deps.inFlight.add(key);
  try {
    return await createClaimed(deps, slots, signal);
  } finally {
    for (const key of claimed) deps.inFlight.delete(key);
  }
}

async function createClaimed(
  deps: CreateDeps,
  slots: readonly BatchSlot[],
  signal: AbortSignal | undefined,
): Promise<BatchResult> {
  // Slots settle only here, step by step, so each step filters the previous step's open slots.
  const unsettled = (slot: BatchSlot) => slot.result === undefined;
  const checked = slots.filter(unsettled);
  const before = await findExisting(deps.locator, checked, 0, signal);
  for (const slot of checked) {
    if (before.has(slot.key)) fail(slot, alreadyExists());
    else if (slot.wantsAdmin) fail(slot, adminRefused());
  }

  const toSend = checked.filter(unsettled);
  const chunks: BatchSlot[][] = [];
  for (let start = 0; start < toSend.length; start += deps.batchSize) {
    chunks.push(toSend.slice(start, start + deps.batchSize));
  }
  // Up to three chunks in flight: LastPass works on one while this side encodes the next and reads
  // the previous answer, so neither waits on the other (measured: 3 beats 2 by about a sixth; more
  // would only queue at LastPass). Each chunk keeps its own outcome handling (see sendChunk), and
  // the connection limiter (`limits`) still bounds concurrency and rate.
  const inFlight = pLimit(CHUNKS_IN_FLIGHT);
  await Promise.all(chunks.map((chunk) => inFlight(() => sendChunk(deps, chunk, signal))));

  const delivered = toSend.filter((slot) => slot.result === undefined && slot.delivery !== undefined);
  deps.locator.grewBy(delivered.length);
  // Once aborted nothing more is sent, the read-back included: what is not known stays unknown.
  if (signal?.aborted) {
    for (const slot of toSend)
      if (slot.result === undefined) fail(slot, interrupted(slot.delivery === undefined));
  } else {
    await confirm(deps, delivered, signal);
  }
  return batchResult(slots.map((slot) => slot.result!));
}

/** The read-back: only users found now are reported created, with their real id and fields. */
async function confirm(
  deps: CreateDeps,
  slots: readonly BatchSlot[],
  signal: AbortSignal | undefined,
): Promise<void> {
  let after: Awaited<ReturnType<typeof findExisting>>;
  try {
    after = await findExisting(deps.locator, slots, slots.length, signal);
  } catch (error) {
    const failure = signal?.aborted ? interrupted(false) : unconfirmed(error as ProvisioningError);
    for (const slot of slots) fail(slot, failure);
    return;
  }
  for (const slot of slots) {
    const found = after.get(slot.key);
    if (found !== undefined) succeed(slot, found);
    else if (slot.delivery === 'unknown' && slot.unknownError !== undefined) fail(slot, slot.unknownError);
    else fail(slot, missingAfterCreate());
  }
}

/**
 * An item whose outcome an abort left open (`notSent`: it never left; else it may have been
 * created). Unavailable, which core reports as `cancelled` once the operation's signal fired.
 */
function interrupted(notSent: boolean): UnavailableError {
  return new UnavailableError(
    notSent
      ? 'The operation was cancelled before this user was sent'
      : 'The operation was cancelled before LastPass confirmed this user: read before creating it again',
    {
      provider: PROVIDER_ID,
      details: { reason: notSent ? 'cancelled_before_send' : 'cancelled_unconfirmed' },
    },
  );
}

function beingCreated(): ConflictError {
  return new ConflictError('Another createUsers call of this connection is creating this userName', {
    provider: PROVIDER_ID,
    details: { reason: 'creating_concurrently' },
  });
}

function alreadyExists(): ConflictError {
  return new ConflictError('A LastPass user with this userName already exists', {
    provider: PROVIDER_ID,
    details: { reason: 'exists' },
  });
}

function adminRefused(): UnsupportedOperationError {
  return new UnsupportedOperationError('The LastPass API cannot create admins', {
    provider: PROVIDER_ID,
    details: { field: 'isAdmin' },
  });
}

function missingAfterCreate(): ProviderError {
  return new ProviderError('LastPass accepted the user but it does not exist afterwards', {
    provider: PROVIDER_ID,
    details: { reason: 'missing_after_create' },
  });
}

function unconfirmed(cause: ProvisioningError): ProviderError {
  return new ProviderError('LastPass could not be read back to confirm this user was created', {
    provider: PROVIDER_ID,
    retryable: true,
    cause,
    details: { reason: 'unconfirmed', readErrorCode: cause.code },
  });
}
