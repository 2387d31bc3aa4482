import type { ConflictError } from '../errors/error-classes.js';
import type { ApplyJournal, BeginApply } from './apply-journal.js';
import { storeConflict } from './store-errors.js';

/** A journal as stores keep it: the public record plus its lease. */
export interface JournalLease {
  readonly journal: ApplyJournal;
  readonly owner: string | undefined;
  readonly leaseUntil: string | undefined;
}

/**
 * What `beginApply` does with the plan's existing journal: `new` (none), `finished` (return it),
 * `resume` (take it over). Throws when a live owner holds it or the digest differs. Shared by
 * every store so they decide alike.
 */
export function applyTakeover(
  existing: JournalLease | undefined,
  input: BeginApply,
): 'new' | 'finished' | 'resume' {
  if (existing === undefined) return 'new';
  if (existing.journal.planDigest !== input.planDigest) {
    throw storeConflict('plan_changed', 'A journal of this plan id holds another plan', {
      planId: input.planId,
    });
  }
  if (existing.journal.status === 'finished') return 'finished';
  const expired = existing.leaseUntil === undefined || existing.leaseUntil < input.startedAt;
  if (!expired && existing.owner !== undefined && input.isOwnerAlive(existing.owner)) {
    throw storeConflict('apply_in_progress', 'Another process is applying this plan', {
      planId: input.planId,
    });
  }
  return 'resume';
}

/**
 * The lease check of every write to a journal: whether `owner` still holds the running journal.
 * When not, stores throw `journalLost(planId)`.
 */
export function ownsJournal(existing: JournalLease | undefined, owner: string): boolean {
  return existing !== undefined && existing.journal.status === 'running' && existing.owner === owner;
}

export function journalLost(planId: string): ConflictError {
  return storeConflict('lease_lost', 'This process no longer holds the journal of the plan', { planId });
}
