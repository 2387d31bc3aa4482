import { parseInput } from '../errors/from-zod.js';
import { ProvisioningError } from '../errors/provisioning-error.js';
import { systemHealthClock } from '../health/health-clock.js';
import type { AlertSink } from './alert.js';
import { AlertDispatcherOptions } from './alert-dispatcher-options.js';
import { AlertGroups } from './alert-groups.js';
import { AlertOutbox, type OutboxEntry } from './alert-outbox.js';
import { ALERT_EVENT_TYPES, signalOf } from './alert-signal.js';

/** What one round did. */
export interface AlertRound {
  /** Events read from the log. */
  readonly events: number;
  /** Notifications a sink accepted. */
  readonly sent: number;
  /** Sends that failed (tried again later, or dropped when not retryable). */
  readonly failed: number;
  /** Notifications still waiting, over every sink. */
  readonly pending: number;
}

/**
 * Reads health and sync events from the log (every tenant, by cursor, like a webhook consumer)
 * and sends grouped, rate-limited notifications to its sinks: see `AlertGroups` for what is sent.
 */
export interface AlertDispatcher {
  runOnce(): Promise<AlertRound>;
  start(): void;
  stop(): Promise<void>;
  readonly running: boolean;
  /** The cursor of the last event read: pass it as `after` to a later dispatcher. */
  readonly cursor: string | undefined;
}

const PAGE = 200;
const MAX_PAGES_PER_ROUND = 50;
const BACKOFF_MS = [1_000, 5_000, 30_000, 120_000, 600_000];

export function createAlertDispatcher(options: AlertDispatcherOptions): AlertDispatcher {
  const parsed = parseInput(AlertDispatcherOptions, options, { argument: 'options' });
  const { store, sinks, telemetry, logger, maxEventAgeMs, maxAttempts } = parsed;
  const clock = parsed.clock ?? systemHealthClock;
  const groups = new AlertGroups(parsed.minIntervalMs);
  const outboxes = new Map<AlertSink, AlertOutbox>(sinks.map((sink) => [sink, new AlertOutbox()]));
  let cursor = parsed.after;
  let current: Promise<AlertRound> = Promise.resolve({ events: 0, sent: 0, failed: 0, pending: 0 });
  let stopper = new AbortController();
  let loop: Promise<void> | undefined;

  async function read(): Promise<number> {
    let count = 0;
    for (let page = 0; page < MAX_PAGES_PER_ROUND; page++) {
      const events = await store.listEventsByType({ after: cursor, types: ALERT_EVENT_TYPES, limit: PAGE });
      const now = clock.now().getTime();
      for (const event of events) {
        cursor = event.cursor;
        const signal = signalOf(event);
        if (signal === undefined) continue;
        const fresh = now - Date.parse(event.time) <= maxEventAgeMs;
        for (const alert of groups.observe(signal, now, fresh))
          for (const outbox of outboxes.values()) outbox.push(alert);
      }
      count += events.length;
      if (events.length < PAGE) break;
    }
    for (const alert of groups.due(clock.now().getTime()))
      for (const outbox of outboxes.values()) outbox.push(alert);
    return count;
  }

  /** Sends what the sink may take now, in order; stops at its first retryable failure. */
  async function deliver(sink: AlertSink, outbox: AlertOutbox, signal: AbortSignal) {
    let sent = 0;
    let failed = 0;
    for (
      let entry = outbox.next(clock.now().getTime());
      entry !== undefined;
      entry = outbox.next(clock.now().getTime())
    ) {
      if (signal.aborted) break;
      const outcome = await sendOne(sink, entry, signal);
      if (outcome === 'sent') sent += 1;
      else failed += 1;
      if (outcome === 'retry') break;
      outbox.done(entry);
    }
    return { sent, failed };
  }

  async function sendOne(
    sink: AlertSink,
    entry: OutboxEntry,
    signal: AbortSignal,
  ): Promise<'sent' | 'dropped' | 'retry'> {
    const { alert } = entry;
    const trace = telemetry?.startAlertSend({
      tenant: alert.tenant,
      provider: alert.provider,
      kind: alert.kind,
      state: alert.state,
      sink: sink.name,
    });
    const sendSignal = AbortSignal.any([signal]);
    trace?.bind(sendSignal);
    entry.attempts += 1;
    try {
      await sink.send(alert, { signal: sendSignal });
      trace?.end({ outcome: 'sent' });
      return 'sent';
    } catch (error) {
      const code = ProvisioningError.is(error) ? error.code : 'provider_error';
      trace?.end({ outcome: 'failed', errorType: code });
      const retryable = ProvisioningError.is(error) && error.retryable && entry.attempts < maxAttempts;
      const line = {
        sink: sink.name,
        tenant: alert.tenant,
        provider: alert.provider,
        kind: alert.kind,
        errorCode: code,
      };
      if (!retryable) {
        // Dropped: the channel misses this one, the event log still has it.
        logger?.warn({ ...line, attempts: entry.attempts }, 'alert dropped');
        return 'dropped';
      }
      const retryAfterMs = (error as { retryAfterMs?: unknown }).retryAfterMs;
      const wait =
        typeof retryAfterMs === 'number' && retryAfterMs > 0
          ? retryAfterMs
          : BACKOFF_MS[Math.min(entry.attempts - 1, BACKOFF_MS.length - 1)]!;
      entry.notBefore = clock.now().getTime() + wait;
      logger?.warn({ ...line, retryInMs: wait }, 'alert not sent; trying again later');
      return 'retry';
    }
  }

  function runOnce(): Promise<AlertRound> {
    const signal = stopper.signal;
    const round = current
      .catch(() => undefined)
      .then(async () => {
        const events = await read();
        let sent = 0;
        let failed = 0;
        for (const [sink, outbox] of outboxes) {
          const result = await deliver(sink, outbox, signal);
          sent += result.sent;
          failed += result.failed;
        }
        const pending = [...outboxes.values()].reduce((total, outbox) => total + outbox.size, 0);
        return { events, sent, failed, pending };
      });
    current = round;
    return round;
  }

  async function run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      await runOnce().catch((error: unknown) => {
        logger?.warn(
          { errorCode: ProvisioningError.is(error) ? error.code : typeof error },
          'alert round failed',
        );
      });
      await clock.sleep(parsed.pollIntervalMs, signal).catch(() => undefined);
    }
  }

  return {
    runOnce,
    get running() {
      return loop !== undefined;
    },
    get cursor() {
      return cursor;
    },
    start() {
      if (loop !== undefined) return;
      stopper = new AbortController();
      loop = run(stopper.signal);
    },
    async stop() {
      stopper.abort(new Error('alert dispatcher stopped'));
      await loop;
      await current.catch(() => undefined);
      loop = undefined;
    },
  };
}
