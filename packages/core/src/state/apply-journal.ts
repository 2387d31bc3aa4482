import { z } from 'zod';
import { ErrorSummary } from '../events/provision-event.js';
import { IsoTimestamp } from '../model/primitives.js';

/**
 * What became of one action of a plan being applied: `in_flight` is written before the action is
 * sent, `done` or `failed` when its answer came. An action without an entry was never sent.
 */
export const ApplyEntryStatus = z.enum(['in_flight', 'done', 'failed']);
export type ApplyEntryStatus = z.infer<typeof ApplyEntryStatus>;

export const ApplyEntry = z.strictObject({
  actionId: z.string().min(1).max(64),
  status: ApplyEntryStatus,
  /** The account the action created or changed, once known. */
  userId: z.string().min(1).optional(),
  error: ErrorSummary.optional(),
  at: IsoTimestamp,
});
export type ApplyEntry = z.infer<typeof ApplyEntry>;

/** How a finished apply ended. */
export const ApplyOutcome = z.strictObject({
  status: z.enum(['applied', 'partial']),
  done: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
});
export type ApplyOutcome = z.infer<typeof ApplyOutcome>;

/** The journal of one plan's apply: one per plan id, kept after it finished. */
export const ApplyJournal = z.strictObject({
  planId: z.string().min(1),
  /** The plan's digest: a journal only ever continues the very plan it was opened for. */
  planDigest: z.string().min(1),
  status: z.enum(['running', 'finished']),
  startedAt: IsoTimestamp,
  finishedAt: IsoTimestamp.optional(),
  outcome: ApplyOutcome.optional(),
});
export type ApplyJournal = z.infer<typeof ApplyJournal>;

export interface BeginApply {
  readonly planId: string;
  readonly planDigest: string;
  readonly startedAt: string;
  /** Who applies (`host:pid:token`); the lease lets another process take over from a dead owner. */
  readonly owner: string;
  readonly leaseUntil: string;
  readonly isOwnerAlive: (owner: string) => boolean;
}

/**
 * Journals of plans being applied, so a process killed mid-apply can be started again and finish
 * the plan without repeating a write.
 */
export interface ApplyJournalStore {
  /**
   * Opens a plan's journal, atomically: a new one (`resumed: false`), or a `running` one whose
   * lease expired or whose owner is dead, taken over (`resumed: true`). A finished journal is
   * returned as it is, not taken. `ConflictError` with `details.reason` `apply_in_progress` while a
   * live owner holds it, `plan_changed` when the journal of this plan id has another digest.
   */
  beginApply(input: BeginApply): Promise<{ journal: ApplyJournal; resumed: boolean }>;
  /** Extends the lease; `ConflictError` (`lease_lost`) when another owner took the journal over. */
  renewApplyLease(planId: string, owner: string, leaseUntil: string): Promise<void>;
  /** Writes entries (replacing those of the same actions) in one transaction; same lease check. */
  recordApplyEntries(planId: string, owner: string, entries: readonly ApplyEntry[]): Promise<void>;
  /** Entries ordered by action id, after `after` (an action id). */
  listApplyEntries(
    planId: string,
    page: { after?: string | undefined; limit: number },
  ): Promise<ApplyEntry[]>;
  /** Ends a running journal with its outcome (same lease check). */
  finishApply(
    planId: string,
    owner: string,
    input: { readonly finishedAt: string; readonly outcome: ApplyOutcome },
  ): Promise<ApplyJournal>;
  /** Lets go of a running journal without finishing it: the next apply resumes it at once. */
  releaseApply(planId: string, owner: string): Promise<void>;
  getApplyJournal(planId: string): Promise<ApplyJournal | undefined>;
}
