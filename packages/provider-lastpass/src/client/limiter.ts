import pLimit from 'p-limit';
import pThrottle from 'p-throttle';
import type { LastPassLimits } from './client-config.js';

/** Bounds the HTTP exchanges of ONE connection. Each client builds its own: budgets are never shared. */
export interface RequestLimiter {
  /** Runs `task` once a concurrency slot and a rate token are both available. */
  run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  readonly activeCount: number;
  readonly pendingCount: number;
}

/**
 * `promise`, or the signal's reason as soon as it aborts while `waiting()` (the promise is then
 * left to settle on its own). Once the work has started it answers for the abort itself.
 */
function untilAborted<T>(
  promise: Promise<T>,
  signal: AbortSignal | undefined,
  waiting: () => boolean = () => true,
): Promise<T> {
  if (signal === undefined) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      if (!waiting()) return;
      promise.catch(() => undefined);
      reject(signal.reason);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/**
 * Concurrency comes from p-limit and rate from p-throttle (strict mode: a sliding window, so no
 * burst of 2x the rate across a window edge). The rate token is taken inside the concurrency slot,
 * which can only make the effective rate lower, never higher. Retry back-off sleeps happen outside
 * `run`, so a waiting retry holds no slot.
 */
export function createRequestLimiter(limits: LastPassLimits): RequestLimiter {
  const concurrency = pLimit(limits.maxConcurrent);
  // Fractional rates (0.5/s) become "1 per 2000 ms"; whole rates keep their burst within a second.
  const perWindow = Math.max(1, Math.floor(limits.requestsPerSecond));
  const windowMs = (1000 * perWindow) / limits.requestsPerSecond;
  const rateToken = pThrottle({ limit: perWindow, interval: windowMs, strict: true })(() => undefined);

  return {
    run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
      // An abort ends the wait for a slot or a token at once; the queued turn, when it comes, sends
      // nothing (and a token it took is simply not used).
      let started = false;
      return untilAborted(
        concurrency(async () => {
          signal?.throwIfAborted();
          await untilAborted(Promise.resolve(rateToken()), signal);
          signal?.throwIfAborted();
          started = true;
          return task();
        }),
        signal,
        () => !started,
      );
    },
    get activeCount() {
      return concurrency.activeCount;
    },
    get pendingCount() {
      return concurrency.pendingCount;
    },
  };
}
