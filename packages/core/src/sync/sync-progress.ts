import type { ConnectionKey } from '../state/connection-key.js';

/** How far a sync run's listing got: the connection, its mode, and how many users were read. */
export interface SyncProgress {
  readonly tenant: string;
  readonly provider: string;
  readonly mode: 'full' | 'changes';
  /** Users the listing returned so far (a user listed twice counts twice, as `counts.enumerated`). */
  readonly listed: number;
  /** True once the listing has ended without error or abort. */
  readonly finished: boolean;
}

/** Users read between two progress reports: often enough to see, rare enough to cost nothing. */
export const SYNC_PROGRESS_EVERY = 100;

/**
 * Turns a run's listing count into reports for the caller's observer. The observer only watches:
 * whatever it throws or rejects is swallowed, so a broken progress display never fails a run.
 */
export class SyncProgressReporter {
  readonly #observer: ((progress: SyncProgress) => unknown) | undefined;
  readonly #base: Omit<SyncProgress, 'listed' | 'finished'>;

  constructor(
    observer: ((progress: SyncProgress) => unknown) | undefined,
    key: ConnectionKey,
    mode: 'full' | 'changes',
  ) {
    this.#observer = observer;
    this.#base = { tenant: key.tenant, provider: key.provider, mode };
  }

  /** Called with the running count after each user; reports at 0 and every `SYNC_PROGRESS_EVERY`. */
  listed(count: number): void {
    if (this.#observer !== undefined && count % SYNC_PROGRESS_EVERY === 0) this.#notify(count, false);
  }

  finished(count: number): void {
    if (this.#observer !== undefined) this.#notify(count, true);
  }

  #notify(listed: number, finished: boolean): void {
    try {
      const result = this.#observer?.({ ...this.#base, listed, finished });
      // An async observer's rejection would otherwise be an unhandled rejection in the host.
      if (isThenable(result)) Promise.resolve(result).catch(() => undefined);
    } catch {
      // A progress observer never changes the run.
    }
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function';
}
