import type { GuardVerdict } from '../events/provision-event.js';
import { DEFAULT_MASS_CHANGE_LIMIT, type MassChangeLimit } from './sync-options.js';

/**
 * The guard's verdict for a run: `changes` (deletions plus suspensions) against the limit taken
 * from `base`, the size of the last complete enumeration. Returns whether the run must be held.
 */
export function judgeMassChange(
  limit: MassChangeLimit | undefined,
  input: { readonly deleted: number; readonly suspended: number; readonly base: number },
): { readonly verdict: GuardVerdict; readonly hold: boolean } {
  const changes = input.deleted + input.suspended;
  if (limit === false)
    return { verdict: { changes, limit: Number.MAX_SAFE_INTEGER, base: input.base }, hold: false };
  const maxUsers = limit?.maxUsers ?? DEFAULT_MASS_CHANGE_LIMIT.maxUsers;
  const maxShare = limit?.maxShare ?? DEFAULT_MASS_CHANGE_LIMIT.maxShare;
  const threshold = Math.min(maxUsers, maxShare * input.base);
  return { verdict: { changes, limit: threshold, base: input.base }, hold: changes > threshold };
}
