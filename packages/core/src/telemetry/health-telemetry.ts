import {
  type Attributes,
  INVALID_SPAN_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import { z } from 'zod';
import { argumentError } from '../errors/argument-error.js';
import { parseInput } from '../errors/from-zod.js';
import { guarded } from './guarded.js';
import { TELEMETRY_ATTRIBUTES as A, SEMCONV, SPAN_PREFIX } from './telemetry-names.js';
import type { TelemetrySource } from './telemetry-source.js';
import { carryTrace, parentContext } from './trace-carrier.js';

const Label = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'must be a short label');

/** One health check's result (metrics carry the provider, never the tenant). */
export const HealthCheckReport = z.object({
  provider: Label,
  status: z.enum(['valid', 'invalid', 'expired', 'insufficient_permissions', 'unreachable']),
});
export type HealthCheckReport = z.input<typeof HealthCheckReport>;

/** A connection that changed state. */
export const HealthTransitionReport = z.object({
  provider: Label,
  state: z.enum(['healthy', 'unhealthy', 'quarantined']),
});
export type HealthTransitionReport = z.input<typeof HealthTransitionReport>;

export function recordHealthCheck(source: TelemetrySource, report: HealthCheckReport): void {
  const { provider, status } = parseInput(HealthCheckReport, report, {
    argument: 'report',
    what: 'health check',
  });
  guarded(
    () => source.instruments.healthChecks.add(1, { [A.provider]: provider, [A.credentialStatus]: status }),
    undefined,
  );
}

export function recordHealthTransition(source: TelemetrySource, report: HealthTransitionReport): void {
  const { provider, state } = parseInput(HealthTransitionReport, report, {
    argument: 'report',
    what: 'health transition',
  });
  guarded(
    () => source.instruments.healthTransitions.add(1, { [A.provider]: provider, [A.healthState]: state }),
    undefined,
  );
}

/** What an alert notification says about itself when a sink starts sending it. */
export const AlertSendStart = z.object({
  tenant: z.string().min(1).max(128),
  provider: Label,
  kind: Label,
  state: z.enum(['firing', 'resolved']),
  sink: Label,
});
export type AlertSendStart = z.input<typeof AlertSendStart>;

/** One notification handed to one sink: its span (`provisionkit.alert.send`) and its count. */
export interface AlertSendTrace {
  /** The sink's requests made with `signal` become children of the span. Returns `signal`. */
  bind(signal: AbortSignal): AbortSignal;
  /** `errorType`: the failure's code (`unavailable`, `rate_limited`). Later calls do nothing. */
  end(result: { outcome: 'sent' | 'failed'; errorType?: string | undefined }): void;
}

class AlertSendSpan implements AlertSendTrace {
  readonly #source: TelemetrySource;
  readonly #span: Span;
  readonly #attributes: Attributes;
  #ended = false;

  constructor(source: TelemetrySource, start: z.output<typeof AlertSendStart>) {
    this.#source = source;
    this.#attributes = {
      [A.alertKind]: start.kind,
      [A.alertState]: start.state,
      [A.alertSink]: start.sink,
    };
    const attributes = { ...this.#attributes, [A.provider]: start.provider, [A.tenant]: start.tenant };
    this.#span = guarded(
      () =>
        source.tracer.startSpan(
          `${SPAN_PREFIX}alert.send`,
          { kind: SpanKind.INTERNAL, attributes },
          parentContext(undefined),
        ),
      trace.wrapSpanContext(INVALID_SPAN_CONTEXT),
    );
  }

  bind(signal: AbortSignal): AbortSignal {
    if (!(signal instanceof AbortSignal))
      throw argumentError('AlertSendTrace.bind', 'signal', 'must be an AbortSignal');
    const context = trace.setSpan(parentContext(undefined), this.#span);
    carryTrace(signal, { context, source: this.#source });
    return signal;
  }

  end(result: { outcome: 'sent' | 'failed'; errorType?: string | undefined }): void {
    if (this.#ended) return;
    this.#ended = true;
    const outcome: Attributes = {
      ...this.#attributes,
      [A.alertOutcome]: result.outcome,
      ...(result.errorType === undefined ? {} : { [SEMCONV.errorType]: result.errorType }),
    };
    guarded(() => {
      this.#span.setAttributes(outcome);
      if (result.outcome === 'failed') this.#span.setStatus({ code: SpanStatusCode.ERROR });
      this.#span.end();
      this.#source.instruments.alertNotifications.add(1, outcome);
    }, undefined);
  }
}

export function startAlertSend(source: TelemetrySource, start: AlertSendStart): AlertSendTrace {
  return new AlertSendSpan(
    source,
    parseInput(AlertSendStart, start, { argument: 'start', what: 'alert send' }),
  );
}
