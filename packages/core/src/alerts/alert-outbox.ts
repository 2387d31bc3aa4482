import type { Alert } from './alert.js';

interface Entry {
  readonly alert: Alert;
  attempts: number;
  /** Not sent before (epoch ms): a sink that answered 429 or was down waits. */
  notBefore: number;
}

/**
 * One sink's notifications waiting to be sent, oldest first. A `resolved` whose `firing` was never
 * sent (the sink was down all along) cancels it: the channel hears of neither.
 */
export class AlertOutbox {
  readonly #entries: Entry[] = [];

  get size(): number {
    return this.#entries.length;
  }

  push(alert: Alert): void {
    if (alert.state === 'resolved') {
      const unsent = this.#entries.findIndex(
        (entry) => entry.alert.incidentId === alert.incidentId && entry.alert.state === 'firing',
      );
      if (unsent !== -1) {
        this.#entries.splice(unsent, 1);
        return;
      }
    }
    this.#entries.push({ alert, attempts: 0, notBefore: 0 });
  }

  /** The next notification if the sink may be tried at `now`. */
  next(now: number): Entry | undefined {
    const head = this.#entries[0];
    return head !== undefined && head.notBefore <= now ? head : undefined;
  }

  done(entry: Entry): void {
    const index = this.#entries.indexOf(entry);
    if (index !== -1) this.#entries.splice(index, 1);
  }
}
export type { Entry as OutboxEntry };
