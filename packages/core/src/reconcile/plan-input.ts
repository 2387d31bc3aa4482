import { z } from 'zod';
import type { Connection } from '../composition/provision-kit.js';
import { isDesiredUsers } from './desired-users.js';
import { ReconcilePolicy } from './reconcile-policy.js';

const isConnection = (value: unknown) =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { directory?: unknown }).directory === 'object';

/** How far planning got: the connection being listed, and how many of its users were read. */
export interface PlanProgress {
  readonly tenant: string;
  readonly provider: string;
  readonly listed: number;
  /** True once that connection's listing has ended. */
  readonly finished: boolean;
}

/** Users read between two progress reports: often enough to see, rare enough to cost nothing. */
export const PLAN_PROGRESS_EVERY = 100;

/** `kit.plan()` input. */
export const PlanInput = z.strictObject({
  /** A result of `readDesiredUsers`, or an array of desired users (read with it). */
  desired: z.custom<unknown>(
    (value) => isDesiredUsers(value) || Array.isArray(value),
    'must be a result of readDesiredUsers or an array',
  ),
  /** The connections to plan for: the same desired list for each; one per tenant and provider. */
  connections: z
    .array(z.custom<Connection>(isConnection, 'must be a connection opened by this kit'))
    .min(1)
    .max(1000),
  policy: ReconcilePolicy.default(ReconcilePolicy.parse({})),
  /** Page size of the listings (each provider's default otherwise). */
  pageSize: z.number().int().positive().optional(),
  /** Aborting stops the listings; nothing is planned. */
  signal: z.instanceof(AbortSignal).optional(),
  /** Called as each directory is listed (every page or so), for a progress display; never changes the plan. */
  onProgress: z
    .custom<(progress: PlanProgress) => void>((value) => typeof value === 'function', 'must be a function')
    .optional(),
});
export type PlanInput = z.input<typeof PlanInput>;
