import { z } from 'zod';
import { UserName } from '../model/primitives.js';

/**
 * What a plan does beyond creating and updating desired users.
 * - `match`: how a desired row finds its account: `userName` (compared case-insensitively) or
 *   `externalId` (then rows without one are rejected, and the provider must store external ids).
 * - `unmatched`: users in the directory but not in the desired list are left alone (`ignore`, the
 *   default), suspended, or removed. `purge` (irreversible) is never a default: it must be asked for.
 * - `reactivate`: a suspended user who is desired (active) again is reactivated (default true).
 * - `groups`: for rows that state groups, `exact` (default) adds the missing and removes the
 *   others, `add` only adds, `ignore` leaves membership alone.
 * - `keep`: user names never touched (an integration's own admin account, say).
 */
export const ReconcilePolicy = z.strictObject({
  match: z.enum(['userName', 'externalId']).default('userName'),
  unmatched: z.enum(['ignore', 'suspend', 'remove', 'purge']).default('ignore'),
  reactivate: z.boolean().default(true),
  groups: z.enum(['exact', 'add', 'ignore']).default('exact'),
  keep: z.array(UserName).max(10_000).default([]),
});
export type ReconcilePolicy = z.input<typeof ReconcilePolicy>;
export type ParsedReconcilePolicy = z.output<typeof ReconcilePolicy>;
