import type { Logger } from '../composition/logger.js';
import { NotFoundError } from '../errors/error-classes.js';
import type { StateStore } from '../state/state-store.js';
import type {
  AttemptResult,
  ClaimedDelivery,
  ClaimNewDeliveries,
  WebhookSubscription,
} from '../state/webhook-records.js';
import type { TelemetrySource } from '../telemetry/telemetry-source.js';
import { recordWebhookAttempt } from '../telemetry/webhook-delivery.js';
import {
  type AttemptContext,
  type AttemptReport,
  deliverAttempt,
  type EndpointTarget,
  endpointTarget,
} from './deliver-attempt.js';
import { disabledEventDraft } from './disabled-event.js';
import { GroupSigner, type SignedRequest } from './group-signer.js';

/** What one round did. */
export interface DeliveryRound {
  /** Attempts made (each delivery at most once per round unless a retry fell due within it). */
  readonly attempted: number;
  readonly succeeded: number;
  readonly failed: number;
  /** Endpoints disabled in this round (`410 Gone`, or failing longer than allowed). */
  readonly disabled: number;
}

export interface WorkerSettings {
  readonly store: StateStore;
  readonly logger: Logger | undefined;
  readonly owner: string;
  readonly concurrency: number;
  /** A fixed lease; default: long enough for every claimed delivery to be tried at the worst. */
  readonly leaseMs: number | undefined;
  readonly timeoutMs: number;
  readonly disableAfterMs: number;
  /** Counts each attempt (`provisionkit.webhook.deliveries`). */
  readonly telemetry: TelemetrySource;
  readonly attempt: AttemptContext;
}

// Results written per transaction at most. Each commit waits for the disk (SQLite syncs its log),
// so fewer, larger batches; the age below still bounds how long a result waits.
const FLUSH_SIZE = 1024;
// Deliveries claimed per store call: enough that claiming costs little per delivery, few enough
// that a crash leaves little waiting for its lease to run out. Each claim is a transaction with a
// fixed cost (its commit, the endpoint and counters read and written, ~1 ms): 512 measured 6% less
// CPU per delivery than 256, back to back; the worst-case lease grows from about 7 to 13 minutes.
const CLAIM_MAX = 512;
const LEASE_MARGIN_MS = 30_000;
// Results wait at most this long before they are written, so a crash redelivers little.
const FLUSH_AGE_MS = 200;

/**
 * One delivery round: disables endpoints failing for too long, then sends every delivery due now
 * and every new log event of the enabled endpoints, with at most `concurrency` attempts in flight.
 * Work is claimed as workers free up: due deliveries first (retries, a dead worker's), then new
 * events, which become deliveries already leased to this worker (no claim of their own). Attempts
 * are recorded in batches (one transaction per batch). A delivery whose attempt is not yet
 * recorded when the process dies is claimed again once its lease runs out: at least once, never
 * lost.
 */
export class DeliveryWorker {
  readonly #settings: WorkerSettings;

  constructor(settings: WorkerSettings) {
    this.#settings = settings;
  }

