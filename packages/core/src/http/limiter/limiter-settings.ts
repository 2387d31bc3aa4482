import { z } from 'zod';

/**
 * A connection's request budget. By default the rate adapts: requests start as fast as
 * `maxConcurrent` allows; the first throttling answer (429, 503 or a `Retry-After`) sets a rate
 * just under what the server accepted in the last second, which then grows by a small constant
 * step per second while it is what holds requests back, and shrinks by `decreaseFactor` at each new
 * throttling answer. `maxRequestsPerSecond` is the host's ceiling: the rate never goes above it.
 */
export const LimiterSettings = z.strictObject({
  /** Requests in flight at once. */
  maxConcurrent: z.number().int().min(1).max(256).default(8),
  /** The host's cap on requests started per second (fractions allowed: 0.5 = one every 2 s). */
  maxRequestsPerSecond: z.number().positive().max(100_000).optional(),
  /** Adapt the rate to throttling answers; `false` keeps exactly `maxRequestsPerSecond` (or none). */
  adaptive: z.boolean().default(true),
  /** The adaptive rate never goes below this. */
  minRequestsPerSecond: z.number().positive().max(1000).default(0.2),
  /** Multiplier applied at each new throttling answer. */
  decreaseFactor: z.number().min(0.1).max(0.95).default(0.8),
  /** Growth per second of rate-bound work, as a share of the rate the server last accepted. */
  increaseShare: z.number().positive().max(1).default(0.05),
  /** Longest pause a `Retry-After` imposes on the whole connection (when the server refuses all). */
  maxPauseMs: z.number().int().min(0).max(3_600_000).default(60_000),
});
export type LimiterSettings = z.output<typeof LimiterSettings>;
export type LimiterSettingsInput = z.input<typeof LimiterSettings>;
