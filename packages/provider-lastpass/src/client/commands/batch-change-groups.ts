import { GroupName, UserName } from '@provisionkit/core';
import { z } from 'zod';
import { MAX_BATCH_SIZE } from '../client-config.js';
import { defineCommand } from './command-spec.js';
import { StatusResponse } from './wire-values.js';

export const GroupChange = z
  .strictObject({
    username: UserName,
    add: z.array(GroupName).max(1000).optional(),
    del: z.array(GroupName).max(1000).optional(),
  })
  .refine((change) => (change.add?.length ?? 0) + (change.del?.length ?? 0) > 0, {
    message: 'must add or remove at least one group',
    path: ['add'],
  });
export type GroupChange = z.input<typeof GroupChange>;

/** Must be an array even for one user. */
export const BatchChangeGroupsRequest = z.array(GroupChange).min(1).max(MAX_BATCH_SIZE);

/**
 * Idempotent: membership is a set, adding a present group or removing an absent one leaves the same
 * state. A resend may answer WARN for those no-ops [U], which the caller sees as a partial success.
 */
export const BATCH_CHANGE_GROUPS = defineCommand({
  cmd: 'batchchangegrp',
  idempotent: true,
  request: BatchChangeGroupsRequest,
  response: StatusResponse,
});