  async round(stopping: () => boolean): Promise<DeliveryRound> {
    const { store } = this.#settings;
    const counts = { attempted: 0, succeeded: 0, failed: 0, disabled: 0 };
    const endpoints = new Map<string, WebhookSubscription>();
    // Endpoints whose new log events may not be deliveries yet: claimed as deliveries go out.
    const fresh: string[] = [];
    for (const subscription of await store.listWebhookSubscriptions({ status: 'enabled' })) {
      if (this.#failingTooLong(subscription)) {
        if (await this.#disable(subscription, 'failing')) counts.disabled += 1;
        continue;
      }
      endpoints.set(subscription.id, subscription);
      fresh.push(subscription.id);
    }
    const queue: ClaimedDelivery[] = [];
    let exhausted = false;
    let claiming: Promise<void> | undefined;
    const refill = (): Promise<void> => {
      claiming ??= this.#claim(queue, fresh).then(
        (full) => {
          exhausted = !full;
          claiming = undefined;
        },
        (error: unknown) => {
          exhausted = true;
          claiming = undefined;
          throw error;
        },
      );
      return claiming;
    };
    const prefetch = (): void => {
      // Claims ahead while the queue runs low, so workers rarely wait for the store.
      if (queue.length < CLAIM_MAX / 2 && !exhausted && !stopping()) {
        refill().catch(() => undefined);
      }
    };
    const wait = async (): Promise<ClaimedDelivery | undefined> => {
      for (;;) {
        if (queue.length > 0) return queue.shift();
        if (exhausted || stopping()) return undefined;
        await refill();
      }
    };
    // Synchronous while the queue has work: no promise per delivery just to take it.
    const take = (): ClaimedDelivery | undefined | Promise<ClaimedDelivery | undefined> => {
      const next = queue.shift();
      prefetch();
      return next ?? wait();
    };
    const targets = new Map<string, EndpointTarget>();
    // For signing ahead: a delivery whose target cannot be made now is signed when it is sent.
    const targetOf = (delivery: ClaimedDelivery): EndpointTarget | undefined => {
      const endpoint = endpoints.get(delivery.subscriptionId);
      if (endpoint?.status !== 'enabled') return undefined;
      try {
        return this.#target(endpoint, targets);
      } catch {
        return undefined;
      }
    };
    const context = this.#settings.attempt;
    const signer = new GroupSigner({
      groupSize: this.#settings.concurrency,
      userAgent: context.userAgent,
      now: context.nowMs,
    });
    const recorder = new AttemptRecorder(this.#settings);
    const work = async (): Promise<void> => {
      for (;;) {
        const taken = take();
        const delivery = taken instanceof Promise ? await taken : taken;
        if (delivery === undefined) return;
        const endpoint =
          endpoints.get(delivery.subscriptionId) ?? (await this.#endpoint(delivery, endpoints));
        if (endpoint?.status !== 'enabled') continue;
        const report = await this.#attempt(delivery, endpoint, targets, (target) =>
          signer.take(delivery, target, queue, targetOf),
        );
        counts.attempted += 1;
        if (report.attempt.outcome === 'succeeded') counts.succeeded += 1;
        else counts.failed += 1;
        this.#count(delivery, report);
        recorder.add(report);
        if (report.gone) {
          endpoints.set(endpoint.id, { ...endpoint, status: 'disabled' });
          if (await this.#disable(endpoint, 'gone', 410)) counts.disabled += 1;
        }
        if (recorder.size >= FLUSH_SIZE || recorder.ageMs >= FLUSH_AGE_MS) await recorder.flush();
      }
    };
    try {
      await Promise.all(Array.from({ length: this.#settings.concurrency }, work));
    } finally {
      signer.clear();
      await recorder.flush();
    }
    return counts;
  }

  /**
   * Claims work for the workers: due deliveries first (retries, and those of a worker that died),
   * then, while there is room, new log events of the `fresh` endpoints, leased as they become
   * deliveries, one endpoint after another. True when the claim was full (more may be due).
   */
  async #claim(queue: ClaimedDelivery[], fresh: string[]): Promise<boolean> {
    const now = this.#settings.attempt.now();
    const { concurrency, timeoutMs, store, owner } = this.#settings;
    const limit = CLAIM_MAX;
    // Every claimed delivery waits behind those queued before it: at worst each batch of
    // `concurrency` takes the whole timeout. The lease covers that, so no other worker takes a
    // delivery this one is about to send.
    const waves = Math.ceil((queue.length + limit) / concurrency) + 1;
    const leaseMs = this.#settings.leaseMs ?? waves * timeoutMs + LEASE_MARGIN_MS;
    const lease = {
      now: now.toISOString(),
      owner,
      leaseUntil: new Date(now.getTime() + leaseMs).toISOString(),
    };
    const due = await store.claimWebhookDeliveries({ ...lease, limit });
    queue.push(...due);
    let room = limit - due.length;
    while (room > 0 && fresh.length > 0) {
      const subscriptionId = fresh.shift()!;
      const created = await claimNew(store, { ...lease, subscriptionId, limit: room });
      queue.push(...created);
      room -= created.length;
      // Not drained yet: its turn comes again after the other endpoints'.
      if (room === 0) fresh.push(subscriptionId);
    }
    return room === 0;
  }

  async #endpoint(
    delivery: ClaimedDelivery,
    endpoints: Map<string, WebhookSubscription>,
  ): Promise<WebhookSubscription | undefined> {
    const found = await this.#settings.store.getWebhookSubscription(delivery.subscriptionId);
    if (found !== undefined) endpoints.set(found.id, found);
    return found;
  }

  /** The endpoint's target, made once per round. */
  #target(endpoint: WebhookSubscription, targets: Map<string, EndpointTarget>): EndpointTarget {
    let target = targets.get(endpoint.id);
    if (target === undefined) {
      target = endpointTarget(this.#settings.attempt, endpoint);
      targets.set(endpoint.id, target);
    }
    return target;
  }

  /** One attempt, never rejecting: a failure of its own is reported as an `internal` one. */
  #attempt(
    delivery: ClaimedDelivery,
    endpoint: WebhookSubscription,
    targets: Map<string, EndpointTarget>,
    sign: (target: EndpointTarget) => SignedRequest,
  ): Promise<AttemptReport> {
    let sent: Promise<AttemptReport>;
    try {
      const target = this.#target(endpoint, targets);
      const signed = target.post === undefined ? undefined : sign(target);
      sent = deliverAttempt(this.#settings.attempt, delivery, target, signed);
    } catch {
      return Promise.resolve(this.#reported(endpoint, delivery, this.#internalFailure(delivery)));
    }
    // Chained, not awaited: no promise of its own for every delivery.
    return sent.then(
      (report) => this.#reported(endpoint, delivery, report),
      () => this.#reported(endpoint, delivery, this.#internalFailure(delivery)),
    );
  }

  /** A stored secret that no longer decodes, say: retried later, and visible in the attempts. */
  #internalFailure(delivery: ClaimedDelivery): AttemptReport {
    const now = this.#settings.attempt.nowMs();
    return {
      attempt: {
        deliveryId: delivery.id,
        attempt: delivery.attempts + 1,
        startedAt: new Date(now).toISOString(),
        durationMs: 0,
        error: 'internal',
        outcome: 'failed',
      },
      next: { status: 'pending', nextAttemptAt: new Date(now + 60_000).toISOString() },
      gone: false,
    };
  }

  /** The report, logged first when the attempt failed. */
  #reported(endpoint: WebhookSubscription, delivery: ClaimedDelivery, report: AttemptReport): AttemptReport {
    if (report.attempt.outcome === 'failed') {
      this.#settings.logger?.warn(
        {
          endpointId: endpoint.id,
          deliveryId: delivery.id,
          eventId: delivery.eventId,
          attempt: report.attempt.attempt,
          statusCode: report.attempt.statusCode,
          error: report.attempt.error,
          next: report.next.status === 'pending' ? report.next.nextAttemptAt : report.next.status,
        },
        'webhook attempt failed',
      );
    }
    return report;
  }

  /** One attempt in the metrics: its outcome, event type, and why it failed (status or reason). */
  #count(delivery: ClaimedDelivery, report: AttemptReport): void {
    const { attempt } = report;
    const delivered = attempt.outcome === 'succeeded';
    const errorType = delivered
      ? undefined
      : attempt.statusCode !== undefined
        ? String(attempt.statusCode)
        : attempt.error;
    recordWebhookAttempt(
      this.#settings.telemetry,
      delivered ? 'delivered' : 'failed',
      delivery.eventType,
      errorType,
      attempt.durationMs,
    );
  }

