import {
  type BatchItemResult,
  type BatchResult,
  batchResult,
  type NewUser,
  ProviderError,
  ProvisioningError,
} from '@provisionkit/core';
import type { BulkOutcome, NewHelpdeskAgent } from './helpdesk-api.js';
import { HELPDESK_PROVIDER_ID } from './helpdesk-capabilities.js';
import { mapHelpdeskError } from './map-helpdesk-error.js';
import { toUser } from './to-user.js';

/**
 * `createUsers` over Helpdesk's bulk endpoint (core has already split the batch to `maxBatchSize`).
 * Each item reports what really happened to it: an item refused before sending fails alone, and an
 * item the answer does not account for is a failure, never a presumed success.
 */
export async function createUsersInBulk(
  batch: readonly NewUser[],
  toAgent: (item: NewUser) => NewHelpdeskAgent,
  send: (agents: NewHelpdeskAgent[]) => Promise<BulkOutcome[]>,
): Promise<BatchResult> {
  const results: BatchItemResult[] = [];
  const sent: { index: number; userName: string; agent: NewHelpdeskAgent }[] = [];
  for (const [index, item] of batch.entries()) {
    try {
      sent.push({ index, userName: item.userName, agent: toAgent(item) });
    } catch (error) {
      if (!ProvisioningError.is(error)) throw error;
      results.push({ index, userName: item.userName, ok: false, error });
    }
  }
  // A failure of the whole request rejects. After a timeout Helpdesk may have created some agents
  // anyway: the caller gets `unavailable` and must read (getUser by userName) before resending.
  const outcomes = sent.length === 0 ? [] : await send(sent.map((entry) => entry.agent));
  for (const [position, { index, userName }] of sent.entries()) {
    const outcome = outcomes[position];
    if (outcome !== undefined && 'agent' in outcome) {
      results.push({ index, userName, ok: true, user: toUser(outcome.agent) });
    } else {
      const error = outcome === undefined ? unanswered() : mapHelpdeskError(outcome.failure);
      results.push({ index, userName, ok: false, error });
    }
  }
  return batchResult(results);
}

function unanswered(): ProvisioningError {
  return new ProviderError('Helpdesk did not report this item', { provider: HELPDESK_PROVIDER_ID });
}
