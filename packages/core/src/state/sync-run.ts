import { z } from 'zod';
import { ErrorSummary, GuardVerdict, SyncCounts, SyncMode, SyncReason } from '../events/provision-event.js';
import { IsoTimestamp } from '../model/primitives.js';

export const SyncStatus = z.enum(['running', 'held', 'completed', 'failed', 'rejected']);
export type SyncStatus = z.infer<typeof SyncStatus>;

/** The record of one sync run: when, how long, what it found, how it ended and why. */
export const SyncRun = z.object({
  id: z.string().min(1),
  tenant: z.string().min(1),
  provider: z.string().min(1),
  mode: SyncMode,
  status: SyncStatus,
  startedAt: IsoTimestamp,
  /** When the run completed, failed, was held, or was approved or rejected after being held. */
  finishedAt: IsoTimestamp.optional(),
  /** Enumeration and comparison time (a held run's wait for approval is not counted). */
  durationMs: z.number().nonnegative().optional(),
  /** `changes` runs: the instant the provider was asked for changes since. */
  since: IsoTimestamp.optional(),
  counts: SyncCounts,
  guard: GuardVerdict.optional(),
  reason: SyncReason.optional(),
  error: ErrorSummary.optional(),
  /** Set when a held run was approved. */
  approvedAt: IsoTimestamp.optional(),
});
export type SyncRun = z.infer<typeof SyncRun>;

export const EMPTY_COUNTS: SyncCounts = Object.freeze({
  enumerated: 0,
  created: 0,
  updated: 0,
  deleted: 0,
  suspended: 0,
  unchanged: 0,
});
