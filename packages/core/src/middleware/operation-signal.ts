import { CancelledError, type CancelReason } from '../errors/error-classes.js';
import type { Verb } from '../spi/verbs.js';

/** The signal core hands a provider for one operation, and what it can say once it fired. */
export interface OperationSignal {
  /** Aborts when the caller's signal or the directory's lifetime signal aborts. */
  readonly signal: AbortSignal;
  /** Which of the two fired, once one has. */
  reason(): CancelReason | undefined;
  /** Detaches from the caller's and the lifetime signal: called when the operation has ended. */
  dispose(): void;
}

/**
 * Combines the caller's signal with the directory's lifetime (its connection's close signal).
 * Written with listeners instead of `AbortSignal.any` so that each operation detaches from the
 * long-lived lifetime signal when it ends: nothing accumulates on a connection over millions of calls.
 */
export function operationSignal(
  caller: AbortSignal | undefined,
  lifetime: AbortSignal | undefined,
): OperationSignal {
  const controller = new AbortController();
  const sources = [caller, lifetime].filter((source): source is AbortSignal => source !== undefined);
  const onAbort = (): void => {
    const fired = sources.find((source) => source.aborted);
    if (!controller.signal.aborted) controller.abort(fired?.reason);
  };
  for (const source of sources) {
    if (source.aborted) onAbort();
    else source.addEventListener('abort', onAbort, { once: true });
  }
  return {
    signal: controller.signal,
    reason() {
      if (caller?.aborted === true) return 'aborted';
      if (lifetime?.aborted === true) return 'connection_closed';
      return controller.signal.aborted ? 'aborted' : undefined;
    },
    dispose() {
      for (const source of sources) source.removeEventListener('abort', onAbort);
    },
  };
}

/** The error every operation ends with once its signal fired, whatever the provider threw. */
export function cancelledError(
  operation: Verb,
  provider: string,
  reason: CancelReason,
  cause?: unknown,
): CancelledError {
  const why = reason === 'connection_closed' ? 'its connection was closed' : 'the caller aborted it';
  return new CancelledError(`${operation} was cancelled: ${why}`, {
    provider,
    reason,
    details: { operation },
    ...(cause === undefined ? {} : { cause }),
  });
}
