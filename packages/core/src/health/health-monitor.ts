import type { Connection } from '../composition/provision-kit.js';
import { parseInput } from '../errors/from-zod.js';
import { ProvisioningError } from '../errors/provisioning-error.js';
import { systemHealthClock } from './health-clock.js';
import { HealthMonitorOptions } from './health-monitor-options.js';

/** What one round of checks did. */
export interface HealthRound {
  /** Connections checked (whatever their credentials said). */
  readonly checked: number;
  /** Checks that could not run (the connection closed meanwhile, the round was stopped). */
  readonly skipped: number;
}

/**
 * Checks a kit's connections on their schedule: every `pollIntervalMs` it asks `kit.health.due()`
 * which connections are due (their next check time comes from the health policy, jittered per
 * connection, and from the quarantine schedule) and checks them, `concurrency` at a time.
 */
export interface HealthMonitor {
  /** Checks what is due now, once; resolves when the round is over. Rounds never overlap. */
  runOnce(): Promise<HealthRound>;
  /** Starts the loop; a second call does nothing. */
  start(): void;
  /** Stops the loop, cancelling checks in flight; resolves once they ended. */
  stop(): Promise<void>;
  readonly running: boolean;
}

export function createHealthMonitor(options: HealthMonitorOptions): HealthMonitor {
  const {
    health,
    concurrency,
    pollIntervalMs,
    clock = systemHealthClock,
    logger,
  } = parseInput(HealthMonitorOptions, options, { argument: 'options' });
  let stopper = new AbortController();
  let current: Promise<HealthRound> = Promise.resolve({ checked: 0, skipped: 0 });
  let loop: Promise<void> | undefined;

  async function checkAll(due: Connection[], signal: AbortSignal): Promise<HealthRound> {
    let checked = 0;
    let skipped = 0;
    let next = 0;
    // A few workers take the due connections in turn: at most `concurrency` checks at once.
    const worker = async () => {
      while (next < due.length && !signal.aborted) {
        const connection = due[next++]!;
        try {
          await health.check(connection, { signal });
          checked += 1;
        } catch (error) {
          skipped += 1;
          // Expected when a connection closes mid-round; anything else is worth a line (no secret:
          // only the error's code).
          logger?.warn(
            {
              tenant: connection.context.tenant,
              provider: connection.context.provider,
              errorCode: ProvisioningError.is(error) ? error.code : typeof error,
            },
            'connection health check did not run',
          );
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, due.length) }, worker));
    return { checked, skipped };
  }

  function runOnce(): Promise<HealthRound> {
    const signal = stopper.signal;
    const round = current
      .catch(() => undefined)
      .then(async () =>
        signal.aborted ? { checked: 0, skipped: 0 } : checkAll(await health.due(clock.now()), signal),
      );
    current = round;
    return round;
  }

  async function run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        await runOnce();
        await clock.sleep(pollIntervalMs, signal);
      } catch (error) {
        if (signal.aborted) return;
        logger?.warn(
          { errorCode: ProvisioningError.is(error) ? error.code : typeof error },
          'health round failed',
        );
        await clock.sleep(pollIntervalMs, signal).catch(() => undefined);
      }
    }
  }

  return {
    runOnce,
    get running() {
      return loop !== undefined;
    },
    start() {
      if (loop !== undefined) return;
      stopper = new AbortController();
      loop = run(stopper.signal);
    },
    async stop() {
      stopper.abort(new Error('health monitor stopped'));
      await loop;
      await current.catch(() => undefined);
      loop = undefined;
    },
  };
}
