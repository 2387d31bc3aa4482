import { z } from 'zod';
import type { Connection } from '../composition/provision-kit.js';
import { MassChangeLimit } from '../sync/sync-options.js';

const isConnection = (value: unknown) =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { directory?: unknown }).directory === 'object';

/** Progress of an apply, after each action that ended (and once at the start). */
export interface ApplyProgress {
  /** Actions in the plan. */
  readonly total: number;
  /** Actions done, those of an earlier interrupted run included. */
  readonly done: number;
  readonly failed: number;
}

/** `kit.apply()` options. */
export const ApplyOptions = z.strictObject({
  /** An open connection for each connection of the plan (same tenant and provider). */
  connections: z
    .array(z.custom<Connection>(isConnection, 'must be a connection opened by this kit'))
    .min(1)
    .max(1000),
  /** Calls (a batch of creates, or one user's changes) in flight at once. Default 4. */
  concurrency: z.number().int().min(1).max(64).default(4),
  /** Users per `createUsers` call; default the provider's `maxBatchSize`, at most 200. */
  batchSize: z.number().int().min(1).max(10_000).optional(),
  /** Checks everything (staleness, the guard, the journal) and writes nothing. */
  dryRun: z.boolean().default(false),
  /** Applies a plan the mass-change guard holds. */
  approveMassChange: z.boolean().default(false),
  /** The guard's limit for every connection of this apply (default: each connection's `sync` setting). */
  massChange: MassChangeLimit.optional(),
  /** Aborting stops sending; what was sent is journaled, and the next apply finishes the plan. */
  signal: z.instanceof(AbortSignal).optional(),
  onProgress: z
    .custom<(progress: ApplyProgress) => void>((value) => typeof value === 'function', 'must be a function')
    .optional(),
  /** How long the journal's claim lasts without renewal (renewed every third). Default 60 s. */
  leaseMs: z.number().int().min(1000).max(3_600_000).default(60_000),
});
export type ApplyOptions = z.input<typeof ApplyOptions>;
export type ParsedApplyOptions = z.output<typeof ApplyOptions>;

/** Largest default batch: small enough to journal and show progress often, large enough to be cheap. */
export const DEFAULT_APPLY_BATCH = 200;
