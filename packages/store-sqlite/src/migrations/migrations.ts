import type { Migration } from 'kysely';
import { initialSchema } from './001-initial-schema.js';
import { webhookHealth } from './002-webhook-health.js';
import { pendingClaimIndex } from './003-pending-claim-index.js';
import { connectionHealth } from './004-connection-health.js';
import { applyJournals } from './005-apply-journals.js';
import { snapshotHashIndex } from './006-snapshot-hash-index.js';

/**
 * Every migration this version knows, by name, in order. Names sort in the order they run; a file
 * holding a name not listed here was written by a newer version and is refused.
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '001-initial-schema': initialSchema,
  '002-webhook-health': webhookHealth,
  '003-pending-claim-index': pendingClaimIndex,
  '004-connection-health': connectionHealth,
  '005-apply-journals': applyJournals,
  '006-snapshot-hash-index': snapshotHashIndex,
};