  #failingTooLong(subscription: WebhookSubscription): boolean {
    if (subscription.failingSince === undefined) return false;
    const since = Date.parse(subscription.failingSince);
    return this.#settings.attempt.now().getTime() - since >= this.#settings.disableAfterMs;
  }

  /** Disables the endpoint with its event; false when another worker did first. */
  async #disable(subscription: WebhookSubscription, reason: 'gone' | 'failing', statusCode?: number) {
    const at = this.#settings.attempt.now().toISOString();
    const { event } = await this.#settings.store.disableWebhookSubscription({
      id: subscription.id,
      reason,
      at,
      event: disabledEventDraft(subscription, reason, at, statusCode),
    });
    if (event !== undefined) {
      this.#settings.logger?.warn(
        { endpointId: subscription.id, reason, failingSince: subscription.failingSince },
        'webhook endpoint disabled',
      );
    }
    return event !== undefined;
  }
}

/** New deliveries of an endpoint; none when it was removed since the round began. */
async function claimNew(store: StateStore, input: ClaimNewDeliveries): Promise<ClaimedDelivery[]> {
  try {
    return await store.claimNewWebhookDeliveries(input);
  } catch (error) {
    if (NotFoundError.is(error)) return [];
    throw error;
  }
}

/** Buffers attempt results and writes them in one transaction per batch, one batch at a time. */
class AttemptRecorder {
  readonly #settings: WorkerSettings;
  #pending: AttemptResult[] = [];
  #oldest = 0;
  #writing: Promise<void> = Promise.resolve();

  constructor(settings: WorkerSettings) {
    this.#settings = settings;
  }

  get size(): number {
    return this.#pending.length;
  }

  /** How long the oldest result has waited to be written (0 when none waits). */
  get ageMs(): number {
    return this.#pending.length === 0 ? 0 : performance.now() - this.#oldest;
  }

  add(result: AttemptResult): void {
    if (this.#pending.length === 0) this.#oldest = performance.now();
    this.#pending.push(result);
  }

  flush(): Promise<void> {
    const batch = this.#pending;
    this.#pending = [];
    this.#writing = this.#writing.then(async () => {
      if (batch.length === 0) return;
      const { lost } = await this.#settings.store.recordWebhookAttempts({
        owner: this.#settings.owner,
        results: batch,
      });
      if (lost.length > 0) {
        // Its lease ran out and another worker took it over: that worker's attempt counts.
        this.#settings.logger?.warn({ deliveries: lost.length }, 'webhook leases lost before recording');
      }
    });
    return this.#writing;
  }
}
