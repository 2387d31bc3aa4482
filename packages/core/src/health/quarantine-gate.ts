import { untilAborted } from '../async/until-aborted.js';
import { UnavailableError } from '../errors/error-classes.js';
import type { Verb } from '../spi/verbs.js';
import type { HealthClock } from './health-clock.js';
import type { HealthPolicy } from './health-policy.js';

export interface QuarantineGateOptions {
  readonly provider: string;
  /** Read at each operation: the gate holds nothing back once the connection recovers. */
  readonly isQuarantined: () => boolean;
  readonly policy: Pick<HealthPolicy, 'quarantinePaceMs' | 'maxQueuedWhileQuarantined'>;
  readonly clock: HealthClock;
}

/**
 * Slows a quarantined connection instead of refusing it, as Entra does: its operations start one
 * at a time, at least `quarantinePaceMs` apart, so a broken tenant is not hammered, yet an
 * operation the host sends after fixing the credentials still goes through (and its success ends
 * the quarantine at once, without waiting for the next scheduled check). Health checks are never
 * held back. Past `maxQueuedWhileQuarantined` waiting operations, the next is refused with
 * `unavailable` (`details.reason: 'quarantined'`) rather than piling up in memory.
 */
export class QuarantineGate {
  readonly #options: QuarantineGateOptions;
  #tail: Promise<void> = Promise.resolve();
  #queued = 0;
  #lastStart = Number.NEGATIVE_INFINITY;
  #unclaimedRefusals = 0;

  constructor(options: QuarantineGateOptions) {
    this.#options = options;
  }

  /** Operations waiting for their turn now. */
  get queued(): number {
    return this.#queued;
  }

  /** Undefined when the operation may start now; otherwise a wait that ends at its turn (or its signal). */
  admit(operation: Verb, signal: AbortSignal | undefined): Promise<void> | undefined {
    if (operation === 'verifyCredentials' || !this.#options.isQuarantined()) return undefined;
    const { policy, provider } = this.#options;
    if (this.#queued >= policy.maxQueuedWhileQuarantined) {
      this.#unclaimedRefusals += 1;
      return Promise.reject(
        new UnavailableError(
          `The connection is quarantined and ${this.#queued} operations already wait their turn`,
          { provider, retryable: true, details: { reason: 'quarantined', queued: this.#queued } },
        ),
      );
    }
    return this.#turn(signal);
  }

  /**
   * True once for each operation the gate refused: the kit asks it for every `unavailable` outcome,
   * so the gate's own refusals never count as the connection failing (they would keep it
   * quarantined, and hide the real last error). Any `unavailable` may claim a refusal: the count
   * of failures recorded is the same either way.
   */
  claimRefusal(): boolean {
    if (this.#unclaimedRefusals === 0) return false;
    this.#unclaimedRefusals -= 1;
    return true;
  }

  async #turn(signal: AbortSignal | undefined): Promise<void> {
    const { clock, policy } = this.#options;
    this.#queued += 1;
    const previous = this.#tail;
    let release!: () => void;
    this.#tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    try {
      await untilAborted(previous, signal);
      if (this.#options.isQuarantined()) {
        const wait = this.#lastStart + policy.quarantinePaceMs - clock.now().getTime();
        if (wait > 0) await clock.sleep(wait, signal, { keepAlive: true });
      }
      this.#lastStart = clock.now().getTime();
    } finally {
      this.#queued -= 1;
      // An operation that gave up hands its turn on only once the one before it had its own, so
      // the pace holds for those behind it.
      void previous.then(release);
    }
  }
}
