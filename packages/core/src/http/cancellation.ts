import { CancelledError } from '../errors/error-classes.js';

/**
 * What an aborted signal surfaces as: `CancelledError` (code `cancelled`), never `provider_error`.
 * A signal aborted with a `CancelledError` as its reason keeps it (and its `reason`); otherwise the
 * reason is `aborted`, and core's middleware, which knows whether the caller or the connection's
 * close fired, reports the right one to the host.
 */
export function cancellation(signal: AbortSignal, provider: string): CancelledError {
  if (CancelledError.is(signal.reason)) return signal.reason;
  return new CancelledError(`The ${provider} request was cancelled`, {
    provider,
    reason: 'aborted',
    cause: signal.reason,
  });
}

/** Throws the cancellation when `signal` has aborted. */
export function throwIfCancelled(signal: AbortSignal | undefined, provider: string): void {
  if (signal?.aborted === true) throw cancellation(signal, provider);
}
