/**
 * What a caller's abort surfaces as. Until core has its `cancelled` error code this is the signal's
 * own reason (an `AbortError` unless the caller chose another), which core's middleware turns into
 * the host-facing error; everything in the toolkit goes through this one function, so adopting the
 * typed error changes nothing else.
 */
export function cancellation(signal: AbortSignal, _provider: string): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

/** Throws the caller's cancellation when `signal` has aborted. */
export function throwIfCancelled(signal: AbortSignal | undefined, provider: string): void {
  if (signal?.aborted === true) throw cancellation(signal, provider);
}
