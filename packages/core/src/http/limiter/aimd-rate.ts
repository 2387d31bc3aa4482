import type { LimiterSettings } from './limiter-settings.js';
import { WindowCounter } from './window-counter.js';

/** How long after a decrease further throttling answers are taken as echoes of the same overload. */
const DECREASE_HOLD_MS = 1000;

/**
 * The adaptive rate (additive increase, multiplicative decrease) as a value that learns from each
 * answer: `null` (no pacing) until the first throttling answer that says what the server takes.
 */
export class AimdRate {
  readonly #settings: LimiterSettings;
  readonly #accepted = new WindowCounter();
  #rate: number | null;
  #estimate: number | null = null;
  #decreases = 0;
  #lastDecreaseAt = Number.NEGATIVE_INFINITY;
  #lastIncreaseAt = Number.NEGATIVE_INFINITY;
  #boundAt = Number.NEGATIVE_INFINITY;

  constructor(settings: LimiterSettings) {
    this.#settings = settings;
    this.#rate = settings.maxRequestsPerSecond ?? null;
  }

  get current(): number | null {
    return this.#rate;
  }

  get decreases(): number {
    return this.#decreases;
  }

  /** Requests the server accepted in the last second. */
  acceptedLastSecond(now: number): number {
    return this.#accepted.lastSecond(now);
  }

  /** The rate, not a free slot, is what made a request wait at `now`. */
  bound(now: number): void {
    this.#boundAt = now;
  }

  // Additive: a constant step per second, and only while the rate is what holds requests back (a
  // rate that nobody reaches must not grow, or it would allow a burst later).
  accepted(now: number): void {
    this.#accepted.add(now);
    const elapsed = Math.min(1000, Math.max(0, now - this.#lastIncreaseAt));
    this.#lastIncreaseAt = now;
    if (!this.#settings.adaptive || this.#rate === null || now - this.#boundAt > 1000) return;
    const step = this.#settings.increaseShare * (this.#estimate ?? this.#rate);
    const ceiling = this.#settings.maxRequestsPerSecond ?? Number.POSITIVE_INFINITY;
    this.#rate = Math.min(ceiling, this.#rate + (step * elapsed) / 1000);
  }

  // Only answers to requests started a second or more after the last decrease count. Those sent
  // before it could not have seen it, and servers count in windows of about a second: one overload
  // keeps answering 429 for the rest of its window, and reacting to each of those would collapse
  // the rate for a single overload.
  throttled(now: number, startedAt: number): void {
    if (!this.#settings.adaptive || startedAt < this.#lastDecreaseAt + DECREASE_HOLD_MS) return;
    const accepted = this.#accepted.lastSecond(now);
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
}
