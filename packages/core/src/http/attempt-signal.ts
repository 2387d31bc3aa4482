import type { Clock } from './clock.js';

/** The abort reason of an attempt that ran out of time. */
export const TIMED_OUT = Symbol('timed out');

/**
 * The signal of one attempt: aborts when the caller's signal does or when `timeoutMs` passes on
 * `clock`. Listeners, not `AbortSignal.any`, so each attempt detaches from a long-lived caller
 * signal when it ends and nothing piles up on it over many requests.
 */
export class AttemptSignal {
  readonly #controller = new AbortController();
  readonly #timer = new AbortController();
  readonly #caller: AbortSignal | undefined;
  readonly #onAbort = () => this.#controller.abort(this.#caller?.reason);

  constructor(caller: AbortSignal | undefined, timeoutMs: number, clock: Clock) {
    this.#caller = caller;
    if (caller?.aborted === true) this.#controller.abort(caller.reason);
    else caller?.addEventListener('abort', this.#onAbort, { once: true });
    clock.sleep(timeoutMs, this.#timer.signal).then(
      () => this.#controller.abort(TIMED_OUT),
      () => undefined,
    );
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** The caller aborted (whatever else happened). */
  get cancelled(): boolean {
    return this.#caller?.aborted === true;
  }

  get timedOut(): boolean {
    return this.#controller.signal.aborted && this.#controller.signal.reason === TIMED_OUT;
  }

  dispose(): void {
    this.#timer.abort();
    this.#caller?.removeEventListener('abort', this.#onAbort);
  }
}
