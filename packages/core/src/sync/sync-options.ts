import { z } from 'zod';
import { IsoTimestamp } from '../model/primitives.js';
import type { SyncProgress } from './sync-progress.js';

/**
 * The mass-change guard: a run that would delete or suspend more than
 * `min(maxUsers, maxShare × users of the last complete enumeration)` is held for approval.
 * `false` turns the guard off for a connection.
 */
export const MassChangeLimit = z.union([
  z.literal(false),
  z.strictObject({
    maxUsers: z.number().int().nonnegative().default(500),
    maxShare: z.number().min(0).max(1).default(0.1),
  }),
]);
export type MassChangeLimit = z.input<typeof MassChangeLimit>;
export const DEFAULT_MASS_CHANGE_LIMIT = { maxUsers: 500, maxShare: 0.1 } as const;

/** Per-connection settings, given to `connect()` or to the engine per call. */
export const SyncSettings = z.strictObject({
  massChange: MassChangeLimit.optional(),
});
export type SyncSettings = z.input<typeof SyncSettings>;

/** Options of one `sync()` call. */
export const SyncOptions = z.strictObject({
  /**
   * `full` enumerates every user and is the only mode that sees deletions. `changes` asks a
   * provider that declares `listUsersChangedSince` for the users changed since the last completed
   * run. `auto` (default) uses `changes` when the provider can, a run completed before, and a full
   * comparison ran within `fullEveryMs`; otherwise `full`.
   */
  mode: z.enum(['auto', 'full', 'changes']).default('auto'),
  /** In `auto` mode, the longest time between two full comparisons. Default 24 hours. */
  fullEveryMs: z
    .number()
    .int()
    .positive()
    .default(24 * 60 * 60 * 1000),
  /** `changes` mode: list changes since this instant instead of the last completed run's start. */
  since: IsoTimestamp.optional(),
  massChange: MassChangeLimit.optional(),
  /** Page size asked of the provider (its default otherwise). */
  pageSize: z.number().int().positive().optional(),
  /** Aborting ends the run as `failed` (`aborted`); nothing is committed. */
  signal: z.instanceof(AbortSignal).optional(),
  /**
   * Called as the directory is listed (at the start, every 100 users, at the end), for a progress
   * display; an observer that throws or rejects is ignored and never changes the run.
   */
  onProgress: z
    .custom<(progress: SyncProgress) => unknown>((value) => typeof value === 'function', 'must be a function')
    .optional(),
});
export type SyncOptions = z.input<typeof SyncOptions>;
export type ParsedSyncOptions = z.output<typeof SyncOptions>;
