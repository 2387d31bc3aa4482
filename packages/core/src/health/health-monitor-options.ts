import { z } from 'zod';
import type { Logger } from '../composition/logger.js';
import type { HealthClock } from './health-clock.js';
import type { KitHealth } from './kit-health.js';

const isFunction = (value: unknown) => typeof value === 'function';
const has = (value: unknown, ...names: string[]) =>
  typeof value === 'object' &&
  value !== null &&
  names.every((name) => isFunction((value as Record<string, unknown>)[name]));

/** `createHealthMonitor` options; bad ones fail with `invalid_input` naming the field. */
export const HealthMonitorOptions = z.strictObject({
  /** The kit's health service: `kit.health`. */
  health: z.custom<KitHealth>((value) => has(value, 'due', 'check'), 'must be kit.health'),
  /** Checks running at once in a round. Default 4: a monitor never floods the providers. */
  concurrency: z.number().int().min(1).max(256).default(4),
  /**
   * How often the monitor looks for connections whose check is due. Each connection's own
   * schedule (and jitter) comes from the health policy; this only bounds how late a check runs.
   * Default 30 seconds.
   */
  pollIntervalMs: z
    .number()
    .int()
    .min(10)
    .max(24 * 3_600_000)
    .default(30_000),
  /** Default: the system clock (tests pass the kit's `ManualHealthClock`). */
  clock: z
    .custom<HealthClock>((value) => has(value, 'now', 'sleep'), 'must have now() and sleep()')
    .optional(),
  logger: z.custom<Logger>((value) => has(value, 'child', 'warn'), 'must be a logger').optional(),
});
export type HealthMonitorOptions = z.input<typeof HealthMonitorOptions>;
