import { type Context, context as otelContext } from '@opentelemetry/api';
import { argumentError } from '../errors/argument-error.js';
import type { TelemetrySource } from './telemetry-source.js';

/** What travels with an operation's signal: the span to parent under and where to record. */
export interface CarriedTrace {
  readonly context: Context;
  readonly source?: TelemetrySource | undefined;
}

// Keyed by the signal core hands each operation (a new one per call), so nothing outlives it.
const carried = new WeakMap<AbortSignal, CarriedTrace>();

/**
 * The parent travels with the signal: every provider already passes the signal it was given to
 * its requests, so HTTP attempts find their operation's span without a context manager, and
 * without a provider passing anything else.
 */
export function carryTrace(signal: AbortSignal, trace: CarriedTrace): void {
  carried.set(signal, trace);
}

export function carriedTrace(signal: AbortSignal | undefined): CarriedTrace | undefined {
  return signal === undefined ? undefined : carried.get(signal);
}

/** The explicit context if given, else the one carried by `signal`, else the active context. */
export function parentContext(signal: AbortSignal | undefined, explicit?: Context): Context {
  return explicit ?? carriedTrace(signal)?.context ?? otelContext.active();
}

/** An OpenTelemetry `Context` (what `context.active()` or `trace.setSpan` return). */
export function isContext(value: unknown): value is Context {
  return typeof value === 'object' && value !== null && typeof (value as Context).getValue === 'function';
}

/**
 * Makes the directory operations and HTTP requests called with `signal` children of the span in
 * `context`, with or without a registered context manager. Returns `signal`. Give each traced unit
 * of work its own signal: binding a signal again replaces its context.
 */
export function bindTraceContext(signal: AbortSignal, context: Context): AbortSignal {
  if (!(signal instanceof AbortSignal))
    throw argumentError('bindTraceContext', 'signal', 'must be an AbortSignal');
  if (!isContext(context))
    throw argumentError('bindTraceContext', 'context', 'must be an OpenTelemetry Context');
  carryTrace(signal, { context });
  return signal;
}
