import type { MeterProvider, TracerProvider } from '@opentelemetry/api';
import { z } from 'zod';
import { parseInput } from '../errors/from-zod.js';
import { type SyncRunStart, type SyncRunTrace, startSyncRun } from './sync-run-trace.js';
import { type TelemetrySource, telemetrySource } from './telemetry-source.js';
import { recordWebhookDelivery, type WebhookDeliveryReport } from './webhook-delivery.js';

const hasMethod = (name: string) => (value: unknown) =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Record<string, unknown>)[name] === 'function';

/**
 * Where core sends its spans and metrics. Either provider left out means the global one of
 * `@opentelemetry/api` (a no-op until the host registers an SDK). Unknown keys are ignored, so a
 * `Telemetry` (the kit's `kit.telemetry`) is itself valid options.
 */
export const TelemetryOptions = z.object({
  tracerProvider: z
    .custom<TracerProvider>(hasMethod('getTracer'), 'must be a TracerProvider (with getTracer())')
    .optional(),
  meterProvider: z
    .custom<MeterProvider>(hasMethod('getMeter'), 'must be a MeterProvider (with getMeter())')
    .optional(),
});
export type TelemetryOptions = z.input<typeof TelemetryOptions>;

/**
 * The kit's telemetry: its providers, and what the engines above the SPI record (sync runs,
 * webhook deliveries). Bound in the kit's root container under the token of the same name and
 * exposed as `kit.telemetry`.
 */
export interface Telemetry {
  readonly tracerProvider: TracerProvider | undefined;
  readonly meterProvider: MeterProvider | undefined;
  /** Starts the span and metrics of one sync run; end it with `end()` whatever happens. */
  startSyncRun(start: SyncRunStart): SyncRunTrace;
  /** Counts one webhook delivery attempt (and its duration, when given). */
  recordWebhookDelivery(delivery: WebhookDeliveryReport): void;
}

/** Token of the kit's `Telemetry` in its root container. */
export const Telemetry = Symbol.for('@provisionkit/core/Telemetry');

class KitTelemetry implements Telemetry {
  readonly source: TelemetrySource;

  constructor(source: TelemetrySource) {
    this.source = source;
  }

  get tracerProvider(): TracerProvider | undefined {
    return this.source.tracerProvider;
  }

  get meterProvider(): MeterProvider | undefined {
    return this.source.meterProvider;
  }

  startSyncRun(start: SyncRunStart): SyncRunTrace {
    return startSyncRun(this.source, start);
  }

  recordWebhookDelivery(delivery: WebhookDeliveryReport): void {
    recordWebhookDelivery(this.source, delivery);
  }
}

/** Telemetry over these providers; default: the global ones. Bad options fail with `invalid_input`. */
export function createTelemetry(options?: TelemetryOptions): Telemetry {
  return new KitTelemetry(sourceOf(parseTelemetryOptions(options, 'options')));
}

/** Parses options given under `argument` (`options.telemetry`); `undefined` stays `undefined`. */
export function parseTelemetryOptions(options: unknown, argument: string): TelemetryOptions | undefined {
  return parseInput(TelemetryOptions.optional(), options, { argument, what: 'telemetry options' });
}

/** The source for checked options (a `Telemetry` gives its own). */
export function sourceOf(options: TelemetryOptions | undefined): TelemetrySource {
  if (options instanceof KitTelemetry) return options.source;
  return telemetrySource(options?.tracerProvider, options?.meterProvider);
}
