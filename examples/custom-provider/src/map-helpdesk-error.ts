import { NotFoundError } from '@provisionkit/core';
import type { ErrorMapper } from '@provisionkit/core/http';

/**
 * Helpdesk's one departure from the toolkit's status table: it answers an id that is not a number
 * with `400 invalid_id` instead of 404. No agent has such an id, so the caller gets `not_found`, as
 * for any unknown id (the contract checks it). Any other answer goes on to the default table.
 */
export const mapHelpdeskError: ErrorMapper = (failure) =>
  failure.status === 400 && failure.errorBody?.code === 'invalid_id'
    ? new NotFoundError('Helpdesk has no agent with that id', { provider: failure.provider })
    : undefined;
