/** The simulator's rate limit: `requestsPerSecond` accepted in any second, 429 beyond. */
export interface SimulatorThrottle {
  readonly requestsPerSecond: number;
  /** Sent as `Retry-After` with every 429 when set (whole seconds). */
  readonly retryAfterSeconds?: number | undefined;
}

const WINDOW_MS = 1000;

/**
 * A sliding one-second window over the requests it accepted: a request is accepted when fewer than
 * `requestsPerSecond` were accepted in the second before it, refused otherwise (refusals do not
 * count, as a real rate limiter that answers 429 cheaply). Timestamps come from the simulator's
 * clock, so a test can drive it.
 */
export class RequestThrottle {
  readonly #limit: number;
  readonly #accepted: number[] = [];
  #head = 0;

  constructor(readonly settings: SimulatorThrottle) {
    this.#limit = Math.max(1, Math.floor(settings.requestsPerSecond));
  }

  /** True when a request arriving at `now` (epoch ms) is within the rate; it then counts. */
  admit(now: number): boolean {
    while (this.#head < this.#accepted.length && this.#accepted[this.#head]! <= now - WINDOW_MS) this.#head++;
    // Drop what slid out now and then, so the window's array stays about `limit` long.
    if (this.#head > 1024) {
      this.#accepted.splice(0, this.#head);
      this.#head = 0;
    }
    if (this.#accepted.length - this.#head >= this.#limit) return false;
    this.#accepted.push(now);
    return true;
  }

  /** Headers of a refusal. */
  get refusalHeaders(): Record<string, string> {
    const seconds = this.settings.retryAfterSeconds;
    return seconds === undefined ? {} : { 'retry-after': String(seconds) };
  }
}
