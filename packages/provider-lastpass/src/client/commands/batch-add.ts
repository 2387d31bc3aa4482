import { readBatchAddFast } from './batch-add-fast-check.js';
import { BatchAddRequest } from './batch-add-request.js';
import { defineCommand } from './command-spec.js';
import { StatusResponse } from './wire-values.js';

/**
 * Not idempotent: a resend after an unseen success answers "already exists" (or, on accounts where
 * batchadd upserts, rewrites the user) and may send a second invitation email.
 */
export const BATCH_ADD = defineCommand({
  cmd: 'batchadd',
  idempotent: false,
  request: BatchAddRequest,
  fastParse: readBatchAddFast,
  response: StatusResponse,
});
