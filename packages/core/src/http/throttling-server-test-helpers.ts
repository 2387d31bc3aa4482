import type { HttpSender } from './senders/sender.js';
import type { VirtualClock } from './virtual-clock-test-helpers.js';

/** How a server decides that a request is one too many. */
export interface ThrottleModel {
  /** True (and counted) when the request arriving at `now` is accepted. */
  admit(now: number): boolean;
  /** Seconds until a request would be accepted again, as a `Retry-After` would say. */
  waitSeconds(now: number): number;
}

/** At most `perSecond` requests in any one-second window (a sliding log). */
export function slidingWindow(perSecond: number): ThrottleModel {
  const log: number[] = [];
  const prune = (now: number) => {
    while (log.length > 0 && log[0]! <= now - 1000) log.shift();
  };
  return {
    admit(now) {
      prune(now);
      if (log.length >= perSecond) return false;
      log.push(now);
      return true;
    },
    waitSeconds(now) {
      prune(now);
      return Math.max(1, Math.ceil((log[0]! + 1000 - now) / 1000));
    },
  };
}

/** Refills `perSecond` tokens a second into a bucket of `perSecond` (a one-second burst). */
export function tokenBucket(perSecond: number): ThrottleModel {
  let tokens = perSecond;
  let last = 0;
  const refill = (now: number) => {
    tokens = Math.min(perSecond, tokens + ((now - last) * perSecond) / 1000);
    last = now;
  };
  return {
    admit(now) {
      refill(now);
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
    waitSeconds: () => 1,
  };
}

/** At most `perSecond` requests per calendar second (a fixed window, reset on each whole second). */
export function fixedWindow(perSecond: number): ThrottleModel {
  let window = -1;
  let count = 0;
  return {
    admit(now) {
      const current = Math.floor(now / 1000);
      if (current !== window) {
        window = current;
        count = 0;
      }
      if (count >= perSecond) return false;
      count++;
      return true;
    },
    waitSeconds: () => 1,
  };
}

export interface ThrottlingServer {
  readonly sender: HttpSender;
  /** Virtual times at which a request was accepted. */
  readonly accepted: number[];
  readonly throttled: () => number;
}

/**
 * A server on the virtual clock: answers after `latencyMs`, 200 when `model` admits the request
 * and 429 otherwise (with `Retry-After` when `retryAfter` is true).
 */
export function throttlingServer(
  clock: VirtualClock,
  model: ThrottleModel,
  options: { readonly latencyMs: number; readonly retryAfter: boolean },
): ThrottlingServer {
  const accepted: number[] = [];
  let throttled = 0;
  const sender: HttpSender = async (request) => {
    await clock.sleep(options.latencyMs / 2, request.signal);
    const now = clock.now();
    const ok = model.admit(now);
    if (ok) accepted.push(now);
    else throttled++;
    await clock.sleep(options.latencyMs / 2, request.signal);
    const headers = new Headers({ 'content-type': 'application/json' });
    if (!ok && options.retryAfter) headers.set('retry-after', String(model.waitSeconds(now)));
    return { status: ok ? 200 : 429, headers, body: once(ok ? '{"ok":true}' : '{"error":"slow_down"}') };
  };
  return { sender, accepted, throttled: () => throttled };
}

async function* once(text: string): AsyncGenerator<Uint8Array> {
  yield new TextEncoder().encode(text);
}
