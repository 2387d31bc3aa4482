import { CancelledError, type Verb } from '@provisionkit/core';

/** An aborted call fails with `CancelledError` before it touches the store. */
export function throwIfAborted(signal: AbortSignal | undefined, verb: Verb, provider: string): void {
  if (signal?.aborted !== true) return;
  throw new CancelledError(`${verb} was cancelled`, { provider, cause: signal.reason });
}
