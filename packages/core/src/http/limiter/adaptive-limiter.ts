import { cancellation } from '../cancellation.js';
import type { Clock } from '../clock.js';
import { AimdRate } from './aimd-rate.js';
import type { LimiterSettings } from './limiter-settings.js';
import type { LimiterFeedback, LimiterPermit, LimiterState } from './limiter-state.js';

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
  readonly #rate: AimdRate;
  #inFlight = 0;
  #started = 0;
  #throttled = 0;
  #lastStartAt = Number.NEGATIVE_INFINITY;
  #pausedUntil = Number.NEGATIVE_INFINITY;
  #wake: { readonly at: number; readonly timer: AbortController } | null = null;

  constructor(settings: LimiterSettings, clock: Clock, provider: string) {
    this.#settings = settings;
    this.#clock = clock;
    this.#provider = provider;
    this.#rate = new AimdRate(settings);
  }

  get state(): LimiterState {
    return {
      rate: this.#rate.current,
      ceiling: this.#settings.maxRequestsPerSecond ?? null,
      inFlight: this.#inFlight,
      queued: this.#queue.length,
      started: this.#started,
      throttled: this.#throttled,
      decreases: this.#rate.decreases,
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
          if (this.#queue.length === 0) this.#cancelWake();
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
      const rate = this.#rate.current;
      const paced = rate === null ? Number.NEGATIVE_INFINITY : this.#lastStartAt + 1000 / rate;
      const earliest = Math.max(paced, this.#pausedUntil);
      if (earliest > now) {
        if (paced > now) this.#rate.bound(now);
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

  // One timer at a time: an earlier wake-up replaces a later one, whose timer is cleared. The timer
  // keeps the process alive while someone waits for it, and no longer: it is cleared when the last
  // waiter leaves the queue (its signal aborted).
  #wakeUpAt(at: number): void {
    if (this.#wake !== null && this.#wake.at <= at) return;
    this.#cancelWake();
    const wake = { at, timer: new AbortController() };
    this.#wake = wake;
    this.#clock.sleep(at - this.#clock.now(), wake.timer.signal).then(
      () => {
        if (this.#wake === wake) this.#wake = null;
        this.#pump();
      },
      () => undefined,
    );
  }

  #cancelWake(): void {
    this.#wake?.timer.abort();
    this.#wake = null;
  }

  #learn(startedAt: number, feedback: LimiterFeedback): void {
    const now = this.#clock.now();
    if (!feedback.throttled) {
      this.#rate.accepted(now);
      return;
    }
    this.#throttled++;
    if (feedback.retryAfterMs !== undefined && this.#rate.acceptedLastSecond(now) === 0) {
      // The server refuses everything: a lockout, not a pace. Everyone waits as it asked.
      const pause = Math.min(Math.max(0, feedback.retryAfterMs), this.#settings.maxPauseMs);
      this.#pausedUntil = Math.max(this.#pausedUntil, now + pause);
    }
    this.#rate.throttled(now, startedAt);
  }
}
