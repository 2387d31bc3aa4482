import { cancellation } from '../cancellation.js';
import type { Clock } from '../clock.js';
import type { LimiterSettings } from './limiter-settings.js';
import type { LimiterFeedback, LimiterPermit, LimiterState } from './limiter-state.js';
import { WindowCounter } from './window-counter.js';

/** How long after a decrease further throttling answers are taken as echoes of the same overload. */
const DECREASE_HOLD_MS = 1000;

interface Waiter {
  readonly resolve: (permit: LimiterPermit) => void;
  readonly reject: (reason: unknown) => void;
  readonly signal: AbortSignal | undefined;
  readonly onAbort: () => void;
}

/**
 * One connection's budget: at most `maxConcurrent` requests in flight, started no faster than the
 * current rate (additive increase, multiplicative decrease; see `LimiterSettings`). Waiters are
 * served in order; a waiter whose signal aborts leaves the queue at once. Retry back-off waits
 * happen outside the limiter, so they hold no slot.
 */
export class AdaptiveLimiter {
  readonly #settings: LimiterSettings;
  readonly #clock: Clock;
  readonly #provider: string;
  readonly #queue: Waiter[] = [];
  readonly #accepted = new WindowCounter();
  #rate: number | null;
  #estimate: number | null = null;
  #inFlight = 0;
  #started = 0;
  #throttled = 0;
  #decreases = 0;
  #lastStartAt = Number.NEGATIVE_INFINITY;
  #lastDecreaseAt = Number.NEGATIVE_INFINITY;
  #lastIncreaseAt = Number.NEGATIVE_INFINITY;
  #rateBoundAt = Number.NEGATIVE_INFINITY;
  #pausedUntil = Number.NEGATIVE_INFINITY;
  #wakeAt: number | null = null;

  constructor(settings: LimiterSettings, clock: Clock, provider: string) {
    this.#settings = settings;
    this.#clock = clock;
    this.#provider = provider;
    this.#rate = settings.maxRequestsPerSecond ?? null;
  }

  get state(): LimiterState {
    return {
      rate: this.#rate,
      ceiling: this.#settings.maxRequestsPerSecond ?? null,
      inFlight: this.#inFlight,
      queued: this.#queue.length,
      started: this.#started,
      throttled: this.#throttled,
      decreases: this.#decreases,
      pausedForMs: Math.max(0, this.#pausedUntil - this.#clock.now()),
    };
  }

  /** Resolves with a permit once a slot is free and the rate allows a start. */
  acquire(signal?: AbortSignal): Promise<LimiterPermit> {
    if (signal?.aborted === true) return Promise.reject(cancellation(signal, this.#provider));
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          const index = this.#queue.indexOf(waiter);
          if (index >= 0) this.#queue.splice(index, 1);
          reject(cancellation(signal!, this.#provider));
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.#queue.push(waiter);
      this.#pump();
    });
  }

  #pump(): void {
    while (this.#queue.length > 0 && this.#inFlight < this.#settings.maxConcurrent) {
      const now = this.#clock.now();
      const paced = this.#rate === null ? Number.NEGATIVE_INFINITY : this.#lastStartAt + 1000 / this.#rate;
      const earliest = Math.max(paced, this.#pausedUntil);
      if (earliest > now) {
        if (paced > now) this.#rateBoundAt = now;
        this.#wakeUpAt(earliest);
        return;
      }
      const waiter = this.#queue.shift()!;
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      this.#start(now, waiter);
    }
  }

  #start(now: number, waiter: Waiter): void {
    this.#inFlight++;
    this.#started++;
    this.#lastStartAt = now;
    let released = false;
    waiter.resolve({
      release: (feedback) => {
        if (released) return;
        released = true;
        this.#inFlight--;
        this.#learn(now, feedback);
        this.#pump();
      },
    });
  }

  // One timer at a time: an earlier wake-up replaces nothing, the pump simply runs again then.
  #wakeUpAt(at: number): void {
    if (this.#wakeAt !== null && this.#wakeAt <= at) return;
    this.#wakeAt = at;
    this.#clock.sleep(at - this.#clock.now()).then(
      () => {
        if (this.#wakeAt === at) this.#wakeAt = null;
        this.#pump();
      },
      () => undefined,
    );
  }

  #learn(startedAt: number, feedback: LimiterFeedback): void {
    const now = this.#clock.now();
    if (!feedback.throttled) {
      this.#accepted.add(now);
      this.#increase(now);
      return;
    }
    this.#throttled++;
    const accepted = this.#accepted.lastSecond(now);
    if (feedback.retryAfterMs !== undefined && accepted === 0) {
      // The server refuses everything: a lockout, not a pace. Everyone waits as it asked.
      const pause = Math.min(Math.max(0, feedback.retryAfterMs), this.#settings.maxPauseMs);
      this.#pausedUntil = Math.max(this.#pausedUntil, now + pause);
    }
    if (this.#settings.adaptive) this.#decrease(now, startedAt, accepted);
  }

  // Only answers to requests started a second or more after the last decrease count. Those sent
  // before it could not have seen it, and servers count in windows of about a second: one overload
  // keeps answering 429 for the rest of its window, and reacting to each of those would collapse
  // the rate for a single overload.
  #decrease(now: number, startedAt: number, accepted: number): void {
    if (startedAt < this.#lastDecreaseAt + DECREASE_HOLD_MS) return;
    // Nothing accepted lately and no rate yet: no evidence of what the server takes (a lone request
    // met a 429). Its retry waits out the back-off; pacing everyone on a guess would only be slower.
    if (accepted === 0 && this.#rate === null) return;
    if (accepted > 0) this.#estimate = accepted;
    const base = accepted > 0 ? accepted : (this.#rate ?? 0);
    const lowered = Math.min(this.#rate ?? Number.POSITIVE_INFINITY, base * this.#settings.decreaseFactor);
    this.#rate = Math.max(this.#settings.minRequestsPerSecond, lowered);
    this.#lastDecreaseAt = now;
    this.#lastIncreaseAt = now;
    this.#decreases++;
  }

  // Additive: a constant step per second, and only while the rate is what holds requests back (a
  // rate that nobody reaches must not grow, or it would allow a burst later).
  #increase(now: number): void {
    const elapsed = Math.min(1000, Math.max(0, now - this.#lastIncreaseAt));
    this.#lastIncreaseAt = now;
    if (!this.#settings.adaptive || this.#rate === null || now - this.#rateBoundAt > 1000) return;
    const step = this.#settings.increaseShare * (this.#estimate ?? this.#rate);
    const ceiling = this.#settings.maxRequestsPerSecond ?? Number.POSITIVE_INFINITY;
    this.#rate = Math.min(ceiling, this.#rate + (step * elapsed) / 1000);
  }
}
