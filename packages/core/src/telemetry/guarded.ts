/**
 * Runs a telemetry step so that a broken tracer, meter or context manager (a host's own provider
 * that throws) never changes the outcome of the operation it observes, like `onOperation`.
 */
export function guarded<T>(step: () => T, fallback: T): T {
  try {
    return step();
  } catch {
    return fallback;
  }
}

/** `fn` inside `enter` (a context switch); if `enter` itself fails before calling `fn`, `fn` alone. */
export function withinOrPlain<T>(enter: (fn: () => T) => T, fn: () => T): T {
  let entered = false;
  try {
    return enter(() => {
      entered = true;
      return fn();
    });
  } catch (error) {
    if (entered) throw error;
    return fn();
  }
}
