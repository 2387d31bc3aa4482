import { z } from 'zod';
import type { Logger } from '../composition/logger.js';
import type { StateStore } from '../state/state-store.js';
import { TelemetryOptions } from '../telemetry/telemetry.js';
import type { ResolveAll } from './guarded-lookup.js';
import { RetrySchedule, STANDARD_RETRY_SCHEDULE_MS } from './retry-schedule.js';
import { WebhookUrlPolicy } from './url-policy.js';

const DAY_MS = 24 * 3_600_000;
const isObject = (value: unknown) => typeof value === 'object' && value !== null;
const isFunction = (value: unknown) => typeof value === 'function';

export const WebhookDispatcherOptions = z.strictObject({
  /** Where the events, endpoints and deliveries are (the same store the kit logs to). */
  store: z.custom<StateStore>(isObject, 'must be a StateStore'),
  /** Default: no logging. One warning per failed attempt, one line per disabled endpoint. */
  logger: z.custom<Logger>((value) => isFunction((value as { child?: unknown } | null)?.child)).optional(),
  /** Which URLs and addresses endpoints may use (see `WebhookUrlPolicy`). */
  urlPolicy: WebhookUrlPolicy.default({ allowHttp: false, allowPrivateNetworks: false }),
  /** Attempts in flight at once. Default 16. */
  concurrency: z.number().int().positive().max(1000).default(16),
  /** Longest time one attempt may take, answer included. Default 15 s. */
  timeoutMs: z.number().int().positive().max(300_000).default(15_000),
  /** Bytes of a receiver's answer read at most. Default 4 KiB. */
  maxResponseBytes: z.number().int().nonnegative().max(1_048_576).default(4096),
  /** Delay before each attempt, the first included (see `STANDARD_RETRY_SCHEDULE_MS`, the default). */
  retrySchedule: RetrySchedule.default([...STANDARD_RETRY_SCHEDULE_MS]),
  /** Spread of each retry delay, 0 to 1 (0.2: ±20%). Default 0.2. */
  jitter: z.number().min(0).max(1).default(0.2),
  /** An endpoint whose attempts all failed for this long is disabled. Default 5 days. */
  disableAfterMs: z
    .number()
    .int()
    .positive()
    .default(5 * DAY_MS),
  /** How often a started dispatcher looks for due deliveries when idle. Default 1 s. */
  pollIntervalMs: z.number().int().positive().max(3_600_000).default(1000),
  /**
   * How long a claimed delivery stays this worker's (after a crash, the time before another worker
   * sends it). Default: long enough for every delivery of a claim to be tried at the worst (the
   * timeout for each `concurrency` of them queued) plus 30 s.
   */
  leaseMs: z.number().int().positive().optional(),
  /** The clock deliveries are scheduled by. Default `() => new Date()`. */
  now: z.custom<() => Date>(isFunction, 'must be a function').optional(),
  /** Random numbers in [0, 1) for jitter. Default `Math.random`. */
  random: z.custom<() => number>(isFunction, 'must be a function').optional(),
  /**
   * Resolves endpoint host names, as `dns.lookup` with `all: true` does (the default): a custom
   * resolver, or a fixed one in tests. Every address it returns is checked against `urlPolicy`.
   */
  resolve: z.custom<ResolveAll>(isFunction, 'must be a function').optional(),
  /** `user-agent` of each request. */
  userAgent: z.string().min(1).max(200).default('provisionkit-webhooks'),
  /**
   * Where each attempt is counted (`provisionkit.webhook.deliveries`, `.delivery.duration`): a kit's
   * `kit.telemetry`, or tracer and meter providers. Default: the global OpenTelemetry providers.
   */
  telemetry: TelemetryOptions.optional(),
});
export type WebhookDispatcherOptions = z.input<typeof WebhookDispatcherOptions>;
export type ParsedDispatcherOptions = z.output<typeof WebhookDispatcherOptions>;
