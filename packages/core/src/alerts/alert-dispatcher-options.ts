import { z } from 'zod';
import type { Logger } from '../composition/logger.js';
import type { HealthClock } from '../health/health-clock.js';
import type { HealthStore } from '../state/health-store.js';
import type { Telemetry } from '../telemetry/telemetry.js';
import type { AlertSink } from './alert.js';

const isFunction = (value: unknown) => typeof value === 'function';
const has = (value: unknown, ...names: string[]) =>
  typeof value === 'object' &&
  value !== null &&
  names.every((name) => isFunction((value as Record<string, unknown>)[name]));
const MINUTE = 60_000;

const Sink = z.custom<AlertSink>(
  (value) => has(value, 'send') && /^[A-Za-z0-9_.:-]{1,64}$/.test(String((value as AlertSink).name)),
  'must be an AlertSink (a short name and send())',
);

/** `createAlertDispatcher` options; bad ones fail with `invalid_input` naming the field. */
export const AlertDispatcherOptions = z.strictObject({
  /** The kit's state store: alerts are read from its event log, across tenants. */
  store: z.custom<HealthStore>((value) => has(value, 'listEventsByType'), 'must be a StateStore'),
  /** Where notifications go; each gets every one. */
  sinks: z.array(Sink).min(1).max(16),
  /**
   * A group (a connection's health, its held syncs) announces at most one incident per period; one
   * opening sooner waits for the period's end and is dropped if it cleared by then. Default 1 hour.
   */
  minIntervalMs: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60 * MINUTE)
    .default(60 * MINUTE),
  /**
   * Events older than this when read (a dispatcher starting on an old log) open and clear
   * incidents without notifying. Default 1 hour.
   */
  maxEventAgeMs: z
    .number()
    .int()
    .min(0)
    .max(30 * 24 * 60 * MINUTE)
    .default(60 * MINUTE),
  /** Between two rounds of the loop. Default 10 seconds. */
  pollIntervalMs: z
    .number()
    .int()
    .min(10)
    .max(60 * MINUTE)
    .default(10_000),
  /** Sends of one notification to one sink before it is dropped (logged). Default 8. */
  maxAttempts: z.number().int().min(1).max(100).default(8),
  /** Read the log after this cursor; default: from the oldest retained event. */
  after: z.string().min(1).max(200).optional(),
  /** `kit.telemetry`: a span and a count per notification sent. Default: none. */
  telemetry: z.custom<Telemetry>((value) => has(value, 'startAlertSend'), 'must be kit.telemetry').optional(),
  clock: z
    .custom<HealthClock>((value) => has(value, 'now', 'sleep'), 'must have now() and sleep()')
    .optional(),
  logger: z.custom<Logger>((value) => has(value, 'child', 'warn'), 'must be a logger').optional(),
});
export type AlertDispatcherOptions = z.input<typeof AlertDispatcherOptions>;
